// SummarizeMessage: kind, rows, buffers, compression and dictionary ids of each message of a stream.
#include <gtest/gtest.h>

#include <vector>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/message_summary.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

std::vector<ipc::MessageSummary> SummarizeStream(const std::shared_ptr<Buffer>& stream) {
  std::vector<ipc::MessageSummary> out;
  io::BufferReader input(stream);
  auto reader = ipc::MessageReader::Open(&input);
  while (true) {
    auto message = reader->ReadNextMessage().ValueOrDie();
    if (message == nullptr) break;
    out.push_back(ipc::SummarizeMessage(*message).ValueOrDie());
  }
  return out;
}

RecordBatchPtr DictBatch(const std::vector<int16_t>& indices, const std::vector<std::optional<std::string>>& values) {
  auto type = Unwrap(dictionary(int16(), utf8()));
  return BatchOf({{"d", DictionaryData(type, PrimitiveData<int16_t>(int16(), indices), StringData(values))}});
}

TEST(IpcMessageSummary, SchemaBatchesAndDictionaryDeltas) {
  auto first = DictBatch({0, 1, 0}, {"a", "b"});
  auto second = DictBatch({2, 2}, {"a", "b", "c"});
  ipc::IpcWriteOptions options;
  options.emit_dictionary_deltas = true;
  ASSERT_OK_AND_ASSIGN(auto stream, WriteIpc({first, second}, first->schema(), false, options));
  auto summaries = SummarizeStream(stream);
  ASSERT_EQ(summaries.size(), 5u);  // schema, dictionary, batch, delta, batch
  EXPECT_EQ(summaries[0].type, ipc::MessageType::SCHEMA);
  EXPECT_EQ(summaries[0].num_rows, 0);
  EXPECT_EQ(summaries[1].type, ipc::MessageType::DICTIONARY_BATCH);
  EXPECT_EQ(summaries[1].num_rows, 2);
  EXPECT_FALSE(summaries[1].is_delta);
  EXPECT_EQ(summaries[2].type, ipc::MessageType::RECORD_BATCH);
  EXPECT_EQ(summaries[2].num_rows, 3);
  EXPECT_EQ(summaries[2].num_buffers, 2);  // validity and indices
  EXPECT_EQ(summaries[3].type, ipc::MessageType::DICTIONARY_BATCH);
  EXPECT_TRUE(summaries[3].is_delta);
  EXPECT_EQ(summaries[3].dictionary_id, summaries[1].dictionary_id);
  EXPECT_EQ(summaries[3].num_rows, 1);
  EXPECT_EQ(summaries[4].num_rows, 2);
  for (const auto& summary : summaries) {
    EXPECT_EQ(summary.compression, Compression::UNCOMPRESSED);
    EXPECT_EQ(summary.metadata_version, ipc::MetadataVersion::V5);
  }
}

TEST(IpcMessageSummary, ReportsBodyCompressionAndBodyLength) {
  auto batch = BatchOf({{"x", OptionalData<int32_t>(int32(), {1, std::nullopt, 3})}});
  for (Compression codec : {Compression::ZSTD, Compression::LZ4_FRAME}) {
    ipc::IpcWriteOptions options;
    options.compression = codec;
    ASSERT_OK_AND_ASSIGN(auto stream, WriteIpc({batch}, batch->schema(), false, options));
    auto summaries = SummarizeStream(stream);
    ASSERT_EQ(summaries.size(), 2u);
    EXPECT_EQ(summaries[0].compression, Compression::UNCOMPRESSED);  // a schema has no body
    EXPECT_EQ(summaries[1].compression, codec);
    EXPECT_GT(summaries[1].body_length, 0);
  }
}

}  // namespace
}  // namespace arrowpack::testing
