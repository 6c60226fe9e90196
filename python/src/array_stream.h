// C streams of plain arrays (not record batches), for ChunkedArray.__arrow_c_stream__ and
// pa.chunked_array(obj): the stream's schema is any type and its arrays are the chunks.
#pragma once

#include "arrowpack/core/c_abi.h"
#include "arrowpack/core/c_data.h"
#include "arrowpack/core/chunked_array.h"

namespace arrowpack::python {

/// Fills `out` with a stream that owns `chunked` and hands out its chunks zero-copy. The caller
/// owns `out` (release once) on success; nothing to release on error.
Status ExportChunkedArrayStream(ChunkedArrayPtr chunked, ArrowArrayStream* out);

/// Drains and releases `stream` (consumed in all cases) into a ChunkedArray of the stream's type.
/// Stream errors carry the producer's last error message.
Result<ChunkedArrayPtr> ImportChunkedArrayStream(ArrowArrayStream* stream, ImportValidation validation);

}  // namespace arrowpack::python
