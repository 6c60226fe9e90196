#include "arrowpack/core/buffer.h"

#include <algorithm>

#include "arrowpack/core/recycled_allocator_internal.h"

namespace arrowpack {

namespace {

// A buffer that owns a pool allocation; capacity is a multiple of 64 and the padding is zeroed.
class PoolBuffer final : public ResizableBuffer {
 public:
  explicit PoolBuffer(MemoryPool* pool) : pool_(pool) {}
  ~PoolBuffer() override {
    if (allocation_ != nullptr) pool_->Free(allocation_, capacity_);
  }

  Status Reserve(int64_t new_capacity) override {
    if (new_capacity < 0) return Status::Invalid("negative buffer capacity ", new_capacity);
    if (allocation_ != nullptr && new_capacity <= capacity_) return Status::OK();
    const int64_t rounded = RoundUpToMultipleOf64(new_capacity);
    if (allocation_ == nullptr) {
      ARROWPACK_RETURN_NOT_OK(pool_->Allocate(rounded, &allocation_));
    } else {
      ARROWPACK_RETURN_NOT_OK(pool_->Reallocate(capacity_, rounded, &allocation_));
    }
    data_ = allocation_;
    capacity_ = rounded;
    return Status::OK();
  }

  Status Resize(int64_t new_size, bool shrink_to_fit) override {
    if (new_size < 0) return Status::Invalid("negative buffer size ", new_size);
    if (allocation_ != nullptr && shrink_to_fit && new_size <= capacity_) {
      const int64_t rounded = RoundUpToMultipleOf64(new_size);
      if (rounded != capacity_) {
        ARROWPACK_RETURN_NOT_OK(pool_->Reallocate(capacity_, rounded, &allocation_));
        data_ = allocation_;
        capacity_ = rounded;
      }
    } else {
      ARROWPACK_RETURN_NOT_OK(Reserve(new_size));
    }
    ZeroPadding(new_size);
    size_ = new_size;
    return Status::OK();
  }

 private:
  void ZeroPadding(int64_t new_size) {
    if (capacity_ > new_size) std::memset(allocation_ + new_size, 0, static_cast<size_t>(capacity_ - new_size));
  }

  MemoryPool* pool_;
  uint8_t* allocation_ = nullptr;
};

// Keeps a moved-in container (string or vector) alive as the buffer's storage.
template <typename Container>
class ContainerBuffer final : public Buffer {
 public:
  explicit ContainerBuffer(Container data) : storage_(std::move(data)) {
    data_ = reinterpret_cast<const uint8_t*>(storage_.data());
    size_ = capacity_ = static_cast<int64_t>(storage_.size());
  }

 private:
  Container storage_;
};

class ForeignBuffer final : public Buffer {
 public:
  ForeignBuffer(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner, bool is_mutable)
      : owner_(std::move(owner)) {
    data_ = data;
    size_ = capacity_ = size;
    is_mutable_ = is_mutable;
  }

 private:
  std::shared_ptr<const void> owner_;
};

}  // namespace

Buffer::Buffer(std::shared_ptr<Buffer> parent, int64_t offset, int64_t size)
    : is_mutable_(false), data_(parent->data() + offset), size_(size), capacity_(size), parent_(std::move(parent)) {}

MutableBuffer::MutableBuffer(std::shared_ptr<Buffer> parent, int64_t offset, int64_t size)
    : Buffer(std::move(parent), offset, size) {
  is_mutable_ = true;
}

bool Buffer::Equals(const Buffer& other) const {
  return size_ == other.size_ && (data_ == other.data_ || std::memcmp(data_, other.data_, static_cast<size_t>(size_)) == 0);
}

bool Buffer::Equals(const Buffer& other, int64_t nbytes) const {
  return size_ >= nbytes && other.size_ >= nbytes &&
         (data_ == other.data_ || std::memcmp(data_, other.data_, static_cast<size_t>(nbytes)) == 0);
}

std::string Buffer::ToHexString() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(static_cast<size_t>(size_) * 2, '0');
  for (int64_t i = 0; i < size_; ++i) {
    hex[2 * i] = kDigits[data_[i] >> 4];
    hex[2 * i + 1] = kDigits[data_[i] & 0xF];
  }
  return hex;
}

Result<std::shared_ptr<Buffer>> Buffer::CopySlice(int64_t start, int64_t nbytes, MemoryPool* pool) const {
  if (start < 0 || nbytes < 0 || start > size_ || nbytes > size_ - start) {
    return Status::Invalid("copy range [", start, ", +", nbytes, ") is outside a buffer of size ", size_);
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto copy, AllocateBuffer(nbytes, pool));
  if (nbytes > 0) std::memcpy(copy->mutable_data(), data_ + start, static_cast<size_t>(nbytes));
  return std::shared_ptr<Buffer>(std::move(copy));
}

std::shared_ptr<Buffer> Buffer::FromString(std::string data) {
  return std::make_shared<ContainerBuffer<std::string>>(std::move(data));
}

std::shared_ptr<Buffer> Buffer::FromVector(std::vector<uint8_t> data) {
  return std::make_shared<ContainerBuffer<std::vector<uint8_t>>>(std::move(data));
}

std::shared_ptr<Buffer> Buffer::WrapForeign(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner,
                                            bool is_mutable) {
  return std::make_shared<ForeignBuffer>(data, size, std::move(owner), is_mutable);
}

std::shared_ptr<Buffer> SliceBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length) {
  return std::allocate_shared<Buffer>(internal::RecycledAllocator<Buffer>(), buffer, offset, length);
}

std::shared_ptr<Buffer> SliceBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset) {
  return SliceBuffer(buffer, offset, buffer->size() - offset);
}

Result<std::shared_ptr<Buffer>> SliceBufferChecked(const std::shared_ptr<Buffer>& buffer, int64_t offset,
                                                   int64_t length) {
  if (offset < 0 || length < 0 || offset > buffer->size() || length > buffer->size() - offset) {
    return Status::Invalid("slice [", offset, ", +", length, ") is outside a buffer of size ", buffer->size());
  }
  return SliceBuffer(buffer, offset, length);
}

std::shared_ptr<Buffer> SliceMutableBuffer(const std::shared_ptr<Buffer>& buffer, int64_t offset, int64_t length) {
  return std::allocate_shared<MutableBuffer>(internal::RecycledAllocator<MutableBuffer>(), buffer, offset, length);
}

Result<std::unique_ptr<ResizableBuffer>> AllocateResizableBuffer(int64_t size, MemoryPool* pool) {
  if (size < 0) return Status::Invalid("negative buffer size ", size);
  auto buffer = std::make_unique<PoolBuffer>(pool ? pool : default_memory_pool());
  ARROWPACK_RETURN_NOT_OK(buffer->Resize(size, /*shrink_to_fit=*/true));
  return std::unique_ptr<ResizableBuffer>(std::move(buffer));
}

Result<std::unique_ptr<Buffer>> AllocateBuffer(int64_t size, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(auto buffer, AllocateResizableBuffer(size, pool));
  return std::unique_ptr<Buffer>(std::move(buffer));
}

Result<std::shared_ptr<Buffer>> AllocateSharedBuffer(int64_t size, MemoryPool* pool) {
  if (size < 0) return Status::Invalid("negative buffer size ", size);
  auto buffer = std::allocate_shared<PoolBuffer>(internal::RecycledAllocator<PoolBuffer>(),
                                                 pool ? pool : default_memory_pool());
  ARROWPACK_RETURN_NOT_OK(buffer->Resize(size, /*shrink_to_fit=*/true));
  return std::shared_ptr<Buffer>(std::move(buffer));
}

}  // namespace arrowpack
