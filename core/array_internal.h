// Helpers shared by the array implementation files (not installed API).
#pragma once

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "arrowpack/core/array.h"

namespace arrowpack::internal {

/// The type whose layout an array of `type` uses: the storage type for extensions.
inline const DataType& StorageType(const DataType& type) {
  const DataType* current = &type;
  while (current->id() == TypeId::EXTENSION) current = static_cast<const ExtensionType*>(current)->storage_type().get();
  return *current;
}

/// False for types whose buffers[0] is not a validity bitmap (null, unions, run-end encoded).
inline bool HasValidityBitmap(const DataType& type) {
  switch (StorageType(type).id()) {
    case TypeId::NA:
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION:
    case TypeId::RUN_END_ENCODED:
      return false;
    default:
      return true;
  }
}

/// Reads value `i` of an integer array data buffer of the given id, widened to int64 (uint64 wraps).
inline int64_t ReadInteger(TypeId id, const uint8_t* values, int64_t i) {
  switch (id) {
    case TypeId::INT8: return reinterpret_cast<const int8_t*>(values)[i];
    case TypeId::UINT8: return values[i];
    case TypeId::INT16: return reinterpret_cast<const int16_t*>(values)[i];
    case TypeId::UINT16: return reinterpret_cast<const uint16_t*>(values)[i];
    case TypeId::INT32: return reinterpret_cast<const int32_t*>(values)[i];
    case TypeId::UINT32: return reinterpret_cast<const uint32_t*>(values)[i];
    case TypeId::INT64: return reinterpret_cast<const int64_t*>(values)[i];
    case TypeId::UINT64: return static_cast<int64_t>(reinterpret_cast<const uint64_t*>(values)[i]);
    default: return 0;
  }
}

/// The 16-byte view of a binary_view/string_view slot: the size, then either the bytes inline
/// (size <= 12) or a 4-byte prefix, the variadic buffer index and the offset in that buffer.
struct BinaryView {
  int32_t size;
  char inlined[12];

  const char* prefix() const { return inlined; }
  int32_t buffer_index() const { return Int32At(4); }
  int32_t offset() const { return Int32At(8); }

 private:
  int32_t Int32At(int pos) const {
    int32_t value;
    std::memcpy(&value, inlined + pos, sizeof(value));
    return value;
  }
};
static_assert(sizeof(BinaryView) == 16);
constexpr int32_t kInlineViewSize = 12;

/// IEEE half precision bits to float (exact).
inline float HalfToFloat(uint16_t half) {
  const int exponent = (half >> 10) & 0x1F;
  const int mantissa = half & 0x3FF;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    magnitude = mantissa == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  }
  return (half & 0x8000) ? -magnitude : magnitude;
}

/// Decimal digits of a little-endian two's complement integer of `byte_width` bytes, with a
/// leading '-' when negative.
std::string FormatTwosComplement(const uint8_t* bytes, int32_t byte_width);

}  // namespace arrowpack::internal
