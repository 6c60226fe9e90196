// arrowpack.RecordBatch and pa.record_batch(): equal-length columns under a schema.
#include "array_factory.h"
#include "array_helpers.h"
#include "arrow_to_python.h"
#include "arrowpack/core/array_size_internal.h"
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "py_metadata.h"
#include "tabular_helpers.h"

namespace arrowpack::python {

namespace {

using SchemaPtr = std::shared_ptr<Schema>;

RecordBatchPtr FromArrays(py::handle arrays_arg, py::handle names, py::handle schema_arg, py::handle metadata) {
  SchemaGivenAsNames(&names, &schema_arg);
  ArrayVector columns;
  std::vector<TypePtr> types;
  size_t i = 0;
  for (py::handle item : arrays_arg) {
    columns.push_back(AsArray(item, PrescribedType(schema_arg, i++)));
    types.push_back(columns.back()->type());
  }
  SchemaPtr schema = SchemaForColumns(names, schema_arg, metadata, types);
  const int64_t num_rows = columns.empty() ? 0 : columns[0]->length();
  return ValueOrThrow(RecordBatch::Make(std::move(schema), num_rows, columns));
}

RecordBatchPtr FromPyDict(py::handle mapping, py::handle schema_arg, py::handle metadata) {
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
    if (!mapping.contains(name)) throw py::key_error("The passed mapping doesn't contain the following field(s) of the schema: " + field->name());
    arrays.append(mapping[name]);
  }
  return FromArrays(arrays, py::none(), py::cast(schema), metadata);
}

py::dict ToPyDict(const RecordBatch& batch) {
  py::dict out;
  for (int i = 0; i < batch.num_columns(); ++i) out[py::str(batch.schema()->field(i)->name())] = ArrayToPyList(batch.column(i));
  return out;
}

py::list ToPyList(const RecordBatch& batch) {
  std::vector<py::list> columns;
  for (int i = 0; i < batch.num_columns(); ++i) columns.push_back(ArrayToPyList(batch.column(i)));
  return RowsFromColumns(batch.schema()->field_names(), columns, batch.num_rows());
}

RecordBatchPtr WithColumns(const RecordBatch& batch, FieldVector fields, const ArrayVector& columns) {
  auto schema = std::make_shared<Schema>(std::move(fields), batch.schema()->metadata());
  return ValueOrThrow(RecordBatch::Make(std::move(schema), batch.num_rows(), columns));
}

RecordBatchPtr Select(const RecordBatch& batch, py::handle keys) {
  FieldVector fields;
  ArrayVector columns;
  for (int i : ColumnIndices(*batch.schema(), keys)) {
    fields.push_back(batch.schema()->field(i));
    columns.push_back(batch.column(i));
  }
  return WithColumns(batch, std::move(fields), columns);
}

RecordBatchPtr InsertColumn(const RecordBatch& batch, int64_t i, py::handle field_arg, py::handle column) {
  if (i < 0 || i > batch.num_columns()) throw py::index_error("column index out of bounds");
  std::shared_ptr<Field> new_field = PyUnicode_Check(field_arg.ptr()) ? nullptr : FieldFromPython(field_arg);
  ArrayPtr array = AsArray(column, new_field ? new_field->type() : nullptr);
  if (!new_field) new_field = field(field_arg.cast<std::string>(), array->type());
  FieldVector fields = batch.schema()->fields();
  ArrayVector columns = batch.columns();
  fields.insert(fields.begin() + i, new_field);
  columns.insert(columns.begin() + i, array);
  return WithColumns(batch, std::move(fields), columns);
}

RecordBatchPtr SliceBatch(const RecordBatch& batch, int64_t offset, py::handle length) {
  if (offset < 0) throw py::index_error("Offset must be non-negative");
  if (length.is_none()) return batch.Slice(offset);
  const int64_t count = length.cast<int64_t>();
  if (count < 0) throw py::value_error("Length must be non-negative");
  return batch.Slice(offset, count);
}

py::object MakeRecordBatch(py::handle data, py::handle names, py::handle schema, py::handle metadata) {
  if (py::isinstance<RecordBatch>(data)) return py::reinterpret_borrow<py::object>(data);
  if (HasArrowMethod(data, "__arrow_c_array__") && !py::isinstance<py::list>(data)) {
    SchemaPtr requested = schema.is_none() ? nullptr : SchemaFromPython(schema);
    RecordBatchPtr batch = ImportRecordBatchFrom(data, requested);
    if (requested != nullptr && !batch->schema()->Equals(*requested)) {
      RaiseStatus(Status::NotImplemented("cannot convert the batch to the requested schema (casts are not supported)"));
    }
    if (!metadata.is_none()) batch = batch->ReplaceSchemaMetadata(MetadataFromPython(metadata));
    return py::cast(batch);
  }
  if (PyDict_Check(data.ptr())) return py::cast(FromPyDict(data, schema, metadata));
  py::object module = py::type::of(data).attr("__module__");
  if (PyUnicode_Check(module.ptr()) && module.cast<std::string>().rfind("pandas", 0) == 0) {
    return py::module_::import("arrowpack._pandas").attr("record_batch_from_pandas")(data, schema);
  }
  return py::cast(FromArrays(data, names, schema, metadata));
}

}  // namespace

void RegisterRecordBatches(py::module_& m) {
  py::class_<RecordBatch, RecordBatchPtr>(m, "RecordBatch", "Equal-length columns (Arrays) under a Schema.")
      .def_property_readonly("num_rows", &RecordBatch::num_rows)
      .def_property_readonly("num_columns", &RecordBatch::num_columns)
      .def("__len__", &RecordBatch::num_rows)
      .def_property_readonly("shape", [](const RecordBatch& b) { return py::make_tuple(b.num_rows(), b.num_columns()); })
      .def_property_readonly("schema", &RecordBatch::schema)
      .def_property_readonly("column_names", [](const RecordBatch& b) { return b.schema()->field_names(); })
      .def_property_readonly("columns",
                             [](const RecordBatch& b) {
                               py::list columns;
                               for (const auto& column : b.columns()) columns.append(WrapArray(column));
                               return columns;
                             })
      .def(
          "column", [](const RecordBatch& b, py::handle i) { return WrapArray(b.column(ColumnIndex(*b.schema(), i))); },
          py::arg("i"), "Column by index or name.")
      .def(
          "field", [](const RecordBatch& b, py::handle i) { return b.schema()->field(ColumnIndex(*b.schema(), i)); },
          py::arg("i"))
      .def("__getitem__",
           [](const RecordBatchPtr& b, py::handle key) -> py::object {
             if (PySlice_Check(key.ptr())) {
               Py_ssize_t start = 0, stop = 0, step = 0;
               if (PySlice_Unpack(key.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
               const Py_ssize_t length = PySlice_AdjustIndices(static_cast<Py_ssize_t>(b->num_rows()), &start, &stop, step);
               if (step != 1) RaiseStatus(Status::NotImplemented("slices with a step other than 1 are not supported"));
               return py::cast(b->Slice(start, length));
             }
             return WrapArray(b->column(ColumnIndex(*b->schema(), key)));
           })
      .def("slice", &SliceBatch, py::arg("offset") = 0, py::arg("length") = py::none(), "Zero-copy slice of the rows.")
      .def(
          "equals",
          [](const RecordBatch& self, const RecordBatch& other, bool check_metadata) {
            return self.Equals(other, check_metadata);
          },
          py::arg("other"), py::arg("check_metadata") = false)
      .def("__eq__",
           [](const RecordBatch& self, py::handle other) {
             return py::isinstance<RecordBatch>(other) && self.Equals(other.cast<const RecordBatch&>());
           })
      .def_property_readonly("nbytes",
                             [](const RecordBatch& b) {
                               int64_t total = 0;
                               for (const auto& column : b.columns()) total += ReferencedBytes(*column->data());
                               return total;
                             })
      .def("get_total_buffer_size", &RecordBatch::nbytes)
      .def("to_pydict", &ToPyDict, "{column name: list of values}.")
      .def("to_pylist", &ToPyList, "A list of {column name: value} rows.")
      .def(
          "to_pandas",
          [](py::handle self, py::kwargs kwargs) {
            return py::module_::import("arrowpack._pandas").attr("record_batch_to_pandas")(self, **kwargs);
          },
          "A pandas DataFrame.")
      .def(
          "to_struct_array",
          [](const RecordBatch& b) {
            std::vector<ArrayDataPtr> children;
            for (const auto& column : b.columns()) children.push_back(column->data());
            return WrapArray(MakeArray(ArrayData::Make(struct_(b.schema()->fields()), b.num_rows(), {nullptr},
                                                       std::move(children), 0)));
          })
      .def("select", &Select, py::arg("columns"), "A batch of the given columns (indices or names).")
      .def(
          "drop_columns",
          [](const RecordBatch& b, py::handle keys) {
            std::vector<int> drop = ColumnIndices(*b.schema(), keys);
            py::list keep;
            for (int i = 0; i < b.num_columns(); ++i) {
              if (std::find(drop.begin(), drop.end(), i) == drop.end()) keep.append(i);
            }
            return Select(b, keep);
          },
          py::arg("columns"))
      .def("add_column", &InsertColumn, py::arg("i"), py::arg("field_"), py::arg("column"))
      .def(
          "append_column",
          [](const RecordBatch& b, py::handle field, py::handle column) {
            return InsertColumn(b, b.num_columns(), field, column);
          },
          py::arg("field_"), py::arg("column"))
      .def(
          "remove_column",
          [](const RecordBatch& b, int i) {
            const int index = ColumnIndex(*b.schema(), py::int_(i));
            FieldVector fields = b.schema()->fields();
            ArrayVector columns = b.columns();
            fields.erase(fields.begin() + index);
            columns.erase(columns.begin() + index);
            return WithColumns(b, std::move(fields), columns);
          },
          py::arg("i"))
      .def(
          "rename_columns",
          [](const RecordBatch& b, const std::vector<std::string>& names) {
            if (static_cast<int>(names.size()) != b.num_columns()) {
              RaiseStatus(Status::Invalid("tried to rename a batch of ", b.num_columns(), " columns but only ",
                                          names.size(), " names were provided"));
            }
            FieldVector fields;
            for (int i = 0; i < b.num_columns(); ++i) fields.push_back(b.schema()->field(i)->WithName(names[i]));
            return WithColumns(b, std::move(fields), b.columns());
          },
          py::arg("names"))
      .def(
          "replace_schema_metadata",
          [](const RecordBatch& b, py::handle metadata) { return b.ReplaceSchemaMetadata(MetadataFromPython(metadata)); },
          py::arg("metadata") = py::none())
      .def(
          "validate",
          [](const RecordBatch& b, bool full) {
            Status status = full ? b.ValidateFull() : b.Validate();
            if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
          },
          py::kw_only(), py::arg("full") = false)
      .def("to_string", &RecordBatch::ToString)
      .def("__str__", &RecordBatch::ToString)
      .def("__repr__", &RecordBatch::ToString)
      .def_static("from_arrays", &FromArrays, py::arg("arrays"), py::arg("names") = py::none(),
                  py::arg("schema") = py::none(), py::arg("metadata") = py::none(),
                  "A batch from arrays (or array-likes) and names or a schema; ArrowInvalid for unequal lengths.")
      .def_static("from_pydict", &FromPyDict, py::arg("mapping"), py::arg("schema") = py::none(),
                  py::arg("metadata") = py::none())
      .def_static(
          "from_pylist",
          [](py::handle rows, py::handle schema, py::handle metadata) {
            return py::module_::import("arrowpack._tabular").attr("from_pylist")(py::type::of<RecordBatch>(), rows,
                                                                                 schema, metadata);
          },
          py::arg("mapping"), py::arg("schema") = py::none(), py::arg("metadata") = py::none())
      .def_static(
          "from_pandas",
          [](py::handle df, py::handle schema, py::handle preserve_index, py::handle, py::handle columns) {
            return py::module_::import("arrowpack._pandas")
                .attr("record_batch_from_pandas")(df, schema, preserve_index, columns);
          },
          py::arg("df"), py::arg("schema") = py::none(), py::arg("preserve_index") = py::none(),
          py::arg("nthreads") = py::none(), py::arg("columns") = py::none())
      .def_static(
          "from_struct_array",
          [](py::handle array_arg) {
            ArrayPtr array = AsArray(array_arg);
            if (array->type_id() != TypeId::STRUCT) throw py::type_error("from_struct_array needs a struct array");
            if (array->null_count() != 0) RaiseStatus(Status::Invalid("a record batch cannot hold top-level nulls"));
            const auto& structs = static_cast<const StructArray&>(*array);
            ArrayVector columns;
            for (int i = 0; i < structs.num_fields(); ++i) columns.push_back(structs.field(i));
            return ValueOrThrow(RecordBatch::Make(schema(array->type()->fields()), array->length(), columns));
          },
          py::arg("struct_array"));

  m.def("record_batch", &MakeRecordBatch, py::arg("data"), py::arg("names") = py::none(), py::arg("schema") = py::none(),
        py::arg("metadata") = py::none(),
        "A RecordBatch from a list of arrays (with names or schema), a dict of columns, a pandas DataFrame, or an "
        "object with __arrow_c_array__.");
}

}  // namespace arrowpack::python
