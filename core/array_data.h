// ArrayData: the type, length, offset, buffers, children and dictionary of one Arrow array, as
// in the columnar spec. Buffers are shared and never copied by slicing. buffers[0] is the
// validity bitmap (nullptr when there are no nulls) for every type whose layout has one.
// ArrayData does not validate itself; see Array::Validate / ValidateFull.
#pragma once

#include <memory>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/type.h"

namespace arrowpack {

constexpr int64_t kUnknownNullCount = -1;

struct ArrayData {
  TypePtr type;
  int64_t length = 0;
  /// Cached; kUnknownNullCount until computed from the bitmap by GetNullCount().
  mutable int64_t null_count = kUnknownNullCount;
  int64_t offset = 0;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<std::shared_ptr<ArrayData>> child_data;
  /// Values of a dictionary-encoded array (nullptr otherwise).
  std::shared_ptr<ArrayData> dictionary;

  static std::shared_ptr<ArrayData> Make(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                                         int64_t null_count = kUnknownNullCount, int64_t offset = 0);
  static std::shared_ptr<ArrayData> Make(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                                         std::vector<std::shared_ptr<ArrayData>> child_data,
                                         int64_t null_count = kUnknownNullCount, int64_t offset = 0);

  /// A zero-copy view of rows [offset, offset + length) of this array; the caller checked bounds.
  std::shared_ptr<ArrayData> Slice(int64_t offset, int64_t length) const;
  /// Nulls per the validity bitmap (null type: length; unions and run-end encoded: 0).
  int64_t GetNullCount() const;

  /// Typed pointer to buffer `i` shifted by the array offset (nullptr for an absent buffer).
  template <typename T>
  const T* GetValues(int i) const {
    return buffers[i] ? reinterpret_cast<const T*>(buffers[i]->data()) + offset : nullptr;
  }
  template <typename T>
  const T* GetValuesNoOffset(int i) const {
    return buffers[i] ? reinterpret_cast<const T*>(buffers[i]->data()) : nullptr;
  }
};

using ArrayDataPtr = std::shared_ptr<ArrayData>;

}  // namespace arrowpack
