// Stream format round trips: every type, nulls, slices, empty and many batches, custom metadata,
// alignment, statistics, zero-copy reads and the push decoder.
#include <gtest/gtest.h>

#include <functional>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

using ipc::IpcReadOptions;
using ipc::IpcWriteOptions;

TEST(IpcStream, RoundTripsEveryType) {
  auto batch = AllTypesBatch();
  ASSERT_OK(batch->ValidateFull());
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  IpcReadOptions full;
  full.validate_full = true;
  ASSERT_OK_AND_ASSIGN(read, ReadStream(buffer, full));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
}

TEST(IpcStream, RoundTripsEachTypeAlone) {
  for (const auto& column : AllTypeColumns()) {
    auto batch = BatchOf({column});
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
    ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
    ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  }
}

TEST(IpcStream, RoundTripsEverySliceOfEveryType) {
  auto batch = AllTypesBatch();
  for (int64_t offset = 0; offset <= 5; ++offset) {
    for (int64_t length = 0; offset + length <= 5; ++length) {
      auto slice = batch->Slice(offset, length);
      ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({slice}, slice->schema(), false));
      IpcReadOptions full;
      full.validate_full = true;
      ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer, full));
      ASSERT_BATCHES_EQUAL(RecordBatchVector{slice}, read);
    }
  }
}

TEST(IpcStream, SlicedBitmapsAreShiftedNotCopiedWhole) {
  auto column = OptionalData<int32_t>(int32(), {1, std::nullopt, 3, 4, std::nullopt, 6, 7, 8, 9, 10, 11});
  auto batch = BatchOf({{"x", column}})->Slice(3, 7);
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  EXPECT_EQ(read[0]->column(0)->null_count(), 1);
  EXPECT_EQ(read[0]->column(0)->offset(), 0);
}

TEST(IpcStream, ZeroBatchesKeepTheSchema) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({}, batch->schema(), false));
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(buffer)));
  EXPECT_TRUE(reader->schema()->Equals(*batch->schema(), true));
  ASSERT_OK_AND_ASSIGN(auto next, reader->ReadNext());
  EXPECT_EQ(next, nullptr);
  EXPECT_EQ(reader->stats().num_messages, 1);
}

TEST(IpcStream, EmptySchemaAndEmptyBatch) {
  auto batch = BatchOf({});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch}, batch->schema(), false));
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0]->num_columns(), 0);
}

TEST(IpcStream, ManyBatches) {
  RecordBatchVector batches;
  for (int i = 0; i < 300; ++i) {
    batches.push_back(BatchOf({{"i", PrimitiveData<int32_t>(int32(), {i, i + 1, i + 2})},
                               {"s", StringData({std::to_string(i), std::nullopt, "z"})}}));
  }
  ipc::WriteStats stats;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, batches[0]->schema(), false, {}, &stats));
  EXPECT_EQ(stats.num_messages, 301);
  EXPECT_EQ(stats.num_record_batches, 300);
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(batches, read);
}

// The writer keeps its per-batch scratch (body description, flatbuffer builder) between batches;
// batches of different sizes and layouts in turn must each come out as written.
TEST(IpcStream, BatchesOfDifferentShapesInTurn) {
  auto full = AllTypesBatch();
  RecordBatchVector batches = {full, full->Slice(1, 3), full->Slice(0, 0), full->Slice(3), full};
  for (bool as_file : {false, true}) {
    ipc::WriteStats stats;
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, full->schema(), as_file, {}, &stats));
    EXPECT_EQ(stats.num_record_batches, 5);
    ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer) : ReadStream(buffer));
    ASSERT_BATCHES_EQUAL(batches, read);
  }
}

TEST(IpcStream, CustomMetadataOnSchemaFieldsAndMessages) {
  auto schema_metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"origin", "empty"},
                                                            std::vector<std::string>{"test", ""});
  auto field_metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"unit"},
                                                           std::vector<std::string>{"metres"});
  auto schema = arrowpack::schema({field("x", int64(), false, field_metadata)}, schema_metadata);
  auto batch = RecordBatch::Make(schema, 2, {PrimitiveData<int64_t>(int64(), {1, 2})}).ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeStreamWriter(sink, schema));
  auto message_metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"batch"},
                                                             std::vector<std::string>{"first"});
  ASSERT_OK(writer->WriteRecordBatch(*batch, message_metadata));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());

  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto schema_message, ipc::ReadMessage(&input));
  ASSERT_OK_AND_ASSIGN(auto read_schema, ipc::ReadSchema(*schema_message, nullptr));
  EXPECT_TRUE(read_schema->Equals(*schema, /*check_metadata=*/true));
  EXPECT_FALSE(read_schema->field(0)->nullable());
  ASSERT_OK_AND_ASSIGN(auto batch_message, ipc::ReadMessage(&input));
  ASSERT_NE(batch_message->custom_metadata(), nullptr);
  EXPECT_EQ(batch_message->custom_metadata()->Get("batch"), "first");
}

TEST(IpcStream, ReaderReturnsMessageCustomMetadataWithEachBatch) {
  auto batch = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1, 2})}});
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeStreamWriter(sink, batch->schema()));
  ASSERT_OK(writer->WriteRecordBatch(*batch, std::make_shared<KeyValueMetadata>(std::vector<std::string>{"n"}, std::vector<std::string>{"1"})));
  ASSERT_OK(writer->WriteRecordBatch(*batch));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto reader,
                       ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_OK_AND_ASSIGN(auto first, reader->ReadNextWithCustomMetadata());
  EXPECT_TRUE(first.batch->Equals(*batch));
  ASSERT_NE(first.custom_metadata, nullptr);
  EXPECT_EQ(first.custom_metadata->Get("n"), "1");
  ASSERT_OK_AND_ASSIGN(auto second, reader->ReadNextWithCustomMetadata());
  EXPECT_TRUE(second.batch->Equals(*batch));
  EXPECT_EQ(second.custom_metadata, nullptr);
  ASSERT_OK_AND_ASSIGN(auto end, reader->ReadNextWithCustomMetadata());
  EXPECT_EQ(end.batch, nullptr);
}

TEST(IpcStream, Alignment64PadsEveryBuffer) {
  auto batch = AllTypesBatch();
  IpcWriteOptions options;
  options.alignment = 64;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false, options));
  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto schema_message, ipc::ReadMessage(&input));
  ASSERT_OK_AND_ASSIGN(auto position, input.Tell());
  EXPECT_EQ(position % 64, 0);
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);

  options.alignment = 16;
  ASSERT_RAISES_WITH(Invalid, "alignment", WriteIpc({batch}, batch->schema(), false, options));
}

TEST(IpcStream, MetadataVersionV4RoundTripsUnions) {
  auto columns = AllTypeColumns();
  NamedColumns unions;
  for (const auto& column : columns) {
    if (column.first.find("union") != std::string::npos) unions.push_back(column);
  }
  auto batch = BatchOf(unions);
  IpcWriteOptions options;
  options.metadata_version = ipc::MetadataVersion::V4;
  ASSERT_OK_AND_ASSIGN(auto v4, WriteIpc({batch}, batch->schema(), false, options));
  ASSERT_OK_AND_ASSIGN(auto v5, WriteIpc({batch}, batch->schema(), false));
  EXPECT_NE(v4->size(), v5->size());  // V4 unions carry an extra (empty) validity buffer
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(v4));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  io::BufferReader input(v4);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
  EXPECT_EQ(message->metadata_version(), ipc::MetadataVersion::V4);
}

TEST(IpcStream, LegacyFramingIsReadable) {
  auto batch = AllTypesBatch();
  IpcWriteOptions options;
  options.write_legacy_ipc_format = true;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false, options));
  uint32_t first;
  std::memcpy(&first, buffer->data(), 4);
  EXPECT_NE(first, 0xFFFFFFFFu);
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
}

TEST(IpcStream, WrongSchemaIsRefused) {
  auto batch = BatchOf({{"x", PrimitiveData<int32_t>(int32(), {1})}});
  auto other = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1})}});
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeStreamWriter(sink, batch->schema()));
  ASSERT_RAISES_WITH(Invalid, "schema does not match", writer->WriteRecordBatch(*other));
  ASSERT_OK(writer->Close());
  ASSERT_OK(writer->Close());
  ASSERT_RAISES_WITH(Invalid, "closed", writer->WriteRecordBatch(*batch));
}

TEST(IpcStream, WriteTableSplitsIntoBatches) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto table, Table::FromRecordBatches({batch, batch}));
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeStreamWriter(sink, batch->schema()));
  ASSERT_OK(writer->WriteTable(*table, 3));
  ASSERT_OK(writer->Close());
  EXPECT_EQ(writer->stats().num_record_batches, 4);
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_OK_AND_ASSIGN(auto read_table, Table::FromRecordBatches(read));
  EXPECT_TRUE(read_table->Equals(*table));
}

// The Buffer objects of a batch's body slices are made together; a column kept after the batch,
// the reader and the written buffer are dropped must still hold its bytes.
TEST(IpcStream, ColumnOutlivesItsBatchAndTheSource) {
  auto batch = AllTypesBatch();
  std::vector<ArrayPtr> kept;
  {
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
    ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
    ASSERT_EQ(read.size(), 1u);
    kept = {read[0]->column(7), read[0]->column(13), read[0]->column(batch->num_columns() - 3)};
  }
  EXPECT_TRUE(kept[0]->Equals(*batch->column(7)));
  EXPECT_TRUE(kept[1]->Equals(*batch->column(13)));
  EXPECT_TRUE(kept[2]->Equals(*batch->column(batch->num_columns() - 3)));
}

TEST(IpcStream, ReadingFromABufferAllocatesNothing) {
  NamedColumns columns;
  for (const auto& column : AllTypeColumns()) {
    // Dictionaries are read once per stream and then shared; everything else must be a slice.
    columns.push_back(column);
  }
  auto batch = BatchOf(columns);
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  MemoryPool* pool = system_memory_pool();
  IpcReadOptions options;
  options.memory_pool = pool;
  const int64_t allocations = pool->num_allocations();
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer, options));
  EXPECT_EQ(pool->num_allocations(), allocations);
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  // Every buffer of the first column with data points into the stream.
  const auto& data = read[0]->column_data(1);
  EXPECT_GE(data->buffers[1]->address(), buffer->address());
  EXPECT_LT(data->buffers[1]->address(), buffer->address() + buffer->size());
}

// Every buffer of every column (children and dictionaries included) passes `check`.
void ForEachBuffer(const ArrayData& data, const std::function<void(const Buffer&)>& check) {
  for (const auto& buffer : data.buffers) {
    if (buffer != nullptr && buffer->size() > 0) check(*buffer);
  }
  for (const auto& child : data.child_data) ForEachBuffer(*child, check);
  if (data.dictionary != nullptr) ForEachBuffer(*data.dictionary, check);
}

TEST(IpcStream, EnsureAlignment64CopiesOnlyMisalignedBuffers) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  const auto inside = [&](const Buffer& b) {
    return b.address() >= buffer->address() && b.address() < buffer->address() + buffer->size();
  };
  IpcReadOptions options;
  options.memory_pool = system_memory_pool();
  options.ensure_alignment = ipc::BufferAlignment::k64Byte;
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer, options));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  int kept = 0;
  int copied = 0;
  for (int i = 0; i < read[0]->num_columns(); ++i) {
    ForEachBuffer(*read[0]->column_data(i), [&](const Buffer& b) {
      EXPECT_EQ(b.address() % 64, 0) << read[0]->schema()->field(i)->name();
      (inside(b) ? kept : copied) += 1;
    });
  }
  EXPECT_GT(kept, 0);    // the buffers that were 64-aligned already stay zero-copy
  EXPECT_GT(copied, 0);  // 8-byte alignment leaves others in between

  options.ensure_alignment = ipc::BufferAlignment::kDataTypeSpecific;
  ASSERT_OK_AND_ASSIGN(read, ReadStream(buffer, options));
  bool misaligned_kept = false;
  for (int i = 0; i < read[0]->num_columns(); ++i) {
    ForEachBuffer(*read[0]->column_data(i), [&](const Buffer& b) { misaligned_kept |= b.address() % 64 != 0; });
  }
  EXPECT_TRUE(misaligned_kept);
}

TEST(IpcStream, RecordBatchSizeMatchesWhatIsWritten) {
  auto batch = AllTypesBatch();
  for (int alignment : {8, 64}) {
    IpcWriteOptions options;
    options.alignment = alignment;
    ASSERT_OK_AND_ASSIGN(int64_t size, ipc::GetRecordBatchSize(*batch, options));
    ASSERT_OK_AND_ASSIGN(auto serialized, ipc::SerializeRecordBatch(*batch, options));
    EXPECT_EQ(size, serialized->size());
    EXPECT_EQ(size % 8, 0);
  }
}

TEST(IpcStream, SerializedSchemaAndBatchReadBack) {
  auto batch = BatchOf({{"x", OptionalData<int16_t>(int16(), {1, std::nullopt})}});
  ASSERT_OK_AND_ASSIGN(auto schema_bytes, ipc::SerializeSchema(*batch->schema()));
  ASSERT_OK_AND_ASSIGN(auto batch_bytes, ipc::SerializeRecordBatch(*batch));
  io::BufferReader schema_input(schema_bytes);
  ASSERT_OK_AND_ASSIGN(auto schema, ipc::ReadSchema(&schema_input));
  EXPECT_TRUE(schema->Equals(*batch->schema()));
  io::BufferReader batch_input(batch_bytes);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&batch_input));
  EXPECT_EQ(message->type(), ipc::MessageType::RECORD_BATCH);
  ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadRecordBatch(*message, schema, nullptr));
  EXPECT_TRUE(read->Equals(*batch));
}

class CollectingListener : public ipc::StreamDecoder::Listener {
 public:
  Status OnSchemaDecoded(std::shared_ptr<Schema> schema) override {
    schema_ = std::move(schema);
    return Status::OK();
  }
  Status OnRecordBatchDecoded(RecordBatchPtr batch) override {
    batches_.push_back(std::move(batch));
    return Status::OK();
  }
  Status OnEndOfStream() override {
    ended_ = true;
    return Status::OK();
  }
  std::shared_ptr<Schema> schema_;
  RecordBatchVector batches_;
  bool ended_ = false;
};

TEST(IpcStreamDecoder, DecodesAnySplitOfTheStream) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch->Slice(1, 3)}, batch->schema(), false));
  for (int64_t piece : {1, 3, 7, 64, 1000, 1 << 20}) {
    auto listener = std::make_shared<CollectingListener>();
    ipc::StreamDecoder decoder(listener);
    for (int64_t pos = 0; pos < buffer->size(); pos += piece) {
      ASSERT_OK(decoder.Consume(buffer->data() + pos, std::min(piece, buffer->size() - pos)));
    }
    EXPECT_TRUE(listener->ended_);
    EXPECT_EQ(decoder.next_required_size(), 0);
    ASSERT_NE(listener->schema_, nullptr);
    ASSERT_BATCHES_EQUAL((RecordBatchVector{batch, batch->Slice(1, 3)}), listener->batches_);
    EXPECT_EQ(decoder.stats().num_record_batches, 2);
  }
}

TEST(IpcStreamDecoder, WholeBufferIsNotCopied) {
  auto batch = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1, 2, 3})}});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  auto listener = std::make_shared<CollectingListener>();
  ipc::StreamDecoder decoder(listener);
  EXPECT_EQ(decoder.next_required_size(), 4);
  ASSERT_OK(decoder.Consume(buffer));
  ASSERT_EQ(listener->batches_.size(), 1u);
  const auto& values = listener->batches_[0]->column_data(0)->buffers[1];
  EXPECT_GE(values->address(), buffer->address());
  EXPECT_LT(values->address(), buffer->address() + buffer->size());
}

TEST(IpcStreamDecoder, ErrorsStick) {
  auto listener = std::make_shared<CollectingListener>();
  ipc::StreamDecoder decoder(listener);
  const uint8_t garbage[16] = {0xFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
  ASSERT_RAISES_WITH(Invalid, "verification", decoder.Consume(garbage, sizeof(garbage)));
  ASSERT_RAISES_WITH(Invalid, "failed earlier", decoder.Consume(garbage, sizeof(garbage)));
}

TEST(IpcStreamDecoder, DataAfterEndOfStreamIsRefused) {
  auto batch = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1})}});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false));
  auto listener = std::make_shared<CollectingListener>();
  ipc::StreamDecoder decoder(listener);
  ASSERT_OK(decoder.Consume(buffer));
  const uint8_t extra[4] = {1, 2, 3, 4};
  ASSERT_RAISES_WITH(Invalid, "after its end-of-stream", decoder.Consume(extra, 4));
}

TEST(IpcStream, IncludedFieldsSelectColumnsInSchemaOrder) {
  auto batch = AllTypesBatch();
  ASSERT_GE(batch->num_columns(), 3);
  for (bool as_file : {false, true}) {
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch}, batch->schema(), as_file));
    IpcReadOptions options;
    options.included_fields = {2, 0, 2};
    ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer, options) : ReadStream(buffer, options));
    ASSERT_EQ(read.size(), 2u);
    for (const auto& projected : read) {
      ASSERT_EQ(projected->num_columns(), 2);
      EXPECT_EQ(projected->schema()->field(0)->name(), batch->schema()->field(0)->name());
      EXPECT_EQ(projected->schema()->field(1)->name(), batch->schema()->field(2)->name());
      EXPECT_TRUE(projected->column(0)->Equals(*batch->column(0)));
      EXPECT_TRUE(projected->column(1)->Equals(*batch->column(2)));
    }
    options.included_fields = {batch->num_columns()};
    ASSERT_RAISES_WITH(Invalid, "Out of bounds field index", as_file ? ReadFile(buffer, options) : ReadStream(buffer, options));
  }
}

}  // namespace
}  // namespace arrowpack::testing
