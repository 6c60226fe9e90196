#include "arrowpack/core/builder_nested.h"

#include <algorithm>
#include <limits>
#include <string>

namespace arrowpack {

namespace {

const TypePtr& ListValueType(const DataType& type) { return static_cast<const BaseListType&>(type).value_type(); }

bool IsListView(TypeId id) { return id == TypeId::LIST_VIEW || id == TypeId::LARGE_LIST_VIEW; }

// Nulls go to nullable children as nulls and to the others as empty values.
Status AppendChildNulls(ArrayBuilder* child, bool nullable, int64_t count) {
  return nullable ? child->AppendNulls(count) : child->AppendEmptyValues(count);
}

}  // namespace

// ---- Lists ------------------------------------------------------------------------------------

template <typename OffsetType>
BaseListBuilder<OffsetType>::BaseListBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                                             MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offset_source_(value_builder.get()), offsets_(pool_) {
  children_.push_back(std::move(value_builder));
}

template <typename OffsetType>
Status BaseListBuilder<OffsetType>::AppendRows(int64_t count, bool is_valid) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  const int64_t offset = offset_source_->length();
  if (offset > std::numeric_limits<OffsetType>::max()) {
    return Status::CapacityError(type()->ToString(), " builder: ", offset,
                                 " child values exceed what its offsets can address");
  }
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  offsets_.UnsafeAppendCopies(count, static_cast<OffsetType>(offset));
  return AppendValidityRun(count, is_valid);
}

template <typename OffsetType>
Status BaseListBuilder<OffsetType>::Append(bool is_valid) {
  return AppendRows(1, is_valid);
}

template <typename OffsetType>
Status BaseListBuilder<OffsetType>::AppendNulls(int64_t count) {
  return AppendRows(count, false);
}

template <typename OffsetType>
Status BaseListBuilder<OffsetType>::AppendEmptyValues(int64_t count) {
  return AppendRows(count, true);
}

template <typename OffsetType>
void BaseListBuilder<OffsetType>::Reset() {
  ArrayBuilder::Reset();
  offsets_.Reset();
}

template <typename OffsetType>
Result<ArrayDataPtr> BaseListBuilder<OffsetType>::FinishInternal() {
  const int64_t end = value_builder()->length();
  if (end > std::numeric_limits<OffsetType>::max()) {
    return Status::CapacityError(type()->ToString(), " builder: ", end,
                                 " child values exceed what its offsets can address");
  }
  std::vector<std::shared_ptr<Buffer>> buffers;
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  buffers.push_back(std::move(validity));
  if (IsListView(type_->id())) {
    // Rows are appended in order, so each size is the distance to the next row's offset.
    TypedBufferBuilder<OffsetType> sizes(pool_);
    ARROWPACK_RETURN_NOT_OK(sizes.Reserve(length_));
    const OffsetType* offsets = offsets_.data();
    for (int64_t i = 0; i < length_; ++i) {
      const OffsetType next = i + 1 < length_ ? offsets[i + 1] : static_cast<OffsetType>(end);
      sizes.UnsafeAppend(static_cast<OffsetType>(next - offsets[i]));
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto offsets_buffer, offsets_.Finish());
    ARROWPACK_ASSIGN_OR_RAISE(auto sizes_buffer, sizes.Finish());
    buffers.push_back(std::move(offsets_buffer));
    buffers.push_back(std::move(sizes_buffer));
  } else {
    ARROWPACK_RETURN_NOT_OK(offsets_.Append(static_cast<OffsetType>(end)));
    ARROWPACK_ASSIGN_OR_RAISE(auto offsets_buffer, offsets_.Finish());
    buffers.push_back(std::move(offsets_buffer));
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto values, FinishChild(0, end, ListValueType(*type_), "the value builder"));
  return ArrayData::Make(type_, length_, std::move(buffers), {std::move(values)}, null_count_);
}

template class BaseListBuilder<int32_t>;
template class BaseListBuilder<int64_t>;

namespace {

std::shared_ptr<Field> ItemField(const ArrayBuilder& value_builder) { return field("item", value_builder.type()); }

}  // namespace

ListBuilder::ListBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool)
    : BaseListBuilder(nullptr, std::move(value_builder), pool) {
  type_ = list(ItemField(*this->value_builder()));
}

LargeListBuilder::LargeListBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool)
    : BaseListBuilder(nullptr, std::move(value_builder), pool) {
  type_ = large_list(ItemField(*this->value_builder()));
}

ListViewBuilder::ListViewBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool)
    : BaseListBuilder(nullptr, std::move(value_builder), pool) {
  type_ = list_view(ItemField(*this->value_builder()));
}

LargeListViewBuilder::LargeListViewBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool)
    : BaseListBuilder(nullptr, std::move(value_builder), pool) {
  type_ = large_list_view(ItemField(*this->value_builder()));
}

// ---- Map --------------------------------------------------------------------------------------

namespace {

std::unique_ptr<ArrayBuilder> MakeEntriesBuilder(const TypePtr& map_type, std::unique_ptr<ArrayBuilder> keys,
                                                 std::unique_ptr<ArrayBuilder> items, MemoryPool* pool) {
  std::vector<std::unique_ptr<ArrayBuilder>> fields;
  fields.push_back(std::move(keys));
  fields.push_back(std::move(items));
  return std::make_unique<StructBuilder>(ListValueType(*map_type), std::move(fields), pool);
}

}  // namespace

MapBuilder::MapBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> key_builder,
                       std::unique_ptr<ArrayBuilder> item_builder, MemoryPool* pool)
    : BaseListBuilder(type, MakeEntriesBuilder(type, std::move(key_builder), std::move(item_builder), pool), pool) {
  offset_source_ = this->key_builder();
}

Result<ArrayDataPtr> MapBuilder::FinishInternal() {
  const int64_t keys = key_builder()->length();
  if (key_builder()->null_count() != 0) return Status::Invalid("map builder: map keys must not be null");
  if (item_builder()->length() != keys) {
    return Status::Invalid("map builder: ", keys, " keys but ", item_builder()->length(), " items");
  }
  auto* entries = static_cast<StructBuilder*>(value_builder());
  if (entries->length() > keys) {
    return Status::Invalid("map builder: ", entries->length(), " entries but only ", keys, " keys");
  }
  ARROWPACK_RETURN_NOT_OK(entries->AppendValues(keys - entries->length()));
  return BaseListBuilder::FinishInternal();
}

// ---- FixedSizeList ----------------------------------------------------------------------------

FixedSizeListBuilder::FixedSizeListBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                                           MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), list_size_(static_cast<const FixedSizeListType&>(*type_).list_size()) {
  children_.push_back(std::move(value_builder));
}

Status FixedSizeListBuilder::Append(bool is_valid) {
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  return UnsafeAppendValidity(is_valid);
}

Status FixedSizeListBuilder::AppendValues(int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  return AppendValidityBytes(valid_bytes, count);
}

Status FixedSizeListBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  const auto& value_field = static_cast<const FixedSizeListType&>(*type_).value_field();
  ARROWPACK_RETURN_NOT_OK(AppendChildNulls(value_builder(), value_field->nullable(), count * list_size_));
  return AppendValidityRun(count, false);
}

Status FixedSizeListBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(value_builder()->AppendEmptyValues(count * list_size_));
  return AppendValidityRun(count, true);
}

Result<ArrayDataPtr> FixedSizeListBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ARROWPACK_ASSIGN_OR_RAISE(auto values, FinishChild(0, length_ * list_size_, ListValueType(*type_),
                                                     "the value builder (" + std::to_string(list_size_) +
                                                         " values per list)"));
  return ArrayData::Make(type_, length_, {std::move(validity)}, {std::move(values)}, null_count_);
}

// ---- Struct -----------------------------------------------------------------------------------

StructBuilder::StructBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> field_builders,
                             MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool) {
  children_ = std::move(field_builders);
}

Status StructBuilder::Append(bool is_valid) {
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  return UnsafeAppendValidity(is_valid);
}

Status StructBuilder::AppendValues(int64_t count, const uint8_t* valid_bytes) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  return AppendValidityBytes(valid_bytes, count);
}

Status StructBuilder::AppendNulls(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  for (int i = 0; i < num_children(); ++i) {
    ARROWPACK_RETURN_NOT_OK(AppendChildNulls(child(i), type_->field(i)->nullable(), count));
  }
  return AppendValidityRun(count, false);
}

Status StructBuilder::AppendEmptyValues(int64_t count) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  for (auto& child : children_) ARROWPACK_RETURN_NOT_OK(child->AppendEmptyValues(count));
  return AppendValidityRun(count, true);
}

Result<ArrayDataPtr> StructBuilder::FinishInternal() {
  if (num_children() != type_->num_fields()) {
    return Status::Invalid(type()->ToString(), " builder has ", num_children(), " field builders for ",
                           type_->num_fields(), " fields");
  }
  std::vector<ArrayDataPtr> children;
  for (int i = 0; i < num_children(); ++i) {
    const auto& field = type_->field(i);
    ARROWPACK_ASSIGN_OR_RAISE(auto data, FinishChild(i, length_, field->type(), "field '" + field->name() + "'"));
    children.push_back(std::move(data));
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, FinishValidity());
  return ArrayData::Make(type_, length_, {std::move(validity)}, std::move(children), null_count_);
}

// ---- Unions -----------------------------------------------------------------------------------

BaseUnionBuilder::BaseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children,
                                   MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), type_codes_(pool_) {
  children_ = std::move(children);
}

Result<int> BaseUnionBuilder::CheckedChildIndex(int8_t type_code) const {
  const int index = child_index(type_code);
  if (index < 0 || index >= num_children()) {
    return Status::Invalid(type()->ToString(), " builder: type code ", static_cast<int>(type_code),
                           " is not declared by the type");
  }
  return index;
}

Status BaseUnionBuilder::CheckHasChildren() const {
  if (num_children() == 0) return Status::Invalid(type()->ToString(), " builder: a union without children has no rows");
  return Status::OK();
}

Result<std::vector<ArrayDataPtr>> BaseUnionBuilder::FinishChildren(const std::vector<int64_t>* lengths) {
  if (num_children() != type_->num_fields()) {
    return Status::Invalid(type()->ToString(), " builder has ", num_children(), " child builders for ",
                           type_->num_fields(), " fields");
  }
  std::vector<ArrayDataPtr> children;
  for (int i = 0; i < num_children(); ++i) {
    const int64_t expected = lengths ? (*lengths)[i] : length_;
    const auto& field = type_->field(i);
    ARROWPACK_ASSIGN_OR_RAISE(auto data, FinishChild(i, expected, field->type(), "child '" + field->name() + "'"));
    children.push_back(std::move(data));
  }
  return children;
}

void BaseUnionBuilder::Reset() {
  ArrayBuilder::Reset();
  type_codes_.Reset();
}

SparseUnionBuilder::SparseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children,
                                       MemoryPool* pool)
    : BaseUnionBuilder(std::move(type), std::move(children), pool) {}

Status SparseUnionBuilder::Append(int8_t type_code) {
  ARROWPACK_ASSIGN_OR_RAISE(const int index, CheckedChildIndex(type_code));
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  for (int i = 0; i < num_children(); ++i) {
    if (i != index) ARROWPACK_RETURN_NOT_OK(child(i)->AppendEmptyValue());
  }
  type_codes_.UnsafeAppend(type_code);
  ++length_;
  return Status::OK();
}

Status SparseUnionBuilder::AppendRows(int64_t count, bool null) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(CheckHasChildren());
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  ARROWPACK_RETURN_NOT_OK(null ? child(0)->AppendNulls(count) : child(0)->AppendEmptyValues(count));
  for (int i = 1; i < num_children(); ++i) ARROWPACK_RETURN_NOT_OK(child(i)->AppendEmptyValues(count));
  type_codes_.UnsafeAppendCopies(count, static_cast<const UnionType&>(*type_).type_codes()[0]);
  length_ += count;
  return Status::OK();
}

Status SparseUnionBuilder::AppendNulls(int64_t count) { return AppendRows(count, true); }
Status SparseUnionBuilder::AppendEmptyValues(int64_t count) { return AppendRows(count, false); }

Result<ArrayDataPtr> SparseUnionBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto children, FinishChildren(nullptr));
  ARROWPACK_ASSIGN_OR_RAISE(auto type_codes, type_codes_.Finish());
  return ArrayData::Make(type_, length_, {std::move(type_codes)}, std::move(children), 0);
}

DenseUnionBuilder::DenseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children,
                                     MemoryPool* pool)
    : BaseUnionBuilder(std::move(type), std::move(children), pool),
      offsets_(pool_),
      rows_per_child_(children_.size(), 0) {}

Status DenseUnionBuilder::ReserveRows(int64_t capacity) {
  ARROWPACK_RETURN_NOT_OK(type_codes_.Reserve(capacity - type_codes_.length()));
  return offsets_.Reserve(capacity - offsets_.length());
}

Status DenseUnionBuilder::Append(int8_t type_code) {
  ARROWPACK_ASSIGN_OR_RAISE(const int index, CheckedChildIndex(type_code));
  if (rows_per_child_[index] == std::numeric_limits<int32_t>::max()) {
    return Status::CapacityError(type()->ToString(), " builder: child '", type_->field(index)->name(),
                                 "' has more rows than int32 offsets can address");
  }
  ARROWPACK_RETURN_NOT_OK(Reserve(1));
  type_codes_.UnsafeAppend(type_code);
  offsets_.UnsafeAppend(static_cast<int32_t>(rows_per_child_[index]++));
  ++length_;
  return Status::OK();
}

Status DenseUnionBuilder::AppendRows(int64_t count, bool null) {
  ARROWPACK_RETURN_NOT_OK(CheckCount(count));
  ARROWPACK_RETURN_NOT_OK(CheckHasChildren());
  if (count > std::numeric_limits<int32_t>::max() - rows_per_child_[0]) {
    return Status::CapacityError(type()->ToString(), " builder: child '", type_->field(0)->name(),
                                 "' has more rows than int32 offsets can address");
  }
  ARROWPACK_RETURN_NOT_OK(Reserve(count));
  ARROWPACK_RETURN_NOT_OK(null ? child(0)->AppendNulls(count) : child(0)->AppendEmptyValues(count));
  type_codes_.UnsafeAppendCopies(count, static_cast<const UnionType&>(*type_).type_codes()[0]);
  for (int64_t i = 0; i < count; ++i) offsets_.UnsafeAppend(static_cast<int32_t>(rows_per_child_[0]++));
  length_ += count;
  return Status::OK();
}

Status DenseUnionBuilder::AppendNulls(int64_t count) { return AppendRows(count, true); }
Status DenseUnionBuilder::AppendEmptyValues(int64_t count) { return AppendRows(count, false); }

void DenseUnionBuilder::Reset() {
  BaseUnionBuilder::Reset();
  offsets_.Reset();
  std::fill(rows_per_child_.begin(), rows_per_child_.end(), 0);
}

Result<ArrayDataPtr> DenseUnionBuilder::FinishInternal() {
  ARROWPACK_ASSIGN_OR_RAISE(auto children, FinishChildren(&rows_per_child_));
  ARROWPACK_ASSIGN_OR_RAISE(auto type_codes, type_codes_.Finish());
  ARROWPACK_ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  return ArrayData::Make(type_, length_, {std::move(type_codes), std::move(offsets)}, std::move(children), 0);
}

}  // namespace arrowpack
