// Stream format: the pull reader over the whole input, then the push decoder fed the same bytes
// in pieces whose sizes come from the input itself. Every batch either reader returns must pass
// ValidateFull; errors are fine, crashes and sanitizer reports are not.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "fuzz_target.h"

namespace {

using namespace arrowpack;

void ReadWithStreamReader(const std::shared_ptr<Buffer>& input) {
  auto reader = ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(input), fuzz::FuzzReadOptions());
  if (!reader.ok()) return;
  while (true) {
    auto batch = (*reader)->ReadNext();
    if (!batch.ok() || *batch == nullptr) return;
    if (!(*batch)->ValidateFull().ok()) std::abort();  // the reader promised a valid batch
  }
}

class ValidatingListener : public ipc::StreamDecoder::Listener {
 public:
  Status OnRecordBatchDecoded(RecordBatchPtr batch) override {
    if (!batch->ValidateFull().ok()) std::abort();
    return Status::OK();
  }
};

// Piece sizes cycle through the first bytes of the input (1..64), so both reads that split a
// message and reads that hold several are exercised.
void ReadWithDecoder(const uint8_t* data, size_t size) {
  ipc::StreamDecoder decoder(std::make_shared<ValidatingListener>(), fuzz::FuzzReadOptions());
  size_t position = 0;
  size_t step = 0;
  while (position < size) {
    const size_t piece = std::min<size_t>(size - position, 1 + data[step++ % size] % 64);
    if (!decoder.Consume(data + position, static_cast<int64_t>(piece)).ok()) return;
    position += piece;
  }
}

}  // namespace

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& input) {
  ReadWithStreamReader(input);
  if (input->size() > 0) ReadWithDecoder(input->data(), static_cast<size_t>(input->size()));
  return 0;
}
