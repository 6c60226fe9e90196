// What a tool needs to describe one IPC message without decoding its body: kind, rows, body size,
// body compression and, for dictionary batches, the id and whether it is a delta. Plain values.
// Errors: Invalid when a record batch or dictionary table inside a verified message is malformed.
#pragma once

#include <cstdint>

#include "arrowpack/core/codec.h"
#include "arrowpack/core/result.h"
#include "arrowpack/ipc/message.h"

namespace arrowpack::ipc {

struct MessageSummary {
  MessageType type = MessageType::NONE;
  MetadataVersion metadata_version = MetadataVersion::V5;
  int64_t body_length = 0;
  /// Rows of a record batch or dictionary batch; 0 for other messages.
  int64_t num_rows = 0;
  /// Buffers listed by a record batch or dictionary batch.
  int64_t num_buffers = 0;
  Compression compression = Compression::UNCOMPRESSED;
  /// Dictionary batches only.
  int64_t dictionary_id = -1;
  bool is_delta = false;
};

Result<MessageSummary> SummarizeMessage(const Message& message);

}  // namespace arrowpack::ipc
