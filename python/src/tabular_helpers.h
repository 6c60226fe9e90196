// Argument handling shared by RecordBatch and Table (record_batch_bindings.cc, table_bindings.cc).
// GIL required; errors are Python exceptions.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <vector>

#include "arrowpack/core/schema.h"

namespace arrowpack::python {

/// Position of a column given by index (negative counts from the end) or unique name.
/// IndexError / KeyError otherwise.
int ColumnIndex(const Schema& schema, pybind11::handle key);

/// Positions for select()/drop_columns(): a list of indices and/or names.
std::vector<int> ColumnIndices(const Schema& schema, pybind11::handle keys);

/// pyarrow takes a Schema given as `names` (record_batch(arrays, schema)) as the schema.
void SchemaGivenAsNames(pybind11::handle* names, pybind11::handle* schema);

/// The schema of from_arrays(): exactly one of `names` (with the column types) and `schema`
/// must be given; `metadata` (may be None) replaces the schema's.
std::shared_ptr<Schema> SchemaForColumns(pybind11::handle names, pybind11::handle schema, pybind11::handle metadata,
                                         const std::vector<TypePtr>& types);

/// The field type for column `i` when `schema` (may be None) prescribes one, else nullptr.
TypePtr PrescribedType(pybind11::handle schema, size_t i);

/// Rows as dicts from per-column lists of values.
pybind11::list RowsFromColumns(const std::vector<std::string>& names, const std::vector<pybind11::list>& columns,
                               int64_t num_rows);

}  // namespace arrowpack::python
