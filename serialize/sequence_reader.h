// SequenceReader checks the dense-union batch of pyarrow's object format once and then gives
// cheap random access to its values. It reads the pyarrow 1.0-11 layout (a Null child "0" first
// in every union, PythonTag numbering) and the 0.12-0.17 one (tags one lower, None as a null
// union slot, struct fields of dicts possibly unnamed); it tells them apart by the first child
// of the top-level union (a Null child means 1.0-11).
//
// Open() treats the batch as hostile. Invalid, naming what and where (the path of union
// children, e.g. "list/11/item/keys"), for: a batch that is not one dense-union column; a child
// name that is not a known tag or a tag twice in one union; a child type that does not match its
// tag; type codes without a child; offsets outside a child; list offsets outside their values;
// invalid UTF-8 in strings; negative indices. Legacy None slots (null union slots, metadata V4)
// arrive from the IPC reader re-pointed at a null child named ipc::kV4UnionNullFieldName, which
// holds Nones in either numbering.
// CheckIndexBounds() adds: an index not below the number of tensors / ndarrays / buffers /
// sparse tensors present. After these checks every accessor is safe for 0 <= i < length() and
// the right tag; accessors do not check again. Readers and ranges borrow the batch's memory:
// the SequenceReader (which holds the batch, or the bytes the fast decoder of
// sequence_decoder_internal.h read) must outlive them and the string_views they return.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/result.h"
#include "arrowpack/serialize/python_tag.h"

namespace arrowpack::serialize {

class UnionReader;
namespace internal {
struct SequenceDecoder;
}  // namespace internal

/// The items of one list, tuple or set: rows [begin, end) of `values`.
struct SequenceRange {
  const UnionReader* values;
  int64_t begin;
  int64_t end;
};

/// The entries of one dict: row i of `keys` pairs with row i of `vals`, for i in [begin, end).
struct DictRange {
  const UnionReader* keys;
  const UnionReader* vals;
  int64_t begin;
  int64_t end;
};

/// One checked dense union of the format. Not copyable; owned by its SequenceReader.
class UnionReader {
 public:
  int64_t length() const { return length_; }
  /// NONE for the Null child.
  PythonTag tag(int64_t i) const { return static_cast<PythonTag>(codes_->tag_of_code[static_cast<size_t>(type_codes_[i])]); }

  // Accessors (inline: they run once per value when a graph is rebuilt).
  bool GetBool(int64_t i) const {  // BOOL
    const Child& c = child(i);
    const int64_t bit = c.bit_offset + offsets_[i];
    return (c.bits[bit >> 3] >> (bit & 7)) & 1;
  }
  int64_t GetInt64(int64_t i) const { return Load<int64_t>(i); }  // INT, PY2INT
  std::string_view GetBytes(int64_t i) const {                    // BYTES, and STRING (UTF-8 checked)
    const Child& c = child(i);
    const int32_t begin = c.offsets[offsets_[i]];
    return {reinterpret_cast<const char*>(c.bytes) + begin, static_cast<size_t>(c.offsets[offsets_[i] + 1] - begin)};
  }
  /// The INT child for loops over many rows: rows whose type code is `code` hold INT values,
  /// row i at values[value_offset(i)]. code is -1 (matching no row) when the union has none.
  struct IntChild {
    int8_t code;
    const int64_t* values;
  };
  IntChild int_child() const {
    const int8_t code = codes_->int_code;
    if (code < 0) return {-1, nullptr};
    return {code, reinterpret_cast<const int64_t*>(children_[codes_->child_of_code[static_cast<size_t>(code)]].values)};
  }
  int8_t type_code(int64_t i) const { return type_codes_[i]; }
  int32_t value_offset(int64_t i) const { return offsets_[i]; }
  /// STRING: whether every string of the row's child is ASCII (known when the fast decoder read it).
  bool IsAsciiString(int64_t i) const { return child(i).ascii; }
  uint16_t GetHalfFloat(int64_t i) const { return Load<uint16_t>(i); }  // HALF_FLOAT, raw bits
  float GetFloat(int64_t i) const { return Load<float>(i); }            // FLOAT
  double GetDouble(int64_t i) const { return Load<double>(i); }         // DOUBLE
  int64_t GetDate64(int64_t i) const { return Load<int64_t>(i); }       // DATE64, microseconds since the epoch
  int32_t GetIndex(int64_t i) const { return Load<int32_t>(i); }        // TENSOR, NDARRAY, BUFFER, sparse kinds
  SequenceRange GetSequence(int64_t i) const {                          // LIST, TUPLE, SET
    const Child& c = child(i);
    return {c.items, c.offsets[offsets_[i]], c.offsets[offsets_[i] + 1]};
  }
  DictRange GetDict(int64_t i) const {  // DICT
    const Child& c = child(i);
    return {c.items, c.vals, c.entry_offset + c.offsets[offsets_[i]], c.entry_offset + c.offsets[offsets_[i] + 1]};
  }

  UnionReader(const UnionReader&) = delete;
  UnionReader& operator=(const UnionReader&) = delete;
  ~UnionReader() = default;

  /// Which tag and child each type code selects (-1 for unused codes). The fast decoder's plan
  /// holds one per union of a schema, shared by every read of it.
  struct CodeTable {
    CodeTable() {
      tag_of_code.fill(-1);
      child_of_code.fill(-1);
    }
    std::array<int8_t, 128> tag_of_code;
    std::array<int8_t, 128> child_of_code;  // index into the union's children
    int8_t int_code = -1;                   // the code of the INT child, -1 when none
  };

 private:
  friend class SequenceReader;
  friend struct SequenceChecker;
  friend struct internal::SequenceDecoder;
  // What one child holds; only the members its tag needs are set.
  struct Child {
    PythonTag tag = PythonTag::NONE;
    const uint8_t* bits = nullptr;       // BOOL
    int64_t bit_offset = 0;
    const uint8_t* values = nullptr;     // fixed width, array offset applied
    const int32_t* offsets = nullptr;    // binary and lists, array offset applied
    const uint8_t* bytes = nullptr;      // binary data
    const UnionReader* items = nullptr;  // LIST/TUPLE/SET values, DICT keys
    const UnionReader* vals = nullptr;   // DICT values
    int64_t entry_offset = 0;            // DICT: offset of the struct array
    bool ascii = false;                  // STRING: all bytes below 0x80 (false when unknown)
  };
  UnionReader() = default;
  const Child& child(int64_t i) const { return children_[codes_->child_of_code[static_cast<size_t>(type_codes_[i])]]; }
  template <typename T>
  T Load(int64_t i) const {
    T out;
    std::memcpy(&out, child(i).values + static_cast<int64_t>(offsets_[i]) * static_cast<int64_t>(sizeof(T)), sizeof(T));
    return out;
  }
  int64_t length_ = 0;
  const int8_t* type_codes_ = nullptr;
  const int32_t* offsets_ = nullptr;
  const CodeTable* codes_ = nullptr;
  Child* children_ = nullptr;  // in the SequenceReader's arena
};

class SequenceReader {
 public:
  /// Checks the structure of `batch` (see the file comment).
  static Result<std::unique_ptr<SequenceReader>> Open(RecordBatchPtr batch);

  TagNumbering numbering() const { return numbering_; }
  /// The top-level union (one row per serialized value; pyarrow writes one).
  const UnionReader& root() const { return *root_; }
  /// 1 + the largest index of `kind` referenced anywhere (0 when none): how many tensors,
  /// ndarrays, buffers or sparse tensors of that kind the batch needs. Sparse kinds share one list.
  int64_t ReferencedCount(PythonTag kind) const;
  /// Invalid if an index exceeds the counts of what is present.
  Status CheckIndexBounds(int64_t num_tensors, int64_t num_ndarrays, int64_t num_buffers,
                          int64_t num_sparse_tensors) const;

  /// An empty reader for ReadPlainObject (serialized_object.h) to fill, and fill again: the
  /// memory of its readers is kept from one object to the next.
  static std::unique_ptr<SequenceReader> MakeReusable();
  /// Bytes of reader memory it keeps (what a cache of reusable readers may bound).
  size_t retained_bytes() const;

  ~SequenceReader();

 private:
  SequenceReader();
  // Room for `unions` readers with `children` children in all (one allocation each, kept when
  // large enough already).
  void Allocate(size_t unions, size_t children);
  RecordBatchPtr batch_;              // what the readers point into (generic path)
  std::shared_ptr<Buffer> bytes_;     // or the bytes the fast decoder read,
  std::shared_ptr<const void> plan_;  // and its plan (owner of the code tables)
  TagNumbering numbering_ = TagNumbering::kModern;
  std::unique_ptr<UnionReader[]> unions_;
  std::unique_ptr<UnionReader::Child[]> children_;
  size_t union_capacity_ = 0;
  size_t child_capacity_ = 0;
  std::unique_ptr<UnionReader::CodeTable[]> tables_;  // generic path: one per union
  const UnionReader* root_ = nullptr;
  std::array<int64_t, kNumPythonTags> referenced_{};
  friend struct SequenceChecker;
  friend struct internal::SequenceDecoder;
};

}  // namespace arrowpack::serialize
