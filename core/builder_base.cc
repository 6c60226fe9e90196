#include "arrowpack/core/builder_base.h"

#include <algorithm>
#include <limits>

namespace arrowpack {

ArrayBuilder::ArrayBuilder(TypePtr type, MemoryPool* pool)
    : type_(std::move(type)), pool_(pool ? pool : default_memory_pool()), validity_(pool_) {}

Status ArrayBuilder::Grow(int64_t additional) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(additional));
  if (additional > std::numeric_limits<int64_t>::max() / 2 - length_) {
    return Status::CapacityError(type()->ToString(), " builder cannot hold ", additional, " more rows");
  }
  const int64_t capacity = std::max(length_ + additional, capacity_ * 2);
  ARROWPACK_RETURN_NOT_OK(ReserveRows(capacity));
  if (has_validity_) ARROWPACK_RETURN_NOT_OK(validity_.Reserve(capacity - validity_.length()));
  capacity_ = capacity;
  return Status::OK();
}

Status ArrayBuilder::MaterialiseValidity() {
  // Reserve up to the row capacity so Unsafe appends after an earlier Reserve() stay in bounds.
  ARROWPACK_RETURN_NOT_OK(validity_.Reserve(std::max(capacity_, length_)));
  validity_.UnsafeAppendN(length_, true);
  has_validity_ = true;
  return Status::OK();
}

Status ArrayBuilder::AppendValidityRun(int64_t count, bool valid) {
  ARROWPACK_RETURN_NOT_OK(Reserve(count));  // keeps length() within the reserved rows
  if (!valid) {
    if (!has_validity_) ARROWPACK_RETURN_NOT_OK(MaterialiseValidity());
    null_count_ += count;
  }
  if (has_validity_) ARROWPACK_RETURN_NOT_OK(validity_.AppendN(count, valid));
  length_ += count;
  return Status::OK();
}

Status ArrayBuilder::AppendValidityBytes(const uint8_t* valid_bytes, int64_t count) {
  if (valid_bytes == nullptr) return AppendValidityRun(count, true);
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  if (!has_validity_) {
    const uint8_t* end = valid_bytes + count;
    if (std::find(valid_bytes, end, 0) == end) return AppendValidityRun(count, true);
    ARROWPACK_RETURN_NOT_OK(MaterialiseValidity());
  }
  ARROWPACK_RETURN_NOT_OK(validity_.Reserve(count));
  const int64_t nulls_before = validity_.false_count();
  validity_.UnsafeAppendBytes(valid_bytes, count);
  null_count_ += validity_.false_count() - nulls_before;
  length_ += count;
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> ArrayBuilder::FinishValidity() {
  if (null_count_ == 0) return std::shared_ptr<Buffer>();
  return validity_.Finish();
}

Status ArrayBuilder::CheckCount(int64_t count) {
  if (count < 0) return Status::Invalid("cannot append or reserve a negative number of rows (", count, ")");
  return Status::OK();
}

Result<ArrayDataPtr> ArrayBuilder::FinishChild(int i, int64_t expected_length, const TypePtr& expected_type,
                                               const std::string& what) {
  ARROWPACK_ASSIGN_OR_RAISE(auto data, children_[i]->FinishData());
  if (expected_length >= 0 && data->length != expected_length) {
    return Status::Invalid(type()->name(), " builder: ", what, " has ", data->length, " values, expected ",
                           expected_length);
  }
  if (!data->type->Equals(*expected_type)) {
    return Status::Invalid(type()->name(), " builder: ", what, " has type ", data->type->ToString(),
                           ", expected ", expected_type->ToString());
  }
  return data;
}

Result<ArrayDataPtr> ArrayBuilder::FinishData() {
  auto result = FinishInternal();
  Reset();
  if (!result.ok()) return result.status();
  ArrayDataPtr data = std::move(result).MoveValueUnsafe();
  if (extension_type_) data->type = extension_type_;
  return data;
}

void ArrayBuilder::Reset() {
  length_ = 0;
  null_count_ = 0;
  capacity_ = 0;
  has_validity_ = false;
  validity_.Reset();
  for (auto& child : children_) child->Reset();
}

}  // namespace arrowpack
