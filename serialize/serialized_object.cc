// SerializedObject: writing section 1's byte layout, components, and the reader for every
// layout of pyarrow 0.12-11 (see serialized_object.h).
#include "arrowpack/serialize/serialized_object.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/schema_cache_internal.h"
#include "arrowpack/serialize/sequence_decoder_internal.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/serialize_options_internal.h"

namespace arrowpack::serialize {

namespace {

constexpr int64_t kTensorAlignment = 64;
constexpr int64_t kStreamAlignment = 8;
const uint8_t kZeros[kTensorAlignment] = {};

int64_t PaddingFor(int64_t position, int64_t alignment) {
  return (alignment - position % alignment) % alignment;
}

template <typename Sink>
Status AlignSink(Sink* sink, int64_t alignment) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t position, sink->Tell());
  const int64_t padding = PaddingFor(position, alignment);
  return padding > 0 ? sink->Write(kZeros, padding) : Status::OK();
}

// WriteAround's sink for objects without tensors when it starts at position 0: copies into
// memory, or only counts when `out` is null, without virtual calls (small objects' to_buffer).
class DirectSink {
 public:
  explicit DirectSink(uint8_t* out) : out_(out) {}
  Status Write(const void* data, int64_t nbytes) {
    if (out_ != nullptr && nbytes > 0) std::memcpy(out_ + position_, data, static_cast<size_t>(nbytes));
    position_ += nbytes;
    return Status::OK();
  }
  Status Write(const std::shared_ptr<Buffer>& buffer) { return Write(buffer->data(), buffer->size()); }
  Result<int64_t> Tell() const { return position_; }

 private:
  uint8_t* out_;
  int64_t position_ = 0;
};

bool HasTensors(const SerializedObject& object) {
  return !object.tensors.empty() || !object.sparse_tensors.empty() || !object.ndarrays.empty();
}

constexpr int64_t kHeaderBytes = 4 * sizeof(int32_t);

// Whether `laid_out` is the object's ToBuffer output: its header counts are all zero and
// encoded_stream is still the slice FinishEncodedStream made.
bool LaidOutApplies(const SerializedObject& object) {
  return object.laid_out != nullptr && !HasTensors(object) && object.buffers.empty() &&
         object.encoded_stream != nullptr && object.encoded_stream->data() == object.laid_out->data() + kHeaderBytes;
}

// The embedded IPC stream (schema, the batch, end-of-stream) in one buffer: `encoded_stream`
// when set, else encoded from the batch into `pool`, the schema message from the schema cache.
Result<std::shared_ptr<Buffer>> EncodeStream(const SerializedObject& object, MemoryPool* pool) {
  if (object.encoded_stream != nullptr) return object.encoded_stream;
  if (object.batch == nullptr) return Status::Invalid("serialized object has no record batch and no encoded stream");
  const ipc::IpcWriteOptions options = internal::StreamWriteOptions();
  ARROWPACK_ASSIGN_OR_RAISE(auto schema, internal::SchemaMessageBytes(object.batch->schema()));
  ARROWPACK_ASSIGN_OR_RAISE(auto record_batch, ipc::GetRecordBatchPayload(*object.batch, options));
  const int64_t capacity = schema->size() + record_batch.metadata->size() + record_batch.body_length + 32;
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, io::BufferOutputStream::Create(capacity, pool));
  ARROWPACK_RETURN_NOT_OK(stream->Write(schema));
  ARROWPACK_RETURN_NOT_OK(ipc::WriteIpcPayload(record_batch, options, stream.get()).status());
  ARROWPACK_RETURN_NOT_OK(ipc::WriteEndOfStream(stream.get(), options));
  return stream->Finish();
}

// Each tensor, sparse tensor and ndarray, each followed by padding to 64 bytes.
Status WriteTensors(const SerializedObject& object, io::OutputStream* sink) {
  for (const auto& tensor : object.tensors) {
    ARROWPACK_RETURN_NOT_OK(ipc::WriteTensor(*tensor, sink).status());
    ARROWPACK_RETURN_NOT_OK(AlignSink(sink, kTensorAlignment));
  }
  for (const auto& sparse : object.sparse_tensors) {
    ARROWPACK_RETURN_NOT_OK(ipc::WriteSparseTensor(*sparse, sink).status());
    ARROWPACK_RETURN_NOT_OK(AlignSink(sink, kTensorAlignment));
  }
  for (const auto& ndarray : object.ndarrays) {
    ARROWPACK_RETURN_NOT_OK(ipc::WriteTensor(*ndarray, sink).status());
    ARROWPACK_RETURN_NOT_OK(AlignSink(sink, kTensorAlignment));
  }
  return Status::OK();
}

// The layout of serialized_object.h around the already encoded IPC stream. A DirectSink takes
// objects without tensors only.
template <typename Sink>
Status WriteAround(const SerializedObject& object, const std::shared_ptr<Buffer>& stream, Sink* sink) {
  const std::array<int32_t, 4> header = {
      static_cast<int32_t>(object.tensors.size()), static_cast<int32_t>(object.sparse_tensors.size()),
      static_cast<int32_t>(object.ndarrays.size()), static_cast<int32_t>(object.buffers.size())};
  ARROWPACK_RETURN_NOT_OK(sink->Write(header.data(), sizeof(header)));
  ARROWPACK_RETURN_NOT_OK(AlignSink(sink, kStreamAlignment));
  ARROWPACK_RETURN_NOT_OK(sink->Write(stream));
  ARROWPACK_RETURN_NOT_OK(AlignSink(sink, kTensorAlignment));
  if constexpr (std::is_same_v<Sink, DirectSink>) {
    if (HasTensors(object)) return Status::Invalid("serialized object: tensors need a stream to be written");
  } else {
    ARROWPACK_RETURN_NOT_OK(WriteTensors(object, sink));
  }
  for (const auto& buffer : object.buffers) {
    const int64_t size = buffer->size();
    ARROWPACK_RETURN_NOT_OK(sink->Write(&size, sizeof(size)));
    if (size > 0) ARROWPACK_RETURN_NOT_OK(sink->Write(buffer));
  }
  return Status::OK();
}

Result<int64_t> CountAround(const SerializedObject& object, const std::shared_ptr<Buffer>& stream) {
  io::MockOutputStream counter;
  ARROWPACK_RETURN_NOT_OK(WriteAround(object, stream, &counter));
  return counter.size();
}

}  // namespace

Status SerializedObject::WriteTo(io::OutputStream* sink) const {
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, EncodeStream(*this, nullptr));
  return WriteAround(*this, stream, sink);
}

Result<int64_t> SerializedObject::TotalBytes() const {
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, EncodeStream(*this, nullptr));
  return CountAround(*this, stream);
}

Result<std::shared_ptr<Buffer>> SerializedObject::ToBuffer(int nthreads, MemoryPool* pool) const {
  if (LaidOutApplies(*this)) {
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> buffer, AllocateSharedBuffer(laid_out->size(), pool));
    std::memcpy(buffer->mutable_data(), laid_out->data(), static_cast<size_t>(laid_out->size()));
    return buffer;
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, EncodeStream(*this, nullptr));
  if (!HasTensors(*this) && (nthreads <= 1 || buffers.empty())) {
    DirectSink counter(nullptr);
    ARROWPACK_RETURN_NOT_OK(WriteAround(*this, stream, &counter));
    ARROWPACK_ASSIGN_OR_RAISE(const int64_t size, counter.Tell());
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> buffer, AllocateSharedBuffer(size, pool));
    DirectSink writer(buffer->mutable_data());
    ARROWPACK_RETURN_NOT_OK(WriteAround(*this, stream, &writer));
    return buffer;
  }
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, CountAround(*this, stream));
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> buffer, AllocateSharedBuffer(size, pool));
  ARROWPACK_ASSIGN_OR_RAISE(auto writer, io::FixedSizeBufferWriter::Make(buffer));
  if (nthreads > 1) writer->set_memcopy_threads(nthreads);
  ARROWPACK_RETURN_NOT_OK(WriteAround(*this, stream, writer.get()));
  return buffer;
}

Result<std::shared_ptr<Buffer>> SerializedObject::TakeBuffer() {
  if (!LaidOutApplies(*this)) return ToBuffer();
  encoded_stream.reset();
  return std::move(laid_out);
}

Status FinishEncodedStream(SequenceWriter* writer, SerializedObject* object) {
  if (HasTensors(*object) || !object->buffers.empty()) {
    ARROWPACK_ASSIGN_OR_RAISE(object->encoded_stream, writer->FinishStream());
    object->laid_out.reset();
    return Status::OK();
  }
  // ToBuffer's layout with every count zero: the header, the stream at the next 8-byte position
  // (byte 16), zeros up to a 64-byte position.
  static_assert(kHeaderBytes % kStreamAlignment == 0);
  ARROWPACK_ASSIGN_OR_RAISE(PlacedStream placed, writer->FinishStreamAt(kHeaderBytes, kTensorAlignment));
  object->encoded_stream = SliceBuffer(placed.buffer, placed.offset, placed.size);
  object->laid_out = std::move(placed.buffer);
  return Status::OK();
}

Result<SerializedComponents> SerializedObject::GetComponents(MemoryPool* pool) const {
  SerializedComponents out;
  out.num_tensors = static_cast<int64_t>(tensors.size());
  out.num_ndarrays = static_cast<int64_t>(ndarrays.size());
  out.num_buffers = static_cast<int64_t>(buffers.size());
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, EncodeStream(*this, pool));
  out.data.push_back(std::move(stream));
  auto add_payload = [&out](const ipc::IpcPayload& payload) {
    out.data.push_back(payload.metadata);
    for (const auto& body : payload.body_buffers) {
      out.data.push_back(body != nullptr ? body : std::make_shared<Buffer>(nullptr, 0));
    }
  };
  for (const auto& tensor : tensors) {
    ARROWPACK_ASSIGN_OR_RAISE(auto payload, ipc::GetTensorPayload(*tensor));
    add_payload(payload);
  }
  for (const auto& sparse : sparse_tensors) {
    switch (sparse->format_id()) {
      case SparseTensorFormat::COO:
        ++out.num_sparse_tensors.coo;
        break;
      case SparseTensorFormat::CSR:
        ++out.num_sparse_tensors.csr;
        break;
      case SparseTensorFormat::CSC:
        ++out.num_sparse_tensors.csc;
        break;
      case SparseTensorFormat::CSF:
        ++out.num_sparse_tensors.csf;
        out.num_sparse_tensors.ndim_csf += sparse->ndim();
        break;
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto payload, ipc::GetSparseTensorPayload(*sparse));
    add_payload(payload);
  }
  for (const auto& ndarray : ndarrays) {
    ARROWPACK_ASSIGN_OR_RAISE(auto payload, ipc::GetTensorPayload(*ndarray));
    add_payload(payload);
  }
  for (const auto& buffer : buffers) out.data.push_back(buffer);
  return out;
}

namespace {

// Reads the schema, the batch and the end-of-stream marker of the embedded IPC stream.
Result<RecordBatchPtr> ReadStream(io::InputStream* stream, const ipc::IpcReadOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(auto schema_message, ipc::ReadMessage(stream, options));
  if (schema_message == nullptr || schema_message->type() != ipc::MessageType::SCHEMA) {
    return Status::Invalid("serialized object: expected the schema message of its IPC stream");
  }
  ipc::DictionaryMemo memo;
  ARROWPACK_ASSIGN_OR_RAISE(auto schema, internal::ReadSchemaCached(*schema_message, &memo));
  ARROWPACK_ASSIGN_OR_RAISE(auto batch_message, ipc::ReadMessage(stream, options));
  if (batch_message == nullptr || batch_message->type() != ipc::MessageType::RECORD_BATCH) {
    return Status::Invalid("serialized object: expected the record batch message of its IPC stream");
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto batch, ipc::ReadRecordBatch(*batch_message, schema, &memo, options));
  ARROWPACK_ASSIGN_OR_RAISE(int64_t before_eos, stream->Tell());
  ARROWPACK_ASSIGN_OR_RAISE(auto eos, ipc::ReadMessage(stream, options));
  ARROWPACK_ASSIGN_OR_RAISE(int64_t after_eos, stream->Tell());
  if (eos != nullptr || after_eos == before_eos) {
    return Status::Invalid("serialized object: its IPC stream does not end after one record batch (at byte ",
                           before_eos, ")");
  }
  return batch;
}

Status CheckCount(int64_t count, const char* what) {
  if (count < 0) return Status::Invalid("serialized object: negative number of ", what, " (", count, ")");
  return Status::OK();
}

// The fast decoder on the stream at the start of `bytes`: sets `out`'s encoded_stream and
// sequence and returns the length of the stream, or 0 when it declines.
int64_t DecodeStreamFast(const std::shared_ptr<Buffer>& bytes, const ipc::IpcReadOptions& options,
                         SerializedObject* out) {
  internal::DecodedStream decoded = internal::DecodeStream(bytes, options);
  if (decoded.reader == nullptr) return 0;
  out->encoded_stream = decoded.length == bytes->size() ? bytes : SliceBuffer(bytes, 0, decoded.length);
  out->sequence = std::move(decoded.reader);
  return decoded.length;
}

}  // namespace

Result<std::shared_ptr<const SequenceReader>> OpenSequence(const SerializedObject& object) {
  if (object.sequence != nullptr) return object.sequence;
  RecordBatchPtr batch = object.batch;
  if (batch == nullptr) {
    if (object.encoded_stream == nullptr) {
      return Status::Invalid("serialized object has no record batch and no encoded stream");
    }
    internal::DecodedStream decoded = internal::DecodeStream(object.encoded_stream, internal::StreamReadOptions());
    if (decoded.reader != nullptr) return std::shared_ptr<const SequenceReader>(std::move(decoded.reader));
    io::BufferReader stream(object.encoded_stream);
    ARROWPACK_ASSIGN_OR_RAISE(batch, ReadStream(&stream, internal::StreamReadOptions()));
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<SequenceReader> reader, SequenceReader::Open(std::move(batch)));
  return std::shared_ptr<const SequenceReader>(std::move(reader));
}

Result<SerializedObject> SerializedObject::FromComponents(const SerializedComponents& c, StreamDecoding decoding) {
  const SparseTensorCounts& s = c.num_sparse_tensors;
  for (int64_t count : {c.num_tensors, c.num_ndarrays, c.num_buffers, s.coo, s.csr, s.csc, s.csf, s.ndim_csf}) {
    if (count < 0 || count > (int64_t{1} << 32)) return Status::Invalid("Invalid number of buffers in data");
  }
  const int64_t expected = 1 + 2 * c.num_tensors + 3 * s.coo + 4 * s.csr + 4 * s.csc + 2 * s.ndim_csf + s.csf +
                           2 * c.num_ndarrays + c.num_buffers;
  if (static_cast<int64_t>(c.data.size()) != expected) return Status::Invalid("Invalid number of buffers in data");
  for (const auto& buffer : c.data) {
    if (buffer == nullptr) return Status::Invalid("serialized components: a data buffer is None");
  }
  SerializedObject out;
  if (decoding != StreamDecoding::kSequence || DecodeStreamFast(c.data[0], internal::StreamReadOptions(), &out) == 0) {
    io::BufferReader stream(c.data[0]);
    ARROWPACK_ASSIGN_OR_RAISE(out.batch, ReadStream(&stream, internal::StreamReadOptions()));
  }
  size_t next = 1;
  auto read_tensor = [&]() -> Result<TensorPtr> {
    ARROWPACK_ASSIGN_OR_RAISE(auto message, ipc::Message::Open(c.data[next], c.data[next + 1]));
    next += 2;
    return ipc::ReadTensor(*message);
  };
  for (int64_t i = 0; i < c.num_tensors; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto tensor, read_tensor());
    out.tensors.push_back(std::move(tensor));
  }
  const int64_t num_sparse = s.num_total();
  for (int64_t i = 0; i < num_sparse; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(std::vector<int64_t> offsets, ipc::SparseTensorBodyBufferOffsets(c.data[next]));
    const auto body_count = static_cast<int64_t>(offsets.size());
    if (static_cast<int64_t>(c.data.size() - next - 1) < body_count) {
      return Status::Invalid("Invalid number of buffers in data");
    }
    // Rebuild the one body the message's buffer specs point into: each buffer at its offset, the
    // end padded to 64 bytes. No writer pads by more than 64 bytes, which bounds the body.
    int64_t bound = 0;
    for (int64_t b = 0; b < body_count; ++b) bound += RoundUpToMultipleOf64(c.data[next + 1 + b]->size());
    int64_t body_size = 0;
    for (int64_t b = 0; b < body_count; ++b) {
      const int64_t size = c.data[next + 1 + b]->size();
      if (offsets[b] < 0 || offsets[b] > bound - size) {
        return Status::Invalid("sparse tensor body buffer at offset ", offsets[b], " does not fit the ", bound,
                               " bytes of its components");
      }
      body_size = std::max(body_size, RoundUpToMultipleOf64(offsets[b] + size));
    }
    ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> body, AllocateBuffer(body_size));
    std::memset(body->mutable_data(), 0, static_cast<size_t>(body_size));
    for (int64_t b = 0; b < body_count; ++b) {
      const auto& part = c.data[next + 1 + b];
      if (part->size() > 0) std::memcpy(body->mutable_data() + offsets[b], part->data(), part->size());
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto message, ipc::Message::Open(c.data[next], std::move(body)));
    next += 1 + static_cast<size_t>(body_count);
    ARROWPACK_ASSIGN_OR_RAISE(auto sparse, ipc::ReadSparseTensor(*message));
    out.sparse_tensors.push_back(std::move(sparse));
  }
  for (int64_t i = 0; i < c.num_ndarrays; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto ndarray, read_tensor());
    out.ndarrays.push_back(std::move(ndarray));
  }
  if (static_cast<int64_t>(c.data.size() - next) != c.num_buffers) {
    return Status::Invalid("Invalid number of buffers in data");
  }
  for (; next < c.data.size(); ++next) out.buffers.push_back(c.data[next]);
  return out;
}

namespace {

Status AlignSource(io::RandomAccessFile* source, int64_t alignment) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t position, source->Tell());
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, source->GetSize());
  const int64_t padding = std::min(PaddingFor(position, alignment), size - position);
  return padding > 0 ? source->Advance(padding) : Status::OK();
}

// The bytes the header logic looks at (at most the object's first 32: the header and the first
// words of the stream), read from the source once.
class HeaderWindow {
 public:
  static Result<HeaderWindow> Read(io::RandomAccessFile* source, int64_t start) {
    HeaderWindow window;
    window.start_ = start;
    ARROWPACK_ASSIGN_OR_RAISE(window.size_, source->GetSize());
    const int64_t wanted = std::clamp<int64_t>(window.size_ - start, 0, sizeof(window.bytes_));
    if (wanted > 0) {
      ARROWPACK_RETURN_NOT_OK(source->ReadAt(start, wanted, window.bytes_).status());
    }
    return window;
  }

  /// The int32 at absolute `position` (start <= position <= start + 28).
  Result<int32_t> Int32At(int64_t position) const {
    if (position + 4 > size_) {
      return Status::Invalid("serialized object truncated: ", size_, " bytes, its header needs more than ", position);
    }
    int32_t value;
    std::memcpy(&value, bytes_ + (position - start_), sizeof(value));
    return value;
  }

 private:
  int64_t start_ = 0;
  int64_t size_ = 0;
  uint8_t bytes_[32] = {};
};

// The header counts, whichever layout wrote them.
struct Header {
  int64_t num_tensors = 0;
  int64_t num_sparse_tensors = 0;
  int64_t num_ndarrays = 0;
  int64_t num_buffers = 0;
};

constexpr int32_t kContinuation = -1;

// Whether the batch uses pyarrow 1.0-11's tag numbering (SequenceReader's test: a Null child
// first), which only 0.16 and later wrote, after a 4-int header.
bool HasModernNumbering(const RecordBatch& batch) {
  if (batch.num_columns() != 1) return false;
  const DataType& type = *batch.schema()->field(0)->type();
  return type.id() == TypeId::DENSE_UNION && type.num_fields() > 0 && type.field(0)->type()->id() == TypeId::NA;
}

}  // namespace

Result<SerializedObject> ReadSerializedObject(io::RandomAccessFile* source, const ipc::IpcReadOptions& read_options,
                                              StreamDecoding decoding) {
  ipc::IpcReadOptions options = read_options;
  options.max_recursion_depth = std::max(options.max_recursion_depth, internal::kMaxIpcNesting);
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t start, source->Tell());
  ARROWPACK_ASSIGN_OR_RAISE(const HeaderWindow window, HeaderWindow::Read(source, start));
  std::array<int32_t, 3> ints{};
  for (int i = 0; i < 3; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(ints[i], window.Int32At(start + 4 * i));
    ARROWPACK_RETURN_NOT_OK(CheckCount(ints[i], "header entries"));
  }
  // 0.16-11: four ints, then the stream at the next 8-byte position, always with continuation
  // markers. 0.12-0.15: three ints, the stream at the next 8-byte position after them.
  const int64_t stream3 = start + 12 + PaddingFor(start + 12, kStreamAlignment);
  const int64_t stream4 = start + 16 + PaddingFor(start + 16, kStreamAlignment);
  ARROWPACK_ASSIGN_OR_RAISE(const int32_t at3, window.Int32At(stream3));
  ARROWPACK_ASSIGN_OR_RAISE(const int32_t fourth, window.Int32At(start + 12));
  bool four_ints = true;
  bool ambiguous = false;
  if (stream3 == stream4) {
    // at3 opens the stream; bytes 12..16 are the fourth int or the 3-int layout's padding.
    if (at3 != kContinuation) {
      four_ints = false;  // pre-0.15 framing (0.12-0.14)
    } else {
      ambiguous = fourth == 0;
    }
  } else {
    // The object starts 4 bytes past an 8-byte position: a 3-int stream starts at byte 12.
    ARROWPACK_ASSIGN_OR_RAISE(const int32_t marker4, window.Int32At(stream4));
    four_ints = at3 != kContinuation && marker4 == kContinuation;
  }
  if (four_ints) ARROWPACK_RETURN_NOT_OK(CheckCount(fourth, "buffers"));
  const int64_t stream_start = four_ints ? stream4 : stream3;
  ARROWPACK_RETURN_NOT_OK(source->Seek(stream_start));

  SerializedObject out;
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t total_size, source->GetSize());
  int64_t fast_length = 0;
  if (decoding == StreamDecoding::kSequence && source->supports_zero_copy() && stream_start < total_size) {
    ARROWPACK_ASSIGN_OR_RAISE(auto rest, source->ReadAt(stream_start, total_size - stream_start));
    fast_length = DecodeStreamFast(rest, options, &out);
    ARROWPACK_RETURN_NOT_OK(source->Seek(stream_start + fast_length));
  }
  if (fast_length == 0) {
    ARROWPACK_ASSIGN_OR_RAISE(out.batch, ReadStream(source, options));
  }
  Header header;
  if (four_ints) {
    header = {ints[0], ints[1], ints[2], fourth};
  } else {
    header = {ints[0], 0, ints[1], ints[2]};
  }
  if (ambiguous && out.batch != nullptr && !HasModernNumbering(*out.batch)) {
    // 0.15 (3 ints, padding) or 0.16/0.17 with no buffers: keep the reading the batch agrees with.
    ARROWPACK_ASSIGN_OR_RAISE(auto reader, SequenceReader::Open(out.batch));
    const int64_t sparse = reader->ReferencedCount(PythonTag::SPARSE_COO);
    const bool fits4 = (sparse == ints[1] && reader->ReferencedCount(PythonTag::NDARRAY) == ints[2] &&
                        reader->ReferencedCount(PythonTag::BUFFER) == 0);
    if (!fits4) header = {ints[0], 0, ints[1], ints[2]};
  }
  ARROWPACK_RETURN_NOT_OK(AlignSource(source, kTensorAlignment));
  for (int64_t i = 0; i < header.num_tensors; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto tensor, ipc::ReadTensor(source, options));
    out.tensors.push_back(std::move(tensor));
    ARROWPACK_RETURN_NOT_OK(AlignSource(source, kTensorAlignment));
  }
  for (int64_t i = 0; i < header.num_sparse_tensors; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto sparse, ipc::ReadSparseTensor(source, options));
    out.sparse_tensors.push_back(std::move(sparse));
    ARROWPACK_RETURN_NOT_OK(AlignSource(source, kTensorAlignment));
  }
  for (int64_t i = 0; i < header.num_ndarrays; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto ndarray, ipc::ReadTensor(source, options));
    out.ndarrays.push_back(std::move(ndarray));
    ARROWPACK_RETURN_NOT_OK(AlignSource(source, kTensorAlignment));
  }
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t size, source->GetSize());
  for (int64_t i = 0; i < header.num_buffers; ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(const int64_t position, source->Tell());
    int64_t length = 0;
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, source->Read(sizeof(length), &length));
    if (got != static_cast<int64_t>(sizeof(length))) {
      return Status::Invalid("serialized object: buffer ", i, " truncated at byte ", position);
    }
    if (length < 0 || length > size - position - 8) {
      return Status::Invalid("serialized object: buffer ", i, " at byte ", position, " claims ", length,
                             " bytes but ", size - position - 8, " remain");
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto buffer, source->Read(length));
    out.buffers.push_back(std::move(buffer));
  }
  return out;
}

bool ReadPlainObject(const uint8_t* data, int64_t size, SequenceReader* reader) {
  // The header of pyarrow 0.16-11 with four zero counts, the stream right after it: what
  // ReadSerializedObject finds there when a stream with continuation markers starts at byte 16
  // (the 3-int reading of those bytes counts no tensors either).
  constexpr int64_t kStreamStart = 16;
  if (size < kStreamStart + 4) return false;
  std::array<int32_t, 5> words;
  std::memcpy(words.data(), data, sizeof(words));
  if ((words[0] | words[1] | words[2] | words[3]) != 0 || words[4] != kContinuation) return false;
  if (internal::DecodeStreamInto(data + kStreamStart, size - kStreamStart, internal::StreamReadOptions(), reader) == 0) {
    return false;
  }
  return reader->CheckIndexBounds(0, 0, 0, 0).ok();
}

}  // namespace arrowpack::serialize
