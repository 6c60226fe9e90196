// RecordBatchReader._export_to_c(out_ptr) and RecordBatchReader._import_from_c(in_ptr): the C
// Stream Interface by integer address, as pyarrow spells it (the PyCapsule protocol is in
// capsule_bindings.cc). Exporting hands this reader to the stream (as __arrow_c_stream__ does);
// importing moves the stream into a reader and validates every batch fully. Errors: TypeError,
// OverflowError or ValueError for a bad address (before anything is exported or consumed),
// ArrowInvalid for a released stream or a stream whose schema or batches do not import.
#include "reader_c_pointer.h"

#include <memory>
#include <string>

#include "arrowpack/core/c_data.h"
#include "columnar_register.h"
#include "common.h"

namespace arrowpack::python {

ArrowArrayStream* StreamAtAddress(py::handle address) {
  if (!PyLong_Check(address.ptr())) {
    throw py::type_error("Expected a pointer value, got " + py::repr(py::type::of(address)).cast<std::string>());
  }
  // OverflowError for negative or too large values, with Python's own message (as pyarrow).
  const size_t raw = PyLong_AsSize_t(address.ptr());
  if (raw == static_cast<size_t>(-1) && PyErr_Occurred()) throw py::error_already_set();
  if (raw == 0) throw py::value_error("Null pointer (value before cast = 0)");
  return reinterpret_cast<ArrowArrayStream*>(raw);
}

void RegisterReaderCPointers(py::module_& m) {
  py::object reader_class = m.attr("RecordBatchReader");
  reader_class.attr("_export_to_c") = py::cpp_function(
      [](const std::shared_ptr<RecordBatchReader>& self, py::handle out_ptr) {
        ArrowArrayStream* out = StreamAtAddress(out_ptr);
        ThrowIfError(ExportRecordBatchReader(self, out));
      },
      py::name("_export_to_c"), py::is_method(reader_class), py::arg("out_ptr"),
      "Exports the reader into the ArrowArrayStream at address `out_ptr` (the stream consumes this reader).");
  reader_class.attr("_import_from_c") = py::staticmethod(py::cpp_function(
      [](py::handle in_ptr) {
        return ValueOrThrow(ImportRecordBatchReader(StreamAtAddress(in_ptr), ImportValidation::kFull));
      },
      py::name("_import_from_c"), py::arg("in_ptr"),
      "A reader that takes over the ArrowArrayStream at address `in_ptr` (moved out; the struct is left released)."));
}

}  // namespace arrowpack::python
