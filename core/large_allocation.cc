// The large-block path of every MemoryPool: anonymous private mappings, advised for transparent
// huge pages, resized in place or moved by the kernel (mremap) instead of copied. The last four
// freed blocks (1 GiB at most together) are kept (the pages of those from 32 MiB marked MADV_FREE,
// so the kernel may still reclaim them under memory pressure) and handed to the next allocations they fit: a
// program that repeatedly builds big buffers of similar size (to_buffer of the same object,
// message after message, decompressed IPC buffers batch after batch) then writes into pages that
// are already mapped, instead of paying a page fault and the kernel's zeroing per page each time.
// A block that grows past its mapping takes a retained block of up to four times the new size
// whole (its contents copied over) instead of mapping fresh pages, so a buffer that doubles again
// and again (a BufferOutputStream sink) grows inside pages the previous one already touched.
// Allocated memory is uninitialized.
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

#include "arrowpack/core/memory_pool_internal.h"

namespace arrowpack {

namespace {

int64_t MappedLength(int64_t size) {
  static const int64_t page = sysconf(_SC_PAGESIZE);
  return (size + page - 1) / page * page;
}

void AdviseHugePages(void* address, int64_t length) {
#ifdef MADV_HUGEPAGE
  // Best effort: without THP support the mapping simply uses normal pages.
  (void)madvise(address, static_cast<size_t>(length), MADV_HUGEPAGE);
#endif
}

// Freed blocks kept for reuse: up to kMaxRetainedBlocks of them, kMaxRetainedBytes together
// (the oldest goes first). Every large block qualifies, so a reader that decompresses 8 MiB
// buffers batch after batch reuses the pages of the batch before.
constexpr int kMaxRetainedBlocks = 4;
constexpr int64_t kMaxRetainedBytes = int64_t{1} << 30;

// Retained blocks from this size on are handed back to the kernel's lazy-free list (MADV_FREE);
// smaller ones (128 MiB at most together) stay as they are: writing into a lazily freed page first
// has to mark it dirty again, which made a reused few-MB to_buffer() ~30% slower than a plain copy.
constexpr int64_t kLazyFreeLength = int64_t{32} << 20;

struct RetainedBlock {
  uint8_t* address = nullptr;  // nullptr: an empty slot
  int64_t length = 0;
  uint64_t age = 0;  // when it was retained (larger: more recent)
};

// A growing block may take a retained block of up to this many times its new size, kept whole.
constexpr int64_t kMaxGrowthTakeFactor = 4;

// A block handed out whole, so its mapping is longer than its size rounded to pages (at most
// kMaxRetainedBlocks of them live at once; when all slots are in use growth maps fresh pages).
struct LentBlock {
  uint8_t* address = nullptr;  // nullptr: an empty slot
  int64_t length = 0;
};

struct RetainedBlocks {
  std::mutex mutex;
  RetainedBlock blocks[kMaxRetainedBlocks];
  LentBlock lent[kMaxRetainedBlocks];
  int64_t total = 0;
  uint64_t clock = 0;
};

RetainedBlocks& Retained() {
  static RetainedBlocks retained;
  return retained;
}

// The smallest retained block holding between `length` and `longest` bytes, taken out of the
// cache (retained.mutex held); nullptr if there is none.
RetainedBlock* SmallestRetained(RetainedBlocks& retained, int64_t length, int64_t longest) {
  RetainedBlock* best = nullptr;
  for (RetainedBlock& block : retained.blocks) {
    if (block.address == nullptr || block.length < length || block.length > longest) continue;
    if (best == nullptr || block.length < best->length) best = &block;
  }
  return best;
}

// The smallest retained mapping holding between length and twice length bytes, cut to `length`
// bytes; nullptr if there is none (a much bigger block stays for a request that needs it).
uint8_t* TakeRetained(int64_t length) {
  RetainedBlocks& retained = Retained();
  std::unique_lock<std::mutex> lock(retained.mutex);
  RetainedBlock* best = SmallestRetained(retained, length, 2 * length);
  if (best == nullptr) return nullptr;
  uint8_t* out = best->address;
  const int64_t excess = best->length - length;
  retained.total -= best->length;
  *best = RetainedBlock{};
  lock.unlock();
  if (excess > 0) munmap(out + length, static_cast<size_t>(excess));
  return out;
}

// For a block growing to `length` bytes: the smallest retained mapping of up to
// kMaxGrowthTakeFactor times that, whole (recorded as lent); nullptr if there is none or every
// lent slot is in use.
uint8_t* TakeRetainedWhole(int64_t length) {
  RetainedBlocks& retained = Retained();
  std::lock_guard<std::mutex> lock(retained.mutex);
  LentBlock* slot = nullptr;
  for (LentBlock& lent : retained.lent) {
    if (lent.address == nullptr) slot = &lent;
  }
  RetainedBlock* best = slot == nullptr ? nullptr : SmallestRetained(retained, length, kMaxGrowthTakeFactor * length);
  if (best == nullptr) return nullptr;
  *slot = LentBlock{best->address, best->length};
  retained.total -= best->length;
  *best = RetainedBlock{};
  return slot->address;
}

// The length of the mapping at `address` (a block of `size` bytes), forgetting that it was lent.
int64_t ReturnMapping(uint8_t* address, int64_t size) {
  RetainedBlocks& retained = Retained();
  std::lock_guard<std::mutex> lock(retained.mutex);
  for (LentBlock& lent : retained.lent) {
    if (lent.address == address) {
      const int64_t length = lent.length;
      lent = LentBlock{};
      return length;
    }
  }
  return MappedLength(size);
}

// The length of the mapping at `address` (a block of `size` bytes).
int64_t MappingOf(uint8_t* address, int64_t size) {
  RetainedBlocks& retained = Retained();
  std::lock_guard<std::mutex> lock(retained.mutex);
  for (const LentBlock& lent : retained.lent) {
    if (lent.address == address) return lent.length;
  }
  return MappedLength(size);
}

// Keeps the mapping [address, address + length), unmapping the oldest retained ones as needed
// to stay within the slots and the byte budget.
void Retain(uint8_t* address, int64_t length) {
#ifdef MADV_FREE
  if (length >= kLazyFreeLength) (void)madvise(address, static_cast<size_t>(length), MADV_FREE);
#endif
  RetainedBlock evicted[kMaxRetainedBlocks];
  int num_evicted = 0;
  {
    RetainedBlocks& retained = Retained();
    std::lock_guard<std::mutex> lock(retained.mutex);
    while (true) {
      RetainedBlock* empty = nullptr;
      RetainedBlock* oldest = nullptr;
      for (RetainedBlock& block : retained.blocks) {
        if (block.address == nullptr) {
          empty = &block;
        } else if (oldest == nullptr || block.age < oldest->age) {
          oldest = &block;
        }
      }
      if (empty != nullptr && retained.total + length <= kMaxRetainedBytes) {
        *empty = RetainedBlock{address, length, ++retained.clock};
        retained.total += length;
        break;
      }
      retained.total -= oldest->length;
      evicted[num_evicted++] = *oldest;
      *oldest = RetainedBlock{};
    }
  }
  for (int i = 0; i < num_evicted; ++i) munmap(evicted[i].address, static_cast<size_t>(evicted[i].length));
}

}  // namespace

Status AllocateLarge(int64_t size, uint8_t** out) {
  const int64_t length = MappedLength(size);
  if (uint8_t* reused = TakeRetained(length)) {
    *out = reused;
    return Status::OK();
  }
  void* address = mmap(nullptr, static_cast<size_t>(length), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) return Status::OutOfMemory("mapping ", size, " bytes failed");
  AdviseHugePages(address, length);
  *out = static_cast<uint8_t*>(address);
  return Status::OK();
}

Status ReallocateLarge(int64_t old_size, int64_t new_size, uint8_t** ptr) {
  const int64_t mapped = MappingOf(*ptr, old_size);
  const int64_t new_length = MappedLength(new_size);
  if (new_length == mapped) return Status::OK();
  const int64_t old_length = MappedLength(old_size);
  if (mapped != old_length && new_length < mapped && (new_length > old_length || new_length >= mapped / 2)) {
    return Status::OK();  // a lent mapping holds the growth, or a shrink that keeps half of it
  }
  if (new_length > mapped) {
    if (uint8_t* taken = TakeRetainedWhole(new_length)) {
      // Copying the old bytes costs less than faulting in the pages they grow into.
      std::memcpy(taken, *ptr, static_cast<size_t>(old_size));
      FreeLarge(*ptr, old_size);
      *ptr = taken;
      return Status::OK();
    }
  }
  void* address = mremap(*ptr, static_cast<size_t>(mapped), static_cast<size_t>(new_length), MREMAP_MAYMOVE);
  if (address == MAP_FAILED) return Status::OutOfMemory("remapping ", old_size, " to ", new_size, " bytes failed");
  ReturnMapping(*ptr, old_size);  // the mapping is now exactly new_length bytes long
  if (new_length > mapped) AdviseHugePages(address, new_length);
  *ptr = static_cast<uint8_t*>(address);
  return Status::OK();
}

void FreeLarge(uint8_t* buffer, int64_t size) {
  const int64_t length = ReturnMapping(buffer, size);
  if (length <= kMaxRetainedBytes) {
    Retain(buffer, length);
  } else {
    munmap(buffer, static_cast<size_t>(length));
  }
}

}  // namespace arrowpack
