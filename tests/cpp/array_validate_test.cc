// Array::Validate and Array::ValidateFull: every type passes when well formed (with nulls, sliced,
// empty, nested), and every check rejects a corrupt array with a message naming the problem.
#include <limits>

#include "array_testing.h"

namespace arrowpack::testing {
namespace {

ArrayDataPtr Copy(const ArrayDataPtr& data) { return std::make_shared<ArrayData>(*data); }

ArrayDataPtr WithBuffer(const ArrayDataPtr& data, size_t index, std::shared_ptr<Buffer> buffer) {
  auto copy = Copy(data);
  copy->buffers[index] = std::move(buffer);
  return copy;
}

Status Validate(const ArrayDataPtr& data) { return MakeArray(data)->Validate(); }
Status ValidateFull(const ArrayDataPtr& data) { return MakeArray(data)->ValidateFull(); }

// Passes Validate() but fails ValidateFull() with `text`.
#define ASSERT_ONLY_FULL_FAILS(text, data)                   \
  do {                                                       \
    ASSERT_OK(Validate(data));                               \
    ASSERT_RAISES_WITH(Invalid, text, ValidateFull(data));   \
  } while (false)

// ---- Well-formed arrays of every type ------------------------------------------------------------

std::vector<ArrayDataPtr> WellFormedArrays() {
  std::vector<ArrayDataPtr> arrays;
  auto ints = OptionalData<int32_t>(int32(), {1, std::nullopt, 3, 4});
  auto strings = StringData({"a", std::nullopt, "\xc3\xa9t\xc3\xa9", ""});
  arrays.push_back(NullData(3));
  arrays.push_back(BooleanData({true, false, true}, {true, true, false}));
  arrays.push_back(OptionalData<uint8_t>(uint8(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int8_t>(int8(), {-1, std::nullopt}));
  arrays.push_back(OptionalData<uint16_t>(uint16(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int16_t>(int16(), {-1, std::nullopt}));
  arrays.push_back(OptionalData<uint32_t>(uint32(), {1, std::nullopt}));
  arrays.push_back(ints);
  arrays.push_back(OptionalData<uint64_t>(uint64(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(int64(), {-1, std::nullopt}));
  arrays.push_back(OptionalData<uint16_t>(float16(), {0x3c00, std::nullopt}));
  arrays.push_back(OptionalData<float>(float32(), {1.5f, std::nullopt}));
  arrays.push_back(OptionalData<double>(float64(), {2.5, std::nullopt}));
  arrays.push_back(strings);
  arrays.push_back(BinaryData(binary(), {std::string("\xff\x00", 2), std::nullopt}));
  arrays.push_back(BinaryData<int64_t>(large_utf8(), {"x", std::nullopt, "\xe2\x82\xac"}));
  arrays.push_back(BinaryData<int64_t>(large_binary(), {"\xff", std::nullopt}));
  arrays.push_back(BinaryViewData(utf8_view(),
      {"short", std::nullopt, "a value longer than twelve", "\xf0\x9f\x98\x80"}));
  arrays.push_back(BinaryViewData(binary_view(), {"\xff\xfe", std::nullopt, "binary bytes beyond twelve \xff"}));
  arrays.push_back(FixedSizeBinaryData(Unwrap(fixed_size_binary(3)), {"abc", std::nullopt}));
  arrays.push_back(FixedSizeBinaryData(Unwrap(fixed_size_binary(0)), {"", ""}));
  arrays.push_back(DecimalData(Unwrap(decimal32(9, 2)), {1, std::nullopt}));
  arrays.push_back(DecimalData(Unwrap(decimal64(18, 2)), {1, std::nullopt}));
  arrays.push_back(DecimalData(Unwrap(decimal128(38, 2)), {1, std::nullopt}));
  arrays.push_back(DecimalData(Unwrap(decimal256(76, 2)), {1, std::nullopt}));
  arrays.push_back(OptionalData<int32_t>(date32(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(date64(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int32_t>(Unwrap(time32(TimeUnit::MILLI)), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(Unwrap(time64(TimeUnit::NANO)), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(timestamp(TimeUnit::MICRO, "UTC"), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(duration(TimeUnit::SECOND), {1, std::nullopt}));
  arrays.push_back(OptionalData<int32_t>(month_interval(), {1, std::nullopt}));
  arrays.push_back(OptionalData<int64_t>(day_time_interval(), {1, std::nullopt}));
  arrays.push_back(OptionalData<MonthDayNano>(month_day_nano_interval(), {MonthDayNano{1, 2, 3}, std::nullopt}));
  arrays.push_back(ListData<int32_t>(list(int32()), {0, 2, 2, 4}, ints, {true, false, true}));
  arrays.push_back(ListData<int64_t>(large_list(field("item", utf8())), {0, 1, 4}, strings));
  arrays.push_back(ListViewData<int32_t>(list_view(field("item", int32())), {2, 0, 0}, {2, 0, 4}, ints,
      {true, false, true}));
  arrays.push_back(ListViewData<int64_t>(large_list_view(field("item", int32())), {3, 0}, {1, 1}, ints));
  arrays.push_back(FixedSizeListData(Unwrap(fixed_size_list(field("item", int32()), 2)), 2, ints, {false, true}));
  auto map_type = Unwrap(map(field("key", utf8(), false), field("value", int32())));
  arrays.push_back(ListData<int32_t>(
      map_type, {0, 1, 3},
      StructData(map_type->field(0)->type(), 3,
          {StringData({"a", "b", "c"}), OptionalData<int32_t>(int32(), {1, std::nullopt, 3})})));
  auto struct_type = struct_({field("i", int32()), field("s", utf8())});
  auto structs = StructData(struct_type, 4, {ints, strings}, {true, true, false, true});
  arrays.push_back(structs);
  arrays.push_back(StructData(struct_({}), 2, {}));
  FieldVector union_fields{field("i", int32()), field("s", utf8())};
  arrays.push_back(SparseUnionData(Unwrap(sparse_union(union_fields, {3, 8})), {3, 8, 8, 3}, {ints, strings}));
  arrays.push_back(DenseUnionData(Unwrap(dense_union(union_fields)), {0, 1, 0}, {0, 0, 3}, {ints, strings}));
  for (const auto& index_type : {int8(), uint8(), int16(), uint16(), int32(), uint32(), int64(), uint64()}) {
    // Row 0 holds index 1 (little-endian, any width); row 1 is null with a garbage index.
    std::vector<uint8_t> index_bytes(16, 0xEE);
    std::fill(index_bytes.begin(), index_bytes.begin() + index_type->bit_width() / 8, 0);
    index_bytes[0] = 1;
    auto indices = ArrayData::Make(index_type, 2, {BitmapOf({true, false}), BufferOf(index_bytes)}, 1);
    arrays.push_back(DictionaryData(Unwrap(dictionary(index_type, utf8())), indices, StringData({"v", "w"})));
  }
  arrays.push_back(RunEndEncodedData(Unwrap(run_end_encoded(int16(), utf8())), 5,
                                     PrimitiveData<int16_t>(int16(), {2, 5}), StringData({"a", std::nullopt})));
  arrays.push_back(RunEndEncodedData(Unwrap(run_end_encoded(int64(), int32())), 3,
                                     PrimitiveData<int64_t>(int64(), {1, 4}), ints));
  arrays.push_back(ExtensionData(extension("e.ints", int32(), ""), ints));
  arrays.push_back(ExtensionData(extension("e.struct", struct_type, ""), structs));
  return arrays;
}

TEST(ValidateTest, EveryTypeWellFormedPasses) {
  for (const auto& data : WellFormedArrays()) {
    SCOPED_TRACE(data->type->ToString());
    ASSERT_OK(Validate(data));
    EXPECT_OK(ValidateFull(data));
    // Every slice, including empty ones, stays valid.
    for (int64_t offset = 0; offset <= data->length; ++offset) {
      for (int64_t length = 0; offset + length <= data->length; ++length) {
        auto array = MakeArray(data)->Slice(offset, length);
        EXPECT_OK(array->ValidateFull());
      }
    }
  }
}

TEST(ValidateTest, EmptyArraysMayOmitOffsetBuffers) {
  auto empty_string = ArrayData::Make(utf8(), 0, {nullptr, nullptr, nullptr}, 0);
  ASSERT_OK(ValidateFull(empty_string));
  auto empty_list = ArrayData::Make(list(int8()), 0, {nullptr, nullptr}, {PrimitiveData<int8_t>(int8(), {})}, 0);
  ASSERT_OK(ValidateFull(empty_list));
  auto empty_ints = ArrayData::Make(int64(), 0, {nullptr, nullptr}, 0);
  ASSERT_OK(ValidateFull(empty_ints));
}

TEST(ValidateTest, NestedWellFormedArraysPass) {
  auto strings = StringData({"a", "b", std::nullopt, "d"});
  auto lists = ListData<int32_t>(list(utf8()), {0, 2, 4}, strings);
  auto list_of_lists = ListData<int32_t>(list(list(utf8())), {0, 1, 2}, lists, {true, false});
  auto struct_type = struct_({field("l", list(list(utf8())))});
  ASSERT_OK(ValidateFull(StructData(struct_type, 2, {list_of_lists})));
  ASSERT_OK(ValidateFull(list_of_lists->Slice(1, 1)));
}

TEST(ValidateTest, DecimalPrecisionIsNotChecked) {
  // 12345 does not fit decimal32(2, 0); pyarrow's validate() accepts it as well.
  ASSERT_OK(ValidateFull(DecimalData(Unwrap(decimal32(2, 0)), {12345})));
}

// ---- Validate(): shape -------------------------------------------------------------------------

TEST(ValidateTest, RejectsMissingType) {
  auto data = Copy(PrimitiveData<int32_t>(int32(), {1}));
  data->type = nullptr;
  ASSERT_RAISES_WITH(Invalid, "array has no type", Array(data).Validate());
}

TEST(ValidateTest, RejectsNegativeLengthOffsetAndNullCount) {
  auto data = Copy(PrimitiveData<int32_t>(int32(), {1, 2}));
  data->length = -1;
  ASSERT_RAISES_WITH(Invalid, "array of type int32 has negative length -1", Validate(data));
  data = Copy(PrimitiveData<int32_t>(int32(), {1, 2}));
  data->offset = -1;
  ASSERT_RAISES_WITH(Invalid, "array of type int32 has negative offset -1", Validate(data));
  data = Copy(PrimitiveData<int32_t>(int32(), {1, 2}));
  data->null_count = -2;
  ASSERT_RAISES_WITH(Invalid, "has negative null_count -2", Validate(data));
}

TEST(ValidateTest, RejectsOffsetPlusLengthOverflow) {
  auto data = Copy(PrimitiveData<int32_t>(int32(), {1}));
  data->offset = std::numeric_limits<int64_t>::max();
  ASSERT_RAISES_WITH(Invalid, "+ length 1 overflows", Validate(data));
}

TEST(ValidateTest, RejectsNullCountAboveLength) {
  auto data = Copy(PrimitiveData<int32_t>(int32(), {1, 2}, {false, false}));
  data->null_count = 3;
  ASSERT_RAISES_WITH(Invalid, "array of type int32 has null_count 3 greater than its length 2", Validate(data));
}

TEST(ValidateTest, RejectsNullArrayWithFewerNullsThanRows) {
  auto data = NullData(3);
  data->null_count = 1;
  ASSERT_RAISES_WITH(Invalid, "null array has null_count 1 but length 3", Validate(data));
}

TEST(ValidateTest, RejectsNullsInTypesWithoutValidity) {
  auto data = SparseUnionData(Unwrap(sparse_union({field("a", int8())})), {0}, {PrimitiveData<int8_t>(int8(), {1})});
  data->null_count = 1;
  ASSERT_RAISES_WITH(Invalid, "has no validity bitmap but null_count 1", Validate(data));
}

// ---- Validate(): buffers -----------------------------------------------------------------------

TEST(ValidateTest, RejectsWrongBufferCount) {
  auto data = Copy(PrimitiveData<int32_t>(int32(), {1}));
  data->buffers.pop_back();
  ASSERT_RAISES_WITH(Invalid, "expected 2 buffers for array of type int32, got 1", Validate(data));
  data = Copy(StringData({"a"}));
  data->buffers.push_back(BufferOf(std::string("x")));
  ASSERT_RAISES_WITH(Invalid, "expected 3 buffers for array of type string, got 4", Validate(data));
  data = Copy(BinaryViewData(utf8_view(), {"a"}));
  data->buffers.pop_back();
  ASSERT_RAISES_WITH(Invalid, "expected at least 2 buffers for array of type string_view, got 1", Validate(data));
  data = Copy(NullData(1));
  data->buffers.clear();
  ASSERT_RAISES_WITH(Invalid, "expected 1 buffers for array of type null, got 0", Validate(data));
}

TEST(ValidateTest, RejectsValuesBufferTooSmall) {
  auto data = PrimitiveData<int32_t>(int32(), std::vector<int32_t>(10, 7));
  data = WithBuffer(data, 1, BufferOf(std::vector<int32_t>(4, 7)));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type int32 is too small: expected at least 40 bytes, got 16",
                     Validate(data));
}

TEST(ValidateTest, BufferSizesHonourTheOffset) {
  auto data = Copy(PrimitiveData<int64_t>(int64(), {1, 2, 3}));
  data->offset = 1;
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type int64 is too small: expected at least 32 bytes, got 24",
                     Validate(data));
  data->length = 2;
  ASSERT_OK(Validate(data));
}

TEST(ValidateTest, RejectsMissingValuesBuffer) {
  auto data = WithBuffer(PrimitiveData<double>(float64(), {1, 2}), 1, nullptr);
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type double is missing: expected at least 16 bytes", Validate(data));
}

TEST(ValidateTest, RejectsValidityBitmapTooSmall) {
  auto data = PrimitiveData<int8_t>(int8(), std::vector<int8_t>(9, 1), std::vector<bool>(9, true));
  data = WithBuffer(data, 0, BufferOf(std::vector<uint8_t>{0xff}));
  ASSERT_RAISES_WITH(Invalid, "buffer 0 of type int8 is too small: expected at least 2 bytes, got 1", Validate(data));
}

TEST(ValidateTest, RejectsNullsWithoutValidityBitmap) {
  auto data = WithBuffer(OptionalData<int8_t>(int8(), {1, std::nullopt}), 0, nullptr);
  ASSERT_RAISES_WITH(Invalid, "array of type int8 has 1 nulls but no validity bitmap", Validate(data));
}

TEST(ValidateTest, RejectsBooleanDataTooSmall) {
  auto data = WithBuffer(BooleanData(std::vector<bool>(17, true)), 1, BufferOf(std::vector<uint8_t>{1, 2}));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type bool is too small: expected at least 3 bytes, got 2", Validate(data));
}

TEST(ValidateTest, RejectsFixedSizeBinaryAndDecimalBuffersTooSmall) {
  auto fsb = WithBuffer(FixedSizeBinaryData(Unwrap(fixed_size_binary(4)), {"abcd", "efgh"}), 1,
      BufferOf(std::string("abcdefg")));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type fixed_size_binary[4] is too small: expected at least 8 bytes, got 7",
                     Validate(fsb));
  auto dec = WithBuffer(DecimalData(Unwrap(decimal128(10, 2)), {1}), 1, BufferOf(std::string(8, '\0')));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type decimal128(10, 2) is too small: expected at least 16 bytes, got 8",
                     Validate(dec));
}

TEST(ValidateTest, RejectsOffsetsBufferTooSmall) {
  auto data = WithBuffer(StringData({"a", "b"}), 1, BufferOf(std::vector<int32_t>{0, 1}));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type string is too small: expected at least 12 bytes, got 8",
                     Validate(data));
  auto large = WithBuffer(BinaryData<int64_t>(large_binary(), {"a"}), 1, BufferOf(std::vector<int64_t>{0}));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type large_binary is too small: expected at least 16 bytes, got 8",
                     Validate(large));
}

TEST(ValidateTest, RejectsBufferSizeOverflow) {
  auto data = Copy(PrimitiveData<int64_t>(int64(), {1}));
  data->offset = std::numeric_limits<int64_t>::max() / 4;
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type int64: the size of", Validate(data));
  // offset + length + 1 offsets, and the bitmap bytes, must not overflow either.
  auto strings = Copy(StringData({"a"}));
  strings->offset = std::numeric_limits<int64_t>::max() - 1;
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type string: the size of 9223372036854775807 values overflows",
                     Validate(strings));
  auto bits = Copy(OptionalData<int8_t>(int8(), {std::nullopt}));
  bits->offset = std::numeric_limits<int64_t>::max() - 1;
  ASSERT_RAISES_WITH(Invalid, "buffer 0 of type int8 is too small: expected at least 1152921504606846976 bytes",
                     Validate(bits));
}

TEST(ValidateTest, RejectsListViewBuffersTooSmall) {
  auto data = ListViewData<int32_t>(list_view(field("item", int8())), {0, 0}, {1, 1},
      PrimitiveData<int8_t>(int8(), {1}));
  ASSERT_RAISES_WITH(Invalid, "buffer 2 of type list_view<item: int8> is too small: expected at least 8 bytes, got 4",
                     Validate(WithBuffer(data, 2, BufferOf(std::vector<int32_t>{1}))));
}

TEST(ValidateTest, RejectsUnionBuffersTooSmall) {
  auto dense = DenseUnionData(Unwrap(dense_union({field("a", int8())})), {0, 0}, {0, 1},
      {PrimitiveData<int8_t>(int8(), {1, 2})});
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type dense_union<a: int8=0> is too small: expected at least 8 bytes, got 4",
                     Validate(WithBuffer(dense, 1, BufferOf(std::vector<int32_t>{0}))));
  ASSERT_RAISES_WITH(Invalid, "buffer 0 of type dense_union<a: int8=0> is missing",
      Validate(WithBuffer(dense, 0, nullptr)));
}

TEST(ValidateTest, RejectsViewsBufferTooSmallAndMissingVariadicBuffer) {
  auto data = BinaryViewData(utf8_view(), {"a", "a long value for a view"});
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type string_view is too small: expected at least 32 bytes, got 16",
                     Validate(WithBuffer(data, 1, BufferOf(std::string(16, '\0')))));
  ASSERT_RAISES_WITH(Invalid, "variadic buffer 2 of type string_view is missing",
      Validate(WithBuffer(data, 2, nullptr)));
}

// ---- Validate(): children, dictionaries, O(1) bounds ----------------------------------------------

TEST(ValidateTest, RejectsWrongChildCount) {
  auto data = Copy(ListData<int32_t>(list(int8()), {0, 1}, PrimitiveData<int8_t>(int8(), {1})));
  data->child_data.clear();
  ASSERT_RAISES_WITH(Invalid, "expected 1 children for array of type list<item: int8>, got 0", Validate(data));
  auto ints = Copy(PrimitiveData<int8_t>(int8(), {1}));
  ints->child_data.push_back(PrimitiveData<int8_t>(int8(), {1}));
  ASSERT_RAISES_WITH(Invalid, "expected 0 children for array of type int8, got 1", Validate(ints));
}

TEST(ValidateTest, RejectsMissingChild) {
  auto data = Copy(StructData(struct_({field("a", int8())}), 1, {PrimitiveData<int8_t>(int8(), {1})}));
  data->child_data[0] = nullptr;
  ASSERT_RAISES_WITH(Invalid, "child 0 of array of type struct<a: int8> is missing", Validate(data));
}

TEST(ValidateTest, RejectsChildOfTheWrongType) {
  auto data = ListData<int32_t>(list(int8()), {0, 1}, PrimitiveData<int16_t>(int16(), {1}));
  ASSERT_RAISES_WITH(Invalid, "child 0 has type int16 but list<item: int8> expects int8", Validate(data));
}

TEST(ValidateTest, ChildErrorsNameTheChild) {
  auto child = WithBuffer(PrimitiveData<int32_t>(int32(), {1, 2}), 1, BufferOf(std::vector<int32_t>{1}));
  auto data = StructData(struct_({field("a", int32())}), 2, {child});
  ASSERT_RAISES_WITH(Invalid,
                     "child 0 of struct<a: int32>: buffer 1 of type int32 is too small: "
                     "expected at least 8 bytes, got 4",
                     Validate(data));
}

TEST(ValidateTest, RejectsDictionaryProblems) {
  auto type = Unwrap(dictionary(int8(), utf8()));
  auto no_dictionary = DictionaryData(type, PrimitiveData<int8_t>(int8(), {0}), nullptr);
  ASSERT_RAISES_WITH(Invalid,
      "dictionary array of type dictionary<values=string, indices=int8, ordered=0> has no dictionary",
                     Validate(no_dictionary));
  auto wrong_type = DictionaryData(type, PrimitiveData<int8_t>(int8(), {0}), PrimitiveData<int8_t>(int8(), {1}));
  ASSERT_RAISES_WITH(Invalid,
      "dictionary has type int8 but dictionary<values=string, indices=int8, ordered=0> expects string",
                     Validate(wrong_type));
  // The factory refuses non-integer indices; a type made by hand is caught here.
  auto float_index = std::make_shared<DictionaryType>(float32(), utf8());
  auto bad_index = DictionaryData(float_index, PrimitiveData<float>(float32(), {0}), StringData({"a"}));
  ASSERT_RAISES_WITH(Invalid, "dictionary index type must be an integer type, got float", Validate(bad_index));
  auto broken_dictionary = WithBuffer(StringData({"a"}), 1, nullptr);
  ASSERT_RAISES_WITH(Invalid,
      "dictionary of dictionary<values=string, indices=int8, ordered=0>: buffer 1 of type string is missing",
                     Validate(DictionaryData(type, PrimitiveData<int8_t>(int8(), {0}), broken_dictionary)));
}

TEST(ValidateTest, RejectsBadFirstAndLastOffsets) {
  auto negative = WithBuffer(StringData({"ab"}), 1, BufferOf(std::vector<int32_t>{-1, 1}));
  ASSERT_RAISES_WITH(Invalid, "array of type string has negative first offset -1", Validate(negative));
  auto decreasing = WithBuffer(StringData({"ab"}), 1, BufferOf(std::vector<int32_t>{2, 1}));
  ASSERT_RAISES_WITH(Invalid, "array of type string has last offset 1 smaller than its first offset 2",
      Validate(decreasing));
  auto beyond = WithBuffer(StringData({"ab"}), 1, BufferOf(std::vector<int32_t>{0, 3}));
  ASSERT_RAISES_WITH(Invalid, "array of type string has last offset 3 beyond the data buffer size 2", Validate(beyond));
  auto large = WithBuffer(BinaryData<int64_t>(large_utf8(), {"ab"}), 1, BufferOf(std::vector<int64_t>{0, 9}));
  ASSERT_RAISES_WITH(Invalid, "array of type large_string has last offset 9 beyond the data buffer size 2",
      Validate(large));
}

TEST(ValidateTest, RejectsListOffsetsBeyondTheChild) {
  auto data = ListData<int32_t>(list(int8()), {0, 1, 3}, PrimitiveData<int8_t>(int8(), {1, 2}));
  ASSERT_RAISES_WITH(Invalid, "array of type list<item: int8> has last offset 3 beyond the child length 2",
      Validate(data));
  auto large = ListData<int64_t>(large_list(field("item", int8())), {-1, 1}, PrimitiveData<int8_t>(int8(), {1, 2}));
  ASSERT_RAISES_WITH(Invalid, "has negative first offset -1", Validate(large));
  auto type = Unwrap(map(field("key", int8(), false), field("value", int8())));
  auto entries = StructData(type->field(0)->type(), 1,
      {PrimitiveData<int8_t>(int8(), {1}), PrimitiveData<int8_t>(int8(), {2})});
  ASSERT_RAISES_WITH(Invalid, "has last offset 2 beyond the child length 1",
      Validate(ListData<int32_t>(type, {0, 2}, entries)));
}

TEST(ValidateTest, RejectsShortFixedSizeListChild) {
  auto type = Unwrap(fixed_size_list(field("item", int8()), 3));
  auto data = FixedSizeListData(type, 3, PrimitiveData<int8_t>(int8(), std::vector<int8_t>(8, 0)));
  ASSERT_RAISES_WITH(Invalid,
                     "child 0 of type fixed_size_list<item: int8>[3] is too short: expected at least 9 values, got 8",
                     Validate(data));
  auto sliced = Copy(FixedSizeListData(type, 2, PrimitiveData<int8_t>(int8(), std::vector<int8_t>(6, 0))));
  sliced->offset = 1;
  sliced->buffers[0] = nullptr;
  ASSERT_RAISES_WITH(Invalid, "expected at least 9 values, got 6", Validate(sliced));
}

TEST(ValidateTest, RejectsFixedSizeListSizeOverflow) {
  auto type = Unwrap(fixed_size_list(field("item", int8()), std::numeric_limits<int32_t>::max()));
  auto data = Copy(FixedSizeListData(type, 1, PrimitiveData<int8_t>(int8(), {})));
  data->offset = std::numeric_limits<int64_t>::max() / 4;
  ASSERT_RAISES_WITH(Invalid, "child size", Validate(data));
}

TEST(ValidateTest, RejectsShortStructAndSparseUnionChildren) {
  auto type = struct_({field("a", int8()), field("b", int8())});
  auto data = StructData(type, 3, {PrimitiveData<int8_t>(int8(), {1, 2, 3}), PrimitiveData<int8_t>(int8(), {1, 2})});
  ASSERT_RAISES_WITH(Invalid,
      "child 1 of type struct<a: int8, b: int8> is too short: expected at least 3 values, got 2",
                     Validate(data));
  auto union_type = Unwrap(sparse_union({field("a", int8())}));
  auto union_data = SparseUnionData(union_type, {0, 0}, {PrimitiveData<int8_t>(int8(), {1})});
  ASSERT_RAISES_WITH(Invalid, "child 0 of type sparse_union<a: int8=0> is too short: expected at least 2 values, got 1",
                     Validate(union_data));
}

TEST(ValidateTest, RejectsRunEndEncodedShapeProblems) {
  auto type = Unwrap(run_end_encoded(int16(), int8()));
  auto values = PrimitiveData<int8_t>(int8(), {1, 2});
  // Run end type: only a type built by hand can carry uint32 run ends.
  auto uint_type = std::make_shared<RunEndEncodedType>(uint32(), int8());
  ASSERT_RAISES_WITH(Invalid, "must be int16, int32 or int64, got uint32",
                     Validate(RunEndEncodedData(uint_type, 1, PrimitiveData<uint32_t>(uint32(), {1}), values)));
  auto too_long = RunEndEncodedData(type, 40000, PrimitiveData<int16_t>(int16(), {1}), values);
  ASSERT_RAISES_WITH(Invalid,
      "offset + length 40000 of run_end_encoded<run_ends: int16, values: int8> exceeds the largest int16 run end",
                     Validate(too_long));
  auto null_run_ends = RunEndEncodedData(type, 2, OptionalData<int16_t>(int16(), {1, std::nullopt}), values);
  ASSERT_RAISES_WITH(Invalid, "run ends of run_end_encoded<run_ends: int16, values: int8> contain nulls",
                     Validate(null_run_ends));
  auto few_values = RunEndEncodedData(type, 3, PrimitiveData<int16_t>(int16(), {1, 2, 3}), values);
  ASSERT_RAISES_WITH(Invalid,
      "values of run_end_encoded<run_ends: int16, values: int8> are shorter (2) than its run ends (3)",
                     Validate(few_values));
  auto no_runs = RunEndEncodedData(type, 3, PrimitiveData<int16_t>(int16(), {}), values);
  ASSERT_RAISES_WITH(Invalid, "has length 3 but no run ends", Validate(no_runs));
  auto short_runs = Copy(RunEndEncodedData(type, 3, PrimitiveData<int16_t>(int16(), {1, 3}), values));
  ASSERT_OK(Validate(short_runs));
  short_runs->offset = 1;
  ASSERT_RAISES_WITH(Invalid,
      "last run end 3 of run_end_encoded<run_ends: int16, values: int8> is smaller than offset + length 4",
                     Validate(short_runs));
  auto with_nulls = Copy(RunEndEncodedData(type, 3, PrimitiveData<int16_t>(int16(), {1, 3}), values));
  with_nulls->null_count = 1;
  ASSERT_RAISES_WITH(Invalid, "has no validity bitmap but null_count 1", Validate(with_nulls));
}

TEST(ValidateTest, ExtensionArraysAreCheckedAsTheirStorage) {
  auto storage = WithBuffer(PrimitiveData<int32_t>(int32(), {1, 2}), 1, BufferOf(std::vector<int32_t>{1}));
  ASSERT_RAISES_WITH(Invalid, "buffer 1 of type extension<e> is too small: expected at least 8 bytes, got 4",
                     Validate(ExtensionData(extension("e", int32(), ""), storage)));
}

// ---- ValidateFull() ------------------------------------------------------------------------------

TEST(ValidateFullTest, RejectsNullCountThatDisagreesWithTheBitmap) {
  auto data = Copy(OptionalData<int8_t>(int8(), {1, std::nullopt, 3}));
  data->null_count = 2;
  ASSERT_ONLY_FULL_FAILS("array of type int8 has null_count 2 but its validity bitmap has 1 nulls", data);
  auto no_bitmap = Copy(PrimitiveData<int8_t>(int8(), {1}));
  no_bitmap->null_count = 0;
  ASSERT_OK(ValidateFull(no_bitmap));
}

TEST(ValidateFullTest, RejectsDecreasingBinaryOffsetsWithTheRow) {
  auto data = WithBuffer(BinaryData(binary(), {"a", "b", "c"}), 1, BufferOf(std::vector<int32_t>{0, 2, 1, 3}));
  ASSERT_ONLY_FULL_FAILS("value at row 1 of type binary has negative length (offsets 2 then 1)", data);
  auto large = WithBuffer(BinaryData<int64_t>(large_binary(), {"a", "b"}), 1, BufferOf(std::vector<int64_t>{0, 2, 1}));
  ASSERT_ONLY_FULL_FAILS("value at row 1 of type large_binary has negative length (offsets 2 then 1)", large);
}

TEST(ValidateFullTest, AcceptsValidUtf8OfEveryLength) {
  ASSERT_OK(ValidateFull(StringData({"plain ascii longer than eight bytes", "\xc2\xa2", "\xe2\x82\xac",
                                     "\xf0\x90\x8d\x88", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", "mixed \xc3\xa9 text"})));
}

TEST(ValidateFullTest, RejectsInvalidUtf8WithTheRow) {
  const std::vector<std::string> bad{
      "\x80",                  // lone continuation byte
      "\xc0\xaf",              // overlong 2-byte
      "\xe0\x80\xaf",          // overlong 3-byte
      "\xf0\x80\x80\xaf",      // overlong 4-byte
      "\xed\xa0\x80",          // surrogate
      "\xf4\x90\x80\x80",      // above U+10FFFF
      "\xf5\x80\x80\x80",      // invalid lead byte
      "\xe2\x82",              // truncated
      "abcdefgh\xff",          // invalid after an ASCII run
      "\xc3\x28",              // bad continuation
  };
  for (const auto& value : bad) {
    auto data = StringData({"ok", "fine", value});
    ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 2 of type string", data);
  }
}

TEST(ValidateFullTest, Utf8IsCheckedPerValueNotOnlyForTheWholeBuffer) {
  // "\xc3\xa9" split over two values: the concatenation is valid, each value is not.
  auto data = WithBuffer(StringData({"a\xc3", "\xa9" "b"}), 1, BufferOf(std::vector<int32_t>{0, 2, 4}));
  ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 0 of type string", data);
}

TEST(ValidateFullTest, Utf8OfNullSlotsAndBinaryIsNotChecked) {
  auto data = WithBuffer(StringData({"ab", "\xff\xfe"}), 0, BitmapOf({true, false}));
  data->null_count = 1;
  ASSERT_OK(ValidateFull(data));
  ASSERT_OK(ValidateFull(BinaryData(binary(), {"\xff\xfe"})));
}

TEST(ValidateFullTest, RejectsInvalidUtf8InLargeStringsAndStringViews) {
  ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 1 of type large_string",
                         BinaryData<int64_t>(large_utf8(), {"a", "\xff"}));
  ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 1 of type string_view",
                         BinaryViewData(utf8_view(), {"a", "\xff"}));
  ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 0 of type string_view",
                         BinaryViewData(utf8_view(), {"a long value with a bad byte \xff"}));
  ASSERT_OK(ValidateFull(BinaryViewData(binary_view(), {"\xff", "a long binary value \xff\xff"})));
}

// Rewrites the 16-byte view of `row` in a copy of a view array.
ArrayDataPtr WithView(const ArrayDataPtr& data, int64_t row, int32_t size, const std::string& prefix,
                      int32_t buffer_index, int32_t offset) {
  std::string views(reinterpret_cast<const char*>(data->buffers[1]->data()),
      static_cast<size_t>(data->buffers[1]->size()));
  char* view = views.data() + row * 16;
  std::memcpy(view, &size, 4);
  std::memcpy(view + 4, prefix.data(), 4);
  std::memcpy(view + 8, &buffer_index, 4);
  std::memcpy(view + 12, &offset, 4);
  return WithBuffer(data, 1, BufferOf(views));
}

TEST(ValidateFullTest, RejectsBrokenViews) {
  auto data = BinaryViewData(binary_view(), {"short", "a value longer than twelve"});
  ASSERT_OK(ValidateFull(data));
  ASSERT_ONLY_FULL_FAILS("view at row 0 of type binary_view has negative size -3", WithView(data, 0, -3, "shor", 0, 0));
  ASSERT_ONLY_FULL_FAILS("view at row 1 of type binary_view refers to variadic buffer 1 but the array has 1",
                         WithView(data, 1, 26, "a va", 1, 0));
  ASSERT_ONLY_FULL_FAILS("view at row 1 of type binary_view refers to variadic buffer -1",
                         WithView(data, 1, 26, "a va", -1, 0));
  ASSERT_ONLY_FULL_FAILS(
      "view at row 1 of type binary_view (offset 1, size 26) is outside variadic buffer 0 of 26 bytes",
                         WithView(data, 1, 26, "a va", 0, 1));
  ASSERT_ONLY_FULL_FAILS("(offset -1, size 26) is outside variadic buffer 0", WithView(data, 1, 26, "a va", 0, -1));
  ASSERT_ONLY_FULL_FAILS("(offset 2147483647, size 26) is outside", WithView(data, 1, 26, "a va", 0, 2147483647));
  ASSERT_ONLY_FULL_FAILS("view at row 1 of type binary_view has a prefix that does not match its data",
                         WithView(data, 1, 26, "a vX", 0, 0));
  // Null slots may hold anything.
  auto nulled = WithBuffer(WithView(data, 1, -7, "????", 99, -1), 0, BitmapOf({true, false}));
  nulled->null_count = 1;
  ASSERT_OK(ValidateFull(nulled));
}

TEST(ValidateFullTest, RejectsDecreasingListOffsetsWithTheRow) {
  auto data = ListData<int32_t>(list(int8()), {0, 2, 1, 3}, PrimitiveData<int8_t>(int8(), {1, 2, 3}));
  ASSERT_ONLY_FULL_FAILS("list at row 1 of type list<item: int8> has negative length (offsets 2 then 1)", data);
  auto large = ListData<int64_t>(large_list(field("item", int8())), {0, 3, 2, 3},
      PrimitiveData<int8_t>(int8(), {1, 2, 3}));
  ASSERT_ONLY_FULL_FAILS("list at row 1 of type large_list<item: int8> has negative length (offsets 3 then 2)", large);
}

TEST(ValidateFullTest, RejectsListViewsOutsideTheChild) {
  auto child = PrimitiveData<int8_t>(int8(), {1, 2, 3});
  auto type = list_view(field("item", int8()));
  ASSERT_ONLY_FULL_FAILS(
      "list view at row 1 of type list_view<item: int8> (offset 2, size 2) is outside the child of length 3",
                         ListViewData<int32_t>(type, {0, 2}, {1, 2}, child));
  ASSERT_ONLY_FULL_FAILS("(offset -1, size 1) is outside", ListViewData<int32_t>(type, {-1}, {1}, child));
  ASSERT_ONLY_FULL_FAILS("(offset 0, size -1) is outside", ListViewData<int32_t>(type, {0}, {-1}, child));
  // The columnar spec requires in-bounds views for null slots too.
  ASSERT_ONLY_FULL_FAILS("list view at row 0", ListViewData<int32_t>(type, {5}, {0}, child, {false}));
  ASSERT_ONLY_FULL_FAILS("(offset 9223372036854775807, size 1) is outside",
                         ListViewData<int64_t>(large_list_view(field("item", int8())),
                             {std::numeric_limits<int64_t>::max()}, {1}, child));
}

TEST(ValidateFullTest, RejectsInvalidUnionTypeCodesWithTheRow) {
  FieldVector fields{field("a", int8()), field("b", int8())};
  auto children = std::vector<ArrayDataPtr>{PrimitiveData<int8_t>(int8(), {1, 2, 3}),
      PrimitiveData<int8_t>(int8(), {1, 2, 3})};
  ASSERT_ONLY_FULL_FAILS("type code 7 at row 2 is not valid for sparse_union<a: int8=2, b: int8=5>",
                         SparseUnionData(Unwrap(sparse_union(fields, {2, 5})), {2, 5, 7}, children));
  ASSERT_ONLY_FULL_FAILS("type code -1 at row 0 is not valid",
                         SparseUnionData(Unwrap(sparse_union(fields, {2, 5})), {-1, 5, 5}, children));
}

TEST(ValidateFullTest, RejectsDenseUnionOffsetsOutsideTheChild) {
  auto type = Unwrap(dense_union({field("a", int8()), field("b", utf8())}));
  auto children = std::vector<ArrayDataPtr>{PrimitiveData<int8_t>(int8(), {1}), StringData({"x", "y"})};
  ASSERT_OK(ValidateFull(DenseUnionData(type, {0, 1, 1}, {0, 1, 0}, children)));
  ASSERT_ONLY_FULL_FAILS("dense union offset 2 at row 1 is outside child 1 of length 2",
                         DenseUnionData(type, {0, 1}, {0, 2}, children));
  ASSERT_ONLY_FULL_FAILS("dense union offset -1 at row 0 is outside child 0 of length 1",
                         DenseUnionData(type, {0}, {-1}, children));
}

TEST(ValidateFullTest, RejectsDictionaryIndicesOutOfRangeWithTheRow) {
  auto type = Unwrap(dictionary(int16(), utf8()));
  auto dict = StringData({"a", "b"});
  ASSERT_ONLY_FULL_FAILS("dictionary index 2 at row 1 is outside the dictionary of length 2",
                         DictionaryData(type, PrimitiveData<int16_t>(int16(), {1, 2}), dict));
  ASSERT_ONLY_FULL_FAILS("dictionary index -1 at row 0",
                         DictionaryData(type, PrimitiveData<int16_t>(int16(), {-1}), dict));
  auto uint_type = Unwrap(dictionary(uint64(), utf8()));
  ASSERT_ONLY_FULL_FAILS("dictionary index -1 at row 0",
                         DictionaryData(uint_type, PrimitiveData<uint64_t>(uint64(), {~0ULL}), dict));
  // Null slots may hold any index.
  ASSERT_OK(ValidateFull(DictionaryData(type, PrimitiveData<int16_t>(int16(), {1, 500}, {true, false}), dict)));
}

TEST(ValidateFullTest, RejectsRunEndsThatAreNotPositiveAndIncreasing) {
  auto type = Unwrap(run_end_encoded(int32(), int8()));
  auto values = PrimitiveData<int8_t>(int8(), {1, 2, 3});
  ASSERT_ONLY_FULL_FAILS("run end 0 at index 0 of run_end_encoded<run_ends: int32, values: int8> is not positive",
                         RunEndEncodedData(type, 3, PrimitiveData<int32_t>(int32(), {0, 2, 3}), values));
  ASSERT_ONLY_FULL_FAILS(
      "run end 2 at index 2 of run_end_encoded<run_ends: int32, values: int8> is not greater than the previous "
      "run end 2",
                         RunEndEncodedData(type, 3, PrimitiveData<int32_t>(int32(), {1, 2, 2, 3}),
                                           PrimitiveData<int8_t>(int8(), {1, 2, 3, 4})));
  ASSERT_ONLY_FULL_FAILS("run end -4 at index 0",
                         RunEndEncodedData(type, 3, PrimitiveData<int32_t>(int32(), {-4, 3}), values));
}

TEST(ValidateFullTest, RejectsNullMapKeys) {
  auto type = Unwrap(map(field("key", utf8(), false), field("value", int8())));
  auto entries = StructData(type->field(0)->type(), 2,
      {StringData({"a", std::nullopt}), PrimitiveData<int8_t>(int8(), {1, 2})});
  ASSERT_ONLY_FULL_FAILS("keys of map<string, int8> contain 1 nulls", ListData<int32_t>(type, {0, 2}, entries));
}

TEST(ValidateFullTest, RecursesIntoChildrenAndDictionaries) {
  auto strings = StringData({"a", "\xff"});
  ASSERT_ONLY_FULL_FAILS("child 0 of list<item: string>: invalid UTF-8 in value at row 1 of type string",
                         ListData<int32_t>(list(utf8()), {0, 2}, strings));
  auto nested = ListData<int32_t>(list(list(utf8())), {0, 1}, ListData<int32_t>(list(utf8()), {0, 2}, strings));
  ASSERT_ONLY_FULL_FAILS("child 0 of list<item: list<item: string>>: child 0 of list<item: string>: invalid UTF-8",
      nested);
  auto type = Unwrap(dictionary(int8(), utf8()));
  ASSERT_ONLY_FULL_FAILS(
      "dictionary of dictionary<values=string, indices=int8, ordered=0>: invalid UTF-8 in value at row 1",
                         DictionaryData(type, PrimitiveData<int8_t>(int8(), {0}), strings));
  auto struct_type = struct_({field("s", utf8())});
  ASSERT_ONLY_FULL_FAILS("child 0 of struct<s: string>: invalid UTF-8", StructData(struct_type, 2, {strings}));
  auto ext = ExtensionData(extension("e", utf8(), ""), strings);
  ASSERT_ONLY_FULL_FAILS("invalid UTF-8 in value at row 1 of type extension<e>", ext);
}

}  // namespace
}  // namespace arrowpack::testing
