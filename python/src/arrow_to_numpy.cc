#include "arrow_to_numpy.h"

#include <pybind11/numpy.h>

#include <cmath>
#include <limits>
#include <string>

#include "arrow_to_python.h"
#include "arrowpack/core/array_internal.h"
#include "columnar.h"
#include "common.h"

namespace arrowpack::python {

namespace {

constexpr int64_t kNaT = std::numeric_limits<int64_t>::min();

py::array NewArray(const std::string& dtype, int64_t length) {
  return py::array(py::dtype(dtype), std::vector<py::ssize_t>{static_cast<py::ssize_t>(length)});
}

py::array ReadOnly(py::array array) {
  array.attr("setflags")(py::arg("write") = false);
  return array;
}

// A view of the data buffer at the array's offset, kept alive by `base`.
py::object View(const Array& array, const std::string& dtype, py::handle base) {
  if (array.length() == 0) return ReadOnly(NewArray(dtype, 0));
  const int width = array.type()->bit_width() / 8;
  const uint8_t* data = array.data()->buffers[1]->data() + array.offset() * width;
  py::array view(py::dtype(dtype), std::vector<py::ssize_t>{static_cast<py::ssize_t>(array.length())},
                 std::vector<py::ssize_t>{width}, data, base);
  return ReadOnly(std::move(view));
}

// Object array filled with the given new references.
template <typename MakeItem>
py::object ObjectArray(int64_t length, MakeItem&& make_item) {
  py::array out = NewArray("O", length);
  auto** items = static_cast<PyObject**>(out.mutable_data());
  for (int64_t i = 0; i < length; ++i) {
    PyObject* item = make_item(i);
    Py_XSETREF(items[i], item);
  }
  return out;
}

py::object ObjectArrayFromList(const ArrayPtr& array) {
  py::list values = ArrayToPyList(array);
  return ObjectArray(array->length(), [&](int64_t i) { return py::object(values[i]).release().ptr(); });
}

// Integers and floats with nulls: floats (ints widen to float64), NaN where null.
template <typename CType>
py::object NumbersWithNaN(const Array& array, const std::string& dtype) {
  const CType* values = array.data()->template GetValues<CType>(1);
  if (dtype == "float16") {
    py::array out = NewArray("float16", array.length());
    auto* bits = static_cast<uint16_t*>(out.mutable_data());
    for (int64_t i = 0; i < array.length(); ++i) bits[i] = array.IsValid(i) ? static_cast<uint16_t>(values[i]) : 0x7E00;
    return out;
  }
  const bool single = dtype == "float32";
  py::array out = NewArray(single ? "float32" : "float64", array.length());
  if (single) {
    auto* data = static_cast<float*>(out.mutable_data());
    for (int64_t i = 0; i < array.length(); ++i) {
      data[i] = array.IsValid(i) ? static_cast<float>(values[i]) : std::numeric_limits<float>::quiet_NaN();
    }
  } else {
    auto* data = static_cast<double*>(out.mutable_data());
    for (int64_t i = 0; i < array.length(); ++i) {
      data[i] = array.IsValid(i) ? static_cast<double>(values[i]) : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return out;
}

py::object NumbersWithNulls(const Array& array) {
  switch (array.type_id()) {
    case TypeId::INT8: return NumbersWithNaN<int8_t>(array, "float64");
    case TypeId::INT16: return NumbersWithNaN<int16_t>(array, "float64");
    case TypeId::INT32: return NumbersWithNaN<int32_t>(array, "float64");
    case TypeId::INT64: return NumbersWithNaN<int64_t>(array, "float64");
    case TypeId::UINT8: return NumbersWithNaN<uint8_t>(array, "float64");
    case TypeId::UINT16: return NumbersWithNaN<uint16_t>(array, "float64");
    case TypeId::UINT32: return NumbersWithNaN<uint32_t>(array, "float64");
    case TypeId::UINT64: return NumbersWithNaN<uint64_t>(array, "float64");
    case TypeId::HALF_FLOAT: return NumbersWithNaN<uint16_t>(array, "float16");
    case TypeId::FLOAT: return NumbersWithNaN<float>(array, "float32");
    default: return NumbersWithNaN<double>(array, "float64");
  }
}

// Datetime-like values copied to int64 in `dtype`, scaled by `factor`, NaT where null.
template <typename CType>
py::object DatetimesWithNaT(const Array& array, const std::string& dtype, int64_t factor) {
  const CType* values = array.data()->template GetValues<CType>(1);
  py::array out = NewArray(dtype, array.length());
  auto* data = static_cast<int64_t*>(out.mutable_data());
  for (int64_t i = 0; i < array.length(); ++i) data[i] = array.IsValid(i) ? static_cast<int64_t>(values[i]) * factor : kNaT;
  return out;
}

py::object Booleans(const Array& array) {
  const auto& booleans = static_cast<const BooleanArray&>(array);
  if (array.null_count() == 0) {
    py::array out = NewArray("bool", array.length());
    auto* data = static_cast<bool*>(out.mutable_data());
    for (int64_t i = 0; i < array.length(); ++i) data[i] = booleans.Value(i);
    return out;
  }
  return ObjectArray(array.length(), [&](int64_t i) -> PyObject* {
    if (array.IsNull(i)) Py_RETURN_NONE;
    return PyBool_FromLong(booleans.Value(i));
  });
}

// Rows as numpy views into the child values of all rows, converted once: every row gets the dtype
// of the whole child (float64 as soon as one value is null), as pyarrow does. `start(i)` and
// `size(i)` locate row i in `child`; `first` and `last` bound the rows' values.
template <typename Start, typename Size>
py::object ListViews(const Array& array, const ArrayPtr& child, int64_t first, int64_t last, Start&& start,
                     Size&& size) {
  ArrayPtr used = child->Slice(first, last - first);
  py::object dense = ArrayToNumpy(used, WrapArray(used), false, false);
  return ObjectArray(array.length(), [&](int64_t i) -> PyObject* {
    if (array.IsNull(i)) Py_RETURN_NONE;
    const int64_t begin = start(i) - first;
    PyObject* view = PySequence_GetSlice(dense.ptr(), static_cast<Py_ssize_t>(begin), static_cast<Py_ssize_t>(begin + size(i)));
    if (view == nullptr) throw py::error_already_set();
    return view;
  });
}

template <typename OffsetType>
py::object OffsetLists(const ArrayPtr& array) {
  const auto& lists = static_cast<const BaseListArray<OffsetType>&>(*array);
  if (lists.is_view()) {
    // Views may overlap and come in any order: one conversion per row.
    return ObjectArray(array->length(), [&](int64_t i) -> PyObject* {
      if (array->IsNull(i)) Py_RETURN_NONE;
      ArrayPtr values = lists.value_slice(i);
      return ArrayToNumpy(values, WrapArray(values), false, false).release().ptr();
    });
  }
  const int64_t length = array->length();
  const int64_t first = length == 0 ? 0 : lists.value_offset(0);
  const int64_t last = length == 0 ? 0 : lists.value_offset(length);
  return ListViews(*array, lists.values(), first, last, [&](int64_t i) { return int64_t{lists.value_offset(i)}; },
                   [&](int64_t i) { return int64_t{lists.value_length(i)}; });
}

py::object Lists(const ArrayPtr& array) {
  switch (array->type_id()) {
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW: return OffsetLists<int64_t>(array);
    case TypeId::FIXED_SIZE_LIST: {
      // Null rows take their slots in the child too, so their values count for the dtype.
      const auto& lists = static_cast<const FixedSizeListArray&>(*array);
      const int64_t size = lists.list_size();
      return ListViews(*array, lists.values(), lists.value_offset(0), lists.value_offset(array->length()),
                       [&](int64_t i) { return lists.value_offset(i); }, [size](int64_t) { return size; });
    }
    default: return OffsetLists<int32_t>(array);
  }
}

// Dense values through numpy's take: dictionary values at the indices, run-end values at the
// physical index of each row. Falls back to Python objects when rows are null.
py::object Decoded(const ArrayPtr& values, const std::vector<int64_t>& positions) {
  py::object dense = ArrayToNumpy(values, WrapArray(values), false, false);
  py::array_t<int64_t> take(static_cast<py::ssize_t>(positions.size()));
  std::copy(positions.begin(), positions.end(), take.mutable_data());
  return dense.attr("take")(take);
}

py::object Dictionary(const ArrayPtr& array) {
  const auto& dictionary = static_cast<const DictionaryArray&>(*array);
  if (array->null_count() != 0) return ObjectArrayFromList(array);
  std::vector<int64_t> positions(array->length());
  for (int64_t i = 0; i < array->length(); ++i) positions[i] = dictionary.GetValueIndex(i);
  return Decoded(dictionary.dictionary(), positions);
}

py::object RunEndEncoded(const ArrayPtr& array) {
  const auto& encoded = static_cast<const RunEndEncodedArray&>(*array);
  std::vector<int64_t> positions(array->length());
  for (int64_t i = 0; i < array->length(); ++i) positions[i] = encoded.FindPhysicalIndex(i);
  return Decoded(encoded.values(), positions);
}

}  // namespace

std::string NumpyDtypeName(const DataType& type) {
  switch (type.id()) {
    case TypeId::INT8: return "int8";
    case TypeId::INT16: return "int16";
    case TypeId::INT32: return "int32";
    case TypeId::INT64: return "int64";
    case TypeId::UINT8: return "uint8";
    case TypeId::UINT16: return "uint16";
    case TypeId::UINT32: return "uint32";
    case TypeId::UINT64: return "uint64";
    case TypeId::HALF_FLOAT: return "float16";
    case TypeId::FLOAT: return "float32";
    case TypeId::DOUBLE: return "float64";
    case TypeId::TIMESTAMP:
      return std::string("datetime64[") + TimeUnitName(static_cast<const TemporalType&>(type).unit()) + "]";
    case TypeId::DURATION:
      return std::string("timedelta64[") + TimeUnitName(static_cast<const TemporalType&>(type).unit()) + "]";
    default: return "";
  }
}

bool CanViewAsNumpy(const Array& array) {
  const DataType& type = internal::StorageType(*array.type());
  return !NumpyDtypeName(type).empty() && array.null_count() == 0;
}

py::object ArrayToNumpy(const ArrayPtr& array, py::handle base, bool zero_copy_only, bool writable) {
  if (zero_copy_only && writable) throw py::value_error("Cannot return a writable array if asking for zero-copy");
  if (array->type_id() == TypeId::EXTENSION) {
    const ArrayPtr& storage = static_cast<const ExtensionArray&>(*array).storage();
    return ArrayToNumpy(storage, WrapArray(storage), zero_copy_only, writable);
  }
  const std::string dtype = NumpyDtypeName(*array->type());
  if (CanViewAsNumpy(*array)) {
    py::object view = View(*array, dtype, base);
    return writable ? view.attr("copy")() : view;
  }
  if (zero_copy_only) {
    if (array->type_id() == TypeId::BOOL) RaiseStatus(Status::Invalid("Zero copy conversions not possible with boolean types"));
    RaiseStatus(Status::Invalid("Needed to copy 1 chunks with ", array->null_count(),
                                " nulls, but zero_copy_only was True"));
  }
  const Array& values = *array;
  switch (array->type_id()) {
    case TypeId::TIMESTAMP:
    case TypeId::DURATION: return DatetimesWithNaT<int64_t>(values, dtype, 1);
    case TypeId::DATE32: return DatetimesWithNaT<int32_t>(values, "datetime64[D]", 1);
    case TypeId::DATE64: return DatetimesWithNaT<int64_t>(values, "datetime64[ms]", 1);
    case TypeId::BOOL: return Booleans(values);
    case TypeId::LIST:
    case TypeId::LARGE_LIST:
    case TypeId::LIST_VIEW:
    case TypeId::LARGE_LIST_VIEW:
    case TypeId::FIXED_SIZE_LIST: return Lists(array);
    case TypeId::DICTIONARY: return Dictionary(array);
    case TypeId::RUN_END_ENCODED: return RunEndEncoded(array);
    default:
      if (!dtype.empty()) return NumbersWithNulls(values);
      return ObjectArrayFromList(array);
  }
}

}  // namespace arrowpack::python
