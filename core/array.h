// Array: an immutable, shared view of an ArrayData with typed accessors. MakeArray picks the
// subclass for the type. Accessors do not check bounds (callers use length()); Validate() checks
// the structure in O(1) per buffer, ValidateFull() every offset, index, type code and UTF-8 byte.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "arrowpack/core/array_data.h"
#include "arrowpack/core/bit_util.h"

namespace arrowpack {

class Array;
using ArrayPtr = std::shared_ptr<Array>;
using ArrayVector = std::vector<ArrayPtr>;

class Array {
 public:
  explicit Array(ArrayDataPtr data) : data_(std::move(data)) {}
  virtual ~Array() = default;

  const ArrayDataPtr& data() const { return data_; }
  const TypePtr& type() const { return data_->type; }
  TypeId type_id() const { return data_->type->id(); }
  int64_t length() const { return data_->length; }
  int64_t offset() const { return data_->offset; }
  int64_t null_count() const { return data_->GetNullCount(); }
  /// Validity per the bitmap (unions and run-end encoded arrays have none: always valid here).
  bool IsValid(int64_t i) const;
  bool IsNull(int64_t i) const { return !IsValid(i); }
  const uint8_t* null_bitmap_data() const;

  /// Zero-copy slice; offset and length are clamped to the array like pyarrow's slice().
  ArrayPtr Slice(int64_t offset, int64_t length) const;
  ArrayPtr Slice(int64_t offset) const;

  /// Same type and values (nulls equal nulls; floats compared exactly, NaN != NaN).
  bool Equals(const Array& other) const;
  /// pyarrow-like multi-line rendering ("[\n  1,\n  null\n]").
  std::string ToString() const;

  Status Validate() const;
  Status ValidateFull() const;

 private:
  ArrayDataPtr data_;
};

/// Builds the typed Array subclass for `data`.
ArrayPtr MakeArray(ArrayDataPtr data);

/// One month_day_nano_interval value as stored (16 bytes, little-endian fields).
struct MonthDayNano {
  int32_t months;
  int32_t days;
  int64_t nanoseconds;
};

/// Fixed-width values in buffers[1]: integers, floats (half floats as uint16), dates, times,
/// timestamps, durations, intervals (months as int32, day-time as one int64 holding the int32
/// days and milliseconds, month-day-nano as MonthDayNano).
template <typename CType>
class PrimitiveArray : public Array {
 public:
  using Array::Array;
  CType Value(int64_t i) const { return data()->template GetValues<CType>(1)[i]; }
  const CType* raw_values() const { return data()->template GetValues<CType>(1); }
};

class NullArray : public Array {
 public:
  using Array::Array;
};

class BooleanArray : public Array {
 public:
  using Array::Array;
  bool Value(int64_t i) const { return bit_util::GetBit(data()->buffers[1]->data(), offset() + i); }
};

/// binary/string (int32 offsets) and large_binary/large_string (int64 offsets).
template <typename OffsetType>
class BaseBinaryArray : public Array {
 public:
  using Array::Array;
  OffsetType value_offset(int64_t i) const { return raw_value_offsets()[i]; }
  OffsetType value_length(int64_t i) const { return raw_value_offsets()[i + 1] - raw_value_offsets()[i]; }
  const OffsetType* raw_value_offsets() const { return data()->template GetValues<OffsetType>(1); }
  std::string_view GetView(int64_t i) const {
    const uint8_t* bytes = data()->buffers[2] ? data()->buffers[2]->data() : nullptr;
    return {reinterpret_cast<const char*>(bytes) + value_offset(i), static_cast<size_t>(value_length(i))};
  }
};
using BinaryArray = BaseBinaryArray<int32_t>;
using LargeBinaryArray = BaseBinaryArray<int64_t>;

/// binary_view/string_view: 16-byte views, inline up to 12 bytes, otherwise into variadic buffers.
class BinaryViewArray : public Array {
 public:
  using Array::Array;
  std::string_view GetView(int64_t i) const;
};

class FixedSizeBinaryArray : public Array {
 public:
  using Array::Array;
  int32_t byte_width() const;
  const uint8_t* GetValue(int64_t i) const;
  std::string_view GetView(int64_t i) const;
};

/// decimal32/64/128/256: little-endian two's complement integers of byte_width bytes.
class DecimalArray : public FixedSizeBinaryArray {
 public:
  using FixedSizeBinaryArray::FixedSizeBinaryArray;
  /// The unscaled value as a decimal digit string with the scale's decimal point ("-12.30").
  std::string FormatValue(int64_t i) const;
};

/// list/large_list/map (offsets), list_view/large_list_view (offsets + sizes).
template <typename OffsetType>
class BaseListArray : public Array {
 public:
  explicit BaseListArray(ArrayDataPtr data);
  bool is_view() const { return data()->buffers.size() > 2; }
  OffsetType value_offset(int64_t i) const { return data()->template GetValues<OffsetType>(1)[i]; }
  OffsetType value_length(int64_t i) const {
    return is_view() ? data()->template GetValues<OffsetType>(2)[i]
                     : data()->template GetValues<OffsetType>(1)[i + 1] - value_offset(i);
  }
  /// The whole child array (not sliced by this array's offset).
  const ArrayPtr& values() const { return values_; }
  ArrayPtr value_slice(int64_t i) const { return values_->Slice(value_offset(i), value_length(i)); }

 private:
  ArrayPtr values_;
};
using ListArray = BaseListArray<int32_t>;
using LargeListArray = BaseListArray<int64_t>;

class MapArray : public ListArray {
 public:
  explicit MapArray(ArrayDataPtr data);
  /// Keys and items of all entries, aligned with values() (index them with value_offset()).
  const ArrayPtr& keys() const { return keys_; }
  const ArrayPtr& items() const { return items_; }

 private:
  ArrayPtr keys_;
  ArrayPtr items_;
};

class FixedSizeListArray : public Array {
 public:
  explicit FixedSizeListArray(ArrayDataPtr data);
  int32_t list_size() const;
  int64_t value_offset(int64_t i) const { return (offset() + i) * list_size(); }
  const ArrayPtr& values() const { return values_; }
  ArrayPtr value_slice(int64_t i) const { return values_->Slice(value_offset(i), list_size()); }

 private:
  ArrayPtr values_;
};

class StructArray : public Array {
 public:
  explicit StructArray(ArrayDataPtr data);
  /// Child `i` sliced to this array's offset and length.
  ArrayPtr field(int i) const;
  int num_fields() const { return static_cast<int>(children_.size()); }

 private:
  ArrayVector children_;  // unsliced
};

class UnionArray : public Array {
 public:
  explicit UnionArray(ArrayDataPtr data);
  int8_t type_code(int64_t i) const { return data()->GetValues<int8_t>(0)[i]; }
  /// Child index of row i.
  int child_id(int64_t i) const;
  /// Row in the child: dense unions read the offsets buffer; sparse unions use offset() + i.
  int64_t value_offset(int64_t i) const;
  /// Unsliced child array `i`.
  const ArrayPtr& field(int i) const { return children_[i]; }
  bool is_dense() const { return type_id() == TypeId::DENSE_UNION; }

 private:
  ArrayVector children_;
};

class DictionaryArray : public Array {
 public:
  explicit DictionaryArray(ArrayDataPtr data);
  /// Index array (same offset and length as this array).
  const ArrayPtr& indices() const { return indices_; }
  const ArrayPtr& dictionary() const { return dictionary_; }
  /// Index value of row i widened to int64.
  int64_t GetValueIndex(int64_t i) const;

 private:
  ArrayPtr indices_;
  ArrayPtr dictionary_;
};

class RunEndEncodedArray : public Array {
 public:
  explicit RunEndEncodedArray(ArrayDataPtr data);
  const ArrayPtr& run_ends() const { return run_ends_; }
  const ArrayPtr& values() const { return values_; }
  /// Index into values() of logical row i (binary search over run ends).
  int64_t FindPhysicalIndex(int64_t i) const;

 private:
  ArrayPtr run_ends_;
  ArrayPtr values_;
};

class ExtensionArray : public Array {
 public:
  explicit ExtensionArray(ArrayDataPtr data);
  const ArrayPtr& storage() const { return storage_; }

 private:
  ArrayPtr storage_;
};

}  // namespace arrowpack
