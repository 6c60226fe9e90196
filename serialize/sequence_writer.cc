// SequenceWriter (see sequence_writer.h): one UnionBuilder per union of the format, children
// created on first use in pyarrow's order, a stack of open containers.
#include "arrowpack/serialize/sequence_writer.h"

#include <array>
#include <limits>
#include <string>
#include <vector>

#include "arrowpack/core/buffer_builder.h"
#include "arrowpack/serialize/schema_cache_internal.h"

namespace arrowpack::serialize {

namespace {

constexpr int64_t kMaxBinaryLength = std::numeric_limits<int32_t>::max();

struct UnionBuilder;

// One child of a union: the values of one tag. Only the members its tag needs are used.
struct ChildBuilder {
  ChildBuilder(PythonTag t, MemoryPool* pool) : tag(t), bits(pool), values(pool), offsets(pool) {}

  PythonTag tag;
  int64_t length = 0;
  BitmapBuilder bits;                       // BOOL
  BufferBuilder values;                     // fixed-width values; binary data
  TypedBufferBuilder<int32_t> offsets;      // binary and container offsets (start of each row)
  std::unique_ptr<UnionBuilder> items;      // LIST, TUPLE, SET values; DICT keys
  std::unique_ptr<UnionBuilder> dict_vals;  // DICT values
};

struct UnionBuilder {
  explicit UnionBuilder(MemoryPool* p) : pool(p), types(p), offsets(p) {
    code_of_tag.fill(-1);
    code_of_tag[0] = 0;  // the Null child, always first
  }

  // Appends the slot of a value of `tag` and returns its child (whose length is the offset).
  Result<ChildBuilder*> Slot(PythonTag tag) {
    const auto t = static_cast<size_t>(tag);
    int8_t code = code_of_tag[t];
    if (code < 0) {
      code = static_cast<int8_t>(children.size() + 1);
      code_of_tag[t] = code;
      children.push_back(std::make_unique<ChildBuilder>(tag, pool));
    }
    ChildBuilder* child = children[static_cast<size_t>(code - 1)].get();
    ARROWPACK_RETURN_NOT_OK(types.Append(code));
    ARROWPACK_RETURN_NOT_OK(offsets.Append(static_cast<int32_t>(child->length)));
    return child;
  }

  Status AppendNull() {
    ARROWPACK_RETURN_NOT_OK(types.Append(0));
    return offsets.Append(static_cast<int32_t>(null_length++));
  }

  int64_t length() const { return types.length(); }

  MemoryPool* pool;
  TypedBufferBuilder<int8_t> types;
  TypedBufferBuilder<int32_t> offsets;
  std::array<int8_t, kNumPythonTags> code_of_tag;
  int64_t null_length = 0;
  std::vector<std::unique_ptr<ChildBuilder>> children;  // type code - 1
};

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
void AppendShapeKey(const UnionBuilder& builder, std::string* key) {
  for (const auto& child : builder.children) {
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

Result<TypePtr> UnionTypeOf(const UnionBuilder& builder);

TypePtr ChildTypeOf(const ChildBuilder& child, TypePtr items, TypePtr dict_vals) {
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

// The dense union type of `builder`: a Null child "0", then one child per tag in order of first
// use, named by its tag, with type codes 0, 1, 2, ...
Result<TypePtr> UnionTypeOf(const UnionBuilder& builder) {
  FieldVector fields{field("0", null())};
  std::vector<int8_t> codes{0};
  for (const auto& child : builder.children) {
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

Result<ArrayDataPtr> FinishUnion(UnionBuilder& builder, const TypePtr& type);

// The array of `child`, whose type (from UnionTypeOf) is `type`.
Result<ArrayDataPtr> FinishChild(ChildBuilder& child, const TypePtr& type) {
  const int64_t n = child.length;
  switch (child.tag) {
    case PythonTag::BOOL: {
      ARROWPACK_ASSIGN_OR_RAISE(auto bits, child.bits.Finish());
      return ArrayData::Make(type, n, {nullptr, std::move(bits)}, 0);
    }
    case PythonTag::BYTES:
    case PythonTag::STRING: {
      ARROWPACK_RETURN_NOT_OK(child.offsets.Append(static_cast<int32_t>(child.values.length())));
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, child.offsets.Finish());
      ARROWPACK_ASSIGN_OR_RAISE(auto data, child.values.Finish());
      return ArrayData::Make(type, n, {nullptr, std::move(offsets), std::move(data)}, 0);
    }
    case PythonTag::LIST:
    case PythonTag::TUPLE:
    case PythonTag::SET: {
      ARROWPACK_RETURN_NOT_OK(child.offsets.Append(static_cast<int32_t>(child.items->length())));
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, child.offsets.Finish());
      ARROWPACK_ASSIGN_OR_RAISE(auto items, FinishUnion(*child.items, type->field(0)->type()));
      return ArrayData::Make(type, n, {nullptr, std::move(offsets)}, {std::move(items)}, 0);
    }
    case PythonTag::DICT: {
      const int64_t entries = child.items->length();
      ARROWPACK_RETURN_NOT_OK(child.offsets.Append(static_cast<int32_t>(entries)));
      ARROWPACK_ASSIGN_OR_RAISE(auto offsets, child.offsets.Finish());
      const TypePtr& entry_type = type->field(0)->type();
      ARROWPACK_ASSIGN_OR_RAISE(auto keys, FinishUnion(*child.items, entry_type->field(0)->type()));
      ARROWPACK_ASSIGN_OR_RAISE(auto vals, FinishUnion(*child.dict_vals, entry_type->field(1)->type()));
      auto entry = ArrayData::Make(entry_type, entries, {nullptr}, {std::move(keys), std::move(vals)}, 0);
      return ArrayData::Make(type, n, {nullptr, std::move(offsets)}, {std::move(entry)}, 0);
    }
    default: {
      ARROWPACK_ASSIGN_OR_RAISE(auto values, child.values.Finish());
      return ArrayData::Make(type, n, {nullptr, std::move(values)}, 0);
    }
  }
}

Result<ArrayDataPtr> FinishUnion(UnionBuilder& builder, const TypePtr& type) {
  std::vector<ArrayDataPtr> children;
  children.reserve(builder.children.size() + 1);
  children.push_back(ArrayData::Make(type->field(0)->type(), builder.null_length, {nullptr}, builder.null_length));
  for (size_t k = 0; k < builder.children.size(); ++k) {
    const TypePtr& child_type = type->field(static_cast<int>(k + 1))->type();
    ARROWPACK_ASSIGN_OR_RAISE(auto data, FinishChild(*builder.children[k], child_type));
    children.push_back(std::move(data));
  }
  const int64_t length = builder.length();
  ARROWPACK_ASSIGN_OR_RAISE(auto types, builder.types.Finish());
  ARROWPACK_ASSIGN_OR_RAISE(auto offsets, builder.offsets.Finish());
  return ArrayData::Make(type, length, {std::move(types), std::move(offsets)}, std::move(children), 0);
}

// Where the next value goes inside a dict.
enum class DictState : int8_t { kNeedKey, kKeyNext, kNeedValue, kValueNext };

struct Frame {
  ChildBuilder* container;
  DictState state = DictState::kNeedKey;
};

}  // namespace

struct SequenceWriter::Impl {
  explicit Impl(MemoryPool* p) : pool(p), root(std::make_unique<UnionBuilder>(p)) {}

  // The union the next value goes into; Invalid when a dict expects DictKey/DictValue first.
  Result<UnionBuilder*> Target() {
    if (sequence_target != nullptr) return sequence_target;
    Frame& top = stack.back();
    if (top.container->tag != PythonTag::DICT) return top.container->items.get();
    switch (top.state) {
      case DictState::kKeyNext:
        top.state = DictState::kNeedValue;
        return top.container->items.get();
      case DictState::kValueNext:
        top.state = DictState::kNeedKey;
        return top.container->dict_vals.get();
      default:
        return Status::Invalid("SequenceWriter: a value inside a dict needs DictKey() or DictValue() first");
    }
  }

  Result<ChildBuilder*> Slot(PythonTag tag) {
    ARROWPACK_ASSIGN_OR_RAISE(UnionBuilder * target, Target());
    return target->Slot(tag);
  }

  template <typename T>
  Status AppendFixed(PythonTag tag, T value) {
    ARROWPACK_ASSIGN_OR_RAISE(ChildBuilder * child, Slot(tag));
    ++child->length;
    return child->values.Append(&value, sizeof(T));
  }

  Status AppendBinary(PythonTag tag, const void* data, int64_t size) {
    if (size > kMaxBinaryLength) {
      return Status::CapacityError("cannot serialize a ", TagDescription(tag), " of ", size,
                                   " bytes: the object format stores at most 2147483647");
    }
    ARROWPACK_ASSIGN_OR_RAISE(ChildBuilder * child, Slot(tag));
    const int64_t start = child->values.length();
    if (start + size > kMaxBinaryLength) {
      return Status::CapacityError("cannot serialize more than 2147483647 bytes of ", TagDescription(tag),
                                   " values in one union");
    }
    ++child->length;
    ARROWPACK_RETURN_NOT_OK(child->offsets.Append(static_cast<int32_t>(start)));
    return child->values.Append(data, size);
  }

  Status Begin(PythonTag tag) {
    // pyarrow checks a list, tuple or set one level deeper than a dict (its items' depth).
    const size_t limit = static_cast<size_t>(tag == PythonTag::DICT ? kMaxRecursionDepth : kMaxRecursionDepth - 1);
    if (stack.size() >= limit) {
      return Status::NotImplemented(
          "This object exceeds the maximum recursion depth. It may contain itself recursively.");
    }
    ARROWPACK_ASSIGN_OR_RAISE(ChildBuilder * child, Slot(tag));
    if (!child->items) {
      child->items = std::make_unique<UnionBuilder>(pool);
      if (tag == PythonTag::DICT) child->dict_vals = std::make_unique<UnionBuilder>(pool);
    }
    if (child->items->length() > std::numeric_limits<int32_t>::max()) {
      return Status::CapacityError("cannot serialize more than 2147483647 items in the ", TagDescription(tag),
                                   "s of one union");
    }
    ++child->length;
    ARROWPACK_RETURN_NOT_OK(child->offsets.Append(static_cast<int32_t>(child->items->length())));
    stack.push_back(Frame{child});
    UpdateSequenceTarget();
    return Status::OK();
  }

  // The union every next value goes into, or nullptr inside a dict (keys and values alternate).
  void UpdateSequenceTarget() {
    if (stack.empty()) {
      sequence_target = root.get();
    } else {
      ChildBuilder* top = stack.back().container;
      sequence_target = top->tag == PythonTag::DICT ? nullptr : top->items.get();
    }
  }

  Result<Frame*> TopDict(const char* what) {
    if (stack.empty() || stack.back().container->tag != PythonTag::DICT) {
      return Status::Invalid("SequenceWriter: ", what, " outside a dict");
    }
    return &stack.back();
  }

  MemoryPool* pool;
  std::unique_ptr<UnionBuilder> root;
  std::vector<Frame> stack;
  UnionBuilder* sequence_target = root.get();
};

SequenceWriter::SequenceWriter(MemoryPool* pool) : impl_(std::make_unique<Impl>(pool)) {}
SequenceWriter::~SequenceWriter() = default;

Status SequenceWriter::AppendNone() {
  ARROWPACK_ASSIGN_OR_RAISE(UnionBuilder * target, impl_->Target());
  return target->AppendNull();
}

Status SequenceWriter::AppendBool(bool value) {
  ARROWPACK_ASSIGN_OR_RAISE(ChildBuilder * child, impl_->Slot(PythonTag::BOOL));
  ++child->length;
  return child->bits.Append(value);
}

Status SequenceWriter::AppendInt64(int64_t value) { return impl_->AppendFixed(PythonTag::INT, value); }
Status SequenceWriter::AppendHalfFloat(uint16_t bits) { return impl_->AppendFixed(PythonTag::HALF_FLOAT, bits); }
Status SequenceWriter::AppendFloat(float value) { return impl_->AppendFixed(PythonTag::FLOAT, value); }
Status SequenceWriter::AppendDouble(double value) { return impl_->AppendFixed(PythonTag::DOUBLE, value); }
Status SequenceWriter::AppendDate64(int64_t micros) { return impl_->AppendFixed(PythonTag::DATE64, micros); }

Status SequenceWriter::AppendBytes(const uint8_t* data, int64_t size) {
  return impl_->AppendBinary(PythonTag::BYTES, data, size);
}

Status SequenceWriter::AppendString(std::string_view utf8) {
  return impl_->AppendBinary(PythonTag::STRING, utf8.data(), static_cast<int64_t>(utf8.size()));
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

Status SequenceWriter::DictKey() {
  ARROWPACK_ASSIGN_OR_RAISE(Frame * frame, impl_->TopDict("DictKey()"));
  if (frame->state != DictState::kNeedKey) {
    return Status::Invalid("SequenceWriter: DictKey() before the previous entry got its key and value");
  }
  frame->state = DictState::kKeyNext;
  return Status::OK();
}

Status SequenceWriter::DictValue() {
  ARROWPACK_ASSIGN_OR_RAISE(Frame * frame, impl_->TopDict("DictValue()"));
  if (frame->state != DictState::kNeedValue) {
    return Status::Invalid("SequenceWriter: DictValue() without a key just before it");
  }
  frame->state = DictState::kValueNext;
  return Status::OK();
}

Status SequenceWriter::End() {
  if (impl_->stack.empty()) return Status::Invalid("SequenceWriter: End() without an open container");
  const Frame& top = impl_->stack.back();
  if (top.container->tag == PythonTag::DICT && top.state != DictState::kNeedKey) {
    return Status::Invalid("SequenceWriter: End() of a dict whose last key has no value");
  }
  impl_->stack.pop_back();
  impl_->UpdateSequenceTarget();
  return Status::OK();
}

int SequenceWriter::depth() const { return static_cast<int>(impl_->stack.size()); }

int64_t SequenceWriter::top_level_length() const { return impl_->root->length(); }

Result<RecordBatchPtr> SequenceWriter::Finish() {
  if (!impl_->stack.empty()) {
    return Status::Invalid("SequenceWriter: Finish() with ", impl_->stack.size(), " open containers");
  }
  const UnionBuilder& root = *impl_->root;
  std::string shape;
  AppendShapeKey(root, &shape);
  ARROWPACK_ASSIGN_OR_RAISE(auto schema, internal::SchemaForShape(shape, [&root]() -> Result<std::shared_ptr<Schema>> {
    ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, UnionTypeOf(root));
    return std::make_shared<Schema>(FieldVector{field("list", std::move(type))});
  }));
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr column, FinishUnion(*impl_->root, schema->field(0)->type()));
  impl_->root = std::make_unique<UnionBuilder>(impl_->pool);
  impl_->UpdateSequenceTarget();
  const int64_t rows = column->length;
  return RecordBatch::Make(std::move(schema), rows, std::vector<ArrayDataPtr>{std::move(column)});
}

}  // namespace arrowpack::serialize
