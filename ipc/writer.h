// Arrow IPC writers: the stream format (schema, dictionaries, batches, end-of-stream) and the
// file format (ARROW1 magic, the same stream, a footer of blocks for random access). A message
// travels as an IpcPayload, its metadata plus the list of body buffers, which are written to the
// sink one after another with zero padding: array buffers are never gathered into an
// intermediate copy (only re-aligned bitmaps, rebased offsets and compressed buffers are new).
// Writers are not thread-safe. They keep the sink alive and never close it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/table.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/ipc/options.h"

namespace arrowpack::ipc {

/// One encapsulated message before it reaches the sink.
struct IpcPayload {
  MessageType type = MessageType::NONE;
  /// The Message flatbuffer (no prefix, no padding).
  std::shared_ptr<Buffer> metadata;
  /// Body buffers in metadata order; each is followed by zero padding to the alignment.
  /// nullptr stands for an empty buffer.
  std::vector<std::shared_ptr<Buffer>> body_buffers;
  /// Body size including padding (the Message's bodyLength).
  int64_t body_length = 0;
  /// Sum of the buffer sizes before compression.
  int64_t raw_body_length = 0;
};

/// The schema message; dictionary ids come from `memo` (see AssignDictionaryIds).
Result<IpcPayload> GetSchemaPayload(const Schema& schema, const DictionaryMemo& memo, const IpcWriteOptions& options);
/// A record batch message. Dictionary-encoded columns contribute their indices only; their ids
/// come from `memo`. `custom_metadata` goes into the Message table.
Result<IpcPayload> GetRecordBatchPayload(const RecordBatch& batch, const IpcWriteOptions& options,
                                         const KeyValueMetadata* custom_metadata = nullptr);
/// A dictionary batch message carrying `dictionary` (the values) under `id`.
Result<IpcPayload> GetDictionaryPayload(int64_t id, bool is_delta, const ArrayDataPtr& dictionary,
                                        const IpcWriteOptions& options);
/// Writes the payload (prefix, metadata, padding, body buffers with padding). Returns the
/// metadata length including prefix and padding (a file Block's metaDataLength).
Result<int32_t> WriteIpcPayload(const IpcPayload& payload, const IpcWriteOptions& options, io::OutputStream* sink);

class RecordBatchWriter {
 public:
  virtual ~RecordBatchWriter() = default;
  /// Invalid if the batch's schema differs from the writer's (metadata aside) or the writer is
  /// closed. Dictionaries the batch needs are written first (or their deltas).
  Status WriteRecordBatch(const RecordBatch& batch) { return WriteRecordBatch(batch, nullptr); }
  virtual Status WriteRecordBatch(const RecordBatch& batch, const MetadataPtr& custom_metadata) = 0;
  /// Writes the table in batches of at most `max_chunksize` rows (<= 0: chunk boundaries only).
  /// File writers with IpcWriteOptions::unify_dictionaries first give each dictionary-encoded
  /// column one dictionary (UnifyDictionaries), so chunks may carry different dictionaries.
  virtual Status WriteTable(const Table& table, int64_t max_chunksize = -1);
  /// Writes the end of stream (and the footer for files). The sink stays open. Idempotent.
  virtual Status Close() = 0;
  virtual WriteStats stats() const = 0;
};

/// The stream format. The schema is written at once.
Result<std::shared_ptr<RecordBatchWriter>> MakeStreamWriter(std::shared_ptr<io::OutputStream> sink,
                                                            std::shared_ptr<Schema> schema,
                                                            const IpcWriteOptions& options = IpcWriteOptions());
/// The file format; `footer_metadata` is stored in the footer (pyarrow's `metadata=`). Block
/// offsets count from the position of the sink when the writer was made. A dictionary that
/// changes other than by growing (with deltas enabled) is Invalid: files cannot replace them.
Result<std::shared_ptr<RecordBatchWriter>> MakeFileWriter(std::shared_ptr<io::OutputStream> sink,
                                                          std::shared_ptr<Schema> schema,
                                                          const IpcWriteOptions& options = IpcWriteOptions(),
                                                          MetadataPtr footer_metadata = nullptr);

/// Size in bytes of the encapsulated record batch message (prefix, metadata, body), as written
/// by a stream writer; dictionaries are not counted. Computed with a counting sink.
Result<int64_t> GetRecordBatchSize(const RecordBatch& batch, const IpcWriteOptions& options = IpcWriteOptions());
/// The encapsulated record batch message in one buffer from options.memory_pool (pyarrow's
/// RecordBatch.serialize). Dictionaries are not included: a reader needs them from elsewhere.
Result<std::shared_ptr<Buffer>> SerializeRecordBatch(const RecordBatch& batch,
                                                     const IpcWriteOptions& options = IpcWriteOptions());
/// The encapsulated schema message (pyarrow's Schema.serialize).
Result<std::shared_ptr<Buffer>> SerializeSchema(const Schema& schema, const IpcWriteOptions& options = IpcWriteOptions());

}  // namespace arrowpack::ipc
