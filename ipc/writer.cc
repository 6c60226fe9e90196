#include "arrowpack/ipc/writer.h"

#include <cstring>
#include <limits>
#include <map>

#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/codec_internal.h"
#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/ipc/metadata_internal.h"

namespace arrowpack::ipc {

namespace {

using internal::BufferInfo;
using internal::RecordBatchInfo;

constexpr uint8_t kZeros[64] = {};
constexpr char kFileMagic[8] = {'A', 'R', 'R', 'O', 'W', '1', 0, 0};

int64_t PaddedLength(int64_t size, int64_t alignment) { return (size + alignment - 1) / alignment * alignment; }

// Walks the arrays of a batch in pre-order and collects the field nodes and body buffers of
// the IPC layout, slicing (or, where the layout requires, rebasing) what the arrays hold.
class BodyCollector {
 public:
  BodyCollector(const IpcWriteOptions& options, RecordBatchInfo* info, std::vector<std::shared_ptr<Buffer>>* buffers)
      : options_(options), pool_(options.memory_pool), info_(info), buffers_(buffers) {}

  Status Visit(const ArrayData& data, int depth) {
    if (depth > options_.max_recursion_depth) {
      return Status::Invalid("array nesting deeper than ", options_.max_recursion_depth, " levels");
    }
    if (!options_.allow_64bit && data.length > std::numeric_limits<int32_t>::max()) {
      return Status::CapacityError("cannot write arrays of more than 2^31 - 1 values (length ", data.length,
                                   ") unless allow_64bit is set");
    }
    const DataType& type = arrowpack::internal::StorageType(*data.type);
    const TypeId id = type.id();
    const int64_t null_count = id == TypeId::NA ? data.length
                               : arrowpack::internal::HasValidityBitmap(type) ? data.GetNullCount()
                                                                   : 0;
    info_->nodes.push_back({data.length, null_count});
    if (id == TypeId::NA) return Status::OK();
    if (arrowpack::internal::HasValidityBitmap(type)) {
      if (null_count > 0) {
        ARROWPACK_ASSIGN_OR_RAISE(auto bitmap, SliceBitmap(data.buffers[0], data.offset, data.length));
        Add(std::move(bitmap));
      } else {
        Add(nullptr);
      }
    } else if ((is_union(id) || id == TypeId::RUN_END_ENCODED) && options_.metadata_version < MetadataVersion::V5) {
      Add(nullptr);  // before V5 these types carry a validity buffer; ours is always empty.
    }
    const int64_t offset = data.offset;
    const int64_t length = data.length;
    switch (id) {
      case TypeId::BOOL: {
        ARROWPACK_ASSIGN_OR_RAISE(auto bits, SliceBitmap(data.buffers[1], offset, length));
        Add(std::move(bits));
        return Status::OK();
      }
      case TypeId::STRING:
      case TypeId::BINARY:
        return VisitBinary<int32_t>(data);
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        return VisitBinary<int64_t>(data);
      case TypeId::STRING_VIEW:
      case TypeId::BINARY_VIEW: {
        AddFixed(data.buffers[1], offset, length, 16);
        const int64_t variadic = static_cast<int64_t>(data.buffers.size()) - 2;
        for (int64_t i = 0; i < variadic; ++i) Add(data.buffers[2 + i]);
        info_->variadic_counts.push_back(variadic);
        return Status::OK();
      }
      case TypeId::LIST:
      case TypeId::MAP:
        return VisitList<int32_t>(data, depth);
      case TypeId::LARGE_LIST:
        return VisitList<int64_t>(data, depth);
      case TypeId::LIST_VIEW:
      case TypeId::LARGE_LIST_VIEW: {
        // Offsets stay valid against the whole child, so the child is written unsliced.
        const int width = id == TypeId::LIST_VIEW ? 4 : 8;
        AddFixed(data.buffers[1], offset, length, width);
        AddFixed(data.buffers[2], offset, length, width);
        return Visit(*data.child_data[0], depth + 1);
      }
      case TypeId::FIXED_SIZE_LIST: {
        const int64_t size = static_cast<const FixedSizeListType&>(type).list_size();
        return Visit(*data.child_data[0]->Slice(offset * size, length * size), depth + 1);
      }
      case TypeId::STRUCT:
        for (const auto& child : data.child_data) {
          ARROWPACK_RETURN_NOT_OK(Visit(*child->Slice(offset, length), depth + 1));
        }
        return Status::OK();
      case TypeId::SPARSE_UNION:
        AddFixed(data.buffers[0], offset, length, 1);
        for (const auto& child : data.child_data) {
          ARROWPACK_RETURN_NOT_OK(Visit(*child->Slice(offset, length), depth + 1));
        }
        return Status::OK();
      case TypeId::DENSE_UNION:
        // Offsets point into the whole children, which are written unsliced.
        AddFixed(data.buffers[0], offset, length, 1);
        AddFixed(data.buffers[1], offset, length, 4);
        for (const auto& child : data.child_data) ARROWPACK_RETURN_NOT_OK(Visit(*child, depth + 1));
        return Status::OK();
      case TypeId::RUN_END_ENCODED:
        return VisitRunEndEncoded(data, depth);
      case TypeId::DICTIONARY: {
        const auto& index_type = static_cast<const DictionaryType&>(type).index_type();
        AddFixed(data.buffers[1], offset, length, index_type->bit_width() / 8);
        return Status::OK();
      }
      default:
        if (!is_fixed_width(id)) return Status::NotImplemented("writing ", type.ToString(), " arrays to Arrow IPC");
        AddFixed(data.buffers[1], offset, length, type.bit_width() / 8);
        return Status::OK();
    }
  }

 private:
  void Add(std::shared_ptr<Buffer> buffer) { buffers_->push_back(std::move(buffer)); }

  void AddFixed(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length, int64_t width) {
    if (buffer == nullptr || length == 0) {
      Add(nullptr);
      return;
    }
    Add(Slice(buffer, offset * width, length * width));
  }

  // The bytes [offset, offset + length) of `buffer`: the buffer itself when that is all of it.
  static std::shared_ptr<Buffer> Slice(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length) {
    if (offset == 0 && length == buffer->size()) return buffer;
    return SliceBuffer(buffer, offset, length);
  }

  Result<std::shared_ptr<Buffer>> SliceBitmap(const std::shared_ptr<Buffer>& bitmap, int64_t offset, int64_t length) {
    if (bitmap == nullptr || length == 0) return std::shared_ptr<Buffer>();
    const int64_t nbytes = bit_util::BytesForBits(length);
    if (offset % 8 == 0) return Slice(bitmap, offset / 8, nbytes);
    // A bitmap that does not start on a byte boundary has to be shifted into a new buffer.
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> copy, AllocateBuffer(nbytes, pool_));
    std::memset(copy->mutable_data(), 0, static_cast<size_t>(nbytes));
    bit_util::CopyBitmap(bitmap->data(), offset, length, copy->mutable_data(), 0);
    return copy;
  }

  // Writes offsets starting at zero; a slice whose first offset is not zero gets a shifted copy.
  template <typename Offset>
  Result<std::pair<int64_t, int64_t>> AddOffsets(const ArrayData& data) {
    if (data.length == 0) {
      // One zero offset keeps readers that always expect length + 1 entries happy.
      ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> zero, AllocateBuffer(sizeof(Offset), pool_));
      std::memset(zero->mutable_data(), 0, sizeof(Offset));
      Add(std::move(zero));
      return std::pair<int64_t, int64_t>{0, 0};
    }
    const Offset* offsets = data.GetValues<Offset>(1);
    const int64_t first = offsets[0];
    const int64_t last = offsets[data.length];
    const int64_t nbytes = (data.length + 1) * static_cast<int64_t>(sizeof(Offset));
    if (first == 0) {
      Add(Slice(data.buffers[1], data.offset * static_cast<int64_t>(sizeof(Offset)), nbytes));
    } else {
      ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> shifted, AllocateBuffer(nbytes, pool_));
      auto* out = reinterpret_cast<Offset*>(shifted->mutable_data());
      for (int64_t i = 0; i <= data.length; ++i) out[i] = static_cast<Offset>(offsets[i] - first);
      Add(std::move(shifted));
    }
    return std::pair<int64_t, int64_t>{first, last};
  }

  template <typename Offset>
  Status VisitBinary(const ArrayData& data) {
    ARROWPACK_ASSIGN_OR_RAISE(auto range, AddOffsets<Offset>(data));
    const auto& values = data.buffers[2];
    Add(values == nullptr || range.second == range.first
            ? nullptr
            : Slice(values, range.first, range.second - range.first));
    return Status::OK();
  }

  template <typename Offset>
  Status VisitList(const ArrayData& data, int depth) {
    ARROWPACK_ASSIGN_OR_RAISE(auto range, AddOffsets<Offset>(data));
    return Visit(*data.child_data[0]->Slice(range.first, range.second - range.first), depth + 1);
  }

  // Run ends are logical positions, so a slice needs them shifted and cut to the slice.
  Status VisitRunEndEncoded(const ArrayData& data, int depth) {
    const ArrayData& run_ends = *data.child_data[0];
    const ArrayData& values = *data.child_data[1];
    if (data.offset == 0) {
      ARROWPACK_RETURN_NOT_OK(Visit(run_ends, depth + 1));
      return Visit(values, depth + 1);
    }
    const TypeId end_id = run_ends.type->id();
    const uint8_t* raw = run_ends.buffers[1]->data();
    auto end_at = [&](int64_t i) { return arrowpack::internal::ReadInteger(end_id, raw, run_ends.offset + i); };
    int64_t begin = 0;
    while (begin < run_ends.length && end_at(begin) <= data.offset) ++begin;
    int64_t end = begin;
    while (end < run_ends.length && (data.length == 0 ? false : end_at(end) < data.offset + data.length)) ++end;
    const int64_t count = data.length == 0 ? 0 : end - begin + 1;
    const int width = run_ends.type->bit_width() / 8;
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> shifted, AllocateBuffer(count * width, pool_));
    for (int64_t i = 0; i < count; ++i) {
      const int64_t value = std::min(end_at(begin + i) - data.offset, data.length);
      switch (width) {
        case 2: reinterpret_cast<int16_t*>(shifted->mutable_data())[i] = static_cast<int16_t>(value); break;
        case 4: reinterpret_cast<int32_t*>(shifted->mutable_data())[i] = static_cast<int32_t>(value); break;
        default: reinterpret_cast<int64_t*>(shifted->mutable_data())[i] = value; break;
      }
    }
    auto new_run_ends = ArrayData::Make(run_ends.type, count, {nullptr, std::move(shifted)}, 0);
    ARROWPACK_RETURN_NOT_OK(Visit(*new_run_ends, depth + 1));
    return Visit(*values.Slice(begin, count), depth + 1);
  }

  const IpcWriteOptions& options_;
  MemoryPool* pool_;
  RecordBatchInfo* info_;
  std::vector<std::shared_ptr<Buffer>>* buffers_;
};

// One buffer's compressed form: int64 uncompressed length, then the compressed bytes, or -1 and
// the raw bytes when compression does not make them smaller; in `out` (allocated at the bound,
// not yet cut) and `length` bytes long.
struct CompressedBuffer {
  std::unique_ptr<ResizableBuffer> out;
  int64_t length = 0;
};

// Runs on any thread: reads `buffer`, writes only `compressed`.
Status CompressInto(Codec* codec, MemoryPool* pool, const Buffer& buffer, CompressedBuffer* compressed) {
  const int64_t raw_size = buffer.size();
  const int64_t max_size = codec->MaxCompressedLen(raw_size);
  ARROWPACK_ASSIGN_OR_RAISE(compressed->out, AllocateResizableBuffer(8 + std::max(max_size, raw_size), pool));
  uint8_t* out = compressed->out->mutable_data();
  ARROWPACK_ASSIGN_OR_RAISE(int64_t written, codec->Compress(raw_size, buffer.data(), max_size, out + 8));
  int64_t prefix = raw_size;
  if (written >= raw_size) {
    prefix = -1;
    std::memcpy(out + 8, buffer.data(), static_cast<size_t>(raw_size));
    written = raw_size;
  }
  std::memcpy(out, &prefix, 8);
  compressed->length = 8 + written;
  return Status::OK();
}

// Replaces each non-empty buffer by its compressed form, compressed on up to ParallelThreadCount
// threads when use_threads is set. The outputs are cut to their length afterwards on this thread:
// a cut below the pool's large-block size copies into a fresh block, which this thread also frees
// once the message is written; made on a pool helper, its pages were faulted in anew every write.
Status CompressBuffers(Codec* codec, const IpcWriteOptions& options, std::vector<std::shared_ptr<Buffer>>* buffers) {
  std::vector<std::shared_ptr<Buffer>*> todo;
  int64_t total = 0;
  for (auto& buffer : *buffers) {
    if (buffer == nullptr || buffer->size() == 0) continue;
    todo.push_back(&buffer);
    total += buffer->size();
  }
  const int64_t count = static_cast<int64_t>(todo.size());
  std::vector<CompressedBuffer> compressed(todo.size());
  const int threads = arrowpack::internal::ParallelThreadCount(options.use_threads, count, total);
  ARROWPACK_RETURN_NOT_OK(arrowpack::internal::ParallelFor(count, threads, [&](int64_t i) {
    const auto index = static_cast<size_t>(i);
    return CompressInto(codec, options.memory_pool, **todo[index], &compressed[index]);
  }));
  for (size_t index = 0; index < todo.size(); ++index) {
    ARROWPACK_RETURN_NOT_OK(compressed[index].out->Resize(compressed[index].length));
    *todo[index] = std::move(compressed[index].out);
  }
  return Status::OK();
}

// Checks the options and starts a message description; the payload and `info` may hold an
// earlier message, whose entries are dropped (their vectors keep their capacity).
Status StartBody(int64_t length, const IpcWriteOptions& options, RecordBatchInfo* info, IpcPayload* payload) {
  if (options.alignment != 8 && options.alignment != 64) {
    return Status::Invalid("IPC alignment must be 8 or 64, got ", options.alignment);
  }
  info->length = length;
  info->nodes.clear();
  info->buffers.clear();
  info->variadic_counts.clear();
  info->compression = Compression::UNCOMPRESSED;
  payload->body_buffers.clear();
  payload->body_length = 0;
  payload->raw_body_length = 0;
  return Status::OK();
}

// After the columns are visited: compresses the buffers if asked, lays them out in the body and
// fills the metadata Buffer entries.
Status FinishBody(const IpcWriteOptions& options, RecordBatchInfo* info, IpcPayload* payload) {
  for (const auto& buffer : payload->body_buffers) {
    payload->raw_body_length += buffer ? buffer->size() : 0;
  }
  if (options.compression != Compression::UNCOMPRESSED) {
    if (options.compression != Compression::LZ4_FRAME && options.compression != Compression::ZSTD) {
      return Status::Invalid("Arrow IPC bodies can only be compressed with lz4 or zstd, not ",
                             Codec::GetCodecAsString(options.compression));
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto codec,
                              arrowpack::internal::MakeIpcBodyCodec(options.compression, options.compression_level));
    ARROWPACK_RETURN_NOT_OK(CompressBuffers(codec.get(), options, &payload->body_buffers));
    info->compression = options.compression;
  }
  int64_t position = 0;
  info->buffers.reserve(payload->body_buffers.size());
  for (const auto& buffer : payload->body_buffers) {
    const int64_t size = buffer ? buffer->size() : 0;
    info->buffers.push_back(BufferInfo{position, size});
    position += PaddedLength(size, options.alignment);
  }
  payload->body_length = position;
  return Status::OK();
}

// The body of a record batch message: its columns' field nodes and buffers.
Status CollectBatchBody(const RecordBatch& batch, const IpcWriteOptions& options, RecordBatchInfo* info,
                        IpcPayload* payload) {
  ARROWPACK_RETURN_NOT_OK(StartBody(batch.num_rows(), options, info, payload));
  BodyCollector collector(options, info, &payload->body_buffers);
  for (const auto& column : batch.columns()) ARROWPACK_RETURN_NOT_OK(collector.Visit(*column->data(), 0));
  return FinishBody(options, info, payload);
}

// Writes the message whose metadata flatbuffer is `metadata` and whose body is the payload's.
Result<int32_t> WriteMessage(const uint8_t* metadata, int64_t metadata_size, const IpcPayload& payload,
                             const IpcWriteOptions& options, io::OutputStream* sink) {
  ARROWPACK_ASSIGN_OR_RAISE(int32_t metadata_length, WriteMessageMetadata(metadata, metadata_size, options, sink));
  int64_t written = 0;
  for (const auto& buffer : payload.body_buffers) {
    const int64_t size = buffer ? buffer->size() : 0;
    if (size > 0) ARROWPACK_RETURN_NOT_OK(sink->Write(buffer));
    const int64_t padding = PaddedLength(size, options.alignment) - size;
    if (padding > 0) ARROWPACK_RETURN_NOT_OK(sink->Write(kZeros, padding));
    written += size + padding;
  }
  if (written != payload.body_length) {
    return Status::Invalid("IPC payload body of ", written, " bytes does not match its declared length ",
                           payload.body_length);
  }
  return metadata_length;
}

// ---- Writers -------------------------------------------------------------------------------

// Counts the bytes that pass so file blocks know their offsets.
class PositionTracker {
 public:
  explicit PositionTracker(std::shared_ptr<io::OutputStream> sink) : sink_(std::move(sink)) {}
  Status Write(const void* data, int64_t nbytes) {
    ARROWPACK_RETURN_NOT_OK(sink_->Write(data, nbytes));
    position_ += nbytes;
    return Status::OK();
  }
  Result<int32_t> WritePayload(const IpcPayload& payload, const IpcWriteOptions& options) {
    return WriteMessage(payload.metadata->data(), payload.metadata->size(), payload, options);
  }
  Result<int32_t> WriteMessage(const uint8_t* metadata, int64_t metadata_size, const IpcPayload& body,
                               const IpcWriteOptions& options) {
    ARROWPACK_ASSIGN_OR_RAISE(int32_t metadata_length,
                              ipc::WriteMessage(metadata, metadata_size, body, options, sink_.get()));
    position_ += metadata_length + body.body_length;
    return metadata_length;
  }
  Status WriteEndOfStream(const IpcWriteOptions& options) {
    ARROWPACK_RETURN_NOT_OK(ipc::WriteEndOfStream(sink_.get(), options));
    position_ += options.write_legacy_ipc_format ? 4 : 8;
    return Status::OK();
  }
  int64_t position() const { return position_; }

 private:
  std::shared_ptr<io::OutputStream> sink_;
  int64_t position_ = 0;
};

// Dictionaries of a batch in the order they must be written (inner ones first).
Status CollectDictionaries(const ArrayData& data, FieldPath* path, const DictionaryMemo& memo,
                           std::vector<std::pair<int64_t, ArrayDataPtr>>* out) {
  const DataType& type = arrowpack::internal::StorageType(*data.type);
  if (type.id() == TypeId::DICTIONARY) {
    if (data.dictionary == nullptr) return Status::Invalid("dictionary array without a dictionary");
    const ArrayData& values = *data.dictionary;
    for (size_t i = 0; i < values.child_data.size(); ++i) {
      path->push_back(static_cast<int>(i));
      ARROWPACK_RETURN_NOT_OK(CollectDictionaries(*values.child_data[i], path, memo, out));
      path->pop_back();
    }
    ARROWPACK_ASSIGN_OR_RAISE(int64_t id, memo.GetId(*path));
    out->emplace_back(id, data.dictionary);
    return Status::OK();
  }
  for (size_t i = 0; i < data.child_data.size(); ++i) {
    path->push_back(static_cast<int>(i));
    ARROWPACK_RETURN_NOT_OK(CollectDictionaries(*data.child_data[i], path, memo, out));
    path->pop_back();
  }
  return Status::OK();
}

bool SameDictionary(const ArrayDataPtr& a, const ArrayDataPtr& b) {
  return a == b || MakeArray(a)->Equals(*MakeArray(b));
}

// `old` is a prefix of `updated`.
bool ExtendsDictionary(const ArrayDataPtr& old, const ArrayDataPtr& updated) {
  if (updated->length <= old->length) return false;
  return MakeArray(updated)->Slice(0, old->length)->Equals(*MakeArray(old));
}

class IpcWriter final : public RecordBatchWriter {
 public:
  IpcWriter(std::shared_ptr<io::OutputStream> sink, std::shared_ptr<Schema> schema, const IpcWriteOptions& options,
            bool is_file, MetadataPtr footer_metadata)
      : sink_(std::move(sink)),
        schema_(std::move(schema)),
        options_(options),
        is_file_(is_file),
        footer_metadata_(std::move(footer_metadata)) {}

  Status Start() {
    ARROWPACK_RETURN_NOT_OK(AssignDictionaryIds(*schema_, &memo_));
    if (is_file_) ARROWPACK_RETURN_NOT_OK(sink_.Write(kFileMagic, sizeof(kFileMagic)));
    ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, GetSchemaPayload(*schema_, memo_, options_));
    return WritePayload(payload, nullptr);
  }

  Status WriteRecordBatch(const RecordBatch& batch, const MetadataPtr& custom_metadata) override {
    if (closed_) return Status::Invalid("cannot write to a closed IPC writer");
    if (!batch.schema()->Equals(*schema_)) {
      return Status::Invalid("record batch schema does not match the writer's schema:\n", batch.schema()->ToString(),
                             "\nvs\n", schema_->ToString());
    }
    ARROWPACK_RETURN_NOT_OK(WriteDictionaries(batch));
    // The body description, its vectors and the flatbuffer builder are reused batch after batch.
    ARROWPACK_RETURN_NOT_OK(CollectBatchBody(batch, options_, &batch_info_, &batch_body_));
    ARROWPACK_RETURN_NOT_OK(internal::BuildRecordBatchMessage(batch_builder_, batch_info_, batch_body_.body_length,
                                                              options_, custom_metadata.get()));
    const int64_t offset = sink_.position();
    ARROWPACK_ASSIGN_OR_RAISE(int32_t metadata_length,
                              sink_.WriteMessage(batch_builder_.GetBufferPointer(), batch_builder_.GetSize(),
                                                 batch_body_, options_));
    record_batch_blocks_.push_back({offset, metadata_length, batch_body_.body_length});
    CountMessage(batch_body_);
    ++stats_.num_record_batches;
    return Status::OK();
  }

  Status WriteTable(const Table& table, int64_t max_chunksize) override {
    if (!is_file_ || !options_.unify_dictionaries) return RecordBatchWriter::WriteTable(table, max_chunksize);
    ARROWPACK_ASSIGN_OR_RAISE(TablePtr unified, UnifyDictionaries(table, options_.memory_pool));
    return RecordBatchWriter::WriteTable(*unified, max_chunksize);
  }

  Status Close() override {
    if (closed_) return Status::OK();
    closed_ = true;
    ARROWPACK_RETURN_NOT_OK(sink_.WriteEndOfStream(options_));
    if (!is_file_) return Status::OK();
    const int64_t footer_start = sink_.position();
    ARROWPACK_ASSIGN_OR_RAISE(auto footer, internal::MakeFooter(*schema_, memo_, dictionary_blocks_,
                                                                record_batch_blocks_, footer_metadata_.get(), options_));
    ARROWPACK_RETURN_NOT_OK(sink_.Write(footer->data(), footer->size()));
    const int64_t footer_length = sink_.position() - footer_start;
    if (footer_length > std::numeric_limits<int32_t>::max()) return Status::CapacityError("IPC file footer too large");
    const auto length32 = static_cast<int32_t>(footer_length);
    ARROWPACK_RETURN_NOT_OK(sink_.Write(&length32, 4));
    return sink_.Write(kFileMagic, 6);
  }

  WriteStats stats() const override { return stats_; }

 private:
  Status WritePayload(const IpcPayload& payload, std::vector<internal::FileBlock>* blocks) {
    const int64_t offset = sink_.position();
    ARROWPACK_ASSIGN_OR_RAISE(int32_t metadata_length, sink_.WritePayload(payload, options_));
    if (blocks != nullptr) blocks->push_back({offset, metadata_length, payload.body_length});
    CountMessage(payload);
    return Status::OK();
  }

  void CountMessage(const IpcPayload& payload) {
    ++stats_.num_messages;
    stats_.total_raw_body_size += payload.raw_body_length;
    stats_.total_serialized_body_size += payload.body_length;
  }

  Status WriteDictionaries(const RecordBatch& batch) {
    if (memo_.num_fields() == 0) return Status::OK();
    std::vector<std::pair<int64_t, ArrayDataPtr>> dictionaries;
    FieldPath path;
    for (int i = 0; i < batch.num_columns(); ++i) {
      path = {i};
      ARROWPACK_RETURN_NOT_OK(CollectDictionaries(*batch.column_data(i), &path, memo_, &dictionaries));
    }
    for (const auto& [id, dictionary] : dictionaries) {
      auto last = written_.find(id);
      ArrayDataPtr to_write = dictionary;
      bool is_delta = false;
      if (last != written_.end()) {
        if (SameDictionary(last->second, dictionary)) continue;
        if (options_.emit_dictionary_deltas && ExtendsDictionary(last->second, dictionary)) {
          is_delta = true;
          to_write = dictionary->Slice(last->second->length, dictionary->length - last->second->length);
        } else if (is_file_) {
          return Status::Invalid("dictionary ", id,
                                 " changed between batches: Arrow IPC files cannot replace dictionaries "
                                 "(only deltas are allowed, with emit_dictionary_deltas)");
        }
      }
      ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, GetDictionaryPayload(id, is_delta, to_write, options_));
      ARROWPACK_RETURN_NOT_OK(WritePayload(payload, &dictionary_blocks_));
      ++stats_.num_dictionary_batches;
      if (is_delta) {
        ++stats_.num_dictionary_deltas;
      } else if (last != written_.end()) {
        ++stats_.num_replaced_dictionaries;
      }
      written_[id] = dictionary;
    }
    return Status::OK();
  }

  PositionTracker sink_;
  std::shared_ptr<Schema> schema_;
  IpcWriteOptions options_;
  bool is_file_;
  MetadataPtr footer_metadata_;
  DictionaryMemo memo_;
  std::map<int64_t, ArrayDataPtr> written_;
  std::vector<internal::FileBlock> dictionary_blocks_;
  std::vector<internal::FileBlock> record_batch_blocks_;
  WriteStats stats_;
  bool closed_ = false;
  RecordBatchInfo batch_info_;
  IpcPayload batch_body_;
  internal::FBB batch_builder_;
};

Status CheckWriteOptions(const IpcWriteOptions& options) {
  if (options.alignment != 8 && options.alignment != 64) {
    return Status::Invalid("IPC alignment must be 8 or 64, got ", options.alignment);
  }
  if (options.metadata_version != MetadataVersion::V4 && options.metadata_version != MetadataVersion::V5) {
    return Status::Invalid("IPC writers support metadata versions V4 and V5 only");
  }
  return Status::OK();
}

Result<std::shared_ptr<RecordBatchWriter>> MakeWriter(std::shared_ptr<io::OutputStream> sink,
                                                      std::shared_ptr<Schema> schema, const IpcWriteOptions& options,
                                                      bool is_file, MetadataPtr footer_metadata) {
  if (sink == nullptr || schema == nullptr) return Status::Invalid("IPC writer needs a sink and a schema");
  ARROWPACK_RETURN_NOT_OK(CheckWriteOptions(options));
  auto writer = std::make_shared<IpcWriter>(std::move(sink), std::move(schema), options, is_file,
                                            std::move(footer_metadata));
  ARROWPACK_RETURN_NOT_OK(writer->Start());
  return std::shared_ptr<RecordBatchWriter>(std::move(writer));
}

}  // namespace

Result<IpcPayload> GetSchemaPayload(const Schema& schema, const DictionaryMemo& memo, const IpcWriteOptions& options) {
  IpcPayload payload;
  payload.type = MessageType::SCHEMA;
  ARROWPACK_ASSIGN_OR_RAISE(payload.metadata, internal::MakeSchemaMessage(schema, memo, options));
  return payload;
}

Result<IpcPayload> GetRecordBatchPayload(const RecordBatch& batch, const IpcWriteOptions& options,
                                         const KeyValueMetadata* custom_metadata) {
  IpcPayload payload;
  payload.type = MessageType::RECORD_BATCH;
  RecordBatchInfo info;
  ARROWPACK_RETURN_NOT_OK(CollectBatchBody(batch, options, &info, &payload));
  ARROWPACK_ASSIGN_OR_RAISE(payload.metadata,
                            internal::MakeRecordBatchMessage(info, payload.body_length, options, custom_metadata));
  return payload;
}

Result<IpcPayload> GetDictionaryPayload(int64_t id, bool is_delta, const ArrayDataPtr& dictionary,
                                        const IpcWriteOptions& options) {
  IpcPayload payload;
  payload.type = MessageType::DICTIONARY_BATCH;
  RecordBatchInfo info;
  ARROWPACK_RETURN_NOT_OK(StartBody(dictionary->length, options, &info, &payload));
  BodyCollector collector(options, &info, &payload.body_buffers);
  ARROWPACK_RETURN_NOT_OK(collector.Visit(*dictionary, 0));
  ARROWPACK_RETURN_NOT_OK(FinishBody(options, &info, &payload));
  ARROWPACK_ASSIGN_OR_RAISE(payload.metadata,
                            internal::MakeDictionaryBatchMessage(id, is_delta, info, payload.body_length, options));
  return payload;
}

Result<int32_t> WriteIpcPayload(const IpcPayload& payload, const IpcWriteOptions& options, io::OutputStream* sink) {
  return WriteMessage(payload.metadata->data(), payload.metadata->size(), payload, options, sink);
}

Status RecordBatchWriter::WriteTable(const Table& table, int64_t max_chunksize) {
  for (const auto& batch : table.ToBatches(max_chunksize)) ARROWPACK_RETURN_NOT_OK(WriteRecordBatch(*batch));
  return Status::OK();
}

Result<std::shared_ptr<RecordBatchWriter>> MakeStreamWriter(std::shared_ptr<io::OutputStream> sink,
                                                            std::shared_ptr<Schema> schema,
                                                            const IpcWriteOptions& options) {
  return MakeWriter(std::move(sink), std::move(schema), options, /*is_file=*/false, nullptr);
}

Result<std::shared_ptr<RecordBatchWriter>> MakeFileWriter(std::shared_ptr<io::OutputStream> sink,
                                                          std::shared_ptr<Schema> schema,
                                                          const IpcWriteOptions& options,
                                                          MetadataPtr footer_metadata) {
  return MakeWriter(std::move(sink), std::move(schema), options, /*is_file=*/true, std::move(footer_metadata));
}

Result<int64_t> GetRecordBatchSize(const RecordBatch& batch, const IpcWriteOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, GetRecordBatchPayload(batch, options));
  io::MockOutputStream counter;
  ARROWPACK_RETURN_NOT_OK(WriteIpcPayload(payload, options, &counter).status());
  return counter.size();
}

Result<std::shared_ptr<Buffer>> SerializeRecordBatch(const RecordBatch& batch, const IpcWriteOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, GetRecordBatchPayload(batch, options));
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create(4096, options.memory_pool));
  ARROWPACK_RETURN_NOT_OK(WriteIpcPayload(payload, options, sink.get()).status());
  return sink->Finish();
}

Result<std::shared_ptr<Buffer>> SerializeSchema(const Schema& schema, const IpcWriteOptions& options) {
  DictionaryMemo memo;
  ARROWPACK_RETURN_NOT_OK(AssignDictionaryIds(schema, &memo));
  ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, GetSchemaPayload(schema, memo, options));
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create(1024, options.memory_pool));
  ARROWPACK_RETURN_NOT_OK(WriteIpcPayload(payload, options, sink.get()).status());
  return sink->Finish();
}

}  // namespace arrowpack::ipc
