// Buffer accounting shared by RecordBatch::nbytes and Table::nbytes.
#pragma once

#include "arrowpack/core/array_data.h"

namespace arrowpack::internal {

/// Sum of the sizes of every buffer referenced by `data`, its children and its dictionary
/// (a buffer referenced twice counts twice; slicing does not shrink the count).
int64_t TotalBufferSize(const ArrayData& data);

}  // namespace arrowpack::internal
