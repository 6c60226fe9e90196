// POSIX descriptor helpers shared by io_file.cc and io_memory_map.cc (not part of the public API).
// Every failure is an IOError carrying the errno of the failed call.
#pragma once

#include <cstdint>
#include <string>

#include "arrowpack/core/result.h"

namespace arrowpack::io::internal {

/// open(2) retried on EINTR, always O_CLOEXEC. Refuses directories with EISDIR, since Linux lets
/// O_RDONLY open them and the failure would otherwise surface later as a confusing read error.
Result<int> OpenDescriptor(const std::string& path, int flags, int create_mode = 0666);

/// IOError(EBADF) unless `fd` refers to an open descriptor.
Status CheckDescriptor(int fd);

/// Size of the file behind `fd` (fstat).
Result<int64_t> DescriptorSize(int fd);

/// close(2); EINTR counts as closed (Linux releases the descriptor before reporting it).
Status CloseDescriptor(int fd);

}  // namespace arrowpack::io::internal
