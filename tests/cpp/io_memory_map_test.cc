#include "arrowpack/core/io_memory_map.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "arrowpack/core/io_file.h"
#include "file_testing.h"
#include "test_util.h"

namespace arrowpack::io {
namespace {

using arrowpack::testing::ReadFileContents;
using arrowpack::testing::WriteFile;

using arrowpack::testing::TempDir;

int64_t FileSizeOnDisk(const std::string& path) { return static_cast<int64_t>(std::filesystem::file_size(path)); }

// Snapshot of every pool's counters, to prove an operation allocated nothing from any of them.
struct PoolCounters {
  std::vector<int64_t> values;
  static PoolCounters Take() {
    std::vector<MemoryPool*> pools = {system_memory_pool(), default_memory_pool()};
    if (auto mimalloc = mimalloc_memory_pool(); mimalloc.ok()) pools.push_back(*mimalloc);
    PoolCounters counters;
    for (MemoryPool* pool : pools) {
      counters.values.push_back(pool->bytes_allocated());
      counters.values.push_back(pool->num_allocations());
      counters.values.push_back(pool->total_bytes_allocated());
    }
    return counters;
  }
  bool operator==(const PoolCounters&) const = default;
};

class MemoryMapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("map.bin");
    WriteFile(path_, "0123456789");
  }
  TempDir dir_;
  std::string path_;
};

TEST_F(MemoryMapTest, ReadsAreZeroCopySlicesOfTheMapping) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  EXPECT_TRUE(map->supports_zero_copy());
  EXPECT_EQ(map->mode(), FileMode::READ);
  ASSERT_OK_AND_ASSIGN(auto first, map->Read(4));
  ASSERT_OK_AND_ASSIGN(auto second, map->Read(3));
  EXPECT_EQ(first->ToString(), "0123");
  EXPECT_EQ(second->ToString(), "456");
  EXPECT_EQ(second->data(), first->data() + 4);  // same mapping, no copy
  EXPECT_FALSE(first->is_mutable());
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 7);
  ASSERT_OK_AND_ASSIGN(auto at, map->ReadAt(1, 2));
  EXPECT_EQ(at->data(), first->data() + 1);
  ASSERT_OK_AND_ASSIGN(position, map->Tell());
  EXPECT_EQ(position, 7);
}

TEST_F(MemoryMapTest, ReadingAllocatesNothingFromAnyPool) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  const PoolCounters before = PoolCounters::Take();
  char out[8];
  for (int i = 0; i < 100; ++i) {
    ASSERT_OK(map->Seek(0));
    ASSERT_OK_AND_ASSIGN(auto slice, map->Read(6));
    ASSERT_OK_AND_ASSIGN(auto at, map->ReadAt(2, 8));
    ASSERT_OK_AND_ASSIGN(int64_t got, map->ReadAt(5, 8, out));
    ASSERT_OK_AND_ASSIGN(int64_t copied, map->Read(8, out));
    ASSERT_EQ(slice->size() + at->size() + got + copied, 6 + 8 + 5 + 4);
  }
  EXPECT_TRUE(PoolCounters::Take() == before);
}

TEST_F(MemoryMapTest, SlicesOutliveCloseAndTheFileObject) {
  std::shared_ptr<Buffer> slice;
  {
    ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
    ASSERT_OK_AND_ASSIGN(slice, map->ReadAt(3, 5));
    ASSERT_OK(map->Close());
    EXPECT_EQ(slice->ToString(), "34567");
  }
  EXPECT_EQ(slice->ToString(), "34567");
  std::filesystem::remove(path_);
  EXPECT_EQ(slice->ToString(), "34567");
}

TEST_F(MemoryMapTest, ShortReadsAtTheEnd) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  ASSERT_OK(map->Seek(8));
  ASSERT_OK_AND_ASSIGN(auto tail, map->Read(100));
  EXPECT_EQ(tail->ToString(), "89");
  ASSERT_OK_AND_ASSIGN(auto empty, map->Read(100));
  EXPECT_EQ(empty->size(), 0);
  ASSERT_OK_AND_ASSIGN(auto at_end, map->ReadAt(10, 5));
  EXPECT_EQ(at_end->size(), 0);
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->ReadAt(11, 1));
  char out[1];
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->ReadAt(11, 1, out));
}

TEST_F(MemoryMapTest, SeekOutOfRange) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  ASSERT_OK(map->Seek(10));
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->Seek(11));
  ASSERT_RAISES_WITH(Invalid, "negative", map->Seek(-1));
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 10);
}

TEST_F(MemoryMapTest, NegativeReadArgumentsAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "negative", map->Read(-1));
  ASSERT_RAISES_WITH(Invalid, "negative", map->Read(-1, out));
  ASSERT_RAISES_WITH(Invalid, "negative", map->ReadAt(-1, 1));
  ASSERT_RAISES_WITH(Invalid, "negative", map->ReadAt(0, -1, out));
}

TEST_F(MemoryMapTest, ReadOnlyMapRefusesWrites) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  ASSERT_RAISES_WITH(IOError, "read-only", map->Write("ab"));
  ASSERT_RAISES_WITH(IOError, "read-only", map->WriteAt(0, "ab", 2));
  ASSERT_RAISES_WITH(IOError, "read-only", map->Resize(20));
  ASSERT_OK(map->Flush());
  EXPECT_EQ(ReadFileContents(path_), "0123456789");
}

TEST_F(MemoryMapTest, ReadWriteMapWritesThroughToTheFile) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  EXPECT_EQ(map->mode(), FileMode::READWRITE);
  ASSERT_OK(map->Seek(2));
  ASSERT_OK(map->Write("ab"));
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 4);
  ASSERT_OK(map->WriteAt(8, "XY", 2));  // fills exactly to the end
  ASSERT_OK_AND_ASSIGN(position, map->Tell());
  EXPECT_EQ(position, 4);
  ASSERT_OK(map->Flush());
  EXPECT_EQ(ReadFileContents(path_), "01ab4567XY");
  ASSERT_OK_AND_ASSIGN(auto all, map->ReadAt(0, 10));
  EXPECT_EQ(all->ToString(), "01ab4567XY");
}

TEST_F(MemoryMapTest, WritesPastTheEndFailAndWriteNothing) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  ASSERT_OK(map->Seek(8));
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->Write("xyz"));
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 8);
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->WriteAt(9, "xy", 2));
  ASSERT_RAISES_WITH(IOError, "out of bounds", map->WriteAt(11, "x", 1));
  ASSERT_RAISES_WITH(Invalid, "negative", map->WriteAt(-1, "x", 1));
  ASSERT_RAISES_WITH(Invalid, "negative", map->Write("x", -1));
  ASSERT_OK(map->Close());
  EXPECT_EQ(ReadFileContents(path_), "0123456789");
  EXPECT_EQ(FileSizeOnDisk(path_), 10);
}

TEST_F(MemoryMapTest, WriteModeOpensAtStartKeepingTheSize) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::WRITE));
  EXPECT_EQ(map->mode(), FileMode::WRITE);
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 0);
  ASSERT_OK_AND_ASSIGN(int64_t size, map->GetSize());
  EXPECT_EQ(size, 10);
  ASSERT_OK(map->Write("ab"));
  ASSERT_OK(map->Close());
  EXPECT_EQ(ReadFileContents(path_), "ab23456789");
}

TEST_F(MemoryMapTest, CreateMakesOrTruncatesAFileOfTheGivenSize) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Create(path_, 4096));
  EXPECT_EQ(map->mode(), FileMode::READWRITE);
  EXPECT_EQ(FileSizeOnDisk(path_), 4096);
  ASSERT_OK_AND_ASSIGN(auto zeros, map->ReadAt(0, 4096));
  EXPECT_EQ(zeros->view(), std::string(4096, '\0'));
  ASSERT_OK(map->WriteAt(4090, "tail!!", 6));
  ASSERT_OK(map->Close());
  EXPECT_EQ(ReadFileContents(path_).substr(4090), "tail!!");

  const std::string fresh = dir_.File("fresh.bin");
  ASSERT_OK_AND_ASSIGN(auto created, MemoryMappedFile::Create(fresh, 100));
  ASSERT_OK_AND_ASSIGN(int64_t size, created->GetSize());
  EXPECT_EQ(size, 100);
}

TEST_F(MemoryMapTest, ZeroLengthFilesWork) {
  const std::string empty_path = dir_.File("empty.bin");
  WriteFile(empty_path, "");
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(empty_path, FileMode::READ));
  ASSERT_OK_AND_ASSIGN(int64_t size, map->GetSize());
  EXPECT_EQ(size, 0);
  ASSERT_OK_AND_ASSIGN(auto nothing, map->Read(10));
  EXPECT_EQ(nothing->size(), 0);
  ASSERT_OK_AND_ASSIGN(auto all, map->ReadAll());
  EXPECT_EQ(all->size(), 0);
  ASSERT_OK(map->Close());

  ASSERT_OK_AND_ASSIGN(auto created, MemoryMappedFile::Create(empty_path, 0));
  ASSERT_OK(created->Write("", 0));
  ASSERT_RAISES_WITH(IOError, "out of bounds", created->Write("x"));
  ASSERT_OK(created->Flush());
  ASSERT_OK(created->Resize(3));
  ASSERT_OK(created->Write("abc"));
  ASSERT_OK(created->Resize(0));
  ASSERT_OK_AND_ASSIGN(size, created->GetSize());
  EXPECT_EQ(size, 0);
  EXPECT_EQ(FileSizeOnDisk(empty_path), 0);
}

TEST_F(MemoryMapTest, ResizeGrowsAndKeepsOlderSlicesValid) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  ASSERT_OK_AND_ASSIGN(auto old_slice, map->ReadAt(0, 10));
  ASSERT_OK(map->Resize(1 << 20));
  EXPECT_EQ(FileSizeOnDisk(path_), 1 << 20);
  ASSERT_OK_AND_ASSIGN(int64_t size, map->GetSize());
  EXPECT_EQ(size, 1 << 20);
  ASSERT_OK(map->WriteAt((1 << 20) - 3, "end", 3));
  ASSERT_OK_AND_ASSIGN(auto head, map->ReadAt(0, 10));
  EXPECT_EQ(head->ToString(), "0123456789");
  ASSERT_OK_AND_ASSIGN(auto tail, map->ReadAt((1 << 20) - 3, 3));
  EXPECT_EQ(tail->ToString(), "end");
  EXPECT_EQ(old_slice->ToString(), "0123456789");
  ASSERT_OK(map->Close());
  EXPECT_EQ(old_slice->ToString(), "0123456789");
}

TEST_F(MemoryMapTest, ResizeShrinksAndClampsThePosition) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  ASSERT_OK(map->Seek(9));
  ASSERT_OK(map->Resize(4));
  ASSERT_OK_AND_ASSIGN(int64_t position, map->Tell());
  EXPECT_EQ(position, 4);
  EXPECT_EQ(FileSizeOnDisk(path_), 4);
  ASSERT_OK_AND_ASSIGN(auto rest, map->ReadAt(0, 100));
  EXPECT_EQ(rest->ToString(), "0123");
  ASSERT_RAISES_WITH(Invalid, "negative", map->Resize(-1));
}

TEST_F(MemoryMapTest, ShrinkRefusedWhileSlicesReachPastTheNewEnd) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  {
    ASSERT_OK_AND_ASSIGN(auto slice, map->ReadAt(0, 2));
    ASSERT_RAISES_WITH(IOError, "reference", map->Resize(5));
    // A slice of a mapping replaced by an earlier Resize blocks a shrink just the same.
    ASSERT_OK(map->Resize(20));
    ASSERT_RAISES_WITH(IOError, "reference", map->Resize(5));
    ASSERT_OK(map->Resize(12));  // both mappings' pages stay inside the file
    EXPECT_EQ(slice->ToString(), "01");
  }
  ASSERT_OK(map->Resize(5));
  EXPECT_EQ(FileSizeOnDisk(path_), 5);
  EXPECT_EQ(ReadFileContents(path_), "01234");
}

TEST_F(MemoryMapTest, ReadAtIsThreadSafe) {
  std::string contents(1 << 18, '\0');
  for (size_t i = 0; i < contents.size(); ++i) contents[i] = static_cast<char>((i * 31) >> 3);
  WriteFile(path_, contents);
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READ));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      char out[64];
      for (int64_t offset = t; offset + 64 < static_cast<int64_t>(contents.size()); offset += 509) {
        auto slice = map->ReadAt(offset, 64);
        auto copied = map->ReadAt(offset, 64, out);
        const std::string_view expected = std::string_view(contents).substr(offset, 64);
        if (!slice.ok() || (*slice)->view() != expected) ++mismatches;
        if (!copied.ok() || std::string_view(out, 64) != expected) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(MemoryMapTest, OperationsAfterCloseAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto map, MemoryMappedFile::Open(path_, FileMode::READWRITE));
  const int fd = map->file_descriptor();
  ASSERT_OK(map->Close());
  ASSERT_OK(map->Close());
  EXPECT_TRUE(map->closed());
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "closed", map->Read(1));
  ASSERT_RAISES_WITH(Invalid, "closed", map->Read(1, out));
  ASSERT_RAISES_WITH(Invalid, "closed", map->ReadAt(0, 1));
  ASSERT_RAISES_WITH(Invalid, "closed", map->ReadAt(0, 1, out));
  ASSERT_RAISES_WITH(Invalid, "closed", map->Write("x"));
  ASSERT_RAISES_WITH(Invalid, "closed", map->WriteAt(0, "x", 1));
  ASSERT_RAISES_WITH(Invalid, "closed", map->Seek(0));
  ASSERT_RAISES_WITH(Invalid, "closed", map->Tell());
  ASSERT_RAISES_WITH(Invalid, "closed", map->GetSize());
  ASSERT_RAISES_WITH(Invalid, "closed", map->Flush());
  ASSERT_RAISES_WITH(Invalid, "closed", map->Resize(20));
}

TEST_F(MemoryMapTest, OpenErrorsCarryErrno) {
  auto missing = MemoryMappedFile::Open(dir_.File("missing.bin"), FileMode::READ);
  ASSERT_RAISES_WITH(IOError, "missing.bin", missing);
  EXPECT_EQ(missing.status().posix_errno(), ENOENT);
  auto directory = MemoryMappedFile::Open(dir_.path().string(), FileMode::READ);
  ASSERT_RAISES_WITH(IOError, "directory", directory);
  EXPECT_EQ(directory.status().posix_errno(), EISDIR);
  auto writable_directory = MemoryMappedFile::Open(dir_.path().string(), FileMode::READWRITE);
  ASSERT_RAISES(IOError, writable_directory);
  EXPECT_EQ(writable_directory.status().posix_errno(), EISDIR);
  auto no_parent = MemoryMappedFile::Create(dir_.File("no/such/dir.bin"), 10);
  ASSERT_RAISES(IOError, no_parent);
  EXPECT_EQ(no_parent.status().posix_errno(), ENOENT);
  ASSERT_RAISES_WITH(Invalid, "negative", MemoryMappedFile::Create(dir_.File("neg.bin"), -1));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("neg.bin")));
}

}  // namespace
}  // namespace arrowpack::io
