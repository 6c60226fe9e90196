#include "arrowpack/core/key_value_metadata.h"

namespace arrowpack {

KeyValueMetadata::KeyValueMetadata(std::vector<std::string> keys, std::vector<std::string> values)
    : keys_(std::move(keys)), values_(std::move(values)) {
  values_.resize(keys_.size());
}

KeyValueMetadata::KeyValueMetadata(std::vector<std::pair<std::string, std::string>> pairs) {
  keys_.reserve(pairs.size());
  values_.reserve(pairs.size());
  for (auto& [key, value] : pairs) {
    keys_.push_back(std::move(key));
    values_.push_back(std::move(value));
  }
}

int64_t KeyValueMetadata::FindKey(const std::string& key) const {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return static_cast<int64_t>(i);
  }
  return -1;
}

std::optional<std::string> KeyValueMetadata::Get(const std::string& key) const {
  const int64_t index = FindKey(key);
  if (index < 0) return std::nullopt;
  return values_[index];
}

bool KeyValueMetadata::Equals(const KeyValueMetadata& other) const {
  return keys_ == other.keys_ && values_ == other.values_;
}

std::string KeyValueMetadata::ToString() const {
  std::string out;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i > 0) out += "\n";
    out += keys_[i] + ": '" + values_[i] + "'";
  }
  return out;
}

bool MetadataEquals(const MetadataPtr& left, const MetadataPtr& right) {
  const bool left_empty = left == nullptr || left->size() == 0;
  const bool right_empty = right == nullptr || right->size() == 0;
  if (left_empty || right_empty) return left_empty == right_empty;
  return left->Equals(*right);
}

}  // namespace arrowpack
