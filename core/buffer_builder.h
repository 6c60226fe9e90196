// Growable append-only buffers for builders: BufferBuilder (bytes), TypedBufferBuilder<T> (values
// of a trivially copyable T) and BitmapBuilder (LSB-first bits). Memory comes from one pool and grows
// geometrically, so appends are amortised O(1). Finish() hands the bytes out as an immutable-size
// Buffer shrunk to a multiple of 64 with zeroed padding, and leaves the builder empty and reusable.
// Unsafe* appends skip the capacity check: the caller has reserved enough room.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>

#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/buffer.h"

namespace arrowpack {

class BufferBuilder {
 public:
  /// nullptr means the default pool.
  explicit BufferBuilder(MemoryPool* pool = nullptr);

  /// Ensures room for `additional` more bytes. OutOfMemory if the pool refuses.
  Status Reserve(int64_t additional) {
    return additional <= capacity_ - length_ ? Status::OK() : Grow(additional);
  }
  Status Append(const void* data, int64_t size) {
    ARROWPACK_RETURN_NOT_OK(Reserve(size));
    UnsafeAppend(data, size);
    return Status::OK();
  }
  Status AppendZeros(int64_t size) {
    ARROWPACK_RETURN_NOT_OK(Reserve(size));
    UnsafeAppendZeros(size);
    return Status::OK();
  }
  void UnsafeAppend(const void* data, int64_t size) {
    if (size > 0) std::memcpy(data_ + length_, data, static_cast<size_t>(size));
    length_ += size;
  }
  void UnsafeAppendZeros(int64_t size) {
    if (size > 0) std::memset(data_ + length_, 0, static_cast<size_t>(size));
    length_ += size;
  }
  /// Counts `size` more bytes, already written through mutable_data(), as appended.
  void UnsafeAdvance(int64_t size) { length_ += size; }
  /// Drops bytes past `length` (which must not exceed length()); capacity is kept.
  void Truncate(int64_t length) { length_ = length; }

  uint8_t* mutable_data() { return data_; }
  const uint8_t* data() const { return data_; }
  int64_t length() const { return length_; }
  int64_t capacity() const { return capacity_; }
  MemoryPool* pool() const { return pool_; }

  /// The bytes appended so far as a buffer of size length(); the builder is reset.
  Result<std::shared_ptr<Buffer>> Finish();
  /// Frees the memory and empties the builder.
  void Reset();

 private:
  Status Grow(int64_t additional);

  MemoryPool* pool_;
  std::unique_ptr<ResizableBuffer> buffer_;  // allocated on first growth
  uint8_t* data_ = nullptr;
  int64_t length_ = 0;
  int64_t capacity_ = 0;
};

template <typename T>
class TypedBufferBuilder {
  static_assert(std::is_trivially_copyable_v<T>, "TypedBufferBuilder holds trivially copyable values");

 public:
  explicit TypedBufferBuilder(MemoryPool* pool = nullptr) : bytes_(pool) {}

  /// Ensures room for `additional` more values.
  Status Reserve(int64_t additional) { return bytes_.Reserve(additional * kSize); }
  Status Append(T value) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  Status Append(const T* values, int64_t count) { return bytes_.Append(values, count * kSize); }
  Status AppendCopies(int64_t count, T value) {
    ARROWPACK_RETURN_NOT_OK(Reserve(count));
    UnsafeAppendCopies(count, value);
    return Status::OK();
  }
  void UnsafeAppend(T value) { bytes_.UnsafeAppend(&value, kSize); }
  void UnsafeAppend(const T* values, int64_t count) { bytes_.UnsafeAppend(values, count * kSize); }
  void UnsafeAppendCopies(int64_t count, T value) {
    T* out = mutable_data() + length();
    for (int64_t i = 0; i < count; ++i) std::memcpy(out + i, &value, kSize);
    bytes_.UnsafeAdvance(count * kSize);
  }

  /// Values are stored at the pool's alignment (64), so typed access is aligned.
  T* mutable_data() { return reinterpret_cast<T*>(bytes_.mutable_data()); }
  const T* data() const { return reinterpret_cast<const T*>(bytes_.data()); }
  int64_t length() const { return bytes_.length() / kSize; }
  int64_t capacity() const { return bytes_.capacity() / kSize; }

  Result<std::shared_ptr<Buffer>> Finish() { return bytes_.Finish(); }
  void Reset() { bytes_.Reset(); }

 private:
  static constexpr int64_t kSize = static_cast<int64_t>(sizeof(T));
  BufferBuilder bytes_;
};

/// Bits appended one at a time or in runs; also counts the cleared bits (nulls, for validity).
class BitmapBuilder {
 public:
  explicit BitmapBuilder(MemoryPool* pool = nullptr) : bytes_(pool) {}

  /// Ensures room for `additional` more bits.
  Status Reserve(int64_t additional) {
    return bit_util::BytesForBits(length_ + additional) <= bytes_.length() ? Status::OK() : Grow(additional);
  }
  Status Append(bool bit) {
    ARROWPACK_RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(bit);
    return Status::OK();
  }
  Status AppendN(int64_t count, bool bit) {
    ARROWPACK_RETURN_NOT_OK(Reserve(count));
    UnsafeAppendN(count, bit);
    return Status::OK();
  }
  // Reserved bytes are kept zeroed, so appending a set bit only ORs and a cleared bit only counts.
  void UnsafeAppend(bool bit) {
    if (bit) {
      bit_util::SetBit(bytes_.mutable_data(), length_);
    } else {
      ++false_count_;
    }
    ++length_;
  }
  void UnsafeAppendN(int64_t count, bool bit);
  /// Appends one bit per byte of `bytes` (non-zero sets the bit).
  void UnsafeAppendBytes(const uint8_t* bytes, int64_t count);

  const uint8_t* data() const { return bytes_.data(); }
  int64_t length() const { return length_; }
  int64_t false_count() const { return false_count_; }

  /// A buffer of BytesForBits(length()) bytes; the builder is reset.
  Result<std::shared_ptr<Buffer>> Finish();
  void Reset();

 private:
  Status Grow(int64_t additional);

  BufferBuilder bytes_;  // length() counts the zeroed bytes ready for bits
  int64_t length_ = 0;
  int64_t false_count_ = 0;
};

}  // namespace arrowpack
