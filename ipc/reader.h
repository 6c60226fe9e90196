// Arrow IPC readers: the stream format (pull reader and push decoder), the file format (random
// access through the footer) and the lower-level decoding of single messages. Input is treated
// as hostile: metadata is verified, every buffer, node and count is checked against the schema
// and the bytes present, decompression is capped, and each decoded column passes
// Array::Validate (ValidateFull when IpcReadOptions::validate_full). Errors are Invalid unless
// noted. From memory-backed sources (BufferReader, memory maps) uncompressed, aligned,
// native-endian buffers are slices of the input: nothing is copied or allocated from the pool.
// Readers are not thread-safe.
//
// Metadata V4 let dense unions have null slots (a validity bitmap); the columnar format has had
// none since 1.0, so such a union's null slots are re-pointed at entries of a child of type null:
// its first one, else a child kV4UnionNullFieldName appended to its type, which then differs from
// the schema's (the batch's schema says so). V4 sparse unions with nulls, and V5 unions with a
// null count, are Invalid.
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

/// The name of the null child a V4 dense union with null slots gains when it has none.
inline constexpr char kV4UnionNullFieldName[] = "null";

/// The schema of a schema message; registers its dictionary-encoded fields in `memo`.
Result<std::shared_ptr<Schema>> ReadSchema(const Message& message, DictionaryMemo* memo);
/// Reads the first message of `stream`, which must be a schema.
Result<std::shared_ptr<Schema>> ReadSchema(io::InputStream* stream, const IpcReadOptions& options = IpcReadOptions());
/// Decodes a record batch message; `memo` supplies the dictionaries (may be nullptr when the
/// schema has no dictionary-encoded field).
Result<RecordBatchPtr> ReadRecordBatch(const Message& message, std::shared_ptr<Schema> schema,
                                       const DictionaryMemo* memo, const IpcReadOptions& options = IpcReadOptions());
/// Decodes a dictionary batch message into `memo` (a delta is appended, otherwise the dictionary
/// is set or replaced). Returns true when an earlier dictionary was replaced.
Result<bool> ReadDictionary(const Message& message, DictionaryMemo* memo,
                            const IpcReadOptions& options = IpcReadOptions());

/// A record batch with the custom metadata of its message (nullptr when it has none).
struct RecordBatchWithMetadata {
  RecordBatchPtr batch;
  MetadataPtr custom_metadata;
};

class RecordBatchStreamReader : public RecordBatchReader {
 public:
  /// Reads the schema message at once (Invalid if the stream does not start with one).
  static Result<std::shared_ptr<RecordBatchStreamReader>> Open(std::shared_ptr<io::InputStream> stream,
                                                               const IpcReadOptions& options = IpcReadOptions());
  static Result<std::shared_ptr<RecordBatchStreamReader>> Open(std::unique_ptr<MessageReader> messages,
                                                               const IpcReadOptions& options = IpcReadOptions());
  ~RecordBatchStreamReader() override;

  std::shared_ptr<Schema> schema() const override;
  /// The next batch (dictionary messages before it are applied), nullptr at end of stream.
  Result<RecordBatchPtr> ReadNext() override;
  /// Like ReadNext, with the batch message's custom metadata (batch nullptr at end of stream).
  Result<RecordBatchWithMetadata> ReadNextWithCustomMetadata();
  ReadStats stats() const;

 private:
  struct Impl;
  explicit RecordBatchStreamReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class RecordBatchFileReader {
 public:
  /// Reads and checks the footer (magic at both ends, block bounds and alignment). When the file
  /// is embedded in a larger one, `footer_offset` is the position just past its end.
  static Result<std::shared_ptr<RecordBatchFileReader>> Open(std::shared_ptr<io::RandomAccessFile> file,
                                                             const IpcReadOptions& options = IpcReadOptions());
  static Result<std::shared_ptr<RecordBatchFileReader>> Open(std::shared_ptr<io::RandomAccessFile> file,
                                                             int64_t footer_offset,
                                                             const IpcReadOptions& options = IpcReadOptions());
  ~RecordBatchFileReader();

  std::shared_ptr<Schema> schema() const;
  int num_record_batches() const;
  int num_dictionaries() const;
  MetadataVersion version() const;
  /// Custom metadata of the footer (nullptr when absent).
  const MetadataPtr& metadata() const;
  /// Batch `i` (IndexError when out of range). All dictionaries are read on first use.
  Result<RecordBatchPtr> ReadRecordBatch(int i);
  /// Batch `i` with its message's custom metadata.
  Result<RecordBatchWithMetadata> ReadRecordBatchWithCustomMetadata(int i);
  /// Total rows of all batches, from their metadata only (bodies are not decoded).
  Result<int64_t> CountRows();
  /// Every batch as a table with the file's schema.
  Result<TablePtr> ReadAll();
  ReadStats stats() const;

 private:
  struct Impl;
  explicit RecordBatchFileReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Push decoder of the stream format for data that arrives in pieces (sockets). Feed bytes with
/// Consume; the listener hears about the schema, every batch and the end of stream as soon as
/// they are complete. After an error the decoder stays failed.
class StreamDecoder {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual Status OnSchemaDecoded(std::shared_ptr<Schema> schema) { return Status::OK(); }
    virtual Status OnRecordBatchDecoded(RecordBatchPtr batch) = 0;
    virtual Status OnEndOfStream() { return Status::OK(); }
  };

  explicit StreamDecoder(std::shared_ptr<Listener> listener, const IpcReadOptions& options = IpcReadOptions());
  ~StreamDecoder();

  /// Copies what it must keep of [data, data + size).
  Status Consume(const uint8_t* data, int64_t size);
  /// Keeps `buffer` (no copy when a whole message lies inside one buffer).
  Status Consume(std::shared_ptr<Buffer> buffer);
  /// Bytes needed to finish the current step (a hint for socket reads; 0 after end of stream).
  int64_t next_required_size() const;
  /// nullptr until the schema message has been decoded.
  std::shared_ptr<Schema> schema() const;
  ReadStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::ipc
