// EncodeSequenceStream (see sequence_stream_encoder_internal.h). The layout per array follows
// the IPC format (metadata V5, no validity bitmaps since nothing is null): a dense union has
// its type codes and offsets; its Null child has no buffers; a fixed-width child has an empty
// validity buffer and its values; bool its packed bits; binary its offsets and data; a list
// its offsets, then its values union; a dict (list of struct) its offsets, then the struct
// (an empty validity buffer), then the keys and values unions.
#include <cstring>
#include <limits>

#include "arrowpack/core/bit_util.h"
#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/serialize/sequence_stream_encoder_internal.h"
#include "arrowpack/serialize/serialize_options_internal.h"

namespace arrowpack::serialize::internal {

namespace {

using ipc::internal::RecordBatchInfo;

constexpr int64_t kBodyAlignment = 8;  // StreamWriteOptions().alignment

// Sizes are never negative: a mask, not a (signed) division.
int64_t Padded(int64_t size) { return (size + kBodyAlignment - 1) & ~(kBodyAlignment - 1); }

class Collector {
 public:
  explicit Collector(EncoderScratch* scratch) : scratch_(*scratch) {}

  Status Union(const UnionNode& node) {
    ARROWPACK_RETURN_NOT_OK(Node(node.length(), 0));
    Part(node.types.data(), node.types.size());
    Part(node.offsets.data(), node.offsets.size());
    ARROWPACK_RETURN_NOT_OK(Node(node.null_length, node.null_length));
    for (const ChildNode* child : node.children) ARROWPACK_RETURN_NOT_OK(Child(*child));
    return Status::OK();
  }

 private:
  Status Child(const ChildNode& child) {
    ARROWPACK_RETURN_NOT_OK(Node(child.length, 0));
    Part(nullptr, 0);  // validity
    switch (child.tag) {
      case PythonTag::BOOL:
        Part(child.values.data(), bit_util::BytesForBits(child.length));
        return Status::OK();
      case PythonTag::BYTES:
      case PythonTag::STRING:
        Part(child.offsets.data(), child.offsets.size());
        Part(child.values.data(), child.values.size());
        return Status::OK();
      case PythonTag::LIST:
      case PythonTag::TUPLE:
      case PythonTag::SET:
        Part(child.offsets.data(), child.offsets.size());
        return Union(*child.items);
      case PythonTag::DICT:
        Part(child.offsets.data(), child.offsets.size());
        ARROWPACK_RETURN_NOT_OK(Node(child.items->length(), 0));  // the struct of keys and values
        Part(nullptr, 0);
        ARROWPACK_RETURN_NOT_OK(Union(*child.items));
        return Union(*child.dict_vals);
      default:
        Part(child.values.data(), child.values.size());
        return Status::OK();
    }
  }

  Status Node(int64_t length, int64_t null_count) {
    if (length > std::numeric_limits<int32_t>::max()) {
      return Status::CapacityError("cannot write arrays of more than 2^31 - 1 values (length ", length,
                                   ") unless allow_64bit is set");
    }
    scratch_.info.nodes.push_back({length, null_count});
    return Status::OK();
  }

  void Part(const uint8_t* data, int64_t size) { scratch_.body_parts.emplace_back(data, size); }

  EncoderScratch& scratch_;
};

// Writes into the stream buffer, whose layout is computed beforehand: plain copies (no locks,
// threads or shared ownership, unlike FixedSizeBufferWriter), Invalid past the end.
class LaidOutSink final : public io::OutputStream {
 public:
  LaidOutSink(uint8_t* data, int64_t capacity) : data_(data), capacity_(capacity) {}
  Status Close() override { return Status::OK(); }
  bool closed() const override { return false; }
  Result<int64_t> Tell() const override { return position_; }
  using io::Writable::Write;
  Status Write(const void* data, int64_t nbytes) override {
    if (nbytes > capacity_ - position_) return Status::Invalid("serialize: the stream outgrew its layout");
    if (nbytes > 0) std::memcpy(data_ + position_, data, static_cast<size_t>(nbytes));
    position_ += nbytes;
    return Status::OK();
  }
  /// Moves past bytes filled directly.
  void Skip(int64_t nbytes) { position_ += nbytes; }

 private:
  uint8_t* data_;
  int64_t capacity_;
  int64_t position_ = 0;
};

namespace fb = org::apache::arrow::flatbuf;

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

// The template of `schema` with `info`'s numbers patched in, or nullptr.
const MessageTemplate* PatchedTemplate(const std::shared_ptr<Schema>& schema, const RecordBatchInfo& info,
                                       int64_t body_length, EncoderScratch* scratch) {
  for (MessageTemplate& slot : scratch->templates) {
    if (slot.schema != schema || slot.num_nodes != info.nodes.size() || slot.num_buffers != info.buffers.size()) {
      continue;
    }
    uint8_t* out = slot.bytes.data();
    std::memcpy(out + slot.length_at, &info.length, sizeof(int64_t));
    std::memcpy(out + slot.body_length_at, &body_length, sizeof(int64_t));
    for (size_t i = 0; i < info.nodes.size(); ++i) {
      const fb::FieldNode node(info.nodes[i].length, info.nodes[i].null_count);
      std::memcpy(out + slot.nodes_at + i * sizeof(node), &node, sizeof(node));
    }
    for (size_t i = 0; i < info.buffers.size(); ++i) {
      const fb::Buffer buffer(info.buffers[i].offset, info.buffers[i].length);
      std::memcpy(out + slot.buffers_at + i * sizeof(buffer), &buffer, sizeof(buffer));
    }
    return &slot;
  }
  return nullptr;
}

}  // namespace

Result<PlacedStream> EncodeSequenceStream(const UnionNode& root, const std::shared_ptr<Schema>& schema,
                                          const Buffer& schema_message, int64_t offset, int64_t alignment,
                                          EncoderScratch* scratch, MemoryPool* pool) {
  ipc::internal::RecordBatchInfo& info = scratch->info;
  info.length = root.length();
  info.nodes.clear();
  info.buffers.clear();
  scratch->body_parts.clear();
  ARROWPACK_RETURN_NOT_OK(Collector(scratch).Union(root));
  int64_t body_length = 0;
  for (const auto& part : scratch->body_parts) {
    info.buffers.push_back({body_length, part.second});
    body_length += Padded(part.second);
  }
  const ipc::IpcWriteOptions options = StreamWriteOptions();
  // Zero lengths change the message layout (see MessageTemplate): those are always built afresh.
  const bool templatable = info.length > 0 && body_length > 0;
  const MessageTemplate* patched = templatable ? PatchedTemplate(schema, info, body_length, scratch) : nullptr;
  const uint8_t* metadata_bytes = nullptr;
  int64_t metadata_size = 0;
  if (patched != nullptr) {
    metadata_bytes = patched->bytes.data();
    metadata_size = static_cast<int64_t>(patched->bytes.size());
  } else {
    flatbuffers::FlatBufferBuilder& builder = scratch->message_builder;
    ARROWPACK_RETURN_NOT_OK(ipc::internal::BuildRecordBatchMessage(builder, info, body_length, options));
    if (templatable) StoreTemplate(builder, schema, scratch);
    metadata_bytes = builder.GetBufferPointer();
    metadata_size = static_cast<int64_t>(builder.GetSize());
  }
  const Buffer metadata(metadata_bytes, metadata_size);
  // Continuation marker, length, metadata, padding to the body alignment (ipc::WriteMessageMetadata).
  const int64_t framed_metadata = Padded(8 + metadata.size());
  const int64_t body_start = schema_message.size() + framed_metadata;
  const int64_t end_of_stream = 8;
  const int64_t total = body_start + body_length + end_of_stream;
  const int64_t placed_size = (offset + total + alignment - 1) & ~(alignment - 1);
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> placed, AllocateSharedBuffer(placed_size, pool));
  uint8_t* start = placed->mutable_data() + offset;
  std::memset(placed->mutable_data(), 0, static_cast<size_t>(offset));
  std::memset(start + total, 0, static_cast<size_t>(placed_size - offset - total));
  LaidOutSink sink(start, total);
  ARROWPACK_RETURN_NOT_OK(sink.Write(schema_message.data(), schema_message.size()));
  ARROWPACK_RETURN_NOT_OK(ipc::WriteMessageMetadata(metadata, options, &sink).status());
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t metadata_end, sink.Tell());
  if (metadata_end != body_start) {
    return Status::Invalid("serialize: the record batch message took ", metadata_end - schema_message.size(),
                           " bytes instead of the ", framed_metadata, " laid out");
  }
  uint8_t* out = start + body_start;
  std::memset(out, 0, static_cast<size_t>(body_length));  // the padding after each buffer
  for (const auto& [data, size] : scratch->body_parts) {
    if (size > 0) std::memcpy(out, data, static_cast<size_t>(size));
    out += Padded(size);
  }
  sink.Skip(body_length);
  ARROWPACK_RETURN_NOT_OK(ipc::WriteEndOfStream(&sink, options));
  return PlacedStream{std::move(placed), offset, total};
}

}  // namespace arrowpack::serialize::internal
