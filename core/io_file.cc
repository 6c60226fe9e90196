#include "arrowpack/core/io_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "arrowpack/core/io_posix_internal.h"

namespace arrowpack::io {

namespace internal {

Result<int> OpenDescriptor(const std::string& path, int flags, int create_mode) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, create_mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::FromErrno(errno, "Failed to open local file '" + path + "'");
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::FromErrno(error, "Failed to stat local file '" + path + "'");
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return Status::FromErrno(EISDIR, "Cannot open '" + path + "': it is a directory, not a file");
  }
  return fd;
}

Status CheckDescriptor(int fd) {
  if (fd < 0 || ::fcntl(fd, F_GETFD) < 0) return Status::FromErrno(EBADF, "Invalid file descriptor " + std::to_string(fd));
  return Status::OK();
}

Result<int64_t> DescriptorSize(int fd) {
  struct stat info;
  if (::fstat(fd, &info) != 0) return Status::FromErrno(errno, "Failed to get the file size");
  return static_cast<int64_t>(info.st_size);
}

Status CloseDescriptor(int fd) {
  if (::close(fd) != 0 && errno != EINTR) return Status::FromErrno(errno, "Failed to close file");
  return Status::OK();
}

}  // namespace internal

namespace {

// Linux moves at most ~2 GiB per read/write call; larger requests are split into chunks.
constexpr int64_t kMaxChunk = int64_t{1} << 30;
// Passed as a position to mean "at the descriptor's current offset".
constexpr int64_t kCurrentOffset = -1;

Status ClosedFileError() { return Status::Invalid("I/O operation on closed file"); }

Status CheckWriteSize(int64_t nbytes) {
  if (nbytes < 0) return Status::Invalid("negative write size ", nbytes);
  return Status::OK();
}

// Reads until `nbytes` arrived or the file ended; returns the count (short only at end of file).
Result<int64_t> ReadFully(int fd, uint8_t* out, int64_t nbytes, int64_t position) {
  int64_t total = 0;
  while (total < nbytes) {
    const auto chunk = static_cast<size_t>(std::min(nbytes - total, kMaxChunk));
    const ssize_t got = position == kCurrentOffset ? ::read(fd, out + total, chunk)
                                                   : ::pread(fd, out + total, chunk, position + total);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno(errno, "Failed to read from file");
    }
    if (got == 0) break;
    total += got;
  }
  return total;
}

Status WriteFully(int fd, const uint8_t* data, int64_t nbytes) {
  while (nbytes > 0) {
    const ssize_t put = ::write(fd, data, static_cast<size_t>(std::min(nbytes, kMaxChunk)));
    if (put < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno(errno, "Failed to write to file");
    }
    if (put == 0) return Status::IOError("Failed to write to file: no progress");
    data += put;
    nbytes -= put;
  }
  return Status::OK();
}

Result<int64_t> CurrentOffset(int fd) {
  const off_t offset = ::lseek(fd, 0, SEEK_CUR);
  if (offset < 0) return Status::FromErrno(errno, "Failed to get the file position");
  return static_cast<int64_t>(offset);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ReadableFile

struct ReadableFile::Impl {
  int fd = -1;
  MemoryPool* pool = nullptr;
  bool closed = false;

  Status CheckOpen() const { return closed ? ClosedFileError() : Status::OK(); }

  // How many of `nbytes` a read at `position` can return. Regular files clamp to their size, so
  // asking for far more than the file holds never allocates a huge buffer.
  Result<int64_t> ReadableBytes(int64_t position, int64_t nbytes) const {
    struct stat info;
    if (::fstat(fd, &info) != 0) return Status::FromErrno(errno, "Failed to stat file");
    if (!S_ISREG(info.st_mode)) return nbytes;
    if (position == kCurrentOffset) {
      ARROWPACK_ASSIGN_OR_RAISE(position, CurrentOffset(fd));
    }
    return std::clamp<int64_t>(info.st_size - position, 0, nbytes);
  }

  Result<std::shared_ptr<Buffer>> ReadBuffer(int64_t position, int64_t nbytes) {
    ARROWPACK_ASSIGN_OR_RAISE(int64_t wanted, ReadableBytes(position, nbytes));
    ARROWPACK_ASSIGN_OR_RAISE(auto buffer, AllocateResizableBuffer(wanted, pool));
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, ReadFully(fd, buffer->mutable_data(), wanted, position));
    if (got < wanted) ARROWPACK_RETURN_NOT_OK(buffer->Resize(got, /*shrink_to_fit=*/true));
    return std::shared_ptr<Buffer>(std::move(buffer));
  }
};

ReadableFile::ReadableFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ReadableFile::~ReadableFile() { (void)Close(); }

Result<std::shared_ptr<ReadableFile>> ReadableFile::Open(const std::string& path, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(int fd, internal::OpenDescriptor(path, O_RDONLY));
  return FromDescriptor(fd, pool);
}

Result<std::shared_ptr<ReadableFile>> ReadableFile::FromDescriptor(int fd, MemoryPool* pool) {
  ARROWPACK_RETURN_NOT_OK(internal::CheckDescriptor(fd));
  auto impl = std::make_unique<Impl>();
  impl->fd = fd;
  impl->pool = pool;
  return std::shared_ptr<ReadableFile>(new ReadableFile(std::move(impl)));
}

Status ReadableFile::Close() {
  if (impl_->closed) return Status::OK();
  impl_->closed = true;
  return internal::CloseDescriptor(std::exchange(impl_->fd, -1));
}

bool ReadableFile::closed() const { return impl_->closed; }

int ReadableFile::file_descriptor() const { return impl_->fd; }

Result<int64_t> ReadableFile::Tell() const {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  return CurrentOffset(impl_->fd);
}

Status ReadableFile::Seek(int64_t position) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  if (position < 0) return Status::Invalid("negative seek position ", position);
  // POSIX allows positions past the end; reads there return 0 bytes.
  if (::lseek(impl_->fd, position, SEEK_SET) < 0) return Status::FromErrno(errno, "Failed to seek");
  return Status::OK();
}

Result<int64_t> ReadableFile::GetSize() {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  return internal::DescriptorSize(impl_->fd);
}

Result<int64_t> ReadableFile::Read(int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  return ReadFully(impl_->fd, static_cast<uint8_t*>(out), nbytes, kCurrentOffset);
}

Result<std::shared_ptr<Buffer>> ReadableFile::Read(int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  return impl_->ReadBuffer(kCurrentOffset, nbytes);
}

Result<int64_t> ReadableFile::ReadAt(int64_t position, int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  return ReadFully(impl_->fd, static_cast<uint8_t*>(out), nbytes, position);
}

Result<std::shared_ptr<Buffer>> ReadableFile::ReadAt(int64_t position, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  return impl_->ReadBuffer(position, nbytes);
}

// ---------------------------------------------------------------------------------------------
// FileOutputStream

struct FileOutputStream::Impl {
  int fd = -1;
  bool closed = false;
  int64_t bytes_written = 0;

  Status CheckOpen() const { return closed ? ClosedFileError() : Status::OK(); }
};

FileOutputStream::FileOutputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FileOutputStream::~FileOutputStream() { (void)Close(); }

Result<std::shared_ptr<FileOutputStream>> FileOutputStream::Open(const std::string& path, bool append) {
  const int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  ARROWPACK_ASSIGN_OR_RAISE(int fd, internal::OpenDescriptor(path, flags));
  // O_APPEND only moves the offset at the first write; move it now so Tell() reports the size.
  if (append && ::lseek(fd, 0, SEEK_END) < 0) {
    const int error = errno;
    ::close(fd);
    return Status::FromErrno(error, "Failed to seek to the end of '" + path + "'");
  }
  return FromDescriptor(fd);
}

Result<std::shared_ptr<FileOutputStream>> FileOutputStream::FromDescriptor(int fd) {
  ARROWPACK_RETURN_NOT_OK(internal::CheckDescriptor(fd));
  auto impl = std::make_unique<Impl>();
  impl->fd = fd;
  return std::shared_ptr<FileOutputStream>(new FileOutputStream(std::move(impl)));
}

Status FileOutputStream::Close() {
  if (impl_->closed) return Status::OK();
  impl_->closed = true;
  return internal::CloseDescriptor(std::exchange(impl_->fd, -1));
}

bool FileOutputStream::closed() const { return impl_->closed; }

int FileOutputStream::file_descriptor() const { return impl_->fd; }

Result<int64_t> FileOutputStream::Tell() const {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  const off_t offset = ::lseek(impl_->fd, 0, SEEK_CUR);
  if (offset >= 0) return static_cast<int64_t>(offset);
  // Pipes and sockets have no offset: report the bytes written through this stream instead.
  if (errno == ESPIPE) return impl_->bytes_written;
  return Status::FromErrno(errno, "Failed to get the file position");
}

Status FileOutputStream::Write(const void* data, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(impl_->CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckWriteSize(nbytes));
  ARROWPACK_RETURN_NOT_OK(WriteFully(impl_->fd, static_cast<const uint8_t*>(data), nbytes));
  impl_->bytes_written += nbytes;
  return Status::OK();
}

// Nothing is buffered in user space; data is with the kernel once Write returns.
Status FileOutputStream::Flush() { return impl_->CheckOpen(); }

}  // namespace arrowpack::io
