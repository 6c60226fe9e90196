// Text renderings of arrays shared by ChunkedArray, RecordBatch and Table (pyarrow's layouts).
#pragma once

#include <string>

#include "arrowpack/core/array.h"

namespace arrowpack::internal {

/// The array on one line, as in a record batch preview ("[1,2,null]").
std::string FormatArrayOneLine(const Array& array);
/// pyarrow's chunked-array layout: "[\n  <chunk>,\n  <chunk>\n]" showing at most two chunks at
/// each end and five values at each end of a long chunk, or the same on one line ("[[1,2],[3]]")
/// for table previews.
std::string FormatChunked(const ArrayVector& chunks, bool one_line);

}  // namespace arrowpack::internal
