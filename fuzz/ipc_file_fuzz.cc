// File format: open the footer, read every batch (dictionaries on first use) and check each
// with ValidateFull.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "fuzz_target.h"

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& input) {
  auto reader = ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(input), FuzzReadOptions());
  if (!reader.ok()) return 0;
  for (int i = 0; i < (*reader)->num_record_batches(); ++i) {
    auto batch = (*reader)->ReadRecordBatch(i);
    if (!batch.ok()) continue;  // a bad batch must not stop the others from being tried
    if (!(*batch)->ValidateFull().ok()) std::abort();
  }
  return 0;
}
