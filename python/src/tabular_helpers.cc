#include "tabular_helpers.h"

#include "columnar.h"
#include "common.h"
#include "py_metadata.h"

namespace arrowpack::python {

int ColumnIndex(const Schema& schema, py::handle key) {
  if (PyUnicode_Check(key.ptr())) {
    const std::string name = key.cast<std::string>();
    int found = -1;
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (schema.field(i)->name() != name) continue;
      if (found >= 0) throw py::key_error("Field \"" + name + "\" exists 2 or more times in schema");
      found = i;
    }
    if (found < 0) throw py::key_error("Field \"" + name + "\" does not exist in schema");
    return found;
  }
  int64_t i = key.cast<int64_t>();
  if (i < 0) i += schema.num_fields();
  if (i < 0 || i >= schema.num_fields()) throw py::index_error("column index out of bounds");
  return static_cast<int>(i);
}

std::vector<int> ColumnIndices(const Schema& schema, py::handle keys) {
  std::vector<int> indices;
  if (PyUnicode_Check(keys.ptr())) return {ColumnIndex(schema, keys)};
  for (py::handle key : keys) indices.push_back(ColumnIndex(schema, key));
  return indices;
}

void SchemaGivenAsNames(py::handle* names, py::handle* schema) {
  if (py::isinstance<Schema>(*names) && schema->is_none()) {
    *schema = *names;
    *names = py::none();
  }
}

std::shared_ptr<Schema> SchemaForColumns(py::handle names, py::handle schema_arg, py::handle metadata,
                                         const std::vector<TypePtr>& types) {
  std::shared_ptr<Schema> result;
  if (!names.is_none() && !schema_arg.is_none()) throw py::value_error("Cannot pass both schema and names");
  if (!schema_arg.is_none()) {
    result = SchemaFromPython(schema_arg);
    if (static_cast<size_t>(result->num_fields()) != types.size()) {
      RaiseStatus(Status::Invalid("Schema has ", result->num_fields(), " fields but ", types.size(),
                                  " columns were given"));
    }
  } else if (!names.is_none()) {
    const auto name_list = names.cast<std::vector<std::string>>();
    if (name_list.size() != types.size()) {
      throw py::value_error("Length of names (" + std::to_string(name_list.size()) +
                            ") does not match length of arrays (" + std::to_string(types.size()) + ")");
    }
    FieldVector fields;
    for (size_t i = 0; i < types.size(); ++i) fields.push_back(field(name_list[i], types[i]));
    result = schema(std::move(fields));
  } else {
    throw py::value_error("Must pass names or schema when constructing Table or RecordBatch.");
  }
  if (!metadata.is_none()) result = result->WithMetadata(MetadataFromPython(metadata));
  return result;
}

TypePtr PrescribedType(py::handle schema_arg, size_t i) {
  if (schema_arg.is_none()) return nullptr;
  std::shared_ptr<Schema> schema = SchemaFromPython(schema_arg);
  return i < static_cast<size_t>(schema->num_fields()) ? schema->field(static_cast<int>(i))->type() : nullptr;
}

py::list RowsFromColumns(const std::vector<std::string>& names, const std::vector<py::list>& columns,
                         int64_t num_rows) {
  std::vector<py::object> keys;
  for (const auto& name : names) keys.push_back(py::str(name));
  py::list rows(num_rows);
  for (int64_t row = 0; row < num_rows; ++row) {
    py::dict values;
    for (size_t c = 0; c < columns.size(); ++c) values[keys[c]] = columns[c][row];
    PyList_SET_ITEM(rows.ptr(), row, values.release().ptr());
  }
  return rows;
}

}  // namespace arrowpack::python
