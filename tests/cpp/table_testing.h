// Small builders for the table, concatenation and tensor suites: arrays and tensors made by hand
// from ArrayData::Make and Buffer::FromVector (no builders, no pool allocations).
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/core/tensor.h"

namespace arrowpack::testing {

template <typename T>
std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return Buffer::FromVector(std::move(bytes));
}

/// A validity bitmap (nullptr when every slot is valid) and the null count.
template <typename T>
std::shared_ptr<Buffer> ValidityOf(const std::vector<std::optional<T>>& values, int64_t* null_count) {
  std::vector<uint8_t> bits(bit_util::BytesForBits(static_cast<int64_t>(values.size())), 0);
  *null_count = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].has_value()) {
      bit_util::SetBit(bits.data(), static_cast<int64_t>(i));
    } else {
      ++*null_count;
    }
  }
  return *null_count == 0 ? nullptr : Buffer::FromVector(std::move(bits));
}

/// A fixed-width array of `type` whose values are stored as T (nullopt: null).
template <typename T>
ArrayPtr PrimitiveArrayOf(TypePtr type, const std::vector<std::optional<T>>& values) {
  int64_t null_count = 0;
  auto validity = ValidityOf(values, &null_count);
  std::vector<T> raw;
  for (const auto& value : values) raw.push_back(value.value_or(T{}));
  return MakeArray(ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                                   {std::move(validity), BufferOf(raw)}, null_count));
}

inline ArrayPtr Int64s(const std::vector<std::optional<int64_t>>& values) {
  return PrimitiveArrayOf<int64_t>(int64(), values);
}
inline ArrayPtr Int32s(const std::vector<std::optional<int32_t>>& values) {
  return PrimitiveArrayOf<int32_t>(int32(), values);
}
inline ArrayPtr Doubles(const std::vector<std::optional<double>>& values) {
  return PrimitiveArrayOf<double>(float64(), values);
}

inline ArrayPtr Bools(const std::vector<std::optional<bool>>& values) {
  int64_t null_count = 0;
  auto validity = ValidityOf(values, &null_count);
  std::vector<uint8_t> bits(bit_util::BytesForBits(static_cast<int64_t>(values.size())), 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].value_or(false)) bit_util::SetBit(bits.data(), static_cast<int64_t>(i));
  }
  return MakeArray(ArrayData::Make(boolean(), static_cast<int64_t>(values.size()),
                                   {std::move(validity), Buffer::FromVector(std::move(bits))}, null_count));
}

/// string/binary (Offset = int32_t) or large_string/large_binary (int64_t).
template <typename Offset = int32_t>
ArrayPtr BinaryArrayOf(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  int64_t null_count = 0;
  auto validity = ValidityOf(values, &null_count);
  std::vector<Offset> offsets{0};
  std::string bytes;
  for (const auto& value : values) {
    bytes += value.value_or("");
    offsets.push_back(static_cast<Offset>(bytes.size()));
  }
  return MakeArray(ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                                   {std::move(validity), BufferOf(offsets), Buffer::FromString(bytes)}, null_count));
}

inline ArrayPtr Strings(const std::vector<std::optional<std::string>>& values) {
  return BinaryArrayOf<int32_t>(utf8(), values);
}

/// list<item: child type> over `child` with the given offsets; `valid` (if given) marks null lists false.
inline ArrayPtr ListOf(const ArrayPtr& child, const std::vector<int32_t>& offsets,
                       const std::vector<bool>& valid = {}) {
  const int64_t length = static_cast<int64_t>(offsets.size()) - 1;
  std::shared_ptr<Buffer> validity;
  int64_t null_count = 0;
  if (!valid.empty()) {
    std::vector<std::optional<bool>> flags;
    for (bool v : valid) flags.push_back(v ? std::optional<bool>(true) : std::nullopt);
    validity = ValidityOf(flags, &null_count);
  }
  return MakeArray(ArrayData::Make(list(child->type()), length, {std::move(validity), BufferOf(offsets)},
                                   {child->data()}, null_count));
}

/// A tensor over a copy of `values`.
template <typename T>
TensorPtr TensorOf(TypePtr type, const std::vector<T>& values, std::vector<int64_t> shape,
                   std::vector<int64_t> strides = {}, std::vector<std::string> dim_names = {}) {
  return Tensor::Make(std::move(type), BufferOf(values), std::move(shape), std::move(strides), std::move(dim_names))
      .ValueOrDie();
}

}  // namespace arrowpack::testing
