// EncodeSequenceStream (see sequence_stream_encoder_internal.h). The layout per array follows
// the IPC format (metadata V5, no validity bitmaps since nothing is null): a dense union has
// its type codes and offsets; its Null child has no buffers; a fixed-width child has an empty
// validity buffer and its values; bool its packed bits; binary its offsets and data; a list
// its offsets, then its values union; a dict (list of struct) its offsets, then the struct
// (an empty validity buffer), then the keys and values unions. One walk of the tree lays the
// batch out (into the schema's message template when there is one, else into the IPC writer's
// RecordBatchInfo) and lists the buffers, which are then copied one after another, padded.
#include <bit>
#include <cstring>
#include <limits>

#include "arrowpack/core/bit_util.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/serialize/sequence_stream_encoder_internal.h"
#include "arrowpack/serialize/serialize_options_internal.h"

namespace arrowpack::serialize::internal {

namespace {

using ipc::internal::RecordBatchInfo;

constexpr int64_t kBodyAlignment = 8;  // StreamWriteOptions().alignment

// Sizes are never negative: a mask, not a (signed) division.
int64_t Padded(int64_t size) { return (size + kBodyAlignment - 1) & ~(kBodyAlignment - 1); }

// Walks a sealed tree in the IPC writer's depth-first order, handing each field node and each
// buffer to `out` (a GenericLayout or a TemplateLayout).
template <typename Out>
class TreeWalk {
 public:
  explicit TreeWalk(Out* out) : out_(*out) {}

  Status Union(const UnionNode& node) {
    ARROWPACK_RETURN_NOT_OK(Node(node.length(), 0));
    out_.Buffer(node.types.data(), node.types.size());
    out_.Buffer(node.offsets.data(), node.offsets.size());
    ARROWPACK_RETURN_NOT_OK(Node(node.null_length, node.null_length));
    for (const ChildNode* child : node.children()) ARROWPACK_RETURN_NOT_OK(Child(*child));
    return Status::OK();
  }

 private:
  Status Child(const ChildNode& child) {
    ARROWPACK_RETURN_NOT_OK(Node(child.length, 0));
    out_.Buffer(nullptr, 0);  // validity
    switch (child.tag) {
      case PythonTag::BOOL:
        out_.Buffer(child.values.data(), bit_util::BytesForBits(child.length));
        return Status::OK();
      case PythonTag::BYTES:
      case PythonTag::STRING:
        out_.Buffer(child.offsets.data(), child.offsets.size());
        out_.Buffer(child.values.data(), child.values.size());
        return Status::OK();
      case PythonTag::LIST:
      case PythonTag::TUPLE:
      case PythonTag::SET:
        out_.Buffer(child.offsets.data(), child.offsets.size());
        return Union(*child.items);
      case PythonTag::DICT:
        out_.Buffer(child.offsets.data(), child.offsets.size());
        ARROWPACK_RETURN_NOT_OK(Node(child.items->length(), 0));  // the struct of keys and values
        out_.Buffer(nullptr, 0);
        ARROWPACK_RETURN_NOT_OK(Union(*child.items));
        return Union(*child.dict_vals);
      default:
        out_.Buffer(child.values.data(), child.values.size());
        return Status::OK();
    }
  }

  Status Node(int64_t length, int64_t null_count) {
    if (length > std::numeric_limits<int32_t>::max()) return TooLong(length);
    out_.Node(length, null_count);
    return Status::OK();
  }

  [[gnu::cold, gnu::noinline]] static Status TooLong(int64_t length) {
    return Status::CapacityError("cannot write arrays of more than 2^31 - 1 values (length ", length,
                                 ") unless allow_64bit is set");
  }

  Out& out_;
};

// The layout as the IPC writer takes it: field nodes and buffer specs in scratch->info, buffer
// addresses in scratch->body_parts.
class GenericLayout {
 public:
  explicit GenericLayout(EncoderScratch* scratch) : scratch_(*scratch) {
    scratch_.info.nodes.clear();
    scratch_.info.buffers.clear();
    scratch_.body_parts.clear();
  }
  [[gnu::always_inline]] void Node(int64_t length, int64_t null_count) {
    scratch_.info.nodes.push_back({length, null_count});
  }
  [[gnu::always_inline]] void Buffer(const uint8_t* data, int64_t size) {
    scratch_.info.buffers.push_back({body_length_, size});
    scratch_.body_parts.push_back({data, size});
    body_length_ += Padded(size);
  }
  int64_t body_length() const { return body_length_; }

 private:
  EncoderScratch& scratch_;
  int64_t body_length_ = 0;
};

namespace fb = org::apache::arrow::flatbuf;

// The layout written straight into a MessageTemplate's bytes (its FieldNode and Buffer structs),
// buffer addresses in scratch->body_parts. Complete when the counts match the template's.
class TemplateLayout {
 public:
  TemplateLayout(MessageTemplate* slot, EncoderScratch* scratch)
      : parts_(scratch->body_parts),
        next_node_(slot->bytes.data() + slot->nodes_at),
        nodes_end_(next_node_ + slot->num_nodes * sizeof(fb::FieldNode)),
        next_buffer_(slot->bytes.data() + slot->buffers_at),
        buffers_end_(next_buffer_ + slot->num_buffers * sizeof(fb::Buffer)) {
    parts_.clear();
  }
  [[gnu::always_inline]] void Node(int64_t length, int64_t null_count) {
    if (next_node_ == nodes_end_) {
      complete_ = false;
      return;
    }
    const fb::FieldNode node(length, null_count);
    std::memcpy(next_node_, &node, sizeof(node));
    next_node_ += sizeof(node);
  }
  [[gnu::always_inline]] void Buffer(const uint8_t* data, int64_t size) {
    if (next_buffer_ == buffers_end_) {
      complete_ = false;
      return;
    }
    const fb::Buffer buffer(body_length_, size);
    std::memcpy(next_buffer_, &buffer, sizeof(buffer));
    next_buffer_ += sizeof(buffer);
    parts_.push_back({data, size});
    body_length_ += Padded(size);
  }
  bool complete() const { return complete_ && next_node_ == nodes_end_ && next_buffer_ == buffers_end_; }
  int64_t body_length() const { return body_length_; }

 private:
  std::vector<BodyPart>& parts_;
  uint8_t* next_node_;
  uint8_t* nodes_end_;
  uint8_t* next_buffer_;
  uint8_t* buffers_end_;
  bool complete_ = true;
  int64_t body_length_ = 0;
};

// Copies the `size` bytes at `data` to `out`, then zeros up to Padded(size). Reads up to
// Padded(size) bytes at `data`, which GrowableBytes allocates (its capacity is a multiple of 8),
// so that small buffers take a few word moves instead of a memcpy and a memset.
void CopyPadded(const uint8_t* data, int64_t size, uint8_t* out) {
  const int64_t whole = size & ~int64_t{7};
  if (whole > 64) {
    std::memcpy(out, data, static_cast<size_t>(whole));
  } else {
    for (int64_t i = 0; i < whole; i += 8) std::memcpy(out + i, data + i, 8);
  }
  const int64_t tail = size - whole;
  if (tail == 0) return;
  if constexpr (std::endian::native == std::endian::little) {
    uint64_t word;
    std::memcpy(&word, data + whole, 8);
    word &= ~uint64_t{0} >> (8 * (8 - tail));  // the first `tail` bytes
    std::memcpy(out + whole, &word, 8);
  } else {
    std::memcpy(out + whole, data + whole, static_cast<size_t>(tail));
    std::memset(out + whole + tail, 0, static_cast<size_t>(8 - tail));
  }
}

// IPC framing (the stream writer's with StreamWriteOptions: no legacy format, 8-byte alignment).
constexpr uint32_t kContinuation = 0xFFFFFFFFu;

// Writes the continuation marker and `length` at `out`; returns the address after them.
uint8_t* WritePrefix(uint8_t* out, int32_t length) {
  std::memcpy(out, &kContinuation, 4);
  std::memcpy(out + 4, &length, 4);
  return out + 8;
}

size_t PositionIn(const uint8_t* base, const void* address) {
  return static_cast<size_t>(static_cast<const uint8_t*>(address) - base);
}

// Keeps the message just built in `builder` as the template of `schema` (replacing the oldest).
void StoreTemplate(const flatbuffers::FlatBufferBuilder& builder, const std::shared_ptr<Schema>& schema,
                   EncoderScratch* scratch) {
  const uint8_t* base = builder.GetBufferPointer();
  const fb::Message* message = fb::GetMessage(base);
  const fb::RecordBatch* batch = message->header_as_RecordBatch();
  // The generated tables hide their Table base; these are the addresses the scalar getters read.
  const auto* batch_table = reinterpret_cast<const flatbuffers::Table*>(batch);
  const auto* message_table = reinterpret_cast<const flatbuffers::Table*>(message);
  const uint8_t* length = batch_table->GetAddressOf(fb::RecordBatch::VT_LENGTH);
  const uint8_t* body_length = message_table->GetAddressOf(fb::Message::VT_BODYLENGTH);
  if (batch->nodes() == nullptr || batch->buffers() == nullptr || length == nullptr || body_length == nullptr) return;
  MessageTemplate& slot = scratch->templates[scratch->next_template];
  scratch->next_template = (scratch->next_template + 1) % scratch->templates.size();
  slot.schema = schema;
  slot.bytes.assign(base, base + builder.GetSize());
  slot.num_nodes = batch->nodes()->size();
  slot.num_buffers = batch->buffers()->size();
  slot.nodes_at = PositionIn(base, batch->nodes()->Data());
  slot.buffers_at = PositionIn(base, batch->buffers()->Data());
  slot.length_at = PositionIn(base, length);
  slot.body_length_at = PositionIn(base, body_length);
}

// The template of `schema`, or nullptr.
MessageTemplate* TemplateOf(const std::shared_ptr<Schema>& schema, EncoderScratch* scratch) {
  for (MessageTemplate& slot : scratch->templates) {
    if (slot.schema == schema) return &slot;
  }
  return nullptr;
}

}  // namespace

Result<PlacedStream> EncodeSequenceStream(const UnionNode& root, const std::shared_ptr<Schema>& schema,
                                          const Buffer& schema_message, int64_t offset, int64_t alignment,
                                          EncoderScratch* scratch, MemoryPool* pool) {
  const int64_t length = root.length();
  const ipc::IpcWriteOptions options = StreamWriteOptions();
  // Zero lengths change the message layout (see MessageTemplate): those are always built afresh.
  MessageTemplate* slot = length > 0 ? TemplateOf(schema, scratch) : nullptr;
  int64_t body_length = 0;
  const uint8_t* metadata_bytes = nullptr;
  int64_t metadata_size = 0;
  if (slot != nullptr) {
    TemplateLayout layout(slot, scratch);
    ARROWPACK_RETURN_NOT_OK(TreeWalk<TemplateLayout>(&layout).Union(root));
    body_length = layout.body_length();
    if (layout.complete() && body_length > 0) {
      std::memcpy(slot->bytes.data() + slot->length_at, &length, sizeof(int64_t));
      std::memcpy(slot->bytes.data() + slot->body_length_at, &body_length, sizeof(int64_t));
      metadata_bytes = slot->bytes.data();
      metadata_size = static_cast<int64_t>(slot->bytes.size());
    }
  }
  if (metadata_bytes == nullptr) {
    GenericLayout layout(scratch);
    ARROWPACK_RETURN_NOT_OK(TreeWalk<GenericLayout>(&layout).Union(root));
    body_length = layout.body_length();
    ipc::internal::RecordBatchInfo& info = scratch->info;
    info.length = length;
    flatbuffers::FlatBufferBuilder& builder = scratch->message_builder;
    ARROWPACK_RETURN_NOT_OK(ipc::internal::BuildRecordBatchMessage(builder, info, body_length, options));
    if (length > 0 && body_length > 0) StoreTemplate(builder, schema, scratch);
    metadata_bytes = builder.GetBufferPointer();
    metadata_size = static_cast<int64_t>(builder.GetSize());
  }
  // Continuation marker, length, metadata, padding to the body alignment (ipc::WriteMessageMetadata).
  const int64_t framed_metadata = Padded(8 + metadata_size);
  if (framed_metadata - 8 > std::numeric_limits<int32_t>::max()) {
    return Status::CapacityError("IPC message metadata of ", metadata_size, " bytes is too large");
  }
  const int64_t body_start = schema_message.size() + framed_metadata;
  const int64_t end_of_stream = 8;
  const int64_t total = body_start + body_length + end_of_stream;
  const int64_t placed_size = (offset + total + alignment - 1) & ~(alignment - 1);
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> placed, AllocateSharedBuffer(placed_size, pool));
  uint8_t* start = placed->mutable_data() + offset;
  std::memset(placed->mutable_data(), 0, static_cast<size_t>(offset));
  std::memset(start + total, 0, static_cast<size_t>(placed_size - offset - total));
  std::memcpy(start, schema_message.data(), static_cast<size_t>(schema_message.size()));
  uint8_t* framed = WritePrefix(start + schema_message.size(), static_cast<int32_t>(framed_metadata - 8));
  std::memcpy(framed, metadata_bytes, static_cast<size_t>(metadata_size));
  std::memset(framed + metadata_size, 0, static_cast<size_t>(framed_metadata - 8 - metadata_size));
  uint8_t* out = start + body_start;
  for (const auto& [data, size] : scratch->body_parts) {
    CopyPadded(data, size, out);
    out += Padded(size);
  }
  WritePrefix(out, 0);  // end of stream
  return PlacedStream{std::move(placed), offset, total};
}

}  // namespace arrowpack::serialize::internal
