#include "arrowpack/core/record_batch.h"

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::Int32s;
using testing::Int64s;
using testing::Strings;

namespace {

std::shared_ptr<Schema> XYSchema() { return schema({field("x", int64()), field("y", utf8())}); }

RecordBatchPtr XYBatch() {
  return RecordBatch::Make(XYSchema(), 3, ArrayVector{Int64s({1, 2, std::nullopt}), Strings({"a", "b", "c"})})
      .ValueOrDie();
}

}  // namespace

TEST(RecordBatchTest, MakeExposesColumns) {
  auto batch = XYBatch();
  EXPECT_EQ(batch->num_rows(), 3);
  EXPECT_EQ(batch->num_columns(), 2);
  EXPECT_TRUE(batch->column(0)->Equals(*Int64s({1, 2, std::nullopt})));
  EXPECT_EQ(batch->column_data(1)->type->id(), TypeId::STRING);
  EXPECT_TRUE(batch->GetColumnByName("y")->Equals(*Strings({"a", "b", "c"})));
  EXPECT_EQ(batch->GetColumnByName("z"), nullptr);
}

TEST(RecordBatchTest, MakeFromArrayDataBuildsTypedArrays) {
  ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::Make(XYSchema(), 1, std::vector<ArrayDataPtr>{
                                                                         Int64s({7})->data(), Strings({"q"})->data()}));
  EXPECT_NE(dynamic_cast<const PrimitiveArray<int64_t>*>(batch->column(0).get()), nullptr);
  EXPECT_NE(dynamic_cast<const BinaryArray*>(batch->column(1).get()), nullptr);
}

TEST(RecordBatchTest, MakeRejectsWrongColumnCount) {
  ASSERT_RAISES_WITH(Invalid, "number of columns (1)", RecordBatch::Make(XYSchema(), 1, ArrayVector{Int64s({1})}));
}

TEST(RecordBatchTest, MakeRejectsWrongLength) {
  ASSERT_RAISES_WITH(Invalid, "column 1 named y has length 2, expected 1",
                     RecordBatch::Make(XYSchema(), 1, ArrayVector{Int64s({1}), Strings({"a", "b"})}));
  ASSERT_RAISES_WITH(Invalid, "non-negative",
                     RecordBatch::Make(XYSchema(), -1, ArrayVector{Int64s({}), Strings({})}));
}

TEST(RecordBatchTest, MakeRejectsWrongType) {
  ASSERT_RAISES_WITH(Invalid, "has type int32, but the schema says int64",
                     RecordBatch::Make(XYSchema(), 1, ArrayVector{Int32s({1}), Strings({"a"})}));
  ASSERT_RAISES_WITH(Invalid, "column 0 is null", RecordBatch::Make(XYSchema(), 1, ArrayVector{nullptr, Strings({"a"})}));
  ASSERT_RAISES_WITH(Invalid, "schema is null", RecordBatch::Make(nullptr, 0, ArrayVector{}));
}

TEST(RecordBatchTest, FromArraysNamesColumns) {
  ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::FromArrays({Int64s({1, 2}), Strings({"a", "b"})}, {"n", "s"}));
  EXPECT_EQ(batch->schema()->ToString(), "n: int64\ns: string");
  EXPECT_EQ(batch->num_rows(), 2);
  ASSERT_RAISES_WITH(Invalid, "2 columns but 1 names", RecordBatch::FromArrays({Int64s({1}), Int64s({2})}, {"a"}));
  ASSERT_RAISES(Invalid, RecordBatch::FromArrays({Int64s({1}), Int64s({2, 3})}, {"a", "b"}));
}

TEST(RecordBatchTest, SliceIsClampedAndZeroCopy) {
  auto batch = XYBatch();
  auto slice = batch->Slice(1, 5);
  EXPECT_EQ(slice->num_rows(), 2);
  EXPECT_TRUE(slice->column(0)->Equals(*Int64s({2, std::nullopt})));
  EXPECT_TRUE(slice->column(1)->Equals(*Strings({"b", "c"})));
  EXPECT_EQ(slice->column_data(0)->buffers[1], batch->column_data(0)->buffers[1]);
  EXPECT_EQ(batch->Slice(2)->num_rows(), 1);
  EXPECT_EQ(batch->Slice(7)->num_rows(), 0);
  EXPECT_EQ(batch->Slice(-1, 2)->num_rows(), 2);
}

TEST(RecordBatchTest, EqualsComparesSchemaAndValues) {
  auto batch = XYBatch();
  EXPECT_TRUE(batch->Equals(*XYBatch()));
  EXPECT_FALSE(batch->Equals(*batch->Slice(0, 2)));
  auto other_values =
      RecordBatch::Make(XYSchema(), 3, ArrayVector{Int64s({1, 2, 3}), Strings({"a", "b", "c"})}).ValueOrDie();
  EXPECT_FALSE(batch->Equals(*other_values));
  auto renamed = RecordBatch::Make(schema({field("x", int64()), field("z", utf8())}), 3, batch->columns()).ValueOrDie();
  EXPECT_FALSE(batch->Equals(*renamed));
}

TEST(RecordBatchTest, MetadataComparedOnlyWhenAsked) {
  auto batch = XYBatch();
  auto tagged = batch->ReplaceSchemaMetadata(std::make_shared<KeyValueMetadata>(
      std::vector<std::string>{"k"}, std::vector<std::string>{"v"}));
  EXPECT_EQ(tagged->schema()->metadata()->Get("k"), "v");
  EXPECT_TRUE(batch->Equals(*tagged));
  EXPECT_FALSE(batch->Equals(*tagged, /*check_metadata=*/true));
  EXPECT_EQ(batch->schema()->metadata(), nullptr);
}

TEST(RecordBatchTest, NbytesSumsBuffers) {
  // x: 1 validity byte + 24 value bytes; y: 16 offset bytes + 3 data bytes.
  EXPECT_EQ(XYBatch()->nbytes(), 1 + 24 + 16 + 3);
}

TEST(RecordBatchTest, ToStringMatchesPyarrow) {
  EXPECT_EQ(XYBatch()->ToString(), "pyarrow.RecordBatch\nx: int64\ny: string\n----\nx: [1,2,null]\ny: [\"a\",\"b\",\"c\"]");
  auto empty = RecordBatch::Make(schema({field("x", int64())}), 0, ArrayVector{Int64s({})}).ValueOrDie();
  EXPECT_EQ(empty->ToString(), "pyarrow.RecordBatch\nx: int64\n----\nx: []");
}

TEST(RecordBatchTest, ToStringShowsTenValuesAtEachEnd) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 30; ++i) values.push_back(i);
  ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::FromArrays({Int64s(values)}, {"x"}));
  EXPECT_EQ(batch->ToString(),
            "pyarrow.RecordBatch\nx: int64\n----\nx: [0,1,2,3,4,5,6,7,8,9,...,20,21,22,23,24,25,26,27,28,29]");
}

TEST(RecordBatchTest, ToStringPreviewsTenColumns) {
  ArrayVector columns;
  std::vector<std::string> names;
  for (int i = 0; i < 12; ++i) {
    columns.push_back(Int64s({i}));
    names.push_back("c" + std::to_string(i));
  }
  ASSERT_OK_AND_ASSIGN(auto batch, RecordBatch::FromArrays(columns, names));
  const std::string text = batch->ToString();
  EXPECT_NE(text.find("c9: [9]\n..."), std::string::npos) << text;
  EXPECT_EQ(text.find("c10: [10]"), std::string::npos);
  EXPECT_NE(text.find("c11: int64"), std::string::npos);
}

TEST(RecordBatchTest, ValidateReportsBadColumn) {
  ASSERT_OK(XYBatch()->Validate());
  ASSERT_OK(XYBatch()->ValidateFull());
  // Offsets past the end of the data buffer pass Make but fail ValidateFull.
  auto bad_strings = MakeArray(ArrayData::Make(
      utf8(), 1, {nullptr, testing::BufferOf<int32_t>({0, 50}), Buffer::FromString("ab")}, 0));
  auto batch = RecordBatch::Make(schema({field("s", utf8())}), 1, ArrayVector{bad_strings}).ValueOrDie();
  ASSERT_RAISES_WITH(Invalid, "column 0", batch->ValidateFull());
}

TEST(RecordBatchReaderTest, ReadsBatchesInOrder) {
  auto batch = XYBatch();
  ASSERT_OK_AND_ASSIGN(auto reader, RecordBatchReader::Make({batch, batch->Slice(1)}));
  EXPECT_TRUE(reader->schema()->Equals(*XYSchema()));
  ASSERT_OK_AND_ASSIGN(auto first, reader->ReadNext());
  EXPECT_EQ(first, batch);
  ASSERT_OK_AND_ASSIGN(auto rest, reader->ReadAll());
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0]->num_rows(), 2);
  ASSERT_OK_AND_ASSIGN(auto end, reader->ReadNext());
  EXPECT_EQ(end, nullptr);
  ASSERT_OK(reader->Close());
}

TEST(RecordBatchReaderTest, MakeChecksSchemas) {
  ASSERT_RAISES_WITH(Invalid, "without batches", RecordBatchReader::Make({}));
  ASSERT_OK_AND_ASSIGN(auto empty, RecordBatchReader::Make({}, XYSchema()));
  ASSERT_OK_AND_ASSIGN(auto batches, empty->ReadAll());
  EXPECT_TRUE(batches.empty());
  auto other = RecordBatch::FromArrays({Int64s({1})}, {"x"}).ValueOrDie();
  ASSERT_RAISES_WITH(Invalid, "batch 1 schema differs", RecordBatchReader::Make({XYBatch(), other}));
  ASSERT_RAISES_WITH(Invalid, "batch 0 schema differs", RecordBatchReader::Make({other}, XYSchema()));
}

}  // namespace arrowpack
