// Private to core/: RecycledAllocator, the allocator of the control blocks (counts and Buffer
// object, one allocation) that AllocateSharedBuffer and SliceBuffer make for every buffer. Blocks
// of up to kRecycledBlockBytes are kept per thread (a few) for the next buffer instead of going
// back to malloc, which costs more than the rest of making a small buffer. Larger or array
// requests go to operator new / delete directly. Errors: allocate throws std::bad_alloc, as
// operator new does.
#pragma once

#include <cstddef>
#include <new>

namespace arrowpack::internal {

constexpr size_t kRecycledBlockBytes = 128;

/// A block of kRecycledBlockBytes: a spare one of this thread, else a new one.
void* TakeRecycledBlock();
/// Keeps `block` (from TakeRecycledBlock, on any thread) for this thread, or frees it.
void GiveRecycledBlock(void* block) noexcept;

template <typename T>
class RecycledAllocator {
 public:
  using value_type = T;

  RecycledAllocator() = default;
  template <typename U>
  RecycledAllocator(const RecycledAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    if (n == 1 && kRecycles) return static_cast<T*>(TakeRecycledBlock());
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* block, size_t n) noexcept {
    if (n == 1 && kRecycles) return GiveRecycledBlock(block);
    ::operator delete(block);
  }

  template <typename U>
  bool operator==(const RecycledAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr bool kRecycles =
      sizeof(T) <= kRecycledBlockBytes && alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__;
};

}  // namespace arrowpack::internal
