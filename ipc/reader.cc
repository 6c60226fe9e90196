#include "arrowpack/ipc/reader.h"

#include <cstring>
#include <deque>

#include "arrowpack/ipc/array_loader_internal.h"
#include "arrowpack/ipc/metadata_internal.h"
#include "arrowpack/ipc/v4_union_nulls_internal.h"

namespace arrowpack::ipc {

namespace {

namespace fb = internal::fb;

constexpr char kFileMagic[6] = {'A', 'R', 'R', 'O', 'W', '1'};

const fb::Message* Root(const Message& message) { return static_cast<const fb::Message*>(message.flatbuffer()); }

Status ExpectType(const Message& message, MessageType expected) {
  if (message.type() != expected) {
    return Status::Invalid("expected an IPC ", MessageTypeName(expected), " message, got ",
                           MessageTypeName(message.type()));
  }
  return Status::OK();
}

Result<internal::DecodedSchema> DecodeSchema(const Message& message, DictionaryMemo* memo,
                                             const IpcReadOptions& options) {
  ARROWPACK_RETURN_NOT_OK(ExpectType(message, MessageType::SCHEMA));
  return internal::SchemaFromFlatbuffer(Root(message)->header_as_Schema(), memo, options.max_recursion_depth);
}

// The indices of options.included_fields in schema order, each once (empty: every field).
Result<std::vector<int>> IncludedFields(const Schema& schema, const IpcReadOptions& options) {
  std::vector<bool> included(static_cast<size_t>(schema.num_fields()), false);
  for (int index : options.included_fields) {
    if (index < 0 || index >= schema.num_fields()) return Status::Invalid("Out of bounds field index: ", index);
    included[static_cast<size_t>(index)] = true;
  }
  std::vector<int> out;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (included[static_cast<size_t>(i)]) out.push_back(i);
  }
  return out;
}

// The schema readers report: `schema` with just the included fields.
Result<std::shared_ptr<Schema>> ProjectSchema(const std::shared_ptr<Schema>& schema, const IpcReadOptions& options) {
  if (options.included_fields.empty()) return schema;
  ARROWPACK_ASSIGN_OR_RAISE(std::vector<int> included, IncludedFields(*schema, options));
  FieldVector fields;
  for (int i : included) fields.push_back(schema->field(i));
  return std::make_shared<Schema>(std::move(fields), schema->metadata());
}

Result<RecordBatchPtr> DecodeRecordBatch(const Message& message, const std::shared_ptr<Schema>& schema,
                                         const DictionaryMemo* memo, const IpcReadOptions& options, bool big_endian) {
  ARROWPACK_RETURN_NOT_OK(ExpectType(message, MessageType::RECORD_BATCH));
  ARROWPACK_ASSIGN_OR_RAISE(internal::RecordBatchInfo info,
                            internal::RecordBatchFromFlatbuffer(Root(message)->header_as_RecordBatch()));
  internal::LoadContext context{&options, message.metadata_version(), big_endian, memo};
  ARROWPACK_ASSIGN_OR_RAISE(auto columns, internal::LoadColumns(info, message.body(), schema->fields(), {}, context));
  auto batch_schema = internal::SchemaOfColumns(schema, columns);
  if (!options.included_fields.empty()) {
    ARROWPACK_ASSIGN_OR_RAISE(std::vector<int> included, IncludedFields(*schema, options));
    FieldVector fields;
    std::vector<ArrayDataPtr> kept;
    for (int i : included) {
      fields.push_back(batch_schema->field(i));
      kept.push_back(std::move(columns[static_cast<size_t>(i)]));
    }
    batch_schema = std::make_shared<Schema>(std::move(fields), schema->metadata());
    columns = std::move(kept);
  }
  return RecordBatch::Make(std::move(batch_schema), info.length, std::move(columns));
}

// Returns true if an earlier dictionary was replaced.
Result<bool> DecodeDictionary(const Message& message, DictionaryMemo* memo, const IpcReadOptions& options,
                              bool big_endian, bool* is_delta) {
  ARROWPACK_RETURN_NOT_OK(ExpectType(message, MessageType::DICTIONARY_BATCH));
  const fb::DictionaryBatch* batch = Root(message)->header_as_DictionaryBatch();
  const int64_t id = batch->id();
  if (!memo->HasId(id)) return Status::Invalid("IPC dictionary batch has id ", id, " which no schema field uses");
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr value_type, memo->GetValueType(id));
  ARROWPACK_ASSIGN_OR_RAISE(FieldPath path, memo->GetPath(id));
  ARROWPACK_ASSIGN_OR_RAISE(internal::RecordBatchInfo info, internal::RecordBatchFromFlatbuffer(batch->data()));
  internal::LoadContext context{&options, message.metadata_version(), big_endian, memo};
  FieldVector fields{field("dictionary", value_type)};
  ARROWPACK_ASSIGN_OR_RAISE(auto columns, internal::LoadColumns(info, message.body(), fields, path, context));
  if (columns[0]->type != value_type) {
    return Status::NotImplemented("IPC dictionary ", id, " holds V4 union null slots, which would change its type");
  }
  if (columns[0]->length != info.length) {
    return Status::Invalid("IPC dictionary batch declares ", info.length, " rows but holds ", columns[0]->length);
  }
  *is_delta = batch->isDelta();
  if (*is_delta) {
    ARROWPACK_RETURN_NOT_OK(memo->AppendDelta(id, columns[0], options.memory_pool));
    return false;
  }
  return memo->SetDictionary(id, columns[0]);
}

// What a stream reader and the push decoder share: the schema, the dictionaries, the counters.
class StreamState {
 public:
  explicit StreamState(const IpcReadOptions& options) : options_(options) {}

  Status OnSchema(const Message& message) {
    ++stats_.num_messages;
    ARROWPACK_ASSIGN_OR_RAISE(internal::DecodedSchema decoded, DecodeSchema(message, &memo_, options_));
    schema_ = decoded.schema;
    ARROWPACK_ASSIGN_OR_RAISE(projected_schema_, ProjectSchema(schema_, options_));
    big_endian_ = decoded.big_endian;
    return Status::OK();
  }

  // A batch, or nullptr after a dictionary message.
  Result<RecordBatchPtr> OnMessage(const Message& message) {
    ++stats_.num_messages;
    switch (message.type()) {
      case MessageType::DICTIONARY_BATCH: {
        bool is_delta = false;
        ARROWPACK_ASSIGN_OR_RAISE(bool replaced, DecodeDictionary(message, &memo_, options_, big_endian_, &is_delta));
        ++stats_.num_dictionary_batches;
        if (is_delta) ++stats_.num_dictionary_deltas;
        if (replaced) ++stats_.num_replaced_dictionaries;
        return RecordBatchPtr();
      }
      case MessageType::RECORD_BATCH: {
        ARROWPACK_ASSIGN_OR_RAISE(auto batch, DecodeRecordBatch(message, schema_, &memo_, options_, big_endian_));
        ++stats_.num_record_batches;
        return batch;
      }
      default:
        return Status::Invalid("unexpected IPC ", MessageTypeName(message.type()),
                               " message in a record batch stream");
    }
  }

  /// The schema of the batches (the included fields).
  const std::shared_ptr<Schema>& schema() const { return projected_schema_; }
  const ReadStats& stats() const { return stats_; }

 private:
  IpcReadOptions options_;
  std::shared_ptr<Schema> schema_;  // every field, to decode with
  std::shared_ptr<Schema> projected_schema_;
  bool big_endian_ = false;
  DictionaryMemo memo_;
  ReadStats stats_;
};

}  // namespace

// ---- Lower-level functions -----------------------------------------------------------------

Result<std::shared_ptr<Schema>> ReadSchema(const Message& message, DictionaryMemo* memo) {
  DictionaryMemo scratch;
  ARROWPACK_ASSIGN_OR_RAISE(auto decoded, DecodeSchema(message, memo ? memo : &scratch, IpcReadOptions()));
  return decoded.schema;
}

Result<std::shared_ptr<Schema>> ReadSchema(io::InputStream* stream, const IpcReadOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(auto message, ReadMessage(stream, options));
  if (message == nullptr) return Status::Invalid("IPC stream ended before its schema message");
  DictionaryMemo memo;
  ARROWPACK_ASSIGN_OR_RAISE(auto decoded, DecodeSchema(*message, &memo, options));
  return decoded.schema;
}

Result<RecordBatchPtr> ReadRecordBatch(const Message& message, std::shared_ptr<Schema> schema,
                                       const DictionaryMemo* memo, const IpcReadOptions& options) {
  if (schema == nullptr) return Status::Invalid("ReadRecordBatch needs a schema");
  return DecodeRecordBatch(message, schema, memo, options, /*big_endian=*/false);
}

Result<bool> ReadDictionary(const Message& message, DictionaryMemo* memo, const IpcReadOptions& options) {
  bool is_delta = false;
  return DecodeDictionary(message, memo, options, /*big_endian=*/false, &is_delta);
}

// ---- Stream reader -------------------------------------------------------------------------

struct RecordBatchStreamReader::Impl {
  std::unique_ptr<MessageReader> messages;
  StreamState state;
  bool finished = false;
};

RecordBatchStreamReader::RecordBatchStreamReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordBatchStreamReader::~RecordBatchStreamReader() = default;

Result<std::shared_ptr<RecordBatchStreamReader>> RecordBatchStreamReader::Open(std::shared_ptr<io::InputStream> stream,
                                                                               const IpcReadOptions& options) {
  if (stream == nullptr) return Status::Invalid("IPC stream reader needs a stream");
  return Open(MessageReader::Open(std::move(stream), options), options);
}

Result<std::shared_ptr<RecordBatchStreamReader>> RecordBatchStreamReader::Open(std::unique_ptr<MessageReader> messages,
                                                                               const IpcReadOptions& options) {
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(messages), StreamState(options)});
  ARROWPACK_ASSIGN_OR_RAISE(auto first, impl->messages->ReadNextMessage());
  if (first == nullptr) return Status::Invalid("IPC stream is empty: expected a schema message");
  ARROWPACK_RETURN_NOT_OK(impl->state.OnSchema(*first));
  return std::shared_ptr<RecordBatchStreamReader>(new RecordBatchStreamReader(std::move(impl)));
}

std::shared_ptr<Schema> RecordBatchStreamReader::schema() const { return impl_->state.schema(); }

Result<RecordBatchPtr> RecordBatchStreamReader::ReadNext() {
  ARROWPACK_ASSIGN_OR_RAISE(auto next, ReadNextWithCustomMetadata());
  return std::move(next.batch);
}

Result<RecordBatchWithMetadata> RecordBatchStreamReader::ReadNextWithCustomMetadata() {
  while (!impl_->finished) {
    ARROWPACK_ASSIGN_OR_RAISE(auto message, impl_->messages->ReadNextMessage());
    if (message == nullptr) {
      impl_->finished = true;
      break;
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto batch, impl_->state.OnMessage(*message));
    if (batch != nullptr) return RecordBatchWithMetadata{std::move(batch), message->custom_metadata()};
  }
  return RecordBatchWithMetadata{};
}

ReadStats RecordBatchStreamReader::stats() const { return impl_->state.stats(); }

// ---- File reader ---------------------------------------------------------------------------

struct RecordBatchFileReader::Impl {
  std::shared_ptr<io::RandomAccessFile> file;
  IpcReadOptions options;
  int64_t footer_start = 0;
  std::shared_ptr<Schema> schema;            // every field, to decode with
  std::shared_ptr<Schema> projected_schema;  // the included fields: the batches' schema
  bool big_endian = false;
  MetadataVersion version = MetadataVersion::V5;
  MetadataPtr metadata;
  std::vector<internal::FileBlock> dictionaries;
  std::vector<internal::FileBlock> batches;
  DictionaryMemo memo;
  bool dictionaries_read = false;
  ReadStats stats;

  Status CheckBlock(const fb::Block& block, const char* what, size_t index) {
    const int64_t offset = block.offset();
    const int64_t metadata_length = block.metaDataLength();
    const int64_t body_length = block.bodyLength();
    if (offset < 0 || metadata_length <= 0 || body_length < 0 || offset % 8 != 0 || metadata_length % 8 != 0 ||
        body_length % 8 != 0) {
      return Status::Invalid("IPC file ", what, " block ", index, " is invalid or unaligned (offset ", offset,
                             ", metadata length ", metadata_length, ", body length ", body_length, ")");
    }
    if (offset > footer_start || metadata_length > footer_start - offset ||
        body_length > footer_start - offset - metadata_length) {
      return Status::Invalid("IPC file ", what, " block ", index, " extends past the footer");
    }
    return Status::OK();
  }

  Status ReadFooter(int64_t end) {
    constexpr int64_t kTrailer = 10;  // int32 footer length + magic
    if (end < 8 + kTrailer) return Status::Invalid("file of ", end, " bytes is too small to be an Arrow IPC file");
    ARROWPACK_ASSIGN_OR_RAISE(auto head, file->ReadAt(0, 6));
    if (head->size() < 6 || std::memcmp(head->data(), kFileMagic, 6) != 0) {
      return Status::Invalid("not an Arrow IPC file: missing ARROW1 magic at the start");
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto trailer, file->ReadAt(end - kTrailer, kTrailer));
    if (trailer->size() < kTrailer || std::memcmp(trailer->data() + 4, kFileMagic, 6) != 0) {
      return Status::Invalid("not an Arrow IPC file: missing ARROW1 magic at the end");
    }
    int32_t footer_length;
    std::memcpy(&footer_length, trailer->data(), 4);
    if (footer_length <= 0 || footer_length > end - kTrailer - 8) {
      return Status::Invalid("IPC file footer length ", footer_length, " is invalid for a file of ", end, " bytes");
    }
    footer_start = end - kTrailer - footer_length;
    ARROWPACK_ASSIGN_OR_RAISE(auto footer, file->ReadAt(footer_start, footer_length));
    if (footer->size() < footer_length) return Status::Invalid("IPC file footer is truncated");
    ARROWPACK_ASSIGN_OR_RAISE(footer, internal::AlignedMetadata(std::move(footer), options.memory_pool));
    ARROWPACK_ASSIGN_OR_RAISE(const fb::Footer* root, internal::VerifyFooter(footer->data(), footer->size()));
    ARROWPACK_ASSIGN_OR_RAISE(version, internal::CheckMetadataVersion(root->version()));
    ARROWPACK_ASSIGN_OR_RAISE(auto decoded,
                              internal::SchemaFromFlatbuffer(root->schema(), &memo, options.max_recursion_depth));
    schema = decoded.schema;
    ARROWPACK_ASSIGN_OR_RAISE(projected_schema, ProjectSchema(schema, options));
    big_endian = decoded.big_endian;
    ARROWPACK_ASSIGN_OR_RAISE(metadata, internal::MetadataFromFlatbuffer(root->custom_metadata()));
    auto collect = [&](const flatbuffers::Vector<const fb::Block*>* blocks, const char* what,
                       std::vector<internal::FileBlock>* out) -> Status {
      const std::vector<fb::Block> copied = internal::CopyVector(blocks);
      for (size_t i = 0; i < copied.size(); ++i) {
        ARROWPACK_RETURN_NOT_OK(CheckBlock(copied[i], what, i));
        out->push_back({copied[i].offset(), copied[i].metaDataLength(), copied[i].bodyLength()});
      }
      return Status::OK();
    };
    ARROWPACK_RETURN_NOT_OK(collect(root->dictionaries(), "dictionary", &dictionaries));
    return collect(root->recordBatches(), "record batch", &batches);
  }

  Result<std::unique_ptr<Message>> ReadBlock(const internal::FileBlock& block, MessageType expected) {
    ARROWPACK_ASSIGN_OR_RAISE(auto message, ReadMessage(block.offset, block.metadata_length, file.get(), options));
    if (message == nullptr) return Status::Invalid("IPC file block at offset ", block.offset, " holds no message");
    ARROWPACK_RETURN_NOT_OK(ExpectType(*message, expected));
    if (message->body_length() != block.body_length) {
      return Status::Invalid("IPC file block at offset ", block.offset, " has body length ", block.body_length,
                             " but its message declares ", message->body_length());
    }
    ++stats.num_messages;
    return message;
  }

  Status ReadDictionaries() {
    if (dictionaries_read) return Status::OK();
    for (const auto& block : dictionaries) {
      ARROWPACK_ASSIGN_OR_RAISE(auto message, ReadBlock(block, MessageType::DICTIONARY_BATCH));
      bool is_delta = false;
      ARROWPACK_ASSIGN_OR_RAISE(bool replaced, DecodeDictionary(*message, &memo, options, big_endian, &is_delta));
      if (replaced) {
        return Status::Invalid("IPC file replaces a dictionary: files allow one non-delta dictionary per id");
      }
      ++stats.num_dictionary_batches;
      if (is_delta) ++stats.num_dictionary_deltas;
    }
    dictionaries_read = true;
    return Status::OK();
  }
};

RecordBatchFileReader::RecordBatchFileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordBatchFileReader::~RecordBatchFileReader() = default;

Result<std::shared_ptr<RecordBatchFileReader>> RecordBatchFileReader::Open(std::shared_ptr<io::RandomAccessFile> file,
                                                                           const IpcReadOptions& options) {
  if (file == nullptr) return Status::Invalid("IPC file reader needs a file");
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, file->GetSize());
  return Open(std::move(file), size, options);
}

Result<std::shared_ptr<RecordBatchFileReader>> RecordBatchFileReader::Open(std::shared_ptr<io::RandomAccessFile> file,
                                                                           int64_t footer_offset,
                                                                           const IpcReadOptions& options) {
  if (file == nullptr) return Status::Invalid("IPC file reader needs a file");
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, file->GetSize());
  if (footer_offset < 0 || footer_offset > size) {
    return Status::Invalid("footer offset ", footer_offset, " lies outside the file of ", size, " bytes");
  }
  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file);
  impl->options = options;
  ARROWPACK_RETURN_NOT_OK(impl->ReadFooter(footer_offset));
  return std::shared_ptr<RecordBatchFileReader>(new RecordBatchFileReader(std::move(impl)));
}

std::shared_ptr<Schema> RecordBatchFileReader::schema() const { return impl_->projected_schema; }
int RecordBatchFileReader::num_record_batches() const { return static_cast<int>(impl_->batches.size()); }
int RecordBatchFileReader::num_dictionaries() const { return static_cast<int>(impl_->dictionaries.size()); }
MetadataVersion RecordBatchFileReader::version() const { return impl_->version; }
const MetadataPtr& RecordBatchFileReader::metadata() const { return impl_->metadata; }
ReadStats RecordBatchFileReader::stats() const { return impl_->stats; }

Result<RecordBatchPtr> RecordBatchFileReader::ReadRecordBatch(int i) {
  ARROWPACK_ASSIGN_OR_RAISE(auto read, ReadRecordBatchWithCustomMetadata(i));
  return std::move(read.batch);
}

Result<RecordBatchWithMetadata> RecordBatchFileReader::ReadRecordBatchWithCustomMetadata(int i) {
  if (i < 0 || i >= num_record_batches()) {
    return Status::IndexError("record batch index ", i, " out of range for a file of ", num_record_batches(),
                              " batches");
  }
  ARROWPACK_RETURN_NOT_OK(impl_->ReadDictionaries());
  ARROWPACK_ASSIGN_OR_RAISE(auto message, impl_->ReadBlock(impl_->batches[i], MessageType::RECORD_BATCH));
  ARROWPACK_ASSIGN_OR_RAISE(auto batch,
                            DecodeRecordBatch(*message, impl_->schema, &impl_->memo, impl_->options, impl_->big_endian));
  ++impl_->stats.num_record_batches;
  return RecordBatchWithMetadata{std::move(batch), message->custom_metadata()};
}

Result<int64_t> RecordBatchFileReader::CountRows() {
  int64_t rows = 0;
  for (const auto& block : impl_->batches) {
    ARROWPACK_ASSIGN_OR_RAISE(auto message, impl_->ReadBlock(block, MessageType::RECORD_BATCH));
    ARROWPACK_ASSIGN_OR_RAISE(internal::RecordBatchInfo info,
                              internal::RecordBatchFromFlatbuffer(Root(*message)->header_as_RecordBatch()));
    rows += info.length;
  }
  return rows;
}

Result<TablePtr> RecordBatchFileReader::ReadAll() {
  RecordBatchVector batches;
  for (int i = 0; i < num_record_batches(); ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto batch, ReadRecordBatch(i));
    batches.push_back(std::move(batch));
  }
  return Table::FromRecordBatches(batches, impl_->projected_schema);
}

// ---- Push decoder --------------------------------------------------------------------------

struct StreamDecoder::Impl {
  enum class Step { kPrefix, kLength, kMetadata, kBody, kEnd, kFailed };

  Impl(std::shared_ptr<Listener> listener, const IpcReadOptions& options)
      : listener(std::move(listener)), options(options), state(options) {}

  std::shared_ptr<Listener> listener;
  IpcReadOptions options;
  StreamState state;
  bool have_schema = false;
  Step step = Step::kPrefix;
  int64_t needed = 4;
  std::deque<std::shared_ptr<Buffer>> chunks;
  int64_t front_offset = 0;  // bytes of chunks.front() already used
  int64_t buffered = 0;
  std::shared_ptr<Buffer> metadata;
  const void* root = nullptr;

  // The next `n` buffered bytes: a slice when they lie in one chunk, else a copy.
  Result<std::shared_ptr<Buffer>> Take(int64_t n) {
    std::shared_ptr<Buffer> out;
    const auto& front = chunks.front();
    if (front->size() - front_offset >= n) {
      out = SliceBuffer(front, front_offset, n);
      Drop(n);
      return out;
    }
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> copy, AllocateBuffer(n, options.memory_pool));
    int64_t filled = 0;
    while (filled < n) {
      const auto& chunk = chunks.front();
      const int64_t part = std::min(n - filled, chunk->size() - front_offset);
      std::memcpy(copy->mutable_data() + filled, chunk->data() + front_offset, static_cast<size_t>(part));
      filled += part;
      Drop(part);
    }
    return copy;
  }

  void Drop(int64_t n) {
    buffered -= n;
    front_offset += n;
    while (!chunks.empty() && front_offset >= chunks.front()->size()) {
      front_offset -= chunks.front()->size();
      chunks.pop_front();
    }
  }

  Result<int32_t> TakeInt32() {
    ARROWPACK_ASSIGN_OR_RAISE(auto bytes, Take(4));
    int32_t value;
    std::memcpy(&value, bytes->data(), 4);
    return value;
  }

  Status OnLength(int32_t length) {
    if (length == 0) {
      step = Step::kEnd;
      needed = 0;
      return listener->OnEndOfStream();
    }
    if (length < 0) return Status::Invalid("IPC message has negative metadata length ", length);
    step = Step::kMetadata;
    needed = length;
    return Status::OK();
  }

  Status OnMessage(std::shared_ptr<Buffer> body) {
    ARROWPACK_ASSIGN_OR_RAISE(auto message, Message::OpenVerified(std::move(metadata), root, std::move(body)));
    step = Step::kPrefix;
    needed = 4;
    if (!have_schema) {
      ARROWPACK_RETURN_NOT_OK(state.OnSchema(*message));
      have_schema = true;
      return listener->OnSchemaDecoded(state.schema());
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto batch, state.OnMessage(*message));
    if (batch != nullptr) return listener->OnRecordBatchDecoded(std::move(batch));
    return Status::OK();
  }

  Status Advance() {
    while (step != Step::kEnd && buffered >= needed) {
      switch (step) {
        case Step::kPrefix: {
          ARROWPACK_ASSIGN_OR_RAISE(int32_t first, TakeInt32());
          if (first == -1) {
            step = Step::kLength;
            needed = 4;
          } else {
            ARROWPACK_RETURN_NOT_OK(OnLength(first));  // pre-0.15 framing
          }
          break;
        }
        case Step::kLength: {
          ARROWPACK_ASSIGN_OR_RAISE(int32_t length, TakeInt32());
          ARROWPACK_RETURN_NOT_OK(OnLength(length));
          break;
        }
        case Step::kMetadata: {
          ARROWPACK_ASSIGN_OR_RAISE(auto bytes, Take(needed));
          ARROWPACK_ASSIGN_OR_RAISE(metadata, internal::AlignedMetadata(std::move(bytes), options.memory_pool));
          ARROWPACK_ASSIGN_OR_RAISE(const fb::Message* verified,
                                    internal::VerifyMessage(metadata->data(), metadata->size()));
          root = verified;
          const int64_t body_length = verified->bodyLength();
          if (body_length < 0) return Status::Invalid("IPC message has negative body length ", body_length);
          if (body_length > options.max_allocation) {
            return Status::Invalid("IPC message body of ", body_length, " bytes exceeds max_allocation");
          }
          if (body_length == 0) {
            ARROWPACK_RETURN_NOT_OK(OnMessage(nullptr));
          } else {
            step = Step::kBody;
            needed = body_length;
          }
          break;
        }
        case Step::kBody: {
          ARROWPACK_ASSIGN_OR_RAISE(auto body, Take(needed));
          ARROWPACK_RETURN_NOT_OK(OnMessage(std::move(body)));
          break;
        }
        case Step::kEnd:
        case Step::kFailed:
          break;
      }
    }
    if (step == Step::kEnd && buffered > 0) return Status::Invalid("IPC stream has data after its end-of-stream marker");
    return Status::OK();
  }

  Status Consume(std::shared_ptr<Buffer> buffer) {
    if (step == Step::kFailed) return Status::Invalid("IPC stream decoder failed earlier and cannot continue");
    if (buffer->size() == 0) return Status::OK();
    buffered += buffer->size();
    chunks.push_back(std::move(buffer));
    Status status = Advance();
    if (!status.ok()) step = Step::kFailed;
    return status;
  }
};

StreamDecoder::StreamDecoder(std::shared_ptr<Listener> listener, const IpcReadOptions& options)
    : impl_(std::make_unique<Impl>(std::move(listener), options)) {}
StreamDecoder::~StreamDecoder() = default;

Status StreamDecoder::Consume(const uint8_t* data, int64_t size) {
  if (size < 0) return Status::Invalid("negative size");
  if (size == 0) return Status::OK();
  Buffer view(data, size);
  ARROWPACK_ASSIGN_OR_RAISE(auto copy, view.CopySlice(0, size, impl_->options.memory_pool));
  return impl_->Consume(std::move(copy));
}

Status StreamDecoder::Consume(std::shared_ptr<Buffer> buffer) {
  if (buffer == nullptr) return Status::Invalid("null buffer");
  return impl_->Consume(std::move(buffer));
}

int64_t StreamDecoder::next_required_size() const {
  return std::max<int64_t>(impl_->needed - impl_->buffered, 0);
}

std::shared_ptr<Schema> StreamDecoder::schema() const { return impl_->state.schema(); }
ReadStats StreamDecoder::stats() const { return impl_->state.stats(); }

}  // namespace arrowpack::ipc
