#include "arrowpack/core/builder_primitive.h"

namespace arrowpack {

// ---- NullBuilder ------------------------------------------------------------------------------

NullBuilder::NullBuilder(MemoryPool* pool) : ArrayBuilder(null(), pool) {}

Status NullBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  length_ += count;
  null_count_ += count;
  return Status::OK();
}

Result<ArrayDataPtr> NullBuilder::FinishInternal() {
  return ArrayData::Make(type_, length_, {nullptr}, length_);
}

// ---- NumericBuilder ---------------------------------------------------------------------------

namespace {

template <typename CType>
TypePtr NaturalType() {
  if constexpr (std::is_same_v<CType, int8_t>) return int8();
  if constexpr (std::is_same_v<CType, int16_t>) return int16();
  if constexpr (std::is_same_v<CType, int32_t>) return int32();
  if constexpr (std::is_same_v<CType, int64_t>) return int64();
  if constexpr (std::is_same_v<CType, uint8_t>) return uint8();
  if constexpr (std::is_same_v<CType, uint16_t>) return uint16();
  if constexpr (std::is_same_v<CType, uint32_t>) return uint32();
  if constexpr (std::is_same_v<CType, uint64_t>) return uint64();
  if constexpr (std::is_same_v<CType, float>) return float32();
  if constexpr (std::is_same_v<CType, double>) return float64();
  if constexpr (std::is_same_v<CType, MonthDayNano>) return month_day_nano_interval();
}

}  // namespace

template <typename CType>
  requires NumericCType<CType>
NumericBuilder<CType>::NumericBuilder(TypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), values_(pool_) {}

template <typename CType>
  requires NumericCType<CType>
NumericBuilder<CType>::NumericBuilder(MemoryPool* pool) : NumericBuilder(NaturalType<CType>(), pool) {}

template <typename CType>
  requires NumericCType<CType>
Status NumericBuilder<CType>::AppendValues(const CType* values, int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppend(values, count);
  return AppendValidityBytes(valid_bytes, count);
}

template <typename CType>
  requires NumericCType<CType>
Status NumericBuilder<CType>::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendCopies(count, CType{});
  return AppendValidityRun(count, false);
}

template <typename CType>
  requires NumericCType<CType>
Status NumericBuilder<CType>::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendCopies(count, CType{});
  return AppendValidityRun(count, true);
}

template <typename CType>
  requires NumericCType<CType>
void NumericBuilder<CType>::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

template <typename CType>
  requires NumericCType<CType>
Result<ArrayDataPtr> NumericBuilder<CType>::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length_, {std::move(validity), std::move(values)}, null_count_);
}

template class NumericBuilder<int8_t>;
template class NumericBuilder<int16_t>;
template class NumericBuilder<int32_t>;
template class NumericBuilder<int64_t>;
template class NumericBuilder<uint8_t>;
template class NumericBuilder<uint16_t>;
template class NumericBuilder<uint32_t>;
template class NumericBuilder<uint64_t>;
template class NumericBuilder<float>;
template class NumericBuilder<double>;
template class NumericBuilder<MonthDayNano>;

// ---- BooleanBuilder ---------------------------------------------------------------------------

BooleanBuilder::BooleanBuilder(MemoryPool* pool) : ArrayBuilder(boolean(), pool), values_(pool_) {}

Status BooleanBuilder::AppendValues(const uint8_t* values, int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendBytes(values, count);
  return AppendValidityBytes(valid_bytes, count);
}

Status BooleanBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendN(count, false);
  return AppendValidityRun(count, false);
}

Status BooleanBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  values_.UnsafeAppendN(count, false);
  return AppendValidityRun(count, true);
}

void BooleanBuilder::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

Result<ArrayDataPtr> BooleanBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length_, {std::move(validity), std::move(values)}, null_count_);
}

}  // namespace arrowpack
