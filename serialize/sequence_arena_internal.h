// The storage behind SequenceWriter (internal to serialize/): the tree of dense unions of one
// object as plain growable byte arrays, kept in an arena from one object to the next, so that
// steady-state serialization of small objects allocates nothing per buffer. The tree itself is
// kept too: each union remembers the children of earlier objects after the ones the current
// object used so far, as the prediction of the children the object will use next. A repeated
// shape therefore only confirms the children it finds in place (no node is created or linked),
// and the arena knows without comparing shape keys that the shape is the one it sealed last
// (shape_changed). SequenceWriter fills it; sequence_writer.cc turns it into a RecordBatch and
// sequence_stream_encoder.cc into the encoded IPC stream.
//
// Each thread keeps one spare arena (Acquire / Release); an arena that grew beyond
// kMaxRetainedArenaBytes of arrays or kMaxRetainedArenaNodes nodes is freed instead of kept, and
// drops its tree when reset for the next object (a writer reused for many objects).
// Errors: growth failures are OutOfMemory.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/core/status.h"
#include "arrowpack/ipc/metadata_internal.h"
#include "arrowpack/serialize/python_tag.h"

namespace arrowpack::serialize::internal {

/// An arena keeps at most this many bytes of array capacity for the next object.
constexpr int64_t kMaxRetainedArenaBytes = int64_t{4} << 20;
/// An arena keeps at most this many union and child nodes for the next object.
constexpr size_t kMaxRetainedArenaNodes = 4096;

/// A byte array that grows geometrically and keeps its capacity when cleared. The capacity is a
/// multiple of 8, so that the bytes up to size() rounded up to 8 can be read (the stream encoder
/// copies whole words).
class GrowableBytes {
 public:
  GrowableBytes() = default;
  ~GrowableBytes() { std::free(data_); }
  GrowableBytes(const GrowableBytes&) = delete;
  GrowableBytes& operator=(const GrowableBytes&) = delete;

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  void Clear() { size_ = 0; }
  /// Adds every later growth of the capacity to *total (the arena's RetainedBytes).
  void CountGrowthIn(int64_t* total) { growth_total_ = total; }

  Status Append(const void* bytes, int64_t n) {
    if (n == 0) return Status::OK();
    if (n > capacity_ - size_) ARROWPACK_RETURN_NOT_OK(Grow(n));
    std::memcpy(data_ + size_, bytes, static_cast<size_t>(n));
    size_ += n;
    return Status::OK();
  }
  template <typename T>
  Status AppendValue(T value) {
    return Append(&value, sizeof(T));
  }
  /// Whether `n` more bytes fit without growing.
  bool HasRoom(int64_t n) const { return n <= capacity_ - size_; }
  /// Grows, if needed, so that `n` more bytes fit.
  Status Reserve(int64_t n) { return HasRoom(n) ? Status::OK() : Grow(n); }
  /// AppendValue when HasRoom(sizeof(T)).
  template <typename T>
  void AppendValueUnchecked(T value) {
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += static_cast<int64_t>(sizeof(T));
  }
  /// Append when HasRoom(n).
  void AppendUnchecked(const void* bytes, int64_t n) {
    CopySmall(data_ + size_, bytes, n);
    size_ += n;
  }
  /// When HasRoom(n): adds n bytes and returns where they start, for the caller to fill (bulk
  /// appends write through a local pointer instead of updating size() per value).
  uint8_t* Extend(int64_t n) {
    uint8_t* out = data_ + size_;
    size_ += n;
    return out;
  }
  /// memcpy, with up to 16 bytes as two overlapping moves instead of a call (short strings).
  static void CopySmall(uint8_t* out, const void* bytes, int64_t n) {
    const auto* in = static_cast<const uint8_t*>(bytes);
    if (n > 16) {
      std::memcpy(out, in, static_cast<size_t>(n));
    } else if (n >= 8) {
      CopyOverlapping<uint64_t>(in, n, out);
    } else if (n >= 4) {
      CopyOverlapping<uint32_t>(in, n, out);
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = in[i];
    }
  }
  /// Appends bit number `index` (the bits before it are already there), least significant first.
  Status AppendBit(int64_t index, bool bit) {
    if (index % 8 == 0) ARROWPACK_RETURN_NOT_OK(AppendValue<uint8_t>(0));
    if (bit) data_[size_ - 1] = static_cast<uint8_t>(data_[size_ - 1] | (1u << (index % 8)));
    return Status::OK();
  }

 private:
  Status Grow(int64_t n);
  // Copies n bytes (sizeof(Word) <= n <= 2 * sizeof(Word)) as the first and the last Word.
  template <typename Word>
  static void CopyOverlapping(const uint8_t* in, int64_t n, uint8_t* out) {
    Word first;
    Word last;
    std::memcpy(&first, in, sizeof(Word));
    std::memcpy(&last, in + n - static_cast<int64_t>(sizeof(Word)), sizeof(Word));
    std::memcpy(out, &first, sizeof(Word));
    std::memcpy(out + n - static_cast<int64_t>(sizeof(Word)), &last, sizeof(Word));
  }

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  int64_t* growth_total_ = nullptr;
};

struct UnionNode;

/// One child of a union: the values of one tag. Only the members its tag needs are used.
struct ChildNode {
  PythonTag tag = PythonTag::NONE;
  int64_t length = 0;
  GrowableBytes values;   // fixed-width values, binary data, or packed bools (BOOL)
  GrowableBytes offsets;  // int32: binary and container offsets, the start of each row
  UnionNode* items = nullptr;      // LIST, TUPLE, SET values; DICT keys
  UnionNode* dict_vals = nullptr;  // DICT values
};

/// A dense union: a Null child first (type code 0), then children() (type code = index + 1).
struct UnionNode {
  UnionNode() {
    code_of_tag.fill(-1);
    code_of_tag[0] = 0;  // the Null child, always first
  }

  GrowableBytes types;    // int8 type code per slot
  GrowableBytes offsets;  // int32 offset into the slot's child
  // Per tag, 1 + the index of its child in `known`, -1 for tags without one. Kept from object to
  // object like `known`: a tag whose code is at most `used` is a child the object uses already
  // (the one check of the append path), and a repeated shape finds each next child in place.
  std::array<int8_t, kNumPythonTags> code_of_tag{};
  int64_t null_length = 0;
  // The children the object used here (the first `used`, in order of first use), then those that
  // earlier objects used and this one has not (yet): at most one per tag.
  std::vector<ChildNode*> known;
  size_t used = 0;
  size_t sealed_used = 0;  // `used` when the arena's last object was sealed

  int64_t length() const { return types.size(); }
  std::span<ChildNode* const> children() const { return {known.data(), used}; }
  /// Whether the object uses the child of `tag` here already, or it is the next known child in
  /// place, now used (either way its type code is code_of_tag[tag]). Else UseChild is needed.
  bool Use(PythonTag tag) {
    const auto index = static_cast<size_t>(code_of_tag[static_cast<size_t>(tag)] - 1);
    if (index < used) return true;
    if (index != used) return false;
    ++used;
    return true;
  }
  /// Empty, with no child used; the known children stay, unused, and are emptied too (with their
  /// item unions), so that a child an object has not used yet is always empty.
  /// Out of line and not inlined into itself: once per object, and small code.
  [[gnu::noinline]] void Restart();
};

/// Where the next value goes inside an open dict; kKeysGiven: a dict opened with all its keys,
/// whose values follow as a sequence.
enum class DictState : int8_t { kNeedKey, kKeyNext, kNeedValue, kValueNext, kKeysGiven };

/// A container open in SequenceWriter.
struct OpenContainer {
  ChildNode* container;
  // The union its values go into without DictKey()/DictValue(): the items of a list, tuple or
  // set, the values of a kKeysGiven dict; nullptr for other dicts.
  UnionNode* target;
  DictState state = DictState::kNeedKey;
  int64_t values_end = 0;  // kKeysGiven: target's length once every value is there
};

/// A record batch message the IPC writer encoded for one schema, with the byte positions of its
/// numbers. Its layout depends only on the number of field nodes and buffers and on whether the
/// batch length and body length are zero (FlatBuffers leaves out zero scalars), so for the same
/// schema and non-zero lengths, patching the numbers in gives the bytes the writer would encode.
struct MessageTemplate {
  std::shared_ptr<Schema> schema;  // held, so that no other schema can reuse its address
  std::vector<uint8_t> bytes;
  size_t num_nodes = 0;
  size_t num_buffers = 0;
  size_t nodes_at = 0;        // the FieldNode structs
  size_t buffers_at = 0;      // the Buffer structs
  size_t length_at = 0;       // RecordBatch.length
  size_t body_length_at = 0;  // Message.bodyLength
};

/// A buffer of the record batch body: its data and size (unpadded).
struct BodyPart {
  const uint8_t* data;
  int64_t size;
};

/// Where the stream encoder's walk of the tree stands in one union: the children it has yet to
/// visit, and the union to walk after them (a dict's values, after its keys), or nullptr.
struct WalkFrame {
  ChildNode* const* next = nullptr;
  ChildNode* const* end = nullptr;
  UnionNode* then = nullptr;
};

/// Reusable scratch of the stream encoder.
struct EncoderScratch {
  std::string shape_key;
  // The schema of the tree sealed last (see SequenceArena::shape_changed): a repeated shape skips
  // the shape key and the schema cache's lock and hashing.
  std::shared_ptr<Schema> last_schema;
  // The framed schema message encoded last, and its schema.
  std::shared_ptr<Schema> message_schema;
  std::shared_ptr<Buffer> last_schema_message;
  ipc::internal::RecordBatchInfo info;
  flatbuffers::FlatBufferBuilder message_builder;
  std::vector<BodyPart> body_parts;  // in body order
  std::vector<WalkFrame> walk_stack;  // the unions the walk is inside, outermost first
  std::array<MessageTemplate, 4> templates;  // the schemas encoded last, replaced in turn
  size_t next_template = 0;
};

class SequenceArena {
 public:
  SequenceArena() : root_(NewUnion()) {}
  SequenceArena(const SequenceArena&) = delete;
  SequenceArena& operator=(const SequenceArena&) = delete;

  /// The top-level union (kept, like every node, for the arena's life).
  UnionNode* root() const { return root_; }
  /// A new empty union / child node, owned by the arena.
  UnionNode* NewUnion();
  ChildNode* NewChild(PythonTag tag);
  /// The child of `tag` as the next child the object uses in `node` (which it does not use yet,
  /// so the child is empty): the known one moved into place, or a new one. Sets shape_changed
  /// when it was not already next in place.
  ChildNode* UseChild(UnionNode* node, PythonTag tag);
  /// Starts the next object: the root restarted, no container open. An arena over either limit
  /// (kMaxRetainedArenaBytes, kMaxRetainedArenaNodes) drops its tree and arrays first, so root()
  /// may change.
  void Reset();
  /// Array capacity held by all nodes (counted as the arrays grow, not by visiting them).
  int64_t RetainedBytes() const { return retained_bytes_; }
  size_t NodeCount() const { return unions_.size() + children_.size(); }

  /// Whether the tree of used children may differ from the one sealed with scratch.last_schema:
  /// set when a child is created or moved (UseChild) or a union's used count differs from its
  /// sealed one (when sealing); cleared when last_schema is set for the sealed tree.
  bool shape_changed = true;
  std::vector<OpenContainer> open;  // SequenceWriter's stack of open containers
  EncoderScratch scratch;

  /// This thread's spare arena (reset), or a new one.
  static std::unique_ptr<SequenceArena> Acquire();
  /// Keeps `arena` as this thread's spare unless it holds too much memory or a spare exists.
  static void Release(std::unique_ptr<SequenceArena> arena);

 private:
  std::vector<std::unique_ptr<UnionNode>> unions_;
  std::vector<std::unique_ptr<ChildNode>> children_;
  int64_t retained_bytes_ = 0;
  UnionNode* root_;
};

}  // namespace arrowpack::serialize::internal
