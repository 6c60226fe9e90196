// Value <-> SerializedObject (see value_codec.h): a recursive walk over the Value feeding
// SequenceWriter, and one over SequenceReader's checked unions building Values.
#include "arrowpack/serialize/value_codec.h"

#include <limits>
#include <string>
#include <utility>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/table.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"

namespace arrowpack {

using serialize::PythonTag;
using serialize::SequenceReader;
using serialize::SequenceWriter;
using serialize::SerializedObject;
using serialize::UnionReader;

namespace {

constexpr char kTypeIdKey[] = "_pytype_";
constexpr char kDataKey[] = "data";

// --- Arrow kinds as IPC stream buffers (pyarrow's default handlers) ---

Result<std::shared_ptr<Buffer>> BatchesToStream(const std::shared_ptr<Schema>& schema, const RecordBatchVector& batches,
                                                MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create(4096, pool));
  ARROWPACK_ASSIGN_OR_RAISE(auto writer, ipc::MakeStreamWriter(sink, schema));
  for (const RecordBatchPtr& batch : batches) ARROWPACK_RETURN_NOT_OK(writer->WriteRecordBatch(*batch));
  ARROWPACK_RETURN_NOT_OK(writer->Close());
  return sink->Finish();
}

Result<std::shared_ptr<Buffer>> ArrowKindToStream(const Value& value, MemoryPool* pool) {
  switch (value.kind()) {
    case ValueKind::kArray: {
      ARROWPACK_ASSIGN_OR_RAISE(auto batch, RecordBatch::FromArrays({value.array()}, {""}));
      return BatchesToStream(batch->schema(), {batch}, pool);
    }
    case ValueKind::kRecordBatch:
      return BatchesToStream(value.record_batch()->schema(), {value.record_batch()}, pool);
    default:
      return BatchesToStream(value.table()->schema(), value.table()->ToBatches(), pool);
  }
}

Result<std::shared_ptr<ipc::RecordBatchStreamReader>> OpenStream(const Value& payload, const char* type_id) {
  if (payload.kind() != ValueKind::kBuffer && payload.kind() != ValueKind::kBytes) {
    return Status::Invalid("serialized object: the payload of '", type_id, "' must be a buffer, got ",
                           ValueKindName(payload.kind()));
  }
  std::shared_ptr<Buffer> bytes =
      payload.kind() == ValueKind::kBuffer ? payload.buffer() : Buffer::FromString(payload.bytes());
  auto reader = ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(std::move(bytes)));
  if (!reader.ok()) return reader.status().WithContext(std::string("serialized object: '") + type_id + "' payload");
  return reader;
}

Result<RecordBatchPtr> ReadOneBatch(ipc::RecordBatchStreamReader& reader, const char* type_id) {
  Result<RecordBatchPtr> batch = reader.ReadNext();
  if (!batch.ok()) return batch.status().WithContext(std::string("serialized object: '") + type_id + "' payload");
  if (*batch == nullptr) return Status::Invalid("serialized object: the '", type_id, "' payload holds no record batch");
  return batch;
}

Result<Value> StreamToArrowKind(const std::string& type_id, const Value& payload) {
  ARROWPACK_ASSIGN_OR_RAISE(auto reader, OpenStream(payload, type_id.c_str()));
  if (type_id == kTableTypeId) {
    ARROWPACK_ASSIGN_OR_RAISE(RecordBatchVector batches, reader->ReadAll());
    ARROWPACK_ASSIGN_OR_RAISE(TablePtr table, Table::FromRecordBatches(batches, reader->schema()));
    return Value::Table(std::move(table));
  }
  ARROWPACK_ASSIGN_OR_RAISE(RecordBatchPtr batch, ReadOneBatch(*reader, type_id.c_str()));
  if (type_id == kRecordBatchTypeId) return Value::RecordBatch(std::move(batch));
  if (batch->num_columns() != 1) {
    return Status::Invalid("serialized object: the '", kArrayTypeId, "' payload must hold one column, got ",
                           batch->num_columns());
  }
  return Value::Array(batch->column(0));
}

// --- encoding ---

class Encoder {
 public:
  explicit Encoder(MemoryPool* pool) : pool_(pool), writer_(pool) {}

  Status Append(const Value& value) {
    switch (value.kind()) {
      case ValueKind::kNone: return writer_.AppendNone();
      case ValueKind::kBool: return writer_.AppendBool(value.bool_value());
      case ValueKind::kInt: return writer_.AppendInt64(value.int_value());
      case ValueKind::kBigInt: return AppendCallbackDict(kBigIntTypeId, [&] { return writer_.AppendString(value.big_int()); });
      case ValueKind::kDouble: return writer_.AppendDouble(value.double_value());
      case ValueKind::kFloat: return writer_.AppendFloat(value.float_value());
      case ValueKind::kHalfFloat: return writer_.AppendHalfFloat(value.half_float_bits());
      case ValueKind::kBytes:
        return writer_.AppendBytes(reinterpret_cast<const uint8_t*>(value.bytes().data()),
                                   static_cast<int64_t>(value.bytes().size()));
      case ValueKind::kString: return writer_.AppendString(value.bytes());
      case ValueKind::kList:
        ARROWPACK_RETURN_NOT_OK(writer_.BeginList());
        return AppendItems(value.items());
      case ValueKind::kTuple:
        ARROWPACK_RETURN_NOT_OK(writer_.BeginTuple());
        return AppendItems(value.items());
      case ValueKind::kSet:
        ARROWPACK_RETURN_NOT_OK(writer_.BeginSet());
        return AppendItems(value.items());
      case ValueKind::kDict: return AppendDict(value.pairs());
      case ValueKind::kDatetime: return writer_.AppendDate64(value.datetime_micros());
      case ValueKind::kTensor: return AppendIndexed(PythonTag::TENSOR, object_.tensors, value.tensor());
      case ValueKind::kNdarray: return AppendIndexed(PythonTag::NDARRAY, object_.ndarrays, value.tensor());
      case ValueKind::kSparseTensor:
        return AppendIndexed(SparseTag(value.sparse_tensor()->format_id()), object_.sparse_tensors,
                             value.sparse_tensor());
      case ValueKind::kBuffer: return AppendIndexed(PythonTag::BUFFER, object_.buffers, value.buffer());
      case ValueKind::kArray:
      case ValueKind::kRecordBatch:
      case ValueKind::kTable: {
        ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> stream, ArrowKindToStream(value, pool_));
        const char* type_id = value.kind() == ValueKind::kArray         ? kArrayTypeId
                              : value.kind() == ValueKind::kRecordBatch ? kRecordBatchTypeId
                                                                        : kTableTypeId;
        return AppendCallbackDict(type_id, [&] { return AppendIndexed(PythonTag::BUFFER, object_.buffers, stream); });
      }
      case ValueKind::kCustom:
        return AppendCallbackDict(value.custom_type_id(), [&] { return Append(value.custom_payload()); });
    }
    return Status::Invalid("unknown value kind ", static_cast<int>(value.kind()));
  }

  Result<SerializedObject> Finish() {
    if (writer_.top_level_length() != 1) return Status::Invalid("SerializeValue encodes exactly one value");
    ARROWPACK_RETURN_NOT_OK(serialize::FinishEncodedStream(&writer_, &object_));
    return std::move(object_);
  }

 private:
  static PythonTag SparseTag(SparseTensorFormat format) {
    switch (format) {
      case SparseTensorFormat::COO: return PythonTag::SPARSE_COO;
      case SparseTensorFormat::CSR: return PythonTag::SPARSE_CSR;
      case SparseTensorFormat::CSC: return PythonTag::SPARSE_CSC;
      case SparseTensorFormat::CSF: break;
    }
    return PythonTag::SPARSE_CSF;
  }

  template <typename T>
  Status AppendIndexed(PythonTag tag, std::vector<T>& list, T item) {
    if (list.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::CapacityError("a serialized object holds at most 2^31 - 1 values of one array kind");
    }
    list.push_back(std::move(item));
    return writer_.AppendIndex(tag, static_cast<int32_t>(list.size() - 1));
  }

  Status AppendItems(const ValueList& items) {
    for (const Value& item : items) ARROWPACK_RETURN_NOT_OK(Append(item));
    return writer_.End();
  }

  Status AppendDict(const ValuePairs& pairs) {
    ARROWPACK_RETURN_NOT_OK(writer_.BeginDict());
    for (const auto& [key, val] : pairs) {
      ARROWPACK_RETURN_NOT_OK(writer_.DictKey());
      ARROWPACK_RETURN_NOT_OK(Append(key));
      ARROWPACK_RETURN_NOT_OK(writer_.DictValue());
      ARROWPACK_RETURN_NOT_OK(Append(val));
    }
    return writer_.End();
  }

  // {"data": <append_data()>, "_pytype_": type_id}, in the order pyarrow's callback builds it.
  template <typename AppendData>
  Status AppendCallbackDict(const std::string& type_id, AppendData append_data) {
    ARROWPACK_RETURN_NOT_OK(writer_.BeginDict());
    ARROWPACK_RETURN_NOT_OK(writer_.DictKey());
    ARROWPACK_RETURN_NOT_OK(writer_.AppendString(kDataKey));
    ARROWPACK_RETURN_NOT_OK(writer_.DictValue());
    ARROWPACK_RETURN_NOT_OK(append_data());
    ARROWPACK_RETURN_NOT_OK(writer_.DictKey());
    ARROWPACK_RETURN_NOT_OK(writer_.AppendString(kTypeIdKey));
    ARROWPACK_RETURN_NOT_OK(writer_.DictValue());
    ARROWPACK_RETURN_NOT_OK(writer_.AppendString(type_id));
    return writer_.End();
  }

  MemoryPool* pool_;
  SequenceWriter writer_;
  SerializedObject object_;
};

// --- decoding ---

class Decoder {
 public:
  explicit Decoder(const SerializedObject& object) : object_(object) {}

  Result<Value> Decode(const UnionReader& values, int64_t i, int depth) {
    // SequenceReader bounds the nesting through the IPC reader; this guards the recursion anyway.
    if (depth > serialize::kMaxRecursionDepth + 1) {
      return Status::Invalid("serialized object: values nested deeper than ", serialize::kMaxRecursionDepth);
    }
    switch (values.tag(i)) {
      case PythonTag::NONE: return Value::None();
      case PythonTag::BOOL: return Value::Bool(values.GetBool(i));
      case PythonTag::INT:
      case PythonTag::PY2INT: return Value::Int(values.GetInt64(i));
      case PythonTag::BYTES: return Value::Bytes(std::string(values.GetBytes(i)));
      case PythonTag::STRING: return Value::String(std::string(values.GetBytes(i)));
      case PythonTag::HALF_FLOAT: return Value::HalfFloat(values.GetHalfFloat(i));
      case PythonTag::FLOAT: return Value::Float(values.GetFloat(i));
      case PythonTag::DOUBLE: return Value::Double(values.GetDouble(i));
      case PythonTag::DATE64: return Value::Datetime(values.GetDate64(i));
      case PythonTag::LIST: return DecodeSequence(values, i, depth, &Value::List);
      case PythonTag::TUPLE: return DecodeSequence(values, i, depth, &Value::Tuple);
      case PythonTag::SET: return DecodeSequence(values, i, depth, &Value::Set);
      case PythonTag::DICT: return DecodeDict(values, i, depth);
      case PythonTag::TENSOR: return Value::Tensor(object_.tensors[Index(values, i)]);
      case PythonTag::NDARRAY: return Value::Ndarray(object_.ndarrays[Index(values, i)]);
      case PythonTag::BUFFER: return Value::Buffer(object_.buffers[Index(values, i)]);
      case PythonTag::SPARSE_COO:
      case PythonTag::SPARSE_CSR:
      case PythonTag::SPARSE_CSC:
      case PythonTag::SPARSE_CSF: return Value::SparseTensor(object_.sparse_tensors[Index(values, i)]);
    }
    return Status::Invalid("serialized object: unknown tag ", static_cast<int>(values.tag(i)));
  }

 private:
  // CheckIndexBounds ran before decoding, so the index is inside its list.
  static size_t Index(const UnionReader& values, int64_t i) { return static_cast<size_t>(values.GetIndex(i)); }

  Result<Value> DecodeSequence(const UnionReader& values, int64_t i, int depth, Value (*make)(ValueList)) {
    const serialize::SequenceRange range = values.GetSequence(i);
    ValueList items;
    items.reserve(static_cast<size_t>(range.end - range.begin));
    for (int64_t j = range.begin; j < range.end; ++j) {
      ARROWPACK_ASSIGN_OR_RAISE(Value item, Decode(*range.values, j, depth + 1));
      items.push_back(std::move(item));
    }
    return make(std::move(items));
  }

  Result<Value> DecodeDict(const UnionReader& values, int64_t i, int depth) {
    const serialize::DictRange range = values.GetDict(i);
    ValuePairs pairs;
    pairs.reserve(static_cast<size_t>(range.end - range.begin));
    for (int64_t j = range.begin; j < range.end; ++j) {
      ARROWPACK_ASSIGN_OR_RAISE(Value key, Decode(*range.keys, j, depth + 1));
      ARROWPACK_ASSIGN_OR_RAISE(Value val, Decode(*range.vals, j, depth + 1));
      pairs.emplace_back(std::move(key), std::move(val));
    }
    return FromCallbackDict(std::move(pairs));
  }

  // {"_pytype_": id, "data": payload} (str keys, a str or bytes id) in either order becomes the kind or custom value it
  // stands for; any other dict stays a dict.
  static Result<Value> FromCallbackDict(ValuePairs pairs) {
    const Value* type_id = nullptr;
    Value* payload = nullptr;
    for (auto& [key, val] : pairs) {
      if (key.kind() != ValueKind::kString) continue;
      if (key.bytes() == kTypeIdKey) type_id = &val;
      if (key.bytes() == kDataKey) payload = &val;
    }
    // Python 2 writers stored the id as bytes; pyarrow decodes it (ARROW-4675).
    if (pairs.size() != 2 || type_id == nullptr || payload == nullptr ||
        (type_id->kind() != ValueKind::kString && type_id->kind() != ValueKind::kBytes)) {
      return Value::Dict(std::move(pairs));
    }
    const std::string& id = type_id->bytes();
    if (id == kBigIntTypeId) {
      if (payload->kind() != ValueKind::kString) {
        return Status::Invalid("serialized object: the payload of 'int' must be a str, got ",
                               ValueKindName(payload->kind()));
      }
      Result<Value> big = Value::BigInt(payload->bytes());
      if (!big.ok()) return big.status().WithContext("serialized object");
      return big;
    }
    if (id == kArrayTypeId || id == kRecordBatchTypeId || id == kTableTypeId) return StreamToArrowKind(id, *payload);
    return Value::Custom(id, std::move(*payload));
  }

  const SerializedObject& object_;
};

}  // namespace

Result<SerializedObject> SerializeValue(const Value& value, MemoryPool* pool) {
  Encoder encoder(pool);
  ARROWPACK_RETURN_NOT_OK(encoder.Append(value));
  return encoder.Finish();
}

Result<Value> DeserializeValue(const SerializedObject& object) {
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<const SequenceReader> reader, OpenSequence(object));
  ARROWPACK_RETURN_NOT_OK(reader->CheckIndexBounds(static_cast<int64_t>(object.tensors.size()),
                                                   static_cast<int64_t>(object.ndarrays.size()),
                                                   static_cast<int64_t>(object.buffers.size()),
                                                   static_cast<int64_t>(object.sparse_tensors.size())));
  if (reader->root().length() != 1) {
    return Status::Invalid("serialized object must hold one top-level value, got ", reader->root().length());
  }
  return Decoder(object).Decode(reader->root(), 0, 0);
}

Status WriteValue(const Value& value, io::OutputStream* sink, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(SerializedObject object, SerializeValue(value, pool));
  return object.WriteTo(sink);
}

Result<Value> ReadValue(io::RandomAccessFile* source) {
  ARROWPACK_ASSIGN_OR_RAISE(SerializedObject object, serialize::ReadSerializedObject(source));
  return DeserializeValue(object);
}

Result<Value> ReadValue(std::shared_ptr<Buffer> buffer) {
  io::BufferReader reader(std::move(buffer));
  return ReadValue(&reader);
}

}  // namespace arrowpack
