#include "arrowpack/core/schema.h"

namespace arrowpack {

Schema::Schema(FieldVector fields, MetadataPtr metadata) : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

int Schema::GetFieldIndex(const std::string& name) const {
  for (int i = 0; i < num_fields(); ++i) {
    if (fields_[i]->name() == name) return i;
  }
  return -1;
}

std::vector<std::string> Schema::field_names() const {
  std::vector<std::string> names;
  names.reserve(fields_.size());
  for (const auto& f : fields_) names.push_back(f->name());
  return names;
}

std::shared_ptr<Schema> Schema::WithMetadata(MetadataPtr metadata) const {
  return std::make_shared<Schema>(fields_, std::move(metadata));
}

bool Schema::Equals(const Schema& other, bool check_metadata) const {
  if (this == &other) return true;
  if (fields_.size() != other.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*other.fields_[i], check_metadata)) return false;
  }
  return !check_metadata || MetadataEquals(metadata_, other.metadata_);
}

std::string Schema::ToString(bool show_metadata) const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += "\n";
    out += fields_[i]->ToString();
  }
  if (show_metadata && metadata_ != nullptr && metadata_->size() > 0) {
    out += "\n-- schema metadata --\n" + metadata_->ToString();
  }
  return out;
}

std::shared_ptr<Schema> schema(FieldVector fields, MetadataPtr metadata) {
  return std::make_shared<Schema>(std::move(fields), std::move(metadata));
}

}  // namespace arrowpack
