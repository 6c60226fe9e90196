// SequenceWriter builds the one-row dense-union RecordBatch of pyarrow's object format (1.0-11
// layout, byte-compatible with pyarrow's SequenceBuilder): every union opens with a Null child
// "0"; other children are added on first use and named by their decimal PythonTag; type codes
// are 0, 1, 2, ... in order of first appearance (so a type code is its child's index); all
// lists (likewise tuples, sets, dicts) directly inside one union share one List child and one
// values union; a dict is List<Struct<keys: dense_union, vals: dense_union>>.
//
// Streaming use: append scalars, or open a container with Begin*, append its items, End() it.
// Inside a dict, call DictKey() before each key and DictValue() before each value; the key or
// value is then exactly one Append* or one Begin*...End(). Example, {"a": [1, None]}:
//   BeginDict(); DictKey(); AppendString("a"); DictValue(); BeginList(); AppendInt64(1);
//   AppendNone(); End(); End(); Finish();
// A dict whose keys are all strings may instead be opened with them (BeginDictWithKeys), its
// values then following like a list's items. The bulk appends (AppendInt64s, AppendDoubles,
// AppendStrings) write what one call per value writes, with one capacity check per array.
//
// Errors: as in pyarrow, opening a dict while 100 containers are open, or a list, tuple or set
// while 99 are, is NotImplemented with pyarrow's message "This object exceeds the maximum
// recursion depth. It may contain itself recursively." (so 99 nested lists or 100 nested dicts
// are the most pyarrow 1.0-11 writes; note that its reader, like ours, stops at about 30 levels
// of lists / 20 of dicts, because of the FlatBuffers verifier's depth limit of 128); bytes
// or strings longer than 2^31 - 1 bytes, or a child whose data would exceed that, CapacityError;
// misuse (End without Begin, DictKey outside a dict, a value in a dict without DictKey/DictValue,
// two values for one key, a dict opened with n keys ended after another number of values,
// Finish with open containers) Invalid. After an error the writer must be discarded. Values
// accumulate in heap arrays that grow geometrically and are reused by the thread's next writer
// (see sequence_arena_internal.h); Finish/FinishStream output comes from the writer's pool. Not
// thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/result.h"
#include "arrowpack/serialize/python_tag.h"

namespace arrowpack::serialize {

/// pyarrow's kMaxRecursionDepth (see the file comment for how it counts).
constexpr int kMaxRecursionDepth = 100;

/// A stream encoded inside a larger buffer (SequenceWriter::FinishStreamAt): bytes
/// [offset, offset + size) of `buffer`.
struct PlacedStream {
  std::shared_ptr<Buffer> buffer;
  int64_t offset = 0;
  int64_t size = 0;
};

class SequenceWriter {
 public:
  /// nullptr: the default pool.
  explicit SequenceWriter(MemoryPool* pool = nullptr);
  ~SequenceWriter();
  SequenceWriter(const SequenceWriter&) = delete;
  SequenceWriter& operator=(const SequenceWriter&) = delete;

  Status AppendNone();
  Status AppendBool(bool value);
  Status AppendInt64(int64_t value);
  /// `n` values, as n AppendInt64 calls would append them (cheaper inside a list, tuple or set).
  Status AppendInt64s(const int64_t* values, int64_t n);
  Status AppendBytes(const uint8_t* data, int64_t size);
  Status AppendString(std::string_view utf8);  // the caller guarantees UTF-8
  /// `n` strings, as n AppendString calls would append them (cheaper inside a list, tuple, set
  /// or a dict opened with BeginDictWithKeys). A string over the length limit is the same
  /// CapacityError, with the strings before it appended.
  Status AppendStrings(const std::string_view* utf8, int64_t n);
  Status AppendHalfFloat(uint16_t bits);       // IEEE half as its raw bits (numpy float16)
  Status AppendFloat(float value);
  Status AppendDouble(double value);
  /// `n` values, as n AppendDouble calls would append them (cheaper in a sequence, as above).
  Status AppendDoubles(const double* values, int64_t n);
  /// A datetime as microseconds since the epoch (pyarrow's DATE64 convention).
  Status AppendDate64(int64_t micros);
  /// An index into a side list; `kind` is TENSOR, NDARRAY, BUFFER or a sparse tag (else Invalid).
  Status AppendIndex(PythonTag kind, int32_t index);

  Status BeginList();
  Status BeginTuple();
  Status BeginSet();
  Status BeginDict();
  /// Opens a dict and appends its `n` keys, all strings (UTF-8), in entry order. Its n values
  /// follow, in the same order, each one Append* or one Begin*...End(), without DictKey() or
  /// DictValue() (which are Invalid in it); End() is Invalid unless exactly n values came. The
  /// bytes are those of BeginDict() and n DictKey(), AppendString, DictValue(), value entries.
  Status BeginDictWithKeys(const std::string_view* keys, int64_t n);
  /// Inside the innermost open dict: the next value is a key / the value of the current key.
  Status DictKey();
  Status DictValue();
  /// Closes the innermost open container.
  Status End();

  /// Containers open now (0 at the top level).
  int depth() const;
  /// Values appended at the top level so far (pyarrow serializes exactly one).
  int64_t top_level_length() const;

  /// The batch: one column "list" holding the top-level union, one row per top-level value
  /// (pyarrow's serialize() writes exactly one), its buffers from the writer's pool. Invalid
  /// with open containers. The writer is empty afterwards.
  Result<RecordBatchPtr> Finish();
  /// The embedded IPC stream of the batch Finish() would return (schema message, record batch
  /// message and body, end-of-stream), byte-identical to the IPC stream writer's, encoded
  /// directly into one buffer from the writer's pool. Invalid with open containers; the writer
  /// is empty afterwards.
  Result<std::shared_ptr<Buffer>> FinishStream();
  /// FinishStream's stream encoded at byte `offset` of a larger buffer whose size is padded to a
  /// multiple of `alignment`, zeros before and after it, so that a caller can frame the stream
  /// without copying it (SerializedObject's ToBuffer layout). Invalid for a negative offset or an
  /// alignment that is not a power of two.
  Result<PlacedStream> FinishStreamAt(int64_t offset, int64_t alignment);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::serialize
