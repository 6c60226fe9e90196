// Concatenate: copies arrays of one type end to end into a new array whose buffers come from
// `pool` (default pool when nullptr). Child values, binary-view data buffers and dictionaries are
// shared where the layout allows; offsets, run ends and view buffer indices are rebased.
#pragma once

#include "arrowpack/core/array.h"

namespace arrowpack {

/// Invalid if `arrays` is empty, the types differ, or offsets/run ends would overflow their
/// width; NotImplemented for dictionary arrays whose dictionaries differ.
Result<ArrayPtr> Concatenate(const ArrayVector& arrays, MemoryPool* pool = nullptr);

}  // namespace arrowpack
