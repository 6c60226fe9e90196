// arrowpack.Table, pa.table(), pa.concat_tables() and pa.concat_arrays(). The methods Table shares
// with RecordBatch come from tabular_methods.h; this file holds what is Table's own.
#include "array_factory.h"
#include "array_helpers.h"
#include "arrow_to_python.h"
#include "arrowpack/core/array_size_internal.h"
#include "arrowpack/core/concatenate.h"
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "py_metadata.h"
#include "tabular_methods.h"

namespace arrowpack::python {

namespace {

using SchemaPtr = std::shared_ptr<Schema>;

ChunkedArrayPtr AsChunked(py::handle obj, const TypePtr& type) {
  if (py::isinstance<ChunkedArray>(obj)) return obj.cast<ChunkedArrayPtr>();
  py::object converted;
  if (py::isinstance<ArrayBox>(obj)) {
    converted = py::reinterpret_borrow<py::object>(obj);
  } else {
    PyConversionOptions options;
    options.type = type;
    converted = ArrayFromPython(obj, py::none(), options);
  }
  if (py::isinstance<ChunkedArray>(converted)) return converted.cast<ChunkedArrayPtr>();
  return std::make_shared<ChunkedArray>(UnwrapArray(converted));
}

TablePtr FromBatches(py::handle batches_arg, py::handle schema_arg) {
  RecordBatchVector batches;
  for (py::handle item : batches_arg) {
    if (!py::isinstance<RecordBatch>(item)) {
      throw py::type_error("from_batches expects RecordBatch objects, got " +
                           py::str(py::type::of(item).attr("__name__")).cast<std::string>());
    }
    batches.push_back(item.cast<RecordBatchPtr>());
  }
  SchemaPtr schema = schema_arg.is_none() ? nullptr : SchemaFromPython(schema_arg);
  if (batches.empty() && schema == nullptr) {
    throw py::value_error("Must pass schema, or at least one RecordBatch");
  }
  return ValueOrThrow(Table::FromRecordBatches(batches, std::move(schema)));
}

py::list ChunkedToPyList(const ChunkedArray& column) {
  py::list out(column.length());
  int64_t position = 0;
  for (const auto& chunk : column.chunks()) {
    py::list values = ArrayToPyList(chunk);
    for (int64_t i = 0; i < chunk->length(); ++i) {
      PyList_SET_ITEM(out.ptr(), position++, py::object(values[i]).release().ptr());
    }
  }
  return out;
}

struct TableTraits {
  using Tabular = Table;
  using Column = ChunkedArray;
  static constexpr const char* kNoun = "table";
  static constexpr const char* kPandasName = "table";

  static ChunkedArrayPtr AsColumn(py::handle obj, const TypePtr& type) { return AsChunked(obj, type); }
  static ChunkedArrayPtr WrapColumn(const ChunkedArrayPtr& column) { return column; }
  static py::list ColumnToPyList(const ChunkedArrayPtr& column) { return ChunkedToPyList(*column); }
  static TablePtr Make(SchemaPtr schema, ChunkedArrayVector columns, int64_t num_rows) {
    return ValueOrThrow(Table::Make(std::move(schema), std::move(columns), num_rows));
  }
};

using Methods = TabularMethods<TableTraits>;

py::object MakeTable(py::handle data, py::handle names, py::handle schema, py::handle metadata) {
  if (py::isinstance<Table>(data)) return py::reinterpret_borrow<py::object>(data);
  if (py::isinstance<RecordBatch>(data)) {
    return py::cast(ValueOrThrow(Table::FromRecordBatches({data.cast<RecordBatchPtr>()})));
  }
  const bool is_list = py::isinstance<py::list>(data) || py::isinstance<py::tuple>(data);
  SchemaPtr requested = schema.is_none() ? nullptr : SchemaFromPython(schema);
  TablePtr table;
  if (!is_list && HasArrowMethod(data, "__arrow_c_stream__")) {
    std::shared_ptr<RecordBatchReader> reader = ImportStreamFrom(data, requested);
    RecordBatchVector batches = ValueOrThrow(reader->ReadAll());
    table = ValueOrThrow(Table::FromRecordBatches(batches, reader->schema()));
  } else if (!is_list && HasArrowMethod(data, "__arrow_c_array__")) {
    table = ValueOrThrow(Table::FromRecordBatches({ImportRecordBatchFrom(data, requested)}));
  } else if (PyDict_Check(data.ptr())) {
    return py::cast(Methods::FromPyDict(data, schema, metadata));
  } else {
    py::object module = py::type::of(data).attr("__module__");
    if (PyUnicode_Check(module.ptr()) && module.cast<std::string>().rfind("pandas", 0) == 0) {
      return py::module_::import("arrowpack._pandas").attr("table_from_pandas")(data, schema);
    }
    return py::cast(Methods::FromArrays(data, names, schema, metadata));
  }
  if (requested != nullptr && !table->schema()->Equals(*requested)) {
    RaiseStatus(Status::NotImplemented("cannot convert the table to the requested schema (casts are not supported)"));
  }
  if (!metadata.is_none()) table = table->ReplaceSchemaMetadata(MetadataFromPython(metadata));
  return py::cast(table);
}

TablePtr ConcatTables(py::handle tables_arg) {
  std::vector<TablePtr> tables;
  for (py::handle item : tables_arg) tables.push_back(item.cast<TablePtr>());
  if (tables.empty()) throw py::value_error("Must pass at least one table");
  const SchemaPtr& schema = tables[0]->schema();
  ChunkedArrayVector columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    ArrayVector chunks;
    for (const auto& table : tables) {
      if (!table->schema()->Equals(*schema)) {
        RaiseStatus(Status::Invalid("Schema at index ", &table - tables.data(), " was different: \n",
                                    table->schema()->ToString(), "\nvs\n", schema->ToString()));
      }
      const auto& column_chunks = table->column(c)->chunks();
      chunks.insert(chunks.end(), column_chunks.begin(), column_chunks.end());
    }
    columns.push_back(ValueOrThrow(ChunkedArray::Make(std::move(chunks), schema->field(c)->type())));
  }
  return ValueOrThrow(Table::Make(schema, std::move(columns)));
}

}  // namespace

void RegisterTables(py::module_& m) {
  py::class_<Table, TablePtr> cls(m, "Table", "A Schema plus one ChunkedArray per field, all of the same length.");
  Methods::Define(cls);
  cls.def_property_readonly("columns", &Table::columns)
      .def_property_readonly("nbytes",
                             [](const Table& t) {
                               int64_t total = 0;
                               for (const auto& column : t.columns()) {
                                 for (const auto& chunk : column->chunks()) total += ReferencedBytes(*chunk->data());
                               }
                               return total;
                             })
      .def(
          "combine_chunks",
          [](const Table& t, MemoryPool* pool) { return ValueOrThrow(t.CombineChunks(pool)); },
          py::arg("memory_pool") = py::none(), "Every column as one chunk (copies columns with several chunks).")
      .def(
          "to_batches",
          [](const Table& t, py::handle max_chunksize) {
            return t.ToBatches(max_chunksize.is_none() ? -1 : max_chunksize.cast<int64_t>());
          },
          py::arg("max_chunksize") = py::none(), "Zero-copy record batches, split at chunk boundaries.")
      .def(
          "to_reader",
          [](const TablePtr& t, py::handle max_chunksize) {
            auto reader = std::make_shared<TableBatchReader>(t);
            if (!max_chunksize.is_none()) reader->set_chunksize(max_chunksize.cast<int64_t>());
            return std::shared_ptr<RecordBatchReader>(std::move(reader));
          },
          py::arg("max_chunksize") = py::none())
      .def_static("from_batches", &FromBatches, py::arg("batches"), py::arg("schema") = py::none(),
                  "A table whose columns are made of the batches' columns (zero-copy).");
  cls.attr("drop") = cls.attr("drop_columns");  // pyarrow keeps the old name as an alias

  m.def("table", &MakeTable, py::arg("data"), py::arg("names") = py::none(), py::arg("schema") = py::none(),
        py::arg("metadata") = py::none(),
        "A Table from arrays (with names or schema), a dict of columns, a pandas DataFrame, a RecordBatch, or an "
        "object with __arrow_c_stream__ / __arrow_c_array__.");
  m.def("concat_tables", &ConcatTables, py::arg("tables"), "Tables with equal schemas, end to end (zero-copy).");
  m.def(
      "concat_arrays",
      [](py::handle arrays, MemoryPool* pool) {
        ArrayVector parts;
        for (py::handle item : arrays) parts.push_back(UnwrapArray(item));
        return WrapArray(ValueOrThrow(Concatenate(parts, pool)));
      },
      py::arg("arrays"), py::arg("memory_pool") = py::none(), "Arrays of one type copied end to end.");

  py::object schema_class = py::type::of<Schema>();
  schema_class.attr("empty_table") = py::cpp_function(
      [](const SchemaPtr& schema) {
        ArrayVector columns;
        for (const auto& field : schema->fields()) columns.push_back(MakeEmptyArray(field->type()));
        return ValueOrThrow(Table::Make(schema, columns, 0));
      },
      py::name("empty_table"), py::is_method(schema_class), "A table with this schema and no rows.");
}

}  // namespace arrowpack::python
