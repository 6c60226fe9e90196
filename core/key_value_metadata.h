// KeyValueMetadata: ordered string key/value pairs attached to schemas, fields and messages.
// Immutable after construction; shared via shared_ptr<const KeyValueMetadata>.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arrowpack {

class KeyValueMetadata {
 public:
  KeyValueMetadata() = default;
  KeyValueMetadata(std::vector<std::string> keys, std::vector<std::string> values);
  explicit KeyValueMetadata(std::vector<std::pair<std::string, std::string>> pairs);

  int64_t size() const { return static_cast<int64_t>(keys_.size()); }
  const std::string& key(int64_t i) const { return keys_[i]; }
  const std::string& value(int64_t i) const { return values_[i]; }
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<std::string>& values() const { return values_; }

  /// Index of the first pair with `key`, or -1.
  int64_t FindKey(const std::string& key) const;
  std::optional<std::string> Get(const std::string& key) const;
  bool Equals(const KeyValueMetadata& other) const;
  /// Lines `key: 'value'` as pyarrow prints them.
  std::string ToString() const;

 private:
  std::vector<std::string> keys_;
  std::vector<std::string> values_;
};

using MetadataPtr = std::shared_ptr<const KeyValueMetadata>;

/// True when both are absent/empty or hold the same pairs.
bool MetadataEquals(const MetadataPtr& left, const MetadataPtr& right);

}  // namespace arrowpack
