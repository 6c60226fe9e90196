#include "arrowpack/ipc/metadata_internal.h"

#include <cstring>
#include <limits>
#include <string>

#include "arrowpack/core/array_internal.h"

namespace arrowpack::ipc::internal {

namespace {

constexpr char kExtensionNameKey[] = "ARROW:extension:name";
constexpr char kExtensionMetadataKey[] = "ARROW:extension:metadata";

using FieldOffset = flatbuffers::Offset<fb::Field>;
using TypeTable = std::pair<fb::Type, flatbuffers::Offset<void>>;

template <typename Root>
Result<const Root*> VerifyRoot(const uint8_t* data, int64_t size, const char* what,
                               bool (*verify)(flatbuffers::Verifier&)) {
  if (size <= 0 || size >= static_cast<int64_t>(FLATBUFFERS_MAX_BUFFER_SIZE)) {
    return Status::Invalid(what, " metadata has invalid size ", size);
  }
  flatbuffers::Verifier::Options opts;
  opts.max_depth = 128;
  // Bounded by the size so a small buffer cannot make the verifier walk a huge table graph.
  opts.max_tables = static_cast<flatbuffers::uoffset_t>(std::min<int64_t>(size * 8, 1 << 30));
  flatbuffers::Verifier verifier(data, static_cast<size_t>(size), opts);
  if (!verify(verifier)) return Status::Invalid(what, " metadata failed FlatBuffers verification (corrupt or not Arrow IPC)");
  return flatbuffers::GetRoot<Root>(data);
}

bool VerifyMessageRoot(flatbuffers::Verifier& verifier) { return fb::VerifyMessageBuffer(verifier); }
bool VerifyFooterRoot(flatbuffers::Verifier& verifier) { return fb::VerifyFooterBuffer(verifier); }

// ---- Types to flatbuffers ------------------------------------------------------------------

fb::TimeUnit ToFlatbuffer(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return fb::TimeUnit_SECOND;
    case TimeUnit::MILLI: return fb::TimeUnit_MILLISECOND;
    case TimeUnit::MICRO: return fb::TimeUnit_MICROSECOND;
    case TimeUnit::NANO: return fb::TimeUnit_NANOSECOND;
  }
  return fb::TimeUnit_SECOND;
}

Result<TimeUnit> FromFlatbuffer(fb::TimeUnit unit) {
  switch (unit) {
    case fb::TimeUnit_SECOND: return TimeUnit::SECOND;
    case fb::TimeUnit_MILLISECOND: return TimeUnit::MILLI;
    case fb::TimeUnit_MICROSECOND: return TimeUnit::MICRO;
    case fb::TimeUnit_NANOSECOND: return TimeUnit::NANO;
  }
  return Status::Invalid("unknown time unit ", static_cast<int>(unit), " in IPC metadata");
}

int IntBitWidth(TypeId id) {
  switch (id) {
    case TypeId::INT8: case TypeId::UINT8: return 8;
    case TypeId::INT16: case TypeId::UINT16: return 16;
    case TypeId::INT32: case TypeId::UINT32: return 32;
    default: return 64;
  }
}

Result<TypeTable> LeafTypeToFlatbuffer(FBB& fbb, const DataType& type) {
  const TypeId id = type.id();
  if (is_integer(id)) {
    return TypeTable{fb::Type_Int, fb::CreateInt(fbb, IntBitWidth(id), is_signed_integer(id)).Union()};
  }
  switch (id) {
    case TypeId::NA: return TypeTable{fb::Type_Null, fb::CreateNull(fbb).Union()};
    case TypeId::BOOL: return TypeTable{fb::Type_Bool, fb::CreateBool(fbb).Union()};
    case TypeId::HALF_FLOAT:
      return TypeTable{fb::Type_FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision_HALF).Union()};
    case TypeId::FLOAT:
      return TypeTable{fb::Type_FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision_SINGLE).Union()};
    case TypeId::DOUBLE:
      return TypeTable{fb::Type_FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision_DOUBLE).Union()};
    case TypeId::STRING: return TypeTable{fb::Type_Utf8, fb::CreateUtf8(fbb).Union()};
    case TypeId::BINARY: return TypeTable{fb::Type_Binary, fb::CreateBinary(fbb).Union()};
    case TypeId::LARGE_STRING: return TypeTable{fb::Type_LargeUtf8, fb::CreateLargeUtf8(fbb).Union()};
    case TypeId::LARGE_BINARY: return TypeTable{fb::Type_LargeBinary, fb::CreateLargeBinary(fbb).Union()};
    case TypeId::STRING_VIEW: return TypeTable{fb::Type_Utf8View, fb::CreateUtf8View(fbb).Union()};
    case TypeId::BINARY_VIEW: return TypeTable{fb::Type_BinaryView, fb::CreateBinaryView(fbb).Union()};
    case TypeId::FIXED_SIZE_BINARY: {
      const auto& fsb = static_cast<const FixedSizeBinaryType&>(type);
      return TypeTable{fb::Type_FixedSizeBinary, fb::CreateFixedSizeBinary(fbb, fsb.byte_width()).Union()};
    }
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256: {
      const auto& dec = static_cast<const DecimalType&>(type);
      return TypeTable{fb::Type_Decimal,
                       fb::CreateDecimal(fbb, dec.precision(), dec.scale(), dec.byte_width() * 8).Union()};
    }
    case TypeId::DATE32: return TypeTable{fb::Type_Date, fb::CreateDate(fbb, fb::DateUnit_DAY).Union()};
    case TypeId::DATE64: return TypeTable{fb::Type_Date, fb::CreateDate(fbb, fb::DateUnit_MILLISECOND).Union()};
    case TypeId::TIME32:
    case TypeId::TIME64: {
      const auto& t = static_cast<const TemporalType&>(type);
      const int width = id == TypeId::TIME32 ? 32 : 64;
      return TypeTable{fb::Type_Time, fb::CreateTime(fbb, ToFlatbuffer(t.unit()), width).Union()};
    }
    case TypeId::TIMESTAMP: {
      const auto& t = static_cast<const TemporalType&>(type);
      auto tz = t.timezone().empty() ? flatbuffers::Offset<flatbuffers::String>() : fbb.CreateString(t.timezone());
      return TypeTable{fb::Type_Timestamp, fb::CreateTimestamp(fbb, ToFlatbuffer(t.unit()), tz).Union()};
    }
    case TypeId::DURATION: {
      const auto& t = static_cast<const TemporalType&>(type);
      return TypeTable{fb::Type_Duration, fb::CreateDuration(fbb, ToFlatbuffer(t.unit())).Union()};
    }
    case TypeId::INTERVAL_MONTHS:
      return TypeTable{fb::Type_Interval, fb::CreateInterval(fbb, fb::IntervalUnit_YEAR_MONTH).Union()};
    case TypeId::INTERVAL_DAY_TIME:
      return TypeTable{fb::Type_Interval, fb::CreateInterval(fbb, fb::IntervalUnit_DAY_TIME).Union()};
    case TypeId::INTERVAL_MONTH_DAY_NANO:
      return TypeTable{fb::Type_Interval, fb::CreateInterval(fbb, fb::IntervalUnit_MONTH_DAY_NANO).Union()};
    case TypeId::LIST: return TypeTable{fb::Type_List, fb::CreateList(fbb).Union()};
    case TypeId::LARGE_LIST: return TypeTable{fb::Type_LargeList, fb::CreateLargeList(fbb).Union()};
    case TypeId::LIST_VIEW: return TypeTable{fb::Type_ListView, fb::CreateListView(fbb).Union()};
    case TypeId::LARGE_LIST_VIEW: return TypeTable{fb::Type_LargeListView, fb::CreateLargeListView(fbb).Union()};
    case TypeId::FIXED_SIZE_LIST: {
      const auto& fsl = static_cast<const FixedSizeListType&>(type);
      return TypeTable{fb::Type_FixedSizeList, fb::CreateFixedSizeList(fbb, fsl.list_size()).Union()};
    }
    case TypeId::MAP: {
      const auto& map = static_cast<const MapType&>(type);
      return TypeTable{fb::Type_Map, fb::CreateMap(fbb, map.keys_sorted()).Union()};
    }
    case TypeId::STRUCT: return TypeTable{fb::Type_Struct_, fb::CreateStruct_(fbb).Union()};
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION: {
      const auto& uni = static_cast<const UnionType&>(type);
      std::vector<int32_t> codes(uni.type_codes().begin(), uni.type_codes().end());
      auto codes_offset = fbb.CreateVector(codes);
      const auto mode = id == TypeId::SPARSE_UNION ? fb::UnionMode_Sparse : fb::UnionMode_Dense;
      return TypeTable{fb::Type_Union, fb::CreateUnion(fbb, mode, codes_offset).Union()};
    }
    case TypeId::RUN_END_ENCODED: return TypeTable{fb::Type_RunEndEncoded, fb::CreateRunEndEncoded(fbb).Union()};
    default:
      return Status::NotImplemented("type ", type.ToString(), " cannot be written to Arrow IPC");
  }
}

struct SchemaWriter {
  FBB& fbb;
  const DictionaryMemo& memo;
  int max_depth;
  FieldPath path;

  Result<FieldOffset> WriteField(const Field& field, int depth) {
    if (depth > max_depth) return Status::Invalid("schema nesting deeper than ", max_depth, " levels");
    const DataType* type = field.type().get();
    std::vector<std::string> keys, values;
    if (field.metadata()) {
      keys = field.metadata()->keys();
      values = field.metadata()->values();
    }
    if (type->id() == TypeId::EXTENSION) {
      const auto& ext = static_cast<const ExtensionType&>(*type);
      keys.emplace_back(kExtensionNameKey);
      values.push_back(ext.extension_name());
      keys.emplace_back(kExtensionMetadataKey);
      values.push_back(ext.serialized_metadata());
      type = ext.storage_type().get();
      if (type->id() == TypeId::EXTENSION) {
        return Status::NotImplemented("extension type ", ext.ToString(), " stored as another extension type");
      }
    }
    flatbuffers::Offset<fb::DictionaryEncoding> dictionary;
    if (type->id() == TypeId::DICTIONARY) {
      const auto& dict = static_cast<const DictionaryType&>(*type);
      ARROWPACK_ASSIGN_OR_RAISE(int64_t id, memo.GetId(path));
      const TypeId index_id = dict.index_type()->id();
      if (!is_integer(index_id)) return Status::TypeError("dictionary index type must be an integer");
      auto index = fb::CreateInt(fbb, IntBitWidth(index_id), is_signed_integer(index_id));
      dictionary = fb::CreateDictionaryEncoding(fbb, id, index, dict.ordered());
      type = dict.value_type().get();
      if (type->id() == TypeId::EXTENSION || type->id() == TypeId::DICTIONARY) {
        return Status::NotImplemented("dictionary values of type ", type->ToString(), " in Arrow IPC");
      }
    }
    std::vector<FieldOffset> children;
    for (int i = 0; i < type->num_fields(); ++i) {
      path.push_back(i);
      ARROWPACK_ASSIGN_OR_RAISE(auto child, WriteField(*type->field(i), depth + 1));
      path.pop_back();
      children.push_back(child);
    }
    ARROWPACK_ASSIGN_OR_RAISE(TypeTable table, LeafTypeToFlatbuffer(fbb, *type));
    auto name = fbb.CreateString(field.name());
    auto children_offset = fbb.CreateVector(children);
    KeyValueVector metadata;
    if (!keys.empty()) {
      KeyValueMetadata pairs(std::move(keys), std::move(values));
      metadata = MetadataToFlatbuffer(fbb, &pairs);
    }
    return fb::CreateField(fbb, name, field.nullable(), table.first, table.second, dictionary, children_offset,
                           metadata);
  }
};

// ---- Types from flatbuffers ----------------------------------------------------------------

Status ExpectChildren(const char* what, const FieldVector& children, size_t count) {
  if (children.size() != count) {
    return Status::Invalid(what, " field in IPC metadata must have ", count, " children, got ", children.size());
  }
  return Status::OK();
}

Result<TypePtr> TypeFromFlatbuffer(fb::Type tag, const void* table, const FieldVector& children) {
  if (tag == fb::Type_NONE) return Status::Invalid("field in IPC metadata has no type");
  if (table == nullptr) return Status::Invalid("field in IPC metadata has type tag ", static_cast<int>(tag), " without a type table");
  switch (tag) {
    case fb::Type_Null:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("null", children, 0));
      return null();
    case fb::Type_Int:
    case fb::Type_FloatingPoint:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("numeric", children, 0));
      return NumericTypeFromFlatbuffer(tag, table);
    case fb::Type_Binary: ARROWPACK_RETURN_NOT_OK(ExpectChildren("binary", children, 0)); return binary();
    case fb::Type_Utf8: ARROWPACK_RETURN_NOT_OK(ExpectChildren("utf8", children, 0)); return utf8();
    case fb::Type_LargeBinary:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("large binary", children, 0));
      return large_binary();
    case fb::Type_LargeUtf8: ARROWPACK_RETURN_NOT_OK(ExpectChildren("large utf8", children, 0)); return large_utf8();
    case fb::Type_BinaryView:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("binary view", children, 0));
      return binary_view();
    case fb::Type_Utf8View: ARROWPACK_RETURN_NOT_OK(ExpectChildren("utf8 view", children, 0)); return utf8_view();
    case fb::Type_Bool: ARROWPACK_RETURN_NOT_OK(ExpectChildren("bool", children, 0)); return boolean();
    case fb::Type_FixedSizeBinary: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("fixed size binary", children, 0));
      const int32_t width = static_cast<const fb::FixedSizeBinary*>(table)->byteWidth();
      if (width < 0) return Status::Invalid("fixed size binary with negative width ", width, " in IPC metadata");
      // Types measure themselves in bits as int; a wider value would overflow there.
      if (width > std::numeric_limits<int32_t>::max() / 8) {
        return Status::Invalid("fixed size binary width ", width, " in IPC metadata is too large");
      }
      return fixed_size_binary(width);
    }
    case fb::Type_Decimal: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("decimal", children, 0));
      const auto* dec = static_cast<const fb::Decimal*>(table);
      TypeId id;
      switch (dec->bitWidth()) {
        case 32: id = TypeId::DECIMAL32; break;
        case 64: id = TypeId::DECIMAL64; break;
        case 128: id = TypeId::DECIMAL128; break;
        case 256: id = TypeId::DECIMAL256; break;
        default: return Status::Invalid("decimal bit width ", dec->bitWidth(), " in IPC metadata");
      }
      return decimal(id, dec->precision(), dec->scale());
    }
    case fb::Type_Date: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("date", children, 0));
      const auto unit = static_cast<const fb::Date*>(table)->unit();
      if (unit == fb::DateUnit_DAY) return date32();
      if (unit == fb::DateUnit_MILLISECOND) return date64();
      return Status::Invalid("unknown date unit ", static_cast<int>(unit), " in IPC metadata");
    }
    case fb::Type_Time: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("time", children, 0));
      const auto* time = static_cast<const fb::Time*>(table);
      ARROWPACK_ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(time->unit()));
      const bool wide = unit == TimeUnit::MICRO || unit == TimeUnit::NANO;
      if (time->bitWidth() != (wide ? 64 : 32)) {
        return Status::Invalid("time type with unit ", TimeUnitName(unit), " and bit width ", time->bitWidth(),
                               " in IPC metadata");
      }
      return wide ? time64(unit) : time32(unit);
    }
    case fb::Type_Timestamp: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("timestamp", children, 0));
      const auto* ts = static_cast<const fb::Timestamp*>(table);
      ARROWPACK_ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(ts->unit()));
      return timestamp(unit, ts->timezone() ? ts->timezone()->str() : "");
    }
    case fb::Type_Duration: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("duration", children, 0));
      ARROWPACK_ASSIGN_OR_RAISE(TimeUnit unit, FromFlatbuffer(static_cast<const fb::Duration*>(table)->unit()));
      return duration(unit);
    }
    case fb::Type_Interval: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("interval", children, 0));
      switch (static_cast<const fb::Interval*>(table)->unit()) {
        case fb::IntervalUnit_YEAR_MONTH: return month_interval();
        case fb::IntervalUnit_DAY_TIME: return day_time_interval();
        case fb::IntervalUnit_MONTH_DAY_NANO: return month_day_nano_interval();
      }
      return Status::Invalid("unknown interval unit in IPC metadata");
    }
    case fb::Type_List: ARROWPACK_RETURN_NOT_OK(ExpectChildren("list", children, 1)); return list(children[0]);
    case fb::Type_LargeList:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("large list", children, 1));
      return large_list(children[0]);
    case fb::Type_ListView:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("list view", children, 1));
      return list_view(children[0]);
    case fb::Type_LargeListView:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("large list view", children, 1));
      return large_list_view(children[0]);
    case fb::Type_FixedSizeList: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("fixed size list", children, 1));
      const int32_t size = static_cast<const fb::FixedSizeList*>(table)->listSize();
      if (size < 0) return Status::Invalid("fixed size list with negative size ", size, " in IPC metadata");
      return fixed_size_list(children[0], size);
    }
    case fb::Type_Map: {
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("map", children, 1));
      const auto& entries = children[0];
      if (entries->type()->id() != TypeId::STRUCT || entries->type()->num_fields() != 2) {
        return Status::Invalid("map field in IPC metadata must have a struct child with two fields");
      }
      const bool sorted = static_cast<const fb::Map*>(table)->keysSorted();
      return TypePtr(std::make_shared<MapType>(entries->type()->field(0), entries->type()->field(1), sorted,
                                               entries->name()));
    }
    case fb::Type_Struct_: return struct_(children);
    case fb::Type_Union: {
      const auto* uni = static_cast<const fb::Union*>(table);
      std::vector<int8_t> codes;
      if (uni->typeIds() != nullptr) {
        if (uni->typeIds()->size() != children.size()) {
          return Status::Invalid("union in IPC metadata has ", uni->typeIds()->size(), " type ids for ",
                                 children.size(), " children");
        }
        for (int32_t code : CopyVector(uni->typeIds())) {
          if (code < 0 || code > 127) return Status::Invalid("union type id ", code, " out of range in IPC metadata");
          codes.push_back(static_cast<int8_t>(code));
        }
      }
      if (uni->mode() == fb::UnionMode_Sparse) return sparse_union(children, codes);
      if (uni->mode() == fb::UnionMode_Dense) return dense_union(children, codes);
      return Status::Invalid("unknown union mode ", static_cast<int>(uni->mode()), " in IPC metadata");
    }
    case fb::Type_RunEndEncoded:
      ARROWPACK_RETURN_NOT_OK(ExpectChildren("run-end encoded", children, 2));
      return run_end_encoded(children[0]->type(), children[1]->type());
    default:
      return Status::Invalid("unknown type tag ", static_cast<int>(tag), " in IPC metadata");
  }
}

struct SchemaReader {
  DictionaryMemo* memo;
  int max_depth;
  FieldPath path;

  Result<std::shared_ptr<Field>> ReadField(const fb::Field* field, int depth) {
    if (field == nullptr) return Status::Invalid("null field in IPC metadata");
    if (depth > max_depth) return Status::Invalid("schema nesting deeper than ", max_depth, " levels");
    FieldVector children;
    if (field->children() != nullptr) {
      for (flatbuffers::uoffset_t i = 0; i < field->children()->size(); ++i) {
        path.push_back(static_cast<int>(i));
        ARROWPACK_ASSIGN_OR_RAISE(auto child, ReadField(field->children()->Get(i), depth + 1));
        path.pop_back();
        children.push_back(std::move(child));
      }
    }
    ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, TypeFromFlatbuffer(field->type_type(), field->type(), children));
    ARROWPACK_ASSIGN_OR_RAISE(MetadataPtr metadata, MetadataFromFlatbuffer(field->custom_metadata()));

    if (const fb::DictionaryEncoding* encoding = field->dictionary()) {
      TypePtr index_type = int32();
      if (encoding->indexType() != nullptr) {
        ARROWPACK_ASSIGN_OR_RAISE(index_type, IntTypeFromFlatbuffer(encoding->indexType()));
      }
      ARROWPACK_RETURN_NOT_OK(memo->AddField(encoding->id(), path, type));
      ARROWPACK_ASSIGN_OR_RAISE(type, dictionary(index_type, type, encoding->isOrdered()));
    }
    // Extension types travel as their storage plus two reserved metadata keys.
    if (metadata && metadata->FindKey(kExtensionNameKey) >= 0) {
      std::vector<std::string> keys, values;
      std::string name, serialized;
      for (int64_t i = 0; i < metadata->size(); ++i) {
        if (metadata->key(i) == kExtensionNameKey) {
          name = metadata->value(i);
        } else if (metadata->key(i) == kExtensionMetadataKey) {
          serialized = metadata->value(i);
        } else {
          keys.push_back(metadata->key(i));
          values.push_back(metadata->value(i));
        }
      }
      type = extension(std::move(name), std::move(type), std::move(serialized));
      metadata = keys.empty() ? nullptr : std::make_shared<KeyValueMetadata>(std::move(keys), std::move(values));
    }
    std::string name = field->name() ? field->name()->str() : "";
    return arrowpack::field(std::move(name), std::move(type), field->nullable(), std::move(metadata));
  }
};

flatbuffers::Offset<flatbuffers::Vector<const fb::FieldNode*>> NodesToFlatbuffer(FBB& fbb,
                                                                                 const RecordBatchInfo& batch) {
  std::vector<fb::FieldNode> nodes;
  nodes.reserve(batch.nodes.size());
  for (const auto& node : batch.nodes) nodes.emplace_back(node.length, node.null_count);
  return fbb.CreateVectorOfStructs(nodes);
}

Result<flatbuffers::Offset<fb::RecordBatch>> RecordBatchToFlatbuffer(FBB& fbb, const RecordBatchInfo& batch) {
  auto nodes = NodesToFlatbuffer(fbb, batch);
  std::vector<fb::Buffer> buffers;
  buffers.reserve(batch.buffers.size());
  for (const auto& buffer : batch.buffers) buffers.emplace_back(buffer.offset, buffer.length);
  auto buffers_offset = fbb.CreateVectorOfStructs(buffers);
  flatbuffers::Offset<fb::BodyCompression> compression;
  switch (batch.compression) {
    case Compression::UNCOMPRESSED: break;
    case Compression::LZ4_FRAME: compression = fb::CreateBodyCompression(fbb, fb::CompressionType_LZ4_FRAME); break;
    case Compression::ZSTD: compression = fb::CreateBodyCompression(fbb, fb::CompressionType_ZSTD); break;
    default:
      return Status::Invalid("Arrow IPC bodies can only be compressed with LZ4_FRAME or ZSTD, not ",
                             Codec::GetCodecAsString(batch.compression));
  }
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> variadic;
  if (!batch.variadic_counts.empty()) variadic = fbb.CreateVector(batch.variadic_counts);
  return fb::CreateRecordBatch(fbb, batch.length, nodes, buffers_offset, compression, variadic);
}

}  // namespace

// ---- Verification --------------------------------------------------------------------------

Result<const fb::Message*> VerifyMessage(const uint8_t* data, int64_t size) {
  return VerifyRoot<fb::Message>(data, size, "message", &VerifyMessageRoot);
}

Result<const fb::Footer*> VerifyFooter(const uint8_t* data, int64_t size) {
  return VerifyRoot<fb::Footer>(data, size, "file footer", &VerifyFooterRoot);
}

Result<std::shared_ptr<Buffer>> AlignedMetadata(std::shared_ptr<Buffer> buffer, MemoryPool* pool) {
  if (buffer->address() % 8 == 0) return buffer;
  ARROWPACK_ASSIGN_OR_RAISE(auto copy, buffer->CopySlice(0, buffer->size(), pool));
  return copy;
}

Result<MetadataVersion> CheckMetadataVersion(fb::MetadataVersion version) {
  switch (version) {
    case fb::MetadataVersion_V4: return MetadataVersion::V4;
    case fb::MetadataVersion_V5: return MetadataVersion::V5;
    case fb::MetadataVersion_V1:
    case fb::MetadataVersion_V2:
    case fb::MetadataVersion_V3:
      return Status::Invalid("old Arrow IPC metadata version V", static_cast<int>(version) + 1,
                             " (before 0.8.0) is not supported");
  }
  return Status::Invalid("unknown Arrow IPC metadata version ", static_cast<int>(version),
                         " (V", static_cast<int>(version) + 1, "): written by a newer Arrow; this reader supports V4 and V5");
}

// ---- Schema --------------------------------------------------------------------------------

KeyValueVector MetadataToFlatbuffer(FBB& fbb, const KeyValueMetadata* metadata) {
  if (metadata == nullptr || metadata->size() == 0) return {};
  std::vector<flatbuffers::Offset<fb::KeyValue>> pairs;
  for (int64_t i = 0; i < metadata->size(); ++i) {
    auto key = fbb.CreateString(metadata->key(i));
    auto value = fbb.CreateString(metadata->value(i));
    pairs.push_back(fb::CreateKeyValue(fbb, key, value));
  }
  return fbb.CreateVector(pairs);
}

Result<MetadataPtr> MetadataFromFlatbuffer(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* pairs) {
  if (pairs == nullptr || pairs->size() == 0) return MetadataPtr();
  std::vector<std::string> keys, values;
  for (const fb::KeyValue* pair : *pairs) {
    if (pair == nullptr || pair->key() == nullptr) return Status::Invalid("custom metadata pair without a key");
    keys.push_back(pair->key()->str());
    values.push_back(pair->value() ? pair->value()->str() : "");
  }
  return MetadataPtr(std::make_shared<KeyValueMetadata>(std::move(keys), std::move(values)));
}

Result<flatbuffers::Offset<fb::Schema>> SchemaToFlatbuffer(FBB& fbb, const Schema& schema, const DictionaryMemo& memo,
                                                            const IpcWriteOptions& options) {
  SchemaWriter writer{fbb, memo, options.max_recursion_depth, {}};
  std::vector<FieldOffset> fields;
  for (int i = 0; i < schema.num_fields(); ++i) {
    writer.path = {i};
    ARROWPACK_ASSIGN_OR_RAISE(auto field, writer.WriteField(*schema.field(i), 0));
    fields.push_back(field);
  }
  auto fields_offset = fbb.CreateVector(fields);
  auto metadata = MetadataToFlatbuffer(fbb, schema.metadata().get());
  return fb::CreateSchema(fbb, fb::Endianness_Little, fields_offset, metadata);
}

Result<DecodedSchema> SchemaFromFlatbuffer(const fb::Schema* schema, DictionaryMemo* memo, int max_depth) {
  if (schema == nullptr) return Status::Invalid("IPC message has no schema");
  DecodedSchema result;
  if (schema->endianness() == fb::Endianness_Big) {
    result.big_endian = true;
  } else if (schema->endianness() != fb::Endianness_Little) {
    return Status::Invalid("unknown endianness ", static_cast<int>(schema->endianness()), " in IPC schema");
  }
  SchemaReader reader{memo, max_depth, {}};
  FieldVector fields;
  if (schema->fields() != nullptr) {
    fields.reserve(schema->fields()->size());
    for (flatbuffers::uoffset_t i = 0; i < schema->fields()->size(); ++i) {
      reader.path = {static_cast<int>(i)};
      ARROWPACK_ASSIGN_OR_RAISE(auto field, reader.ReadField(schema->fields()->Get(i), 0));
      fields.push_back(std::move(field));
    }
  }
  ARROWPACK_ASSIGN_OR_RAISE(MetadataPtr metadata, MetadataFromFlatbuffer(schema->custom_metadata()));
  result.schema = arrowpack::schema(std::move(fields), std::move(metadata));
  return result;
}

Result<std::pair<fb::Type, flatbuffers::Offset<void>>> NumericTypeToFlatbuffer(FBB& fbb, const DataType& type) {
  if (!is_integer(type.id()) && !is_floating(type.id())) {
    return Status::TypeError("expected a numeric type, got ", type.ToString());
  }
  return LeafTypeToFlatbuffer(fbb, type);
}

Result<TypePtr> IntTypeFromFlatbuffer(const fb::Int* int_type) {
  if (int_type == nullptr) return Status::Invalid("missing integer type in IPC metadata");
  const bool is_signed = int_type->is_signed();
  switch (int_type->bitWidth()) {
    case 8: return is_signed ? int8() : uint8();
    case 16: return is_signed ? int16() : uint16();
    case 32: return is_signed ? int32() : uint32();
    case 64: return is_signed ? int64() : uint64();
    default: return Status::Invalid("integer bit width ", int_type->bitWidth(), " in IPC metadata");
  }
}

Result<TypePtr> NumericTypeFromFlatbuffer(fb::Type tag, const void* table) {
  if (table == nullptr) return Status::Invalid("missing type table in IPC metadata");
  if (tag == fb::Type_Int) return IntTypeFromFlatbuffer(static_cast<const fb::Int*>(table));
  if (tag == fb::Type_FloatingPoint) {
    switch (static_cast<const fb::FloatingPoint*>(table)->precision()) {
      case fb::Precision_HALF: return float16();
      case fb::Precision_SINGLE: return float32();
      case fb::Precision_DOUBLE: return float64();
    }
    return Status::Invalid("unknown floating point precision in IPC metadata");
  }
  return Status::Invalid("expected a numeric type in IPC metadata, got type tag ", static_cast<int>(tag));
}

// ---- Messages ------------------------------------------------------------------------------

std::shared_ptr<Buffer> FinishToBuffer(FBB& fbb) {
  auto detached = std::make_shared<flatbuffers::DetachedBuffer>(fbb.Release());
  return Buffer::WrapForeign(detached->data(), static_cast<int64_t>(detached->size()), detached);
}

flatbuffers::Offset<fb::Message> MakeMessageTable(FBB& fbb, const IpcWriteOptions& options, fb::MessageHeader tag,
                                                  flatbuffers::Offset<void> header, int64_t body_length,
                                                  const KeyValueMetadata* custom_metadata) {
  auto metadata = MetadataToFlatbuffer(fbb, custom_metadata);
  return fb::CreateMessage(fbb, static_cast<fb::MetadataVersion>(options.metadata_version), tag, header, body_length,
                           metadata);
}

Result<std::shared_ptr<Buffer>> MakeSchemaMessage(const Schema& schema, const DictionaryMemo& memo,
                                                  const IpcWriteOptions& options) {
  FBB fbb;
  ARROWPACK_ASSIGN_OR_RAISE(auto schema_offset, SchemaToFlatbuffer(fbb, schema, memo, options));
  fbb.Finish(MakeMessageTable(fbb, options, fb::MessageHeader_Schema, schema_offset.Union(), 0));
  return FinishToBuffer(fbb);
}

Status BuildRecordBatchMessage(FBB& fbb, const RecordBatchInfo& batch, int64_t body_length,
                               const IpcWriteOptions& options, const KeyValueMetadata* custom_metadata) {
  fbb.Clear();
  ARROWPACK_ASSIGN_OR_RAISE(auto batch_offset, RecordBatchToFlatbuffer(fbb, batch));
  fbb.Finish(MakeMessageTable(fbb, options, fb::MessageHeader_RecordBatch, batch_offset.Union(), body_length,
                              custom_metadata));
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> MakeRecordBatchMessage(const RecordBatchInfo& batch, int64_t body_length,
                                                       const IpcWriteOptions& options,
                                                       const KeyValueMetadata* custom_metadata) {
  FBB fbb;
  ARROWPACK_RETURN_NOT_OK(BuildRecordBatchMessage(fbb, batch, body_length, options, custom_metadata));
  return FinishToBuffer(fbb);
}

Result<std::shared_ptr<Buffer>> MakeDictionaryBatchMessage(int64_t id, bool is_delta, const RecordBatchInfo& batch,
                                                           int64_t body_length, const IpcWriteOptions& options) {
  FBB fbb;
  ARROWPACK_ASSIGN_OR_RAISE(auto batch_offset, RecordBatchToFlatbuffer(fbb, batch));
  auto dictionary = fb::CreateDictionaryBatch(fbb, id, batch_offset, is_delta);
  fbb.Finish(MakeMessageTable(fbb, options, fb::MessageHeader_DictionaryBatch, dictionary.Union(), body_length));
  return FinishToBuffer(fbb);
}

Result<std::shared_ptr<Buffer>> MakeFooter(const Schema& schema, const DictionaryMemo& memo,
                                           const std::vector<FileBlock>& dictionaries,
                                           const std::vector<FileBlock>& record_batches,
                                           const KeyValueMetadata* footer_metadata, const IpcWriteOptions& options) {
  FBB fbb;
  ARROWPACK_ASSIGN_OR_RAISE(auto schema_offset, SchemaToFlatbuffer(fbb, schema, memo, options));
  auto to_blocks = [](const std::vector<FileBlock>& blocks) {
    std::vector<fb::Block> out;
    for (const auto& block : blocks) out.emplace_back(block.offset, block.metadata_length, block.body_length);
    return out;
  };
  auto dictionaries_offset = fbb.CreateVectorOfStructs(to_blocks(dictionaries));
  auto batches_offset = fbb.CreateVectorOfStructs(to_blocks(record_batches));
  auto metadata = MetadataToFlatbuffer(fbb, footer_metadata);
  fbb.Finish(fb::CreateFooter(fbb, static_cast<fb::MetadataVersion>(options.metadata_version), schema_offset,
                              dictionaries_offset, batches_offset, metadata));
  return FinishToBuffer(fbb);
}

Result<RecordBatchInfo> RecordBatchFromFlatbuffer(const fb::RecordBatch* batch) {
  if (batch == nullptr) return Status::Invalid("IPC message has no record batch header");
  RecordBatchInfo info;
  info.length = batch->length();
  if (info.length < 0) return Status::Invalid("record batch has negative length ", info.length);
  info.nodes = CopyStructs<FieldNodeInfo>(batch->nodes());
  info.buffers = CopyStructs<BufferInfo>(batch->buffers());
  info.variadic_counts = CopyVector(batch->variadicBufferCounts());
  if (const fb::BodyCompression* compression = batch->compression()) {
    if (compression->method() != fb::BodyCompressionMethod_BUFFER) {
      return Status::Invalid("unknown body compression method ", static_cast<int>(compression->method()));
    }
    switch (compression->codec()) {
      case fb::CompressionType_LZ4_FRAME: info.compression = Compression::LZ4_FRAME; break;
      case fb::CompressionType_ZSTD: info.compression = Compression::ZSTD; break;
      default:
        return Status::Invalid("unknown body compression codec ", static_cast<int>(compression->codec()));
    }
  }
  return info;
}

}  // namespace arrowpack::ipc::internal
