#include "arrowpack/core/builder_binary.h"

namespace arrowpack {

// ---- BaseBinaryBuilder ------------------------------------------------------------------------

template <typename OffsetType>
BaseBinaryBuilder<OffsetType>::BaseBinaryBuilder(TypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offsets_(pool_), data_(pool_) {}

template <typename OffsetType>
Status BaseBinaryBuilder<OffsetType>::ReserveRows(int64_t capacity) {
  ARROWPACK_RETURN_NOT_OK(offsets_.Reserve(capacity + 1 - offsets_.length()));
  // The leading zero offset is written with the first reservation (and again after a reset).
  if (offsets_.length() == 0) offsets_.UnsafeAppend(0);
  return Status::OK();
}

template <typename OffsetType>
Status BaseBinaryBuilder<OffsetType>::DataLimitError(int64_t additional) const {
  return Status::CapacityError(type()->ToString(), " builder: appending ", additional, " bytes to ",
                               data_.length(), " exceeds the data limit of ", data_limit_, " bytes");
}

template <typename OffsetType>
Status BaseBinaryBuilder<OffsetType>::AppendValues(const std::string_view* values, int64_t count,
                                                   const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  int64_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (valid_bytes == nullptr || valid_bytes[i]) total += static_cast<int64_t>(values[i].size());
  }
  ARROWPACK_RETURN_NOT_OK(ReserveData(total));
  for (int64_t i = 0; i < count; ++i) {
    if (valid_bytes == nullptr || valid_bytes[i]) data_.UnsafeAppend(values[i].data(), values[i].size());
    offsets_.UnsafeAppend(static_cast<OffsetType>(data_.length()));
  }
  return AppendValidityBytes(valid_bytes, count);
}

template <typename OffsetType>
Status BaseBinaryBuilder<OffsetType>::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  offsets_.UnsafeAppendCopies(count, static_cast<OffsetType>(data_.length()));
  return AppendValidityRun(count, false);
}

template <typename OffsetType>
Status BaseBinaryBuilder<OffsetType>::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  offsets_.UnsafeAppendCopies(count, static_cast<OffsetType>(data_.length()));
  return AppendValidityRun(count, true);
}

template <typename OffsetType>
void BaseBinaryBuilder<OffsetType>::Reset() {
  ArrayBuilder::Reset();
  offsets_.Reset();
  data_.Reset();
}

template <typename OffsetType>
Result<ArrayDataPtr> BaseBinaryBuilder<OffsetType>::FinishInternal() {
  if (offsets_.length() == 0) ARROWPACK_RETURN_NOT_OK(offsets_.Append(0));
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  ARROWPACK_ASSIGN_OR_RAISE(auto data, data_.Finish());
  return ArrayData::Make(type_, length_, {std::move(validity), std::move(offsets), std::move(data)}, null_count_);
}

template class BaseBinaryBuilder<int32_t>;
template class BaseBinaryBuilder<int64_t>;

// ---- BinaryViewBuilder ------------------------------------------------------------------------

BinaryViewBuilder::BinaryViewBuilder(TypePtr type, MemoryPool* pool, int64_t block_size)
    : ArrayBuilder(std::move(type), pool),
      views_(pool_),
      block_(pool_),
      block_size_(std::clamp<int64_t>(block_size, 1, std::numeric_limits<int32_t>::max())) {}

Status BinaryViewBuilder::CopyToBlock(const uint8_t* value, int32_t size, View* view) {
  if (block_.length() > 0 && block_.length() + size > block_size_) {
    ARROWPACK_ASSIGN_OR_RAISE(auto full, block_.Finish());
    full_blocks_.push_back(std::move(full));
  }
  // A fresh block is sized once, so it never reallocates while being filled.
  if (block_.length() == 0) ARROWPACK_RETURN_NOT_OK(block_.Reserve(std::max<int64_t>(block_size_, size)));
  const auto buffer_index = static_cast<int32_t>(full_blocks_.size());
  const auto offset = static_cast<int32_t>(block_.length());
  block_.UnsafeAppend(value, size);
  std::memcpy(view->rest, value, 4);
  std::memcpy(view->rest + 4, &buffer_index, 4);
  std::memcpy(view->rest + 8, &offset, 4);
  return Status::OK();
}

Status BinaryViewBuilder::Append(const uint8_t* value, int64_t size) {
  if (size > std::numeric_limits<int32_t>::max()) {
    return Status::CapacityError(type()->ToString(), " builder: a value of ", size,
                                 " bytes exceeds the view size limit of 2^31 - 1");
  }
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  View view{static_cast<int32_t>(size), {}};
  if (size <= kMaxInlineSize) {
    if (size > 0) std::memcpy(view.rest, value, static_cast<size_t>(size));
  } else {
    ARROWPACK_RETURN_NOT_OK(CopyToBlock(value, view.size, &view));
  }
  views_.UnsafeAppend(view);
  UnsafeAppendValid();
  return Status::OK();
}

Status BinaryViewBuilder::AppendValues(const std::string_view* values, int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  for (int64_t i = 0; i < count; ++i) {
    ARROWPACK_RETURN_NOT_OK(valid_bytes == nullptr || valid_bytes[i] ? Append(values[i]) : AppendNull());
  }
  return Status::OK();
}

Status BinaryViewBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  views_.UnsafeAppendCopies(count, View{});
  return AppendValidityRun(count, false);
}

Status BinaryViewBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  views_.UnsafeAppendCopies(count, View{});
  return AppendValidityRun(count, true);
}

void BinaryViewBuilder::Reset() {
  ArrayBuilder::Reset();
  views_.Reset();
  block_.Reset();
  full_blocks_.clear();
}

Result<ArrayDataPtr> BinaryViewBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto views, views_.Finish());
  std::vector<std::shared_ptr<Buffer>> buffers{std::move(validity), std::move(views)};
  for (auto& block : full_blocks_) buffers.push_back(std::move(block));
  if (block_.length() > 0) {
    ARROWPACK_ASSIGN_OR_RAISE(auto last, block_.Finish());
    buffers.push_back(std::move(last));
  }
  return ArrayData::Make(type_, length_, std::move(buffers), null_count_);
}

// ---- FixedSizeBinaryBuilder -------------------------------------------------------------------

namespace {

int32_t ByteWidthOf(const DataType& type) {
  if (is_decimal(type.id())) return static_cast<const DecimalType&>(type).byte_width();
  return static_cast<const FixedSizeBinaryType&>(type).byte_width();
}

}  // namespace

FixedSizeBinaryBuilder::FixedSizeBinaryBuilder(TypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), byte_width_(ByteWidthOf(*type_)), values_(pool_) {}

Status FixedSizeBinaryBuilder::Append(std::string_view value) {
  if (static_cast<int64_t>(value.size()) != byte_width_) {
    return Status::Invalid(type()->ToString(), " builder: value has ", value.size(), " bytes, expected ",
                           byte_width_);
  }
  return Append(reinterpret_cast<const uint8_t*>(value.data()));
}

Status FixedSizeBinaryBuilder::AppendValues(const uint8_t* values, int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppend(values, count * byte_width_);
  return AppendValidityBytes(valid_bytes, count);
}

Status FixedSizeBinaryBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendZeros(count * byte_width_);
  return AppendValidityRun(count, false);
}

Status FixedSizeBinaryBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendZeros(count * byte_width_);
  return AppendValidityRun(count, true);
}

void FixedSizeBinaryBuilder::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

Result<ArrayDataPtr> FixedSizeBinaryBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length_, {std::move(validity), std::move(values)}, null_count_);
}

}  // namespace arrowpack
