// Builders for nested arrays: lists (offsets, large offsets, views), maps, fixed-size lists,
// structs and unions. The parent records rows; child values go to the child builders, which the
// parent owns. Finish checks that the children hold the right number of values of the right
// type (Invalid otherwise) and finishes them with the parent.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrowpack/core/builder_base.h"

namespace arrowpack {

/// list and list_view (OffsetType int32_t), large_list and large_list_view (int64_t), and map.
template <typename OffsetType>
class BaseListBuilder : public ArrayBuilder {
 public:
  /// `type`'s value type must equal value_builder->type().
  BaseListBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);

  /// Starts a row (null when !is_valid); its values are those appended to value_builder() until the
  /// next row starts. CapacityError once the values outgrow OffsetType.
  Status Append(bool is_valid = true);
  /// Null and empty rows hold no values.
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  ArrayBuilder* value_builder() const { return children_[0].get(); }
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override { return offsets_.Reserve(capacity + 1 - offsets_.length()); }
  /// Appends `count` rows starting at the current end of the values.
  Status AppendRows(int64_t count, bool is_valid);

  /// The builder whose length gives the offsets (the key builder for maps).
  ArrayBuilder* offset_source_;

 private:
  TypedBufferBuilder<OffsetType> offsets_;  // the start of each row; the end is added at Finish
};

extern template class BaseListBuilder<int32_t>;
extern template class BaseListBuilder<int64_t>;

class ListBuilder final : public BaseListBuilder<int32_t> {
 public:
  using BaseListBuilder::BaseListBuilder;
  /// Builds list<item: value type>.
  explicit ListBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);
};
class LargeListBuilder final : public BaseListBuilder<int64_t> {
 public:
  using BaseListBuilder::BaseListBuilder;
  explicit LargeListBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);
};
class ListViewBuilder final : public BaseListBuilder<int32_t> {
 public:
  using BaseListBuilder::BaseListBuilder;
  explicit ListViewBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);
};
class LargeListViewBuilder final : public BaseListBuilder<int64_t> {
 public:
  using BaseListBuilder::BaseListBuilder;
  explicit LargeListViewBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);
};

/// map<key, item>. Append() starts a map; append its keys and items (one item per key) to
/// key_builder() and item_builder(). Finish fails (Invalid) for null keys or a key/item count
/// mismatch. value_builder() is the entries struct builder, kept in step with the keys.
class MapBuilder final : public BaseListBuilder<int32_t> {
 public:
  MapBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> key_builder, std::unique_ptr<ArrayBuilder> item_builder,
             MemoryPool* pool = nullptr);
  ArrayBuilder* key_builder() const { return value_builder()->child(0); }
  ArrayBuilder* item_builder() const { return value_builder()->child(1); }

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
};

/// fixed_size_list<T>[n]: Append() records a row; append exactly n values per row to
/// value_builder() (checked at Finish). Null and empty rows append n nulls / empty values to it.
class FixedSizeListBuilder final : public ArrayBuilder {
 public:
  FixedSizeListBuilder(TypePtr type, std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool = nullptr);

  Status Append(bool is_valid = true);
  /// `count` rows whose values the caller appends in bulk; `valid_bytes` (nullptr = all valid).
  Status AppendValues(int64_t count, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  int32_t list_size() const { return list_size_; }
  ArrayBuilder* value_builder() const { return children_[0].get(); }

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t) override { return Status::OK(); }

 private:
  int32_t list_size_;
};

/// struct<...>: Append() records a row; append one value per row to every field_builder(i)
/// (lengths checked at Finish). Null rows append a null to each nullable field (an empty value to
/// the others); empty rows append empty values.
class StructBuilder final : public ArrayBuilder {
 public:
  /// One builder per field of `type`, in order, each of the field's type.
  StructBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> field_builders, MemoryPool* pool = nullptr);

  Status Append(bool is_valid = true);
  /// `count` rows whose field values the caller appends in bulk; `valid_bytes` (nullptr = all valid).
  Status AppendValues(int64_t count, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  ArrayBuilder* field_builder(int i) const { return children_[i].get(); }
  int num_fields() const { return num_children(); }

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t) override { return Status::OK(); }
};

/// Shared part of the union builders: the type code buffer and code checks. Unions have no
/// validity bitmap, so null rows are nulls of the first child and null_count() stays 0.
class BaseUnionBuilder : public ArrayBuilder {
 public:
  /// Index of the child with `type_code`, or -1 when the type does not declare it.
  int child_index(int8_t type_code) const {
    return type_code >= 0 ? static_cast<const UnionType&>(*type_).child_ids()[type_code] : -1;
  }
  void Reset() override;

 protected:
  BaseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children, MemoryPool* pool);
  /// The child index for `type_code`; Invalid for codes the type does not declare.
  Result<int> CheckedChildIndex(int8_t type_code) const;
  /// Invalid when the union has no children to hold a null or empty value.
  Status CheckHasChildren() const;
  /// Finishes every child, checking its length when `lengths` is non-null.
  Result<std::vector<ArrayDataPtr>> FinishChildren(const std::vector<int64_t>* lengths);

  TypedBufferBuilder<int8_t> type_codes_;
};

/// sparse_union: Append(code) records a row of that child and appends an empty value to every
/// other child; then append the row's value to child(child_index(code)).
class SparseUnionBuilder final : public BaseUnionBuilder {
 public:
  SparseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children, MemoryPool* pool = nullptr);

  Status Append(int8_t type_code);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override { return type_codes_.Reserve(capacity - type_codes_.length()); }

 private:
  Status AppendRows(int64_t count, bool null);
};

/// dense_union: Append(code) records a row pointing at the next value of that child; append
/// exactly one value to child(child_index(code)) per row (checked at Finish).
class DenseUnionBuilder final : public BaseUnionBuilder {
 public:
  DenseUnionBuilder(TypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children, MemoryPool* pool = nullptr);

  /// Invalid for undeclared codes; CapacityError once a child outgrows int32 offsets.
  Status Append(int8_t type_code);
  Status AppendNulls(int64_t count) override;
  Status AppendEmptyValues(int64_t count) override;
  void Reset() override;

 protected:
  Result<ArrayDataPtr> FinishInternal() override;
  Status ReserveRows(int64_t capacity) override;

 private:
  Status AppendRows(int64_t count, bool null);

  TypedBufferBuilder<int32_t> offsets_;
  std::vector<int64_t> rows_per_child_;
};

}  // namespace arrowpack
