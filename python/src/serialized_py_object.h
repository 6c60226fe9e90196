// The C++ object behind Python's SerializedPyObject (registered in serialize_module.cc, its hot
// methods in serialize_fastcall.cc): a SerializedObject plus the Python object that owns the
// memory it was read from. Errors: none here.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <utility>

#include "arrowpack/serialize/serialized_object.h"

namespace arrowpack::python {

struct SerializedPyObject {
  serialize::SerializedObject object;
  pybind11::object base = pybind11::none();
};
using SerializedPyObjectPtr = std::shared_ptr<SerializedPyObject>;

inline SerializedPyObjectPtr WrapSerialized(serialize::SerializedObject object, pybind11::object base) {
  auto out = std::make_shared<SerializedPyObject>();
  out->object = std::move(object);
  out->base = std::move(base);
  return out;
}

}  // namespace arrowpack::python
