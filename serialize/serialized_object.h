// SerializedObject: the pieces of one value in pyarrow's object format, i.e. the one-row dense
// union batch (see sequence_writer.h) plus the tensors, sparse tensors, ndarrays and buffers
// its index children refer to. It owns nothing but shared references: tensors and buffers are
// the caller's memory (numpy arrays, input blobs), never copied on the way to components or back.
//
// Byte layout written (pyarrow 0.16-11, byte-identical to pyarrow 1.0-11 for the same batch):
//   int32 num_tensors, num_sparse_tensors, num_ndarrays, num_buffers (little-endian)
//   zero padding to an 8-byte position; an Arrow IPC stream (schema, the batch, end-of-stream)
//   zero padding to a 64-byte position
//   each tensor, then each sparse tensor, then each ndarray: an IPC Tensor / SparseTensor
//     message (body 64-byte aligned), then zero padding to a 64-byte position
//   each buffer: int64 size, then its bytes (no padding)
// Positions are measured from the sink's Tell(), so several objects can follow one another in a
// file and be read back in turn.
//
// Errors: writing passes on the sink's errors; ToBuffer's allocation OutOfMemory. Reading treats
// input as hostile: truncation, negative or oversized counts and lengths, wrong message types or
// a stream without its end-of-stream marker are Invalid naming what and where. Components with
// the wrong number of buffers: Invalid("Invalid number of buffers in data").
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/tensor.h"
#include "arrowpack/ipc/options.h"
#include "arrowpack/serialize/sequence_writer.h"

namespace arrowpack::serialize {

/// pyarrow's num_sparse_tensors dict: how many of each sparse format, and for CSF the sum of the
/// ndims (a CSF tensor of ndim n has 2n body buffers).
struct SparseTensorCounts {
  int64_t coo = 0;
  int64_t csr = 0;
  int64_t csc = 0;
  int64_t csf = 0;
  int64_t ndim_csf = 0;
  int64_t num_total() const { return coo + csr + csc + csf; }
};

/// pyarrow's to_components() dict. `data` holds, in order: the IPC stream (schema, batch, EOS);
/// per tensor its Tensor message metadata (flatbuffer padded for 64-byte alignment, no prefix)
/// and its body; per sparse tensor its metadata and body buffers (COO 2, CSR/CSC 3, CSF 2*ndim);
/// per ndarray metadata and body; then each raw buffer.
struct SerializedComponents {
  int64_t num_tensors = 0;
  int64_t num_ndarrays = 0;
  int64_t num_buffers = 0;
  SparseTensorCounts num_sparse_tensors;
  std::vector<std::shared_ptr<Buffer>> data;
};

class SequenceReader;

/// How a reader hands out the embedded IPC stream of an object.
enum class StreamDecoding : int8_t {
  /// `batch`: the IPC reader's RecordBatch, for C++ callers that use it.
  kBatch,
  /// `encoded_stream` and `sequence` when the fast decoder (sequence_decoder_internal.h) reads
  /// the stream, else `batch` as kBatch. For callers that only read the values.
  kSequence,
};

/// At least one of `batch` / `encoded_stream` is set; when both are, they describe the same
/// batch. Writers that encode the stream directly set only `encoded_stream`; readers set `batch`,
/// or with StreamDecoding::kSequence possibly `encoded_stream` and `sequence` instead.
/// Code that reads the values goes through OpenSequence, whichever is set.
struct SerializedObject {
  RecordBatchPtr batch;
  /// The embedded IPC stream exactly as written: schema message, record batch message and body,
  /// end-of-stream marker. When set, writing and components use it as is.
  std::shared_ptr<Buffer> encoded_stream;
  /// ToBuffer's whole output, when the writer encoded the stream in place inside it
  /// (FinishEncodedStream, for objects without tensors, sparse tensors, ndarrays or buffers);
  /// `encoded_stream` is then a slice of it. Ignored once any of those lists is not empty.
  std::shared_ptr<Buffer> laid_out;
  /// The checked reader of the same batch, when the reader of the object already built it.
  std::shared_ptr<const SequenceReader> sequence;
  std::vector<TensorPtr> tensors;
  /// COO, CSR, CSC and CSF tensors in one list (the sparse index children index into it).
  std::vector<SparseTensorPtr> sparse_tensors;
  std::vector<TensorPtr> ndarrays;
  std::vector<std::shared_ptr<Buffer>> buffers;

  /// Writes the layout above. Non-contiguous tensors are written row by row (one copy).
  Status WriteTo(io::OutputStream* sink) const;
  /// Bytes WriteTo writes when it starts at position 0 (counted with a MockOutputStream).
  Result<int64_t> TotalBytes() const;
  /// WriteTo into one buffer allocated from `pool`; copies of large bodies are split over
  /// `nthreads` threads when nthreads > 1.
  Result<std::shared_ptr<Buffer>> ToBuffer(int nthreads = 1, MemoryPool* pool = nullptr) const;
  /// ToBuffer for an object that is not used afterwards: hands over `laid_out` (no copy; from the
  /// writer's pool) when it applies, leaving the object without a stream; else ToBuffer().
  Result<std::shared_ptr<Buffer>> TakeBuffer();
  /// The components; only the IPC stream (and non-contiguous tensor bodies) are new buffers
  /// from `pool`, the rest are the tensors' and buffers' own memory.
  Result<SerializedComponents> GetComponents(MemoryPool* pool = nullptr) const;
  /// Rebuilds from components without copying bodies (sparse tensor bodies from several buffers
  /// are gathered into one copy).
  static Result<SerializedObject> FromComponents(const SerializedComponents& components,
                                                 StreamDecoding decoding = StreamDecoding::kBatch);
};

/// Sets object->encoded_stream to `writer`'s stream (SequenceWriter::FinishStream). When the
/// object has no tensors, sparse tensors, ndarrays or buffers the stream is encoded in place
/// inside ToBuffer's layout and `laid_out` set too, so that ToBuffer copies it in one piece and
/// TakeBuffer not at all. Errors: FinishStream's.
Status FinishEncodedStream(SequenceWriter* writer, SerializedObject* object);

/// The object's `sequence`, else a SequenceReader over its batch, else over `encoded_stream`
/// (the fast decoder, or the IPC reader and SequenceReader::Open when it declines). Invalid when
/// none is set, or as SequenceReader::Open and the IPC reader report.
Result<std::shared_ptr<const SequenceReader>> OpenSequence(const SerializedObject& object);

/// Reads one object starting at the current position of `source` (which ends just after it):
/// the 4-int header of pyarrow 0.16-11 or the 3-int header of 0.12-0.15, either IPC framing,
/// metadata V4 or V5. From memory-backed sources (BufferReader, memory maps) the batch, tensor
/// bodies and buffers are zero-copy slices of the input. `options` bound allocations (e.g. of a
/// hostile compressed body); their nesting limit is raised to what kMaxRecursionDepth needs.
/// With StreamDecoding::kSequence and a zero-copy source the fast decoder reads the stream when
/// it can; the errors are the same either way.
Result<SerializedObject> ReadSerializedObject(io::RandomAccessFile* source,
                                              const ipc::IpcReadOptions& options = ipc::IpcReadOptions(),
                                              StreamDecoding decoding = StreamDecoding::kBatch);

/// The fast path for one whole object in memory at `data` (most small objects): when it holds
/// no tensors, sparse tensors, ndarrays or buffers and the fast decoder reads its stream
/// (sequence_decoder_internal.h), fills `reader` (from SequenceReader::MakeReusable) with its
/// values, all index checks passed, and returns true. The reader then points into
/// [data, data + size), which must stay alive and unchanged while it is used. Returns false for
/// anything else, invalid input included, and the reader is unusable: ReadSerializedObject reads
/// those objects and reports their errors (it gives the same values when this returns true).
bool ReadPlainObject(const uint8_t* data, int64_t size, SequenceReader* reader);

}  // namespace arrowpack::serialize
