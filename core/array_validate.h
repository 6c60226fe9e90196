// Validation of ArrayData without building the Array wrappers (array_validate.cc): the checks of
// Array::Validate / ValidateFull (array.h) for readers that hold ArrayData, e.g. fresh from IPC.
// Errors: Invalid naming the type and what is wrong, as Array::Validate reports them.
#pragma once

#include <cstdint>

#include "arrowpack/core/array_data.h"
#include "arrowpack/core/status.h"

namespace arrowpack {

/// Array::Validate of `data` (O(1) per buffer).
Status ValidateArrayData(const ArrayData& data);
/// Array::ValidateFull of `data` (every offset, index, type code and UTF-8 byte).
Status ValidateArrayDataFull(const ArrayData& data);

namespace internal {

/// Whether bytes [0, size) are valid UTF-8, as ValidateFull checks strings.
bool IsValidUtf8(const uint8_t* bytes, int64_t size);
/// Whether bytes [0, size) are all below 0x80 (ASCII: valid UTF-8, one byte per character).
bool IsAscii(const uint8_t* bytes, int64_t size);
/// A UTF-8 continuation byte (10xxxxxx), which no character starts with.
inline bool IsUtf8Continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

}  // namespace internal

}  // namespace arrowpack
