// pandas objects -> Arrow arrays, through their numpy values: numpy-backed Series and Index
// directly (zero-copy for numbers), categoricals as dictionaries (codes + categories), tz-aware
// datetimes as timestamps with their zone, masked arrays (Int64, boolean, ...) as values plus
// pandas' mask, and every other extension array (strings, ...) through its Python objects.
#include <string>
#include <vector>

#include "python_to_arrow_internal.h"

namespace arrowpack::python::pyconv {

namespace {

bool IsPandasObject(PyObject* obj) {
  const PyClasses& classes = Classes();
  return IsInstance(obj, classes.pd_series) || IsInstance(obj, classes.pd_index) ||
         IsInstance(obj, classes.pd_extension_array);
}

// The caller's mask OR-ed with pandas' own missing-value mask.
std::vector<uint8_t> CombineMasks(const uint8_t* mask, const py::handle& isna, int64_t length) {
  std::vector<uint8_t> combined(static_cast<size_t>(length), 0);
  py::object flags = py::module_::import("numpy").attr("ascontiguousarray")(isna, "bool");
  Py_buffer view;
  if (PyObject_GetBuffer(flags.ptr(), &view, PyBUF_C_CONTIGUOUS) == 0) {
    const auto* data = static_cast<const uint8_t*>(view.buf);
    for (int64_t i = 0; i < length && i < view.len; ++i) combined[static_cast<size_t>(i)] = data[i];
    PyBuffer_Release(&view);
  } else {
    PyErr_Clear();
  }
  if (mask != nullptr) {
    for (int64_t i = 0; i < length; ++i) combined[static_cast<size_t>(i)] |= mask[i];
  }
  return combined;
}

Result<ArrayPtr> ConvertCategorical(const py::object& values, const uint8_t* null_mask, int64_t length,
                                    const NumpyToArrowOptions& options) {
  const DictionaryType* requested =
      options.type != nullptr && options.type->id() == TypeId::DICTIONARY
          ? static_cast<const DictionaryType*>(options.type.get())
          : nullptr;
  py::object codes = py::module_::import("numpy").attr("asarray")(values.attr("codes"));
  std::vector<uint8_t> nulls = CombineMasks(null_mask, codes.attr("__lt__")(0), length);

  NumpyToArrowOptions index_options = options;
  index_options.type = requested != nullptr ? requested->index_type() : nullptr;
  ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr indices, ConvertNdarray(codes.ptr(), nulls.data(), index_options));

  NumpyToArrowOptions value_options = options;
  value_options.type = requested != nullptr ? requested->value_type() : nullptr;
  value_options.from_pandas = true;
  py::object categories = values.attr("categories");
  ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr dictionary,
                            ConvertPandas(categories.ptr(), nullptr, PandasLength(categories.ptr()), value_options));

  const bool ordered = values.attr("ordered").cast<bool>();
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, arrowpack::dictionary(indices->type(), dictionary->type(), ordered));
  auto data = std::make_shared<ArrayData>(*indices->data());
  data->type = std::move(type);
  data->dictionary = dictionary->data();
  return MakeArray(std::move(data));
}

}  // namespace

int64_t PandasLength(PyObject* obj) {
  if (!IsPandasObject(obj)) return -1;
  const Py_ssize_t length = PyObject_Length(obj);
  if (length < 0) {
    PyErr_Clear();
    return -1;
  }
  return length;
}

Result<ArrayPtr> ConvertPandas(PyObject* obj, const uint8_t* null_mask, int64_t length,
                               const NumpyToArrowOptions& options) {
  py::handle handle(obj);
  const PyClasses& classes = Classes();
  py::module_ np = py::module_::import("numpy");
  py::object dtype = handle.attr("dtype");
  if (py::isinstance(dtype, np.attr("dtype"))) {
    // numpy-backed: the ndarray itself (zero-copy for Series of numbers).
    py::object array = np.attr("asarray")(handle);
    return ConvertNdarray(array.ptr(), null_mask, options);
  }
  py::object values = IsInstance(obj, classes.pd_extension_array) ? py::reinterpret_borrow<py::object>(handle)
                                                                   : handle.attr("array");
  py::module_ pd = py::module_::import("pandas");
  const bool wants_dictionary = options.type == nullptr || options.type->id() == TypeId::DICTIONARY;
  if (py::isinstance(dtype, pd.attr("CategoricalDtype")) && wants_dictionary) {
    return ConvertCategorical(values, null_mask, length, options);
  }
  if (py::isinstance(dtype, pd.attr("DatetimeTZDtype"))) {
    const std::string unit = dtype.attr("unit").cast<std::string>();
    ARROWPACK_ASSIGN_OR_RAISE(std::string tz, TzInfoToString(dtype.attr("tz").ptr()));
    // to_numpy with a datetime64 dtype gives the UTC instants, which is what Arrow stores.
    py::object utc = values.attr("to_numpy")(py::arg("dtype") = "datetime64[" + unit + "]");
    NumpyToArrowOptions utc_options = options;
    if (utc_options.type == nullptr) {
      auto arrow_unit = TimeUnitFromNumpy(unit);
      if (!arrow_unit) return Status::NotImplemented("Unsupported datetime64 time unit '", unit, "'");
      utc_options.type = timestamp(*arrow_unit, tz);
    }
    return ConvertNdarray(utc.ptr(), null_mask, utc_options);
  }
  if (py::hasattr(dtype, "numpy_dtype") && py::hasattr(values, "isna") &&
      std::string("iufb").find(dtype.attr("kind").cast<std::string>()[0]) != std::string::npos) {
    // Masked integer/float/boolean arrays: plain values plus pandas' mask.
    const bool is_bool = dtype.attr("kind").cast<std::string>() == "b";
    py::object fill = is_bool ? py::object(py::bool_(false)) : py::object(py::int_(0));
    py::object plain =
        values.attr("to_numpy")(py::arg("dtype") = dtype.attr("numpy_dtype"), py::arg("na_value") = fill);
    std::vector<uint8_t> nulls = CombineMasks(null_mask, values.attr("isna")(), length);
    NumpyToArrowOptions plain_options = options;
    plain_options.from_pandas = false;  // NaN stays a value in pandas' Float arrays
    return ConvertNdarray(plain.ptr(), nulls.data(), plain_options);
  }
  // Strings and any other extension array: their Python objects, pandas' nulls as None.
  py::object objects = values.attr("to_numpy")(py::arg("dtype") = "object", py::arg("na_value") = py::none());
  NumpyToArrowOptions object_options = options;
  object_options.from_pandas = true;
  if (object_options.type == nullptr && py::isinstance(dtype, pd.attr("StringDtype"))) {
    object_options.type = dtype.attr("storage").cast<std::string>() == "pyarrow" ? large_utf8() : utf8();
  }
  return ConvertNdarray(objects.ptr(), null_mask, object_options);
}

}  // namespace arrowpack::python::pyconv
