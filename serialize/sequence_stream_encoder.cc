// EncodeSequenceStream (see sequence_stream_encoder_internal.h). The layout per array follows
// the IPC format (metadata V5, no validity bitmaps since nothing is null): a dense union has
// its type codes and offsets; its Null child has no buffers; a fixed-width child has an empty
// validity buffer and its values; bool its packed bits; binary its offsets and data; a list
// its offsets, then its values union; a dict (list of struct) its offsets, then the struct
// (an empty validity buffer), then the keys and values unions. One walk of the tree (sealing
// it too when asked) lays the batch out (into the schema's message template when there is one,
// else into the IPC writer's RecordBatchInfo) and lists the non-empty buffers, which are then
// copied one after another, padded.
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <optional>
#include <span>

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

// Walks a tree in the IPC writer's depth-first order, handing each field node and each buffer
// to a Layout (a GenericLayout or a TemplateLayout). With kSeal it also seals the tree as it goes
// (each binary and container child's end offset appended, see SequenceWriter's Seal) and notes
// whether a union uses another number of children than when last sealed (reshaped()).
//
// One loop with an explicit stack of the unions it is inside (no recursion), working on a local
// copy of the layout: a local whose address is never taken stays in registers, whereas state
// reached through a pointer would be reloaded and stored again after every store into the
// message bytes (and handed between calls through memory).
template <typename Layout, bool kSeal>
class TreeWalk {
 public:
  explicit TreeWalk(std::vector<WalkFrame>* stack) : stack_(*stack) {}

  Status Run(UnionNode& root, Layout* layout) {
    Layout out = *layout;
    stack_.clear();
    WalkFrame at{};  // the children left in the innermost union, and the union after them
    ARROWPACK_RETURN_NOT_OK(Enter(root, &out, &at));
    for (;;) {
      if (at.next == at.end) {
        if (at.then != nullptr) {
          ARROWPACK_RETURN_NOT_OK(Enter(*at.then, &out, &at));
          at.then = nullptr;
          continue;
        }
        if (stack_.empty()) break;
        at = stack_.back();
        stack_.pop_back();
        continue;
      }
      ChildNode* child = *at.next++;
      ARROWPACK_RETURN_NOT_OK(Node(&out, child->length, 0));
      out.EmptyBuffer();  // validity
      // Branches on the shape of the child (measured faster than a jump table on its tag).
      const PythonTag tag = child->tag;
      if (child->items == nullptr) {
        if (tag == PythonTag::STRING || tag == PythonTag::BYTES) {
          if constexpr (kSeal) ARROWPACK_RETURN_NOT_OK(AppendEndOffset(child, child->values.size()));
          out.Buffer(child->offsets.data(), child->offsets.size());
          out.Buffer(child->values.data(), child->values.size());
        } else {
          // Fixed-width values, or packed bits for BOOL.
          const int64_t size = tag == PythonTag::BOOL ? bit_util::BytesForBits(child->length) : child->values.size();
          out.Buffer(child->values.data(), size);
        }
        continue;
      }
      // A list, tuple or set (its items), or a dict (the struct of its keys and values).
      if constexpr (kSeal) ARROWPACK_RETURN_NOT_OK(AppendEndOffset(child, child->items->length()));
      out.Buffer(child->offsets.data(), child->offsets.size());
      if (child->dict_vals != nullptr) {
        ARROWPACK_RETURN_NOT_OK(Node(&out, child->items->length(), 0));
        out.EmptyBuffer();
      }
      stack_.push_back(at);
      ARROWPACK_RETURN_NOT_OK(Enter(*child->items, &out, &at));
      at.then = child->dict_vals;
    }
    *layout = out;
    return Status::OK();
  }

  bool reshaped() const { return reshaped_; }

 private:
  // Lays out the union's own field nodes and buffers; *at gets its children.
  [[gnu::always_inline]] Status Enter(UnionNode& node, Layout* out, WalkFrame* at) {
    if constexpr (kSeal) {
      if (node.used != node.sealed_used) [[unlikely]] {
        reshaped_ = true;
        node.sealed_used = node.used;
      }
    }
    ARROWPACK_RETURN_NOT_OK(Node(out, node.length(), 0));
    out->Buffer(node.types.data(), node.types.size());
    out->Buffer(node.offsets.data(), node.offsets.size());
    ARROWPACK_RETURN_NOT_OK(Node(out, node.null_length, node.null_length));
    at->next = node.known.data();
    at->end = at->next + node.used;
    return Status::OK();
  }

  static Status AppendEndOffset(ChildNode* child, int64_t end) {
    return child->offsets.AppendValue(static_cast<int32_t>(end));
  }

  [[gnu::always_inline]] static Status Node(Layout* out, int64_t length, int64_t null_count) {
    if (length > std::numeric_limits<int32_t>::max()) [[unlikely]] return TooLong(length);
    out->Node(length, null_count);
    return Status::OK();
  }

  [[gnu::cold, gnu::noinline]] static Status TooLong(int64_t length) {
    return Status::CapacityError("cannot write arrays of more than 2^31 - 1 values (length ", length,
                                 ") unless allow_64bit is set");
  }

  std::vector<WalkFrame>& stack_;
  bool reshaped_ = false;
};

// The layout as the IPC writer takes it: field nodes and buffer specs in scratch->info, the
// non-empty buffers in scratch->body_parts.
class GenericLayout {
 public:
  explicit GenericLayout(EncoderScratch* scratch) : scratch_(scratch) {
    scratch_->info.nodes.clear();
    scratch_->info.buffers.clear();
    scratch_->body_parts.clear();
  }
  [[gnu::always_inline]] void Node(int64_t length, int64_t null_count) {
    scratch_->info.nodes.push_back({length, null_count});
  }
  [[gnu::always_inline]] void EmptyBuffer() { Buffer(nullptr, 0); }
  [[gnu::always_inline]] void Buffer(const uint8_t* data, int64_t size) {
    scratch_->info.buffers.push_back({body_length_, size});
    if (size != 0) scratch_->body_parts.push_back({data, size});
    body_length_ += Padded(size);
  }
  int64_t body_length() const { return body_length_; }
  std::span<const BodyPart> parts() const { return scratch_->body_parts; }

 private:
  EncoderScratch* scratch_;
  int64_t body_length_ = 0;
};

namespace fb = org::apache::arrow::flatbuf;

// The layout written straight into a MessageTemplate's FieldNode and Buffer structs (typed
// stores), the non-empty buffers into scratch->body_parts (sized once to the template's buffer
// count, so that no store checks a capacity). Complete when the counts match the template's.
class TemplateLayout {
 public:
  TemplateLayout(MessageTemplate* slot, EncoderScratch* scratch) {
    std::vector<BodyPart>& parts = scratch->body_parts;
    if (parts.size() < slot->num_buffers) parts.resize(slot->num_buffers);
    parts_begin_ = next_part_ = parts.data();
    next_node_ = reinterpret_cast<fb::FieldNode*>(slot->bytes.data() + slot->nodes_at);
    nodes_end_ = next_node_ + slot->num_nodes;
    next_buffer_ = reinterpret_cast<fb::Buffer*>(slot->bytes.data() + slot->buffers_at);
    buffers_end_ = next_buffer_ + slot->num_buffers;
  }
  [[gnu::always_inline]] void Node(int64_t length, int64_t null_count) {
    if (next_node_ == nodes_end_) [[unlikely]] {
      overflow_ = true;
      return;
    }
    *next_node_++ = fb::FieldNode(length, null_count);
  }
  [[gnu::always_inline]] void EmptyBuffer() {
    if (next_buffer_ == buffers_end_) [[unlikely]] {
      overflow_ = true;
      return;
    }
    *next_buffer_++ = fb::Buffer(body_length_, 0);
  }
  [[gnu::always_inline]] void Buffer(const uint8_t* data, int64_t size) {
    if (next_buffer_ == buffers_end_) [[unlikely]] {
      overflow_ = true;
      return;
    }
    *next_buffer_++ = fb::Buffer(body_length_, size);
    if (size != 0) *next_part_++ = {data, size};  // at most one per Buffer struct: within num_buffers
    body_length_ += Padded(size);
  }
  bool complete() const { return !overflow_ && next_node_ == nodes_end_ && next_buffer_ == buffers_end_; }
  int64_t body_length() const { return body_length_; }
  std::span<const BodyPart> parts() const {
    return {parts_begin_, static_cast<size_t>(next_part_ - parts_begin_)};
  }

 private:
  fb::FieldNode* next_node_;
  fb::FieldNode* nodes_end_;
  fb::Buffer* next_buffer_;
  fb::Buffer* buffers_end_;
  BodyPart* parts_begin_;
  BodyPart* next_part_;
  int64_t body_length_ = 0;
  bool overflow_ = false;
};

// Copies n bytes (kWord <= n <= 2 * kWord) as the first and the last kWord bytes.
template <size_t kWord>
[[gnu::always_inline]] inline void CopyWords(const uint8_t* in, int64_t n, uint8_t* out) {
  std::array<uint8_t, kWord> first;
  std::array<uint8_t, kWord> last;
  std::memcpy(first.data(), in, kWord);
  std::memcpy(last.data(), in + n - static_cast<int64_t>(kWord), kWord);
  std::memcpy(out, first.data(), kWord);
  std::memcpy(out + n - static_cast<int64_t>(kWord), last.data(), kWord);
}

// Copies the `size` bytes at `data` to `out`, then zeros up to Padded(size). Reads up to
// Padded(size) bytes at `data`, which GrowableBytes allocates (its capacity is a multiple of 8),
// so that small buffers take two overlapping moves of the padded size and one masked word instead
// of a memcpy and a memset.
[[gnu::always_inline]] inline void CopyPadded(const uint8_t* data, int64_t size, uint8_t* out) {
  const int64_t padded = Padded(size);
  if (padded > 32) {
    std::memcpy(out, data, static_cast<size_t>(padded));
  } else if (padded > 16) {
    CopyWords<16>(data, padded, out);
  } else {
    CopyWords<8>(data, padded, out);
  }
  const int64_t tail = size & 7;
  if (tail == 0) return;
  uint8_t* last = out + padded - 8;
  if constexpr (std::endian::native == std::endian::little) {
    uint64_t word;
    std::memcpy(&word, data + padded - 8, 8);
    word &= ~uint64_t{0} >> (8 * (8 - tail));  // the bytes before `size`
    std::memcpy(last, &word, 8);
  } else {
    std::memset(last + tail, 0, static_cast<size_t>(8 - tail));
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
  const size_t nodes_at = PositionIn(base, batch->nodes()->Data());
  const size_t buffers_at = PositionIn(base, batch->buffers()->Data());
  // TemplateLayout stores the structs through typed pointers (the bytes' allocation is aligned
  // for any fundamental type).
  if (nodes_at % alignof(fb::FieldNode) != 0 || buffers_at % alignof(fb::Buffer) != 0) return;
  MessageTemplate& slot = scratch->templates[scratch->next_template];
  scratch->next_template = (scratch->next_template + 1) % scratch->templates.size();
  slot.schema = schema;
  slot.bytes.assign(base, base + builder.GetSize());
  slot.num_nodes = batch->nodes()->size();
  slot.num_buffers = batch->buffers()->size();
  slot.nodes_at = nodes_at;
  slot.buffers_at = buffers_at;
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

// The walk of `root` into `layout`; false when sealing found a union reshaped (see
// EncodeSequenceStream).
template <bool kSeal, typename Layout>
Result<bool> LayOut(UnionNode& root, Layout* layout, EncoderScratch* scratch) {
  TreeWalk<Layout, kSeal> walk(&scratch->walk_stack);
  ARROWPACK_RETURN_NOT_OK(walk.Run(root, layout));
  return !walk.reshaped();
}

// The stream (see EncodeSequenceStream) of a tree sealed with kSeal.
template <bool kSeal>
Result<std::optional<PlacedStream>> Encode(UnionNode& root, const std::shared_ptr<Schema>& schema,
                                           const Buffer& schema_message, int64_t offset, int64_t alignment,
                                           EncoderScratch* scratch, MemoryPool* pool) {
  const int64_t length = root.length();
  // Zero lengths change the message layout (see MessageTemplate): those are always built afresh.
  MessageTemplate* slot = length > 0 ? TemplateOf(schema, scratch) : nullptr;
  int64_t body_length = 0;
  std::span<const BodyPart> parts;
  const uint8_t* metadata_bytes = nullptr;
  int64_t metadata_size = 0;
  if (slot != nullptr) {
    TemplateLayout layout(slot, scratch);
    ARROWPACK_ASSIGN_OR_RAISE(const bool same_shape, LayOut<kSeal>(root, &layout, scratch));
    if (!same_shape) return std::nullopt;
    body_length = layout.body_length();
    parts = layout.parts();
    if (layout.complete() && body_length > 0) {
      std::memcpy(slot->bytes.data() + slot->length_at, &length, sizeof(int64_t));
      std::memcpy(slot->bytes.data() + slot->body_length_at, &body_length, sizeof(int64_t));
      metadata_bytes = slot->bytes.data();
      metadata_size = static_cast<int64_t>(slot->bytes.size());
    }
  }
  if (metadata_bytes == nullptr) {
    GenericLayout layout(scratch);
    if (kSeal && slot == nullptr) {
      ARROWPACK_ASSIGN_OR_RAISE(const bool same_shape, LayOut<true>(root, &layout, scratch));
      if (!same_shape) return std::nullopt;
    } else {
      ARROWPACK_RETURN_NOT_OK(LayOut<false>(root, &layout, scratch).status());
    }
    body_length = layout.body_length();
    parts = layout.parts();
    RecordBatchInfo& info = scratch->info;
    info.length = length;
    flatbuffers::FlatBufferBuilder& builder = scratch->message_builder;
    ARROWPACK_RETURN_NOT_OK(ipc::internal::BuildRecordBatchMessage(builder, info, body_length, StreamWriteOptions()));
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
  // The body: the non-empty buffers one after another, each padded (empty ones take no bytes).
  uint8_t* out = start + body_start;
  for (const auto& [data, size] : parts) {
    CopyPadded(data, size, out);
    out += Padded(size);
  }
  WritePrefix(out, 0);  // end of stream
  return PlacedStream{std::move(placed), offset, total};
}

}  // namespace

Result<std::optional<PlacedStream>> EncodeSequenceStream(UnionNode& root, const std::shared_ptr<Schema>& schema,
                                                         const Buffer& schema_message, int64_t offset,
                                                         int64_t alignment, Sealing sealing, EncoderScratch* scratch,
                                                         MemoryPool* pool) {
  if (sealing == Sealing::kSealWhileWalking) {
    return Encode<true>(root, schema, schema_message, offset, alignment, scratch, pool);
  }
  return Encode<false>(root, schema, schema_message, offset, alignment, scratch, pool);
}

}  // namespace arrowpack::serialize::internal
