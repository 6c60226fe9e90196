#include "arrowpack/core/memory_pool.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "arrowpack/core/memory_pool_internal.h"

namespace arrowpack {

namespace {

// Zero-size allocations all point here, so callers always get a valid aligned address.
alignas(kDefaultBufferAlignment) uint8_t zero_size_area[kDefaultBufferAlignment];

bool IsValidAlignment(int64_t alignment) {
  return alignment >= static_cast<int64_t>(sizeof(void*)) && alignment <= 4096 && (alignment & (alignment - 1)) == 0;
}

class SystemMemoryPool final : public MemoryPool {
 public:
  std::string backend_name() const override { return "system"; }

 protected:
  Status DoAllocate(int64_t size, int64_t alignment, uint8_t** out) override {
    void* memory = nullptr;
    if (posix_memalign(&memory, static_cast<size_t>(alignment), static_cast<size_t>(size)) != 0) {
      return Status::OutOfMemory("malloc of size ", size, " failed");
    }
    *out = static_cast<uint8_t*>(memory);
    return Status::OK();
  }
  Status DoReallocate(int64_t old_size, int64_t new_size, int64_t alignment, uint8_t** ptr) override {
    // realloc() does not keep the alignment, so move the bytes into a fresh aligned block.
    uint8_t* fresh = nullptr;
    ARROWPACK_RETURN_NOT_OK(DoAllocate(new_size, alignment, &fresh));
    std::memcpy(fresh, *ptr, static_cast<size_t>(std::min(old_size, new_size)));
    std::free(*ptr);
    *ptr = fresh;
    return Status::OK();
  }
  void DoFree(uint8_t* buffer, int64_t, int64_t) override { std::free(buffer); }
};

// An atomic, not a mutex: every allocation without an explicit pool reads it.
std::atomic<MemoryPool*> default_pool_override{nullptr};

MemoryPool* PoolFromEnvironment() {
  const char* requested = std::getenv("ARROWPACK_DEFAULT_MEMORY_POOL");
  if (requested != nullptr && std::strcmp(requested, "system") == 0) return system_memory_pool();
  if (requested != nullptr && std::strcmp(requested, "mimalloc") != 0 && requested[0] != '\0') {
    std::fprintf(stderr, "arrowpack: unknown ARROWPACK_DEFAULT_MEMORY_POOL '%s', using the default\n", requested);
  }
  auto mimalloc = mimalloc_memory_pool();
  if (mimalloc.ok()) return *mimalloc;
  if (requested != nullptr && std::strcmp(requested, "mimalloc") == 0) {
    std::fprintf(stderr, "arrowpack: mimalloc requested but unavailable (%s), using system\n",
                 mimalloc.status().message().c_str());
  }
  return system_memory_pool();
}

}  // namespace

struct MemoryPool::Stats {
  std::atomic<int64_t> bytes_allocated{0};
  std::atomic<int64_t> max_memory{0};
  std::atomic<int64_t> total_bytes_allocated{0};
  std::atomic<int64_t> num_allocations{0};

  void Grow(int64_t delta) {
    int64_t now = bytes_allocated.fetch_add(delta) + delta;
    int64_t peak = max_memory.load();
    while (now > peak && !max_memory.compare_exchange_weak(peak, now)) {
    }
    if (delta > 0) total_bytes_allocated.fetch_add(delta);
  }
};

MemoryPool::MemoryPool() : stats_(new Stats) {}

Status MemoryPool::Allocate(int64_t size, int64_t alignment, uint8_t** out) {
  if (size < 0) return Status::Invalid("negative allocation size ", size);
  if (!IsValidAlignment(alignment)) return Status::Invalid("invalid allocation alignment ", alignment);
  if (size == 0) {
    *out = zero_size_area;
    return Status::OK();
  }
  if (static_cast<uint64_t>(size) > kMaxAllocationSize) {
    return Status::OutOfMemory("allocation of ", size, " bytes exceeds the maximum allocation size");
  }
  if (IsLargeAllocation(size, alignment)) {
    ARROWPACK_RETURN_NOT_OK(AllocateLarge(size, out));
  } else {
    ARROWPACK_RETURN_NOT_OK(DoAllocate(size, alignment, out));
  }
  stats_->Grow(size);
  stats_->num_allocations.fetch_add(1);
  return Status::OK();
}

Status MemoryPool::Reallocate(int64_t old_size, int64_t new_size, int64_t alignment, uint8_t** ptr) {
  if (new_size < 0) return Status::Invalid("negative reallocation size ", new_size);
  if (!IsValidAlignment(alignment)) return Status::Invalid("invalid allocation alignment ", alignment);
  if (old_size == 0) return Allocate(new_size, alignment, ptr);
  if (new_size == 0) {
    Free(*ptr, old_size, alignment);
    *ptr = zero_size_area;
    return Status::OK();
  }
  if (static_cast<uint64_t>(new_size) > kMaxAllocationSize) {
    return Status::OutOfMemory("reallocation to ", new_size, " bytes exceeds the maximum allocation size");
  }
  const bool was_large = IsLargeAllocation(old_size, alignment);
  const bool is_large = IsLargeAllocation(new_size, alignment);
  if (was_large && is_large) {
    ARROWPACK_RETURN_NOT_OK(ReallocateLarge(old_size, new_size, ptr));
  } else if (was_large || is_large) {
    // Crossing the threshold moves the block between the backend and the OS mapping path.
    uint8_t* fresh = nullptr;
    if (is_large) {
      ARROWPACK_RETURN_NOT_OK(AllocateLarge(new_size, &fresh));
    } else {
      ARROWPACK_RETURN_NOT_OK(DoAllocate(new_size, alignment, &fresh));
    }
    std::memcpy(fresh, *ptr, static_cast<size_t>(std::min(old_size, new_size)));
    was_large ? FreeLarge(*ptr, old_size) : DoFree(*ptr, old_size, alignment);
    *ptr = fresh;
  } else if (new_size < old_size && new_size >= old_size / 2) {
    // Shrinking by at most half keeps the block: both backends free by address alone, and
    // mimalloc 2.0's realloc would copy, since it compares with the block's usable size (2.5 MiB
    // for a 2 MiB request). BufferOutputStream::Finish shrinks every buffer it returns.
  } else {
    ARROWPACK_RETURN_NOT_OK(DoReallocate(old_size, new_size, alignment, ptr));
  }
  stats_->Grow(new_size - old_size);
  return Status::OK();
}

void MemoryPool::Free(uint8_t* buffer, int64_t size, int64_t alignment) {
  if (buffer == zero_size_area || size == 0) return;
  if (IsLargeAllocation(size, alignment)) {
    FreeLarge(buffer, size);
  } else {
    DoFree(buffer, size, alignment);
  }
  stats_->Grow(-size);
}

int64_t MemoryPool::bytes_allocated() const { return stats_->bytes_allocated.load(); }
int64_t MemoryPool::max_memory() const { return stats_->max_memory.load(); }
int64_t MemoryPool::total_bytes_allocated() const { return stats_->total_bytes_allocated.load(); }
int64_t MemoryPool::num_allocations() const { return stats_->num_allocations.load(); }

MemoryPool* system_memory_pool() {
  static auto* pool = new SystemMemoryPool();
  return pool;
}

MemoryPool* default_memory_pool() {
  static MemoryPool* from_environment = PoolFromEnvironment();
  MemoryPool* override_pool = default_pool_override.load(std::memory_order_acquire);
  return override_pool != nullptr ? override_pool : from_environment;
}

void set_default_memory_pool(MemoryPool* pool) {
  default_pool_override.store(pool, std::memory_order_release);
}

std::vector<std::string> SupportedMemoryBackendNames() {
  std::vector<std::string> names;
  if (mimalloc_memory_pool().ok()) names.push_back("mimalloc");
  names.push_back("system");
  return names;
}

}  // namespace arrowpack
