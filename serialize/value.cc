// Value: factories, kind-checked accessors, deep equality and the debug rendering.
#include "arrowpack/serialize/value.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/table.h"
#include "arrowpack/core/tensor.h"

namespace arrowpack {

namespace internal {

CustomValue::CustomValue(std::string id, Value value)
    : type_id(std::move(id)), payload(std::make_unique<Value>(std::move(value))) {}
CustomValue::CustomValue(const CustomValue& other)
    : type_id(other.type_id), payload(std::make_unique<Value>(*other.payload)) {}
CustomValue& CustomValue::operator=(const CustomValue& other) {
  if (this != &other) {
    type_id = other.type_id;
    payload = std::make_unique<Value>(*other.payload);
  }
  return *this;
}
CustomValue::~CustomValue() = default;

}  // namespace internal

std::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNone: return "None";
    case ValueKind::kBool: return "bool";
    case ValueKind::kInt: return "int";
    case ValueKind::kBigInt: return "big int";
    case ValueKind::kDouble: return "float";
    case ValueKind::kFloat: return "float32";
    case ValueKind::kHalfFloat: return "float16";
    case ValueKind::kBytes: return "bytes";
    case ValueKind::kString: return "str";
    case ValueKind::kList: return "list";
    case ValueKind::kTuple: return "tuple";
    case ValueKind::kDict: return "dict";
    case ValueKind::kSet: return "set";
    case ValueKind::kDatetime: return "datetime";
    case ValueKind::kTensor: return "tensor";
    case ValueKind::kNdarray: return "ndarray";
    case ValueKind::kSparseTensor: return "sparse tensor";
    case ValueKind::kBuffer: return "buffer";
    case ValueKind::kArray: return "array";
    case ValueKind::kRecordBatch: return "record batch";
    case ValueKind::kTable: return "table";
    case ValueKind::kCustom: return "custom";
  }
  return "unknown";
}

Result<Value> Value::BigInt(std::string decimal) {
  const size_t digits_start = (!decimal.empty() && decimal[0] == '-') ? 1 : 0;
  bool ok = decimal.size() > digits_start;
  for (size_t i = digits_start; ok && i < decimal.size(); ++i) ok = decimal[i] >= '0' && decimal[i] <= '9';
  if (!ok) return Status::Invalid("big int is not a decimal integer: '", decimal, "'");
  return Value(ValueKind::kBigInt, Storage(std::move(decimal)));
}

template <typename T>
Result<Value> Value::FromPointer(ValueKind kind, T pointer) {
  if (pointer == nullptr) return Status::Invalid("a ", ValueKindName(kind), " value needs a non-null pointer");
  return Value(kind, Storage(std::move(pointer)));
}

Result<Value> Value::Tensor(std::shared_ptr<arrowpack::Tensor> tensor) {
  return FromPointer(ValueKind::kTensor, std::move(tensor));
}
Result<Value> Value::Ndarray(std::shared_ptr<arrowpack::Tensor> tensor) {
  return FromPointer(ValueKind::kNdarray, std::move(tensor));
}
Result<Value> Value::SparseTensor(std::shared_ptr<arrowpack::SparseTensor> tensor) {
  return FromPointer(ValueKind::kSparseTensor, std::move(tensor));
}
Result<Value> Value::Buffer(std::shared_ptr<arrowpack::Buffer> buffer) {
  return FromPointer(ValueKind::kBuffer, std::move(buffer));
}
Result<Value> Value::Array(std::shared_ptr<arrowpack::Array> array) {
  return FromPointer(ValueKind::kArray, std::move(array));
}
Result<Value> Value::RecordBatch(std::shared_ptr<arrowpack::RecordBatch> batch) {
  return FromPointer(ValueKind::kRecordBatch, std::move(batch));
}
Result<Value> Value::Table(std::shared_ptr<arrowpack::Table> table) {
  return FromPointer(ValueKind::kTable, std::move(table));
}

Result<Value> Value::Custom(std::string type_id, Value payload) {
  if (type_id.empty()) return Status::Invalid("a custom value needs a non-empty type id");
  return Value(ValueKind::kCustom, Storage(internal::CustomValue(std::move(type_id), std::move(payload))));
}

Status Value::CheckKind(ValueKind expected) const {
  if (kind_ == expected) return Status::OK();
  return Status::TypeError("expected a ", ValueKindName(expected), " value, got ", ValueKindName(kind_));
}

template <typename T, typename... Kinds>
const T& Value::Get(ValueKind first, Kinds... kinds) const {
  if (kind_ != first && ((kind_ != kinds) && ...)) {
    Status::TypeError("Value accessor for ", ValueKindName(first), " called on a ", ValueKindName(kind_), " value")
        .Abort("arrowpack::Value");
  }
  return std::get<T>(storage_);
}

bool Value::bool_value() const { return Get<bool>(ValueKind::kBool); }
int64_t Value::int_value() const { return Get<int64_t>(ValueKind::kInt); }
int64_t Value::datetime_micros() const { return Get<int64_t>(ValueKind::kDatetime); }
const std::string& Value::big_int() const { return Get<std::string>(ValueKind::kBigInt); }
double Value::double_value() const { return Get<double>(ValueKind::kDouble); }
float Value::float_value() const { return Get<float>(ValueKind::kFloat); }
uint16_t Value::half_float_bits() const { return Get<uint16_t>(ValueKind::kHalfFloat); }
const std::string& Value::bytes() const { return Get<std::string>(ValueKind::kBytes, ValueKind::kString); }
const ValueList& Value::items() const { return Get<ValueList>(ValueKind::kList, ValueKind::kTuple, ValueKind::kSet); }
ValueList& Value::mutable_items() { return const_cast<ValueList&>(items()); }
const ValuePairs& Value::pairs() const { return Get<ValuePairs>(ValueKind::kDict); }
ValuePairs& Value::mutable_pairs() { return const_cast<ValuePairs&>(pairs()); }
const std::shared_ptr<Tensor>& Value::tensor() const {
  return Get<std::shared_ptr<arrowpack::Tensor>>(ValueKind::kTensor, ValueKind::kNdarray);
}
const std::shared_ptr<SparseTensor>& Value::sparse_tensor() const {
  return Get<std::shared_ptr<arrowpack::SparseTensor>>(ValueKind::kSparseTensor);
}
const std::shared_ptr<Buffer>& Value::buffer() const {
  return Get<std::shared_ptr<arrowpack::Buffer>>(ValueKind::kBuffer);
}
const std::shared_ptr<Array>& Value::array() const { return Get<std::shared_ptr<arrowpack::Array>>(ValueKind::kArray); }
const std::shared_ptr<RecordBatch>& Value::record_batch() const {
  return Get<std::shared_ptr<arrowpack::RecordBatch>>(ValueKind::kRecordBatch);
}
const std::shared_ptr<Table>& Value::table() const { return Get<std::shared_ptr<arrowpack::Table>>(ValueKind::kTable); }
const std::string& Value::custom_type_id() const { return Get<internal::CustomValue>(ValueKind::kCustom).type_id; }
const Value& Value::custom_payload() const { return *Get<internal::CustomValue>(ValueKind::kCustom).payload; }

namespace {

template <typename F>
bool FloatEquals(F a, F b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

template <typename T>
bool PointeeEquals(const std::shared_ptr<T>& a, const std::shared_ptr<T>& b) {
  return a == b || a->Equals(*b);
}

}  // namespace

bool Value::Equals(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case ValueKind::kNone: return true;
    case ValueKind::kBool: return bool_value() == other.bool_value();
    case ValueKind::kInt:
    case ValueKind::kDatetime: return std::get<int64_t>(storage_) == std::get<int64_t>(other.storage_);
    case ValueKind::kBigInt:
    case ValueKind::kBytes:
    case ValueKind::kString: return std::get<std::string>(storage_) == std::get<std::string>(other.storage_);
    case ValueKind::kDouble: return FloatEquals(double_value(), other.double_value());
    case ValueKind::kFloat: return FloatEquals(float_value(), other.float_value());
    case ValueKind::kHalfFloat:
      return FloatEquals(internal::HalfToFloat(half_float_bits()), internal::HalfToFloat(other.half_float_bits()));
    case ValueKind::kList:
    case ValueKind::kTuple:
    case ValueKind::kSet: return items() == other.items();
    case ValueKind::kDict: return pairs() == other.pairs();
    case ValueKind::kTensor:
    case ValueKind::kNdarray: return PointeeEquals(tensor(), other.tensor());
    case ValueKind::kSparseTensor: return PointeeEquals(sparse_tensor(), other.sparse_tensor());
    case ValueKind::kBuffer: return PointeeEquals(buffer(), other.buffer());
    case ValueKind::kArray: return PointeeEquals(array(), other.array());
    case ValueKind::kRecordBatch: return PointeeEquals(record_batch(), other.record_batch());
    case ValueKind::kTable: return PointeeEquals(table(), other.table());
    case ValueKind::kCustom:
      return custom_type_id() == other.custom_type_id() && custom_payload() == other.custom_payload();
  }
  return false;
}

namespace {

void AppendQuoted(std::ostringstream& out, const std::string& text) {
  out << '\'';
  for (unsigned char c : text) {
    if (c == '\'' || c == '\\') {
      out << '\\' << c;
    } else if (c >= 0x20 && c < 0x7F) {
      out << c;
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\x%02x", c);
      out << escaped;
    }
  }
  out << '\'';
}

void AppendShape(std::ostringstream& out, const std::vector<int64_t>& shape) {
  out << '(';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << (shape.size() == 1 ? ",)" : ")");
}

void AppendItems(std::ostringstream& out, const ValueList& items, const char* open, const char* close) {
  out << open;
  for (size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << items[i].ToString();
  if (items.size() == 1 && open[0] == '(') out << ',';
  out << close;
}

}  // namespace

std::string Value::ToString() const {
  std::ostringstream out;
  switch (kind_) {
    case ValueKind::kNone: out << "None"; break;
    case ValueKind::kBool: out << (bool_value() ? "True" : "False"); break;
    case ValueKind::kInt: out << int_value(); break;
    case ValueKind::kBigInt: out << big_int(); break;
    case ValueKind::kDouble: out << double_value(); break;
    case ValueKind::kFloat: out << "float32(" << float_value() << ')'; break;
    case ValueKind::kHalfFloat: out << "float16(" << internal::HalfToFloat(half_float_bits()) << ')'; break;
    case ValueKind::kBytes: out << 'b'; AppendQuoted(out, bytes()); break;
    case ValueKind::kString: AppendQuoted(out, bytes()); break;
    case ValueKind::kList: AppendItems(out, items(), "[", "]"); break;
    case ValueKind::kTuple: AppendItems(out, items(), "(", ")"); break;
    case ValueKind::kSet: items().empty() ? void(out << "set()") : AppendItems(out, items(), "{", "}"); break;
    case ValueKind::kDict:
      out << '{';
      for (size_t i = 0; i < pairs().size(); ++i) {
        out << (i ? ", " : "") << pairs()[i].first.ToString() << ": " << pairs()[i].second.ToString();
      }
      out << '}';
      break;
    case ValueKind::kDatetime: out << "datetime(" << datetime_micros() << "us)"; break;
    case ValueKind::kTensor:
    case ValueKind::kNdarray:
      out << ValueKindName(kind_) << '<' << tensor()->type()->ToString() << ", ";
      AppendShape(out, tensor()->shape());
      out << '>';
      break;
    case ValueKind::kSparseTensor:
      out << "sparse tensor<" << sparse_tensor()->type()->ToString() << ", ";
      AppendShape(out, sparse_tensor()->shape());
      out << '>';
      break;
    case ValueKind::kBuffer: out << "buffer<" << buffer()->size() << " bytes>"; break;
    case ValueKind::kArray: out << "array<" << array()->type()->ToString() << ", " << array()->length() << '>'; break;
    case ValueKind::kRecordBatch: out << "record batch<" << record_batch()->num_rows() << " rows>"; break;
    case ValueKind::kTable: out << "table<" << table()->num_rows() << " rows>"; break;
    case ValueKind::kCustom: out << "custom<"; AppendQuoted(out, custom_type_id()); out << ": " << custom_payload().ToString() << '>'; break;
  }
  return out.str();
}

}  // namespace arrowpack
