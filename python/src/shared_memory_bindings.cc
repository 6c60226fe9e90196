// arrowpack._core's shared-memory primitives (core/shared_memory.h), wrapped by the pure-Python
// arrowpack.shared_memory: open a committed segment (the payload Buffer owns the mapping),
// create one through _SharedMemoryWriter (payload Buffer to write into, commit(), close()), and
// unlink. OS errors arrive as OSError subclasses (FileNotFoundError, FileExistsError), bad
// segments as ArrowInvalid, newer formats as ArrowNotImplementedError.
#include "arrowpack/core/shared_memory.h"
#include "bindings.h"
#include "common.h"

namespace arrowpack::python {

namespace {

using io::SharedMemoryKind;
using io::SharedMemoryWriter;

// The Python face of a writer: close() (or leaving the with block) releases it, which removes
// the segment unless it was committed.
struct PyWriter {
  std::unique_ptr<SharedMemoryWriter> writer;

  SharedMemoryWriter& get() {
    if (!writer) throw py::value_error("shared memory writer is closed");
    return *writer;
  }
};

}  // namespace

void RegisterSharedMemory(py::module_& m) {
  m.def(
      "_shared_memory_open",
      [](const std::string& name) {
        SharedMemoryKind kind = SharedMemoryKind::kBytes;
        std::shared_ptr<Buffer> payload = ValueOrThrow(io::OpenSharedMemory(name, &kind));
        return py::make_tuple(payload, static_cast<uint32_t>(kind));
      },
      py::arg("name"));
  m.def(
      "_shared_memory_unlink", [](const std::string& name) { ThrowIfError(io::UnlinkSharedMemory(name)); },
      py::arg("name"));
  py::class_<PyWriter>(m, "_SharedMemoryWriter")
      .def(py::init([](const std::string& name, int64_t size, uint32_t kind) {
             if (kind > static_cast<uint32_t>(SharedMemoryKind::kSerializedObject)) {
               throw py::value_error("unknown shared memory kind " + std::to_string(kind));
             }
             return PyWriter{ValueOrThrow(SharedMemoryWriter::Create(name, size, static_cast<SharedMemoryKind>(kind)))};
           }),
           py::arg("name"), py::arg("size"), py::arg("kind"))
      .def_property_readonly("payload", [](PyWriter& self) { return self.get().payload(); })
      .def("commit", [](PyWriter& self) { ThrowIfError(self.get().Commit()); })
      .def("close", [](PyWriter& self) { self.writer.reset(); });
}

}  // namespace arrowpack::python
