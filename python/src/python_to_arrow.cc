// pa.array's entry point: sorts the input (numpy, pandas, sequence, iterator), reads the mask,
// infers the type in one pass and converts in a second. Also the small shared helpers of the
// conversion files (errors, cached classes, null tests, item collection).
#include "python_to_arrow.h"

#include <vector>

#include "common.h"
#include "errors.h"
#include "python_to_arrow_internal.h"

namespace arrowpack::python {

namespace pyconv {

// ---- Errors ------------------------------------------------------------------------------------

Status CurrentPyError() {
  py::error_already_set error;
  return StashPythonError(error);
}

Status PyErrorStatus(PyObject* exc_type, const std::string& message) {
  PyErr_SetString(exc_type, message.c_str());
  return CurrentPyError();
}

namespace {

std::string StrOf(PyObject* text) {
  if (text == nullptr) {
    PyErr_Clear();
    return "<unprintable>";
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text, &size);
  std::string out = data != nullptr ? std::string(data, static_cast<size_t>(size)) : "<unprintable>";
  if (data == nullptr) PyErr_Clear();
  Py_DECREF(text);
  return out;
}

}  // namespace

std::string PyRepr(PyObject* obj) { return StrOf(PyObject_Repr(obj)); }

// tp_name, as pyarrow prints it: "int", "decimal.Decimal", "numpy.int8", "NAType".
std::string PyTypeName(PyObject* obj) { return Py_TYPE(obj)->tp_name; }

Status ConversionError(StatusCode code, PyObject* obj, std::string_view what) {
  return Status(code, "Could not convert " + PyRepr(obj) + " with type " + PyTypeName(obj) + ": " + std::string(what));
}

// ---- Cached classes ------------------------------------------------------------------------------

namespace {

PyTypeObject* TypeAttr(const py::handle& module, const char* name) {
  return reinterpret_cast<PyTypeObject*>(py::object(module.attr(name)).release().ptr());
}

PyClasses LoadBaseClasses() {
  PyClasses classes;
  py::module_ np = py::module_::import("numpy");
  classes.ndarray = TypeAttr(np, "ndarray");
  classes.np_generic = TypeAttr(np, "generic");
  classes.np_bool = TypeAttr(np, "bool_");
  classes.np_integer = TypeAttr(np, "integer");
  classes.np_floating = TypeAttr(np, "floating");
  classes.np_datetime64 = TypeAttr(np, "datetime64");
  classes.np_timedelta64 = TypeAttr(np, "timedelta64");
  classes.decimal = TypeAttr(py::module_::import("decimal"), "Decimal");
  return classes;
}

// Fills the pandas entries once pandas is in sys.modules; never imports it.
void LoadPandasClasses(PyClasses* classes) {
  PyObject* pandas = PyDict_GetItemString(PyImport_GetModuleDict(), "pandas");
  if (pandas == nullptr) return;
  py::handle pd(pandas);
  // A half-initialised pandas (imported while it imports us) lacks these: try again later.
  if (!py::hasattr(pd, "Series") || !py::hasattr(pd, "api") || !py::hasattr(pd, "DateOffset")) return;
  classes->pd_na = py::object(pd.attr("NA")).release().ptr();
  classes->pd_nat = py::object(pd.attr("NaT")).release().ptr();
  classes->pd_index = TypeAttr(pd, "Index");
  classes->pd_extension_array = TypeAttr(pd.attr("api").attr("extensions"), "ExtensionArray");
  classes->pd_date_offset = TypeAttr(pd, "DateOffset");
  classes->pd_series = TypeAttr(pd, "Series");  // last: marks the pandas entries complete
}

PyClasses& MutableClasses() {
  static PyClasses classes = LoadBaseClasses();
  return classes;
}

}  // namespace

const PyClasses& Classes() { return MutableClasses(); }

void RefreshPandasClasses() {
  PyClasses& classes = MutableClasses();
  if (classes.pd_series == nullptr) LoadPandasClasses(&classes);
}

bool IsNaT(PyObject* obj) {
  const PyClasses& classes = Classes();
  if (classes.pd_nat != nullptr && obj == classes.pd_nat) return true;
  if (!IsInstance(obj, classes.np_datetime64) && !IsInstance(obj, classes.np_timedelta64)) return false;
  // NaT is the one numpy temporal value unequal to itself.
  PyObject* unequal = PyObject_RichCompare(obj, obj, Py_NE);
  if (unequal == nullptr) {
    PyErr_Clear();
    return false;
  }
  const bool result = PyObject_IsTrue(unequal) == 1;
  Py_DECREF(unequal);
  return result;
}

bool IsPandasNull(PyObject* obj) {
  if (PyFloat_Check(obj)) return std::isnan(PyFloat_AS_DOUBLE(obj));
  const PyClasses& classes = Classes();
  if (classes.pd_na != nullptr && obj == classes.pd_na) return true;
  if (IsInstance(obj, classes.np_floating)) {
    const double value = PyFloat_AsDouble(obj);
    if (value == -1.0 && PyErr_Occurred()) PyErr_Clear();
    return std::isnan(value);
  }
  if (IsInstance(obj, classes.decimal)) {
    PyObject* is_nan = PyObject_CallMethod(obj, "is_nan", nullptr);
    if (is_nan == nullptr) {
      PyErr_Clear();
      return false;
    }
    const bool result = is_nan == Py_True;
    Py_DECREF(is_nan);
    return result;
  }
  return IsNaT(obj);
}

// ---- Items -----------------------------------------------------------------------------------------

Result<PyItems> CollectItems(PyObject* obj, int64_t max_size) {
  PyItems out;
  if (PyList_Check(obj) || PyTuple_Check(obj)) {
    out.owner = py::reinterpret_borrow<py::object>(obj);
  } else if (max_size < 0) {
    PyObject* list = PySequence_List(obj);
    if (list == nullptr) return CurrentPyError();
    out.owner = py::reinterpret_steal<py::object>(list);
  } else {
    PyObject* iterator = PyObject_GetIter(obj);
    if (iterator == nullptr) return CurrentPyError();
    py::object owned_iterator = py::reinterpret_steal<py::object>(iterator);
    py::list list;
    for (int64_t i = 0; i < max_size; ++i) {
      PyObject* item = PyIter_Next(iterator);
      if (item == nullptr) break;
      const int appended = PyList_Append(list.ptr(), item);
      Py_DECREF(item);
      if (appended != 0) return CurrentPyError();
    }
    if (PyErr_Occurred()) return CurrentPyError();
    out.owner = std::move(list);
  }
  out.items = PySequence_Fast_ITEMS(out.owner.ptr());
  out.size = PySequence_Fast_GET_SIZE(out.owner.ptr());
  return out;
}

// ---- Conversion pipeline -------------------------------------------------------------------------

namespace {

// string -> binary etc.: same layout, for inferred str columns that received bytes.
TypePtr BinaryCounterpart(TypeId id) {
  switch (id) {
    case TypeId::STRING: return binary();
    case TypeId::LARGE_STRING: return large_binary();
    case TypeId::STRING_VIEW: return binary_view();
    default: return nullptr;
  }
}

}  // namespace

namespace {

Result<ArrayPtr> ConvertItemsOnce(PyObject* const* items, int64_t count, const uint8_t* null_mask,
                                  const TypePtr& type, const ConvertOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type, options.pool));
  ARROWPACK_ASSIGN_OR_RAISE(auto converter, MakeConverter(type, builder.get(), options));
  ARROWPACK_RETURN_NOT_OK(converter->Extend(items, count, null_mask));
  ARROWPACK_ASSIGN_OR_RAISE(ArrayDataPtr data, builder->FinishData());
  if (converter->saw_binary()) {
    if (TypePtr binary_type = BinaryCounterpart(data->type->id())) data->type = std::move(binary_type);
  }
  return MakeArray(std::move(data));
}

// The next wider index type for a dictionary that outgrew its indices, as pyarrow widens them.
TypePtr WiderIndexType(TypeId id) {
  switch (id) {
    case TypeId::INT8: return int16();
    case TypeId::INT16: return int32();
    case TypeId::INT32: return int64();
    case TypeId::UINT8: return uint16();
    case TypeId::UINT16: return uint32();
    case TypeId::UINT32: return uint64();
    default: return nullptr;
  }
}

}  // namespace

Result<ArrayPtr> ConvertItems(PyObject* const* items, int64_t count, const uint8_t* null_mask, const TypePtr& type,
                              const ConvertOptions& options) {
  Result<ArrayPtr> result = ConvertItemsOnce(items, count, null_mask, type, options);
  TypePtr current = type;
  while (!result.ok() && result.status().IsCapacityError() && current->id() == TypeId::DICTIONARY) {
    const auto& dictionary_type = static_cast<const DictionaryType&>(*current);
    TypePtr wider = WiderIndexType(dictionary_type.index_type()->id());
    if (wider == nullptr) break;
    ARROWPACK_ASSIGN_OR_RAISE(current,
                              dictionary(std::move(wider), dictionary_type.value_type(), dictionary_type.ordered()));
    result = ConvertItemsOnce(items, count, null_mask, current, options);
  }
  return result;
}

namespace {

// One byte per row, 1 = null. pyarrow accepts a numpy bool array or a sequence of bools.
Result<std::vector<uint8_t>> MaskBytes(py::handle mask) {
  std::vector<uint8_t> bytes;
  if (IsNdarray(mask.ptr())) {
    if (mask.attr("dtype").attr("kind").cast<std::string>() != "b") {
      return Status::TypeError("Mask must be boolean dtype");
    }
    if (mask.attr("ndim").cast<int>() != 1) return Status::Invalid("Mask must be 1D array");
    py::object contiguous = py::module_::import("numpy").attr("ascontiguousarray")(mask);
    Py_buffer view;
    if (PyObject_GetBuffer(contiguous.ptr(), &view, PyBUF_C_CONTIGUOUS) != 0) return CurrentPyError();
    const auto* data = static_cast<const uint8_t*>(view.buf);
    bytes.assign(data, data + view.len);
    PyBuffer_Release(&view);
    return bytes;
  }
  if (Py_TYPE(mask.ptr())->tp_iter == nullptr && !PySequence_Check(mask.ptr())) {
    return Status::TypeError("Mask must be a sequence of booleans");
  }
  ARROWPACK_ASSIGN_OR_RAISE(PyItems items, CollectItems(mask.ptr()));
  bytes.resize(static_cast<size_t>(items.size));
  for (int64_t i = 0; i < items.size; ++i) {
    bool value = false;
    if (!ExtractBool(items.items[i], &value).ok()) return Status::TypeError("Mask must be a sequence of booleans");
    bytes[static_cast<size_t>(i)] = value ? 1 : 0;
  }
  return bytes;
}

Status CheckMaskLength(const std::vector<uint8_t>& mask, bool has_mask, int64_t length) {
  if (has_mask && static_cast<int64_t>(mask.size()) != length) {
    return Status::Invalid("Mask was a different length from sequence being converted");
  }
  return Status::OK();
}

// pyarrow splits a conversion whose binary data outgrows 32-bit offsets (string, binary and the
// lists or structs holding them) into chunks and returns a ChunkedArray. The whole input is tried
// first; after a CapacityError values are appended one by one to find where each chunk must end,
// and each chunk is converted again with a fresh builder (the failed append may have left part of
// a nested row behind).
Result<ArrayVector> ConvertItemsChunked(PyObject* const* items, int64_t count, const uint8_t* null_mask,
                                        const TypePtr& type, const ConvertOptions& options) {
  Result<ArrayPtr> whole = ConvertItems(items, count, null_mask, type, options);
  if (whole.ok()) return ArrayVector{std::move(whole).ValueOrDie()};
  if (!whole.status().IsCapacityError() || type->id() == TypeId::DICTIONARY) return whole.status();
  ArrayVector chunks;
  int64_t begin = 0;
  while (begin < count) {
    int64_t end = begin;
    Status status;
    {
      ARROWPACK_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type, options.pool));
      ARROWPACK_ASSIGN_OR_RAISE(auto converter, MakeConverter(type, builder.get(), options));
      for (; end < count && status.ok(); ++end) {
        status = null_mask != nullptr && null_mask[end] != 0 ? builder->AppendNull() : converter->Append(items[end]);
      }
      if (!status.ok()) --end;
    }
    if (!status.ok() && (!status.IsCapacityError() || end == begin)) return status;
    ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr chunk, ConvertItems(items + begin, end - begin,
                                                           null_mask == nullptr ? nullptr : null_mask + begin, type,
                                                           options));
    chunks.push_back(std::move(chunk));
    begin = end;
  }
  // An inferred str column that met bytes in some chunk is binary in all of them.
  for (const ArrayPtr& chunk : chunks) {
    if (chunk->type()->Equals(*chunks.front()->type())) continue;
    for (ArrayPtr& other : chunks) {
      TypePtr binary_type = BinaryCounterpart(other->type()->id());
      if (binary_type == nullptr) continue;
      auto data = std::make_shared<ArrayData>(*other->data());
      data->type = std::move(binary_type);
      other = MakeArray(std::move(data));
    }
    break;
  }
  return chunks;
}

Result<ArrayVector> Convert(py::handle obj, py::handle mask, const PyConversionOptions& options) {
  RefreshPandasClasses();
  const bool has_mask = !mask.is_none();
  std::vector<uint8_t> mask_bytes;
  if (has_mask) {
    ARROWPACK_ASSIGN_OR_RAISE(mask_bytes, MaskBytes(mask));
  }
  const uint8_t* null_mask = has_mask ? mask_bytes.data() : nullptr;

  NumpyToArrowOptions numpy_options;
  numpy_options.type = options.type;
  numpy_options.safe = options.safe;
  numpy_options.pool = options.pool;
  if (IsNdarray(obj.ptr())) {
    numpy_options.from_pandas = options.from_pandas.value_or(false);
    const Py_ssize_t length = PyObject_Length(obj.ptr());
    if (length >= 0) ARROWPACK_RETURN_NOT_OK(CheckMaskLength(mask_bytes, has_mask, length));
    PyErr_Clear();  // 0-d arrays have no len(); ConvertNdarray reports them
    ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr array, ConvertNdarray(obj.ptr(), null_mask, numpy_options));
    return ArrayVector{std::move(array)};
  }
  const int64_t pandas_length = PandasLength(obj.ptr());
  if (pandas_length >= 0) {
    numpy_options.from_pandas = options.from_pandas.value_or(true);
    ARROWPACK_RETURN_NOT_OK(CheckMaskLength(mask_bytes, has_mask, pandas_length));
    ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr array, ConvertPandas(obj.ptr(), null_mask, pandas_length, numpy_options));
    return ArrayVector{std::move(array)};
  }

  const bool from_pandas = options.from_pandas.value_or(false);
  ARROWPACK_ASSIGN_OR_RAISE(PyItems items, CollectItems(obj.ptr(), options.size));
  ARROWPACK_RETURN_NOT_OK(CheckMaskLength(mask_bytes, has_mask, items.size));
  TypePtr type = options.type;
  if (type == nullptr) {
    ARROWPACK_ASSIGN_OR_RAISE(type, InferType(items.items, items.size, null_mask, from_pandas));
  }
  ConvertOptions convert_options;
  convert_options.from_pandas = from_pandas;
  convert_options.strict = options.type != nullptr;
  convert_options.pool = options.pool;
  return ConvertItemsChunked(items.items, items.size, null_mask, type, convert_options);
}

}  // namespace

}  // namespace pyconv

ArrayVector ConvertPyToArray(py::handle obj, py::handle mask, const PyConversionOptions& options) {
  return ValueOrThrow(pyconv::Convert(obj, mask, options));
}

TypePtr InferPyType(py::handle obj, py::handle mask, bool from_pandas) {
  using namespace pyconv;
  auto infer = [&]() -> Result<TypePtr> {
    RefreshPandasClasses();
    const bool has_mask = !mask.is_none();
    std::vector<uint8_t> mask_bytes;
    if (has_mask) {
      ARROWPACK_ASSIGN_OR_RAISE(mask_bytes, MaskBytes(mask));
    }
    if (IsNdarray(obj.ptr()) || PandasLength(obj.ptr()) >= 0) {
      // Arrays and pandas objects: the type of their conversion.
      PyConversionOptions options;
      options.from_pandas = from_pandas;
      ARROWPACK_ASSIGN_OR_RAISE(ArrayVector chunks, Convert(obj, mask, options));
      return chunks.front()->type();
    }
    ARROWPACK_ASSIGN_OR_RAISE(PyItems items, CollectItems(obj.ptr()));
    ARROWPACK_RETURN_NOT_OK(CheckMaskLength(mask_bytes, has_mask, items.size));
    return InferType(items.items, items.size, has_mask ? mask_bytes.data() : nullptr, from_pandas);
  };
  return ValueOrThrow(infer());
}

}  // namespace arrowpack::python
