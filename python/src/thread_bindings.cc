// cpu_count() and set_cpu_count(): the process-wide count of threads that parallel IPC
// compression and decompression may use (core/thread_count.h). Errors: ValueError for a count
// below 1, TypeError for a non-integer.
#include <pybind11/pybind11.h>

#include "arrowpack/core/thread_count.h"
#include "bindings.h"
#include "common.h"

namespace arrowpack::python {

void RegisterThreadSettings(py::module_& m) {
  m.def("cpu_count", &GetCpuThreadPoolCapacity,
        "Threads a parallel call (IPC body compression and decompression) may use, the caller "
        "included; starts as OMP_NUM_THREADS or the machine's hardware threads.");
  m.def(
      "set_cpu_count",
      [](int count) {
        if (count < 1) throw py::value_error("CPU count must be strictly positive");
        ThrowIfError(SetCpuThreadPoolCapacity(count));
      },
      py::arg("count"), "Sets what cpu_count() returns, for the whole process.");
}

}  // namespace arrowpack::python
