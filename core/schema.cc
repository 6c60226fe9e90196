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

namespace {

void AppendMetadata(const MetadataPtr& metadata, const std::string& indent, const char* title, std::string* out) {
  if (metadata == nullptr || metadata->size() == 0) return;
  *out += "\n" + indent + "-- " + title + " metadata --";
  for (int64_t i = 0; i < metadata->size(); ++i) {
    *out += "\n" + indent + metadata->key(i) + ": '" + metadata->value(i) + "'";
  }
}

// pyarrow lists the children of nested fields as "child i, name: type" lines, indented by 2 at the
// first level and 4 more per level below.
void AppendChildren(const DataType& type, int depth, bool show_metadata, std::string* out) {
  const std::string indent(depth == 1 ? 2 : 2 + 4 * (depth - 1), ' ');
  for (int i = 0; i < type.num_fields(); ++i) {
    const auto& child = type.field(i);
    *out += "\n" + indent + "child " + std::to_string(i) + ", " + child->ToString();
    if (show_metadata) AppendMetadata(child->metadata(), indent + "  ", "field", out);
    AppendChildren(*child->type(), depth + 1, show_metadata, out);
  }
}

}  // namespace

std::string Schema::ToString(bool show_metadata) const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += "\n";
    out += fields_[i]->ToString();
    AppendChildren(*fields_[i]->type(), 1, show_metadata, &out);
    if (show_metadata) AppendMetadata(fields_[i]->metadata(), "  ", "field", &out);
  }
  if (show_metadata) AppendMetadata(metadata_, "", "schema", &out);
  if (!out.empty() && out[0] == '\n') out.erase(0, 1);
  return out;
}

std::shared_ptr<Schema> schema(FieldVector fields, MetadataPtr metadata) {
  return std::make_shared<Schema>(std::move(fields), std::move(metadata));
}

}  // namespace arrowpack
