#include "arrowpack/ipc/dictionary.h"

#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/concatenate.h"

namespace arrowpack::ipc {

Status DictionaryMemo::AddField(int64_t id, FieldPath path, TypePtr value_type) {
  if (paths_.count(path) > 0) return Status::Invalid("dictionary field path registered twice");
  auto existing = fields_.find(id);
  if (existing != fields_.end()) {
    // Two fields may share a dictionary only if they agree on its type.
    if (!existing->second.value_type->Equals(*value_type)) {
      return Status::Invalid("dictionary id ", id, " is used with value types ",
                             existing->second.value_type->ToString(), " and ", value_type->ToString());
    }
  } else {
    fields_.emplace(id, Entry{path, value_type});
    ids_.push_back(id);
  }
  paths_.emplace(std::move(path), id);
  return Status::OK();
}

Result<int64_t> DictionaryMemo::GetId(const FieldPath& path) const {
  auto it = paths_.find(path);
  if (it == paths_.end()) return Status::KeyError("no dictionary-encoded field at this field path");
  return it->second;
}

Result<TypePtr> DictionaryMemo::GetValueType(int64_t id) const {
  auto it = fields_.find(id);
  if (it == fields_.end()) return Status::KeyError("no dictionary-encoded field has dictionary id ", id);
  return it->second.value_type;
}

Result<FieldPath> DictionaryMemo::GetPath(int64_t id) const {
  auto it = fields_.find(id);
  if (it == fields_.end()) return Status::KeyError("no dictionary-encoded field has dictionary id ", id);
  return it->second.path;
}

Result<ArrayDataPtr> DictionaryMemo::GetDictionary(int64_t id) const {
  auto it = dictionaries_.find(id);
  if (it == dictionaries_.end()) return Status::KeyError("dictionary with id ", id, " has not been read yet");
  return it->second;
}

Result<bool> DictionaryMemo::SetDictionary(int64_t id, ArrayDataPtr dictionary) {
  if (!HasId(id)) return Status::KeyError("no dictionary-encoded field has dictionary id ", id);
  auto [it, inserted] = dictionaries_.insert_or_assign(id, std::move(dictionary));
  return !inserted;
}

Status DictionaryMemo::AppendDelta(int64_t id, const ArrayDataPtr& delta, MemoryPool* pool) {
  if (!HasId(id)) return Status::KeyError("no dictionary-encoded field has dictionary id ", id);
  auto it = dictionaries_.find(id);
  if (it == dictionaries_.end()) {
    dictionaries_.emplace(id, delta);
    return Status::OK();
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto combined, Concatenate({MakeArray(it->second), MakeArray(delta)}, pool));
  it->second = combined->data();
  return Status::OK();
}

namespace {

Status AssignIds(const FieldVector& fields, FieldPath* path, int64_t* next_id, DictionaryMemo* memo) {
  for (size_t i = 0; i < fields.size(); ++i) {
    path->push_back(static_cast<int>(i));
    const DataType* type = &arrowpack::internal::StorageType(*fields[i]->type());
    if (type->id() == TypeId::DICTIONARY) {
      const auto& value_type = static_cast<const DictionaryType&>(*type).value_type();
      ARROWPACK_RETURN_NOT_OK(memo->AddField((*next_id)++, *path, value_type));
      type = &arrowpack::internal::StorageType(*value_type);
    }
    ARROWPACK_RETURN_NOT_OK(AssignIds(type->fields(), path, next_id, memo));
    path->pop_back();
  }
  return Status::OK();
}

}  // namespace

Status AssignDictionaryIds(const Schema& schema, DictionaryMemo* memo) {
  FieldPath path;
  int64_t next_id = 0;
  return AssignIds(schema.fields(), &path, &next_id, memo);
}

}  // namespace arrowpack::ipc
