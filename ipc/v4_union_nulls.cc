// Re-pointing the null slots of V4 dense unions at null children (see v4_union_nulls_internal.h).
#include "arrowpack/ipc/v4_union_nulls_internal.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/buffer.h"

namespace arrowpack::ipc::internal {

namespace {

// The child of type null the null slots go to: an existing one, or one appended to the type.
Result<int> NullChild(ArrayData* data) {
  const auto& type = static_cast<const UnionType&>(*data->type);
  for (int k = 0; k < type.num_fields(); ++k) {
    if (type.field(k)->type()->id() == TypeId::NA) return k;
  }
  std::array<bool, 128> used{};
  for (int8_t code : type.type_codes()) used[static_cast<size_t>(code)] = true;
  int8_t code = 0;
  while (code < 127 && used[static_cast<size_t>(code)]) ++code;
  if (used[static_cast<size_t>(code)]) {
    return Status::Invalid("V4 union with null slots uses every type code: no room for a null child");
  }
  const int appended = type.num_fields();  // `type` dies when data->type is replaced below
  FieldVector fields = type.fields();
  fields.push_back(field(kV4UnionNullFieldName, null()));
  std::vector<int8_t> codes = type.type_codes();
  codes.push_back(code);
  ARROWPACK_ASSIGN_OR_RAISE(data->type, dense_union(std::move(fields), std::move(codes)));
  data->child_data.push_back(ArrayData::Make(null(), 0, {nullptr}, 0));
  return appended;
}

template <typename T>
Result<std::shared_ptr<Buffer>> CopyValues(const std::shared_ptr<Buffer>& source, int64_t length, MemoryPool* pool) {
  const int64_t size = length * static_cast<int64_t>(sizeof(T));
  if (source == nullptr || source->size() < size) {
    return Status::Invalid("V4 union buffer of ", source == nullptr ? 0 : source->size(), " bytes is too short for ",
                           length, " slots");
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> out, AllocateBuffer(size, pool));
  if (size > 0) std::memcpy(out->mutable_data(), source->data(), static_cast<size_t>(size));
  return out;
}

}  // namespace

Status RepointV4UnionNulls(ArrayData* data, const std::shared_ptr<Buffer>& validity, int64_t null_count,
                           MemoryPool* pool) {
  const int64_t length = data->length;
  if (validity == nullptr || validity->size() < bit_util::BytesForBits(length)) {
    return Status::Invalid("V4 union validity bitmap of ", validity == nullptr ? 0 : validity->size(),
                           " bytes is too short for ", length, " slots");
  }
  const int64_t nulls = length - bit_util::CountSetBits(validity->data(), 0, length);
  if (nulls != null_count) {
    return Status::Invalid("V4 union field node declares ", null_count, " nulls but its validity bitmap holds ",
                           nulls);
  }
  ARROWPACK_ASSIGN_OR_RAISE(const int child, NullChild(data));
  const int8_t code = static_cast<const UnionType&>(*data->type).type_codes()[static_cast<size_t>(child)];
  ArrayDataPtr& null_child = data->child_data[static_cast<size_t>(child)];
  ARROWPACK_ASSIGN_OR_RAISE(auto codes, CopyValues<int8_t>(data->buffers[0], length, pool));
  ARROWPACK_ASSIGN_OR_RAISE(auto offsets, CopyValues<int32_t>(data->buffers[1], length, pool));
  if (null_child->length > INT32_MAX - nulls) {
    return Status::Invalid("V4 union null child would exceed ", INT32_MAX, " entries");
  }
  auto* code_values = reinterpret_cast<int8_t*>(codes->mutable_data());
  auto* offset_values = reinterpret_cast<int32_t*>(offsets->mutable_data());
  auto next = static_cast<int32_t>(null_child->length);
  for (int64_t i = 0; i < length; ++i) {
    if (bit_util::GetBit(validity->data(), i)) continue;
    code_values[i] = code;
    offset_values[i] = next++;
  }
  null_child = ArrayData::Make(null(), next, {nullptr}, next);
  data->buffers = {std::move(codes), std::move(offsets)};
  data->null_count = 0;
  return Status::OK();
}

namespace {

Result<TypePtr> WithChildFields(const DataType& type, FieldVector fields) {
  switch (type.id()) {
    case TypeId::LIST:
      return list(fields[0]);
    case TypeId::LARGE_LIST:
      return large_list(fields[0]);
    case TypeId::LIST_VIEW:
      return list_view(fields[0]);
    case TypeId::LARGE_LIST_VIEW:
      return large_list_view(fields[0]);
    case TypeId::FIXED_SIZE_LIST:
      return fixed_size_list(fields[0], static_cast<const FixedSizeListType&>(type).list_size());
    case TypeId::STRUCT:
      return struct_(std::move(fields));
    case TypeId::SPARSE_UNION:
      return sparse_union(std::move(fields), static_cast<const UnionType&>(type).type_codes());
    case TypeId::DENSE_UNION:
      return dense_union(std::move(fields), static_cast<const UnionType&>(type).type_codes());
    case TypeId::MAP: {
      const auto& map_type = static_cast<const MapType&>(type);
      const TypePtr& entries = fields[0]->type();
      return map(map_type.key_field()->WithType(entries->field(0)->type()),
                 map_type.item_field()->WithType(entries->field(1)->type()), map_type.keys_sorted());
    }
    case TypeId::RUN_END_ENCODED:
      return run_end_encoded(fields[0]->type(), fields[1]->type());
    default:
      return Status::NotImplemented("a V4 union with null slots inside ", type.ToString(),
                                    " (its type would have to change)");
  }
}

}  // namespace

std::shared_ptr<Schema> SchemaOfColumns(const std::shared_ptr<Schema>& schema, const std::vector<ArrayDataPtr>& columns) {
  const FieldVector& original = schema->fields();
  const size_t count = std::min(original.size(), columns.size());
  size_t i = 0;
  while (i < count && columns[i]->type == original[i]->type()) ++i;
  if (i == count) return schema;  // the usual case: no copy of the fields
  FieldVector fields = original;
  for (; i < count; ++i) {
    if (columns[i]->type != fields[i]->type()) fields[i] = fields[i]->WithType(columns[i]->type);
  }
  return std::make_shared<Schema>(std::move(fields), schema->metadata());
}

Status AdoptChildTypes(ArrayData* data) {
  const DataType& storage = arrowpack::internal::StorageType(*data->type);
  bool changed = false;
  FieldVector fields;
  for (int i = 0; i < storage.num_fields(); ++i) {
    const auto& old_field = storage.field(i);
    const TypePtr& child_type = data->child_data[static_cast<size_t>(i)]->type;
    changed |= child_type != old_field->type();
    fields.push_back(child_type == old_field->type() ? old_field : old_field->WithType(child_type));
  }
  if (!changed) return Status::OK();
  if (data->type->id() == TypeId::EXTENSION) {
    return Status::NotImplemented("a V4 union with null slots inside ", data->type->ToString(),
                                  " (its type would have to change)");
  }
  ARROWPACK_ASSIGN_OR_RAISE(data->type, WithChildFields(storage, std::move(fields)));
  return Status::OK();
}

}  // namespace arrowpack::ipc::internal
