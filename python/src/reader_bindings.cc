// arrowpack.RecordBatchReader: a stream of record batches sharing one schema (tables, imported C
// streams, and the IPC readers, which derive from it).
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "errors.h"

namespace arrowpack::python {

namespace {

using ReaderPtr = std::shared_ptr<RecordBatchReader>;

// Reading may block on IO; readers that call back into Python take the GIL themselves.
RecordBatchPtr ReadNext(RecordBatchReader& reader) {
  return ValueOrThrow(CallWithoutGil([&] { return reader.ReadNext(); }));
}

TablePtr ReadAll(RecordBatchReader& reader) {
  RecordBatchVector batches = ValueOrThrow(CallWithoutGil([&] { return reader.ReadAll(); }));
  return ValueOrThrow(Table::FromRecordBatches(batches, reader.schema()));
}

// RecordBatchReader.from_batches: takes the batches from a Python iterable one at a time, as
// pyarrow does (a generator is not drained up front). ReadNext runs without the GIL (see
// ReadNext above) and takes it; an item that is not a RecordBatch is a TypeError when it is read,
// an exception of the iterable comes out of read_next_batch as it is.
// Batches are not checked against the schema until read_all() puts them in a Table.
class IterableReader : public RecordBatchReader {
 public:
  IterableReader(std::shared_ptr<Schema> schema, py::object iterator)
      : schema_(std::move(schema)), iterator_(std::move(iterator)) {}
  ~IterableReader() override {
    py::gil_scoped_acquire gil;
    iterator_ = py::object();
  }

  std::shared_ptr<Schema> schema() const override { return schema_; }
  Result<RecordBatchPtr> ReadNext() override {
    py::gil_scoped_acquire gil;
    if (!iterator_) return RecordBatchPtr();
    PyObject* item = PyIter_Next(iterator_.ptr());
    if (item == nullptr) {
      if (PyErr_Occurred()) {
        py::error_already_set error;
        return StashPythonError(error);  // read_next_batch raises the iterable's own exception
      }
      iterator_ = py::object();
      return RecordBatchPtr();
    }
    py::object batch = py::reinterpret_steal<py::object>(item);
    if (!py::isinstance<RecordBatch>(batch)) {
      return Status::TypeError("Could not unwrap RecordBatch from Python object of type '",
                               py::str(py::type::of(batch).attr("__name__")).cast<std::string>(), "'");
    }
    return batch.cast<RecordBatchPtr>();
  }
  Status Close() override {
    py::gil_scoped_acquire gil;
    iterator_ = py::object();
    return Status::OK();
  }

 private:
  std::shared_ptr<Schema> schema_;
  py::object iterator_;
};

ReaderPtr FromBatches(py::handle schema_arg, py::handle batches_arg) {
  std::shared_ptr<Schema> schema = SchemaFromPython(schema_arg);
  return std::make_shared<IterableReader>(std::move(schema), py::iter(batches_arg));
}

}  // namespace

void RegisterRecordBatchReaders(py::module_& m) {
  py::class_<RecordBatchReader, ReaderPtr>(m, "RecordBatchReader",
                                           "A stream of record batches with one schema; iterate it or read_all().")
      .def_property_readonly("schema", &RecordBatchReader::schema)
      .def(
          "read_next_batch",
          [](RecordBatchReader& reader) {
            RecordBatchPtr batch = ReadNext(reader);
            if (batch == nullptr) throw py::stop_iteration();
            return batch;
          },
          "The next batch; StopIteration at the end of the stream.")
      .def(
          "_read_next_with_metadata",
          [](RecordBatchReader&) { ThrowIfError(Status::NotImplemented("ReadNext with custom metadata")); },
          "IPC stream readers override this; other readers have no message metadata (as in pyarrow).")
      .def("read_all", &ReadAll, "The rest of the stream as a Table.")
      .def(
          "read_pandas", [](RecordBatchReader& reader, py::kwargs kwargs) {
            return py::cast(ReadAll(reader)).attr("to_pandas")(**kwargs);
          },
          "read_all().to_pandas(**kwargs).")
      .def("__iter__", [](py::handle self) { return py::reinterpret_borrow<py::object>(self); })
      .def("__next__",
           [](RecordBatchReader& reader) {
             RecordBatchPtr batch = ReadNext(reader);
             if (batch == nullptr) throw py::stop_iteration();
             return batch;
           })
      .def("close", [](RecordBatchReader& reader) { ThrowIfError(reader.Close()); })
      .def("__enter__", [](py::handle self) { return py::reinterpret_borrow<py::object>(self); })
      .def("__exit__", [](RecordBatchReader& reader, py::args) { ThrowIfError(reader.Close()); })
      .def_static("from_batches", &FromBatches, py::arg("schema"), py::arg("batches"),
                  "A reader over an iterable of batches with `schema`, taken one at a time.")
      .def_static(
          "from_stream",
          [](py::handle data, py::handle schema) {
            return ImportStreamFrom(data, schema.is_none() ? nullptr : SchemaFromPython(schema));
          },
          py::arg("data"), py::arg("schema") = py::none(), "A reader over any object with __arrow_c_stream__.");
}

}  // namespace arrowpack::python
