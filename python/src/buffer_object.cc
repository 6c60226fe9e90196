// NewBufferObject (see buffer_object.h): builds the pybind11 instance the way pybind11's own
// cast leaves it for a shared_ptr holder in the simple layout (one C++ type, holder stored
// inline), which InitBufferObjects checks once: value pointer and holder in
// simple_value_holder, "owned", holder constructed, pointer registered.
// The Buffer class's tp_dealloc is replaced by ReleaseBufferObject, which releases such instances
// of exactly that class (whoever made them) with the steps pybind11's dealloc takes for them,
// without looking the layout up again, and hands every other instance to pybind11's dealloc.
#include "buffer_object.h"

#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace arrowpack::python {

namespace {

namespace py = pybind11;

const py::detail::type_info* buffer_info = nullptr;
destructor pybind11_dealloc = nullptr;  // the class's tp_dealloc before InitBufferObjects

#ifndef Py_GIL_DISABLED
// The memory of the last plain Buffer instance released, for NewBufferObject (guarded by the GIL).
void* spare_object = nullptr;
#endif

// Zero-filled memory for one instance, as tp_alloc gives (its tp_free is PyObject_Free).
PyObject* AllocateObject(PyTypeObject* type) {
  void* memory = nullptr;
#ifndef Py_GIL_DISABLED
  memory = std::exchange(spare_object, nullptr);
#endif
  if (memory == nullptr) memory = PyObject_Malloc(static_cast<size_t>(type->tp_basicsize));
  if (memory == nullptr) {
    PyErr_NoMemory();
    throw py::error_already_set();
  }
  std::memset(memory, 0, static_cast<size_t>(type->tp_basicsize));
  return PyObject_Init(static_cast<PyObject*>(memory), type);  // takes a type reference
}

void FreeObject(PyObject* self) {
#ifndef Py_GIL_DISABLED
  if (spare_object == nullptr) {
    spare_object = self;
    return;
  }
#endif
  PyObject_Free(self);
}

// Whether `instance` is laid out as NewBufferObject leaves it, with nothing pybind11's dealloc
// would also have to undo (weak references, keep_alive patients).
bool IsPlainBufferObject(PyObject* self) {
  const auto* instance = reinterpret_cast<const py::detail::instance*>(self);
  return Py_TYPE(self) == buffer_info->type && instance->simple_layout && instance->owned &&
         instance->simple_holder_constructed && instance->simple_instance_registered && instance->weakrefs == nullptr &&
         !instance->has_patients;
}

// pybind11_object_dealloc's steps for a plain Buffer instance: deregister the pointer, destroy
// the holder (keeping any Python error pending before, dropping one the destructor raised, as
// pybind11's error_scope does), free the object and release its type.
void ReleaseBufferObject(PyObject* self) {
  if (!IsPlainBufferObject(self)) return pybind11_dealloc(self);
  auto* instance = reinterpret_cast<py::detail::instance*>(self);
  void* value = instance->simple_value_holder[0];
  if (!py::detail::deregister_instance(instance, value, buffer_info)) {
    py::pybind11_fail("ReleaseBufferObject: tried to deallocate an unregistered Buffer instance");
  }
  auto* holder = reinterpret_cast<std::shared_ptr<Buffer>*>(&instance->simple_value_holder[1]);
  if (PyErr_Occurred() != nullptr) {
    py::error_scope scope;
    holder->~shared_ptr();
  } else {
    holder->~shared_ptr();
    if (PyErr_Occurred() != nullptr) PyErr_Clear();
  }
  PyTypeObject* type = Py_TYPE(self);
  FreeObject(self);
  Py_DECREF(type);
}

}  // namespace

void InitBufferObjects() {
  const py::detail::type_info* info = py::detail::get_type_info(typeid(Buffer));
  if (info == nullptr) throw std::runtime_error("buffer_object: Buffer must be registered first");
  const bool simple = info->holder_size_in_ptrs <= py::detail::instance_simple_holder_in_ptrs() &&
                      sizeof(std::shared_ptr<Buffer>) <= info->holder_size_in_ptrs * sizeof(void*) &&
                      info->simple_ancestors && py::detail::all_type_info(info->type).size() == 1;
  if (!simple) throw std::runtime_error("buffer_object: Buffer instances do not use pybind11's simple layout");
  PyTypeObject* type = info->type;
  // A managed dict (3.11+) or managed weak references (3.12+) put a pre-header before the object,
  // which tp_alloc allocates and AllocateObject does not.
#ifdef Py_TPFLAGS_MANAGED_DICT
  const bool managed_dict = PyType_HasFeature(type, Py_TPFLAGS_MANAGED_DICT);
#else
  const bool managed_dict = false;
#endif
#ifdef Py_TPFLAGS_MANAGED_WEAKREF
  const bool managed_weakref = PyType_HasFeature(type, Py_TPFLAGS_MANAGED_WEAKREF);
#else
  const bool managed_weakref = false;
#endif
  const bool bare = !PyType_HasFeature(type, Py_TPFLAGS_HAVE_GC) && !managed_dict && !managed_weakref &&
                    type->tp_dictoffset == 0 && type->tp_itemsize == 0 && type->tp_alloc == &PyType_GenericAlloc &&
                    type->tp_free == &PyObject_Free;
  if (!bare) {
    throw std::runtime_error("buffer_object: Buffer instances have a __dict__, take part in the GC or are allocated "
                             "other than by PyType_GenericAlloc");
  }
  buffer_info = info;
  if (type->tp_dealloc != &ReleaseBufferObject) {
    pybind11_dealloc = type->tp_dealloc;
    type->tp_dealloc = &ReleaseBufferObject;
  }
}

py::object NewBufferObject(std::shared_ptr<Buffer> buffer) {
  PyTypeObject* type = buffer_info->type;
  PyObject* self = AllocateObject(type);  // zero-filled: no weakrefs, no flags set
  auto* instance = reinterpret_cast<py::detail::instance*>(self);
  Buffer* value = buffer.get();
  instance->simple_layout = true;
  instance->owned = true;
  instance->simple_value_holder[0] = value;
  new (&instance->simple_value_holder[1]) std::shared_ptr<Buffer>(std::move(buffer));
  instance->simple_holder_constructed = true;
  py::detail::register_instance(instance, value, buffer_info);
  instance->simple_instance_registered = true;
  return py::reinterpret_steal<py::object>(self);
}

}  // namespace arrowpack::python
