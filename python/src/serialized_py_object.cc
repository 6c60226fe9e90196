// The SerializedPyObject heap type (see serialized_py_object.h): instances are PyObject_HEAD
// followed by the C++ value, constructed in place and destroyed by tp_dealloc. total_bytes and
// base are getset descriptors; the methods are attached by the binding files.
// serialize(value).to_buffer() makes and drops one instance per call, so instances skip
// tp_alloc's zero-fill (the value is constructed over the memory anyway) and the memory of the
// last one dropped is kept for the next (with the GIL only; without it every block is freed).
#include "serialized_py_object.h"

#include <new>
#include <string>
#include <utility>

#include "common.h"
#include "fastcall_arguments.h"

namespace arrowpack::python {

namespace {

struct Box {
  PyObject_HEAD
  SerializedPyObject value;
};

PyTypeObject* serialized_type = nullptr;

#ifndef Py_GIL_DISABLED
// The memory of the last SerializedPyObject freed, for the next one (guarded by the GIL).
void* spare_box = nullptr;
#endif

// A new instance of exactly serialized_type with its value not constructed yet.
PyObject* AllocateBox() {
  void* memory = nullptr;
#ifndef Py_GIL_DISABLED
  memory = std::exchange(spare_box, nullptr);
#endif
  if (memory == nullptr) memory = PyObject_Malloc(sizeof(Box));
  if (memory == nullptr) {
    PyErr_NoMemory();
    throw pybind11::error_already_set();
  }
  return PyObject_Init(static_cast<PyObject*>(memory), serialized_type);  // takes a type reference
}

void Dealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  reinterpret_cast<Box*>(self)->value.~SerializedPyObject();
#ifndef Py_GIL_DISABLED
  if (type == serialized_type && spare_box == nullptr) {
    spare_box = self;
  } else {
    type->tp_free(self);
  }
#else
  type->tp_free(self);
#endif
  Py_DECREF(type);  // instances of heap types own a reference to their type
}

PyObject* GetTotalBytes(PyObject* self, void*) {
  return TranslatingExceptions([&]() -> PyObject* {
    return PyLong_FromLongLong(ValueOrThrow(reinterpret_cast<Box*>(self)->value.object.TotalBytes()));
  });
}

PyObject* GetBase(PyObject* self, void*) {
  PyObject* base = reinterpret_cast<Box*>(self)->value.base.ptr();
  Py_INCREF(base);
  return base;
}

int SetBase(PyObject* self, PyObject* value, void*) {
  if (value == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "SerializedPyObject.base cannot be deleted");
    return -1;
  }
  reinterpret_cast<Box*>(self)->value.base = pybind11::reinterpret_borrow<pybind11::object>(value);
  return 0;
}

PyGetSetDef getset[] = {
    {"total_bytes", &GetTotalBytes, nullptr, "Bytes to_buffer() / write_to() produce.", nullptr},
    {"base", &GetBase, &SetBase, "The object that owns the memory this was read from.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

pybind11::handle RegisterSerializedPyObjectType(pybind11::module_& m, const char* doc) {
  if (serialized_type != nullptr) return reinterpret_cast<PyObject*>(serialized_type);
  static const std::string name = m.attr("__name__").cast<std::string>() + ".SerializedPyObject";
  PyType_Slot slots[] = {
      {Py_tp_dealloc, reinterpret_cast<void*>(&Dealloc)},
      {Py_tp_getset, getset},
      {Py_tp_doc, const_cast<char*>(doc)},
      {0, nullptr},
  };
  PyType_Spec spec = {name.c_str(), static_cast<int>(sizeof(Box)), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                      slots};
  PyObject* type = PyType_FromSpec(&spec);
  if (type == nullptr) throw pybind11::error_already_set();
  // Instances come only from WrapSerialized (object.__new__ would leave the value unconstructed).
  reinterpret_cast<PyTypeObject*>(type)->tp_new = nullptr;
  PyType_Modified(reinterpret_cast<PyTypeObject*>(type));
  m.add_object("SerializedPyObject", pybind11::handle(type));  // the module keeps the reference
  serialized_type = reinterpret_cast<PyTypeObject*>(type);
  return type;
}

std::pair<pybind11::object, serialize::SerializedObject*> NewSerialized() {
  PyObject* self = AllocateBox();
  auto* value = new (&reinterpret_cast<Box*>(self)->value) SerializedPyObject;  // no zero-fill first
  return {pybind11::reinterpret_steal<pybind11::object>(self), &value->object};
}

pybind11::object WrapSerialized(serialize::SerializedObject object, pybind11::object base) {
  PyObject* self = AllocateBox();
  new (&reinterpret_cast<Box*>(self)->value) SerializedPyObject{std::move(object), std::move(base)};
  return pybind11::reinterpret_steal<pybind11::object>(self);
}

SerializedPyObject* SerializedFromPython(PyObject* obj) {
  if (serialized_type == nullptr || !PyObject_TypeCheck(obj, serialized_type)) return nullptr;
  return &reinterpret_cast<Box*>(obj)->value;
}

SerializedPyObject& UnwrapSerialized(pybind11::handle obj, const char* what) {
  SerializedPyObject* value = SerializedFromPython(obj.ptr());
  if (value == nullptr) {
    throw pybind11::type_error(std::string(what) + ": expected a SerializedPyObject, got " + Py_TYPE(obj.ptr())->tp_name);
  }
  return *value;
}

}  // namespace arrowpack::python
