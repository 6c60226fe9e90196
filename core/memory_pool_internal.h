// Private to core/: limits shared by the memory pool backends and the large-block path that
// every pool uses for big allocations.
#pragma once

#include <cstdint>

#include "arrowpack/core/status.h"

namespace arrowpack {

// Larger requests are refused up front with OutOfMemory (guards against corrupt size fields).
constexpr uint64_t kMaxAllocationSize = uint64_t{1} << 46;

// Blocks of at least this size are mapped directly from the OS: they grow with mremap (no copy)
// and are backed by transparent huge pages, so first-touch page faults stay cheap.
constexpr int64_t kLargeAllocationThreshold = int64_t{4} << 20;

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer every block goes through the backend so overflows are reported.
constexpr bool kLargeAllocationPathEnabled = false;
#else
constexpr bool kLargeAllocationPathEnabled = true;
#endif

inline bool IsLargeAllocation(int64_t size, int64_t alignment) {
  return kLargeAllocationPathEnabled && size >= kLargeAllocationThreshold && alignment <= 4096;
}

Status AllocateLarge(int64_t size, uint8_t** out);
Status ReallocateLarge(int64_t old_size, int64_t new_size, uint8_t** ptr);
void FreeLarge(uint8_t* buffer, int64_t size);

}  // namespace arrowpack
