#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>

#include "arrowpack/core/buffer.h"
#include "bindings.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

using BufferPtr = std::shared_ptr<Buffer>;

BufferPtr CheckedSlice(const BufferPtr& buffer, int64_t offset, std::optional<int64_t> length) {
  const int64_t size = buffer->size();
  if (offset < 0) RaiseStatus(Status::IndexError("buffer slice offset must be non-negative, got ", offset));
  if (offset > size) RaiseStatus(Status::IndexError("buffer slice offset ", offset, " is past the end (", size, ")"));
  const int64_t count = length.value_or(size - offset);
  if (count < 0) RaiseStatus(Status::IndexError("negative buffer slice length ", count));
  if (count > size - offset) {
    RaiseStatus(Status::IndexError("buffer slice [", offset, ", +", count, ") would exceed buffer length ", size));
  }
  return SliceBuffer(buffer, offset, count);
}

uint8_t ByteAt(const Buffer& buffer, int64_t index) {
  if (index < 0) index += buffer.size();
  if (index < 0 || index >= buffer.size()) throw py::index_error("buffer index out of bounds");
  return buffer.data()[index];
}

BufferPtr SliceFromPython(const BufferPtr& buffer, const py::slice& slice) {
  Py_ssize_t start = 0, stop = 0, step = 0;
  if (PySlice_Unpack(slice.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
  if (step != 1) throw py::index_error("only slices with step 1 supported");
  const Py_ssize_t length = PySlice_AdjustIndices(static_cast<Py_ssize_t>(buffer->size()), &start, &stop, step);
  return SliceBuffer(buffer, start, length);
}

py::bytes ToBytes(const Buffer& buffer) {
  return py::bytes(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(buffer.size()));
}

std::string Repr(py::handle self, const Buffer& buffer) {
  std::ostringstream out;
  out << "<arrowpack." << py::str(py::type::of(self).attr("__name__")).cast<std::string>() << " address=0x"
      << std::hex << buffer.address() << std::dec << " size=" << buffer.size()
      << " is_cpu=True is_mutable=" << (buffer.is_mutable() ? "True" : "False") << ">";
  return out.str();
}

// Pickle: out-of-band (zero-copy) with protocol 5, a bytes copy otherwise. The pickle names
// arrowpack._restore.buffer (a plain Python function) as the way back.
py::tuple Reduce(py::object self, int protocol) {
  py::object py_buffer = py::module_::import("arrowpack._restore").attr("buffer");
  if (protocol >= 5) {
    py::object pickle_buffer = py::module_::import("pickle").attr("PickleBuffer")(self);
    return py::make_tuple(py_buffer, py::make_tuple(pickle_buffer));
  }
  return py::make_tuple(py_buffer, py::make_tuple(ToBytes(*self.cast<BufferPtr>())));
}

}  // namespace

void RegisterBuffers(py::module_& m) {
  py::class_<Buffer, BufferPtr>(m, "Buffer", py::buffer_protocol(),
                                "A contiguous, reference-counted byte range (zero-copy slices keep their parent "
                                "alive). Exposes the buffer protocol: memoryview(buf) is a zero-copy view, "
                                "read-only unless the buffer is mutable.")
      .def_buffer([](Buffer& buffer) {
        return py::buffer_info(const_cast<uint8_t*>(buffer.data()), 1, "B", 1, {buffer.size()}, {1},
                               /*readonly=*/!buffer.is_mutable());
      })
      .def_property_readonly("address", &Buffer::address, "Address of the first byte.")
      .def_property_readonly("size", &Buffer::size, "Size in bytes.")
      .def("__len__", &Buffer::size)
      .def_property_readonly("is_mutable", &Buffer::is_mutable)
      .def_property_readonly("is_cpu", [](const Buffer&) { return true; })
      .def_property_readonly(
          "parent", [](const Buffer& buffer) { return buffer.parent(); }, "The buffer this one slices, or None.")
      .def("slice", &CheckedSlice, py::arg("offset") = 0, py::arg("length") = py::none(),
           "Zero-copy slice of `length` bytes (default: to the end) from `offset`.")
      .def("__getitem__", &ByteAt)
      .def("__getitem__", &SliceFromPython)
      .def(
          "equals", [](const Buffer& self, const Buffer& other) { return self.Equals(other); }, py::arg("other"),
          "True if both buffers hold the same bytes.")
      .def("__eq__",
           [](const Buffer& self, py::handle other) -> py::object {
             if (py::isinstance<Buffer>(other)) return py::bool_(self.Equals(other.cast<const Buffer&>()));
             if (!PyObject_CheckBuffer(other.ptr())) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             BytesView view(other);
             return py::bool_(self.Equals(Buffer(view.data(), view.size())));
           })
      .def(
          "hex",
          [](const Buffer& buffer) {
            std::string hex = buffer.ToHexString();
            std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return std::toupper(c); });
            return py::bytes(hex);
          },
          "The bytes as upper-case hexadecimal digits (a bytes object).")
      .def("to_pybytes", &ToBytes, "A bytes copy of the data.")
      .def("__repr__", [](py::handle self) { return Repr(self, self.cast<const Buffer&>()); })
      .def("__reduce_ex__", &Reduce, py::arg("protocol"));

  py::class_<ResizableBuffer, Buffer, std::shared_ptr<ResizableBuffer>>(
      m, "ResizableBuffer", "A mutable pool-allocated buffer whose size can change.")
      .def(
          "resize",
          [](ResizableBuffer& buffer, int64_t new_size, bool shrink_to_fit) {
            ThrowIfError(buffer.Resize(new_size, shrink_to_fit));
          },
          py::arg("new_size"), py::arg("shrink_to_fit") = false,
          "Change the size; memory is given back only with shrink_to_fit. Views taken before become invalid.");

  m.def("py_buffer", &BufferFromPyObject, py::arg("obj"),
        "Zero-copy Buffer over any object exporting the buffer protocol (mutable if it allows writes).");
  m.def(
      "foreign_buffer",
      [](uintptr_t address, int64_t size, py::object base) {
        if (size < 0) RaiseStatus(Status::Invalid("negative buffer size ", size));
        return ForeignBufferFromAddress(address, size, std::move(base));
      },
      py::arg("address"), py::arg("size"), py::arg("base") = py::none(),
      "Buffer over memory at `address` that keeps `base` alive; the caller vouches for the range.");
  m.def(
      "allocate_buffer",
      [](int64_t size, MemoryPool* pool, bool resizable) -> py::object {
        if (resizable) {
          return py::cast(std::shared_ptr<ResizableBuffer>(ValueOrThrow(AllocateResizableBuffer(size, pool))));
        }
        return py::cast(BufferPtr(ValueOrThrow(AllocateBuffer(size, pool))));
      },
      py::arg("size"), py::arg("memory_pool") = py::none(), py::arg("resizable") = false,
      "A new mutable buffer of `size` bytes (uninitialised) from `memory_pool` (default pool if None).");
}

}  // namespace arrowpack::python
