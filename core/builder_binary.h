// Builders for variable-size binary and string arrays (offsets, large offsets and 16-byte views),
// fixed-size binary and decimals. Bytes are copied in; string builders do not check UTF-8
// (Array::ValidateFull does). Appends past what the offsets can address fail with CapacityError.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "arrowpack/core/builder_base.h"

namespace arrowpack {

/// binary/string (OffsetType int32_t) and large_binary/large_string (int64_t).
template <typename OffsetType>
class BaseBinaryBuilder : public ArrayBuilder {
 public:
  explicit BaseBinaryBuilder(TypePtr type, MemoryPool* pool = nullptr);

  Status Append(const uint8_t* value, int64_t size) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    ARROWPACK_RETURN_NOT_OK(ReserveData(size));
    UnsafeAppend(value, size);
    return Status::OK();
  }
  Status Append(std::string_view value) {
    return Append(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size()));
  }
  /// Requires room from Reserve(1) and ReserveData(size).
  void UnsafeAppend(const uint8_t* value, int64_t size) {
    data_.UnsafeAppend(value, size);
    offsets_.UnsafeAppend(static_cast<OffsetType>(data_.length()));
    UnsafeAppendValid();
  }
  /// `valid_bytes` (nullptr = all valid) marks nulls with zero bytes; null entries are not read.
  Status AppendValues(const std::string_view* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  /// Null and empty rows hold no bytes.
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;

  /// Room for `additional` more data bytes; CapacityError past the data length limit.
  Status ReserveData(int64_t additional) {
    return additional <= data_limit_ - data_.length() ? data_.Reserve(additional) : DataLimitError(additional);
  }
  int64_t value_data_length() const { return data_.length(); }
  /// Lowers the data length limit (default and ceiling: the largest OffsetType). Lets callers
  /// bound memory or split output into chunks at a CapacityError.
  void SetDataLengthLimit(int64_t limit) { data_limit_ = std::min(limit, kMaxDataLength); }
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override;

 private:
  static constexpr int64_t kMaxDataLength = std::numeric_limits<OffsetType>::max();
  Status DataLimitError(int64_t additional) const;

  TypedBufferBuilder<OffsetType> offsets_;  // length() + 1 entries once rows are reserved
  BufferBuilder data_;
  int64_t data_limit_ = kMaxDataLength;
};

extern template class BaseBinaryBuilder<int32_t>;
extern template class BaseBinaryBuilder<int64_t>;

class BinaryBuilder final : public BaseBinaryBuilder<int32_t> {
 public:
  explicit BinaryBuilder(MemoryPool* pool = nullptr) : BaseBinaryBuilder(binary(), pool) {}
};
class StringBuilder final : public BaseBinaryBuilder<int32_t> {
 public:
  explicit StringBuilder(MemoryPool* pool = nullptr) : BaseBinaryBuilder(utf8(), pool) {}
};
class LargeBinaryBuilder final : public BaseBinaryBuilder<int64_t> {
 public:
  explicit LargeBinaryBuilder(MemoryPool* pool = nullptr) : BaseBinaryBuilder(large_binary(), pool) {}
};
class LargeStringBuilder final : public BaseBinaryBuilder<int64_t> {
 public:
  explicit LargeStringBuilder(MemoryPool* pool = nullptr) : BaseBinaryBuilder(large_utf8(), pool) {}
};

/// binary_view/string_view. Values of up to 12 bytes live inside their view; longer ones are
/// copied into data blocks of `block_size` bytes (a longer value gets a block of its own).
class BinaryViewBuilder : public ArrayBuilder {
 public:
  static constexpr int64_t kMaxInlineSize = 12;
  static constexpr int64_t kDefaultBlockSize = 32 * 1024;

  explicit BinaryViewBuilder(TypePtr type, MemoryPool* pool = nullptr, int64_t block_size = kDefaultBlockSize);
  explicit BinaryViewBuilder(MemoryPool* pool = nullptr) : BinaryViewBuilder(binary_view(), pool) {}

  /// CapacityError for values over 2^31 - 1 bytes.
  Status Append(const uint8_t* value, int64_t size);
  Status Append(std::string_view value) {
    return Append(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size()));
  }
  Status AppendValues(const std::string_view* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override { return views_.Reserve(capacity - views_.length()); }

 private:
  struct View {
    int32_t size;
    uint8_t rest[12];  // inline bytes, or prefix + buffer index + offset
  };
  Status CopyToBlock(const uint8_t* value, int32_t size, View* view);

  TypedBufferBuilder<View> views_;
  BufferBuilder block_;  // the block being filled
  std::vector<std::shared_ptr<Buffer>> full_blocks_;
  int64_t block_size_;
};

class StringViewBuilder final : public BinaryViewBuilder {
 public:
  explicit StringViewBuilder(MemoryPool* pool = nullptr) : BinaryViewBuilder(utf8_view(), pool) {}
};

/// fixed_size_binary(w), and the storage of decimals (w = the decimal's byte width).
class FixedSizeBinaryBuilder : public ArrayBuilder {
 public:
  explicit FixedSizeBinaryBuilder(TypePtr type, MemoryPool* pool = nullptr);

  int32_t byte_width() const { return byte_width_; }
  /// Appends byte_width() bytes read from `value`.
  Status Append(const uint8_t* value) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  /// Invalid unless value.size() == byte_width().
  Status Append(std::string_view value);
  void UnsafeAppend(const uint8_t* value) {
    values_.UnsafeAppend(value, byte_width_);
    UnsafeAppendValid();
  }
  /// `count` packed values of byte_width() bytes; `valid_bytes` as for NumericBuilder.
  Status AppendValues(const uint8_t* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  /// Null and empty rows hold zero bytes.
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override {
    return values_.Reserve((capacity - length_) * byte_width_);
  }

 private:
  int32_t byte_width_;
  BufferBuilder values_;
};

/// decimal32/64/128/256: little-endian two's complement integers of the type's byte width.
class DecimalBuilder final : public FixedSizeBinaryBuilder {
 public:
  explicit DecimalBuilder(TypePtr type, MemoryPool* pool = nullptr);

  /// Appends text such as "-123.45" or "1.5e3" rescaled to the type's scale. Invalid for
  /// malformed text, for digits the scale would drop ("1.234" at scale 2) and for values with more
  /// significant digits than the precision.
  Status AppendDecimalString(std::string_view text);

 private:
  int32_t precision_;
  int32_t scale_;
};

}  // namespace arrowpack
