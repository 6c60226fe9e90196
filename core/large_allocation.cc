// The large-block path of every MemoryPool: anonymous private mappings, advised for transparent
// huge pages, resized in place or moved by the kernel (mremap) instead of copied.
#include <sys/mman.h>
#include <unistd.h>

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

}  // namespace

Status AllocateLarge(int64_t size, uint8_t** out) {
  const int64_t length = MappedLength(size);
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

void FreeLarge(uint8_t* buffer, int64_t size) { munmap(buffer, static_cast<size_t>(MappedLength(size))); }

}  // namespace arrowpack
