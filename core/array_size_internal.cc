#include "arrowpack/core/array_size_internal.h"

namespace arrowpack::internal {

int64_t TotalBufferSize(const ArrayData& data) {
  int64_t total = 0;
  for (const auto& buffer : data.buffers) {
    if (buffer != nullptr) total += buffer->size();
  }
  for (const auto& child : data.child_data) total += TotalBufferSize(*child);
  if (data.dictionary != nullptr) total += TotalBufferSize(*data.dictionary);
  return total;
}

}  // namespace arrowpack::internal
