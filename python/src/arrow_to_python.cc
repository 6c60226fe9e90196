#include "arrow_to_python.h"

// clang-format off
#include <Python.h>
#include <datetime.h>
// clang-format on
#include <pybind11/gil_safe_call_once.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/array_validate.h"
#include "arrowpack/core/calendar_internal.h"

namespace arrowpack::python {

namespace py = pybind11;

namespace {

// ---- Cached Python objects --------------------------------------------------------------------

void EnsureDateTimeApi() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

py::object DecimalClass() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
  return storage.call_once_and_store_result([] { return py::module_::import("decimal").attr("Decimal"); })
      .get_stored();
}

// pandas, or None when it is not installed (then nanosecond values degrade to microseconds).
py::object PandasOrNone() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
  return storage
      .call_once_and_store_result([]() -> py::object {
        try {
          return py::module_::import("pandas");
        } catch (py::error_already_set&) {
          return py::none();
        }
      })
      .get_stored();
}

PyObject* Check(PyObject* obj) {
  if (obj == nullptr) throw py::error_already_set();
  return obj;
}

PyObject* NewNone() { Py_RETURN_NONE; }

// ---- Calendar arithmetic ------------------------------------------------------------------------

using internal::CivilDate;
using internal::CivilDateFromDays;
using internal::FloorDiv;
using internal::UnitsPerSecond;

void CheckYear(int64_t year) {
  if (year < 1 || year > 9999) {
    PyErr_Format(PyExc_ValueError, "year %lld is out of range", static_cast<long long>(year));
    throw py::error_already_set();
  }
}

// A value in `unit` split into whole days and the time of day.
struct DayAndTime {
  int64_t days;
  int hour, minute, second, microsecond;
};

DayAndTime SplitInstant(int64_t value, TimeUnit unit) {
  const int64_t per_second = UnitsPerSecond(unit);
  const int64_t per_day = 86400 * per_second;
  const int64_t days = FloorDiv(value, per_day);
  const int64_t in_day = value - days * per_day;
  const int64_t seconds = in_day / per_second;
  const int64_t fraction = in_day % per_second;
  const int64_t micros = per_second >= 1000000 ? fraction / (per_second / 1000000) : fraction * (1000000 / per_second);
  return {days, static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60),
          static_cast<int>(micros)};
}

PyObject* MakeDate(int64_t days) {
  const CivilDate date = CivilDateFromDays(days);
  CheckYear(date.year);
  return Check(PyDate_FromDate(static_cast<int>(date.year), date.month, date.day));
}

PyObject* MakeDateTime(const DayAndTime& parts, PyObject* tzinfo) {
  const CivilDate date = CivilDateFromDays(parts.days);
  CheckYear(date.year);
  return Check(PyDateTimeAPI->DateTime_FromDateAndTime(static_cast<int>(date.year), date.month, date.day, parts.hour,
                                                       parts.minute, parts.second, parts.microsecond, tzinfo,
                                                       PyDateTimeAPI->DateTimeType));
}

// ---- Time zones ------------------------------------------------------------------------------------

// "+HH:MM" / "-HH:MM" as minutes east of UTC; false for zone names.
bool ParseFixedOffset(const std::string& tz, int* minutes) {
  if (tz.size() != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':') return false;
  for (int i : {1, 2, 4, 5}) {
    if (tz[i] < '0' || tz[i] > '9') return false;
  }
  const int value = ((tz[1] - '0') * 10 + (tz[2] - '0')) * 60 + (tz[4] - '0') * 10 + (tz[5] - '0');
  *minutes = tz[0] == '-' ? -value : value;
  return true;
}

// What pyarrow attaches to zoned values: datetime.timezone for fixed offsets, zoneinfo otherwise.
struct Zone {
  py::object tzinfo;
  bool fixed = false;
  int offset_minutes = 0;
  bool utc = false;
};

Zone MakeZone(const std::string& tz) {
  Zone zone;
  py::module_ datetime = py::module_::import("datetime");
  if (ParseFixedOffset(tz, &zone.offset_minutes)) {
    zone.fixed = true;
    zone.tzinfo =
        datetime.attr("timezone")(datetime.attr("timedelta")(py::arg("minutes") = zone.offset_minutes));
    return zone;
  }
  zone.tzinfo = py::module_::import("zoneinfo").attr("ZoneInfo")(tz);
  zone.utc = tz == "UTC";
  return zone;
}

// ---- Converters ----------------------------------------------------------------------------------

class Converter;
std::unique_ptr<Converter> MakeConverter(const ArrayPtr& array);

class Converter {
 public:
  explicit Converter(ArrayPtr array) : array_(std::move(array)) {}
  virtual ~Converter() = default;

  /// New reference to row i; None for nulls. Throws py::error_already_set.
  PyObject* Get(int64_t i) { return array_->IsValid(i) ? Value(i) : NewNone(); }
  /// Fills `out` (a new list of the array's length) with every row.
  virtual void FillList(PyObject* out) {
    const int64_t length = array_->length();
    for (int64_t i = 0; i < length; ++i) PyList_SET_ITEM(out, i, Get(i));
  }

 protected:
  /// New reference to valid row i.
  virtual PyObject* Value(int64_t i) = 0;

  ArrayPtr array_;
};

class NullConverter : public Converter {
 public:
  using Converter::Converter;

 protected:
  PyObject* Value(int64_t) override { return NewNone(); }
};

// Fixed-width values read from buffers[1] and turned into Python objects by `Make`; the no-null
// case runs without validity checks.
template <typename CType, PyObject* (*Make)(CType)>
class FixedWidthConverter : public Converter {
 public:
  explicit FixedWidthConverter(ArrayPtr array)
      : Converter(std::move(array)), values_(array_->data()->template GetValues<CType>(1)) {}

  void FillList(PyObject* out) override {
    if (array_->null_count() != 0) return Converter::FillList(out);
    const int64_t length = array_->length();
    for (int64_t i = 0; i < length; ++i) PyList_SET_ITEM(out, i, Check(Make(values_[i])));
  }

 protected:
  PyObject* Value(int64_t i) override { return Check(Make(values_[i])); }

 private:
  const CType* values_;
};

template <typename T>
PyObject* SignedToPython(T value) {
  return PyLong_FromLongLong(value);
}
template <typename T>
PyObject* UnsignedToPython(T value) {
  return PyLong_FromUnsignedLongLong(value);
}
template <typename T>
PyObject* FloatToPython(T value) {
  return PyFloat_FromDouble(value);
}
PyObject* HalfToPython(uint16_t value) { return PyFloat_FromDouble(internal::HalfToFloat(value)); }
PyObject* Date32ToPython(int32_t days) { return MakeDate(days); }
PyObject* Date64ToPython(int64_t millis) { return MakeDate(FloorDiv(millis, 86400000)); }

class BooleanConverter : public Converter {
 public:
  using Converter::Converter;

 protected:
  PyObject* Value(int64_t i) override {
    return PyBool_FromLong(bit_util::GetBit(array_->data()->buffers[1]->data(), array_->offset() + i));
  }
};

// str from UTF-8 bytes. Pure-ASCII values, the common case, are copied into a compact ASCII str
// without going through the decoder.
PyObject* StringFromUtf8(std::string_view view) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(view.data());
  const size_t size = view.size();
  if (!arrowpack::internal::IsAscii(bytes, static_cast<int64_t>(size))) {
    return PyUnicode_DecodeUTF8(view.data(), static_cast<Py_ssize_t>(size), "strict");
  }
  PyObject* out = PyUnicode_New(static_cast<Py_ssize_t>(size), 127);
  if (out != nullptr && size > 0) std::memcpy(PyUnicode_1BYTE_DATA(out), bytes, size);
  return out;
}

// Strings decode as UTF-8; binaries become bytes. View reads the value's bytes.
template <typename ArrayType, bool kIsString>
class BinaryConverter : public Converter {
 public:
  explicit BinaryConverter(ArrayPtr array) : Converter(std::move(array)), typed_(static_cast<const ArrayType&>(*array_)) {}

 protected:
  PyObject* Value(int64_t i) override {
    const std::string_view view = typed_.GetView(i);
    if constexpr (kIsString) {
      return Check(StringFromUtf8(view));
    } else {
      return Check(PyBytes_FromStringAndSize(view.data(), static_cast<Py_ssize_t>(view.size())));
    }
  }

 private:
  const ArrayType& typed_;
};

class DecimalConverter : public Converter {
 public:
  explicit DecimalConverter(ArrayPtr array) : Converter(std::move(array)), decimal_(DecimalClass()) {}

 protected:
  PyObject* Value(int64_t i) override {
    const std::string text = static_cast<const DecimalArray&>(*array_).FormatValue(i);
    py::object digits = py::reinterpret_steal<py::object>(
        Check(PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()))));
    return Check(PyObject_CallOneArg(decimal_.ptr(), digits.ptr()));
  }

 private:
  py::object decimal_;
};

class TimestampConverter : public Converter {
 public:
  explicit TimestampConverter(ArrayPtr array) : Converter(std::move(array)) {
    const auto& type = static_cast<const TemporalType&>(*array_->type());
    unit_ = type.unit();
    if (!type.timezone().empty()) zone_ = MakeZone(type.timezone());
    if (unit_ == TimeUnit::NANO) pandas_timestamp_ = PandasOrNone();
    if (!pandas_timestamp_.is_none()) pandas_timestamp_ = pandas_timestamp_.attr("Timestamp");
    values_ = array_->data()->GetValues<int64_t>(1);
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t value = values_[i];
    if (!pandas_timestamp_.is_none()) {
      py::object tz = zone_.tzinfo ? zone_.tzinfo : py::none();
      return pandas_timestamp_(value, py::arg("tz") = tz).release().ptr();
    }
    if (!zone_.tzinfo) return MakeDateTime(SplitInstant(value, unit_), Py_None);
    if (zone_.fixed) {
      const int64_t shifted = value + zone_.offset_minutes * 60 * UnitsPerSecond(unit_);
      return MakeDateTime(SplitInstant(shifted, unit_), zone_.tzinfo.ptr());
    }
    py::object utc = py::reinterpret_steal<py::object>(MakeDateTime(SplitInstant(value, unit_), zone_.tzinfo.ptr()));
    if (zone_.utc) return utc.release().ptr();
    return zone_.tzinfo.attr("fromutc")(utc).release().ptr();
  }

 private:
  TimeUnit unit_;
  Zone zone_;
  py::object pandas_timestamp_ = py::none();
  const int64_t* values_;
};

class DurationConverter : public Converter {
 public:
  explicit DurationConverter(ArrayPtr array) : Converter(std::move(array)) {
    unit_ = static_cast<const TemporalType&>(*array_->type()).unit();
    if (unit_ == TimeUnit::NANO) pandas_timedelta_ = PandasOrNone();
    if (!pandas_timedelta_.is_none()) pandas_timedelta_ = pandas_timedelta_.attr("Timedelta");
    values_ = array_->data()->GetValues<int64_t>(1);
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t value = values_[i];
    if (!pandas_timedelta_.is_none()) return pandas_timedelta_(value, py::arg("unit") = "ns").release().ptr();
    const DayAndTime parts = SplitInstant(value, unit_);
    if (parts.days > 999999999 || parts.days < -999999999) {
      PyErr_SetString(PyExc_OverflowError, "duration is out of the range of datetime.timedelta");
      throw py::error_already_set();
    }
    const int seconds = parts.hour * 3600 + parts.minute * 60 + parts.second;
    return Check(PyDelta_FromDSU(static_cast<int>(parts.days), seconds, parts.microsecond));
  }

 private:
  TimeUnit unit_;
  py::object pandas_timedelta_ = py::none();
  const int64_t* values_;
};

template <typename CType>
class TimeConverter : public Converter {
 public:
  explicit TimeConverter(ArrayPtr array) : Converter(std::move(array)) {
    unit_ = static_cast<const TemporalType&>(*array_->type()).unit();
    values_ = array_->data()->template GetValues<CType>(1);
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t value = values_[i];
    const DayAndTime parts = SplitInstant(value, unit_);
    if (parts.days != 0) {
      PyErr_Format(PyExc_ValueError, "time of day value %lld is outside one day", static_cast<long long>(value));
      throw py::error_already_set();
    }
    return Check(PyTime_FromTime(parts.hour, parts.minute, parts.second, parts.microsecond));
  }

 private:
  TimeUnit unit_;
  const CType* values_;
};

class MonthDayNanoConverter : public Converter {
 public:
  explicit MonthDayNanoConverter(ArrayPtr array) : Converter(std::move(array)), class_(MonthDayNanoClass()) {}

 protected:
  PyObject* Value(int64_t i) override {
    const MonthDayNano value = array_->data()->GetValues<MonthDayNano>(1)[i];
    return class_(value.months, value.days, value.nanoseconds).release().ptr();
  }

 private:
  py::object class_;
};

// Day-time intervals have no pyarrow Python value; they come out as (days, milliseconds).
class DayTimeConverter : public Converter {
 public:
  using Converter::Converter;

 protected:
  PyObject* Value(int64_t i) override {
    const int32_t* pair = array_->data()->GetValuesNoOffset<int32_t>(1) + (array_->offset() + i) * 2;
    return Check(Py_BuildValue("(ii)", pair[0], pair[1]));
  }
};

// list, large_list, list_view, large_list_view and map: a Python list per row from the child.
template <typename OffsetType>
class ListConverter : public Converter {
 public:
  explicit ListConverter(ArrayPtr array)
      : Converter(std::move(array)), typed_(static_cast<const BaseListArray<OffsetType>&>(*array_)) {
    values_ = MakeConverter(typed_.values());
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t start = typed_.value_offset(i);
    const int64_t length = typed_.value_length(i);
    py::list out(length);
    for (int64_t j = 0; j < length; ++j) PyList_SET_ITEM(out.ptr(), j, values_->Get(start + j));
    return out.release().ptr();
  }

 private:
  const BaseListArray<OffsetType>& typed_;
  std::unique_ptr<Converter> values_;
};

class FixedSizeListConverter : public Converter {
 public:
  explicit FixedSizeListConverter(ArrayPtr array)
      : Converter(std::move(array)), typed_(static_cast<const FixedSizeListArray&>(*array_)) {
    values_ = MakeConverter(typed_.values());
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t start = typed_.value_offset(i);
    const int32_t length = typed_.list_size();
    py::list out(length);
    for (int32_t j = 0; j < length; ++j) PyList_SET_ITEM(out.ptr(), j, values_->Get(start + j));
    return out.release().ptr();
  }

 private:
  const FixedSizeListArray& typed_;
  std::unique_ptr<Converter> values_;
};

// Maps: a list of (key, value) tuples per row.
class MapConverter : public Converter {
 public:
  explicit MapConverter(ArrayPtr array) : Converter(std::move(array)), typed_(static_cast<const MapArray&>(*array_)) {
    keys_ = MakeConverter(typed_.keys());
    items_ = MakeConverter(typed_.items());
  }

 protected:
  PyObject* Value(int64_t i) override {
    const int64_t start = typed_.value_offset(i);
    const int64_t length = typed_.value_length(i);
    py::list out(length);
    for (int64_t j = 0; j < length; ++j) {
      PyObject* pair = Check(PyTuple_New(2));
      PyList_SET_ITEM(out.ptr(), j, pair);
      PyTuple_SET_ITEM(pair, 0, keys_->Get(start + j));
      PyTuple_SET_ITEM(pair, 1, items_->Get(start + j));
    }
    return out.release().ptr();
  }

 private:
  const MapArray& typed_;
  std::unique_ptr<Converter> keys_;
  std::unique_ptr<Converter> items_;
};

class StructConverter : public Converter {
 public:
  explicit StructConverter(ArrayPtr array) : Converter(std::move(array)) {
    const auto& typed = static_cast<const StructArray&>(*array_);
    for (int i = 0; i < typed.num_fields(); ++i) {
      const std::string& name = array_->type()->field(i)->name();
      names_.push_back(py::reinterpret_steal<py::object>(
          Check(PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size())))));
      fields_.push_back(MakeConverter(typed.field(i)));  // sliced like the struct
    }
  }

 protected:
  PyObject* Value(int64_t i) override {
    py::dict out;
    for (size_t f = 0; f < fields_.size(); ++f) {
      py::object value = py::reinterpret_steal<py::object>(fields_[f]->Get(i));
      if (PyDict_SetItem(out.ptr(), names_[f].ptr(), value.ptr()) != 0) throw py::error_already_set();
    }
    return out.release().ptr();
  }

 private:
  std::vector<py::object> names_;
  std::vector<std::unique_ptr<Converter>> fields_;
};

class UnionConverter : public Converter {
 public:
  explicit UnionConverter(ArrayPtr array) : Converter(std::move(array)), typed_(static_cast<const UnionArray&>(*array_)) {
    for (int i = 0; i < array_->type()->num_fields(); ++i) children_.push_back(MakeConverter(typed_.field(i)));
  }

 protected:
  PyObject* Value(int64_t i) override { return children_[typed_.child_id(i)]->Get(typed_.value_offset(i)); }

 private:
  const UnionArray& typed_;
  std::vector<std::unique_ptr<Converter>> children_;
};

class DictionaryConverter : public Converter {
 public:
  explicit DictionaryConverter(ArrayPtr array)
      : Converter(std::move(array)), typed_(static_cast<const DictionaryArray&>(*array_)) {
    dictionary_ = MakeConverter(typed_.dictionary());
  }

 protected:
  PyObject* Value(int64_t i) override { return dictionary_->Get(typed_.GetValueIndex(i)); }

 private:
  const DictionaryArray& typed_;
  std::unique_ptr<Converter> dictionary_;
};

class RunEndEncodedConverter : public Converter {
 public:
  explicit RunEndEncodedConverter(ArrayPtr array)
      : Converter(std::move(array)), typed_(static_cast<const RunEndEncodedArray&>(*array_)) {
    values_ = MakeConverter(typed_.values());
  }

 protected:
  PyObject* Value(int64_t i) override { return values_->Get(typed_.FindPhysicalIndex(i)); }

 private:
  const RunEndEncodedArray& typed_;
  std::unique_ptr<Converter> values_;
};

class ExtensionConverter : public Converter {
 public:
  explicit ExtensionConverter(ArrayPtr array) : Converter(std::move(array)) {
    storage_ = MakeConverter(static_cast<const ExtensionArray&>(*array_).storage());
  }

 protected:
  PyObject* Value(int64_t i) override { return storage_->Get(i); }

 private:
  std::unique_ptr<Converter> storage_;
};

std::unique_ptr<Converter> MakeConverter(const ArrayPtr& array) {
  switch (array->type_id()) {
    case TypeId::NA: return std::make_unique<NullConverter>(array);
    case TypeId::BOOL: return std::make_unique<BooleanConverter>(array);
    case TypeId::INT8: return std::make_unique<FixedWidthConverter<int8_t, SignedToPython<int8_t>>>(array);
    case TypeId::INT16: return std::make_unique<FixedWidthConverter<int16_t, SignedToPython<int16_t>>>(array);
    case TypeId::INT32: return std::make_unique<FixedWidthConverter<int32_t, SignedToPython<int32_t>>>(array);
    case TypeId::INT64: return std::make_unique<FixedWidthConverter<int64_t, SignedToPython<int64_t>>>(array);
    case TypeId::UINT8: return std::make_unique<FixedWidthConverter<uint8_t, UnsignedToPython<uint8_t>>>(array);
    case TypeId::UINT16: return std::make_unique<FixedWidthConverter<uint16_t, UnsignedToPython<uint16_t>>>(array);
    case TypeId::UINT32: return std::make_unique<FixedWidthConverter<uint32_t, UnsignedToPython<uint32_t>>>(array);
    case TypeId::UINT64: return std::make_unique<FixedWidthConverter<uint64_t, UnsignedToPython<uint64_t>>>(array);
    case TypeId::INTERVAL_MONTHS:
      return std::make_unique<FixedWidthConverter<int32_t, SignedToPython<int32_t>>>(array);
    case TypeId::HALF_FLOAT: return std::make_unique<FixedWidthConverter<uint16_t, HalfToPython>>(array);
    case TypeId::FLOAT: return std::make_unique<FixedWidthConverter<float, FloatToPython<float>>>(array);
    case TypeId::DOUBLE: return std::make_unique<FixedWidthConverter<double, FloatToPython<double>>>(array);
    case TypeId::DATE32: return std::make_unique<FixedWidthConverter<int32_t, Date32ToPython>>(array);
    case TypeId::DATE64: return std::make_unique<FixedWidthConverter<int64_t, Date64ToPython>>(array);
    case TypeId::TIMESTAMP: return std::make_unique<TimestampConverter>(array);
    case TypeId::DURATION: return std::make_unique<DurationConverter>(array);
    case TypeId::TIME32: return std::make_unique<TimeConverter<int32_t>>(array);
    case TypeId::TIME64: return std::make_unique<TimeConverter<int64_t>>(array);
    case TypeId::INTERVAL_DAY_TIME: return std::make_unique<DayTimeConverter>(array);
    case TypeId::INTERVAL_MONTH_DAY_NANO: return std::make_unique<MonthDayNanoConverter>(array);
    case TypeId::STRING: return std::make_unique<BinaryConverter<BinaryArray, true>>(array);
    case TypeId::BINARY: return std::make_unique<BinaryConverter<BinaryArray, false>>(array);
    case TypeId::LARGE_STRING: return std::make_unique<BinaryConverter<LargeBinaryArray, true>>(array);
    case TypeId::LARGE_BINARY: return std::make_unique<BinaryConverter<LargeBinaryArray, false>>(array);
    case TypeId::STRING_VIEW: return std::make_unique<BinaryConverter<BinaryViewArray, true>>(array);
    case TypeId::BINARY_VIEW: return std::make_unique<BinaryConverter<BinaryViewArray, false>>(array);
    case TypeId::FIXED_SIZE_BINARY: return std::make_unique<BinaryConverter<FixedSizeBinaryArray, false>>(array);
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256: return std::make_unique<DecimalConverter>(array);
    case TypeId::LIST:
    case TypeId::LIST_VIEW: return std::make_unique<ListConverter<int32_t>>(array);
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW: return std::make_unique<ListConverter<int64_t>>(array);
    case TypeId::MAP: return std::make_unique<MapConverter>(array);
    case TypeId::FIXED_SIZE_LIST: return std::make_unique<FixedSizeListConverter>(array);
    case TypeId::STRUCT: return std::make_unique<StructConverter>(array);
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION: return std::make_unique<UnionConverter>(array);
    case TypeId::DICTIONARY: return std::make_unique<DictionaryConverter>(array);
    case TypeId::RUN_END_ENCODED: return std::make_unique<RunEndEncodedConverter>(array);
    case TypeId::EXTENSION: return std::make_unique<ExtensionConverter>(array);
  }
  throw py::type_error("no Python conversion for " + array->type()->ToString());
}

}  // namespace

py::object MonthDayNanoClass() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
  return storage
      .call_once_and_store_result([] {
        py::object named_tuple = py::module_::import("collections").attr("namedtuple");
        py::object cls = named_tuple("MonthDayNano", py::make_tuple("months", "days", "nanoseconds"));
        cls.attr("__module__") = "arrowpack";
        return cls;
      })
      .get_stored();
}

py::object ValueToPython(const ArrayPtr& array, int64_t i) {
  EnsureDateTimeApi();
  return py::reinterpret_steal<py::object>(MakeConverter(array)->Get(i));
}

py::list ArrayToPyList(const ArrayPtr& array) {
  EnsureDateTimeApi();
  auto converter = MakeConverter(array);
  py::list out(array->length());
  converter->FillList(out.ptr());
  return out;
}

PyObject* NaiveDateTimeFromMicros(int64_t micros) {
  EnsureDateTimeApi();
  return MakeDateTime(SplitInstant(micros, TimeUnit::MICRO), Py_None);
}

}  // namespace arrowpack::python
