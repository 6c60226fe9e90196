// Named POSIX shared-memory segments (see shared_memory.h for the layout and the lifetimes).
#include "arrowpack/core/shared_memory.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>

#include "arrowpack/core/io_memory.h"

namespace arrowpack::io {

namespace {

constexpr char kMagic[8] = {'A', 'P', 'S', 'H', 'M', 'E', 'M', '\0'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kWriting = 0;
constexpr uint32_t kCommitted = 1;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t kind;
  int64_t payload_size;
  uint32_t state;
  uint8_t reserved[36];
};
static_assert(sizeof(Header) == kSharedMemoryHeaderSize);

// One mmap of a whole segment, unmapped when the last Buffer over it dies.
struct Mapping {
  void* address = nullptr;
  size_t length = 0;
  ~Mapping() {
    if (address != nullptr) ::munmap(address, length);
  }
};

Result<std::string> PosixName(const std::string& name) {
  std::string posix = name.empty() || name[0] != '/' ? "/" + name : name;
  if (posix.size() < 2 || posix.size() > 255 || posix.find('/', 1) != std::string::npos ||
      posix.find('\0') != std::string::npos) {
    return Status::Invalid("invalid shared memory name '", name, "': 1 to 254 characters, no '/' after the first");
  }
  return posix;
}

std::atomic_ref<uint32_t> StateOf(const Buffer& whole) {
  auto* header = reinterpret_cast<Header*>(const_cast<uint8_t*>(whole.data()));
  return std::atomic_ref<uint32_t>(header->state);
}

// mmap of the whole descriptor; the fd is closed by the caller (the mapping outlives it).
Result<std::shared_ptr<Buffer>> Map(int fd, size_t length, bool writable, const std::string& name) {
  void* address = ::mmap(nullptr, length, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
  if (address == MAP_FAILED) return Status::FromErrno(errno, "mmap of shared memory '" + name + "'");
  auto mapping = std::make_shared<Mapping>();
  mapping->address = address;
  mapping->length = length;
  return Buffer::WrapForeign(static_cast<const uint8_t*>(address), static_cast<int64_t>(length), mapping, writable);
}

class CloseOnExit {
 public:
  explicit CloseOnExit(int fd) : fd_(fd) {}
  ~CloseOnExit() { ::close(fd_); }
  CloseOnExit(const CloseOnExit&) = delete;
  CloseOnExit& operator=(const CloseOnExit&) = delete;

 private:
  int fd_;
};

}  // namespace

SharedMemoryWriter::SharedMemoryWriter(std::string name, std::shared_ptr<Buffer> whole, std::shared_ptr<Buffer> payload)
    : name_(std::move(name)), whole_(std::move(whole)), payload_(std::move(payload)) {}

SharedMemoryWriter::~SharedMemoryWriter() {
  if (!committed_) ::shm_unlink(name_.c_str());
}

Result<std::unique_ptr<SharedMemoryWriter>> SharedMemoryWriter::Create(const std::string& name, int64_t payload_size,
                                                                       SharedMemoryKind kind) {
  ARROWPACK_ASSIGN_OR_RAISE(std::string posix, PosixName(name));
  if (payload_size < 0 || payload_size > std::numeric_limits<int64_t>::max() - kSharedMemoryHeaderSize) {
    return Status::Invalid("invalid shared memory payload size ", payload_size);
  }
  const int64_t length = kSharedMemoryHeaderSize + payload_size;
  int fd = ::shm_open(posix.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Status::FromErrno(errno, "creating shared memory '" + posix + "'");
  CloseOnExit closer(fd);
  if (::ftruncate(fd, static_cast<off_t>(length)) != 0) {
    const int error = errno;
    ::shm_unlink(posix.c_str());
    return Status::FromErrno(error, "sizing shared memory '" + posix + "'");
  }
  Result<std::shared_ptr<Buffer>> whole = Map(fd, static_cast<size_t>(length), /*writable=*/true, posix);
  if (!whole.ok()) {
    ::shm_unlink(posix.c_str());
    return whole.status();
  }
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof(kMagic));
  header.version = kVersion;
  header.kind = static_cast<uint32_t>(kind);
  header.payload_size = payload_size;
  header.state = kWriting;
  std::memcpy((*whole)->mutable_data(), &header, sizeof(header));
  std::shared_ptr<Buffer> payload = SliceMutableBuffer(*whole, kSharedMemoryHeaderSize, payload_size);
  return std::unique_ptr<SharedMemoryWriter>(new SharedMemoryWriter(posix, whole.MoveValueUnsafe(), std::move(payload)));
}

Status SharedMemoryWriter::Commit() {
  if (committed_) return Status::Invalid("shared memory '", name_, "' is already committed");
  StateOf(*whole_).store(kCommitted, std::memory_order_release);
  committed_ = true;
  return Status::OK();
}

Result<int64_t> WriteSharedMemory(const std::string& name, SharedMemoryKind kind,
                                  const std::function<Status(OutputStream*)>& write) {
  MockOutputStream counter;
  ARROWPACK_RETURN_NOT_OK(write(&counter));
  const int64_t size = counter.size();
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<SharedMemoryWriter> writer, SharedMemoryWriter::Create(name, size, kind));
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<FixedSizeBufferWriter> sink, FixedSizeBufferWriter::Make(writer->payload()));
  ARROWPACK_RETURN_NOT_OK(write(sink.get()));
  ARROWPACK_ASSIGN_OR_RAISE(int64_t written, sink->Tell());
  if (written != size) {
    return Status::Invalid("shared memory payload changed size between runs: ", size, " then ", written, " bytes");
  }
  ARROWPACK_RETURN_NOT_OK(writer->Commit());
  return size;
}

Result<std::shared_ptr<Buffer>> OpenSharedMemory(const std::string& name, SharedMemoryKind* kind) {
  ARROWPACK_ASSIGN_OR_RAISE(std::string posix, PosixName(name));
  int fd = ::shm_open(posix.c_str(), O_RDONLY, 0);
  if (fd < 0) return Status::FromErrno(errno, "opening shared memory '" + posix + "'");
  CloseOnExit closer(fd);
  struct stat info {};
  if (::fstat(fd, &info) != 0) return Status::FromErrno(errno, "fstat of shared memory '" + posix + "'");
  const int64_t length = static_cast<int64_t>(info.st_size);
  if (length < kSharedMemoryHeaderSize) {
    return Status::Invalid("shared memory '", posix, "' has ", length, " bytes: too small for an arrowpack segment");
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> whole, Map(fd, static_cast<size_t>(length), false, posix));
  Header header;
  std::memcpy(&header, whole->data(), sizeof(header));
  if (std::memcmp(header.magic, kMagic, sizeof(kMagic)) != 0) {
    return Status::Invalid("shared memory '", posix, "' is not an arrowpack segment (bad magic)");
  }
  if (header.version > kVersion) {
    return Status::NotImplemented("shared memory '", posix, "' has format version ", header.version,
                                  ", newer than this arrowpack reads (", kVersion, ")");
  }
  if (StateOf(*whole).load(std::memory_order_acquire) != kCommitted) {
    return Status::Invalid("shared memory '", posix,
                           "' is incomplete: its writer never committed it (still writing, or died mid-write)");
  }
  if (header.payload_size < 0 || header.payload_size > length - kSharedMemoryHeaderSize) {
    return Status::Invalid("shared memory '", posix, "' declares a payload of ", header.payload_size,
                           " bytes but holds ", length - kSharedMemoryHeaderSize);
  }
  if (header.kind > static_cast<uint32_t>(SharedMemoryKind::kSerializedObject)) {
    return Status::Invalid("shared memory '", posix, "' has unknown kind ", header.kind);
  }
  if (kind != nullptr) *kind = static_cast<SharedMemoryKind>(header.kind);
  return SliceBuffer(whole, kSharedMemoryHeaderSize, header.payload_size);
}

Status UnlinkSharedMemory(const std::string& name) {
  ARROWPACK_ASSIGN_OR_RAISE(std::string posix, PosixName(name));
  if (::shm_unlink(posix.c_str()) != 0) return Status::FromErrno(errno, "unlinking shared memory '" + posix + "'");
  return Status::OK();
}

}  // namespace arrowpack::io
