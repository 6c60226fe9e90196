// Python objects -> Arrow arrays: the conversion behind pa.array(obj, type, mask, size, from_pandas,
// safe, memory_pool) for Python sequences and iterables, numpy arrays and pandas objects (objects
// exporting the Arrow C Data Interface are the caller's business). Types are inferred like
// pyarrow's when none is given. The walk runs in C++ on the CPython C API. Errors are raised as
// Python exceptions of pyarrow's classes (ArrowInvalid, ArrowTypeError, OverflowError, ...).
// Everything here needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>

#include "arrowpack/core/array.h"
#include "arrowpack/core/memory_pool.h"

namespace arrowpack::python {

struct PyConversionOptions {
  /// The array type; nullptr infers it from the values (or the numpy/pandas dtype).
  TypePtr type;
  /// For iterators without a length: convert at most this many values (negative: all).
  int64_t size = -1;
  /// Treat NaN, NaT and pd.NA as nulls. Unset: true for pandas inputs, false otherwise.
  std::optional<bool> from_pandas;
  /// numpy casts check for overflow and truncation (ArrowInvalid) instead of wrapping.
  bool safe = true;
  /// Where the buffers come from; nullptr means the default pool.
  MemoryPool* pool = nullptr;
};

/// Converts `obj` to an array, or to several chunks of one type when a sequence's binary data
/// outgrows 32-bit offsets (pyarrow returns a ChunkedArray then). `mask` (None, a numpy bool array or a sequence of bools of the
/// same length) marks nulls where true. numpy arrays of primitive numeric dtypes without a mask
/// and without NaN-as-null become arrays whose data buffer wraps the ndarray's memory (keeping it
/// alive); everything else is copied.
ArrayVector ConvertPyToArray(pybind11::handle obj, pybind11::handle mask, const PyConversionOptions& options);

/// The type pa.array would infer for `obj` (pa.infer_type); same errors as ConvertPyToArray.
TypePtr InferPyType(pybind11::handle obj, pybind11::handle mask, bool from_pandas);

}  // namespace arrowpack::python
