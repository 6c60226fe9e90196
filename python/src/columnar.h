// How the columnar C++ objects (types, fields, schemas, arrays, batches, tables, tensors) cross
// into Python and back. Wrapping never copies data: the Python object holds a shared_ptr.
// Field, Schema, ChunkedArray, RecordBatch, Table, RecordBatchReader and Tensor are bound with
// their shared_ptr holders, so py::cast converts them both ways; types, arrays and sparse tensors
// go through the Box structs below and the Wrap*/Unwrap* functions, which pick pyarrow's class
// for each type. Unwrap* raise TypeError naming the expected class when `obj` is something else.
// All functions need the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/array.h"
#include "arrowpack/core/chunked_array.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/core/table.h"
#include "arrowpack/core/tensor.h"

namespace arrowpack::python {

/// The C++ object behind arrowpack.DataType; one empty subclass per Python subclass (ListType,
/// TimestampType, ...) lets pybind11 give every pyarrow class name its own Python type.
struct TypeBox {
  TypePtr type;
};

/// The C++ object behind arrowpack.Array and its subclasses (Int64Array, ListArray, ...).
struct ArrayBox {
  ArrayPtr array;
};

/// The C++ object behind the sparse tensor classes (SparseCOOTensor, ...).
struct SparseTensorBox {
  SparseTensorPtr tensor;
};

/// The Python class is chosen from the type id, as pyarrow does (ListType, Int64Array, ...).
pybind11::object WrapType(TypePtr type);
pybind11::object WrapArray(ArrayPtr array);
pybind11::object WrapArrayData(ArrayDataPtr data);
pybind11::object WrapSparseTensor(SparseTensorPtr tensor);
/// An arrowpack Scalar for row `i` of `array` (0 <= i < length).
pybind11::object WrapScalar(ArrayPtr array, int64_t i);

TypePtr UnwrapType(pybind11::handle obj);
ArrayPtr UnwrapArray(pybind11::handle obj);

/// A type argument as pyarrow takes it: a DataType or an alias string such as "int64"
/// (ValueError for unknown aliases); objects with __arrow_c_schema__ are imported too.
TypePtr TypeFromPython(pybind11::handle obj);
/// A field argument: a Field, a (name, type) tuple, or an object with __arrow_c_schema__.
std::shared_ptr<Field> FieldFromPython(pybind11::handle obj);
/// A schema argument: a Schema, an iterable of fields/(name, type) tuples, a mapping of name to
/// type, or an object with __arrow_c_schema__.
std::shared_ptr<Schema> SchemaFromPython(pybind11::handle obj);

}  // namespace arrowpack::python
