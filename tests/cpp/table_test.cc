#include "arrowpack/core/table.h"

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::Int32s;
using testing::Int64s;
using testing::Strings;

namespace {

std::shared_ptr<Schema> XYSchema() { return schema({field("x", int64()), field("y", utf8())}); }

ChunkedArrayPtr Chunked(ArrayVector chunks) { return ChunkedArray::Make(std::move(chunks)).ValueOrDie(); }

// x: [[1, 2], [3]]; y: [["a"], ["b", "c"]] -- chunk boundaries differ between the columns.
TablePtr XYTable() {
  return Table::Make(XYSchema(), {Chunked({Int64s({1, 2}), Int64s({3})}),
                                  Chunked({Strings({"a"}), Strings({"b", "c"})})})
      .ValueOrDie();
}

RecordBatchPtr Batch(std::vector<std::optional<int64_t>> x, std::vector<std::optional<std::string>> y) {
  const int64_t rows = static_cast<int64_t>(x.size());
  return RecordBatch::Make(XYSchema(), rows, ArrayVector{Int64s(x), Strings(y)}).ValueOrDie();
}

}  // namespace

TEST(TableTest, MakeExposesColumns) {
  auto table = XYTable();
  EXPECT_EQ(table->num_rows(), 3);
  EXPECT_EQ(table->num_columns(), 2);
  EXPECT_EQ(table->column(0)->num_chunks(), 2);
  EXPECT_EQ(table->field(1)->name(), "y");
  EXPECT_TRUE(table->GetColumnByName("y")->Equals(*Chunked({Strings({"a", "b", "c"})})));
  EXPECT_EQ(table->GetColumnByName("nope"), nullptr);
}

TEST(TableTest, MakeFromArrays) {
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(XYSchema(), ArrayVector{Int64s({1}), Strings({"a"})}));
  EXPECT_EQ(table->num_rows(), 1);
  EXPECT_EQ(table->column(1)->num_chunks(), 1);
  ASSERT_OK_AND_ASSIGN(auto empty, Table::Make(schema({}), ChunkedArrayVector{}));
  EXPECT_EQ(empty->num_rows(), 0);
  ASSERT_OK_AND_ASSIGN(auto rows_only, Table::Make(schema({}), ChunkedArrayVector{}, 5));
  EXPECT_EQ(rows_only->num_rows(), 5);
}

TEST(TableTest, MakeRejectsMismatches) {
  ASSERT_RAISES_WITH(Invalid, "number of columns (1)", Table::Make(XYSchema(), ArrayVector{Int64s({1})}));
  ASSERT_RAISES_WITH(Invalid, "column 1 named y expected length 1 but got length 2",
                     Table::Make(XYSchema(), ArrayVector{Int64s({1}), Strings({"a", "b"})}));
  ASSERT_RAISES_WITH(Invalid, "has type int32, but the schema says int64",
                     Table::Make(XYSchema(), ArrayVector{Int32s({1}), Strings({"a"})}));
  ASSERT_RAISES_WITH(Invalid, "expected length 4",
                     Table::Make(XYSchema(), ArrayVector{Int64s({1}), Strings({"a"})}, 4));
  ASSERT_RAISES_WITH(Invalid, "column 0 is null", Table::Make(XYSchema(), ArrayVector{nullptr, Strings({"a"})}));
  ASSERT_RAISES_WITH(Invalid, "schema is null", Table::Make(nullptr, ChunkedArrayVector{}));
}

TEST(TableTest, FromRecordBatchesMakesChunks) {
  ASSERT_OK_AND_ASSIGN(auto table, Table::FromRecordBatches({Batch({1, 2}, {"a", "b"}), Batch({3}, {"c"})}));
  EXPECT_EQ(table->num_rows(), 3);
  EXPECT_EQ(table->column(0)->num_chunks(), 2);
  EXPECT_TRUE(table->Equals(*XYTable()));
}

TEST(TableTest, FromRecordBatchesChecksSchemas) {
  ASSERT_RAISES_WITH(Invalid, "Must pass schema", Table::FromRecordBatches({}));
  ASSERT_OK_AND_ASSIGN(auto empty, Table::FromRecordBatches({}, XYSchema()));
  EXPECT_EQ(empty->num_rows(), 0);
  EXPECT_EQ(empty->num_columns(), 2);
  EXPECT_EQ(empty->column(0)->num_chunks(), 0);
  auto other = RecordBatch::FromArrays({Int64s({1})}, {"x"}).ValueOrDie();
  ASSERT_RAISES_WITH(Invalid, "Schema at index 1 was different", Table::FromRecordBatches({Batch({1}, {"a"}), other}));
  ASSERT_RAISES_WITH(Invalid, "Schema at index 0", Table::FromRecordBatches({other}, XYSchema()));
}

TEST(TableTest, SliceIsClamped) {
  auto table = XYTable();
  auto slice = table->Slice(1, 10);
  EXPECT_EQ(slice->num_rows(), 2);
  EXPECT_TRUE(slice->column(0)->Equals(*Chunked({Int64s({2, 3})})));
  EXPECT_TRUE(slice->column(1)->Equals(*Chunked({Strings({"b", "c"})})));
  EXPECT_EQ(table->Slice(2)->num_rows(), 1);
  EXPECT_EQ(table->Slice(9)->num_rows(), 0);
  EXPECT_EQ(table->Slice(-2, 1)->num_rows(), 1);
  ASSERT_OK(table->Slice(1, 1)->ValidateFull());
}

TEST(TableTest, CombineChunksMakesOneChunkPerColumn) {
  auto table = XYTable();
  ASSERT_OK_AND_ASSIGN(auto combined, table->CombineChunks(system_memory_pool()));
  ASSERT_EQ(combined->column(0)->num_chunks(), 1);
  ASSERT_EQ(combined->column(1)->num_chunks(), 1);
  EXPECT_TRUE(combined->column(0)->chunk(0)->Equals(*Int64s({1, 2, 3})));
  EXPECT_TRUE(combined->column(1)->chunk(0)->Equals(*Strings({"a", "b", "c"})));
  EXPECT_TRUE(combined->Equals(*table));
  ASSERT_OK(combined->ValidateFull());
}

TEST(TableTest, CombineChunksKeepsSingleChunks) {
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(XYSchema(), ArrayVector{Int64s({1}), Strings({"a"})}));
  ASSERT_OK_AND_ASSIGN(auto combined, table->CombineChunks());
  EXPECT_EQ(combined->column(0)->chunk(0), table->column(0)->chunk(0));
}

TEST(TableTest, ToBatchesSplitsAtEveryChunkBoundary) {
  auto batches = XYTable()->ToBatches();
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_TRUE(batches[0]->Equals(*Batch({1}, {"a"})));
  EXPECT_TRUE(batches[1]->Equals(*Batch({2}, {"b"})));
  EXPECT_TRUE(batches[2]->Equals(*Batch({3}, {"c"})));
}

TEST(TableTest, ToBatchesHonoursMaxChunksize) {
  ASSERT_OK_AND_ASSIGN(auto table, Table::FromRecordBatches({Batch({1, 2, 3, 4, 5}, {"a", "b", "c", "d", "e"})}));
  auto batches = table->ToBatches(2);
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0]->num_rows(), 2);
  EXPECT_EQ(batches[2]->num_rows(), 1);
  EXPECT_TRUE(batches[1]->Equals(*Batch({3, 4}, {"c", "d"})));
  EXPECT_EQ(table->ToBatches().size(), 1u);
  // The batches view the table's buffers.
  EXPECT_EQ(batches[1]->column_data(0)->buffers[1], table->column(0)->chunk(0)->data()->buffers[1]);
}

TEST(TableTest, ToBatchesSkipsEmptyChunks) {
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(schema({field("x", int64())}),
                                               {Chunked({Int64s({}), Int64s({1}), Int64s({}), Int64s({2})})}));
  auto batches = table->ToBatches();
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_TRUE(batches[1]->column(0)->Equals(*Int64s({2})));
  EXPECT_TRUE(table->Slice(2)->ToBatches().empty());
}

TEST(TableBatchReaderTest, StreamsBatches) {
  TableBatchReader reader(XYTable());
  reader.set_chunksize(1);
  EXPECT_TRUE(reader.schema()->Equals(*XYSchema()));
  ASSERT_OK_AND_ASSIGN(auto batches, reader.ReadAll());
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_TRUE(batches[2]->Equals(*Batch({3}, {"c"})));
  ASSERT_OK_AND_ASSIGN(auto end, reader.ReadNext());
  EXPECT_EQ(end, nullptr);
}

TEST(TableTest, EqualsIgnoresChunkingButNotValues) {
  auto table = XYTable();
  ASSERT_OK_AND_ASSIGN(auto rechunked, Table::FromRecordBatches({Batch({1, 2, 3}, {"a", "b", "c"})}));
  EXPECT_TRUE(table->Equals(*rechunked));
  ASSERT_OK_AND_ASSIGN(auto changed, Table::FromRecordBatches({Batch({1, 2, 3}, {"a", "b", "z"})}));
  EXPECT_FALSE(table->Equals(*changed));
  EXPECT_FALSE(table->Equals(*table->Slice(1)));
  auto tagged = table->ReplaceSchemaMetadata(
      std::make_shared<KeyValueMetadata>(std::vector<std::string>{"k"}, std::vector<std::string>{"v"}));
  EXPECT_TRUE(table->Equals(*tagged));
  EXPECT_FALSE(table->Equals(*tagged, /*check_metadata=*/true));
}

TEST(TableTest, NbytesSumsEveryChunk) {
  // x: 2 chunks of 16 + 8 value bytes; y: offsets 8 + 12, data 1 + 2.
  EXPECT_EQ(XYTable()->nbytes(), 16 + 8 + 8 + 1 + 12 + 2);
}

TEST(TableTest, ToStringMatchesPyarrow) {
  EXPECT_EQ(XYTable()->ToString(), "pyarrow.Table\nx: int64\ny: string\n----\nx: [[1,2],[3]]\ny: [[\"a\"],[\"b\",\"c\"]]");
  ASSERT_OK_AND_ASSIGN(auto empty, Table::FromRecordBatches({}, schema({field("x", int64())})));
  EXPECT_EQ(empty->ToString(), "pyarrow.Table\nx: int64\n----\nx: []");
  ASSERT_OK_AND_ASSIGN(auto no_columns, Table::Make(schema({}), ChunkedArrayVector{}));
  EXPECT_EQ(no_columns->ToString(), "pyarrow.Table\n\n----");
}

TEST(TableTest, ToStringElidesLongChunksLikePyarrow) {
  std::vector<std::optional<int64_t>> values;
  std::vector<int32_t> offsets{0};
  for (int64_t i = 0; i < 12; ++i) {
    values.push_back(i);
    offsets.push_back(static_cast<int32_t>(i + 1));
  }
  auto lists = testing::ListOf(Int64s(values), offsets);
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(schema({field("a", lists->type())}), ArrayVector{lists}));
  const std::string text = table->ToString();
  const std::string preview = "\n----\na: [[[0],[1],...,[10],[11]]]";
  ASSERT_GE(text.size(), preview.size());
  EXPECT_EQ(text.substr(text.size() - preview.size()), preview);
  ASSERT_OK_AND_ASSIGN(auto numbers, Table::Make(schema({field("x", int64())}), ArrayVector{Int64s(values)}));
  EXPECT_EQ(numbers->ToString(), "pyarrow.Table\nx: int64\n----\nx: [[0,1,2,3,4,...,7,8,9,10,11]]");
}

TEST(TableTest, ValidateFullChecksChunks) {
  ASSERT_OK(XYTable()->ValidateFull());
  auto bad_strings = MakeArray(
      ArrayData::Make(utf8(), 1, {nullptr, testing::BufferOf<int32_t>({0, 9}), Buffer::FromString("ab")}, 0));
  ASSERT_OK_AND_ASSIGN(auto table, Table::Make(schema({field("s", utf8())}), ArrayVector{bad_strings}));
  ASSERT_RAISES_WITH(Invalid, "column 0: chunk 0", table->ValidateFull());
}

}  // namespace arrowpack
