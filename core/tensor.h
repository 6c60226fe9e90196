// Tensor: an n-dimensional view of fixed-width numbers in a shared Buffer, described by a shape
// and byte strides (numpy's model). Immutable and shared; the buffer is never copied. Make checks
// that every element the shape and strides reach lies inside the buffer, so element access
// needs no further bounds checks.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/type.h"

namespace arrowpack {

class Tensor;
using TensorPtr = std::shared_ptr<Tensor>;

/// Integer and floating-point types (half floats included) can be tensor values.
bool is_tensor_value_type(TypeId id);

/// Byte strides of a C-contiguous (row-major) or Fortran-contiguous (column-major) layout; a
/// zero-length dimension counts as 1 so strides stay positive. Invalid on negative dimensions or
/// int64 overflow.
Result<std::vector<int64_t>> ComputeRowMajorStrides(int64_t byte_width, const std::vector<int64_t>& shape);
Result<std::vector<int64_t>> ComputeColumnMajorStrides(int64_t byte_width, const std::vector<int64_t>& shape);

class Tensor {
 public:
  /// `strides` empty means row-major contiguous; `dim_names` empty means unnamed. TypeError for a
  /// non-numeric `type`; Invalid for a null buffer, a negative dimension or stride, a strides or
  /// dim_names count that differs from the shape, a size that overflows int64, or strides that
  /// reach past the end of `data`.
  static Result<TensorPtr> Make(TypePtr type, std::shared_ptr<Buffer> data, std::vector<int64_t> shape,
                                std::vector<int64_t> strides = {}, std::vector<std::string> dim_names = {});

  const TypePtr& type() const { return type_; }
  TypeId type_id() const { return type_->id(); }
  const std::shared_ptr<Buffer>& data() const { return data_; }
  const uint8_t* raw_data() const { return data_->data(); }
  bool is_mutable() const { return data_->is_mutable(); }
  const std::vector<int64_t>& shape() const { return shape_; }
  const std::vector<int64_t>& strides() const { return strides_; }
  const std::vector<std::string>& dim_names() const { return dim_names_; }
  /// "" for an unnamed tensor.
  const std::string& dim_name(int i) const;
  int ndim() const { return static_cast<int>(shape_.size()); }
  /// Number of elements (1 for zero dimensions).
  int64_t size() const { return size_; }
  int byte_width() const { return type_->bit_width() / 8; }

  /// Layout tests ignore the strides of dimensions of extent 1, as numpy's flags do.
  bool is_row_major() const;
  bool is_column_major() const;
  bool is_contiguous() const { return is_row_major() || is_column_major(); }

  /// Byte offset of the element at `index` (one in-range coordinate per dimension).
  int64_t ValueOffset(const std::vector<int64_t>& index) const;
  template <typename T>
  T Value(const std::vector<int64_t>& index) const {
    T value;
    std::memcpy(&value, raw_data() + ValueOffset(index), sizeof(T));
    return value;
  }

  /// Same type and shape and equal elements (floats by value: NaN != NaN, 0.0 == -0.0),
  /// whatever the strides. Dimension names are not compared.
  bool Equals(const Tensor& other) const;
  /// Elements that are not zero.
  int64_t CountNonZero() const;

 private:
  Tensor(TypePtr type, std::shared_ptr<Buffer> data, std::vector<int64_t> shape, std::vector<int64_t> strides,
         std::vector<std::string> dim_names, int64_t size);

  TypePtr type_;
  std::shared_ptr<Buffer> data_;
  std::vector<int64_t> shape_;
  std::vector<int64_t> strides_;
  std::vector<std::string> dim_names_;
  int64_t size_;
};

}  // namespace arrowpack
