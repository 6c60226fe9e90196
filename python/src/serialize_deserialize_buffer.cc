// _deserialize_buffer (see serialize_deserialize_buffer.h). Errors become Python exceptions as
// pybind11 functions raise them (fastcall_arguments.h): Status errors through RaiseStatus
// (errors.h), other C++ exceptions through pybind11's registered translators.
#include "serialize_deserialize_buffer.h"

#include <array>

#include "arrowpack/core/io_memory.h"
#include "common.h"
#include "fastcall_arguments.h"
#include "py_buffer.h"
#include "serialize_internal.h"

namespace arrowpack::python {

namespace {

py::object DeserializeBuffer(py::handle source, py::handle callback) {
  io::BufferReader reader(BufferFromPyObject(source));
  const serialize::SerializedObject object =
      ValueOrThrow(serialize::ReadSerializedObject(&reader, {}, serialize::StreamDecoding::kSequence));
  return DeserializePyObject(object, callback);
}

PyObject* DeserializeBufferEntry(PyObject* /*module*/, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 2> parsed;
  if (!ParseArguments("_deserialize_buffer", std::array{"source", "callback"}, 2, args, nargs, kwnames, &parsed)) {
    return nullptr;
  }
  return TranslatingExceptions([&] { return DeserializeBuffer(parsed[0], parsed[1]).release().ptr(); });
}

PyMethodDef deserialize_buffer_def = {
    "_deserialize_buffer", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&DeserializeBufferEntry)),
    METH_FASTCALL | METH_KEYWORDS,
    "_deserialize_buffer(source, callback)\n--\n\n"
    "_read_serialized(source)._deserialize(callback) for a bytes-like source, in one call."};

}  // namespace

void RegisterDeserializeBuffer(py::module_& m) {
  PyObject* function = PyCFunction_NewEx(&deserialize_buffer_def, nullptr, m.attr("__name__").ptr());
  if (function == nullptr) throw py::error_already_set();
  m.add_object("_deserialize_buffer", py::reinterpret_steal<py::object>(function));
}

}  // namespace arrowpack::python
