// The schema caches of schema_cache_internal.h: three hash maps under one mutex.
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/schema_cache_internal.h"
#include "arrowpack/serialize/sequence_decoder_internal.h"
#include "arrowpack/serialize/serialize_options_internal.h"

namespace arrowpack::serialize::internal {

namespace {

// Lets maps keyed by std::string be searched with a string_view (no copy on a hit).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

struct ReadEntry {
  std::shared_ptr<Schema> schema;
  std::shared_ptr<const SequencePlan> plan;  // nullptr when the fast decoder does not read it
};

struct Caches {
  std::mutex mutex;
  StringMap<std::shared_ptr<Schema>> schema_of_shape;
  // The encoded message of each schema in schema_of_shape (which keeps the key's address unique).
  std::unordered_map<const Schema*, std::shared_ptr<Buffer>> message_of_schema;
  StringMap<ReadEntry> schema_of_bytes;
};

Caches& GetCaches() {
  static Caches caches;
  return caches;
}

Result<std::shared_ptr<Buffer>> EncodeSchemaMessage(const Schema& schema) {
  const ipc::IpcWriteOptions options = StreamWriteOptions();
  ipc::DictionaryMemo memo;
  ARROWPACK_ASSIGN_OR_RAISE(auto payload, ipc::GetSchemaPayload(schema, memo, options));
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, io::BufferOutputStream::Create(payload.metadata->size() + 16));
  ARROWPACK_RETURN_NOT_OK(ipc::WriteIpcPayload(payload, options, stream.get()).status());
  ARROWPACK_ASSIGN_OR_RAISE(auto encoded, stream->Finish());
  // Cached for the life of the process: heap memory, not the default pool's (whose byte count
  // programs and tests watch).
  return Buffer::FromString(std::string(encoded->view()));
}

}  // namespace

Result<std::shared_ptr<Schema>> SchemaForShape(std::string_view key,
                                               const std::function<Result<std::shared_ptr<Schema>>()>& build) {
  Caches& caches = GetCaches();
  {
    std::lock_guard<std::mutex> lock(caches.mutex);
    auto found = caches.schema_of_shape.find(key);
    if (found != caches.schema_of_shape.end()) return found->second;
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Schema> schema, build());
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> message, EncodeSchemaMessage(*schema));
  std::lock_guard<std::mutex> lock(caches.mutex);
  if (caches.schema_of_shape.size() >= kMaxCachedSchemas) {
    caches.schema_of_shape.clear();
    caches.message_of_schema.clear();
  }
  auto [entry, inserted] = caches.schema_of_shape.emplace(std::string(key), schema);
  if (inserted) caches.message_of_schema.emplace(schema.get(), std::move(message));
  return entry->second;
}

Result<std::shared_ptr<Buffer>> SchemaMessageBytes(const std::shared_ptr<Schema>& schema) {
  Caches& caches = GetCaches();
  {
    std::lock_guard<std::mutex> lock(caches.mutex);
    auto found = caches.message_of_schema.find(schema.get());
    if (found != caches.message_of_schema.end()) return found->second;
  }
  return EncodeSchemaMessage(*schema);
}

Result<std::shared_ptr<Schema>> ReadSchemaCached(const ipc::Message& message, ipc::DictionaryMemo* memo) {
  const Buffer& metadata = *message.metadata();
  const std::string_view bytes(reinterpret_cast<const char*>(metadata.data()), static_cast<size_t>(metadata.size()));
  Caches& caches = GetCaches();
  {
    std::lock_guard<std::mutex> lock(caches.mutex);
    auto found = caches.schema_of_bytes.find(bytes);
    if (found != caches.schema_of_bytes.end()) return found->second.schema;
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Schema> schema, ipc::ReadSchema(message, memo));
  if (memo->num_fields() > 0) return schema;
  // A schema message with a body would make the stream longer than the fast decoder reads.
  std::shared_ptr<const SequencePlan> plan = message.body_length() == 0 ? MakeSequencePlan(*schema) : nullptr;
  std::lock_guard<std::mutex> lock(caches.mutex);
  if (caches.schema_of_bytes.size() >= kMaxCachedSchemas) caches.schema_of_bytes.clear();
  caches.schema_of_bytes.emplace(std::string(bytes), ReadEntry{schema, std::move(plan)});
  return schema;
}

std::shared_ptr<const SequencePlan> CachedSequencePlan(std::string_view metadata) {
  // Most programs read one shape after another: compare with this thread's last hit first.
  thread_local std::string last_bytes;
  thread_local std::shared_ptr<const SequencePlan> last_plan;
  if (last_plan != nullptr && last_bytes.size() == metadata.size() &&
      std::memcmp(last_bytes.data(), metadata.data(), metadata.size()) == 0) {
    return last_plan;
  }
  Caches& caches = GetCaches();
  std::shared_ptr<const SequencePlan> plan;
  {
    std::lock_guard<std::mutex> lock(caches.mutex);
    auto found = caches.schema_of_bytes.find(metadata);
    if (found == caches.schema_of_bytes.end() || found->second.plan == nullptr) return nullptr;
    plan = found->second.plan;
  }
  last_bytes.assign(metadata);
  last_plan = plan;
  return plan;
}

}  // namespace arrowpack::serialize::internal
