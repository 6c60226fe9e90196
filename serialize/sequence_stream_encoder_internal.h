// The direct encoder of the object format's embedded IPC stream (internal to serialize/): from
// a union tree of sequence_arena_internal.h (sealed before, or while it is laid out) straight to the stream bytes (schema message,
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
#include <optional>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/result.h"
#include "arrowpack/serialize/sequence_arena_internal.h"
#include "arrowpack/serialize/sequence_writer.h"

namespace arrowpack::serialize::internal {

/// Whether EncodeSequenceStream seals the tree (see EncodeSequenceStream).
enum class Sealing {
  kAlreadySealed,     // every binary and container child's offsets end with its end offset
  kSealWhileWalking,  // not yet; `schema` is that of the shape the arena sealed last
};

/// The stream of the one-column batch whose column is `root` and whose schema is `schema`, placed
/// at byte `offset` of a new buffer padded to a multiple of `alignment` (a power of two), zeros
/// around it (see SequenceWriter::FinishStreamAt); `schema_message` is the framed schema message
/// of `schema`. "Sealed": every binary and container child's offsets end with its end offset
/// (n + 1 entries). The record batch message of a schema seen in one of the last few calls is its
/// MessageTemplate with the numbers patched.
///
/// With Sealing::kSealWhileWalking the encoder seals the tree in the same walk that lays it out
/// (appending the end offsets; a union's sealed_used becomes its used). When some union uses
/// another number of children than when last sealed, the tree may not have `schema`: the answer
/// is nullopt, with the tree sealed and nothing encoded, and the caller encodes it again
/// (kAlreadySealed) with the schema of its shape. kAlreadySealed never answers nullopt.
Result<std::optional<PlacedStream>> EncodeSequenceStream(UnionNode& root, const std::shared_ptr<Schema>& schema,
                                                         const Buffer& schema_message, int64_t offset,
                                                         int64_t alignment, Sealing sealing, EncoderScratch* scratch,
                                                         MemoryPool* pool);

}  // namespace arrowpack::serialize::internal
