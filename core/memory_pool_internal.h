// Private to core/: limits shared by the memory pool backends.
#pragma once

#include <cstdint>

namespace arrowpack {

// Larger requests are refused up front with OutOfMemory (guards against corrupt size fields).
constexpr uint64_t kMaxAllocationSize = uint64_t{1} << 46;

}  // namespace arrowpack
