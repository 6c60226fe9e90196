// Python's SerializedPyObject: a plain CPython heap type (no pybind11 instance registry, since
// serialize(value).to_buffer() creates and drops one per call) whose instances hold a
// SerializedPyObject, i.e. a SerializedObject plus the Python object that owns the memory it was
// read from. The type is created by RegisterSerializedPyObjectType (serialized_py_object.cc),
// its methods are added by serialize_module.cc and serialize_fastcall.cc. Errors: TypeError when
// an object is not a SerializedPyObject; the type cannot be instantiated from Python.
#pragma once

#include <pybind11/pybind11.h>

#include <utility>

#include "arrowpack/serialize/serialized_object.h"

namespace arrowpack::python {

struct SerializedPyObject {
  serialize::SerializedObject object;
  pybind11::object base = pybind11::none();
};

/// Creates the SerializedPyObject type as `m`.SerializedPyObject (once) and returns it.
pybind11::handle RegisterSerializedPyObjectType(pybind11::module_& m, const char* doc);

/// A new Python SerializedPyObject holding an empty object and None, and that object (filled
/// in place by the caller, e.g. the serialize walk, instead of moved in).
std::pair<pybind11::object, serialize::SerializedObject*> NewSerialized();

/// A new Python SerializedPyObject holding `object` and `base`.
pybind11::object WrapSerialized(serialize::SerializedObject object, pybind11::object base);

/// The value inside `obj` (a SerializedPyObject or an instance of a subclass), else nullptr.
SerializedPyObject* SerializedFromPython(PyObject* obj);

/// SerializedFromPython, TypeError naming `what` when obj is not a SerializedPyObject.
SerializedPyObject& UnwrapSerialized(pybind11::handle obj, const char* what);

}  // namespace arrowpack::python
