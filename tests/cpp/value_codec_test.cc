// Value <-> the object format: round trips of every kind (through bytes and through components),
// the wire shape of default-handler kinds and custom values, the depth limit, and bad objects.
#include "arrowpack/serialize/value_codec.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/table.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using serialize::SerializedObject;
using testing::Int64s;
using testing::Strings;
using testing::TensorOf;

namespace {

Value Must(Result<Value> value) { return std::move(value).ValueOrDie(); }

// Encodes, writes to bytes and reads back.
Result<Value> ThroughBytes(const Value& value) {
  ARROWPACK_ASSIGN_OR_RAISE(SerializedObject object, SerializeValue(value));
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> bytes, object.ToBuffer());
  return ReadValue(std::move(bytes));
}

// Encodes, splits into components and rebuilds from them.
Result<Value> ThroughComponents(const Value& value) {
  ARROWPACK_ASSIGN_OR_RAISE(SerializedObject object, SerializeValue(value));
  ARROWPACK_ASSIGN_OR_RAISE(serialize::SerializedComponents components, object.GetComponents());
  ARROWPACK_ASSIGN_OR_RAISE(SerializedObject rebuilt, SerializedObject::FromComponents(components));
  return DeserializeValue(rebuilt);
}

TensorPtr Matrix() { return TensorOf<double>(float64(), {1, 0, 2, 0, 0, 3, 4, 0, 0}, {3, 3}); }

Value Nested(int depth) {
  Value value = Value::Int(1);
  for (int i = 0; i < depth; ++i) value = Value::List({std::move(value)});
  return value;
}

Value EveryKind() {
  TensorPtr matrix = Matrix();
  ArrayPtr ints = Int64s({1, std::nullopt, 3});
  auto batch = RecordBatch::FromArrays({ints, Strings({"a", "b", std::nullopt})}, {"i", "s"}).ValueOrDie();
  auto table = Table::FromRecordBatches({batch, batch}).ValueOrDie();
  return Value::Dict({
      {Value::String("none"), Value::None()},
      {Value::String("bools"), Value::List({Value::Bool(true), Value::Bool(false)})},
      {Value::String("ints"), Value::Tuple({Value::Int(0), Value::Int(-1), Value::Int(INT64_MAX), Value::Int(INT64_MIN)})},
      {Value::String("big"), Must(Value::BigInt("-340282366920938463463374607431768211456"))},
      {Value::String("floats"), Value::List({Value::Double(2.5), Value::Float(-1.5f), Value::HalfFloat(0x3C00),
                                             Value::Double(std::nan(""))})},
      {Value::String("text"), Value::List({Value::Bytes(std::string("\0\xff", 2)), Value::String("h\xc3\xa9llo"),
                                           Value::String("")})},
      {Value::String("set"), Value::Set({Value::Int(3), Value::String("x")})},
      {Value::String("when"), Value::Datetime(1'600'000'000'123'456)},
      {Value::Int(7), Value::Dict({{Value::Bytes("k"), Value::Tuple()}})},
      {Value::String("ndarray"), Must(Value::Ndarray(matrix))},
      {Value::String("tensor"), Must(Value::Tensor(TensorOf<int32_t>(int32(), {1, 2, 3}, {3})))},
      {Value::String("coo"), Must(Value::SparseTensor(*SparseTensor::FromTensor(*matrix, SparseTensorFormat::COO)))},
      {Value::String("csr"), Must(Value::SparseTensor(*SparseTensor::FromTensor(*matrix, SparseTensorFormat::CSR)))},
      {Value::String("csc"), Must(Value::SparseTensor(*SparseTensor::FromTensor(*matrix, SparseTensorFormat::CSC)))},
      {Value::String("csf"), Must(Value::SparseTensor(*SparseTensor::FromTensorCSF(*matrix, {0, 1})))},
      {Value::String("buffer"), Must(Value::Buffer(Buffer::FromString("raw bytes")))},
      {Value::String("array"), Must(Value::Array(ints))},
      {Value::String("batch"), Must(Value::RecordBatch(batch))},
      {Value::String("table"), Must(Value::Table(table))},
      {Value::String("custom"), Must(Value::Custom("example.Point", Value::Tuple({Value::Int(1), Value::Int(2)})))},
      {Value::String("empty"), Value::List({Value::List(), Value::Tuple(), Value::Set(), Value::Dict()})},
      {Value::String("nested"), Nested(20)},
  });
}

}  // namespace

TEST(ValueCodecTest, EveryKindRoundTripsThroughBytes) {
  Value value = EveryKind();
  ASSERT_OK_AND_ASSIGN(Value back, ThroughBytes(value));
  EXPECT_EQ(back, value) << back.ToString();
}

TEST(ValueCodecTest, EveryKindRoundTripsThroughComponents) {
  Value value = EveryKind();
  ASSERT_OK_AND_ASSIGN(Value back, ThroughComponents(value));
  EXPECT_EQ(back, value) << back.ToString();
}

TEST(ValueCodecTest, EachScalarAloneRoundTrips) {
  for (const Value& value : {Value::None(), Value::Bool(true), Value::Int(42), Value::Double(-0.5), Value::Float(3.f),
                             Value::HalfFloat(0xC000), Value::Bytes(""), Value::String("s"), Value::Datetime(-1),
                             Must(Value::BigInt("18446744073709551616"))}) {
    ASSERT_OK_AND_ASSIGN(Value back, ThroughBytes(value));
    EXPECT_EQ(back, value) << value.ToString();
  }
}

TEST(ValueCodecTest, EmptyContainersRoundTrip) {
  for (const Value& value : {Value::List(), Value::Tuple(), Value::Set(), Value::Dict()}) {
    ASSERT_OK_AND_ASSIGN(Value back, ThroughBytes(value));
    EXPECT_EQ(back, value) << value.ToString();
  }
}

TEST(ValueCodecTest, ArraysComeBackAsViewsOfTheInput) {
  ASSERT_OK_AND_ASSIGN(Value ndarray, Value::Ndarray(Matrix()));
  ASSERT_OK_AND_ASSIGN(SerializedObject object, SerializeValue(Value::List({ndarray})));
  EXPECT_EQ(object.ndarrays.at(0), ndarray.tensor());  // encoding shares, never copies
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<Buffer> bytes, object.ToBuffer());
  ASSERT_OK_AND_ASSIGN(Value back, ReadValue(bytes));
  const uint8_t* data = back.items().at(0).tensor()->raw_data();
  EXPECT_GE(data, bytes->data());
  EXPECT_LT(data, bytes->data() + bytes->size());
  EXPECT_EQ((data - bytes->data()) % 64, 0);
}

TEST(ValueCodecTest, CustomTravelsAsPyarrowCallbackDict) {
  // The wire form is the dict {"data": payload, "_pytype_": id}; a dict of that shape written by
  // anyone decodes as the custom value.
  Value payload = Value::List({Value::Int(1)});
  Value as_dict = Value::Dict({{Value::String("data"), payload}, {Value::String("_pytype_"), Value::String("T")}});
  ASSERT_OK_AND_ASSIGN(Value from_dict, ThroughBytes(as_dict));
  EXPECT_EQ(from_dict, Must(Value::Custom("T", payload)));
  Value reversed = Value::Dict({{Value::String("_pytype_"), Value::String("T")}, {Value::String("data"), payload}});
  ASSERT_OK_AND_ASSIGN(Value from_reversed, ThroughBytes(reversed));
  EXPECT_EQ(from_reversed, Must(Value::Custom("T", payload)));
  // Python 2 writers stored the id as bytes.
  Value bytes_id = Value::Dict({{Value::String("data"), payload}, {Value::String("_pytype_"), Value::Bytes("T")}});
  ASSERT_OK_AND_ASSIGN(Value from_bytes_id, ThroughBytes(bytes_id));
  EXPECT_EQ(from_bytes_id, Must(Value::Custom("T", payload)));
}

TEST(ValueCodecTest, DefaultHandlerKindsUsePyarrowIds) {
  Value big_as_dict =
      Value::Dict({{Value::String("data"), Value::String("99999999999999999999")}, {Value::String("_pytype_"), Value::String("int")}});
  ASSERT_OK_AND_ASSIGN(Value big, ThroughBytes(big_as_dict));
  EXPECT_EQ(big, Must(Value::BigInt("99999999999999999999")));

  // An Arrow array is a buffer holding an IPC stream of a one-column batch whose field is named
  // "", as pyarrow's handler writes it.
  ArrayPtr ints = Int64s({4, 5});
  ASSERT_OK_AND_ASSIGN(SerializedObject object, SerializeValue(Must(Value::Array(ints))));
  ASSERT_EQ(object.buffers.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(object.buffers[0])));
  ASSERT_EQ(reader->schema()->num_fields(), 1);
  EXPECT_EQ(reader->schema()->field(0)->name(), "");
  ASSERT_OK_AND_ASSIGN(Value stream, Value::Buffer(object.buffers[0]));
  ASSERT_OK_AND_ASSIGN(Value array, ThroughBytes(Value::Dict(
                                        {{Value::String("data"), stream}, {Value::String("_pytype_"), Value::String("pyarrow.Array")}})));
  ASSERT_EQ(array.kind(), ValueKind::kArray);
  EXPECT_TRUE(array.array()->Equals(*ints));
}

TEST(ValueCodecTest, OtherPytypeDictsStayDicts) {
  // Shapes Python writes for pickled, namedtuple and __dict__ objects: left for the caller.
  Value pickled = Value::Dict({{Value::String("data"), Value::Bytes("\x80\x05.")},
                               {Value::String("pickle"), Value::Bool(true)},
                               {Value::String("_pytype_"), Value::String("function")}});
  Value plain = Value::Dict({{Value::String("x"), Value::Int(1)}, {Value::String("_pytype_"), Value::String("P")}});
  Value id_not_str = Value::Dict({{Value::String("data"), Value::Int(1)}, {Value::String("_pytype_"), Value::Int(2)}});
  for (const Value& value : {pickled, plain, id_not_str}) {
    ASSERT_OK_AND_ASSIGN(Value back, ThroughBytes(value));
    EXPECT_EQ(back, value);
  }
}

TEST(ValueCodecTest, DeeplyNestedValuesRoundTrip) {
  // pyarrow 11 reads back up to about 30 levels (its IPC schema depth limit); so does arrowpack.
  ASSERT_OK_AND_ASSIGN(Value back, ThroughBytes(Nested(30)));
  EXPECT_EQ(back, Nested(30));
}

TEST(ValueCodecTest, NestingPastTheRecursionLimitFailsToEncode) {
  ASSERT_RAISES_WITH(NotImplemented, "exceeds the maximum recursion depth", SerializeValue(Nested(101)));
  ASSERT_OK_AND_ASSIGN(Value custom, Value::Custom("deep", Nested(100)));
  ASSERT_RAISES_WITH(NotImplemented, "maximum recursion depth", SerializeValue(custom));
}

TEST(ValueCodecTest, ValuesWrittenOneAfterAnotherReadBackInTurn) {
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  std::vector<Value> values = {Value::Int(1), Must(Value::Ndarray(Matrix())), Value::String("three")};
  for (const Value& value : values) ASSERT_OK(WriteValue(value, sink.get()));
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<Buffer> bytes, sink->Finish());
  io::BufferReader source(bytes);
  for (const Value& value : values) {
    ASSERT_OK_AND_ASSIGN(Value back, ReadValue(&source));
    EXPECT_EQ(back, value);
  }
}

TEST(ValueCodecTest, BadIntPayloadIsInvalid) {
  Value not_str = Value::Dict({{Value::String("data"), Value::Int(5)}, {Value::String("_pytype_"), Value::String("int")}});
  ASSERT_RAISES_WITH(Invalid, "payload of 'int' must be a str, got int", ThroughBytes(not_str));
  Value not_digits =
      Value::Dict({{Value::String("data"), Value::String("12x")}, {Value::String("_pytype_"), Value::String("int")}});
  ASSERT_RAISES_WITH(Invalid, "not a decimal integer", ThroughBytes(not_digits));
}

TEST(ValueCodecTest, BadArrowPayloadIsInvalid) {
  auto wrap = [](Value payload, const char* id) {
    return Value::Dict({{Value::String("data"), std::move(payload)}, {Value::String("_pytype_"), Value::String(id)}});
  };
  ASSERT_RAISES_WITH(Invalid, "payload of 'pyarrow.Table' must be a buffer, got int",
                     ThroughBytes(wrap(Value::Int(1), "pyarrow.Table")));
  ASSERT_RAISES_WITH(Invalid, "'pyarrow.Array' payload",
                     ThroughBytes(wrap(Must(Value::Buffer(Buffer::FromString("not a stream"))), "pyarrow.Array")));
  // A stream with a two-column batch is not an array.
  auto batch = RecordBatch::FromArrays({Int64s({1}), Int64s({2})}, {"a", "b"}).ValueOrDie();
  ASSERT_OK_AND_ASSIGN(SerializedObject two_columns, SerializeValue(Must(Value::RecordBatch(batch))));
  ASSERT_RAISES_WITH(Invalid, "must hold one column, got 2",
                     ThroughBytes(wrap(Must(Value::Buffer(two_columns.buffers[0])), "pyarrow.Array")));
}

TEST(ValueCodecTest, IndexOutsideTheObjectIsInvalid) {
  ASSERT_OK_AND_ASSIGN(SerializedObject object, SerializeValue(Value::List({Must(Value::Ndarray(Matrix()))})));
  object.ndarrays.clear();
  ASSERT_RAISES_WITH(Invalid, "index 0", DeserializeValue(object));
}

TEST(ValueCodecTest, MoreThanOneTopLevelValueIsInvalid) {
  serialize::SequenceWriter writer;
  ASSERT_OK(writer.AppendInt64(1));
  ASSERT_OK(writer.AppendInt64(2));
  SerializedObject object;
  ASSERT_OK_AND_ASSIGN(object.batch, writer.Finish());
  ASSERT_RAISES_WITH(Invalid, "one top-level value, got 2", DeserializeValue(object));
  ASSERT_RAISES_WITH(Invalid, "no record batch", DeserializeValue(SerializedObject{}));
}

// ---- blobs written by real pyarrow releases (openprescribing's MatrixStore fixtures) ----------

namespace {

std::shared_ptr<Buffer> ReadLegacyBlob(const std::string& name) {
  std::ifstream file(std::string(ARROWPACK_LEGACY_SERIALIZE_DIR) + "/" + name, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(bytes.empty()) << name;
  return Buffer::FromVector(std::move(bytes));
}

// Sum and count of the non-zero elements of a 1-d or 2-d tensor of uint8, int32, int64 or float64.
std::pair<double, int64_t> SumAndNonZero(const Tensor& tensor) {
  double sum = 0;
  int64_t non_zero = 0;
  const int64_t rows = tensor.shape().at(0);
  const int64_t cols = tensor.ndim() == 2 ? tensor.shape()[1] : 1;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      std::vector<int64_t> index = tensor.ndim() == 2 ? std::vector<int64_t>{r, c} : std::vector<int64_t>{r};
      double v = 0;
      switch (tensor.type_id()) {
        case TypeId::DOUBLE: v = tensor.Value<double>(index); break;
        case TypeId::INT64: v = static_cast<double>(tensor.Value<int64_t>(index)); break;
        case TypeId::INT32: v = tensor.Value<int32_t>(index); break;
        case TypeId::UINT8: v = tensor.Value<uint8_t>(index); break;
        default: ADD_FAILURE() << "unexpected type " << tensor.type()->ToString(); break;
      }
      sum += v;
      non_zero += v != 0;
    }
  }
  return {sum, non_zero};
}

struct LegacyValueCase {
  const char* file;
  bool sparse;
  TypeId type;  // of the dense matrix or of the sparse data
  double sum;   // from expected-values.json; NaN: not checked (the 0.14.1 fixture holds other values)
  int64_t non_zero;
};

constexpr double kNoSum = std::numeric_limits<double>::quiet_NaN();

class LegacyValue : public ::testing::TestWithParam<LegacyValueCase> {};

}  // namespace

TEST_P(LegacyValue, DecodesToTheExpectedMatrix) {
  const LegacyValueCase& c = GetParam();
  ASSERT_OK_AND_ASSIGN(Value value, ReadValue(ReadLegacyBlob(c.file)));
  if (!c.sparse) {
    ASSERT_EQ(value.kind(), ValueKind::kNdarray) << value.ToString();
    EXPECT_EQ(value.tensor()->shape(), (std::vector<int64_t>{16, 4}));
    EXPECT_EQ(value.tensor()->type_id(), c.type);
    if (!std::isnan(c.sum)) {
      auto [sum, non_zero] = SumAndNonZero(*value.tensor());
      EXPECT_DOUBLE_EQ(sum, c.sum);
      EXPECT_EQ(non_zero, c.non_zero);
    }
    return;
  }
  // scipy csc_matrix under the id "csc": ((data, indices, indptr), shape).
  ASSERT_EQ(value.kind(), ValueKind::kCustom) << value.ToString();
  EXPECT_EQ(value.custom_type_id(), "csc");
  const Value& payload = value.custom_payload();
  ASSERT_EQ(payload.kind(), ValueKind::kTuple);
  ASSERT_EQ(payload.items().size(), 2u);
  EXPECT_EQ(payload.items()[1], Value::Tuple({Value::Int(16), Value::Int(4)}));
  const ValueList& parts = payload.items()[0].items();
  ASSERT_EQ(parts.size(), 3u);
  for (const Value& part : parts) ASSERT_EQ(part.kind(), ValueKind::kNdarray);
  EXPECT_EQ(parts[0].tensor()->type_id(), c.type);
  if (!std::isnan(c.sum)) {
    auto [sum, non_zero] = SumAndNonZero(*parts[0].tensor());
    EXPECT_DOUBLE_EQ(sum, c.sum);
    EXPECT_EQ(non_zero, c.non_zero);
  }
  EXPECT_EQ(parts[1].tensor()->shape(), (std::vector<int64_t>{c.non_zero}));  // row indices
  EXPECT_EQ(parts[2].tensor()->shape(), (std::vector<int64_t>{5}));           // indptr: 4 columns + 1
}

INSTANTIATE_TEST_SUITE_P(
    Pyarrow, LegacyValue,
    ::testing::Values(
        LegacyValueCase{"pyarrow-1.0.0_dense.float.uncompressed.bin", false, TypeId::DOUBLE, 0.41668800819512386, 4},
        LegacyValueCase{"pyarrow-1.0.0_dense.integer.uncompressed.bin", false, TypeId::INT64, 40, 8},
        LegacyValueCase{"pyarrow-1.0.0_sparse.float.uncompressed.bin", true, TypeId::DOUBLE, 1.4696140235018165, 8},
        LegacyValueCase{"pyarrow-1.0.0_sparse.integer.uncompressed.bin", true, TypeId::UINT8, 224, 8},
        LegacyValueCase{"pyarrow-0.14.1_dense.float.uncompressed.bin", false, TypeId::DOUBLE, kNoSum, 8},
        LegacyValueCase{"pyarrow-0.14.1_dense.integer.uncompressed.bin", false, TypeId::INT64, kNoSum, 8},
        // Written under Python 2.7: the "_pytype_" id is bytes.
        LegacyValueCase{"pyarrow-0.14.1_sparse.float.uncompressed.bin", true, TypeId::DOUBLE, kNoSum, 8},
        LegacyValueCase{"pyarrow-0.14.1_sparse.integer.uncompressed.bin", true, TypeId::UINT8, kNoSum, 8}));

}  // namespace arrowpack
