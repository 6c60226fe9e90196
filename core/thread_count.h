// How many threads arrowpack's parallel work may use (pyarrow's cpu_count / set_cpu_count):
// compressing and decompressing the buffers of an IPC batch. Errors: Invalid for a count below 1.
#pragma once

#include "arrowpack/core/status.h"

namespace arrowpack {

/// Threads one parallel call may use, the calling thread included (at most 8 are used per call
/// whatever this says). Starts as OMP_NUM_THREADS when that is a positive integer, else the
/// machine's hardware threads.
int GetCpuThreadPoolCapacity();

/// Sets the count GetCpuThreadPoolCapacity returns, for the whole process; Invalid if below 1.
Status SetCpuThreadPoolCapacity(int threads);

}  // namespace arrowpack
