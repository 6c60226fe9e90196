// ArrayData, typed arrays and their accessors, slicing, MakeArray dispatch and bit utilities.
#include <random>

#include "array_testing.h"

namespace arrowpack::testing {
namespace {

template <typename T>
const T& As(const ArrayPtr& array) {
  const T* typed = dynamic_cast<const T*>(array.get());
  EXPECT_NE(typed, nullptr) << array->type()->ToString();
  return *typed;
}

// ---- bit_util --------------------------------------------------------------------------------

std::vector<uint8_t> RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> bytes(n);
  for (auto& b : bytes) b = static_cast<uint8_t>(rng());
  return bytes;
}

TEST(BitUtilTest, CountSetBitsMatchesBitByBitCount) {
  const auto bytes = RandomBytes(64, 1);
  for (int64_t offset : {0, 1, 7, 8, 13, 64, 100}) {
    for (int64_t length : {0, 1, 5, 8, 63, 64, 65, 200, 400}) {
      if (offset + length > 512) continue;
      int64_t expected = 0;
      for (int64_t i = 0; i < length; ++i) expected += bit_util::GetBit(bytes.data(), offset + i);
      EXPECT_EQ(bit_util::CountSetBits(bytes.data(), offset, length), expected) << offset << "+" << length;
    }
  }
}

TEST(BitUtilTest, SetClearAndBytesForBits) {
  uint8_t bits[2] = {0, 0};
  bit_util::SetBit(bits, 9);
  EXPECT_EQ(bits[1], 2);
  bit_util::SetBitTo(bits, 0, true);
  bit_util::ClearBit(bits, 9);
  EXPECT_EQ(bits[0], 1);
  EXPECT_EQ(bits[1], 0);
  EXPECT_EQ(bit_util::BytesForBits(0), 0);
  EXPECT_EQ(bit_util::BytesForBits(1), 1);
  EXPECT_EQ(bit_util::BytesForBits(8), 1);
  EXPECT_EQ(bit_util::BytesForBits(9), 2);
}

TEST(BitUtilTest, CopyBitmapAtAnyOffsets) {
  const auto src = RandomBytes(40, 2);
  for (int64_t src_offset : {0, 3, 8, 17}) {
    for (int64_t dst_offset : {0, 5, 16}) {
      for (int64_t length : {0, 1, 9, 64, 150}) {
        std::vector<uint8_t> dst(40, 0xAA);
        bit_util::CopyBitmap(src.data(), src_offset, length, dst.data(), dst_offset);
        for (int64_t i = 0; i < length; ++i) {
          ASSERT_EQ(bit_util::GetBit(dst.data(), dst_offset + i), bit_util::GetBit(src.data(), src_offset + i));
        }
        // Bits around the destination range keep the 0xAA pattern.
        const auto pattern_bit = [](int64_t i) { return ((0xAA >> (i % 8)) & 1) != 0; };
        if (dst_offset > 0) {
          EXPECT_EQ(bit_util::GetBit(dst.data(), dst_offset - 1), pattern_bit(dst_offset - 1));
        }
        EXPECT_EQ(bit_util::GetBit(dst.data(), dst_offset + length), pattern_bit(dst_offset + length));
      }
    }
  }
}

TEST(BitUtilTest, BitmapEqualsAlignedAndUnaligned) {
  const auto bytes = RandomBytes(64, 3);
  std::vector<uint8_t> shifted(64, 0);
  bit_util::CopyBitmap(bytes.data(), 0, 400, shifted.data(), 3);
  EXPECT_TRUE(bit_util::BitmapEquals(bytes.data(), 0, shifted.data(), 3, 400));
  EXPECT_TRUE(bit_util::BitmapEquals(bytes.data(), 8, shifted.data(), 11, 300));
  std::vector<uint8_t> copy = bytes;
  EXPECT_TRUE(bit_util::BitmapEquals(bytes.data(), 16, copy.data(), 16, 301));
  bit_util::SetBitTo(shifted.data(), 3 + 250, !bit_util::GetBit(bytes.data(), 250));
  EXPECT_FALSE(bit_util::BitmapEquals(bytes.data(), 0, shifted.data(), 3, 400));
  EXPECT_TRUE(bit_util::BitmapEquals(bytes.data(), 0, shifted.data(), 3, 250));
  bit_util::SetBitTo(copy.data(), 300, !bit_util::GetBit(bytes.data(), 300));
  EXPECT_FALSE(bit_util::BitmapEquals(bytes.data(), 16, copy.data(), 16, 301));
}

// ---- ArrayData -------------------------------------------------------------------------------

TEST(ArrayDataTest, NullCountIsComputedFromTheBitmapAndCached) {
  auto data = PrimitiveData<int32_t>(int32(), {1, 2, 3, 4}, {true, false, true, false});
  data->null_count = kUnknownNullCount;
  EXPECT_EQ(data->GetNullCount(), 2);
  EXPECT_EQ(data->null_count, 2);
  EXPECT_EQ(PrimitiveData<int32_t>(int32(), {1})->GetNullCount(), 0);
  auto nulls = NullData(3);
  nulls->null_count = kUnknownNullCount;
  EXPECT_EQ(nulls->GetNullCount(), 3);
}

TEST(ArrayDataTest, UnionsAndRunEndEncodedHaveNoNulls) {
  auto union_data = SparseUnionData(Unwrap(sparse_union({field("a", int8())})), {0, 0},
                                    {OptionalData<int8_t>(int8(), {std::nullopt, 1})});
  union_data->null_count = kUnknownNullCount;
  EXPECT_EQ(union_data->GetNullCount(), 0);
  auto ree = RunEndEncodedData(Unwrap(run_end_encoded(int32(), int8())), 2, PrimitiveData<int32_t>(int32(), {2}),
                               OptionalData<int8_t>(int8(), {std::nullopt}));
  ree->null_count = kUnknownNullCount;
  EXPECT_EQ(ree->GetNullCount(), 0);
}

TEST(ArrayDataTest, SliceSharesBuffersAndShiftsOffset) {
  auto data = PrimitiveData<int32_t>(int32(), {1, 2, 3, 4}, {true, false, true, true});
  auto sliced = data->Slice(1, 2);
  EXPECT_EQ(sliced->offset, 1);
  EXPECT_EQ(sliced->length, 2);
  EXPECT_EQ(sliced->buffers[1], data->buffers[1]);
  EXPECT_EQ(sliced->null_count, kUnknownNullCount);
  EXPECT_EQ(sliced->GetNullCount(), 1);
  EXPECT_EQ(sliced->GetValues<int32_t>(1)[0], 2);
  EXPECT_EQ(sliced->Slice(1, 1)->offset, 2);
  // A zero null count stays known; a null array's count follows its length.
  EXPECT_EQ(PrimitiveData<int32_t>(int32(), {1, 2})->Slice(1, 1)->null_count, 0);
  EXPECT_EQ(NullData(5)->Slice(1, 3)->null_count, 3);
}

// ---- Array basics ------------------------------------------------------------------------------

TEST(ArrayTest, MakeArrayPicksTheSubclass) {
  EXPECT_NE(dynamic_cast<NullArray*>(ToArray(NullData(1)).get()), nullptr);
  EXPECT_NE(dynamic_cast<BooleanArray*>(ToArray(BooleanData({true})).get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<int8_t>*>(ToArray(PrimitiveData<int8_t>(int8(), {1})).get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<uint64_t>*>(ToArray(PrimitiveData<uint64_t>(uint64(), {1})).get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<uint16_t>*>(ToArray(PrimitiveData<uint16_t>(float16(), {1})).get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<int32_t>*>(ToArray(PrimitiveData<int32_t>(date32(), {1})).get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<int64_t>*>(ToArray(PrimitiveData<int64_t>(timestamp(TimeUnit::NANO),
      {1})).get()),
            nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<MonthDayNano>*>(
                ToArray(PrimitiveData<MonthDayNano>(month_day_nano_interval(), {{1, 2, 3}})).get()),
            nullptr);
  EXPECT_NE(dynamic_cast<BinaryArray*>(ToArray(StringData({"a"})).get()), nullptr);
  EXPECT_NE(dynamic_cast<LargeBinaryArray*>(ToArray(BinaryData<int64_t>(large_binary(), {"a"})).get()), nullptr);
  EXPECT_NE(dynamic_cast<BinaryViewArray*>(ToArray(BinaryViewData(utf8_view(), {"a"})).get()), nullptr);
  EXPECT_NE(dynamic_cast<DecimalArray*>(ToArray(DecimalData(Unwrap(decimal64(5, 1)), {1})).get()), nullptr);
  auto ext = ToArray(ExtensionData(extension("e", int8(), ""), PrimitiveData<int8_t>(int8(), {1})));
  ASSERT_NE(dynamic_cast<ExtensionArray*>(ext.get()), nullptr);
  EXPECT_NE(dynamic_cast<PrimitiveArray<int8_t>*>(As<ExtensionArray>(ext).storage().get()), nullptr);
}

TEST(ArrayTest, PrimitiveValuesNullsAndSlices) {
  auto array = ToArray(OptionalData<int32_t>(int32(), {10, std::nullopt, 30, 40}));
  const auto& ints = As<PrimitiveArray<int32_t>>(array);
  EXPECT_EQ(array->length(), 4);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(ints.Value(2), 30);
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_TRUE(array->IsValid(0));
  EXPECT_NE(array->null_bitmap_data(), nullptr);
  auto slice = array->Slice(1, 2);
  EXPECT_EQ(slice->offset(), 1);
  EXPECT_TRUE(slice->IsNull(0));
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(slice).Value(1), 30);
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(slice).raw_values()[1], 30);
  EXPECT_EQ(slice->null_count(), 1);
  EXPECT_EQ(array->Slice(2)->length(), 2);
}

TEST(ArrayTest, SliceClampsLikePyarrow) {
  auto array = ToArray(PrimitiveData<int8_t>(int8(), {1, 2, 3}));
  EXPECT_EQ(array->Slice(1, 100)->length(), 2);
  EXPECT_EQ(array->Slice(5, 1)->length(), 0);
  EXPECT_EQ(array->Slice(5, 1)->offset(), 3);
  EXPECT_EQ(array->Slice(-2, 2)->offset(), 0);
  EXPECT_EQ(array->Slice(1, -1)->length(), 0);
  EXPECT_EQ(array->Slice(7)->length(), 0);
}

TEST(ArrayTest, NullArrayIsAllNull) {
  auto array = ToArray(NullData(3));
  EXPECT_EQ(array->null_count(), 3);
  EXPECT_TRUE(array->IsNull(0));
  EXPECT_EQ(array->null_bitmap_data(), nullptr);
}

TEST(ArrayTest, BooleanValuesAtAnOffset) {
  auto array = ToArray(BooleanData({true, false, true, true, false}, {true, true, false, true, true}))->Slice(1);
  const auto& bools = As<BooleanArray>(array);
  EXPECT_FALSE(bools.Value(0));
  EXPECT_TRUE(bools.IsNull(1));
  EXPECT_TRUE(bools.Value(2));
  EXPECT_FALSE(bools.Value(3));
}

TEST(ArrayTest, HalfFloatsAndIntervalsKeepTheirBits) {
  EXPECT_EQ(As<PrimitiveArray<uint16_t>>(ToArray(PrimitiveData<uint16_t>(float16(), {0x3c00}))).Value(0), 0x3c00);
  auto mdn = ToArray(PrimitiveData<MonthDayNano>(month_day_nano_interval(), {{1, -2, 3000000000LL}}));
  const MonthDayNano value = As<PrimitiveArray<MonthDayNano>>(mdn).Value(0);
  EXPECT_EQ(value.months, 1);
  EXPECT_EQ(value.days, -2);
  EXPECT_EQ(value.nanoseconds, 3000000000LL);
}

TEST(ArrayTest, BinaryAndStringViews) {
  auto array = ToArray(StringData({"ab", std::nullopt, "", "xyz"}));
  const auto& strings = As<BinaryArray>(array);
  EXPECT_EQ(strings.GetView(0), "ab");
  EXPECT_EQ(strings.GetView(2), "");
  EXPECT_EQ(strings.GetView(3), "xyz");
  EXPECT_EQ(strings.value_offset(3), 2);
  EXPECT_EQ(strings.value_length(3), 3);
  EXPECT_EQ(strings.value_length(1), 0);
  auto slice = array->Slice(3);
  EXPECT_EQ(As<BinaryArray>(slice).GetView(0), "xyz");
  auto large = ToArray(BinaryData<int64_t>(large_binary(), {std::string("\0\1", 2), "q"}));
  EXPECT_EQ(As<LargeBinaryArray>(large).GetView(0), std::string_view("\0\1", 2));
  EXPECT_EQ(As<LargeBinaryArray>(large).raw_value_offsets()[2], 3);
}

TEST(ArrayTest, BinaryViewsInlineAndInVariadicBuffers) {
  auto data = BinaryViewData(binary_view(),
      {"short", std::nullopt, "exactly12byt", "longer than twelve bytes", "again a long value"},
                             /*max_buffer_size=*/24);
  ASSERT_EQ(data->buffers.size(), 4u);  // validity, views, two data buffers
  auto array = ToArray(data);
  const auto& views = As<BinaryViewArray>(array);
  EXPECT_EQ(views.GetView(0), "short");
  EXPECT_EQ(views.GetView(2), "exactly12byt");
  EXPECT_EQ(views.GetView(3), "longer than twelve bytes");
  EXPECT_EQ(views.GetView(4), "again a long value");
  EXPECT_EQ(As<BinaryViewArray>(array->Slice(4)).GetView(0), "again a long value");
}

TEST(ArrayTest, FixedSizeBinaryValues) {
  auto array = ToArray(FixedSizeBinaryData(Unwrap(fixed_size_binary(2)), {"ab", std::nullopt, "cd"}));
  const auto& fsb = As<FixedSizeBinaryArray>(array);
  EXPECT_EQ(fsb.byte_width(), 2);
  EXPECT_EQ(fsb.GetView(2), "cd");
  EXPECT_EQ(fsb.GetValue(0)[1], 'b');
  EXPECT_EQ(As<FixedSizeBinaryArray>(array->Slice(2)).GetView(0), "cd");
}

TEST(ArrayTest, DecimalFormatValueForEveryWidthAndScale) {
  auto format = [](TypePtr type, int64_t unscaled) {
    auto array = ToArray(DecimalData(std::move(type), {unscaled}));
    return As<DecimalArray>(array).FormatValue(0);
  };
  EXPECT_EQ(format(Unwrap(decimal32(9, 2)), -1230), "-12.30");
  EXPECT_EQ(format(Unwrap(decimal32(9, 2)), 5), "0.05");
  EXPECT_EQ(format(Unwrap(decimal32(9, 0)), INT32_MIN), "-2147483648");
  EXPECT_EQ(format(Unwrap(decimal64(18, 3)), 123456789012345678), "123456789012345.678");
  EXPECT_EQ(format(Unwrap(decimal64(18, 4)), INT64_MIN), "-922337203685477.5808");
  EXPECT_EQ(format(Unwrap(decimal128(38, 0)), 0), "0");
  EXPECT_EQ(format(Unwrap(decimal128(38, 2)), 0), "0.00");
  EXPECT_EQ(format(Unwrap(decimal128(38, -3)), 12), "1.2E+4");
  EXPECT_EQ(format(Unwrap(decimal128(38, 8)), 15), "1.5E-7");
  EXPECT_EQ(format(Unwrap(decimal256(76, 1)), -7), "-0.7");
  // 2^127 - 1 and -2^127: the decimal128 extremes.
  std::string max128(16, '\xff');
  max128[15] = '\x7f';
  std::string min128(16, '\0');
  min128[15] = '\x80';
  auto array = ToArray(FixedSizeBinaryData(Unwrap(decimal128(38, 0)), {max128, min128}));
  EXPECT_EQ(As<DecimalArray>(array).FormatValue(0), "170141183460469231731687303715884105727");
  EXPECT_EQ(As<DecimalArray>(array).FormatValue(1), "-170141183460469231731687303715884105728");
  std::string one_e_40(32, '\0');  // 10^40 = 0x1D6329F1C35CA4BFABB9F5610000000000
  const uint8_t be[] = {0x1D, 0x63, 0x29, 0xF1, 0xC3, 0x5C, 0xA4, 0xBF, 0xAB, 0xB9, 0xF5, 0x61, 0x00, 0x00, 0x00,
      0x00, 0x00};
  for (size_t i = 0; i < sizeof(be); ++i) one_e_40[i] = static_cast<char>(be[sizeof(be) - 1 - i]);
  auto big = ToArray(FixedSizeBinaryData(Unwrap(decimal256(76, 40)), {one_e_40}));
  EXPECT_EQ(As<DecimalArray>(big).FormatValue(0), "1.0000000000000000000000000000000000000000");
}

TEST(ArrayTest, ListOffsetsLengthsAndSlices) {
  auto child = PrimitiveData<int32_t>(int32(), {1, 2, 3, 4, 5});
  auto array = ToArray(ListData<int32_t>(list(int32()), {0, 2, 2, 5}, child, {true, false, true}));
  const auto& lists = As<ListArray>(array);
  EXPECT_FALSE(lists.is_view());
  EXPECT_EQ(lists.value_offset(2), 2);
  EXPECT_EQ(lists.value_length(2), 3);
  EXPECT_EQ(lists.values()->length(), 5);
  auto third = lists.value_slice(2);
  EXPECT_EQ(third->length(), 3);
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(third).Value(0), 3);
  auto sliced = array->Slice(2);
  EXPECT_EQ(As<ListArray>(sliced).value_offset(0), 2);
  auto large = ToArray(ListData<int64_t>(large_list(field("item", int32())), {1, 4}, child));
  EXPECT_EQ(As<LargeListArray>(large).value_length(0), 3);
}

TEST(ArrayTest, ListViewOffsetsAndSizes) {
  auto child = PrimitiveData<int8_t>(int8(), {1, 2, 3});
  auto array = ToArray(ListViewData<int32_t>(list_view(field("item", int8())), {2, 0}, {1, 3}, child));
  const auto& views = As<ListArray>(array);
  EXPECT_TRUE(views.is_view());
  EXPECT_EQ(views.value_offset(0), 2);
  EXPECT_EQ(views.value_length(0), 1);
  EXPECT_EQ(views.value_length(1), 3);
  auto large = ToArray(ListViewData<int64_t>(large_list_view(field("item", int8())), {1}, {2}, child));
  EXPECT_EQ(As<PrimitiveArray<int8_t>>(As<LargeListArray>(large).value_slice(0)).Value(1), 3);
}

TEST(ArrayTest, FixedSizeListValues) {
  auto child = PrimitiveData<int16_t>(int16(), {1, 2, 3, 4, 5, 6});
  auto array = ToArray(FixedSizeListData(Unwrap(fixed_size_list(field("item", int16()), 2)), 3, child));
  const auto& fsl = As<FixedSizeListArray>(array);
  EXPECT_EQ(fsl.list_size(), 2);
  EXPECT_EQ(fsl.value_offset(1), 2);
  auto sliced = array->Slice(1);
  EXPECT_EQ(As<FixedSizeListArray>(sliced).value_offset(0), 2);
  EXPECT_EQ(As<PrimitiveArray<int16_t>>(As<FixedSizeListArray>(sliced).value_slice(1)).Value(0), 5);
}

TEST(ArrayTest, MapKeysAndItems) {
  auto type = Unwrap(map(field("key", utf8(), false), field("value", int32())));
  auto entries = StructData(type->field(0)->type(), 3,
      {StringData({"a", "b", "c"}), PrimitiveData<int32_t>(int32(), {1, 2, 3})});
  auto array = ToArray(ListData<int32_t>(type, {0, 1, 3}, entries));
  const auto& maps = As<MapArray>(array);
  EXPECT_EQ(As<BinaryArray>(maps.keys()).GetView(2), "c");
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(maps.items()).Value(1), 2);
  EXPECT_EQ(maps.value_length(1), 2);
  // Over a sliced entries struct, keys and items follow the struct's offset.
  auto sliced_entries = entries->Slice(1, 2);
  auto shifted = ToArray(ListData<int32_t>(type, {0, 2}, sliced_entries));
  ASSERT_OK(shifted->ValidateFull());
  EXPECT_EQ(As<BinaryArray>(As<MapArray>(shifted).keys()).GetView(0), "b");
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(As<MapArray>(shifted).items()).Value(1), 3);
}

TEST(ArrayTest, StructFieldsAreSlicedToTheStruct) {
  auto type = struct_({field("a", int32()), field("b", utf8())});
  auto array = ToArray(StructData(type, 3, {PrimitiveData<int32_t>(int32(), {1, 2, 3}), StringData({"x", "y", "z"})},
                                  {true, false, true}));
  const auto& structs = As<StructArray>(array);
  EXPECT_EQ(structs.num_fields(), 2);
  EXPECT_EQ(structs.null_count(), 1);
  auto sliced = array->Slice(1, 2);
  auto b = As<StructArray>(sliced).field(1);
  EXPECT_EQ(b->length(), 2);
  EXPECT_EQ(As<BinaryArray>(b).GetView(0), "y");
  EXPECT_TRUE(sliced->IsNull(0));
}

TEST(ArrayTest, UnionTypeCodesChildIdsAndOffsets) {
  FieldVector fields{field("i", int32()), field("s", utf8())};
  auto sparse = ToArray(SparseUnionData(Unwrap(sparse_union(fields, {5, 9})), {5, 9, 5},
                                        {PrimitiveData<int32_t>(int32(), {1, 2, 3}), StringData({"a", "b", "c"})}));
  const auto& su = As<UnionArray>(sparse);
  EXPECT_FALSE(su.is_dense());
  EXPECT_EQ(su.type_code(1), 9);
  EXPECT_EQ(su.child_id(1), 1);
  EXPECT_EQ(su.value_offset(1), 1);
  EXPECT_EQ(su.null_count(), 0);
  EXPECT_TRUE(su.IsValid(0));
  auto sliced = sparse->Slice(1);
  EXPECT_EQ(As<UnionArray>(sliced).value_offset(1), 2);  // rows of unsliced children
  EXPECT_EQ(As<UnionArray>(sliced).child_id(1), 0);
  auto dense = ToArray(DenseUnionData(Unwrap(dense_union(fields)), {1, 0, 1}, {0, 0, 1},
                                      {PrimitiveData<int32_t>(int32(), {7}), StringData({"p", "q"})}));
  const auto& du = As<UnionArray>(dense);
  EXPECT_TRUE(du.is_dense());
  EXPECT_EQ(du.value_offset(2), 1);
  EXPECT_EQ(As<BinaryArray>(du.field(1)).GetView(du.value_offset(2)), "q");
}

TEST(ArrayTest, DictionaryIndicesForEveryIndexType) {
  auto dictionary_values = StringData({"a", "b", "c"});
  for (const auto& index_type : {int8(), uint8(), int16(), uint16(), int32(), uint32(), int64(), uint64()}) {
    auto indices = ArrayData::Make(index_type, 3,
                                   {BitmapOf({true, false, true}),
                                    BufferOfBytes(std::vector<uint8_t>(24, 0).data(), 24)},
                                   1);
    std::vector<uint8_t> bytes(24, 0);
    const int width = index_type->bit_width() / 8;
    bytes[0] = 2;           // row 0 -> 2
    bytes[2 * width] = 1;   // row 2 -> 1
    indices->buffers[1] = BufferOf(bytes);
    auto array = ToArray(DictionaryData(Unwrap(dictionary(index_type, utf8())), indices, dictionary_values));
    const auto& dict = As<DictionaryArray>(array);
    EXPECT_EQ(dict.GetValueIndex(0), 2) << index_type->ToString();
    EXPECT_EQ(dict.GetValueIndex(2), 1) << index_type->ToString();
    EXPECT_TRUE(dict.IsNull(1));
    EXPECT_EQ(dict.indices()->type_id(), index_type->id());
    EXPECT_EQ(dict.indices()->data()->dictionary, nullptr);
    EXPECT_EQ(As<BinaryArray>(dict.dictionary()).GetView(dict.GetValueIndex(0)), "c");
    EXPECT_EQ(As<DictionaryArray>(array->Slice(2)).GetValueIndex(0), 1);
  }
}

TEST(ArrayTest, RunEndEncodedPhysicalIndexForEveryRunEndType) {
  for (const auto& run_end_type : {int16(), int32(), int64()}) {
    ArrayDataPtr run_ends;
    if (run_end_type->id() == TypeId::INT16) run_ends = PrimitiveData<int16_t>(int16(), {2, 3, 7});
    if (run_end_type->id() == TypeId::INT32) run_ends = PrimitiveData<int32_t>(int32(), {2, 3, 7});
    if (run_end_type->id() == TypeId::INT64) run_ends = PrimitiveData<int64_t>(int64(), {2, 3, 7});
    auto array = ToArray(RunEndEncodedData(Unwrap(run_end_encoded(run_end_type, utf8())), 7, run_ends,
                                           StringData({"a", "b", "c"})));
    const auto& ree = As<RunEndEncodedArray>(array);
    const std::vector<int64_t> expected{0, 0, 1, 2, 2, 2, 2};
    for (int64_t i = 0; i < 7; ++i) EXPECT_EQ(ree.FindPhysicalIndex(i), expected[i]) << i;
    EXPECT_EQ(ree.run_ends()->length(), 3);
    EXPECT_EQ(ree.values()->length(), 3);
    EXPECT_TRUE(ree.IsValid(0));
    auto sliced = array->Slice(2, 3);
    EXPECT_EQ(As<RunEndEncodedArray>(sliced).FindPhysicalIndex(0), 1);
    EXPECT_EQ(As<RunEndEncodedArray>(sliced).FindPhysicalIndex(1), 2);
  }
}

TEST(ArrayTest, ExtensionArrayExposesItsStorage) {
  auto storage = OptionalData<int64_t>(int64(), {1, std::nullopt});
  auto array = ToArray(ExtensionData(extension("my.ext", int64(), "meta"), storage));
  const auto& ext = As<ExtensionArray>(array);
  EXPECT_EQ(ext.storage()->type_id(), TypeId::INT64);
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(As<PrimitiveArray<int64_t>>(ext.storage()).Value(0), 1);
  // Extension over a dictionary keeps the dictionary on its storage.
  auto dict_type = Unwrap(dictionary(int8(), utf8()));
  auto dict = DictionaryData(dict_type, PrimitiveData<int8_t>(int8(), {0}), StringData({"z"}));
  auto over_dict = ToArray(ExtensionData(extension("my.dict", dict_type, ""), dict));
  EXPECT_EQ(As<DictionaryArray>(As<ExtensionArray>(over_dict).storage()).dictionary()->length(), 1);
  // Extension over a union has no validity bitmap.
  auto union_type = Unwrap(sparse_union({field("a", int8())}));
  auto union_ext = ToArray(ExtensionData(extension("my.union", union_type, ""),
                                         SparseUnionData(union_type, {0}, {PrimitiveData<int8_t>(int8(), {1})})));
  EXPECT_TRUE(union_ext->IsValid(0));
  EXPECT_EQ(union_ext->null_bitmap_data(), nullptr);
}

}  // namespace
}  // namespace arrowpack::testing
