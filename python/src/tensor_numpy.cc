#include "tensor_numpy.h"

#include <pybind11/numpy.h>

#include "arrow_to_numpy.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

TypePtr TensorTypeOfDtype(py::handle dtype_arg) {
  py::dtype dtype = py::dtype::from_args(py::reinterpret_borrow<py::object>(dtype_arg));
  const py::ssize_t size = dtype.itemsize();
  switch (dtype.kind()) {
    case 'i': return size == 1 ? int8() : size == 2 ? int16() : size == 4 ? int32() : int64();
    case 'u': return size == 1 ? uint8() : size == 2 ? uint16() : size == 4 ? uint32() : uint64();
    case 'f':
      if (size == 2) return float16();
      if (size == 4) return float32();
      if (size == 8) return float64();
      break;
    default: break;
  }
  throw py::type_error("tensors hold integers or floats, not numpy dtype " + py::str(dtype).cast<std::string>());
}

TensorPtr TensorFromNumpy(py::handle ndarray, std::vector<std::string> dim_names) {
  if (!py::isinstance<py::array>(ndarray)) throw py::type_error("expected a numpy ndarray");
  py::array values = py::reinterpret_borrow<py::array>(ndarray);
  TypePtr type = TensorTypeOfDtype(values.dtype());
  if (values.dtype().attr("byteorder").cast<std::string>() == ">") {
    RaiseStatus(Status::NotImplemented("Byte-swapped arrays not supported"));
  }
  std::vector<int64_t> shape, strides;
  int64_t extent = values.itemsize();
  bool empty = false;
  for (py::ssize_t i = 0; i < values.ndim(); ++i) {
    if (values.strides(i) < 0) RaiseStatus(Status::Invalid("Negative ndarray strides not supported"));
    shape.push_back(values.shape(i));
    strides.push_back(values.strides(i));
    if (values.shape(i) == 0) empty = true;
    extent += (values.shape(i) - 1) * values.strides(i);
  }
  if (empty) extent = 0;
  // Zero-copy. Contiguous data is exported through the buffer protocol (the export holds the
  // ndarray and says whether it is writable); strided data is covered up to the last byte the
  // strides reach.
  const bool contiguous = values.attr("flags").attr("c_contiguous").cast<bool>() ||
                          values.attr("flags").attr("f_contiguous").cast<bool>();
  std::shared_ptr<Buffer> data =
      contiguous ? BufferFromPyObject(values)
                 : ForeignBufferFromAddress(reinterpret_cast<uintptr_t>(values.data()), extent, values);
  return ValueOrThrow(Tensor::Make(std::move(type), std::move(data), std::move(shape), std::move(strides),
                                   std::move(dim_names)));
}

py::object TensorToNumpy(const Tensor& tensor, py::handle base) {
  std::vector<py::ssize_t> shape(tensor.shape().begin(), tensor.shape().end());
  std::vector<py::ssize_t> strides(tensor.strides().begin(), tensor.strides().end());
  py::array view(py::dtype(NumpyDtypeName(*tensor.type())), shape, strides, tensor.raw_data(), base);
  view.attr("setflags")(py::arg("write") = false);
  return view;
}

}  // namespace arrowpack::python
