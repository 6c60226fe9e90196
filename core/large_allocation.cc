// The large-block path of every MemoryPool: anonymous private mappings, advised for transparent
// huge pages, resized in place or moved by the kernel (mremap) instead of copied. The most
// recently freed block of 32 MiB to 1 GiB is kept (its pages marked MADV_FREE, so the kernel may
// still reclaim them under memory pressure) and handed to the next allocation it fits: a
// program that repeatedly builds big buffers of similar size (to_buffer of the same object,
// message after message) then writes into pages that are already mapped, instead of paying a
// page fault and the kernel's zeroing per page each time. Allocated memory is uninitialized.
#include <sys/mman.h>
#include <unistd.h>

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

constexpr int64_t kMinRetainedLength = int64_t{32} << 20;
constexpr int64_t kMaxRetainedLength = int64_t{1} << 30;

// The one freed mapping kept for reuse (address nullptr when none).
struct RetainedBlock {
  std::mutex mutex;
  uint8_t* address = nullptr;
  int64_t length = 0;
};

RetainedBlock& Retained() {
  static RetainedBlock block;
  return block;
}

// The retained mapping cut to `length` bytes, or nullptr unless it holds between length and
// twice length (a much bigger block stays for a request that needs it).
uint8_t* TakeRetained(int64_t length) {
  RetainedBlock& retained = Retained();
  std::lock_guard<std::mutex> lock(retained.mutex);
  if (retained.address == nullptr || retained.length < length || retained.length > 2 * length) return nullptr;
  uint8_t* out = retained.address;
  if (retained.length > length) munmap(out + length, static_cast<size_t>(retained.length - length));
  retained.address = nullptr;
  retained.length = 0;
  return out;
}

// Keeps the mapping [address, address + length) in place of the one retained before (unmapped).
void Retain(uint8_t* address, int64_t length) {
#ifdef MADV_FREE
  (void)madvise(address, static_cast<size_t>(length), MADV_FREE);
#endif
  RetainedBlock& retained = Retained();
  std::unique_lock<std::mutex> lock(retained.mutex);
  uint8_t* previous = retained.address;
  const int64_t previous_length = retained.length;
  retained.address = address;
  retained.length = length;
  lock.unlock();
  if (previous != nullptr) munmap(previous, static_cast<size_t>(previous_length));
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
  const int64_t old_length = MappedLength(old_size);
  const int64_t new_length = MappedLength(new_size);
  if (old_length == new_length) return Status::OK();
  void* address = mremap(*ptr, static_cast<size_t>(old_length), static_cast<size_t>(new_length), MREMAP_MAYMOVE);
  if (address == MAP_FAILED) return Status::OutOfMemory("remapping ", old_size, " to ", new_size, " bytes failed");
  if (new_length > old_length) AdviseHugePages(address, new_length);
  *ptr = static_cast<uint8_t*>(address);
  return Status::OK();
}

void FreeLarge(uint8_t* buffer, int64_t size) {
  const int64_t length = MappedLength(size);
  if (length >= kMinRetainedLength && length <= kMaxRetainedLength) {
    Retain(buffer, length);
  } else {
    munmap(buffer, static_cast<size_t>(length));
  }
}

}  // namespace arrowpack
