#include "array_helpers.h"

#include <cstring>

#include "arrowpack/core/array_internal.h"
#include "common.h"

namespace arrowpack::python {

std::shared_ptr<Buffer> AllocateBitmap(int64_t length) {
  const int64_t size = bit_util::BytesForBits(length);
  std::shared_ptr<Buffer> bits = ValueOrThrow(AllocateBuffer(size));
  if (size > 0) std::memset(bits->mutable_data(), 0, static_cast<size_t>(size));
  return bits;
}

std::shared_ptr<Buffer> CopyValidity(const Array& array) {
  const uint8_t* source = array.null_bitmap_data();
  if (source == nullptr || array.null_count() == 0) return nullptr;
  std::shared_ptr<Buffer> bits = AllocateBitmap(array.length());
  bit_util::CopyBitmap(source, array.offset(), array.length(), bits->mutable_data(), 0);
  return bits;
}

std::shared_ptr<Buffer> ValidityFromMask(const Array& mask, int64_t length) {
  if (mask.type_id() != TypeId::BOOL) RaiseStatus(Status::Invalid("mask must be a boolean array, got ", mask.type()->ToString()));
  if (mask.length() != length) {
    RaiseStatus(Status::Invalid("mask length (", mask.length(), ") does not match the array length (", length, ")"));
  }
  const auto& booleans = static_cast<const BooleanArray&>(mask);
  std::shared_ptr<Buffer> bits = AllocateBitmap(length);
  bool any_null = false;
  for (int64_t i = 0; i < length; ++i) {
    const bool masked = booleans.IsValid(i) && booleans.Value(i);
    if (masked) {
      any_null = true;
    } else {
      bit_util::SetBit(bits->mutable_data(), i);
    }
  }
  return any_null ? bits : nullptr;
}

ArrayPtr AndValidity(const ArrayPtr& array, const std::shared_ptr<Buffer>& validity) {
  if (validity == nullptr || !internal::HasValidityBitmap(*array->type())) return array;
  // The combined bitmap is written at the array's own offset so the other buffers stay shared.
  auto data = std::make_shared<ArrayData>(*array->data());
  std::shared_ptr<Buffer> bits = AllocateBitmap(data->offset + data->length);
  const uint8_t* own = array->null_bitmap_data();
  for (int64_t i = 0; i < data->length; ++i) {
    const int64_t position = data->offset + i;
    if (bit_util::GetBit(validity->data(), i) && (own == nullptr || bit_util::GetBit(own, position))) {
      bit_util::SetBit(bits->mutable_data(), position);
    }
  }
  if (data->buffers.empty()) data->buffers.resize(1);
  data->buffers[0] = std::move(bits);
  data->null_count = kUnknownNullCount;
  return MakeArray(std::move(data));
}

ArrayPtr OffsetsView(const Array& array, int index, int64_t count, const TypePtr& offset_type) {
  const auto& buffer = array.data()->buffers[index];
  return MakeArray(ArrayData::Make(offset_type, count, {nullptr, buffer}, 0, array.offset()));
}

namespace {

ArrayDataPtr EmptyData(const TypePtr& type) {
  const DataType& storage = internal::StorageType(*type);
  std::vector<std::shared_ptr<Buffer>> buffers;
  for (const BufferSpec& spec : storage.layout().buffers) {
    // Eight zero bytes serve as empty values and as the single 0 offset of either width.
    buffers.push_back(spec.kind == BufferSpec::kValidityBitmap || spec.kind == BufferSpec::kAlwaysNull
                          ? nullptr
                          : Buffer::FromVector(std::vector<uint8_t>(8, 0)));
  }
  std::vector<ArrayDataPtr> children;
  for (const auto& child : storage.fields()) children.push_back(EmptyData(child->type()));
  auto data = ArrayData::Make(type, 0, std::move(buffers), std::move(children), 0);
  if (storage.id() == TypeId::DICTIONARY) {
    data->dictionary = EmptyData(static_cast<const DictionaryType&>(storage).value_type());
  }
  return data;
}

int64_t ChildBytes(const ArrayData& data, size_t child, int64_t offset, int64_t length) {
  const ArrayDataPtr& child_data = data.child_data[child];
  if (child_data == nullptr) return 0;
  return ReferencedBytes(*child_data->Slice(offset, length));
}

int64_t WholeBytes(const ArrayDataPtr& data) { return data == nullptr ? 0 : ReferencedBytes(*data); }

// Offsets count one per row, as pyarrow's nbytes does; [first, last) is the child span.
template <typename Offset>
int64_t OffsetSpanBytes(const ArrayData& data, int64_t* first, int64_t* last) {
  const Offset* offsets = data.GetValues<Offset>(1);
  *first = data.length > 0 && offsets != nullptr ? offsets[0] : 0;
  *last = data.length > 0 && offsets != nullptr ? offsets[data.length] : 0;
  return data.length * static_cast<int64_t>(sizeof(Offset));
}

}  // namespace

ArrayPtr MakeEmptyArray(const TypePtr& type) { return MakeArray(EmptyData(type)); }

int64_t ReferencedBytes(const ArrayData& data) {
  const DataType& type = internal::StorageType(*data.type);
  const int64_t length = data.length;
  int64_t total = !data.buffers.empty() && data.buffers[0] && internal::HasValidityBitmap(type)
                      ? bit_util::BytesForBits(length)
                      : 0;
  int64_t first = 0, last = 0;
  switch (type.id()) {
    case TypeId::NA: return 0;
    case TypeId::BOOL: return total + bit_util::BytesForBits(length);
    case TypeId::STRING:
    case TypeId::BINARY:
      total += OffsetSpanBytes<int32_t>(data, &first, &last);
      return total + (last - first);
    case TypeId::LARGE_STRING:
    case TypeId::LARGE_BINARY:
      total += OffsetSpanBytes<int64_t>(data, &first, &last);
      return total + (last - first);
    case TypeId::STRING_VIEW:
    case TypeId::BINARY_VIEW:
      total += 16 * length;
      for (size_t i = 2; i < data.buffers.size(); ++i) total += data.buffers[i] ? data.buffers[i]->size() : 0;
      return total;
    case TypeId::LIST:
    case TypeId::MAP:
      total += OffsetSpanBytes<int32_t>(data, &first, &last);
      return total + ChildBytes(data, 0, first, last - first);
    case TypeId::LARGE_LIST:
      total += OffsetSpanBytes<int64_t>(data, &first, &last);
      return total + ChildBytes(data, 0, first, last - first);
    case TypeId::LIST_VIEW: return total + 8 * length + WholeBytes(data.child_data[0]);
    case TypeId::LARGE_LIST_VIEW: return total + 16 * length + WholeBytes(data.child_data[0]);
    case TypeId::FIXED_SIZE_LIST: {
      const int64_t size = static_cast<const FixedSizeListType&>(type).list_size();
      return total + ChildBytes(data, 0, data.offset * size, length * size);
    }
    case TypeId::STRUCT:
      for (size_t i = 0; i < data.child_data.size(); ++i) total += ChildBytes(data, i, data.offset, length);
      return total;
    case TypeId::SPARSE_UNION:
      total += length;
      for (size_t i = 0; i < data.child_data.size(); ++i) total += ChildBytes(data, i, data.offset, length);
      return total;
    case TypeId::DENSE_UNION:
      total += 5 * length;
      for (const auto& child : data.child_data) total += WholeBytes(child);
      return total;
    case TypeId::DICTIONARY: {
      const int width = static_cast<const DictionaryType&>(type).index_type()->bit_width() / 8;
      return total + width * length + WholeBytes(data.dictionary);
    }
    case TypeId::RUN_END_ENCODED:
      for (const auto& child : data.child_data) total += WholeBytes(child);
      return total;
    default: {
      const int width = type.bit_width();
      return total + (width > 0 ? width / 8 * length : 0);
    }
  }
}

}  // namespace arrowpack::python
