// Bit-level helpers for validity bitmaps and boolean data (LSB-first bit order, as Arrow).
#pragma once

#include <cstdint>

namespace arrowpack::bit_util {

constexpr int64_t BytesForBits(int64_t bits) { return (bits + 7) >> 3; }
inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void SetBit(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void ClearBit(uint8_t* bits, int64_t i) { bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }
inline void SetBitTo(uint8_t* bits, int64_t i, bool value) { value ? SetBit(bits, i) : ClearBit(bits, i); }

/// Number of set bits in [offset, offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);
/// Copies `length` bits starting at `src_offset` to `dst` starting at `dst_offset`.
void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst, int64_t dst_offset);
/// True if the two bit ranges hold the same bits.
bool BitmapEquals(const uint8_t* left, int64_t left_offset, const uint8_t* right, int64_t right_offset,
                  int64_t length);

}  // namespace arrowpack::bit_util
