// The per-thread spare blocks of RecycledAllocator (see recycled_allocator_internal.h). The list
// itself is trivially destructible, so that buffers released by other thread-exit destructors
// (after this thread's spares are freed) still find it, closed, and free their blocks directly.
#include "arrowpack/core/recycled_allocator_internal.h"

namespace arrowpack::internal {

namespace {

constexpr int kMaxSpareBlocks = 8;

struct SpareBlocks {
  void* blocks[kMaxSpareBlocks];
  int count;
  bool closer_registered;
  bool closed;  // the thread is exiting: blocks are freed, not kept
};

thread_local SpareBlocks spare_blocks;  // zero-initialised

struct SpareBlocksCloser {
  ~SpareBlocksCloser() {
    SpareBlocks& spare = spare_blocks;
    while (spare.count > 0) ::operator delete(spare.blocks[--spare.count]);
    spare.closed = true;
  }
};

}  // namespace

void* TakeRecycledBlock() {
  SpareBlocks& spare = spare_blocks;
  if (spare.count > 0) return spare.blocks[--spare.count];
  return ::operator new(kRecycledBlockBytes);
}

void GiveRecycledBlock(void* block) noexcept {
  SpareBlocks& spare = spare_blocks;
  if (spare.count == kMaxSpareBlocks || spare.closed) return ::operator delete(block);
  if (!spare.closer_registered) {
    static thread_local SpareBlocksCloser closer;  // constructed here, destroyed at thread exit
    static_cast<void>(closer);
    spare.closer_registered = true;
  }
  spare.blocks[spare.count++] = block;
}

}  // namespace arrowpack::internal
