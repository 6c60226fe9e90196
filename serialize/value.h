// Value: the C++ object model of a serialized object graph (what Python's serialize() sees as
// None, bool, int, float, bytes, str, list, tuple, dict, set, datetime, ndarray, ...).
//
// Ownership: a Value owns its children by value (a tree, never a cycle); moving one is cheap (a
// few pointers). Array-valued kinds (tensor, ndarray, sparse tensor, buffer, Arrow array, record
// batch, table) hold shared_ptr to immutable data, so copies and decoded values share memory with
// their source instead of copying it.
// Errors: factories that can reject input return Result (BigInt checks its digits; the pointer
// kinds reject nullptr). Accessors are unchecked against the kind for speed and abort on a kind
// mismatch (never undefined behaviour); call kind() or CheckKind() first on untrusted graphs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "arrowpack/core/result.h"

namespace arrowpack {

class Array;
class Buffer;
class RecordBatch;
class SparseTensor;
class Table;
class Tensor;

enum class ValueKind : int8_t {
  kNone,
  kBool,
  kInt,        // int64
  kBigInt,     // an integer outside int64, as a decimal string (pyarrow's default "int" handler)
  kDouble,
  kFloat,      // float32
  kHalfFloat,  // IEEE binary16 bits
  kBytes,
  kString,     // UTF-8
  kList,
  kTuple,
  kDict,       // ordered key/value pairs
  kSet,
  kDatetime,   // microseconds since the Unix epoch, no time zone
  kTensor,     // pa.Tensor
  kNdarray,    // numpy.ndarray (numeric dtypes)
  kSparseTensor,
  kBuffer,
  kArray,      // Arrow array, record batch and table travel through pyarrow's default handlers
  kRecordBatch,
  kTable,
  kCustom,     // a registered type: {type_id, payload}, on the wire {"_pytype_": id, "data": payload}
};

/// "None", "bool", "int", ... (Python's names where there is one).
std::string_view ValueKindName(ValueKind kind);

class Value;
using ValueList = std::vector<Value>;
using ValuePair = std::pair<Value, Value>;
using ValuePairs = std::vector<ValuePair>;

namespace internal {
/// The payload of a kCustom value; boxed so Value stays small. Copies deep-copy the payload.
struct CustomValue {
  std::string type_id;
  std::unique_ptr<Value> payload;

  CustomValue(std::string id, Value value);
  CustomValue(const CustomValue& other);
  CustomValue& operator=(const CustomValue& other);
  CustomValue(CustomValue&&) noexcept = default;
  CustomValue& operator=(CustomValue&&) noexcept = default;
  ~CustomValue();
};
}  // namespace internal

class Value {
 public:
  /// None.
  Value() = default;

  static Value None() { return Value(); }
  static Value Bool(bool v) { return Value(ValueKind::kBool, Storage(std::in_place_type<bool>, v)); }
  static Value Int(int64_t v) { return Value(ValueKind::kInt, Storage(std::in_place_type<int64_t>, v)); }
  /// Invalid unless `decimal` is an optional '-' followed by ASCII digits.
  static Result<Value> BigInt(std::string decimal);
  static Value Double(double v) { return Value(ValueKind::kDouble, Storage(std::in_place_type<double>, v)); }
  static Value Float(float v) { return Value(ValueKind::kFloat, Storage(std::in_place_type<float>, v)); }
  static Value HalfFloat(uint16_t bits) {
    return Value(ValueKind::kHalfFloat, Storage(std::in_place_type<uint16_t>, bits));
  }
  static Value Bytes(std::string v) { return Value(ValueKind::kBytes, Storage(std::move(v))); }
  static Value String(std::string v) { return Value(ValueKind::kString, Storage(std::move(v))); }
  static Value List(ValueList items = {}) { return Value(ValueKind::kList, Storage(std::move(items))); }
  static Value Tuple(ValueList items = {}) { return Value(ValueKind::kTuple, Storage(std::move(items))); }
  static Value Set(ValueList items = {}) { return Value(ValueKind::kSet, Storage(std::move(items))); }
  static Value Dict(ValuePairs pairs = {}) { return Value(ValueKind::kDict, Storage(std::move(pairs))); }
  static Value Datetime(int64_t micros) {
    return Value(ValueKind::kDatetime, Storage(std::in_place_type<int64_t>, micros));
  }
  /// The pointer kinds: Invalid for nullptr.
  static Result<Value> Tensor(std::shared_ptr<arrowpack::Tensor> tensor);
  static Result<Value> Ndarray(std::shared_ptr<arrowpack::Tensor> tensor);
  static Result<Value> SparseTensor(std::shared_ptr<arrowpack::SparseTensor> tensor);
  static Result<Value> Buffer(std::shared_ptr<arrowpack::Buffer> buffer);
  static Result<Value> Array(std::shared_ptr<arrowpack::Array> array);
  static Result<Value> RecordBatch(std::shared_ptr<arrowpack::RecordBatch> batch);
  static Result<Value> Table(std::shared_ptr<arrowpack::Table> table);
  /// Invalid for an empty `type_id`.
  static Result<Value> Custom(std::string type_id, Value payload);

  ValueKind kind() const { return kind_; }
  bool is_none() const { return kind_ == ValueKind::kNone; }
  /// TypeError "expected <kind>, got <kind>" unless kind() == expected.
  Status CheckKind(ValueKind expected) const;

  // Accessors; each aborts when called on another kind.
  bool bool_value() const;
  /// kInt.
  int64_t int_value() const;
  /// kDatetime: microseconds since the epoch.
  int64_t datetime_micros() const;
  /// kBigInt: the decimal digits.
  const std::string& big_int() const;
  double double_value() const;
  float float_value() const;
  uint16_t half_float_bits() const;
  /// kBytes or kString.
  const std::string& bytes() const;
  /// kList, kTuple or kSet.
  const ValueList& items() const;
  ValueList& mutable_items();
  /// kDict.
  const ValuePairs& pairs() const;
  ValuePairs& mutable_pairs();
  /// kTensor or kNdarray.
  const std::shared_ptr<arrowpack::Tensor>& tensor() const;
  const std::shared_ptr<arrowpack::SparseTensor>& sparse_tensor() const;
  const std::shared_ptr<arrowpack::Buffer>& buffer() const;
  const std::shared_ptr<arrowpack::Array>& array() const;
  const std::shared_ptr<arrowpack::RecordBatch>& record_batch() const;
  const std::shared_ptr<arrowpack::Table>& table() const;
  /// kCustom.
  const std::string& custom_type_id() const;
  const Value& custom_payload() const;

  /// Same kind and equal contents, recursively. Floats compare by value except that NaN equals
  /// NaN; containers compare in order (sets too); array kinds compare their data, not identity.
  bool Equals(const Value& other) const;
  friend bool operator==(const Value& a, const Value& b) { return a.Equals(b); }

  /// A short Python-like rendering for messages and test output ("[1, 'a', {b'k': None}]");
  /// array kinds print their kind and shape only.
  std::string ToString() const;

 private:
  using Storage =
      std::variant<std::monostate, bool, int64_t, double, float, uint16_t, std::string, ValueList, ValuePairs,
                   std::shared_ptr<arrowpack::Tensor>, std::shared_ptr<arrowpack::SparseTensor>,
                   std::shared_ptr<arrowpack::Buffer>, std::shared_ptr<arrowpack::Array>,
                   std::shared_ptr<arrowpack::RecordBatch>, std::shared_ptr<arrowpack::Table>, internal::CustomValue>;

  Value(ValueKind kind, Storage storage) : kind_(kind), storage_(std::move(storage)) {}
  /// The storage of a value of one of `kinds`; aborts on any other kind.
  template <typename T, typename... Kinds>
  const T& Get(ValueKind first, Kinds... kinds) const;
  template <typename T>
  static Result<Value> FromPointer(ValueKind kind, T pointer);

  ValueKind kind_ = ValueKind::kNone;
  Storage storage_;
};

}  // namespace arrowpack
