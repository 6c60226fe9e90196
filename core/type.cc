#include "arrowpack/core/type.h"

#include <limits>
#include <sstream>

namespace arrowpack {

namespace {

struct TypeInfo {
  const char* name;  // family name and str() of parameterless types
  int bit_width;     // -1 when not fixed width
};

TypeInfo InfoOf(TypeId id) {
  switch (id) {
    case TypeId::NA: return {"null", -1};
    case TypeId::BOOL: return {"bool", 1};
    case TypeId::UINT8: return {"uint8", 8};
    case TypeId::INT8: return {"int8", 8};
    case TypeId::UINT16: return {"uint16", 16};
    case TypeId::INT16: return {"int16", 16};
    case TypeId::UINT32: return {"uint32", 32};
    case TypeId::INT32: return {"int32", 32};
    case TypeId::UINT64: return {"uint64", 64};
    case TypeId::INT64: return {"int64", 64};
    case TypeId::HALF_FLOAT: return {"halffloat", 16};
    case TypeId::FLOAT: return {"float", 32};
    case TypeId::DOUBLE: return {"double", 64};
    case TypeId::STRING: return {"string", -1};
    case TypeId::BINARY: return {"binary", -1};
    case TypeId::FIXED_SIZE_BINARY: return {"fixed_size_binary", -1};
    case TypeId::DATE32: return {"date32[day]", 32};
    case TypeId::DATE64: return {"date64[ms]", 64};
    case TypeId::TIMESTAMP: return {"timestamp", 64};
    case TypeId::TIME32: return {"time32", 32};
    case TypeId::TIME64: return {"time64", 64};
    case TypeId::INTERVAL_MONTHS: return {"month_interval", 32};
    case TypeId::INTERVAL_DAY_TIME: return {"day_time_interval", 64};
    case TypeId::DECIMAL128: return {"decimal128", 128};
    case TypeId::DECIMAL256: return {"decimal256", 256};
    case TypeId::LIST: return {"list", -1};
    case TypeId::STRUCT: return {"struct", -1};
    case TypeId::SPARSE_UNION: return {"sparse_union", -1};
    case TypeId::DENSE_UNION: return {"dense_union", -1};
    case TypeId::DICTIONARY: return {"dictionary", -1};
    case TypeId::MAP: return {"map", -1};
    case TypeId::EXTENSION: return {"extension", -1};
    case TypeId::FIXED_SIZE_LIST: return {"fixed_size_list", -1};
    case TypeId::DURATION: return {"duration", 64};
    case TypeId::LARGE_STRING: return {"large_string", -1};
    case TypeId::LARGE_BINARY: return {"large_binary", -1};
    case TypeId::LARGE_LIST: return {"large_list", -1};
    case TypeId::INTERVAL_MONTH_DAY_NANO: return {"month_day_nano_interval", 128};
    case TypeId::RUN_END_ENCODED: return {"run_end_encoded", -1};
    case TypeId::STRING_VIEW: return {"string_view", -1};
    case TypeId::BINARY_VIEW: return {"binary_view", -1};
    case TypeId::LIST_VIEW: return {"list_view", -1};
    case TypeId::LARGE_LIST_VIEW: return {"large_list_view", -1};
    case TypeId::DECIMAL32: return {"decimal32", 32};
    case TypeId::DECIMAL64: return {"decimal64", 64};
  }
  return {"unknown", -1};
}

BufferSpec Validity() { return {BufferSpec::kValidityBitmap}; }
BufferSpec FixedWidth(int byte_width) { return {BufferSpec::kFixedWidth, byte_width}; }

bool FieldEqualsIgnoringName(const Field& left, const Field& right, bool check_metadata) {
  return left.nullable() == right.nullable() && left.type()->Equals(*right.type(), check_metadata) &&
         (!check_metadata || MetadataEquals(left.metadata(), right.metadata()));
}

std::string JoinFields(const FieldVector& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += fields[i]->ToString();
  }
  return out;
}

}  // namespace

// ---- DataType --------------------------------------------------------------------------------

DataType::DataType(TypeId id, FieldVector children) : id_(id), children_(std::move(children)) {}

std::string DataType::ToString() const { return InfoOf(id_).name; }

std::string DataType::name() const {
  std::string full = InfoOf(id_).name;
  return full.substr(0, full.find('['));
}

bool DataType::Equals(const DataType& other, bool check_metadata) const {
  if (this == &other) return true;
  if (id_ != other.id_ || children_.size() != other.children_.size()) return false;
  // Like pyarrow, list item names and map entry/key/item names do not count.
  if (id_ == TypeId::MAP) {
    const auto& entries = *children_[0]->type();
    const auto& other_entries = *other.children_[0]->type();
    return FieldEqualsIgnoringName(*entries.field(0), *other_entries.field(0), check_metadata) &&
           FieldEqualsIgnoringName(*entries.field(1), *other_entries.field(1), check_metadata) &&
           ParametersEqual(other);
  }
  if (is_list_like(id_)) {
    return FieldEqualsIgnoringName(*children_[0], *other.children_[0], check_metadata) && ParametersEqual(other);
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    if (!children_[i]->Equals(*other.children_[i], check_metadata)) return false;
  }
  return ParametersEqual(other);
}

int DataType::bit_width() const { return InfoOf(id_).bit_width; }

DataTypeLayout DataType::layout() const {
  switch (id_) {
    case TypeId::NA:
      return {{{BufferSpec::kAlwaysNull}}};
    case TypeId::BOOL:
      return {{Validity(), {BufferSpec::kBitmap}}};
    case TypeId::STRING:
    case TypeId::BINARY:
      return {{Validity(), FixedWidth(4), {BufferSpec::kVariableData}}};
    case TypeId::LARGE_STRING:
    case TypeId::LARGE_BINARY:
      return {{Validity(), FixedWidth(8), {BufferSpec::kVariableData}}};
    case TypeId::STRING_VIEW:
    case TypeId::BINARY_VIEW:
      return {{Validity(), FixedWidth(16)}, /*variadic=*/true};
    case TypeId::LIST:
    case TypeId::MAP:
      return {{Validity(), FixedWidth(4)}};
    case TypeId::LARGE_LIST:
      return {{Validity(), FixedWidth(8)}};
    case TypeId::LIST_VIEW:
      return {{Validity(), FixedWidth(4), FixedWidth(4)}};
    case TypeId::LARGE_LIST_VIEW:
      return {{Validity(), FixedWidth(8), FixedWidth(8)}};
    case TypeId::FIXED_SIZE_LIST:
    case TypeId::STRUCT:
      return {{Validity()}};
    case TypeId::SPARSE_UNION:
      return {{FixedWidth(1)}};
    case TypeId::DENSE_UNION:
      return {{FixedWidth(1), FixedWidth(4)}};
    case TypeId::RUN_END_ENCODED:
      return {{}};
    default:
      return {{Validity(), FixedWidth(bit_width() / 8)}};
  }
}

// ---- Field -----------------------------------------------------------------------------------

Field::Field(std::string name, TypePtr type, bool nullable, MetadataPtr metadata)
    : name_(std::move(name)), type_(std::move(type)), nullable_(nullable), metadata_(std::move(metadata)) {}

std::shared_ptr<Field> Field::WithName(std::string name) const {
  return std::make_shared<Field>(std::move(name), type_, nullable_, metadata_);
}
std::shared_ptr<Field> Field::WithType(TypePtr type) const {
  return std::make_shared<Field>(name_, std::move(type), nullable_, metadata_);
}
std::shared_ptr<Field> Field::WithNullable(bool nullable) const {
  return std::make_shared<Field>(name_, type_, nullable, metadata_);
}
std::shared_ptr<Field> Field::WithMetadata(MetadataPtr metadata) const {
  return std::make_shared<Field>(name_, type_, nullable_, std::move(metadata));
}

bool Field::Equals(const Field& other, bool check_metadata) const {
  if (this == &other) return true;
  return name_ == other.name_ && nullable_ == other.nullable_ && type_->Equals(*other.type_, check_metadata) &&
         (!check_metadata || MetadataEquals(metadata_, other.metadata_));
}

std::string Field::ToString() const {
  return name_ + ": " + type_->ToString() + (nullable_ ? "" : " not null");
}

std::shared_ptr<Field> field(std::string name, TypePtr type, bool nullable, MetadataPtr metadata) {
  return std::make_shared<Field>(std::move(name), std::move(type), nullable, std::move(metadata));
}

// ---- Parametrised types --------------------------------------------------------------------

FixedSizeBinaryType::FixedSizeBinaryType(int32_t byte_width)
    : DataType(TypeId::FIXED_SIZE_BINARY), byte_width_(byte_width) {}

std::string FixedSizeBinaryType::ToString() const { return "fixed_size_binary[" + std::to_string(byte_width_) + "]"; }

bool FixedSizeBinaryType::ParametersEqual(const DataType& other) const {
  return byte_width_ == static_cast<const FixedSizeBinaryType&>(other).byte_width_;
}

DecimalType::DecimalType(TypeId id, int32_t precision, int32_t scale)
    : DataType(id), precision_(precision), scale_(scale) {}

int32_t DecimalType::byte_width() const { return InfoOf(id()).bit_width / 8; }

int32_t DecimalType::MaxPrecision(TypeId id) {
  switch (id) {
    case TypeId::DECIMAL32: return 9;
    case TypeId::DECIMAL64: return 18;
    case TypeId::DECIMAL128: return 38;
    case TypeId::DECIMAL256: return 76;
    default: return 0;
  }
}

std::string DecimalType::ToString() const {
  return name() + "(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
}

bool DecimalType::ParametersEqual(const DataType& other) const {
  const auto& decimal = static_cast<const DecimalType&>(other);
  return precision_ == decimal.precision_ && scale_ == decimal.scale_;
}

TemporalType::TemporalType(TypeId id, TimeUnit unit, std::string timezone)
    : DataType(id), unit_(unit), timezone_(std::move(timezone)) {}

std::string TemporalType::ToString() const {
  std::string out = name() + "[" + TimeUnitName(unit_);
  if (!timezone_.empty()) out += ", tz=" + timezone_;
  return out + "]";
}

bool TemporalType::ParametersEqual(const DataType& other) const {
  const auto& temporal = static_cast<const TemporalType&>(other);
  return unit_ == temporal.unit_ && timezone_ == temporal.timezone_;
}

BaseListType::BaseListType(TypeId id, std::shared_ptr<Field> value_field) : DataType(id, {std::move(value_field)}) {}

const TypePtr& BaseListType::value_type() const { return value_field()->type(); }

std::string BaseListType::ToString() const { return name() + "<" + value_field()->ToString() + ">"; }

FixedSizeListType::FixedSizeListType(std::shared_ptr<Field> value_field, int32_t list_size)
    : BaseListType(TypeId::FIXED_SIZE_LIST, std::move(value_field)), list_size_(list_size) {}

std::string FixedSizeListType::ToString() const {
  return BaseListType::ToString() + "[" + std::to_string(list_size_) + "]";
}

bool FixedSizeListType::ParametersEqual(const DataType& other) const {
  return list_size_ == static_cast<const FixedSizeListType&>(other).list_size_;
}

MapType::MapType(std::shared_ptr<Field> key_field, std::shared_ptr<Field> item_field, bool keys_sorted,
                 std::string entries_name)
    : BaseListType(TypeId::MAP,
                   arrowpack::field(std::move(entries_name),
                         std::make_shared<StructType>(FieldVector{std::move(key_field), std::move(item_field)}),
                         /*nullable=*/false)),
      keys_sorted_(keys_sorted) {}

const std::shared_ptr<Field>& MapType::key_field() const { return value_type()->field(0); }
const std::shared_ptr<Field>& MapType::item_field() const { return value_type()->field(1); }
const TypePtr& MapType::key_type() const { return key_field()->type(); }
const TypePtr& MapType::item_type() const { return item_field()->type(); }

std::string MapType::ToString() const {
  // pyarrow names only non-default field names: "map<string ('k'), int32 ('v')>".
  const auto named = [](const Field& field, const char* usual_name) {
    return field.name() == usual_name ? std::string() : " ('" + field.name() + "')";
  };
  std::string out = "map<" + key_type()->ToString() + named(*key_field(), "key") + ", " + item_type()->ToString() +
                    named(*item_field(), "value");
  if (keys_sorted_) out += ", keys_sorted";
  return out + named(*value_field(), "entries") + ">";
}

bool MapType::ParametersEqual(const DataType& other) const {
  return keys_sorted_ == static_cast<const MapType&>(other).keys_sorted_;
}

StructType::StructType(FieldVector fields) : DataType(TypeId::STRUCT, std::move(fields)) {}

int StructType::GetFieldIndex(const std::string& name) const {
  for (int i = 0; i < num_fields(); ++i) {
    if (field(i)->name() == name) return i;
  }
  return -1;
}

std::string StructType::ToString() const { return "struct<" + JoinFields(fields()) + ">"; }

UnionType::UnionType(TypeId id, FieldVector fields, std::vector<int8_t> type_codes)
    : DataType(id, std::move(fields)), type_codes_(std::move(type_codes)), child_ids_(128, -1) {
  for (size_t i = 0; i < type_codes_.size(); ++i) child_ids_[type_codes_[i]] = static_cast<int>(i);
}

std::string UnionType::ToString() const {
  std::string out = name() + "<";
  for (int i = 0; i < num_fields(); ++i) {
    if (i > 0) out += ", ";
    out += field(i)->ToString() + "=" + std::to_string(type_codes_[i]);
  }
  return out + ">";
}

bool UnionType::ParametersEqual(const DataType& other) const {
  return type_codes_ == static_cast<const UnionType&>(other).type_codes_;
}

DictionaryType::DictionaryType(TypePtr index_type, TypePtr value_type, bool ordered)
    : DataType(TypeId::DICTIONARY),
      index_type_(std::move(index_type)),
      value_type_(std::move(value_type)),
      ordered_(ordered) {}

std::string DictionaryType::ToString() const {
  return "dictionary<values=" + value_type_->ToString() + ", indices=" + index_type_->ToString() +
         ", ordered=" + (ordered_ ? "1" : "0") + ">";
}

int DictionaryType::bit_width() const { return index_type_->bit_width(); }
DataTypeLayout DictionaryType::layout() const { return index_type_->layout(); }

bool DictionaryType::ParametersEqual(const DataType& other) const {
  const auto& dict = static_cast<const DictionaryType&>(other);
  return ordered_ == dict.ordered_ && index_type_->Equals(*dict.index_type_) && value_type_->Equals(*dict.value_type_);
}

RunEndEncodedType::RunEndEncodedType(TypePtr run_end_type, TypePtr value_type)
    : DataType(TypeId::RUN_END_ENCODED, {arrowpack::field("run_ends", std::move(run_end_type), /*nullable=*/false),
                                         arrowpack::field("values", std::move(value_type))}) {}

const TypePtr& RunEndEncodedType::run_end_type() const { return field(0)->type(); }
const TypePtr& RunEndEncodedType::value_type() const { return field(1)->type(); }

std::string RunEndEncodedType::ToString() const {
  return "run_end_encoded<run_ends: " + run_end_type()->ToString() + ", values: " + value_type()->ToString() + ">";
}

ExtensionType::ExtensionType(std::string extension_name, TypePtr storage_type, std::string serialized_metadata)
    : DataType(TypeId::EXTENSION),
      extension_name_(std::move(extension_name)),
      storage_type_(std::move(storage_type)),
      serialized_metadata_(std::move(serialized_metadata)) {}

std::string ExtensionType::ToString() const { return "extension<" + extension_name_ + ">"; }
int ExtensionType::bit_width() const { return storage_type_->bit_width(); }
DataTypeLayout ExtensionType::layout() const { return storage_type_->layout(); }

bool ExtensionType::ParametersEqual(const DataType& other) const {
  const auto& ext = static_cast<const ExtensionType&>(other);
  return extension_name_ == ext.extension_name_ && serialized_metadata_ == ext.serialized_metadata_ &&
         storage_type_->Equals(*ext.storage_type_);
}

// ---- Factories -------------------------------------------------------------------------------

// One shared instance per factory (a static inside each function, not one per C++ type).
#define ARROWPACK_SIMPLE_FACTORY(fn, id)                                   \
  TypePtr fn() {                                                           \
    static const TypePtr instance = std::make_shared<DataType>(TypeId::id); \
    return instance;                                                       \
  }

ARROWPACK_SIMPLE_FACTORY(null, NA)
ARROWPACK_SIMPLE_FACTORY(boolean, BOOL)
ARROWPACK_SIMPLE_FACTORY(int8, INT8)
ARROWPACK_SIMPLE_FACTORY(int16, INT16)
ARROWPACK_SIMPLE_FACTORY(int32, INT32)
ARROWPACK_SIMPLE_FACTORY(int64, INT64)
ARROWPACK_SIMPLE_FACTORY(uint8, UINT8)
ARROWPACK_SIMPLE_FACTORY(uint16, UINT16)
ARROWPACK_SIMPLE_FACTORY(uint32, UINT32)
ARROWPACK_SIMPLE_FACTORY(uint64, UINT64)
ARROWPACK_SIMPLE_FACTORY(float16, HALF_FLOAT)
ARROWPACK_SIMPLE_FACTORY(float32, FLOAT)
ARROWPACK_SIMPLE_FACTORY(float64, DOUBLE)
ARROWPACK_SIMPLE_FACTORY(utf8, STRING)
ARROWPACK_SIMPLE_FACTORY(large_utf8, LARGE_STRING)
ARROWPACK_SIMPLE_FACTORY(binary, BINARY)
ARROWPACK_SIMPLE_FACTORY(large_binary, LARGE_BINARY)
ARROWPACK_SIMPLE_FACTORY(utf8_view, STRING_VIEW)
ARROWPACK_SIMPLE_FACTORY(binary_view, BINARY_VIEW)
ARROWPACK_SIMPLE_FACTORY(date32, DATE32)
ARROWPACK_SIMPLE_FACTORY(date64, DATE64)
ARROWPACK_SIMPLE_FACTORY(month_interval, INTERVAL_MONTHS)
ARROWPACK_SIMPLE_FACTORY(day_time_interval, INTERVAL_DAY_TIME)
ARROWPACK_SIMPLE_FACTORY(month_day_nano_interval, INTERVAL_MONTH_DAY_NANO)

#undef ARROWPACK_SIMPLE_FACTORY

Result<TypePtr> fixed_size_binary(int32_t byte_width) {
  if (byte_width < 0) return Status::Invalid("fixed_size_binary byte width must be >= 0, got ", byte_width);
  // Types measure themselves in bits as int; a wider value would overflow bit_width().
  if (byte_width > std::numeric_limits<int32_t>::max() / 8) {
    return Status::Invalid("fixed_size_binary byte width must be <= ", std::numeric_limits<int32_t>::max() / 8,
                           ", got ", byte_width);
  }
  return TypePtr(std::make_shared<FixedSizeBinaryType>(byte_width));
}

Result<TypePtr> decimal(TypeId id, int32_t precision, int32_t scale) {
  const int32_t max_precision = DecimalType::MaxPrecision(id);
  if (max_precision == 0) return Status::TypeError("not a decimal type id ", static_cast<int>(id));
  if (precision < 1 || precision > max_precision) {
    return Status::Invalid("decimal precision must be between 1 and ", max_precision, ", got ", precision);
  }
  return TypePtr(std::make_shared<DecimalType>(id, precision, scale));
}

Result<TypePtr> decimal32(int32_t precision, int32_t scale) { return decimal(TypeId::DECIMAL32, precision, scale); }
Result<TypePtr> decimal64(int32_t precision, int32_t scale) { return decimal(TypeId::DECIMAL64, precision, scale); }
Result<TypePtr> decimal128(int32_t precision, int32_t scale) { return decimal(TypeId::DECIMAL128, precision, scale); }
Result<TypePtr> decimal256(int32_t precision, int32_t scale) { return decimal(TypeId::DECIMAL256, precision, scale); }

TypePtr timestamp(TimeUnit unit, std::string timezone) {
  return std::make_shared<TemporalType>(TypeId::TIMESTAMP, unit, std::move(timezone));
}

Result<TypePtr> time32(TimeUnit unit) {
  if (unit != TimeUnit::SECOND && unit != TimeUnit::MILLI) return Status::Invalid("time32 unit must be 's' or 'ms'");
  return TypePtr(std::make_shared<TemporalType>(TypeId::TIME32, unit));
}

Result<TypePtr> time64(TimeUnit unit) {
  if (unit != TimeUnit::MICRO && unit != TimeUnit::NANO) return Status::Invalid("time64 unit must be 'us' or 'ns'");
  return TypePtr(std::make_shared<TemporalType>(TypeId::TIME64, unit));
}

TypePtr duration(TimeUnit unit) { return std::make_shared<TemporalType>(TypeId::DURATION, unit); }

TypePtr list(TypePtr value_type) { return list(field("item", std::move(value_type))); }
TypePtr list(std::shared_ptr<Field> value_field) {
  return std::make_shared<BaseListType>(TypeId::LIST, std::move(value_field));
}
TypePtr large_list(std::shared_ptr<Field> value_field) {
  return std::make_shared<BaseListType>(TypeId::LARGE_LIST, std::move(value_field));
}
TypePtr list_view(std::shared_ptr<Field> value_field) {
  return std::make_shared<BaseListType>(TypeId::LIST_VIEW, std::move(value_field));
}
TypePtr large_list_view(std::shared_ptr<Field> value_field) {
  return std::make_shared<BaseListType>(TypeId::LARGE_LIST_VIEW, std::move(value_field));
}

Result<TypePtr> fixed_size_list(std::shared_ptr<Field> value_field, int32_t list_size) {
  if (list_size < 0) return Status::Invalid("fixed_size_list size must be >= 0, got ", list_size);
  return TypePtr(std::make_shared<FixedSizeListType>(std::move(value_field), list_size));
}

Result<TypePtr> map(std::shared_ptr<Field> key_field, std::shared_ptr<Field> item_field, bool keys_sorted) {
  if (key_field->nullable()) return Status::Invalid("map key field must not be nullable");
  return TypePtr(std::make_shared<MapType>(std::move(key_field), std::move(item_field), keys_sorted));
}

TypePtr struct_(FieldVector fields) { return std::make_shared<StructType>(std::move(fields)); }

namespace {

Result<TypePtr> MakeUnion(TypeId id, FieldVector fields, std::vector<int8_t> type_codes) {
  if (type_codes.empty()) {
    if (fields.size() > 128) return Status::Invalid("a union has at most 128 children");
    for (size_t i = 0; i < fields.size(); ++i) type_codes.push_back(static_cast<int8_t>(i));
  }
  if (type_codes.size() != fields.size()) {
    return Status::Invalid("union has ", fields.size(), " children but ", type_codes.size(), " type codes");
  }
  std::vector<bool> seen(128, false);
  for (int8_t code : type_codes) {
    if (code < 0) return Status::Invalid("union type code ", static_cast<int>(code), " is negative");
    if (seen[code]) return Status::Invalid("union type code ", static_cast<int>(code), " is used twice");
    seen[code] = true;
  }
  return TypePtr(std::make_shared<UnionType>(id, std::move(fields), std::move(type_codes)));
}

}  // namespace

Result<TypePtr> sparse_union(FieldVector fields, std::vector<int8_t> type_codes) {
  return MakeUnion(TypeId::SPARSE_UNION, std::move(fields), std::move(type_codes));
}

Result<TypePtr> dense_union(FieldVector fields, std::vector<int8_t> type_codes) {
  return MakeUnion(TypeId::DENSE_UNION, std::move(fields), std::move(type_codes));
}

Result<TypePtr> dictionary(TypePtr index_type, TypePtr value_type, bool ordered) {
  if (!is_integer(index_type->id())) {
    return Status::TypeError("dictionary index type must be an integer type, got ", index_type->ToString());
  }
  return TypePtr(std::make_shared<DictionaryType>(std::move(index_type), std::move(value_type), ordered));
}

Result<TypePtr> run_end_encoded(TypePtr run_end_type, TypePtr value_type) {
  const TypeId id = run_end_type->id();
  if (id != TypeId::INT16 && id != TypeId::INT32 && id != TypeId::INT64) {
    return Status::TypeError("run end type must be int16, int32 or int64, got ", run_end_type->ToString());
  }
  return TypePtr(std::make_shared<RunEndEncodedType>(std::move(run_end_type), std::move(value_type)));
}

TypePtr extension(std::string extension_name, TypePtr storage_type, std::string serialized_metadata) {
  return std::make_shared<ExtensionType>(std::move(extension_name), std::move(storage_type),
                                         std::move(serialized_metadata));
}

// ---- Classification ------------------------------------------------------------------------

bool is_integer(TypeId id) { return id >= TypeId::UINT8 && id <= TypeId::INT64; }

bool is_signed_integer(TypeId id) {
  return id == TypeId::INT8 || id == TypeId::INT16 || id == TypeId::INT32 || id == TypeId::INT64;
}

bool is_floating(TypeId id) { return id >= TypeId::HALF_FLOAT && id <= TypeId::DOUBLE; }

bool is_decimal(TypeId id) {
  return id == TypeId::DECIMAL32 || id == TypeId::DECIMAL64 || id == TypeId::DECIMAL128 || id == TypeId::DECIMAL256;
}

bool is_fixed_width(TypeId id) {
  switch (id) {
    case TypeId::BOOL:
    case TypeId::FIXED_SIZE_BINARY:
    case TypeId::DATE32:
    case TypeId::DATE64:
    case TypeId::TIMESTAMP:
    case TypeId::TIME32:
    case TypeId::TIME64:
    case TypeId::DURATION:
    case TypeId::INTERVAL_MONTHS:
    case TypeId::INTERVAL_DAY_TIME:
    case TypeId::INTERVAL_MONTH_DAY_NANO:
      return true;
    default:
      return is_integer(id) || is_floating(id) || is_decimal(id);
  }
}

bool is_binary_like(TypeId id) { return id == TypeId::BINARY || id == TypeId::STRING; }
bool is_large_binary_like(TypeId id) { return id == TypeId::LARGE_BINARY || id == TypeId::LARGE_STRING; }
bool is_binary_view_like(TypeId id) { return id == TypeId::BINARY_VIEW || id == TypeId::STRING_VIEW; }

bool is_string(TypeId id) {
  return id == TypeId::STRING || id == TypeId::LARGE_STRING || id == TypeId::STRING_VIEW;
}

bool is_list_like(TypeId id) {
  return id == TypeId::LIST || id == TypeId::LARGE_LIST || id == TypeId::LIST_VIEW ||
         id == TypeId::LARGE_LIST_VIEW || id == TypeId::FIXED_SIZE_LIST || id == TypeId::MAP;
}

bool is_union(TypeId id) { return id == TypeId::SPARSE_UNION || id == TypeId::DENSE_UNION; }

bool is_nested(TypeId id) {
  return is_list_like(id) || is_union(id) || id == TypeId::STRUCT || id == TypeId::RUN_END_ENCODED;
}

const char* TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return "s";
    case TimeUnit::MILLI: return "ms";
    case TimeUnit::MICRO: return "us";
    case TimeUnit::NANO: return "ns";
  }
  return "?";
}

}  // namespace arrowpack
