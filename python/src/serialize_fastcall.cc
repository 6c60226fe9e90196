// _serialize and SerializedPyObject.to_buffer on the CPython C API (see serialize_fastcall.h).
// Arguments are parsed here; C++ exceptions become Python errors as in pybind11's dispatcher:
// error_already_set (which RaiseStatus throws with the errors.h mapping) is restored, anything
// else goes through pybind11's registered translators. SerializedPyObject is a plain CPython
// type (serialized_py_object.h); the Buffer result is made by NewBufferObject (buffer_object.h).
#include "serialize_fastcall.h"

#include <array>
#include <climits>
#include <utility>

#include "buffer_object.h"
#include "common.h"
#include "fastcall_arguments.h"
#include "serialize_internal.h"
#include "serialized_py_object.h"

namespace arrowpack::python {

namespace {

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
    const SerializeOptions options{parsed[1], native_numpy_scalars, {}};
    return SerializeToPython(parsed[0], options).release().ptr();
  });
}

// serialize(value, context=None) itself, so that no Python frame runs per call: the context's
// _serialize_callback and _native_numpy_scalars are read here; context=None takes the default
// context, which the registered getter makes once (serialization.py) and this file keeps.
PyObject* default_context_getter = nullptr;
PyObject* default_context = nullptr;
PyObject* callback_name = nullptr;       // interned "_serialize_callback"
PyObject* numpy_scalars_name = nullptr;  // interned "_native_numpy_scalars"

PyObject* SerializeInContext(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 2> parsed;
  if (!ParseArguments("serialize", std::array{"value", "context"}, 1, args, nargs, kwnames, &parsed)) return nullptr;
  PyObject* context = parsed[1];
  if (context == nullptr || context == Py_None) {
    if (default_context == nullptr) {
      if (default_context_getter == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "serialize: arrowpack.serialization has not set the default context");
        return nullptr;
      }
      default_context = PyObject_CallNoArgs(default_context_getter);
      if (default_context == nullptr) return nullptr;
    }
    context = default_context;
  }
  // A method of the context's class is bound only when the walk first needs it (most values
  // never do); anything else is read now, as before, so that its errors surface here.
  PyObject* method = _PyType_Lookup(Py_TYPE(context), callback_name);
  py::object callback;
  if (method == nullptr || !PyFunction_Check(method)) {
    callback = py::reinterpret_steal<py::object>(PyObject_GetAttr(context, callback_name));
    if (!callback) return nullptr;
  }
  PyObject* numpy_scalars = PyObject_GetAttr(context, numpy_scalars_name);
  if (numpy_scalars == nullptr) return nullptr;
  const int truth = PyObject_IsTrue(numpy_scalars);
  Py_DECREF(numpy_scalars);
  if (truth < 0) return nullptr;
  return TranslatingExceptions([&]() -> PyObject* {
    SerializeOptions options{callback, truth != 0, {}};
    // The walk may rebind the default context (through a callback): keep this one alive.
    const py::object context_ref = py::reinterpret_borrow<py::object>(context);
    if (!callback) options.callback_source = {context, callback_name};
    return SerializeToPython(parsed[0], options).release().ptr();
  });
}

PyObject* SetDefaultContextGetter(PyObject*, PyObject* getter) {
  Py_INCREF(getter);
  Py_XSETREF(default_context_getter, getter);
  Py_CLEAR(default_context);
  Py_RETURN_NONE;
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
    serialize::SerializedObject& object = UnwrapSerialized(self, "to_buffer()").object;
    // serialize(value).to_buffer(): the call holds the only reference, so nothing can see the
    // object afterwards and its laid-out output is handed over instead of copied. From 3.14 on
    // (and without the GIL) the interpreter may call with a borrowed reference, so a count of 1
    // no longer proves that, and the output is always copied.
#if PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
    const bool discarded = Py_REFCNT(self) == 1;
#else
    const bool discarded = false;
#endif
    std::shared_ptr<Buffer> buffer = ValueOrThrow(CallWithoutGil(
        ReleaseGilForCopy(object), [&] { return discarded ? object.TakeBuffer() : object.ToBuffer(nthreads); }));
    return NewBufferObject(std::move(buffer)).release().ptr();
  });
}

PyMethodDef serialize_def = {
    "_serialize", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&Serialize)),
    METH_FASTCALL | METH_KEYWORDS,
    "_serialize(value, callback, native_numpy_scalars=True)\n--\n\n"
    "Encodes value; values without a native encoding go to callback(obj) -> dict."};

// Named "serialize": arrowpack.serialize is this function (added to _core as _serialize_in_context).
PyMethodDef serialize_in_context_def = {
    "serialize", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&SerializeInContext)),
    METH_FASTCALL | METH_KEYWORDS,
    "serialize(value, context=None)\n--\n\n"
    "Serializes ``value`` into a SerializedPyObject (no copy of array data).\n\n"
    "``context`` is the SerializationContext for types the walk cannot encode natively\n"
    "(default: ``default_serialization_context()``)."};

PyMethodDef set_default_context_getter_def = {
    "_set_default_context_getter", &SetDefaultContextGetter, METH_O,
    "_set_default_context_getter(getter)\n--\n\n"
    "getter() -> the context serialize(value) uses, called once (again after the next set)."};

PyMethodDef to_buffer_def = {
    "to_buffer", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&ToBuffer)),
    METH_FASTCALL | METH_KEYWORDS,
    "to_buffer($self, /, nthreads=1)\n--\n\n"
    "The whole object in one new Buffer (copies spread over `nthreads`)."};

}  // namespace

void RegisterSerializeFastCalls(py::module_& m, py::handle serialized_class) {
  InitBufferObjects();
  py::object module_name = m.attr("__name__");
  py::object function =
      py::reinterpret_steal<py::object>(PyCFunction_NewEx(&serialize_def, nullptr, module_name.ptr()));
  if (!function) throw py::error_already_set();
  m.add_object("_serialize", function);
  callback_name = PyUnicode_InternFromString("_serialize_callback");
  numpy_scalars_name = PyUnicode_InternFromString("_native_numpy_scalars");
  if (callback_name == nullptr || numpy_scalars_name == nullptr) throw py::error_already_set();
  for (auto [name, def] : {std::pair{"_serialize_in_context", &serialize_in_context_def},
                           std::pair{"_set_default_context_getter", &set_default_context_getter_def}}) {
    py::object added = py::reinterpret_steal<py::object>(PyCFunction_NewEx(def, nullptr, module_name.ptr()));
    if (!added) throw py::error_already_set();
    m.add_object(name, added);
  }
  auto* type = reinterpret_cast<PyTypeObject*>(serialized_class.ptr());
  py::object method = py::reinterpret_steal<py::object>(PyDescr_NewMethod(type, &to_buffer_def));
  if (!method) throw py::error_already_set();
  serialized_class.attr("to_buffer") = method;
}

}  // namespace arrowpack::python
