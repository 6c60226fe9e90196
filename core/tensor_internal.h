// Element walks and typed element tests shared by Tensor and SparseTensor.
#pragma once

#include <cstdint>
#include <vector>

#include "arrowpack/core/type_fwd.h"

namespace arrowpack::internal {

/// Calls visit(index, byte_offset) for every element of a shape/strides layout, walking the axes
/// in the order given by `axes` (outermost first; `index` is indexed by axis, not by level).
template <typename Visit>
void ForEachElement(const std::vector<int64_t>& shape, const std::vector<int64_t>& strides,
                    const std::vector<int64_t>& axes, Visit&& visit) {
  for (int64_t extent : shape) {
    if (extent == 0) return;
  }
  std::vector<int64_t> index(shape.size(), 0);
  int64_t offset = 0;
  while (true) {
    visit(index, offset);
    int level = static_cast<int>(axes.size()) - 1;
    for (; level >= 0; --level) {
      const int64_t axis = axes[level];
      if (++index[axis] < shape[axis]) {
        offset += strides[axis];
        break;
      }
      offset -= (shape[axis] - 1) * strides[axis];
      index[axis] = 0;
    }
    if (level < 0) return;
  }
}

/// 0, 1, ..., n - 1.
std::vector<int64_t> IdentityAxes(int n);

/// Typed tests on one element of a tensor value type (see is_tensor_value_type).
using ElementIsNonZero = bool (*)(const uint8_t* value);
using ElementsEqual = bool (*)(const uint8_t* left, const uint8_t* right);
ElementIsNonZero NonZeroTest(TypeId id);
ElementsEqual EqualityTest(TypeId id);

}  // namespace arrowpack::internal
