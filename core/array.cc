#include "arrowpack/core/array.h"

#include <algorithm>

#include "arrowpack/core/array_internal.h"

namespace arrowpack {

namespace {

ArrayPtr ChildArray(const ArrayData& data, size_t i) {
  return i < data.child_data.size() && data.child_data[i] ? MakeArray(data.child_data[i]) : nullptr;
}

// The same buffers, children and offset seen as another type (dictionary indices, extension
// storage); `dictionary` replaces the dictionary.
ArrayPtr Reinterpret(const ArrayData& data, TypePtr type, ArrayDataPtr dictionary) {
  auto copy = std::make_shared<ArrayData>(data);
  copy->type = std::move(type);
  copy->dictionary = std::move(dictionary);
  return MakeArray(std::move(copy));
}

// Inserts the decimal point of `scale` into signed digits, switching to scientific notation for
// negative scales and tiny magnitudes the way pyarrow prints decimals ("1.23E+4", "1E-10").
std::string ApplyDecimalScale(std::string digits, int32_t scale) {
  std::string sign;
  if (!digits.empty() && digits[0] == '-') {
    sign = "-";
    digits.erase(0, 1);
  }
  const int64_t num_digits = static_cast<int64_t>(digits.size());
  const int64_t adjusted_exponent = num_digits - 1 - static_cast<int64_t>(scale);
  if (scale >= 0 && adjusted_exponent >= -6) {
    if (scale == 0) return sign + digits;
    if (num_digits > scale) return sign + digits.insert(static_cast<size_t>(num_digits - scale), ".");
    return sign + "0." + std::string(static_cast<size_t>(scale - num_digits), '0') + digits;
  }
  std::string out = sign + digits.substr(0, 1);
  if (num_digits > 1) out += "." + digits.substr(1);
  out += adjusted_exponent >= 0 ? "E+" : "E-";
  return out + std::to_string(adjusted_exponent >= 0 ? adjusted_exponent : -adjusted_exponent);
}

// Index of the first run whose end lies beyond `position`.
template <typename RunEnd>
int64_t UpperBound(const RunEnd* run_ends, int64_t num_runs, int64_t position) {
  return std::upper_bound(run_ends, run_ends + num_runs, position,
                          [](int64_t value, RunEnd end) { return value < static_cast<int64_t>(end); }) -
         run_ends;
}

}  // namespace

namespace internal {

std::string FormatTwosComplement(const uint8_t* bytes, int32_t byte_width) {
  // Little-endian 32-bit limbs of the magnitude; repeated division by 10^9 yields the digits.
  const int num_limbs = byte_width / 4;
  uint32_t limbs[8] = {};
  std::memcpy(limbs, bytes, static_cast<size_t>(num_limbs) * 4);
  const bool negative = (limbs[num_limbs - 1] >> 31) != 0;
  if (negative) {
    uint64_t carry = 1;
    for (int i = 0; i < num_limbs; ++i) {
      const uint64_t sum = static_cast<uint64_t>(~limbs[i]) + carry;
      limbs[i] = static_cast<uint32_t>(sum);
      carry = sum >> 32;
    }
  }
  std::string reversed;
  int top = num_limbs;
  while (top > 0 && limbs[top - 1] == 0) --top;
  while (top > 0) {
    uint64_t remainder = 0;
    for (int i = top - 1; i >= 0; --i) {
      const uint64_t current = (remainder << 32) | limbs[i];
      limbs[i] = static_cast<uint32_t>(current / 1000000000u);
      remainder = current % 1000000000u;
    }
    while (top > 0 && limbs[top - 1] == 0) --top;
    for (int d = 0; d < 9 && (top > 0 || remainder > 0); ++d) {
      reversed.push_back(static_cast<char>('0' + remainder % 10));
      remainder /= 10;
    }
  }
  if (reversed.empty()) reversed = "0";
  if (negative) reversed.push_back('-');
  return {reversed.rbegin(), reversed.rend()};
}

}  // namespace internal

// ---- Array -------------------------------------------------------------------------------------

bool Array::IsValid(int64_t i) const {
  if (!internal::HasValidityBitmap(*type())) return internal::StorageType(*type()).id() != TypeId::NA;
  const uint8_t* bitmap = null_bitmap_data();
  return bitmap == nullptr || bit_util::GetBit(bitmap, offset() + i);
}

const uint8_t* Array::null_bitmap_data() const {
  if (!internal::HasValidityBitmap(*type()) || data_->buffers.empty() || !data_->buffers[0]) return nullptr;
  return data_->buffers[0]->data();
}

ArrayPtr Array::Slice(int64_t slice_offset, int64_t slice_length) const {
  slice_offset = std::clamp<int64_t>(slice_offset, 0, length());
  slice_length = std::clamp<int64_t>(slice_length, 0, length() - slice_offset);
  return MakeArray(data_->Slice(slice_offset, slice_length));
}

ArrayPtr Array::Slice(int64_t slice_offset) const {
  slice_offset = std::clamp<int64_t>(slice_offset, 0, length());
  return Slice(slice_offset, length() - slice_offset);
}

ArrayPtr MakeArray(ArrayDataPtr data) {
  switch (data->type->id()) {
    case TypeId::NA: return std::make_shared<NullArray>(std::move(data));
    case TypeId::BOOL: return std::make_shared<BooleanArray>(std::move(data));
    case TypeId::UINT8: return std::make_shared<PrimitiveArray<uint8_t>>(std::move(data));
    case TypeId::INT8: return std::make_shared<PrimitiveArray<int8_t>>(std::move(data));
    case TypeId::UINT16: return std::make_shared<PrimitiveArray<uint16_t>>(std::move(data));
    case TypeId::INT16: return std::make_shared<PrimitiveArray<int16_t>>(std::move(data));
    case TypeId::UINT32: return std::make_shared<PrimitiveArray<uint32_t>>(std::move(data));
    case TypeId::UINT64: return std::make_shared<PrimitiveArray<uint64_t>>(std::move(data));
    case TypeId::HALF_FLOAT: return std::make_shared<PrimitiveArray<uint16_t>>(std::move(data));
    case TypeId::FLOAT: return std::make_shared<PrimitiveArray<float>>(std::move(data));
    case TypeId::DOUBLE: return std::make_shared<PrimitiveArray<double>>(std::move(data));
    case TypeId::INT32:
    case TypeId::DATE32:
    case TypeId::TIME32:
    case TypeId::INTERVAL_MONTHS:
      return std::make_shared<PrimitiveArray<int32_t>>(std::move(data));
    case TypeId::INT64:
    case TypeId::DATE64:
    case TypeId::TIMESTAMP:
    case TypeId::TIME64:
    case TypeId::DURATION:
    case TypeId::INTERVAL_DAY_TIME:
      return std::make_shared<PrimitiveArray<int64_t>>(std::move(data));
    case TypeId::INTERVAL_MONTH_DAY_NANO: return std::make_shared<PrimitiveArray<MonthDayNano>>(std::move(data));
    case TypeId::STRING:
    case TypeId::BINARY:
      return std::make_shared<BinaryArray>(std::move(data));
    case TypeId::LARGE_STRING:
    case TypeId::LARGE_BINARY:
      return std::make_shared<LargeBinaryArray>(std::move(data));
    case TypeId::STRING_VIEW:
    case TypeId::BINARY_VIEW:
      return std::make_shared<BinaryViewArray>(std::move(data));
    case TypeId::FIXED_SIZE_BINARY: return std::make_shared<FixedSizeBinaryArray>(std::move(data));
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256:
      return std::make_shared<DecimalArray>(std::move(data));
    case TypeId::LIST:
    case TypeId::LIST_VIEW:
      return std::make_shared<ListArray>(std::move(data));
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW:
      return std::make_shared<LargeListArray>(std::move(data));
    case TypeId::MAP: return std::make_shared<MapArray>(std::move(data));
    case TypeId::FIXED_SIZE_LIST: return std::make_shared<FixedSizeListArray>(std::move(data));
    case TypeId::STRUCT: return std::make_shared<StructArray>(std::move(data));
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION:
      return std::make_shared<UnionArray>(std::move(data));
    case TypeId::DICTIONARY: return std::make_shared<DictionaryArray>(std::move(data));
    case TypeId::RUN_END_ENCODED: return std::make_shared<RunEndEncodedArray>(std::move(data));
    case TypeId::EXTENSION: return std::make_shared<ExtensionArray>(std::move(data));
  }
  return std::make_shared<Array>(std::move(data));
}

// ---- Binary-like -------------------------------------------------------------------------------

std::string_view BinaryViewArray::GetView(int64_t i) const {
  const auto& view = data()->GetValues<internal::BinaryView>(1)[i];
  if (view.size <= internal::kInlineViewSize) return {view.inlined, static_cast<size_t>(view.size)};
  const auto& buffer = data()->buffers[2 + static_cast<size_t>(view.buffer_index())];
  return {reinterpret_cast<const char*>(buffer->data()) + view.offset(), static_cast<size_t>(view.size)};
}

int32_t FixedSizeBinaryArray::byte_width() const { return type()->bit_width() / 8; }

const uint8_t* FixedSizeBinaryArray::GetValue(int64_t i) const {
  const auto& values = data()->buffers[1];
  return values ? values->data() + (offset() + i) * byte_width() : nullptr;
}

std::string_view FixedSizeBinaryArray::GetView(int64_t i) const {
  return {reinterpret_cast<const char*>(GetValue(i)), static_cast<size_t>(byte_width())};
}

std::string DecimalArray::FormatValue(int64_t i) const {
  const auto& decimal_type = static_cast<const DecimalType&>(*type());
  return ApplyDecimalScale(internal::FormatTwosComplement(GetValue(i), byte_width()), decimal_type.scale());
}

// ---- Nested ------------------------------------------------------------------------------------

template <typename OffsetType>
BaseListArray<OffsetType>::BaseListArray(ArrayDataPtr data) : Array(std::move(data)) {
  values_ = ChildArray(*this->data(), 0);
}

template class BaseListArray<int32_t>;
template class BaseListArray<int64_t>;

MapArray::MapArray(ArrayDataPtr data) : ListArray(std::move(data)) {
  // Sliced to the entries struct so value_offset(i) indexes keys and items directly.
  const auto* entries = dynamic_cast<const StructArray*>(values().get());
  if (entries != nullptr && entries->num_fields() == 2) {
    keys_ = entries->field(0);
    items_ = entries->field(1);
  }
}

FixedSizeListArray::FixedSizeListArray(ArrayDataPtr data) : Array(std::move(data)) {
  values_ = ChildArray(*this->data(), 0);
}

int32_t FixedSizeListArray::list_size() const { return static_cast<const FixedSizeListType&>(*type()).list_size(); }

StructArray::StructArray(ArrayDataPtr data) : Array(std::move(data)) {
  for (size_t i = 0; i < this->data()->child_data.size(); ++i) children_.push_back(ChildArray(*this->data(), i));
}

ArrayPtr StructArray::field(int i) const { return children_[i]->Slice(offset(), length()); }

UnionArray::UnionArray(ArrayDataPtr data) : Array(std::move(data)) {
  for (size_t i = 0; i < this->data()->child_data.size(); ++i) children_.push_back(ChildArray(*this->data(), i));
}

int UnionArray::child_id(int64_t i) const {
  const int8_t code = type_code(i);
  return code < 0 ? -1 : static_cast<const UnionType&>(*type()).child_ids()[code];
}

int64_t UnionArray::value_offset(int64_t i) const {
  return is_dense() ? data()->GetValues<int32_t>(1)[i] : offset() + i;
}

DictionaryArray::DictionaryArray(ArrayDataPtr data) : Array(std::move(data)) {
  indices_ = Reinterpret(*this->data(), static_cast<const DictionaryType&>(*type()).index_type(), nullptr);
  if (this->data()->dictionary) dictionary_ = MakeArray(this->data()->dictionary);
}

int64_t DictionaryArray::GetValueIndex(int64_t i) const {
  return internal::ReadInteger(indices_->type_id(), data()->buffers[1]->data(), offset() + i);
}

RunEndEncodedArray::RunEndEncodedArray(ArrayDataPtr data) : Array(std::move(data)) {
  run_ends_ = ChildArray(*this->data(), 0);
  values_ = ChildArray(*this->data(), 1);
}

int64_t RunEndEncodedArray::FindPhysicalIndex(int64_t i) const {
  const int64_t position = offset() + i;
  const int64_t num_runs = run_ends_->length();
  switch (run_ends_->type_id()) {
    case TypeId::INT16: return UpperBound(run_ends_->data()->GetValues<int16_t>(1), num_runs, position);
    case TypeId::INT32: return UpperBound(run_ends_->data()->GetValues<int32_t>(1), num_runs, position);
    default: return UpperBound(run_ends_->data()->GetValues<int64_t>(1), num_runs, position);
  }
}

ExtensionArray::ExtensionArray(ArrayDataPtr data) : Array(std::move(data)) {
  storage_ = Reinterpret(*this->data(), static_cast<const ExtensionType&>(*type()).storage_type(),
                         this->data()->dictionary);
}

}  // namespace arrowpack
