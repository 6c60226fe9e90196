// Export side of the C Data Interface. Every exported struct (children included) gets its own
// heap-allocated private data, so a child moved out by the consumer stays valid after its parent
// is released.
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/core/c_data.h"

namespace arrowpack {

namespace {

// ---- Format strings --------------------------------------------------------------------------

char UnitLetter(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return 's';
    case TimeUnit::MILLI: return 'm';
    case TimeUnit::MICRO: return 'u';
    case TimeUnit::NANO: return 'n';
  }
  return '?';
}

std::string UnionFormat(const UnionType& type) {
  std::string out = type.id() == TypeId::DENSE_UNION ? "+ud:" : "+us:";
  for (size_t i = 0; i < type.type_codes().size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(type.type_codes()[i]);
  }
  return out;
}

std::string DecimalFormat(const DecimalType& type) {
  std::string out = "d:" + std::to_string(type.precision()) + "," + std::to_string(type.scale());
  // Width 128 is the spec's default and is left implicit, as other producers do.
  if (type.id() != TypeId::DECIMAL128) out += "," + std::to_string(type.byte_width() * 8);
  return out;
}

/// The format of `type`'s physical layout: dictionaries give their index format, extension types
/// their storage format (both carry the rest elsewhere in the ArrowSchema).
std::string FormatOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::NA: return "n";
    case TypeId::BOOL: return "b";
    case TypeId::INT8: return "c";
    case TypeId::UINT8: return "C";
    case TypeId::INT16: return "s";
    case TypeId::UINT16: return "S";
    case TypeId::INT32: return "i";
    case TypeId::UINT32: return "I";
    case TypeId::INT64: return "l";
    case TypeId::UINT64: return "L";
    case TypeId::HALF_FLOAT: return "e";
    case TypeId::FLOAT: return "f";
    case TypeId::DOUBLE: return "g";
    case TypeId::BINARY: return "z";
    case TypeId::LARGE_BINARY: return "Z";
    case TypeId::STRING: return "u";
    case TypeId::LARGE_STRING: return "U";
    case TypeId::BINARY_VIEW: return "vz";
    case TypeId::STRING_VIEW: return "vu";
    case TypeId::FIXED_SIZE_BINARY:
      return "w:" + std::to_string(static_cast<const FixedSizeBinaryType&>(type).byte_width());
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256:
      return DecimalFormat(static_cast<const DecimalType&>(type));
    case TypeId::DATE32: return "tdD";
    case TypeId::DATE64: return "tdm";
    case TypeId::TIME32:
    case TypeId::TIME64:
      return std::string("tt") + UnitLetter(static_cast<const TemporalType&>(type).unit());
    case TypeId::TIMESTAMP: {
      const auto& temporal = static_cast<const TemporalType&>(type);
      return std::string("ts") + UnitLetter(temporal.unit()) + ":" + temporal.timezone();
    }
    case TypeId::DURATION: return std::string("tD") + UnitLetter(static_cast<const TemporalType&>(type).unit());
    case TypeId::INTERVAL_MONTHS: return "tiM";
    case TypeId::INTERVAL_DAY_TIME: return "tiD";
    case TypeId::INTERVAL_MONTH_DAY_NANO: return "tin";
    case TypeId::LIST: return "+l";
    case TypeId::LARGE_LIST: return "+L";
    case TypeId::LIST_VIEW: return "+vl";
    case TypeId::LARGE_LIST_VIEW: return "+vL";
    case TypeId::FIXED_SIZE_LIST:
      return "+w:" + std::to_string(static_cast<const FixedSizeListType&>(type).list_size());
    case TypeId::STRUCT: return "+s";
    case TypeId::MAP: return "+m";
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION:
      return UnionFormat(static_cast<const UnionType&>(type));
    case TypeId::RUN_END_ENCODED: return "+r";
    case TypeId::DICTIONARY: return FormatOf(*static_cast<const DictionaryType&>(type).index_type());
    case TypeId::EXTENSION: return FormatOf(*static_cast<const ExtensionType&>(type).storage_type());
  }
  return "";
}

// ---- Metadata --------------------------------------------------------------------------------

void AppendInt32(std::string* out, int32_t value) {
  char bytes[sizeof(value)];
  std::memcpy(bytes, &value, sizeof(value));  // native endianness, as the spec requires
  out->append(bytes, sizeof(value));
}

/// The spec's binary metadata: int32 pair count, then per pair int32 length + bytes for key and
/// value. Empty when there are no pairs (exported as a NULL pointer).
std::string EncodeMetadata(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  if (pairs.empty()) return out;
  AppendInt32(&out, static_cast<int32_t>(pairs.size()));
  for (const auto& [key, value] : pairs) {
    AppendInt32(&out, static_cast<int32_t>(key.size()));
    out += key;
    AppendInt32(&out, static_cast<int32_t>(value.size()));
    out += value;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> PairsOf(const MetadataPtr& metadata) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (metadata == nullptr) return pairs;
  for (int64_t i = 0; i < metadata->size(); ++i) pairs.emplace_back(metadata->key(i), metadata->value(i));
  return pairs;
}

// ---- ArrowSchema -----------------------------------------------------------------------------

struct ExportedSchema {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  ArrowSchema dictionary{};
};

void ReleaseExportedSchema(ArrowSchema* schema) {
  auto* exported = static_cast<ExportedSchema*>(schema->private_data);
  for (ArrowSchema& child : exported->children) {
    if (child.release != nullptr) child.release(&child);
  }
  if (exported->dictionary.release != nullptr) exported->dictionary.release(&exported->dictionary);
  delete exported;
  schema->release = nullptr;
}

using MetadataPairs = std::vector<std::pair<std::string, std::string>>;

void FillSchema(const std::string& name, const DataType& type, int64_t flags, MetadataPairs metadata,
                ArrowSchema* out) {
  if (type.id() == TypeId::EXTENSION) {
    const auto& extension = static_cast<const ExtensionType&>(type);
    metadata.emplace_back("ARROW:extension:name", extension.extension_name());
    metadata.emplace_back("ARROW:extension:metadata", extension.serialized_metadata());
    FillSchema(name, *extension.storage_type(), flags, std::move(metadata), out);
    return;
  }
  auto* exported = new ExportedSchema;
  exported->format = FormatOf(type);
  exported->name = name;
  exported->metadata = EncodeMetadata(metadata);
  exported->children.resize(type.fields().size());
  for (size_t i = 0; i < type.fields().size(); ++i) {
    const Field& child = *type.fields()[i];
    FillSchema(child.name(), *child.type(), child.nullable() ? ARROW_FLAG_NULLABLE : 0, PairsOf(child.metadata()),
               &exported->children[i]);
    exported->child_pointers.push_back(&exported->children[i]);
  }
  if (type.id() == TypeId::DICTIONARY) {
    const auto& dictionary = static_cast<const DictionaryType&>(type);
    if (dictionary.ordered()) flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    FillSchema("", *dictionary.value_type(), ARROW_FLAG_NULLABLE, {}, &exported->dictionary);
  }
  if (type.id() == TypeId::MAP && static_cast<const MapType&>(type).keys_sorted()) {
    flags |= ARROW_FLAG_MAP_KEYS_SORTED;
  }
  out->format = exported->format.c_str();
  out->name = exported->name.c_str();
  out->metadata = exported->metadata.empty() ? nullptr : exported->metadata.data();
  out->flags = flags;
  out->n_children = static_cast<int64_t>(exported->children.size());
  out->children = exported->child_pointers.empty() ? nullptr : exported->child_pointers.data();
  out->dictionary = exported->dictionary.release != nullptr ? &exported->dictionary : nullptr;
  out->release = ReleaseExportedSchema;
  out->private_data = exported;
}

// ---- ArrowArray ------------------------------------------------------------------------------

struct ExportedArray {
  std::vector<std::shared_ptr<Buffer>> buffers;  // keeps the memory alive
  std::vector<const void*> buffer_pointers;
  std::vector<int64_t> variadic_sizes;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
  ArrowArray dictionary{};
};

void ReleaseExportedArray(ArrowArray* array) {
  auto* exported = static_cast<ExportedArray*>(array->private_data);
  for (ArrowArray& child : exported->children) {
    if (child.release != nullptr) child.release(&child);
  }
  if (exported->dictionary.release != nullptr) exported->dictionary.release(&exported->dictionary);
  delete exported;
  array->release = nullptr;
}

const DataType& StorageOf(const DataType& type) {
  if (type.id() == TypeId::EXTENSION) return StorageOf(*static_cast<const ExtensionType&>(type).storage_type());
  return type;
}

Status CheckExportable(const ArrayData& data, const DataType& storage) {
  if (storage.id() == TypeId::NA) return Status::OK();
  const DataTypeLayout layout = storage.layout();
  const size_t expected = layout.buffers.size();
  if (layout.variadic ? data.buffers.size() < expected : data.buffers.size() != expected) {
    return Status::Invalid("cannot export a ", data.type->ToString(), " array with ", data.buffers.size(),
                           " buffers (expected ", expected, layout.variadic ? " or more)" : ")");
  }
  if (data.child_data.size() != static_cast<size_t>(storage.num_fields())) {
    return Status::Invalid("cannot export a ", data.type->ToString(), " array with ", data.child_data.size(),
                           " children (expected ", storage.num_fields(), ")");
  }
  if ((storage.id() == TypeId::DICTIONARY) != (data.dictionary != nullptr)) {
    return Status::Invalid("cannot export a ", data.type->ToString(), " array: dictionary ",
                           data.dictionary ? "present" : "missing");
  }
  return Status::OK();
}

/// The null count the C interface expects: types without a validity bitmap report 0 (null type:
/// length), an absent bitmap means 0 nulls, otherwise the count, computed now if not cached: the
/// spec allows -1, but consumers such as polars then misread sliced fixed-size lists.
int64_t ExportedNullCount(const ArrayData& data, const DataType& storage) {
  const TypeId id = storage.id();
  if (id == TypeId::NA) return data.length;
  if (is_union(id) || id == TypeId::RUN_END_ENCODED) return 0;
  if (data.buffers.empty() || data.buffers[0] == nullptr) return 0;
  return data.GetNullCount();
}

Status FillArray(const ArrayData& data, ArrowArray* out) {
  const DataType& storage = StorageOf(*data.type);
  ARROWPACK_RETURN_NOT_OK(CheckExportable(data, storage));

  auto* exported = new ExportedArray;
  // Set up a releasable struct first so a failing child can be cleaned up through `release`.
  *out = ArrowArray{};
  out->release = ReleaseExportedArray;
  out->private_data = exported;

  if (storage.id() != TypeId::NA) {  // the null type has no buffers in the C interface
    exported->buffers = data.buffers;
    for (const auto& buffer : data.buffers) exported->buffer_pointers.push_back(buffer ? buffer->data() : nullptr);
  }
  if (is_binary_view_like(storage.id())) {
    // Views end with an extra buffer holding the byte length of every variadic data buffer.
    for (size_t i = 2; i < data.buffers.size(); ++i) {
      exported->variadic_sizes.push_back(data.buffers[i] ? data.buffers[i]->size() : 0);
    }
    exported->buffer_pointers.push_back(exported->variadic_sizes.data());
  }
  exported->children.resize(data.child_data.size());
  for (size_t i = 0; i < data.child_data.size(); ++i) {
    Status status = FillArray(*data.child_data[i], &exported->children[i]);
    if (!status.ok()) {
      ReleaseExportedArray(out);
      return status;
    }
    exported->child_pointers.push_back(&exported->children[i]);
  }
  if (data.dictionary != nullptr) {
    Status status = FillArray(*data.dictionary, &exported->dictionary);
    if (!status.ok()) {
      ReleaseExportedArray(out);
      return status;
    }
  }

  out->length = data.length;
  out->null_count = ExportedNullCount(data, storage);
  out->offset = data.offset;
  out->n_buffers = static_cast<int64_t>(exported->buffer_pointers.size());
  out->n_children = static_cast<int64_t>(exported->children.size());
  out->buffers = exported->buffer_pointers.empty() ? nullptr : exported->buffer_pointers.data();
  out->children = exported->child_pointers.empty() ? nullptr : exported->child_pointers.data();
  out->dictionary = exported->dictionary.release != nullptr ? &exported->dictionary : nullptr;
  return Status::OK();
}

}  // namespace

Status ExportType(const DataType& type, ArrowSchema* out) {
  FillSchema("", type, ARROW_FLAG_NULLABLE, {}, out);
  return Status::OK();
}

Status ExportField(const Field& field, ArrowSchema* out) {
  FillSchema(field.name(), *field.type(), field.nullable() ? ARROW_FLAG_NULLABLE : 0, PairsOf(field.metadata()), out);
  return Status::OK();
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  FillSchema("", StructType(schema.fields()), 0, PairsOf(schema.metadata()), out);
  return Status::OK();
}

Status ExportArray(const ArrayData& data, ArrowArray* out, ArrowSchema* out_schema) {
  ARROWPACK_RETURN_NOT_OK(FillArray(data, out));
  if (out_schema != nullptr) {
    Status status = ExportType(*data.type, out_schema);
    if (!status.ok()) {
      out->release(out);
      return status;
    }
  }
  return Status::OK();
}

Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema) {
  return ExportArray(*array.data(), out, out_schema);
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  ArrayData data;
  data.type = struct_(batch.schema()->fields());
  data.length = batch.num_rows();
  data.null_count = 0;
  data.buffers = {nullptr};
  for (int i = 0; i < batch.num_columns(); ++i) data.child_data.push_back(batch.column_data(i));
  ARROWPACK_RETURN_NOT_OK(FillArray(data, out));
  if (out_schema != nullptr) {
    Status status = ExportSchema(*batch.schema(), out_schema);
    if (!status.ok()) {
      out->release(out);
      return status;
    }
  }
  return Status::OK();
}

}  // namespace arrowpack
