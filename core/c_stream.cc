// C Stream Interface: a RecordBatchReader exported as an ArrowArrayStream, and an
// ArrowArrayStream imported as a RecordBatchReader.
#include <cerrno>
#include <string>
#include <utility>

#include "arrowpack/core/c_data.h"

namespace arrowpack {

namespace {

// ---- Export ------------------------------------------------------------------------------------

struct ExportedStream {
  std::shared_ptr<RecordBatchReader> reader;
  std::string last_error;
};

int ErrnoOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::OK: return 0;
    case StatusCode::Invalid:
    case StatusCode::TypeError:
    case StatusCode::KeyError:
    case StatusCode::IndexError:
      return EINVAL;
    case StatusCode::OutOfMemory: return ENOMEM;
    case StatusCode::NotImplemented: return ENOSYS;
    default: return EIO;
  }
}

ExportedStream* StreamOf(ArrowArrayStream* stream) { return static_cast<ExportedStream*>(stream->private_data); }

/// Records the error message for get_last_error and turns the status into an errno.
int Report(ArrowArrayStream* stream, const Status& status) {
  StreamOf(stream)->last_error = status.ok() ? "" : status.ToString();
  return ErrnoOf(status);
}

int StreamGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  return Report(stream, ExportSchema(*StreamOf(stream)->reader->schema(), out));
}

// The consumer reads each batch with the stream's schema, so a batch of other column types (a
// reader that does not check its batches, e.g. one over a Python iterable) is an error, not data.
Status CheckBatchMatchesStream(const RecordBatch& batch, const Schema& schema) {
  bool same = batch.num_columns() == schema.num_fields();
  for (int i = 0; same && i < batch.num_columns(); ++i) same = batch.column(i)->type()->Equals(*schema.field(i)->type());
  if (same) return Status::OK();
  return Status::Invalid("a batch's columns do not match the stream's schema: batch ",
                         batch.schema()->ToString(/*show_metadata=*/false), "; stream ",
                         schema.ToString(/*show_metadata=*/false));
}

int StreamGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  RecordBatchReader& reader = *StreamOf(stream)->reader;
  auto batch = reader.ReadNext();
  if (!batch.ok()) return Report(stream, batch.status());
  if (*batch == nullptr) {
    *out = ArrowArray{};  // a released array marks the end of the stream
    return Report(stream, Status::OK());
  }
  Status matches = CheckBatchMatchesStream(**batch, *reader.schema());
  if (!matches.ok()) return Report(stream, matches);
  return Report(stream, ExportRecordBatch(**batch, out));
}

const char* StreamGetLastError(ArrowArrayStream* stream) {
  const std::string& error = StreamOf(stream)->last_error;
  return error.empty() ? nullptr : error.c_str();
}

void StreamRelease(ArrowArrayStream* stream) {
  delete StreamOf(stream);
  stream->release = nullptr;
}

// ---- Import ------------------------------------------------------------------------------------

Status StatusOfErrno(int code, const char* operation, ArrowArrayStream* stream) {
  const char* message = stream->get_last_error(stream);
  std::string text = std::string("ArrowArrayStream ") + operation + " failed: " +
                     (message != nullptr ? message : "errno " + std::to_string(code));
  switch (code) {
    case EINVAL: return Status::Invalid(text);
    case ENOMEM: return Status::OutOfMemory(text);
    case ENOSYS: return Status::NotImplemented(text);
    default: return Status(StatusCode::IOError, std::move(text), code);
  }
}

class ImportedStreamReader : public RecordBatchReader {
 public:
  ImportedStreamReader(ArrowArrayStream stream, ImportValidation validation)
      : stream_(stream), validation_(validation) {}
  ~ImportedStreamReader() override { Release(); }

  Status Init() {
    ArrowSchema schema{};
    const int code = stream_.get_schema(&stream_, &schema);
    if (code != 0) return StatusOfErrno(code, "get_schema", &stream_);
    ARROWPACK_ASSIGN_OR_RAISE(schema_, ImportSchema(&schema));
    return Status::OK();
  }

  std::shared_ptr<Schema> schema() const override { return schema_; }

  Result<RecordBatchPtr> ReadNext() override {
    if (stream_.release == nullptr) return RecordBatchPtr();
    ArrowArray array{};
    const int code = stream_.get_next(&stream_, &array);
    if (code != 0) return StatusOfErrno(code, "get_next", &stream_);
    if (array.release == nullptr) return RecordBatchPtr();
    return ImportRecordBatch(&array, schema_, validation_);
  }

  Status Close() override {
    Release();
    return Status::OK();
  }

 private:
  void Release() {
    if (stream_.release != nullptr) stream_.release(&stream_);
  }

  ArrowArrayStream stream_;
  ImportValidation validation_;
  std::shared_ptr<Schema> schema_;
};

}  // namespace

Status ExportRecordBatchReader(std::shared_ptr<RecordBatchReader> reader, ArrowArrayStream* out) {
  if (reader == nullptr) return Status::Invalid("ExportRecordBatchReader: reader is null");
  out->get_schema = StreamGetSchema;
  out->get_next = StreamGetNext;
  out->get_last_error = StreamGetLastError;
  out->release = StreamRelease;
  out->private_data = new ExportedStream{std::move(reader), {}};
  return Status::OK();
}

Result<std::shared_ptr<RecordBatchReader>> ImportRecordBatchReader(ArrowArrayStream* stream,
                                                                  ImportValidation validation) {
  if (stream == nullptr) return Status::Invalid("ArrowArrayStream pointer is NULL");
  if (stream->release == nullptr) return Status::Invalid("ArrowArrayStream is already released");
  auto reader = std::make_shared<ImportedStreamReader>(*stream, validation);
  stream->release = nullptr;  // moved into the reader, which releases it
  ARROWPACK_RETURN_NOT_OK(reader->Init());
  return reader;
}

}  // namespace arrowpack
