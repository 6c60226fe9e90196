// pyarrow's raw-address entry points of the C Stream Interface (RecordBatchReader._export_to_c /
// _import_from_c): the address argument as pyarrow checks it. Errors are raised as Python
// exceptions (pybind11 throws).
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/core/c_abi.h"

namespace arrowpack::python {

/// The ArrowArrayStream at the integer address `address`: TypeError if it is not an int,
/// OverflowError if it is negative or too large, ValueError if it is 0 (pyarrow's messages).
ArrowArrayStream* StreamAtAddress(pybind11::handle address);

}  // namespace arrowpack::python
