#include <sstream>

#include "arrowpack/core/memory_pool.h"
#include "bindings.h"
#include "common.h"

namespace arrowpack::python {

void RegisterMemoryPools(py::module_& m) {
  // Pools are process-wide singletons: Python never deletes them.
  py::class_<MemoryPool, std::unique_ptr<MemoryPool, py::nodelete>>(
      m, "MemoryPool", "An allocator with exact accounting; get one from default_memory_pool() & co.")
      .def("bytes_allocated", &MemoryPool::bytes_allocated, "Bytes currently allocated from this pool.")
      .def("max_memory", &MemoryPool::max_memory, "Peak of bytes_allocated().")
      .def("total_bytes_allocated", &MemoryPool::total_bytes_allocated, "Sum of all allocations ever made.")
      .def("num_allocations", &MemoryPool::num_allocations, "Number of allocations ever made.")
      .def_property_readonly("backend_name", &MemoryPool::backend_name)
      .def("release_unused", &MemoryPool::ReleaseUnused, "Give unused memory back to the OS (best effort).")
      .def("print_stats",
           [](const MemoryPool& pool) {
             py::print("backend:", pool.backend_name(), "bytes_allocated:", pool.bytes_allocated(),
                       "max_memory:", pool.max_memory(), "total_bytes_allocated:", pool.total_bytes_allocated(),
                       "num_allocations:", pool.num_allocations());
           })
      .def("__repr__", [](const MemoryPool& pool) {
        std::ostringstream out;
        out << "<arrowpack.MemoryPool backend_name=" << pool.backend_name()
            << " bytes_allocated=" << pool.bytes_allocated() << " max_memory=" << pool.max_memory() << ">";
        return out.str();
      });

  auto reference = py::return_value_policy::reference;
  m.def("default_memory_pool", &default_memory_pool, reference,
        "The pool used when memory_pool=None (chosen by ARROWPACK_DEFAULT_MEMORY_POOL at startup).");
  m.def("system_memory_pool", &system_memory_pool, reference, "The C library allocator.");
  m.def(
      "mimalloc_memory_pool", [] { return ValueOrThrow(mimalloc_memory_pool()); }, reference,
      "The mimalloc pool; ArrowNotImplementedError when libmimalloc is not installed.");
  m.def(
      "jemalloc_memory_pool",
      []() -> MemoryPool* { RaiseStatus(Status::NotImplemented("jemalloc support is not built into arrowpack")); },
      reference, "Always raises ArrowNotImplementedError: arrowpack has no jemalloc backend.");
  m.def("set_memory_pool", &set_default_memory_pool, py::arg("pool"),
        "Make `pool` the default pool (None restores the startup choice).");
  m.def(
      "total_allocated_bytes", [] { return default_memory_pool()->bytes_allocated(); },
      "Bytes currently allocated from the default pool.");
  m.def("supported_memory_backends", &SupportedMemoryBackendNames,
        "Backend names usable in ARROWPACK_DEFAULT_MEMORY_POOL on this machine.");
}

}  // namespace arrowpack::python
