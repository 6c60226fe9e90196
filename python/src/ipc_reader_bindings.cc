// The stream and file reader primitives behind arrowpack.ipc.RecordBatchStreamReader (a
// RecordBatchReader) and RecordBatchFileReader (ipc.py adds the pyarrow-facing API). Batches come back as arrowpack
// RecordBatch objects, and the schema and the remaining batches of a stream can leave through the
// Arrow PyCapsule protocol. Reading runs without the GIL unless the source is a Python file.
// Errors: ArrowInvalid for malformed input or a closed reader, IndexError for a batch index out
// of range.
#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/c_abi.h"
#include "arrowpack/core/c_data.h"
#include "arrowpack/ipc/reader.h"
#include "bindings.h"
#include "common.h"
#include "native_file.h"
#include "py_metadata.h"
#include "reader_c_pointer.h"

namespace arrowpack::python {

namespace {

using ipc::RecordBatchStreamReader;

// Capsule destructors release the C struct unless a consumer moved it out (release == nullptr).
void DeleteSchemaCapsule(PyObject* capsule) {
  auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (schema == nullptr) return;
  if (schema->release != nullptr) schema->release(schema);
  delete schema;
}

void DeleteStreamCapsule(PyObject* capsule) {
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
  if (stream == nullptr) return;
  if (stream->release != nullptr) stream->release(stream);
  delete stream;
}

py::capsule SchemaCapsule(const Schema& schema) {
  auto out = std::make_unique<ArrowSchema>();
  out->release = nullptr;
  ThrowIfError(ExportSchema(schema, out.get()));
  py::capsule capsule(out.get(), "arrow_schema", &DeleteSchemaCapsule);
  out.release();
  return capsule;
}

py::capsule StreamCapsule(std::shared_ptr<RecordBatchReader> reader) {
  auto out = std::make_unique<ArrowArrayStream>();
  out->release = nullptr;
  ThrowIfError(ExportRecordBatchReader(std::move(reader), out.get()));
  py::capsule capsule(out.get(), "arrow_array_stream", &DeleteStreamCapsule);
  out.release();
  return capsule;
}

// A stream reader with the NativeFile it reads (kept alive here): an arrowpack.RecordBatchReader,
// so the base class's reading methods apply. After close() or export_stream the reader is spent:
// reading raises ArrowInvalid, and the exported batches belong to the consumer (the stats still
// count them).
class PyStreamReader : public RecordBatchReader {
 public:
  PyStreamReader(std::shared_ptr<NativeFile> source, std::shared_ptr<RecordBatchStreamReader> reader)
      : source_(std::move(source)), reader_(std::move(reader)) {}

  std::shared_ptr<Schema> schema() const override { return reader_->schema(); }
  Result<RecordBatchPtr> ReadNext() override {
    ARROWPACK_RETURN_NOT_OK(CheckLive());
    return reader_->ReadNext();
  }
  Status Close() override {
    spent_ = true;
    return Status::OK();
  }

  Result<ipc::RecordBatchWithMetadata> ReadNextWithCustomMetadata() {
    ARROWPACK_RETURN_NOT_OK(CheckLive());
    return reader_->ReadNextWithCustomMetadata();
  }
  Result<std::shared_ptr<RecordBatchReader>> Export() {
    ARROWPACK_RETURN_NOT_OK(CheckLive());
    spent_ = true;
    return std::shared_ptr<RecordBatchReader>(reader_);
  }
  ipc::ReadStats stats() const { return reader_->stats(); }
  bool release_gil() const { return source_->release_gil; }

 private:
  Status CheckLive() const {
    return spent_ ? Status::Invalid("the stream reader is closed or was exported") : Status::OK();
  }
  std::shared_ptr<NativeFile> source_;
  std::shared_ptr<RecordBatchStreamReader> reader_;
  bool spent_ = false;
};

// (batch, custom metadata dict or None), or None at the end.
py::object WithMetadata(ipc::RecordBatchWithMetadata read) {
  if (!read.batch) return py::none();
  return py::make_tuple(py::cast(std::move(read.batch)), MetadataToPython(read.custom_metadata));
}

// A file reader with the NativeFile it reads (kept alive here).
struct PyFileReader {
  std::shared_ptr<NativeFile> source;
  std::shared_ptr<ipc::RecordBatchFileReader> reader;

  template <typename F>
  auto Run(F&& work) {
    return ValueOrThrow(CallWithoutGil(source->release_gil, std::forward<F>(work)));
  }
};

}  // namespace

py::tuple StatsTuple(const ipc::ReadStats& stats) {
  return py::make_tuple(stats.num_messages, stats.num_record_batches, stats.num_dictionary_batches,
                        stats.num_dictionary_deltas, stats.num_replaced_dictionaries);
}

void RegisterIpcReaders(py::module_& m) {
  py::class_<PyStreamReader, RecordBatchReader, std::shared_ptr<PyStreamReader>>(m, "_RecordBatchStreamReader")
      .def(py::init([](py::handle source, const ipc::IpcReadOptions& options) {
             std::shared_ptr<NativeFile> file = NativeFileFromPython(source);
             std::shared_ptr<io::InputStream> in = InputStreamFromPython(source);
             auto reader = ValueOrThrow(
                 CallWithoutGil(file->release_gil, [&] { return RecordBatchStreamReader::Open(in, options); }));
             return std::make_shared<PyStreamReader>(std::move(file), std::move(reader));
           }),
           py::arg("source"), py::arg("options"))
      .def("_schema_capsule", [](const PyStreamReader& self) { return SchemaCapsule(*self.schema()); })
      .def("_read_next_with_metadata",
           [](PyStreamReader& self) {
             return WithMetadata(ValueOrThrow(
                 CallWithoutGil(self.release_gil(), [&] { return self.ReadNextWithCustomMetadata(); })));
           })
      .def("_stats", [](const PyStreamReader& self) { return StatsTuple(self.stats()); })
      .def("_export_stream", [](PyStreamReader& self) { return StreamCapsule(ValueOrThrow(self.Export())); })
      .def(
          "_export_to_c",
          [](PyStreamReader& self, py::handle out_ptr) {
            ArrowArrayStream* out = StreamAtAddress(out_ptr);  // checked before the reader is spent
            ThrowIfError(ExportRecordBatchReader(ValueOrThrow(self.Export()), out));
          },
          py::arg("out_ptr"), "Exports the remaining batches into the ArrowArrayStream at `out_ptr`; spends the reader.");

  py::class_<PyFileReader>(m, "_FileReader")
      .def(py::init([](py::handle source, py::handle footer_offset, const ipc::IpcReadOptions& options) {
             auto self = std::make_unique<PyFileReader>();
             self->source = NativeFileFromPython(source);
             std::shared_ptr<io::RandomAccessFile> file = RandomAccessFileFromPython(source);
             if (footer_offset.is_none()) {
               self->reader = self->Run([&] { return ipc::RecordBatchFileReader::Open(file, options); });
             } else {
               const auto offset = footer_offset.cast<int64_t>();
               self->reader = self->Run([&] { return ipc::RecordBatchFileReader::Open(file, offset, options); });
             }
             return self;
           }),
           py::arg("source"), py::arg("footer_offset"), py::arg("options"))
      .def_property_readonly("schema", [](const PyFileReader& self) { return self.reader->schema(); })
      .def_property_readonly("num_record_batches",
                             [](const PyFileReader& self) { return self.reader->num_record_batches(); })
      .def_property_readonly("metadata",
                             [](const PyFileReader& self) { return MetadataToPython(self.reader->metadata()); })
      .def_property_readonly("version", [](const PyFileReader& self) { return self.reader->version(); })
      .def("get_batch",
           [](PyFileReader& self, int i) { return self.Run([&] { return self.reader->ReadRecordBatch(i); }); })
      .def("get_batch_with_custom_metadata",
           [](PyFileReader& self, int i) {
             return WithMetadata(self.Run([&] { return self.reader->ReadRecordBatchWithCustomMetadata(i); }));
           })
      .def("read_all", [](PyFileReader& self) { return self.Run([&] { return self.reader->ReadAll(); }); })
      .def("count_rows", [](PyFileReader& self) { return self.Run([&] { return self.reader->CountRows(); }); })
      .def("stats", [](const PyFileReader& self) { return StatsTuple(self.reader->stats()); });
}

}  // namespace arrowpack::python
