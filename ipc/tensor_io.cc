#include "arrowpack/ipc/tensor_io.h"

#include <cstring>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/metadata_internal.h"
#include "arrowpack/ipc/writer.h"

namespace arrowpack::ipc {

namespace {

namespace fb = internal::fb;
using internal::FBB;
using DimVector = flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::TensorDim>>>;

constexpr int32_t kTensorAlignment = 64;

IpcWriteOptions TensorWriteOptions() {
  IpcWriteOptions options;
  options.alignment = kTensorAlignment;
  return options;
}

int64_t Padded(int64_t size) { return (size + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

// The elements in row-major order: a slice of the tensor's buffer when it already is laid out
// that way (or `keep_column_major` and it is column-major), else a copy.
Result<std::shared_ptr<Buffer>> ContiguousData(const Tensor& tensor, bool keep_column_major) {
  const int64_t nbytes = tensor.size() * tensor.byte_width();
  if (tensor.is_row_major() || (keep_column_major && tensor.is_column_major())) {
    return SliceBuffer(tensor.data(), 0, nbytes);
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> out, AllocateBuffer(nbytes));
  std::vector<int64_t> index(tensor.ndim(), 0);
  const int width = tensor.byte_width();
  for (int64_t i = 0; i < tensor.size(); ++i) {
    std::memcpy(out->mutable_data() + i * width, tensor.raw_data() + tensor.ValueOffset(index), width);
    for (int d = tensor.ndim() - 1; d >= 0; --d) {
      if (++index[d] < tensor.shape()[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

DimVector ShapeToFlatbuffer(FBB& fbb, const std::vector<int64_t>& shape, const std::vector<std::string>& names) {
  std::vector<flatbuffers::Offset<fb::TensorDim>> dims;
  for (size_t i = 0; i < shape.size(); ++i) {
    auto name = i < names.size() && !names[i].empty() ? fbb.CreateString(names[i]) : 0;
    dims.push_back(fb::CreateTensorDim(fbb, shape[i], name));
  }
  return fbb.CreateVector(dims);
}

Status ShapeFromFlatbuffer(const flatbuffers::Vector<flatbuffers::Offset<fb::TensorDim>>* dims,
                           std::vector<int64_t>* shape, std::vector<std::string>* names) {
  if (dims == nullptr) return Status::Invalid("tensor message has no shape");
  bool named = false;
  for (const fb::TensorDim* dim : *dims) {
    shape->push_back(dim->size());
    names->push_back(dim->name() ? dim->name()->str() : "");
    named |= dim->name() != nullptr && dim->name()->size() > 0;
  }
  if (!named) names->clear();
  return Status::OK();
}

// The buffer a metadata Buffer entry points at, checked against the body and aligned for
// elements of `width` bytes.
Result<std::shared_ptr<Buffer>> BodyBuffer(const Message& message, const fb::Buffer* spec, int width,
                                           const IpcReadOptions& options) {
  if (spec == nullptr) return Status::Invalid("tensor message lacks a buffer");
  const auto& body = message.body();
  if (spec->offset() < 0 || spec->length() < 0 || spec->offset() > body->size() ||
      spec->length() > body->size() - spec->offset()) {
    return Status::Invalid("tensor buffer (offset ", spec->offset(), ", length ", spec->length(),
                           ") lies outside the message body of ", body->size(), " bytes");
  }
  std::shared_ptr<Buffer> buffer = SliceBuffer(body, spec->offset(), spec->length());
  if (buffer->address() % std::min(width, 8) != 0) {
    ARROWPACK_ASSIGN_OR_RAISE(buffer, buffer->CopySlice(0, buffer->size(), options.memory_pool));
  }
  return buffer;
}

Result<int64_t> CountOf(const fb::Buffer* spec) {
  if (spec == nullptr) return Status::Invalid("sparse tensor message lacks an index buffer");
  if (spec->length() < 0 || spec->length() % 8 != 0) {
    return Status::Invalid("sparse tensor index buffer length ", spec->length(), " is not a multiple of 8");
  }
  return spec->length() / 8;
}

Status ExpectInt64(const fb::Int* type) {
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr index_type, internal::IntTypeFromFlatbuffer(type));
  if (index_type->id() != TypeId::INT64) {
    return Status::NotImplemented("sparse tensor indices of type ", index_type->ToString(), " (only int64)");
  }
  return Status::OK();
}

// Whether the CSF index buffer entries give lengths in elements (Arrow C++ / pyarrow, and arrowpack
// since it matched them) rather than bytes (arrowpack before). Level l's indptr has one entry more
// than level l's indices in elements, eight bytes more in bytes; a 1-D tensor has no indptr, and
// its one index level holds nnz entries (the units agree when nnz is 0).
bool CsfLengthsCountElements(const std::vector<fb::Buffer>& indptr, const std::vector<fb::Buffer>& indices,
                             int64_t nnz) {
  if (indices.empty()) return false;
  if (indptr.empty()) return indices.back().length() == nnz;
  return indptr[0].length() == indices[0].length() + 1;
}

// Sparse index tensors and values laid out in one body.
struct SparseBody {
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<fb::Buffer> specs;
  int64_t length = 0;

  Status Add(const Tensor& tensor) {
    ARROWPACK_ASSIGN_OR_RAISE(auto data, ContiguousData(tensor, false));
    Add(std::move(data));
    return Status::OK();
  }
  void Add(std::shared_ptr<Buffer> buffer) {
    specs.emplace_back(length, buffer->size());
    length += Padded(buffer->size());
    buffers.push_back(std::move(buffer));
  }
};

Result<IpcPayload> SparseTensorPayload(const SparseTensor& tensor) {
  FBB fbb;
  SparseBody body;
  const auto& index = *tensor.sparse_index();
  auto int64_type = [&] { return fb::CreateInt(fbb, 64, true); };
  fb::SparseTensorIndex index_tag;
  flatbuffers::Offset<void> index_table;
  switch (tensor.format_id()) {
    case SparseTensorFormat::COO: {
      const auto& coo = static_cast<const SparseCOOIndex&>(index);
      ARROWPACK_RETURN_NOT_OK(body.Add(*coo.indices()));
      auto strides = fbb.CreateVector(std::vector<int64_t>{coo.indices()->shape()[1] * 8, 8});
      auto type = int64_type();
      index_tag = fb::SparseTensorIndex_SparseTensorIndexCOO;
      index_table = fb::CreateSparseTensorIndexCOO(fbb, type, strides, &body.specs[0], coo.is_canonical()).Union();
      break;
    }
    case SparseTensorFormat::CSR:
    case SparseTensorFormat::CSC: {
      const auto& csx = static_cast<const SparseCSXIndex&>(index);
      ARROWPACK_RETURN_NOT_OK(body.Add(*csx.indptr()));
      ARROWPACK_RETURN_NOT_OK(body.Add(*csx.indices()));
      const auto axis = csx.compressed_axis() == 0 ? fb::SparseMatrixCompressedAxis_Row
                                                   : fb::SparseMatrixCompressedAxis_Column;
      auto indptr_type = int64_type();
      auto indices_type = int64_type();
      index_tag = fb::SparseTensorIndex_SparseMatrixIndexCSX;
      index_table = fb::CreateSparseMatrixIndexCSX(fbb, axis, indptr_type, &body.specs[0], indices_type,
                                                   &body.specs[1])
                        .Union();
      break;
    }
    case SparseTensorFormat::CSF: {
      const auto& csf = static_cast<const SparseCSFIndex&>(index);
      for (const auto& indptr : csf.indptr()) ARROWPACK_RETURN_NOT_OK(body.Add(*indptr));
      for (const auto& indices : csf.indices()) ARROWPACK_RETURN_NOT_OK(body.Add(*indices));
      // Arrow C++ (pyarrow) records the length of each CSF index buffer in elements, not bytes.
      for (fb::Buffer& spec : body.specs) spec = fb::Buffer(spec.offset(), spec.length() / 8);
      const size_t num_indptr = csf.indptr().size();
      std::vector<fb::Buffer> indptr_specs(body.specs.begin(), body.specs.begin() + num_indptr);
      std::vector<fb::Buffer> indices_specs(body.specs.begin() + num_indptr, body.specs.end());
      std::vector<int32_t> axis_order(csf.axis_order().begin(), csf.axis_order().end());
      auto indptr_type = int64_type();
      auto indptr_offset = fbb.CreateVectorOfStructs(indptr_specs);
      auto indices_type = int64_type();
      auto indices_offset = fbb.CreateVectorOfStructs(indices_specs);
      auto axis_offset = fbb.CreateVector(axis_order);
      index_tag = fb::SparseTensorIndex_SparseTensorIndexCSF;
      index_table = fb::CreateSparseTensorIndexCSF(fbb, indptr_type, indptr_offset, indices_type, indices_offset,
                                                   axis_offset)
                        .Union();
      break;
    }
    default:
      return Status::NotImplemented("unknown sparse tensor format");
  }
  const int width = tensor.type()->bit_width() / 8;
  body.Add(SliceBuffer(tensor.data(), 0, tensor.non_zero_length() * width));
  const fb::Buffer data_spec = body.specs.back();
  ARROWPACK_ASSIGN_OR_RAISE(auto type, internal::NumericTypeToFlatbuffer(fbb, *tensor.type()));
  auto shape = ShapeToFlatbuffer(fbb, tensor.shape(), tensor.dim_names());
  auto sparse = fb::CreateSparseTensor(fbb, type.first, type.second, shape, tensor.non_zero_length(), index_tag,
                                       index_table, &data_spec);
  fbb.Finish(internal::MakeMessageTable(fbb, TensorWriteOptions(), fb::MessageHeader_SparseTensor, sparse.Union(),
                                        body.length));
  IpcPayload payload;
  payload.type = MessageType::SPARSE_TENSOR;
  payload.metadata = internal::FinishToBuffer(fbb);
  payload.body_buffers = std::move(body.buffers);
  payload.body_length = body.length;
  return payload;
}

Result<std::shared_ptr<Buffer>> TensorMetadata(const Tensor& tensor, const Buffer& data) {
  FBB fbb;
  ARROWPACK_ASSIGN_OR_RAISE(auto type, internal::NumericTypeToFlatbuffer(fbb, *tensor.type()));
  auto shape = ShapeToFlatbuffer(fbb, tensor.shape(), tensor.dim_names());
  std::vector<int64_t> strides = tensor.strides();
  if (!tensor.is_row_major() && !tensor.is_column_major()) {
    ARROWPACK_ASSIGN_OR_RAISE(strides, ComputeRowMajorStrides(tensor.byte_width(), tensor.shape()));
  }
  auto strides_offset = fbb.CreateVector(strides);
  const fb::Buffer data_spec(0, data.size());
  auto table = fb::CreateTensor(fbb, type.first, type.second, shape, strides_offset, &data_spec);
  fbb.Finish(
      internal::MakeMessageTable(fbb, TensorWriteOptions(), fb::MessageHeader_Tensor, table.Union(), data.size()));
  return internal::FinishToBuffer(fbb);
}

}  // namespace

Result<IpcPayload> GetTensorPayload(const Tensor& tensor) {
  ARROWPACK_ASSIGN_OR_RAISE(auto data, ContiguousData(tensor, true));
  IpcPayload payload;
  payload.type = MessageType::TENSOR;
  ARROWPACK_ASSIGN_OR_RAISE(payload.metadata, TensorMetadata(tensor, *data));
  payload.body_length = data->size();
  payload.raw_body_length = data->size();
  payload.body_buffers.push_back(std::move(data));
  return payload;
}

Result<IpcPayload> GetSparseTensorPayload(const SparseTensor& sparse_tensor) {
  return SparseTensorPayload(sparse_tensor);
}

Result<std::vector<int64_t>> SparseTensorBodyBufferOffsets(const std::shared_ptr<Buffer>& metadata) {
  ARROWPACK_ASSIGN_OR_RAISE(auto aligned, internal::AlignedMetadata(metadata));
  ARROWPACK_ASSIGN_OR_RAISE(const fb::Message* message, internal::VerifyMessage(aligned->data(), aligned->size()));
  const fb::SparseTensor* tensor = message->header_as_SparseTensor();
  if (tensor == nullptr) return Status::Invalid("expected an IPC sparse tensor message");
  std::vector<int64_t> offsets;
  auto add = [&](const fb::Buffer* spec) { offsets.push_back(spec->offset()); };
  auto add_all = [&](const flatbuffers::Vector<const fb::Buffer*>* specs) {
    for (const fb::Buffer* spec : *specs) add(spec);
  };
  switch (tensor->sparseIndex_type()) {
    case fb::SparseTensorIndex_SparseTensorIndexCOO:
      add(tensor->sparseIndex_as_SparseTensorIndexCOO()->indicesBuffer());
      break;
    case fb::SparseTensorIndex_SparseMatrixIndexCSX:
      add(tensor->sparseIndex_as_SparseMatrixIndexCSX()->indptrBuffer());
      add(tensor->sparseIndex_as_SparseMatrixIndexCSX()->indicesBuffer());
      break;
    case fb::SparseTensorIndex_SparseTensorIndexCSF:
      add_all(tensor->sparseIndex_as_SparseTensorIndexCSF()->indptrBuffers());
      add_all(tensor->sparseIndex_as_SparseTensorIndexCSF()->indicesBuffers());
      break;
    default:
      return Status::Invalid("sparse tensor message with an unknown index format");
  }
  add(tensor->data());
  return offsets;
}

Result<TensorWriteResult> WriteTensor(const Tensor& tensor, io::OutputStream* stream) {
  ARROWPACK_ASSIGN_OR_RAISE(auto data, ContiguousData(tensor, true));
  ARROWPACK_ASSIGN_OR_RAISE(auto metadata, TensorMetadata(tensor, *data));
  TensorWriteResult result;
  ARROWPACK_ASSIGN_OR_RAISE(result.metadata_length, WriteMessageMetadata(*metadata, TensorWriteOptions(), stream));
  if (data->size() > 0) ARROWPACK_RETURN_NOT_OK(stream->Write(data));
  result.body_length = data->size();
  return result;
}

Result<int64_t> GetTensorSize(const Tensor& tensor) {
  io::MockOutputStream counter;
  ARROWPACK_RETURN_NOT_OK(WriteTensor(tensor, &counter).status());
  return counter.size();
}

Result<TensorPtr> ReadTensor(const Message& message, const IpcReadOptions& options) {
  if (message.type() != MessageType::TENSOR) {
    return Status::Invalid("expected an IPC tensor message, got ", MessageTypeName(message.type()));
  }
  const fb::Tensor* tensor = static_cast<const fb::Message*>(message.flatbuffer())->header_as_Tensor();
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, internal::NumericTypeFromFlatbuffer(tensor->type_type(), tensor->type()));
  std::vector<int64_t> shape, strides;
  std::vector<std::string> names;
  ARROWPACK_RETURN_NOT_OK(ShapeFromFlatbuffer(tensor->shape(), &shape, &names));
  strides = internal::CopyVector(tensor->strides());
  ARROWPACK_ASSIGN_OR_RAISE(auto data, BodyBuffer(message, tensor->data(), type->bit_width() / 8, options));
  return Tensor::Make(std::move(type), std::move(data), std::move(shape), std::move(strides), std::move(names));
}

Result<TensorPtr> ReadTensor(io::InputStream* stream, const IpcReadOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(auto message, ReadMessage(stream, options));
  if (message == nullptr) return Status::Invalid("end of stream where a tensor message was expected");
  return ReadTensor(*message, options);
}

Result<TensorWriteResult> WriteSparseTensor(const SparseTensor& sparse_tensor, io::OutputStream* stream) {
  ARROWPACK_ASSIGN_OR_RAISE(IpcPayload payload, SparseTensorPayload(sparse_tensor));
  TensorWriteResult result;
  ARROWPACK_ASSIGN_OR_RAISE(result.metadata_length, WriteIpcPayload(payload, TensorWriteOptions(), stream));
  result.body_length = payload.body_length;
  return result;
}

Result<int64_t> GetSparseTensorSize(const SparseTensor& sparse_tensor) {
  io::MockOutputStream counter;
  ARROWPACK_RETURN_NOT_OK(WriteSparseTensor(sparse_tensor, &counter).status());
  return counter.size();
}

Result<SparseTensorPtr> ReadSparseTensor(const Message& message, const IpcReadOptions& options) {
  if (message.type() != MessageType::SPARSE_TENSOR) {
    return Status::Invalid("expected an IPC sparse tensor message, got ", MessageTypeName(message.type()));
  }
  const fb::SparseTensor* sparse = static_cast<const fb::Message*>(message.flatbuffer())->header_as_SparseTensor();
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, internal::NumericTypeFromFlatbuffer(sparse->type_type(), sparse->type()));
  std::vector<int64_t> shape;
  std::vector<std::string> names;
  ARROWPACK_RETURN_NOT_OK(ShapeFromFlatbuffer(sparse->shape(), &shape, &names));
  const int64_t nnz = sparse->non_zero_length();
  if (nnz < 0) return Status::Invalid("sparse tensor has negative non-zero length ", nnz);
  // The values bound nnz by the body size before any index is walked: a huge nnz over a
  // zero-width or zero-stride index would otherwise make the index checks loop for ages.
  const int width = type->bit_width() / 8;
  ARROWPACK_ASSIGN_OR_RAISE(auto data, BodyBuffer(message, sparse->data(), width, options));
  if (nnz > data->size() / width) {
    return Status::Invalid("sparse tensor declares ", nnz, " non-zero values but its data buffer holds ",
                           data->size() / width);
  }
  auto vector_of = [&](const fb::Buffer* spec) -> Result<TensorPtr> {
    ARROWPACK_ASSIGN_OR_RAISE(int64_t count, CountOf(spec));
    ARROWPACK_ASSIGN_OR_RAISE(auto buffer, BodyBuffer(message, spec, 8, options));
    return Tensor::Make(int64(), std::move(buffer), {count});
  };
  std::shared_ptr<SparseIndex> index;
  switch (sparse->sparseIndex_type()) {
    case fb::SparseTensorIndex_SparseTensorIndexCOO: {
      const auto* coo = sparse->sparseIndex_as_SparseTensorIndexCOO();
      ARROWPACK_RETURN_NOT_OK(ExpectInt64(coo->indicesType()));
      std::vector<int64_t> strides;
      strides = internal::CopyVector(coo->indicesStrides());
      ARROWPACK_ASSIGN_OR_RAISE(auto buffer, BodyBuffer(message, coo->indicesBuffer(), 8, options));
      const int64_t ndim = static_cast<int64_t>(shape.size());
      ARROWPACK_ASSIGN_OR_RAISE(auto coords, Tensor::Make(int64(), std::move(buffer), {nnz, ndim}, std::move(strides)));
      ARROWPACK_ASSIGN_OR_RAISE(index, SparseCOOIndex::Make(std::move(coords), coo->isCanonical()));
      break;
    }
    case fb::SparseTensorIndex_SparseMatrixIndexCSX: {
      const auto* csx = sparse->sparseIndex_as_SparseMatrixIndexCSX();
      ARROWPACK_RETURN_NOT_OK(ExpectInt64(csx->indptrType()));
      ARROWPACK_RETURN_NOT_OK(ExpectInt64(csx->indicesType()));
      ARROWPACK_ASSIGN_OR_RAISE(auto indptr, vector_of(csx->indptrBuffer()));
      ARROWPACK_ASSIGN_OR_RAISE(auto indices, vector_of(csx->indicesBuffer()));
      if (csx->compressedAxis() == fb::SparseMatrixCompressedAxis_Row) {
        ARROWPACK_ASSIGN_OR_RAISE(index, SparseCSRIndex::Make(std::move(indptr), std::move(indices)));
      } else if (csx->compressedAxis() == fb::SparseMatrixCompressedAxis_Column) {
        ARROWPACK_ASSIGN_OR_RAISE(index, SparseCSCIndex::Make(std::move(indptr), std::move(indices)));
      } else {
        return Status::Invalid("unknown compressed axis in sparse matrix index");
      }
      break;
    }
    case fb::SparseTensorIndex_SparseTensorIndexCSF: {
      const auto* csf = sparse->sparseIndex_as_SparseTensorIndexCSF();
      ARROWPACK_RETURN_NOT_OK(ExpectInt64(csf->indptrType()));
      ARROWPACK_RETURN_NOT_OK(ExpectInt64(csf->indicesType()));
      std::vector<fb::Buffer> indptr_specs = internal::CopyVector(csf->indptrBuffers());
      std::vector<fb::Buffer> indices_specs = internal::CopyVector(csf->indicesBuffers());
      if (CsfLengthsCountElements(indptr_specs, indices_specs, nnz)) {
        for (auto* specs : {&indptr_specs, &indices_specs}) {
          for (fb::Buffer& spec : *specs) {
            if (spec.length() < 0 || spec.length() > message.body()->size() / 8) {
              return Status::Invalid("sparse CSF index buffer of ", spec.length(),
                                     " elements is larger than the message body of ", message.body()->size(),
                                     " bytes");
            }
            spec = fb::Buffer(spec.offset(), spec.length() * 8);
          }
        }
      }
      std::vector<TensorPtr> indptr, indices;
      for (const fb::Buffer& spec : indptr_specs) {
        ARROWPACK_ASSIGN_OR_RAISE(auto tensor, vector_of(&spec));
        indptr.push_back(std::move(tensor));
      }
      for (const fb::Buffer& spec : indices_specs) {
        ARROWPACK_ASSIGN_OR_RAISE(auto tensor, vector_of(&spec));
        indices.push_back(std::move(tensor));
      }
      const std::vector<int32_t> axis32 = internal::CopyVector(csf->axisOrder());
      std::vector<int64_t> axis_order(axis32.begin(), axis32.end());
      ARROWPACK_ASSIGN_OR_RAISE(index, SparseCSFIndex::Make(std::move(indptr), std::move(indices), std::move(axis_order)));
      break;
    }
    default:
      return Status::Invalid("sparse tensor message has unknown index type ",
                             static_cast<int>(sparse->sparseIndex_type()));
  }
  if (index->non_zero_length() != nnz) {
    return Status::Invalid("sparse tensor declares ", nnz, " non-zero values but its index holds ",
                           index->non_zero_length());
  }
  return SparseTensor::Make(std::move(index), std::move(type), std::move(data), std::move(shape), std::move(names));
}

Result<SparseTensorPtr> ReadSparseTensor(io::InputStream* stream, const IpcReadOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(auto message, ReadMessage(stream, options));
  if (message == nullptr) return Status::Invalid("end of stream where a sparse tensor message was expected");
  return ReadSparseTensor(*message, options);
}

}  // namespace arrowpack::ipc
