// In-memory streams over Buffers: BufferReader (zero-copy reads), BufferOutputStream (growing
// pool buffer), FixedSizeBufferWriter (into caller memory, never grows) and MockOutputStream
// (counts bytes, stores nothing).
#pragma once

#include <memory>

#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::io {

/// Reads a Buffer; Read(n)/ReadAt return slices that keep the buffer alive (no copy, no pool use).
class BufferReader final : public RandomAccessFile {
 public:
  explicit BufferReader(std::shared_ptr<Buffer> buffer);

  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  /// Positions past the end are an IOError; negative ones Invalid.
  Status Seek(int64_t position) override;
  Result<int64_t> GetSize() override;
  bool supports_zero_copy() const override { return true; }
  Result<int64_t> Read(int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  /// Thread-safe; IOError when `position` is past the end.
  Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t position, int64_t nbytes) override;
  Status Advance(int64_t nbytes) override;
  const std::shared_ptr<Buffer>& buffer() const { return buffer_; }

 private:
  Status CheckOpen() const;
  std::shared_ptr<Buffer> buffer_;
  int64_t position_ = 0;
  bool closed_ = false;
};

/// Appends into a resizable buffer from `pool`. A write that does not fit grows the capacity to
/// the smallest power of two that holds everything written so far, and at least
/// kMinimumGrownCapacity bytes; the initial capacity is used as given.
constexpr int64_t kMinimumGrownCapacity = 256;

class BufferOutputStream final : public OutputStream {
 public:
  static Result<std::shared_ptr<BufferOutputStream>> Create(int64_t initial_capacity = 4096,
                                                            MemoryPool* pool = nullptr);

  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  /// Closes the stream and returns the bytes written, shrunk to fit. Works after Close(); a
  /// second Finish() is Invalid.
  Result<std::shared_ptr<Buffer>> Finish();
  /// Reopens a finished stream on a fresh buffer.
  Status Reset(int64_t initial_capacity = 1024, MemoryPool* pool = nullptr);

 private:
  BufferOutputStream() = default;
  std::shared_ptr<ResizableBuffer> buffer_;
  int64_t position_ = 0;
  bool closed_ = true;
};

/// Writes into a mutable buffer of fixed size; writing past its end is a CapacityError and
/// writes nothing. Large copies may be split over threads (set_memcopy_threads); copies of 1 MiB
/// and more use non-temporal stores (they bypass the cache).
class FixedSizeBufferWriter final : public WritableFile {
 public:
  /// Invalid if `buffer` is not mutable.
  static Result<std::shared_ptr<FixedSizeBufferWriter>> Make(std::shared_ptr<Buffer> buffer);

  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  Status Seek(int64_t position) override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  /// Writes at `position` without moving the position; safe from several threads on disjoint ranges.
  Status WriteAt(int64_t position, const void* data, int64_t nbytes) override;

  /// Copies of at least `threshold` bytes use `num_threads` threads when it is above 1.
  void set_memcopy_threads(int num_threads);
  void set_memcopy_blocksize(int64_t blocksize);
  void set_memcopy_threshold(int64_t threshold);

 private:
  explicit FixedSizeBufferWriter(std::shared_ptr<Buffer> buffer);
  std::shared_ptr<Buffer> buffer_;
  int64_t position_ = 0;
  bool closed_ = false;
  int memcopy_threads_ = 1;
  int64_t memcopy_blocksize_ = 64;
  int64_t memcopy_threshold_ = 1 << 20;
};

/// Counts what would be written (for computing sizes before allocating).
class MockOutputStream final : public OutputStream {
 public:
  Status Close() override;
  bool closed() const override;
  Result<int64_t> Tell() const override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  int64_t size() const { return size_; }

 private:
  int64_t size_ = 0;
  bool closed_ = false;
};

/// Copies `nbytes` from `src` to `dst` (non-overlapping) with up to `num_threads` threads, in
/// chunks whose boundaries are `block_size`-aligned in `dst`.
void ParallelMemcopy(uint8_t* dst, const uint8_t* src, int64_t nbytes, int num_threads, int64_t block_size = 64);

}  // namespace arrowpack::io
