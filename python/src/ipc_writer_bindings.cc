// The writer primitive behind arrowpack.ipc.RecordBatchStreamWriter / RecordBatchFileWriter
// (ipc.py turns paths, Python files and writable buffers into the NativeFile sink first and
// subclasses this class). The writer keeps its sink alive; close() writes the end of stream (and
// the footer) and closes the sink only when the writer opened it (`owns_sink`); options None are
// pyarrow's defaults with its environment switches. Errors: TypeError
// for arguments of the wrong class, ArrowInvalid for a batch whose schema differs from the
// writer's or a write after close, the sink's own errors (ArrowIOError, ...) otherwise.
#include <pybind11/pybind11.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "arrowpack/ipc/writer.h"
#include "bindings.h"
#include "columnar.h"
#include "common.h"
#include "native_file.h"
#include "py_metadata.h"

namespace arrowpack::python {

namespace {

struct PyRecordBatchWriter {
  std::shared_ptr<NativeFile> sink;
  std::shared_ptr<ipc::RecordBatchWriter> writer;
  bool owns_sink = false;

  template <typename F>
  void Run(F&& work) {
    ThrowIfError(CallWithoutGil(sink->release_gil, std::forward<F>(work)));
  }

  void WriteBatch(py::handle batch, py::handle custom_metadata) {
    if (!py::isinstance<RecordBatch>(batch)) {
      throw py::type_error("write_batch expects a RecordBatch, got " + TypeName(batch));
    }
    auto record_batch = batch.cast<RecordBatchPtr>();
    MetadataPtr metadata = MetadataFromPython(custom_metadata);
    Run([&] { return writer->WriteRecordBatch(*record_batch, metadata); });
  }

  void WriteTable(py::handle table, py::handle max_chunksize) {
    if (!py::isinstance<Table>(table)) throw py::type_error("write_table expects a Table, got " + TypeName(table));
    auto t = table.cast<TablePtr>();
    const int64_t chunksize = max_chunksize.is_none() ? -1 : max_chunksize.cast<int64_t>();
    if (!max_chunksize.is_none() && chunksize <= 0) throw py::value_error("max_chunksize must be positive");
    Run([&] { return writer->WriteTable(*t, chunksize); });
  }

  void Close() {
    Run([&] { return writer->Close(); });
    if (owns_sink && !sink->closed()) Run([&] { return sink->file->Close(); });
  }

  static std::string TypeName(py::handle obj) {
    return py::str(py::type::of(obj).attr("__name__")).cast<std::string>();
  }
};

// pyarrow's environment switches of the default options, read at each writer as pyarrow does
// (os.environ changes reach getenv through putenv): bool(int(value)), so a value that is not an
// integer raises ValueError. Read here rather than through os.environ, which costs a few
// microseconds per writer.
bool EnvironmentFlag(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && py::int_(py::str(value)).cast<long long>() != 0;
}

// `options`, or for None the defaults: V5 metadata unless ARROW_PRE_1_0_METADATA_VERSION is set,
// the pre-0.15 framing when ARROW_PRE_0_15_IPC_FORMAT is.
ipc::IpcWriteOptions WriteOptionsFromPython(py::handle options) {
  if (!options.is_none()) return options.cast<ipc::IpcWriteOptions>();
  ipc::IpcWriteOptions defaults;
  if (EnvironmentFlag("ARROW_PRE_1_0_METADATA_VERSION")) defaults.metadata_version = ipc::MetadataVersion::V4;
  defaults.write_legacy_ipc_format = EnvironmentFlag("ARROW_PRE_0_15_IPC_FORMAT");
  return defaults;
}

}  // namespace

void RegisterIpcWriters(py::module_& m) {
  py::class_<PyRecordBatchWriter>(m, "_RecordBatchWriter", py::dynamic_attr())
      .def(py::init([](py::handle sink, py::handle schema, py::handle options_arg, bool is_file,
                       py::handle metadata, bool owns_sink) {
             if (!py::isinstance<Schema>(schema)) {
               throw py::type_error("schema must be an arrowpack.Schema, got " + PyRecordBatchWriter::TypeName(schema));
             }
             auto self = std::make_unique<PyRecordBatchWriter>();
             self->sink = NativeFileFromPython(sink);
             self->owns_sink = owns_sink;
             std::shared_ptr<io::OutputStream> out = OutputStreamFromPython(sink);
             auto s = schema.cast<std::shared_ptr<Schema>>();
             MetadataPtr footer_metadata = MetadataFromPython(metadata);
             const ipc::IpcWriteOptions options = WriteOptionsFromPython(options_arg);
             self->writer = ValueOrThrow(CallWithoutGil(self->sink->release_gil, [&] {
               return is_file ? ipc::MakeFileWriter(out, s, options, footer_metadata)
                              : ipc::MakeStreamWriter(out, s, options);
             }));
             return self;
           }),
           py::arg("sink"), py::arg("schema"), py::arg("options"), py::arg("is_file"), py::arg("metadata"),
           py::arg("owns_sink"))
      .def("write_batch", &PyRecordBatchWriter::WriteBatch, py::arg("batch"), py::arg("custom_metadata") = py::none(),
           "Writes one RecordBatch (with optional custom metadata on its message).")
      .def("write_table", &PyRecordBatchWriter::WriteTable, py::arg("table"), py::arg("max_chunksize") = py::none(),
           "Writes a Table as record batches of at most max_chunksize rows (default: its chunks).")
      .def(
          "write",
          [](PyRecordBatchWriter& self, py::handle table_or_batch) {
            if (py::isinstance<RecordBatch>(table_or_batch)) {
              self.WriteBatch(table_or_batch, py::none());
            } else if (py::isinstance<Table>(table_or_batch)) {
              self.WriteTable(table_or_batch, py::none());
            } else {
              throw py::value_error("write expects a RecordBatch or a Table, got " +
                                    PyRecordBatchWriter::TypeName(table_or_batch));
            }
          },
          py::arg("table_or_batch"), "Writes a RecordBatch or a Table.")
      .def("close", &PyRecordBatchWriter::Close, "Writes the end of the stream (and the file footer).")
      .def("_stats",
           [](const PyRecordBatchWriter& self) {
             const ipc::WriteStats stats = self.writer->stats();
             return py::make_tuple(stats.num_messages, stats.num_record_batches, stats.num_dictionary_batches,
                                   stats.num_dictionary_deltas, stats.num_replaced_dictionaries);
           })
      .def("__enter__", [](py::handle self) { return py::reinterpret_borrow<py::object>(self); })
      .def("__exit__", [](PyRecordBatchWriter& self, py::args) { self.Close(); });
}

}  // namespace arrowpack::python
