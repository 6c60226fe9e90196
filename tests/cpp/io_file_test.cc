#include "arrowpack/core/io_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "file_testing.h"
#include "test_util.h"

namespace arrowpack::io {
namespace {

using arrowpack::testing::ReadFileContents;
using arrowpack::testing::WriteFile;

using arrowpack::testing::TempDir;

bool DescriptorIsOpen(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

class ReadableFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("data.bin");
    WriteFile(path_, "0123456789");
  }
  TempDir dir_;
  std::string path_;
};

TEST_F(ReadableFileTest, ReadsSequentiallyAndTracksPosition) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  EXPECT_EQ(file->mode(), FileMode::READ);
  EXPECT_FALSE(file->supports_zero_copy());
  ASSERT_OK_AND_ASSIGN(int64_t size, file->GetSize());
  EXPECT_EQ(size, 10);
  char out[4];
  ASSERT_OK_AND_ASSIGN(int64_t got, file->Read(4, out));
  EXPECT_EQ(got, 4);
  EXPECT_EQ(std::string(out, 4), "0123");
  ASSERT_OK_AND_ASSIGN(int64_t position, file->Tell());
  EXPECT_EQ(position, 4);
  ASSERT_OK_AND_ASSIGN(auto buffer, file->Read(3));
  EXPECT_EQ(buffer->ToString(), "456");
  ASSERT_OK_AND_ASSIGN(position, file->Tell());
  EXPECT_EQ(position, 7);
}

TEST_F(ReadableFileTest, ShortReadAtEndOfFile) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  ASSERT_OK(file->Seek(7));
  char out[16];
  ASSERT_OK_AND_ASSIGN(int64_t got, file->Read(16, out));
  EXPECT_EQ(got, 3);
  EXPECT_EQ(std::string(out, 3), "789");
  ASSERT_OK_AND_ASSIGN(got, file->Read(16, out));
  EXPECT_EQ(got, 0);
  ASSERT_OK_AND_ASSIGN(auto empty, file->Read(5));
  EXPECT_EQ(empty->size(), 0);
}

TEST_F(ReadableFileTest, ReadBufferComesFromThePoolShrunkToWhatWasRead) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_, pool));
  ASSERT_OK(file->Seek(2));
  {
    ASSERT_OK_AND_ASSIGN(auto buffer, file->Read(1000));
    EXPECT_EQ(buffer->ToString(), "23456789");
    EXPECT_EQ(buffer->size(), 8);
    EXPECT_EQ(pool->bytes_allocated(), before + 64);
  }
  EXPECT_EQ(pool->bytes_allocated(), before);
}

TEST_F(ReadableFileTest, HugeReadRequestDoesNotAllocateHugeBuffer) {
  MemoryPool* pool = system_memory_pool();
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_, pool));
  ASSERT_OK_AND_ASSIGN(auto buffer, file->Read(int64_t{1} << 50));
  EXPECT_EQ(buffer->ToString(), "0123456789");
  ASSERT_OK_AND_ASSIGN(auto tail, file->ReadAt(4, int64_t{1} << 50));
  EXPECT_EQ(tail->ToString(), "456789");
}

TEST_F(ReadableFileTest, SeekPastEndIsAllowedAndReadsNothing) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  ASSERT_OK(file->Seek(100));
  ASSERT_OK_AND_ASSIGN(int64_t position, file->Tell());
  EXPECT_EQ(position, 100);
  ASSERT_OK_AND_ASSIGN(auto buffer, file->Read(5));
  EXPECT_EQ(buffer->size(), 0);
  char out[5];
  ASSERT_OK_AND_ASSIGN(int64_t got, file->ReadAt(50, 5, out));
  EXPECT_EQ(got, 0);
}

TEST_F(ReadableFileTest, ReadAtLeavesPositionAlone) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  ASSERT_OK(file->Seek(1));
  ASSERT_OK_AND_ASSIGN(auto buffer, file->ReadAt(5, 3));
  EXPECT_EQ(buffer->ToString(), "567");
  char out[4];
  ASSERT_OK_AND_ASSIGN(int64_t got, file->ReadAt(8, 4, out));
  EXPECT_EQ(got, 2);
  EXPECT_EQ(std::string(out, 2), "89");
  ASSERT_OK_AND_ASSIGN(int64_t position, file->Tell());
  EXPECT_EQ(position, 1);
}

TEST_F(ReadableFileTest, ReadAtIsThreadSafe) {
  std::string contents(1 << 16, '\0');
  for (size_t i = 0; i < contents.size(); ++i) contents[i] = static_cast<char>(i * 7 + 3);
  WriteFile(path_, contents);
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int64_t offset = t * 13; offset + 100 < static_cast<int64_t>(contents.size()); offset += 997) {
        auto buffer = file->ReadAt(offset, 100);
        if (!buffer.ok() || (*buffer)->view() != std::string_view(contents).substr(offset, 100)) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(ReadableFileTest, ReadAllReadsToTheEnd) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  ASSERT_OK(file->Seek(3));
  ASSERT_OK_AND_ASSIGN(auto rest, file->ReadAll());
  EXPECT_EQ(rest->ToString(), "3456789");
}

TEST_F(ReadableFileTest, NegativeArgumentsAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "negative", file->Seek(-1));
  ASSERT_RAISES_WITH(Invalid, "negative", file->Read(-1));
  ASSERT_RAISES_WITH(Invalid, "negative", file->Read(-1, out));
  ASSERT_RAISES_WITH(Invalid, "negative", file->ReadAt(-1, 1));
  ASSERT_RAISES_WITH(Invalid, "negative", file->ReadAt(0, -1, out));
}

TEST_F(ReadableFileTest, OperationsAfterCloseAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
  const int fd = file->file_descriptor();
  ASSERT_OK(file->Close());
  EXPECT_TRUE(file->closed());
  EXPECT_FALSE(DescriptorIsOpen(fd));
  EXPECT_EQ(file->file_descriptor(), -1);
  ASSERT_OK(file->Close());  // idempotent
  char out[1];
  ASSERT_RAISES_WITH(Invalid, "closed", file->Read(1));
  ASSERT_RAISES_WITH(Invalid, "closed", file->Read(1, out));
  ASSERT_RAISES_WITH(Invalid, "closed", file->ReadAt(0, 1));
  ASSERT_RAISES_WITH(Invalid, "closed", file->ReadAt(0, 1, out));
  ASSERT_RAISES_WITH(Invalid, "closed", file->Seek(0));
  ASSERT_RAISES_WITH(Invalid, "closed", file->Tell());
  ASSERT_RAISES_WITH(Invalid, "closed", file->GetSize());
}

TEST_F(ReadableFileTest, DestructorClosesTheDescriptor) {
  int fd;
  {
    ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::Open(path_));
    fd = file->file_descriptor();
    EXPECT_TRUE(DescriptorIsOpen(fd));
  }
  EXPECT_FALSE(DescriptorIsOpen(fd));
}

TEST(ReadableFileErrors, MissingFileCarriesEnoent) {
  TempDir dir;
  const std::string missing = dir.File("missing.bin");
  auto result = ReadableFile::Open(missing);
  ASSERT_RAISES_WITH(IOError, missing, result);
  EXPECT_EQ(result.status().posix_errno(), ENOENT);
}

TEST(ReadableFileErrors, DirectoryIsRefusedWithEisdir) {
  TempDir dir;
  auto result = ReadableFile::Open(dir.path().string());
  ASSERT_RAISES_WITH(IOError, "directory", result);
  EXPECT_EQ(result.status().posix_errno(), EISDIR);
}

TEST(ReadableFileErrors, UnreadableFileCarriesEacces) {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  const std::string path = dir.File("secret.bin");
  WriteFile(path, "secret");
  ::chmod(path.c_str(), 0);
  // root ignores permission bits, so the open happens in a child that drops to "nobody".
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::geteuid() == 0 && ::setuid(65534) != 0) ::_exit(200);
    auto result = ReadableFile::Open(path);
    ::_exit(result.ok() ? 201 : result.status().posix_errno());
  }
  int wait_status = 0;
  ASSERT_EQ(::waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), EACCES);
}

TEST(ReadableFileErrors, BadDescriptorCarriesEbadf) {
  auto negative = ReadableFile::FromDescriptor(-1);
  ASSERT_RAISES(IOError, negative);
  EXPECT_EQ(negative.status().posix_errno(), EBADF);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);
  ::close(fds[1]);
  ASSERT_RAISES(IOError, ReadableFile::FromDescriptor(fds[0]));
  ASSERT_RAISES(IOError, FileOutputStream::FromDescriptor(fds[1]));
}

// Interrupts a blocking call on the test thread with a signal whose handler does not restart it.
class SignalInterrupter {
 public:
  SignalInterrupter() {
    struct sigaction action {};
    action.sa_handler = [](int) { delivered.store(true); };
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: blocking calls fail with EINTR
    ::sigaction(SIGUSR1, &action, &previous_);
    delivered.store(false);
  }
  ~SignalInterrupter() { ::sigaction(SIGUSR1, &previous_, nullptr); }
  static inline std::atomic<bool> delivered{false};

 private:
  struct sigaction previous_ {};
};

TEST(ReadableFileSignals, ReadRetriesAfterEintr) {
  SignalInterrupter interrupter;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_OK_AND_ASSIGN(auto file, ReadableFile::FromDescriptor(fds[0]));
  const pthread_t reader = ::pthread_self();
  std::thread helper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::pthread_kill(reader, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(::write(fds[1], "data", 4), 4);
    ::close(fds[1]);
  });
  auto buffer = file->Read(4);
  helper.join();
  EXPECT_TRUE(SignalInterrupter::delivered.load());
  ASSERT_OK(buffer.status());
  EXPECT_EQ((*buffer)->ToString(), "data");
}

TEST(FileOutputStreamSignals, WriteRetriesAfterEintrAndWritesEverything) {
  SignalInterrupter interrupter;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::FromDescriptor(fds[1]));
  std::string payload(1 << 20, '\0');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i % 251);
  const pthread_t writer = ::pthread_self();
  std::string received;
  std::thread helper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the pipe fills and Write blocks
    ::pthread_kill(writer, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    char chunk[4096];
    ssize_t got;
    while ((got = ::read(fds[0], chunk, sizeof(chunk))) > 0) received.append(chunk, static_cast<size_t>(got));
    ::close(fds[0]);
  });
  Status status = stream->Write(payload.data(), static_cast<int64_t>(payload.size()));
  auto position = stream->Tell();  // a pipe has no offset: the stream counts bytes
  ASSERT_OK(stream->Close());
  helper.join();
  EXPECT_TRUE(SignalInterrupter::delivered.load());
  ASSERT_OK(status);
  ASSERT_OK(position.status());
  EXPECT_EQ(*position, static_cast<int64_t>(payload.size()));
  EXPECT_TRUE(received == payload);
}

class FileOutputStreamTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.File("out.bin");
};

TEST_F(FileOutputStreamTest, WritesAndTellsPosition) {
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
  EXPECT_EQ(stream->mode(), FileMode::WRITE);
  ASSERT_OK(stream->Write("hello "));
  ASSERT_OK(stream->Write(Buffer::FromString("world")));
  ASSERT_OK_AND_ASSIGN(int64_t position, stream->Tell());
  EXPECT_EQ(position, 11);
  ASSERT_OK(stream->Flush());
  ASSERT_OK(stream->Close());
  EXPECT_EQ(ReadFileContents(path_), "hello world");
}

TEST_F(FileOutputStreamTest, OpenTruncatesExistingFile) {
  WriteFile(path_, "old contents that are long");
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
  ASSERT_OK(stream->Write("new"));
  ASSERT_OK(stream->Close());
  EXPECT_EQ(ReadFileContents(path_), "new");
}

TEST_F(FileOutputStreamTest, AppendModeStartsAtTheEnd) {
  WriteFile(path_, "abc");
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_, /*append=*/true));
  ASSERT_OK_AND_ASSIGN(int64_t position, stream->Tell());
  EXPECT_EQ(position, 3);
  ASSERT_OK(stream->Write("def"));
  ASSERT_OK_AND_ASSIGN(position, stream->Tell());
  EXPECT_EQ(position, 6);
  ASSERT_OK(stream->Close());
  EXPECT_EQ(ReadFileContents(path_), "abcdef");
}

TEST_F(FileOutputStreamTest, LargeWriteArrivesWhole) {
  std::string payload(24 << 20, '\0');
  for (size_t i = 0; i < payload.size(); i += 4096) payload[i] = static_cast<char>(i / 4096);
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
  ASSERT_OK(stream->Write(payload));
  ASSERT_OK(stream->Close());
  EXPECT_TRUE(ReadFileContents(path_) == payload);
}

TEST_F(FileOutputStreamTest, OperationsAfterCloseAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
  ASSERT_OK(stream->Close());
  ASSERT_OK(stream->Close());
  EXPECT_TRUE(stream->closed());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Write("x"));
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Tell());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Flush());
}

TEST_F(FileOutputStreamTest, NegativeWriteSizeIsInvalid) {
  ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
  ASSERT_RAISES_WITH(Invalid, "negative", stream->Write("x", -1));
}

TEST_F(FileOutputStreamTest, DestructorClosesTheDescriptor) {
  int fd;
  {
    ASSERT_OK_AND_ASSIGN(auto stream, FileOutputStream::Open(path_));
    fd = stream->file_descriptor();
    ASSERT_OK(stream->Write("kept"));
  }
  EXPECT_FALSE(DescriptorIsOpen(fd));
  EXPECT_EQ(ReadFileContents(path_), "kept");
}

TEST_F(FileOutputStreamTest, OpenErrorsCarryErrno) {
  auto missing_dir = FileOutputStream::Open(dir_.File("no/such/dir/out.bin"));
  ASSERT_RAISES(IOError, missing_dir);
  EXPECT_EQ(missing_dir.status().posix_errno(), ENOENT);
  auto directory = FileOutputStream::Open(dir_.path().string());
  ASSERT_RAISES(IOError, directory);
  EXPECT_EQ(directory.status().posix_errno(), EISDIR);
}

TEST_F(FileOutputStreamTest, WriteErrorCarriesErrno) {
  auto full = FileOutputStream::Open("/dev/full");
  if (!full.ok()) GTEST_SKIP() << "/dev/full unavailable: " << full.status().ToString();
  auto status = (*full)->Write(std::string(8192, 'x'));
  ASSERT_RAISES(IOError, status);
  EXPECT_EQ(status.posix_errno(), ENOSPC);
}

}  // namespace
}  // namespace arrowpack::io
