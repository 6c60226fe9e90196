// UnifyDictionaries and the file writer's unify_dictionaries option: one dictionary per column,
// values in order of first appearance, indices remapped, nulls kept, and the refusals.
#include <gtest/gtest.h>

#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

ArrayPtr Dict(TypePtr index_type, ArrayDataPtr indices, ArrayDataPtr values) {
  TypePtr type = Unwrap(dictionary(std::move(index_type), values->type));
  return MakeArray(DictionaryData(std::move(type), std::move(indices), std::move(values)));
}

ArrayPtr StringDict(const std::vector<int8_t>& indices, const std::vector<std::optional<std::string>>& values,
                    const std::vector<bool>& valid = {}) {
  return Dict(int8(), PrimitiveData<int8_t>(int8(), indices, valid), StringData(values));
}

TablePtr TableOf(ArrayVector chunks) {
  auto type = chunks[0]->type();
  auto column = ChunkedArray::Make(std::move(chunks)).ValueOrDie();
  return Table::Make(schema({field("d", type)}), ChunkedArrayVector{column}).ValueOrDie();
}

// The decoded values of a dictionary column, chunk by chunk.
std::vector<std::optional<std::string>> Decoded(const ChunkedArray& column) {
  std::vector<std::optional<std::string>> out;
  for (const auto& chunk : column.chunks()) {
    const auto& dict = static_cast<const DictionaryArray&>(*chunk);
    const auto& values = static_cast<const BinaryArray&>(*dict.dictionary());
    const int8_t* indices = dict.indices()->data()->GetValues<int8_t>(1);
    for (int64_t i = 0; i < chunk->length(); ++i) {
      if (chunk->IsNull(i)) {
        out.push_back(std::nullopt);
      } else {
        out.push_back(std::string(values.GetView(indices[i])));
      }
    }
  }
  return out;
}

TEST(IpcUnify, ChunksShareOneDictionaryInFirstAppearanceOrder) {
  auto table = TableOf({StringDict({0, 1, 0}, {"a", "b"}), StringDict({1, 0, 2}, {"c", "a", "b"}, {true, false, true}),
                        StringDict({0}, {"d"})->Slice(0, 1)});
  ASSERT_OK_AND_ASSIGN(auto unified, ipc::UnifyDictionaries(*table));
  const auto& column = *unified->column(0);
  auto expected_values = MakeArray(StringData({"a", "b", "c", "d"}));
  for (const auto& chunk : column.chunks()) {
    EXPECT_TRUE(static_cast<const DictionaryArray&>(*chunk).dictionary()->Equals(*expected_values));
  }
  EXPECT_EQ(Decoded(column), Decoded(*table->column(0)));
  EXPECT_EQ(Decoded(column), (std::vector<std::optional<std::string>>{"a", "b", "a", "a", std::nullopt, "b", "d"}));
}

TEST(IpcUnify, FileWriterWritesATableWithDifferentDictionaries) {
  auto table = TableOf({StringDict({0, 1}, {"a", "b"}), StringDict({0}, {"z"})});
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ipc::IpcWriteOptions options;
  {
    ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, table->schema(), options));
    ASSERT_RAISES_WITH(Invalid, "cannot replace dictionaries", writer->WriteTable(*table));
  }
  options.unify_dictionaries = true;
  ASSERT_OK_AND_ASSIGN(sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, table->schema(), options));
  ASSERT_OK(writer->WriteTable(*table));
  ASSERT_OK(writer->Close());
  EXPECT_EQ(writer->stats().num_dictionary_batches, 1);
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_OK_AND_ASSIGN(auto read, reader->ReadAll());
  EXPECT_EQ(Decoded(*read->column(0)), (std::vector<std::optional<std::string>>{"a", "b", "z"}));
}

TEST(IpcUnify, FixedWidthValuesAndNullValues) {
  auto first = Dict(int16(), PrimitiveData<int16_t>(int16(), {1, 0}),
                    OptionalData<int64_t>(int64(), {7, std::nullopt}));
  auto second = Dict(int16(), PrimitiveData<int16_t>(int16(), {0, 1, 2}),
                     OptionalData<int64_t>(int64(), {std::nullopt, 8, 7}));
  ASSERT_OK_AND_ASSIGN(auto unified, ipc::UnifyDictionaries(*TableOf({first, second})));
  const auto& chunk = static_cast<const DictionaryArray&>(*unified->column(0)->chunk(1));
  EXPECT_TRUE(chunk.dictionary()->Equals(*MakeArray(OptionalData<int64_t>(int64(), {7, std::nullopt, 8}))));
  EXPECT_TRUE(chunk.indices()->Equals(*MakeArray(PrimitiveData<int16_t>(int16(), {1, 2, 0}))));
}

TEST(IpcUnify, Refusals) {
  // 129 distinct values cannot be indexed by int8.
  std::vector<std::optional<std::string>> many;
  for (int i = 0; i < 128; ++i) many.push_back(std::to_string(i));
  auto big = TableOf({StringDict({0}, many), StringDict({0}, {"x"})});
  ASSERT_RAISES_WITH(Invalid, "does not fit its index type", ipc::UnifyDictionaries(*big));
  auto out_of_range = TableOf({StringDict({0}, {"a"}), StringDict({3}, {"b"})});
  ASSERT_RAISES_WITH(Invalid, "out of range", ipc::UnifyDictionaries(*out_of_range));
  auto list_values = Dict(int8(), PrimitiveData<int8_t>(int8(), {0}),
                          ListData<int32_t>(list(int32()), {0, 1}, PrimitiveData<int32_t>(int32(), {1})));
  ASSERT_RAISES_WITH(NotImplemented, "list", ipc::UnifyDictionaries(*TableOf({list_values, list_values})));
}

}  // namespace
}  // namespace arrowpack::testing
