// Schema: the fields of a record batch or table plus optional metadata. Immutable and shared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/type.h"

namespace arrowpack {

class Schema {
 public:
  explicit Schema(FieldVector fields, MetadataPtr metadata = nullptr);

  const FieldVector& fields() const { return fields_; }
  const std::shared_ptr<Field>& field(int i) const { return fields_[i]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const MetadataPtr& metadata() const { return metadata_; }
  /// Index of the first field named `name`, or -1.
  int GetFieldIndex(const std::string& name) const;
  std::vector<std::string> field_names() const;

  std::shared_ptr<Schema> WithMetadata(MetadataPtr metadata) const;
  bool Equals(const Schema& other, bool check_metadata = false) const;
  /// One "name: type" line per field, then "-- schema metadata --" lines, like pyarrow.
  std::string ToString(bool show_metadata = true) const;

 private:
  FieldVector fields_;
  MetadataPtr metadata_;
};

std::shared_ptr<Schema> schema(FieldVector fields, MetadataPtr metadata = nullptr);

}  // namespace arrowpack
