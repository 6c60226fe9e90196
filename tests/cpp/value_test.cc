#include "arrowpack/serialize/value.h"

#include <cmath>

#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/table.h"
#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::Int64s;
using testing::TensorOf;

TEST(ValueTest, DefaultIsNone) {
  Value value;
  EXPECT_TRUE(value.is_none());
  EXPECT_EQ(value.kind(), ValueKind::kNone);
  EXPECT_EQ(value.ToString(), "None");
}

TEST(ValueTest, ScalarsKeepKindAndValue) {
  EXPECT_TRUE(Value::Bool(true).bool_value());
  EXPECT_EQ(Value::Int(-7).int_value(), -7);
  EXPECT_EQ(Value::Datetime(1'600'000'000'000'000).datetime_micros(), 1'600'000'000'000'000);
  EXPECT_EQ(Value::Double(2.5).double_value(), 2.5);
  EXPECT_EQ(Value::Float(1.5f).float_value(), 1.5f);
  EXPECT_EQ(Value::HalfFloat(0x3C00).half_float_bits(), 0x3C00);
  EXPECT_EQ(Value::Bytes("a\0b").bytes(), std::string("a\0b"));
  EXPECT_EQ(Value::String("héllo").bytes(), "héllo");
  EXPECT_EQ(Value::Int(1).kind(), ValueKind::kInt);
  EXPECT_EQ(Value::Datetime(1).kind(), ValueKind::kDatetime);
  EXPECT_EQ(Value::Bytes("x").kind(), ValueKind::kBytes);
  EXPECT_EQ(Value::String("x").kind(), ValueKind::kString);
}

TEST(ValueTest, IntAndDatetimeAreDifferentValues) {
  EXPECT_NE(Value::Int(5), Value::Datetime(5));
  EXPECT_NE(Value::Bytes("a"), Value::String("a"));
  EXPECT_NE(Value::List({Value::Int(1)}), Value::Tuple({Value::Int(1)}));
  EXPECT_NE(Value::Double(1.0), Value::Float(1.0f));
}

TEST(ValueTest, BigIntKeepsDigits) {
  ASSERT_OK_AND_ASSIGN(Value big, Value::BigInt("-123456789012345678901234567890"));
  EXPECT_EQ(big.kind(), ValueKind::kBigInt);
  EXPECT_EQ(big.big_int(), "-123456789012345678901234567890");
}

TEST(ValueTest, BigIntRejectsNonDigits) {
  ASSERT_RAISES_WITH(Invalid, "not a decimal integer", Value::BigInt(""));
  ASSERT_RAISES_WITH(Invalid, "not a decimal integer", Value::BigInt("-"));
  ASSERT_RAISES_WITH(Invalid, "'12a'", Value::BigInt("12a"));
  ASSERT_RAISES(Invalid, Value::BigInt("+1"));
  ASSERT_RAISES(Invalid, Value::BigInt("1 "));
}

TEST(ValueTest, ContainersHoldChildrenInOrder) {
  Value list = Value::List({Value::Int(1), Value::String("a"), Value::None()});
  ASSERT_EQ(list.items().size(), 3u);
  EXPECT_EQ(list.items()[1], Value::String("a"));
  Value dict = Value::Dict({{Value::String("k"), Value::Int(1)}, {Value::Int(2), list}});
  ASSERT_EQ(dict.pairs().size(), 2u);
  EXPECT_EQ(dict.pairs()[1].first, Value::Int(2));
  EXPECT_EQ(dict.pairs()[1].second, list);
  EXPECT_EQ(Value::Set({Value::Int(3)}).items()[0], Value::Int(3));
  EXPECT_EQ(Value::Tuple().items().size(), 0u);
}

TEST(ValueTest, MutableItemsEditInPlace) {
  Value list = Value::List();
  list.mutable_items().push_back(Value::Int(4));
  Value dict = Value::Dict();
  dict.mutable_pairs().emplace_back(Value::String("x"), Value::Bool(false));
  EXPECT_EQ(list, Value::List({Value::Int(4)}));
  EXPECT_EQ(dict.pairs().size(), 1u);
}

TEST(ValueTest, MoveLeavesSourceUsableAndCopyIsDeep) {
  ASSERT_OK_AND_ASSIGN(Value custom, Value::Custom("point", Value::List({Value::Int(1), Value::Int(2)})));
  Value copy = custom;
  Value moved = std::move(custom);
  EXPECT_EQ(copy, moved);
  EXPECT_NE(&copy.custom_payload(), &moved.custom_payload());
  Value list = Value::List({copy});
  Value list_copy = list;
  list_copy.mutable_items().push_back(Value::None());
  EXPECT_EQ(list.items().size(), 1u);
}

TEST(ValueTest, CustomKeepsIdAndPayload) {
  ASSERT_OK_AND_ASSIGN(Value custom, Value::Custom("csc", Value::Tuple({Value::Int(16), Value::Int(4)})));
  EXPECT_EQ(custom.kind(), ValueKind::kCustom);
  EXPECT_EQ(custom.custom_type_id(), "csc");
  EXPECT_EQ(custom.custom_payload(), Value::Tuple({Value::Int(16), Value::Int(4)}));
  EXPECT_EQ(custom.ToString(), "custom<'csc': (16, 4)>");
  ASSERT_OK_AND_ASSIGN(Value other_id, Value::Custom("csr", Value::Tuple({Value::Int(16), Value::Int(4)})));
  EXPECT_NE(custom, other_id);
}

TEST(ValueTest, CustomNeedsAnId) { ASSERT_RAISES_WITH(Invalid, "type id", Value::Custom("", Value::None())); }

TEST(ValueTest, PointerKindsShareTheirData) {
  TensorPtr tensor = TensorOf<double>(float64(), {1, 2, 3, 4}, {2, 2});
  ASSERT_OK_AND_ASSIGN(Value ndarray, Value::Ndarray(tensor));
  ASSERT_OK_AND_ASSIGN(Value as_tensor, Value::Tensor(tensor));
  EXPECT_EQ(ndarray.tensor(), tensor);
  EXPECT_NE(ndarray, as_tensor);
  EXPECT_EQ(ndarray.ToString(), "ndarray<double, (2, 2)>");

  ASSERT_OK_AND_ASSIGN(auto sparse, SparseTensor::FromTensor(*tensor, SparseTensorFormat::CSR));
  ASSERT_OK_AND_ASSIGN(Value sparse_value, Value::SparseTensor(sparse));
  EXPECT_EQ(sparse_value.sparse_tensor(), sparse);

  std::shared_ptr<Buffer> buffer = Buffer::FromString("abc");
  ASSERT_OK_AND_ASSIGN(Value buffer_value, Value::Buffer(buffer));
  EXPECT_EQ(buffer_value.buffer(), buffer);
  EXPECT_EQ(buffer_value.ToString(), "buffer<3 bytes>");

  ArrayPtr array = Int64s({1, std::nullopt, 3});
  ASSERT_OK_AND_ASSIGN(Value array_value, Value::Array(array));
  EXPECT_EQ(array_value.array(), array);
  ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::FromArrays({array}, {"f0"}));
  ASSERT_OK_AND_ASSIGN(Value batch_value, Value::RecordBatch(batch));
  EXPECT_EQ(batch_value.record_batch(), batch);
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(batch->schema(), ArrayVector{array}));
  ASSERT_OK_AND_ASSIGN(Value table_value, Value::Table(table));
  EXPECT_EQ(table_value.table(), table);
  EXPECT_EQ(table_value.ToString(), "table<3 rows>");
}

TEST(ValueTest, PointerKindsCompareByContents) {
  ASSERT_OK_AND_ASSIGN(Value a, Value::Ndarray(TensorOf<int64_t>(int64(), {1, 2}, {2})));
  ASSERT_OK_AND_ASSIGN(Value b, Value::Ndarray(TensorOf<int64_t>(int64(), {1, 2}, {2})));
  ASSERT_OK_AND_ASSIGN(Value c, Value::Ndarray(TensorOf<int64_t>(int64(), {1, 3}, {2})));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  ASSERT_OK_AND_ASSIGN(Value x, Value::Buffer(Buffer::FromString("xy")));
  ASSERT_OK_AND_ASSIGN(Value y, Value::Buffer(Buffer::FromString("xy")));
  EXPECT_EQ(x, y);
}

TEST(ValueTest, PointerKindsRejectNull) {
  ASSERT_RAISES_WITH(Invalid, "ndarray", Value::Ndarray(nullptr));
  ASSERT_RAISES_WITH(Invalid, "tensor", Value::Tensor(nullptr));
  ASSERT_RAISES(Invalid, Value::SparseTensor(nullptr));
  ASSERT_RAISES_WITH(Invalid, "buffer", Value::Buffer(nullptr));
  ASSERT_RAISES(Invalid, Value::Array(nullptr));
  ASSERT_RAISES(Invalid, Value::RecordBatch(nullptr));
  ASSERT_RAISES(Invalid, Value::Table(nullptr));
}

TEST(ValueTest, NanEqualsNan) {
  EXPECT_EQ(Value::Double(std::nan("")), Value::Double(std::nan("")));
  EXPECT_EQ(Value::Float(std::nanf("")), Value::Float(std::nanf("")));
  EXPECT_EQ(Value::HalfFloat(0x7E00), Value::HalfFloat(0x7E01));
  EXPECT_NE(Value::Double(1.0), Value::Double(2.0));
}

TEST(ValueTest, CheckKindNamesBothKinds) {
  EXPECT_OK(Value::Int(1).CheckKind(ValueKind::kInt));
  ASSERT_RAISES_WITH(TypeError, "expected a list value, got str", Value::String("a").CheckKind(ValueKind::kList));
}

TEST(ValueTest, ToStringLooksLikePython) {
  Value value = Value::List({Value::Int(1), Value::String("it's"), Value::Bytes(std::string("\x00k", 2)),
                             Value::Dict({{Value::Bool(true), Value::None()}}), Value::Tuple({Value::Int(2)}),
                             Value::Set(), Value::Set({Value::Int(3)})});
  EXPECT_EQ(value.ToString(), "[1, 'it\\'s', b'\\x00k', {True: None}, (2,), set(), {3}]");
}

TEST(ValueDeathTest, AccessorOfAnotherKindAborts) {
  EXPECT_DEATH((void)Value::String("a").int_value(), "Value accessor for int called on a str value");
  EXPECT_DEATH((void)Value::None().items(), "called on a None value");
}

TEST(ValueTest, KindNames) {
  EXPECT_EQ(ValueKindName(ValueKind::kDict), "dict");
  EXPECT_EQ(ValueKindName(ValueKind::kBigInt), "big int");
  EXPECT_EQ(ValueKindName(ValueKind::kSparseTensor), "sparse tensor");
  EXPECT_EQ(ValueKindName(ValueKind::kCustom), "custom");
}

}  // namespace arrowpack
