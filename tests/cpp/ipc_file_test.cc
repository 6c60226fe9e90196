// File format: layout (magic, footer, blocks), random access, footer metadata, memory maps.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <unistd.h>

#include "arrowpack/core/io_file.h"
#include "arrowpack/core/io_memory_map.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

TEST(IpcFile, LayoutHasMagicAtBothEnds) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), true));
  EXPECT_EQ(std::string(buffer->view().substr(0, 8)), std::string("ARROW1\0\0", 8));
  EXPECT_EQ(buffer->view().substr(buffer->size() - 6), "ARROW1");
  int32_t footer_length;
  std::memcpy(&footer_length, buffer->data() + buffer->size() - 10, 4);
  EXPECT_GT(footer_length, 0);
  // The stream between the magic and the footer ends with the end-of-stream marker.
  const int64_t footer_start = buffer->size() - 10 - footer_length;
  EXPECT_EQ(std::string(buffer->view().substr(footer_start - 8, 8)), std::string("\xFF\xFF\xFF\xFF\0\0\0\0", 8));
  // And that embedded stream reads as a stream.
  ASSERT_OK_AND_ASSIGN(auto as_stream, ReadStream(SliceBuffer(buffer, 8, footer_start - 8)));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, as_stream);
}

TEST(IpcFile, RandomAccessToEveryBatch) {
  RecordBatchVector batches;
  for (int i = 0; i < 10; ++i) {
    batches.push_back(BatchOf({{"i", PrimitiveData<int64_t>(int64(), {i, i * 10})},
                               {"s", StringData({std::string(i, 'x'), std::nullopt})}}));
  }
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, batches[0]->schema(), true));
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  EXPECT_EQ(reader->num_record_batches(), 10);
  EXPECT_EQ(reader->num_dictionaries(), 0);
  EXPECT_EQ(reader->version(), ipc::MetadataVersion::V5);
  EXPECT_TRUE(reader->schema()->Equals(*batches[0]->schema(), true));
  for (int i : {7, 0, 9, 3}) {
    ASSERT_OK_AND_ASSIGN(auto batch, reader->ReadRecordBatch(i));
    EXPECT_TRUE(batch->Equals(*batches[i]));
  }
  ASSERT_OK_AND_ASSIGN(auto table, reader->ReadAll());
  EXPECT_EQ(table->num_rows(), 20);
  EXPECT_EQ(reader->stats().num_record_batches, 14);
}

TEST(IpcFile, CountRowsAndCustomMetadataOfABatch) {
  auto batch = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1, 2, 3})}});
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, batch->schema()));
  ASSERT_OK(writer->WriteRecordBatch(*batch));
  ASSERT_OK(writer->WriteRecordBatch(*batch->Slice(1), std::make_shared<KeyValueMetadata>(std::vector<std::string>{"k"}, std::vector<std::string>{"v"})));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_OK_AND_ASSIGN(int64_t rows, reader->CountRows());
  EXPECT_EQ(rows, 5);
  EXPECT_EQ(reader->stats().num_record_batches, 0);
  ASSERT_OK_AND_ASSIGN(auto second, reader->ReadRecordBatchWithCustomMetadata(1));
  EXPECT_TRUE(second.batch->Equals(*batch->Slice(1)));
  ASSERT_NE(second.custom_metadata, nullptr);
  EXPECT_EQ(second.custom_metadata->Get("k"), "v");
  ASSERT_OK_AND_ASSIGN(auto first, reader->ReadRecordBatchWithCustomMetadata(0));
  EXPECT_EQ(first.custom_metadata, nullptr);
  EXPECT_FALSE(reader->ReadRecordBatchWithCustomMetadata(2).ok());
}

TEST(IpcFile, EveryTypeWithBothAlignments) {
  auto batch = AllTypesBatch();
  for (int alignment : {8, 64}) {
    ipc::IpcWriteOptions options;
    options.alignment = alignment;
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch->Slice(1, 2), batch->Slice(5, 0)}, batch->schema(), true,
                                               options));
    ASSERT_OK_AND_ASSIGN(auto read, ReadFile(buffer));
    ASSERT_BATCHES_EQUAL((RecordBatchVector{batch, batch->Slice(1, 2), batch->Slice(5, 0)}), read);
  }
}

TEST(IpcFile, ZeroBatches) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({}, batch->schema(), true));
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  EXPECT_EQ(reader->num_record_batches(), 0);
  EXPECT_TRUE(reader->schema()->Equals(*batch->schema(), true));
  ASSERT_OK_AND_ASSIGN(auto table, reader->ReadAll());
  EXPECT_EQ(table->num_rows(), 0);
}

TEST(IpcFile, FooterMetadata) {
  auto batch = BatchOf({{"x", PrimitiveData<int32_t>(int32(), {1})}});
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"created_by"},
                                                     std::vector<std::string>{"arrowpack"});
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, batch->schema(), {}, metadata));
  ASSERT_OK(writer->WriteRecordBatch(*batch));
  ASSERT_OK(writer->Close());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_NE(reader->metadata(), nullptr);
  EXPECT_EQ(reader->metadata()->Get("created_by"), "arrowpack");
}

TEST(IpcFile, EmbeddedFileWithFooterOffset) {
  auto batch = BatchOf({{"x", PrimitiveData<int32_t>(int32(), {4, 5})}});
  ASSERT_OK_AND_ASSIGN(auto file, WriteIpc({batch}, batch->schema(), true));
  auto padded = Buffer::FromString(file->ToString() + std::string(24, '\x7f'));
  auto input = std::make_shared<io::BufferReader>(padded);
  ASSERT_RAISES(Invalid, ipc::RecordBatchFileReader::Open(input));
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(input, file->size()));
  ASSERT_OK_AND_ASSIGN(auto read, reader->ReadRecordBatch(0));
  EXPECT_TRUE(read->Equals(*batch));
  ASSERT_RAISES(Invalid, ipc::RecordBatchFileReader::Open(input, padded->size() + 1));
}

TEST(IpcFile, MemoryMappedReadAllocatesNothing) {
  std::vector<int32_t> values(100000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int32_t>(i);
  auto big = BatchOf({{"v", PrimitiveData<int32_t>(int32(), values)}});
  char path[] = "/tmp/arrowpack_ipc_file_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    ASSERT_OK_AND_ASSIGN(auto sink, io::FileOutputStream::Open(path));
    ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, big->schema()));
    ASSERT_OK(writer->WriteRecordBatch(*big));
    ASSERT_OK(writer->Close());
    ASSERT_OK(sink->Close());
  }
  MemoryPool* pool = default_memory_pool();
  ipc::IpcReadOptions options;
  options.memory_pool = pool;
  const int64_t before = pool->bytes_allocated();
  const int64_t allocations = pool->num_allocations();
  {
    ASSERT_OK_AND_ASSIGN(auto map, io::MemoryMappedFile::Open(path, io::FileMode::READ));
    ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(map, options));
    ASSERT_OK_AND_ASSIGN(auto read, reader->ReadRecordBatch(0));
    EXPECT_EQ(pool->bytes_allocated(), before);
    EXPECT_EQ(pool->num_allocations(), allocations);
    EXPECT_TRUE(read->Equals(*big));
  }
  std::remove(path);
}

TEST(IpcFile, ReadsFromAnOsFile) {
  auto batch = AllTypesBatch();
  char path[] = "/tmp/arrowpack_ipc_file_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    ASSERT_OK_AND_ASSIGN(auto sink, io::FileOutputStream::Open(path));
    ASSERT_OK_AND_ASSIGN(auto writer, ipc::MakeFileWriter(sink, batch->schema()));
    ASSERT_OK(writer->WriteRecordBatch(*batch));
    ASSERT_OK(writer->Close());
    ASSERT_OK(sink->Close());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto file, io::ReadableFile::Open(path));
    ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(file));
    ASSERT_OK_AND_ASSIGN(auto read, reader->ReadRecordBatch(0));
    EXPECT_TRUE(read->Equals(*batch, true));
  }
  std::remove(path);
}

}  // namespace
}  // namespace arrowpack::testing
