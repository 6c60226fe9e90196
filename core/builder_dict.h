// DictionaryBuilder: builds dictionary<values=T, indices=I> arrays by memoising values. Each
// appended value is looked up in a hash table (by its bytes) and only its index is stored; new
// values are added to the dictionary in first-seen order. Finish yields the indices with the
// dictionary attached (ArrayData::dictionary) and starts a fresh, empty dictionary.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>

#include "arrowpack/core/builder_base.h"

namespace arrowpack {

class DictionaryBuilder final : public ArrayBuilder {
 public:
  /// `type` must be a DictionaryType (TypeError otherwise) whose value type is binary-like
  /// (binary, string, their large and view forms), fixed_size_binary, decimal, boolean (appended
  /// as bool) or a fixed-width primitive (NotImplemented otherwise).
  static Result<std::unique_ptr<DictionaryBuilder>> Make(TypePtr type, MemoryPool* pool = nullptr);
  ~DictionaryBuilder() override;

  /// Appends the index of `value` (its bytes; exactly the value width for fixed-width value
  /// types, Invalid otherwise; TypeError for boolean values). CapacityError when a new value does not fit the index type or the
  /// dictionary outgrows its offsets.
  Status Append(std::string_view value);
  /// Appends a primitive value; TypeError unless the value type is fixed-width with the size of
  /// T. Values are memoised bitwise (0.0 and -0.0 are distinct entries).
  template <typename T>
    requires std::is_arithmetic_v<T>
  Status Append(T value) {
    if (!fixed_width_values_ || value_width_ != static_cast<int64_t>(sizeof(T))) return ValueSizeError(sizeof(T));
    return AppendBytes(reinterpret_cast<const uint8_t*>(&value), sizeof(T));
  }
  /// Null rows store index 0 under a cleared validity bit and add nothing to the dictionary.
  Status AppendNulls(int64_t count) override;
  /// Rows holding the value type's empty value ("" or zero bytes).
  Status AppendEmptyValues(int64_t count) override;
  /// Distinct values memoised so far.
  int64_t dictionary_length() const;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override;

 private:
  class MemoTable;
  DictionaryBuilder(TypePtr type, MemoryPool* pool, bool fixed_width_values, int64_t value_width);

  Status AppendBytes(const uint8_t* value, int64_t size);
  Status AppendIndices(int64_t index, int64_t count);
  Status ValueSizeError(size_t size) const;

  bool fixed_width_values_;
  int64_t value_width_;  // bytes per value when fixed_width_values_
  int index_width_;
  int64_t max_index_;
  std::unique_ptr<MemoTable> memo_;
  BufferBuilder indices_;
};

}  // namespace arrowpack
