// Tensor and SparseTensor IPC messages (pyarrow's write_tensor / read_tensor / get_tensor_size).
// A dense tensor message is the metadata padded to 64 bytes followed by the elements in its
// own layout when contiguous, otherwise copied into row-major order; a sparse tensor message
// carries its index buffers and then the values, each padded to 64 bytes. Reading from
// memory-backed streams gives tensors that are zero-copy views of the input. Malformed
// messages give Invalid.
#pragma once

#include <cstdint>
#include <memory>

#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/tensor.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/ipc/writer.h"

namespace arrowpack::ipc {

struct TensorWriteResult {
  /// Prefix + metadata + padding.
  int32_t metadata_length = 0;
  int64_t body_length = 0;
};

/// Writes `tensor` as one encapsulated Tensor message.
Result<TensorWriteResult> WriteTensor(const Tensor& tensor, io::OutputStream* stream);
/// Bytes WriteTensor would write.
Result<int64_t> GetTensorSize(const Tensor& tensor);
/// Reads the next message of `stream`, which must be a Tensor message.
Result<TensorPtr> ReadTensor(io::InputStream* stream, const IpcReadOptions& options = IpcReadOptions());
Result<TensorPtr> ReadTensor(const Message& message, const IpcReadOptions& options = IpcReadOptions());

/// Writes `sparse_tensor` (COO, CSR, CSC or CSF) as one encapsulated SparseTensor message.
Result<TensorWriteResult> WriteSparseTensor(const SparseTensor& sparse_tensor, io::OutputStream* stream);
Result<int64_t> GetSparseTensorSize(const SparseTensor& sparse_tensor);
/// The index is checked like SparseTensor::Make does (structure and bounds against the shape).
Result<SparseTensorPtr> ReadSparseTensor(io::InputStream* stream, const IpcReadOptions& options = IpcReadOptions());
Result<SparseTensorPtr> ReadSparseTensor(const Message& message, const IpcReadOptions& options = IpcReadOptions());

/// The messages as payloads (metadata flatbuffer without prefix or padding, plus the body
/// buffers) for callers that hand the pieces out separately (serialize's components). A tensor has
/// one body buffer: its own memory when contiguous, else a row-major copy. A sparse tensor has
/// its index buffers, then its values (COO 2, CSR/CSC 3, CSF 2 * ndim).
Result<IpcPayload> GetTensorPayload(const Tensor& tensor);
Result<IpcPayload> GetSparseTensorPayload(const SparseTensor& sparse_tensor);
/// Where the body buffers of the SparseTensor message `metadata` (a flatbuffer as in the payload)
/// start in its body, in payload order (index buffers, then values): one offset per body buffer.
/// Writers differ in how they pad between buffers (arrowpack to 64 bytes, pyarrow to 8), so a
/// body rebuilt from separate buffers must put each at its offset. Invalid unless it is a verified
/// SparseTensor message.
Result<std::vector<int64_t>> SparseTensorBodyBufferOffsets(const std::shared_ptr<Buffer>& metadata);

}  // namespace arrowpack::ipc
