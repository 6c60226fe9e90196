// Test helpers that build ArrayData by hand from vectors (no builders), so tests can also make
// deliberately corrupt arrays. Buffers are copies allocated from the default memory pool; an empty
// validity vector means "no bitmap". Types from Result-returning factories go through Unwrap().
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "test_util.h"

namespace arrowpack::testing {

/// The type of a factory that cannot fail in a test (aborts otherwise).
inline TypePtr Unwrap(Result<TypePtr> type) { return std::move(type).ValueOrDie(); }

/// A pool-allocated copy of `size` bytes.
inline std::shared_ptr<Buffer> BufferOfBytes(const void* data, int64_t size) {
  std::shared_ptr<Buffer> buffer = AllocateBuffer(size).ValueOrDie();
  if (size > 0) std::memcpy(buffer->mutable_data(), data, static_cast<size_t>(size));
  return buffer;
}

template <typename T>
std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  return BufferOfBytes(values.data(), static_cast<int64_t>(values.size() * sizeof(T)));
}

inline std::shared_ptr<Buffer> BufferOf(const std::string& bytes) {
  return BufferOfBytes(bytes.data(), static_cast<int64_t>(bytes.size()));
}

/// LSB-first bitmap of `bits`; nullptr when `bits` is empty.
inline std::shared_ptr<Buffer> BitmapOf(const std::vector<bool>& bits) {
  if (bits.empty()) return nullptr;
  std::vector<uint8_t> bytes(static_cast<size_t>(bit_util::BytesForBits(static_cast<int64_t>(bits.size()))), 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) bit_util::SetBit(bytes.data(), static_cast<int64_t>(i));
  }
  return BufferOf(bytes);
}

inline int64_t CountNulls(const std::vector<bool>& valid) {
  int64_t nulls = 0;
  for (bool bit : valid) nulls += bit ? 0 : 1;
  return nulls;
}

/// Fixed-width values (ints, floats, temporals, intervals); `valid` empty means all valid.
template <typename T>
ArrayDataPtr PrimitiveData(TypePtr type, const std::vector<T>& values, const std::vector<bool>& valid = {}) {
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()), {BitmapOf(valid), BufferOf(values)},
                         CountNulls(valid));
}

/// Fixed-width values with nullopt as null (null slots hold zero bytes).
template <typename T>
ArrayDataPtr OptionalData(TypePtr type, const std::vector<std::optional<T>>& values) {
  std::vector<T> raw;
  std::vector<bool> valid;
  bool any_null = false;
  for (const auto& value : values) {
    raw.push_back(value.value_or(T{}));
    valid.push_back(value.has_value());
    any_null |= !value.has_value();
  }
  return PrimitiveData<T>(std::move(type), raw, any_null ? valid : std::vector<bool>{});
}

inline ArrayDataPtr NullData(int64_t length) { return ArrayData::Make(null(), length, {nullptr}, length); }

inline ArrayDataPtr BooleanData(const std::vector<bool>& values, const std::vector<bool>& valid = {}) {
  return ArrayData::Make(boolean(), static_cast<int64_t>(values.size()), {BitmapOf(valid), BitmapOf(values)},
                         CountNulls(valid));
}

/// binary/string (int32 offsets) or large_binary/large_string (int64 offsets).
template <typename Offset = int32_t>
ArrayDataPtr BinaryData(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  std::vector<Offset> offsets{0};
  std::string bytes;
  std::vector<bool> valid;
  for (const auto& value : values) {
    if (value) bytes += *value;
    offsets.push_back(static_cast<Offset>(bytes.size()));
    valid.push_back(value.has_value());
  }
  const int64_t nulls = CountNulls(valid);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {nulls ? BitmapOf(valid) : nullptr, BufferOf(offsets), BufferOf(bytes)}, nulls);
}

inline ArrayDataPtr StringData(const std::vector<std::optional<std::string>>& values) {
  return BinaryData<int32_t>(utf8(), values);
}

/// binary_view/string_view: values longer than 12 bytes go to variadic buffers of at most
/// `max_buffer_size` bytes each.
inline ArrayDataPtr BinaryViewData(TypePtr type, const std::vector<std::optional<std::string>>& values,
                                   size_t max_buffer_size = 32) {
  std::vector<uint8_t> views(values.size() * 16, 0);
  std::vector<std::string> variadic;
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    if (!values[i]) continue;
    const std::string& value = *values[i];
    uint8_t* view = views.data() + i * 16;
    const auto size = static_cast<int32_t>(value.size());
    std::memcpy(view, &size, 4);
    if (value.size() <= 12) {
      std::memcpy(view + 4, value.data(), value.size());
      continue;
    }
    if (variadic.empty() || variadic.back().size() + value.size() > max_buffer_size) variadic.emplace_back();
    const auto buffer_index = static_cast<int32_t>(variadic.size() - 1);
    const auto offset = static_cast<int32_t>(variadic.back().size());
    variadic.back() += value;
    std::memcpy(view + 4, value.data(), 4);
    std::memcpy(view + 8, &buffer_index, 4);
    std::memcpy(view + 12, &offset, 4);
  }
  const int64_t nulls = CountNulls(valid);
  std::vector<std::shared_ptr<Buffer>> buffers{nulls ? BitmapOf(valid) : nullptr, BufferOf(views)};
  for (const auto& bytes : variadic) buffers.push_back(BufferOf(bytes));
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()), std::move(buffers), nulls);
}

/// fixed_size_binary or decimal values given as raw bytes of the type's width.
inline ArrayDataPtr FixedSizeBinaryData(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  const size_t width = static_cast<size_t>(type->bit_width() / 8);
  std::string bytes;
  std::vector<bool> valid;
  for (const auto& value : values) {
    bytes += value ? *value : std::string(width, '\0');
    valid.push_back(value.has_value());
  }
  const int64_t nulls = CountNulls(valid);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {nulls ? BitmapOf(valid) : nullptr, BufferOf(bytes)}, nulls);
}

/// Decimal values from unscaled int64s (sign-extended to the type's width).
inline ArrayDataPtr DecimalData(TypePtr type, const std::vector<std::optional<int64_t>>& unscaled) {
  const size_t width = static_cast<size_t>(type->bit_width() / 8);
  std::vector<std::optional<std::string>> values;
  for (const auto& value : unscaled) {
    if (!value) {
      values.emplace_back();
      continue;
    }
    std::string bytes(width, *value < 0 ? '\xff' : '\0');
    std::memcpy(bytes.data(), &*value, std::min(width, sizeof(int64_t)));
    values.push_back(bytes);
  }
  return FixedSizeBinaryData(std::move(type), values);
}

/// list/large_list/map with `offsets` (length + 1 entries) into `child`.
template <typename Offset = int32_t>
ArrayDataPtr ListData(TypePtr type, const std::vector<Offset>& offsets, ArrayDataPtr child,
                      const std::vector<bool>& valid = {}) {
  return ArrayData::Make(std::move(type), static_cast<int64_t>(offsets.size()) - 1,
                         {BitmapOf(valid), BufferOf(offsets)}, {std::move(child)}, CountNulls(valid));
}

/// list_view/large_list_view with explicit offsets and sizes.
template <typename Offset = int32_t>
ArrayDataPtr ListViewData(TypePtr type, const std::vector<Offset>& offsets, const std::vector<Offset>& sizes,
                          ArrayDataPtr child, const std::vector<bool>& valid = {}) {
  return ArrayData::Make(std::move(type), static_cast<int64_t>(offsets.size()),
                         {BitmapOf(valid), BufferOf(offsets), BufferOf(sizes)}, {std::move(child)},
                         CountNulls(valid));
}

inline ArrayDataPtr FixedSizeListData(TypePtr type, int64_t length, ArrayDataPtr child,
                                      const std::vector<bool>& valid = {}) {
  return ArrayData::Make(std::move(type), length, {BitmapOf(valid)}, {std::move(child)}, CountNulls(valid));
}

inline ArrayDataPtr StructData(TypePtr type, int64_t length, std::vector<ArrayDataPtr> children,
                               const std::vector<bool>& valid = {}) {
  return ArrayData::Make(std::move(type), length, {BitmapOf(valid)}, std::move(children), CountNulls(valid));
}

inline ArrayDataPtr SparseUnionData(TypePtr type, const std::vector<int8_t>& type_codes,
                                    std::vector<ArrayDataPtr> children) {
  return ArrayData::Make(std::move(type), static_cast<int64_t>(type_codes.size()), {BufferOf(type_codes)},
                         std::move(children), 0);
}

inline ArrayDataPtr DenseUnionData(TypePtr type, const std::vector<int8_t>& type_codes,
                                   const std::vector<int32_t>& offsets, std::vector<ArrayDataPtr> children) {
  return ArrayData::Make(std::move(type), static_cast<int64_t>(type_codes.size()),
                         {BufferOf(type_codes), BufferOf(offsets)}, std::move(children), 0);
}

/// Dictionary array: `indices` (of the type's index type) with `dictionary` attached.
inline ArrayDataPtr DictionaryData(TypePtr type, ArrayDataPtr indices, ArrayDataPtr dictionary) {
  auto data = std::make_shared<ArrayData>(*indices);
  data->type = std::move(type);
  data->dictionary = std::move(dictionary);
  return data;
}

inline ArrayDataPtr RunEndEncodedData(TypePtr type, int64_t length, ArrayDataPtr run_ends, ArrayDataPtr values) {
  return ArrayData::Make(std::move(type), length, {}, {std::move(run_ends), std::move(values)}, 0);
}

/// Extension array over `storage` (same buffers, children and dictionary).
inline ArrayDataPtr ExtensionData(TypePtr type, const ArrayDataPtr& storage) {
  auto data = std::make_shared<ArrayData>(*storage);
  data->type = std::move(type);
  return data;
}

inline ArrayPtr ToArray(ArrayDataPtr data) { return MakeArray(std::move(data)); }

}  // namespace arrowpack::testing
