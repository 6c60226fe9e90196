#include "arrowpack/core/tensor.h"

#include <algorithm>
#include <numeric>

#include "arrowpack/core/tensor_internal.h"

namespace arrowpack {

namespace internal {

namespace {

template <typename T>
T Load(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

template <typename T>
bool IsNonZero(const uint8_t* p) {
  return Load<T>(p) != 0;
}

// Half floats are compared as bit patterns, except that both zeros count as zero.
bool HalfIsNonZero(const uint8_t* p) { return (Load<uint16_t>(p) & 0x7fff) != 0; }

template <typename T>
bool AreEqual(const uint8_t* left, const uint8_t* right) {
  return Load<T>(left) == Load<T>(right);
}

}  // namespace

std::vector<int64_t> IdentityAxes(int n) {
  std::vector<int64_t> axes(n);
  std::iota(axes.begin(), axes.end(), 0);
  return axes;
}

ElementIsNonZero NonZeroTest(TypeId id) {
  switch (id) {
    case TypeId::INT8: return IsNonZero<int8_t>;
    case TypeId::UINT8: return IsNonZero<uint8_t>;
    case TypeId::INT16: return IsNonZero<int16_t>;
    case TypeId::UINT16: return IsNonZero<uint16_t>;
    case TypeId::INT32: return IsNonZero<int32_t>;
    case TypeId::UINT32: return IsNonZero<uint32_t>;
    case TypeId::INT64: return IsNonZero<int64_t>;
    case TypeId::UINT64: return IsNonZero<uint64_t>;
    case TypeId::HALF_FLOAT: return HalfIsNonZero;
    case TypeId::FLOAT: return IsNonZero<float>;
    default: return IsNonZero<double>;
  }
}

ElementsEqual EqualityTest(TypeId id) {
  switch (id) {
    case TypeId::INT8:
    case TypeId::UINT8: return AreEqual<uint8_t>;
    case TypeId::INT16:
    case TypeId::UINT16:
    case TypeId::HALF_FLOAT: return AreEqual<uint16_t>;
    case TypeId::INT32:
    case TypeId::UINT32: return AreEqual<uint32_t>;
    case TypeId::FLOAT: return AreEqual<float>;
    case TypeId::DOUBLE: return AreEqual<double>;
    default: return AreEqual<uint64_t>;
  }
}

}  // namespace internal

bool is_tensor_value_type(TypeId id) { return is_integer(id) || is_floating(id); }

namespace {

Status CheckShape(const std::vector<int64_t>& shape) {
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) return Status::Invalid("tensor dimension ", i, " is negative (", shape[i], ")");
  }
  return Status::OK();
}

// Strides of a contiguous layout; `axes` lists the dimensions from fastest- to slowest-varying.
Result<std::vector<int64_t>> ContiguousStrides(int64_t byte_width, const std::vector<int64_t>& shape,
                                               const std::vector<int64_t>& axes) {
  ARROWPACK_RETURN_NOT_OK(CheckShape(shape));
  std::vector<int64_t> strides(shape.size());
  int64_t stride = byte_width;
  for (int64_t axis : axes) {
    strides[axis] = stride;
    if (__builtin_mul_overflow(stride, std::max<int64_t>(shape[axis], 1), &stride)) {
      return Status::Invalid("tensor shape overflows int64 byte strides");
    }
  }
  return strides;
}

bool StridesMatch(const std::vector<int64_t>& shape, const std::vector<int64_t>& actual,
                  const Result<std::vector<int64_t>>& expected, int64_t size) {
  if (!expected.ok()) return false;
  if (size == 0) return true;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] > 1 && actual[i] != (*expected)[i]) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<int64_t>> ComputeRowMajorStrides(int64_t byte_width, const std::vector<int64_t>& shape) {
  std::vector<int64_t> axes = internal::IdentityAxes(static_cast<int>(shape.size()));
  std::reverse(axes.begin(), axes.end());
  return ContiguousStrides(byte_width, shape, axes);
}

Result<std::vector<int64_t>> ComputeColumnMajorStrides(int64_t byte_width, const std::vector<int64_t>& shape) {
  return ContiguousStrides(byte_width, shape, internal::IdentityAxes(static_cast<int>(shape.size())));
}

Tensor::Tensor(TypePtr type, std::shared_ptr<Buffer> data, std::vector<int64_t> shape, std::vector<int64_t> strides,
               std::vector<std::string> dim_names, int64_t size)
    : type_(std::move(type)),
      data_(std::move(data)),
      shape_(std::move(shape)),
      strides_(std::move(strides)),
      dim_names_(std::move(dim_names)),
      size_(size) {}

Result<TensorPtr> Tensor::Make(TypePtr type, std::shared_ptr<Buffer> data, std::vector<int64_t> shape,
                               std::vector<int64_t> strides, std::vector<std::string> dim_names) {
  if (type == nullptr || !is_tensor_value_type(type->id())) {
    return Status::TypeError("tensor values must be integers or floating point, got ",
                             type ? type->ToString() : "no type");
  }
  if (data == nullptr) return Status::Invalid("tensor data buffer is null");
  ARROWPACK_RETURN_NOT_OK(CheckShape(shape));
  const int64_t byte_width = type->bit_width() / 8;
  int64_t size = 1;
  for (int64_t extent : shape) {
    if (__builtin_mul_overflow(size, extent, &size)) return Status::Invalid("tensor size overflows int64");
  }
  if (strides.empty()) {
    ARROWPACK_ASSIGN_OR_RAISE(strides, ComputeRowMajorStrides(byte_width, shape));
  } else if (strides.size() != shape.size()) {
    return Status::Invalid("tensor has ", strides.size(), " strides for ", shape.size(), " dimensions");
  }
  if (!dim_names.empty() && dim_names.size() != shape.size()) {
    return Status::Invalid("tensor has ", dim_names.size(), " dimension names for ", shape.size(), " dimensions");
  }
  // The element farthest from the start must end inside the buffer.
  int64_t last = 0;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (strides[i] < 0) return Status::Invalid("tensor stride ", i, " is negative (", strides[i], ")");
    int64_t step = 0;
    if (size > 0 && (__builtin_mul_overflow(shape[i] - 1, strides[i], &step) || __builtin_add_overflow(last, step, &last))) {
      return Status::Invalid("tensor strides overflow int64");
    }
  }
  if (size > 0 && (last > data->size() - byte_width)) {
    return Status::Invalid("tensor shape and strides reach byte ", last, " + ", byte_width, " but the buffer holds ",
                           data->size(), " bytes");
  }
  return TensorPtr(new Tensor(std::move(type), std::move(data), std::move(shape), std::move(strides),
                              std::move(dim_names), size));
}

const std::string& Tensor::dim_name(int i) const {
  static const std::string kUnnamed;
  return dim_names_.empty() ? kUnnamed : dim_names_[i];
}

bool Tensor::is_row_major() const {
  return StridesMatch(shape_, strides_, ComputeRowMajorStrides(byte_width(), shape_), size_);
}

bool Tensor::is_column_major() const {
  return StridesMatch(shape_, strides_, ComputeColumnMajorStrides(byte_width(), shape_), size_);
}

int64_t Tensor::ValueOffset(const std::vector<int64_t>& index) const {
  int64_t offset = 0;
  for (size_t i = 0; i < index.size(); ++i) offset += index[i] * strides_[i];
  return offset;
}

bool Tensor::Equals(const Tensor& other) const {
  if (this == &other) return true;
  if (!type_->Equals(*other.type_) || shape_ != other.shape_) return false;
  const bool is_float = is_floating(type_id()) && type_id() != TypeId::HALF_FLOAT;
  if (!is_float && is_row_major() && other.is_row_major()) {
    return std::memcmp(raw_data(), other.raw_data(), static_cast<size_t>(size_ * byte_width())) == 0;
  }
  const internal::ElementsEqual equal = internal::EqualityTest(type_id());
  const uint8_t* left = raw_data();
  const uint8_t* right = other.raw_data();
  bool same = true;
  internal::ForEachElement(shape_, strides_, internal::IdentityAxes(ndim()),
                           [&](const std::vector<int64_t>& index, int64_t offset) {
                             same = same && equal(left + offset, right + other.ValueOffset(index));
                           });
  return same;
}

int64_t Tensor::CountNonZero() const {
  const internal::ElementIsNonZero non_zero = internal::NonZeroTest(type_id());
  int64_t count = 0;
  internal::ForEachElement(shape_, strides_, internal::IdentityAxes(ndim()),
                           [&](const std::vector<int64_t>&, int64_t offset) { count += non_zero(raw_data() + offset); });
  return count;
}

}  // namespace arrowpack
