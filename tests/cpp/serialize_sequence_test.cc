// SequenceWriter and SequenceReader: the union layout pyarrow 1.0-11 writes, round trips of every
// kind of value, the depth limit, misuse, and hostile batches.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

RecordBatchPtr MustFinish(SequenceWriter& writer) {
  auto batch = writer.Finish();
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return batch.ok() ? *batch : nullptr;
}

std::unique_ptr<SequenceReader> MustOpen(const RecordBatchPtr& batch) {
  auto reader = SequenceReader::Open(batch);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(*reader) : nullptr;
}

TEST(SequenceWriter, ScalarsGetChildrenInOrderOfFirstAppearanceAfterTheNullChild) {
  SequenceWriter writer;
  ASSERT_OK(writer.BeginList());
  ASSERT_OK(writer.AppendString("a"));
  ASSERT_OK(writer.AppendInt64(7));
  ASSERT_OK(writer.AppendNone());
  ASSERT_OK(writer.AppendString("bc"));
  ASSERT_OK(writer.End());
  auto batch = MustFinish(writer);
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->num_rows(), 1);
  EXPECT_EQ(batch->schema()->field(0)->name(), "list");
  EXPECT_EQ(batch->schema()->field(0)->type()->ToString(),
            "dense_union<0: null=0, 10: list<item: dense_union<0: null=0, 5: string=1, 2: int64=2>>=1>");
  const ArrayData& top = *batch->column_data(0);
  const ArrayData& items = *top.child_data[1]->child_data[0];
  const int8_t* codes = items.GetValues<int8_t>(0);
  const int32_t* offsets = items.GetValues<int32_t>(1);
  EXPECT_EQ((std::vector<int>{codes[0], codes[1], codes[2], codes[3]}), (std::vector<int>{1, 2, 0, 1}));
  EXPECT_EQ((std::vector<int>{offsets[0], offsets[1], offsets[2], offsets[3]}), (std::vector<int>{0, 0, 0, 1}));
  ASSERT_OK(batch->column(0)->ValidateFull());
}

TEST(SequenceWriter, DictIsListOfStructOfKeysAndVals) {
  SequenceWriter writer;
  ASSERT_OK(writer.BeginDict());
  ASSERT_OK(writer.DictKey());
  ASSERT_OK(writer.AppendString("k"));
  ASSERT_OK(writer.DictValue());
  ASSERT_OK(writer.AppendDouble(1.5));
  ASSERT_OK(writer.End());
  auto batch = MustFinish(writer);
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->field(0)->type()->ToString(),
            "dense_union<0: null=0, 11: list<item: struct<keys: dense_union<0: null=0, 5: string=1>, "
            "vals: dense_union<0: null=0, 8: double=1>>>=1>");
}

TEST(SequenceRoundTrip, EveryKindComesBack) {
  SequenceWriter writer;
  ASSERT_OK(writer.BeginTuple());
  ASSERT_OK(writer.AppendNone());
  ASSERT_OK(writer.AppendBool(true));
  ASSERT_OK(writer.AppendBool(false));
  ASSERT_OK(writer.AppendInt64(-5));
  const uint8_t raw[] = {0, 1, 2};
  ASSERT_OK(writer.AppendBytes(raw, 3));
  ASSERT_OK(writer.AppendString("h\xc3\xa9"));
  ASSERT_OK(writer.AppendHalfFloat(0x3c00));
  ASSERT_OK(writer.AppendFloat(2.5f));
  ASSERT_OK(writer.AppendDouble(-0.25));
  ASSERT_OK(writer.AppendDate64(1234567));
  ASSERT_OK(writer.AppendIndex(PythonTag::NDARRAY, 0));
  ASSERT_OK(writer.AppendIndex(PythonTag::BUFFER, 1));
  ASSERT_OK(writer.AppendIndex(PythonTag::SPARSE_CSR, 2));
  ASSERT_OK(writer.BeginSet());
  ASSERT_OK(writer.AppendInt64(1));
  ASSERT_OK(writer.End());
  ASSERT_OK(writer.BeginList());
  ASSERT_OK(writer.End());
  ASSERT_OK(writer.End());
  auto batch = MustFinish(writer);
  ASSERT_NE(batch, nullptr);
  auto reader = MustOpen(batch);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->numbering(), TagNumbering::kModern);
  const UnionReader& root = reader->root();
  ASSERT_EQ(root.length(), 1);
  ASSERT_EQ(root.tag(0), PythonTag::TUPLE);
  SequenceRange t = root.GetSequence(0);
  ASSERT_EQ(t.end - t.begin, 15);
  const UnionReader& v = *t.values;
  int64_t i = t.begin;
  EXPECT_EQ(v.tag(i++), PythonTag::NONE);
  EXPECT_TRUE(v.GetBool(i++));
  EXPECT_FALSE(v.GetBool(i++));
  EXPECT_EQ(v.GetInt64(i++), -5);
  EXPECT_EQ(v.GetBytes(i++), std::string_view("\0\1\2", 3));
  EXPECT_EQ(v.tag(i), PythonTag::STRING);
  EXPECT_EQ(v.GetBytes(i++), "h\xc3\xa9");
  EXPECT_EQ(v.GetHalfFloat(i++), 0x3c00);
  EXPECT_EQ(v.GetFloat(i++), 2.5f);
  EXPECT_EQ(v.GetDouble(i++), -0.25);
  EXPECT_EQ(v.GetDate64(i++), 1234567);
  EXPECT_EQ(v.tag(i), PythonTag::NDARRAY);
  EXPECT_EQ(v.GetIndex(i++), 0);
  EXPECT_EQ(v.GetIndex(i++), 1);
  EXPECT_EQ(v.tag(i), PythonTag::SPARSE_CSR);
  EXPECT_EQ(v.GetIndex(i++), 2);
  ASSERT_EQ(v.tag(i), PythonTag::SET);
  SequenceRange s = v.GetSequence(i++);
  ASSERT_EQ(s.end - s.begin, 1);
  EXPECT_EQ(s.values->GetInt64(s.begin), 1);
  ASSERT_EQ(v.tag(i), PythonTag::LIST);
  SequenceRange empty = v.GetSequence(i++);
  EXPECT_EQ(empty.begin, empty.end);
  EXPECT_EQ(reader->ReferencedCount(PythonTag::NDARRAY), 1);
  EXPECT_EQ(reader->ReferencedCount(PythonTag::BUFFER), 2);
  EXPECT_EQ(reader->ReferencedCount(PythonTag::SPARSE_COO), 3);
  EXPECT_EQ(reader->ReferencedCount(PythonTag::TENSOR), 0);
  ASSERT_OK(reader->CheckIndexBounds(0, 1, 2, 3));
  ASSERT_RAISES_WITH(Invalid, "buffer index 1", reader->CheckIndexBounds(0, 1, 1, 3));
  ASSERT_RAISES_WITH(Invalid, "sparse", reader->CheckIndexBounds(0, 1, 2, 2));
}

TEST(SequenceRoundTrip, SiblingListsShareOneChildAndKeepTheirRanges) {
  SequenceWriter writer;
  ASSERT_OK(writer.BeginDict());
  for (int k = 0; k < 3; ++k) {
    ASSERT_OK(writer.DictKey());
    ASSERT_OK(writer.AppendInt64(k));
    ASSERT_OK(writer.DictValue());
    ASSERT_OK(writer.BeginSet());
    for (int j = 0; j < k; ++j) ASSERT_OK(writer.AppendString(std::to_string(j)));
    ASSERT_OK(writer.End());
  }
  ASSERT_OK(writer.End());
  auto batch = MustFinish(writer);
  auto reader = MustOpen(batch);
  ASSERT_NE(reader, nullptr);
  DictRange d = reader->root().GetDict(0);
  ASSERT_EQ(d.end - d.begin, 3);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(d.keys->GetInt64(d.begin + k), k);
    SequenceRange s = d.vals->GetSequence(d.begin + k);
    ASSERT_EQ(s.end - s.begin, k);
    for (int j = 0; j < k; ++j) EXPECT_EQ(s.values->GetBytes(s.begin + j), std::to_string(j));
  }
}

TEST(SequenceWriter, DepthLimitCountsLikePyarrow) {
  // 99 nested lists and 100 nested dicts are the most pyarrow writes.
  SequenceWriter lists;
  for (int i = 0; i < kMaxRecursionDepth - 1; ++i) ASSERT_OK(lists.BeginList());
  ASSERT_RAISES_WITH(NotImplemented,
                     "This object exceeds the maximum recursion depth. It may contain itself recursively.",
                     lists.BeginTuple());
  ASSERT_RAISES(NotImplemented, lists.BeginSet());
  ASSERT_OK(lists.BeginDict());
  ASSERT_RAISES(NotImplemented, lists.BeginDict());
  SequenceWriter dicts;
  for (int i = 0; i < kMaxRecursionDepth; ++i) {
    ASSERT_OK(dicts.BeginDict());
    ASSERT_OK(dicts.DictKey());
    ASSERT_OK(dicts.AppendInt64(i));
    ASSERT_OK(dicts.DictValue());
  }
  EXPECT_EQ(dicts.depth(), 100);
  ASSERT_RAISES(NotImplemented, dicts.BeginDict());
}

TEST(SequenceRoundTrip, TwentyNestedListsReadBack) {
  SequenceWriter writer;
  for (int i = 0; i < 20; ++i) ASSERT_OK(writer.BeginList());
  for (int i = 0; i < 20; ++i) ASSERT_OK(writer.End());
  auto batch = MustFinish(writer);
  auto reader = MustOpen(batch);
  ASSERT_NE(reader, nullptr);
  const UnionReader* level = &reader->root();
  int64_t row = 0;
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(level->tag(row), PythonTag::LIST);
    SequenceRange r = level->GetSequence(row);
    if (i < 19) {
      ASSERT_EQ(r.end - r.begin, 1);
    }
    level = r.values;
    row = r.begin;
  }
}

TEST(SequenceWriter, MisuseIsInvalid) {
  SequenceWriter writer;
  ASSERT_RAISES_WITH(Invalid, "End() without", writer.End());
  ASSERT_RAISES_WITH(Invalid, "outside a dict", writer.DictKey());
  ASSERT_RAISES_WITH(Invalid, "not an index kind", writer.AppendIndex(PythonTag::LIST, 0));
  ASSERT_OK(writer.BeginDict());
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", writer.AppendInt64(1));
  ASSERT_RAISES_WITH(Invalid, "without a key", writer.DictValue());
  ASSERT_OK(writer.DictKey());
  ASSERT_OK(writer.AppendInt64(1));
  ASSERT_RAISES_WITH(Invalid, "has no value", writer.End());
  ASSERT_RAISES_WITH(Invalid, "open containers", writer.Finish());
}

TEST(SequenceWriter, OversizedBytesAreCapacityError) {
  SequenceWriter writer;
  const uint8_t byte = 0;
  ASSERT_RAISES(CapacityError, writer.AppendBytes(&byte, int64_t{1} << 31));
}

TEST(SequenceWriter, FinishLeavesAnEmptyWriter) {
  SequenceWriter writer;
  ASSERT_OK(writer.AppendInt64(1));
  ASSERT_NE(MustFinish(writer), nullptr);
  EXPECT_EQ(writer.top_level_length(), 0);
  ASSERT_OK(writer.AppendBool(true));
  auto batch = MustFinish(writer);
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->field(0)->type()->ToString(), "dense_union<0: null=0, 1: bool=1>");
}

// Appends `values` with one AppendInt64s call, or with one AppendInt64 call per value.
Status AppendInts(SequenceWriter& writer, const std::vector<int64_t>& values, bool together) {
  if (together) return writer.AppendInt64s(values.data(), static_cast<int64_t>(values.size()));
  for (int64_t value : values) ARROWPACK_RETURN_NOT_OK(writer.AppendInt64(value));
  return Status::OK();
}

// Ints at the top level, in a list after other kinds (growing its arrays past their first
// capacity), in a set, and in a tuple that is a dict value; an empty run.
Status WriteIntRuns(SequenceWriter& writer, bool together) {
  std::vector<int64_t> many(300);
  for (size_t i = 0; i < many.size(); ++i) many[i] = static_cast<int64_t>(i * i) - 7;
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {1, 2}, together));
  ARROWPACK_RETURN_NOT_OK(writer.BeginList());
  ARROWPACK_RETURN_NOT_OK(writer.AppendString("a"));
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, many, together));
  ARROWPACK_RETURN_NOT_OK(writer.AppendNone());
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {}, together));
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {INT64_MIN, INT64_MAX}, together));
  ARROWPACK_RETURN_NOT_OK(writer.BeginSet());
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {5, 6, 7}, together));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.BeginDict());
  ARROWPACK_RETURN_NOT_OK(writer.DictKey());
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {9}, together));
  ARROWPACK_RETURN_NOT_OK(writer.DictValue());
  ARROWPACK_RETURN_NOT_OK(writer.BeginTuple());
  ARROWPACK_RETURN_NOT_OK(AppendInts(writer, {-1, 0, 1}, together));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.End());
  return writer.End();
}

TEST(SequenceWriter, AppendInt64sWritesWhatOneCallPerValueWrites) {
  SequenceWriter one_by_one;
  SequenceWriter together;
  ASSERT_OK(WriteIntRuns(one_by_one, false));
  ASSERT_OK(WriteIntRuns(together, true));
  ASSERT_OK_AND_ASSIGN(auto expected, one_by_one.FinishStream());
  ASSERT_OK_AND_ASSIGN(auto actual, together.FinishStream());
  EXPECT_TRUE(actual->Equals(*expected));
  // The same writers again: the kept union tree takes the same path the second time.
  ASSERT_OK(WriteIntRuns(one_by_one, false));
  ASSERT_OK(WriteIntRuns(together, true));
  ASSERT_OK_AND_ASSIGN(expected, one_by_one.FinishStream());
  ASSERT_OK_AND_ASSIGN(actual, together.FinishStream());
  EXPECT_TRUE(actual->Equals(*expected));
}

TEST(SequenceWriter, AppendInt64sInsideADictTakesOneValuePerKeyOrValue) {
  SequenceWriter writer;
  const int64_t values[] = {1, 2};
  ASSERT_OK(writer.BeginDict());
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", writer.AppendInt64s(values, 1));
  ASSERT_OK(writer.DictKey());
  // The key takes the first value; the second has no DictValue() before it, as with AppendInt64.
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", writer.AppendInt64s(values, 2));
  ASSERT_OK(writer.DictValue());
  ASSERT_OK(writer.AppendInt64s(values + 1, 1));
  ASSERT_OK(writer.End());
  SequenceWriter expected;
  ASSERT_OK(expected.BeginDict());
  ASSERT_OK(expected.DictKey());
  ASSERT_OK(expected.AppendInt64(1));
  ASSERT_OK(expected.DictValue());
  ASSERT_OK(expected.AppendInt64(2));
  ASSERT_OK(expected.End());
  ASSERT_OK_AND_ASSIGN(auto expected_stream, expected.FinishStream());
  ASSERT_OK_AND_ASSIGN(auto actual_stream, writer.FinishStream());
  EXPECT_TRUE(actual_stream->Equals(*expected_stream));
}

// Appends `values` with one AppendStrings / AppendDoubles call, or one call per value.
Status AppendStringRun(SequenceWriter& writer, const std::vector<std::string_view>& values, bool together) {
  if (together) return writer.AppendStrings(values.data(), static_cast<int64_t>(values.size()));
  for (std::string_view value : values) ARROWPACK_RETURN_NOT_OK(writer.AppendString(value));
  return Status::OK();
}

Status AppendDoubleRun(SequenceWriter& writer, const std::vector<double>& values, bool together) {
  if (together) return writer.AppendDoubles(values.data(), static_cast<int64_t>(values.size()));
  for (double value : values) ARROWPACK_RETURN_NOT_OK(writer.AppendDouble(value));
  return Status::OK();
}

// Strings of 0 to 40 bytes and doubles at the top level, in a list after other kinds (growing
// its arrays past their first capacity), runs of different kinds one after the other, in a set,
// and as a key and in a tuple that is a value of a dict taking DictKey/DictValue; empty runs.
Status WriteStringAndDoubleRuns(SequenceWriter& writer, bool together) {
  std::vector<std::string> texts;
  for (int i = 0; i < 300; ++i) {
    texts.push_back(std::string(static_cast<size_t>(i % 41), static_cast<char>('a' + i % 26)));
  }
  const std::vector<std::string_view> many(texts.begin(), texts.end());
  std::vector<double> doubles(200);
  for (size_t i = 0; i < doubles.size(); ++i) doubles[i] = static_cast<double>(i) * 0.25 - 3;
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"x", ""}, together));
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, {1.5}, together));
  ARROWPACK_RETURN_NOT_OK(writer.BeginList());
  ARROWPACK_RETURN_NOT_OK(writer.AppendInt64(4));
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, many, together));
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, doubles, together));
  ARROWPACK_RETURN_NOT_OK(writer.AppendNone());
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {}, together));
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, {}, together));
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"tag1", "tag22", "a somewhat longer string value"}, together));
  ARROWPACK_RETURN_NOT_OK(writer.BeginSet());
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, {-0.0, 2.5}, together));
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"s"}, together));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.BeginDict());
  ARROWPACK_RETURN_NOT_OK(writer.DictKey());
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"key"}, together));
  ARROWPACK_RETURN_NOT_OK(writer.DictValue());
  ARROWPACK_RETURN_NOT_OK(writer.BeginTuple());
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"u", "v"}, together));
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, {7.0, 8.0}, together));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.DictKey());
  ARROWPACK_RETURN_NOT_OK(AppendDoubleRun(writer, {9.5}, together));
  ARROWPACK_RETURN_NOT_OK(writer.DictValue());
  ARROWPACK_RETURN_NOT_OK(AppendStringRun(writer, {"w"}, together));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  return writer.End();
}

// Writes the streams of `write(writer, false, round)` and `write(writer, true, round)` for each
// round (from the second on through the union tree the writers kept) and expects the same bytes.
template <typename Write>
void ExpectSameStreamsInRounds(Write write, int rounds) {
  SequenceWriter one_by_one;
  SequenceWriter together;
  for (int round = 0; round < rounds; ++round) {
    ASSERT_OK(write(one_by_one, false, round));
    ASSERT_OK(write(together, true, round));
    ASSERT_OK_AND_ASSIGN(auto expected, one_by_one.FinishStream());
    ASSERT_OK_AND_ASSIGN(auto actual, together.FinishStream());
    EXPECT_TRUE(actual->Equals(*expected)) << "round " << round;
  }
}

// The same object written twice.
template <typename Write>
void ExpectSameStreams(Write write) {
  ExpectSameStreamsInRounds([&](SequenceWriter& writer, bool together, int) { return write(writer, together); }, 2);
}

TEST(SequenceWriter, AppendStringsAndAppendDoublesWriteWhatOneCallPerValueWrites) {
  ExpectSameStreams(WriteStringAndDoubleRuns);
}

TEST(SequenceWriter, AppendStringsInsideADictTakesOneValuePerKeyOrValue) {
  SequenceWriter writer;
  const std::string_view values[] = {"k", "v"};
  ASSERT_OK(writer.BeginDict());
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", writer.AppendStrings(values, 1));
  ASSERT_OK(writer.DictKey());
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", writer.AppendStrings(values, 2));
  SequenceWriter doubles;
  const double numbers[] = {1, 2};
  ASSERT_OK(doubles.BeginDict());
  ASSERT_OK(doubles.DictKey());
  ASSERT_RAISES_WITH(Invalid, "needs DictKey()", doubles.AppendDoubles(numbers, 2));
}

TEST(SequenceWriter, AppendStringsReportsTheFirstStringOverTheLimit) {
  const char byte = 'a';
  const std::string_view too_long(&byte, size_t{1} << 31);
  for (size_t at = 0; at < 3; ++at) {
    std::vector<std::string_view> values{"a", "b", "c"};
    values[at] = too_long;
    SequenceWriter writer;
    ASSERT_OK(writer.BeginList());
    ASSERT_RAISES_WITH(CapacityError, "of 2147483648 bytes", writer.AppendStrings(values.data(), 3));
  }
  SequenceWriter keys;
  const std::string_view key_values[] = {"k", too_long};
  ASSERT_RAISES_WITH(CapacityError, "of 2147483648 bytes", keys.BeginDictWithKeys(key_values, 2));
}

// Dicts opened with their keys (values: scalars, runs, a list, a nested keyed dict, a dict
// taking DictKey/DictValue, an empty keyed dict), or the same dicts entry by entry.
Status WriteKeyedDicts(SequenceWriter& writer, bool with_keys) {
  auto begin = [&](const std::vector<std::string_view>& keys) {
    return with_keys ? writer.BeginDictWithKeys(keys.data(), static_cast<int64_t>(keys.size())) : writer.BeginDict();
  };
  // Before the value of `key` (entry by entry only).
  auto key = [&](std::string_view name) -> Status {
    if (with_keys) return Status::OK();
    ARROWPACK_RETURN_NOT_OK(writer.DictKey());
    ARROWPACK_RETURN_NOT_OK(writer.AppendString(name));
    return writer.DictValue();
  };
  ARROWPACK_RETURN_NOT_OK(writer.BeginList());
  for (int round = 0; round < 2; ++round) {
    ARROWPACK_RETURN_NOT_OK(begin({"id", "name", "tags", "prefs", "raw", "empty", "score"}));
    ARROWPACK_RETURN_NOT_OK(key("id"));
    ARROWPACK_RETURN_NOT_OK(writer.AppendInt64(1000 + round));
    ARROWPACK_RETURN_NOT_OK(key("name"));
    ARROWPACK_RETURN_NOT_OK(writer.AppendString("user"));
    ARROWPACK_RETURN_NOT_OK(key("tags"));
    ARROWPACK_RETURN_NOT_OK(writer.BeginList());
    const std::string_view tags[] = {"tag1", "tag2", "tag3"};
    ARROWPACK_RETURN_NOT_OK(writer.AppendStrings(tags, 3));
    ARROWPACK_RETURN_NOT_OK(writer.End());
    ARROWPACK_RETURN_NOT_OK(key("prefs"));
    ARROWPACK_RETURN_NOT_OK(begin({"lang", "n"}));
    ARROWPACK_RETURN_NOT_OK(key("lang"));
    ARROWPACK_RETURN_NOT_OK(writer.AppendString("en"));
    ARROWPACK_RETURN_NOT_OK(key("n"));
    ARROWPACK_RETURN_NOT_OK(writer.AppendNone());
    ARROWPACK_RETURN_NOT_OK(writer.End());
    ARROWPACK_RETURN_NOT_OK(key("raw"));
    ARROWPACK_RETURN_NOT_OK(writer.BeginDict());
    ARROWPACK_RETURN_NOT_OK(writer.DictKey());
    ARROWPACK_RETURN_NOT_OK(writer.AppendInt64(5));
    ARROWPACK_RETURN_NOT_OK(writer.DictValue());
    ARROWPACK_RETURN_NOT_OK(writer.AppendBool(true));
    ARROWPACK_RETURN_NOT_OK(writer.End());
    ARROWPACK_RETURN_NOT_OK(key("empty"));
    ARROWPACK_RETURN_NOT_OK(begin({}));
    ARROWPACK_RETURN_NOT_OK(writer.End());
    ARROWPACK_RETURN_NOT_OK(key("score"));
    const double scores[] = {0.5};
    ARROWPACK_RETURN_NOT_OK(writer.AppendDoubles(scores, 1));
    ARROWPACK_RETURN_NOT_OK(writer.End());
  }
  return writer.End();
}

TEST(SequenceWriter, BeginDictWithKeysWritesWhatEntryByEntryWrites) { ExpectSameStreams(WriteKeyedDicts); }

// Runs of ints, strings and doubles in a list and in a dict opened with its keys, first used in
// another order each round, so that the bulk calls put kept children to use in another place;
// a dict that goes entry by entry in one round and with its keys in the next.
Status WriteShiftingRuns(SequenceWriter& writer, bool together, int round) {
  const std::vector<int64_t> ints{1, 2, 3};
  const std::vector<std::string_view> strings{"a", "bc"};
  const std::vector<double> doubles{0.5, 1.5};
  auto run = [&](int kind) -> Status {
    switch (kind % 3) {
      case 0:
        return AppendInts(writer, ints, together);
      case 1:
        return AppendStringRun(writer, strings, together);
      default:
        return AppendDoubleRun(writer, doubles, together);
    }
  };
  ARROWPACK_RETURN_NOT_OK(writer.BeginList());
  for (int kind = 0; kind < 3; ++kind) ARROWPACK_RETURN_NOT_OK(run(kind + round));
  const std::string_view keys[] = {"x", "y", "z", "t", "u", "v", "w"};  // one per value of the runs
  if (round % 2 == 0) {
    ARROWPACK_RETURN_NOT_OK(writer.BeginDictWithKeys(keys, 7));
    for (int kind = 0; kind < 3; ++kind) ARROWPACK_RETURN_NOT_OK(run(2 - kind + round));
  } else {
    ARROWPACK_RETURN_NOT_OK(writer.BeginDict());
    for (int kind = 0; kind < 3; ++kind) {
      ARROWPACK_RETURN_NOT_OK(writer.DictKey());
      ARROWPACK_RETURN_NOT_OK(writer.AppendString(keys[kind]));
      ARROWPACK_RETURN_NOT_OK(writer.DictValue());
      ARROWPACK_RETURN_NOT_OK(writer.BeginList());
      ARROWPACK_RETURN_NOT_OK(run(kind + round));
      ARROWPACK_RETURN_NOT_OK(writer.End());
    }
  }
  ARROWPACK_RETURN_NOT_OK(writer.End());
  return writer.End();
}

TEST(SequenceWriter, BulkCallsPutKeptChildrenToUseInAnyOrder) { ExpectSameStreamsInRounds(WriteShiftingRuns, 6); }

TEST(SequenceWriter, BeginDictWithKeysChecksItsValues) {
  const std::string_view keys[] = {"a", "b"};
  SequenceWriter negative;
  ASSERT_RAISES_WITH(Invalid, "negative key count", negative.BeginDictWithKeys(keys, -1));
  SequenceWriter entries;
  ASSERT_OK(entries.BeginDictWithKeys(keys, 2));
  ASSERT_RAISES_WITH(Invalid, "DictKey() in a dict opened with its keys", entries.DictKey());
  ASSERT_RAISES_WITH(Invalid, "DictValue() in a dict opened with its keys", entries.DictValue());
  ASSERT_OK(entries.AppendInt64(1));
  ASSERT_RAISES_WITH(Invalid, "fewer values than keys", entries.End());
  SequenceWriter extra;
  ASSERT_OK(extra.BeginDictWithKeys(keys, 1));
  ASSERT_OK(extra.BeginList());
  ASSERT_OK(extra.End());
  ASSERT_OK(extra.AppendNone());
  ASSERT_RAISES_WITH(Invalid, "more values than keys", extra.End());
  SequenceWriter depth;
  for (int i = 0; i < kMaxRecursionDepth; ++i) ASSERT_OK(depth.BeginDictWithKeys(keys, 1));
  ASSERT_RAISES(NotImplemented, depth.BeginDictWithKeys(keys, 1));
}

// ---- hostile batches ------------------------------------------------------------------------

RecordBatchPtr BatchOf(TypePtr union_type, std::vector<ArrayDataPtr> children, std::vector<int8_t> codes,
                       std::vector<int32_t> offsets) {
  auto types = Buffer::FromVector(std::vector<uint8_t>(codes.begin(), codes.end()));
  std::vector<uint8_t> offset_bytes(offsets.size() * 4);
  if (!offsets.empty()) std::memcpy(offset_bytes.data(), offsets.data(), offset_bytes.size());
  auto column = ArrayData::Make(union_type, static_cast<int64_t>(codes.size()),
                                {types, Buffer::FromVector(std::move(offset_bytes))}, std::move(children), 0);
  auto schema = std::make_shared<Schema>(FieldVector{field("list", union_type)});
  return *RecordBatch::Make(schema, column->length, std::vector<ArrayDataPtr>{column});
}

ArrayDataPtr Int32s(std::vector<int32_t> values) {
  std::vector<uint8_t> bytes(values.size() * 4);
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return ArrayData::Make(int32(), static_cast<int64_t>(values.size()), {nullptr, Buffer::FromVector(bytes)}, 0);
}

ArrayDataPtr Nulls(int64_t n) { return ArrayData::Make(null(), n, {nullptr}, n); }

TEST(SequenceReader, RejectsABatchThatIsNotOneUnionColumn) {
  auto batch = *RecordBatch::FromArrays({MakeArray(Int32s({1}))}, {"list"});
  ASSERT_RAISES_WITH(Invalid, "one dense union column", SequenceReader::Open(batch));
  ASSERT_RAISES_WITH(Invalid, "one dense union column", SequenceReader::Open(nullptr));
}

TEST(SequenceReader, RejectsUnknownTagNames) {
  auto type = *dense_union({field("0", null()), field("99", int32())});
  auto batch = BatchOf(type, {Nulls(0), Int32s({0})}, {1}, {0});
  ASSERT_RAISES_WITH(Invalid, "'99' is not a type tag", SequenceReader::Open(batch));
  auto named = *dense_union({field("0", null()), field("x", int32())});
  ASSERT_RAISES_WITH(Invalid, "'x'", SequenceReader::Open(BatchOf(named, {Nulls(0), Int32s({0})}, {1}, {0})));
}

TEST(SequenceReader, RejectsAChildWhoseTypeDoesNotMatchItsTag) {
  auto type = *dense_union({field("0", null()), field("5", int32())});
  auto batch = BatchOf(type, {Nulls(0), Int32s({0})}, {1}, {0});
  ASSERT_RAISES_WITH(Invalid, "list/5 holds str values but has type int32", SequenceReader::Open(batch));
  auto list_type = *dense_union({field("0", null()), field("10", int32())});
  ASSERT_RAISES_WITH(Invalid, "instead of list<dense_union>",
                     SequenceReader::Open(BatchOf(list_type, {Nulls(0), Int32s({0})}, {1}, {0})));
}

TEST(SequenceReader, RejectsATagTwiceAndAMissingNullChild) {
  auto twice = *dense_union({field("0", null()), field("15", int32()), field("15", int32())});
  ASSERT_RAISES_WITH(Invalid, "two children for ndarray",
                     SequenceReader::Open(BatchOf(twice, {Nulls(0), Int32s({0}), Int32s({0})}, {1}, {0})));
  // A nested union of the 1.0-11 layout without its Null child.
  auto inner_type = *dense_union({field("15", int32())});
  auto inner = ArrayData::Make(inner_type, 0, {Buffer::FromString(""), Buffer::FromString("")},
                               {Int32s({})}, 0);
  auto list_type = list(field("item", inner_type));
  auto zero_offset = Buffer::FromVector(std::vector<uint8_t>(4, 0));
  auto lists = ArrayData::Make(list_type, 0, {nullptr, zero_offset}, {inner}, 0);
  auto outer = *dense_union({field("0", null()), field("10", list_type)});
  ASSERT_RAISES_WITH(Invalid, "list/10/item lacks the Null child",
                     SequenceReader::Open(BatchOf(outer, {Nulls(1), lists}, {0}, {0})));
}

TEST(SequenceReader, RejectsOffsetsOutsideTheChild) {
  auto type = *dense_union({field("0", null()), field("15", int32())});
  auto batch = BatchOf(type, {Nulls(0), Int32s({0})}, {1}, {5});
  ASSERT_RAISES_WITH(Invalid, "outside child", SequenceReader::Open(batch));
  ASSERT_RAISES_WITH(Invalid, "type code 7", SequenceReader::Open(BatchOf(type, {Nulls(0), Int32s({0})}, {7}, {0})));
}

TEST(SequenceReader, RejectsNegativeIndices) {
  auto type = *dense_union({field("0", null()), field("16", int32())});
  auto batch = BatchOf(type, {Nulls(0), Int32s({-3})}, {1}, {0});
  ASSERT_RAISES_WITH(Invalid, "negative buffer index -3", SequenceReader::Open(batch));
}

TEST(SequenceReader, ReadsTheLegacyNumbering) {
  // pyarrow 0.12-0.17: no Null child, ndarray is "14".
  auto type = *dense_union({field("14", int32())});
  auto batch = BatchOf(type, {Int32s({0})}, {0}, {0});
  auto reader = MustOpen(batch);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->numbering(), TagNumbering::kLegacy);
  EXPECT_EQ(reader->root().tag(0), PythonTag::NDARRAY);
  auto csf = *dense_union({field("19", int32())});
  ASSERT_RAISES_WITH(Invalid, "'19'", SequenceReader::Open(BatchOf(csf, {Int32s({0})}, {0}, {0})));
}

TEST(PythonTag, FieldNamesRoundTrip) {
  for (int t = 0; t < kNumPythonTags; ++t) {
    const auto tag = static_cast<PythonTag>(t);
    ASSERT_OK_AND_ASSIGN(PythonTag back, TagFromFieldName(TagFieldName(tag), TagNumbering::kModern));
    EXPECT_EQ(back, tag);
  }
  ASSERT_RAISES(Invalid, TagFromFieldName("07", TagNumbering::kModern));
  ASSERT_RAISES(Invalid, TagFromFieldName("", TagNumbering::kModern));
  ASSERT_RAISES(Invalid, TagFromFieldName("-1", TagNumbering::kModern));
  ASSERT_OK_AND_ASSIGN(PythonTag legacy_bool, TagFromFieldName("0", TagNumbering::kLegacy));
  EXPECT_EQ(legacy_bool, PythonTag::BOOL);
}

}  // namespace
}  // namespace arrowpack::serialize
