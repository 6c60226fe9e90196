#include "arrowpack/core/array_data.h"

#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/bit_util.h"

namespace arrowpack {

std::shared_ptr<ArrayData> ArrayData::Make(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                                           int64_t null_count, int64_t offset) {
  return Make(std::move(type), length, std::move(buffers), {}, null_count, offset);
}

std::shared_ptr<ArrayData> ArrayData::Make(TypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
                                           std::vector<std::shared_ptr<ArrayData>> child_data, int64_t null_count,
                                           int64_t offset) {
  auto data = std::make_shared<ArrayData>();
  data->type = std::move(type);
  data->length = length;
  data->null_count = null_count;
  data->offset = offset;
  data->buffers = std::move(buffers);
  data->child_data = std::move(child_data);
  return data;
}

std::shared_ptr<ArrayData> ArrayData::Slice(int64_t slice_offset, int64_t slice_length) const {
  auto sliced = std::make_shared<ArrayData>(*this);
  sliced->offset = offset + slice_offset;
  sliced->length = slice_length;
  // A known count survives only when it is trivially the same for every sub-range.
  if (internal::StorageType(*type).id() == TypeId::NA) {
    sliced->null_count = slice_length;
  } else if (null_count != 0) {
    sliced->null_count = kUnknownNullCount;
  }
  return sliced;
}

int64_t ArrayData::GetNullCount() const {
  if (null_count >= 0) return null_count;
  if (internal::StorageType(*type).id() == TypeId::NA) {
    null_count = length;
  } else if (!internal::HasValidityBitmap(*type) || buffers.empty() || buffers[0] == nullptr) {
    null_count = 0;
  } else {
    null_count = length - bit_util::CountSetBits(buffers[0]->data(), offset, length);
  }
  return null_count;
}

}  // namespace arrowpack
