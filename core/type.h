// Arrow data types and fields. Types are immutable and shared (shared_ptr<const DataType> is not
// needed: no method mutates). Factories with pyarrow's names build them; parametrised factories
// that can fail (bad widths, precisions, union codes) return Result.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/key_value_metadata.h"
#include "arrowpack/core/result.h"
#include "arrowpack/core/type_fwd.h"

namespace arrowpack {

/// What one buffer of an array of a given type holds (see DataType::layout()).
struct BufferSpec {
  enum Kind { kValidityBitmap, kFixedWidth, kBitmap, kVariableData, kAlwaysNull };
  Kind kind;
  int byte_width = 0;  // for kFixedWidth
};

/// Buffers of one array node (children are separate nodes). `variadic` marks view types that end
/// with any number of data buffers after the fixed ones.
struct DataTypeLayout {
  std::vector<BufferSpec> buffers;
  bool variadic = false;
};

class DataType {
 public:
  explicit DataType(TypeId id, FieldVector children = {});
  virtual ~DataType() = default;
  DataType(const DataType&) = delete;
  DataType& operator=(const DataType&) = delete;

  TypeId id() const { return id_; }
  const FieldVector& fields() const { return children_; }
  const std::shared_ptr<Field>& field(int i) const { return children_[i]; }
  int num_fields() const { return static_cast<int>(children_.size()); }

  /// pyarrow's str(type), e.g. "list<item: int32>".
  virtual std::string ToString() const;
  /// Short name of the type family, e.g. "list", "timestamp".
  std::string name() const;
  /// Structural equality; field metadata compared only when `check_metadata`.
  bool Equals(const DataType& other, bool check_metadata = false) const;

  /// Bits per value for fixed-width types (bool: 1; fixed_size_binary: 8 * width); -1 otherwise.
  virtual int bit_width() const;
  /// Buffers an array of this type carries in Arrow's columnar layout.
  virtual DataTypeLayout layout() const;

 protected:
  /// Compares the parameters beyond id and children (units, widths, ...).
  virtual bool ParametersEqual(const DataType& other) const { return true; }

 private:
  TypeId id_;
  FieldVector children_;
};

using TypePtr = std::shared_ptr<DataType>;

class Field {
 public:
  Field(std::string name, TypePtr type, bool nullable = true, MetadataPtr metadata = nullptr);

  const std::string& name() const { return name_; }
  const TypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const MetadataPtr& metadata() const { return metadata_; }

  std::shared_ptr<Field> WithName(std::string name) const;
  std::shared_ptr<Field> WithType(TypePtr type) const;
  std::shared_ptr<Field> WithNullable(bool nullable) const;
  std::shared_ptr<Field> WithMetadata(MetadataPtr metadata) const;

  bool Equals(const Field& other, bool check_metadata = false) const;
  /// "name: type" plus " not null" as pyarrow prints it.
  std::string ToString() const;

 private:
  std::string name_;
  TypePtr type_;
  bool nullable_;
  MetadataPtr metadata_;
};

std::shared_ptr<Field> field(std::string name, TypePtr type, bool nullable = true, MetadataPtr metadata = nullptr);

// ---- Parametrised types ----------------------------------------------------------------------

class FixedSizeBinaryType : public DataType {
 public:
  explicit FixedSizeBinaryType(int32_t byte_width);
  int32_t byte_width() const { return byte_width_; }
  std::string ToString() const override;
  int bit_width() const override { return byte_width_ * 8; }

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  int32_t byte_width_;
};

/// decimal32/64/128/256 (the id fixes the width).
class DecimalType : public DataType {
 public:
  DecimalType(TypeId id, int32_t precision, int32_t scale);
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  int32_t byte_width() const;
  std::string ToString() const override;
  int bit_width() const override { return byte_width() * 8; }
  /// Largest precision each width holds: 9, 18, 38, 76.
  static int32_t MaxPrecision(TypeId id);

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  int32_t precision_;
  int32_t scale_;
};

/// time32, time64, duration and timestamp carry a unit; timestamp also an optional time zone.
class TemporalType : public DataType {
 public:
  TemporalType(TypeId id, TimeUnit unit, std::string timezone = "");
  TimeUnit unit() const { return unit_; }
  const std::string& timezone() const { return timezone_; }
  std::string ToString() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  TimeUnit unit_;
  std::string timezone_;
};

/// list, large_list, list_view, large_list_view, fixed_size_list and map (one child field).
class BaseListType : public DataType {
 public:
  BaseListType(TypeId id, std::shared_ptr<Field> value_field);
  const std::shared_ptr<Field>& value_field() const { return field(0); }
  const TypePtr& value_type() const;
  std::string ToString() const override;
};

class FixedSizeListType : public BaseListType {
 public:
  FixedSizeListType(std::shared_ptr<Field> value_field, int32_t list_size);
  int32_t list_size() const { return list_size_; }
  std::string ToString() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  int32_t list_size_;
};

/// map<key, item>: a list of struct<key, value> entries.
class MapType : public BaseListType {
 public:
  MapType(std::shared_ptr<Field> key_field, std::shared_ptr<Field> item_field, bool keys_sorted = false,
          std::string entries_name = "entries");
  const std::shared_ptr<Field>& key_field() const;
  const std::shared_ptr<Field>& item_field() const;
  const TypePtr& key_type() const;
  const TypePtr& item_type() const;
  bool keys_sorted() const { return keys_sorted_; }
  std::string ToString() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  bool keys_sorted_;
};

class StructType : public DataType {
 public:
  explicit StructType(FieldVector fields);
  /// Index of the first field named `name`, or -1.
  int GetFieldIndex(const std::string& name) const;
  std::string ToString() const override;
};

/// sparse_union and dense_union; type_codes[i] is the code of child i (0..127).
class UnionType : public DataType {
 public:
  UnionType(TypeId id, FieldVector fields, std::vector<int8_t> type_codes);
  const std::vector<int8_t>& type_codes() const { return type_codes_; }
  /// Child index per type code (-1 where unused); 128 entries.
  const std::vector<int>& child_ids() const { return child_ids_; }
  std::string ToString() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  std::vector<int8_t> type_codes_;
  std::vector<int> child_ids_;
};

class DictionaryType : public DataType {
 public:
  DictionaryType(TypePtr index_type, TypePtr value_type, bool ordered = false);
  const TypePtr& index_type() const { return index_type_; }
  const TypePtr& value_type() const { return value_type_; }
  bool ordered() const { return ordered_; }
  std::string ToString() const override;
  int bit_width() const override;
  DataTypeLayout layout() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  TypePtr index_type_;
  TypePtr value_type_;
  bool ordered_;
};

/// run_end_encoded<run_ends: int16/32/64, values: T>.
class RunEndEncodedType : public DataType {
 public:
  RunEndEncodedType(TypePtr run_end_type, TypePtr value_type);
  const TypePtr& run_end_type() const;
  const TypePtr& value_type() const;
  std::string ToString() const override;
};

/// A type the library does not interpret: `storage_type` values carried with the
/// ARROW:extension:name / ARROW:extension:metadata pair.
class ExtensionType : public DataType {
 public:
  ExtensionType(std::string extension_name, TypePtr storage_type, std::string serialized_metadata);
  const std::string& extension_name() const { return extension_name_; }
  const TypePtr& storage_type() const { return storage_type_; }
  const std::string& serialized_metadata() const { return serialized_metadata_; }
  std::string ToString() const override;
  int bit_width() const override;
  DataTypeLayout layout() const override;

 protected:
  bool ParametersEqual(const DataType& other) const override;

 private:
  std::string extension_name_;
  TypePtr storage_type_;
  std::string serialized_metadata_;
};

// ---- Factories (pyarrow names) -------------------------------------------------------------

TypePtr null();
TypePtr boolean();
TypePtr int8();
TypePtr int16();
TypePtr int32();
TypePtr int64();
TypePtr uint8();
TypePtr uint16();
TypePtr uint32();
TypePtr uint64();
TypePtr float16();
TypePtr float32();
TypePtr float64();
TypePtr utf8();
TypePtr large_utf8();
TypePtr binary();
TypePtr large_binary();
TypePtr utf8_view();
TypePtr binary_view();
TypePtr date32();
TypePtr date64();
TypePtr month_interval();
TypePtr day_time_interval();
TypePtr month_day_nano_interval();
Result<TypePtr> fixed_size_binary(int32_t byte_width);
Result<TypePtr> decimal(TypeId id, int32_t precision, int32_t scale);
Result<TypePtr> decimal32(int32_t precision, int32_t scale);
Result<TypePtr> decimal64(int32_t precision, int32_t scale);
Result<TypePtr> decimal128(int32_t precision, int32_t scale);
Result<TypePtr> decimal256(int32_t precision, int32_t scale);
TypePtr timestamp(TimeUnit unit, std::string timezone = "");
/// time32 takes SECOND/MILLI, time64 MICRO/NANO.
Result<TypePtr> time32(TimeUnit unit);
Result<TypePtr> time64(TimeUnit unit);
TypePtr duration(TimeUnit unit);
TypePtr list(TypePtr value_type);
TypePtr list(std::shared_ptr<Field> value_field);
TypePtr large_list(std::shared_ptr<Field> value_field);
TypePtr list_view(std::shared_ptr<Field> value_field);
TypePtr large_list_view(std::shared_ptr<Field> value_field);
Result<TypePtr> fixed_size_list(std::shared_ptr<Field> value_field, int32_t list_size);
/// Invalid if the key field is nullable.
Result<TypePtr> map(std::shared_ptr<Field> key_field, std::shared_ptr<Field> item_field, bool keys_sorted = false);
TypePtr struct_(FieldVector fields);
/// Invalid for duplicate or out-of-range codes or a count mismatch; empty codes mean 0..n-1.
Result<TypePtr> sparse_union(FieldVector fields, std::vector<int8_t> type_codes = {});
Result<TypePtr> dense_union(FieldVector fields, std::vector<int8_t> type_codes = {});
/// TypeError unless `index_type` is an integer type.
Result<TypePtr> dictionary(TypePtr index_type, TypePtr value_type, bool ordered = false);
/// TypeError unless `run_end_type` is int16, int32 or int64.
Result<TypePtr> run_end_encoded(TypePtr run_end_type, TypePtr value_type);
TypePtr extension(std::string extension_name, TypePtr storage_type, std::string serialized_metadata);

// ---- Classification ------------------------------------------------------------------------

bool is_integer(TypeId id);
bool is_signed_integer(TypeId id);
bool is_floating(TypeId id);
bool is_decimal(TypeId id);
/// Types whose values sit in one fixed-width data buffer (incl. bool, decimals, temporals).
bool is_fixed_width(TypeId id);
bool is_binary_like(TypeId id);        // binary, string
bool is_large_binary_like(TypeId id);  // large_binary, large_string
bool is_binary_view_like(TypeId id);   // binary_view, string_view
bool is_string(TypeId id);             // string, large_string, string_view
bool is_list_like(TypeId id);          // list, large_list, list_view, large_list_view, fixed_size_list, map
bool is_union(TypeId id);
bool is_nested(TypeId id);
const char* TimeUnitName(TimeUnit unit);  // "s", "ms", "us", "ns"

}  // namespace arrowpack
