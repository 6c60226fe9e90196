#include "arrowpack/ipc/message.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "arrowpack/ipc/metadata_internal.h"

namespace arrowpack::ipc {

static_assert(std::endian::native == std::endian::little, "the IPC framing code assumes a little-endian host");

namespace {

namespace fb = internal::fb;

constexpr uint32_t kContinuation = 0xFFFFFFFF;
constexpr uint8_t kZeros[64] = {};

MessageType FromHeaderTag(fb::MessageHeader tag) {
  switch (tag) {
    case fb::MessageHeader_Schema: return MessageType::SCHEMA;
    case fb::MessageHeader_DictionaryBatch: return MessageType::DICTIONARY_BATCH;
    case fb::MessageHeader_RecordBatch: return MessageType::RECORD_BATCH;
    case fb::MessageHeader_Tensor: return MessageType::TENSOR;
    case fb::MessageHeader_SparseTensor: return MessageType::SPARSE_TENSOR;
    default: return MessageType::NONE;
  }
}

int64_t PaddingFor(int64_t size, int64_t alignment) {
  const int64_t rem = size % alignment;
  return rem == 0 ? 0 : alignment - rem;
}

// How many bytes remain in `stream` when that is knowable (files and buffers), else -1.
int64_t RemainingBytes(io::InputStream* stream) {
  auto* file = dynamic_cast<io::RandomAccessFile*>(stream);
  if (file == nullptr) return -1;
  auto size = file->GetSize();
  auto position = file->Tell();
  if (!size.ok() || !position.ok()) return -1;
  return *size - *position;
}

// Reads exactly `nbytes` as a buffer (zero-copy where the stream allows); `what` names the part
// for the error message.
Result<std::shared_ptr<Buffer>> ReadExactly(io::InputStream* stream, int64_t nbytes, const char* what,
                                            const IpcReadOptions& options) {
  const int64_t remaining = RemainingBytes(stream);
  if (remaining >= 0 && nbytes > remaining) {
    return Status::Invalid("IPC ", what, " is truncated: expected ", nbytes, " bytes, only ", remaining,
                           " remain in the input");
  }
  if (!stream->supports_zero_copy() && nbytes > options.max_allocation) {
    return Status::Invalid("IPC ", what, " of ", nbytes, " bytes exceeds the allocation limit of ",
                           options.max_allocation, " bytes");
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto buffer, stream->Read(nbytes));
  if (buffer->size() < nbytes) {
    return Status::Invalid("IPC ", what, " is truncated: expected ", nbytes, " bytes, got ", buffer->size());
  }
  return buffer;
}

// Reads the body declared by `metadata` and opens the message.
Result<std::unique_ptr<Message>> ReadBodyAndOpen(std::shared_ptr<Buffer> metadata, io::InputStream* stream,
                                                 const IpcReadOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(metadata, internal::AlignedMetadata(std::move(metadata), options.memory_pool));
  ARROWPACK_ASSIGN_OR_RAISE(const fb::Message* root, internal::VerifyMessage(metadata->data(), metadata->size()));
  const int64_t body_length = root->bodyLength();
  if (body_length < 0) return Status::Invalid("IPC message has negative body length ", body_length);
  std::shared_ptr<Buffer> body;
  if (body_length > 0) {
    ARROWPACK_ASSIGN_OR_RAISE(body, ReadExactly(stream, body_length, "message body", options));
  }
  return Message::OpenVerified(std::move(metadata), root, std::move(body));
}

}  // namespace

std::string MessageTypeName(MessageType type) {
  switch (type) {
    case MessageType::SCHEMA: return "schema";
    case MessageType::DICTIONARY_BATCH: return "dictionary batch";
    case MessageType::RECORD_BATCH: return "record batch";
    case MessageType::TENSOR: return "tensor";
    case MessageType::SPARSE_TENSOR: return "sparse tensor";
    case MessageType::NONE: break;
  }
  return "none";
}

Result<std::unique_ptr<Message>> Message::Open(std::shared_ptr<Buffer> metadata, std::shared_ptr<Buffer> body) {
  if (metadata == nullptr) return Status::Invalid("IPC message without metadata");
  ARROWPACK_ASSIGN_OR_RAISE(metadata, internal::AlignedMetadata(std::move(metadata)));
  ARROWPACK_ASSIGN_OR_RAISE(const fb::Message* root, internal::VerifyMessage(metadata->data(), metadata->size()));
  return OpenVerified(std::move(metadata), root, std::move(body));
}

Result<std::unique_ptr<Message>> Message::OpenVerified(std::shared_ptr<Buffer> metadata, const void* verified_root,
                                                        std::shared_ptr<Buffer> body) {
  const auto* root = static_cast<const fb::Message*>(verified_root);
  ARROWPACK_ASSIGN_OR_RAISE(MetadataVersion version, internal::CheckMetadataVersion(root->version()));
  const MessageType type = FromHeaderTag(root->header_type());
  if (type == MessageType::NONE || root->header() == nullptr) {
    return Status::Invalid("IPC message has unknown header type ", static_cast<int>(root->header_type()));
  }
  const int64_t body_length = root->bodyLength();
  if (body_length < 0) return Status::Invalid("IPC message has negative body length ", body_length);
  const int64_t present = body ? body->size() : 0;
  if (present < body_length) {
    return Status::Invalid("IPC message body is truncated: expected ", body_length, " bytes, got ", present);
  }
  if (body == nullptr) {
    body = std::make_shared<Buffer>(nullptr, 0);
  } else if (present > body_length) {
    body = SliceBuffer(body, 0, body_length);
  }
  ARROWPACK_ASSIGN_OR_RAISE(MetadataPtr custom_metadata, internal::MetadataFromFlatbuffer(root->custom_metadata()));
  std::unique_ptr<Message> message(new Message());
  message->metadata_ = std::move(metadata);
  message->body_ = std::move(body);
  message->root_ = root;
  message->type_ = type;
  message->version_ = version;
  message->custom_metadata_ = std::move(custom_metadata);
  return message;
}

bool Message::Equals(const Message& other) const {
  return metadata_->Equals(*other.metadata_) && body_->Equals(*other.body_);
}

Result<int64_t> Message::SerializeTo(io::OutputStream* stream, const IpcWriteOptions& options) const {
  ARROWPACK_ASSIGN_OR_RAISE(int32_t metadata_length, WriteMessageMetadata(*metadata_, options, stream));
  if (body_->size() > 0) ARROWPACK_RETURN_NOT_OK(stream->Write(body_->data(), body_->size()));
  const int64_t padding = PaddingFor(body_->size(), 8);
  if (padding > 0) ARROWPACK_RETURN_NOT_OK(stream->Write(kZeros, padding));
  return metadata_length + body_->size() + padding;
}

Result<std::unique_ptr<Message>> ReadMessage(io::InputStream* stream, const IpcReadOptions& options) {
  uint8_t prefix[4];
  ARROWPACK_ASSIGN_OR_RAISE(int64_t got, stream->Read(4, prefix));
  if (got == 0) return std::unique_ptr<Message>();  // clean end of input
  if (got < 4) return Status::Invalid("IPC stream ends inside a message prefix (", got, " of 4 bytes)");
  uint32_t first;
  std::memcpy(&first, prefix, 4);
  int32_t length;
  if (first == kContinuation) {
    ARROWPACK_ASSIGN_OR_RAISE(got, stream->Read(4, prefix));
    if (got < 4) return Status::Invalid("IPC stream ends inside a message length (", got, " of 4 bytes)");
    std::memcpy(&length, prefix, 4);
  } else {
    // Pre-0.15 framing: the length comes first, without the continuation marker.
    length = static_cast<int32_t>(first);
  }
  if (length == 0) return std::unique_ptr<Message>();  // end-of-stream marker
  if (length < 0) return Status::Invalid("IPC message has negative metadata length ", length);
  ARROWPACK_ASSIGN_OR_RAISE(auto metadata, ReadExactly(stream, length, "message metadata", options));
  return ReadBodyAndOpen(std::move(metadata), stream, options);
}

Result<std::unique_ptr<Message>> ReadMessage(int64_t offset, int32_t metadata_length, io::RandomAccessFile* file,
                                             const IpcReadOptions& options) {
  if (offset < 0 || metadata_length < 8) {
    return Status::Invalid("invalid IPC message location: offset ", offset, ", metadata length ", metadata_length);
  }
  ARROWPACK_ASSIGN_OR_RAISE(int64_t file_size, file->GetSize());
  if (offset > file_size || metadata_length > file_size - offset) {
    return Status::Invalid("IPC message at offset ", offset, " with metadata length ", metadata_length,
                           " exceeds the file size ", file_size);
  }
  ARROWPACK_ASSIGN_OR_RAISE(auto block, file->ReadAt(offset, metadata_length));
  if (block->size() < metadata_length) return Status::Invalid("IPC message metadata is truncated");
  uint32_t first;
  std::memcpy(&first, block->data(), 4);
  int64_t prefix = 4;
  int32_t length = static_cast<int32_t>(first);
  if (first == kContinuation) {
    std::memcpy(&length, block->data() + 4, 4);
    prefix = 8;
  }
  if (length <= 0 || length > metadata_length - prefix) {
    return Status::Invalid("IPC message at offset ", offset, " declares metadata length ", length,
                           " but its block holds ", metadata_length - prefix, " bytes");
  }
  auto metadata = SliceBuffer(block, prefix, length);
  ARROWPACK_RETURN_NOT_OK(file->Seek(offset + metadata_length));
  return ReadBodyAndOpen(std::move(metadata), file, options);
}

std::unique_ptr<MessageReader> MessageReader::Open(std::shared_ptr<io::InputStream> stream,
                                                   const IpcReadOptions& options) {
  io::InputStream* raw = stream.get();
  return std::unique_ptr<MessageReader>(new MessageReader(std::move(stream), raw, options));
}

std::unique_ptr<MessageReader> MessageReader::Open(io::InputStream* stream, const IpcReadOptions& options) {
  return std::unique_ptr<MessageReader>(new MessageReader(nullptr, stream, options));
}

MessageReader::MessageReader(std::shared_ptr<io::InputStream> owned, io::InputStream* stream,
                             const IpcReadOptions& options)
    : owned_(std::move(owned)), stream_(stream), options_(options) {}

Result<std::unique_ptr<Message>> MessageReader::ReadNextMessage() { return ReadMessage(stream_, options_); }

Result<int32_t> WriteMessageMetadata(const Buffer& metadata, const IpcWriteOptions& options, io::OutputStream* stream) {
  return WriteMessageMetadata(metadata.data(), metadata.size(), options, stream);
}

Result<int32_t> WriteMessageMetadata(const uint8_t* metadata, int64_t size, const IpcWriteOptions& options,
                                     io::OutputStream* stream) {
  if (options.alignment != 8 && options.alignment != 64) {
    return Status::Invalid("IPC alignment must be 8 or 64, got ", options.alignment);
  }
  const int64_t prefix = options.write_legacy_ipc_format ? 4 : 8;
  const int64_t padding = PaddingFor(prefix + size, options.alignment);
  const int64_t length = size + padding;
  if (length > std::numeric_limits<int32_t>::max() - prefix) {
    return Status::CapacityError("IPC message metadata of ", size, " bytes is too large");
  }
  const auto length32 = static_cast<int32_t>(length);
  // Small metadata (that of most record batches) reaches the sink in one write.
  constexpr int64_t kCoalescedBytes = 1024;
  if (prefix + length <= kCoalescedBytes) {
    uint8_t staged[kCoalescedBytes];
    uint8_t* out = staged;
    if (!options.write_legacy_ipc_format) out = std::copy_n(reinterpret_cast<const uint8_t*>(&kContinuation), 4, out);
    out = std::copy_n(reinterpret_cast<const uint8_t*>(&length32), 4, out);
    if (size > 0) out = std::copy_n(metadata, size, out);
    std::fill_n(out, padding, uint8_t{0});
    ARROWPACK_RETURN_NOT_OK(stream->Write(staged, prefix + length));
    return static_cast<int32_t>(prefix + length);
  }
  if (!options.write_legacy_ipc_format) ARROWPACK_RETURN_NOT_OK(stream->Write(&kContinuation, 4));
  ARROWPACK_RETURN_NOT_OK(stream->Write(&length32, 4));
  ARROWPACK_RETURN_NOT_OK(stream->Write(metadata, size));
  if (padding > 0) ARROWPACK_RETURN_NOT_OK(stream->Write(kZeros, padding));
  return static_cast<int32_t>(prefix + length);
}

Status WriteEndOfStream(io::OutputStream* stream, const IpcWriteOptions& options) {
  if (!options.write_legacy_ipc_format) ARROWPACK_RETURN_NOT_OK(stream->Write(&kContinuation, 4));
  return stream->Write(kZeros, 4);
}

}  // namespace arrowpack::ipc
