// _serialize and SerializedPyObject.to_buffer on the CPython C API (see serialize_fastcall.h).
// Arguments are parsed here; C++ exceptions become Python errors as in pybind11's dispatcher:
// error_already_set (which RaiseStatus throws with the errors.h mapping) is restored, anything
// else goes through pybind11's registered translators. Results are wrapped with the pybind11
// type records looked up once at registration.
#include "serialize_fastcall.h"

#include <array>
#include <climits>
#include <stdexcept>

#include "common.h"
#include "fastcall_arguments.h"
#include "serialize_internal.h"
#include "serialized_py_object.h"

namespace arrowpack::python {

namespace {

const py::detail::type_info* serialized_type = nullptr;
const py::detail::type_info* buffer_type = nullptr;

PyObject* Serialize(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 3> parsed;
  if (!ParseArguments("_serialize", std::array{"value", "callback", "native_numpy_scalars"}, 2, args, nargs,
                      kwnames, &parsed)) {
    return nullptr;
  }
  bool native_numpy_scalars = true;
  if (parsed[2] != nullptr) {
    const int truth = PyObject_IsTrue(parsed[2]);
    if (truth < 0) return nullptr;
    native_numpy_scalars = truth != 0;
  }
  return TranslatingExceptions([&]() -> PyObject* {
    const SerializeOptions options{parsed[1], native_numpy_scalars};
    SerializedPyObjectPtr out = WrapSerialized(SerializePyObject(parsed[0], options), py::none());
    return py::detail::type_caster_generic::cast(out.get(), py::return_value_policy::take_ownership, {},
                                                 serialized_type, nullptr, nullptr, &out)
        .ptr();
  });
}

// Whether to_buffer copies enough to be worth releasing the GIL: any array or buffer payload,
// or a big stream. Small objects keep the GIL (releasing and retaking it costs more than the copy).
bool ReleaseGilForCopy(const serialize::SerializedObject& object) {
  constexpr int64_t kSmallStreamBytes = int64_t{1} << 20;
  return !object.tensors.empty() || !object.sparse_tensors.empty() || !object.ndarrays.empty() ||
         !object.buffers.empty() || object.encoded_stream == nullptr ||
         object.encoded_stream->size() >= kSmallStreamBytes;
}

PyObject* ToBuffer(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 1> parsed;
  if (!ParseArguments("to_buffer", std::array{"nthreads"}, 0, args, nargs, kwnames, &parsed)) return nullptr;
  int nthreads = 1;
  if (parsed[0] != nullptr) {
    const long value = PyLong_AsLong(parsed[0]);
    if (value == -1 && PyErr_Occurred()) return nullptr;
    if (value < INT_MIN || value > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "to_buffer(): nthreads does not fit in a C int");
      return nullptr;
    }
    nthreads = static_cast<int>(value);
  }
  return TranslatingExceptions([&]() -> PyObject* {
    // The method descriptor has checked that self is a SerializedPyObject (or a subclass).
    auto* instance = reinterpret_cast<py::detail::instance*>(self);
    const py::detail::value_and_holder holder = instance->get_value_and_holder(serialized_type);
    if (!holder.holder_constructed()) {
      PyErr_SetString(PyExc_TypeError, "to_buffer(): the SerializedPyObject is not initialized");
      return nullptr;
    }
    const serialize::SerializedObject& object = holder.value_ptr<SerializedPyObject>()->object;
    std::shared_ptr<Buffer> buffer =
        ValueOrThrow(CallWithoutGil(ReleaseGilForCopy(object), [&] { return object.ToBuffer(nthreads); }));
    return py::detail::type_caster_generic::cast(buffer.get(), py::return_value_policy::take_ownership, {},
                                                 buffer_type, nullptr, nullptr, &buffer)
        .ptr();
  });
}

PyMethodDef serialize_def = {
    "_serialize", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&Serialize)),
    METH_FASTCALL | METH_KEYWORDS,
    "_serialize(value, callback, native_numpy_scalars=True)\n--\n\n"
    "Encodes value; values without a native encoding go to callback(obj) -> dict."};

PyMethodDef to_buffer_def = {
    "to_buffer", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&ToBuffer)),
    METH_FASTCALL | METH_KEYWORDS,
    "to_buffer($self, /, nthreads=1)\n--\n\n"
    "The whole object in one new Buffer (copies spread over `nthreads`)."};

}  // namespace

void RegisterSerializeFastCalls(py::module_& m, py::handle serialized_class) {
  serialized_type = py::detail::get_type_info(typeid(SerializedPyObject));
  buffer_type = py::detail::get_type_info(typeid(Buffer));
  if (serialized_type == nullptr || buffer_type == nullptr) {
    throw std::runtime_error("serialize_fastcall: SerializedPyObject and Buffer must be registered first");
  }
  py::object module_name = m.attr("__name__");
  py::object function =
      py::reinterpret_steal<py::object>(PyCFunction_NewEx(&serialize_def, nullptr, module_name.ptr()));
  if (!function) throw py::error_already_set();
  m.add_object("_serialize", function);
  auto* type = reinterpret_cast<PyTypeObject*>(serialized_class.ptr());
  py::object method = py::reinterpret_steal<py::object>(PyDescr_NewMethod(type, &to_buffer_def));
  if (!method) throw py::error_already_set();
  serialized_class.attr("to_buffer") = method;
}

}  // namespace arrowpack::python
