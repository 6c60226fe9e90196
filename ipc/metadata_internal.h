// Conversions between arrowpack schemas/types and the Arrow FlatBuffers metadata, verification
// of incoming flatbuffers, and builders of the Message/Footer flatbuffers. Internal to ipc/: it
// exposes the flatc-generated types, so no public header may include it.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/ipc/File_generated.h"
#include "arrowpack/ipc/Message_generated.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/options.h"

namespace arrowpack::ipc::internal {

namespace fb = org::apache::arrow::flatbuf;
using FBB = flatbuffers::FlatBufferBuilder;
using KeyValueVector = flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>>;

// ---- Reading vectors safely ---------------------------------------------------------------

/// The elements of a scalar or struct vector, copied out with memcpy: the verifier checks the
/// alignment of a vector's length but not of its elements, so corrupt metadata may misalign them.
template <typename T>
std::vector<T> CopyVector(const flatbuffers::Vector<T>* vector) {
  std::vector<T> out;
  if (vector == nullptr) return out;
  out.resize(vector->size());
  if (!out.empty()) std::memcpy(out.data(), vector->Data(), out.size() * sizeof(T));
  return out;
}
template <typename T>
std::vector<T> CopyVector(const flatbuffers::Vector<const T*>* vector) {
  return CopyVector(reinterpret_cast<const flatbuffers::Vector<T>*>(vector));
}
/// As CopyVector, straight into `Out`: a plain struct with the same fields, in the same order, as
/// the flatbuffer struct `T` (one allocation, no intermediate vector of `T`).
template <typename Out, typename T>
std::vector<Out> CopyStructs(const flatbuffers::Vector<const T*>* vector) {
  static_assert(sizeof(Out) == sizeof(T) && std::is_trivially_copyable_v<Out>);
  std::vector<Out> out;
  if (vector == nullptr) return out;
  out.resize(vector->size());
  if (!out.empty()) std::memcpy(out.data(), vector->Data(), out.size() * sizeof(Out));
  return out;
}

// ---- Verification --------------------------------------------------------------------------

/// Runs the FlatBuffers verifier (depth <= 128, tables bounded by the size) over a Message and
/// returns its root. `data` must be 8-byte aligned (see AlignedMetadata). Invalid on failure.
Result<const fb::Message*> VerifyMessage(const uint8_t* data, int64_t size);
Result<const fb::Footer*> VerifyFooter(const uint8_t* data, int64_t size);
/// `buffer` itself when its data is 8-byte aligned, else an aligned copy from `pool`.
Result<std::shared_ptr<Buffer>> AlignedMetadata(std::shared_ptr<Buffer> buffer, MemoryPool* pool = nullptr);
/// Invalid unless `version` is V4 or V5 (older ones are described, newer ones called unknown).
Result<MetadataVersion> CheckMetadataVersion(fb::MetadataVersion version);

// ---- Schema and types ----------------------------------------------------------------------

KeyValueVector MetadataToFlatbuffer(FBB& fbb, const KeyValueMetadata* metadata);
/// nullptr for an absent or empty list; Invalid for a pair without key.
Result<MetadataPtr> MetadataFromFlatbuffer(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* pairs);

/// The Schema table; dictionary ids of its fields come from `memo` (see AssignDictionaryIds).
Result<flatbuffers::Offset<fb::Schema>> SchemaToFlatbuffer(FBB& fbb, const Schema& schema, const DictionaryMemo& memo,
                                                            const IpcWriteOptions& options);

struct DecodedSchema {
  std::shared_ptr<Schema> schema;
  bool big_endian = false;
};
/// Rebuilds the schema and registers its dictionary-encoded fields in `memo`. Invalid for
/// malformed or unsupported metadata (unknown type, wrong child count, bad parameters).
Result<DecodedSchema> SchemaFromFlatbuffer(const fb::Schema* schema, DictionaryMemo* memo, int max_depth);

/// Type tag and table of a fixed-width numeric type (tensor values and indices).
Result<std::pair<fb::Type, flatbuffers::Offset<void>>> NumericTypeToFlatbuffer(FBB& fbb, const DataType& type);
/// A numeric (integer or floating point) type from its tag and table; Invalid otherwise.
Result<TypePtr> NumericTypeFromFlatbuffer(fb::Type tag, const void* table);
Result<TypePtr> IntTypeFromFlatbuffer(const fb::Int* int_type);

// ---- Messages ------------------------------------------------------------------------------

/// Laid out as the flatbuffers FieldNode and Buffer structs (read with CopyStructs).
struct FieldNodeInfo {
  int64_t length;
  int64_t null_count;
};
struct BufferInfo {
  int64_t offset;
  int64_t length;
};

/// Everything a RecordBatch table holds.
struct RecordBatchInfo {
  int64_t length = 0;
  std::vector<FieldNodeInfo> nodes;
  std::vector<BufferInfo> buffers;
  std::vector<int64_t> variadic_counts;
  Compression compression = Compression::UNCOMPRESSED;
};

/// A finished Message flatbuffer in a Buffer (no copy of the builder's memory).
std::shared_ptr<Buffer> FinishToBuffer(FBB& fbb);

Result<std::shared_ptr<Buffer>> MakeSchemaMessage(const Schema& schema, const DictionaryMemo& memo,
                                                  const IpcWriteOptions& options);
/// Builds a RecordBatch Message in `fbb` (cleared first, its memory reused); the message is then
/// fbb.GetBufferPointer() / GetSize(). MakeRecordBatchMessage is this in a new builder.
Status BuildRecordBatchMessage(FBB& fbb, const RecordBatchInfo& batch, int64_t body_length,
                               const IpcWriteOptions& options, const KeyValueMetadata* custom_metadata = nullptr);
Result<std::shared_ptr<Buffer>> MakeRecordBatchMessage(const RecordBatchInfo& batch, int64_t body_length,
                                                       const IpcWriteOptions& options,
                                                       const KeyValueMetadata* custom_metadata = nullptr);
Result<std::shared_ptr<Buffer>> MakeDictionaryBatchMessage(int64_t id, bool is_delta, const RecordBatchInfo& batch,
                                                           int64_t body_length, const IpcWriteOptions& options);
flatbuffers::Offset<fb::Message> MakeMessageTable(FBB& fbb, const IpcWriteOptions& options, fb::MessageHeader tag,
                                                  flatbuffers::Offset<void> header, int64_t body_length,
                                                  const KeyValueMetadata* custom_metadata = nullptr);

struct FileBlock {
  int64_t offset;
  int32_t metadata_length;
  int64_t body_length;
};
Result<std::shared_ptr<Buffer>> MakeFooter(const Schema& schema, const DictionaryMemo& memo,
                                           const std::vector<FileBlock>& dictionaries,
                                           const std::vector<FileBlock>& record_batches,
                                           const KeyValueMetadata* footer_metadata, const IpcWriteOptions& options);

/// Reads a RecordBatch table; Invalid for an unknown codec or compression method.
Result<RecordBatchInfo> RecordBatchFromFlatbuffer(const fb::RecordBatch* batch);

}  // namespace arrowpack::ipc::internal
