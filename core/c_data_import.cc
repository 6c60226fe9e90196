// Import side of the C Data Interface. Peek (counts, sizes, pointers) -> build zero-copy buffers
// -> Array::Validate. The foreign ArrowArray is moved into one shared owner that every imported
// buffer references, so the producer's release runs once, when the last buffer dies.
#include <charconv>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/c_data.h"

namespace arrowpack {

namespace {

// Deeper nesting than this is refused so hostile input cannot exhaust the stack.
constexpr int kMaxNestingDepth = 64;

constexpr const char* kExtensionNameKey = "ARROW:extension:name";
constexpr const char* kExtensionMetadataKey = "ARROW:extension:metadata";

Status Annotate(const Status& status, const std::string& where) {
  // Library errors (e.g. a factory's TypeError) become Invalid: the input is what is wrong.
  return Status::Invalid(where, ": ", status.message());
}

// ---- Format strings --------------------------------------------------------------------------

/// Parses a whole decimal integer in [min, max]; nullopt for anything else (empty, junk, overflow).
std::optional<int32_t> ParseInt(std::string_view text, int32_t min, int32_t max) {
  int32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

std::optional<TimeUnit> ParseUnit(char letter) {
  switch (letter) {
    case 's': return TimeUnit::SECOND;
    case 'm': return TimeUnit::MILLI;
    case 'u': return TimeUnit::MICRO;
    case 'n': return TimeUnit::NANO;
    default: return std::nullopt;
  }
}

std::optional<TypePtr> PrimitiveFromFormat(std::string_view format) {
  static const std::pair<std::string_view, TypePtr (*)()> kPrimitives[] = {
      {"n", null},           {"b", boolean},          {"c", int8},
      {"C", uint8},          {"s", int16},            {"S", uint16},
      {"i", int32},          {"I", uint32},           {"l", int64},
      {"L", uint64},         {"e", float16},          {"f", float32},
      {"g", float64},        {"z", binary},           {"Z", large_binary},
      {"u", utf8},           {"U", large_utf8},       {"vz", binary_view},
      {"vu", utf8_view},     {"tdD", date32},         {"tdm", date64},
      {"tiM", month_interval}, {"tiD", day_time_interval}, {"tin", month_day_nano_interval},
  };
  for (const auto& [text, factory] : kPrimitives) {
    if (format == text) return factory();
  }
  return std::nullopt;
}

class FormatParser {
 public:
  FormatParser(std::string_view format, FieldVector children)
      : format_(format), children_(std::move(children)) {}

  Result<TypePtr> Parse() {
    if (auto primitive = PrimitiveFromFormat(format_)) return Leaf(*primitive);
    if (format_.starts_with("w:")) {
      auto width = ParseInt(format_.substr(2), 0, std::numeric_limits<int32_t>::max());
      if (!width) return Bad("fixed-size binary width must be a non-negative integer");
      return Leaf(fixed_size_binary(*width));
    }
    if (format_.starts_with("d:")) return Leaf(ParseDecimal());
    if (format_.starts_with("t")) return Leaf(ParseTemporal());
    if (format_.starts_with("+")) return ParseNested();
    return Bad("unknown format");
  }

 private:
  Status Bad(const std::string& why) const {
    return Status::Invalid("invalid format string '", std::string(format_), "': ", why);
  }

  Status ExpectChildren(size_t expected) const {
    if (children_.size() == expected) return Status::OK();
    return Bad("expected " + std::to_string(expected) + " children, got " + std::to_string(children_.size()));
  }

  Result<TypePtr> Leaf(Result<TypePtr> type) const {
    if (!type.ok()) return Bad(type.status().message());
    ARROWPACK_RETURN_NOT_OK(ExpectChildren(0));
    return type;
  }

  Result<TypePtr> ParseDecimal() const {
    const auto parts = SplitCommas(format_.substr(2));
    if (parts.size() != 2 && parts.size() != 3) return Bad("decimal needs 'd:precision,scale[,bitwidth]'");
    auto precision = ParseInt(parts[0], std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
    auto scale = ParseInt(parts[1], std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
    if (!precision || !scale) return Bad("decimal precision and scale must be integers");
    const int32_t bit_width = parts.size() == 3 ? ParseInt(parts[2], 0, 256).value_or(-1) : 128;
    switch (bit_width) {
      case 32: return decimal32(*precision, *scale);
      case 64: return decimal64(*precision, *scale);
      case 128: return decimal128(*precision, *scale);
      case 256: return decimal256(*precision, *scale);
      default: return Bad("decimal bit width must be 32, 64, 128 or 256");
    }
  }

  Result<TypePtr> ParseTemporal() const {
    if (format_.size() < 3) return Bad("incomplete temporal format");
    const std::optional<TimeUnit> unit = ParseUnit(format_[2]);
    const std::string_view kind = format_.substr(0, 2);
    if (kind == "ts") {
      if (!unit || format_.size() < 4 || format_[3] != ':') return Bad("timestamp needs 'ts{s,m,u,n}:[timezone]'");
      return timestamp(*unit, std::string(format_.substr(4)));
    }
    if (format_.size() != 3 || !unit) return Bad("unknown temporal type or unit");
    if (kind == "tD") return duration(*unit);
    if (kind == "tt") return *unit <= TimeUnit::MILLI ? time32(*unit) : time64(*unit);
    return Bad("unknown temporal type");
  }

  Result<TypePtr> ParseNested() const {
    if (format_ == "+s") return struct_(children_);
    if (format_ == "+l" || format_ == "+L" || format_ == "+vl" || format_ == "+vL") {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren(1));
      if (format_ == "+l") return list(children_[0]);
      if (format_ == "+L") return large_list(children_[0]);
      return format_ == "+vl" ? list_view(children_[0]) : large_list_view(children_[0]);
    }
    if (format_.starts_with("+w:")) {
      auto size = ParseInt(format_.substr(3), 0, std::numeric_limits<int32_t>::max());
      if (!size) return Bad("fixed-size list size must be a non-negative integer");
      ARROWPACK_RETURN_NOT_OK(ExpectChildren(1));
      return fixed_size_list(children_[0], *size);
    }
    if (format_ == "+m") return ParseMap();
    if (format_ == "+r") {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren(2));
      auto type = run_end_encoded(children_[0]->type(), children_[1]->type());
      if (!type.ok()) return Bad(type.status().message());
      return type;
    }
    if (format_.starts_with("+us:") || format_.starts_with("+ud:")) return ParseUnion();
    return Bad("unknown nested format");
  }

  Result<TypePtr> ParseMap() const {
    ARROWPACK_RETURN_NOT_OK(ExpectChildren(1));
    const Field& entries = *children_[0];
    if (entries.type()->id() != TypeId::STRUCT || entries.type()->num_fields() != 2) {
      return Bad("the map child must be a struct with two fields, got " + entries.type()->ToString());
    }
    // The spec forbids nullable keys, but some producers flag them anyway; the key column still
    // holds no nulls, so the flag is corrected instead of refusing the data.
    auto key = entries.type()->field(0)->WithNullable(false);
    return TypePtr(std::make_shared<MapType>(std::move(key), entries.type()->field(1), false, entries.name()));
  }

  Result<TypePtr> ParseUnion() const {
    std::vector<int8_t> codes;
    const std::string_view code_list = format_.substr(4);
    if (!code_list.empty()) {
      for (std::string_view part : SplitCommas(code_list)) {
        auto code = ParseInt(part, 0, 127);
        if (!code) return Bad("union type codes must be integers in 0..127");
        codes.push_back(static_cast<int8_t>(*code));
      }
    }
    if (codes.size() != children_.size()) {
      return Bad(std::to_string(codes.size()) + " type codes for " + std::to_string(children_.size()) + " children");
    }
    auto type = format_[2] == 'd' ? dense_union(children_, codes) : sparse_union(children_, codes);
    if (!type.ok()) return Bad(type.status().message());
    return type;
  }

  std::string_view format_;
  FieldVector children_;
};

// ---- ArrowSchema -----------------------------------------------------------------------------

struct DecodedMetadata {
  MetadataPtr rest;  // everything but the extension keys; nullptr when empty
  std::optional<std::string> extension_name;
  std::optional<std::string> extension_metadata;
};

int32_t ReadInt32(const char*& cursor) {
  int32_t value;
  std::memcpy(&value, cursor, sizeof(value));
  cursor += sizeof(value);
  return value;
}

/// The metadata blob carries no total size, so only the signs of counts and lengths can be checked.
Result<DecodedMetadata> DecodeMetadata(const char* metadata) {
  DecodedMetadata decoded;
  if (metadata == nullptr) return decoded;
  const char* cursor = metadata;
  const int32_t count = ReadInt32(cursor);
  if (count < 0) return Status::Invalid("metadata pair count is negative (", count, ")");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int32_t i = 0; i < count; ++i) {
    std::string parts[2];
    for (std::string& part : parts) {
      const int32_t length = ReadInt32(cursor);
      if (length < 0) return Status::Invalid("metadata pair ", i, " has a negative length (", length, ")");
      part.assign(cursor, static_cast<size_t>(length));
      cursor += length;
    }
    if (parts[0] == kExtensionNameKey) {
      decoded.extension_name = std::move(parts[1]);
    } else if (parts[0] == kExtensionMetadataKey) {
      decoded.extension_metadata = std::move(parts[1]);
    } else {
      pairs.emplace_back(std::move(parts[0]), std::move(parts[1]));
    }
  }
  // Without a name the metadata entry is no extension marker: keep it as plain metadata.
  if (!decoded.extension_name && decoded.extension_metadata) {
    pairs.emplace_back(kExtensionMetadataKey, std::move(*decoded.extension_metadata));
    decoded.extension_metadata.reset();
  }
  if (!pairs.empty()) decoded.rest = std::make_shared<KeyValueMetadata>(std::move(pairs));
  return decoded;
}

/// Releases a consumed ArrowSchema when the import returns, success or error.
class SchemaReleaser {
 public:
  explicit SchemaReleaser(ArrowSchema* schema) : schema_(schema) {}
  ~SchemaReleaser() {
    if (schema_ != nullptr && schema_->release != nullptr) schema_->release(schema_);
  }
  SchemaReleaser(const SchemaReleaser&) = delete;
  SchemaReleaser& operator=(const SchemaReleaser&) = delete;

 private:
  ArrowSchema* schema_;
};

Status CheckSchemaNode(const ArrowSchema* schema, const std::string& where, int depth) {
  if (schema == nullptr) return Status::Invalid(where, ": ArrowSchema pointer is NULL");
  if (schema->release == nullptr) return Status::Invalid(where, ": ArrowSchema is already released");
  if (depth > kMaxNestingDepth) return Status::Invalid(where, ": nesting deeper than ", kMaxNestingDepth, " levels");
  if (schema->format == nullptr) return Status::Invalid(where, ": format string is NULL");
  if (schema->n_children < 0) return Status::Invalid(where, ": negative n_children (", schema->n_children, ")");
  if (schema->n_children > 0 && schema->children == nullptr) {
    return Status::Invalid(where, ": children pointer is NULL but n_children is ", schema->n_children);
  }
  return Status::OK();
}

Result<std::shared_ptr<Field>> ImportFieldNode(const ArrowSchema* schema, const std::string& where, int depth);

Result<FieldVector> ImportChildFields(const ArrowSchema& schema, const std::string& where, int depth) {
  FieldVector fields;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto child, ImportFieldNode(schema.children[i], where + ".children[" + std::to_string(i) + "]",
                                                          depth + 1));
    fields.push_back(std::move(child));
  }
  return fields;
}

Result<std::shared_ptr<Field>> ImportFieldNode(const ArrowSchema* schema, const std::string& where, int depth) {
  ARROWPACK_RETURN_NOT_OK(CheckSchemaNode(schema, where, depth));
  auto metadata = DecodeMetadata(schema->metadata);
  if (!metadata.ok()) return Annotate(metadata.status(), where);
  ARROWPACK_ASSIGN_OR_RAISE(FieldVector children, ImportChildFields(*schema, where, depth));
  auto parsed = FormatParser(schema->format, std::move(children)).Parse();
  if (!parsed.ok()) return Annotate(parsed.status(), where);
  TypePtr type = *parsed;

  if (schema->dictionary != nullptr) {
    ARROWPACK_ASSIGN_OR_RAISE(auto values, ImportFieldNode(schema->dictionary, where + ".dictionary", depth + 1));
    auto dictionary_type =
        dictionary(type, values->type(), (schema->flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
    if (!dictionary_type.ok()) return Annotate(dictionary_type.status(), where);
    type = *dictionary_type;
  }
  if (type->id() == TypeId::MAP && (schema->flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0) {
    const auto& map_type = static_cast<const MapType&>(*type);
    type = std::make_shared<MapType>(map_type.key_field(), map_type.item_field(), true,
                                     map_type.value_field()->name());
  }
  if (metadata->extension_name) {
    type = extension(*metadata->extension_name, type, metadata->extension_metadata.value_or(""));
  }
  return field(schema->name ? schema->name : "", std::move(type), (schema->flags & ARROW_FLAG_NULLABLE) != 0,
               std::move(metadata->rest));
}

// ---- ArrowArray ------------------------------------------------------------------------------

/// Holds the moved-in foreign ArrowArray; the last imported buffer to die releases it.
struct ForeignArrayOwner {
  ArrowArray array{};
  ~ForeignArrayOwner() {
    if (array.release != nullptr) array.release(&array);
  }
};

/// Stands in for NULL buffers that hold nothing (or one zero offset of an empty array).
std::shared_ptr<Buffer> ZeroBuffer(int64_t size) {
  alignas(64) static const uint8_t kZeros[64] = {};
  return std::make_shared<Buffer>(kZeros, size);
}

const TypePtr& StorageOf(const TypePtr& type) {
  if (type->id() == TypeId::EXTENSION) return StorageOf(static_cast<const ExtensionType&>(*type).storage_type());
  return type;
}

bool HasOffsetsBuffer(TypeId id) {
  return is_binary_like(id) || is_large_binary_like(id) || id == TypeId::LIST || id == TypeId::LARGE_LIST ||
         id == TypeId::MAP;
}

class ArrayImporter {
 public:
  explicit ArrayImporter(std::shared_ptr<ForeignArrayOwner> owner) : owner_(std::move(owner)) {}

  Result<ArrayDataPtr> Import(const ArrowArray* array, const TypePtr& type, const std::string& where, int depth) {
    ARROWPACK_RETURN_NOT_OK(CheckCounts(array, type, where, depth));
    const TypePtr& storage = StorageOf(type);
    auto data = std::make_shared<ArrayData>();
    data->type = type;
    data->length = array->length;
    // An empty array needs no offset; dropping it lets empty arrays with NULL buffers import.
    data->offset = array->length == 0 ? 0 : array->offset;
    data->null_count = array->null_count;
    Node node{*array, data.get(), where, 0};
    if (__builtin_add_overflow(data->offset, data->length, &node.end)) {
      return Status::Invalid(where, ": offset + length overflows int64");
    }
    if (storage->id() == TypeId::NA) {
      data->buffers = {nullptr};
      data->null_count = data->length;
    } else if (is_binary_view_like(storage->id())) {
      ARROWPACK_RETURN_NOT_OK(ImportViewBuffers(node));
    } else {
      ARROWPACK_RETURN_NOT_OK(ImportBuffers(node, *storage));
    }
    if (is_union(storage->id()) || storage->id() == TypeId::RUN_END_ENCODED) data->null_count = 0;

    for (int i = 0; i < storage->num_fields(); ++i) {
      ARROWPACK_ASSIGN_OR_RAISE(auto child, Import(array->children[i], storage->field(i)->type(),
                                                   where + ".children[" + std::to_string(i) + "]", depth + 1));
      data->child_data.push_back(std::move(child));
    }
    if (storage->id() == TypeId::DICTIONARY) {
      ARROWPACK_ASSIGN_OR_RAISE(data->dictionary,
                                Import(array->dictionary, static_cast<const DictionaryType&>(*storage).value_type(),
                                       where + ".dictionary", depth + 1));
    }
    return data;
  }

 private:
  /// The node being imported: the foreign struct, the ArrayData being filled, where it sits in
  /// the tree (for messages) and offset + length.
  struct Node {
    const ArrowArray& array;
    ArrayData* data;
    const std::string& where;
    int64_t end;
  };

  Status CheckCounts(const ArrowArray* array, const TypePtr& type, const std::string& where, int depth) const {
    if (array == nullptr) return Status::Invalid(where, ": ArrowArray pointer is NULL");
    if (array->release == nullptr) return Status::Invalid(where, ": ArrowArray is already released");
    if (depth > kMaxNestingDepth) return Status::Invalid(where, ": nesting deeper than ", kMaxNestingDepth, " levels");
    if (array->length < 0) return Status::Invalid(where, ": negative length (", array->length, ")");
    if (array->offset < 0) return Status::Invalid(where, ": negative offset (", array->offset, ")");
    if (array->null_count < -1) return Status::Invalid(where, ": invalid null_count (", array->null_count, ")");

    const TypePtr& storage = StorageOf(type);
    const DataTypeLayout layout = storage->layout();
    // Views carry validity, views, N data buffers and the buffer-sizes buffer.
    const bool views = is_binary_view_like(storage->id());
    const int64_t expected = storage->id() == TypeId::NA ? 0 : static_cast<int64_t>(layout.buffers.size()) + views;
    // Some producers (polars, older Arrow C++) give the null type one buffer; it is never read.
    const bool legacy_null = storage->id() == TypeId::NA && array->n_buffers == 1;
    if (views ? array->n_buffers < expected : array->n_buffers != expected && !legacy_null) {
      return Status::Invalid(where, ": a ", type->ToString(), " array has ", views ? "at least " : "", expected,
                             " buffers, got n_buffers = ", array->n_buffers);
    }
    if (array->n_buffers > 0 && array->buffers == nullptr) {
      return Status::Invalid(where, ": buffers pointer is NULL but n_buffers is ", array->n_buffers);
    }
    if (array->n_children != storage->num_fields()) {
      return Status::Invalid(where, ": a ", type->ToString(), " array has ", storage->num_fields(),
                             " children, got n_children = ", array->n_children);
    }
    if (array->n_children > 0 && array->children == nullptr) {
      return Status::Invalid(where, ": children pointer is NULL but n_children is ", array->n_children);
    }
    const bool dictionary_encoded = storage->id() == TypeId::DICTIONARY;
    if (dictionary_encoded != (array->dictionary != nullptr)) {
      return Status::Invalid(where, dictionary_encoded ? ": dictionary is NULL for a dictionary-encoded array"
                                                       : ": unexpected dictionary for a non-dictionary array");
    }
    return Status::OK();
  }

  /// Wraps buffer `index`; a NULL pointer is accepted only where it needs no bytes.
  Result<std::shared_ptr<Buffer>> Wrap(const Node& node, int64_t index, int64_t size, bool zero_if_null = false) const {
    const auto* pointer = static_cast<const uint8_t*>(node.array.buffers[index]);
    if (pointer != nullptr) return Buffer::WrapForeign(pointer, size, owner_);
    if (size == 0 || zero_if_null) return ZeroBuffer(size);
    return Status::Invalid(node.where, ": buffer ", index, " is NULL but must hold ", size, " bytes for length ",
                           node.array.length);
  }

  Status ImportValidity(const Node& node) const {
    if (node.array.buffers[0] == nullptr) {
      if (node.array.null_count > 0) {
        return Status::Invalid(node.where, ": validity buffer is NULL but null_count is ", node.array.null_count);
      }
      node.data->buffers.push_back(nullptr);
      node.data->null_count = 0;
      return Status::OK();
    }
    node.data->buffers.push_back(Buffer::WrapForeign(static_cast<const uint8_t*>(node.array.buffers[0]),
                                                     bit_util::BytesForBits(node.end), owner_));
    return Status::OK();
  }

  Status ImportBuffers(const Node& node, const DataType& storage) const {
    const DataTypeLayout layout = storage.layout();
    for (size_t i = 0; i < layout.buffers.size(); ++i) {
      const BufferSpec& spec = layout.buffers[i];
      int64_t size = 0;
      bool zero_if_null = false;
      switch (spec.kind) {
        case BufferSpec::kValidityBitmap:
          ARROWPACK_RETURN_NOT_OK(ImportValidity(node));
          continue;
        case BufferSpec::kBitmap:
          size = bit_util::BytesForBits(node.end);
          break;
        case BufferSpec::kFixedWidth: {
          const bool offsets = i == 1 && HasOffsetsBuffer(storage.id());
          if (__builtin_mul_overflow(node.end + offsets, spec.byte_width, &size)) {
            return Status::Invalid(node.where, ": buffer ", i, " size overflows int64");
          }
          // An empty array's single zero offset may be omitted by the producer.
          zero_if_null = offsets && node.end == 0;
          break;
        }
        case BufferSpec::kVariableData: {
          ARROWPACK_ASSIGN_OR_RAISE(size, LastOffset(node, storage));
          break;
        }
        case BufferSpec::kAlwaysNull:
          break;
      }
      ARROWPACK_ASSIGN_OR_RAISE(auto buffer, Wrap(node, static_cast<int64_t>(i), size, zero_if_null));
      node.data->buffers.push_back(std::move(buffer));
    }
    return Status::OK();
  }

  /// The size of a binary array's data buffer is its last offset.
  static Result<int64_t> LastOffset(const Node& node, const DataType& storage) {
    const uint8_t* offsets = node.data->buffers[1]->data();
    int64_t last;
    if (is_large_binary_like(storage.id())) {
      std::memcpy(&last, offsets + node.end * 8, sizeof(last));
    } else {
      int32_t last32;
      std::memcpy(&last32, offsets + node.end * 4, sizeof(last32));
      last = last32;
    }
    if (last < 0) return Status::Invalid(node.where, ": last offset is negative (", last, ")");
    return last;
  }

  Status ImportViewBuffers(const Node& node) const {
    ARROWPACK_RETURN_NOT_OK(ImportValidity(node));
    int64_t views_size = 0;
    if (__builtin_mul_overflow(node.end, int64_t{16}, &views_size)) {
      return Status::Invalid(node.where, ": views buffer size overflows int64");
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto views, Wrap(node, 1, views_size));
    node.data->buffers.push_back(std::move(views));

    const int64_t n_data = node.array.n_buffers - 3;
    const auto* sizes = static_cast<const uint8_t*>(node.array.buffers[node.array.n_buffers - 1]);
    if (n_data > 0 && sizes == nullptr) {
      return Status::Invalid(node.where, ": the variadic buffer sizes buffer (last buffer) is NULL");
    }
    for (int64_t i = 0; i < n_data; ++i) {
      int64_t size;
      std::memcpy(&size, sizes + i * 8, sizeof(size));
      if (size < 0) return Status::Invalid(node.where, ": variadic buffer ", i, " has a negative size (", size, ")");
      ARROWPACK_ASSIGN_OR_RAISE(auto buffer, Wrap(node, 2 + i, size));
      node.data->buffers.push_back(std::move(buffer));
    }
    return Status::OK();
  }

  std::shared_ptr<ForeignArrayOwner> owner_;
};

Status ValidateImported(const ArrayDataPtr& data, ImportValidation validation) {
  ArrayPtr array = MakeArray(data);
  Status status = validation == ImportValidation::kFull ? array->ValidateFull() : array->Validate();
  if (!status.ok()) return Status::Invalid("imported array is invalid: ", status.message());
  return Status::OK();
}

void ReleaseIfLive(ArrowArray* array) {
  if (array != nullptr && array->release != nullptr) array->release(array);
}

}  // namespace

Result<std::shared_ptr<Field>> ImportField(ArrowSchema* schema) {
  SchemaReleaser releaser(schema);
  return ImportFieldNode(schema, "schema", 0);
}

Result<TypePtr> ImportType(ArrowSchema* schema) {
  ARROWPACK_ASSIGN_OR_RAISE(auto imported, ImportField(schema));
  return imported->type();
}

Result<std::shared_ptr<Schema>> ImportSchema(ArrowSchema* schema) {
  SchemaReleaser releaser(schema);
  ARROWPACK_RETURN_NOT_OK(CheckSchemaNode(schema, "schema", 0));
  if (std::string_view(schema->format) != "+s") {
    return Status::Invalid("schema: a schema must have format '+s', got '", schema->format, "'");
  }
  auto metadata = DecodeMetadata(schema->metadata);
  if (!metadata.ok()) return Annotate(metadata.status(), "schema");
  ARROWPACK_ASSIGN_OR_RAISE(FieldVector fields, ImportChildFields(*schema, "schema", 0));
  return arrowpack::schema(std::move(fields), std::move(metadata->rest));
}

Result<ArrayDataPtr> ImportArray(ArrowArray* array, const TypePtr& type, ImportValidation validation) {
  if (array == nullptr) return Status::Invalid("array: ArrowArray pointer is NULL");
  if (type == nullptr) {
    ReleaseIfLive(array);
    return Status::Invalid("ImportArray: type is null");
  }
  if (array->release == nullptr) return Status::Invalid("array: ArrowArray is already released");
  // Move the struct (shallow copy + mark the source released); errors release it via the owner.
  auto owner = std::make_shared<ForeignArrayOwner>();
  owner->array = *array;
  array->release = nullptr;
  ArrayImporter importer(owner);
  ARROWPACK_ASSIGN_OR_RAISE(auto data, importer.Import(&owner->array, type, "array", 0));
  ARROWPACK_RETURN_NOT_OK(ValidateImported(data, validation));
  return data;
}

Result<ArrayDataPtr> ImportArray(ArrowArray* array, ArrowSchema* schema, ImportValidation validation) {
  auto type = ImportType(schema);
  if (!type.ok()) {
    ReleaseIfLive(array);
    return type.status();
  }
  return ImportArray(array, *type, validation);
}

Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, std::shared_ptr<Schema> schema,
                                         ImportValidation validation) {
  if (schema == nullptr) {
    ReleaseIfLive(array);
    return Status::Invalid("ImportRecordBatch: schema is null");
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto data, ImportArray(array, struct_(schema->fields()), validation));
  if (data->buffers[0] != nullptr &&
      bit_util::CountSetBits(data->buffers[0]->data(), data->offset, data->length) != data->length) {
    return Status::Invalid("array: a record batch must not have top-level nulls");
  }
  std::vector<ArrayDataPtr> columns;
  for (const auto& child : data->child_data) {
    // Columns are the children seen through the struct's own offset and length.
    columns.push_back(data->offset == 0 && child->length == data->length ? child
                                                                        : child->Slice(data->offset, data->length));
  }
  return RecordBatch::Make(std::move(schema), data->length, std::move(columns));
}

Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema, ImportValidation validation) {
  auto imported = ImportSchema(schema);
  if (!imported.ok()) {
    ReleaseIfLive(array);
    return imported.status();
  }
  return ImportRecordBatch(array, *imported, validation);
}

}  // namespace arrowpack
