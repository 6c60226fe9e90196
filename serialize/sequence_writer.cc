// SequenceWriter (see sequence_writer.h): the union tree in a reusable SequenceArena (one node
// per union of the format, children used in pyarrow's order of first use, kept from earlier
// objects), a stack of open containers; Finish() turns the tree into a RecordBatch,
// FinishStream() into the encoded stream.
#include "arrowpack/serialize/sequence_writer.h"

#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "arrowpack/serialize/sequence_arena_internal.h"
#include "arrowpack/serialize/sequence_stream_encoder_internal.h"
#include "arrowpack/serialize/schema_cache_internal.h"

namespace arrowpack::serialize {

namespace {

using internal::ChildNode;
using internal::SequenceArena;
using internal::UnionNode;

constexpr int64_t kMaxBinaryLength = std::numeric_limits<int32_t>::max();

TypePtr ScalarType(PythonTag tag) {
  switch (tag) {
    case PythonTag::BOOL:
      return boolean();
    case PythonTag::INT:
    case PythonTag::PY2INT:
      return int64();
    case PythonTag::BYTES:
      return binary();
    case PythonTag::STRING:
      return utf8();
    case PythonTag::HALF_FLOAT:
      return float16();
    case PythonTag::FLOAT:
      return float32();
    case PythonTag::DOUBLE:
      return float64();
    case PythonTag::DATE64:
      return date64();
    default:
      return int32();  // index kinds
  }
}

// A string that determines the union type of `builder` (what SchemaForShape caches by): per
// child its tag, and for containers the shape of their item unions in parentheses.
void AppendShapeKey(const UnionNode& node, std::string* key) {
  for (const ChildNode* child : node.children()) {
    key->push_back(static_cast<char>(child->tag));
    if (child->items == nullptr) continue;
    key->push_back('(');
    AppendShapeKey(*child->items, key);
    key->push_back(')');
    if (child->dict_vals == nullptr) continue;
    key->push_back('(');
    AppendShapeKey(*child->dict_vals, key);
    key->push_back(')');
  }
}

Result<TypePtr> UnionTypeOf(const UnionNode& node);

TypePtr ChildTypeOf(const ChildNode& child, TypePtr items, TypePtr dict_vals) {
  switch (child.tag) {
    case PythonTag::LIST:
    case PythonTag::TUPLE:
    case PythonTag::SET:
      return list(field("item", std::move(items)));
    case PythonTag::DICT:
      return list(field("item", struct_({field("keys", std::move(items)), field("vals", std::move(dict_vals))})));
    default:
      return ScalarType(child.tag);
  }
}

// The dense union type of `node`: a Null child "0", then one child per tag in order of first
// use, named by its tag, with type codes 0, 1, 2, ...
Result<TypePtr> UnionTypeOf(const UnionNode& node) {
  FieldVector fields{field("0", null())};
  std::vector<int8_t> codes{0};
  for (const ChildNode* child : node.children()) {
    TypePtr items;
    TypePtr dict_vals;
    if (child->items != nullptr) {
      ARROWPACK_ASSIGN_OR_RAISE(items, UnionTypeOf(*child->items));
    }
    if (child->dict_vals != nullptr) {
      ARROWPACK_ASSIGN_OR_RAISE(dict_vals, UnionTypeOf(*child->dict_vals));
    }
    fields.push_back(field(std::string(TagFieldName(child->tag)), ChildTypeOf(*child, items, dict_vals)));
    codes.push_back(static_cast<int8_t>(codes.size()));
  }
  return dense_union(std::move(fields), std::move(codes));
}

// Appends each binary and container child's end offset, so offsets hold n + 1 entries; sets
// *shape_changed when a union uses another number of children than when last sealed.
Status Seal(UnionNode& node, bool* shape_changed) {
  if (node.used != node.sealed_used) {
    *shape_changed = true;
    node.sealed_used = node.used;
  }
  for (ChildNode* child : node.children()) {
    switch (child->tag) {
      case PythonTag::BYTES:
      case PythonTag::STRING:
        ARROWPACK_RETURN_NOT_OK(child->offsets.AppendValue(static_cast<int32_t>(child->values.size())));
        break;
      case PythonTag::LIST:
      case PythonTag::TUPLE:
      case PythonTag::SET:
      case PythonTag::DICT:
        ARROWPACK_RETURN_NOT_OK(child->offsets.AppendValue(static_cast<int32_t>(child->items->length())));
        ARROWPACK_RETURN_NOT_OK(Seal(*child->items, shape_changed));
        if (child->dict_vals != nullptr) ARROWPACK_RETURN_NOT_OK(Seal(*child->dict_vals, shape_changed));
        break;
      default:
        break;
    }
  }
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> CopyOf(const internal::GrowableBytes& bytes, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> buffer, AllocateBuffer(bytes.size(), pool));
  if (bytes.size() > 0) std::memcpy(buffer->mutable_data(), bytes.data(), static_cast<size_t>(bytes.size()));
  return buffer;
}

Result<ArrayDataPtr> FinishUnion(const UnionNode& node, const TypePtr& type, MemoryPool* pool);

// The array of the sealed `child`, whose type (from UnionTypeOf) is `type`.
Result<ArrayDataPtr> FinishChild(const ChildNode& child, const TypePtr& type, MemoryPool* pool) {
  const int64_t n = child.length;
  switch (child.tag) {
    case PythonTag::BYTES:
    case PythonTag::STRING: {
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, CopyOf(child.offsets, pool));
      ARROWPACK_ASSIGN_OR_RAISE(auto data, CopyOf(child.values, pool));
      return ArrayData::Make(type, n, {nullptr, std::move(offsets), std::move(data)}, 0);
    }
    case PythonTag::LIST:
    case PythonTag::TUPLE:
    case PythonTag::SET: {
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, CopyOf(child.offsets, pool));
      ARROWPACK_ASSIGN_OR_RAISE(auto items, FinishUnion(*child.items, type->field(0)->type(), pool));
      return ArrayData::Make(type, n, {nullptr, std::move(offsets)}, {std::move(items)}, 0);
    }
    case PythonTag::DICT: {
      const int64_t entries = child.items->length();
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, CopyOf(child.offsets, pool));
      const TypePtr& entry_type = type->field(0)->type();
      ARROWPACK_ASSIGN_OR_RAISE(auto keys, FinishUnion(*child.items, entry_type->field(0)->type(), pool));
      ARROWPACK_ASSIGN_OR_RAISE(auto vals, FinishUnion(*child.dict_vals, entry_type->field(1)->type(), pool));
      auto entry = ArrayData::Make(entry_type, entries, {nullptr}, {std::move(keys), std::move(vals)}, 0);
      return ArrayData::Make(type, n, {nullptr, std::move(offsets)}, {std::move(entry)}, 0);
    }
    default: {  // fixed-width values, or BOOL's packed bits
      ARROWPACK_ASSIGN_OR_RAISE(auto values, CopyOf(child.values, pool));
      return ArrayData::Make(type, n, {nullptr, std::move(values)}, 0);
    }
  }
}

Result<ArrayDataPtr> FinishUnion(const UnionNode& node, const TypePtr& type, MemoryPool* pool) {
  std::vector<ArrayDataPtr> children;
  children.reserve(node.used + 1);
  children.push_back(ArrayData::Make(type->field(0)->type(), node.null_length, {nullptr}, node.null_length));
  for (size_t k = 0; k < node.used; ++k) {
    const TypePtr& child_type = type->field(static_cast<int>(k + 1))->type();
    ARROWPACK_ASSIGN_OR_RAISE(auto data, FinishChild(*node.known[k], child_type, pool));
    children.push_back(std::move(data));
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto types, CopyOf(node.types, pool));
  ARROWPACK_ASSIGN_OR_RAISE(auto offsets, CopyOf(node.offsets, pool));
  return ArrayData::Make(type, node.length(), {std::move(types), std::move(offsets)}, std::move(children), 0);
}

using internal::DictState;
using Frame = internal::OpenContainer;

}  // namespace

struct SequenceWriter::Impl {
  explicit Impl(MemoryPool* p)
      : pool(p), arena(SequenceArena::Acquire()), root(arena->root()), stack(arena->open) {}
  ~Impl() { SequenceArena::Release(std::move(arena)); }

  // The hot path returns plain pointers (nullptr with *error set on failure): Result<T> costs
  // more than the append itself for small values.

  // The union the next value goes into; Invalid when a dict expects DictKey/DictValue first.
  UnionNode* Target(Status* error) {
    if (sequence_target != nullptr) return sequence_target;
    Frame& top = stack.back();
    switch (top.state) {
      case DictState::kKeyNext:
        top.state = DictState::kNeedValue;
        return top.container->items;
      case DictState::kValueNext:
        top.state = DictState::kNeedKey;
        return top.container->dict_vals;
      default:
        return DictOrderError(error);
    }
  }

  [[gnu::cold, gnu::noinline]] static UnionNode* DictOrderError(Status* error) {
    *error = Status::Invalid("SequenceWriter: a value inside a dict needs DictKey() or DictValue() first");
    return nullptr;
  }

  // Appends the slot of a value of `tag` to the target union and returns its child (whose length
  // is the offset).
  ChildNode* Slot(PythonTag tag, Status* error) {
    UnionNode* target = Target(error);
    if (target == nullptr) return nullptr;
    return SlotIn(target, tag, error);
  }

  // Slot in the union `target`. The common case (child exists, room in both arrays) stays a leaf
  // function; the rest is in SlotSlow.
  ChildNode* SlotIn(UnionNode* target, PythonTag tag, Status* error) {
    const int8_t code = target->code_of_tag[static_cast<size_t>(tag)];
    if (!target->Use(tag) || !target->types.HasRoom(sizeof(int8_t)) || !target->offsets.HasRoom(sizeof(int32_t))) {
      return SlotSlow(target, tag, error);
    }
    ChildNode* child = target->known[static_cast<size_t>(code - 1)];
    target->types.AppendValueUnchecked(code);
    target->offsets.AppendValueUnchecked(static_cast<int32_t>(child->length));
    return child;
  }

  [[gnu::noinline]] ChildNode* SlotSlow(UnionNode* target, PythonTag tag, Status* error) {
    if (!target->Use(tag)) arena->UseChild(target, tag);
    const int8_t code = target->code_of_tag[static_cast<size_t>(tag)];
    ChildNode* child = target->known[static_cast<size_t>(code - 1)];
    *error = target->types.AppendValue(code);
    if (error->ok()) *error = target->offsets.AppendValue(static_cast<int32_t>(child->length));
    return error->ok() ? child : nullptr;
  }

  // Makes room for `n` more slots in `target` (then filled by FillSlots).
  static Status ReserveSlots(UnionNode* target, int64_t n) {
    ARROWPACK_RETURN_NOT_OK(target->types.Reserve(n * static_cast<int64_t>(sizeof(int8_t))));
    return target->offsets.Reserve(n * static_cast<int64_t>(sizeof(int32_t)));
  }

  // Appends `n` slots of `child` (type code `code`, room reserved) to `target`; the child's
  // length grows by n.
  static void FillSlots(UnionNode* target, int8_t code, ChildNode* child, int64_t n) {
    std::memset(target->types.Extend(n), code, static_cast<size_t>(n));
    uint8_t* offsets = target->offsets.Extend(n * static_cast<int64_t>(sizeof(int32_t)));
    const auto first = static_cast<int32_t>(child->length);
    for (int64_t i = 0; i < n; ++i) {
      const int32_t offset = first + static_cast<int32_t>(i);
      std::memcpy(offsets + i * static_cast<int64_t>(sizeof(int32_t)), &offset, sizeof(int32_t));
    }
    child->length += n;
  }

  Status AppendNull() {
    Status error;
    UnionNode* target = Target(&error);
    if (target == nullptr) return error;
    ARROWPACK_RETURN_NOT_OK(target->types.AppendValue(int8_t{0}));
    return target->offsets.AppendValue(static_cast<int32_t>(target->null_length++));
  }

  template <typename T>
  Status AppendFixed(PythonTag tag, T value) {
    Status error;
    ChildNode* child = Slot(tag, &error);
    if (child == nullptr) return error;
    ++child->length;
    if (child->values.HasRoom(sizeof(T))) {
      child->values.AppendValueUnchecked(value);
      return Status::OK();
    }
    return child->values.AppendValue(value);
  }

  // `n` fixed-width values of `tag` as n slots of the current list, tuple, set, dict opened with
  // its keys, or the top level: AppendFixed's result with one capacity check per array instead
  // of one per value. Inside a dict taking DictKey/DictValue (one value per key) they are
  // appended one at a time.
  template <typename T>
  Status AppendFixedRun(PythonTag tag, const T* values, int64_t n) {
    if (n <= 0) return Status::OK();
    UnionNode* target = sequence_target;
    if (target == nullptr) return AppendFixedOneByOne(tag, values, n);
    ChildNode* child = UsedChild(target, tag);
    const int64_t bytes = n * static_cast<int64_t>(sizeof(T));
    ARROWPACK_RETURN_NOT_OK(ReserveSlots(target, n));
    ARROWPACK_RETURN_NOT_OK(child->values.Reserve(bytes));
    FillSlots(target, target->code_of_tag[static_cast<size_t>(tag)], child, n);
    std::memcpy(child->values.Extend(bytes), values, static_cast<size_t>(bytes));
    return Status::OK();
  }

  // The child of `tag` in `target`, in use by the object from now on (its slots not appended).
  ChildNode* UsedChild(UnionNode* target, PythonTag tag) {
    if (!target->Use(tag)) arena->UseChild(target, tag);
    return target->known[static_cast<size_t>(target->code_of_tag[static_cast<size_t>(tag)] - 1)];
  }

  template <typename T>
  [[gnu::noinline]] Status AppendFixedOneByOne(PythonTag tag, const T* values, int64_t n) {
    for (int64_t i = 0; i < n; ++i) ARROWPACK_RETURN_NOT_OK(AppendFixed(tag, values[i]));
    return Status::OK();
  }

  Status AppendBool(bool value) {
    Status error;
    ChildNode* child = Slot(PythonTag::BOOL, &error);
    if (child == nullptr) return error;
    return child->values.AppendBit(child->length++, value);
  }

  Status AppendBinary(PythonTag tag, const void* data, int64_t size) {
    if (size > kMaxBinaryLength) return BinaryTooLong(tag, size);
    Status error;
    UnionNode* target = Target(&error);
    if (target == nullptr) return error;
    return AppendBinaryIn(target, tag, data, size);
  }

  // AppendBinary into the union `target` (size already checked).
  Status AppendBinaryIn(UnionNode* target, PythonTag tag, const void* data, int64_t size) {
    Status error;
    ChildNode* child = SlotIn(target, tag, &error);
    if (child == nullptr) return error;
    const int64_t start = child->values.size();
    if (start + size > kMaxBinaryLength) return BinaryChildFull(tag);
    ++child->length;
    if (child->offsets.HasRoom(sizeof(int32_t)) && child->values.HasRoom(size)) {
      child->offsets.AppendValueUnchecked(static_cast<int32_t>(start));
      child->values.AppendUnchecked(data, size);
      return Status::OK();
    }
    ARROWPACK_RETURN_NOT_OK(child->offsets.AppendValue(static_cast<int32_t>(start)));
    return child->values.Append(data, size);
  }

  // `n` binaries of `tag` as n AppendBinary calls would append them. In a sequence (or into
  // `target`, when given) with one capacity check per array; if they would not all fit, one at
  // a time, so that the error is the one of the first value that does not fit.
  Status AppendBinaries(PythonTag tag, const std::string_view* values, int64_t n, UnionNode* target = nullptr) {
    if (n <= 0) return Status::OK();
    if (target == nullptr) target = sequence_target;
    if (target == nullptr) return AppendBinariesInADict(tag, values, n);
    ChildNode* child = UsedChild(target, tag);
    const int64_t start = child->values.size();
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
      total += Size(values[i]);
      if (total > kMaxBinaryLength - start) return AppendBinariesOneByOne(target, tag, values, n);
    }
    const int64_t offset_bytes = n * static_cast<int64_t>(sizeof(int32_t));
    ARROWPACK_RETURN_NOT_OK(ReserveSlots(target, n));
    ARROWPACK_RETURN_NOT_OK(child->offsets.Reserve(offset_bytes));
    ARROWPACK_RETURN_NOT_OK(child->values.Reserve(total));
    FillSlots(target, target->code_of_tag[static_cast<size_t>(tag)], child, n);
    uint8_t* starts = child->offsets.Extend(offset_bytes);
    uint8_t* out = child->values.Extend(total);
    auto offset = static_cast<int32_t>(start);
    for (int64_t i = 0; i < n; ++i) {
      const std::string_view value = values[i];
      std::memcpy(starts + i * static_cast<int64_t>(sizeof(int32_t)), &offset, sizeof(int32_t));
      internal::GrowableBytes::CopySmall(out, value.data(), Size(value));
      out += value.size();
      offset += static_cast<int32_t>(value.size());
    }
    return Status::OK();
  }

  [[gnu::noinline]] Status AppendBinariesInADict(PythonTag tag, const std::string_view* values, int64_t n) {
    for (int64_t i = 0; i < n; ++i) ARROWPACK_RETURN_NOT_OK(AppendBinary(tag, values[i].data(), Size(values[i])));
    return Status::OK();
  }

  [[gnu::noinline]] Status AppendBinariesOneByOne(UnionNode* target, PythonTag tag, const std::string_view* values,
                                                  int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
      if (Size(values[i]) > kMaxBinaryLength) return BinaryTooLong(tag, Size(values[i]));
      ARROWPACK_RETURN_NOT_OK(AppendBinaryIn(target, tag, values[i].data(), Size(values[i])));
    }
    return Status::OK();
  }

  static int64_t Size(std::string_view value) { return static_cast<int64_t>(value.size()); }

  // The errors of AppendBinary, out of line so that building their messages does not weigh on it.
  [[gnu::cold, gnu::noinline]] static Status BinaryTooLong(PythonTag tag, int64_t size) {
    return Status::CapacityError("cannot serialize a ", TagDescription(tag), " of ", size,
                                 " bytes: the object format stores at most 2147483647");
  }
  [[gnu::cold, gnu::noinline]] static Status BinaryChildFull(PythonTag tag) {
    return Status::CapacityError("cannot serialize more than 2147483647 bytes of ", TagDescription(tag),
                                 " values in one union");
  }

  Status Begin(PythonTag tag) {
    // pyarrow checks a list, tuple or set one level deeper than a dict (its items' depth).
    const size_t limit = static_cast<size_t>(tag == PythonTag::DICT ? kMaxRecursionDepth : kMaxRecursionDepth - 1);
    if (stack.size() >= limit) return TooDeep();
    Status error;
    ChildNode* child = Slot(tag, &error);
    if (child == nullptr) return error;
    if (child->items == nullptr) AddItemUnions(child);
    if (child->items->length() > std::numeric_limits<int32_t>::max()) return TooManyItems(tag);
    ++child->length;
    ARROWPACK_RETURN_NOT_OK(child->offsets.AppendValue(static_cast<int32_t>(child->items->length())));
    stack.push_back(Frame{child, tag == PythonTag::DICT ? nullptr : child->items});
    sequence_target = stack.back().target;
    return Status::OK();
  }

  [[gnu::noinline]] void AddItemUnions(ChildNode* child) {
    child->items = arena->NewUnion();
    if (child->tag == PythonTag::DICT) child->dict_vals = arena->NewUnion();
  }

  // The errors of Begin, out of line like AppendBinary's.
  [[gnu::cold, gnu::noinline]] static Status TooDeep() {
    return Status::NotImplemented(
        "This object exceeds the maximum recursion depth. It may contain itself recursively.");
  }
  [[gnu::cold, gnu::noinline]] static Status TooManyItems(PythonTag tag) {
    return Status::CapacityError("cannot serialize more than 2147483647 items in the ", TagDescription(tag),
                                 "s of one union");
  }

  // A dict with its `n` string keys, whose values then follow as a sequence.
  Status BeginDictWithKeys(const std::string_view* keys, int64_t n) {
    if (n < 0) return Status::Invalid("SequenceWriter::BeginDictWithKeys: negative key count ", n);
    ARROWPACK_RETURN_NOT_OK(Begin(PythonTag::DICT));
    ChildNode* dict = stack.back().container;
    ARROWPACK_RETURN_NOT_OK(AppendBinaries(PythonTag::STRING, keys, n, dict->items));
    Frame& frame = stack.back();
    frame.target = dict->dict_vals;
    frame.state = DictState::kKeysGiven;
    frame.values_end = dict->dict_vals->length() + n;
    sequence_target = frame.target;
    return Status::OK();
  }

  // The union every next value goes into, or nullptr inside a dict taking DictKey/DictValue.
  void UpdateSequenceTarget() { sequence_target = stack.empty() ? root : stack.back().target; }

  // The innermost open container when it is a dict taking DictKey/DictValue, else nullptr with
  // *error set (`call` names the caller in the message).
  Frame* TopDict(const char* call, Status* error) {
    if (stack.empty() || stack.back().container->tag != PythonTag::DICT) {
      *error = Status::Invalid("SequenceWriter: ", call, " outside a dict");
      return nullptr;
    }
    if (stack.back().state == DictState::kKeysGiven) {
      *error = Status::Invalid("SequenceWriter: ", call, " in a dict opened with its keys");
      return nullptr;
    }
    return &stack.back();
  }

  // Invalid with open containers.
  Status CheckClosed() const {
    if (!stack.empty()) return Status::Invalid("SequenceWriter: Finish() with ", stack.size(), " open containers");
    return Status::OK();
  }

  // Seals the tree and finds its schema; Invalid with open containers.
  Result<std::shared_ptr<Schema>> SealAndGetSchema() {
    ARROWPACK_RETURN_NOT_OK(CheckClosed());
    ARROWPACK_RETURN_NOT_OK(Seal(*root, &arena->shape_changed));
    return SchemaOfSealedTree();
  }

  // The schema of the sealed tree.
  Result<std::shared_ptr<Schema>> SchemaOfSealedTree() {
    internal::EncoderScratch& scratch = arena->scratch;
    if (!arena->shape_changed && scratch.last_schema != nullptr) return scratch.last_schema;
    std::string& shape = scratch.shape_key;
    shape.clear();
    AppendShapeKey(*root, &shape);
    const UnionNode& tree = *root;
    ARROWPACK_ASSIGN_OR_RAISE(scratch.last_schema,
                              internal::SchemaForShape(shape, [&tree]() -> Result<std::shared_ptr<Schema>> {
                                ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, UnionTypeOf(tree));
                                return std::make_shared<Schema>(FieldVector{field("list", std::move(type))});
                              }));
    arena->shape_changed = false;
    return scratch.last_schema;
  }

  // The encoded stream of the tree with `schema` (see internal::EncodeSequenceStream).
  Result<std::optional<PlacedStream>> EncodeStream(const std::shared_ptr<Schema>& schema, int64_t offset,
                                                   int64_t alignment, internal::Sealing sealing) {
    internal::EncoderScratch& scratch = arena->scratch;
    if (schema != scratch.message_schema) {
      ARROWPACK_ASSIGN_OR_RAISE(scratch.last_schema_message, internal::SchemaMessageBytes(schema));
      scratch.message_schema = schema;
    }
    return internal::EncodeSequenceStream(*root, schema, *scratch.last_schema_message, offset, alignment, sealing,
                                          &scratch, pool);
  }

  // Empties the writer (the arena's memory is kept).
  void Clear() {
    arena->Reset();
    root = arena->root();
    UpdateSequenceTarget();
  }

  MemoryPool* pool;
  std::unique_ptr<SequenceArena> arena;
  UnionNode* root;
  std::vector<Frame>& stack;  // the arena's, so that its memory is reused
  UnionNode* sequence_target = root;
};

SequenceWriter::SequenceWriter(MemoryPool* pool) : impl_(std::make_unique<Impl>(pool)) {}
SequenceWriter::~SequenceWriter() = default;

Status SequenceWriter::AppendNone() { return impl_->AppendNull(); }
Status SequenceWriter::AppendBool(bool value) { return impl_->AppendBool(value); }
Status SequenceWriter::AppendInt64(int64_t value) { return impl_->AppendFixed(PythonTag::INT, value); }
Status SequenceWriter::AppendInt64s(const int64_t* values, int64_t n) {
  return impl_->AppendFixedRun(PythonTag::INT, values, n);
}
Status SequenceWriter::AppendHalfFloat(uint16_t bits) { return impl_->AppendFixed(PythonTag::HALF_FLOAT, bits); }
Status SequenceWriter::AppendFloat(float value) { return impl_->AppendFixed(PythonTag::FLOAT, value); }
Status SequenceWriter::AppendDouble(double value) { return impl_->AppendFixed(PythonTag::DOUBLE, value); }
Status SequenceWriter::AppendDoubles(const double* values, int64_t n) {
  return impl_->AppendFixedRun(PythonTag::DOUBLE, values, n);
}
Status SequenceWriter::AppendDate64(int64_t micros) { return impl_->AppendFixed(PythonTag::DATE64, micros); }

Status SequenceWriter::AppendBytes(const uint8_t* data, int64_t size) {
  return impl_->AppendBinary(PythonTag::BYTES, data, size);
}

Status SequenceWriter::AppendString(std::string_view utf8) {
  return impl_->AppendBinary(PythonTag::STRING, utf8.data(), static_cast<int64_t>(utf8.size()));
}

Status SequenceWriter::AppendStrings(const std::string_view* utf8, int64_t n) {
  return impl_->AppendBinaries(PythonTag::STRING, utf8, n);
}

Status SequenceWriter::AppendIndex(PythonTag kind, int32_t index) {
  if (!IsIndexTag(kind)) {
    return Status::Invalid("SequenceWriter::AppendIndex: ", TagDescription(kind), " is not an index kind");
  }
  return impl_->AppendFixed(kind, index);
}

Status SequenceWriter::BeginList() { return impl_->Begin(PythonTag::LIST); }
Status SequenceWriter::BeginTuple() { return impl_->Begin(PythonTag::TUPLE); }
Status SequenceWriter::BeginSet() { return impl_->Begin(PythonTag::SET); }
Status SequenceWriter::BeginDict() { return impl_->Begin(PythonTag::DICT); }

Status SequenceWriter::BeginDictWithKeys(const std::string_view* keys, int64_t n) {
  return impl_->BeginDictWithKeys(keys, n);
}

Status SequenceWriter::DictKey() {
  Status error;
  Frame* frame = impl_->TopDict("DictKey()", &error);
  if (frame == nullptr) return error;
  if (frame->state != DictState::kNeedKey) {
    return Status::Invalid("SequenceWriter: DictKey() before the previous entry got its key and value");
  }
  frame->state = DictState::kKeyNext;
  return Status::OK();
}

Status SequenceWriter::DictValue() {
  Status error;
  Frame* frame = impl_->TopDict("DictValue()", &error);
  if (frame == nullptr) return error;
  if (frame->state != DictState::kNeedValue) {
    return Status::Invalid("SequenceWriter: DictValue() without a key just before it");
  }
  frame->state = DictState::kValueNext;
  return Status::OK();
}

Status SequenceWriter::End() {
  if (impl_->stack.empty()) return Status::Invalid("SequenceWriter: End() without an open container");
  const Frame& top = impl_->stack.back();
  if (top.state == DictState::kKeysGiven) {
    if (top.target->length() != top.values_end) {
      return Status::Invalid("SequenceWriter: End() of a dict opened with its keys after ",
                             top.target->length() < top.values_end ? "fewer" : "more", " values than keys");
    }
  } else if (top.container->tag == PythonTag::DICT && top.state != DictState::kNeedKey) {
    return Status::Invalid("SequenceWriter: End() of a dict whose last key has no value");
  }
  impl_->stack.pop_back();
  impl_->UpdateSequenceTarget();
  return Status::OK();
}

int SequenceWriter::depth() const { return static_cast<int>(impl_->stack.size()); }

int64_t SequenceWriter::top_level_length() const { return impl_->root->length(); }

Result<RecordBatchPtr> SequenceWriter::Finish() {
  ARROWPACK_ASSIGN_OR_RAISE(auto schema, impl_->SealAndGetSchema());
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr column, FinishUnion(*impl_->root, schema->field(0)->type(), impl_->pool));
  impl_->Clear();
  const int64_t rows = column->length;
  return RecordBatch::Make(std::move(schema), rows, std::vector<ArrayDataPtr>{std::move(column)});
}

Result<std::shared_ptr<Buffer>> SequenceWriter::FinishStream() {
  ARROWPACK_ASSIGN_OR_RAISE(PlacedStream placed, FinishStreamAt(0, 1));
  return std::move(placed.buffer);
}

Result<PlacedStream> SequenceWriter::FinishStreamAt(int64_t offset, int64_t alignment) {
  if (offset < 0 || alignment < 1 || (alignment & (alignment - 1)) != 0) {
    return Status::Invalid("SequenceWriter::FinishStreamAt: offset ", offset, " must not be negative and alignment ",
                           alignment, " must be a power of two");
  }
  Impl& impl = *impl_;
  ARROWPACK_RETURN_NOT_OK(impl.CheckClosed());
  std::shared_ptr<Schema> schema;
  if (!impl.arena->shape_changed && impl.arena->scratch.last_schema != nullptr) {
    // Likely the shape sealed last: sealed while it is laid out, unless a union turns out to use
    // another number of children (then sealed, and encoded again below with its own schema).
    ARROWPACK_ASSIGN_OR_RAISE(std::optional<PlacedStream> placed,
                              impl.EncodeStream(impl.arena->scratch.last_schema, offset, alignment,
                                                internal::Sealing::kSealWhileWalking));
    if (placed.has_value()) {
      impl.Clear();
      return std::move(*placed);
    }
    impl.arena->shape_changed = true;
    ARROWPACK_ASSIGN_OR_RAISE(schema, impl.SchemaOfSealedTree());
  } else {
    ARROWPACK_ASSIGN_OR_RAISE(schema, impl.SealAndGetSchema());
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::optional<PlacedStream> placed,
                            impl.EncodeStream(schema, offset, alignment, internal::Sealing::kAlreadySealed));
  impl.Clear();
  return std::move(*placed);
}

}  // namespace arrowpack::serialize
