#include "arrowpack/ipc/message_summary.h"

#include "arrowpack/ipc/metadata_internal.h"

namespace arrowpack::ipc {

namespace fb = internal::fb;

namespace {

void AddBatchInfo(const internal::RecordBatchInfo& info, MessageSummary* summary) {
  summary->num_rows = info.length;
  summary->num_buffers = static_cast<int64_t>(info.buffers.size());
  summary->compression = info.compression;
}

}  // namespace

Result<MessageSummary> SummarizeMessage(const Message& message) {
  MessageSummary summary;
  summary.type = message.type();
  summary.metadata_version = message.metadata_version();
  summary.body_length = message.body_length();
  const auto* root = static_cast<const fb::Message*>(message.flatbuffer());
  if (message.type() == MessageType::RECORD_BATCH) {
    ARROWPACK_ASSIGN_OR_RAISE(auto info, internal::RecordBatchFromFlatbuffer(root->header_as_RecordBatch()));
    AddBatchInfo(info, &summary);
  } else if (message.type() == MessageType::DICTIONARY_BATCH) {
    const fb::DictionaryBatch* batch = root->header_as_DictionaryBatch();
    ARROWPACK_ASSIGN_OR_RAISE(auto info, internal::RecordBatchFromFlatbuffer(batch->data()));
    AddBatchInfo(info, &summary);
    summary.dictionary_id = batch->id();
    summary.is_delta = batch->isDelta();
  }
  return summary;
}

}  // namespace arrowpack::ipc
