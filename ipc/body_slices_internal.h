// BodySlices: the Buffer objects of the slices a record batch takes from its message body, made
// in one allocation instead of one per slice. A slice handed out is an aliasing shared_ptr to its
// slot, so it keeps the whole block alive, and each slot keeps the body alive as its parent: no
// slice outlives its bytes, and the slots are destroyed together when the last slice goes.
// The caller sizes the block (one slot per buffer of the message) and checks full() before Add.
// Internal to ipc/.
#pragma once

#include <cstddef>
#include <memory>
#include <new>

#include "arrowpack/core/buffer.h"

namespace arrowpack::ipc::internal {

class BodySlices {
 public:
  explicit BodySlices(size_t capacity) : slots_(std::make_unique_for_overwrite<Slot[]>(capacity)), capacity_(capacity) {}
  ~BodySlices() {
    for (size_t i = 0; i < size_; ++i) std::launder(reinterpret_cast<Buffer*>(slots_[i].bytes))->~Buffer();
  }
  BodySlices(const BodySlices&) = delete;
  BodySlices& operator=(const BodySlices&) = delete;

  bool full() const { return size_ == capacity_; }

  /// Bytes [offset, offset + length) of `body` (bounds checked by the caller), owned by `self`;
  /// an empty buffer without data when `length` is 0.
  static std::shared_ptr<Buffer> Add(const std::shared_ptr<BodySlices>& self, const std::shared_ptr<Buffer>& body,
                                     int64_t offset, int64_t length) {
    void* slot = self->slots_[self->size_].bytes;
    Buffer* slice = length == 0 ? new (slot) Buffer(nullptr, 0) : new (slot) Buffer(body, offset, length);
    ++self->size_;
    return std::shared_ptr<Buffer>(self, slice);
  }

 private:
  struct Slot {
    alignas(Buffer) std::byte bytes[sizeof(Buffer)];
  };
  std::unique_ptr<Slot[]> slots_;
  size_t capacity_;
  size_t size_ = 0;
};

}  // namespace arrowpack::ipc::internal
