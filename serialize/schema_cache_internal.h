// Process-wide caches of the object format's schemas (internal to serialize/). Every serialized
// object carries the IPC schema of its nested dense union, and for small objects building,
// encoding and parsing that schema is most of the work; programs serialize few distinct shapes,
// so each is built, encoded and parsed once:
//   - writing: the shape key of a union tree (SequenceWriter derives it from the tags in each
//     union) -> its Schema and framed schema message;
//   - reading: the exact bytes of a schema message's metadata -> the Schema decoded from them and
//     the fast decoder's SequencePlan for it (sequence_decoder_internal.h).
// A read hit needs the same bytes the IPC reader already verified and decoded without error, so
// it returns what decoding them again would; the record batch is still read and validated in
// full against it. Each cache holds at most kMaxCachedSchemas entries and is emptied when full.
// Thread-safe (one mutex; each thread also remembers its last plan hit, compared with memcmp
// before the map is hashed). Errors: those of building / encoding / decoding on a miss, unchanged.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/result.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/message.h"

namespace arrowpack::serialize::internal {

constexpr size_t kMaxCachedSchemas = 256;

/// The schema of the shape `key` (equal keys must mean equal schemas); `build` makes it on a miss.
Result<std::shared_ptr<Schema>> SchemaForShape(std::string_view key,
                                               const std::function<Result<std::shared_ptr<Schema>>()>& build);

/// The framed schema message of the object format's stream (continuation marker, length,
/// flatbuffer, padding; StreamWriteOptions): cached for schemas SchemaForShape returned, encoded
/// afresh for others.
Result<std::shared_ptr<Buffer>> SchemaMessageBytes(const std::shared_ptr<Schema>& schema);

/// ipc::ReadSchema(message, memo), once per distinct metadata bytes (schemas with dictionary
/// fields are decoded every time, so that `memo` is filled as before).
Result<std::shared_ptr<Schema>> ReadSchemaCached(const ipc::Message& message, ipc::DictionaryMemo* memo);

struct SequencePlan;
/// The plan cached by ReadSchemaCached for a schema message with exactly these metadata bytes
/// (and no body); nullptr when there is none (never read, evicted, or not for the fast decoder).
/// A hit stands for bytes the IPC reader verified and decoded without error.
std::shared_ptr<const SequencePlan> CachedSequencePlan(std::string_view metadata);

}  // namespace arrowpack::serialize::internal
