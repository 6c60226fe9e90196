// Shared by the fuzz targets: read options that keep a run inside libFuzzer's memory limit and
// the system allocator, so that AddressSanitizer sees every heap access.
#pragma once

#include <cstdlib>

#include "arrowpack/ipc/options.h"

namespace arrowpack::fuzz {

// Called from LLVMFuzzerInitialize, before the default pool is first used.
inline void UseSystemAllocator() { setenv("ARROWPACK_DEFAULT_MEMORY_POOL", "system", 0); }

// validate_full: a batch the reader returns must be fully valid. The allocation cap stays well
// under -rss_limit_mb so a claimed-but-honoured huge buffer is not mistaken for a leak.
inline ipc::IpcReadOptions FuzzReadOptions() {
  ipc::IpcReadOptions options;
  options.validate_full = true;
  options.max_allocation = int64_t{64} << 20;
  return options;
}

}  // namespace arrowpack::fuzz
