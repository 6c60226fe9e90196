// Python objects <-> arrowpack Buffers without copies.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/buffer.h"

namespace arrowpack::python {

/// A Buffer over the memory exported by `obj` (bytes, bytearray, memoryview, numpy array, mmap,
/// SharedMemory.buf, ...; an arrowpack.Buffer is returned as is). The Buffer holds the export
/// (Py_buffer) and releases it under the GIL when its last reference dies, so the exporter stays
/// alive and, e.g., SharedMemory.close() raises BufferError meanwhile. The Buffer is mutable when
/// the exporter grants a writable view. Raises TypeError for objects without the buffer protocol
/// and the exporter's error for non-contiguous ones (numpy: ValueError). GIL required.
std::shared_ptr<Buffer> BufferFromPyObject(pybind11::handle obj);

/// A Buffer over [address, address + size) that keeps `base` (any Python object, may be None)
/// alive; immutable. GIL required.
std::shared_ptr<Buffer> ForeignBufferFromAddress(uintptr_t address, int64_t size, pybind11::object base);

/// A temporary, read-only view of `obj`'s bytes for the duration of one call (writes, compress).
/// Holds the export until destroyed; needs the GIL to construct and destroy.
class BytesView {
 public:
  explicit BytesView(pybind11::handle obj, bool writable = false);
  ~BytesView();
  BytesView(const BytesView&) = delete;
  BytesView& operator=(const BytesView&) = delete;

  uint8_t* data() const { return static_cast<uint8_t*>(view_.buf); }
  int64_t size() const { return static_cast<int64_t>(view_.len); }

 private:
  Py_buffer view_{};
};

}  // namespace arrowpack::python
