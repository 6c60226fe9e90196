// Generic messages: pull every message out of the input with MessageReader and decode each by
// its type (schema, dictionary, record batch, tensor, sparse tensor) against the most recent
// schema, so that message kinds appear in orders no stream reader would accept.
#include <cstdint>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/tensor_io.h"
#include "fuzz_target.h"

namespace {

using namespace arrowpack;

// Decode errors are expected; only what decodes successfully is checked further.
void Decode(const ipc::Message& message, std::shared_ptr<Schema>* schema, ipc::DictionaryMemo* memo,
            const ipc::IpcReadOptions& options) {
  switch (message.type()) {
    case ipc::MessageType::SCHEMA: {
      ipc::DictionaryMemo fresh;
      auto read = ipc::ReadSchema(message, &fresh);
      if (read.ok()) {
        *schema = *read;
        *memo = std::move(fresh);
      }
      return;
    }
    case ipc::MessageType::DICTIONARY_BATCH:
      (void)ipc::ReadDictionary(message, memo, options);
      return;
    case ipc::MessageType::RECORD_BATCH:
      if (*schema != nullptr) {
        auto batch = ipc::ReadRecordBatch(message, *schema, memo, options);
        if (batch.ok() && !(*batch)->ValidateFull().ok()) std::abort();
      }
      return;
    case ipc::MessageType::TENSOR:
      (void)ipc::ReadTensor(message, options);
      return;
    case ipc::MessageType::SPARSE_TENSOR:
      (void)ipc::ReadSparseTensor(message, options);
      return;
    case ipc::MessageType::NONE:
      return;
  }
}

}  // namespace

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& input) {
  const ipc::IpcReadOptions options = FuzzReadOptions();
  auto reader = ipc::MessageReader::Open(std::make_shared<io::BufferReader>(input), options);
  std::shared_ptr<Schema> schema;
  ipc::DictionaryMemo memo;
  while (true) {
    auto message = reader->ReadNextMessage();
    if (!message.ok() || *message == nullptr) break;
    Decode(**message, &schema, &memo, options);
    // The framing must round-trip: re-serializing a message that was read must work.
    auto sink = io::BufferOutputStream::Create();
    if (sink.ok() && !(*message)->SerializeTo(sink->get()).ok()) std::abort();
  }
  return 0;
}
