// Abstract byte streams and files. Implementations: io_file.h (OS files), io_memory_map.h,
// io_memory.h (buffers), io_compressed.h; python/ adds PythonFile. Objects are not thread-safe
// unless a method says so. Operations on a closed object return Invalid("... closed ...").
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/result.h"

namespace arrowpack::io {

enum class FileMode { READ, WRITE, READWRITE };

class FileInterface {
 public:
  virtual ~FileInterface() = default;
  /// Releases the OS resource; idempotent. Buffers returned by zero-copy reads stay valid.
  virtual Status Close() = 0;
  virtual bool closed() const = 0;
  /// Current position in bytes from the start.
  virtual Result<int64_t> Tell() const = 0;
  virtual FileMode mode() const = 0;
};

class Seekable {
 public:
  virtual ~Seekable() = default;
  /// Moves to an absolute position; Invalid if negative, IOError if past the end where the
  /// object cannot grow.
  virtual Status Seek(int64_t position) = 0;
};

class Writable {
 public:
  virtual ~Writable() = default;
  /// Writes all `nbytes`, or fails (IOError, CapacityError past a fixed capacity).
  virtual Status Write(const void* data, int64_t nbytes) = 0;
  /// Writes a buffer; implementations may keep a reference instead of copying.
  virtual Status Write(const std::shared_ptr<Buffer>& data) { return Write(data->data(), data->size()); }
  Status Write(std::string_view data) { return Write(data.data(), static_cast<int64_t>(data.size())); }
  virtual Status Flush() { return Status::OK(); }
};

class Readable {
 public:
  virtual ~Readable() = default;
  /// Reads up to `nbytes` into `out`; returns the count, 0 at end of stream.
  virtual Result<int64_t> Read(int64_t nbytes, void* out) = 0;
  /// Reads up to `nbytes` into a new buffer (zero-copy where supports_zero_copy()); a shorter
  /// buffer means end of stream was reached.
  virtual Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) = 0;
};

class OutputStream : virtual public FileInterface, public Writable {
 public:
  FileMode mode() const override { return FileMode::WRITE; }
};

class InputStream : virtual public FileInterface, public Readable {
 public:
  FileMode mode() const override { return FileMode::READ; }
  /// True if Read(nbytes) returns slices of existing memory instead of copies.
  virtual bool supports_zero_copy() const { return false; }
  /// Skips `nbytes` (fewer at end of stream).
  virtual Status Advance(int64_t nbytes);
  /// Reads everything up to the end of the stream.
  Result<std::shared_ptr<Buffer>> ReadAll(MemoryPool* pool = nullptr);
};

class RandomAccessFile : public InputStream, public Seekable {
 public:
  virtual Result<int64_t> GetSize() = 0;
  /// Positional reads that do not move the file position. The defaults seek and read under a
  /// lock (thread-safe against each other, not against Read/Seek); memory-backed files override.
  virtual Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out);
  virtual Result<std::shared_ptr<Buffer>> ReadAt(int64_t position, int64_t nbytes);

 protected:
  std::mutex positional_read_mutex_;
};

class WritableFile : public OutputStream, public Seekable {
 public:
  virtual Status WriteAt(int64_t position, const void* data, int64_t nbytes) = 0;
};

class ReadWriteFileInterface : public RandomAccessFile, public WritableFile {
 public:
  FileMode mode() const override { return FileMode::READWRITE; }
};

/// Validates the arguments of a read or positional read (Invalid on negative values).
Status CheckReadArguments(int64_t position, int64_t nbytes);

}  // namespace arrowpack::io
