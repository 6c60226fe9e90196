#include <algorithm>
#include <cstring>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/array_validate.h"
#include "arrowpack/core/codec.h"
#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/ipc/array_loader_internal.h"
#include "arrowpack/ipc/body_slices_internal.h"
#include "arrowpack/ipc/v4_union_nulls_internal.h"

namespace arrowpack::ipc::internal {

namespace {

// How the elements of a buffer are byte-swapped when the body is big-endian.
enum class Swap { kNone, kWhole, kDayTime, kMonthDayNano, kViews };

void ReverseBytes(uint8_t* data, int width) { std::reverse(data, data + width); }

void SwapElements(uint8_t* data, int64_t size, int width, Swap swap) {
  switch (swap) {
    case Swap::kNone: return;
    case Swap::kWhole:
      for (int64_t i = 0; i + width <= size; i += width) ReverseBytes(data + i, width);
      return;
    case Swap::kDayTime:
      for (int64_t i = 0; i + 4 <= size; i += 4) ReverseBytes(data + i, 4);
      return;
    case Swap::kMonthDayNano:
      for (int64_t i = 0; i + 16 <= size; i += 16) {
        ReverseBytes(data + i, 4);
        ReverseBytes(data + i + 4, 4);
        ReverseBytes(data + i + 8, 8);
      }
      return;
    case Swap::kViews:
      for (int64_t i = 0; i + 16 <= size; i += 16) {
        ReverseBytes(data + i, 4);
        int32_t length;
        std::memcpy(&length, data + i, 4);
        if (length > arrowpack::internal::kInlineViewSize) {
          ReverseBytes(data + i + 8, 4);
          ReverseBytes(data + i + 12, 4);
        }
      }
      return;
  }
}

// An array with no rows of `type`, for an all-null column whose dictionary has not arrived.
ArrayDataPtr EmptyArray(const TypePtr& type) {
  const DataType& storage = arrowpack::internal::StorageType(*type);
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->null_count = 0;
  const DataTypeLayout layout = storage.layout();
  for (const BufferSpec& spec : layout.buffers) {
    data->buffers.push_back(spec.kind == BufferSpec::kValidityBitmap || spec.kind == BufferSpec::kAlwaysNull
                                ? nullptr
                                : std::make_shared<Buffer>(nullptr, 0));
  }
  if (storage.id() == TypeId::NA) data->null_count = 0;
  if (storage.id() != TypeId::DICTIONARY) {
    for (const auto& child : storage.fields()) data->child_data.push_back(EmptyArray(child->type()));
  } else {
    data->dictionary = EmptyArray(static_cast<const DictionaryType&>(storage).value_type());
  }
  return data;
}

// Enough buffer slots for every layout but views and unions (validity plus at most two).
constexpr size_t kUsualBufferCount = 3;

class ArrayLoader {
 public:
  ArrayLoader(const RecordBatchInfo& info, const std::shared_ptr<Buffer>& body, const LoadContext& context)
      : info_(info), body_(body), context_(context), options_(*context.options), pool_(options_.memory_pool) {}

  Status Init() {
    if (info_.compression != Compression::UNCOMPRESSED) {
      ARROWPACK_ASSIGN_OR_RAISE(codec_, Codec::Create(info_.compression));
    }
    if (context_.big_endian && !options_.ensure_native_endian) {
      return Status::NotImplemented("big-endian IPC data can only be read with ensure_native_endian");
    }
    return codec_ != nullptr ? DecompressAll() : Status::OK();
  }

  Result<ArrayDataPtr> Load(const Field& field, FieldPath* path, int depth) {
    if (depth > options_.max_recursion_depth) {
      return Status::Invalid("IPC data nested deeper than ", options_.max_recursion_depth, " levels");
    }
    const TypePtr& type = field.type();
    const DataType& storage = arrowpack::internal::StorageType(*type);
    const TypeId id = storage.id();
    ARROWPACK_ASSIGN_OR_RAISE(FieldNodeInfo node, NextNode());
    auto data = std::make_shared<ArrayData>();
    data->type = type;
    data->length = node.length;
    data->null_count = node.null_count;
    data->buffers.reserve(kUsualBufferCount);

    if (id == TypeId::NA) {
      data->buffers = {nullptr};
      data->null_count = node.length;
      return data;
    }
    // A V4 dense union may have null slots, re-pointed at a null child once it is loaded.
    std::shared_ptr<Buffer> union_validity;
    if (arrowpack::internal::HasValidityBitmap(storage)) {
      if (node.null_count == 0) {
        ARROWPACK_RETURN_NOT_OK(SkipBuffer());
        data->buffers.emplace_back();
      } else {
        ARROWPACK_ASSIGN_OR_RAISE(auto validity, NextBuffer(1, Swap::kNone));
        data->buffers.push_back(std::move(validity));
      }
    } else {
      data->null_count = 0;
      const bool v4_union_nulls =
          id == TypeId::DENSE_UNION && context_.version < MetadataVersion::V5 && node.null_count != 0;
      if (node.null_count != 0 && !v4_union_nulls) {
        return Status::Invalid("IPC field node of type ", storage.ToString(), " has null count ", node.null_count,
                               " but the type has no validity bitmap");
      }
      if ((is_union(id) || id == TypeId::RUN_END_ENCODED) && context_.version < MetadataVersion::V5) {
        // Before V5 these types carry a validity buffer; without nulls it can be dropped.
        if (v4_union_nulls) {
          ARROWPACK_ASSIGN_OR_RAISE(union_validity, NextBuffer(1, Swap::kNone));
        } else {
          ARROWPACK_RETURN_NOT_OK(SkipBuffer());
        }
      }
    }

    switch (id) {
      case TypeId::BOOL:
        return AddBuffers(data, {{1, Swap::kNone}});
      case TypeId::STRING:
      case TypeId::BINARY:
        return AddBuffers(data, {{4, Swap::kWhole}, {1, Swap::kNone}});
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        return AddBuffers(data, {{8, Swap::kWhole}, {1, Swap::kNone}});
      case TypeId::STRING_VIEW:
      case TypeId::BINARY_VIEW: {
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{16, Swap::kViews}}).status());
        if (variadic_index_ >= info_.variadic_counts.size()) {
          return Status::Invalid("IPC record batch lacks the variadic buffer count of a view field");
        }
        const int64_t count = info_.variadic_counts[variadic_index_++];
        const int64_t remaining = static_cast<int64_t>(info_.buffers.size()) - buffer_index_;
        if (count < 0 || count > remaining) {
          return Status::Invalid("IPC variadic buffer count ", count, " exceeds the ", remaining,
                                 " buffers left in the record batch");
        }
        for (int64_t i = 0; i < count; ++i) {
          ARROWPACK_ASSIGN_OR_RAISE(auto buffer, NextBuffer(1, Swap::kNone));
          data->buffers.push_back(std::move(buffer));
        }
        return data;
      }
      case TypeId::LIST:
      case TypeId::MAP:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{4, Swap::kWhole}}).status());
        return LoadChildren(data, storage, path, depth);
      case TypeId::LARGE_LIST:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{8, Swap::kWhole}}).status());
        return LoadChildren(data, storage, path, depth);
      case TypeId::LIST_VIEW:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{4, Swap::kWhole}, {4, Swap::kWhole}}).status());
        return LoadChildren(data, storage, path, depth);
      case TypeId::LARGE_LIST_VIEW:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{8, Swap::kWhole}, {8, Swap::kWhole}}).status());
        return LoadChildren(data, storage, path, depth);
      case TypeId::FIXED_SIZE_LIST:
      case TypeId::STRUCT:
      case TypeId::RUN_END_ENCODED:
        return LoadChildren(data, storage, path, depth);
      case TypeId::SPARSE_UNION:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{1, Swap::kNone}}).status());
        return LoadChildren(data, storage, path, depth);
      case TypeId::DENSE_UNION:
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{1, Swap::kNone}, {4, Swap::kWhole}}).status());
        ARROWPACK_RETURN_NOT_OK(LoadChildren(data, storage, path, depth).status());
        if (union_validity != nullptr) {
          ARROWPACK_RETURN_NOT_OK(internal::RepointV4UnionNulls(data.get(), union_validity, node.null_count, pool_));
        }
        return data;
      case TypeId::DICTIONARY: {
        const auto& dict_type = static_cast<const DictionaryType&>(storage);
        ARROWPACK_RETURN_NOT_OK(AddBuffers(data, {{dict_type.index_type()->bit_width() / 8, Swap::kWhole}}).status());
        return AttachDictionary(data, dict_type, *path);
      }
      case TypeId::INTERVAL_DAY_TIME:
        return AddBuffers(data, {{8, Swap::kDayTime}});
      case TypeId::INTERVAL_MONTH_DAY_NANO:
        return AddBuffers(data, {{16, Swap::kMonthDayNano}});
      case TypeId::FIXED_SIZE_BINARY:
        return AddBuffers(data, {{1, Swap::kNone}});
      default:
        if (!is_fixed_width(id)) return Status::NotImplemented("reading ", storage.ToString(), " from Arrow IPC");
        return AddBuffers(data, {{storage.bit_width() / 8, Swap::kWhole}});
    }
  }

  Status CheckAllUsed() const {
    if (node_index_ != info_.nodes.size()) {
      return Status::Invalid("IPC record batch has ", info_.nodes.size(), " field nodes but its schema uses ",
                             node_index_);
    }
    if (buffer_index_ != info_.buffers.size()) {
      return Status::Invalid("IPC record batch has ", info_.buffers.size(), " buffers but its schema uses ",
                             buffer_index_);
    }
    if (variadic_index_ != info_.variadic_counts.size()) {
      return Status::Invalid("IPC record batch has ", info_.variadic_counts.size(),
                             " variadic buffer counts but its schema uses ", variadic_index_);
    }
    return Status::OK();
  }

 private:
  struct BufferKind {
    int width;
    Swap swap;
  };

  Result<ArrayDataPtr> AddBuffers(const ArrayDataPtr& data, std::initializer_list<BufferKind> kinds) {
    for (const BufferKind& kind : kinds) {
      ARROWPACK_ASSIGN_OR_RAISE(auto buffer, NextBuffer(kind.width, kind.swap));
      data->buffers.push_back(std::move(buffer));
    }
    return data;
  }

  Result<ArrayDataPtr> LoadChildren(const ArrayDataPtr& data, const DataType& storage, FieldPath* path, int depth) {
    for (int i = 0; i < storage.num_fields(); ++i) {
      path->push_back(i);
      ARROWPACK_ASSIGN_OR_RAISE(auto child, Load(*storage.field(i), path, depth + 1));
      path->pop_back();
      data->child_data.push_back(std::move(child));
    }
    ARROWPACK_RETURN_NOT_OK(internal::AdoptChildTypes(data.get()));
    return data;
  }

  Result<ArrayDataPtr> AttachDictionary(const ArrayDataPtr& data, const DictionaryType& type, const FieldPath& path) {
    if (context_.memo == nullptr) return Status::Invalid("IPC record batch needs dictionaries but none were given");
    ARROWPACK_ASSIGN_OR_RAISE(int64_t id, context_.memo->GetId(path));
    if (context_.memo->HasDictionary(id)) {
      ARROWPACK_ASSIGN_OR_RAISE(data->dictionary, context_.memo->GetDictionary(id));
    } else if (data->null_count == data->length) {
      // A column of nulls may legitimately arrive before its dictionary.
      data->dictionary = EmptyArray(type.value_type());
    } else {
      return Status::Invalid("IPC record batch uses dictionary ", id, " before any dictionary batch defined it");
    }
    return data;
  }

  Result<FieldNodeInfo> NextNode() {
    if (node_index_ >= info_.nodes.size()) {
      return Status::Invalid("IPC record batch has too few field nodes (", info_.nodes.size(), ") for its schema");
    }
    const FieldNodeInfo node = info_.nodes[node_index_++];
    if (node.length < 0 || node.null_count < 0 || node.null_count > node.length) {
      return Status::Invalid("IPC field node ", node_index_ - 1, " has invalid length ", node.length,
                             " or null count ", node.null_count);
    }
    return node;
  }

  Result<size_t> NextBufferIndex() {
    if (buffer_index_ >= info_.buffers.size()) {
      return Status::Invalid("IPC record batch has too few buffers (", info_.buffers.size(), ") for its schema");
    }
    return buffer_index_++;
  }

  // Passes over a buffer that is not kept (the validity bitmap of a column without nulls),
  // checking its bounds like NextBuffer but without making a Buffer of it.
  Status SkipBuffer() {
    ARROWPACK_ASSIGN_OR_RAISE(const size_t index, NextBufferIndex());
    if (codec_ != nullptr) {
      decompressed_[index].reset();
      return Status::OK();
    }
    return CheckBodyRange(index);
  }

  Result<std::shared_ptr<Buffer>> NextBuffer(int width, Swap swap) {
    ARROWPACK_ASSIGN_OR_RAISE(const size_t index, NextBufferIndex());
    std::shared_ptr<Buffer> buffer;
    if (codec_ != nullptr) {
      buffer = std::move(decompressed_[index]);
    } else {
      ARROWPACK_ASSIGN_OR_RAISE(buffer, BodySlice(index));
    }
    if (buffer->size() == 0) return buffer;
    const bool swap_needed = context_.big_endian && swap != Swap::kNone;
    const int align = options_.ensure_alignment == BufferAlignment::k64Byte ? 64 : std::min(width, 8);
    if (swap_needed || (align > 1 && buffer->address() % align != 0)) {
      // Misaligned or foreign-endian bytes get a private, aligned copy.
      ARROWPACK_ASSIGN_OR_RAISE(auto copy, CopyToPool(*buffer));
      if (swap_needed) SwapElements(copy->mutable_data(), copy->size(), width, swap);
      buffer = std::move(copy);
    }
    return buffer;
  }

  Result<std::shared_ptr<Buffer>> CopyToPool(const Buffer& buffer) {
    ARROWPACK_RETURN_NOT_OK(Reserve(buffer.size()));
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> copy, AllocateBuffer(buffer.size(), pool_));
    std::memcpy(copy->mutable_data(), buffer.data(), static_cast<size_t>(buffer.size()));
    return copy;
  }

  // Keeps the bytes this message makes us allocate under the cap.
  Status Reserve(int64_t nbytes) {
    if (nbytes > options_.max_allocation - allocated_) {
      return Status::Invalid("decoding this IPC message would allocate more than max_allocation (",
                             options_.max_allocation, " bytes)");
    }
    allocated_ += nbytes;
    return Status::OK();
  }

  // Invalid unless buffer `index` lies inside the body.
  Status CheckBodyRange(size_t index) const {
    const BufferInfo spec = info_.buffers[index];
    const int64_t body_size = body_->size();
    if (spec.offset < 0 || spec.length < 0 || spec.offset > body_size || spec.length > body_size - spec.offset) {
      return Status::Invalid("IPC buffer ", index, " (offset ", spec.offset, ", length ", spec.length,
                             ") lies outside the message body of ", body_size, " bytes");
    }
    return Status::OK();
  }

  // The bytes of buffer `index` in the body, checked against the body's size. Each buffer of the
  // message is sliced at most once, so one slot per buffer is enough.
  Result<std::shared_ptr<Buffer>> BodySlice(size_t index) {
    ARROWPACK_RETURN_NOT_OK(CheckBodyRange(index));
    const BufferInfo spec = info_.buffers[index];
    if (slices_ == nullptr) slices_ = std::make_shared<BodySlices>(info_.buffers.size());
    if (slices_->full()) return Status::Invalid("IPC buffer ", index, " was sliced from the body twice");
    return BodySlices::Add(slices_, body_, spec.offset, spec.length);
  }

  // One compressed buffer's bytes (after the length prefix) and the pool buffer they expand into.
  struct Decompression {
    size_t index;
    std::shared_ptr<Buffer> input;
    std::shared_ptr<Buffer> output;
  };

  // Fills decompressed_ with every buffer of the body in its uncompressed form. The length
  // prefixes are checked and the outputs allocated in buffer order on this thread; the codec then
  // runs on up to ParallelThreadCount threads when use_threads is set. The outcome, errors
  // included, is the same with and without threads: the first failing buffer's error.
  Status DecompressAll() {
    decompressed_.resize(info_.buffers.size());
    std::vector<Decompression> jobs;
    int64_t total = 0;
    for (size_t index = 0; index < info_.buffers.size(); ++index) {
      ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> buffer, BodySlice(index));
      if (buffer->size() == 0) {
        decompressed_[index] = std::move(buffer);
        continue;
      }
      ARROWPACK_ASSIGN_OR_RAISE(const int64_t uncompressed, UncompressedLength(index, *buffer));
      std::shared_ptr<Buffer> input = SliceBuffer(buffer, 8, buffer->size() - 8);
      if (uncompressed == -1) {  // stored raw
        decompressed_[index] = std::move(input);
        continue;
      }
      ARROWPACK_RETURN_NOT_OK(Reserve(uncompressed));
      ARROWPACK_ASSIGN_OR_RAISE(decompressed_[index], AllocateBuffer(uncompressed, pool_));
      if (uncompressed == 0) continue;
      jobs.push_back({index, std::move(input), decompressed_[index]});
      total += uncompressed;
    }
    const int threads = arrowpack::internal::ParallelThreadCount(options_.use_threads,
                                                                 static_cast<int64_t>(jobs.size()), total);
    return arrowpack::internal::ParallelFor(static_cast<int64_t>(jobs.size()), threads, [&](int64_t i) {
      return Decompress(jobs[static_cast<size_t>(i)]);
    });
  }

  // The length prefix of compressed buffer `index`: -1 (stored raw) or the uncompressed length.
  Result<int64_t> UncompressedLength(size_t index, const Buffer& buffer) const {
    if (buffer.size() < 8) {
      return Status::Invalid("compressed IPC buffer ", index, " is shorter than its 8-byte length prefix");
    }
    int64_t uncompressed;
    std::memcpy(&uncompressed, buffer.data(), 8);
    if (uncompressed == -1) return uncompressed;
    if (uncompressed < 0) {
      return Status::Invalid("compressed IPC buffer ", index, " declares negative length ", uncompressed);
    }
    if (uncompressed / options_.max_decompression_ratio > buffer.size() - 8) {
      return Status::Invalid("compressed IPC buffer ", index, " claims ", uncompressed, " bytes from ",
                             buffer.size() - 8, " compressed bytes, beyond max_decompression_ratio");
    }
    return uncompressed;
  }

  // Runs on any thread: reads only the job's input and writes only its output.
  Status Decompress(const Decompression& job) const {
    const int64_t expected = job.output->size();
    ARROWPACK_ASSIGN_OR_RAISE(int64_t written, codec_->Decompress(job.input->size(), job.input->data(), expected,
                                                                  job.output->mutable_data()));
    if (written != expected) {
      return Status::Invalid("compressed IPC buffer ", job.index, " decompressed to ", written, " bytes, expected ",
                             expected);
    }
    return Status::OK();
  }

  const RecordBatchInfo& info_;
  const std::shared_ptr<Buffer>& body_;
  const LoadContext& context_;
  const IpcReadOptions& options_;
  MemoryPool* pool_;
  std::unique_ptr<Codec> codec_;
  std::shared_ptr<BodySlices> slices_;
  // With a codec: every buffer of the body, uncompressed, by index (filled by DecompressAll).
  std::vector<std::shared_ptr<Buffer>> decompressed_;
  size_t node_index_ = 0;
  size_t buffer_index_ = 0;
  size_t variadic_index_ = 0;
  int64_t allocated_ = 0;
};

}  // namespace

Result<std::vector<ArrayDataPtr>> LoadColumns(const RecordBatchInfo& info, const std::shared_ptr<Buffer>& body,
                                              const FieldVector& fields, const FieldPath& base_path,
                                              const LoadContext& context) {
  ArrayLoader loader(info, body, context);
  ARROWPACK_RETURN_NOT_OK(loader.Init());
  std::vector<ArrayDataPtr> columns;
  columns.reserve(fields.size());
  FieldPath path = base_path;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (base_path.empty()) path = {static_cast<int>(i)};
    ARROWPACK_ASSIGN_OR_RAISE(auto column, loader.Load(*fields[i], &path, 0));
    columns.push_back(std::move(column));
  }
  ARROWPACK_RETURN_NOT_OK(loader.CheckAllUsed());
  for (size_t i = 0; i < columns.size(); ++i) {
    Status status = context.options->validate_full ? ValidateArrayDataFull(*columns[i]) : ValidateArrayData(*columns[i]);
    if (!status.ok()) {
      return Status::Invalid("IPC column ", i, " ('", fields[i]->name(), "') is invalid: ", status.message());
    }
  }
  return columns;
}

}  // namespace arrowpack::ipc::internal
