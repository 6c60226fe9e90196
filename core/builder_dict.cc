#include "arrowpack/core/builder_dict.h"

#include <bit>
#include <limits>
#include <string>
#include <vector>

#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/builder_binary.h"

namespace arrowpack {

static_assert(std::endian::native == std::endian::little, "index narrowing assumes a little-endian host");

namespace {

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Word-at-a-time multiplicative hash; quality only matters for probe lengths, not security.
uint64_t HashBytes(const uint8_t* data, int64_t size) {
  uint64_t h = 0x9E3779B97F4A7C15ULL * (static_cast<uint64_t>(size) + 1);
  for (; size >= 8; data += 8, size -= 8) {
    uint64_t word;
    std::memcpy(&word, data, 8);
    h = (h ^ word) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  if (size > 0) {
    uint64_t word = 0;
    std::memcpy(&word, data, static_cast<size_t>(size));
    h = (h ^ word) * 0x9E3779B97F4A7C15ULL;
  }
  return Mix(h);
}

struct IndexLimits {
  int width;
  int64_t max_index;
};

IndexLimits LimitsOf(TypeId index_type) {
  switch (index_type) {
    case TypeId::INT8: return {1, std::numeric_limits<int8_t>::max()};
    case TypeId::UINT8: return {1, std::numeric_limits<uint8_t>::max()};
    case TypeId::INT16: return {2, std::numeric_limits<int16_t>::max()};
    case TypeId::UINT16: return {2, std::numeric_limits<uint16_t>::max()};
    case TypeId::INT32: return {4, std::numeric_limits<int32_t>::max()};
    case TypeId::UINT32: return {4, std::numeric_limits<uint32_t>::max()};
    default: return {8, std::numeric_limits<int64_t>::max()};
  }
}

}  // namespace

// Distinct values in first-seen order: their bytes back to back (plus offsets for variable-width
// values) and an open-addressing hash table of value indices.
class DictionaryBuilder::MemoTable {
 public:
  MemoTable(MemoryPool* pool, const TypePtr& value_type, bool fixed_width, int64_t width, const DataType& index_type,
            int64_t max_index)
      : pool_(pool),
        value_type_(value_type),
        fixed_width_(fixed_width),
        width_(width),
        max_index_(max_index),
        index_type_name_(index_type.ToString()),
        max_data_length_(value_type->id() == TypeId::BINARY || value_type->id() == TypeId::STRING
                             ? std::numeric_limits<int32_t>::max()
                             : std::numeric_limits<int64_t>::max()),
        bytes_(pool),
        offsets_(pool) {}

  int64_t size() const { return count_; }

  Result<int64_t> GetOrInsert(const uint8_t* value, int64_t size) {
    const uint64_t hash = HashBytes(value, size);
    if (slots_.empty()) slots_.assign(64, Slot{0, -1});
    size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    for (; slots_[i].index >= 0; i = (i + 1) & mask) {
      if (slots_[i].hash == hash && Matches(slots_[i].index, value, size)) return slots_[i].index;
    }
    if (count_ > max_index_) {
      return Status::CapacityError("dictionary builder: index type ", index_type_name_, " cannot address more than ",
                                   max_index_ + 1, " values");
    }
    ARROWPACK_RETURN_NOT_OK(StoreValue(value, size));
    slots_[i] = Slot{hash, count_};
    if (static_cast<size_t>(++count_) * 2 > slots_.size()) Rehash();
    return count_ - 1;
  }

  /// The dictionary array; the table is emptied.
  Result<ArrayDataPtr> Finish() {
    const int64_t count = count_;
    count_ = 0;
    slots_.clear();
    if (!fixed_width_ && offsets_.length() == 0) ARROWPACK_RETURN_NOT_OK(offsets_.Append(0));
    switch (value_type_->id()) {
      case TypeId::BINARY:
      case TypeId::STRING: {
        TypedBufferBuilder<int32_t> narrow(pool_);
        ARROWPACK_RETURN_NOT_OK(narrow.Reserve(count + 1));
        for (int64_t i = 0; i <= count; ++i) narrow.UnsafeAppend(static_cast<int32_t>(offsets_.data()[i]));
        offsets_.Reset();
        ARROWPACK_ASSIGN_OR_RAISE(auto offsets, narrow.Finish());
        ARROWPACK_ASSIGN_OR_RAISE(auto data, bytes_.Finish());
        return ArrayData::Make(value_type_, count, {nullptr, std::move(offsets), std::move(data)}, 0);
      }
      case TypeId::LARGE_BINARY:
      case TypeId::LARGE_STRING: {
        ARROWPACK_ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
        ARROWPACK_ASSIGN_OR_RAISE(auto data, bytes_.Finish());
        return ArrayData::Make(value_type_, count, {nullptr, std::move(offsets), std::move(data)}, 0);
      }
      case TypeId::BINARY_VIEW:
      case TypeId::STRING_VIEW: {
        BinaryViewBuilder views(value_type_, pool_);
        for (int64_t i = 0; i < count; ++i) {
          const int64_t start = offsets_.data()[i];
          ARROWPACK_RETURN_NOT_OK(views.Append(bytes_.data() + start, offsets_.data()[i + 1] - start));
        }
        Reset();
        return views.FinishData();
      }
      case TypeId::BOOL: {
        // Memoised as one byte (0 or 1) per value; the dictionary is a bitmap.
        BufferBuilder bits(pool_);
        ARROWPACK_RETURN_NOT_OK(bits.AppendZeros(bit_util::BytesForBits(count)));
        for (int64_t i = 0; i < count; ++i) {
          if (bytes_.data()[i] != 0) bit_util::SetBit(bits.mutable_data(), i);
        }
        bytes_.Reset();
        ARROWPACK_ASSIGN_OR_RAISE(auto data, bits.Finish());
        return ArrayData::Make(value_type_, count, {nullptr, std::move(data)}, 0);
      }
      default: {
        ARROWPACK_ASSIGN_OR_RAISE(auto data, bytes_.Finish());
        return ArrayData::Make(value_type_, count, {nullptr, std::move(data)}, 0);
      }
    }
  }

  void Reset() {
    count_ = 0;
    slots_.clear();
    bytes_.Reset();
    offsets_.Reset();
  }

 private:
  struct Slot {
    uint64_t hash;
    int64_t index;  // -1 marks an empty slot
  };

  bool Matches(int64_t index, const uint8_t* value, int64_t size) const {
    // Empty values compare equal without touching a possibly unallocated byte buffer.
    const int64_t start = fixed_width_ ? index * width_ : offsets_.data()[index];
    if (!fixed_width_ && offsets_.data()[index + 1] - start != size) return false;
    return size == 0 || std::memcmp(bytes_.data() + start, value, static_cast<size_t>(size)) == 0;
  }

  Status StoreValue(const uint8_t* value, int64_t size) {
    if (!fixed_width_) {
      if (size > max_data_length_ - bytes_.length()) {
        return Status::CapacityError("dictionary builder: ", value_type_->ToString(), " dictionary exceeds ",
                                     max_data_length_, " bytes");
      }
      if (offsets_.length() == 0) ARROWPACK_RETURN_NOT_OK(offsets_.Append(0));
      ARROWPACK_RETURN_NOT_OK(offsets_.Append(bytes_.length() + size));
    }
    return bytes_.Append(value, size);
  }

  void Rehash() {
    std::vector<Slot> old(slots_.size() * 2, Slot{0, -1});
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.index < 0) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].index >= 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  MemoryPool* pool_;
  TypePtr value_type_;
  bool fixed_width_;
  int64_t width_;
  int64_t max_index_;
  std::string index_type_name_;
  int64_t max_data_length_;
  BufferBuilder bytes_;
  TypedBufferBuilder<int64_t> offsets_;  // variable-width values: count + 1 entries once non-empty
  std::vector<Slot> slots_;
  int64_t count_ = 0;
};

Result<std::unique_ptr<DictionaryBuilder>> DictionaryBuilder::Make(TypePtr type, MemoryPool* pool) {
  if (type->id() != TypeId::DICTIONARY) {
    return Status::TypeError("dictionary builder needs a dictionary type, got ", type->ToString());
  }
  const TypePtr& value_type = static_cast<const DictionaryType&>(*type).value_type();
  const TypeId id = value_type->id();
  if (is_binary_like(id) || is_large_binary_like(id) || is_binary_view_like(id)) {
    return std::unique_ptr<DictionaryBuilder>(new DictionaryBuilder(std::move(type), pool, false, 0));
  }
  if (id == TypeId::BOOL) {
    // Values are memoised as bytes (Append(bool)) and packed into bits by Finish.
    return std::unique_ptr<DictionaryBuilder>(new DictionaryBuilder(std::move(type), pool, true, 1));
  }
  if (is_fixed_width(id)) {
    const int64_t width = value_type->bit_width() / 8;
    return std::unique_ptr<DictionaryBuilder>(new DictionaryBuilder(std::move(type), pool, true, width));
  }
  return Status::NotImplemented("dictionary builder does not support ", value_type->ToString(), " values");
}

DictionaryBuilder::DictionaryBuilder(TypePtr type, MemoryPool* pool, bool fixed_width_values, int64_t value_width)
    : ArrayBuilder(std::move(type), pool),
      fixed_width_values_(fixed_width_values),
      value_width_(value_width),
      indices_(pool_) {
  const auto& dict_type = static_cast<const DictionaryType&>(*type_);
  const IndexLimits limits = LimitsOf(dict_type.index_type()->id());
  index_width_ = limits.width;
  max_index_ = limits.max_index;
  memo_ = std::make_unique<MemoTable>(pool_, dict_type.value_type(), fixed_width_values, value_width,
                                      *dict_type.index_type(), max_index_);
}

DictionaryBuilder::~DictionaryBuilder() = default;

Status DictionaryBuilder::ValueSizeError(size_t size) const {
  const auto& value_type = static_cast<const DictionaryType&>(*type_).value_type();
  return Status::TypeError("dictionary builder: cannot append a ", size, "-byte value to ", value_type->ToString(),
                           " values");
}

Status DictionaryBuilder::Append(std::string_view value) {
  if (static_cast<const DictionaryType&>(*type_).value_type()->id() == TypeId::BOOL) return ValueSizeError(value.size());
  if (fixed_width_values_ && static_cast<int64_t>(value.size()) != value_width_) {
    return Status::Invalid("dictionary builder: value has ", value.size(), " bytes, expected ", value_width_);
  }
  return AppendBytes(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size()));
}

Status DictionaryBuilder::AppendBytes(const uint8_t* value, int64_t size) {
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t index, memo_->GetOrInsert(value, size));
  indices_.UnsafeAppend(&index, index_width_);
  UnsafeAppendValid();
  return Status::OK();
}

Status DictionaryBuilder::AppendIndices(int64_t index, int64_t count) {
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  for (int64_t i = 0; i < count; ++i) indices_.UnsafeAppend(&index, index_width_);
  return Status::OK();
}

Status DictionaryBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(AppendIndices(0, count));
  return AppendValidityRun(count, false);
}

Status DictionaryBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  if (count == 0) return Status::OK();
  const int64_t size = fixed_width_values_ ? value_width_ : 0;
  const std::vector<uint8_t> zeros(static_cast<size_t>(size) + 1, 0);
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t index, memo_->GetOrInsert(zeros.data(), size));
  ARROWPACK_RETURN_NOT_OK(AppendIndices(index, count));
  return AppendValidityRun(count, true);
}

int64_t DictionaryBuilder::dictionary_length() const { return memo_->size(); }

Status DictionaryBuilder::ReserveRows(int64_t capacity) {
  return indices_.Reserve((capacity - length_) * index_width_);
}

void DictionaryBuilder::Reset() {
  ArrayBuilder::Reset();
  indices_.Reset();
  memo_->Reset();
}

Result<ArrayDataPtr> DictionaryBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto dictionary, memo_->Finish());
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto indices, indices_.Finish());
  auto data = ArrayData::Make(type_, length_, {std::move(validity), std::move(indices)}, null_count_);
  data->dictionary = std::move(dictionary);
  return data;
}

}  // namespace arrowpack
