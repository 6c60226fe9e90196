// Array::Validate (structure: O(1) per buffer and child) and Array::ValidateFull (every offset,
// index, type code, run end, view and UTF-8 byte), also on bare ArrayData (array_validate.h).
// Both walk children and dictionaries; type strings for messages are built only on error.
#include <limits>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/array_validate.h"

namespace arrowpack {

namespace internal {

// ---- UTF-8 -------------------------------------------------------------------------------------

// RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF. ASCII runs are skipped eight
// bytes at a time.
bool IsValidUtf8(const uint8_t* bytes, int64_t size) {
  int64_t i = 0;
  while (i < size) {
    while (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= size) break;
    const uint8_t lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    int trailing;
    uint8_t second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      trailing = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      trailing = 2;
      if (lead == 0xE0) second_min = 0xA0;  // overlong
      if (lead == 0xED) second_max = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      trailing = 3;
      if (lead == 0xF0) second_min = 0x90;  // overlong
      if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (size - i <= trailing) return false;
    if (bytes[i + 1] < second_min || bytes[i + 1] > second_max) return false;
    for (int k = 2; k <= trailing; ++k) {
      if (!IsUtf8Continuation(bytes[i + k])) return false;
    }
    i += trailing + 1;
  }
  return true;
}

bool IsAscii(const uint8_t* bytes, int64_t size) {
  uint64_t high_bits = 0;
  int64_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    high_bits |= word;
  }
  for (; i < size; ++i) high_bits |= bytes[i];
  return (high_bits & 0x8080808080808080ULL) == 0;
}

}  // namespace internal

namespace {

using internal::BinaryView;
using internal::IsUtf8Continuation;
using internal::IsValidUtf8;

bool CheckedMul(int64_t a, int64_t b, int64_t* out) { return !__builtin_mul_overflow(a, b, out); }
bool CheckedAdd(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }
// BytesForBits without the overflow of (bits + 7) near INT64_MAX.
int64_t BitmapBytes(int64_t bits) { return bits / 8 + (bits % 8 != 0 ? 1 : 0); }

bool IsOffsetsBuffer(TypeId id, size_t index) {
  return index == 1 && (is_binary_like(id) || is_large_binary_like(id) || id == TypeId::LIST ||
                        id == TypeId::LARGE_LIST || id == TypeId::MAP);
}

// ---- Validator ---------------------------------------------------------------------------------

class Validator {
 public:
  Validator(const ArrayData& data, bool full) : data_(data), full_(full) {}

  Status Run() {
    if (data_.type == nullptr) return Status::Invalid("array has no type");
    type_ = &internal::StorageType(*data_.type);
    ARROWPACK_RETURN_NOT_OK(CheckShape());
    ARROWPACK_RETURN_NOT_OK(CheckBuffers());
    ARROWPACK_RETURN_NOT_OK(CheckChildren());
    ARROWPACK_RETURN_NOT_OK(CheckTypeSpecific());
    if (full_) ARROWPACK_RETURN_NOT_OK(CheckContents());
    return Status::OK();
  }

 private:
  int64_t end() const { return data_.offset + data_.length; }

  // The type as a string, for error messages (nested types are costly to print, so only on error).
  const std::string& name() const {
    if (name_.empty()) name_ = data_.type->ToString();
    return name_;
  }

  Status CheckShape() {
    if (data_.length < 0) return Status::Invalid("array of type ", name(), " has negative length ", data_.length);
    if (data_.offset < 0) return Status::Invalid("array of type ", name(), " has negative offset ", data_.offset);
    int64_t end_row;
    if (!CheckedAdd(data_.offset, data_.length, &end_row)) {
      return Status::Invalid("array of type ", name(), ": offset ", data_.offset, " + length ", data_.length,
                             " overflows");
    }
    if (data_.null_count < kUnknownNullCount) {
      return Status::Invalid("array of type ", name(), " has negative null_count ", data_.null_count);
    }
    if (data_.null_count > data_.length) {
      return Status::Invalid("array of type ", name(), " has null_count ", data_.null_count, " greater than its length ",
                             data_.length);
    }
    if (type_->id() == TypeId::NA && data_.null_count >= 0 && data_.null_count != data_.length) {
      return Status::Invalid("null array has null_count ", data_.null_count, " but length ", data_.length);
    }
    if (!internal::HasValidityBitmap(*type_) && type_->id() != TypeId::NA && data_.null_count > 0) {
      return Status::Invalid("array of type ", name(), " has no validity bitmap but null_count ", data_.null_count);
    }
    return Status::OK();
  }

  Status BufferTooSmall(size_t index, int64_t required) const {
    const auto& buffer = data_.buffers[index];
    if (buffer == nullptr) {
      return Status::Invalid("buffer ", index, " of type ", name(), " is missing: expected at least ", required,
                             " bytes");
    }
    return Status::Invalid("buffer ", index, " of type ", name(), " is too small: expected at least ", required,
                           " bytes, got ", buffer->size());
  }

  Status CheckBufferSize(size_t index, int64_t required) const {
    const auto& buffer = data_.buffers[index];
    const int64_t size = buffer ? buffer->size() : 0;
    if (size < required) return BufferTooSmall(index, required);
    return Status::OK();
  }

  Status CheckBuffers() {
    // Integers and floats (a validity bitmap and one value buffer) are checked without building
    // their layout, which allocates.
    if (is_integer(type_->id()) || is_floating(type_->id())) {
      ARROWPACK_RETURN_NOT_OK(CheckBufferCount(2, /*variadic=*/false));
      ARROWPACK_RETURN_NOT_OK(CheckBuffer(0, {BufferSpec::kValidityBitmap}));
      return CheckBuffer(1, {BufferSpec::kFixedWidth, type_->bit_width() / 8});
    }
    const DataTypeLayout layout = type_->layout();
    const size_t expected = layout.buffers.size();
    ARROWPACK_RETURN_NOT_OK(CheckBufferCount(expected, layout.variadic));
    for (size_t i = 0; i < expected; ++i) ARROWPACK_RETURN_NOT_OK(CheckBuffer(i, layout.buffers[i]));
    for (size_t i = expected; i < data_.buffers.size(); ++i) {
      if (data_.buffers[i] == nullptr) return Status::Invalid("variadic buffer ", i, " of type ", name(), " is missing");
    }
    return Status::OK();
  }

  Status CheckBufferCount(size_t expected, bool variadic) const {
    if (variadic ? data_.buffers.size() < expected : data_.buffers.size() != expected) {
      return Status::Invalid("expected ", variadic ? "at least " : "", expected, " buffers for array of type ",
                             name(), ", got ", data_.buffers.size());
    }
    return Status::OK();
  }

  // Buffer `i` against what its layout entry `spec` requires.
  Status CheckBuffer(size_t i, const BufferSpec& spec) const {
    int64_t required = 0;
    switch (spec.kind) {
      case BufferSpec::kValidityBitmap:
        if (data_.buffers[i] == nullptr) {
          if (data_.null_count > 0) {
            return Status::Invalid("array of type ", name(), " has ", data_.null_count,
                                   " nulls but no validity bitmap");
          }
          return Status::OK();
        }
        required = BitmapBytes(end());
        break;
      case BufferSpec::kBitmap:
        required = BitmapBytes(end());
        break;
      case BufferSpec::kFixedWidth: {
        // Offsets need one entry more than the values they delimit, and none for an empty array.
        int64_t entries = end();
        bool ok = true;
        if (IsOffsetsBuffer(type_->id(), i)) {
          entries = 0;
          if (data_.length > 0) ok = CheckedAdd(end(), 1, &entries);
        }
        if (!ok || !CheckedMul(entries, spec.byte_width, &required)) {
          return Status::Invalid("buffer ", i, " of type ", name(), ": the size of ", end(), " values overflows");
        }
        break;
      }
      case BufferSpec::kVariableData:
      case BufferSpec::kAlwaysNull:
        return Status::OK();
    }
    return CheckBufferSize(i, required);
  }

  Status CheckChildren() {
    // Only nested types declare child fields; dictionaries and extensions have none of their own.
    const auto expected = static_cast<size_t>(type_->num_fields());
    if (data_.child_data.size() != expected) {
      return Status::Invalid("expected ", expected, " children for array of type ", name(), ", got ",
                             data_.child_data.size());
    }
    for (size_t i = 0; i < expected; ++i) {
      const auto& child = data_.child_data[i];
      const TypePtr& expected_type = type_->field(static_cast<int>(i))->type();
      if (child == nullptr || child->type == nullptr) {
        return Status::Invalid("child ", i, " of array of type ", name(), " is missing");
      }
      if (!child->type->Equals(*expected_type)) {
        return Status::Invalid("child ", i, " has type ", child->type->ToString(), " but ", name(), " expects ",
                               expected_type->ToString());
      }
      const Status child_status = Validator(*child, full_).Run();
      if (!child_status.ok()) return child_status.WithContext("child " + std::to_string(i) + " of " + name());
    }
    if (type_->id() == TypeId::DICTIONARY) {
      const auto& dict_type = static_cast<const DictionaryType&>(*type_);
      if (!is_integer(dict_type.index_type()->id())) {
        return Status::Invalid("dictionary index type must be an integer type, got ",
                               dict_type.index_type()->ToString());
      }
      if (data_.dictionary == nullptr) return Status::Invalid("dictionary array of type ", name(), " has no dictionary");
      if (data_.dictionary->type == nullptr || !data_.dictionary->type->Equals(*dict_type.value_type())) {
        return Status::Invalid("dictionary has type ",
                               data_.dictionary->type ? data_.dictionary->type->ToString() : "(none)", " but ", name(),
                               " expects ", dict_type.value_type()->ToString());
      }
      ARROWPACK_RETURN_NOT_OK(Validator(*data_.dictionary, full_).Run().WithContext("dictionary of " + name()));
    }
    return Status::OK();
  }

  // ---- O(1) checks that read the first/last offsets or child lengths ---------------------------

  Status CheckTypeSpecific() {
    switch (type_->id()) {
      case TypeId::STRING:
      case TypeId::BINARY:
        return CheckOffsetBounds<int32_t>(DataSize(), "the data buffer size");
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        return CheckOffsetBounds<int64_t>(DataSize(), "the data buffer size");
      case TypeId::LIST:
      case TypeId::MAP:
        return CheckOffsetBounds<int32_t>(data_.child_data[0]->length, "the child length");
      case TypeId::LARGE_LIST:
        return CheckOffsetBounds<int64_t>(data_.child_data[0]->length, "the child length");
      case TypeId::FIXED_SIZE_LIST: {
        const int64_t list_size = static_cast<const FixedSizeListType&>(*type_).list_size();
        int64_t required;
        if (!CheckedMul(end(), list_size, &required)) {
          return Status::Invalid("array of type ", name(), ": child size ", end(), " * ", list_size, " overflows");
        }
        return CheckChildLength(0, required);
      }
      case TypeId::STRUCT:
      case TypeId::SPARSE_UNION:
        for (size_t i = 0; i < data_.child_data.size(); ++i) ARROWPACK_RETURN_NOT_OK(CheckChildLength(i, end()));
        return Status::OK();
      case TypeId::RUN_END_ENCODED:
        return CheckRunEndShape();
      default:
        return Status::OK();
    }
  }

  int64_t DataSize() const { return data_.buffers[2] ? data_.buffers[2]->size() : 0; }

  template <typename Offset>
  Status CheckOffsetBounds(int64_t limit, const char* limit_name) const {
    if (data_.length == 0) return Status::OK();
    const Offset* offsets = data_.GetValues<Offset>(1);
    const int64_t first = offsets[0];
    const int64_t last = offsets[data_.length];
    if (first < 0) return Status::Invalid("array of type ", name(), " has negative first offset ", first);
    if (last < first) {
      return Status::Invalid("array of type ", name(), " has last offset ", last, " smaller than its first offset ",
                             first);
    }
    if (last > limit) {
      return Status::Invalid("array of type ", name(), " has last offset ", last, " beyond ", limit_name, " ", limit);
    }
    return Status::OK();
  }

  Status CheckChildLength(size_t index, int64_t required) const {
    const int64_t actual = data_.child_data[index]->length;
    if (actual < required) {
      return Status::Invalid("child ", index, " of type ", name(), " is too short: expected at least ", required,
                             " values, got ", actual);
    }
    return Status::OK();
  }

  Status CheckRunEndShape() const {
    const ArrayData& run_ends = *data_.child_data[0];
    const ArrayData& values = *data_.child_data[1];
    const TypeId run_end_id = run_ends.type->id();
    int64_t max_run_end;
    switch (run_end_id) {
      case TypeId::INT16: max_run_end = std::numeric_limits<int16_t>::max(); break;
      case TypeId::INT32: max_run_end = std::numeric_limits<int32_t>::max(); break;
      case TypeId::INT64: max_run_end = std::numeric_limits<int64_t>::max(); break;
      default:
        return Status::Invalid("run ends of ", name(), " must be int16, int32 or int64, got ",
                               run_ends.type->ToString());
    }
    if (end() > max_run_end) {
      return Status::Invalid("offset + length ", end(), " of ", name(), " exceeds the largest ",
                             run_ends.type->ToString(), " run end");
    }
    if (run_ends.GetNullCount() != 0) return Status::Invalid("run ends of ", name(), " contain nulls");
    if (values.length < run_ends.length) {
      return Status::Invalid("values of ", name(), " are shorter (", values.length, ") than its run ends (",
                             run_ends.length, ")");
    }
    if (data_.length == 0) return Status::OK();
    if (run_ends.length == 0) return Status::Invalid("array of type ", name(), " has length ", data_.length,
                                                     " but no run ends");
    const int64_t last = internal::ReadInteger(run_end_id, run_ends.buffers[1]->data(),
                                               run_ends.offset + run_ends.length - 1);
    if (last < end()) {
      return Status::Invalid("last run end ", last, " of ", name(), " is smaller than offset + length ", end());
    }
    return Status::OK();
  }

  // ---- Full checks -------------------------------------------------------------------------------

  bool IsNull(int64_t row) const {
    const auto& bitmap = data_.buffers.empty() ? nullptr : data_.buffers[0];
    return internal::HasValidityBitmap(*type_) && bitmap != nullptr &&
           !bit_util::GetBit(bitmap->data(), data_.offset + row);
  }

  Status CheckContents() const {
    if (internal::HasValidityBitmap(*type_) && data_.null_count >= 0) {
      const auto& bitmap = data_.buffers[0];
      const int64_t nulls =
          bitmap ? data_.length - bit_util::CountSetBits(bitmap->data(), data_.offset, data_.length) : 0;
      if (nulls != data_.null_count) {
        return Status::Invalid("array of type ", name(), " has null_count ", data_.null_count,
                               " but its validity bitmap has ", nulls, " nulls");
      }
    }
    switch (type_->id()) {
      case TypeId::STRING:
      case TypeId::BINARY:
        return CheckBinaryOffsets<int32_t>();
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        return CheckBinaryOffsets<int64_t>();
      case TypeId::STRING_VIEW:
      case TypeId::BINARY_VIEW:
        return CheckViews();
      case TypeId::LIST:
        return CheckListOffsets<int32_t>();
      case TypeId::LARGE_LIST:
        return CheckListOffsets<int64_t>();
      case TypeId::MAP:
        ARROWPACK_RETURN_NOT_OK(CheckListOffsets<int32_t>());
        return CheckMapKeys();
      case TypeId::LIST_VIEW:
        return CheckListViews<int32_t>();
      case TypeId::LARGE_LIST_VIEW:
        return CheckListViews<int64_t>();
      case TypeId::SPARSE_UNION:
      case TypeId::DENSE_UNION:
        return CheckUnion();
      case TypeId::DICTIONARY:
        return CheckDictionaryIndices();
      case TypeId::RUN_END_ENCODED:
        return CheckRunEnds();
      default:
        return Status::OK();
    }
  }

  template <typename Offset>
  Status CheckMonotonic(const char* what) const {
    const Offset* offsets = data_.GetValues<Offset>(1);
    for (int64_t row = 0; row < data_.length; ++row) {
      if (offsets[row + 1] < offsets[row]) {
        return Status::Invalid(what, " at row ", row, " of type ", name(), " has negative length (offsets ",
                               static_cast<int64_t>(offsets[row]), " then ", static_cast<int64_t>(offsets[row + 1]),
                               ")");
      }
    }
    return Status::OK();
  }

  template <typename Offset>
  Status CheckBinaryOffsets() const {
    if (data_.length == 0) return Status::OK();
    ARROWPACK_RETURN_NOT_OK(CheckMonotonic<Offset>("value"));
    if (!is_string(type_->id())) return Status::OK();
    const Offset* offsets = data_.GetValues<Offset>(1);
    const uint8_t* bytes = data_.buffers[2] ? data_.buffers[2]->data() : nullptr;
    if (data_.GetNullCount() == 0 && bytes != nullptr) {
      // Fast path: the whole range is valid and every value starts on a character boundary.
      const int64_t first = offsets[0];
      const int64_t last = offsets[data_.length];
      bool ok = IsValidUtf8(bytes + first, last - first);
      for (int64_t row = 0; ok && row < data_.length; ++row) {
        ok = offsets[row] == last || !IsUtf8Continuation(bytes[offsets[row]]);
      }
      if (ok) return Status::OK();
    }
    for (int64_t row = 0; row < data_.length; ++row) {
      if (IsNull(row) || offsets[row + 1] == offsets[row]) continue;
      if (!IsValidUtf8(bytes + offsets[row], offsets[row + 1] - offsets[row])) return InvalidUtf8(row);
    }
    return Status::OK();
  }

  Status InvalidUtf8(int64_t row) const {
    return Status::Invalid("invalid UTF-8 in value at row ", row, " of type ", name());
  }

  Status CheckViews() const {
    const BinaryView* views = data_.GetValues<BinaryView>(1);
    const int64_t num_variadic = static_cast<int64_t>(data_.buffers.size()) - 2;
    for (int64_t row = 0; row < data_.length; ++row) {
      if (IsNull(row)) continue;
      const BinaryView& view = views[row];
      const uint8_t* bytes = reinterpret_cast<const uint8_t*>(view.inlined);
      if (view.size < 0) {
        return Status::Invalid("view at row ", row, " of type ", name(), " has negative size ", view.size);
      }
      if (view.size > internal::kInlineViewSize) {
        const int32_t index = view.buffer_index();
        if (index < 0 || index >= num_variadic) {
          return Status::Invalid("view at row ", row, " of type ", name(), " refers to variadic buffer ", index,
                                 " but the array has ", num_variadic);
        }
        const Buffer& buffer = *data_.buffers[2 + static_cast<size_t>(index)];
        int64_t view_end;
        if (view.offset() < 0 || !CheckedAdd(view.offset(), view.size, &view_end) || view_end > buffer.size()) {
          return Status::Invalid("view at row ", row, " of type ", name(), " (offset ", view.offset(), ", size ",
                                 view.size, ") is outside variadic buffer ", index, " of ", buffer.size(), " bytes");
        }
        bytes = buffer.data() + view.offset();
        if (std::memcmp(bytes, view.prefix(), 4) != 0) {
          return Status::Invalid("view at row ", row, " of type ", name(), " has a prefix that does not match its data");
        }
      }
      if (type_->id() == TypeId::STRING_VIEW && !IsValidUtf8(bytes, view.size)) return InvalidUtf8(row);
    }
    return Status::OK();
  }

  template <typename Offset>
  Status CheckListOffsets() const {
    // Bounds of the first and last offsets were checked by Validate(); monotonic offsets stay inside.
    return data_.length == 0 ? Status::OK() : CheckMonotonic<Offset>("list");
  }

  Status CheckMapKeys() const {
    const ArrayData& entries = *data_.child_data[0];
    const int64_t key_nulls = entries.child_data[0]->GetNullCount();
    if (key_nulls != 0) return Status::Invalid("keys of ", name(), " contain ", key_nulls, " nulls");
    return Status::OK();
  }

  template <typename Offset>
  Status CheckListViews() const {
    // Every slot, null or not, must stay inside the child (columnar spec, ListView layout).
    const Offset* offsets = data_.GetValues<Offset>(1);
    const Offset* sizes = data_.GetValues<Offset>(2);
    const int64_t child_length = data_.child_data[0]->length;
    for (int64_t row = 0; row < data_.length; ++row) {
      const int64_t offset = offsets[row];
      const int64_t size = sizes[row];
      int64_t view_end;
      if (offset < 0 || size < 0 || !CheckedAdd(offset, size, &view_end) || view_end > child_length) {
        return Status::Invalid("list view at row ", row, " of type ", name(), " (offset ", offset, ", size ", size,
                               ") is outside the child of length ", child_length);
      }
    }
    return Status::OK();
  }

  Status CheckUnion() const {
    const auto& union_type = static_cast<const UnionType&>(*type_);
    const int8_t* codes = data_.GetValues<int8_t>(0);
    const int32_t* offsets = type_->id() == TypeId::DENSE_UNION ? data_.GetValues<int32_t>(1) : nullptr;
    for (int64_t row = 0; row < data_.length; ++row) {
      const int8_t code = codes[row];
      const int child = code < 0 ? -1 : union_type.child_ids()[code];
      if (child < 0) {
        return Status::Invalid("type code ", static_cast<int>(code), " at row ", row, " is not valid for ", name());
      }
      if (offsets == nullptr) continue;
      const int64_t child_length = data_.child_data[static_cast<size_t>(child)]->length;
      if (offsets[row] < 0 || offsets[row] >= child_length) {
        return Status::Invalid("dense union offset ", offsets[row], " at row ", row, " is outside child ", child,
                               " of length ", child_length);
      }
    }
    return Status::OK();
  }

  Status CheckDictionaryIndices() const {
    const TypeId index_id = static_cast<const DictionaryType&>(*type_).index_type()->id();
    const uint8_t* indices = data_.buffers[1] ? data_.buffers[1]->data() : nullptr;
    const int64_t dictionary_length = data_.dictionary->length;
    for (int64_t row = 0; row < data_.length; ++row) {
      if (IsNull(row)) continue;
      const int64_t index = internal::ReadInteger(index_id, indices, data_.offset + row);
      // uint64 indices above INT64_MAX read as negative and are rejected here too.
      if (index < 0 || index >= dictionary_length) {
        return Status::Invalid("dictionary index ", index, " at row ", row, " is outside the dictionary of length ",
                               dictionary_length);
      }
    }
    return Status::OK();
  }

  Status CheckRunEnds() const {
    const ArrayData& run_ends = *data_.child_data[0];
    const uint8_t* values = run_ends.buffers[1] ? run_ends.buffers[1]->data() : nullptr;
    int64_t previous = 0;
    for (int64_t run = 0; run < run_ends.length; ++run) {
      const int64_t run_end = internal::ReadInteger(run_ends.type->id(), values, run_ends.offset + run);
      if (run_end <= previous) {
        if (run == 0) return Status::Invalid("run end ", run_end, " at index 0 of ", name(), " is not positive");
        return Status::Invalid("run end ", run_end, " at index ", run, " of ", name(),
                               " is not greater than the previous run end ", previous);
      }
      previous = run_end;
    }
    return Status::OK();
  }

  const ArrayData& data_;
  const bool full_;
  const DataType* type_ = nullptr;
  mutable std::string name_;  // the type's string, built by name() only when an error needs it
};

}  // namespace

Status ValidateArrayData(const ArrayData& data) { return Validator(data, /*full=*/false).Run(); }

Status ValidateArrayDataFull(const ArrayData& data) { return Validator(data, /*full=*/true).Run(); }

Status Array::Validate() const { return ValidateArrayData(*data_); }

Status Array::ValidateFull() const { return ValidateArrayDataFull(*data_); }

}  // namespace arrowpack
