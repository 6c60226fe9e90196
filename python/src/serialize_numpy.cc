// ndarray <-> Tensor for the serialization walk (see serialize_numpy.h). This file owns the
// NumPy C API table of the extension.
#define ARROWPACK_NUMPY_API_DEFINITION
#include "serialize_numpy.h"

#include <pybind11/pybind11.h>

#include <vector>

#include "py_buffer.h"

namespace arrowpack::python {

namespace {

TypePtr TensorType(const PyArray_Descr* descr) {
  const int size = static_cast<int>(PyDataType_ELSIZE(descr));
  switch (descr->kind) {
    case 'i':
      return size == 1 ? int8() : size == 2 ? int16() : size == 4 ? int32() : size == 8 ? int64() : nullptr;
    case 'u':
      return size == 1 ? uint8() : size == 2 ? uint16() : size == 4 ? uint32() : size == 8 ? uint64() : nullptr;
    case 'f':
      return size == 2 ? float16() : size == 4 ? float32() : size == 8 ? float64() : nullptr;
    default:
      return nullptr;
  }
}

int NumpyTypeNum(const DataType& type) {
  switch (type.id()) {
    case TypeId::INT8: return NPY_INT8;
    case TypeId::INT16: return NPY_INT16;
    case TypeId::INT32: return NPY_INT32;
    case TypeId::INT64: return NPY_INT64;
    case TypeId::UINT8: return NPY_UINT8;
    case TypeId::UINT16: return NPY_UINT16;
    case TypeId::UINT32: return NPY_UINT32;
    case TypeId::UINT64: return NPY_UINT64;
    case TypeId::HALF_FLOAT: return NPY_FLOAT16;
    case TypeId::FLOAT: return NPY_FLOAT32;
    default: return NPY_FLOAT64;
  }
}

}  // namespace

void ImportNumpyApi() {
  if (_import_array() < 0) throw pybind11::error_already_set();
}

Result<TensorPtr> NdarrayToTensor(PyArrayObject* array) {
  const PyArray_Descr* descr = PyArray_DESCR(array);
  TypePtr type = TensorType(descr);
  if (type == nullptr || PyArray_ISBYTESWAPPED(array)) return TensorPtr();
  const int ndim = PyArray_NDIM(array);
  pybind11::object owner = pybind11::reinterpret_borrow<pybind11::object>(reinterpret_cast<PyObject*>(array));
  for (int d = 0; d < ndim; ++d) {
    if (PyArray_STRIDES(array)[d] < 0) {
      PyObject* copy = PyArray_NewCopy(array, NPY_CORDER);
      if (copy == nullptr) throw pybind11::error_already_set();
      owner = pybind11::reinterpret_steal<pybind11::object>(copy);
      array = reinterpret_cast<PyArrayObject*>(copy);
      break;
    }
  }
  std::vector<int64_t> shape(static_cast<size_t>(ndim)), strides(static_cast<size_t>(ndim));
  const int64_t itemsize = PyArray_ITEMSIZE(array);
  int64_t extent = itemsize;
  bool empty = false;
  for (int d = 0; d < ndim; ++d) {
    shape[static_cast<size_t>(d)] = PyArray_DIMS(array)[d];
    strides[static_cast<size_t>(d)] = PyArray_STRIDES(array)[d];
    if (shape[static_cast<size_t>(d)] == 0) empty = true;
    extent += (shape[static_cast<size_t>(d)] - 1) * strides[static_cast<size_t>(d)];
  }
  auto data = ForeignBufferFromAddress(reinterpret_cast<uintptr_t>(PyArray_DATA(array)), empty ? 0 : extent,
                                       std::move(owner));
  return Tensor::Make(std::move(type), std::move(data), std::move(shape), std::move(strides));
}

PyObject* TensorToNdarray(const Tensor& tensor, PyObject* base) {
  std::vector<npy_intp> shape(tensor.shape().begin(), tensor.shape().end());
  std::vector<npy_intp> strides(tensor.strides().begin(), tensor.strides().end());
  PyArray_Descr* descr = PyArray_DescrFromType(NumpyTypeNum(*tensor.type()));
  if (descr == nullptr) return nullptr;
  // Not writeable: the memory belongs to the serialized input.
  PyObject* array = PyArray_NewFromDescr(&PyArray_Type, descr, tensor.ndim(), shape.data(), strides.data(),
                                         const_cast<uint8_t*>(tensor.raw_data()), 0, nullptr);
  if (array == nullptr) return nullptr;
  Py_INCREF(base);
  if (PyArray_SetBaseObject(reinterpret_cast<PyArrayObject*>(array), base) < 0) {
    Py_DECREF(array);
    return nullptr;
  }
  return array;
}

PyObject* HalfFloatScalar(uint16_t bits) {
  PyArray_Descr* descr = PyArray_DescrFromType(NPY_FLOAT16);
  if (descr == nullptr) return nullptr;
  PyObject* scalar = PyArray_Scalar(&bits, descr, nullptr);
  Py_DECREF(descr);
  return scalar;
}

}  // namespace arrowpack::python
