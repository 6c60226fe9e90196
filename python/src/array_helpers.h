// Small buffer-level building blocks for arrays the bindings create (masks, validity copies,
// boolean results, zero-copy offset views). Buffers come from the default memory pool;
// allocation failures raise ArrowMemoryError. GIL required (errors are Python exceptions).
#pragma once

#include <cstdint>
#include <memory>

#include "arrowpack/core/array.h"

namespace arrowpack::python {

/// A zeroed bitmap of `length` bits.
std::shared_ptr<Buffer> AllocateBitmap(int64_t length);

/// The validity of `array` as a bitmap starting at bit 0, or nullptr when it has no nulls.
std::shared_ptr<Buffer> CopyValidity(const Array& array);

/// A validity bitmap from a boolean mask array (true = null); nullptr when nothing is masked.
/// Null mask entries count as valid. ArrowInvalid unless the mask is boolean of `length`.
std::shared_ptr<Buffer> ValidityFromMask(const Array& mask, int64_t length);

/// `array` with its validity ANDed with `validity` (bit 0 = row 0; nullptr: unchanged).
ArrayPtr AndValidity(const ArrayPtr& array, const std::shared_ptr<Buffer>& validity);

/// A BooleanArray (no nulls) whose row i is predicate(i).
template <typename Predicate>
ArrayPtr MakeBooleanArray(int64_t length, Predicate&& predicate) {
  std::shared_ptr<Buffer> bits = AllocateBitmap(length);
  for (int64_t i = 0; i < length; ++i) {
    if (predicate(i)) bit_util::SetBit(bits->mutable_data(), i);
  }
  return MakeArray(ArrayData::Make(boolean(), length, {nullptr, std::move(bits)}, 0));
}

/// The `count` values of fixed-width buffer `index` from the array's offset on, as an array of
/// `offset_type` (int8/int32/int64; zero-copy).
ArrayPtr OffsetsView(const Array& array, int index, int64_t count, const TypePtr& offset_type);

/// An array of length 0 of any type (children and dictionary empty too).
ArrayPtr MakeEmptyArray(const TypePtr& type);

/// Sum of the bytes the array's rows reference (pyarrow's nbytes: slices count only their part).
int64_t ReferencedBytes(const ArrayData& data);

}  // namespace arrowpack::python
