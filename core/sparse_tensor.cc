#include "arrowpack/core/sparse_tensor.h"

#include <algorithm>
#include <functional>

#include "arrowpack/core/tensor_internal.h"

namespace arrowpack {

namespace {

// Index tensors may be strided; these read one int64 element.
int64_t At(const Tensor& tensor, int64_t i) {
  int64_t value;
  std::memcpy(&value, tensor.raw_data() + i * tensor.strides()[0], sizeof(value));
  return value;
}

int64_t At(const Tensor& tensor, int64_t row, int64_t column) {
  int64_t value;
  std::memcpy(&value, tensor.raw_data() + row * tensor.strides()[0] + column * tensor.strides()[1], sizeof(value));
  return value;
}

int64_t Length(const Tensor& tensor) { return tensor.shape()[0]; }

Status CheckIndexTensor(const Tensor* tensor, int ndim, const std::string& what) {
  if (tensor == nullptr) return Status::Invalid("sparse index ", what, " is null");
  if (tensor->type_id() != TypeId::INT64) {
    return Status::TypeError("sparse index ", what, " must be int64, got ", tensor->type()->ToString());
  }
  if (tensor->ndim() != ndim) {
    return Status::Invalid("sparse index ", what, " must have ", ndim, " dimension(s), got ", tensor->ndim());
  }
  return Status::OK();
}

// An indptr starts at 0, never decreases and ends at the number of entries it splits.
Status CheckIndptr(const Tensor& indptr, int64_t entries, const std::string& what) {
  if (Length(indptr) == 0 || At(indptr, 0) != 0) return Status::Invalid("sparse index ", what, " must start at 0");
  for (int64_t i = 1; i < Length(indptr); ++i) {
    if (At(indptr, i) < At(indptr, i - 1)) {
      return Status::Invalid("sparse index ", what, " decreases at position ", i);
    }
  }
  if (At(indptr, Length(indptr) - 1) != entries) {
    return Status::Invalid("sparse index ", what, " ends at ", At(indptr, Length(indptr) - 1), ", expected ", entries);
  }
  return Status::OK();
}

Status CheckCoordinates(const Tensor& indices, int64_t extent, const std::string& what) {
  for (int64_t i = 0; i < Length(indices); ++i) {
    const int64_t value = At(indices, i);
    if (value < 0 || value >= extent) {
      return Status::Invalid("sparse index ", what, " holds ", value, " at position ", i, ", outside [0, ", extent, ")");
    }
  }
  return Status::OK();
}

bool TensorsEqual(const std::vector<TensorPtr>& left, const std::vector<TensorPtr>& right) {
  if (left.size() != right.size()) return false;
  for (size_t i = 0; i < left.size(); ++i) {
    if (!left[i]->Equals(*right[i])) return false;
  }
  return true;
}

Result<TensorPtr> MakeInt64Tensor(const std::vector<int64_t>& values, std::vector<int64_t> shape, MemoryPool* pool) {
  const int64_t nbytes = static_cast<int64_t>(values.size() * sizeof(int64_t));
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> buffer, AllocateBuffer(nbytes, pool));
  if (nbytes > 0) std::memcpy(buffer->mutable_data(), values.data(), static_cast<size_t>(nbytes));
  return Tensor::Make(int64(), std::shared_ptr<Buffer>(std::move(buffer)), std::move(shape));
}

Status CheckShape(const std::vector<int64_t>& shape, int64_t* size) {
  *size = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) return Status::Invalid("sparse tensor dimension ", i, " is negative (", shape[i], ")");
    if (__builtin_mul_overflow(*size, shape[i], size)) return Status::Invalid("sparse tensor size overflows int64");
  }
  return Status::OK();
}

Status CheckAxisOrder(const std::vector<int64_t>& axis_order, size_t ndim) {
  std::vector<int64_t> sorted = axis_order;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.size() != ndim || sorted != internal::IdentityAxes(static_cast<int>(ndim))) {
    return Status::Invalid("CSF axis_order must be a permutation of 0..", static_cast<int64_t>(ndim) - 1);
  }
  return Status::OK();
}

// The non-zero elements of a dense tensor met while walking its axes in `axes` order.
struct NonZeros {
  int64_t count = 0;
  std::vector<int64_t> coords;  // count rows of ndim coordinates, indexed by axis
  std::vector<uint8_t> values;  // count values, byte_width bytes each
};

NonZeros CollectNonZeros(const Tensor& tensor, const std::vector<int64_t>& axes) {
  const internal::ElementIsNonZero non_zero = internal::NonZeroTest(tensor.type_id());
  const int width = tensor.byte_width();
  NonZeros found;
  internal::ForEachElement(tensor.shape(), tensor.strides(), axes,
                           [&](const std::vector<int64_t>& index, int64_t offset) {
                             const uint8_t* value = tensor.raw_data() + offset;
                             if (!non_zero(value)) return;
                             ++found.count;
                             found.coords.insert(found.coords.end(), index.begin(), index.end());
                             found.values.insert(found.values.end(), value, value + width);
                           });
  return found;
}

Result<std::shared_ptr<SparseIndex>> BuildCOO(const NonZeros& found, int ndim, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(TensorPtr coords, MakeInt64Tensor(found.coords, {found.count, ndim}, pool));
  // The row-major walk visits coordinates in lexicographic order, each once.
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<SparseIndex> index, SparseCOOIndex::Make(std::move(coords), true));
  return index;
}

// CSR walks rows outermost, CSC columns; `axis` is the compressed one.
Result<std::pair<TensorPtr, TensorPtr>> BuildCSX(const NonZeros& found, const std::vector<int64_t>& shape, int axis,
                                                  MemoryPool* pool) {
  std::vector<int64_t> indptr(shape[axis] + 1, 0);
  std::vector<int64_t> indices;
  for (int64_t k = 0; k < found.count; ++k) {
    ++indptr[found.coords[2 * k + axis] + 1];
    indices.push_back(found.coords[2 * k + (1 - axis)]);
  }
  for (size_t i = 1; i < indptr.size(); ++i) indptr[i] += indptr[i - 1];
  const int64_t indptr_length = static_cast<int64_t>(indptr.size());
  ARROWPACK_ASSIGN_OR_RAISE(TensorPtr indptr_tensor, MakeInt64Tensor(indptr, {indptr_length}, pool));
  ARROWPACK_ASSIGN_OR_RAISE(TensorPtr indices_tensor, MakeInt64Tensor(indices, {found.count}, pool));
  return std::make_pair(std::move(indptr_tensor), std::move(indices_tensor));
}

// Values arrive in axis_order-lexicographic order, so a new node starts at the first level whose
// coordinate differs from the previous value's, and at every level below it.
Result<std::shared_ptr<SparseIndex>> BuildCSF(const NonZeros& found, const std::vector<int64_t>& axis_order,
                                              MemoryPool* pool) {
  const size_t ndim = axis_order.size();
  std::vector<std::vector<int64_t>> indptr(ndim - 1), indices(ndim);
  for (int64_t k = 0; k < found.count; ++k) {
    const int64_t* coord = &found.coords[k * ndim];
    size_t level = 0;
    if (k > 0) {
      const int64_t* previous = coord - ndim;
      while (level < ndim - 1 && coord[axis_order[level]] == previous[axis_order[level]]) ++level;
    }
    for (; level < ndim; ++level) {
      indices[level].push_back(coord[axis_order[level]]);
      if (level + 1 < ndim) indptr[level].push_back(static_cast<int64_t>(indices[level + 1].size()));
    }
  }
  std::vector<TensorPtr> indptr_tensors, indices_tensors;
  for (size_t level = 0; level < ndim; ++level) {
    if (level + 1 < ndim) {
      indptr[level].push_back(static_cast<int64_t>(indices[level + 1].size()));
      const int64_t length = static_cast<int64_t>(indptr[level].size());
      ARROWPACK_ASSIGN_OR_RAISE(TensorPtr tensor, MakeInt64Tensor(indptr[level], {length}, pool));
      indptr_tensors.push_back(std::move(tensor));
    }
    const int64_t length = static_cast<int64_t>(indices[level].size());
    ARROWPACK_ASSIGN_OR_RAISE(TensorPtr tensor, MakeInt64Tensor(indices[level], {length}, pool));
    indices_tensors.push_back(std::move(tensor));
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<SparseIndex> index,
                            SparseCSFIndex::Make(std::move(indptr_tensors), std::move(indices_tensors), axis_order));
  return index;
}

using ValueVisitor = std::function<void(int64_t value_index, const std::vector<int64_t>& coord)>;

void VisitCSF(const SparseCSFIndex& index, size_t level, int64_t begin, int64_t end, std::vector<int64_t>* coord,
              const ValueVisitor& visit) {
  const size_t last_level = index.indices().size() - 1;
  for (int64_t node = begin; node < end; ++node) {
    (*coord)[index.axis_order()[level]] = At(*index.indices()[level], node);
    if (level == last_level) {
      visit(node, *coord);
    } else {
      const Tensor& indptr = *index.indptr()[level];
      VisitCSF(index, level + 1, At(indptr, node), At(indptr, node + 1), coord, visit);
    }
  }
}

// Calls visit(k, coordinates) for each stored value k; the index was checked against the shape.
void ForEachStoredValue(const SparseIndex& index, int ndim, const ValueVisitor& visit) {
  std::vector<int64_t> coord(ndim, 0);
  switch (index.format_id()) {
    case SparseTensorFormat::COO: {
      const Tensor& coords = *static_cast<const SparseCOOIndex&>(index).indices();
      for (int64_t k = 0; k < Length(coords); ++k) {
        for (int d = 0; d < ndim; ++d) coord[d] = At(coords, k, d);
        visit(k, coord);
      }
      break;
    }
    case SparseTensorFormat::CSR:
    case SparseTensorFormat::CSC: {
      const auto& csx = static_cast<const SparseCSXIndex&>(index);
      const int axis = csx.compressed_axis();
      for (int64_t p = 0; p + 1 < Length(*csx.indptr()); ++p) {
        coord[axis] = p;
        for (int64_t k = At(*csx.indptr(), p); k < At(*csx.indptr(), p + 1); ++k) {
          coord[1 - axis] = At(*csx.indices(), k);
          visit(k, coord);
        }
      }
      break;
    }
    case SparseTensorFormat::CSF: {
      const auto& csf = static_cast<const SparseCSFIndex&>(index);
      VisitCSF(csf, 0, 0, Length(*csf.indices()[0]), &coord, visit);
      break;
    }
  }
}

}  // namespace

// ---- COO -------------------------------------------------------------------------------------

SparseCOOIndex::SparseCOOIndex(TensorPtr coords, bool is_canonical)
    : SparseIndex(SparseTensorFormat::COO), coords_(std::move(coords)), is_canonical_(is_canonical) {}

Result<std::shared_ptr<SparseCOOIndex>> SparseCOOIndex::Make(TensorPtr coords) {
  ARROWPACK_RETURN_NOT_OK(CheckIndexTensor(coords.get(), 2, "coords"));
  bool canonical = true;
  for (int64_t row = 1; row < coords->shape()[0] && canonical; ++row) {
    int64_t d = 0;
    while (d < coords->shape()[1] && At(*coords, row, d) == At(*coords, row - 1, d)) ++d;
    canonical = d < coords->shape()[1] && At(*coords, row, d) > At(*coords, row - 1, d);
  }
  return std::shared_ptr<SparseCOOIndex>(new SparseCOOIndex(std::move(coords), canonical));
}

Result<std::shared_ptr<SparseCOOIndex>> SparseCOOIndex::Make(TensorPtr coords, bool is_canonical) {
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<SparseCOOIndex> index, Make(std::move(coords)));
  if (is_canonical && !index->is_canonical()) {
    return Status::Invalid("sparse COO coords are not sorted and unique, yet marked canonical");
  }
  index->is_canonical_ = is_canonical;
  return index;
}

Status SparseCOOIndex::ValidateShape(const std::vector<int64_t>& shape) const {
  if (coords_->shape()[1] != static_cast<int64_t>(shape.size())) {
    return Status::Invalid("sparse COO coords have ", coords_->shape()[1], " columns for ", shape.size(),
                           " dimensions");
  }
  for (int64_t row = 0; row < coords_->shape()[0]; ++row) {
    for (size_t d = 0; d < shape.size(); ++d) {
      const int64_t value = At(*coords_, row, static_cast<int64_t>(d));
      if (value < 0 || value >= shape[d]) {
        return Status::Invalid("sparse COO coordinate ", value, " at row ", row, " is outside dimension ", d,
                               " of extent ", shape[d]);
      }
    }
  }
  return Status::OK();
}

bool SparseCOOIndex::Equals(const SparseIndex& other) const {
  return other.format_id() == format_id() &&
         coords_->Equals(*static_cast<const SparseCOOIndex&>(other).coords_);
}

// ---- CSR / CSC -------------------------------------------------------------------------------

SparseCSXIndex::SparseCSXIndex(SparseTensorFormat format_id, TensorPtr indptr, TensorPtr indices)
    : SparseIndex(format_id), indptr_(std::move(indptr)), indices_(std::move(indices)) {}

Status SparseCSXIndex::CheckStructure(const Tensor* indptr, const Tensor* indices) {
  ARROWPACK_RETURN_NOT_OK(CheckIndexTensor(indptr, 1, "indptr"));
  ARROWPACK_RETURN_NOT_OK(CheckIndexTensor(indices, 1, "indices"));
  return CheckIndptr(*indptr, Length(*indices), "indptr");
}

Result<std::shared_ptr<SparseCSRIndex>> SparseCSRIndex::Make(TensorPtr indptr, TensorPtr indices) {
  ARROWPACK_RETURN_NOT_OK(CheckStructure(indptr.get(), indices.get()));
  return std::shared_ptr<SparseCSRIndex>(
      new SparseCSRIndex(SparseTensorFormat::CSR, std::move(indptr), std::move(indices)));
}

Result<std::shared_ptr<SparseCSCIndex>> SparseCSCIndex::Make(TensorPtr indptr, TensorPtr indices) {
  ARROWPACK_RETURN_NOT_OK(CheckStructure(indptr.get(), indices.get()));
  return std::shared_ptr<SparseCSCIndex>(
      new SparseCSCIndex(SparseTensorFormat::CSC, std::move(indptr), std::move(indices)));
}

Status SparseCSXIndex::ValidateShape(const std::vector<int64_t>& shape) const {
  const char* name = format_id() == SparseTensorFormat::CSR ? "CSR" : "CSC";
  if (shape.size() != 2) return Status::Invalid("sparse ", name, " index needs a 2-D shape, got ", shape.size(), "-D");
  const int axis = compressed_axis();
  if (Length(*indptr_) != shape[axis] + 1) {
    return Status::Invalid("sparse ", name, " indptr has ", Length(*indptr_), " entries, expected ", shape[axis] + 1);
  }
  return CheckCoordinates(*indices_, shape[1 - axis], std::string(name) + " indices");
}

bool SparseCSXIndex::Equals(const SparseIndex& other) const {
  if (other.format_id() != format_id()) return false;
  const auto& csx = static_cast<const SparseCSXIndex&>(other);
  return indptr_->Equals(*csx.indptr_) && indices_->Equals(*csx.indices_);
}

// ---- CSF -------------------------------------------------------------------------------------

SparseCSFIndex::SparseCSFIndex(std::vector<TensorPtr> indptr, std::vector<TensorPtr> indices,
                               std::vector<int64_t> axis_order)
    : SparseIndex(SparseTensorFormat::CSF),
      indptr_(std::move(indptr)),
      indices_(std::move(indices)),
      axis_order_(std::move(axis_order)) {}

Result<std::shared_ptr<SparseCSFIndex>> SparseCSFIndex::Make(std::vector<TensorPtr> indptr,
                                                             std::vector<TensorPtr> indices,
                                                             std::vector<int64_t> axis_order) {
  const size_t ndim = indices.size();
  if (ndim == 0) return Status::Invalid("sparse CSF index needs at least one dimension");
  if (indptr.size() + 1 != ndim) {
    return Status::Invalid("sparse CSF index has ", indptr.size(), " indptr tensors for ", ndim, " indices tensors");
  }
  ARROWPACK_RETURN_NOT_OK(CheckAxisOrder(axis_order, ndim));
  for (size_t level = 0; level < ndim; ++level) {
    ARROWPACK_RETURN_NOT_OK(CheckIndexTensor(indices[level].get(), 1, "indices[" + std::to_string(level) + "]"));
  }
  for (size_t level = 0; level + 1 < ndim; ++level) {
    const std::string what = "indptr[" + std::to_string(level) + "]";
    ARROWPACK_RETURN_NOT_OK(CheckIndexTensor(indptr[level].get(), 1, what));
    if (Length(*indptr[level]) != Length(*indices[level]) + 1) {
      return Status::Invalid("sparse CSF ", what, " has ", Length(*indptr[level]), " entries, expected ",
                             Length(*indices[level]) + 1);
    }
    ARROWPACK_RETURN_NOT_OK(CheckIndptr(*indptr[level], Length(*indices[level + 1]), what));
  }
  return std::shared_ptr<SparseCSFIndex>(
      new SparseCSFIndex(std::move(indptr), std::move(indices), std::move(axis_order)));
}

Status SparseCSFIndex::ValidateShape(const std::vector<int64_t>& shape) const {
  if (shape.size() != indices_.size()) {
    return Status::Invalid("sparse CSF index has ", indices_.size(), " levels for ", shape.size(), " dimensions");
  }
  for (size_t level = 0; level < indices_.size(); ++level) {
    ARROWPACK_RETURN_NOT_OK(CheckCoordinates(*indices_[level], shape[axis_order_[level]],
                                             "CSF indices[" + std::to_string(level) + "]"));
  }
  return Status::OK();
}

bool SparseCSFIndex::Equals(const SparseIndex& other) const {
  if (other.format_id() != format_id()) return false;
  const auto& csf = static_cast<const SparseCSFIndex&>(other);
  return axis_order_ == csf.axis_order_ && TensorsEqual(indptr_, csf.indptr_) && TensorsEqual(indices_, csf.indices_);
}

// ---- SparseTensor ----------------------------------------------------------------------------

SparseTensor::SparseTensor(std::shared_ptr<SparseIndex> index, TypePtr type, std::shared_ptr<Buffer> data,
                           std::vector<int64_t> shape, std::vector<std::string> dim_names)
    : index_(std::move(index)),
      type_(std::move(type)),
      data_(std::move(data)),
      shape_(std::move(shape)),
      dim_names_(std::move(dim_names)) {}

Result<SparseTensorPtr> SparseTensor::Make(std::shared_ptr<SparseIndex> index, TypePtr type,
                                           std::shared_ptr<Buffer> data, std::vector<int64_t> shape,
                                           std::vector<std::string> dim_names) {
  if (type == nullptr || !is_tensor_value_type(type->id())) {
    return Status::TypeError("sparse tensor values must be integers or floating point, got ",
                             type ? type->ToString() : "no type");
  }
  if (index == nullptr) return Status::Invalid("sparse tensor index is null");
  if (data == nullptr) return Status::Invalid("sparse tensor data buffer is null");
  int64_t size = 0;
  ARROWPACK_RETURN_NOT_OK(CheckShape(shape, &size));
  if (!dim_names.empty() && dim_names.size() != shape.size()) {
    return Status::Invalid("sparse tensor has ", dim_names.size(), " dimension names for ", shape.size(),
                           " dimensions");
  }
  ARROWPACK_RETURN_NOT_OK(index->ValidateShape(shape));
  int64_t needed = 0;
  if (__builtin_mul_overflow(index->non_zero_length(), type->bit_width() / 8, &needed) || needed > data->size()) {
    return Status::Invalid("sparse tensor data buffer holds ", data->size(), " bytes, too few for ",
                           index->non_zero_length(), " values of ", type->ToString());
  }
  return SparseTensorPtr(
      new SparseTensor(std::move(index), std::move(type), std::move(data), std::move(shape), std::move(dim_names)));
}

Result<SparseTensorPtr> SparseTensor::FromTensor(const Tensor& tensor, SparseTensorFormat format, MemoryPool* pool) {
  const int ndim = tensor.ndim();
  if (format == SparseTensorFormat::CSF) {
    // pyarrow's default order: dimensions by increasing extent, ties in their original order.
    std::vector<int64_t> axis_order = internal::IdentityAxes(ndim);
    std::stable_sort(axis_order.begin(), axis_order.end(),
                     [&](int64_t a, int64_t b) { return tensor.shape()[a] < tensor.shape()[b]; });
    return FromTensorCSF(tensor, std::move(axis_order), pool);
  }
  if (format != SparseTensorFormat::COO && ndim != 2) {
    return Status::Invalid("sparse CSR/CSC tensors need a 2-D tensor, got ", ndim, "-D");
  }
  std::vector<int64_t> axes = internal::IdentityAxes(ndim);
  if (format == SparseTensorFormat::CSC) std::reverse(axes.begin(), axes.end());
  const NonZeros found = CollectNonZeros(tensor, axes);
  std::shared_ptr<SparseIndex> index;
  if (format == SparseTensorFormat::COO) {
    ARROWPACK_ASSIGN_OR_RAISE(index, BuildCOO(found, ndim, pool));
  } else {
    const int axis = format == SparseTensorFormat::CSR ? 0 : 1;
    ARROWPACK_ASSIGN_OR_RAISE(auto parts, BuildCSX(found, tensor.shape(), axis, pool));
    if (format == SparseTensorFormat::CSR) {
      ARROWPACK_ASSIGN_OR_RAISE(index, SparseCSRIndex::Make(parts.first, parts.second));
    } else {
      ARROWPACK_ASSIGN_OR_RAISE(index, SparseCSCIndex::Make(parts.first, parts.second));
    }
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> values, AllocateBuffer(static_cast<int64_t>(found.values.size()), pool));
  if (!found.values.empty()) std::memcpy(values->mutable_data(), found.values.data(), found.values.size());
  return Make(std::move(index), tensor.type(), std::shared_ptr<Buffer>(std::move(values)), tensor.shape(),
              tensor.dim_names());
}

Result<SparseTensorPtr> SparseTensor::FromTensorCSF(const Tensor& tensor, std::vector<int64_t> axis_order,
                                                    MemoryPool* pool) {
  if (tensor.ndim() == 0) return Status::Invalid("sparse CSF tensors need at least one dimension");
  ARROWPACK_RETURN_NOT_OK(CheckAxisOrder(axis_order, static_cast<size_t>(tensor.ndim())));
  const NonZeros found = CollectNonZeros(tensor, axis_order);
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<SparseIndex> index, BuildCSF(found, axis_order, pool));
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> values, AllocateBuffer(static_cast<int64_t>(found.values.size()), pool));
  if (!found.values.empty()) std::memcpy(values->mutable_data(), found.values.data(), found.values.size());
  return Make(std::move(index), tensor.type(), std::shared_ptr<Buffer>(std::move(values)), tensor.shape(),
              tensor.dim_names());
}

int64_t SparseTensor::size() const {
  int64_t size = 1;
  for (int64_t extent : shape_) size *= extent;  // checked in Make
  return size;
}

Result<TensorPtr> SparseTensor::ToTensor(MemoryPool* pool) const {
  const int width = type_->bit_width() / 8;
  ARROWPACK_ASSIGN_OR_RAISE(std::vector<int64_t> strides, ComputeRowMajorStrides(width, shape_));
  int64_t nbytes = 0;
  if (__builtin_mul_overflow(size(), width, &nbytes)) return Status::Invalid("dense tensor would be too large");
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> dense, AllocateBuffer(nbytes, pool));
  uint8_t* out = dense->mutable_data();
  std::memset(out, 0, static_cast<size_t>(nbytes));
  const uint8_t* values = data_->data();
  ForEachStoredValue(*index_, ndim(), [&](int64_t k, const std::vector<int64_t>& coord) {
    int64_t offset = 0;
    for (int d = 0; d < ndim(); ++d) offset += coord[d] * strides[d];
    std::memcpy(out + offset, values + k * width, static_cast<size_t>(width));
  });
  return Tensor::Make(type_, std::shared_ptr<Buffer>(std::move(dense)), shape_, std::move(strides), dim_names_);
}

bool SparseTensor::Equals(const SparseTensor& other) const {
  if (this == &other) return true;
  if (format_id() != other.format_id() || !type_->Equals(*other.type_) || shape_ != other.shape_) return false;
  if (!index_->Equals(*other.index_)) return false;
  // Compare the stored values as 1-D tensors; Make checked both buffers hold them.
  const int64_t count = non_zero_length();
  auto left = Tensor::Make(type_, data_, {count});
  auto right = Tensor::Make(other.type_, other.data_, {count});
  return left.ok() && right.ok() && (*left)->Equals(**right);
}

}  // namespace arrowpack
