// TypeRegistry: the type-erased half (entry tables, lookups by id and by type, DeserializeAny).
#include "arrowpack/registry/type_registry.h"

namespace arrowpack {

Status TypeRegistry::AddEntry(Entry entry) {
  if (entry.type_id.empty()) return Status::Invalid("a registered type needs a non-empty type id");
  if (by_id_.count(entry.type_id) != 0) {
    return Status::Invalid("type id '", entry.type_id, "' is already registered");
  }
  auto same_type = by_type_.find(entry.type);
  if (same_type != by_type_.end()) {
    return Status::Invalid("C++ type ", entry.type.name(), " is already registered as '", same_type->second->type_id,
                           "', cannot register it again as '", entry.type_id, "'");
  }
  entries_.push_back(std::make_unique<Entry>(std::move(entry)));
  const Entry* added = entries_.back().get();
  by_id_.emplace(added->type_id, added);
  by_type_.emplace(added->type, added);
  return Status::OK();
}

Result<const TypeRegistry::Entry*> TypeRegistry::FindByType(std::type_index type) const {
  auto found = by_type_.find(type);
  if (found == by_type_.end()) return Status::KeyError("C++ type ", type.name(), " is not registered");
  return found->second;
}

Result<const TypeRegistry::Entry*> TypeRegistry::FindById(std::string_view type_id) const {
  auto found = by_id_.find(type_id);
  if (found == by_id_.end()) return Status::KeyError("type id '", type_id, "' is not registered");
  return found->second;
}

Status TypeRegistry::CheckCustomId(const Value& value, const std::string& expected_id) {
  ARROWPACK_RETURN_NOT_OK(value.CheckKind(ValueKind::kCustom));
  if (value.custom_type_id() != expected_id) {
    return Status::TypeError("expected a value of type id '", expected_id, "', got '", value.custom_type_id(), "'");
  }
  return Status::OK();
}

Result<std::any> TypeRegistry::DeserializeAny(const Value& value) const {
  ARROWPACK_RETURN_NOT_OK(value.CheckKind(ValueKind::kCustom));
  ARROWPACK_ASSIGN_OR_RAISE(const Entry* entry, FindById(value.custom_type_id()));
  if (!entry->any_from_value) {
    return Status::NotImplemented("type id '", entry->type_id,
                                  "': the C++ type is not copy-constructible; use Deserialize<T>");
  }
  Result<std::any> object = entry->any_from_value(value.custom_payload());
  if (!object.ok()) return object.status().WithContext("type id '" + entry->type_id + "'");
  return object;
}

Result<std::string> TypeRegistry::TypeIdOf(std::type_index type) const {
  ARROWPACK_ASSIGN_OR_RAISE(const Entry* entry, FindByType(type));
  return entry->type_id;
}

Result<std::type_index> TypeRegistry::TypeOf(std::string_view type_id) const {
  ARROWPACK_ASSIGN_OR_RAISE(const Entry* entry, FindById(type_id));
  return entry->type;
}

std::vector<std::string> TypeRegistry::type_ids() const {
  std::vector<std::string> ids;
  ids.reserve(by_id_.size());
  for (const auto& [id, entry] : by_id_) ids.push_back(id);
  return ids;
}

}  // namespace arrowpack
