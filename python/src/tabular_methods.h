// The methods arrowpack.RecordBatch and arrowpack.Table define alike, written once as a template
// over a traits struct that names what differs between the two (record_batch_bindings.cc and
// table_bindings.cc each define one). GIL required; errors are Python exceptions: IndexError and
// KeyError for bad column keys, ValueError for bad lengths, Arrow exceptions via RaiseStatus.
//
// A Traits struct provides:
//   using Tabular = RecordBatch or Table;  using Column = Array or ChunkedArray;
//   kNoun ("batch"/"table", in messages), kPandasName (arrowpack._pandas has
//   <kPandasName>_from_pandas and <kPandasName>_to_pandas);
//   AsColumn(obj, type): a column from a Python value (type may be null: inferred);
//   WrapColumn(column): what Python gets for a column (py::object or a castable type);
//   ColumnToPyList(column): its values as a list (column is a shared_ptr, like WrapColumn's);
//   Make(schema, columns, num_rows): the object (num_rows -1: taken from the columns).
#pragma once

#include <pybind11/pybind11.h>

#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common.h"
#include "py_metadata.h"
#include "tabular_helpers.h"

namespace arrowpack::python {

template <typename Traits>
class TabularMethods {
 public:
  using Tabular = typename Traits::Tabular;
  using TabularPtr = std::shared_ptr<Tabular>;
  using ColumnPtr = std::shared_ptr<typename Traits::Column>;
  using ColumnVector = std::vector<ColumnPtr>;
  using PyClass = pybind11::class_<Tabular, TabularPtr>;

  static TabularPtr FromArrays(pybind11::handle arrays, pybind11::handle names, pybind11::handle schema_arg,
                               pybind11::handle metadata) {
    SchemaGivenAsNames(&names, &schema_arg);
    ColumnVector columns;
    std::vector<TypePtr> types;
    size_t i = 0;
    for (pybind11::handle item : arrays) {
      columns.push_back(Traits::AsColumn(item, PrescribedType(schema_arg, i++)));
      types.push_back(columns.back()->type());
    }
    return Traits::Make(SchemaForColumns(names, schema_arg, metadata, types), std::move(columns), -1);
  }

  static TabularPtr FromPyDict(pybind11::handle mapping, pybind11::handle schema_arg, pybind11::handle metadata) {
    pybind11::list names, arrays;
    if (schema_arg.is_none()) {
      for (pybind11::handle item : mapping.attr("items")()) {
        auto pair = item.cast<pybind11::tuple>();
        names.append(pair[0]);
        arrays.append(pair[1]);
      }
      return FromArrays(arrays, names, pybind11::none(), metadata);
    }
    std::shared_ptr<Schema> schema = SchemaFromPython(schema_arg);
    for (const auto& field : schema->fields()) {
      pybind11::str name(field->name());
      if (!mapping.contains(name)) {
        throw pybind11::key_error("The passed mapping doesn't contain the following field(s) of the schema: " +
                                  field->name());
      }
      arrays.append(mapping[name]);
    }
    return FromArrays(arrays, pybind11::none(), pybind11::cast(schema), metadata);
  }

  /// `self` with other fields and columns, keeping its schema metadata and row count.
  static TabularPtr WithColumns(const Tabular& self, FieldVector fields, ColumnVector columns) {
    auto schema = std::make_shared<Schema>(std::move(fields), self.schema()->metadata());
    return Traits::Make(std::move(schema), std::move(columns), self.num_rows());
  }

  static TabularPtr Select(const Tabular& self, pybind11::handle keys) {
    FieldVector fields;
    ColumnVector columns;
    for (int i : ColumnIndices(*self.schema(), keys)) {
      fields.push_back(self.schema()->field(i));
      columns.push_back(self.column(i));
    }
    return WithColumns(self, std::move(fields), std::move(columns));
  }

  /// The column `column` inserted at `i`; `field_arg` is its name or a Field (whose type it gets).
  static TabularPtr InsertColumn(const Tabular& self, int64_t i, pybind11::handle field_arg, pybind11::handle column) {
    if (i < 0 || i > self.num_columns()) throw pybind11::index_error("column index out of bounds");
    std::shared_ptr<Field> new_field = PyUnicode_Check(field_arg.ptr()) ? nullptr : FieldFromPython(field_arg);
    ColumnPtr converted = Traits::AsColumn(column, new_field ? new_field->type() : nullptr);
    if (!new_field) new_field = field(field_arg.cast<std::string>(), converted->type());
    FieldVector fields = self.schema()->fields();
    ColumnVector columns = self.columns();
    fields.insert(fields.begin() + i, new_field);
    columns.insert(columns.begin() + i, converted);
    return WithColumns(self, std::move(fields), std::move(columns));
  }

  /// `self` without the column at position `index` (already checked).
  static TabularPtr RemoveColumn(const Tabular& self, int index) {
    FieldVector fields = self.schema()->fields();
    ColumnVector columns = self.columns();
    fields.erase(fields.begin() + index);
    columns.erase(columns.begin() + index);
    return WithColumns(self, std::move(fields), std::move(columns));
  }

  /// Defines every shared method on `cls`.
  static void Define(PyClass& cls) {
    DefineShape(cls);
    DefineColumnAccess(cls);
    DefineColumnEdits(cls);
    DefineComparisonAndText(cls);
    DefineConversions(cls);
  }

 private:
  static void DefineShape(PyClass& cls) {
    cls.def_property_readonly("num_rows", &Tabular::num_rows)
        .def_property_readonly("num_columns", &Tabular::num_columns)
        .def("__len__", &Tabular::num_rows)
        .def_property_readonly("shape",
                               [](const Tabular& t) { return pybind11::make_tuple(t.num_rows(), t.num_columns()); })
        .def_property_readonly("schema", &Tabular::schema)
        .def_property_readonly("column_names", [](const Tabular& t) { return t.schema()->field_names(); })
        .def_property_readonly("is_cpu", [](const Tabular&) { return true; }, "True: arrowpack memory is CPU memory.")
        .def("itercolumns", [](pybind11::object self) { return pybind11::iter(self.attr("columns")); })
        .def("get_total_buffer_size", &Tabular::nbytes);
  }

  static void DefineColumnAccess(PyClass& cls) {
    namespace py = pybind11;
    cls.def(
           "column", [](const Tabular& t, py::handle i) { return Traits::WrapColumn(t.column(ColumnIndex(*t.schema(), i))); },
            py::arg("i"), "Column by index or name.")
        .def(
            "field", [](const Tabular& t, py::handle i) { return t.schema()->field(ColumnIndex(*t.schema(), i)); },
            py::arg("i"))
        .def("__getitem__",
             [](const TabularPtr& t, py::handle key) -> py::object {
               if (PySlice_Check(key.ptr())) {
                 Py_ssize_t start = 0, stop = 0, step = 0;
                 if (PySlice_Unpack(key.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
                 const Py_ssize_t length =
                     PySlice_AdjustIndices(static_cast<Py_ssize_t>(t->num_rows()), &start, &stop, step);
                 if (step != 1) RaiseStatus(Status::NotImplemented("slices with a step other than 1 are not supported"));
                 return py::cast(t->Slice(start, length));
               }
               return ColumnObject(t->column(ColumnIndex(*t->schema(), key)));
             })
        .def("slice", &Slice, py::arg("offset") = 0, py::arg("length") = py::none(), "Zero-copy slice of the rows.")
        .def("select", &Select, py::arg("columns"), "The given columns (indices or names), zero-copy.");
  }

  static void DefineColumnEdits(PyClass& cls) {
    namespace py = pybind11;
    cls.def(
           "drop_columns",
           [](const Tabular& t, py::handle keys) {
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
            [](const Tabular& t, py::handle field, py::handle column) {
              return InsertColumn(t, t.num_columns(), field, column);
            },
            py::arg("field_"), py::arg("column"))
        .def(
            "set_column",
            [](const Tabular& t, int64_t i, py::handle field, py::handle column) {
              const int index = ColumnIndex(*t.schema(), py::int_(i));
              return InsertColumn(*RemoveColumn(t, index), index, field, column);
            },
            py::arg("i"), py::arg("field_"), py::arg("column"))
        .def(
            "remove_column",
            [](const Tabular& t, int i) { return RemoveColumn(t, ColumnIndex(*t.schema(), py::int_(i))); },
            py::arg("i"))
        .def(
            "rename_columns",
            [](const Tabular& t, const std::vector<std::string>& names) {
              if (static_cast<int>(names.size()) != t.num_columns()) {
                RaiseStatus(Status::Invalid("tried to rename a ", Traits::kNoun, " of ", t.num_columns(),
                                            " columns but only ", names.size(), " names were provided"));
              }
              FieldVector fields;
              for (int i = 0; i < t.num_columns(); ++i) fields.push_back(t.schema()->field(i)->WithName(names[i]));
              return WithColumns(t, std::move(fields), t.columns());
            },
            py::arg("names"))
        .def(
            "replace_schema_metadata",
            [](const Tabular& t, py::handle metadata) { return t.ReplaceSchemaMetadata(MetadataFromPython(metadata)); },
            py::arg("metadata") = py::none());
  }

  static void DefineComparisonAndText(PyClass& cls) {
    namespace py = pybind11;
    cls.def(
           "equals",
           [](const Tabular& self, const Tabular& other, bool check_metadata) {
             return self.Equals(other, check_metadata);
           },
           py::arg("other"), py::arg("check_metadata") = false)
        .def("__eq__",
             [](const Tabular& self, py::handle other) {
               return py::isinstance<Tabular>(other) && self.Equals(other.cast<const Tabular&>());
             })
        .def(
            "validate",
            [](const Tabular& t, bool full) {
              Status status = full ? t.ValidateFull() : t.Validate();
              if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
            },
            py::kw_only(), py::arg("full") = false)
        .def("to_string", &Tabular::ToString)
        .def("__str__", &Tabular::ToString)
        .def("__repr__", &Tabular::ToString);
  }

  static void DefineConversions(PyClass& cls) {
    namespace py = pybind11;
    cls.def("to_pydict",
            [](const Tabular& t) {
              py::dict out;
              for (int i = 0; i < t.num_columns(); ++i) {
                out[py::str(t.schema()->field(i)->name())] = Traits::ColumnToPyList(t.column(i));
              }
              return out;
            },
            "{column name: list of values}.")
        .def("to_pylist",
             [](const Tabular& t) {
               std::vector<py::list> columns;
               for (int i = 0; i < t.num_columns(); ++i) columns.push_back(Traits::ColumnToPyList(t.column(i)));
               return RowsFromColumns(t.schema()->field_names(), columns, t.num_rows());
             },
             "A list of {column name: value} rows.")
        .def(
            "to_pandas",
            [](py::handle self, py::kwargs kwargs) {
              return py::module_::import("arrowpack._pandas").attr(PandasFunction("to").c_str())(self, **kwargs);
            },
            "A pandas DataFrame (the index is restored from pandas metadata when present).")
        .def_static("from_arrays", &FromArrays, py::arg("arrays"), py::arg("names") = py::none(),
                    py::arg("schema") = py::none(), py::arg("metadata") = py::none(),
                    "From Arrays (a Table also takes ChunkedArrays) or array-likes, and names or a schema; "
                    "ArrowInvalid for unequal lengths.")
        .def_static("from_pydict", &FromPyDict, py::arg("mapping"), py::arg("schema") = py::none(),
                    py::arg("metadata") = py::none())
        .def_static(
            "from_pylist",
            [](py::handle rows, py::handle schema, py::handle metadata) {
              return py::module_::import("arrowpack._tabular").attr("from_pylist")(py::type::of<Tabular>(), rows,
                                                                                   schema, metadata);
            },
            py::arg("mapping"), py::arg("schema") = py::none(), py::arg("metadata") = py::none())
        .def_static(
            "from_pandas",
            [](py::handle df, py::handle schema, py::handle preserve_index, py::handle, py::handle columns) {
              return py::module_::import("arrowpack._pandas").attr(PandasFunction("from").c_str())(df, schema, preserve_index,
                                                                                           columns);
            },
            py::arg("df"), py::arg("schema") = py::none(), py::arg("preserve_index") = py::none(),
            py::arg("nthreads") = py::none(), py::arg("columns") = py::none());
  }

  /// "<kPandasName>_from_pandas" or "<kPandasName>_to_pandas".
  static std::string PandasFunction(const char* direction) {
    return std::string(Traits::kPandasName) + "_" + direction + "_pandas";
  }

  static pybind11::object ColumnObject(const ColumnPtr& column) {
    auto wrapped = Traits::WrapColumn(column);
    if constexpr (std::is_base_of_v<pybind11::handle, decltype(wrapped)>) {
      return wrapped;
    } else {
      return pybind11::cast(std::move(wrapped));
    }
  }

  static TabularPtr Slice(const Tabular& self, int64_t offset, pybind11::handle length) {
    if (offset < 0) throw pybind11::index_error("Offset must be non-negative");
    if (length.is_none()) return self.Slice(offset);
    const int64_t count = length.cast<int64_t>();
    if (count < 0) throw pybind11::value_error("Length must be non-negative");
    return self.Slice(offset, count);
  }
};

}  // namespace arrowpack::python
