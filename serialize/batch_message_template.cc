// BatchMessageTemplate (see batch_message_template_internal.h): Make lists the bytes the
// FlatBuffers verifier reads in a message of the fast decoder's shape and checks them against
// the varying places; Match is a few memcmp calls and four loads.
#include "arrowpack/serialize/batch_message_template_internal.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace arrowpack::serialize::internal {

namespace {

namespace fb = ipc::internal::fb;

// The generated tables inherit flatbuffers::Table privately, at the same address.
template <typename T>
const flatbuffers::Table& AsTable(const T& table) {
  return *reinterpret_cast<const flatbuffers::Table*>(&table);
}

// Byte ranges of a message, relative to its start.
class Ranges {
 public:
  explicit Ranges(const uint8_t* base) : base_(base) {}
  void Add(const void* at, size_t size) {
    const auto begin = static_cast<int64_t>(static_cast<const uint8_t*>(at) - base_);
    ranges_.push_back({begin, begin + static_cast<int64_t>(size)});
  }
  // A table's soffset, its whole vtable, and the scalar or offset fields listed in `fields`
  // (with their widths) that are present.
  void AddTable(const flatbuffers::Table& table, std::initializer_list<std::pair<flatbuffers::voffset_t, size_t>> fields) {
    const auto* start = reinterpret_cast<const uint8_t*>(&table);
    Add(start, sizeof(flatbuffers::soffset_t));
    const uint8_t* vtable = start - flatbuffers::ReadScalar<flatbuffers::soffset_t>(start);
    Add(vtable, flatbuffers::ReadScalar<flatbuffers::voffset_t>(vtable));
    for (const auto& [field, width] : fields) {
      if (const uint8_t* at = table.GetAddressOf(field)) Add(at, width);
    }
  }
  bool Overlaps(int64_t begin, int64_t end) const {
    return std::any_of(ranges_.begin(), ranges_.end(), [&](const auto& r) { return r.first < end && begin < r.second; });
  }

 private:
  const uint8_t* base_;
  std::vector<std::pair<int64_t, int64_t>> ranges_;
};

}  // namespace

std::optional<BatchMessageTemplate> BatchMessageTemplate::Make(const uint8_t* metadata, int32_t size,
                                                               const fb::Message& message) {
  const fb::RecordBatch* batch = message.header_as_RecordBatch();
  if (batch == nullptr || message.custom_metadata() != nullptr || batch->compression() != nullptr ||
      batch->nodes() == nullptr || batch->buffers() == nullptr) {
    return std::nullopt;
  }
  Ranges read(metadata);
  read.Add(metadata, sizeof(flatbuffers::uoffset_t));  // the root offset
  read.AddTable(AsTable(message), {{fb::Message::VT_VERSION, 2},
                          {fb::Message::VT_HEADER_TYPE, 1},
                          {fb::Message::VT_HEADER, 4},
                          {fb::Message::VT_CUSTOM_METADATA, 4}});
  read.AddTable(AsTable(*batch), {{fb::RecordBatch::VT_NODES, 4},
                         {fb::RecordBatch::VT_BUFFERS, 4},
                         {fb::RecordBatch::VT_COMPRESSION, 4},
                         {fb::RecordBatch::VT_VARIADICBUFFERCOUNTS, 4}});
  read.Add(batch->nodes(), sizeof(flatbuffers::uoffset_t));  // vector lengths
  read.Add(batch->buffers(), sizeof(flatbuffers::uoffset_t));
  if (batch->variadicBufferCounts() != nullptr) {
    const auto* counts = batch->variadicBufferCounts();
    read.Add(counts, sizeof(flatbuffers::uoffset_t) + counts->size() * sizeof(int64_t));
  }

  BatchMessageTemplate out;
  const auto offset = [&](const void* at) {
    return static_cast<int32_t>(static_cast<const uint8_t*>(at) - metadata);
  };
  const uint8_t* length_at = AsTable(*batch).GetAddressOf(fb::RecordBatch::VT_LENGTH);
  const uint8_t* body_length_at = AsTable(message).GetAddressOf(fb::Message::VT_BODYLENGTH);
  out.length_at_ = length_at == nullptr ? -1 : offset(length_at);
  out.body_length_at_ = body_length_at == nullptr ? -1 : offset(body_length_at);
  out.nodes_at_ = offset(batch->nodes()->Data());
  out.buffers_at_ = offset(batch->buffers()->Data());
  out.holes_ = {Hole{out.nodes_at_, out.nodes_at_ + static_cast<int32_t>(16 * batch->nodes()->size())},
                Hole{out.buffers_at_, out.buffers_at_ + static_cast<int32_t>(16 * batch->buffers()->size())},
                length_at == nullptr ? Hole{} : Hole{out.length_at_, out.length_at_ + 8},
                body_length_at == nullptr ? Hole{} : Hole{out.body_length_at_, out.body_length_at_ + 8}};
  std::sort(out.holes_.begin(), out.holes_.end(), [](const Hole& a, const Hole& b) { return a.begin < b.begin; });
  int32_t previous_end = 0;
  for (const Hole& hole : out.holes_) {
    if (hole.begin < previous_end || hole.end > size || read.Overlaps(hole.begin, hole.end)) return std::nullopt;
    previous_end = std::max(previous_end, hole.end);
  }
  out.bytes_.assign(reinterpret_cast<const char*>(metadata), static_cast<size_t>(size));
  return out;
}

bool BatchMessageTemplate::Match(const uint8_t* metadata, int32_t size, BatchMessageView* view) const {
  if (static_cast<size_t>(size) != bytes_.size()) return false;
  const auto* expected = reinterpret_cast<const uint8_t*>(bytes_.data());
  int32_t pos = 0;
  for (const Hole& hole : holes_) {
    if (std::memcmp(metadata + pos, expected + pos, static_cast<size_t>(hole.begin - pos)) != 0) return false;
    pos = std::max(pos, hole.end);
  }
  if (std::memcmp(metadata + pos, expected + pos, static_cast<size_t>(size - pos)) != 0) return false;
  const auto load = [&](int32_t at) {
    int64_t value = 0;
    if (at >= 0) std::memcpy(&value, metadata + at, sizeof(value));
    return value;
  };
  view->length = load(length_at_);
  view->body_length = load(body_length_at_);
  view->nodes = metadata + nodes_at_;
  view->buffers = metadata + buffers_at_;
  return true;
}

}  // namespace arrowpack::serialize::internal
