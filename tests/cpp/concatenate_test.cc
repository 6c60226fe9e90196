#include "arrowpack/core/concatenate.h"

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::BufferOf;
using testing::Bools;
using testing::Int32s;
using testing::Int64s;
using testing::ListOf;
using testing::Strings;

namespace {

// The concatenation, which must succeed and pass full validation.
ArrayPtr ConcatOrDie(const ArrayVector& arrays) {
  ArrayPtr array = Concatenate(arrays).ValueOrDie();
  const Status valid = array->ValidateFull();
  if (!valid.ok()) valid.Abort("ValidateFull of concatenation");
  return array;
}

#define EXPECT_ARRAYS_EQUAL(expected, actual) \
  EXPECT_TRUE((expected)->Equals(*(actual))) << "expected " << (expected)->ToString() << "\ngot " << (actual)->ToString()

// One 16-byte binary view: inline up to 12 bytes, otherwise prefix + buffer index + offset.
void AppendView(std::vector<uint8_t>* views, const std::string& value, int32_t buffer_index = 0, int32_t offset = 0) {
  uint8_t view[16] = {};
  const int32_t size = static_cast<int32_t>(value.size());
  std::memcpy(view, &size, 4);
  if (size <= 12) {
    std::memcpy(view + 4, value.data(), value.size());
  } else {
    std::memcpy(view + 4, value.data(), 4);
    std::memcpy(view + 8, &buffer_index, 4);
    std::memcpy(view + 12, &offset, 4);
  }
  views->insert(views->end(), view, view + 16);
}

ArrayPtr StructOf(const ArrayVector& children, std::vector<std::string> names) {
  FieldVector fields;
  std::vector<ArrayDataPtr> data;
  for (size_t i = 0; i < children.size(); ++i) {
    fields.push_back(field(names[i], children[i]->type()));
    data.push_back(children[i]->data());
  }
  return MakeArray(ArrayData::Make(struct_(fields), children[0]->length(), {nullptr}, data, 0));
}

ArrayPtr RunEndEncoded(const std::vector<int32_t>& run_ends, const ArrayPtr& values) {
  auto type = run_end_encoded(int32(), values->type()).ValueOrDie();
  auto ends = Int32s(std::vector<std::optional<int32_t>>(run_ends.begin(), run_ends.end()));
  return MakeArray(ArrayData::Make(type, run_ends.empty() ? 0 : run_ends.back(), {}, {ends->data(), values->data()}, 0));
}

}  // namespace

TEST(ConcatenateTest, RejectsEmptyInput) {
  ASSERT_RAISES_WITH(Invalid, "at least one array", Concatenate({}));
}

TEST(ConcatenateTest, RejectsDifferentTypes) {
  ASSERT_RAISES_WITH(Invalid, "identically typed, but int64 and string", Concatenate({Int64s({1}), Strings({"a"})}));
  ASSERT_RAISES(Invalid, Concatenate({ListOf(Int64s({1}), {0, 1}), ListOf(Int32s({1}), {0, 1})}));
}

TEST(ConcatenateTest, RejectsStructurallyInvalidInput) {
  auto short_values = MakeArray(ArrayData::Make(int64(), 10, {nullptr, BufferOf<int64_t>({1})}, 0));
  ASSERT_RAISES(Invalid, Concatenate({Int64s({1}), short_values}));
}

TEST(ConcatenateTest, FixedWidthWithNullsAndSlices) {
  auto left = Int64s({1, std::nullopt, 3, 4});
  auto right = Int64s({5, 6, std::nullopt});
  auto result = ConcatOrDie({left->Slice(1, 3), right, Int64s({})});
  EXPECT_ARRAYS_EQUAL(Int64s({std::nullopt, 3, 4, 5, 6, std::nullopt}), result);
  EXPECT_EQ(result->null_count(), 2);
  EXPECT_EQ(result->offset(), 0);
}

TEST(ConcatenateTest, NoNullsMeansNoValidityBitmap) {
  auto result = ConcatOrDie({Int32s({1, 2}), Int32s({3})});
  EXPECT_EQ(result->data()->buffers[0], nullptr);
  EXPECT_ARRAYS_EQUAL(Int32s({1, 2, 3}), result);
}

TEST(ConcatenateTest, UsesTheGivenPool) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  {
    ASSERT_OK_AND_ASSIGN(auto result, Concatenate({Int64s({1, 2}), Int64s({3})}, pool));
    EXPECT_GT(pool->bytes_allocated(), before);
  }
  EXPECT_EQ(pool->bytes_allocated(), before);
}

TEST(ConcatenateTest, BooleansShiftBits) {
  std::vector<std::optional<bool>> first, second;
  for (int i = 0; i < 13; ++i) first.push_back(i % 3 == 0 ? std::optional<bool>() : std::optional<bool>(i % 2 == 0));
  for (int i = 0; i < 11; ++i) second.push_back(i % 4 == 1);
  auto result = ConcatOrDie({Bools(first)->Slice(3, 9), Bools(second)->Slice(5)});
  std::vector<std::optional<bool>> expected(first.begin() + 3, first.begin() + 12);
  expected.insert(expected.end(), second.begin() + 5, second.end());
  EXPECT_ARRAYS_EQUAL(Bools(expected), result);
  EXPECT_EQ(result->length(), 15);
}

TEST(ConcatenateTest, NullArrays) {
  auto make_nulls = [](int64_t n) { return MakeArray(ArrayData::Make(null(), n, {nullptr}, n)); };
  auto result = ConcatOrDie({make_nulls(2), make_nulls(3)->Slice(1)});
  EXPECT_EQ(result->length(), 4);
  EXPECT_EQ(result->null_count(), 4);
  EXPECT_ARRAYS_EQUAL(make_nulls(4), result);
}

TEST(ConcatenateTest, StringsRebaseOffsets) {
  auto left = Strings({"zero", "one", std::nullopt, "three"});
  auto right = Strings({"", "five"});
  auto result = ConcatOrDie({left->Slice(1, 3), right});
  EXPECT_ARRAYS_EQUAL(Strings({"one", std::nullopt, "three", "", "five"}), result);
  const int32_t* offsets = result->data()->GetValues<int32_t>(1);
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[5], 12);
}

TEST(ConcatenateTest, LargeBinary) {
  auto left = testing::BinaryArrayOf<int64_t>(large_binary(), {"ab", std::nullopt});
  auto right = testing::BinaryArrayOf<int64_t>(large_binary(), {"cde"});
  EXPECT_ARRAYS_EQUAL(testing::BinaryArrayOf<int64_t>(large_binary(), {"ab", std::nullopt, "cde"}),
                      ConcatOrDie({left, right}));
}

TEST(ConcatenateTest, BinaryOffsetOverflowIsInvalid) {
  // Each input claims 1.5 GB of values. The data buffer is a view that only pretends to be that
  // large: the overflow must be caught before a single value byte is read.
  static const uint8_t kByte = 'x';
  auto huge = [] {
    return MakeArray(ArrayData::Make(
        binary(), 1, {nullptr, BufferOf<int32_t>({0, 1500000000}), std::make_shared<Buffer>(&kByte, 1500000000)}, 0));
  };
  ASSERT_RAISES_WITH(Invalid, "offset overflow", Concatenate({huge(), huge()}));
}

TEST(ConcatenateTest, BinaryViewsShiftBufferIndices) {
  const std::string long_a = "a long string value", long_b = "another long value!";
  std::vector<uint8_t> left_views, right_views;
  AppendView(&left_views, "short");
  AppendView(&left_views, long_a, 0, 0);
  AppendView(&right_views, long_b, 1, 3);
  AppendView(&right_views, "tiny");
  auto left = MakeArray(ArrayData::Make(utf8_view(), 2,
                                        {nullptr, Buffer::FromVector(left_views), Buffer::FromString(long_a)}, 0));
  auto right = MakeArray(ArrayData::Make(
      utf8_view(), 2,
      {nullptr, Buffer::FromVector(right_views), Buffer::FromString("unused"), Buffer::FromString("xyz" + long_b)}, 0));
  auto result = ConcatOrDie({left, right});
  ASSERT_EQ(result->data()->buffers.size(), 5u);  // validity, views, 1 + 2 data buffers
  const auto& views = static_cast<const BinaryViewArray&>(*result);
  EXPECT_EQ(views.GetView(0), "short");
  EXPECT_EQ(views.GetView(1), long_a);
  EXPECT_EQ(views.GetView(2), long_b);
  EXPECT_EQ(views.GetView(3), "tiny");
  // Data buffers are shared, not copied.
  EXPECT_EQ(result->data()->buffers[2], left->data()->buffers[2]);
}

TEST(ConcatenateTest, ListsRebaseOffsetsAndSliceChildren) {
  // [[1, 2], null, [3]] and [[4, 5, 6], []]
  auto left = ListOf(Int64s({0, 1, 2, 3}), {1, 3, 3, 4}, {true, false, true});
  auto right = ListOf(Int64s({4, 5, 6, 9}), {0, 3, 3});
  auto result = ConcatOrDie({left->Slice(1), right});
  auto expected = ListOf(Int64s({3, 4, 5, 6}), {0, 0, 1, 4, 4}, {false, true, true, true});
  EXPECT_ARRAYS_EQUAL(expected, result);
  // Only the referenced child values are copied.
  EXPECT_EQ(static_cast<const ListArray&>(*result).values()->length(), 4);
}

TEST(ConcatenateTest, LargeLists) {
  auto child = Int32s({1, 2, 3});
  auto make = [&](std::vector<int64_t> offsets, const ArrayPtr& values) {
    return MakeArray(ArrayData::Make(large_list(field("item", int32())), static_cast<int64_t>(offsets.size()) - 1,
                                     {nullptr, BufferOf(offsets)}, {values->data()}, 0));
  };
  auto result = ConcatOrDie({make({0, 2}, child), make({1, 3}, child)});
  EXPECT_ARRAYS_EQUAL(make({0, 2, 4}, Int32s({1, 2, 2, 3})), result);
}

TEST(ConcatenateTest, ListViewsKeepTheirRanges) {
  auto type = list_view(field("item", int64()));
  auto make = [&](std::vector<int32_t> offsets, std::vector<int32_t> sizes, const ArrayPtr& values) {
    return MakeArray(ArrayData::Make(type, static_cast<int64_t>(offsets.size()),
                                     {nullptr, BufferOf(offsets), BufferOf(sizes)}, {values->data()}, 0));
  };
  // [[7, 8], [], [6]] and [[2], [1, 2]] with out-of-order views.
  auto left = make({2, 0, 1}, {2, 0, 1}, Int64s({0, 6, 7, 8}));
  auto right = make({1, 0}, {1, 2}, Int64s({1, 2}));
  auto result = ConcatOrDie({left, right});
  auto expected = make({1, 0, 0, 4, 3}, {2, 0, 1, 1, 2}, Int64s({6, 7, 8, 1, 2}));
  EXPECT_ARRAYS_EQUAL(expected, result);
}

TEST(ConcatenateTest, ListViewOutsideChildIsInvalid) {
  auto type = list_view(field("item", int64()));
  auto bad = MakeArray(ArrayData::Make(type, 1, {nullptr, BufferOf<int32_t>({1}), BufferOf<int32_t>({5})},
                                       {Int64s({1, 2})->data()}, 0));
  ASSERT_RAISES_WITH(Invalid, "outside its child", Concatenate({bad, bad}));
}

TEST(ConcatenateTest, FixedSizeLists) {
  auto type = fixed_size_list(field("item", int32()), 2).ValueOrDie();
  auto make = [&](const ArrayPtr& values) {
    return MakeArray(ArrayData::Make(type, values->length() / 2, {nullptr}, {values->data()}, 0));
  };
  auto result = ConcatOrDie({make(Int32s({1, 2, 3, 4}))->Slice(1), make(Int32s({5, 6}))});
  EXPECT_ARRAYS_EQUAL(make(Int32s({3, 4, 5, 6})), result);
}

TEST(ConcatenateTest, FixedSizeBinaryAndDecimal) {
  auto fsb = fixed_size_binary(3).ValueOrDie();
  auto make = [&](const std::string& bytes) {
    return MakeArray(ArrayData::Make(fsb, static_cast<int64_t>(bytes.size() / 3), {nullptr, Buffer::FromString(bytes)}, 0));
  };
  EXPECT_ARRAYS_EQUAL(make("abcdefghi"), ConcatOrDie({make("abc"), make("xyzdefghi")->Slice(1)}));
  auto dec = decimal128(10, 2).ValueOrDie();
  auto make_dec = [&](std::vector<int64_t> halves) {
    return MakeArray(ArrayData::Make(dec, static_cast<int64_t>(halves.size() / 2), {nullptr, BufferOf(halves)}, 0));
  };
  EXPECT_ARRAYS_EQUAL(make_dec({5, 0, -1, -1}), ConcatOrDie({make_dec({5, 0}), make_dec({-1, -1})}));
}

TEST(ConcatenateTest, StructsSliceChildrenByRow) {
  auto left = StructOf({Int64s({1, 2, 3}), Strings({"a", "b", "c"})}, {"n", "s"});
  auto right = StructOf({Int64s({4}), Strings({"d"})}, {"n", "s"});
  auto result = ConcatOrDie({left->Slice(1), right});
  EXPECT_ARRAYS_EQUAL(StructOf({Int64s({2, 3, 4}), Strings({"b", "c", "d"})}, {"n", "s"}), result);
}

TEST(ConcatenateTest, StructValidity) {
  auto children = std::vector<ArrayDataPtr>{Int64s({1, 2})->data()};
  auto type = struct_({field("n", int64())});
  int64_t nulls = 0;
  auto validity = testing::ValidityOf<int>({1, std::nullopt}, &nulls);
  auto with_null = MakeArray(ArrayData::Make(type, 2, {validity}, children, 1));
  auto result = ConcatOrDie({with_null, StructOf({Int64s({3})}, {"n"})});
  EXPECT_EQ(result->null_count(), 1);
  EXPECT_TRUE(result->IsNull(1));
  EXPECT_TRUE(result->IsValid(2));
}

TEST(ConcatenateTest, SparseUnions) {
  auto type = sparse_union({field("i", int64()), field("s", utf8())}, {5, 7}).ValueOrDie();
  auto make = [&](std::vector<int8_t> codes, const ArrayPtr& ints, const ArrayPtr& strings) {
    return MakeArray(ArrayData::Make(type, static_cast<int64_t>(codes.size()), {BufferOf(codes)},
                                     {ints->data(), strings->data()}, 0));
  };
  auto left = make({5, 7, 5}, Int64s({1, 0, 3}), Strings({"", "x", ""}));
  auto right = make({7}, Int64s({0}), Strings({"y"}));
  auto result = ConcatOrDie({left->Slice(1), right});
  EXPECT_ARRAYS_EQUAL(make({7, 5, 7}, Int64s({0, 3, 0}), Strings({"x", "", "y"})), result);
}

TEST(ConcatenateTest, DenseUnionsRebaseOffsets) {
  auto type = dense_union({field("i", int64()), field("s", utf8())}).ValueOrDie();
  auto make = [&](std::vector<int8_t> codes, std::vector<int32_t> offsets, const ArrayPtr& ints,
                  const ArrayPtr& strings) {
    return MakeArray(ArrayData::Make(type, static_cast<int64_t>(codes.size()), {BufferOf(codes), BufferOf(offsets)},
                                     {ints->data(), strings->data()}, 0));
  };
  // [1, "a", 2] and ["b", 9]
  auto left = make({0, 1, 0}, {0, 0, 1}, Int64s({1, 2}), Strings({"a"}));
  auto right = make({1, 0}, {1, 2}, Int64s({7, 8, 9}), Strings({"skip", "b"}));
  auto result = ConcatOrDie({left, right});
  auto expected = make({0, 1, 0, 1, 0}, {0, 0, 1, 1, 2}, Int64s({1, 2, 9}), Strings({"a", "b"}));
  EXPECT_ARRAYS_EQUAL(expected, result);
  // Unused child rows are not copied.
  EXPECT_EQ(static_cast<const UnionArray&>(*result).field(0)->length(), 3);
}

TEST(ConcatenateTest, DenseUnionOffsetOutsideChildIsInvalid) {
  auto type = dense_union({field("i", int64())}).ValueOrDie();
  auto bad = MakeArray(ArrayData::Make(type, 1, {BufferOf<int8_t>({0}), BufferOf<int32_t>({3})},
                                       {Int64s({1})->data()}, 0));
  ASSERT_RAISES_WITH(Invalid, "dense union offset 3 at row 0", Concatenate({bad}));
}

TEST(ConcatenateTest, DictionariesMustMatch) {
  auto type = dictionary(int32(), utf8()).ValueOrDie();
  auto make = [&](std::vector<std::optional<int32_t>> indices, const ArrayPtr& dict) {
    auto data = std::make_shared<ArrayData>(*Int32s(indices)->data());
    data->type = type;
    data->dictionary = dict->data();
    return MakeArray(data);
  };
  auto dict = Strings({"a", "b"});
  auto result = ConcatOrDie({make({0, 1}, dict), make({1, std::nullopt}, Strings({"a", "b"}))});
  EXPECT_ARRAYS_EQUAL(make({0, 1, 1, std::nullopt}, dict), result);
  EXPECT_EQ(result->data()->dictionary, dict->data());
  ASSERT_RAISES_WITH(NotImplemented, "different dictionaries",
                     Concatenate({make({0}, dict), make({0}, Strings({"b", "a"}))}));
}

TEST(ConcatenateTest, RunEndEncodedRebasesRunEnds) {
  // [1, 1, 1, 2, 2] and [3, 4, 4]
  auto left = RunEndEncoded({3, 5}, Int64s({1, 2}));
  auto right = RunEndEncoded({1, 3}, Int64s({3, 4}));
  auto result = ConcatOrDie({left->Slice(2), right});  // [1, 2, 2, 3, 4, 4]
  EXPECT_ARRAYS_EQUAL(RunEndEncoded({1, 3, 4, 6}, Int64s({1, 2, 3, 4})), result);
  auto tail = ConcatOrDie({left->Slice(1, 2), right->Slice(2)});  // [1, 1, 4]
  EXPECT_ARRAYS_EQUAL(RunEndEncoded({2, 3}, Int64s({1, 4})), tail);
}

TEST(ConcatenateTest, RunEndEncodedOverflowIsInvalid) {
  auto type = run_end_encoded(int16(), int64()).ValueOrDie();
  auto ends = testing::PrimitiveArrayOf<int16_t>(int16(), {30000});
  auto long_run = MakeArray(ArrayData::Make(type, 30000, {}, {ends->data(), Int64s({1})->data()}, 0));
  ASSERT_RAISES_WITH(Invalid, "too long for its run end type", Concatenate({long_run, long_run}));
}

TEST(ConcatenateTest, ExtensionKeepsItsType) {
  auto type = extension("my.uuid", int64(), "meta");
  auto wrap = [&](const ArrayPtr& storage) {
    auto data = std::make_shared<ArrayData>(*storage->data());
    data->type = type;
    return MakeArray(data);
  };
  auto result = ConcatOrDie({wrap(Int64s({1})), wrap(Int64s({2, std::nullopt}))});
  EXPECT_TRUE(result->type()->Equals(*type));
  EXPECT_ARRAYS_EQUAL(wrap(Int64s({1, 2, std::nullopt})), result);
}

}  // namespace arrowpack
