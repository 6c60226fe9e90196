// ArrayBuilder: the base of every array builder. A builder appends rows to pool-allocated buffers
// and Finish()/FinishData() turns them into an ArrayData (null_count set, padding zeroed) and
// resets the builder for reuse. A builder owns its child builders; child(i) pointers stay valid
// for the builder's lifetime. On a Finish error (e.g. mismatched child lengths) the builder is
// reset too, so a failed Finish never leaves half-moved buffers behind. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_data.h"
#include "arrowpack/core/buffer_builder.h"
#include "arrowpack/core/type.h"

namespace arrowpack {

class ArrayBuilder;

/// Creates the builder for any type (children included); see builder.h.
Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const TypePtr& type, MemoryPool* pool = nullptr);

class ArrayBuilder {
 public:
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  /// Type of the arrays this builder produces.
  const TypePtr& type() const { return extension_type_ ? extension_type_ : type_; }
  MemoryPool* pool() const { return pool_; }
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }
  int num_children() const { return static_cast<int>(children_.size()); }
  /// Builder of child `i` (owned by this builder).
  ArrayBuilder* child(int i) const { return children_[i].get(); }

  /// Appends null rows. Types without a validity bitmap (unions, run-end encoded) record the null
  /// in a child instead; Invalid for negative counts.
  Status AppendNull() { return AppendNulls(1); }
  virtual Status AppendNulls(int64_t count) = 0;
  /// Appends valid rows holding the type's empty value: 0, false, "", [], all-empty structs.
  Status AppendEmptyValue() { return AppendEmptyValues(1); }
  virtual Status AppendEmptyValues(int64_t count) = 0;

  /// Ensures room for `additional` more rows of this builder (children reserve separately).
  /// Invalid for negative counts.
  Status Reserve(int64_t additional) {
    return additional >= 0 && additional <= capacity_ - length_ ? Status::OK() : Grow(additional);
  }

  /// The rows appended so far as an ArrayData; resets the builder.
  Result<ArrayDataPtr> FinishData();
  /// FinishData() wrapped in the typed Array subclass.
  Result<ArrayPtr> Finish() {
    ARROWPACK_ASSIGN_OR_RAISE(auto data, FinishData());
    return MakeArray(std::move(data));
  }
  /// Drops every appended row (children included) and frees the buffers.
  virtual void Reset();

 protected:
  ArrayBuilder(TypePtr type, MemoryPool* pool);

  /// Builds the ArrayData of the current rows; FinishData() resets afterwards.
  virtual Result<ArrayDataPtr> FinishInternal() = 0;
  /// Grows the per-row buffers to hold `capacity` rows (validity is handled here).
  virtual Status ReserveRows(int64_t capacity) = 0;

  // Validity. The bitmap is only materialised at the first null, so arrays without nulls cost
  // nothing and finish with no validity buffer. Each call also advances length().
  void UnsafeAppendValid() {
    if (has_validity_) validity_.UnsafeAppend(true);
    ++length_;
  }
  Status UnsafeAppendValidity(bool valid) {
    if (valid) {
      UnsafeAppendValid();
      return Status::OK();
    }
    return AppendValidityRun(1, false);
  }
  /// `count` rows, all valid or all null; reserves as needed.
  Status AppendValidityRun(int64_t count, bool valid);
  /// One row per byte (zero = null); nullptr means all valid. Reserves as needed.
  Status AppendValidityBytes(const uint8_t* valid_bytes, int64_t count);
  /// The validity buffer, or nullptr when there are no nulls.
  Result<std::shared_ptr<Buffer>> FinishValidity();

  /// Invalid for negative counts.
  static Status CheckCount(int64_t count);
  /// Finishes child `i` and checks that it has `expected_length` rows (skipped when negative) of
  /// `expected_type`; errors name the child as `what`.
  Result<ArrayDataPtr> FinishChild(int i, int64_t expected_length, const TypePtr& expected_type,
                                   const std::string& what);

  TypePtr type_;  // the physical type (the storage type for extension types)
  MemoryPool* pool_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  int64_t capacity_ = 0;
  std::vector<std::unique_ptr<ArrayBuilder>> children_;

 private:
  friend Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const TypePtr& type, MemoryPool* pool);

  Status Grow(int64_t additional);
  Status MaterialiseValidity();

  TypePtr extension_type_;  // set when the builder produces an extension type over type_
  bool has_validity_ = false;
  BitmapBuilder validity_;
};

}  // namespace arrowpack
