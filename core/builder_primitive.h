// Builders for null, boolean and fixed-width numeric arrays. NumericBuilder<CType> serves every
// type stored as CType: integers, floats, half floats (uint16_t), dates, times, timestamps,
// durations and intervals (day_time_interval as one int64_t holding the int32 days and
// milliseconds, month_day_nano_interval as MonthDayNano). Typed appends are inline and non-virtual.
#pragma once

#include <concepts>
#include <cstdint>

#include "arrowpack/core/builder_base.h"

namespace arrowpack {

/// The C types NumericBuilder is compiled for.
template <typename T>
concept NumericCType =
    std::same_as<T, int8_t> || std::same_as<T, int16_t> || std::same_as<T, int32_t> || std::same_as<T, int64_t> ||
    std::same_as<T, uint8_t> || std::same_as<T, uint16_t> || std::same_as<T, uint32_t> ||
    std::same_as<T, uint64_t> || std::same_as<T, float> || std::same_as<T, double> || std::same_as<T, MonthDayNano>;

class NullBuilder final : public ArrayBuilder {
 public:
  explicit NullBuilder(MemoryPool* pool = nullptr);
  Status AppendNulls(int64_t count) override;
  /// The null type's only value is null.
  Status AppendEmptyValues(int64_t count) override { return AppendNulls(count); }

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t) override { return Status::OK(); }
};

template <typename CType>
  requires NumericCType<CType>
class NumericBuilder : public ArrayBuilder {
 public:
  using value_type = CType;

  /// `type` must store its values as CType (e.g. int64_t for timestamp, uint16_t for float16).
  explicit NumericBuilder(TypePtr type, MemoryPool* pool = nullptr);
  /// Builds the natural type of CType (int32_t -> int32, double -> float64, uint16_t -> uint16,
  /// MonthDayNano -> month_day_nano_interval).
  explicit NumericBuilder(MemoryPool* pool = nullptr);

  Status Append(CType value) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  /// Requires room from Reserve().
  void UnsafeAppend(CType value) {
    values_.UnsafeAppend(value);
    UnsafeAppendValid();
  }
  /// Copies `count` values; `valid_bytes` (nullptr = all valid) marks nulls with zero bytes.
  Status AppendValues(const CType* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  /// Null slots hold zero.
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override { return values_.Reserve(capacity - values_.length()); }

 private:
  TypedBufferBuilder<CType> values_;
};

extern template class NumericBuilder<int8_t>;
extern template class NumericBuilder<int16_t>;
extern template class NumericBuilder<int32_t>;
extern template class NumericBuilder<int64_t>;
extern template class NumericBuilder<uint8_t>;
extern template class NumericBuilder<uint16_t>;
extern template class NumericBuilder<uint32_t>;
extern template class NumericBuilder<uint64_t>;
extern template class NumericBuilder<float>;
extern template class NumericBuilder<double>;
extern template class NumericBuilder<MonthDayNano>;

using Int8Builder = NumericBuilder<int8_t>;
using Int16Builder = NumericBuilder<int16_t>;
using Int32Builder = NumericBuilder<int32_t>;
using Int64Builder = NumericBuilder<int64_t>;
using UInt8Builder = NumericBuilder<uint8_t>;
using UInt16Builder = NumericBuilder<uint16_t>;
using UInt32Builder = NumericBuilder<uint32_t>;
using UInt64Builder = NumericBuilder<uint64_t>;
using FloatBuilder = NumericBuilder<float>;
using DoubleBuilder = NumericBuilder<double>;
using MonthDayNanoIntervalBuilder = NumericBuilder<MonthDayNano>;

class BooleanBuilder final : public ArrayBuilder {
 public:
  explicit BooleanBuilder(MemoryPool* pool = nullptr);

  Status Append(bool value) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  void UnsafeAppend(bool value) {
    values_.UnsafeAppend(value);
    UnsafeAppendValid();
  }
  /// One value per byte of `values` (non-zero = true); `valid_bytes` as for NumericBuilder.
  Status AppendValues(const uint8_t* values, int64_t count, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override { return values_.Reserve(capacity - values_.length()); }

 private:
  BitmapBuilder values_;
};

}  // namespace arrowpack
