// Sparse tensors: the non-zero values of an n-dimensional tensor plus an index telling where they
// sit, in one of Arrow's four formats (COO, CSR, CSC, CSF). Index tensors are int64. Everything
// is immutable and shared. Index factories check the index's own structure; SparseTensor::Make
// also checks it against the shape, so converting back to dense never writes out of bounds.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/tensor.h"

namespace arrowpack {

/// Numbers match Arrow's SparseTensorFormat ids.
enum class SparseTensorFormat : int8_t { COO = 0, CSR = 1, CSC = 2, CSF = 3 };

class SparseIndex {
 public:
  explicit SparseIndex(SparseTensorFormat format_id) : format_id_(format_id) {}
  virtual ~SparseIndex() = default;

  SparseTensorFormat format_id() const { return format_id_; }
  virtual int64_t non_zero_length() const = 0;
  /// Invalid unless the index addresses only elements of a tensor of `shape`.
  virtual Status ValidateShape(const std::vector<int64_t>& shape) const = 0;
  /// Same format and equal index tensors.
  virtual bool Equals(const SparseIndex& other) const = 0;

 private:
  SparseTensorFormat format_id_;
};

/// Coordinates: an int64 tensor of shape [non_zero_length, ndim], one row per value. Canonical
/// means rows sorted lexicographically without duplicates.
class SparseCOOIndex : public SparseIndex {
 public:
  /// Works out canonicality by scanning the rows. TypeError unless int64; Invalid unless 2-D.
  static Result<std::shared_ptr<SparseCOOIndex>> Make(TensorPtr coords);
  /// As above, and Invalid if `is_canonical` is claimed but the rows are not canonical.
  static Result<std::shared_ptr<SparseCOOIndex>> Make(TensorPtr coords, bool is_canonical);

  const TensorPtr& indices() const { return coords_; }
  bool is_canonical() const { return is_canonical_; }
  int64_t non_zero_length() const override { return coords_->shape()[0]; }
  Status ValidateShape(const std::vector<int64_t>& shape) const override;
  bool Equals(const SparseIndex& other) const override;

 private:
  SparseCOOIndex(TensorPtr coords, bool is_canonical);
  TensorPtr coords_;
  bool is_canonical_;
};

/// Compressed sparse rows (CSR) or columns (CSC) of a matrix: indptr has one entry per compressed
/// row/column plus one; indices holds the other coordinate of each value.
class SparseCSXIndex : public SparseIndex {
 public:
  const TensorPtr& indptr() const { return indptr_; }
  const TensorPtr& indices() const { return indices_; }
  int64_t non_zero_length() const override { return indices_->shape()[0]; }
  Status ValidateShape(const std::vector<int64_t>& shape) const override;
  bool Equals(const SparseIndex& other) const override;
  /// 0 for CSR (rows are compressed), 1 for CSC.
  int compressed_axis() const { return format_id() == SparseTensorFormat::CSR ? 0 : 1; }

 protected:
  SparseCSXIndex(SparseTensorFormat format_id, TensorPtr indptr, TensorPtr indices);
  /// TypeError unless both are int64; Invalid unless both are 1-D, indptr starts at 0, never
  /// decreases and ends at the length of indices.
  static Status CheckStructure(const Tensor* indptr, const Tensor* indices);

 private:
  TensorPtr indptr_;
  TensorPtr indices_;
};

class SparseCSRIndex : public SparseCSXIndex {
 public:
  static Result<std::shared_ptr<SparseCSRIndex>> Make(TensorPtr indptr, TensorPtr indices);

 private:
  using SparseCSXIndex::SparseCSXIndex;
};

class SparseCSCIndex : public SparseCSXIndex {
 public:
  static Result<std::shared_ptr<SparseCSCIndex>> Make(TensorPtr indptr, TensorPtr indices);

 private:
  using SparseCSXIndex::SparseCSXIndex;
};

/// Compressed sparse fiber: a tree with one level per dimension, visited in `axis_order`.
/// indices[l] holds the coordinates of the level-l nodes; the children of node k of level l are
/// nodes indptr[l][k] .. indptr[l][k + 1] - 1 of level l + 1. Values follow the leaf order.
class SparseCSFIndex : public SparseIndex {
 public:
  /// TypeError unless every tensor is int64; Invalid unless every tensor is 1-D, the counts fit
  /// (ndim indices, ndim - 1 indptr, ndim >= 1), axis_order is a permutation of 0..ndim-1 and
  /// each indptr starts at 0, never decreases and ends at the size of the next level.
  static Result<std::shared_ptr<SparseCSFIndex>> Make(std::vector<TensorPtr> indptr, std::vector<TensorPtr> indices,
                                                      std::vector<int64_t> axis_order);

  const std::vector<TensorPtr>& indptr() const { return indptr_; }
  const std::vector<TensorPtr>& indices() const { return indices_; }
  const std::vector<int64_t>& axis_order() const { return axis_order_; }
  int64_t non_zero_length() const override { return indices_.back()->shape()[0]; }
  Status ValidateShape(const std::vector<int64_t>& shape) const override;
  bool Equals(const SparseIndex& other) const override;

 private:
  SparseCSFIndex(std::vector<TensorPtr> indptr, std::vector<TensorPtr> indices, std::vector<int64_t> axis_order);
  std::vector<TensorPtr> indptr_;
  std::vector<TensorPtr> indices_;
  std::vector<int64_t> axis_order_;
};

class SparseTensor;
using SparseTensorPtr = std::shared_ptr<SparseTensor>;

class SparseTensor {
 public:
  /// `data` holds non_zero_length values of `type`, in index order. TypeError for a non-numeric
  /// type; Invalid for a null index or buffer, a buffer too small for the values, a negative
  /// dimension, a dim_names count that differs from the shape, or an index that does not fit
  /// the shape.
  static Result<SparseTensorPtr> Make(std::shared_ptr<SparseIndex> index, TypePtr type, std::shared_ptr<Buffer> data,
                                      std::vector<int64_t> shape, std::vector<std::string> dim_names = {});
  /// The non-zero elements of `tensor` in `format`, laid out as pyarrow does: COO canonical,
  /// CSR/CSC only for 2-D tensors, CSF with the axes sorted by extent (stable). Index and values
  /// are allocated from `pool`.
  static Result<SparseTensorPtr> FromTensor(const Tensor& tensor, SparseTensorFormat format,
                                            MemoryPool* pool = nullptr);
  /// CSF with the given axis order (a permutation of 0..ndim-1).
  static Result<SparseTensorPtr> FromTensorCSF(const Tensor& tensor, std::vector<int64_t> axis_order,
                                               MemoryPool* pool = nullptr);

  SparseTensorFormat format_id() const { return index_->format_id(); }
  const std::shared_ptr<SparseIndex>& sparse_index() const { return index_; }
  const TypePtr& type() const { return type_; }
  const std::shared_ptr<Buffer>& data() const { return data_; }
  const std::vector<int64_t>& shape() const { return shape_; }
  const std::vector<std::string>& dim_names() const { return dim_names_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  /// Elements of the dense tensor.
  int64_t size() const;
  int64_t non_zero_length() const { return index_->non_zero_length(); }

  /// A row-major dense tensor from `pool` with zeros where the index has no value.
  Result<TensorPtr> ToTensor(MemoryPool* pool = nullptr) const;
  /// Same format, type and shape, equal indices and equal values (floats by value).
  bool Equals(const SparseTensor& other) const;

 private:
  SparseTensor(std::shared_ptr<SparseIndex> index, TypePtr type, std::shared_ptr<Buffer> data,
               std::vector<int64_t> shape, std::vector<std::string> dim_names);

  std::shared_ptr<SparseIndex> index_;
  TypePtr type_;
  std::shared_ptr<Buffer> data_;
  std::vector<int64_t> shape_;
  std::vector<std::string> dim_names_;
};

}  // namespace arrowpack
