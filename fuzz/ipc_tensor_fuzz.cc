// Tensor and SparseTensor messages: the same bytes are read as a dense tensor and as a sparse
// one (at most one can succeed; the other must fail cleanly), and whatever is read is visited
// element by element so that views reaching outside the input show up.
#include <cstdint>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/tensor_io.h"
#include "fuzz_target.h"

namespace {

using namespace arrowpack;

// Visiting is skipped for huge (e.g. zero-stride) tensors: it would only time out.
constexpr int64_t kMaxVisitedElements = int64_t{1} << 22;

}  // namespace

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& buffer) {
  {
    io::BufferReader input(buffer);
    auto tensor = ipc::ReadTensor(&input, FuzzReadOptions());
    if (tensor.ok() && (*tensor)->size() <= kMaxVisitedElements) (void)(*tensor)->CountNonZero();
  }
  {
    io::BufferReader input(buffer);
    auto sparse = ipc::ReadSparseTensor(&input, FuzzReadOptions());
    if (sparse.ok() && (*sparse)->size() <= kMaxVisitedElements) {
      auto dense = (*sparse)->ToTensor();
      if (dense.ok()) (void)(*dense)->CountNonZero();
    }
  }
  return 0;
}
