// Encapsulated Arrow IPC messages: a verified FlatBuffers Message plus its body. Reading accepts
// the 0xFFFFFFFF-prefixed framing and the pre-0.15 one (plain int32 length); the body is a
// zero-copy slice of the input when the stream supports zero-copy reads (BufferReader, memory
// map), otherwise one read into a new buffer. Every length is checked against the bytes really
// present; malformed input gives Invalid (never a crash or an unbounded allocation).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/key_value_metadata.h"
#include "arrowpack/ipc/options.h"

namespace arrowpack::ipc {

enum class MessageType : int8_t { NONE, SCHEMA, DICTIONARY_BATCH, RECORD_BATCH, TENSOR, SPARSE_TENSOR };

/// pyarrow's names: "schema", "dictionary batch", "record batch", "tensor", "sparse tensor".
std::string MessageTypeName(MessageType type);

/// One message. Immutable; the metadata and body buffers are shared, never copied.
class Message {
 public:
  /// Verifies `metadata` (a Message flatbuffer, possibly followed by padding; copied first when
  /// not 8-byte aligned) and its version (V4 or V5). `body` may be nullptr when the message has
  /// none; a longer body is sliced to the declared length. Invalid if verification fails or the
  /// body is shorter than declared.
  static Result<std::unique_ptr<Message>> Open(std::shared_ptr<Buffer> metadata, std::shared_ptr<Buffer> body);
  /// As Open, for ipc/ internals that already verified `metadata`: `verified_root` is its
  /// org.apache.arrow.flatbuf.Message root.
  static Result<std::unique_ptr<Message>> OpenVerified(std::shared_ptr<Buffer> metadata, const void* verified_root,
                                                       std::shared_ptr<Buffer> body);

  MessageType type() const { return type_; }
  MetadataVersion metadata_version() const { return version_; }
  const std::shared_ptr<Buffer>& metadata() const { return metadata_; }
  /// Never nullptr (an empty buffer when there is no body).
  const std::shared_ptr<Buffer>& body() const { return body_; }
  int64_t body_length() const { return body_->size(); }
  /// Message-level custom metadata (nullptr when absent).
  const MetadataPtr& custom_metadata() const { return custom_metadata_; }
  /// The verified org.apache.arrow.flatbuf.Message root (for ipc/ internals).
  const void* flatbuffer() const { return root_; }

  /// Same metadata bytes and body bytes.
  bool Equals(const Message& other) const;
  /// Writes the encapsulated message (prefix, metadata padded to options.alignment, body padded
  /// to 8); returns the bytes written.
  Result<int64_t> SerializeTo(io::OutputStream* stream, const IpcWriteOptions& options = IpcWriteOptions()) const;

 private:
  Message() = default;
  std::shared_ptr<Buffer> metadata_;
  std::shared_ptr<Buffer> body_;
  const void* root_ = nullptr;
  MessageType type_ = MessageType::NONE;
  MetadataVersion version_ = MetadataVersion::V5;
  MetadataPtr custom_metadata_;
};

/// Reads the next message from `stream`; nullptr at the end-of-stream marker or at a clean end
/// of input (no byte of a new message). Invalid for truncated or corrupt messages.
Result<std::unique_ptr<Message>> ReadMessage(io::InputStream* stream,
                                             const IpcReadOptions& options = IpcReadOptions());
/// Reads the message that starts at `offset` of `file` (a file Block): `metadata_length` covers
/// the prefix, metadata and padding. Invalid unless a complete message is found there.
Result<std::unique_ptr<Message>> ReadMessage(int64_t offset, int32_t metadata_length, io::RandomAccessFile* file,
                                             const IpcReadOptions& options = IpcReadOptions());

/// Pulls messages one by one from a stream (kept alive when given as shared_ptr).
class MessageReader {
 public:
  static std::unique_ptr<MessageReader> Open(std::shared_ptr<io::InputStream> stream,
                                             const IpcReadOptions& options = IpcReadOptions());
  /// The stream must outlive the reader.
  static std::unique_ptr<MessageReader> Open(io::InputStream* stream, const IpcReadOptions& options = IpcReadOptions());

  /// The next message, or nullptr at end of stream.
  Result<std::unique_ptr<Message>> ReadNextMessage();

 private:
  MessageReader(std::shared_ptr<io::InputStream> owned, io::InputStream* stream, const IpcReadOptions& options);
  std::shared_ptr<io::InputStream> owned_;
  io::InputStream* stream_;
  IpcReadOptions options_;
};

/// Writes the prefix (continuation marker unless legacy framing is asked for), `metadata` and
/// zero padding so that prefix + metadata is a multiple of options.alignment. Returns the bytes
/// written (what a file Block calls metaDataLength).
Result<int32_t> WriteMessageMetadata(const Buffer& metadata, const IpcWriteOptions& options, io::OutputStream* stream);
Result<int32_t> WriteMessageMetadata(const uint8_t* metadata, int64_t size, const IpcWriteOptions& options,
                                     io::OutputStream* stream);
/// Writes the end-of-stream marker (0xFFFFFFFF 0x00000000, or 4 zero bytes in legacy framing).
Status WriteEndOfStream(io::OutputStream* stream, const IpcWriteOptions& options = IpcWriteOptions());

}  // namespace arrowpack::ipc
