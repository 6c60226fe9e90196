// UnifyDictionaries (declared in dictionary.h): one dictionary per dictionary-encoded column of a
// table, so that a file writer can write a table whose chunks carry different dictionaries. Values
// are matched by their bytes (fixed-width and binary-like value types); indices are remapped into
// new buffers, validity bitmaps and unchanged columns are shared.
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/concatenate.h"
#include "arrowpack/ipc/dictionary.h"

namespace arrowpack::ipc {

namespace {

// The character data of a binary-like array (buffer 2), or null when it has none.
const char* ValueBytes(const ArrayData& values) {
  const bool has_data = values.buffers.size() > 2 && values.buffers[2];
  return has_data ? reinterpret_cast<const char*>(values.buffers[2]->data()) : nullptr;
}

// The bytes that identify value `i` of `values` (nulls are handled by the caller).
Result<std::string> ValueKey(const ArrayData& values, int64_t i) {
  const TypeId id = values.type->id();
  if (id == TypeId::BOOL) {
    return std::string(1, bit_util::GetBit(values.buffers[1]->data(), values.offset + i) ? '1' : '0');
  }
  if (is_fixed_width(id)) {
    const int64_t width = values.type->bit_width() / 8;
    return std::string(reinterpret_cast<const char*>(values.buffers[1]->data()) + (values.offset + i) * width, width);
  }
  if (is_binary_like(id)) {
    const int32_t* offsets = values.GetValues<int32_t>(1);
    return std::string(ValueBytes(values) + offsets[i], offsets[i + 1] - offsets[i]);
  }
  if (is_large_binary_like(id)) {
    const int64_t* offsets = values.GetValues<int64_t>(1);
    return std::string(ValueBytes(values) + offsets[i], offsets[i + 1] - offsets[i]);
  }
  return Status::NotImplemented("unify_dictionaries with dictionary values of type ", values.type->ToString());
}

// `indices` is a dictionary array's data (its type is the dictionary type, its buffers the indices).
template <typename Index>
Status RemapIndices(const ArrayData& indices, const std::vector<int64_t>& mapping, int64_t unified_size,
                    uint8_t* out) {
  if (unified_size - 1 > static_cast<int64_t>(std::numeric_limits<Index>::max())) {
    return Status::Invalid("unified dictionary of ", unified_size, " values does not fit its index type ",
                           static_cast<const DictionaryType&>(*indices.type).index_type()->ToString());
  }
  const Index* in = indices.GetValues<Index>(1);
  Index* remapped = reinterpret_cast<Index*>(out) + indices.offset;
  const uint8_t* validity = indices.buffers[0] ? indices.buffers[0]->data() : nullptr;
  for (int64_t i = 0; i < indices.length; ++i) {
    if (validity != nullptr && !bit_util::GetBit(validity, indices.offset + i)) continue;
    const auto index = static_cast<int64_t>(in[i]);
    if (index < 0 || index >= static_cast<int64_t>(mapping.size())) {
      return Status::Invalid("dictionary index ", index, " out of range for a dictionary of ", mapping.size());
    }
    remapped[i] = static_cast<Index>(mapping[index]);
  }
  return Status::OK();
}

Status Remap(const ArrayData& indices, const std::vector<int64_t>& mapping, int64_t unified_size, uint8_t* out) {
  const DataType& index_type = *static_cast<const DictionaryType&>(*indices.type).index_type();
  switch (index_type.id()) {
    case TypeId::INT8: return RemapIndices<int8_t>(indices, mapping, unified_size, out);
    case TypeId::UINT8: return RemapIndices<uint8_t>(indices, mapping, unified_size, out);
    case TypeId::INT16: return RemapIndices<int16_t>(indices, mapping, unified_size, out);
    case TypeId::UINT16: return RemapIndices<uint16_t>(indices, mapping, unified_size, out);
    case TypeId::INT32: return RemapIndices<int32_t>(indices, mapping, unified_size, out);
    case TypeId::UINT32: return RemapIndices<uint32_t>(indices, mapping, unified_size, out);
    case TypeId::INT64: return RemapIndices<int64_t>(indices, mapping, unified_size, out);
    case TypeId::UINT64: return RemapIndices<uint64_t>(indices, mapping, unified_size, out);
    default: return Status::Invalid("dictionary index type ", index_type.ToString(), " is not an integer");
  }
}

bool HasDictionary(const DataType& type) {
  const DataType& storage = arrowpack::internal::StorageType(type);
  if (storage.id() == TypeId::DICTIONARY) return true;
  for (const auto& child : storage.fields()) {
    if (HasDictionary(*child->type())) return true;
  }
  return false;
}

Result<ChunkedArrayPtr> UnifyColumn(const ChunkedArray& column, MemoryPool* pool) {
  const auto& type = static_cast<const DictionaryType&>(*column.type());
  if (HasDictionary(*type.value_type())) {
    return Status::NotImplemented("unify_dictionaries with dictionaries nested in dictionary values");
  }
  std::unordered_map<std::string, int64_t> positions;
  int64_t null_position = -1;
  int64_t unified_size = 0;
  ArrayVector pieces;  // slices of chunk dictionaries that make up the unified one, in order
  std::vector<std::vector<int64_t>> mappings;
  for (const auto& chunk : column.chunks()) {
    const ArrayData& values = *chunk->data()->dictionary;
    const ArrayPtr values_array = MakeArray(chunk->data()->dictionary);
    std::vector<int64_t> mapping(values.length);
    int64_t run_start = -1;
    for (int64_t i = 0; i <= values.length; ++i) {
      bool is_new = false;
      if (i < values.length) {
        int64_t* slot = &null_position;
        if (values_array->IsValid(i)) {
          ARROWPACK_ASSIGN_OR_RAISE(std::string key, ValueKey(values, i));
          slot = &positions.try_emplace(std::move(key), -1).first->second;
        }
        is_new = *slot < 0;
        if (is_new) *slot = unified_size++;
        mapping[i] = *slot;
      }
      if (is_new && run_start < 0) run_start = i;
      if (!is_new && run_start >= 0) {
        pieces.push_back(values_array->Slice(run_start, i - run_start));
        run_start = -1;
      }
    }
    mappings.push_back(std::move(mapping));
  }
  ArrayDataPtr unified;
  if (pieces.empty()) {
    unified = column.chunk(0)->data()->dictionary->Slice(0, 0);
  } else {
    ARROWPACK_ASSIGN_OR_RAISE(auto concatenated, Concatenate(pieces, pool));
    unified = concatenated->data();
  }
  ArrayVector chunks;
  for (size_t c = 0; c < mappings.size(); ++c) {
    const ArrayData& indices = *column.chunk(static_cast<int>(c))->data();
    const int64_t width = type.index_type()->bit_width() / 8;
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> remapped,
                              AllocateBuffer((indices.offset + indices.length) * width, pool));
    std::memset(remapped->mutable_data(), 0, remapped->size());
    ARROWPACK_RETURN_NOT_OK(Remap(indices, mappings[c], unified_size, remapped->mutable_data()));
    auto data = ArrayData::Make(indices.type, indices.length, {indices.buffers[0], std::move(remapped)},
                                indices.null_count, indices.offset);
    data->dictionary = unified;
    chunks.push_back(MakeArray(std::move(data)));
  }
  return ChunkedArray::Make(std::move(chunks), column.type());
}

}  // namespace

Result<TablePtr> UnifyDictionaries(const Table& table, MemoryPool* pool) {
  ChunkedArrayVector columns = table.columns();
  for (auto& column : columns) {
    if (column->num_chunks() < 2 || column->type()->id() != TypeId::DICTIONARY) {
      if (HasDictionary(*column->type()) && column->num_chunks() >= 2) {
        return Status::NotImplemented("unify_dictionaries with dictionaries inside nested or extension types");
      }
      continue;
    }
    ARROWPACK_ASSIGN_OR_RAISE(column, UnifyColumn(*column, pool));
  }
  return Table::Make(table.schema(), std::move(columns), table.num_rows());
}

}  // namespace arrowpack::ipc
