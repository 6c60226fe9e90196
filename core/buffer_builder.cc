#include "arrowpack/core/buffer_builder.h"

#include <algorithm>
#include <limits>

namespace arrowpack {

BufferBuilder::BufferBuilder(MemoryPool* pool) : pool_(pool ? pool : default_memory_pool()) {}

Status BufferBuilder::Grow(int64_t additional) {
  if (additional > std::numeric_limits<int64_t>::max() / 2 - length_) {
    return Status::CapacityError("buffer builder cannot grow by ", additional, " bytes");
  }
  // Doubling keeps the number of reallocations (and bytes copied) linear in the final size.
  const int64_t target = std::max(length_ + additional, capacity_ * 2);
  if (!buffer_) {
    ARROWPACK_ASSIGN_OR_RAISE(buffer_, AllocateResizableBuffer(0, pool_));
  }
  ARROWPACK_RETURN_NOT_OK(buffer_->Reserve(target));
  data_ = buffer_->mutable_data();
  capacity_ = buffer_->capacity();
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> BufferBuilder::Finish() {
  if (!buffer_) {
    ARROWPACK_ASSIGN_OR_RAISE(buffer_, AllocateResizableBuffer(0, pool_));
  }
  // Resize shrinks the allocation to the rounded length and zeroes the padding after it.
  ARROWPACK_RETURN_NOT_OK(buffer_->Resize(length_, /*shrink_to_fit=*/true));
  std::shared_ptr<Buffer> out = std::move(buffer_);
  Reset();
  return out;
}

void BufferBuilder::Reset() {
  buffer_.reset();
  data_ = nullptr;
  length_ = 0;
  capacity_ = 0;
}

Status BitmapBuilder::Grow(int64_t additional) {
  const int64_t needed = bit_util::BytesForBits(length_ + additional);
  ARROWPACK_RETURN_NOT_OK(bytes_.Reserve(needed - bytes_.length()));
  bytes_.UnsafeAppendZeros(bytes_.capacity() - bytes_.length());
  return Status::OK();
}

void BitmapBuilder::UnsafeAppendN(int64_t count, bool bit) {
  if (!bit) {
    false_count_ += count;
    length_ += count;
    return;
  }
  uint8_t* bits = bytes_.mutable_data();
  int64_t i = length_;
  const int64_t end = length_ + count;
  for (; i < end && (i & 7) != 0; ++i) bit_util::SetBit(bits, i);
  const int64_t whole_bytes = (end - i) >> 3;
  if (whole_bytes > 0) {
    std::memset(bits + (i >> 3), 0xFF, static_cast<size_t>(whole_bytes));
    i += whole_bytes << 3;
  }
  for (; i < end; ++i) bit_util::SetBit(bits, i);
  length_ = end;
}

void BitmapBuilder::UnsafeAppendBytes(const uint8_t* bytes, int64_t count) {
  uint8_t* bits = bytes_.mutable_data();
  for (int64_t i = 0; i < count; ++i) {
    const bool bit = bytes[i] != 0;
    bits[length_ >> 3] |= static_cast<uint8_t>(bit) << (length_ & 7);
    false_count_ += !bit;
    ++length_;
  }
}

Result<std::shared_ptr<Buffer>> BitmapBuilder::Finish() {
  bytes_.Truncate(bit_util::BytesForBits(length_));
  length_ = 0;
  false_count_ = 0;
  return bytes_.Finish();
}

void BitmapBuilder::Reset() {
  bytes_.Reset();
  length_ = 0;
  false_count_ = 0;
}

}  // namespace arrowpack
