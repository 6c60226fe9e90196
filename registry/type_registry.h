// TypeRegistry: maps stable string type ids to C++ types and back, with the functions that turn
// an object into a Value payload and a payload back into an object. A registered object travels
// as a custom Value {type_id, payload}, which Python reads as {"_pytype_": type_id, "data":
// payload} through a SerializationContext that registered the same id.
//
// Ownership: the registry owns copies of the registered functions; the functions must not keep
// references to the registry. Registration is not thread-safe; lookups on a registry that no one
// modifies are.
// Errors: Register gives Invalid for an empty id, an id or a C++ type registered twice, or an
// empty function. Lookups give KeyError naming the id or the type. Serialize/Deserialize pass on
// the registered functions' errors with "type id '<id>': " in front, and give TypeError when a
// value is not a custom value or carries another id than the requested type's.
// Lookup is by exact C++ type: register each concrete type you serialize (no base-class walk).
#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include "arrowpack/core/result.h"
#include "arrowpack/serialize/value.h"

namespace arrowpack {

class TypeRegistry {
 public:
  template <typename T>
  using ToValueFn = std::function<Result<Value>(const T&)>;
  template <typename T>
  using FromValueFn = std::function<Result<T>(const Value&)>;

  /// Registers T under `type_id`: `to_value` builds the payload of an object, `from_value`
  /// rebuilds the object from a payload.
  template <typename T>
  Status Register(std::string type_id, ToValueFn<T> to_value, FromValueFn<T> from_value) {
    static_assert(std::is_move_constructible_v<T>, "registered types must be movable");
    if (!to_value || !from_value) return Status::Invalid("type id '", type_id, "': empty serializer function");
    auto handlers = std::make_shared<Handlers<T>>(Handlers<T>{std::move(to_value), std::move(from_value)});
    AnyFromValueFn any_from_value;
    if constexpr (std::is_copy_constructible_v<T>) {
      any_from_value = [handlers](const Value& payload) -> Result<std::any> {
        ARROWPACK_ASSIGN_OR_RAISE(T object, handlers->from_value(payload));
        return std::any(std::move(object));
      };
    }
    return AddEntry(Entry{std::move(type_id), std::type_index(typeid(T)), std::move(handlers),
                          std::move(any_from_value)});
  }

  /// The custom Value {type id of T, to_value(object)}. KeyError if T is not registered.
  template <typename T>
  Result<Value> Serialize(const T& object) const {
    ARROWPACK_ASSIGN_OR_RAISE(const Entry* entry, FindByType(std::type_index(typeid(T))));
    Result<Value> payload = static_cast<const Handlers<T>*>(entry->handlers.get())->to_value(object);
    if (!payload.ok()) return payload.status().WithContext("type id '" + entry->type_id + "'");
    return Value::Custom(entry->type_id, std::move(payload).MoveValueUnsafe());
  }

  /// Rebuilds a T from a custom Value whose id is the one T is registered under. KeyError if T
  /// is not registered; TypeError if `value` is not custom or has another id.
  template <typename T>
  Result<T> Deserialize(const Value& value) const {
    ARROWPACK_ASSIGN_OR_RAISE(const Entry* entry, FindByType(std::type_index(typeid(T))));
    ARROWPACK_RETURN_NOT_OK(CheckCustomId(value, entry->type_id));
    Result<T> object = static_cast<const Handlers<T>*>(entry->handlers.get())->from_value(value.custom_payload());
    if (!object.ok()) return object.status().WithContext("type id '" + entry->type_id + "'");
    return object;
  }

  /// Rebuilds the object of whatever registered type `value`'s id names, for graphs whose types
  /// are known only at run time. KeyError for an unregistered id; NotImplemented if the type is
  /// not copy-constructible (std::any needs that; use Deserialize<T>).
  Result<std::any> DeserializeAny(const Value& value) const;

  /// The id T (or `type`) is registered under; KeyError if none.
  template <typename T>
  Result<std::string> TypeIdOf() const {
    return TypeIdOf(std::type_index(typeid(T)));
  }
  Result<std::string> TypeIdOf(std::type_index type) const;
  /// The C++ type registered under `type_id`; KeyError if none.
  Result<std::type_index> TypeOf(std::string_view type_id) const;
  bool Contains(std::string_view type_id) const { return by_id_.find(type_id) != by_id_.end(); }
  /// The registered ids, sorted.
  std::vector<std::string> type_ids() const;

 private:
  template <typename T>
  struct Handlers {
    ToValueFn<T> to_value;
    FromValueFn<T> from_value;
  };
  using AnyFromValueFn = std::function<Result<std::any>(const Value&)>;
  struct Entry {
    std::string type_id;
    std::type_index type;
    std::shared_ptr<const void> handlers;  // a Handlers<T> for the registered T
    AnyFromValueFn any_from_value;         // empty when T is not copy-constructible
  };

  Status AddEntry(Entry entry);
  Result<const Entry*> FindByType(std::type_index type) const;
  Result<const Entry*> FindById(std::string_view type_id) const;
  static Status CheckCustomId(const Value& value, const std::string& expected_id);

  std::vector<std::unique_ptr<Entry>> entries_;
  std::map<std::string, const Entry*, std::less<>> by_id_;
  std::unordered_map<std::type_index, const Entry*> by_type_;
};

}  // namespace arrowpack
