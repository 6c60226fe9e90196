// Body compression: LZ4_FRAME and ZSTD per buffer, raw fallback for incompressible buffers,
// statistics, and a decompression cap.
#include <gtest/gtest.h>

#include <cstring>

#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

RecordBatchPtr Compressible() {
  std::vector<int64_t> values(4096, 7);
  return BatchOf({{"v", PrimitiveData<int64_t>(int64(), values)}});
}

TEST(IpcCompression, EveryTypeWithBothCodecs) {
  auto batch = AllTypesBatch();
  for (Compression codec : {Compression::LZ4_FRAME, Compression::ZSTD}) {
    for (bool as_file : {false, true}) {
      ipc::IpcWriteOptions options;
      options.compression = codec;
      ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch->Slice(1, 3)}, batch->schema(), as_file, options));
      ipc::IpcReadOptions read_options;
      read_options.validate_full = true;
      ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer, read_options) : ReadStream(buffer, read_options));
      ASSERT_BATCHES_EQUAL((RecordBatchVector{batch, batch->Slice(1, 3)}), read);
    }
  }
}

TEST(IpcCompression, CompressibleBodiesShrink) {
  auto batch = Compressible();
  ASSERT_OK_AND_ASSIGN(auto plain, WriteIpc({batch}, batch->schema(), false));
  for (Compression codec : {Compression::LZ4_FRAME, Compression::ZSTD}) {
    ipc::IpcWriteOptions options;
    options.compression = codec;
    ipc::WriteStats stats;
    ASSERT_OK_AND_ASSIGN(auto compressed, WriteIpc({batch}, batch->schema(), false, options, &stats));
    EXPECT_LT(compressed->size(), plain->size() / 10);
    EXPECT_EQ(stats.total_raw_body_size, 4096 * 8);
    EXPECT_LT(stats.total_serialized_body_size, stats.total_raw_body_size / 10);
    ASSERT_OK_AND_ASSIGN(auto read, ReadStream(compressed));
    ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
  }
}

TEST(IpcCompression, IncompressibleBuffersAreStoredRaw) {
  // Eight distinct bytes cannot shrink: the buffer is stored with the -1 length prefix.
  auto batch = BatchOf({{"v", PrimitiveData<int64_t>(int64(), {0x0123456789abcdefLL})}});
  ipc::IpcWriteOptions options;
  options.compression = Compression::ZSTD;
  ASSERT_OK_AND_ASSIGN(auto payload, ipc::GetRecordBatchPayload(*batch, options));
  ASSERT_EQ(payload.body_buffers.size(), 2u);
  EXPECT_EQ(payload.body_buffers[0], nullptr);  // no validity bitmap, not even a prefix
  ASSERT_EQ(payload.body_buffers[1]->size(), 16);
  int64_t prefix;
  std::memcpy(&prefix, payload.body_buffers[1]->data(), 8);
  EXPECT_EQ(prefix, -1);
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false, options));
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer));
  ASSERT_BATCHES_EQUAL(RecordBatchVector{batch}, read);
}

TEST(IpcCompression, DecompressedBuffersComeFromThePool) {
  auto batch = Compressible();
  ipc::IpcWriteOptions options;
  options.compression = Compression::LZ4_FRAME;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false, options));
  ipc::IpcReadOptions read_options;
  read_options.memory_pool = system_memory_pool();
  const int64_t before = system_memory_pool()->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto read, ReadStream(buffer, read_options));
  EXPECT_GE(system_memory_pool()->bytes_allocated() - before, 4096 * 8);
  read.clear();
  EXPECT_EQ(system_memory_pool()->bytes_allocated(), before);
}

TEST(IpcCompression, AllocationCapApplies) {
  auto batch = Compressible();
  ipc::IpcWriteOptions options;
  options.compression = Compression::ZSTD;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), false, options));
  ipc::IpcReadOptions read_options;
  read_options.max_allocation = 1000;
  ASSERT_RAISES_WITH(Invalid, "max_allocation", ReadStream(buffer, read_options));
  read_options.max_allocation = 1 << 20;
  read_options.max_decompression_ratio = 2;
  ASSERT_RAISES_WITH(Invalid, "max_decompression_ratio", ReadStream(buffer, read_options));
}

TEST(IpcCompression, UnsupportedCodecIsRefused) {
  auto batch = Compressible();
  ipc::IpcWriteOptions options;
  options.compression = Compression::GZIP;
  ASSERT_RAISES_WITH(Invalid, "lz4 or zstd", WriteIpc({batch}, batch->schema(), false, options));
}

}  // namespace
}  // namespace arrowpack::testing
