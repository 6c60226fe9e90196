#include "py_buffer.h"

namespace arrowpack::python {

namespace py = pybind11;

namespace {

// Owners are released by whichever thread drops the last Buffer reference, so they take the GIL
// themselves. After interpreter shutdown there is nothing left to release.
struct ReleaseViewWithGil {
  void operator()(Py_buffer* view) const {
    if (Py_IsInitialized()) {
      PyGILState_STATE state = PyGILState_Ensure();
      PyBuffer_Release(view);
      PyGILState_Release(state);
    }
    delete view;
  }
};

struct DecrefWithGil {
  void operator()(PyObject* obj) const {
    if (Py_IsInitialized()) {
      PyGILState_STATE state = PyGILState_Ensure();
      Py_DECREF(obj);
      PyGILState_Release(state);
    }
  }
};

}  // namespace

std::shared_ptr<Buffer> BufferFromPyObject(py::handle obj) {
  // bytes (the common case) are neither an arrowpack Buffer nor writable: no type lookup, and no
  // writable request that would only raise and clear a BufferError.
  bool is_mutable = !PyBytes_CheckExact(obj.ptr());
  if (is_mutable && py::isinstance<Buffer>(obj)) return obj.cast<std::shared_ptr<Buffer>>();
  std::unique_ptr<Py_buffer> view(new Py_buffer{});
  if (!is_mutable || PyObject_GetBuffer(obj.ptr(), view.get(), PyBUF_ANY_CONTIGUOUS | PyBUF_WRITABLE) != 0) {
    if (is_mutable) PyErr_Clear();
    is_mutable = false;
    if (PyObject_GetBuffer(obj.ptr(), view.get(), PyBUF_ANY_CONTIGUOUS) != 0) throw py::error_already_set();
  }
  const auto* data = static_cast<const uint8_t*>(view->buf);
  const auto size = static_cast<int64_t>(view->len);
  std::shared_ptr<Py_buffer> owner(view.release(), ReleaseViewWithGil{});
  return Buffer::WrapForeign(data, size, std::move(owner), is_mutable);
}

std::shared_ptr<Buffer> ForeignBufferFromAddress(uintptr_t address, int64_t size, py::object base) {
  std::shared_ptr<PyObject> owner(base.release().ptr(), DecrefWithGil{});
  return Buffer::WrapForeign(reinterpret_cast<const uint8_t*>(address), size, std::move(owner));
}

BytesView::BytesView(py::handle obj, bool writable) {
  const int flags = PyBUF_ANY_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0);
  if (PyObject_GetBuffer(obj.ptr(), &view_, flags) != 0) throw py::error_already_set();
}

BytesView::~BytesView() { PyBuffer_Release(&view_); }

}  // namespace arrowpack::python
