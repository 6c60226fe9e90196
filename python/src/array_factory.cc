// pa.array(), pa.scalar() and the dispatch between the ways of turning Python objects into arrays.
#include "array_factory.h"

#include <pybind11/numpy.h>

#include "arrowpack/core/concatenate.h"
#include "columnar_register.h"
#include "capsule.h"
#include "columnar.h"
#include "common.h"
#include "array_helpers.h"

namespace arrowpack::python {

namespace {

bool IsPandasObject(py::handle obj) {
  py::object module = py::type::of(obj).attr("__module__");
  return PyUnicode_Check(module.ptr()) && module.cast<std::string>().rfind("pandas", 0) == 0;
}

void CheckType(const TypePtr& requested, const DataType& actual) {
  if (requested != nullptr && !requested->Equals(actual)) {
    RaiseStatus(Status::NotImplemented("cannot convert ", actual.ToString(), " to ", requested->ToString(),
                                       " (casts are not supported)"));
  }
}

py::object TypeObject(const TypePtr& type) { return type == nullptr ? py::none() : WrapType(type); }

// One converted chunk as an Array, several as a ChunkedArray (pyarrow's answer to overflowing
// binary data).
py::object WrapConverted(ArrayVector chunks) {
  if (chunks.size() == 1) return WrapArray(std::move(chunks.front()));
  TypePtr type = chunks.front()->type();
  return py::cast(ValueOrThrow(ChunkedArray::Make(std::move(chunks), std::move(type))));
}

}  // namespace

py::object ArrayFromPython(py::handle obj, py::handle mask, const PyConversionOptions& options) {
  if (py::isinstance<ArrayBox>(obj)) {
    CheckType(options.type, *obj.cast<const ArrayBox&>().array->type());
    return py::reinterpret_borrow<py::object>(obj);
  }
  if (py::isinstance<ChunkedArray>(obj)) {
    CheckType(options.type, *obj.cast<const ChunkedArray&>().type());
    return py::reinterpret_borrow<py::object>(obj);
  }
  // numpy and pandas first: pandas objects also export __arrow_c_stream__, but pa.array of a
  // Series is an Array converted from its values.
  if (py::isinstance<py::array>(obj) || IsPandasObject(obj)) return WrapConverted(ConvertPyToArray(obj, mask, options));
  if (HasArrowMethod(obj, "__arrow_c_array__")) {
    ArrayPtr array = ImportArrayFrom(obj, options.type);
    CheckType(options.type, *array->type());
    return WrapArray(std::move(array));
  }
  if (HasArrowMethod(obj, "__arrow_c_stream__")) {
    ChunkedArrayPtr chunked = ImportChunkedArrayFrom(obj, options.type);
    CheckType(options.type, *chunked->type());
    return py::cast(std::move(chunked));
  }
  if (HasArrowMethod(obj, "__arrow_array__")) {
    py::object converted = obj.attr("__arrow_array__")(py::arg("type") = TypeObject(options.type));
    return ArrayFromPython(converted, mask, options);
  }
  return WrapConverted(ConvertPyToArray(obj, mask, options));
}

ArrayPtr AsArray(py::handle obj, const TypePtr& type) {
  if (py::isinstance<ArrayBox>(obj)) return obj.cast<const ArrayBox&>().array;
  PyConversionOptions options;
  options.type = type;
  py::object converted = ArrayFromPython(obj, py::none(), options);
  if (py::isinstance<ArrayBox>(converted)) return converted.cast<const ArrayBox&>().array;
  const auto& chunked = converted.cast<const ChunkedArray&>();
  if (chunked.num_chunks() == 1) return chunked.chunk(0);
  if (chunked.num_chunks() == 0) return MakeEmptyArray(chunked.type());
  return ValueOrThrow(Concatenate(chunked.chunks()));
}

void RegisterArrayFactories(py::module_& m) {
  m.def(
      "array",
      [](py::handle obj, py::handle type, py::handle mask, py::handle size, py::handle from_pandas, bool safe,
         MemoryPool* memory_pool) {
        PyConversionOptions options;
        options.type = type.is_none() ? nullptr : TypeFromPython(type);
        options.size = size.is_none() ? -1 : size.cast<int64_t>();
        if (!from_pandas.is_none()) options.from_pandas = from_pandas.cast<bool>();
        options.safe = safe;
        options.pool = memory_pool;
        if (options.size < -1) throw py::value_error("size must be non-negative");
        return ArrayFromPython(obj, mask, options);
      },
      py::arg("obj"), py::arg("type") = py::none(), py::arg("mask") = py::none(), py::arg("size") = py::none(),
      py::arg("from_pandas") = py::none(), py::arg("safe") = true, py::arg("memory_pool") = py::none(),
      "An Arrow array from a sequence, numpy array, pandas object or any object with __arrow_c_array__ (a "
      "ChunkedArray for __arrow_c_stream__ objects). numpy primitive data is wrapped without copying.");
  m.def(
      "infer_type",
      [](py::handle values, py::handle mask, bool from_pandas) {
        return WrapType(InferPyType(values, mask, from_pandas));
      },
      py::arg("values"), py::arg("mask") = py::none(), py::arg("from_pandas") = false,
      "The type array(values) would infer.");
  m.def(
      "asarray",
      [](py::handle values, py::handle type) {
        return WrapArray(AsArray(values, type.is_none() ? nullptr : TypeFromPython(type)));
      },
      py::arg("values"), py::arg("type") = py::none(), "values if it is an Array, else array(values, type).");
  m.def(
      "scalar",
      [](py::handle value, py::handle type) {
        py::list one;
        one.append(value);
        return WrapScalar(AsArray(one, type.is_none() ? nullptr : TypeFromPython(type)), 0);
      },
      py::arg("value"), py::arg("type") = py::none(), "A Scalar holding `value` (converted like array([value])).");
}

}  // namespace arrowpack::python
