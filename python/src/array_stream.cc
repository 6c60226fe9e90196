#include "array_stream.h"

#include <cerrno>
#include <string>
#include <utility>

namespace arrowpack::python {

namespace {

struct ChunkStream {
  ChunkedArrayPtr chunked;
  int next_chunk = 0;
  std::string last_error;
};

ChunkStream* StateOf(ArrowArrayStream* stream) { return static_cast<ChunkStream*>(stream->private_data); }

int Fail(ArrowArrayStream* stream, const Status& status) {
  StateOf(stream)->last_error = status.ToString();
  return status.IsOutOfMemory() ? ENOMEM : EINVAL;
}

int GetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  Status status = ExportType(*StateOf(stream)->chunked->type(), out);
  return status.ok() ? 0 : Fail(stream, status);
}

int GetNext(ArrowArrayStream* stream, ArrowArray* out) {
  ChunkStream* state = StateOf(stream);
  if (state->next_chunk >= state->chunked->num_chunks()) {
    *out = ArrowArray{};  // released: end of stream
    return 0;
  }
  Status status = ExportArray(*state->chunked->chunk(state->next_chunk), out);
  if (!status.ok()) return Fail(stream, status);
  ++state->next_chunk;
  return 0;
}

const char* GetLastError(ArrowArrayStream* stream) {
  const std::string& error = StateOf(stream)->last_error;
  return error.empty() ? nullptr : error.c_str();
}

void Release(ArrowArrayStream* stream) {
  delete StateOf(stream);
  stream->release = nullptr;
}

// Turns a producer's errno into a Status with its message.
Status StreamError(ArrowArrayStream* stream, int code, const char* what) {
  const char* message = stream->get_last_error != nullptr ? stream->get_last_error(stream) : nullptr;
  std::string text = std::string(what) + " failed (errno " + std::to_string(code) + ")";
  if (message != nullptr) text += ": " + std::string(message);
  if (code == ENOMEM) return Status::OutOfMemory(text);
  if (code == ENOSYS) return Status::NotImplemented(text);
  if (code == EINVAL) return Status::Invalid(text);
  return Status::IOError(text);
}

// Releases the stream when the import returns.
struct StreamReleaser {
  ArrowArrayStream stream;
  ~StreamReleaser() {
    if (stream.release != nullptr) stream.release(&stream);
  }
};

}  // namespace

Status ExportChunkedArrayStream(ChunkedArrayPtr chunked, ArrowArrayStream* out) {
  if (chunked == nullptr) return Status::Invalid("cannot export a null ChunkedArray");
  out->get_schema = &GetSchema;
  out->get_next = &GetNext;
  out->get_last_error = &GetLastError;
  out->release = &Release;
  out->private_data = new ChunkStream{std::move(chunked), 0, {}};
  return Status::OK();
}

Result<ChunkedArrayPtr> ImportChunkedArrayStream(ArrowArrayStream* stream, ImportValidation validation) {
  if (stream == nullptr) return Status::Invalid("ArrowArrayStream pointer is NULL");
  if (stream->release == nullptr) return Status::Invalid("ArrowArrayStream is already released");
  StreamReleaser owner{*stream};
  stream->release = nullptr;
  ArrowArrayStream* live = &owner.stream;
  if (live->get_schema == nullptr || live->get_next == nullptr) {
    return Status::Invalid("ArrowArrayStream has NULL callbacks");
  }

  ArrowSchema schema{};
  if (int code = live->get_schema(live, &schema); code != 0) return StreamError(live, code, "get_schema");
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, ImportType(&schema));
  ArrayVector chunks;
  while (true) {
    ArrowArray array{};
    if (int code = live->get_next(live, &array); code != 0) return StreamError(live, code, "get_next");
    if (array.release == nullptr) break;
    ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr data, ImportArray(&array, type, validation));
    chunks.push_back(MakeArray(std::move(data)));
  }
  return ChunkedArray::Make(std::move(chunks), std::move(type));
}

}  // namespace arrowpack::python
