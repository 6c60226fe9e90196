// The direct encoder of the object format's embedded IPC stream (internal to serialize/): from
// a sealed union tree of sequence_arena_internal.h straight to the stream bytes (schema message,
// record batch message, padded body, end-of-stream) in one buffer, with no ArrayData, batch or
// per-buffer allocation. The record batch message comes from the IPC writer's own
// ipc::internal::BuildRecordBatchMessage, fed the field nodes and buffer specs the generic writer
// (ipc::GetRecordBatchPayload) derives from the equivalent batch, in the same depth-first order,
// so the stream is byte-identical to the generic path's (for repeated schemas, that message with
// the new numbers written straight into it while walking the tree; see MessageTemplate).
//
// Errors: as the generic writer's for the same batch (CapacityError for arrays of more than
// 2^31 - 1 values); OutOfMemory from `pool`.
#pragma once

#include <memory>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/result.h"
#include "arrowpack/serialize/sequence_arena_internal.h"
#include "arrowpack/serialize/sequence_writer.h"

namespace arrowpack::serialize::internal {

/// The stream of the one-column batch whose column is `root` and whose schema is `schema`, placed
/// at byte `offset` of a new buffer padded to a multiple of `alignment` (a power of two), zeros
/// around it (see SequenceWriter::FinishStreamAt); `schema_message` is the framed schema message
/// of `schema`. "Sealed": every binary and container child's offsets end with its end offset
/// (n + 1 entries). The record batch message of a schema seen in one of the last few calls is its
/// MessageTemplate with the numbers patched.
Result<PlacedStream> EncodeSequenceStream(const UnionNode& root, const std::shared_ptr<Schema>& schema,
                                          const Buffer& schema_message, int64_t offset, int64_t alignment,
                                          EncoderScratch* scratch, MemoryPool* pool);

}  // namespace arrowpack::serialize::internal
