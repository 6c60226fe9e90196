// Value <-> pyarrow's object format: the C++ counterpart of Python's serialize()/deserialize().
// A Value encodes into a SerializedObject (write it with WriteTo/ToBuffer/GetComponents), and a
// SerializedObject read from any source decodes back into a Value.
//
// Kinds without a native tag travel as pyarrow's default handlers write them, so Python (arrowpack
// and pyarrow 1.0-11 with their default contexts) reads them back as the same objects:
//   big int      -> {"data": "<decimal>", "_pytype_": "int"}
//   Arrow array  -> {"data": <buffer: IPC stream of a one-column batch, field "">, "_pytype_": "pyarrow.Array"}
//   record batch -> {"data": <buffer: IPC stream>, "_pytype_": "pyarrow.RecordBatch"}
//   table        -> {"data": <buffer: IPC stream>, "_pytype_": "pyarrow.Table"}
//   custom       -> {"data": <payload>, "_pytype_": "<type id>"}
// Decoding turns exactly these two-entry dicts back into those kinds (a bytes id, as Python 2
// writers stored it, counts as its text); a "_pytype_" dict of any
// other shape (pickled, namedtuple or __dict__ objects written by Python) stays a plain dict
// Value so the caller can inspect it. Nothing is ever unpickled.
//
// Ownership: tensors, ndarrays, sparse tensors and buffers are shared, never copied, both ways; a
// decoded Value keeps the source's memory alive through them.
// Errors: encoding gives the SequenceWriter's errors (NotImplemented past 100 nested containers,
// CapacityError for bytes or str over 2^31 - 1 bytes) and CapacityError for more than 2^31 - 1
// tensors or buffers. String values must be UTF-8 (readers reject anything else). Decoding
// treats the object as hostile: SequenceReader's structural checks, index bounds, more than one
// top-level value, malformed "int" or "pyarrow.*" payloads: Invalid naming what is wrong.
#pragma once

#include <memory>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/serialize/serialized_object.h"
#include "arrowpack/serialize/value.h"

namespace arrowpack {

/// The type ids of pyarrow's default handlers that Value decodes into its own kinds.
inline constexpr char kBigIntTypeId[] = "int";
inline constexpr char kArrayTypeId[] = "pyarrow.Array";
inline constexpr char kRecordBatchTypeId[] = "pyarrow.RecordBatch";
inline constexpr char kTableTypeId[] = "pyarrow.Table";

/// Encodes `value`; the batch and the IPC streams of Arrow kinds are allocated from `pool`
/// (nullptr: the default pool).
Result<serialize::SerializedObject> SerializeValue(const Value& value, MemoryPool* pool = nullptr);

/// Decodes what SerializeValue (or Python's serialize()) produced.
Result<Value> DeserializeValue(const serialize::SerializedObject& object);

/// SerializeValue then SerializedObject::WriteTo.
Status WriteValue(const Value& value, io::OutputStream* sink, MemoryPool* pool = nullptr);

/// Reads one object at the current position of `source` (ReadSerializedObject) and decodes it.
Result<Value> ReadValue(io::RandomAccessFile* source);
/// ReadValue over the bytes of `buffer` (zero-copy: array kinds are slices of it).
Result<Value> ReadValue(std::shared_ptr<Buffer> buffer);

}  // namespace arrowpack
