// RunEndEncodedBuilder: builds run_end_encoded<run_ends: int16/32/64, values: T> arrays. Typed
// Append(value) and AppendNulls() extend the last run when the row repeats it; AppendRun() adds
// a run whose value the caller appended to values_builder() (any value type). Logical nulls live
// in the values, so null_count() stays 0 like the array's.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "arrowpack/core/builder_primitive.h"

namespace arrowpack {

class RunEndEncodedBuilder final : public ArrayBuilder {
 public:
  /// `type` is a RunEndEncodedType whose value type equals values_builder->type().
  RunEndEncodedBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> values_builder, MemoryPool* pool = nullptr);

  /// Builder of the run values (child(0)).
  ArrayBuilder* values_builder() const { return children_[0].get(); }

  /// Appends a row holding `value`. The values builder must be the NumericBuilder<T> (BooleanBuilder
  /// for bool) of the value type: TypeError otherwise. CapacityError past the run end type's range.
  template <typename T>
    requires NumericCType<T> || std::same_as<T, bool>
  Status Append(T value) {
    const std::string_view key(reinterpret_cast<const char*>(&value), sizeof(T));
    if (last_run_ == LastRun::kValue && key == last_value_) return ExtendLastRun(1);
    ARROWPACK_RETURN_NOT_OK(CheckRunEnd(1));  // before the value lands in the values builder
    if constexpr (std::same_as<T, bool>) {
      auto* values = dynamic_cast<BooleanBuilder*>(values_builder());
      if (values == nullptr) return ValueTypeError("bool");
      ARROWPACK_RETURN_NOT_OK(values->Append(value));
    } else {
      auto* values = dynamic_cast<NumericBuilder<T>*>(values_builder());
      if (values == nullptr) return ValueTypeError("numeric");
      ARROWPACK_RETURN_NOT_OK(values->Append(value));
    }
    return StartRun(1, LastRun::kValue, key);
  }
  /// Appends a row holding the bytes `value`; the values builder must be a binary, string, view
  /// or fixed-size binary builder (TypeError otherwise).
  Status Append(std::string_view value);
  /// Adds a run of `run_length` rows (>= 1, Invalid otherwise) whose value the caller has just
  /// appended to values_builder(). Such runs are never merged with their neighbours.
  Status AppendRun(int64_t run_length);
  /// Null rows extend a trailing null run, or start one with a null value.
  Status AppendNulls(int64_t count) override;
  /// One run of the value type's empty value.
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t) override { return Status::OK(); }

 private:
  /// What the last run holds, for merging: a comparable value, nulls, or something opaque.
  enum class LastRun { kNone, kValue, kNull, kOpaque };

  Status StartRun(int64_t run_length, LastRun kind, std::string_view key);
  Status ExtendLastRun(int64_t run_length);
  Status CheckRunEnd(int64_t run_length) const;
  Status ValueTypeError(const char* what) const;

  int64_t max_run_end_;
  TypedBufferBuilder<int64_t> run_ends_;  // narrowed to the run end type at Finish
  LastRun last_run_ = LastRun::kNone;
  std::string last_value_;
};

}  // namespace arrowpack
