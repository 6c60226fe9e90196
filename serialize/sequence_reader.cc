// SequenceReader (see sequence_reader.h): one pass over the schema and the index children at
// Open, then plain pointer arithmetic per access.
#include "arrowpack/serialize/sequence_reader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_validate.h"
#include "arrowpack/ipc/reader.h"

namespace arrowpack::serialize {

namespace {

// Where a child sits in the batch ("list/11/item/keys"), as a chain of parts that is only
// joined into a string when an error message needs it.
struct Path {
  const Path* parent;
  std::string_view part;

  std::string str() const {
    if (parent == nullptr) return std::string(part);
    std::string out = parent->str();
    out += '/';
    out += part;
    return out;
  }
};

}  // namespace

// Builds the UnionReaders of a batch while checking it.
struct SequenceChecker {
  SequenceReader* reader;
  size_t next_union = 0;
  size_t next_child = 0;

  static bool IsUnion(const DataType& type) { return type.id() == TypeId::DENSE_UNION; }

  Status CheckChildType(PythonTag tag, const DataType& type, const Path& where) const {
    TypeId expected = TypeId::INT32;
    switch (tag) {
      case PythonTag::NONE:
        expected = TypeId::NA;
        break;
      case PythonTag::BOOL:
        expected = TypeId::BOOL;
        break;
      case PythonTag::INT:
      case PythonTag::PY2INT:
        expected = TypeId::INT64;
        break;
      case PythonTag::BYTES:
        expected = TypeId::BINARY;
        break;
      case PythonTag::STRING:
        expected = TypeId::STRING;
        break;
      case PythonTag::HALF_FLOAT:
        expected = TypeId::HALF_FLOAT;
        break;
      case PythonTag::FLOAT:
        expected = TypeId::FLOAT;
        break;
      case PythonTag::DOUBLE:
        expected = TypeId::DOUBLE;
        break;
      case PythonTag::DATE64:
        expected = TypeId::DATE64;
        break;
      case PythonTag::LIST:
      case PythonTag::TUPLE:
      case PythonTag::SET:
        if (type.id() == TypeId::LIST && IsUnion(*type.field(0)->type())) return Status::OK();
        return Status::Invalid("serialized object: child ", where.str(), " holds ", TagDescription(tag),
                               " values but has type ", type.ToString(), " instead of list<dense_union>");
      case PythonTag::DICT: {
        if (type.id() == TypeId::LIST) {
          const DataType& entry = *type.field(0)->type();
          if (entry.id() == TypeId::STRUCT && entry.num_fields() == 2 && IsUnion(*entry.field(0)->type()) &&
              IsUnion(*entry.field(1)->type())) {
            return Status::OK();
          }
        }
        return Status::Invalid("serialized object: child ", where.str(), " holds dicts but has type ", type.ToString(),
                               " instead of list<struct<keys: dense_union, vals: dense_union>>");
      }
      default:
        break;
    }
    if (type.id() != expected) {
      return Status::Invalid("serialized object: child ", where.str(), " holds ", TagDescription(tag),
                             " values but has type ", type.ToString());
    }
    return Status::OK();
  }

  Status CheckNoNulls(const ArrayData& data, const Path& where) const {
    if (data.type->id() != TypeId::NA && data.GetNullCount() != 0) {
      return Status::Invalid("serialized object: ", where.str(), " has null entries");
    }
    return Status::OK();
  }

  // Upper bounds of the unions and union children under `type` (Build visits no more).
  static void Count(const DataType& type, size_t* unions, size_t* children) {
    if (IsUnion(type)) {
      ++*unions;
      *children += static_cast<size_t>(type.num_fields());
    }
    for (const auto& field : type.fields()) Count(*field->type(), unions, children);
  }

  Result<const UnionReader*> Build(const ArrayData& data, const Path& path) {
    UnionReader* out = &reader->unions_[next_union];
    UnionReader::CodeTable* codes = &reader->tables_[next_union++];
    const auto& type = static_cast<const UnionType&>(*data.type);
    out->length_ = data.length;
    out->type_codes_ = data.GetValues<int8_t>(0);
    out->offsets_ = data.GetValues<int32_t>(1);
    out->codes_ = codes;
    out->children_ = &reader->children_[next_child];
    next_child += static_cast<size_t>(type.num_fields());
    const TagNumbering numbering = reader->numbering_;
    std::array<bool, kNumPythonTags> seen{};
    for (int k = 0; k < type.num_fields(); ++k) {
      const Field& field = *type.field(k);
      const Path where{&path, field.name()};
      // pyarrow 0.12-0.17 wrote None as a null union slot: the IPC reader re-points those at a
      // null child it adds.
      PythonTag tag = PythonTag::NONE;
      if (field.name() != ipc::kV4UnionNullFieldName || field.type()->id() != TypeId::NA) {
        ARROWPACK_ASSIGN_OR_RAISE(tag, TagFromFieldName(field.name(), numbering));
      }
      if (seen[static_cast<size_t>(tag)]) {
        return Status::Invalid("serialized object: union ", path.str(), " has two children for ", TagDescription(tag));
      }
      seen[static_cast<size_t>(tag)] = true;
      ARROWPACK_RETURN_NOT_OK(CheckChildType(tag, *field.type(), where));
      const ArrayData& child = *data.child_data[static_cast<size_t>(k)];
      ARROWPACK_RETURN_NOT_OK(CheckNoNulls(child, where));
      const int8_t code = type.type_codes()[static_cast<size_t>(k)];
      codes->tag_of_code[static_cast<size_t>(code)] = static_cast<int8_t>(tag);
      codes->child_of_code[static_cast<size_t>(code)] = static_cast<int8_t>(k);
      if (tag == PythonTag::INT) codes->int_code = code;
      UnionReader::Child& c = out->children_[static_cast<size_t>(k)];
      c.tag = tag;
      switch (tag) {
        case PythonTag::NONE:
          break;
        case PythonTag::BOOL:
          c.bits = child.buffers[1]->data();
          c.bit_offset = child.offset;
          break;
        case PythonTag::BYTES:
        case PythonTag::STRING:
          c.offsets = child.GetValues<int32_t>(1);
          c.bytes = child.buffers[2] ? child.buffers[2]->data() : nullptr;
          break;
        case PythonTag::LIST:
        case PythonTag::TUPLE:
        case PythonTag::SET: {
          c.offsets = child.GetValues<int32_t>(1);
          ARROWPACK_ASSIGN_OR_RAISE(c.items, Build(*child.child_data[0], Path{&where, "item"}));
          break;
        }
        case PythonTag::DICT: {
          c.offsets = child.GetValues<int32_t>(1);
          const ArrayData& entries = *child.child_data[0];
          ARROWPACK_RETURN_NOT_OK(CheckNoNulls(entries, Path{&where, "item"}));
          c.entry_offset = entries.offset;
          ARROWPACK_ASSIGN_OR_RAISE(c.items, Build(*entries.child_data[0], Path{&where, "item/keys"}));
          ARROWPACK_ASSIGN_OR_RAISE(c.vals, Build(*entries.child_data[1], Path{&where, "item/vals"}));
          break;
        }
        default: {
          const int width = child.type->bit_width() / 8;
          c.values = child.buffers[1] ? child.buffers[1]->data() + child.offset * width : nullptr;
          if (IsIndexTag(tag)) ARROWPACK_RETURN_NOT_OK(CountIndices(tag, child, where));
          break;
        }
      }
    }
    if (numbering == TagNumbering::kModern && !seen[0]) {
      return Status::Invalid("serialized object: union ", path.str(), " lacks the Null child \"0\"");
    }
    return out;
  }

  Status CountIndices(PythonTag tag, const ArrayData& child, const Path& where) {
    const int32_t* indices = child.GetValues<int32_t>(1);
    int64_t needed = 0;
    for (int64_t i = 0; i < child.length; ++i) {
      if (indices[i] < 0) {
        return Status::Invalid("serialized object: negative ", TagDescription(tag), " index ", indices[i],
                               " at row ", i, " of ", where.str());
      }
      needed = std::max<int64_t>(needed, int64_t{indices[i]} + 1);
    }
    auto& slot = reader->referenced_[static_cast<size_t>(IsSparseTag(tag) ? PythonTag::SPARSE_COO : tag)];
    slot = std::max(slot, needed);
    return Status::OK();
  }
};

SequenceReader::SequenceReader() = default;
SequenceReader::~SequenceReader() = default;

void SequenceReader::Allocate(size_t unions, size_t children) {
  if (unions > union_capacity_) {
    unions_.reset(new UnionReader[unions]);
    union_capacity_ = unions;
  }
  if (children > child_capacity_) {
    children_.reset(new UnionReader::Child[children]);
    child_capacity_ = children;
  }
}

std::unique_ptr<SequenceReader> SequenceReader::MakeReusable() {
  return std::unique_ptr<SequenceReader>(new SequenceReader());
}

size_t SequenceReader::retained_bytes() const {
  return union_capacity_ * sizeof(UnionReader) + child_capacity_ * sizeof(UnionReader::Child);
}

Result<std::unique_ptr<SequenceReader>> SequenceReader::Open(RecordBatchPtr batch) {
  if (batch == nullptr || batch->num_columns() != 1 || batch->column_data(0)->type->id() != TypeId::DENSE_UNION) {
    return Status::Invalid("serialized object: the record batch must have one dense union column, got ",
                           batch == nullptr ? std::string("none") : batch->schema()->ToString());
  }
  ARROWPACK_RETURN_NOT_OK(ValidateArrayDataFull(*batch->column_data(0)));
  auto reader = std::unique_ptr<SequenceReader>(new SequenceReader());
  const ArrayData& column = *batch->column_data(0);
  const auto& type = static_cast<const UnionType&>(*column.type);
  reader->numbering_ = type.num_fields() > 0 && type.field(0)->type()->id() == TypeId::NA ? TagNumbering::kModern
                                                                                          : TagNumbering::kLegacy;
  reader->batch_ = std::move(batch);
  size_t unions = 0;
  size_t children = 0;
  SequenceChecker::Count(type, &unions, &children);
  reader->Allocate(unions, children);
  reader->tables_.reset(new UnionReader::CodeTable[unions]);
  SequenceChecker checker{reader.get()};
  ARROWPACK_ASSIGN_OR_RAISE(reader->root_, checker.Build(column, Path{nullptr, reader->batch_->schema()->field(0)->name()}));
  return reader;
}

int64_t SequenceReader::ReferencedCount(PythonTag kind) const {
  return referenced_[static_cast<size_t>(IsSparseTag(kind) ? PythonTag::SPARSE_COO : kind)];
}

Status SequenceReader::CheckIndexBounds(int64_t num_tensors, int64_t num_ndarrays, int64_t num_buffers,
                                        int64_t num_sparse_tensors) const {
  const std::pair<PythonTag, int64_t> limits[] = {{PythonTag::TENSOR, num_tensors},
                                                  {PythonTag::NDARRAY, num_ndarrays},
                                                  {PythonTag::BUFFER, num_buffers},
                                                  {PythonTag::SPARSE_COO, num_sparse_tensors}};
  for (const auto& [kind, present] : limits) {
    const int64_t needed = ReferencedCount(kind);
    if (needed > present) {
      return Status::Invalid("serialized object refers to ", TagDescription(kind), " index ", needed - 1,
                             " but holds ", present, IsSparseTag(kind) ? " sparse tensors" : " of them");
    }
  }
  return Status::OK();
}

}  // namespace arrowpack::serialize
