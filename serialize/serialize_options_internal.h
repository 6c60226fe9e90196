// IPC options of the object format's embedded stream (internal to serialize/): pyarrow's
// defaults (8-byte alignment, V5), with nesting limits high enough for kMaxRecursionDepth
// containers (each adds up to three levels: list, struct, union).
#pragma once

#include "arrowpack/ipc/options.h"
#include "arrowpack/serialize/sequence_writer.h"

namespace arrowpack::serialize::internal {

constexpr int kMaxIpcNesting = 3 * kMaxRecursionDepth + 8;

inline ipc::IpcWriteOptions StreamWriteOptions() {
  ipc::IpcWriteOptions options;
  options.max_recursion_depth = kMaxIpcNesting;
  return options;
}

/// Defaults for components, whose stream was written in this process's format.
inline ipc::IpcReadOptions StreamReadOptions() {
  ipc::IpcReadOptions options;
  options.max_recursion_depth = kMaxIpcNesting;
  return options;
}

}  // namespace arrowpack::serialize::internal
