// Dictionaries: emitted before first use, deltas, replacement (streams only), nested
// dictionaries, all-null columns before their dictionary, and the DictionaryMemo.
#include <gtest/gtest.h>

#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

TypePtr DictType() { return Unwrap(dictionary(int16(), utf8())); }

RecordBatchPtr DictBatch(const std::vector<int16_t>& indices, const std::vector<std::optional<std::string>>& values,
                         const std::vector<bool>& valid = {}) {
  return BatchOf({{"d", DictionaryData(DictType(), PrimitiveData<int16_t>(int16(), indices, valid), StringData(values))}});
}

TEST(IpcDictionary, SameDictionaryIsWrittenOnce) {
  auto first = DictBatch({0, 1, 0}, {"a", "b"});
  auto second = DictBatch({1, 1}, {"a", "b"});
  ipc::WriteStats stats;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({first, second}, first->schema(), false, {}, &stats));
  EXPECT_EQ(stats.num_dictionary_batches, 1);
  EXPECT_EQ(stats.num_messages, 4);
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL((RecordBatchVector{first, second}), read);
}

TEST(IpcDictionary, GrowingDictionaryBecomesADeltaWhenEnabled) {
  auto first = DictBatch({0, 1}, {"a", "b"});
  auto second = DictBatch({2, 0}, {"a", "b", "c"});
  for (bool as_file : {false, true}) {
    ipc::IpcWriteOptions options;
    options.emit_dictionary_deltas = true;
    ipc::WriteStats stats;
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({first, second}, first->schema(), as_file, options, &stats));
    EXPECT_EQ(stats.num_dictionary_batches, 2);
    EXPECT_EQ(stats.num_dictionary_deltas, 1);
    EXPECT_EQ(stats.num_replaced_dictionaries, 0);
    ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer) : ReadStream(buffer));
    if (!as_file) {
      ASSERT_BATCHES_EQUAL((RecordBatchVector{first, second}), read);
      continue;
    }
    // A file applies every delta before the first batch: all batches see the final dictionary.
    ASSERT_EQ(read.size(), 2u);
    EXPECT_TRUE(read[1]->Equals(*second));
    const auto& dict = static_cast<const DictionaryArray&>(*read[0]->column(0));
    EXPECT_TRUE(dict.dictionary()->Equals(*MakeArray(StringData({"a", "b", "c"}))));
    EXPECT_TRUE(dict.indices()->Equals(*MakeArray(PrimitiveData<int16_t>(int16(), {0, 1}))));
  }
}

TEST(IpcDictionary, StreamsReplaceDictionaries) {
  auto first = DictBatch({0, 1}, {"a", "b"});
  auto second = DictBatch({0}, {"z"});
  auto third = DictBatch({1, 0}, {"z", "y"});
  ipc::WriteStats stats;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({first, second, third}, first->schema(), false, {}, &stats));
  EXPECT_EQ(stats.num_dictionary_batches, 3);
  EXPECT_EQ(stats.num_replaced_dictionaries, 2);
  EXPECT_EQ(stats.num_dictionary_deltas, 0);
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_OK_AND_ASSIGN(auto read, reader->ReadAll());
  ASSERT_BATCHES_EQUAL((RecordBatchVector{first, second, third}), read);
  EXPECT_EQ(reader->stats().num_replaced_dictionaries, 2);
  EXPECT_EQ(reader->stats().num_dictionary_batches, 3);
}

TEST(IpcDictionary, FilesRefuseReplacement) {
  auto first = DictBatch({0, 1}, {"a", "b"});
  auto second = DictBatch({0}, {"z"});
  ASSERT_RAISES_WITH(Invalid, "cannot replace dictionaries", WriteIpc({first, second}, first->schema(), true));
  ipc::IpcWriteOptions options;
  options.emit_dictionary_deltas = true;
  ASSERT_RAISES_WITH(Invalid, "cannot replace dictionaries", WriteIpc({first, second}, first->schema(), true, options));
}

TEST(IpcDictionary, AllNullColumnBeforeItsDictionary) {
  // Hand-assemble a stream whose first batch (all nulls) precedes the dictionary batch.
  auto nulls = DictBatch({0, 0}, {}, {false, false});
  auto values = DictBatch({1, 0}, {"p", "q"});
  ipc::DictionaryMemo memo;
  ASSERT_OK(ipc::AssignDictionaryIds(*values->schema(), &memo));
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ipc::IpcWriteOptions options;
  ASSERT_OK_AND_ASSIGN(auto schema_payload, ipc::GetSchemaPayload(*values->schema(), memo, options));
  ASSERT_OK(ipc::WriteIpcPayload(schema_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto null_payload, ipc::GetRecordBatchPayload(*nulls, options));
  ASSERT_OK(ipc::WriteIpcPayload(null_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto dict_payload, ipc::GetDictionaryPayload(0, false, values->column_data(0)->dictionary, options));
  ASSERT_OK(ipc::WriteIpcPayload(dict_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto batch_payload, ipc::GetRecordBatchPayload(*values, options));
  ASSERT_OK(ipc::WriteIpcPayload(batch_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0]->column(0)->null_count(), 2);
  EXPECT_TRUE(read[1]->Equals(*values));

  // A column with values before its dictionary is an error.
  ASSERT_OK_AND_ASSIGN(auto bad_sink, io::BufferOutputStream::Create());
  ASSERT_OK(ipc::WriteIpcPayload(schema_payload, options, bad_sink.get()).status());
  ASSERT_OK(ipc::WriteIpcPayload(batch_payload, options, bad_sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto bad, bad_sink->Finish());
  ASSERT_RAISES_WITH(Invalid, "before any dictionary batch", ReadStream(bad));
}

TEST(IpcDictionary, DictionariesInsideNestedTypes) {
  auto dict = DictionaryData(DictType(), PrimitiveData<int16_t>(int16(), {0, 1, 1}), StringData({"u", "v"}));
  auto list_of_dict = ListData<int32_t>(list(field("item", DictType())), {0, 2, 3}, dict);
  auto dict2 = DictionaryData(Unwrap(dictionary(int8(), int64())), PrimitiveData<int8_t>(int8(), {1, 0}),
                              PrimitiveData<int64_t>(int64(), {100, 200}));
  auto strukt = StructData(struct_({field("e", dict2->type)}), 2, {dict2});
  auto batch = BatchOf({{"l", list_of_dict}, {"s", strukt}});
  ipc::DictionaryMemo memo;
  ASSERT_OK(ipc::AssignDictionaryIds(*batch->schema(), &memo));
  EXPECT_EQ(memo.num_fields(), 2);
  ASSERT_OK_AND_ASSIGN(int64_t id, memo.GetId({1, 0}));
  EXPECT_EQ(id, 1);
  for (bool as_file : {false, true}) {
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), as_file));
    ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer) : ReadStream(buffer));
    ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  }
}

TEST(IpcDictionary, DictionaryOfStructWithADictionaryInside) {
  auto inner = DictionaryData(DictType(), PrimitiveData<int16_t>(int16(), {1, 0}), StringData({"m", "n"}));
  auto values = StructData(struct_({field("name", DictType())}), 2, {inner});
  auto outer_type = Unwrap(dictionary(int32(), values->type));
  auto outer = DictionaryData(outer_type, PrimitiveData<int32_t>(int32(), {1, 1, 0}), values);
  auto batch = BatchOf({{"o", outer}});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
}

TEST(IpcDictionary, MemoErrors) {
  ipc::DictionaryMemo memo;
  ASSERT_OK(memo.AddField(3, {0}, utf8()));
  ASSERT_RAISES(Invalid, memo.AddField(4, {0}, utf8()));
  ASSERT_RAISES_WITH(Invalid, "value types", memo.AddField(3, {1}, int32()));
  ASSERT_OK(memo.AddField(3, {1}, utf8()));  // two fields may share a dictionary
  ASSERT_RAISES(KeyError, memo.GetId({2}));
  ASSERT_RAISES(KeyError, memo.GetDictionary(3));
  ASSERT_RAISES(KeyError, memo.SetDictionary(9, StringData({"x"})));
  ASSERT_OK_AND_ASSIGN(bool replaced, memo.SetDictionary(3, StringData({"x"})));
  EXPECT_FALSE(replaced);
  ASSERT_OK(memo.AppendDelta(3, StringData({"y"})));
  ASSERT_OK_AND_ASSIGN(auto dict, memo.GetDictionary(3));
  EXPECT_TRUE(MakeArray(dict)->Equals(*MakeArray(StringData({"x", "y"}))));
  ASSERT_OK_AND_ASSIGN(replaced, memo.SetDictionary(3, StringData({"z"})));
  EXPECT_TRUE(replaced);
}

TEST(IpcDictionary, DictionaryBatchForUnknownIdIsRefused) {
  auto batch = DictBatch({0}, {"a"});
  ipc::DictionaryMemo memo;
  ASSERT_OK(ipc::AssignDictionaryIds(*batch->schema(), &memo));
  ipc::IpcWriteOptions options;
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto schema_payload, ipc::GetSchemaPayload(*batch->schema(), memo, options));
  ASSERT_OK(ipc::WriteIpcPayload(schema_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto dict_payload, ipc::GetDictionaryPayload(42, false, StringData({"a"}), options));
  ASSERT_OK(ipc::WriteIpcPayload(dict_payload, options, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_RAISES_WITH(Invalid, "id 42", ReadStream(buffer));
}

}  // namespace
}  // namespace arrowpack::testing
