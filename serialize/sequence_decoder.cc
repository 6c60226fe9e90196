// The fast decoder (see sequence_decoder_internal.h): SequencePlan from a schema, then one walk
// over the record batch's field nodes and buffer specs per read. Every check returns false to
// decline; nothing here reports an error.
#include <algorithm>
#include <cstring>
#include <optional>

#include "arrowpack/core/array_validate.h"
#include "arrowpack/ipc/metadata_internal.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/serialize/batch_message_template_internal.h"
#include "arrowpack/serialize/schema_cache_internal.h"
#include "arrowpack/serialize/sequence_decoder_internal.h"

namespace arrowpack::serialize::internal {

namespace {

namespace fb = ipc::internal::fb;

constexpr uint32_t kContinuation = 0xFFFFFFFF;

// The type id SequenceReader expects for a leaf tag, and the byte width of its values (0 for
// NONE, which has no buffers in V5; 1 for the bits of BOOL; -1 for BYTES/STRING).
struct LeafLayout {
  TypeId id;
  int width;
};

bool LeafLayoutOf(PythonTag tag, LeafLayout* out) {
  switch (tag) {
    case PythonTag::NONE: *out = {TypeId::NA, 0}; return true;
    case PythonTag::BOOL: *out = {TypeId::BOOL, 1}; return true;
    case PythonTag::INT:
    case PythonTag::PY2INT: *out = {TypeId::INT64, 8}; return true;
    case PythonTag::BYTES: *out = {TypeId::BINARY, -1}; return true;
    case PythonTag::STRING: *out = {TypeId::STRING, -1}; return true;
    case PythonTag::HALF_FLOAT: *out = {TypeId::HALF_FLOAT, 2}; return true;
    case PythonTag::FLOAT: *out = {TypeId::FLOAT, 4}; return true;
    case PythonTag::DOUBLE: *out = {TypeId::DOUBLE, 8}; return true;
    case PythonTag::DATE64: *out = {TypeId::DATE64, 8}; return true;
    default:
      if (IsIndexTag(tag)) {
        *out = {TypeId::INT32, 4};
        return true;
      }
      return false;  // containers
  }
}

bool IsDenseUnion(const DataType& type) { return type.id() == TypeId::DENSE_UNION; }


}  // namespace

// ---- Plan ------------------------------------------------------------------------------------

namespace {

class PlanBuilder {
 public:
  bool Build(const Schema& schema) {
    if (schema.num_fields() != 1) return false;
    const DataType& root = *schema.field(0)->type();
    // Modern numbering only: the top-level union opens with the Null child.
    if (!IsDenseUnion(root) || root.num_fields() == 0 || root.field(0)->type()->id() != TypeId::NA) return false;
    return AddUnion(root, 0) >= 0;
  }

  SequencePlan plan;

 private:
  // The index of the new union in plan.unions, or -1 to decline.
  int32_t AddUnion(const DataType& type, int depth) {
    if (!IsDenseUnion(type) || type.num_fields() > kNumPythonTags) return -1;
    const auto& union_type = static_cast<const UnionType&>(type);
    const auto index = static_cast<int32_t>(plan.unions.size());
    plan.unions.emplace_back();
    const size_t first_child = plan.children.size();
    plan.unions.back().first_child = first_child;
    plan.unions.back().num_children = static_cast<size_t>(type.num_fields());
    plan.children.resize(first_child + static_cast<size_t>(type.num_fields()));
    Visit(depth, 1, 2);
    std::array<bool, kNumPythonTags> seen{};
    for (int k = 0; k < type.num_fields(); ++k) {
      const Field& field = *type.field(k);
      if (field.name() == ipc::kV4UnionNullFieldName) return -1;  // the IPC reader's legacy None child
      auto tag = TagFromFieldName(field.name(), TagNumbering::kModern);
      if (!tag.ok() || seen[static_cast<size_t>(*tag)]) return -1;
      seen[static_cast<size_t>(*tag)] = true;
      const int code = union_type.type_codes()[static_cast<size_t>(k)];
      UnionReader::CodeTable& codes = plan.unions[static_cast<size_t>(index)].codes;
      if (code < 0 || code >= 128 || codes.child_of_code[static_cast<size_t>(code)] != -1) return -1;
      codes.tag_of_code[static_cast<size_t>(code)] = static_cast<int8_t>(*tag);
      codes.child_of_code[static_cast<size_t>(code)] = static_cast<int8_t>(k);
      if (*tag == PythonTag::INT) codes.int_code = static_cast<int8_t>(code);
      plan.unions[static_cast<size_t>(index)].slot_of_code[static_cast<size_t>(code)] = static_cast<uint8_t>(k + 1);
      SequencePlan::Child child;
      child.tag = *tag;
      if (!AddChild(*field.type(), depth + 1, &child)) return -1;
      plan.children[first_child + static_cast<size_t>(k)] = child;
    }
    return seen[static_cast<size_t>(PythonTag::NONE)] ? index : -1;
  }

  bool AddChild(const DataType& type, int depth, SequencePlan::Child* child) {
    LeafLayout leaf;
    if (LeafLayoutOf(child->tag, &leaf)) {
      if (type.id() != leaf.id) return false;
      Visit(depth, 1, leaf.width == 0 ? 0 : leaf.width < 0 ? 3 : 2);
      return true;
    }
    if (type.id() != TypeId::LIST) return false;
    Visit(depth, 1, 2);
    const DataType& item = *type.field(0)->type();
    if (child->tag != PythonTag::DICT) {
      child->items = AddUnion(item, depth + 1);
      return child->items >= 0;
    }
    if (item.id() != TypeId::STRUCT || item.num_fields() != 2) return false;
    Visit(depth + 1, 1, 1);
    child->items = AddUnion(*item.field(0)->type(), depth + 2);
    if (child->items < 0) return false;
    child->vals = AddUnion(*item.field(1)->type(), depth + 2);
    return child->vals >= 0;
  }

  void Visit(int depth, size_t nodes, size_t buffers) {
    plan.max_depth = std::max(plan.max_depth, depth);
    plan.num_nodes += nodes;
    plan.num_buffers += buffers;
  }
};

}  // namespace

std::shared_ptr<const SequencePlan> MakeSequencePlan(const Schema& schema) {
  PlanBuilder builder;
  if (!builder.Build(schema)) return nullptr;
  return std::make_shared<const SequencePlan>(std::move(builder.plan));
}

// ---- Decoding --------------------------------------------------------------------------------

// Fills the readers of a SequenceReader from a verified RecordBatch table and its body.
struct SequenceDecoder {
  // Fills `reader` from `batch` (verified) and its body; false to decline.
  static bool Decode(std::shared_ptr<const SequencePlan> plan, const uint8_t* body, const BatchMessageView& batch,
                     SequenceReader* reader) {
    reader->Allocate(plan->unions.size(), plan->children.size());
    reader->referenced_.fill(0);
    SequenceDecoder decoder{*plan, reader, body, batch.body_length, batch.nodes, batch.buffers};
    int64_t root_length = 0;
    if (!decoder.DecodeUnion(0, &root_length) || root_length != batch.length) return false;
    reader->numbering_ = TagNumbering::kModern;
    reader->root_ = &reader->unions_[0];
    reader->plan_ = std::move(plan);
    return true;
  }

  static void KeepAlive(SequenceReader* reader, std::shared_ptr<Buffer> bytes) { reader->bytes_ = std::move(bytes); }

  const SequencePlan& plan;
  SequenceReader* reader;
  const uint8_t* body;
  int64_t body_size;
  const uint8_t* nodes;    // fb::FieldNode structs (16 bytes each), possibly unaligned
  const uint8_t* buffers;  // fb::Buffer structs (16 bytes each), possibly unaligned
  size_t next_node = 0;
  size_t next_buffer = 0;

  static int64_t LoadInt64(const uint8_t* p) {
    int64_t value;
    std::memcpy(&value, p, sizeof(value));
    return value;
  }

  // The next field node; false unless 0 <= null_count <= length.
  bool NextNode(int64_t* length, int64_t* null_count) {
    const uint8_t* node = nodes + 16 * next_node++;
    *length = LoadInt64(node);
    *null_count = LoadInt64(node + 8);
    return *length >= 0 && *null_count >= 0 && *null_count <= *length;
  }

  // A node of a type that must hold no nulls.
  bool NextNodeWithoutNulls(int64_t* length) {
    int64_t null_count = 0;
    return NextNode(length, &null_count) && null_count == 0;
  }

  // The next buffer: inside the body, and aligned to min(width, 8) as ArrayLoader needs (it
  // copies misaligned buffers; declining keeps the accessors' loads aligned).
  bool NextBuffer(int width, const uint8_t** data, int64_t* size) {
    const uint8_t* spec = buffers + 16 * next_buffer++;
    const int64_t offset = LoadInt64(spec);
    *size = LoadInt64(spec + 8);
    // offset in [0, body_size] and size in [0, body_size - offset] (negatives wrap to huge values).
    if (static_cast<uint64_t>(offset) > static_cast<uint64_t>(body_size) ||
        static_cast<uint64_t>(*size) > static_cast<uint64_t>(body_size - offset)) {
      return false;
    }
    if (*size == 0) {
      *data = nullptr;
      return true;
    }
    *data = body + offset;
    const int align = std::min(width, 8);
    return align <= 1 || reinterpret_cast<uintptr_t>(*data) % static_cast<uintptr_t>(align) == 0;
  }

  // A buffer of `count` elements of `width` bytes at least.
  bool NextValues(int width, int64_t count, const uint8_t** data) {
    int64_t size = 0;
    int64_t required = 0;
    return NextBuffer(width, data, &size) && !__builtin_mul_overflow(count, width, &required) && size >= required;
  }

  // The offsets of `length` rows (none needed when empty): monotonic, first >= 0, last <= limit
  // (checked by the caller once the limit is known).
  bool NextOffsets(int64_t length, const int32_t** offsets) {
    const uint8_t* data = nullptr;
    int64_t entries = 0;
    if (length > 0 && __builtin_add_overflow(length, 1, &entries)) return false;
    if (!NextValues(4, entries, &data)) return false;
    *offsets = reinterpret_cast<const int32_t*>(data);
    if (length == 0) return true;
    const int32_t* o = *offsets;
    bool bad = o[0] < 0;
    for (int64_t row = 0; row < length; ++row) bad |= o[row + 1] < o[row];
    return !bad;
  }

  static bool LastOffsetWithin(const int32_t* offsets, int64_t length, int64_t limit) {
    return length == 0 || offsets[length] <= limit;
  }

  bool SkipValidity() {
    const uint8_t* data = nullptr;
    int64_t size = 0;
    return NextBuffer(1, &data, &size);
  }

  // Decodes union `index` of the plan; `*length` gets its length.
  bool DecodeUnion(int32_t index, int64_t* length) {
    const SequencePlan::Union& u = plan.unions[static_cast<size_t>(index)];
    UnionReader& out = reader->unions_[static_cast<size_t>(index)];
    const uint8_t* codes = nullptr;
    const uint8_t* offsets = nullptr;
    if (!NextNodeWithoutNulls(length) || !NextValues(1, *length, &codes) || !NextValues(4, *length, &offsets)) {
      return false;
    }
    out.length_ = *length;
    out.type_codes_ = reinterpret_cast<const int8_t*>(codes);
    out.offsets_ = reinterpret_cast<const int32_t*>(offsets);
    out.codes_ = &u.codes;
    out.children_ = &reader->children_[u.first_child];
    // limits[k + 1]: the length of child k; limits[0] = 0 stands for codes without a child, so
    // that no offset fits it.
    std::array<int64_t, kNumPythonTags + 1> limits;
    limits[0] = 0;
    for (size_t k = 0; k < u.num_children; ++k) {
      if (!DecodeChild(plan.children[u.first_child + k], &out.children_[k], &limits[k + 1])) return false;
    }
    // Each row: a code >= 0 with a child, and an offset inside that child.
    bool bad = false;
    for (int64_t row = 0; row < *length; ++row) {
      const uint8_t slot = u.slot_of_code[static_cast<uint8_t>(out.type_codes_[row])];
      const auto offset = static_cast<uint64_t>(static_cast<int64_t>(out.offsets_[row]));
      bad |= offset >= static_cast<uint64_t>(limits[slot]);
    }
    return !bad;
  }

  bool DecodeChild(const SequencePlan::Child& plan_child, UnionReader::Child* c, int64_t* length) {
    c->tag = plan_child.tag;
    LeafLayout leaf;
    if (LeafLayoutOf(plan_child.tag, &leaf)) {
      if (leaf.width == 0) {
        int64_t null_count = 0;
        return NextNode(length, &null_count);
      }
      if (!NextNodeWithoutNulls(length) || !SkipValidity()) return false;
      switch (plan_child.tag) {
        case PythonTag::BOOL: {
          c->bit_offset = 0;
          return NextValues(1, *length / 8 + (*length % 8 != 0 ? 1 : 0), &c->bits);
        }
        case PythonTag::BYTES:
        case PythonTag::STRING:
          return DecodeBinary(plan_child.tag == PythonTag::STRING, *length, c);
        default:
          if (!NextValues(leaf.width, *length, &c->values)) return false;
          return !IsIndexTag(plan_child.tag) || CountIndices(plan_child.tag, c->values, *length);
      }
    }
    // LIST, TUPLE, SET and DICT: a list of a union, or of a struct of two unions.
    if (!NextNodeWithoutNulls(length) || !SkipValidity() || !NextOffsets(*length, &c->offsets)) return false;
    if (plan_child.tag != PythonTag::DICT) {
      int64_t items = 0;
      if (!DecodeUnion(plan_child.items, &items)) return false;
      c->items = &reader->unions_[static_cast<size_t>(plan_child.items)];
      return LastOffsetWithin(c->offsets, *length, items);
    }
    int64_t entries = 0;
    int64_t keys = 0;
    int64_t vals = 0;
    if (!NextNodeWithoutNulls(&entries) || !SkipValidity()) return false;
    if (!DecodeUnion(plan_child.items, &keys) || !DecodeUnion(plan_child.vals, &vals)) return false;
    c->items = &reader->unions_[static_cast<size_t>(plan_child.items)];
    c->vals = &reader->unions_[static_cast<size_t>(plan_child.vals)];
    c->entry_offset = 0;
    return keys >= entries && vals >= entries && LastOffsetWithin(c->offsets, *length, entries);
  }

  bool DecodeBinary(bool utf8, int64_t length, UnionReader::Child* c) {
    c->ascii = false;  // a reused reader may hold an earlier object's
    int64_t data_size = 0;
    if (!NextOffsets(length, &c->offsets) || !NextBuffer(1, &c->bytes, &data_size)) return false;
    if (!LastOffsetWithin(c->offsets, length, data_size)) return false;
    if (!utf8 || length == 0 || c->bytes == nullptr) return true;
    const int32_t first = c->offsets[0];
    const int32_t last = c->offsets[length];
    c->ascii = arrowpack::internal::IsAscii(c->bytes + first, last - first);
    if (c->ascii) return true;
    // Valid as a whole, and every value starts on a character boundary.
    if (!arrowpack::internal::IsValidUtf8(c->bytes + first, last - first)) return false;
    for (int64_t row = 0; row < length; ++row) {
      const int32_t begin = c->offsets[row];
      if (begin != last && arrowpack::internal::IsUtf8Continuation(c->bytes[begin])) return false;
    }
    return true;
  }

  bool CountIndices(PythonTag tag, const uint8_t* values, int64_t length) {
    const auto* indices = reinterpret_cast<const int32_t*>(values);
    int64_t needed = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (indices[i] < 0) return false;
      needed = std::max<int64_t>(needed, int64_t{indices[i]} + 1);
    }
    auto& slot = reader->referenced_[static_cast<size_t>(IsSparseTag(tag) ? PythonTag::SPARSE_COO : tag)];
    slot = std::max(slot, needed);
    return true;
  }
};

namespace {

int32_t LoadInt32(const uint8_t* p) {
  int32_t value;
  std::memcpy(&value, p, sizeof(value));
  return value;
}

// The metadata of the continuation-framed message at `pos` of [data, data + size): false unless
// complete and non-empty. `*next` is the position after the metadata.
bool FramedMetadata(const uint8_t* data, int64_t size, int64_t pos, const uint8_t** metadata, int32_t* length,
                    int64_t* next) {
  if (size - pos < 8 || static_cast<uint32_t>(LoadInt32(data + pos)) != kContinuation) return false;
  *length = LoadInt32(data + pos + 4);
  if (*length <= 0 || *length > size - pos - 8) return false;
  *metadata = data + pos + 8;
  *next = pos + 8 + *length;
  return true;
}

// The record batch message's values when it is one the fast decoder reads for `plan`: verified
// and checked, or equal to this thread's template of the last such message outside its varying
// places (batch_message_template_internal.h).
bool ReadBatchMessage(const std::shared_ptr<const SequencePlan>& plan, const uint8_t* metadata, int32_t length,
                      BatchMessageView* view) {
  struct LastMessage {
    std::shared_ptr<const SequencePlan> plan;  // the template is for this plan's node and buffer counts
    std::optional<BatchMessageTemplate> shape;
  };
  thread_local LastMessage last;
  if (last.plan == plan && last.shape->Match(metadata, length, view)) return true;
  auto verified = ipc::internal::VerifyMessage(metadata, length);
  if (!verified.ok()) return false;
  const fb::Message* message = *verified;
  if (message->version() != fb::MetadataVersion_V5 || message->custom_metadata() != nullptr) return false;
  const fb::RecordBatch* batch = message->header_as_RecordBatch();
  if (batch == nullptr || batch->compression() != nullptr) return false;
  if (batch->variadicBufferCounts() != nullptr && batch->variadicBufferCounts()->size() != 0) return false;
  if (batch->nodes() == nullptr || batch->nodes()->size() != plan->num_nodes) return false;
  if (batch->buffers() == nullptr || batch->buffers()->size() != plan->num_buffers) return false;
  *view = {batch->length(), message->bodyLength(), reinterpret_cast<const uint8_t*>(batch->nodes()->Data()),
           reinterpret_cast<const uint8_t*>(batch->buffers()->Data())};
  last.shape = BatchMessageTemplate::Make(metadata, length, *message);
  last.plan = last.shape.has_value() ? plan : nullptr;
  return true;
}

}  // namespace

int64_t DecodeStreamInto(const uint8_t* data, int64_t size, const ipc::IpcReadOptions& options,
                         SequenceReader* reader) {
  if (!options.included_fields.empty()) return 0;
  const uint8_t* schema_metadata = nullptr;
  int32_t schema_length = 0;
  int64_t pos = 0;
  if (!FramedMetadata(data, size, pos, &schema_metadata, &schema_length, &pos)) return 0;
  std::shared_ptr<const SequencePlan> plan =
      CachedSequencePlan(std::string_view(reinterpret_cast<const char*>(schema_metadata), schema_length));
  if (plan == nullptr || plan->max_depth > options.max_recursion_depth) return 0;

  const uint8_t* metadata = nullptr;
  int32_t metadata_length = 0;
  if (!FramedMetadata(data, size, pos, &metadata, &metadata_length, &pos)) return 0;
  if (reinterpret_cast<uintptr_t>(metadata) % 8 != 0) return 0;
  BatchMessageView batch;
  if (!ReadBatchMessage(plan, metadata, metadata_length, &batch)) return 0;
  const int64_t body_size = batch.body_length;
  if (body_size < 0 || body_size > size - pos || batch.length < 0) return 0;
  const uint8_t* body = data + pos;
  pos += body_size;

  // End-of-stream: continuation marker and zero length, or the pre-0.15 zero length alone.
  if (size - pos >= 8 && static_cast<uint32_t>(LoadInt32(data + pos)) == kContinuation &&
      LoadInt32(data + pos + 4) == 0) {
    pos += 8;
  } else if (size - pos >= 4 && LoadInt32(data + pos) == 0) {
    pos += 4;
  } else {
    return 0;
  }
  return SequenceDecoder::Decode(std::move(plan), body, batch, reader) ? pos : 0;
}

DecodedStream DecodeStream(const std::shared_ptr<Buffer>& bytes, const ipc::IpcReadOptions& options) {
  DecodedStream out;
  auto reader = SequenceReader::MakeReusable();
  out.length = DecodeStreamInto(bytes->data(), bytes->size(), options, reader.get());
  if (out.length == 0) return out;
  SequenceDecoder::KeepAlive(reader.get(), bytes);
  out.reader = std::move(reader);
  return out;
}

}  // namespace arrowpack::serialize::internal
