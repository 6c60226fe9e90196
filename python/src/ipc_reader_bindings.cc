// The stream and file reader primitives behind arrowpack.ipc.RecordBatchStreamReader and
// RecordBatchFileReader (ipc.py adds the pyarrow-facing API). Batches come back as arrowpack
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

// A stream reader with the NativeFile it reads (kept alive here). After export_stream the
// batches belong to the consumer and this reader is spent (its stats still count them).
struct PyStreamReader {
  std::shared_ptr<NativeFile> source;
  std::shared_ptr<RecordBatchStreamReader> reader;
  std::shared_ptr<Schema> schema;
  bool spent = false;

  RecordBatchStreamReader& Live() {
    if (spent) RaiseStatus(Status::Invalid("the stream reader is closed or was exported"));
    return *reader;
  }
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

py::tuple StatsTuple(const ipc::ReadStats& stats) {
  return py::make_tuple(stats.num_messages, stats.num_record_batches, stats.num_dictionary_batches,
                        stats.num_dictionary_deltas, stats.num_replaced_dictionaries);
}

}  // namespace

void RegisterIpcReaders(py::module_& m) {
  py::class_<PyStreamReader>(m, "_StreamReader")
      .def(py::init([](py::handle source, const ipc::IpcReadOptions& options) {
             auto self = std::make_unique<PyStreamReader>();
             self->source = NativeFileFromPython(source);
             std::shared_ptr<io::InputStream> in = InputStreamFromPython(source);
             self->reader = ValueOrThrow(CallWithoutGil(self->source->release_gil,
                                                        [&] { return RecordBatchStreamReader::Open(in, options); }));
             self->schema = self->reader->schema();
             return self;
           }),
           py::arg("source"), py::arg("options"))
      .def("schema_capsule", [](const PyStreamReader& self) { return SchemaCapsule(*self.schema); })
      .def_property_readonly("schema", [](const PyStreamReader& self) { return self.schema; })
      .def("read_next", [](PyStreamReader& self) -> py::object {
        RecordBatchStreamReader& reader = self.Live();
        RecordBatchPtr batch =
            ValueOrThrow(CallWithoutGil(self.source->release_gil, [&] { return reader.ReadNext(); }));
        if (!batch) return py::none();
        return py::cast(batch);
      })
      .def("read_next_with_metadata",
           [](PyStreamReader& self) {
             RecordBatchStreamReader& reader = self.Live();
             return WithMetadata(ValueOrThrow(
                 CallWithoutGil(self.source->release_gil, [&] { return reader.ReadNextWithCustomMetadata(); })));
           })
      .def("read_all",
           [](PyStreamReader& self) {
             RecordBatchStreamReader& reader = self.Live();
             return ValueOrThrow(CallWithoutGil(self.source->release_gil, [&]() -> Result<TablePtr> {
               ARROWPACK_ASSIGN_OR_RAISE(RecordBatchVector batches, reader.ReadAll());
               return Table::FromRecordBatches(batches, self.schema);
             }));
           })
      .def("stats", [](const PyStreamReader& self) { return StatsTuple(self.reader->stats()); })
      .def("export_stream",
           [](PyStreamReader& self) {
             self.Live();
             self.spent = true;
             return StreamCapsule(self.reader);
           })
      .def("close", [](PyStreamReader& self) { self.spent = true; });

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
