// MemoryPool: the allocator every arrowpack buffer comes from. Allocations are 64-byte aligned by
// default and accounted exactly (bytes_allocated, max_memory, totals). Pools are process-wide
// singletons that live until exit; callers never delete them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arrowpack/core/result.h"

namespace arrowpack {

/// Alignment of every allocation unless a caller asks for another power of two.
constexpr int64_t kDefaultBufferAlignment = 64;

class MemoryPool {
 public:
  virtual ~MemoryPool() = default;

  /// Allocates `size` bytes aligned to `alignment` (a power of two). Zero-size allocations return
  /// a shared aligned sentinel. OutOfMemory on failure or negative sizes (Invalid).
  Status Allocate(int64_t size, uint8_t** out) { return Allocate(size, kDefaultBufferAlignment, out); }
  Status Allocate(int64_t size, int64_t alignment, uint8_t** out);

  /// Resizes the allocation at *ptr (of `old_size` bytes) to `new_size`, keeping its contents.
  /// Shrinking to no less than half of `old_size` keeps the block where it is (no copy).
  Status Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) {
    return Reallocate(old_size, new_size, kDefaultBufferAlignment, ptr);
  }
  Status Reallocate(int64_t old_size, int64_t new_size, int64_t alignment, uint8_t** ptr);

  /// Returns memory obtained from this pool with the same size and alignment.
  void Free(uint8_t* buffer, int64_t size) { Free(buffer, size, kDefaultBufferAlignment); }
  void Free(uint8_t* buffer, int64_t size, int64_t alignment);

  /// Asks the allocator to give unused memory back to the OS (best effort).
  virtual void ReleaseUnused() {}

  int64_t bytes_allocated() const;
  int64_t max_memory() const;
  int64_t total_bytes_allocated() const;
  int64_t num_allocations() const;
  virtual std::string backend_name() const = 0;

 protected:
  MemoryPool();
  virtual Status DoAllocate(int64_t size, int64_t alignment, uint8_t** out) = 0;
  virtual Status DoReallocate(int64_t old_size, int64_t new_size, int64_t alignment, uint8_t** ptr) = 0;
  /// Must free by address alone: a block shrunk in place is freed with its smaller size.
  virtual void DoFree(uint8_t* buffer, int64_t size, int64_t alignment) = 0;

 private:
  struct Stats;
  Stats* stats_;  // owned; pools are never destroyed before exit
};

/// The pool used when a caller passes nullptr. Chosen once from ARROWPACK_DEFAULT_MEMORY_POOL
/// ("system" or "mimalloc"); falls back to the fastest available backend (mimalloc, then system).
MemoryPool* default_memory_pool();

/// Makes `pool` the default for later calls (nullptr restores the environment's choice).
void set_default_memory_pool(MemoryPool* pool);

/// The C library allocator (posix_memalign/realloc/free).
MemoryPool* system_memory_pool();

/// mimalloc, loaded at run time from the system's libmimalloc (never replaces the process malloc).
/// NotImplemented when the library is not installed.
Result<MemoryPool*> mimalloc_memory_pool();

/// Names accepted by ARROWPACK_DEFAULT_MEMORY_POOL that work on this machine.
std::vector<std::string> SupportedMemoryBackendNames();

}  // namespace arrowpack
