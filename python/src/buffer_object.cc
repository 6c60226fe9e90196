// NewBufferObject (see buffer_object.h): builds the pybind11 instance the way pybind11's own
// cast leaves it for a shared_ptr holder in the simple layout (one C++ type, holder stored
// inline), which InitBufferObjects checks once: value pointer and holder in
// simple_value_holder, "owned", holder constructed, pointer registered. pybind11's dealloc of
// the Buffer class then releases it as it releases any other Buffer instance.
#include "buffer_object.h"

#include <new>
#include <stdexcept>
#include <utility>

namespace arrowpack::python {

namespace {

namespace py = pybind11;

const py::detail::type_info* buffer_info = nullptr;

}  // namespace

void InitBufferObjects() {
  const py::detail::type_info* info = py::detail::get_type_info(typeid(Buffer));
  if (info == nullptr) throw std::runtime_error("buffer_object: Buffer must be registered first");
  const bool simple = info->holder_size_in_ptrs <= py::detail::instance_simple_holder_in_ptrs() &&
                      sizeof(std::shared_ptr<Buffer>) <= info->holder_size_in_ptrs * sizeof(void*) &&
                      info->simple_ancestors && py::detail::all_type_info(info->type).size() == 1;
  if (!simple) throw std::runtime_error("buffer_object: Buffer instances do not use pybind11's simple layout");
  buffer_info = info;
}

py::object NewBufferObject(std::shared_ptr<Buffer> buffer) {
  PyTypeObject* type = buffer_info->type;
  PyObject* self = type->tp_alloc(type, 0);  // zero-filled: no weakrefs, no flags set
  if (self == nullptr) throw py::error_already_set();
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
