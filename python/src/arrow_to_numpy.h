// Arrow arrays -> numpy, as pyarrow's Array.to_numpy: zero-copy read-only views (kept alive by
// `base`) for integers, floats, timestamps and durations without nulls; otherwise a new array
// (nulls become NaN for numbers, NaT for datetimes, None in object arrays). GIL required.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "arrowpack/core/array.h"

namespace arrowpack::python {

/// ArrowInvalid when `zero_copy_only` and a copy is needed; ValueError for writable zero-copy.
pybind11::object ArrayToNumpy(const ArrayPtr& array, pybind11::handle base, bool zero_copy_only, bool writable);

/// numpy's dtype name for a fixed-width type whose buffer numpy reads as is (integers, floats,
/// timestamps, durations); "" for any other type.
std::string NumpyDtypeName(const DataType& type);

/// True when ArrayToNumpy can return a view (no nulls, a primitive numeric or datetime type).
bool CanViewAsNumpy(const Array& array);

}  // namespace arrowpack::python
