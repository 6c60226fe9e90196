// Buffer: a contiguous byte range with shared ownership. A Buffer either owns its memory (pool
// allocations, wrapped vectors/strings, foreign memory with an owner) or is a slice that keeps its
// parent alive. Buffers are immutable unless is_mutable(); they are safe to share across threads
// for reading.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/result.h"

namespace arrowpack {

class Buffer {
 public:
  /// A non-owning view: the caller keeps [data, data + size) alive and unchanged for the
  /// Buffer's lifetime.
  Buffer(const uint8_t* data, int64_t size) : data_(data), size_(size), capacity_(size) {}
  explicit Buffer(std::string_view bytes)
      : Buffer(reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int64_t>(bytes.size())) {}

  /// A slice of `parent` that keeps it alive; the caller has checked the bounds.
  Buffer(std::shared_ptr<Buffer> parent, int64_t offset, int64_t size);

  virtual ~Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  const uint8_t* data() const { return data_; }
  /// Writable pointer; nullptr for immutable buffers.
  uint8_t* mutable_data() const { return is_mutable_ ? const_cast<uint8_t*>(data_) : nullptr; }
  uintptr_t address() const { return reinterpret_cast<uintptr_t>(data_); }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  bool is_mutable() const { return is_mutable_; }
  const std::shared_ptr<Buffer>& parent() const { return parent_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), static_cast<size_t>(size_)}; }

  bool Equals(const Buffer& other) const;
  bool Equals(const Buffer& other, int64_t nbytes) const;
  std::string ToHexString() const;
  std::string ToString() const { return std::string(view()); }

  /// Copies the bytes into a new buffer from `pool`.
  Result<std::shared_ptr<Buffer>> CopySlice(int64_t start, int64_t nbytes, MemoryPool* pool = nullptr) const;

  /// Owning buffers over moved-in containers.
  static std::shared_ptr<Buffer> FromString(std::string data);
  static std::shared_ptr<Buffer> FromVector(std::vector<uint8_t> data);

  /// Wraps memory owned elsewhere; `owner` is released (on any thread) when the last slice dies.
  static std::shared_ptr<Buffer> WrapForeign(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner,
                                             bool is_mutable = false);

 protected:
  Buffer() = default;

  bool is_mutable_ = false;
  const uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  std::shared_ptr<Buffer> parent_;
};

/// A Buffer whose bytes may be written through mutable_data().
class MutableBuffer : public Buffer {
 public:
  MutableBuffer(uint8_t* data, int64_t size) : Buffer(data, size) { is_mutable_ = true; }
  MutableBuffer(std::shared_ptr<Buffer> parent, int64_t offset, int64_t size);

 protected:
  MutableBuffer() { is_mutable_ = true; }
};

/// A mutable buffer whose size can change; capacity grows in multiples of 64 bytes.
class ResizableBuffer : public MutableBuffer {
 public:
  /// Changes the logical size, growing capacity as needed; shrinks capacity only if asked.
  virtual Status Resize(int64_t new_size, bool shrink_to_fit = true) = 0;
  /// Ensures capacity() >= new_capacity without changing size().
  virtual Status Reserve(int64_t new_capacity) = 0;
};

/// Zero-copy slices. The checked forms return Invalid when the range is outside the buffer.
std::shared_ptr<Buffer> SliceBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length);
std::shared_ptr<Buffer> SliceBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset);
Result<std::shared_ptr<Buffer>> SliceBufferChecked(const std::shared_ptr<Buffer>& buffer, int64_t offset,
                                                   int64_t length);
std::shared_ptr<Buffer> SliceMutableBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length);

/// Allocates a mutable buffer of `size` bytes from `pool` (default pool when nullptr). The bytes
/// are uninitialised except the padding up to the next multiple of 64, which is zeroed.
Result<std::unique_ptr<Buffer>> AllocateBuffer(int64_t size, MemoryPool* pool = nullptr);
/// AllocateBuffer for shared ownership: the buffer and its shared_ptr control block in one heap
/// allocation (converting AllocateBuffer's unique_ptr takes a second one).
Result<std::shared_ptr<Buffer>> AllocateSharedBuffer(int64_t size, MemoryPool* pool = nullptr);
Result<std::unique_ptr<ResizableBuffer>> AllocateResizableBuffer(int64_t size, MemoryPool* pool = nullptr);

/// Rounds up to a multiple of 64.
constexpr int64_t RoundUpToMultipleOf64(int64_t value) { return (value + 63) & ~static_cast<int64_t>(63); }

}  // namespace arrowpack
