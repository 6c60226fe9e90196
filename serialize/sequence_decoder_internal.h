// The fast decoder of the object format's embedded IPC stream (internal to serialize/): builds a
// SequenceReader straight from the bytes of the stream (schema message, record batch message and
// body, end-of-stream marker), without RecordBatch, ArrayData or Buffer objects.
//
// It reads only the common layout of pyarrow 1.0-11 and arrowpack: continuation-marker framing,
// a V5 record batch with an uncompressed body, a schema in the schema cache
// (schema_cache_internal.h) whose unions use the modern tag numbering. For each schema a
// SequencePlan, built once, lists its unions in the order of the batch's field nodes with the
// code tables every read shares. A read walks the field nodes and buffer specs in that order and
// makes every check the generic path (ipc::ReadMessage, ipc::ReadRecordBatch with its
// validation, SequenceReader::Open) makes: framing and lengths, FlatBuffers verification (for a record batch message of a schema read
// before, byte equality with the last verified one outside the values the verifier ignores:
// batch_message_template_internal.h), buffers
// inside the body and aligned for their element type, node and buffer counts, field node lengths
// and null counts, buffer sizes, offsets monotonic and inside data or children, type codes with a
// child, dense union offsets inside their child, struct children long enough, UTF-8, no nulls,
// non-negative indices, the nesting limit.
//
// Errors: none. Anything outside that layout and ANY failed check makes it decline (a null
// reader), and the caller reads the stream with the generic path, which reports the error. So
// the fast decoder accepts no bytes the generic path rejects and yields the same values.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/ipc/options.h"
#include "arrowpack/serialize/sequence_reader.h"

namespace arrowpack::serialize::internal {

/// How the batches of one schema are laid out, for the fast decoder. Immutable.
struct SequencePlan {
  struct Child {
    PythonTag tag = PythonTag::NONE;
    int32_t items = -1;  // LIST/TUPLE/SET values, DICT keys: index into unions
    int32_t vals = -1;   // DICT values
  };
  struct Union {
    UnionReader::CodeTable codes;
    /// 1 + the child of each type code as an unsigned byte; 0 for codes without a child
    /// (negative ones included): the row checks index a table of child lengths with it.
    std::array<uint8_t, 256> slot_of_code{};
    size_t first_child = 0;  // into children
    size_t num_children = 0;
  };
  std::vector<Union> unions;  // in field node order, the top-level union first
  std::vector<Child> children;
  size_t num_nodes = 0;
  size_t num_buffers = 0;
  int max_depth = 0;  // deepest field, the top-level column at depth 0 (as ipc's ArrayLoader counts)
};

/// The plan for batches of `schema`, or nullptr when the fast decoder does not read them (not
/// one dense union column, legacy numbering, a type or child name SequenceReader would refuse).
std::shared_ptr<const SequencePlan> MakeSequencePlan(const Schema& schema);

/// What DecodeStream read: `reader` is nullptr when the fast decoder declined; else `length` is
/// the number of bytes of the stream, end-of-stream marker included.
struct DecodedStream {
  std::unique_ptr<SequenceReader> reader;
  int64_t length = 0;
};

/// Decodes the stream that starts at byte 0 of `bytes` (see the file comment) as the generic path
/// would with `options` (declines when they project fields). The reader keeps `bytes` alive.
DecodedStream DecodeStream(const std::shared_ptr<Buffer>& bytes, const ipc::IpcReadOptions& options);

/// DecodeStream on borrowed memory, the stream at `data`: fills `reader` (a reusable one, see
/// SequenceReader::MakeReusable) and returns the stream's length, or 0 when declining (the reader
/// is then unusable). The reader points into [data, data + size) without keeping it alive.
int64_t DecodeStreamInto(const uint8_t* data, int64_t size, const ipc::IpcReadOptions& options,
                         SequenceReader* reader);

}  // namespace arrowpack::serialize::internal
