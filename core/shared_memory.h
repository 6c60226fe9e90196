// Named POSIX shared-memory segments (shm_open + mmap) holding one payload: a serialized value,
// an Arrow IPC stream or plain bytes, for zero-copy hand-over between processes.
//
// Layout: a 64-byte header, then the payload (64-byte aligned, exactly payload_size bytes).
//   0  char[8]  magic "APSHMEM\0"      16 int64  payload_size
//   8  uint32   format version (1)     24 uint32 state: 0 while writing, 1 once committed
//   12 uint32   SharedMemoryKind       28..63 zero
// The state word is stored with release order after the payload, and read with acquire order,
// so a reader never sees a committed segment with a partly written payload; a writer that dies
// before Commit() leaves a segment that every reader refuses.
//
// Lifetimes: mappings are owned by the Buffers handed out (munmap when the last slice dies), so
// readers keep working after the writer closes, exits or the name is unlinked. Names are
// unlinked only by UnlinkSharedMemory (exactly once: a second call is FileNotFoundError) or by a
// writer destroyed before Commit() (it removes its incomplete segment). Segments are created
// with mode 0600 and O_EXCL.
//
// Errors: OS failures are IOError with errno (ENOENT for a segment that does not exist, EEXIST
// when creating over an existing one); an invalid name, a segment that is not ours, is
// incomplete or has inconsistent sizes is Invalid; a newer format version is NotImplemented.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/result.h"

namespace arrowpack::io {

enum class SharedMemoryKind : uint32_t { kBytes = 0, kIpcStream = 1, kSerializedObject = 2 };

constexpr int64_t kSharedMemoryHeaderSize = 64;

class SharedMemoryWriter {
 public:
  /// Creates segment `name` ("name" or "/name", no other '/') of exactly
  /// kSharedMemoryHeaderSize + payload_size bytes, in state "writing".
  static Result<std::unique_ptr<SharedMemoryWriter>> Create(const std::string& name, int64_t payload_size,
                                                            SharedMemoryKind kind);
  /// Unlinks the segment unless it was committed.
  ~SharedMemoryWriter();
  SharedMemoryWriter(const SharedMemoryWriter&) = delete;
  SharedMemoryWriter& operator=(const SharedMemoryWriter&) = delete;

  /// The payload: a mutable buffer over the mapping (keeps it alive).
  const std::shared_ptr<Buffer>& payload() const { return payload_; }
  /// Marks the segment complete; readers may open it from then on. Invalid when called twice.
  Status Commit();
  const std::string& name() const { return name_; }

 private:
  SharedMemoryWriter(std::string name, std::shared_ptr<Buffer> whole, std::shared_ptr<Buffer> payload);
  std::string name_;
  std::shared_ptr<Buffer> whole_;
  std::shared_ptr<Buffer> payload_;
  bool committed_ = false;
};

/// Creates and commits a segment whose payload `write` produces: `write` runs once on a counting
/// sink to size the segment exactly, then on the segment. Invalid if the two runs write different
/// sizes; the segment is removed again on any error. Returns the payload size.
Result<int64_t> WriteSharedMemory(const std::string& name, SharedMemoryKind kind,
                                  const std::function<Status(OutputStream*)>& write);

/// Maps committed segment `name` read-only and returns its payload; `kind` receives its kind.
Result<std::shared_ptr<Buffer>> OpenSharedMemory(const std::string& name, SharedMemoryKind* kind = nullptr);

/// shm_unlink: the name disappears, mappings stay valid until their Buffers die.
Status UnlinkSharedMemory(const std::string& name);

}  // namespace arrowpack::io
