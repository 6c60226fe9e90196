// pa.array(): turning Python objects into arrays. Arrays pass through; numpy arrays and pandas
// objects go to the Python converter (python_to_arrow.h: zero-copy for primitive numpy data);
// objects with __arrow_c_array__ / __arrow_c_stream__ are imported zero-copy; objects with
// __arrow_array__ are asked for their array; everything else (lists, tuples, iterables) goes to
// the sequence converter. GIL required.
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/core/array.h"
#include "python_to_arrow.h"

namespace arrowpack::python {

/// An arrowpack.Array, or a ChunkedArray for stream-like input. `mask` (None or booleans, true =
/// null) applies to converted Python/numpy/pandas input only, as in pyarrow. Imported arrays
/// of another type than `options.type` raise ArrowNotImplementedError (no casts).
pybind11::object ArrayFromPython(pybind11::handle obj, pybind11::handle mask, const PyConversionOptions& options);

/// One Array for arguments that need one (from_arrays, indices, masks, ...): Arrays as they are,
/// anything else through ArrayFromPython with `type`; chunked results are concatenated.
ArrayPtr AsArray(pybind11::handle obj, const TypePtr& type = nullptr);

}  // namespace arrowpack::python
