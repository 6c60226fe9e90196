// DictionaryMemo: which schema fields are dictionary-encoded (by field path), under which
// dictionary id, and the current dictionary of each id. A reader fills it from the schema and
// the dictionary batches it meets; a writer from the schema and the batches it writes. Not
// thread-safe; dictionaries are shared, never copied (deltas are concatenated into new arrays).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "arrowpack/core/array_data.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/core/table.h"

namespace arrowpack::ipc {

/// Child indices from the schema root to a field; the children of a dictionary-encoded field
/// are those of its value type.
using FieldPath = std::vector<int>;

class DictionaryMemo {
 public:
  /// Records the dictionary-encoded field at `path`. Invalid if the path is already known or the
  /// id is already used with another value type.
  Status AddField(int64_t id, FieldPath path, TypePtr value_type);
  /// KeyError if no dictionary-encoded field sits at `path`.
  Result<int64_t> GetId(const FieldPath& path) const;
  /// KeyError for an unknown id.
  Result<TypePtr> GetValueType(int64_t id) const;
  Result<FieldPath> GetPath(int64_t id) const;
  bool HasId(int64_t id) const { return fields_.count(id) > 0; }

  bool HasDictionary(int64_t id) const { return dictionaries_.count(id) > 0; }
  /// KeyError if the dictionary of `id` has not been set.
  Result<ArrayDataPtr> GetDictionary(int64_t id) const;
  /// Sets the dictionary of `id`; returns true if it replaced an earlier one. KeyError for an
  /// unknown id.
  Result<bool> SetDictionary(int64_t id, ArrayDataPtr dictionary);
  /// Appends `delta` to the dictionary of `id` (the delta becomes the dictionary when none was
  /// set). The concatenation is allocated from `pool`.
  Status AppendDelta(int64_t id, const ArrayDataPtr& delta, MemoryPool* pool = nullptr);

  /// Ids in the order their fields were added.
  const std::vector<int64_t>& ids() const { return ids_; }
  int num_fields() const { return static_cast<int>(paths_.size()); }

 private:
  struct Entry {
    FieldPath path;
    TypePtr value_type;
  };
  std::map<FieldPath, int64_t> paths_;
  std::map<int64_t, Entry> fields_;
  std::map<int64_t, ArrayDataPtr> dictionaries_;
  std::vector<int64_t> ids_;
};

/// Gives every dictionary-encoded field of `schema` (nested ones and those inside dictionary
/// value types included) an id 0, 1, ... in depth-first pre-order, as writers do.
Status AssignDictionaryIds(const Schema& schema, DictionaryMemo* memo);

/// The table with one dictionary per top-level dictionary-encoded column: the chunks' dictionary
/// values in order of first appearance (matched by value; fixed-width and binary-like value
/// types), indices remapped into buffers from `pool` (dictionary_unify.cc). NotImplemented for
/// other value types and for dictionaries nested in other types; Invalid when the unified
/// dictionary outgrows the index type or an index is out of range.
Result<TablePtr> UnifyDictionaries(const Table& table, MemoryPool* pool = nullptr);

}  // namespace arrowpack::ipc
