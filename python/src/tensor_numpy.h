// numpy ndarrays <-> Tensors without copies, shared by the dense and sparse tensor bindings.
// GIL required.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "arrowpack/core/tensor.h"

namespace arrowpack::python {

/// A Tensor viewing the ndarray's memory (the tensor's buffer keeps the ndarray alive; mutable
/// when the ndarray is writable). TypeError for non-numeric dtypes; ArrowInvalid for negative
/// strides; ArrowNotImplementedError for byte-swapped data.
TensorPtr TensorFromNumpy(pybind11::handle ndarray, std::vector<std::string> dim_names = {});

/// A read-only ndarray viewing the tensor's memory, kept alive by `base`.
pybind11::object TensorToNumpy(const Tensor& tensor, pybind11::handle base);

/// The tensor value type of a numpy dtype (ints and floats); TypeError otherwise.
TypePtr TensorTypeOfDtype(pybind11::handle dtype);

}  // namespace arrowpack::python
