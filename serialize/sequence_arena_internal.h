// The storage behind SequenceWriter (internal to serialize/): the tree of dense unions of one
// object as plain growable byte arrays, kept in an arena whose nodes and arrays are reused from
// one object to the next, so that steady-state serialization of small objects allocates
// nothing per buffer. SequenceWriter fills it; sequence_writer.cc turns it into a RecordBatch
// and sequence_stream_encoder.cc into the encoded IPC stream.
//
// Each thread keeps one spare arena (Acquire / Release); an arena that grew beyond
// kMaxRetainedArenaBytes is freed instead of kept. Errors: growth failures are OutOfMemory.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
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

/// A byte array that grows geometrically and keeps its capacity when cleared.
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
  /// AppendValue when HasRoom(sizeof(T)).
  template <typename T>
  void AppendValueUnchecked(T value) {
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += static_cast<int64_t>(sizeof(T));
  }
  /// Appends bit number `index` (the bits before it are already there), least significant first.
  Status AppendBit(int64_t index, bool bit) {
    if (index % 8 == 0) ARROWPACK_RETURN_NOT_OK(AppendValue<uint8_t>(0));
    if (bit) data_[size_ - 1] = static_cast<uint8_t>(data_[size_ - 1] | (1u << (index % 8)));
    return Status::OK();
  }

 private:
  Status Grow(int64_t n);

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

/// A dense union: a Null child first (type code 0), then `children` (type code = index + 1).
struct UnionNode {
  GrowableBytes types;    // int8 type code per slot
  GrowableBytes offsets;  // int32 offset into the slot's child
  std::array<int8_t, kNumPythonTags> code_of_tag{};
  int64_t null_length = 0;
  std::vector<ChildNode*> children;

  int64_t length() const { return types.size(); }
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

/// Reusable scratch of the stream encoder.
struct EncoderScratch {
  std::string shape_key;
  // The shape this arena encoded last, its schema and framed schema message: a repeated shape
  // skips the schema cache's lock and hashing (equal shape keys mean equal schemas).
  std::string last_shape_key;
  std::shared_ptr<Schema> last_schema;
  std::shared_ptr<Buffer> last_schema_message;
  ipc::internal::RecordBatchInfo info;
  flatbuffers::FlatBufferBuilder message_builder;
  std::vector<std::pair<const uint8_t*, int64_t>> body_parts;  // in body order
  std::array<MessageTemplate, 4> templates;  // the schemas encoded last, replaced in turn
  size_t next_template = 0;
};

class SequenceArena {
 public:
  SequenceArena() = default;
  SequenceArena(const SequenceArena&) = delete;
  SequenceArena& operator=(const SequenceArena&) = delete;

  /// An empty union / child node (memory of earlier use kept). Valid until Reset().
  UnionNode* NewUnion();
  ChildNode* NewChild(PythonTag tag);
  /// Makes every node unused again.
  void Reset() {
    used_unions_ = 0;
    used_children_ = 0;
  }
  /// Array capacity held by all nodes (counted as the arrays grow, not by visiting them).
  int64_t RetainedBytes() const { return retained_bytes_; }

  EncoderScratch scratch;

  /// This thread's spare arena (reset), or a new one.
  static std::unique_ptr<SequenceArena> Acquire();
  /// Keeps `arena` as this thread's spare unless it holds too much memory or a spare exists.
  static void Release(std::unique_ptr<SequenceArena> arena);

 private:
  std::vector<std::unique_ptr<UnionNode>> unions_;
  std::vector<std::unique_ptr<ChildNode>> children_;
  size_t used_unions_ = 0;
  size_t used_children_ = 0;
  int64_t retained_bytes_ = 0;
};

}  // namespace arrowpack::serialize::internal
