#include "arrowpack/core/io_memory.h"

#include <cstring>
#include <limits>
#include <numeric>
#include <thread>
#include <vector>

#include "test_util.h"

namespace arrowpack::io {
namespace {

std::vector<uint8_t> Pattern(int64_t size, int seed = 0) {
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  for (int64_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>((i * 131 + seed) % 251);
  return bytes;
}

std::shared_ptr<Buffer> ZeroedBuffer(int64_t size) {
  return Buffer::FromVector(std::vector<uint8_t>(static_cast<size_t>(size), 0));
}

std::shared_ptr<Buffer> MutableZeroedBuffer(MemoryPool* pool, int64_t size) {
  auto allocated = AllocateBuffer(size, pool).ValueOrDie();
  std::memset(allocated->mutable_data(), 0, static_cast<size_t>(size));
  return std::shared_ptr<Buffer>(std::move(allocated));
}

// ---------------------------------------------------------------------------------------------
// BufferReader

TEST(BufferReaderTest, ReadsAreZeroCopySlices) {
  auto source = Buffer::FromString("hello world");
  BufferReader reader(source);
  EXPECT_TRUE(reader.supports_zero_copy());
  ASSERT_OK_AND_ASSIGN(auto hello, reader.Read(5));
  EXPECT_EQ(hello->ToString(), "hello");
  EXPECT_EQ(hello->data(), source->data());
  EXPECT_EQ(hello->parent(), source);
  ASSERT_OK_AND_ASSIGN(int64_t position, reader.Tell());
  EXPECT_EQ(position, 5);
  ASSERT_OK_AND_ASSIGN(auto world, reader.ReadAt(6, 5));
  EXPECT_EQ(world->data(), source->data() + 6);
  ASSERT_OK_AND_ASSIGN(position, reader.Tell());
  EXPECT_EQ(position, 5);
  ASSERT_OK_AND_ASSIGN(int64_t size, reader.GetSize());
  EXPECT_EQ(size, 11);
  EXPECT_EQ(reader.buffer(), source);
}

TEST(BufferReaderTest, ReadingAllocatesNothingFromThePool) {
  MemoryPool* pool = system_memory_pool();
  auto source = MutableZeroedBuffer(pool, 1000);
  BufferReader reader(source);
  const int64_t allocations = pool->num_allocations();
  const int64_t bytes = pool->bytes_allocated();
  for (int i = 0; i < 10; ++i) {
    ASSERT_OK_AND_ASSIGN(auto slice, reader.Read(100));
    EXPECT_EQ(slice->size(), 100);
  }
  EXPECT_EQ(pool->num_allocations(), allocations);
  EXPECT_EQ(pool->bytes_allocated(), bytes);
}

TEST(BufferReaderTest, CopyingReadsAndShortReadsAtTheEnd) {
  BufferReader reader(Buffer::FromString("abcdef"));
  char out[8];
  ASSERT_OK_AND_ASSIGN(int64_t got, reader.Read(4, out));
  EXPECT_EQ(got, 4);
  EXPECT_EQ(std::string(out, 4), "abcd");
  ASSERT_OK_AND_ASSIGN(got, reader.Read(8, out));
  EXPECT_EQ(got, 2);
  EXPECT_EQ(std::string(out, 2), "ef");
  ASSERT_OK_AND_ASSIGN(got, reader.Read(8, out));
  EXPECT_EQ(got, 0);
  ASSERT_OK_AND_ASSIGN(auto empty, reader.Read(8));
  EXPECT_EQ(empty->size(), 0);
  ASSERT_OK_AND_ASSIGN(got, reader.ReadAt(3, 8, out));
  EXPECT_EQ(got, 3);
  EXPECT_EQ(std::string(out, 3), "def");
}

TEST(BufferReaderTest, SeekAndAdvance) {
  BufferReader reader(Buffer::FromString("0123456789"));
  ASSERT_OK(reader.Seek(10));
  ASSERT_RAISES_WITH(IOError, "out of bounds", reader.Seek(11));
  ASSERT_RAISES_WITH(Invalid, "negative", reader.Seek(-1));
  ASSERT_OK(reader.Seek(2));
  ASSERT_OK(reader.Advance(3));
  ASSERT_OK_AND_ASSIGN(auto next, reader.Read(2));
  EXPECT_EQ(next->ToString(), "56");
  ASSERT_OK(reader.Advance(100));
  ASSERT_OK_AND_ASSIGN(int64_t position, reader.Tell());
  EXPECT_EQ(position, 10);
  ASSERT_RAISES_WITH(Invalid, "negative", reader.Advance(-1));
}

TEST(BufferReaderTest, BadReadArguments) {
  BufferReader reader(Buffer::FromString("0123456789"));
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "negative", reader.Read(-1));
  ASSERT_RAISES_WITH(Invalid, "negative", reader.Read(-1, out));
  ASSERT_RAISES_WITH(Invalid, "negative", reader.ReadAt(-1, 1));
  ASSERT_RAISES_WITH(Invalid, "negative", reader.ReadAt(0, -1, out));
  ASSERT_RAISES_WITH(IOError, "out of bounds", reader.ReadAt(11, 1));
  ASSERT_RAISES_WITH(IOError, "out of bounds", reader.ReadAt(11, 1, out));
  ASSERT_OK_AND_ASSIGN(auto at_end, reader.ReadAt(10, 1));
  EXPECT_EQ(at_end->size(), 0);
}

TEST(BufferReaderTest, NullBufferReadsAsEmpty) {
  BufferReader reader(nullptr);
  ASSERT_OK_AND_ASSIGN(int64_t size, reader.GetSize());
  EXPECT_EQ(size, 0);
  ASSERT_OK_AND_ASSIGN(auto empty, reader.Read(4));
  EXPECT_EQ(empty->size(), 0);
}

TEST(BufferReaderTest, SlicesOutliveTheReader) {
  std::shared_ptr<Buffer> slice;
  {
    BufferReader reader(Buffer::FromString("keep me"));
    ASSERT_OK_AND_ASSIGN(slice, reader.ReadAt(5, 2));
  }
  EXPECT_EQ(slice->ToString(), "me");
}

TEST(BufferReaderTest, OperationsAfterCloseAreInvalid) {
  BufferReader reader(Buffer::FromString("abc"));
  ASSERT_OK(reader.Close());
  ASSERT_OK(reader.Close());
  EXPECT_TRUE(reader.closed());
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "closed", reader.Read(1));
  ASSERT_RAISES_WITH(Invalid, "closed", reader.Read(1, out));
  ASSERT_RAISES_WITH(Invalid, "closed", reader.ReadAt(0, 1));
  ASSERT_RAISES_WITH(Invalid, "closed", reader.Seek(0));
  ASSERT_RAISES_WITH(Invalid, "closed", reader.Tell());
  ASSERT_RAISES_WITH(Invalid, "closed", reader.GetSize());
  ASSERT_RAISES_WITH(Invalid, "closed", reader.Advance(1));
}

// ---------------------------------------------------------------------------------------------
// BufferOutputStream

TEST(BufferOutputStreamTest, FinishReturnsWhatWasWrittenShrunkToFit) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create(4096, pool));
  EXPECT_EQ(stream->mode(), FileMode::WRITE);
  EXPECT_EQ(pool->bytes_allocated(), before + 4096);
  ASSERT_OK(stream->Write("hello "));
  ASSERT_OK(stream->Write(Buffer::FromString("world")));
  ASSERT_OK_AND_ASSIGN(int64_t position, stream->Tell());
  EXPECT_EQ(position, 11);
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  EXPECT_EQ(result->ToString(), "hello world");
  EXPECT_EQ(result->capacity(), 64);
  EXPECT_EQ(pool->bytes_allocated(), before + 64);
  EXPECT_TRUE(stream->closed());
  result.reset();
  EXPECT_EQ(pool->bytes_allocated(), before);
}

TEST(BufferOutputStreamTest, GrowsGeometrically) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create(64, pool));
  EXPECT_EQ(pool->bytes_allocated(), before + 64);  // the initial capacity is used as given
  ASSERT_OK(stream->Write(std::string(64, 'a')));
  EXPECT_EQ(pool->bytes_allocated(), before + 64);  // fits exactly: no growth
  ASSERT_OK(stream->Write("a", 1));
  EXPECT_EQ(pool->bytes_allocated(), before + kMinimumGrownCapacity);  // never grows to less than the minimum
  ASSERT_OK(stream->Write(std::string(1000, 'b')));
  EXPECT_EQ(pool->bytes_allocated(), before + 2048);  // 1065 bytes: the next power of two

  // A million one-byte writes: each growth doubles the capacity, from 2 KiB to 1 MiB.
  int growths = 0;
  int64_t last = pool->bytes_allocated();
  for (int i = 0; i < 1000000; ++i) {
    ASSERT_OK(stream->Write("c", 1));
    if (pool->bytes_allocated() != last) {
      ++growths;
      EXPECT_EQ(pool->bytes_allocated() - before, 2 * (last - before));
      last = pool->bytes_allocated();
    }
  }
  EXPECT_EQ(growths, 9);
  EXPECT_EQ(pool->bytes_allocated(), before + (int64_t{1} << 20));
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  ASSERT_EQ(result->size(), 65 + 1000 + 1000000);
  EXPECT_EQ(pool->bytes_allocated(), before + 1001088);  // shrunk to the size, rounded up to 64
  EXPECT_EQ(result->data()[64], 'a');
  EXPECT_EQ(result->data()[65], 'b');
  EXPECT_EQ(result->data()[result->size() - 1], 'c');
}

TEST(BufferOutputStreamTest, LargeWriteLeavesRoomForTheWritesAfterIt) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create(0, pool));
  ASSERT_OK(stream->Write(std::string(1000, 'm')));  // like an IPC message's metadata
  EXPECT_EQ(pool->bytes_allocated(), before + 1024);
  ASSERT_OK(stream->Write(std::string(1 << 20, 'x')));  // its 1 MiB body
  EXPECT_EQ(pool->bytes_allocated(), before + (int64_t{2} << 20));
  ASSERT_OK(stream->Write(std::string(1000, 'y')));  // the next metadata fits without growing
  EXPECT_EQ(pool->bytes_allocated(), before + (int64_t{2} << 20));
  ASSERT_OK(stream->Write(std::string(1 << 20, 'z')));
  EXPECT_EQ(pool->bytes_allocated(), before + (int64_t{4} << 20));
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  EXPECT_EQ(result->size(), (2 << 20) + 2000);
  EXPECT_EQ(result->data()[999], 'm');
  EXPECT_EQ(result->data()[1000 + (1 << 20)], 'y');
  EXPECT_EQ(result->data()[result->size() - 1], 'z');
}

TEST(BufferOutputStreamTest, WriteBeyondTheMaximumCapacityIsRefused) {
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create(0));
  ASSERT_OK(stream->Write("abc", 3));
  // The size is checked before any byte is read.
  ASSERT_RAISES_WITH(CapacityError, "cannot hold", stream->Write("x", std::numeric_limits<int64_t>::max()));
  ASSERT_RAISES_WITH(CapacityError, "cannot hold", stream->Write("x", (int64_t{1} << 62) - 2));
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  EXPECT_EQ(result->ToString(), "abc");
}

TEST(BufferOutputStreamTest, LargeWritesKeepTheirBytes) {
  const auto first = Pattern(3 << 20, 1);
  const auto second = Pattern(5 << 20, 2);
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create(0));
  ASSERT_OK(stream->Write(first.data(), static_cast<int64_t>(first.size())));
  ASSERT_OK(stream->Write(second.data(), static_cast<int64_t>(second.size())));
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  ASSERT_EQ(result->size(), static_cast<int64_t>(first.size() + second.size()));
  EXPECT_EQ(std::memcmp(result->data(), first.data(), first.size()), 0);
  EXPECT_EQ(std::memcmp(result->data() + first.size(), second.data(), second.size()), 0);
}

TEST(BufferOutputStreamTest, EmptyStreamFinishesEmpty) {
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());
  EXPECT_EQ(result->size(), 0);
}

TEST(BufferOutputStreamTest, WritesAfterFinishOrCloseAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create());
  ASSERT_OK(stream->Write("abc"));
  ASSERT_OK(stream->Close());
  ASSERT_OK(stream->Close());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Write("x"));
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Tell());
  ASSERT_OK_AND_ASSIGN(auto result, stream->Finish());  // still available after Close
  EXPECT_EQ(result->ToString(), "abc");
  ASSERT_RAISES_WITH(Invalid, "finished", stream->Finish());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Write("x"));
}

TEST(BufferOutputStreamTest, ResetReopensOnAFreshBuffer) {
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create());
  ASSERT_OK(stream->Write("first"));
  ASSERT_OK_AND_ASSIGN(auto first, stream->Finish());
  ASSERT_OK(stream->Reset());
  EXPECT_FALSE(stream->closed());
  ASSERT_OK(stream->Write("second"));
  ASSERT_OK_AND_ASSIGN(auto second, stream->Finish());
  EXPECT_EQ(first->ToString(), "first");
  EXPECT_EQ(second->ToString(), "second");
}

TEST(BufferOutputStreamTest, NegativeSizesAreInvalid) {
  ASSERT_RAISES_WITH(Invalid, "negative", BufferOutputStream::Create(-1));
  ASSERT_OK_AND_ASSIGN(auto stream, BufferOutputStream::Create());
  ASSERT_RAISES_WITH(Invalid, "negative", stream->Write("x", -1));
  ASSERT_RAISES_WITH(Invalid, "negative", stream->Reset(-5));
}

// ---------------------------------------------------------------------------------------------
// FixedSizeBufferWriter

TEST(FixedSizeBufferWriterTest, WritesIntoTheCallersBuffer) {
  auto target = MutableZeroedBuffer(system_memory_pool(), 16);
  ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
  ASSERT_OK(writer->Write("abcd"));
  ASSERT_OK_AND_ASSIGN(int64_t position, writer->Tell());
  EXPECT_EQ(position, 4);
  ASSERT_OK(writer->Seek(10));
  ASSERT_OK(writer->Write("xyz"));
  ASSERT_OK(writer->WriteAt(14, "!!", 2));  // fills exactly to the end
  ASSERT_OK_AND_ASSIGN(position, writer->Tell());
  EXPECT_EQ(position, 13);  // WriteAt does not move the position
  EXPECT_EQ(target->view(), std::string_view("abcd\0\0\0\0\0\0xyz\0!!", 16));
}

TEST(FixedSizeBufferWriterTest, LargeWritesCopyExactlyIntoSmallAndLargeDestinations) {
  // A 2 MiB write goes through plain memcpy into a 3 MiB buffer and through streaming stores into
  // a 40 MiB one; both land at their unaligned offset with the neighbouring bytes untouched.
  const auto payload = Pattern(2 << 20, 3);
  for (const int64_t size : {int64_t{3} << 20, int64_t{40} << 20}) {
    auto target = MutableZeroedBuffer(system_memory_pool(), size);
    ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
    ASSERT_OK(writer->WriteAt(7, payload.data(), static_cast<int64_t>(payload.size())));
    EXPECT_EQ(target->data()[6], 0);
    EXPECT_EQ(std::memcmp(target->data() + 7, payload.data(), payload.size()), 0);
    EXPECT_EQ(target->data()[7 + payload.size()], 0);
  }
}

TEST(FixedSizeBufferWriterTest, RefusesImmutableOrMissingBuffers) {
  ASSERT_RAISES_WITH(Invalid, "immutable", FixedSizeBufferWriter::Make(ZeroedBuffer(8)));
  ASSERT_RAISES_WITH(Invalid, "null", FixedSizeBufferWriter::Make(nullptr));
}

TEST(FixedSizeBufferWriterTest, WritesPastCapacityFailAndWriteNothing) {
  auto target = MutableZeroedBuffer(system_memory_pool(), 8);
  ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
  ASSERT_OK(writer->Write("12345"));
  ASSERT_RAISES_WITH(CapacityError, "does not fit", writer->Write("6789"));
  ASSERT_OK_AND_ASSIGN(int64_t position, writer->Tell());
  EXPECT_EQ(position, 5);
  ASSERT_RAISES(CapacityError, writer->WriteAt(6, "abc", 3));
  ASSERT_RAISES(CapacityError, writer->WriteAt(9, "", 0));
  EXPECT_EQ(target->view(), std::string_view("12345\0\0\0", 8));
}

TEST(FixedSizeBufferWriterTest, SeekAndArgumentErrors) {
  auto target = MutableZeroedBuffer(system_memory_pool(), 8);
  ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
  ASSERT_OK(writer->Seek(8));
  ASSERT_RAISES_WITH(IOError, "out of bounds", writer->Seek(9));
  ASSERT_RAISES_WITH(Invalid, "negative", writer->Seek(-1));
  ASSERT_RAISES_WITH(Invalid, "negative", writer->Write("x", -1));
  ASSERT_RAISES_WITH(Invalid, "negative", writer->WriteAt(-1, "x", 1));
  ASSERT_RAISES_WITH(Invalid, "negative", writer->WriteAt(0, "x", -1));
}

TEST(FixedSizeBufferWriterTest, OperationsAfterCloseAreInvalid) {
  auto target = MutableZeroedBuffer(system_memory_pool(), 8);
  ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
  ASSERT_OK(writer->Close());
  ASSERT_OK(writer->Close());
  EXPECT_TRUE(writer->closed());
  ASSERT_RAISES_WITH(Invalid, "closed", writer->Write("x"));
  ASSERT_RAISES_WITH(Invalid, "closed", writer->WriteAt(0, "x", 1));
  ASSERT_RAISES_WITH(Invalid, "closed", writer->Seek(0));
  ASSERT_RAISES_WITH(Invalid, "closed", writer->Tell());
}

TEST(FixedSizeBufferWriterTest, MultiThreadedCopiesAboveTheThreshold) {
  const int64_t size = (1 << 20) + 37;
  auto target = MutableZeroedBuffer(system_memory_pool(), size + 64);
  ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
  writer->set_memcopy_threads(4);
  writer->set_memcopy_blocksize(64);
  writer->set_memcopy_threshold(1 << 16);
  const auto payload = Pattern(size, 7);
  ASSERT_OK(writer->Seek(5));  // unaligned destination
  ASSERT_OK(writer->Write(payload.data(), size));
  EXPECT_EQ(std::memcmp(target->data() + 5, payload.data(), static_cast<size_t>(size)), 0);
  EXPECT_EQ(target->data()[4], 0);
  EXPECT_EQ(target->data()[5 + size], 0);
}

TEST(FixedSizeBufferWriterTest, LargeSingleThreadedCopiesAreExactAtAnyAlignment) {
  // At 1 MiB and above the copy streams past the cache; head and tail around its 64-byte blocks.
  const int64_t size = (int64_t{1} << 20) + 77;
  const auto payload = Pattern(size + 64, 11);
  for (int64_t offset : {0, 1, 31, 64}) {
    for (int64_t source_offset : {0, 3}) {
      auto target = MutableZeroedBuffer(system_memory_pool(), size + 128);
      ASSERT_OK_AND_ASSIGN(auto writer, FixedSizeBufferWriter::Make(target));
      ASSERT_OK(writer->Seek(offset));
      ASSERT_OK(writer->Write(payload.data() + source_offset, size));
      ASSERT_EQ(std::memcmp(target->data() + offset, payload.data() + source_offset, static_cast<size_t>(size)), 0)
          << "offset " << offset << ", source offset " << source_offset;
      if (offset > 0) {
        ASSERT_EQ(target->data()[offset - 1], 0) << "wrote before the start";
      }
      ASSERT_EQ(target->data()[offset + size], 0) << "wrote past the end";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ParallelMemcopy

TEST(ParallelMemcopyTest, CopiesExactlyForUnalignedSizesAndOffsets) {
  const auto source = Pattern(200000, 3);
  std::vector<uint8_t> destination(source.size() + 256);
  for (int threads : {1, 2, 3, 4, 7}) {
    for (int64_t block : {1, 64, 4096}) {
      for (int64_t offset : {0, 1, 63}) {
        for (int64_t nbytes : {0, 1, 63, 64, 65, 4095, 100003, 200000}) {
          std::fill(destination.begin(), destination.end(), uint8_t{0xEE});
          ParallelMemcopy(destination.data() + offset, source.data(), nbytes, threads, block);
          ASSERT_EQ(std::memcmp(destination.data() + offset, source.data(), static_cast<size_t>(nbytes)), 0)
              << threads << " threads, block " << block << ", offset " << offset << ", " << nbytes << " bytes";
          ASSERT_EQ(destination[offset + nbytes], 0xEE) << "wrote past the end";
          if (offset > 0) {
            ASSERT_EQ(destination[offset - 1], 0xEE) << "wrote before the start";
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// MockOutputStream

TEST(MockOutputStreamTest, CountsBytesWithoutStoringThem) {
  MockOutputStream mock;
  ASSERT_OK(mock.Write("abc"));
  ASSERT_OK(mock.Write(nullptr, 1 << 30));
  ASSERT_OK(mock.Write(Buffer::FromString("xy")));
  EXPECT_EQ(mock.size(), 3 + (1 << 30) + 2);
  ASSERT_OK_AND_ASSIGN(int64_t position, mock.Tell());
  EXPECT_EQ(position, mock.size());
  ASSERT_RAISES_WITH(Invalid, "negative", mock.Write("x", -1));
  ASSERT_OK(mock.Close());
  ASSERT_OK(mock.Close());
  ASSERT_RAISES_WITH(Invalid, "closed", mock.Write("x"));
  ASSERT_RAISES_WITH(Invalid, "closed", mock.Tell());
}

}  // namespace
}  // namespace arrowpack::io
