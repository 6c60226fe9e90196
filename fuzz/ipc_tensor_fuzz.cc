// Tensor and SparseTensor messages: the same bytes are read as a dense tensor and as a sparse
// one (at most one can succeed; the other must fail cleanly), and whatever is read is visited
// element by element so that views reaching outside the input show up.
#include <cstdint>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/tensor_io.h"
#include "fuzz_common.h"

namespace {

using namespace arrowpack;

// Visiting is skipped for huge (e.g. zero-stride) tensors: it would only time out.
constexpr int64_t kMaxVisitedElements = int64_t{1} << 22;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  arrowpack::fuzz::UseSystemAllocator();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto buffer = std::make_shared<Buffer>(data, static_cast<int64_t>(size));
  {
    io::BufferReader input(buffer);
    auto tensor = ipc::ReadTensor(&input, fuzz::FuzzReadOptions());
    if (tensor.ok() && (*tensor)->size() <= kMaxVisitedElements) (void)(*tensor)->CountNonZero();
  }
  {
    io::BufferReader input(buffer);
    auto sparse = ipc::ReadSparseTensor(&input, fuzz::FuzzReadOptions());
    if (sparse.ok() && (*sparse)->size() <= kMaxVisitedElements) {
      auto dense = (*sparse)->ToTensor();
      if (dense.ok()) (void)(*dense)->CountNonZero();
    }
  }
  return 0;
}
