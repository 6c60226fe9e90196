// The libFuzzer entry points every fuzz target shares. Included by exactly one file per target
// (it defines them): LLVMFuzzerInitialize switches to the system allocator so AddressSanitizer
// sees every heap access, and LLVMFuzzerTestOneInput wraps the input in a zero-copy Buffer and
// hands it to the target's FuzzOneInput. Readers' errors are expected; crashes and sanitizer
// reports are the findings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "arrowpack/core/buffer.h"
#include "fuzz_common.h"

namespace arrowpack::fuzz {

/// Defined by each target: reads `input` (the fuzzer's bytes, not owned) in its own way and
/// returns libFuzzer's verdict (0 keeps the input).
int FuzzOneInput(const std::shared_ptr<Buffer>& input);

}  // namespace arrowpack::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  arrowpack::fuzz::UseSystemAllocator();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return arrowpack::fuzz::FuzzOneInput(std::make_shared<arrowpack::Buffer>(data, static_cast<int64_t>(size)));
}
