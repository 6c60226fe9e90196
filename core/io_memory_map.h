// Memory-mapped files. Reads return zero-copy slices of the mapping (no pool allocation); each
// slice keeps the mapping alive, so buffers stay valid after Close(). Writes go straight into the
// mapping and never grow the file (Resize does).
#pragma once

#include <memory>
#include <string>

#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::io {

class MemoryMappedFile final : public ReadWriteFileInterface {
 public:
  ~MemoryMappedFile() override;

  /// Creates (or truncates) `path` with `size` bytes and maps it read-write.
  static Result<std::shared_ptr<MemoryMappedFile>> Create(const std::string& path, int64_t size);
  /// Maps an existing file: READ maps read-only; READWRITE maps shared read-write; WRITE opens
  /// read-write positioned at 0 (the file keeps its size). Zero-length files map as empty.
  static Result<std::shared_ptr<MemoryMappedFile>> Open(const std::string& path, FileMode mode);

  Status Close() override;
  bool closed() const override;
  FileMode mode() const override;
  Result<int64_t> Tell() const override;
  /// IOError past the end (a map never grows by writing).
  Status Seek(int64_t position) override;
  Result<int64_t> GetSize() override;
  bool supports_zero_copy() const override { return true; }

  Result<int64_t> Read(int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  /// Thread-safe; never moves the position.
  Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t position, int64_t nbytes) override;

  using Writable::Write;
  /// IOError when the map is read-only or the write would pass the end of the file.
  Status Write(const void* data, int64_t nbytes) override;
  /// Like Write, at `position`; thread-safe and never moves the position.
  Status WriteAt(int64_t position, const void* data, int64_t nbytes) override;
  /// msync(2) of a writable map.
  Status Flush() override;

  /// Changes the file size and maps it anew (writable maps only: IOError on READ maps). Slices
  /// taken before keep the old mapping alive; the position is clamped to the new size. Shrinking
  /// below the length of a mapping that slices still reference is an IOError (their pages would
  /// vanish from under them); growing is always allowed.
  Status Resize(int64_t new_size);
  int file_descriptor() const;

 private:
  struct Impl;
  explicit MemoryMappedFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::io
