// arrowpack.RecordBatch and pa.record_batch(): equal-length columns under a schema. The methods it
// shares with Table come from tabular_methods.h; this file holds what is RecordBatch's own.
#include "array_factory.h"
#include "array_helpers.h"
#include "arrow_to_python.h"
#include "arrowpack/core/array_size_internal.h"
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"
#include "py_metadata.h"
#include "tabular_methods.h"

namespace arrowpack::python {

namespace {

using SchemaPtr = std::shared_ptr<Schema>;

struct RecordBatchTraits {
  using Tabular = RecordBatch;
  using Column = Array;
  static constexpr const char* kNoun = "batch";
  static constexpr const char* kPandasName = "record_batch";

  static ArrayPtr AsColumn(py::handle obj, const TypePtr& type) { return AsArray(obj, type); }
  static py::object WrapColumn(const ArrayPtr& column) { return WrapArray(column); }
  static py::list ColumnToPyList(const ArrayPtr& column) { return ArrayToPyList(column); }
  static RecordBatchPtr Make(SchemaPtr schema, ArrayVector columns, int64_t num_rows) {
    if (num_rows < 0) num_rows = columns.empty() ? 0 : columns[0]->length();
    return ValueOrThrow(RecordBatch::Make(std::move(schema), num_rows, std::move(columns)));
  }
};

using Methods = TabularMethods<RecordBatchTraits>;

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
  if (PyDict_Check(data.ptr())) return py::cast(Methods::FromPyDict(data, schema, metadata));
  py::object module = py::type::of(data).attr("__module__");
  if (PyUnicode_Check(module.ptr()) && module.cast<std::string>().rfind("pandas", 0) == 0) {
    return py::module_::import("arrowpack._pandas").attr("record_batch_from_pandas")(data, schema);
  }
  return py::cast(Methods::FromArrays(data, names, schema, metadata));
}

}  // namespace

void RegisterRecordBatches(py::module_& m) {
  py::class_<RecordBatch, RecordBatchPtr> cls(m, "RecordBatch", "Equal-length columns (Arrays) under a Schema.");
  Methods::Define(cls);
  cls.def_property_readonly("columns",
                            [](const RecordBatch& b) {
                              py::list columns;
                              for (const auto& column : b.columns()) columns.append(WrapArray(column));
                              return columns;
                            })
      .def_property_readonly("nbytes",
                            [](const RecordBatch& b) {
                              int64_t total = 0;
                              for (const auto& column : b.columns()) total += ReferencedBytes(*column->data());
                              return total;
                            })
      .def("to_struct_array",
           [](const RecordBatch& b) {
             std::vector<ArrayDataPtr> children;
             for (const auto& column : b.columns()) children.push_back(column->data());
             return WrapArray(MakeArray(ArrayData::Make(struct_(b.schema()->fields()), b.num_rows(), {nullptr},
                                                        std::move(children), 0)));
           })
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
