#include "arrowpack/core/bit_util.h"

#include <bit>
#include <cstring>

namespace arrowpack::bit_util {

namespace {

// Reads 64 bits starting at bit `offset` (LSB-first) without touching bytes past `offset + 64`.
uint64_t LoadWord(const uint8_t* bits, int64_t offset) {
  const uint8_t* start = bits + (offset >> 3);
  const int shift = static_cast<int>(offset & 7);
  uint64_t word = 0;
  std::memcpy(&word, start, 8);
  if (shift == 0) return word;
  // The ninth byte is only read when the unaligned window spills into it.
  return (word >> shift) | (static_cast<uint64_t>(start[8]) << (64 - shift));
}

}  // namespace

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = 0;
  // Head: single bits up to a byte boundary, then whole aligned 64-bit words, then the tail.
  for (; i < length && ((offset + i) & 7) != 0; ++i) count += GetBit(bits, offset + i);
  const uint8_t* bytes = bits + ((offset + i) >> 3);
  for (; i + 64 <= length; i += 64, bytes += 8) {
    uint64_t word;
    std::memcpy(&word, bytes, 8);
    count += std::popcount(word);
  }
  for (; i + 8 <= length; i += 8, ++bytes) count += std::popcount(static_cast<unsigned>(*bytes));
  for (; i < length; ++i) count += GetBit(bits, offset + i);
  return count;
}

void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst, int64_t dst_offset) {
  if (length <= 0) return;
  if ((src_offset & 7) == 0 && (dst_offset & 7) == 0) {
    const int64_t whole_bytes = length >> 3;
    std::memcpy(dst + (dst_offset >> 3), src + (src_offset >> 3), static_cast<size_t>(whole_bytes));
    for (int64_t i = whole_bytes * 8; i < length; ++i) SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
    return;
  }
  for (int64_t i = 0; i < length; ++i) SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
}

bool BitmapEquals(const uint8_t* left, int64_t left_offset, const uint8_t* right, int64_t right_offset,
                  int64_t length) {
  if ((left_offset & 7) == 0 && (right_offset & 7) == 0) {
    const int64_t whole_bytes = length >> 3;
    if (std::memcmp(left + (left_offset >> 3), right + (right_offset >> 3), static_cast<size_t>(whole_bytes)) != 0) {
      return false;
    }
    for (int64_t i = whole_bytes * 8; i < length; ++i) {
      if (GetBit(left, left_offset + i) != GetBit(right, right_offset + i)) return false;
    }
    return true;
  }
  int64_t i = 0;
  // Unaligned: compare 64 bits at a time while a full 9-byte window stays inside both ranges.
  for (; i + 72 <= length; i += 64) {
    if (LoadWord(left, left_offset + i) != LoadWord(right, right_offset + i)) return false;
  }
  for (; i < length; ++i) {
    if (GetBit(left, left_offset + i) != GetBit(right, right_offset + i)) return false;
  }
  return true;
}

}  // namespace arrowpack::bit_util
