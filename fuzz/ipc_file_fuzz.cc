// File format: open the footer, read every batch (dictionaries on first use) and check each
// with ValidateFull.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  arrowpack::fuzz::UseSystemAllocator();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace arrowpack;
  auto input = std::make_shared<io::BufferReader>(std::make_shared<Buffer>(data, static_cast<int64_t>(size)));
  auto reader = ipc::RecordBatchFileReader::Open(input, fuzz::FuzzReadOptions());
  if (!reader.ok()) return 0;
  for (int i = 0; i < (*reader)->num_record_batches(); ++i) {
    auto batch = (*reader)->ReadRecordBatch(i);
    if (!batch.ok()) continue;  // a bad batch must not stop the others from being tried
    if (!(*batch)->ValidateFull().ok()) std::abort();
  }
  return 0;
}
