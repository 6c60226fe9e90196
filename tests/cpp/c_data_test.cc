#include "arrowpack/core/c_data.h"

#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "test_util.h"

namespace arrowpack {
namespace {

// ---- Building arrays by hand ---------------------------------------------------------------------

template <typename T>
std::shared_ptr<Buffer> Values(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return Buffer::FromVector(std::move(bytes));
}

std::shared_ptr<Buffer> Bits(const std::vector<bool>& bits) {
  std::vector<uint8_t> bytes(bit_util::BytesForBits(static_cast<int64_t>(bits.size())), 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) bytes[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  return Buffer::FromVector(std::move(bytes));
}

/// A validity bitmap with a null at every index in `nulls`, or nullptr when `nulls` is empty.
std::shared_ptr<Buffer> Validity(int64_t length, const std::vector<int64_t>& nulls) {
  if (nulls.empty()) return nullptr;
  std::vector<bool> bits(length, true);
  for (int64_t i : nulls) bits[i] = false;
  return Bits(bits);
}

/// A fixed-width array over the bytes of `values` (several T may make one value, e.g. decimals).
template <typename T>
ArrayDataPtr Fixed(TypePtr type, const std::vector<T>& values, const std::vector<int64_t>& nulls = {}) {
  const auto length = static_cast<int64_t>(values.size() * sizeof(T) * 8 / type->bit_width());
  return ArrayData::Make(std::move(type), length, {Validity(length, nulls), Values(values)},
                         static_cast<int64_t>(nulls.size()));
}

ArrayDataPtr Int32s(const std::vector<int32_t>& values, const std::vector<int64_t>& nulls = {}) {
  return Fixed(int32(), values, nulls);
}

/// binary/string (OffsetType int32_t) or large_binary/large_string (int64_t); nullopt is null.
template <typename OffsetType>
ArrayDataPtr Strings(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  std::vector<OffsetType> offsets{0};
  std::string bytes;
  std::vector<int64_t> nulls;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) bytes += *values[i];
    if (!values[i]) nulls.push_back(static_cast<int64_t>(i));
    offsets.push_back(static_cast<OffsetType>(bytes.size()));
  }
  const auto length = static_cast<int64_t>(values.size());
  return ArrayData::Make(std::move(type), length,
                         {Validity(length, nulls), Values(offsets), Buffer::FromString(std::move(bytes))},
                         static_cast<int64_t>(nulls.size()));
}

/// binary_view/string_view: long values alternate between two data buffers.
ArrayDataPtr Views(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  std::string data[2];
  std::vector<uint8_t> views(values.size() * 16, 0);
  std::vector<int64_t> nulls;
  int next = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    uint8_t* view = views.data() + i * 16;
    if (!values[i]) {
      nulls.push_back(static_cast<int64_t>(i));
      continue;
    }
    const std::string& value = *values[i];
    const auto size = static_cast<int32_t>(value.size());
    std::memcpy(view, &size, 4);
    if (value.size() <= 12) {
      std::memcpy(view + 4, value.data(), value.size());
      continue;
    }
    const int32_t index = next;
    const auto offset = static_cast<int32_t>(data[index].size());
    data[index] += value;
    next = 1 - next;
    std::memcpy(view + 4, value.data(), 4);
    std::memcpy(view + 8, &index, 4);
    std::memcpy(view + 12, &offset, 4);
  }
  const auto length = static_cast<int64_t>(values.size());
  return ArrayData::Make(std::move(type), length,
                         {Validity(length, nulls), Buffer::FromVector(std::move(views)),
                          Buffer::FromString(data[0]), Buffer::FromString(data[1])},
                         static_cast<int64_t>(nulls.size()));
}

TypePtr Unwrap(Result<TypePtr> type) { return std::move(type).ValueOrDie(); }

MetadataPtr Meta(std::vector<std::pair<std::string, std::string>> pairs) {
  return std::make_shared<KeyValueMetadata>(std::move(pairs));
}

// ---- The round-trip corpus: one array (with nulls, at least 4 rows) per type -------------------

ArrayDataPtr ListOf(TypePtr type, std::vector<int32_t> offsets, ArrayDataPtr child, std::vector<int64_t> nulls) {
  const auto length = static_cast<int64_t>(offsets.size()) - 1;
  return ArrayData::Make(std::move(type), length, {Validity(length, nulls), Values(offsets)}, {std::move(child)},
                         static_cast<int64_t>(nulls.size()));
}

ArrayDataPtr StructCase() {
  auto type = struct_({field("a", int32()), field("b", utf8(), /*nullable=*/false, Meta({{"k", "v"}}))});
  return ArrayData::Make(type, 4, {Validity(4, {2})},
                         {Int32s({1, 2, 3, 4}, {0}), Strings<int32_t>(utf8(), {"w", "x", "y", "zz"})}, 1);
}

ArrayDataPtr MapCase() {
  auto type = Unwrap(map(field("key", utf8(), false), field("value", int32()), /*keys_sorted=*/true));
  auto entries = ArrayData::Make(type->field(0)->type(), 5, {nullptr},
                                 {Strings<int32_t>(utf8(), {"a", "b", "c", "d", "e"}), Int32s({1, 2, 3, 4, 5}, {4})},
                                 0);
  return ListOf(type, {0, 2, 2, 3, 5}, entries, {1});
}

ArrayDataPtr UnionCase(bool dense) {
  FieldVector fields{field("i", int32()), field("s", utf8())};
  auto type = Unwrap(dense ? dense_union(fields, {5, 2}) : sparse_union(fields, {5, 2}));
  auto type_ids = Values(std::vector<int8_t>{5, 2, 5, 2});
  if (dense) {
    return ArrayData::Make(type, 4, {type_ids, Values(std::vector<int32_t>{0, 0, 1, 1})},
                           {Int32s({10, 11}, {1}), Strings<int32_t>(utf8(), {"p", std::nullopt})}, 0);
  }
  return ArrayData::Make(type, 4, {type_ids},
                         {Int32s({10, 0, 11, 0}, {2}), Strings<int32_t>(utf8(), {"", "p", "", "q"})}, 0);
}

ArrayDataPtr DictionaryCase() {
  auto type = Unwrap(dictionary(int16(), utf8(), /*ordered=*/true));
  auto data = Fixed(type, std::vector<int16_t>{1, 0, 0, 2, 1}, {3});
  data->dictionary = Strings<int32_t>(utf8(), {"zero", "one", std::nullopt});
  return data;
}

ArrayDataPtr RunEndCase() {
  auto type = Unwrap(run_end_encoded(int32(), float64()));
  return ArrayData::Make(type, 6, {},
                         {Int32s({2, 3, 6}), Fixed(float64(), std::vector<double>{1.5, 0, -2.25}, {1})}, 0);
}

ArrayDataPtr ExtensionCase() {
  auto type = extension("example.uuid", Unwrap(fixed_size_binary(4)), "v1 \x01");
  return Fixed(type, std::vector<uint32_t>{1, 2, 3, 4}, {1});
}

ArrayDataPtr ExtensionOverStructCase() {
  auto storage = StructCase();
  auto data = std::make_shared<ArrayData>(*storage);
  data->type = extension("example.pair", storage->type, "");
  return data;
}

const std::map<std::string, std::function<ArrayDataPtr()>>& Corpus() {
  static const auto* corpus = new std::map<std::string, std::function<ArrayDataPtr()>>{
      {"null", [] { return ArrayData::Make(null(), 4, {nullptr}, 4); }},
      {"bool", [] { return ArrayData::Make(boolean(), 5, {Validity(5, {1}), Bits({1, 0, 0, 1, 1})}, 1); }},
      {"int8", [] { return Fixed(int8(), std::vector<int8_t>{-1, 2, -128, 127}, {1}); }},
      {"uint8", [] { return Fixed(uint8(), std::vector<uint8_t>{0, 2, 255, 7}, {2}); }},
      {"int16", [] { return Fixed(int16(), std::vector<int16_t>{-300, 2, 3, 4}, {0}); }},
      {"uint16", [] { return Fixed(uint16(), std::vector<uint16_t>{65535, 2, 3, 4}, {3}); }},
      {"int32", [] { return Int32s({7, -8, 9, 10, 11}, {1, 3}); }},
      {"uint32", [] { return Fixed(uint32(), std::vector<uint32_t>{1, 2, 3, 4}); }},
      {"int64", [] { return Fixed(int64(), std::vector<int64_t>{-1, 1LL << 40, 3, 4}, {2}); }},
      {"uint64", [] { return Fixed(uint64(), std::vector<uint64_t>{~0ULL, 2, 3, 4}, {1}); }},
      {"float16", [] { return Fixed(float16(), std::vector<uint16_t>{0x3c00, 0, 0x4000, 1}, {1}); }},
      {"float32", [] { return Fixed(float32(), std::vector<float>{1.5f, 2, 3, 4}, {1}); }},
      {"float64", [] { return Fixed(float64(), std::vector<double>{-0.5, 2, 3, 1e300}, {1}); }},
      {"date32", [] { return Fixed(date32(), std::vector<int32_t>{0, 19000, 3, 4}, {1}); }},
      {"date64", [] { return Fixed(date64(), std::vector<int64_t>{0, 86400000, 3, 4}, {1}); }},
      {"time32_s", [] { return Fixed(Unwrap(time32(TimeUnit::SECOND)), std::vector<int32_t>{1, 2, 3, 4}, {1}); }},
      {"time32_ms", [] { return Fixed(Unwrap(time32(TimeUnit::MILLI)), std::vector<int32_t>{1, 2, 3, 4}); }},
      {"time64_us", [] { return Fixed(Unwrap(time64(TimeUnit::MICRO)), std::vector<int64_t>{1, 2, 3, 4}, {1}); }},
      {"time64_ns", [] { return Fixed(Unwrap(time64(TimeUnit::NANO)), std::vector<int64_t>{1, 2, 3, 4}); }},
      {"timestamp_s", [] { return Fixed(timestamp(TimeUnit::SECOND), std::vector<int64_t>{1, 2, 3, 4}, {0}); }},
      {"timestamp_ms_tz", [] { return Fixed(timestamp(TimeUnit::MILLI, "UTC"), std::vector<int64_t>{1, 2, 3, 4}); }},
      {"timestamp_us_tz",
       [] { return Fixed(timestamp(TimeUnit::MICRO, "Europe/Paris"), std::vector<int64_t>{1, 2, 3, 4}, {2}); }},
      {"timestamp_ns", [] { return Fixed(timestamp(TimeUnit::NANO), std::vector<int64_t>{1, 2, 3, 4}); }},
      {"duration_s", [] { return Fixed(duration(TimeUnit::SECOND), std::vector<int64_t>{1, 2, 3, 4}, {1}); }},
      {"duration_ms", [] { return Fixed(duration(TimeUnit::MILLI), std::vector<int64_t>{1, 2, 3, 4}); }},
      {"duration_us", [] { return Fixed(duration(TimeUnit::MICRO), std::vector<int64_t>{1, 2, 3, 4}); }},
      {"duration_ns", [] { return Fixed(duration(TimeUnit::NANO), std::vector<int64_t>{1, 2, 3, 4}, {3}); }},
      {"interval_months", [] { return Fixed(month_interval(), std::vector<int32_t>{1, 2, 3, 4}, {1}); }},
      {"interval_day_time", [] { return Fixed(day_time_interval(), std::vector<int64_t>{1, 2, 3, 4}, {1}); }},
      {"interval_mdn", [] { return Fixed(month_day_nano_interval(), std::vector<int64_t>(8, 5), {1}); }},
      {"decimal32", [] { return Fixed(Unwrap(decimal32(9, 2)), std::vector<int32_t>{1, -2, 3, 4}, {1}); }},
      {"decimal64", [] { return Fixed(Unwrap(decimal64(18, 3)), std::vector<int64_t>{1, -2, 3, 4}, {1}); }},
      {"decimal128", [] { return Fixed(Unwrap(decimal128(38, 10)), std::vector<int64_t>{1, 0, -2, -1, 3, 0, 4, 0}); }},
      {"decimal256", [] { return Fixed(Unwrap(decimal256(76, -3)), std::vector<int64_t>(16, 9), {2}); }},
      {"fixed_size_binary", [] { return Fixed(Unwrap(fixed_size_binary(3)), std::vector<char>{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'}, {1}); }},
      {"binary", [] { return Strings<int32_t>(binary(), {"ab", std::nullopt, "", std::string("\0\1", 2)}); }},
      {"string", [] { return Strings<int32_t>(utf8(), {"héllo", std::nullopt, "", "world"}); }},
      {"large_binary", [] { return Strings<int64_t>(large_binary(), {"ab", std::nullopt, "", "xyz"}); }},
      {"large_string", [] { return Strings<int64_t>(large_utf8(), {"a", "bc", std::nullopt, "def"}); }},
      {"binary_view",
       [] { return Views(binary_view(), {"short", std::nullopt, "a value longer than twelve", "", "another long value!"}); }},
      {"string_view",
       [] { return Views(utf8_view(), {"this one is long enough", "tiny", std::nullopt, "and so is this one ok"}); }},
      {"list", [] { return ListOf(list(int32()), {0, 2, 2, 3, 5}, Int32s({1, 2, 3, 4, 5}, {2}), {1}); }},
      {"list_named_child",
       [] { return ListOf(list(field("element", int32(), false)), {0, 1, 1, 4, 5}, Int32s({1, 2, 3, 4, 5}), {}); }},
      {"large_list",
       [] {
         return ArrayData::Make(large_list(field("item", utf8())), 4,
                                {Validity(4, {0}), Values(std::vector<int64_t>{0, 0, 1, 3, 4})},
                                {Strings<int32_t>(utf8(), {"a", "b", "c", std::nullopt})}, 1);
       }},
      {"list_view",
       [] {
         return ArrayData::Make(list_view(field("item", int32())), 4,
                                {Validity(4, {1}), Values(std::vector<int32_t>{3, 0, 0, 1}),
                                 Values(std::vector<int32_t>{2, 0, 3, 1})},
                                {Int32s({1, 2, 3, 4, 5})}, 1);
       }},
      {"large_list_view",
       [] {
         return ArrayData::Make(large_list_view(field("item", int32())), 4,
                                {Validity(4, {3}), Values(std::vector<int64_t>{4, 0, 1, 0}),
                                 Values(std::vector<int64_t>{1, 2, 3, 0})},
                                {Int32s({1, 2, 3, 4, 5})}, 1);
       }},
      {"fixed_size_list",
       [] {
         return ArrayData::Make(Unwrap(fixed_size_list(field("item", int32()), 2)), 4, {Validity(4, {2})},
                                {Int32s({1, 2, 3, 4, 5, 6, 7, 8}, {0})}, 1);
       }},
      {"struct", StructCase},
      {"map", MapCase},
      {"sparse_union", [] { return UnionCase(false); }},
      {"dense_union", [] { return UnionCase(true); }},
      {"dictionary", DictionaryCase},
      {"run_end_encoded", RunEndCase},
      {"extension", ExtensionCase},
      {"extension_over_struct", ExtensionOverStructCase},
  };
  return *corpus;
}

std::vector<std::string> CorpusNames() {
  std::vector<std::string> names;
  for (const auto& [name, make] : Corpus()) names.push_back(name);
  return names;
}

/// Imported buffers must alias the exported ones (zero-copy both ways).
void ExpectSameMemory(const ArrayData& original, const ArrayData& imported) {
  ASSERT_EQ(original.buffers.size(), imported.buffers.size()) << original.type->ToString();
  for (size_t i = 0; i < original.buffers.size(); ++i) {
    if (original.buffers[i] == nullptr || original.buffers[i]->size() == 0 || imported.buffers[i] == nullptr) continue;
    EXPECT_EQ(imported.buffers[i]->data(), original.buffers[i]->data()) << original.type->ToString() << " buffer " << i;
  }
  ASSERT_EQ(original.child_data.size(), imported.child_data.size());
  for (size_t i = 0; i < original.child_data.size(); ++i) {
    ExpectSameMemory(*original.child_data[i], *imported.child_data[i]);
  }
  ASSERT_EQ(original.dictionary == nullptr, imported.dictionary == nullptr);
  if (original.dictionary) ExpectSameMemory(*original.dictionary, *imported.dictionary);
}

void ExpectRoundTrip(const ArrayDataPtr& original) {
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportArray(*original, &c_array, &c_schema));
  EXPECT_EQ(c_array.offset, original->offset);
  EXPECT_EQ(c_array.length, original->length);
  ASSERT_OK_AND_ASSIGN(auto imported, ImportArray(&c_array, &c_schema, ImportValidation::kFull));
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE(imported->type->Equals(*original->type, /*check_metadata=*/true))
      << imported->type->ToString() << " vs " << original->type->ToString();
  EXPECT_EQ(imported->length, original->length);
  EXPECT_EQ(imported->GetNullCount(), original->GetNullCount());
  EXPECT_TRUE(MakeArray(imported)->Equals(*MakeArray(original)))
      << MakeArray(imported)->ToString() << "\nvs\n" << MakeArray(original)->ToString();
  if (original->length > 0) ExpectSameMemory(*original, *imported);
}

class CDataRoundTripTest : public ::testing::TestWithParam<std::string> {
 protected:
  ArrayDataPtr Make() const { return Corpus().at(GetParam())(); }
};

TEST_P(CDataRoundTripTest, WholeArray) {
  auto original = Make();
  ASSERT_OK(MakeArray(original)->ValidateFull());
  ExpectRoundTrip(original);
}

TEST_P(CDataRoundTripTest, SlicedArrayKeepsItsOffset) {
  auto original = Make();
  ExpectRoundTrip(original->Slice(1, original->length - 2));
}

TEST_P(CDataRoundTripTest, EmptyArray) {
  auto original = Make();
  ExpectRoundTrip(original->Slice(0, 0));
  ExpectRoundTrip(original->Slice(2, 0));
}

TEST_P(CDataRoundTripTest, TypeAlone) {
  auto type = Make()->type;
  ArrowSchema c_schema;
  ASSERT_OK(ExportType(*type, &c_schema));
  ASSERT_OK_AND_ASSIGN(auto imported, ImportType(&c_schema));
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE(imported->Equals(*type, /*check_metadata=*/true)) << imported->ToString() << " vs " << type->ToString();
}

INSTANTIATE_TEST_SUITE_P(AllTypes, CDataRoundTripTest, ::testing::ValuesIn(CorpusNames()),
                         [](const auto& info) { return info.param; });

// ---- Export: format strings, flags, metadata, buffers ------------------------------------------

std::string FormatOf(const TypePtr& type) {
  ArrowSchema c_schema;
  EXPECT_OK(ExportType(*type, &c_schema));
  std::string format = c_schema.format;
  c_schema.release(&c_schema);
  return format;
}

TEST(CDataExportTest, FormatStrings) {
  const std::vector<std::pair<TypePtr, std::string>> cases = {
      {null(), "n"},
      {boolean(), "b"},
      {int8(), "c"},
      {uint8(), "C"},
      {int16(), "s"},
      {uint16(), "S"},
      {int32(), "i"},
      {uint32(), "I"},
      {int64(), "l"},
      {uint64(), "L"},
      {float16(), "e"},
      {float32(), "f"},
      {float64(), "g"},
      {binary(), "z"},
      {large_binary(), "Z"},
      {utf8(), "u"},
      {large_utf8(), "U"},
      {binary_view(), "vz"},
      {utf8_view(), "vu"},
      {Unwrap(fixed_size_binary(16)), "w:16"},
      {Unwrap(decimal32(7, 2)), "d:7,2,32"},
      {Unwrap(decimal64(15, -1)), "d:15,-1,64"},
      {Unwrap(decimal128(38, 10)), "d:38,10"},
      {Unwrap(decimal256(40, 5)), "d:40,5,256"},
      {date32(), "tdD"},
      {date64(), "tdm"},
      {Unwrap(time32(TimeUnit::SECOND)), "tts"},
      {Unwrap(time32(TimeUnit::MILLI)), "ttm"},
      {Unwrap(time64(TimeUnit::MICRO)), "ttu"},
      {Unwrap(time64(TimeUnit::NANO)), "ttn"},
      {timestamp(TimeUnit::SECOND), "tss:"},
      {timestamp(TimeUnit::MILLI, "UTC"), "tsm:UTC"},
      {timestamp(TimeUnit::MICRO, "+01:00"), "tsu:+01:00"},
      {timestamp(TimeUnit::NANO, "America/New_York"), "tsn:America/New_York"},
      {duration(TimeUnit::SECOND), "tDs"},
      {duration(TimeUnit::MILLI), "tDm"},
      {duration(TimeUnit::MICRO), "tDu"},
      {duration(TimeUnit::NANO), "tDn"},
      {month_interval(), "tiM"},
      {day_time_interval(), "tiD"},
      {month_day_nano_interval(), "tin"},
      {list(int32()), "+l"},
      {large_list(field("x", int8())), "+L"},
      {list_view(field("x", int8())), "+vl"},
      {large_list_view(field("x", int8())), "+vL"},
      {Unwrap(fixed_size_list(field("x", int8()), 3)), "+w:3"},
      {struct_({field("a", int8())}), "+s"},
      {Unwrap(map(field("k", utf8(), false), field("v", int8()))), "+m"},
      {Unwrap(sparse_union({field("a", int8()), field("b", utf8())}, {4, 1})), "+us:4,1"},
      {Unwrap(dense_union({field("a", int8()), field("b", utf8())})), "+ud:0,1"},
      {Unwrap(dense_union({})), "+ud:"},
      {Unwrap(run_end_encoded(int16(), utf8())), "+r"},
      {Unwrap(dictionary(uint8(), utf8())), "C"},
      {extension("e", large_utf8(), ""), "U"},
  };
  for (const auto& [type, format] : cases) EXPECT_EQ(FormatOf(type), format) << type->ToString();
}

/// Decodes the spec's metadata encoding independently of the implementation.
std::vector<std::pair<std::string, std::string>> ParseMetadata(const char* metadata) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (metadata == nullptr) return pairs;
  auto read_int = [&metadata] {
    int32_t value;
    std::memcpy(&value, metadata, 4);
    metadata += 4;
    return value;
  };
  auto read_string = [&] {
    const int32_t length = read_int();
    std::string text(metadata, length);
    metadata += length;
    return text;
  };
  for (int32_t i = read_int(); i > 0; --i) {
    std::string key = read_string();
    pairs.emplace_back(std::move(key), read_string());
  }
  return pairs;
}

TEST(CDataExportTest, FieldNameFlagsAndMetadata) {
  auto f = field("col", int32(), /*nullable=*/false, Meta({{"a", "1"}, {"key", std::string("b\0c", 3)}}));
  ArrowSchema c_schema;
  ASSERT_OK(ExportField(*f, &c_schema));
  EXPECT_STREQ(c_schema.name, "col");
  EXPECT_EQ(c_schema.flags, 0);
  EXPECT_EQ(c_schema.n_children, 0);
  EXPECT_EQ(c_schema.dictionary, nullptr);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ParseMetadata(c_schema.metadata), (Pairs{{"a", "1"}, {"key", std::string("b\0c", 3)}}));
  c_schema.release(&c_schema);
  EXPECT_EQ(c_schema.release, nullptr);

  ASSERT_OK(ExportField(*field("n", utf8()), &c_schema));
  EXPECT_EQ(c_schema.flags, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(c_schema.metadata, nullptr);
  c_schema.release(&c_schema);
}

TEST(CDataExportTest, DictionaryAndMapFlags) {
  ArrowSchema c_schema;
  ASSERT_OK(ExportType(*Unwrap(dictionary(int8(), utf8(), /*ordered=*/true)), &c_schema));
  EXPECT_STREQ(c_schema.format, "c");
  EXPECT_EQ(c_schema.flags, ARROW_FLAG_NULLABLE | ARROW_FLAG_DICTIONARY_ORDERED);
  ASSERT_NE(c_schema.dictionary, nullptr);
  EXPECT_STREQ(c_schema.dictionary->format, "u");
  c_schema.release(&c_schema);

  ASSERT_OK(ExportType(*Unwrap(map(field("k", utf8(), false), field("v", int8()), true)), &c_schema));
  EXPECT_EQ(c_schema.flags, ARROW_FLAG_NULLABLE | ARROW_FLAG_MAP_KEYS_SORTED);
  ASSERT_EQ(c_schema.n_children, 1);
  const ArrowSchema& entries = *c_schema.children[0];
  EXPECT_STREQ(entries.format, "+s");
  EXPECT_STREQ(entries.name, "entries");
  EXPECT_EQ(entries.flags, 0);
  ASSERT_EQ(entries.n_children, 2);
  EXPECT_STREQ(entries.children[0]->name, "k");
  EXPECT_EQ(entries.children[0]->flags, 0);
  EXPECT_EQ(entries.children[1]->flags, ARROW_FLAG_NULLABLE);
  c_schema.release(&c_schema);
}

TEST(CDataExportTest, ExtensionTravelsAsStorageWithMetadata) {
  auto f = field("id", extension("example.uuid", Unwrap(fixed_size_binary(16)), "params"), true, Meta({{"x", "y"}}));
  ArrowSchema c_schema;
  ASSERT_OK(ExportField(*f, &c_schema));
  EXPECT_STREQ(c_schema.format, "w:16");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ParseMetadata(c_schema.metadata),
            (Pairs{{"x", "y"}, {"ARROW:extension:name", "example.uuid"}, {"ARROW:extension:metadata", "params"}}));
  ASSERT_OK_AND_ASSIGN(auto imported, ImportField(&c_schema));
  EXPECT_TRUE(imported->Equals(*f, /*check_metadata=*/true)) << imported->ToString();
  ASSERT_EQ(imported->type()->id(), TypeId::EXTENSION);
  EXPECT_EQ(static_cast<const ExtensionType&>(*imported->type()).serialized_metadata(), "params");
}

TEST(CDataExportTest, SchemaRoundTripWithMetadata) {
  auto original = schema({field("a", int64(), false, Meta({{"doc", "first"}})), field("b", list(utf8()))},
                         Meta({{"pandas", "{}"}, {"origin", "test"}}));
  ArrowSchema c_schema;
  ASSERT_OK(ExportSchema(*original, &c_schema));
  EXPECT_STREQ(c_schema.format, "+s");
  EXPECT_EQ(c_schema.n_children, 2);
  ASSERT_OK_AND_ASSIGN(auto imported, ImportSchema(&c_schema));
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE(imported->Equals(*original, /*check_metadata=*/true)) << imported->ToString();
}

TEST(CDataExportTest, BufferLayoutFollowsTheSpec) {
  ArrowArray c_array;
  // No nulls: the validity pointer is NULL.
  auto ints = Int32s({1, 2, 3});
  ASSERT_OK(ExportArray(*ints, &c_array));
  EXPECT_EQ(c_array.n_buffers, 2);
  EXPECT_EQ(c_array.buffers[0], nullptr);
  EXPECT_EQ(c_array.buffers[1], ints->buffers[1]->data());
  EXPECT_EQ(c_array.null_count, 0);
  c_array.release(&c_array);

  // A slice's null count is not cached yet; the export counts it instead of sending -1. The
  // bitmap borrows the values buffer: its first byte, 1, leaves rows 1 and 2 null.
  auto with_nulls = ArrayData::Make(int32(), 3, {ints->buffers[1], ints->buffers[1]}, kUnknownNullCount);
  ASSERT_OK(ExportArray(*with_nulls->Slice(1, 2), &c_array));
  EXPECT_EQ(c_array.null_count, 2);
  c_array.release(&c_array);

  ASSERT_OK(ExportArray(*ArrayData::Make(null(), 3, {nullptr}), &c_array));
  EXPECT_EQ(c_array.n_buffers, 0);
  EXPECT_EQ(c_array.null_count, 3);
  c_array.release(&c_array);

  ASSERT_OK(ExportArray(*UnionCase(false), &c_array));
  EXPECT_EQ(c_array.n_buffers, 1);  // type ids only, no validity
  c_array.release(&c_array);
  ASSERT_OK(ExportArray(*UnionCase(true), &c_array));
  EXPECT_EQ(c_array.n_buffers, 2);
  EXPECT_EQ(c_array.null_count, 0);
  c_array.release(&c_array);

  auto views = Views(utf8_view(), {"a string longer than 12", "x", "and one more long string"});
  ASSERT_OK(ExportArray(*views, &c_array));
  ASSERT_EQ(c_array.n_buffers, 5);  // validity, views, 2 data buffers, sizes
  const auto* sizes = static_cast<const int64_t*>(c_array.buffers[4]);
  EXPECT_EQ(sizes[0], views->buffers[2]->size());
  EXPECT_EQ(sizes[1], views->buffers[3]->size());
  EXPECT_EQ(c_array.buffers[2], views->buffers[2]->data());
  c_array.release(&c_array);
}

TEST(CDataExportTest, SlicedArrayExportsOffsetNotACopy) {
  auto ints = Int32s({1, 2, 3, 4, 5}, {0});
  ArrowArray c_array;
  ASSERT_OK(ExportArray(*MakeArray(ints)->Slice(2, 2), &c_array));
  EXPECT_EQ(c_array.offset, 2);
  EXPECT_EQ(c_array.length, 2);
  EXPECT_EQ(c_array.buffers[1], ints->buffers[1]->data());
  c_array.release(&c_array);
}

/// A buffer whose memory is owned by a token that counts its own destruction.
std::shared_ptr<Buffer> CountedBuffer(const std::vector<int32_t>& values, int* destroyed) {
  auto storage = std::make_shared<std::vector<int32_t>>(values);
  auto token = std::shared_ptr<std::vector<int32_t>>(storage.get(), [storage, destroyed](auto*) mutable {
    ++*destroyed;
    storage.reset();
  });
  return Buffer::WrapForeign(reinterpret_cast<const uint8_t*>(token->data()),
                             static_cast<int64_t>(values.size() * sizeof(int32_t)), token);
}

TEST(CDataExportTest, ExportKeepsBuffersAliveUntilReleased) {
  int destroyed = 0;
  ArrowArray c_array;
  {
    auto data = ArrayData::Make(int32(), 3, {nullptr, CountedBuffer({4, 5, 6}, &destroyed)}, 0);
    ASSERT_OK(ExportArray(*data, &c_array));
  }
  EXPECT_EQ(destroyed, 0);
  EXPECT_EQ(static_cast<const int32_t*>(c_array.buffers[1])[2], 6);
  c_array.release(&c_array);
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(c_array.release, nullptr);
}

TEST(CDataExportTest, MovedChildOutlivesItsParent) {
  int destroyed = 0;
  auto child = ArrayData::Make(int32(), 3, {nullptr, CountedBuffer({7, 8, 9}, &destroyed)}, 0);
  auto parent = ArrayData::Make(struct_({field("a", int32()), field("b", utf8())}), 3, {nullptr},
                                {child, Strings<int32_t>(utf8(), {"x", "y", "z"})}, 0);
  ArrowArray c_array;
  ASSERT_OK(ExportArray(*parent, &c_array));
  child.reset();
  parent.reset();

  ArrowArray moved = *c_array.children[0];  // a move: shallow copy, then mark the source released
  c_array.children[0]->release = nullptr;
  c_array.release(&c_array);
  EXPECT_EQ(destroyed, 0);

  ASSERT_OK_AND_ASSIGN(auto imported, ImportArray(&moved, int32()));
  EXPECT_EQ(moved.release, nullptr);
  EXPECT_EQ(imported->GetValues<int32_t>(1)[1], 8);
  imported.reset();
  EXPECT_EQ(destroyed, 1);
}

TEST(CDataExportTest, MovedDictionaryOutlivesItsParent) {
  ArrowArray c_array;
  ASSERT_OK(ExportArray(*DictionaryCase(), &c_array));
  ArrowArray moved = *c_array.dictionary;
  c_array.dictionary->release = nullptr;
  c_array.release(&c_array);
  ASSERT_OK_AND_ASSIGN(auto imported, ImportArray(&moved, utf8()));
  EXPECT_EQ(MakeArray(imported)->ToString(), MakeArray(Strings<int32_t>(utf8(), {"zero", "one", std::nullopt}))->ToString());
}

TEST(CDataExportTest, MalformedArrayDataIsRefused) {
  ArrowArray c_array;
  auto bad = ArrayData::Make(int32(), 3, {nullptr});
  ASSERT_RAISES_WITH(Invalid, "1 buffers", ExportArray(*bad, &c_array));
  auto no_dictionary = Fixed(Unwrap(dictionary(int8(), utf8())), std::vector<int8_t>{0});
  ASSERT_RAISES_WITH(Invalid, "dictionary missing", ExportArray(*no_dictionary, &c_array));
  // A bad child is refused after its siblings were exported: they are released again.
  auto parent = ArrayData::Make(struct_({field("a", int32()), field("b", int32())}), 3, {nullptr},
                                {Int32s({1, 2, 3}), bad}, 0);
  ASSERT_RAISES(Invalid, ExportArray(*parent, &c_array));
}

// ---- Record batches --------------------------------------------------------------------------

RecordBatchPtr SampleBatch() {
  auto s = schema({field("ints", int32()), field("strs", utf8(), false)}, Meta({{"origin", "test"}}));
  return RecordBatch::Make(s, 4, std::vector<ArrayDataPtr>{Int32s({1, 2, 3, 4}, {2}),
                                                           Strings<int32_t>(utf8(), {"a", "b", "c", "d"})})
      .ValueOrDie();
}

TEST(CDataRecordBatchTest, RoundTrip) {
  auto batch = SampleBatch();
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportRecordBatch(*batch, &c_array, &c_schema));
  EXPECT_STREQ(c_schema.format, "+s");
  EXPECT_EQ(c_array.n_children, 2);
  EXPECT_EQ(c_array.null_count, 0);
  ASSERT_OK_AND_ASSIGN(auto imported, ImportRecordBatch(&c_array, &c_schema));
  EXPECT_TRUE(imported->Equals(*batch, /*check_metadata=*/true)) << imported->ToString();
}

TEST(CDataRecordBatchTest, SlicedBatchRoundTrip) {
  auto batch = SampleBatch()->Slice(1, 2);
  ArrowArray c_array;
  ASSERT_OK(ExportRecordBatch(*batch, &c_array));
  ASSERT_OK_AND_ASSIGN(auto imported, ImportRecordBatch(&c_array, batch->schema()));
  EXPECT_TRUE(imported->Equals(*batch)) << imported->ToString();
}

TEST(CDataRecordBatchTest, StructOffsetSlicesTheColumns) {
  auto type = struct_({field("ints", int32())});
  auto data = ArrayData::Make(type, 5, {nullptr}, {Int32s({1, 2, 3, 4, 5})}, 0)->Slice(2, 3);
  ArrowArray c_array;
  ASSERT_OK(ExportArray(*data, &c_array));
  ASSERT_OK_AND_ASSIGN(auto batch, ImportRecordBatch(&c_array, schema(type->fields())));
  EXPECT_EQ(batch->num_rows(), 3);
  EXPECT_TRUE(batch->column(0)->Equals(*MakeArray(Int32s({3, 4, 5}))));
}

TEST(CDataRecordBatchTest, TopLevelNullsAreRefused) {
  auto type = struct_({field("ints", int32())});
  auto data = ArrayData::Make(type, 3, {Validity(3, {1})}, {Int32s({1, 2, 3})}, 1);
  ArrowArray c_array;
  ASSERT_OK(ExportArray(*data, &c_array));
  ASSERT_RAISES_WITH(Invalid, "top-level nulls", ImportRecordBatch(&c_array, schema(type->fields())));
  EXPECT_EQ(c_array.release, nullptr);
}

TEST(CDataRecordBatchTest, NonStructSchemaIsRefused) {
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_OK(ExportArray(*Int32s({1}), &c_array, &c_schema));
  ASSERT_RAISES_WITH(Invalid, "format '+s'", ImportRecordBatch(&c_array, &c_schema));
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(c_schema.release, nullptr);
}

// ---- Import of hostile input -----------------------------------------------------------------

/// A foreign producer: owns its buffers, children and dictionary and counts release calls.
struct FakeArray {
  int releases = 0;
  int* tally = nullptr;  // also counts releases; outlives children that their parent deletes
  ArrowArray array{};

  struct Private {
    FakeArray* owner;
    std::vector<std::vector<uint8_t>> storage;
    std::vector<const void*> buffers;
    std::vector<std::unique_ptr<FakeArray>> children;
    std::vector<ArrowArray*> child_pointers;
    std::unique_ptr<FakeArray> dictionary;
  };

  static void Release(ArrowArray* array) {
    auto* p = static_cast<Private*>(array->private_data);
    for (auto& child : p->children) {
      if (child->array.release) child->array.release(&child->array);
    }
    if (p->dictionary && p->dictionary->array.release) p->dictionary->array.release(&p->dictionary->array);
    ++p->owner->releases;
    if (p->owner->tally) ++*p->owner->tally;
    delete p;
    array->release = nullptr;
  }

  Private* priv() { return static_cast<Private*>(array.private_data); }

  FakeArray(int64_t length, int64_t null_count = 0, int64_t offset = 0) {
    array.length = length;
    array.null_count = null_count;
    array.offset = offset;
    array.release = Release;
    array.private_data = new Private{this, {}, {}, {}, {}, nullptr};
  }
  ~FakeArray() {
    if (array.release) array.release(&array);
  }

  /// Adds a buffer holding `bytes` (nullptr when `null`).
  template <typename T>
  FakeArray& Add(std::vector<T> values, bool null = false) {
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    priv()->storage.push_back(std::move(bytes));
    priv()->buffers.push_back(null ? nullptr : priv()->storage.back().data());
    return Sync();
  }
  FakeArray& AddNull() {
    priv()->buffers.push_back(nullptr);
    return Sync();
  }
  FakeArray& Child(std::unique_ptr<FakeArray> child) {
    priv()->children.push_back(std::move(child));
    return Sync();
  }
  FakeArray& Dictionary(std::unique_ptr<FakeArray> dictionary) {
    priv()->dictionary = std::move(dictionary);
    array.dictionary = &priv()->dictionary->array;
    return *this;
  }
  FakeArray& Sync() {
    Private* p = priv();
    array.n_buffers = static_cast<int64_t>(p->buffers.size());
    array.buffers = p->buffers.data();
    p->child_pointers.clear();
    for (auto& child : p->children) p->child_pointers.push_back(&child->array);
    array.n_children = static_cast<int64_t>(p->children.size());
    array.children = p->child_pointers.data();
    return *this;
  }
};

std::unique_ptr<FakeArray> FakeInt32s(std::vector<int32_t> values) {
  auto fake = std::make_unique<FakeArray>(static_cast<int64_t>(values.size()));
  fake->AddNull().Add(std::move(values));
  return fake;
}

TEST(CDataImportTest, ImportIsZeroCopyAndReleasesOnceWhenTheLastBufferDies) {
  FakeArray fake(3);
  fake.AddNull().Add(std::vector<int32_t>{1, 2, 3});
  const void* values = fake.array.buffers[1];
  ASSERT_OK_AND_ASSIGN(auto data, ImportArray(&fake.array, int32()));
  EXPECT_EQ(fake.array.release, nullptr);
  EXPECT_EQ(fake.releases, 0);
  EXPECT_EQ(data->buffers[1]->data(), values);
  auto values_buffer = data->buffers[1];
  data.reset();
  EXPECT_EQ(fake.releases, 0);
  EXPECT_EQ(reinterpret_cast<const int32_t*>(values_buffer->data())[2], 3);
  values_buffer.reset();
  EXPECT_EQ(fake.releases, 1);
}

TEST(CDataImportTest, NestedChildrenAreReleasedWithTheParent) {
  FakeArray fake(2);
  fake.AddNull().Child(FakeInt32s({5, 6}));
  int child_releases = 0;
  fake.priv()->children[0]->tally = &child_releases;
  ASSERT_OK_AND_ASSIGN(auto data, ImportArray(&fake.array, struct_({field("x", int32())})));
  EXPECT_EQ(data->child_data[0]->GetValues<int32_t>(1)[1], 6);
  EXPECT_EQ(child_releases, 0);
  data.reset();
  EXPECT_EQ(fake.releases, 1);
  EXPECT_EQ(child_releases, 1);
}

TEST(CDataImportTest, NullBuffersOfEmptyArraysAreAccepted) {
  FakeArray strings(0, 0, 5);
  strings.AddNull().AddNull().AddNull();
  ASSERT_OK_AND_ASSIGN(auto data, ImportArray(&strings.array, utf8(), ImportValidation::kFull));
  EXPECT_EQ(data->length, 0);
  EXPECT_EQ(strings.releases, 1);

  FakeArray empty_strings(2);  // two empty strings: the data buffer holds no bytes
  empty_strings.AddNull().Add(std::vector<int32_t>{0, 0, 0}).AddNull();
  ASSERT_OK_AND_ASSIGN(auto data2, ImportArray(&empty_strings.array, utf8(), ImportValidation::kFull));
  EXPECT_EQ(MakeArray(data2)->ToString(), MakeArray(Strings<int32_t>(utf8(), {"", ""}))->ToString());
}

TEST(CDataImportTest, NullArraysWithTheLegacyValidityBufferAreAccepted) {
  FakeArray polars_null(3, /*null_count=*/3);  // polars and older Arrow C++ export one ignored buffer
  polars_null.AddNull();
  ASSERT_OK_AND_ASSIGN(auto data, ImportArray(&polars_null.array, null(), ImportValidation::kFull));
  EXPECT_EQ(data->length, 3);
  EXPECT_EQ(data->GetNullCount(), 3);
}

TEST(CDataImportTest, UnknownNullCountIsAccepted) {
  FakeArray fake(3, /*null_count=*/-1);
  fake.Add(std::vector<uint8_t>{0b101}).Add(std::vector<int32_t>{1, 2, 3});
  ASSERT_OK_AND_ASSIGN(auto data, ImportArray(&fake.array, int32()));
  EXPECT_EQ(data->GetNullCount(), 1);
}

/// Asserts that importing `fake` as `type` fails with Invalid mentioning `text`, and that the
/// producer was released exactly once.
void ExpectImportError(FakeArray& fake, const TypePtr& type, const std::string& text,
                       ImportValidation validation = ImportValidation::kStructure) {
  ASSERT_RAISES_WITH(Invalid, text, ImportArray(&fake.array, type, validation));
  EXPECT_EQ(fake.array.release, nullptr);
  EXPECT_EQ(fake.releases, 1);
}

TEST(CDataImportTest, NegativeSizesAreRefused) {
  FakeArray negative_length(-1);
  negative_length.AddNull().Add(std::vector<int32_t>{});
  ExpectImportError(negative_length, int32(), "negative length");

  FakeArray negative_offset(1, 0, -3);
  negative_offset.AddNull().Add(std::vector<int32_t>{1});
  ExpectImportError(negative_offset, int32(), "negative offset");

  FakeArray bad_null_count(1, -2);
  bad_null_count.AddNull().Add(std::vector<int32_t>{1});
  ExpectImportError(bad_null_count, int32(), "null_count");

  FakeArray overflow(std::numeric_limits<int64_t>::max(), 0, 10);
  overflow.AddNull().Add(std::vector<int32_t>{1});
  ExpectImportError(overflow, int32(), "overflows");

  FakeArray huge(std::numeric_limits<int64_t>::max() / 2);
  huge.AddNull().Add(std::vector<int32_t>{1});
  ExpectImportError(huge, int32(), "overflows");
}

TEST(CDataImportTest, BufferCountMustMatchTheType) {
  FakeArray too_many(1);
  too_many.AddNull().Add(std::vector<int32_t>{1}).Add(std::vector<int32_t>{1});
  ExpectImportError(too_many, int32(), "has 2 buffers, got n_buffers = 3");

  FakeArray too_few(1);
  too_few.AddNull().Add(std::vector<int32_t>{0, 1});
  ExpectImportError(too_few, utf8(), "has 3 buffers, got n_buffers = 2");

  FakeArray null_with_buffers(1);
  null_with_buffers.AddNull().AddNull();
  ExpectImportError(null_with_buffers, null(), "has 0 buffers");

  FakeArray union_with_validity(1);
  union_with_validity.AddNull().Add(std::vector<int8_t>{0}).Child(FakeInt32s({1}));
  ExpectImportError(union_with_validity, Unwrap(sparse_union({field("a", int32())})), "has 1 buffers");

  FakeArray views_without_sizes(1);
  views_without_sizes.AddNull().Add(std::vector<uint8_t>(16, 0));
  ExpectImportError(views_without_sizes, utf8_view(), "at least 3 buffers");

  FakeArray no_buffer_array(1);
  no_buffer_array.AddNull().Add(std::vector<int32_t>{1});
  no_buffer_array.array.buffers = nullptr;
  ExpectImportError(no_buffer_array, int32(), "buffers pointer is NULL");
}

TEST(CDataImportTest, ChildCountAndDictionaryMustMatchTheType) {
  FakeArray extra_child(1);
  extra_child.AddNull().Add(std::vector<int32_t>{1}).Child(FakeInt32s({1}));
  ExpectImportError(extra_child, int32(), "has 0 children, got n_children = 1");

  FakeArray missing_child(1);
  missing_child.AddNull().Add(std::vector<int32_t>{0, 1});
  ExpectImportError(missing_child, list(int32()), "has 1 children, got n_children = 0");

  FakeArray null_child(1);
  null_child.AddNull().Add(std::vector<int32_t>{0, 1}).Child(FakeInt32s({1}));
  null_child.priv()->child_pointers[0] = nullptr;
  ExpectImportError(null_child, list(int32()), "children[0]: ArrowArray pointer is NULL");

  FakeArray released_child(1);
  released_child.AddNull().Child(FakeInt32s({1}));
  FakeArray* child = released_child.priv()->children[0].get();
  child->array.release(&child->array);
  ExpectImportError(released_child, struct_({field("a", int32())}), "children[0]: ArrowArray is already released");

  FakeArray no_dictionary(1);
  no_dictionary.AddNull().Add(std::vector<int8_t>{0});
  ExpectImportError(no_dictionary, Unwrap(dictionary(int8(), utf8())), "dictionary is NULL");

  FakeArray unexpected_dictionary(1);
  unexpected_dictionary.AddNull().Add(std::vector<int8_t>{0}).Dictionary(FakeInt32s({1}));
  ExpectImportError(unexpected_dictionary, int8(), "unexpected dictionary");
}

TEST(CDataImportTest, NullRequiredBuffersAreRefused) {
  FakeArray null_values(2);
  null_values.AddNull().AddNull();
  ExpectImportError(null_values, int64(), "buffer 1 is NULL but must hold 16 bytes");

  FakeArray null_offsets(1);
  null_offsets.AddNull().AddNull().Add(std::vector<char>{'a'});
  ExpectImportError(null_offsets, utf8(), "buffer 1 is NULL");

  FakeArray null_data(1);
  null_data.AddNull().Add(std::vector<int32_t>{0, 3}).AddNull();
  ExpectImportError(null_data, utf8(), "buffer 2 is NULL but must hold 3 bytes");

  FakeArray null_validity(2, /*null_count=*/1);
  null_validity.AddNull().Add(std::vector<int32_t>{1, 2});
  ExpectImportError(null_validity, int32(), "validity buffer is NULL but null_count is 1");

  FakeArray null_type_ids(1);
  null_type_ids.AddNull().Child(FakeInt32s({1}));
  ExpectImportError(null_type_ids, Unwrap(sparse_union({field("a", int32())})), "buffer 0 is NULL");
}

TEST(CDataImportTest, BadOffsetsAndViewSizesAreRefused) {
  FakeArray negative_offset(1);
  negative_offset.AddNull().Add(std::vector<int32_t>{0, -4}).Add(std::vector<char>{'a'});
  ExpectImportError(negative_offset, utf8(), "last offset is negative");

  FakeArray null_sizes(1);
  null_sizes.AddNull().Add(std::vector<uint8_t>(16, 0)).Add(std::vector<char>{'a'}).AddNull();
  ExpectImportError(null_sizes, binary_view(), "sizes buffer (last buffer) is NULL");

  FakeArray negative_size(1);
  negative_size.AddNull().Add(std::vector<uint8_t>(16, 0)).Add(std::vector<char>{'a'}).Add(
      std::vector<int64_t>{-1});
  ExpectImportError(negative_size, binary_view(), "negative size");
}

TEST(CDataImportTest, StructurallyInvalidArraysAreRefused) {
  FakeArray short_child(3);
  short_child.AddNull().Child(FakeInt32s({1}));
  ExpectImportError(short_child, struct_({field("a", int32())}), "imported array is invalid");
}

TEST(CDataImportTest, FullValidationOnRequest) {
  auto make = [] {
    auto fake = std::make_unique<FakeArray>(1);
    fake->AddNull().Add(std::vector<int32_t>{0, 2}).Add(std::vector<uint8_t>{0xff, 0xfe});
    return fake;
  };
  auto structural = make();
  ASSERT_OK(ImportArray(&structural->array, utf8()).status());  // bytes are not inspected
  auto full = make();
  ExpectImportError(*full, utf8(), "imported array is invalid", ImportValidation::kFull);
}

TEST(CDataImportTest, ReleasedOrNullInputIsRefused) {
  ArrowArray released{};
  ASSERT_RAISES_WITH(Invalid, "already released", ImportArray(&released, int32()));
  ASSERT_RAISES_WITH(Invalid, "NULL", ImportArray(static_cast<ArrowArray*>(nullptr), int32()));
  ArrowSchema released_schema{};
  ASSERT_RAISES_WITH(Invalid, "already released", ImportType(&released_schema));
  ASSERT_RAISES_WITH(Invalid, "NULL", ImportSchema(nullptr));
}

// ---- Schemas from a foreign producer ---------------------------------------------------------

/// A foreign ArrowSchema tree built from format strings; counts release calls.
struct FakeSchema {
  int releases = 0;
  ArrowSchema schema{};

  struct Private {
    FakeSchema* owner;
    std::string format;
    std::string name;
    std::string metadata;
    std::vector<std::unique_ptr<FakeSchema>> children;
    std::vector<ArrowSchema*> child_pointers;
    std::unique_ptr<FakeSchema> dictionary;
  };

  static void Release(ArrowSchema* schema) {
    auto* p = static_cast<Private*>(schema->private_data);
    for (auto& child : p->children) {
      if (child->schema.release) child->schema.release(&child->schema);
    }
    if (p->dictionary && p->dictionary->schema.release) p->dictionary->schema.release(&p->dictionary->schema);
    ++p->owner->releases;
    delete p;
    schema->release = nullptr;
  }

  explicit FakeSchema(std::string format, std::vector<std::unique_ptr<FakeSchema>> children = {},
                      int64_t flags = ARROW_FLAG_NULLABLE) {
    auto* p = new Private{this, std::move(format), "f", "", std::move(children), {}, nullptr};
    for (auto& child : p->children) p->child_pointers.push_back(&child->schema);
    schema.format = p->format.c_str();
    schema.name = p->name.c_str();
    schema.flags = flags;
    schema.n_children = static_cast<int64_t>(p->children.size());
    schema.children = p->child_pointers.data();
    schema.release = Release;
    schema.private_data = p;
  }
  ~FakeSchema() {
    if (schema.release) schema.release(&schema);
  }
  Private* priv() { return static_cast<Private*>(schema.private_data); }
  FakeSchema& Dictionary(std::unique_ptr<FakeSchema> dictionary) {
    priv()->dictionary = std::move(dictionary);
    schema.dictionary = &priv()->dictionary->schema;
    return *this;
  }
  FakeSchema& RawMetadata(std::string bytes) {
    priv()->metadata = std::move(bytes);
    schema.metadata = priv()->metadata.data();
    return *this;
  }
};

std::vector<std::unique_ptr<FakeSchema>> Children(std::vector<std::string> formats) {
  std::vector<std::unique_ptr<FakeSchema>> children;
  for (auto& format : formats) children.push_back(std::make_unique<FakeSchema>(std::move(format)));
  return children;
}

TEST(CDataImportSchemaTest, ForeignFormatsParse) {
  const std::vector<std::pair<std::string, TypePtr>> cases = {
      {"tsu:", timestamp(TimeUnit::MICRO)},
      {"tsn:Asia/Tokyo", timestamp(TimeUnit::NANO, "Asia/Tokyo")},
      {"d:5,-2", Unwrap(decimal128(5, -2))},
      {"d:5,2,64", Unwrap(decimal64(5, 2))},
      {"w:0", Unwrap(fixed_size_binary(0))},
      {"ttm", Unwrap(time32(TimeUnit::MILLI))},
      {"tDn", duration(TimeUnit::NANO)},
  };
  for (const auto& [format, type] : cases) {
    FakeSchema fake(format);
    ASSERT_OK_AND_ASSIGN(auto imported, ImportType(&fake.schema));
    EXPECT_TRUE(imported->Equals(*type)) << format << " gave " << imported->ToString();
    EXPECT_EQ(fake.releases, 1);
  }
}

TEST(CDataImportSchemaTest, NullableMapKeyIsCorrected) {
  auto entries = std::make_unique<FakeSchema>("+s", Children({"u", "i"}), 0);
  std::vector<std::unique_ptr<FakeSchema>> children;
  children.push_back(std::move(entries));
  FakeSchema fake("+m", std::move(children));
  ASSERT_OK_AND_ASSIGN(auto imported, ImportType(&fake.schema));
  ASSERT_EQ(imported->id(), TypeId::MAP);
  EXPECT_FALSE(static_cast<const MapType&>(*imported).key_field()->nullable());
}

std::string EncodeMetadata(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  auto put_int = [&out](int32_t value) { out.append(reinterpret_cast<const char*>(&value), 4); };
  put_int(static_cast<int32_t>(pairs.size()));
  for (const auto& [key, value] : pairs) {
    put_int(static_cast<int32_t>(key.size()));
    out += key;
    put_int(static_cast<int32_t>(value.size()));
    out += value;
  }
  return out;
}

TEST(CDataImportSchemaTest, ExtensionMarkers) {
  FakeSchema name_only("i");
  name_only.RawMetadata(EncodeMetadata({{"ARROW:extension:name", "x.y"}, {"other", "1"}}));
  ASSERT_OK_AND_ASSIGN(auto field_with_name, ImportField(&name_only.schema));
  EXPECT_TRUE(field_with_name->type()->Equals(*extension("x.y", int32(), "")));
  EXPECT_TRUE(MetadataEquals(field_with_name->metadata(), Meta({{"other", "1"}})));

  FakeSchema metadata_only("i");
  metadata_only.RawMetadata(EncodeMetadata({{"ARROW:extension:metadata", "m"}}));
  ASSERT_OK_AND_ASSIGN(auto plain, ImportField(&metadata_only.schema));
  EXPECT_TRUE(plain->type()->Equals(*int32()));
  EXPECT_TRUE(MetadataEquals(plain->metadata(), Meta({{"ARROW:extension:metadata", "m"}})));
}

void ExpectSchemaError(FakeSchema& fake, const std::string& text) {
  ASSERT_RAISES_WITH(Invalid, text, ImportType(&fake.schema));
  EXPECT_EQ(fake.schema.release, nullptr);
  EXPECT_EQ(fake.releases, 1);
}

TEST(CDataImportSchemaTest, MalformedFormatStringsAreRefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "unknown format"},
      {"q", "unknown format"},
      {"ii", "unknown format"},
      {"w:abc", "width must be a non-negative integer"},
      {"w:", "width must be a non-negative integer"},
      {"w:-3", "width must be a non-negative integer"},
      {"w:99999999999", "width must be a non-negative integer"},
      {"w:4x", "width must be a non-negative integer"},
      {"+w:", "size must be a non-negative integer"},
      {"+w:x", "size must be a non-negative integer"},
      {"d:1", "decimal needs"},
      {"d:", "decimal needs"},
      {"d:a,2", "must be integers"},
      {"d:10,2,48", "bit width must be"},
      {"d:10,2,", "bit width must be"},
      {"d:1,2,3,4", "decimal needs"},
      {"d:99,2", "precision"},
      {"d:0,0", "precision must be between 1 and 38, got 0"},
      {"tsx:", "timestamp needs"},
      {"tss", "timestamp needs"},
      {"tsmUTC", "timestamp needs"},
      {"t", "incomplete"},
      {"tt", "incomplete"},
      {"ttx", "unknown temporal"},
      {"tts:", "unknown temporal"},
      {"tDx", "unknown temporal"},
      {"tq", "incomplete"},
      {"txs", "unknown temporal type"},
      {"tiX", "unknown temporal"},
      {"tts0", "unknown temporal"},
      {"+", "unknown nested"},
      {"+x", "unknown nested"},
      {"+us:200", "0..127"},
      {"+us:a", "0..127"},
      {"+ud:-1", "0..127"},
      {"+ud:1,", "0..127"},
  };
  for (const auto& [format, text] : cases) {
    SCOPED_TRACE("format '" + format + "'");
    FakeSchema fake(format);
    ExpectSchemaError(fake, text);
  }
}

TEST(CDataImportSchemaTest, ChildCountsMustMatchTheFormat) {
  FakeSchema leaf_with_child("i", Children({"i"}));
  ExpectSchemaError(leaf_with_child, "expected 0 children, got 1");
  FakeSchema list_without_child("+l");
  ExpectSchemaError(list_without_child, "expected 1 children, got 0");
  FakeSchema fixed_list_with_two("+w:2", Children({"i", "i"}));
  ExpectSchemaError(fixed_list_with_two, "expected 1 children, got 2");
  FakeSchema union_codes("+ud:0,1", Children({"i"}));
  ExpectSchemaError(union_codes, "2 type codes for 1 children");
  FakeSchema duplicate_codes("+us:1,1", Children({"i", "u"}));
  ExpectSchemaError(duplicate_codes, "used twice");
  FakeSchema map_of_int("+m", Children({"i"}));
  ExpectSchemaError(map_of_int, "map child must be a struct with two fields");
  FakeSchema float_run_ends("+r", Children({"f", "i"}));
  ExpectSchemaError(float_run_ends, "run end type");
  FakeSchema float_index("f");
  float_index.Dictionary(std::make_unique<FakeSchema>("u"));
  ExpectSchemaError(float_index, "index type must be an integer");
  FakeSchema bad_child("+s", Children({"i", "w:x"}));
  ExpectSchemaError(bad_child, "schema.children[1]: invalid format string 'w:x'");
  FakeSchema bad_dictionary("i");
  bad_dictionary.Dictionary(std::make_unique<FakeSchema>("tsx:"));
  ExpectSchemaError(bad_dictionary, "schema.dictionary: invalid format string 'tsx:'");
}

TEST(CDataImportSchemaTest, BrokenStructsAreRefused) {
  FakeSchema null_format("i");
  null_format.schema.format = nullptr;
  ExpectSchemaError(null_format, "format string is NULL");

  FakeSchema negative_children("+s");
  negative_children.schema.n_children = -1;
  ExpectSchemaError(negative_children, "negative n_children");

  FakeSchema null_children("+s", Children({"i"}));
  null_children.schema.children = nullptr;
  ExpectSchemaError(null_children, "children pointer is NULL");

  FakeSchema null_child("+s", Children({"i"}));
  null_child.priv()->child_pointers[0] = nullptr;
  ExpectSchemaError(null_child, "children[0]: ArrowSchema pointer is NULL");

  FakeSchema released_child("+s", Children({"i"}));
  released_child.priv()->children[0]->schema.release(&released_child.priv()->children[0]->schema);
  ExpectSchemaError(released_child, "children[0]: ArrowSchema is already released");

  std::string negative_count(4, '\0');
  const int32_t minus_one = -1;
  std::memcpy(negative_count.data(), &minus_one, 4);
  FakeSchema bad_metadata_count("i");
  bad_metadata_count.RawMetadata(negative_count);
  ExpectSchemaError(bad_metadata_count, "metadata pair count is negative");

  std::string negative_length(8, '\0');
  const int32_t one = 1;
  std::memcpy(negative_length.data(), &one, 4);
  std::memcpy(negative_length.data() + 4, &minus_one, 4);
  FakeSchema bad_metadata_length("i");
  bad_metadata_length.RawMetadata(negative_length);
  ExpectSchemaError(bad_metadata_length, "negative length");
}

TEST(CDataImportSchemaTest, DeepNestingIsRefused) {
  auto fake = std::make_unique<FakeSchema>("i");
  for (int i = 0; i < 100; ++i) {
    std::vector<std::unique_ptr<FakeSchema>> children;
    children.push_back(std::move(fake));
    fake = std::make_unique<FakeSchema>("+l", std::move(children));
  }
  ExpectSchemaError(*fake, "nesting deeper than");
}

TEST(CDataImportSchemaTest, ArrayIsReleasedWhenItsSchemaIsMalformed) {
  FakeArray fake_array(1);
  fake_array.AddNull().Add(std::vector<int32_t>{1});
  FakeSchema fake_schema("w:abc");
  ASSERT_RAISES_WITH(Invalid, "w:abc", ImportArray(&fake_array.array, &fake_schema.schema));
  EXPECT_EQ(fake_array.releases, 1);
  EXPECT_EQ(fake_schema.releases, 1);

  FakeArray batch_array(1);
  batch_array.AddNull().Child(FakeInt32s({1}));
  FakeSchema batch_schema("+s", Children({"d:1"}));
  ASSERT_RAISES_WITH(Invalid, "d:1", ImportRecordBatch(&batch_array.array, &batch_schema.schema));
  EXPECT_EQ(batch_array.releases, 1);
  EXPECT_EQ(batch_schema.releases, 1);
}

TEST(CDataImportSchemaTest, ArrayErrorsWithAValidSchemaReleaseBoth) {
  FakeArray fake_array(1);
  fake_array.AddNull();
  FakeSchema fake_schema("i");
  ASSERT_RAISES_WITH(Invalid, "has 2 buffers", ImportArray(&fake_array.array, &fake_schema.schema));
  EXPECT_EQ(fake_array.releases, 1);
  EXPECT_EQ(fake_schema.releases, 1);
}

}  // namespace
}  // namespace arrowpack
