// Files on the local file system, read and written through an OS file descriptor.
// Open() failures carry the errno (ENOENT, EACCES, EISDIR, ...) in the returned IOError.
#pragma once

#include <memory>
#include <string>

#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::io {

/// A file opened for reading. Reads copy into memory from `pool`; ReadAt uses pread (thread-safe).
class ReadableFile final : public RandomAccessFile {
 public:
  ~ReadableFile() override;
  static Result<std::shared_ptr<ReadableFile>> Open(const std::string& path, MemoryPool* pool = nullptr);
  /// Takes ownership of an open descriptor.
  static Result<std::shared_ptr<ReadableFile>> FromDescriptor(int fd, MemoryPool* pool = nullptr);

  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  Status Seek(int64_t position) override;
  Result<int64_t> GetSize() override;
  Result<int64_t> Read(int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t position, int64_t nbytes) override;
  int file_descriptor() const;

 private:
  struct Impl;
  explicit ReadableFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A file opened for writing: truncated, or appended to when `append` is true.
class FileOutputStream final : public OutputStream {
 public:
  ~FileOutputStream() override;
  static Result<std::shared_ptr<FileOutputStream>> Open(const std::string& path, bool append = false);
  static Result<std::shared_ptr<FileOutputStream>> FromDescriptor(int fd);

  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  Status Flush() override;
  int file_descriptor() const;

 private:
  struct Impl;
  explicit FileOutputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::io
