#include "arrowpack/core/concatenate.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace arrowpack {

namespace {

using DataVector = std::vector<ArrayDataPtr>;
using BufferPtr = std::shared_ptr<Buffer>;

Result<BufferPtr> Allocate(int64_t size, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> buffer, AllocateBuffer(size, pool));
  return BufferPtr(std::move(buffer));
}

Result<int64_t> CheckedBytes(int64_t count, int64_t width) {
  int64_t bytes = 0;
  if (__builtin_mul_overflow(count, width, &bytes)) return Status::Invalid("concatenated array is too large");
  return bytes;
}

Status OffsetOverflow() { return Status::Invalid("offset overflow while concatenating arrays"); }

// Copies the bits [offset, offset + length) of buffer `index` of every input end to end. An absent
// buffer stands for all-set bits (a validity bitmap of an array without nulls).
Result<BufferPtr> ConcatenateBits(const DataVector& in, int index, int64_t total, MemoryPool* pool) {
  const int64_t nbytes = bit_util::BytesForBits(total);
  ARROWPACK_ASSIGN_OR_RAISE(BufferPtr out, Allocate(nbytes, pool));
  uint8_t* bits = out->mutable_data();
  std::memset(bits, 0, static_cast<size_t>(nbytes));
  int64_t position = 0;
  for (const auto& data : in) {
    const Buffer* source = data->buffers[index].get();
    if (source != nullptr) {
      bit_util::CopyBitmap(source->data(), data->offset, data->length, bits, position);
    } else {
      for (int64_t i = 0; i < data->length; ++i) bit_util::SetBit(bits, position + i);
    }
    position += data->length;
  }
  return out;
}

// The validity bitmap of the result: absent when no input has nulls.
Result<BufferPtr> ConcatenateValidity(const DataVector& in, int64_t total, MemoryPool* pool, int64_t* null_count) {
  *null_count = 0;
  for (const auto& data : in) *null_count += data->GetNullCount();
  if (*null_count == 0) return BufferPtr();
  return ConcatenateBits(in, 0, total, pool);
}

Result<BufferPtr> ConcatenateFixedWidth(const DataVector& in, int index, int64_t byte_width, int64_t total,
                                        MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t nbytes, CheckedBytes(total, byte_width));
  ARROWPACK_ASSIGN_OR_RAISE(BufferPtr out, Allocate(nbytes, pool));
  uint8_t* dst = out->mutable_data();
  for (const auto& data : in) {
    const int64_t bytes = data->length * byte_width;
    if (bytes > 0) std::memcpy(dst, data->buffers[index]->data() + data->offset * byte_width, bytes);
    dst += bytes;
  }
  return out;
}

struct Range {
  int64_t offset;
  int64_t length;
};

// Offsets (buffer 1) rebased to start at zero and run on from one input to the next; `ranges`
// receives the slice of values (bytes or child rows) each input refers to.
template <typename Offset>
Result<BufferPtr> RebaseOffsets(const DataVector& in, int64_t total, MemoryPool* pool, std::vector<Range>* ranges) {
  int64_t values = 0;
  for (const auto& data : in) {
    const Offset* offsets = data->GetValues<Offset>(1);
    const Range range = data->length == 0 ? Range{0, 0} : Range{offsets[0], offsets[data->length] - offsets[0]};
    ranges->push_back(range);
    values += range.length;
    if (values > std::numeric_limits<Offset>::max()) return OffsetOverflow();
  }
  ARROWPACK_ASSIGN_OR_RAISE(BufferPtr out, Allocate((total + 1) * static_cast<int64_t>(sizeof(Offset)), pool));
  Offset* dst = reinterpret_cast<Offset*>(out->mutable_data());
  dst[0] = 0;
  Offset base = 0;
  for (size_t k = 0; k < in.size(); ++k) {
    const Offset* offsets = in[k]->GetValues<Offset>(1);
    for (int64_t i = 0; i < in[k]->length; ++i) *++dst = static_cast<Offset>(offsets[i + 1] - offsets[0] + base);
    base = static_cast<Offset>(base + (*ranges)[k].length);
  }
  return out;
}

Result<ArrayDataPtr> ConcatenateData(const DataVector& in, MemoryPool* pool);

Result<ArrayDataPtr> ConcatenateSlices(const DataVector& in, int child, const std::vector<Range>& ranges,
                                       MemoryPool* pool) {
  DataVector slices;
  for (size_t k = 0; k < in.size(); ++k) {
    slices.push_back(in[k]->child_data[child]->Slice(ranges[k].offset, ranges[k].length));
  }
  return ConcatenateData(slices, pool);
}

// Each child sliced to its parent's rows (struct fields, sparse union children).
Status ConcatenateChildrenByRow(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  std::vector<Range> rows;
  for (const auto& data : in) rows.push_back({data->offset, data->length});
  for (size_t child = 0; child < in[0]->child_data.size(); ++child) {
    ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, static_cast<int>(child), rows, pool));
    out->child_data.push_back(std::move(values));
  }
  return Status::OK();
}

template <typename Offset>
Status ConcatenateBinary(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  std::vector<Range> ranges;
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], RebaseOffsets<Offset>(in, out->length, pool, &ranges));
  int64_t nbytes = 0;
  for (const auto& range : ranges) nbytes += range.length;
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[2], Allocate(nbytes, pool));
  uint8_t* dst = out->buffers[2]->mutable_data();
  for (size_t k = 0; k < in.size(); ++k) {
    if (ranges[k].length == 0) continue;
    std::memcpy(dst, in[k]->buffers[2]->data() + ranges[k].offset, ranges[k].length);
    dst += ranges[k].length;
  }
  return Status::OK();
}

template <typename Offset>
Status ConcatenateList(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  std::vector<Range> ranges;
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], RebaseOffsets<Offset>(in, out->length, pool, &ranges));
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, 0, ranges, pool));
  out->child_data.push_back(std::move(values));
  return Status::OK();
}

// List views may point anywhere in their child: each input contributes the child rows between its
// lowest offset and highest end, and its offsets move by where that slice lands.
template <typename Offset>
Status ConcatenateListView(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  std::vector<Range> ranges;
  std::vector<int64_t> bases;
  int64_t child_length = 0;
  for (const auto& data : in) {
    const Offset* offsets = data->GetValues<Offset>(1);
    const Offset* sizes = data->GetValues<Offset>(2);
    int64_t low = std::numeric_limits<int64_t>::max(), high = 0;
    for (int64_t i = 0; i < data->length; ++i) {
      if (sizes[i] == 0) continue;
      low = std::min<int64_t>(low, offsets[i]);
      high = std::max<int64_t>(high, static_cast<int64_t>(offsets[i]) + sizes[i]);
      if (offsets[i] < 0 || sizes[i] < 0 || high > data->child_data[0]->length) {
        return Status::Invalid("list view at row ", i, " lies outside its child array");
      }
    }
    const Range range = high == 0 ? Range{0, 0} : Range{low, high - low};
    ranges.push_back(range);
    bases.push_back(child_length);
    child_length += range.length;
    if (child_length > std::numeric_limits<Offset>::max()) return OffsetOverflow();
  }
  const int64_t nbytes = out->length * static_cast<int64_t>(sizeof(Offset));
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], Allocate(nbytes, pool));
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[2], ConcatenateFixedWidth(in, 2, sizeof(Offset), out->length, pool));
  Offset* dst = reinterpret_cast<Offset*>(out->buffers[1]->mutable_data());
  for (size_t k = 0; k < in.size(); ++k) {
    const Offset* offsets = in[k]->GetValues<Offset>(1);
    const Offset* sizes = in[k]->GetValues<Offset>(2);
    for (int64_t i = 0; i < in[k]->length; ++i) {
      *dst++ = sizes[i] == 0 ? 0 : static_cast<Offset>(offsets[i] - ranges[k].offset + bases[k]);
    }
  }
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, 0, ranges, pool));
  out->child_data.push_back(std::move(values));
  return Status::OK();
}

// Views longer than 12 bytes name a variadic data buffer by index; the data buffers of all inputs
// are appended (shared, not copied) and those indices shifted accordingly.
Status ConcatenateBinaryViews(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  constexpr int64_t kViewSize = 16;
  constexpr int32_t kInlineLimit = 12;
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], ConcatenateFixedWidth(in, 1, kViewSize, out->length, pool));
  uint8_t* view = out->buffers[1]->mutable_data();
  int64_t base = 0;
  for (const auto& data : in) {
    for (int64_t i = 0; i < data->length; ++i, view += kViewSize) {
      int32_t size, index;
      std::memcpy(&size, view, sizeof(size));
      if (size <= kInlineLimit) continue;
      std::memcpy(&index, view + 8, sizeof(index));
      index = static_cast<int32_t>(index + base);
      std::memcpy(view + 8, &index, sizeof(index));
    }
    out->buffers.insert(out->buffers.end(), data->buffers.begin() + 2, data->buffers.end());
    base += static_cast<int64_t>(data->buffers.size()) - 2;
    if (base > std::numeric_limits<int32_t>::max()) return Status::Invalid("too many view data buffers");
  }
  return Status::OK();
}

Status ConcatenateFixedSizeList(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  const int64_t list_size = static_cast<const FixedSizeListType&>(*out->type).list_size();
  std::vector<Range> ranges;
  for (const auto& data : in) ranges.push_back({data->offset * list_size, data->length * list_size});
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, 0, ranges, pool));
  out->child_data.push_back(std::move(values));
  return Status::OK();
}

// Dense unions: per input and child, the used range of child rows is kept and the offsets moved
// to where that range lands in the concatenated child.
Status ConcatenateDenseUnion(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  const auto& type = static_cast<const UnionType&>(*out->type);
  const size_t num_children = static_cast<size_t>(type.num_fields());
  std::vector<std::vector<Range>> ranges(num_children);  // [child][input]
  std::vector<std::vector<int64_t>> bases(num_children);
  std::vector<int64_t> child_lengths(num_children, 0);
  for (const auto& data : in) {
    const int8_t* codes = data->GetValues<int8_t>(0);
    const int32_t* offsets = data->GetValues<int32_t>(1);
    std::vector<int64_t> low(num_children, std::numeric_limits<int64_t>::max()), high(num_children, 0);
    for (int64_t i = 0; i < data->length; ++i) {
      const int child = codes[i] < 0 ? -1 : type.child_ids()[codes[i]];
      if (child < 0) return Status::Invalid("dense union has invalid type code ", static_cast<int>(codes[i]));
      if (offsets[i] < 0 || offsets[i] >= data->child_data[child]->length) {
        return Status::Invalid("dense union offset ", offsets[i], " at row ", i, " is outside its child array");
      }
      low[child] = std::min<int64_t>(low[child], offsets[i]);
      high[child] = std::max<int64_t>(high[child], static_cast<int64_t>(offsets[i]) + 1);
    }
    for (size_t c = 0; c < num_children; ++c) {
      const Range range = high[c] == 0 ? Range{0, 0} : Range{low[c], high[c] - low[c]};
      ranges[c].push_back(range);
      bases[c].push_back(child_lengths[c]);
      child_lengths[c] += range.length;
      if (child_lengths[c] > std::numeric_limits<int32_t>::max()) return OffsetOverflow();
    }
  }
  ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], Allocate(out->length * 4, pool));
  int32_t* dst = reinterpret_cast<int32_t*>(out->buffers[1]->mutable_data());
  for (size_t k = 0; k < in.size(); ++k) {
    const int8_t* codes = in[k]->GetValues<int8_t>(0);
    const int32_t* offsets = in[k]->GetValues<int32_t>(1);
    for (int64_t i = 0; i < in[k]->length; ++i) {
      const int child = type.child_ids()[codes[i]];
      *dst++ = static_cast<int32_t>(offsets[i] - ranges[child][k].offset + bases[child][k]);
    }
  }
  for (size_t c = 0; c < num_children; ++c) {
    ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, static_cast<int>(c), ranges[c], pool));
    out->child_data.push_back(std::move(values));
  }
  return Status::OK();
}

Status CheckSameDictionary(const DataVector& in) {
  const ArrayDataPtr& first = in[0]->dictionary;
  if (first == nullptr) return Status::Invalid("dictionary array without a dictionary");
  const ArrayPtr expected = MakeArray(first);
  for (size_t k = 1; k < in.size(); ++k) {
    if (in[k]->dictionary == first) continue;
    if (in[k]->dictionary == nullptr || !MakeArray(in[k]->dictionary)->Equals(*expected)) {
      return Status::NotImplemented("concatenating dictionary arrays with different dictionaries");
    }
  }
  return Status::OK();
}

// Each input keeps the runs that overlap its logical window, with run ends cut to the window and
// moved by the rows before it.
template <typename RunEnd>
Status ConcatenateRunEnds(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  if (out->length > std::numeric_limits<RunEnd>::max()) {
    return Status::Invalid("concatenated run-end encoded array is too long for its run end type");
  }
  std::vector<Range> runs;
  int64_t num_runs = 0;
  for (const auto& data : in) {
    const ArrayData& ends = *data->child_data[0];
    const RunEnd* first = ends.GetValues<RunEnd>(1);
    const RunEnd* last = first + ends.length;
    if (data->length == 0) {
      runs.push_back({0, 0});
      continue;
    }
    const int64_t begin = std::upper_bound(first, last, data->offset) - first;
    const int64_t end = std::lower_bound(first, last, data->offset + data->length) - first;
    if (end == ends.length) return Status::Invalid("run ends do not cover the run-end encoded array");
    runs.push_back({begin, end - begin + 1});
    num_runs += end - begin + 1;
  }
  ARROWPACK_ASSIGN_OR_RAISE(BufferPtr ends_buffer, Allocate(num_runs * static_cast<int64_t>(sizeof(RunEnd)), pool));
  RunEnd* dst = reinterpret_cast<RunEnd*>(ends_buffer->mutable_data());
  int64_t base = 0;
  for (size_t k = 0; k < in.size(); ++k) {
    const RunEnd* ends = in[k]->child_data[0]->GetValues<RunEnd>(1);
    for (int64_t p = runs[k].offset; p < runs[k].offset + runs[k].length; ++p) {
      *dst++ = static_cast<RunEnd>(std::min<int64_t>(ends[p] - in[k]->offset, in[k]->length) + base);
    }
    base += in[k]->length;
  }
  const auto& type = static_cast<const RunEndEncodedType&>(*out->type);
  out->child_data.push_back(ArrayData::Make(type.run_end_type(), num_runs, {nullptr, std::move(ends_buffer)}, 0));
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr values, ConcatenateSlices(in, 1, runs, pool));
  out->child_data.push_back(std::move(values));
  return Status::OK();
}

Status ConcatenateExtension(const DataVector& in, MemoryPool* pool, ArrayData* out) {
  const TypePtr& storage_type = static_cast<const ExtensionType&>(*out->type).storage_type();
  DataVector storage;
  for (const auto& data : in) {
    auto copy = std::make_shared<ArrayData>(*data);
    copy->type = storage_type;
    storage.push_back(std::move(copy));
  }
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr result, ConcatenateData(storage, pool));
  const TypePtr extension_type = out->type;
  *out = *result;
  out->type = extension_type;
  return Status::OK();
}

Result<ArrayDataPtr> ConcatenateData(const DataVector& in, MemoryPool* pool) {
  auto out = std::make_shared<ArrayData>();
  out->type = in[0]->type;
  for (const auto& data : in) {
    if (__builtin_add_overflow(out->length, data->length, &out->length)) {
      return Status::Invalid("concatenated array is too long");
    }
  }
  // One slot per buffer of the layout (or as many as the input carries); each case below fills
  // the ones it uses.
  out->buffers.assign(std::max(out->type->layout().buffers.size(), in[0]->buffers.size()), nullptr);
  const TypeId id = out->type->id();
  const bool has_validity = id != TypeId::NA && id != TypeId::SPARSE_UNION && id != TypeId::DENSE_UNION &&
                            id != TypeId::RUN_END_ENCODED && id != TypeId::EXTENSION;
  if (has_validity) {
    ARROWPACK_ASSIGN_OR_RAISE(out->buffers[0], ConcatenateValidity(in, out->length, pool, &out->null_count));
  } else {
    out->null_count = id == TypeId::NA ? out->length : 0;
  }
  switch (id) {
    case TypeId::NA:
      break;
    case TypeId::BOOL: {
      ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], ConcatenateBits(in, 1, out->length, pool));
      break;
    }
    case TypeId::STRING:
    case TypeId::BINARY:
      ARROWPACK_RETURN_NOT_OK(ConcatenateBinary<int32_t>(in, pool, out.get()));
      break;
    case TypeId::LARGE_STRING:
    case TypeId::LARGE_BINARY:
      ARROWPACK_RETURN_NOT_OK(ConcatenateBinary<int64_t>(in, pool, out.get()));
      break;
    case TypeId::STRING_VIEW:
    case TypeId::BINARY_VIEW:
      out->buffers.resize(2);
      ARROWPACK_RETURN_NOT_OK(ConcatenateBinaryViews(in, pool, out.get()));
      break;
    case TypeId::LIST:
    case TypeId::MAP:
      ARROWPACK_RETURN_NOT_OK(ConcatenateList<int32_t>(in, pool, out.get()));
      break;
    case TypeId::LARGE_LIST:
      ARROWPACK_RETURN_NOT_OK(ConcatenateList<int64_t>(in, pool, out.get()));
      break;
    case TypeId::LIST_VIEW:
      ARROWPACK_RETURN_NOT_OK(ConcatenateListView<int32_t>(in, pool, out.get()));
      break;
    case TypeId::LARGE_LIST_VIEW:
      ARROWPACK_RETURN_NOT_OK(ConcatenateListView<int64_t>(in, pool, out.get()));
      break;
    case TypeId::FIXED_SIZE_LIST:
      ARROWPACK_RETURN_NOT_OK(ConcatenateFixedSizeList(in, pool, out.get()));
      break;
    case TypeId::STRUCT:
      ARROWPACK_RETURN_NOT_OK(ConcatenateChildrenByRow(in, pool, out.get()));
      break;
    case TypeId::SPARSE_UNION: {
      ARROWPACK_ASSIGN_OR_RAISE(out->buffers[0], ConcatenateFixedWidth(in, 0, 1, out->length, pool));
      ARROWPACK_RETURN_NOT_OK(ConcatenateChildrenByRow(in, pool, out.get()));
      break;
    }
    case TypeId::DENSE_UNION: {
      ARROWPACK_ASSIGN_OR_RAISE(out->buffers[0], ConcatenateFixedWidth(in, 0, 1, out->length, pool));
      ARROWPACK_RETURN_NOT_OK(ConcatenateDenseUnion(in, pool, out.get()));
      break;
    }
    case TypeId::DICTIONARY: {
      ARROWPACK_RETURN_NOT_OK(CheckSameDictionary(in));
      const int64_t width = static_cast<const DictionaryType&>(*out->type).index_type()->bit_width() / 8;
      ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], ConcatenateFixedWidth(in, 1, width, out->length, pool));
      out->dictionary = in[0]->dictionary;
      break;
    }
    case TypeId::RUN_END_ENCODED: {
      const TypeId run_end_id = static_cast<const RunEndEncodedType&>(*out->type).run_end_type()->id();
      if (run_end_id == TypeId::INT16) {
        ARROWPACK_RETURN_NOT_OK(ConcatenateRunEnds<int16_t>(in, pool, out.get()));
      } else if (run_end_id == TypeId::INT32) {
        ARROWPACK_RETURN_NOT_OK(ConcatenateRunEnds<int32_t>(in, pool, out.get()));
      } else {
        ARROWPACK_RETURN_NOT_OK(ConcatenateRunEnds<int64_t>(in, pool, out.get()));
      }
      break;
    }
    case TypeId::EXTENSION:
      ARROWPACK_RETURN_NOT_OK(ConcatenateExtension(in, pool, out.get()));
      break;
    default: {
      if (!is_fixed_width(id)) return Status::NotImplemented("concatenating ", out->type->ToString());
      const int64_t width = out->type->bit_width() / 8;
      ARROWPACK_ASSIGN_OR_RAISE(out->buffers[1], ConcatenateFixedWidth(in, 1, width, out->length, pool));
      break;
    }
  }
  return out;
}

}  // namespace

Result<ArrayPtr> Concatenate(const ArrayVector& arrays, MemoryPool* pool) {
  if (arrays.empty()) return Status::Invalid("Must pass at least one array");
  DataVector in;
  for (const auto& array : arrays) {
    if (array == nullptr) return Status::Invalid("cannot concatenate a null array pointer");
    if (!array->type()->Equals(*arrays[0]->type())) {
      return Status::Invalid("arrays to be concatenated must be identically typed, but ", arrays[0]->type()->ToString(),
                             " and ", array->type()->ToString(), " were encountered.");
    }
    // Buffer sizes and first/last offsets are checked here (O(1) each); the few per-row offsets
    // that could point outside a child (list views, dense unions) are checked while copying.
    ARROWPACK_RETURN_NOT_OK(array->Validate());
    in.push_back(array->data());
  }
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr data, ConcatenateData(in, pool));
  return MakeArray(std::move(data));
}

}  // namespace arrowpack
