// Array::Equals: logical equality of two valid arrays of equal type. Null slots match null slots
// whatever bytes they hold; offsets and slices are honoured at every level.
#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"

namespace arrowpack {

namespace {

// Compares `length` rows of two arrays of the same type starting at the given logical rows.
class RangeComparer {
 public:
  RangeComparer(const Array& left, const Array& right) : left_(left), right_(right) {}

  bool Equal(int64_t left_start, int64_t right_start, int64_t length) {
    const DataType& type = internal::StorageType(*left_.type());
    switch (type.id()) {
      case TypeId::NA: return true;
      case TypeId::SPARSE_UNION:
      case TypeId::DENSE_UNION:
        return UnionsEqual(left_start, right_start, length);
      case TypeId::RUN_END_ENCODED: return RunEndEncodedEqual(left_start, right_start, length);
      case TypeId::DICTIONARY: return DictionariesEqual(left_start, right_start, length);
      default: break;
    }
    if (!ValidityEqual(left_start, right_start, length)) return false;
    switch (type.id()) {
      case TypeId::BOOL:
        return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
          return bit_util::BitmapEquals(left_.data()->buffers[1]->data(), left_.offset() + l,
                                        right_.data()->buffers[1]->data(), right_.offset() + r, n);
        });
      case TypeId::HALF_FLOAT: return FloatsEqual<uint16_t>(left_start, right_start, length);
      case TypeId::FLOAT: return FloatsEqual<float>(left_start, right_start, length);
      case TypeId::DOUBLE: return FloatsEqual<double>(left_start, right_start, length);
      case TypeId::STRING:
      case TypeId::BINARY:
        return ViewsEqual<BinaryArray>(left_start, right_start, length);
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        return ViewsEqual<LargeBinaryArray>(left_start, right_start, length);
      case TypeId::STRING_VIEW:
      case TypeId::BINARY_VIEW:
        return ViewsEqual<BinaryViewArray>(left_start, right_start, length);
      case TypeId::LIST:
      case TypeId::MAP:
      case TypeId::LIST_VIEW:
        return ListsEqual<ListArray>(left_start, right_start, length);
      case TypeId::LARGE_LIST:
      case TypeId::LARGE_LIST_VIEW:
        return ListsEqual<LargeListArray>(left_start, right_start, length);
      case TypeId::FIXED_SIZE_LIST: return FixedSizeListsEqual(left_start, right_start, length);
      case TypeId::STRUCT: return StructsEqual(left_start, right_start, length);
      default: return FixedWidthEqual(type.bit_width() / 8, left_start, right_start, length);
    }
  }

 private:
  // Storage-level views of extension arrays so typed accessors see the storage class.
  static const Array& Storage(const Array& array) {
    return array.type_id() == TypeId::EXTENSION ? Storage(*static_cast<const ExtensionArray&>(array).storage())
                                                : array;
  }
  template <typename T>
  static const T& As(const Array& array) {
    return static_cast<const T&>(Storage(array));
  }

  bool ValidityEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const uint8_t* left_bits = left_.null_bitmap_data();
    const uint8_t* right_bits = right_.null_bitmap_data();
    if (left_bits == nullptr && right_bits == nullptr) return true;
    if (left_bits != nullptr && right_bits != nullptr) {
      return bit_util::BitmapEquals(left_bits, left_.offset() + left_start, right_bits, right_.offset() + right_start,
                                    length);
    }
    const uint8_t* bits = left_bits ? left_bits : right_bits;
    const int64_t start = (left_bits ? left_.offset() + left_start : right_.offset() + right_start);
    return bit_util::CountSetBits(bits, start, length) == length;
  }

  // Calls `compare(left_row, right_row, run_length)` for each maximal run of non-null rows
  // (validity is already known to match); false as soon as one run differs.
  template <typename Compare>
  bool ForEachValid(int64_t left_start, int64_t right_start, int64_t length, Compare&& compare) const {
    int64_t row = 0;
    while (row < length) {
      while (row < length && left_.IsNull(left_start + row)) ++row;
      int64_t run_end = row;
      while (run_end < length && left_.IsValid(left_start + run_end)) ++run_end;
      if (run_end > row && !compare(left_start + row, right_start + row, run_end - row)) return false;
      row = run_end;
    }
    return true;
  }

  bool FixedWidthEqual(int64_t byte_width, int64_t left_start, int64_t right_start, int64_t length) const {
    const uint8_t* left_bytes = left_.data()->buffers[1] ? left_.data()->buffers[1]->data() : nullptr;
    const uint8_t* right_bytes = right_.data()->buffers[1] ? right_.data()->buffers[1]->data() : nullptr;
    if (byte_width == 0) return true;
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      return std::memcmp(left_bytes + (left_.offset() + l) * byte_width,
                         right_bytes + (right_.offset() + r) * byte_width, static_cast<size_t>(n * byte_width)) == 0;
    });
  }

  template <typename T>
  bool FloatsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const T* left_values = left_.data()->GetValues<T>(1);
    const T* right_values = right_.data()->GetValues<T>(1);
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<T, uint16_t>) {
          if (!(internal::HalfToFloat(left_values[l + i]) == internal::HalfToFloat(right_values[r + i]))) return false;
        } else {
          if (!(left_values[l + i] == right_values[r + i])) return false;
        }
      }
      return true;
    });
  }

  template <typename T>
  bool ViewsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const auto& left = As<T>(left_);
    const auto& right = As<T>(right_);
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        if (left.GetView(l + i) != right.GetView(r + i)) return false;
      }
      return true;
    });
  }

  template <typename T>
  bool ListsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const auto& left = As<T>(left_);
    const auto& right = As<T>(right_);
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const int64_t size = left.value_length(l + i);
        if (size != right.value_length(r + i)) return false;
        if (!RangeComparer(*left.values(), *right.values())
                 .Equal(left.value_offset(l + i), right.value_offset(r + i), size)) {
          return false;
        }
      }
      return true;
    });
  }

  bool FixedSizeListsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const auto& left = As<FixedSizeListArray>(left_);
    const auto& right = As<FixedSizeListArray>(right_);
    const int64_t size = left.list_size();
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      return RangeComparer(*left.values(), *right.values())
          .Equal(left.value_offset(l), right.value_offset(r), n * size);
    });
  }

  bool StructsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const auto& left = As<StructArray>(left_);
    const auto& right = As<StructArray>(right_);
    // Children are compared unsliced, so rows shift by each struct's own offset.
    ArrayVector left_children, right_children;
    for (const auto& child : left.data()->child_data) left_children.push_back(MakeArray(child));
    for (const auto& child : right.data()->child_data) right_children.push_back(MakeArray(child));
    return ForEachValid(left_start, right_start, length, [&](int64_t l, int64_t r, int64_t n) {
      for (size_t c = 0; c < left_children.size(); ++c) {
        if (!RangeComparer(*left_children[c], *right_children[c]).Equal(left.offset() + l, right.offset() + r, n)) {
          return false;
        }
      }
      return true;
    });
  }

  bool UnionsEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    const auto& left = As<UnionArray>(left_);
    const auto& right = As<UnionArray>(right_);
    for (int64_t i = 0; i < length; ++i) {
      if (left.type_code(left_start + i) != right.type_code(right_start + i)) return false;
      const int child = left.child_id(left_start + i);
      if (!RangeComparer(*left.field(child), *right.field(child))
               .Equal(left.value_offset(left_start + i), right.value_offset(right_start + i), 1)) {
        return false;
      }
    }
    return true;
  }

  bool DictionariesEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    // Like pyarrow: the same dictionary and the same indices (not only the same decoded values).
    const auto& left = As<DictionaryArray>(left_);
    const auto& right = As<DictionaryArray>(right_);
    if (!left.dictionary()->Equals(*right.dictionary())) return false;
    return RangeComparer(*left.indices(), *right.indices()).Equal(left_start, right_start, length);
  }

  bool RunEndEncodedEqual(int64_t left_start, int64_t right_start, int64_t length) const {
    // Walks both run sequences together; each step covers rows where neither physical run changes.
    const auto& left = As<RunEndEncodedArray>(left_);
    const auto& right = As<RunEndEncodedArray>(right_);
    RangeComparer values(*left.values(), *right.values());
    int64_t row = 0;
    while (row < length) {
      const int64_t left_run = left.FindPhysicalIndex(left_start + row);
      const int64_t right_run = right.FindPhysicalIndex(right_start + row);
      if (!values.Equal(left_run, right_run, 1)) return false;
      const int64_t left_run_end = RunEnd(left, left_run) - left.offset() - left_start;
      const int64_t right_run_end = RunEnd(right, right_run) - right.offset() - right_start;
      row = std::min(left_run_end, right_run_end);
    }
    return true;
  }

  static int64_t RunEnd(const RunEndEncodedArray& array, int64_t run) {
    const ArrayData& run_ends = *array.run_ends()->data();
    return internal::ReadInteger(run_ends.type->id(), run_ends.buffers[1]->data(), run_ends.offset + run);
  }

  const Array& left_;
  const Array& right_;
};

}  // namespace

bool Array::Equals(const Array& other) const {
  if (this == &other) return true;
  if (length() != other.length() || !type()->Equals(*other.type())) return false;
  if (data_ == other.data_) return true;
  return RangeComparer(*this, other).Equal(0, 0, length());
}

}  // namespace arrowpack
