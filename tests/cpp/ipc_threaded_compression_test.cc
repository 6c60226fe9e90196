// Compressed bodies read and written with use_threads (buffers decompressed and compressed on
// several threads): the same batches and the same errors, down to the message, as without
// threads; a corrupt buffer is reported by its index, the lowest one when several are bad.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

constexpr int64_t kRows = 1 << 17;  // 1 MiB of int64 per column: enough work for several threads
constexpr int kColumns = 4;

RecordBatchPtr Columns() {
  NamedColumns columns;
  for (int c = 0; c < kColumns; ++c) {
    std::vector<int64_t> values(kRows);
    for (int64_t i = 0; i < kRows; ++i) values[static_cast<size_t>(i)] = (i * (c + 3)) % 1000;
    columns.emplace_back("c" + std::to_string(c), PrimitiveData<int64_t>(int64(), values));
  }
  return BatchOf(columns);
}

std::shared_ptr<Buffer> ZstdStream(bool use_threads = true) {
  auto batch = Columns();
  ipc::IpcWriteOptions options;
  options.compression = Compression::ZSTD;
  options.use_threads = use_threads;
  return WriteIpc({batch}, batch->schema(), false, options).ValueOrDie();
}

// Offset in `stream` of column `column`'s compressed data buffer: its length prefix (1 MiB)
// followed by the zstd frame magic.
size_t FrameOffset(const std::string& stream, int column) {
  std::string pattern(8, '\0');
  const int64_t length = kRows * 8;
  std::memcpy(pattern.data(), &length, 8);
  pattern += "\x28\xB5\x2F\xFD";
  size_t at = stream.find(pattern);
  for (int c = 0; c < column && at != std::string::npos; ++c) at = stream.find(pattern, at + 1);
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(stream.find(pattern, at + 1) == std::string::npos, column == kColumns - 1);
  return at;
}

void CorruptFrame(std::string* stream, int column) {
  const size_t frame = FrameOffset(*stream, column) + 8;
  for (size_t i = frame + 12; i < frame + 40; ++i) (*stream)[i] = static_cast<char>((*stream)[i] ^ 0x5A);
}

void OverstateLength(std::string* stream, int column) {
  const int64_t length = kRows * 8 + 8;
  std::memcpy(stream->data() + FrameOffset(*stream, column), &length, 8);
}

Status ReadWithThreads(const std::string& stream, bool use_threads) {
  ipc::IpcReadOptions options;
  options.use_threads = use_threads;
  return ReadStream(Buffer::FromString(stream), options).status();
}

// The error with threads, checked to equal the one without.
Status SameErrorBothWays(const std::string& stream) {
  const Status serial = ReadWithThreads(stream, false);
  const Status threaded = ReadWithThreads(stream, true);
  EXPECT_EQ(threaded.code(), serial.code());
  EXPECT_EQ(threaded.message(), serial.message());
  return threaded;
}

TEST(IpcThreadedCompression, ThreadedAndSerialAgree) {
  auto batch = Columns();
  for (Compression codec : {Compression::LZ4_FRAME, Compression::ZSTD}) {
    for (bool as_file : {false, true}) {
      for (bool write_threads : {false, true}) {
        ipc::IpcWriteOptions options;
        options.compression = codec;
        options.use_threads = write_threads;
        ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch}, batch->schema(), as_file, options));
        for (bool read_threads : {false, true}) {
          ipc::IpcReadOptions read_options;
          read_options.use_threads = read_threads;
          ASSERT_OK_AND_ASSIGN(auto read, as_file ? ReadFile(buffer, read_options) : ReadStream(buffer, read_options));
          ASSERT_BATCHES_EQUAL((RecordBatchVector{batch, batch}), read);
        }
      }
    }
  }
}

TEST(IpcThreadedCompression, WritingWithThreadsGivesTheSameBytes) {
  EXPECT_EQ(ZstdStream(true)->ToString(), ZstdStream(false)->ToString());
}

TEST(IpcThreadedCompression, CorruptFrameIsReportedWithAndWithoutThreads) {
  std::string stream = ZstdStream()->ToString();
  ASSERT_OK(ReadWithThreads(stream, true));
  CorruptFrame(&stream, 2);
  ASSERT_RAISES_WITH(IOError, "zstd decompression failed", SameErrorBothWays(stream));
}

TEST(IpcThreadedCompression, WrongLengthPrefixIsInvalidWithAndWithoutThreads) {
  std::string stream = ZstdStream()->ToString();
  OverstateLength(&stream, 1);
  // Column 1's data is buffer 3 of the batch (0 and 2 are the empty validity bitmaps).
  ASSERT_RAISES_WITH(Invalid, "compressed IPC buffer 3 decompressed to 1048576 bytes, expected 1048584",
                     SameErrorBothWays(stream));
}

TEST(IpcThreadedCompression, LowestCorruptBufferIsReportedEveryTime) {
  std::string stream = ZstdStream()->ToString();
  CorruptFrame(&stream, 3);
  OverstateLength(&stream, 1);
  for (int round = 0; round < 20; ++round) {
    ASSERT_RAISES_WITH(Invalid, "compressed IPC buffer 3 decompressed", ReadWithThreads(stream, true));
  }
  ASSERT_RAISES_WITH(Invalid, "compressed IPC buffer 3 decompressed", SameErrorBothWays(stream));
}

}  // namespace
}  // namespace arrowpack::testing
