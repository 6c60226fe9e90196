#include "arrowpack/core/shared_memory.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "test_util.h"

namespace arrowpack::io {
namespace {

std::string UniqueName(const std::string& what) {
  return "arrowpack-test-" + what + "-" + std::to_string(::getpid());
}

bool SegmentExists(const std::string& name) { return std::filesystem::exists("/dev/shm/" + name); }

// A raw segment written without the arrowpack writer, for headers the writer never produces.
void WriteRawSegment(const std::string& name, const void* bytes, size_t size) {
  int fd = ::shm_open(("/" + name).c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  ASSERT_EQ(::write(fd, bytes, size), static_cast<ssize_t>(size));
  ::close(fd);
}

TEST(SharedMemory, WriteCommitOpenAndUnlink) {
  const std::string name = UniqueName("roundtrip");
  {
    ASSERT_OK_AND_ASSIGN(auto writer, SharedMemoryWriter::Create(name, 5, SharedMemoryKind::kBytes));
    std::memcpy(writer->payload()->mutable_data(), "hello", 5);
    ASSERT_OK(writer->Commit());
    ASSERT_RAISES_WITH(Invalid, "already committed", writer->Commit());
  }
  EXPECT_EQ(std::filesystem::file_size("/dev/shm/" + name), kSharedMemoryHeaderSize + 5);
  SharedMemoryKind kind = SharedMemoryKind::kIpcStream;
  ASSERT_OK_AND_ASSIGN(auto payload, OpenSharedMemory("/" + name, &kind));
  EXPECT_EQ(kind, SharedMemoryKind::kBytes);
  EXPECT_EQ(payload->ToString(), "hello");
  EXPECT_EQ(payload->address() % 64, 0u);
  EXPECT_FALSE(payload->is_mutable());
  ASSERT_OK(UnlinkSharedMemory(name));
  EXPECT_FALSE(SegmentExists(name));
  EXPECT_EQ(payload->ToString(), "hello");  // the mapping outlives the name
  ASSERT_RAISES_WITH(IOError, "unlinking shared memory", UnlinkSharedMemory(name));
  EXPECT_EQ(arrowpack::testing::StatusOf(UnlinkSharedMemory(name)).posix_errno(), ENOENT);
}

TEST(SharedMemory, WriteSharedMemoryUsesExactlyTheNeededSize) {
  const std::string name = UniqueName("exact");
  ASSERT_OK_AND_ASSIGN(int64_t size, WriteSharedMemory(name, SharedMemoryKind::kIpcStream, [](OutputStream* sink) {
                         ARROWPACK_RETURN_NOT_OK(sink->Write("abc", 3));
                         return sink->Write("defg", 4);
                       }));
  EXPECT_EQ(size, 7);
  EXPECT_EQ(std::filesystem::file_size("/dev/shm/" + name), kSharedMemoryHeaderSize + 7);
  ASSERT_OK_AND_ASSIGN(auto payload, OpenSharedMemory(name));
  EXPECT_EQ(payload->ToString(), "abcdefg");
  ASSERT_OK(UnlinkSharedMemory(name));
}

TEST(SharedMemory, FailedOrInconsistentWritesLeaveNoSegment) {
  const std::string name = UniqueName("failed");
  ASSERT_RAISES_WITH(IOError, "boom", WriteSharedMemory(name, SharedMemoryKind::kBytes, [](OutputStream*) {
                       return Status::IOError("boom");
                     }));
  int runs = 0;
  ASSERT_RAISES_WITH(Invalid, "changed size", WriteSharedMemory(name, SharedMemoryKind::kBytes, [&](OutputStream* sink) {
                       return sink->Write("xy", ++runs == 1 ? 2 : 1);
                     }));
  EXPECT_FALSE(SegmentExists(name));
}

TEST(SharedMemory, UncommittedSegmentIsRefusedAndRemovedByItsWriter) {
  const std::string name = UniqueName("uncommitted");
  {
    ASSERT_OK_AND_ASSIGN(auto writer, SharedMemoryWriter::Create(name, 16, SharedMemoryKind::kBytes));
    ASSERT_RAISES_WITH(Invalid, "incomplete", OpenSharedMemory(name));
  }
  EXPECT_FALSE(SegmentExists(name));
}

TEST(SharedMemory, CreatingOverAnExistingSegmentFails) {
  const std::string name = UniqueName("exists");
  ASSERT_OK_AND_ASSIGN(auto writer, SharedMemoryWriter::Create(name, 1, SharedMemoryKind::kBytes));
  ASSERT_OK(writer->Commit());
  auto second = SharedMemoryWriter::Create(name, 1, SharedMemoryKind::kBytes);
  ASSERT_RAISES_WITH(IOError, "creating shared memory", second);
  EXPECT_EQ(second.status().posix_errno(), EEXIST);
  ASSERT_OK(UnlinkSharedMemory(name));
}

TEST(SharedMemory, MissingSegmentIsENOENT) {
  auto opened = OpenSharedMemory(UniqueName("missing"));
  ASSERT_RAISES_WITH(IOError, "opening shared memory", opened);
  EXPECT_EQ(opened.status().posix_errno(), ENOENT);
}

TEST(SharedMemory, InvalidNamesAndSizes) {
  ASSERT_RAISES_WITH(Invalid, "invalid shared memory name", OpenSharedMemory(""));
  ASSERT_RAISES_WITH(Invalid, "invalid shared memory name", OpenSharedMemory("a/b"));
  ASSERT_RAISES_WITH(Invalid, "invalid shared memory name", OpenSharedMemory(std::string(300, 'x')));
  ASSERT_RAISES_WITH(Invalid, "payload size", SharedMemoryWriter::Create(UniqueName("neg"), -1, SharedMemoryKind::kBytes));
}

// Writes `bytes` as segment `name`, checks that opening it fails with `code` and `text`, unlinks.
void ExpectRefused(const std::string& name, const void* bytes, size_t size, StatusCode code, const std::string& text) {
  WriteRawSegment(name, bytes, size);
  Status status = arrowpack::testing::StatusOf(OpenSharedMemory(name));
  EXPECT_EQ(status.code(), code) << status.ToString();
  EXPECT_NE(status.message().find(text), std::string::npos) << status.ToString();
  EXPECT_OK(UnlinkSharedMemory(name));
}

TEST(SharedMemory, ForeignAndCorruptSegmentsAreRefused) {
  const std::string name = UniqueName("corrupt");
  ExpectRefused(name, "tiny", 4, StatusCode::Invalid, "too small");

  uint8_t header[kSharedMemoryHeaderSize] = {};
  ExpectRefused(name, header, sizeof(header), StatusCode::Invalid, "bad magic");

  const uint32_t newer = 2, version = 1, committed = 1, unknown_kind = 7;
  const int64_t too_big = 100, empty = 0;
  std::memcpy(header, "APSHMEM", 8);
  std::memcpy(header + 8, &newer, 4);
  std::memcpy(header + 24, &committed, 4);
  ExpectRefused(name, header, sizeof(header), StatusCode::NotImplemented, "newer than this arrowpack reads");

  std::memcpy(header + 8, &version, 4);
  std::memcpy(header + 16, &too_big, 8);
  ExpectRefused(name, header, sizeof(header), StatusCode::Invalid, "declares a payload of 100 bytes but holds 0");

  std::memcpy(header + 16, &empty, 8);
  std::memcpy(header + 12, &unknown_kind, 4);
  ExpectRefused(name, header, sizeof(header), StatusCode::Invalid, "unknown kind 7");
}

}  // namespace
}  // namespace arrowpack::io
