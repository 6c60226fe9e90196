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
  /// pyarrow's str(schema): "name: type" per field with "child i, ..." lines for nested types,
  /// then field and schema metadata blocks when `show_metadata`.
  std::string ToString(bool show_metadata = true) const;

 private:
  FieldVector fields_;
  MetadataPtr metadata_;
};

std::shared_ptr<Schema> schema(FieldVector fields, MetadataPtr metadata = nullptr);

}  // namespace arrowpack
