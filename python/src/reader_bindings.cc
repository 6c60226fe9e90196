// arrowpack.RecordBatchReader: a stream of record batches sharing one schema (tables, imported C
// streams, and the IPC readers, which derive from it).
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"

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

ReaderPtr FromBatches(py::handle schema_arg, py::handle batches_arg) {
  std::shared_ptr<Schema> schema = SchemaFromPython(schema_arg);
  RecordBatchVector batches;
  for (py::handle item : batches_arg) {
    if (!py::isinstance<RecordBatch>(item)) {
      throw py::type_error("from_batches expects RecordBatch objects, got " +
                           py::str(py::type::of(item).attr("__name__")).cast<std::string>());
    }
    batches.push_back(item.cast<RecordBatchPtr>());
  }
  return ValueOrThrow(RecordBatchReader::Make(std::move(batches), std::move(schema)));
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
                  "A reader over batches in memory (they must all have `schema`).")
      .def_static(
          "from_stream",
          [](py::handle data, py::handle schema) {
            return ImportStreamFrom(data, schema.is_none() ? nullptr : SchemaFromPython(schema));
          },
          py::arg("data"), py::arg("schema") = py::none(), "A reader over any object with __arrow_c_stream__.");
}

}  // namespace arrowpack::python
