#include "arrowpack/core/builder.h"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "array_testing.h"
#include "test_util.h"

namespace arrowpack {

namespace {

namespace expected = arrowpack::testing;
using std::nullopt;

/// Compares a finished array with one built by hand (tests/cpp/array_testing.h).
#define EXPECT_ARRAY_EQ(expected_data, actual)                                \
  do {                                                                        \
    ArrayPtr _expected = expected::ToArray(expected_data);                    \
    ASSERT_OK(_expected->ValidateFull());                                     \
    EXPECT_TRUE((actual)->Equals(*_expected)) << "got\n"                      \
                                              << (actual)->ToString() << "\nexpected\n" \
                                              << _expected->ToString();       \
  } while (false)

void ExpectPaddingZeroed(const ArrayData& data) {
  for (size_t b = 0; b < data.buffers.size(); ++b) {
    const auto& buffer = data.buffers[b];
    if (!buffer) continue;
    for (int64_t i = buffer->size(); i < buffer->capacity(); ++i) {
      ASSERT_EQ(buffer->data()[i], 0) << data.type->ToString() << " buffer " << b << " byte " << i;
    }
  }
  // Validity bits past the length are zero too.
  if (!data.buffers.empty() && data.buffers[0] && data.type->layout().buffers[0].kind == BufferSpec::kValidityBitmap) {
    for (int64_t i = data.length; i < data.buffers[0]->size() * 8; ++i) {
      ASSERT_FALSE(bit_util::GetBit(data.buffers[0]->data(), i)) << data.type->ToString() << " bit " << i;
    }
  }
  for (const auto& child : data.child_data) ExpectPaddingZeroed(*child);
  if (data.dictionary) ExpectPaddingZeroed(*data.dictionary);
}

// Every finished array: structurally valid, null_count set and matching its bitmap, padding zeroed.
void CheckFinished(const Array& array) {
  ASSERT_OK(array.ValidateFull());
  const ArrayData& data = *array.data();
  ASSERT_NE(data.null_count, kUnknownNullCount);
  ArrayData recount = data;
  recount.null_count = kUnknownNullCount;
  ASSERT_EQ(recount.GetNullCount(), data.null_count);
  ASSERT_NO_FATAL_FAILURE(ExpectPaddingZeroed(data));
}

/// Declares `ArrayPtr name` holding the checked result of builder.Finish().
#define ASSERT_FINISH(name, builder)                        \
  ASSERT_OK_AND_ASSIGN(ArrayPtr name, (builder).Finish()); \
  ASSERT_NO_FATAL_FAILURE(CheckFinished(*name))

template <typename T>
std::shared_ptr<T> As(const ArrayPtr& array) {
  return std::static_pointer_cast<T>(array);
}

template <typename Builder>
std::unique_ptr<Builder> MakeTyped(const TypePtr& type) {
  auto result = MakeBuilder(type, system_memory_pool());
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  auto* typed = dynamic_cast<Builder*>(result.ValueOrDie().get());
  EXPECT_NE(typed, nullptr) << type->ToString();
  return std::unique_ptr<Builder>(static_cast<Builder*>(std::move(result).ValueOrDie().release()));
}

std::vector<int32_t> Int32Values(const ArrayPtr& array) {
  auto ints = As<PrimitiveArray<int32_t>>(array);
  return {ints->raw_values(), ints->raw_values() + ints->length()};
}

TypePtr Decimal(TypeId id, int32_t precision, int32_t scale) { return decimal(id, precision, scale).ValueOrDie(); }

}  // namespace

// ---- Primitive --------------------------------------------------------------------------------

TEST(NumericBuilderTest, AppendsValuesAndNulls) {
  Int32Builder builder(system_memory_pool());
  ASSERT_OK(builder.Append(1));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(-3));
  ASSERT_OK(builder.AppendEmptyValue());
  EXPECT_EQ(builder.length(), 4);
  EXPECT_EQ(builder.null_count(), 1);
  EXPECT_TRUE(builder.type()->Equals(*int32()));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->length(), 4);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(Int32Values(array), (std::vector<int32_t>{1, 0, -3, 0}));
  EXPECT_ARRAY_EQ(expected::OptionalData<int32_t>(int32(), {1, nullopt, -3, 0}), array);
  EXPECT_TRUE(array->IsValid(0));
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_TRUE(array->IsValid(3));
}

TEST(NumericBuilderTest, NoNullsMeansNoValidityBuffer) {
  DoubleBuilder builder(system_memory_pool());
  const double values[] = {1.5, -2.25, 3e300};
  ASSERT_OK(builder.AppendValues(values, 3));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->data()->buffers[0], nullptr);
  EXPECT_EQ(array->null_count(), 0);
  EXPECT_EQ(As<PrimitiveArray<double>>(array)->Value(2), 3e300);
  EXPECT_TRUE(array->type()->Equals(*float64()));
}

TEST(NumericBuilderTest, AppendValuesWithValidBytes) {
  Int64Builder builder(system_memory_pool());
  ASSERT_OK(builder.Append(10));
  const int64_t values[] = {1, 2, 3, 4, 5};
  const uint8_t valid[] = {1, 0, 1, 0, 1};
  ASSERT_OK(builder.AppendValues(values, 5, valid));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->null_count(), 2);
  auto ints = As<PrimitiveArray<int64_t>>(array);
  EXPECT_EQ(ints->Value(0), 10);
  EXPECT_EQ(ints->Value(5), 5);
  EXPECT_TRUE(array->IsValid(0));
  EXPECT_TRUE(array->IsNull(2));
  EXPECT_TRUE(array->IsNull(4));
  EXPECT_TRUE(array->IsValid(5));
}

TEST(NumericBuilderTest, UnsafeAppendsAfterReserveSurviveFirstNull) {
  // The validity bitmap appears at the first null; it must cover the capacity already reserved.
  UInt8Builder builder(system_memory_pool());
  ASSERT_OK(builder.Reserve(1000));
  for (int i = 0; i < 10; ++i) builder.UnsafeAppend(static_cast<uint8_t>(i));
  ASSERT_OK(builder.AppendNull());
  for (int i = 0; i < 900; ++i) builder.UnsafeAppend(static_cast<uint8_t>(i));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->length(), 911);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_TRUE(array->IsNull(10));
  EXPECT_TRUE(array->IsValid(910));
  EXPECT_EQ(As<PrimitiveArray<uint8_t>>(array)->Value(910), static_cast<uint8_t>(899));
}

TEST(NumericBuilderTest, ManyAppendsStayAmortised) {
  Int32Builder builder(system_memory_pool());
  for (int32_t i = 0; i < 100000; ++i) {
    ASSERT_OK(i % 7 == 0 ? builder.AppendNull() : builder.Append(i));
  }
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->null_count(), (100000 + 6) / 7);
  EXPECT_EQ(As<PrimitiveArray<int32_t>>(array)->Value(99999), 99999);
}

TEST(NumericBuilderTest, EmptyArray) {
  FloatBuilder builder(system_memory_pool());
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->length(), 0);
  EXPECT_EQ(array->null_count(), 0);
  EXPECT_EQ(array->data()->buffers[1]->size(), 0);
}

TEST(NumericBuilderTest, ReusableAfterFinish) {
  Int32Builder builder(system_memory_pool());
  ASSERT_OK(builder.Append(1));
  ASSERT_OK(builder.AppendNull());
  ASSERT_FINISH(first, builder);
  EXPECT_EQ(builder.length(), 0);
  EXPECT_EQ(builder.null_count(), 0);
  ASSERT_OK(builder.Append(7));
  ASSERT_FINISH(second, builder);
  EXPECT_EQ(Int32Values(second), (std::vector<int32_t>{7}));
  EXPECT_EQ(second->data()->buffers[0], nullptr);
  EXPECT_EQ(first->length(), 2);
}

TEST(NumericBuilderTest, NegativeCountsAreInvalid) {
  Int16Builder builder(system_memory_pool());
  ASSERT_RAISES_WITH(Invalid, "negative", builder.AppendNulls(-1));
  ASSERT_RAISES(Invalid, builder.AppendEmptyValues(-2));
  ASSERT_RAISES(Invalid, builder.Reserve(-5));
  ASSERT_RAISES_WITH(CapacityError, "more rows", builder.Reserve(std::numeric_limits<int64_t>::max()));
  const int16_t value = 1;
  ASSERT_RAISES(Invalid, builder.AppendValues(&value, -1));
  EXPECT_EQ(builder.length(), 0);
}

TEST(NumericBuilderTest, BuildsTemporalAndIntervalTypes) {
  auto timestamps = MakeTyped<Int64Builder>(timestamp(TimeUnit::MICRO, "UTC"));
  ASSERT_OK(timestamps->Append(1700000000000000));
  ASSERT_OK(timestamps->AppendNull());
  ASSERT_FINISH(ts, *timestamps);
  EXPECT_EQ(ts->type()->ToString(), "timestamp[us, tz=UTC]");
  EXPECT_EQ(As<PrimitiveArray<int64_t>>(ts)->Value(0), 1700000000000000);

  auto intervals = MakeTyped<MonthDayNanoIntervalBuilder>(month_day_nano_interval());
  ASSERT_OK(intervals->Append(MonthDayNano{1, 2, 3}));
  ASSERT_FINISH(mdn, *intervals);
  EXPECT_EQ(mdn->data()->buffers[1]->size(), 16);
  EXPECT_EQ(As<PrimitiveArray<MonthDayNano>>(mdn)->Value(0).nanoseconds, 3);

  auto halves = MakeTyped<UInt16Builder>(float16());
  ASSERT_OK(halves->Append(0x3C00));  // 1.0
  ASSERT_FINISH(half, *halves);
  EXPECT_TRUE(half->type()->Equals(*float16()));
}

TEST(BooleanBuilderTest, PacksBitsWithNulls) {
  BooleanBuilder builder(system_memory_pool());
  ASSERT_OK(builder.Append(true));
  ASSERT_OK(builder.Append(false));
  ASSERT_OK(builder.AppendNull());
  const uint8_t values[] = {1, 1, 0, 5, 0, 0, 1, 1, 1};
  const uint8_t valid[] = {1, 1, 1, 1, 0, 1, 1, 1, 1};
  ASSERT_OK(builder.AppendValues(values, 9, valid));
  ASSERT_FINISH(array, builder);
  auto bools = As<BooleanArray>(array);
  EXPECT_EQ(array->length(), 12);
  EXPECT_EQ(array->null_count(), 2);
  const std::vector<bool> expected = {true, false, false, true, true, false, true, false, false, true, true, true};
  for (int64_t i = 0; i < 12; ++i) EXPECT_EQ(bools->Value(i), expected[i]) << i;
  EXPECT_TRUE(array->IsNull(2));
  EXPECT_TRUE(array->IsNull(7));
}

TEST(NullBuilderTest, CountsEveryRowAsNull) {
  NullBuilder builder(system_memory_pool());
  ASSERT_OK(builder.AppendNulls(3));
  ASSERT_OK(builder.AppendEmptyValue());
  EXPECT_EQ(builder.null_count(), 4);
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->length(), 4);
  EXPECT_EQ(array->null_count(), 4);
  ASSERT_EQ(array->data()->buffers.size(), 1u);
  EXPECT_EQ(array->data()->buffers[0], nullptr);
}

// ---- Binary -----------------------------------------------------------------------------------

TEST(BinaryBuilderTest, StringsWithNullsAndEmpties) {
  StringBuilder builder(system_memory_pool());
  ASSERT_OK(builder.Append("hello"));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(""));
  ASSERT_OK(builder.AppendEmptyValue());
  ASSERT_OK(builder.Append(std::string("w\0rld", 5)));
  EXPECT_EQ(builder.value_data_length(), 10);
  ASSERT_FINISH(array, builder);
  auto strings = As<BinaryArray>(array);
  EXPECT_TRUE(array->type()->Equals(*utf8()));
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(strings->GetView(0), "hello");
  EXPECT_TRUE(strings->IsNull(1));
  EXPECT_EQ(strings->GetView(2), "");
  EXPECT_EQ(strings->GetView(3), "");
  EXPECT_EQ(strings->GetView(4), std::string_view("w\0rld", 5));
  const int32_t* offsets = strings->raw_value_offsets();
  EXPECT_EQ(std::vector<int32_t>(offsets, offsets + 6), (std::vector<int32_t>{0, 5, 5, 5, 5, 10}));
  EXPECT_ARRAY_EQ(expected::StringData({"hello", nullopt, "", "", std::string("w\0rld", 5)}), array);
}

TEST(BinaryBuilderTest, EmptyArrayHasOneOffset) {
  BinaryBuilder builder(system_memory_pool());
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->data()->buffers[1]->size(), 4);
  EXPECT_EQ(As<BinaryArray>(array)->value_offset(0), 0);
}

TEST(BinaryBuilderTest, LargeStringsUseInt64Offsets) {
  LargeStringBuilder builder(system_memory_pool());
  const std::string_view values[] = {"ab", "ignored", "cde"};
  const uint8_t valid[] = {1, 0, 1};
  ASSERT_OK(builder.AppendValues(values, 3, valid));
  ASSERT_FINISH(array, builder);
  auto strings = As<LargeBinaryArray>(array);
  EXPECT_TRUE(array->type()->Equals(*large_utf8()));
  EXPECT_EQ(array->data()->buffers[1]->size(), 4 * 8);
  EXPECT_EQ(strings->GetView(0), "ab");
  EXPECT_TRUE(strings->IsNull(1));
  EXPECT_EQ(strings->value_length(1), 0);
  EXPECT_EQ(strings->GetView(2), "cde");
}

TEST(BinaryBuilderTest, DataLimitGivesCapacityError) {
  BinaryBuilder builder(system_memory_pool());
  builder.SetDataLengthLimit(10);
  ASSERT_OK(builder.Append("123456"));
  ASSERT_RAISES_WITH(CapacityError, "exceeds the data limit", builder.Append("12345"));
  const std::string_view batch[] = {"1", "2345"};
  ASSERT_RAISES(CapacityError, builder.AppendValues(batch, 2));
  // The failed appends left no trace; the builder keeps going within the limit.
  EXPECT_EQ(builder.length(), 1);
  ASSERT_OK(builder.Append("7890"));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->length(), 2);
  EXPECT_EQ(As<BinaryArray>(array)->GetView(1), "7890");
}

TEST(BinaryBuilderTest, LimitIsClampedToOffsetRange) {
  BinaryBuilder builder(system_memory_pool());
  builder.SetDataLengthLimit(std::numeric_limits<int64_t>::max());
  // 2^31 bytes cannot be addressed by int32 offsets, whatever limit was asked for.
  ASSERT_RAISES(CapacityError, builder.ReserveData(int64_t{1} << 31));
  LargeBinaryBuilder large(system_memory_pool());
  ASSERT_RAISES(OutOfMemory, large.ReserveData(int64_t{1} << 60));
}

TEST(BinaryViewBuilderTest, InlineAndOutOfLineValues) {
  BinaryViewBuilder builder(utf8_view(), system_memory_pool(), /*block_size=*/32);
  const std::string longer = "a string longer than twelve";  // 27 bytes
  ASSERT_OK(builder.Append("short"));
  ASSERT_OK(builder.Append("exactly12byt"));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(longer));
  ASSERT_OK(builder.Append(longer + "!"));                 // does not fit the first block
  ASSERT_OK(builder.Append(std::string(100, 'x')));        // bigger than a block
  ASSERT_OK(builder.AppendEmptyValue());
  ASSERT_FINISH(array, builder);
  auto views = As<BinaryViewArray>(array);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(views->GetView(0), "short");
  EXPECT_EQ(views->GetView(1), "exactly12byt");
  EXPECT_TRUE(views->IsNull(2));
  EXPECT_EQ(views->GetView(3), longer);
  EXPECT_EQ(views->GetView(4), longer + "!");
  EXPECT_EQ(views->GetView(5), std::string(100, 'x'));
  EXPECT_EQ(views->GetView(6), "");
  // views + validity + three data blocks
  ASSERT_EQ(array->data()->buffers.size(), 5u);
  EXPECT_EQ(array->data()->buffers[2]->size(), 27);
  EXPECT_EQ(array->data()->buffers[4]->size(), 100);
  // Inline views are zero-padded: byte 4 + 5 onwards of view 0 is zero.
  const uint8_t* view0 = array->data()->buffers[1]->data();
  for (int i = 4 + 5; i < 16; ++i) EXPECT_EQ(view0[i], 0);
  EXPECT_ARRAY_EQ(expected::BinaryViewData(utf8_view(), {"short", "exactly12byt", nullopt, longer, longer + "!",
                                                         std::string(100, 'x'), ""}),
                  array);
}

TEST(BinaryViewBuilderTest, ManySmallValuesFillBlocks) {
  BinaryViewBuilder builder(system_memory_pool());
  const std::string value(20, 'v');
  for (int i = 0; i < 5000; ++i) ASSERT_OK(builder.Append(value));
  ASSERT_FINISH(array, builder);
  // 100000 bytes in 32 KiB blocks -> 4 blocks.
  EXPECT_EQ(array->data()->buffers.size(), 2u + 4u);
  EXPECT_EQ(As<BinaryViewArray>(array)->GetView(4999), value);
  EXPECT_TRUE(array->type()->Equals(*binary_view()));
}

TEST(FixedSizeBinaryBuilderTest, ExactWidthValues) {
  auto builder = MakeTyped<FixedSizeBinaryBuilder>(fixed_size_binary(3).ValueOrDie());
  EXPECT_EQ(builder->byte_width(), 3);
  ASSERT_OK(builder->Append("abc"));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->Append(reinterpret_cast<const uint8_t*>("xyz")));
  ASSERT_OK(builder->AppendValues(reinterpret_cast<const uint8_t*>("123456"), 2));
  ASSERT_RAISES_WITH(Invalid, "expected 3", builder->Append("ab"));
  ASSERT_RAISES(Invalid, builder->Append("abcd"));
  ASSERT_FINISH(array, *builder);
  auto fixed = As<FixedSizeBinaryArray>(array);
  EXPECT_EQ(array->length(), 5);
  EXPECT_EQ(fixed->GetView(0), "abc");
  EXPECT_TRUE(fixed->IsNull(1));
  EXPECT_EQ(fixed->GetView(1), std::string(3, '\0'));
  EXPECT_EQ(fixed->GetView(2), "xyz");
  EXPECT_EQ(fixed->GetView(4), "456");
}

// ---- Decimal ----------------------------------------------------------------------------------

TEST(DecimalBuilderTest, ParsesAtTheTypeScale) {
  DecimalBuilder builder(Decimal(TypeId::DECIMAL128, 10, 2), system_memory_pool());
  ASSERT_OK(builder.AppendDecimalString("123.45"));
  ASSERT_OK(builder.AppendDecimalString("-1.5"));
  ASSERT_OK(builder.AppendDecimalString("7"));
  ASSERT_OK(builder.AppendDecimalString("1.2e3"));
  ASSERT_OK(builder.AppendDecimalString("+0.10"));
  ASSERT_OK(builder.AppendDecimalString("-0"));
  ASSERT_OK(builder.AppendDecimalString("12345.0000E-2"));
  ASSERT_OK(builder.AppendNull());
  ASSERT_FINISH(array, builder);
  auto decimals = As<DecimalArray>(array);
  EXPECT_EQ(decimals->FormatValue(0), "123.45");
  EXPECT_EQ(decimals->FormatValue(1), "-1.50");
  EXPECT_EQ(decimals->FormatValue(2), "7.00");
  EXPECT_EQ(decimals->FormatValue(3), "1200.00");
  EXPECT_EQ(decimals->FormatValue(4), "0.10");
  EXPECT_EQ(decimals->FormatValue(5), "0.00");
  EXPECT_EQ(decimals->FormatValue(6), "123.45");
  EXPECT_ARRAY_EQ(expected::DecimalData(array->type(), {12345, -150, 700, 120000, 10, 0, 12345, nullopt}), array);
}

TEST(DecimalBuilderTest, WritesTwosComplementLittleEndian) {
  DecimalBuilder builder(Decimal(TypeId::DECIMAL128, 38, 0), system_memory_pool());
  ASSERT_OK(builder.AppendDecimalString("-1"));
  ASSERT_OK(builder.AppendDecimalString("258"));
  ASSERT_OK(builder.AppendDecimalString("99999999999999999999999999999999999999"));
  ASSERT_FINISH(array, builder);
  auto decimals = As<DecimalArray>(array);
  EXPECT_EQ(decimals->GetView(0), std::string(16, '\xff'));
  EXPECT_EQ(decimals->GetView(1), std::string("\x02\x01", 2) + std::string(14, '\0'));
  EXPECT_EQ(decimals->FormatValue(2), "99999999999999999999999999999999999999");
}

TEST(DecimalBuilderTest, AllWidths) {
  for (TypeId id : {TypeId::DECIMAL32, TypeId::DECIMAL64, TypeId::DECIMAL128, TypeId::DECIMAL256}) {
    const int32_t precision = DecimalType::MaxPrecision(id);
    auto builder = MakeTyped<DecimalBuilder>(Decimal(id, precision, 3));
    ASSERT_OK(builder->AppendDecimalString("-12.345"));
    const std::string largest = std::string(static_cast<size_t>(precision - 3), '9') + ".999";
    ASSERT_OK(builder->AppendDecimalString(largest));
    ASSERT_OK(builder->AppendDecimalString("-" + largest));
    ASSERT_RAISES(Invalid, builder->AppendDecimalString("1" + largest));
    ASSERT_FINISH(array, *builder);
    auto decimals = As<DecimalArray>(array);
    EXPECT_EQ(decimals->byte_width(), static_cast<const DecimalType&>(*array->type()).byte_width());
    EXPECT_EQ(decimals->FormatValue(0), "-12.345") << array->type()->ToString();
    EXPECT_EQ(decimals->FormatValue(1), largest);
    EXPECT_EQ(decimals->FormatValue(2), "-" + largest);
  }
}

TEST(DecimalBuilderTest, RejectsBadText) {
  DecimalBuilder builder(Decimal(TypeId::DECIMAL64, 5, 2), system_memory_pool());
  ASSERT_RAISES_WITH(Invalid, "precision is 5", builder.AppendDecimalString("1234.5"));
  ASSERT_RAISES_WITH(Invalid, "losing digits", builder.AppendDecimalString("1.234"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("0.001"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("1e99999999999"));
  ASSERT_RAISES_WITH(Invalid, "not a decimal", builder.AppendDecimalString(""));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("abc"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("1.2.3"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("-"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("."));
  ASSERT_RAISES_WITH(Invalid, "exponent", builder.AppendDecimalString("1e"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("1e+x"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString(" 1"));
  EXPECT_EQ(builder.length(), 0);
  // Trailing zeros beyond the scale are exact, and leading zeros do not count as digits.
  ASSERT_OK(builder.AppendDecimalString("000123.4500"));
  ASSERT_OK(builder.AppendDecimalString("1e-2"));
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(As<DecimalArray>(array)->FormatValue(0), "123.45");
  EXPECT_EQ(As<DecimalArray>(array)->FormatValue(1), "0.01");
}

TEST(DecimalBuilderTest, NegativeScale) {
  DecimalBuilder builder(Decimal(TypeId::DECIMAL32, 3, -2), system_memory_pool());
  ASSERT_OK(builder.AppendDecimalString("12300"));
  ASSERT_RAISES(Invalid, builder.AppendDecimalString("12345"));
  ASSERT_FINISH(array, builder);
  int32_t unscaled = 0;
  std::memcpy(&unscaled, As<DecimalArray>(array)->GetValue(0), 4);
  EXPECT_EQ(unscaled, 123);
}

// ---- Lists ------------------------------------------------------------------------------------

TEST(ListBuilderTest, ListsWithNullsAndEmpties) {
  ListBuilder builder(std::make_unique<Int32Builder>(system_memory_pool()), system_memory_pool());
  auto* values = static_cast<Int32Builder*>(builder.value_builder());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->Append(1));
  ASSERT_OK(values->Append(2));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.AppendEmptyValue());
  ASSERT_OK(builder.Append());
  ASSERT_OK(values->AppendNull());
  ASSERT_FINISH(array, builder);
  EXPECT_EQ(array->type()->ToString(), "list<item: int32>");
  auto lists = As<ListArray>(array);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(lists->value_offset(0), 0);
  EXPECT_EQ(lists->value_length(0), 2);
  EXPECT_TRUE(lists->IsNull(1));
  EXPECT_EQ(lists->value_length(1), 0);
  EXPECT_EQ(lists->value_length(2), 0);
  EXPECT_EQ(lists->value_offset(3), 2);
  EXPECT_EQ(lists->value_length(3), 1);
  EXPECT_EQ(lists->values()->length(), 3);
  EXPECT_EQ(lists->values()->null_count(), 1);
  EXPECT_EQ(array->data()->buffers[1]->size(), 5 * 4);
  EXPECT_ARRAY_EQ(expected::ListData<int32_t>(list(int32()), {0, 2, 2, 2, 3},
                                              expected::OptionalData<int32_t>(int32(), {1, 2, nullopt}),
                                              {true, false, true, true}),
                  array);
}

TEST(ListBuilderTest, ListViewsHaveOffsetsAndSizes) {
  for (const TypePtr& type : {list_view(field("item", utf8())), large_list_view(field("item", utf8()))}) {
    auto builder = MakeBuilder(type, system_memory_pool()).ValueOrDie();
    auto* values = static_cast<StringBuilder*>(builder->child(0));
    const bool large = type->id() == TypeId::LARGE_LIST_VIEW;
    auto append_row = [&](bool valid) {
      return large ? static_cast<LargeListViewBuilder*>(builder.get())->Append(valid)
                   : static_cast<ListViewBuilder*>(builder.get())->Append(valid);
    };
    ASSERT_OK(append_row(true));
    ASSERT_OK(values->Append("a"));
    ASSERT_OK(values->Append("b"));
    ASSERT_OK(append_row(false));
    ASSERT_OK(append_row(true));
    ASSERT_OK(values->Append("c"));
    ASSERT_FINISH(array, *builder);
    ASSERT_EQ(array->data()->buffers.size(), 3u);
    if (large) {
      auto lists = As<LargeListArray>(array);
      EXPECT_EQ(lists->value_offset(2), 2);
      EXPECT_EQ(lists->value_length(0), 2);
      EXPECT_EQ(lists->value_length(1), 0);
      EXPECT_EQ(lists->value_length(2), 1);
    } else {
      auto lists = As<ListArray>(array);
      EXPECT_EQ(lists->value_offset(2), 2);
      EXPECT_EQ(lists->value_length(0), 2);
      EXPECT_EQ(lists->value_length(1), 0);
      EXPECT_EQ(lists->value_length(2), 1);
      EXPECT_EQ(As<BinaryArray>(lists->value_slice(0))->GetView(1), "b");
    }
  }
}

TEST(ListBuilderTest, LargeListOfLists) {
  auto type = large_list(field("item", list(int64())));
  auto builder = MakeTyped<LargeListBuilder>(type);
  auto* inner = static_cast<ListBuilder*>(builder->value_builder());
  auto* ints = static_cast<Int64Builder*>(inner->value_builder());
  ASSERT_OK(builder->Append());
  ASSERT_OK(inner->Append());
  ASSERT_OK(ints->Append(5));
  ASSERT_OK(inner->AppendNull());
  ASSERT_OK(builder->Append());
  ASSERT_FINISH(array, *builder);
  EXPECT_TRUE(array->type()->Equals(*type));
  auto outer = As<LargeListArray>(array);
  EXPECT_EQ(outer->value_length(0), 2);
  EXPECT_EQ(outer->value_length(1), 0);
  auto inner_lists = As<ListArray>(outer->values());
  EXPECT_EQ(inner_lists->value_length(0), 1);
  EXPECT_TRUE(inner_lists->IsNull(1));
}

TEST(ListBuilderTest, ValueTypeMismatchIsInvalid) {
  ListBuilder builder(list(int64()), std::make_unique<Int32Builder>(system_memory_pool()), system_memory_pool());
  ASSERT_OK(builder.Append());
  ASSERT_RAISES_WITH(Invalid, "expected int64", builder.Finish());
  EXPECT_EQ(builder.length(), 0);
}

TEST(ListBuilderTest, OffsetOverflowIsCapacityError) {
  // A null child needs no memory, so 2^31 child values are cheap to reach.
  ListBuilder builder(std::make_unique<NullBuilder>(system_memory_pool()), system_memory_pool());
  ASSERT_OK(builder.Append());
  ASSERT_OK(builder.value_builder()->AppendNulls(std::numeric_limits<int32_t>::max()));
  ASSERT_OK(builder.Append());  // starts at offset 2^31 - 1, still addressable
  ASSERT_OK(builder.value_builder()->AppendNull());
  ASSERT_RAISES_WITH(CapacityError, "offsets", builder.Append());
  ASSERT_RAISES(CapacityError, builder.AppendNulls(2));
  ASSERT_RAISES(CapacityError, builder.Finish());
  EXPECT_EQ(builder.length(), 0);
  EXPECT_EQ(builder.value_builder()->length(), 0);
}

TEST(ListBuilderTest, ReusableAfterFinish) {
  auto builder = MakeTyped<ListBuilder>(list(utf8()));
  auto* values = static_cast<StringBuilder*>(builder->value_builder());
  ASSERT_OK(builder->Append());
  ASSERT_OK(values->Append("x"));
  ASSERT_FINISH(first, *builder);
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->Append());
  ASSERT_OK(values->Append("y"));
  ASSERT_OK(values->Append("z"));
  ASSERT_FINISH(second, *builder);
  auto lists = As<ListArray>(second);
  EXPECT_EQ(lists->value_offset(1), 0);
  EXPECT_EQ(lists->value_length(1), 2);
  EXPECT_EQ(As<BinaryArray>(lists->values())->GetView(1), "z");
  EXPECT_EQ(As<ListArray>(first)->values()->length(), 1);
}

TEST(FixedSizeListBuilderTest, RowsOfExactlyListSizeValues) {
  auto builder = MakeTyped<FixedSizeListBuilder>(fixed_size_list(field("item", int32()), 2).ValueOrDie());
  auto* values = static_cast<Int32Builder*>(builder->value_builder());
  EXPECT_EQ(builder->list_size(), 2);
  ASSERT_OK(builder->Append());
  ASSERT_OK(values->Append(1));
  ASSERT_OK(values->Append(2));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->AppendEmptyValue());
  const int32_t bulk[] = {7, 8, 9, 10};
  const uint8_t valid[] = {1, 0};
  ASSERT_OK(builder->AppendValues(2, valid));
  ASSERT_OK(values->AppendValues(bulk, 4));
  ASSERT_FINISH(array, *builder);
  auto lists = As<FixedSizeListArray>(array);
  EXPECT_EQ(array->length(), 5);
  EXPECT_EQ(array->null_count(), 2);
  EXPECT_TRUE(lists->IsNull(1));
  EXPECT_TRUE(lists->IsNull(4));
  EXPECT_EQ(lists->values()->length(), 10);
  EXPECT_TRUE(lists->values()->IsNull(2)) << "a null row holds null values in a nullable child";
  EXPECT_EQ(Int32Values(lists->value_slice(3)), (std::vector<int32_t>{7, 8}));
  EXPECT_EQ(Int32Values(lists->value_slice(2)), (std::vector<int32_t>{0, 0}));
}

TEST(FixedSizeListBuilderTest, WrongValueCountIsInvalid) {
  auto builder = MakeTyped<FixedSizeListBuilder>(fixed_size_list(field("item", int32()), 3).ValueOrDie());
  ASSERT_OK(builder->Append());
  ASSERT_OK(builder->Append());
  ASSERT_OK(static_cast<Int32Builder*>(builder->value_builder())->AppendEmptyValues(5));
  ASSERT_RAISES_WITH(Invalid, "has 5 values, expected 6", builder->Finish());
  // The failed Finish reset the builder (children too); it works again.
  EXPECT_EQ(builder->length(), 0);
  EXPECT_EQ(builder->value_builder()->length(), 0);
  ASSERT_OK(builder->AppendEmptyValue());
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->length(), 1);
}

// ---- Struct and map ---------------------------------------------------------------------------

TEST(StructBuilderTest, FieldsAndNullRows) {
  auto type = struct_({field("a", int32()), field("b", utf8(), /*nullable=*/false)});
  auto builder = MakeTyped<StructBuilder>(type);
  ASSERT_EQ(builder->num_fields(), 2);
  auto* a = static_cast<Int32Builder*>(builder->field_builder(0));
  auto* b = static_cast<StringBuilder*>(builder->field_builder(1));
  ASSERT_OK(builder->Append());
  ASSERT_OK(a->Append(1));
  ASSERT_OK(b->Append("one"));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->AppendEmptyValue());
  ASSERT_FINISH(array, *builder);
  auto structs = As<StructArray>(array);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_TRUE(structs->IsNull(1));
  auto field_a = structs->field(0);
  auto field_b = structs->field(1);
  EXPECT_EQ(field_a->length(), 3);
  EXPECT_TRUE(field_a->IsNull(1)) << "nullable fields get nulls under a null row";
  EXPECT_TRUE(field_b->IsValid(1)) << "non-nullable fields get empty values";
  EXPECT_EQ(field_b->null_count(), 0);
  EXPECT_EQ(As<BinaryArray>(field_b)->GetView(0), "one");
  EXPECT_EQ(As<BinaryArray>(field_b)->GetView(2), "");
  EXPECT_EQ(Int32Values(field_a)[2], 0);
  EXPECT_ARRAY_EQ(expected::StructData(type, 3,
                                       {expected::OptionalData<int32_t>(int32(), {1, nullopt, 0}),
                                        expected::StringData({"one", "", ""})},
                                       {true, false, true}),
                  array);
}

TEST(StructBuilderTest, BulkRowsThenSingleRows) {
  auto builder = MakeTyped<StructBuilder>(struct_({field("v", int16())}));
  auto* values = static_cast<Int16Builder*>(builder->field_builder(0));
  ASSERT_OK(builder->AppendValues(1000));
  ASSERT_OK(values->AppendEmptyValues(1000));
  ASSERT_OK(builder->AppendNull());
  for (int16_t i = 0; i < 3000; ++i) {
    ASSERT_OK(builder->Append(i % 3 != 0));
    ASSERT_OK(values->Append(i));
  }
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->length(), 4001);
  EXPECT_EQ(array->null_count(), 1001);
  EXPECT_TRUE(array->IsNull(1000));
  EXPECT_TRUE(array->IsNull(1001));
  EXPECT_TRUE(array->IsValid(4000));
}

TEST(StructBuilderTest, ChildLengthMismatchNamesTheField) {
  auto builder = MakeTyped<StructBuilder>(struct_({field("x", int8()), field("y", int8())}));
  ASSERT_OK(builder->Append());
  ASSERT_OK(static_cast<Int8Builder*>(builder->field_builder(0))->Append(1));
  ASSERT_RAISES_WITH(Invalid, "field 'y' has 0 values, expected 1", builder->Finish());
  EXPECT_EQ(builder->length(), 0);
  EXPECT_EQ(builder->field_builder(0)->length(), 0);
}

TEST(StructBuilderTest, ListOfStructs) {
  auto type = list(struct_({field("id", int64()), field("tags", list(utf8()))}));
  auto builder = MakeTyped<ListBuilder>(type);
  auto* rows = static_cast<StructBuilder*>(builder->value_builder());
  auto* ids = static_cast<Int64Builder*>(rows->field_builder(0));
  auto* tags = static_cast<ListBuilder*>(rows->field_builder(1));
  auto* tag_values = static_cast<StringBuilder*>(tags->value_builder());
  ASSERT_OK(builder->Append());
  for (int64_t id = 0; id < 3; ++id) {
    ASSERT_OK(rows->Append());
    ASSERT_OK(ids->Append(id));
    ASSERT_OK(tags->Append());
    for (int64_t t = 0; t < id; ++t) ASSERT_OK(tag_values->Append("t" + std::to_string(t)));
  }
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->Append());
  ASSERT_OK(rows->AppendNull());
  ASSERT_FINISH(array, *builder);
  EXPECT_TRUE(array->type()->Equals(*type));
  auto lists = As<ListArray>(array);
  EXPECT_EQ(lists->value_length(0), 3);
  EXPECT_EQ(lists->value_length(2), 1);
  auto structs = As<StructArray>(lists->values());
  EXPECT_TRUE(structs->IsNull(3));
  auto tag_lists = As<ListArray>(structs->field(1));
  EXPECT_EQ(tag_lists->value_length(2), 2);
  EXPECT_TRUE(tag_lists->IsNull(3));
  EXPECT_EQ(As<BinaryArray>(tag_lists->value_slice(2))->GetView(1), "t1");
}

TEST(MapBuilderTest, KeysAndItems) {
  auto type = map(field("key", utf8(), false), field("value", int32())).ValueOrDie();
  auto builder = MakeTyped<MapBuilder>(type);
  auto* keys = static_cast<StringBuilder*>(builder->key_builder());
  auto* items = static_cast<Int32Builder*>(builder->item_builder());
  ASSERT_OK(builder->Append());
  ASSERT_OK(keys->Append("a"));
  ASSERT_OK(items->Append(1));
  ASSERT_OK(keys->Append("b"));
  ASSERT_OK(items->AppendNull());
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->AppendEmptyValue());
  ASSERT_OK(builder->Append());
  ASSERT_OK(keys->Append("c"));
  ASSERT_OK(items->Append(3));
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->type()->ToString(), "map<string, int32>");
  auto maps = As<MapArray>(array);
  EXPECT_EQ(array->null_count(), 1);
  EXPECT_EQ(maps->value_length(0), 2);
  EXPECT_TRUE(maps->IsNull(1));
  EXPECT_EQ(maps->value_length(2), 0);
  EXPECT_EQ(maps->value_offset(3), 2);
  EXPECT_EQ(As<BinaryArray>(maps->keys())->GetView(2), "c");
  EXPECT_TRUE(maps->items()->IsNull(1));
  EXPECT_EQ(maps->values()->length(), 3);
  EXPECT_EQ(maps->values()->null_count(), 0);
}

TEST(MapBuilderTest, NullKeysAndCountMismatchAreInvalid) {
  auto type = map(field("key", int32(), false), field("value", int32())).ValueOrDie();
  auto builder = MakeTyped<MapBuilder>(type);
  ASSERT_OK(builder->Append());
  ASSERT_OK(builder->key_builder()->AppendNull());
  ASSERT_OK(builder->item_builder()->AppendNull());
  ASSERT_RAISES_WITH(Invalid, "keys must not be null", builder->Finish());
  ASSERT_OK(builder->Append());
  ASSERT_OK(static_cast<Int32Builder*>(builder->key_builder())->Append(1));
  ASSERT_RAISES_WITH(Invalid, "1 keys but 0 items", builder->Finish());
  EXPECT_EQ(builder->key_builder()->length(), 0);
}

// ---- Unions -----------------------------------------------------------------------------------

TEST(UnionBuilderTest, SparseUnionFillsOtherChildren) {
  auto type = sparse_union({field("i", int32()), field("s", utf8())}, {5, 7}).ValueOrDie();
  auto builder = MakeTyped<SparseUnionBuilder>(type);
  EXPECT_EQ(builder->child_index(7), 1);
  EXPECT_EQ(builder->child_index(0), -1);
  EXPECT_EQ(builder->child_index(-3), -1);
  auto* ints = static_cast<Int32Builder*>(builder->child(builder->child_index(5)));
  auto* strings = static_cast<StringBuilder*>(builder->child(builder->child_index(7)));
  ASSERT_OK(builder->Append(5));
  ASSERT_OK(ints->Append(42));
  ASSERT_OK(builder->Append(7));
  ASSERT_OK(strings->Append("hi"));
  ASSERT_OK(builder->AppendNull());
  ASSERT_RAISES_WITH(Invalid, "type code 6", builder->Append(6));
  ASSERT_FINISH(array, *builder);
  auto unions = As<UnionArray>(array);
  EXPECT_EQ(array->length(), 3);
  EXPECT_EQ(array->null_count(), 0);
  EXPECT_EQ(array->data()->buffers.size(), 1u);
  EXPECT_EQ(unions->type_code(0), 5);
  EXPECT_EQ(unions->type_code(1), 7);
  EXPECT_EQ(unions->type_code(2), 5);
  EXPECT_EQ(unions->field(0)->length(), 3);
  EXPECT_EQ(unions->field(1)->length(), 3);
  EXPECT_EQ(Int32Values(unions->field(0))[0], 42);
  EXPECT_TRUE(unions->field(0)->IsNull(2));
  EXPECT_EQ(As<BinaryArray>(unions->field(1))->GetView(1), "hi");
}

TEST(UnionBuilderTest, SparseChildLengthMismatchIsInvalid) {
  auto builder = MakeTyped<SparseUnionBuilder>(sparse_union({field("i", int32())}).ValueOrDie());
  ASSERT_OK(builder->Append(0));
  ASSERT_RAISES_WITH(Invalid, "child 'i' has 0 values, expected 1", builder->Finish());
}

TEST(UnionBuilderTest, DenseUnionOfLists) {
  auto type = dense_union({field("l", list(int32())), field("s", utf8())}, {1, 2}).ValueOrDie();
  auto builder = MakeTyped<DenseUnionBuilder>(type);
  auto* lists = static_cast<ListBuilder*>(builder->child(0));
  auto* list_values = static_cast<Int32Builder*>(lists->value_builder());
  auto* strings = static_cast<StringBuilder*>(builder->child(1));
  ASSERT_OK(builder->Append(1));
  ASSERT_OK(lists->Append());
  ASSERT_OK(list_values->Append(1));
  ASSERT_OK(builder->Append(2));
  ASSERT_OK(strings->Append("x"));
  ASSERT_OK(builder->Append(1));
  ASSERT_OK(lists->AppendNull());
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->AppendEmptyValue());
  ASSERT_RAISES(Invalid, builder->Append(0));
  ASSERT_FINISH(array, *builder);
  auto unions = As<UnionArray>(array);
  EXPECT_TRUE(unions->is_dense());
  EXPECT_EQ(array->length(), 5);
  const int32_t* offsets = array->data()->GetValues<int32_t>(1);
  EXPECT_EQ(std::vector<int32_t>(offsets, offsets + 5), (std::vector<int32_t>{0, 0, 1, 2, 3}));
  EXPECT_EQ(unions->field(0)->length(), 4);
  EXPECT_EQ(unions->field(1)->length(), 1);
  EXPECT_TRUE(unions->field(0)->IsNull(2));
  EXPECT_EQ(unions->child_id(1), 1);
  EXPECT_EQ(unions->value_offset(3), 2);
  auto list_child = expected::ListData<int32_t>(list(int32()), {0, 1, 1, 1, 1},
                                                expected::PrimitiveData<int32_t>(int32(), {1}),
                                                {true, false, false, true});
  EXPECT_ARRAY_EQ(expected::DenseUnionData(type, {1, 2, 1, 1, 1}, {0, 0, 1, 2, 3},
                                           {list_child, expected::StringData({"x"})}),
                  array);
}

TEST(UnionBuilderTest, DenseChildCountMismatchIsInvalid) {
  auto type = dense_union({field("a", int8()), field("b", int8())}).ValueOrDie();
  auto builder = MakeTyped<DenseUnionBuilder>(type);
  ASSERT_OK(builder->Append(1));
  ASSERT_OK(builder->Append(1));
  ASSERT_OK(static_cast<Int8Builder*>(builder->child(1))->Append(3));
  ASSERT_RAISES_WITH(Invalid, "child 'b' has 1 values, expected 2", builder->Finish());
  // Reused after the failure, offsets start again at zero.
  ASSERT_OK(builder->Append(1));
  ASSERT_OK(static_cast<Int8Builder*>(builder->child(1))->Append(4));
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->data()->GetValues<int32_t>(1)[0], 0);
}

TEST(UnionBuilderTest, UnionWithoutChildrenCannotHoldNulls) {
  auto builder = MakeTyped<DenseUnionBuilder>(dense_union({}).ValueOrDie());
  ASSERT_RAISES_WITH(Invalid, "without children", builder->AppendNull());
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->length(), 0);
}

// ---- Dictionary -------------------------------------------------------------------------------

TEST(DictionaryBuilderTest, MemoisesStrings) {
  auto type = dictionary(int32(), utf8()).ValueOrDie();
  auto builder = MakeTyped<DictionaryBuilder>(type);
  for (const char* value : {"a", "b", "a"}) ASSERT_OK(builder->Append(value));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->Append("c"));
  ASSERT_OK(builder->Append("b"));
  ASSERT_OK(builder->AppendEmptyValue());
  ASSERT_OK(builder->Append(""));
  EXPECT_EQ(builder->dictionary_length(), 4);
  ASSERT_FINISH(array, *builder);
  auto dict = As<DictionaryArray>(array);
  EXPECT_TRUE(array->type()->Equals(*type));
  EXPECT_EQ(array->null_count(), 1);
  std::vector<int64_t> indices;
  for (int64_t i = 0; i < array->length(); ++i) indices.push_back(array->IsNull(i) ? -1 : dict->GetValueIndex(i));
  EXPECT_EQ(indices, (std::vector<int64_t>{0, 1, 0, -1, 2, 1, 3, 3}));
  auto values = As<BinaryArray>(dict->dictionary());
  ASSERT_EQ(values->length(), 4);
  EXPECT_EQ(values->GetView(0), "a");
  EXPECT_EQ(values->GetView(2), "c");
  EXPECT_EQ(values->GetView(3), "");
  EXPECT_EQ(values->null_count(), 0);
  auto expected_indices = expected::OptionalData<int32_t>(int32(), {0, 1, 0, nullopt, 2, 1, 3, 3});
  EXPECT_ARRAY_EQ(expected::DictionaryData(type, expected_indices, expected::StringData({"a", "b", "c", ""})), array);
}

TEST(DictionaryBuilderTest, ManyDistinctValuesRehash) {
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(int16(), large_binary()).ValueOrDie());
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 5000; ++i) ASSERT_OK(builder->Append("value-" + std::to_string(i)));
  }
  EXPECT_EQ(builder->dictionary_length(), 5000);
  ASSERT_FINISH(array, *builder);
  auto dict = As<DictionaryArray>(array);
  EXPECT_EQ(dict->GetValueIndex(5000 + 1234), 1234);
  EXPECT_EQ(As<LargeBinaryArray>(dict->dictionary())->GetView(4321), "value-4321");
}

TEST(DictionaryBuilderTest, PrimitiveValues) {
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(uint8(), int64()).ValueOrDie());
  for (int64_t value : {10, 20, 10, 30, 20}) ASSERT_OK(builder->Append(value));
  ASSERT_RAISES_WITH(TypeError, "4-byte value", builder->Append(int32_t{10}));
  ASSERT_RAISES_WITH(Invalid, "expected 8", builder->Append("abc"));
  ASSERT_FINISH(array, *builder);
  auto dict = As<DictionaryArray>(array);
  EXPECT_EQ(array->data()->buffers[1]->size(), 5);
  EXPECT_EQ(dict->GetValueIndex(4), 1);
  auto values = As<PrimitiveArray<int64_t>>(dict->dictionary());
  EXPECT_EQ(std::vector<int64_t>(values->raw_values(), values->raw_values() + 3), (std::vector<int64_t>{10, 20, 30}));
}

TEST(DictionaryBuilderTest, ViewAndFixedSizeValues) {
  auto views = MakeTyped<DictionaryBuilder>(dictionary(int8(), utf8_view()).ValueOrDie());
  ASSERT_OK(views->Append("a value longer than twelve bytes"));
  ASSERT_OK(views->Append("tiny"));
  ASSERT_OK(views->Append("a value longer than twelve bytes"));
  ASSERT_FINISH(view_array, *views);
  auto view_dict = As<BinaryViewArray>(As<DictionaryArray>(view_array)->dictionary());
  EXPECT_EQ(view_dict->length(), 2);
  EXPECT_EQ(view_dict->GetView(0), "a value longer than twelve bytes");

  auto fixed = MakeTyped<DictionaryBuilder>(dictionary(int32(), fixed_size_binary(2).ValueOrDie()).ValueOrDie());
  ASSERT_OK(fixed->Append("ab"));
  ASSERT_OK(fixed->AppendEmptyValue());
  ASSERT_OK(fixed->Append(std::string(2, '\0')));
  ASSERT_RAISES(Invalid, fixed->Append("abc"));
  ASSERT_FINISH(fixed_array, *fixed);
  auto fixed_dict = As<DictionaryArray>(fixed_array);
  EXPECT_EQ(fixed_dict->dictionary()->length(), 2);
  EXPECT_EQ(fixed_dict->GetValueIndex(2), 1);
}

TEST(DictionaryBuilderTest, BooleanValuesBecomeABitmapDictionary) {
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(int8(), boolean()).ValueOrDie());
  ASSERT_OK(builder->Append(true));
  ASSERT_OK(builder->Append(false));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->Append(true));
  ASSERT_OK(builder->AppendEmptyValue());  // false
  ASSERT_RAISES(TypeError, builder->Append(std::string_view("\x01", 1)));
  ASSERT_FINISH(array, *builder);
  ASSERT_OK(array->ValidateFull());
  auto dict = As<DictionaryArray>(array);
  auto values = As<BooleanArray>(dict->dictionary());
  ASSERT_EQ(values->length(), 2);
  EXPECT_TRUE(values->Value(0));
  EXPECT_FALSE(values->Value(1));
  EXPECT_EQ(dict->GetValueIndex(3), 0);
  EXPECT_EQ(dict->GetValueIndex(4), 1);
  EXPECT_EQ(array->null_count(), 1);
}

TEST(DictionaryBuilderTest, IndexOverflowIsCapacityError) {
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(int8(), int32()).ValueOrDie());
  for (int32_t i = 0; i < 128; ++i) ASSERT_OK(builder->Append(i));
  ASSERT_RAISES_WITH(CapacityError, "int8", builder->Append(int32_t{128}));
  ASSERT_OK(builder->Append(int32_t{127}));  // known values still fit
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(As<DictionaryArray>(array)->GetValueIndex(128), 127);
}

TEST(DictionaryBuilderTest, FinishStartsAFreshDictionary) {
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(int32(), binary()).ValueOrDie());
  ASSERT_OK(builder->Append("x"));
  ASSERT_FINISH(first, *builder);
  EXPECT_EQ(builder->dictionary_length(), 0);
  ASSERT_OK(builder->Append("y"));
  ASSERT_OK(builder->Append("x"));
  ASSERT_FINISH(second, *builder);
  auto dict = As<DictionaryArray>(second);
  EXPECT_EQ(As<BinaryArray>(dict->dictionary())->GetView(0), "y");
  EXPECT_EQ(dict->GetValueIndex(1), 1);
}

TEST(DictionaryBuilderTest, UnsupportedTypes) {
  ASSERT_RAISES_WITH(TypeError, "dictionary type", DictionaryBuilder::Make(int32()));
  ASSERT_RAISES(NotImplemented, DictionaryBuilder::Make(dictionary(int32(), list(int8())).ValueOrDie()));
  ASSERT_RAISES(NotImplemented, MakeBuilder(dictionary(int32(), struct_({})).ValueOrDie()));
  auto builder = MakeTyped<DictionaryBuilder>(dictionary(int32(), utf8()).ValueOrDie());
  ASSERT_RAISES(TypeError, builder->Append(1.5));
}

// ---- Run-end encoded --------------------------------------------------------------------------

TEST(RunEndEncodedBuilderTest, CollapsesEqualNeighbours) {
  auto type = run_end_encoded(int32(), int32()).ValueOrDie();
  auto builder = MakeTyped<RunEndEncodedBuilder>(type);
  for (int32_t value : {1, 1, 1, 2, 2}) ASSERT_OK(builder->Append(value));
  ASSERT_OK(builder->AppendNull());
  ASSERT_OK(builder->AppendNulls(2));
  ASSERT_OK(builder->Append(int32_t{3}));
  ASSERT_OK(builder->AppendEmptyValues(2));
  EXPECT_EQ(builder->length(), 11);
  EXPECT_EQ(builder->null_count(), 0);
  ASSERT_FINISH(array, *builder);
  auto ree = As<RunEndEncodedArray>(array);
  EXPECT_EQ(array->length(), 11);
  EXPECT_EQ(Int32Values(ree->run_ends()), (std::vector<int32_t>{3, 5, 8, 9, 11}));
  EXPECT_EQ(ree->values()->length(), 5);
  EXPECT_TRUE(ree->values()->IsNull(2));
  EXPECT_EQ(Int32Values(ree->values())[3], 3);
  EXPECT_EQ(ree->FindPhysicalIndex(6), 2);
  EXPECT_ARRAY_EQ(expected::RunEndEncodedData(type, 11, expected::PrimitiveData<int32_t>(int32(), {3, 5, 8, 9, 11}),
                                              expected::OptionalData<int32_t>(int32(), {1, 2, nullopt, 3, 0})),
                  array);
}

TEST(RunEndEncodedBuilderTest, StringValuesAndExplicitRuns) {
  auto type = run_end_encoded(int64(), utf8()).ValueOrDie();
  auto builder = MakeTyped<RunEndEncodedBuilder>(type);
  auto* values = static_cast<StringBuilder*>(builder->values_builder());
  ASSERT_OK(builder->Append("a"));
  ASSERT_OK(builder->Append("a"));
  ASSERT_OK(values->Append("a"));
  ASSERT_OK(builder->AppendRun(4));  // never merged, even with an equal value
  ASSERT_OK(builder->Append("b"));
  ASSERT_RAISES_WITH(Invalid, ">= 1", builder->AppendRun(0));
  ASSERT_RAISES(TypeError, builder->Append(int32_t{1}));
  ASSERT_FINISH(array, *builder);
  auto ree = As<RunEndEncodedArray>(array);
  auto run_ends = As<PrimitiveArray<int64_t>>(ree->run_ends());
  EXPECT_EQ(std::vector<int64_t>(run_ends->raw_values(), run_ends->raw_values() + 3),
            (std::vector<int64_t>{2, 6, 7}));
  EXPECT_EQ(As<BinaryArray>(ree->values())->GetView(2), "b");
}

TEST(RunEndEncodedBuilderTest, RunEndOverflowIsCapacityError) {
  auto builder = MakeTyped<RunEndEncodedBuilder>(run_end_encoded(int16(), boolean()).ValueOrDie());
  ASSERT_OK(builder->Append(true));
  ASSERT_OK(builder->AppendNulls(32766));
  ASSERT_RAISES_WITH(CapacityError, "32767", builder->Append(false));
  ASSERT_RAISES(CapacityError, builder->AppendNulls(1));
  ASSERT_RAISES(CapacityError, builder->AppendEmptyValues(1));
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->length(), 32767);
  EXPECT_EQ(As<RunEndEncodedArray>(array)->values()->length(), 2);
}

TEST(RunEndEncodedBuilderTest, RunsWithoutValuesAreInvalid) {
  auto builder = MakeTyped<RunEndEncodedBuilder>(run_end_encoded(int32(), float64()).ValueOrDie());
  ASSERT_OK(builder->AppendRun(3));
  ASSERT_RAISES_WITH(Invalid, "has 0 values, expected 1", builder->Finish());
  EXPECT_EQ(builder->length(), 0);
}

// ---- MakeBuilder over every type --------------------------------------------------------------

TEST(MakeBuilderTest, EveryTypeBuildsNullAndEmptyRows) {
  const std::vector<TypePtr> types = {
      null(), boolean(), int8(), int16(), int32(), int64(), uint8(), uint16(), uint32(), uint64(), float16(),
      float32(), float64(), utf8(), large_utf8(), binary(), large_binary(), utf8_view(), binary_view(),
      fixed_size_binary(5).ValueOrDie(), date32(), date64(), timestamp(TimeUnit::NANO),
      time32(TimeUnit::MILLI).ValueOrDie(), time64(TimeUnit::NANO).ValueOrDie(), duration(TimeUnit::SECOND),
      month_interval(), day_time_interval(), month_day_nano_interval(), Decimal(TypeId::DECIMAL32, 9, 2),
      Decimal(TypeId::DECIMAL64, 18, 2), Decimal(TypeId::DECIMAL128, 38, 10), Decimal(TypeId::DECIMAL256, 76, 0),
      list(int32()), large_list(field("v", utf8())), list_view(field("v", int8())),
      large_list_view(field("v", boolean())), fixed_size_list(field("v", float32()), 3).ValueOrDie(),
      map(field("k", utf8(), false), field("v", list(int64()))).ValueOrDie(),
      struct_({field("a", int32()), field("b", struct_({field("c", utf8(), false)}))}),
      sparse_union({field("a", int32()), field("b", utf8())}, {3, 9}).ValueOrDie(),
      dense_union({field("a", list(int32())), field("b", null())}).ValueOrDie(),
      dictionary(int16(), utf8()).ValueOrDie(), dictionary(uint32(), Decimal(TypeId::DECIMAL128, 5, 1)).ValueOrDie(),
      run_end_encoded(int32(), utf8()).ValueOrDie(), run_end_encoded(int64(), list(int8())).ValueOrDie(),
      extension("arrowpack.test", struct_({field("x", float64())}), "meta")};
  for (const TypePtr& type : types) {
    SCOPED_TRACE(type->ToString());
    ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type, system_memory_pool()));
    EXPECT_TRUE(builder->type()->Equals(*type));
    EXPECT_EQ(builder->pool(), system_memory_pool());
    ASSERT_OK(builder->AppendNull());
    ASSERT_OK(builder->AppendEmptyValues(2));
    ASSERT_OK(builder->AppendNulls(2));
    ASSERT_FINISH(array, *builder);
    EXPECT_TRUE(array->type()->Equals(*type));
    EXPECT_EQ(array->length(), 5);
    // Finishing the empty builder gives a valid empty array of the same type.
    ASSERT_FINISH(empty, *builder);
    EXPECT_EQ(empty->length(), 0);
    EXPECT_TRUE(empty->type()->Equals(*type));
  }
}

TEST(MakeBuilderTest, ExtensionWrapsTheStorageBuilder) {
  auto type = extension("my.uuid", fixed_size_binary(16).ValueOrDie(), "");
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type, system_memory_pool()));
  auto* storage = dynamic_cast<FixedSizeBinaryBuilder*>(builder.get());
  ASSERT_NE(storage, nullptr);
  ASSERT_OK(storage->Append(std::string(16, 'u')));
  ASSERT_FINISH(array, *builder);
  EXPECT_EQ(array->type()->id(), TypeId::EXTENSION);
  auto ext = As<ExtensionArray>(array);
  EXPECT_EQ(As<FixedSizeBinaryArray>(ext->storage())->GetView(0), std::string(16, 'u'));
}

TEST(MakeBuilderTest, BuildersMatchingDirectConstructionAreEqual) {
  StringBuilder direct(system_memory_pool());
  auto made = MakeTyped<StringBuilder>(utf8());
  for (ArrayBuilder* builder : {static_cast<ArrayBuilder*>(&direct), static_cast<ArrayBuilder*>(made.get())}) {
    auto* strings = static_cast<StringBuilder*>(builder);
    ASSERT_OK(strings->Append("x"));
    ASSERT_OK(strings->AppendNull());
  }
  ASSERT_FINISH(a, direct);
  ASSERT_FINISH(b, *made);
  EXPECT_TRUE(a->Equals(*b));
}

TEST(BuilderMemoryTest, AllocatesFromTheGivenPool) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  {
    Int64Builder builder(pool);
    for (int64_t i = 0; i < 1000; ++i) ASSERT_OK(builder.Append(i));
    EXPECT_GE(pool->bytes_allocated() - before, 8000);
    ASSERT_FINISH(array, builder);
    // Finish shrinks to the rounded size: 8000 bytes -> 8000 rounded to 64.
    EXPECT_EQ(pool->bytes_allocated() - before, RoundUpToMultipleOf64(8000));
  }
  EXPECT_EQ(pool->bytes_allocated(), before);
}

}  // namespace arrowpack
