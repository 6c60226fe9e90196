#include "arrowpack/core/builder_run_end.h"

#include <limits>

#include "arrowpack/core/builder_binary.h"

namespace arrowpack {

namespace {

const RunEndEncodedType& AsRunEndEncoded(const DataType& type) { return static_cast<const RunEndEncodedType&>(type); }

int64_t MaxRunEnd(TypeId run_end_type) {
  switch (run_end_type) {
    case TypeId::INT16: return std::numeric_limits<int16_t>::max();
    case TypeId::INT32: return std::numeric_limits<int32_t>::max();
    default: return std::numeric_limits<int64_t>::max();
  }
}

// Narrows the run ends to the run end type (whose range CheckRunEnd enforced).
template <typename RunEnd>
Result<std::shared_ptr<Buffer>> NarrowRunEnds(const int64_t* run_ends, int64_t count, MemoryPool* pool) {
  TypedBufferBuilder<RunEnd> out(pool);
  ARROWPACK_RETURN_NOT_OK(out.Reserve(count));
  for (int64_t i = 0; i < count; ++i) out.UnsafeAppend(static_cast<RunEnd>(run_ends[i]));
  return out.Finish();
}

}  // namespace

RunEndEncodedBuilder::RunEndEncodedBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> values_builder,
                                           MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool),
      max_run_end_(MaxRunEnd(AsRunEndEncoded(*type_).run_end_type()->id())),
      run_ends_(pool_) {
  children_.push_back(std::move(values_builder));
}

Status RunEndEncodedBuilder::CheckRunEnd(int64_t run_length) const {
  if (run_length > max_run_end_ - length_) {
    return Status::CapacityError(type()->ToString(), " builder: ", length_, " + ", run_length,
                                 " rows exceed the run end type's maximum of ", max_run_end_);
  }
  return Status::OK();
}

Status RunEndEncodedBuilder::StartRun(int64_t run_length, LastRun kind, std::string_view key) {
  ARROWPACK_RETURN_NOT_OK(CheckRunEnd(run_length));
  ARROWPACK_RETURN_NOT_OK(run_ends_.Append(length_ + run_length));
  length_ += run_length;
  last_run_ = kind;
  last_value_.assign(key);
  return Status::OK();
}

Status RunEndEncodedBuilder::ExtendLastRun(int64_t run_length) {
  ARROWPACK_RETURN_NOT_OK(CheckRunEnd(run_length));
  run_ends_.mutable_data()[run_ends_.length() - 1] += run_length;
  length_ += run_length;
  return Status::OK();
}

Status RunEndEncodedBuilder::ValueTypeError(const char* what) const {
  return Status::TypeError(type()->ToString(), " builder: cannot append a ", what, " value to ",
                           AsRunEndEncoded(*type_).value_type()->ToString(), " values");
}

Status RunEndEncodedBuilder::Append(std::string_view value) {
  if (last_run_ == LastRun::kValue && value == last_value_) return ExtendLastRun(1);
  ARROWPACK_RETURN_NOT_OK(CheckRunEnd(1));
  ArrayBuilder* values = values_builder();
  Status appended;
  if (auto* binary = dynamic_cast<BaseBinaryBuilder<int32_t>*>(values)) {
    appended = binary->Append(value);
  } else if (auto* large = dynamic_cast<BaseBinaryBuilder<int64_t>*>(values)) {
    appended = large->Append(value);
  } else if (auto* view = dynamic_cast<BinaryViewBuilder*>(values)) {
    appended = view->Append(value);
  } else if (auto* fixed = dynamic_cast<FixedSizeBinaryBuilder*>(values)) {
    appended = fixed->Append(value);
  } else {
    return ValueTypeError("binary");
  }
  ARROWPACK_RETURN_NOT_OK(appended);
  return StartRun(1, LastRun::kValue, value);
}

Status RunEndEncodedBuilder::AppendRun(int64_t run_length) {
  if (run_length < 1) return Status::Invalid(type()->ToString(), " builder: run length must be >= 1, got ", run_length);
  return StartRun(run_length, LastRun::kOpaque, {});
}

Status RunEndEncodedBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  if (count == 0) return Status::OK();
  if (last_run_ == LastRun::kNull) return ExtendLastRun(count);
  ARROWPACK_RETURN_NOT_OK(CheckRunEnd(count));
  ARROWPACK_RETURN_NOT_OK(values_builder()->AppendNull());
  return StartRun(count, LastRun::kNull, {});
}

Status RunEndEncodedBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  if (count == 0) return Status::OK();
  ARROWPACK_RETURN_NOT_OK(CheckRunEnd(count));
  ARROWPACK_RETURN_NOT_OK(values_builder()->AppendEmptyValue());
  return StartRun(count, LastRun::kOpaque, {});
}

void RunEndEncodedBuilder::Reset() {
  ArrayBuilder::Reset();
  run_ends_.Reset();
  last_run_ = LastRun::kNone;
  last_value_.clear();
}

Result<ArrayDataPtr> RunEndEncodedBuilder::FinishInternal() {
  const auto& ree_type = AsRunEndEncoded(*type_);
  const int64_t runs = run_ends_.length();
  ARROWPACK_ASSIGN_OR_RAISE(auto values,
                            FinishChild(0, runs, ree_type.value_type(), "the values builder (one value per run)"));
  std::shared_ptr<Buffer> run_end_buffer;
  switch (ree_type.run_end_type()->id()) {
    case TypeId::INT16: {
      ARROWPACK_ASSIGN_OR_RAISE(run_end_buffer, NarrowRunEnds<int16_t>(run_ends_.data(), runs, pool_));
      break;
    }
    case TypeId::INT32: {
      ARROWPACK_ASSIGN_OR_RAISE(run_end_buffer, NarrowRunEnds<int32_t>(run_ends_.data(), runs, pool_));
      break;
    }
    default: {
      ARROWPACK_ASSIGN_OR_RAISE(run_end_buffer, run_ends_.Finish());
      break;
    }
  }
  auto run_ends = ArrayData::Make(ree_type.run_end_type(), runs, {nullptr, std::move(run_end_buffer)}, 0);
  return ArrayData::Make(type_, length_, {}, {std::move(run_ends), std::move(values)}, 0);
}

}  // namespace arrowpack
