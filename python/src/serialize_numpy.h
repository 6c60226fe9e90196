// The NumPy C API for the serialization walk (serialize_*.cc only): include this header instead
// of numpy's. ImportNumpyApi() must run once (RegisterSerialization does) before any other use.
// ndarray <-> Tensor conversions here are zero-copy. GIL required throughout.
#pragma once

#include <Python.h>

#define PY_ARRAY_UNIQUE_SYMBOL arrowpack_serialize_numpy_api
#define NPY_NO_DEPRECATED_API NPY_1_21_API_VERSION
#ifndef ARROWPACK_NUMPY_API_DEFINITION
#define NO_IMPORT_ARRAY
#endif
#include <numpy/arrayobject.h>
#include <numpy/arrayscalars.h>

#include "arrowpack/core/result.h"
#include "arrowpack/core/tensor.h"

namespace arrowpack::python {

/// Imports numpy's C API; raises ImportError (as pybind11::error_already_set) on failure.
void ImportNumpyApi();

/// The tensor of a numeric ndarray (u/int8-64, float16/32/64, native byte order) viewing its
/// memory; the tensor's buffer holds a reference to the array (released under the GIL). Arrays
/// with negative strides are copied to C order first. nullptr when the dtype is not one of
/// those (the caller then uses the callback).
Result<TensorPtr> NdarrayToTensor(PyArrayObject* array);

/// A new read-only ndarray viewing `tensor`'s memory whose base is `base` (which must keep that
/// memory alive). nullptr with a Python error set on failure.
PyObject* TensorToNdarray(const Tensor& tensor, PyObject* base);

/// A new numpy.float16 scalar from its raw bits; nullptr with a Python error set on failure.
PyObject* HalfFloatScalar(uint16_t bits);

}  // namespace arrowpack::python
