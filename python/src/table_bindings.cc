// arrowpack.Table, pa.table(), pa.concat_tables() and pa.concat_arrays().
#include <algorithm>

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
#include "tabular_helpers.h"

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

TablePtr FromArrays(py::handle arrays_arg, py::handle names, py::handle schema_arg, py::handle metadata) {
  SchemaGivenAsNames(&names, &schema_arg);
  ChunkedArrayVector columns;
  std::vector<TypePtr> types;
  size_t i = 0;
  for (py::handle item : arrays_arg) {
    columns.push_back(AsChunked(item, PrescribedType(schema_arg, i++)));
    types.push_back(columns.back()->type());
  }
  SchemaPtr schema = SchemaForColumns(names, schema_arg, metadata, types);
  return ValueOrThrow(Table::Make(std::move(schema), std::move(columns)));
}

TablePtr FromPyDict(py::handle mapping, py::handle schema_arg, py::handle metadata) {
  py::list names, arrays;
  if (schema_arg.is_none()) {
    for (py::handle item : mapping.attr("items")()) {
      auto pair = item.cast<py::tuple>();
      names.append(pair[0]);
      arrays.append(pair[1]);
    }
    return FromArrays(arrays, names, py::none(), metadata);
  }
  SchemaPtr schema = SchemaFromPython(schema_arg);
  for (const auto& field : schema->fields()) {
    py::str name(field->name());
    if (!mapping.contains(name)) {
      throw py::key_error("The passed mapping doesn't contain the following field(s) of the schema: " + field->name());
    }
    arrays.append(mapping[name]);
  }
  return FromArrays(arrays, py::none(), py::cast(schema), metadata);
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

py::list ColumnToPyList(const ChunkedArray& column) {
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

TablePtr WithColumns(const Table& table, FieldVector fields, ChunkedArrayVector columns) {
  auto schema = std::make_shared<Schema>(std::move(fields), table.schema()->metadata());
  return ValueOrThrow(Table::Make(std::move(schema), std::move(columns), table.num_rows()));
}

TablePtr Select(const Table& table, py::handle keys) {
  FieldVector fields;
  ChunkedArrayVector columns;
  for (int i : ColumnIndices(*table.schema(), keys)) {
    fields.push_back(table.field(i));
    columns.push_back(table.column(i));
  }
  return WithColumns(table, std::move(fields), std::move(columns));
}

TablePtr InsertColumn(const Table& table, int64_t i, py::handle field_arg, py::handle column) {
  if (i < 0 || i > table.num_columns()) throw py::index_error("column index out of bounds");
  std::shared_ptr<Field> new_field = PyUnicode_Check(field_arg.ptr()) ? nullptr : FieldFromPython(field_arg);
  ChunkedArrayPtr chunked = AsChunked(column, new_field ? new_field->type() : nullptr);
  if (!new_field) new_field = field(field_arg.cast<std::string>(), chunked->type());
  FieldVector fields = table.schema()->fields();
  ChunkedArrayVector columns = table.columns();
  fields.insert(fields.begin() + i, new_field);
  columns.insert(columns.begin() + i, chunked);
  return WithColumns(table, std::move(fields), std::move(columns));
}

TablePtr SliceTable(const Table& table, int64_t offset, py::handle length) {
  if (offset < 0) throw py::index_error("Offset must be non-negative");
  if (length.is_none()) return table.Slice(offset);
  const int64_t count = length.cast<int64_t>();
  if (count < 0) throw py::value_error("Length must be non-negative");
  return table.Slice(offset, count);
}

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
    return py::cast(FromPyDict(data, schema, metadata));
  } else {
    py::object module = py::type::of(data).attr("__module__");
    if (PyUnicode_Check(module.ptr()) && module.cast<std::string>().rfind("pandas", 0) == 0) {
      return py::module_::import("arrowpack._pandas").attr("table_from_pandas")(data, schema);
    }
    return py::cast(FromArrays(data, names, schema, metadata));
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
  py::class_<Table, TablePtr>(m, "Table", "A Schema plus one ChunkedArray per field, all of the same length.")
      .def_property_readonly("num_rows", &Table::num_rows)
      .def_property_readonly("num_columns", &Table::num_columns)
      .def("__len__", &Table::num_rows)
      .def_property_readonly("shape", [](const Table& t) { return py::make_tuple(t.num_rows(), t.num_columns()); })
      .def_property_readonly("schema", &Table::schema)
      .def_property_readonly("column_names", [](const Table& t) { return t.schema()->field_names(); })
      .def_property_readonly("columns", &Table::columns)
      .def("itercolumns", [](const Table& t) { return py::iter(py::cast(t.columns())); })
      .def(
          "column", [](const Table& t, py::handle i) { return t.column(ColumnIndex(*t.schema(), i)); }, py::arg("i"),
          "Column (a ChunkedArray) by index or name.")
      .def(
          "field", [](const Table& t, py::handle i) { return t.field(ColumnIndex(*t.schema(), i)); }, py::arg("i"))
      .def("__getitem__",
           [](const TablePtr& t, py::handle key) -> py::object {
             if (PySlice_Check(key.ptr())) {
               Py_ssize_t start = 0, stop = 0, step = 0;
               if (PySlice_Unpack(key.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
               const Py_ssize_t length = PySlice_AdjustIndices(static_cast<Py_ssize_t>(t->num_rows()), &start, &stop, step);
               if (step != 1) RaiseStatus(Status::NotImplemented("slices with a step other than 1 are not supported"));
               return py::cast(t->Slice(start, length));
             }
             return py::cast(t->column(ColumnIndex(*t->schema(), key)));
           })
      .def("slice", &SliceTable, py::arg("offset") = 0, py::arg("length") = py::none(), "Zero-copy slice of the rows.")
      .def(
          "equals",
          [](const Table& self, const Table& other, bool check_metadata) { return self.Equals(other, check_metadata); },
          py::arg("other"), py::arg("check_metadata") = false)
      .def("__eq__",
           [](const Table& self, py::handle other) {
             return py::isinstance<Table>(other) && self.Equals(other.cast<const Table&>());
           })
      .def_property_readonly("nbytes",
                             [](const Table& t) {
                               int64_t total = 0;
                               for (const auto& column : t.columns()) {
                                 for (const auto& chunk : column->chunks()) total += ReferencedBytes(*chunk->data());
                               }
                               return total;
                             })
      .def("get_total_buffer_size", &Table::nbytes)
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
      .def("to_pydict",
           [](const Table& t) {
             py::dict out;
             for (int i = 0; i < t.num_columns(); ++i) out[py::str(t.field(i)->name())] = ColumnToPyList(*t.column(i));
             return out;
           })
      .def("to_pylist",
           [](const Table& t) {
             std::vector<py::list> columns;
             for (int i = 0; i < t.num_columns(); ++i) columns.push_back(ColumnToPyList(*t.column(i)));
             return RowsFromColumns(t.schema()->field_names(), columns, t.num_rows());
           })
      .def(
          "to_pandas",
          [](py::handle self, py::kwargs kwargs) {
            return py::module_::import("arrowpack._pandas").attr("table_to_pandas")(self, **kwargs);
          },
          "A pandas DataFrame (the index is restored from pandas metadata when present).")
      .def("select", &Select, py::arg("columns"))
      .def(
          "drop_columns",
          [](const Table& t, py::handle keys) {
            std::vector<int> drop = ColumnIndices(*t.schema(), keys);
            py::list keep;
            for (int i = 0; i < t.num_columns(); ++i) {
              if (std::find(drop.begin(), drop.end(), i) == drop.end()) keep.append(i);
            }
            return Select(t, keep);
          },
          py::arg("columns"))
      .def("add_column", &InsertColumn, py::arg("i"), py::arg("field_"), py::arg("column"))
      .def(
          "append_column",
          [](const Table& t, py::handle field, py::handle column) { return InsertColumn(t, t.num_columns(), field, column); },
          py::arg("field_"), py::arg("column"))
      .def(
          "set_column",
          [](const Table& t, int64_t i, py::handle field, py::handle column) {
            const int index = ColumnIndex(*t.schema(), py::int_(i));
            FieldVector fields = t.schema()->fields();
            ChunkedArrayVector columns = t.columns();
            fields.erase(fields.begin() + index);
            columns.erase(columns.begin() + index);
            return InsertColumn(*WithColumns(t, std::move(fields), std::move(columns)), index, field, column);
          },
          py::arg("i"), py::arg("field_"), py::arg("column"))
      .def(
          "remove_column",
          [](const Table& t, int i) {
            const int index = ColumnIndex(*t.schema(), py::int_(i));
            FieldVector fields = t.schema()->fields();
            ChunkedArrayVector columns = t.columns();
            fields.erase(fields.begin() + index);
            columns.erase(columns.begin() + index);
            return WithColumns(t, std::move(fields), std::move(columns));
          },
          py::arg("i"))
      .def(
          "rename_columns",
          [](const Table& t, const std::vector<std::string>& names) {
            if (static_cast<int>(names.size()) != t.num_columns()) {
              RaiseStatus(Status::Invalid("tried to rename a table of ", t.num_columns(), " columns but only ",
                                          names.size(), " names were provided"));
            }
            FieldVector fields;
            for (int i = 0; i < t.num_columns(); ++i) fields.push_back(t.field(i)->WithName(names[i]));
            return WithColumns(t, std::move(fields), t.columns());
          },
          py::arg("names"))
      .def(
          "replace_schema_metadata",
          [](const Table& t, py::handle metadata) { return t.ReplaceSchemaMetadata(MetadataFromPython(metadata)); },
          py::arg("metadata") = py::none())
      .def(
          "validate",
          [](const Table& t, bool full) {
            Status status = full ? t.ValidateFull() : t.Validate();
            if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
          },
          py::kw_only(), py::arg("full") = false)
      .def("to_string", &Table::ToString)
      .def("__str__", &Table::ToString)
      .def("__repr__", &Table::ToString)
      .def_static("from_arrays", &FromArrays, py::arg("arrays"), py::arg("names") = py::none(),
                  py::arg("schema") = py::none(), py::arg("metadata") = py::none(),
                  "A table from Arrays/ChunkedArrays (or array-likes) and names or a schema.")
      .def_static("from_pydict", &FromPyDict, py::arg("mapping"), py::arg("schema") = py::none(),
                  py::arg("metadata") = py::none())
      .def_static(
          "from_pylist",
          [](py::handle rows, py::handle schema, py::handle metadata) {
            return py::module_::import("arrowpack._tabular").attr("from_pylist")(py::type::of<Table>(), rows, schema,
                                                                                 metadata);
          },
          py::arg("mapping"), py::arg("schema") = py::none(), py::arg("metadata") = py::none())
      .def_static("from_batches", &FromBatches, py::arg("batches"), py::arg("schema") = py::none(),
                  "A table whose columns are made of the batches' columns (zero-copy).")
      .def_static(
          "from_pandas",
          [](py::handle df, py::handle schema, py::handle preserve_index, py::handle, py::handle columns) {
            return py::module_::import("arrowpack._pandas").attr("table_from_pandas")(df, schema, preserve_index, columns);
          },
          py::arg("df"), py::arg("schema") = py::none(), py::arg("preserve_index") = py::none(),
          py::arg("nthreads") = py::none(), py::arg("columns") = py::none());

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
