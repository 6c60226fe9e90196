// Array::Equals: type + logical values, nulls equal whatever their bytes, slices and physical layouts
// (offsets, views, runs, dense offsets) do not matter, dictionaries compare dictionary + indices.
#include <cmath>

#include "array_testing.h"

namespace arrowpack::testing {
namespace {

bool Eq(const ArrayPtr& left, const ArrayPtr& right) {
  const bool result = left->Equals(*right);
  EXPECT_EQ(result, right->Equals(*left)) << "Equals is not symmetric";
  return result;
}
bool Eq(const ArrayDataPtr& left, const ArrayDataPtr& right) { return Eq(MakeArray(left), MakeArray(right)); }

TEST(EqualsTest, SameValuesAreEqualAndAnyDifferenceIsNot) {
  auto a = PrimitiveData<int32_t>(int32(), {1, 2, 3});
  EXPECT_TRUE(Eq(a, PrimitiveData<int32_t>(int32(), {1, 2, 3})));
  EXPECT_TRUE(MakeArray(a)->Equals(*MakeArray(a)));
  EXPECT_FALSE(Eq(a, PrimitiveData<int32_t>(int32(), {1, 2, 4})));
  EXPECT_FALSE(Eq(a, PrimitiveData<int32_t>(int32(), {1, 2})));
  EXPECT_FALSE(Eq(a, PrimitiveData<uint32_t>(uint32(), {1, 2, 3})));
  EXPECT_FALSE(Eq(PrimitiveData<int32_t>(date32(), {1}), PrimitiveData<int32_t>(int32(), {1})));
  EXPECT_FALSE(Eq(PrimitiveData<int64_t>(timestamp(TimeUnit::SECOND), {1}),
                  PrimitiveData<int64_t>(timestamp(TimeUnit::SECOND, "UTC"), {1})));
}

TEST(EqualsTest, NullSlotsMatchWhateverTheirBytes) {
  auto a = PrimitiveData<int64_t>(int64(), {1, 111, 3}, {true, false, true});
  auto b = PrimitiveData<int64_t>(int64(), {1, 999, 3}, {true, false, true});
  EXPECT_TRUE(Eq(a, b));
  EXPECT_FALSE(Eq(a, PrimitiveData<int64_t>(int64(), {1, 111, 3})));
  EXPECT_FALSE(Eq(a, PrimitiveData<int64_t>(int64(), {1, 111, 3}, {true, true, false})));
  // No bitmap and an all-valid bitmap are the same thing.
  EXPECT_TRUE(Eq(PrimitiveData<int64_t>(int64(), {1, 2}), PrimitiveData<int64_t>(int64(), {1, 2}, {true, true})));
}

TEST(EqualsTest, SlicedEqualsUnsliced) {
  auto whole = MakeArray(OptionalData<int16_t>(int16(), {9, 1, std::nullopt, 3, 9}));
  auto expected = MakeArray(OptionalData<int16_t>(int16(), {1, std::nullopt, 3}));
  EXPECT_TRUE(Eq(whole->Slice(1, 3), expected));
  EXPECT_FALSE(Eq(whole->Slice(0, 3), expected));
  EXPECT_TRUE(Eq(whole->Slice(1, 3), whole->Slice(1, 3)));
  EXPECT_TRUE(Eq(whole->Slice(2, 0), MakeArray(PrimitiveData<int16_t>(int16(), {}))));
}

TEST(EqualsTest, LongArraysCompareToTheLastValue) {
  std::vector<int32_t> values(1000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int32_t>(i * 7);
  std::vector<bool> valid(1000, true);
  valid[500] = false;
  auto a = PrimitiveData<int32_t>(int32(), values, valid);
  auto b = PrimitiveData<int32_t>(int32(), values, valid);
  EXPECT_TRUE(Eq(a, b));
  values[999] = -1;
  EXPECT_FALSE(Eq(a, PrimitiveData<int32_t>(int32(), values, valid)));
}

TEST(EqualsTest, BooleansAtUnalignedOffsets) {
  std::vector<bool> bits;
  for (int i = 0; i < 150; ++i) bits.push_back(i % 3 == 0);
  auto whole = MakeArray(BooleanData(bits));
  std::vector<bool> tail(bits.begin() + 5, bits.end());
  EXPECT_TRUE(Eq(whole->Slice(5), MakeArray(BooleanData(tail))));
  tail[100] = !tail[100];
  EXPECT_FALSE(Eq(whole->Slice(5), MakeArray(BooleanData(tail))));
}

TEST(EqualsTest, FloatsCompareByValue) {
  EXPECT_FALSE(Eq(PrimitiveData<double>(float64(), {NAN}), PrimitiveData<double>(float64(), {NAN})));
  EXPECT_TRUE(Eq(PrimitiveData<double>(float64(), {-0.0}), PrimitiveData<double>(float64(), {0.0})));
  EXPECT_TRUE(Eq(PrimitiveData<float>(float32(), {1.5f, 2}), PrimitiveData<float>(float32(), {1.5f, 2})));
  EXPECT_FALSE(Eq(PrimitiveData<float>(float32(), {1.5f}), PrimitiveData<float>(float32(), {1.25f})));
  // NaN in a null slot does not matter.
  EXPECT_TRUE(Eq(PrimitiveData<double>(float64(), {NAN}, {false}), PrimitiveData<double>(float64(), {1}, {false})));
  // Half floats: 0x8000 is -0, 0x7e00 is NaN.
  EXPECT_TRUE(Eq(PrimitiveData<uint16_t>(float16(), {0x8000, 0x3c00}),
      PrimitiveData<uint16_t>(float16(), {0x0000, 0x3c00})));
  EXPECT_FALSE(Eq(PrimitiveData<uint16_t>(float16(), {0x7e00}), PrimitiveData<uint16_t>(float16(), {0x7e00})));
  EXPECT_FALSE(Eq(PrimitiveData<uint16_t>(float16(), {0x3c00}), PrimitiveData<uint16_t>(float16(), {0x3c01})));
}

TEST(EqualsTest, FixedWidthBinaryDecimalAndIntervals) {
  auto fsb = Unwrap(fixed_size_binary(2));
  EXPECT_TRUE(Eq(FixedSizeBinaryData(fsb, {"ab", std::nullopt}), FixedSizeBinaryData(fsb, {"ab", std::nullopt})));
  EXPECT_FALSE(Eq(FixedSizeBinaryData(fsb, {"ab"}), FixedSizeBinaryData(fsb, {"ac"})));
  auto dec = Unwrap(decimal128(10, 2));
  EXPECT_TRUE(Eq(DecimalData(dec, {-5, 7}), DecimalData(dec, {-5, 7})));
  EXPECT_FALSE(Eq(DecimalData(dec, {-5}), DecimalData(dec, {5})));
  EXPECT_FALSE(Eq(DecimalData(dec, {5}), DecimalData(Unwrap(decimal128(10, 3)), {5})));
  auto mdn = month_day_nano_interval();
  EXPECT_TRUE(Eq(PrimitiveData<MonthDayNano>(mdn, {{1, 2, 3}}), PrimitiveData<MonthDayNano>(mdn, {{1, 2, 3}})));
  EXPECT_FALSE(Eq(PrimitiveData<MonthDayNano>(mdn, {{1, 2, 3}}), PrimitiveData<MonthDayNano>(mdn, {{1, 2, 4}})));
  EXPECT_TRUE(Eq(MakeArray(FixedSizeBinaryData(fsb, {"zz", "ab"}))->Slice(1),
      MakeArray(FixedSizeBinaryData(fsb, {"ab"}))));
}

TEST(EqualsTest, NullArraysEqualByLength) {
  EXPECT_TRUE(Eq(NullData(3), NullData(3)));
  EXPECT_FALSE(Eq(NullData(3), NullData(2)));
  EXPECT_TRUE(Eq(MakeArray(NullData(5))->Slice(1, 2), MakeArray(NullData(2))));
}

TEST(EqualsTest, StringsCompareLogicalBytesNotOffsets) {
  auto a = StringData({"ab", std::nullopt, "c"});
  // Same values stored after unused bytes, with a null slot that points at garbage.
  auto b = ArrayData::Make(utf8(), 3,
                           {BitmapOf({true, false, true}), BufferOf(std::vector<int32_t>{3, 5, 8, 9}),
                               BufferOf(std::string("xyzabJUNc"))},
                           1);
  ASSERT_OK(MakeArray(b)->ValidateFull());
  EXPECT_TRUE(Eq(a, b));
  EXPECT_FALSE(Eq(a, StringData({"ab", std::nullopt, "d"})));
  EXPECT_FALSE(Eq(a, StringData({"a", std::nullopt, "c"})));
  EXPECT_FALSE(Eq(a, BinaryData(binary(), {"ab", std::nullopt, "c"})));
  EXPECT_TRUE(Eq(BinaryData<int64_t>(large_utf8(), {"q", "r"}), BinaryData<int64_t>(large_utf8(), {"q", "r"})));
  EXPECT_TRUE(Eq(MakeArray(StringData({"z", "ab", "c"}))->Slice(1), MakeArray(StringData({"ab", "c"}))));
}

TEST(EqualsTest, ViewsCompareLogicalBytes) {
  std::vector<std::optional<std::string>> values{"short", "a value longer than twelve", std::nullopt,
      "another long value!"};
  auto one_buffer = BinaryViewData(utf8_view(), values, 1000);
  auto many_buffers = BinaryViewData(utf8_view(), values, 20);
  ASSERT_NE(one_buffer->buffers.size(), many_buffers->buffers.size());
  EXPECT_TRUE(Eq(one_buffer, many_buffers));
  values[1] = "a value longer than twelvE";
  EXPECT_FALSE(Eq(one_buffer, BinaryViewData(utf8_view(), values, 1000)));
  EXPECT_TRUE(Eq(MakeArray(one_buffer)->Slice(1, 1),
      MakeArray(BinaryViewData(utf8_view(), {"a value longer than twelve"}))));
  EXPECT_FALSE(Eq(one_buffer,
      BinaryViewData(binary_view(), {"short", "a value longer than twelve", std::nullopt, "another long value!"})));
}

TEST(EqualsTest, ListsCompareElementsNotChildLayout) {
  auto type = list(int32());
  auto a = ListData<int32_t>(type, {0, 2, 2, 3}, PrimitiveData<int32_t>(int32(), {1, 2, 3}), {true, false, true});
  // Same lists over a child with leading junk and a null slot pointing at junk.
  auto b = ListData<int32_t>(type, {1, 3, 4, 5}, PrimitiveData<int32_t>(int32(), {7, 1, 2, 8, 3}), {true, false, true});
  EXPECT_TRUE(Eq(a, b));
  EXPECT_FALSE(Eq(a,
      ListData<int32_t>(type, {0, 2, 2, 3}, PrimitiveData<int32_t>(int32(), {1, 2, 4}), {true, false, true})));
  EXPECT_FALSE(Eq(a,
      ListData<int32_t>(type, {0, 1, 1, 3}, PrimitiveData<int32_t>(int32(), {1, 2, 3}), {true, false, true})));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(2),
      MakeArray(ListData<int32_t>(type, {0, 1}, PrimitiveData<int32_t>(int32(), {3})))));
  // The item field name does not matter (pyarrow's type equality), the item type does.
  EXPECT_TRUE(Eq(a, ListData<int32_t>(list(field("element", int32())), {1, 3, 4, 5},
                                      PrimitiveData<int32_t>(int32(), {7, 1, 2, 8, 3}), {true, false, true})));
  auto large = large_list(field("item", int32()));
  EXPECT_TRUE(Eq(ListData<int64_t>(large, {0, 1}, PrimitiveData<int32_t>(int32(), {5})),
                 ListData<int64_t>(large, {1, 2}, PrimitiveData<int32_t>(int32(), {4, 5}))));
}

TEST(EqualsTest, ListViewsAndFixedSizeLists) {
  auto type = list_view(field("item", int8()));
  auto child = PrimitiveData<int8_t>(int8(), {1, 2, 3});
  auto a = ListViewData<int32_t>(type, {0, 2}, {2, 1}, child);
  auto reordered = ListViewData<int32_t>(type, {1, 0}, {2, 1}, PrimitiveData<int8_t>(int8(), {3, 1, 2}));
  EXPECT_TRUE(Eq(a, reordered));
  EXPECT_FALSE(Eq(a, ListViewData<int32_t>(type, {0, 2}, {1, 1}, child)));
  auto fsl_type = Unwrap(fixed_size_list(field("item", int8()), 2));
  auto fsl = FixedSizeListData(fsl_type, 3, PrimitiveData<int8_t>(int8(), {1, 2, 3, 4, 5, 6}), {true, false, true});
  auto fsl_other_nulls = FixedSizeListData(fsl_type, 3, PrimitiveData<int8_t>(int8(), {1, 2, 0, 0, 5, 6}),
      {true, false, true});
  EXPECT_TRUE(Eq(fsl, fsl_other_nulls));
  EXPECT_TRUE(Eq(MakeArray(fsl)->Slice(2),
      MakeArray(FixedSizeListData(fsl_type, 1, PrimitiveData<int8_t>(int8(), {5, 6})))));
  EXPECT_FALSE(Eq(fsl,
      FixedSizeListData(fsl_type, 3, PrimitiveData<int8_t>(int8(), {1, 2, 3, 4, 5, 7}), {true, false, true})));
}

TEST(EqualsTest, Maps) {
  auto type = Unwrap(map(field("key", utf8(), false), field("value", int32())));
  auto entries = [&](std::vector<std::optional<std::string>> keys, std::vector<int32_t> items) {
    const auto n = static_cast<int64_t>(keys.size());
    return StructData(type->field(0)->type(), n, {StringData(keys), PrimitiveData<int32_t>(int32(), items)});
  };
  auto a = ListData<int32_t>(type, {0, 1, 3}, entries({"a", "b", "c"}, {1, 2, 3}));
  EXPECT_TRUE(Eq(a, ListData<int32_t>(type, {0, 1, 3}, entries({"a", "b", "c"}, {1, 2, 3}))));
  EXPECT_FALSE(Eq(a, ListData<int32_t>(type, {0, 1, 3}, entries({"a", "b", "c"}, {1, 2, 4}))));
  EXPECT_FALSE(Eq(a, ListData<int32_t>(type, {0, 1, 3}, entries({"a", "x", "c"}, {1, 2, 3}))));
}

TEST(EqualsTest, StructsCompareChildrenUnderValidRowsOnly) {
  auto type = struct_({field("a", int8()), field("b", utf8())});
  auto a = StructData(type, 3, {PrimitiveData<int8_t>(int8(), {1, 2, 3}), StringData({"x", "y", "z"})},
      {true, false, true});
  auto b = StructData(type, 3, {PrimitiveData<int8_t>(int8(), {1, 9, 3}), StringData({"x", "Q", "z"})},
      {true, false, true});
  EXPECT_TRUE(Eq(a, b));
  auto c = StructData(type, 3, {PrimitiveData<int8_t>(int8(), {1, 2, 4}), StringData({"x", "y", "z"})},
      {true, false, true});
  EXPECT_FALSE(Eq(a, c));
  auto sliced_child = MakeArray(PrimitiveData<int8_t>(int8(), {0, 1, 2, 3}))->Slice(1)->data();
  auto d = StructData(type, 3, {sliced_child, StringData({"x", "y", "z"})}, {true, false, true});
  EXPECT_TRUE(Eq(a, d));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(2),
      MakeArray(StructData(type, 1, {PrimitiveData<int8_t>(int8(), {3}), StringData({"z"})}))));
  EXPECT_FALSE(Eq(a, StructData(struct_({field("a", int8()), field("c", utf8())}), 3,
                                {PrimitiveData<int8_t>(int8(), {1, 2, 3}), StringData({"x", "y", "z"})},
                                    {true, false, true})));
}

TEST(EqualsTest, SparseUnionsComparePerRow) {
  auto type = Unwrap(sparse_union({field("i", int8()), field("s", utf8())}, {1, 4}));
  auto a = SparseUnionData(type, {1, 4, 1}, {PrimitiveData<int8_t>(int8(), {7, 0, 9}), StringData({"", "x", ""})});
  // Values in the unselected child do not matter.
  auto b = SparseUnionData(type, {1, 4, 1},
      {PrimitiveData<int8_t>(int8(), {7, 55, 9}), StringData({"junk", "x", "junk"})});
  EXPECT_TRUE(Eq(a, b));
  EXPECT_FALSE(Eq(a,
      SparseUnionData(type, {1, 4, 4}, {PrimitiveData<int8_t>(int8(), {7, 0, 9}), StringData({"", "x", ""})})));
  EXPECT_FALSE(Eq(a,
      SparseUnionData(type, {1, 4, 1}, {PrimitiveData<int8_t>(int8(), {7, 0, 8}), StringData({"", "x", ""})})));
  auto tail = SparseUnionData(type, {4, 1}, {PrimitiveData<int8_t>(int8(), {0, 9}), StringData({"x", ""})});
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(1), MakeArray(tail)));
}

TEST(EqualsTest, DenseUnionsCompareValuesNotOffsets) {
  auto type = Unwrap(dense_union({field("i", int8()), field("s", utf8())}));
  auto a = DenseUnionData(type, {0, 1, 0}, {0, 0, 1}, {PrimitiveData<int8_t>(int8(), {7, 9}), StringData({"x"})});
  auto b = DenseUnionData(type, {0, 1, 0}, {2, 1, 0},
      {PrimitiveData<int8_t>(int8(), {9, 0, 7}), StringData({"?", "x"})});
  EXPECT_TRUE(Eq(a, b));
  EXPECT_FALSE(Eq(a,
      DenseUnionData(type, {0, 1, 0}, {0, 0, 0}, {PrimitiveData<int8_t>(int8(), {7, 9}), StringData({"x"})})));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(2),
      MakeArray(DenseUnionData(type, {0}, {0}, {PrimitiveData<int8_t>(int8(), {9}), StringData({})}))));
}

TEST(EqualsTest, DictionariesCompareDictionaryAndIndices) {
  auto type = Unwrap(dictionary(int8(), utf8()));
  auto dict = StringData({"a", "b"});
  auto a = DictionaryData(type, PrimitiveData<int8_t>(int8(), {0, 1, 5}, {true, true, false}), dict);
  EXPECT_TRUE(Eq(a,
      DictionaryData(type, PrimitiveData<int8_t>(int8(), {0, 1, 0}, {true, true, false}), StringData({"a", "b"}))));
  EXPECT_FALSE(Eq(a, DictionaryData(type, PrimitiveData<int8_t>(int8(), {0, 0, 0}, {true, true, false}), dict)));
  EXPECT_FALSE(Eq(a,
      DictionaryData(type, PrimitiveData<int8_t>(int8(), {0, 1, 5}, {true, true, false}), StringData({"a", "c"}))));
  // Same decoded values through a different dictionary: unequal, as in pyarrow.
  EXPECT_FALSE(Eq(a,
      DictionaryData(type, PrimitiveData<int8_t>(int8(), {1, 0, 0}, {true, true, false}), StringData({"b", "a"}))));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(1, 1), MakeArray(DictionaryData(type, PrimitiveData<int8_t>(int8(), {1}), dict))));
  EXPECT_FALSE(Eq(a,
      DictionaryData(Unwrap(dictionary(int8(), utf8(), true)),
      PrimitiveData<int8_t>(int8(), {0, 1, 5}, {true, true, false}), dict)));
}

TEST(EqualsTest, RunEndEncodedComparesLogicalValues) {
  auto type = Unwrap(run_end_encoded(int32(), utf8()));
  auto a = RunEndEncodedData(type, 5, PrimitiveData<int32_t>(int32(), {2, 5}), StringData({"x", "y"}));
  auto split_runs = RunEndEncodedData(type, 5, PrimitiveData<int32_t>(int32(), {1, 2, 4, 5}),
      StringData({"x", "x", "y", "y"}));
  EXPECT_TRUE(Eq(a, split_runs));
  EXPECT_FALSE(Eq(a, RunEndEncodedData(type, 5, PrimitiveData<int32_t>(int32(), {3, 5}), StringData({"x", "y"}))));
  EXPECT_FALSE(Eq(a, RunEndEncodedData(type, 5, PrimitiveData<int32_t>(int32(), {2, 5}), StringData({"x", "z"}))));
  auto tail = RunEndEncodedData(type, 3, PrimitiveData<int32_t>(int32(), {3}), StringData({"y"}));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(2), MakeArray(tail)));
  EXPECT_TRUE(Eq(MakeArray(a)->Slice(1, 2), MakeArray(split_runs)->Slice(1, 2)));
  auto with_null = RunEndEncodedData(type, 2, PrimitiveData<int32_t>(int32(), {2}), StringData({std::nullopt}));
  EXPECT_TRUE(Eq(with_null,
      RunEndEncodedData(type, 2, PrimitiveData<int32_t>(int32(), {1, 2}), StringData({std::nullopt, std::nullopt}))));
  EXPECT_FALSE(Eq(with_null, RunEndEncodedData(type, 2, PrimitiveData<int32_t>(int32(), {2}), StringData({""}))));
  auto int16_type = Unwrap(run_end_encoded(int16(), utf8()));
  EXPECT_FALSE(Eq(a,
      RunEndEncodedData(int16_type, 5, PrimitiveData<int16_t>(int16(), {2, 5}), StringData({"x", "y"}))));
}

TEST(EqualsTest, ExtensionsCompareTypeAndStorage) {
  auto type = extension("my.ext", int32(), "");
  auto a = ExtensionData(type, PrimitiveData<int32_t>(int32(), {1, 2}));
  EXPECT_TRUE(Eq(a, ExtensionData(type, PrimitiveData<int32_t>(int32(), {1, 2}))));
  EXPECT_FALSE(Eq(a, ExtensionData(type, PrimitiveData<int32_t>(int32(), {1, 3}))));
  EXPECT_FALSE(Eq(a, ExtensionData(extension("other", int32(), ""), PrimitiveData<int32_t>(int32(), {1, 2}))));
  EXPECT_FALSE(Eq(a, PrimitiveData<int32_t>(int32(), {1, 2})));
  auto struct_ext = extension("my.struct", struct_({field("a", int8())}), "");
  auto s = ExtensionData(struct_ext,
      StructData(struct_({field("a", int8())}), 2, {PrimitiveData<int8_t>(int8(), {1, 2})}));
  auto t = ExtensionData(struct_ext,
      StructData(struct_({field("a", int8())}), 2, {PrimitiveData<int8_t>(int8(), {1, 2})}));
  EXPECT_TRUE(Eq(s, t));
  auto u = ExtensionData(struct_ext,
      StructData(struct_({field("a", int8())}), 2, {PrimitiveData<int8_t>(int8(), {1, 3})}));
  EXPECT_FALSE(Eq(s, u));
}

TEST(EqualsTest, NestedListOfStructsWithNulls) {
  auto struct_type = struct_({field("a", int8())});
  auto type = list(struct_type);
  auto structs = StructData(struct_type, 3, {OptionalData<int8_t>(int8(), {1, std::nullopt, 3})}, {true, true, false});
  auto a = ListData<int32_t>(type, {0, 2, 3}, structs);
  auto structs_b = StructData(struct_type, 3, {OptionalData<int8_t>(int8(), {1, std::nullopt, 42})},
      {true, true, false});
  EXPECT_TRUE(Eq(a, ListData<int32_t>(type, {0, 2, 3}, structs_b)));
  auto structs_c = StructData(struct_type, 3, {OptionalData<int8_t>(int8(), {1, 2, 3})}, {true, true, false});
  EXPECT_FALSE(Eq(a, ListData<int32_t>(type, {0, 2, 3}, structs_c)));
}

}  // namespace
}  // namespace arrowpack::testing
