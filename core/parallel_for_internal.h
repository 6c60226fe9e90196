// Internal to arrowpack: runs independent, CPU-bound tasks (one per IPC body buffer to compress or
// decompress) on the calling thread and the process-wide helper threads (core/thread_pool_internal.h).
// Tasks report errors as Status (an exception thrown by a task is passed on as well); the result
// does not depend on thread timing: it is the outcome of the lowest failing index.
#pragma once

#include <cstdint>
#include <functional>

#include "arrowpack/core/status.h"

namespace arrowpack::internal {

/// No more threads than this work on one call (the caller and the pool's helpers), however many
/// cores the machine has.
constexpr int kMaxParallelThreads = 8;

/// Work below this many bytes per thread is not worth starting a thread for.
constexpr int64_t kMinParallelBytesPerThread = int64_t{256} << 10;

/// Threads for `tasks` tasks over `nbytes` bytes in total: 1 when !use_threads, else at most
/// GetCpuThreadPoolCapacity() (core/thread_count.h), kMaxParallelThreads, `tasks` and one per
/// kMinParallelBytesPerThread bytes (at least 1).
int ParallelThreadCount(bool use_threads, int64_t tasks, int64_t nbytes);

/// Calls task(i) for every i in [0, count), on the calling thread and up to num_threads - 1 of the
/// pool's helper threads (fewer when they are busy with other callers' loops or the system refused
/// to start them; none when called from a task running on a helper, so nested calls cannot
/// deadlock). Indices are claimed in increasing order and, once a task has failed, no further
/// index is started. Returns the Status of the lowest failing index (every lower index has run),
/// or OK; when that index threw instead, its exception is rethrown here. Each task must touch only
/// data of its own index; everything it wrote is visible to the caller on return.
Status ParallelFor(int64_t count, int num_threads, const std::function<Status(int64_t)>& task);

}  // namespace arrowpack::internal
