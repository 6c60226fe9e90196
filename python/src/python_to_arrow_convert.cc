// Scalar extraction (Python value -> C value of an Arrow type) and the converters of flat types.
// The converters append into the concrete builders with their inline Unsafe* calls; the exact
// builtin types (int, float, str) take branch-only fast paths before anything slower.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "python_to_arrow_internal.h"

namespace arrowpack::python::pyconv {

namespace {

template <typename CType>
std::string RangeText() {
  return std::to_string(std::numeric_limits<CType>::min()) + " to " + std::to_string(std::numeric_limits<CType>::max());
}

template <typename CType>
Status OutOfRange(PyObject* obj, bool python_overflow) {
  // pyarrow raises OverflowError where Python itself cannot produce the C value (beyond 64 bits,
  // negative into unsigned) and ArrowInvalid for values that only miss the narrower type.
  const std::string message = "Integer value " + PyRepr(obj) + " not in range: " + RangeText<CType>();
  if (python_overflow) return PyErrorStatus(PyExc_OverflowError, message);
  return Status::Invalid(message);
}

// An exact or subclassed Python int.
template <typename CType>
Status IntegerFromPyLong(PyObject* obj, CType* out) {
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (overflow == 0) {
    if (value == -1 && PyErr_Occurred()) return CurrentPyError();
    if constexpr (std::is_signed_v<CType>) {
      if (value < std::numeric_limits<CType>::min() || value > std::numeric_limits<CType>::max()) {
        return OutOfRange<CType>(obj, false);
      }
    } else {
      if (value < 0) return OutOfRange<CType>(obj, true);
      if (static_cast<unsigned long long>(value) > std::numeric_limits<CType>::max()) {
        return OutOfRange<CType>(obj, false);
      }
    }
    *out = static_cast<CType>(value);
    return Status::OK();
  }
  if constexpr (std::is_same_v<CType, uint64_t>) {
    if (overflow > 0) {
      const unsigned long long big = PyLong_AsUnsignedLongLong(obj);
      if (big == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
        PyErr_Clear();
        return OutOfRange<CType>(obj, true);
      }
      *out = big;
      return Status::OK();
    }
  }
  return OutOfRange<CType>(obj, true);
}

// numpy integers and other objects with __index__.
template <typename CType>
Status IntegerFromIndex(PyObject* obj, CType* out) {
  PyObject* index = PyNumber_Index(obj);
  if (index == nullptr) return CurrentPyError();
  const Status status = IntegerFromPyLong(index, out);
  Py_DECREF(index);
  return status;
}

template <typename CType>
Status IntegerFromDouble(PyObject* obj, double value, const DataType& type, CType* out) {
  // pyarrow truncates finite floats given for integer columns.
  const double truncated = std::trunc(value);
  if (!std::isfinite(value) || truncated < -9223372036854775808.0 || truncated >= 18446744073709551616.0) {
    return ConversionError(StatusCode::Invalid, obj, "tried to convert to " + type.ToString());
  }
  PyObject* as_int = PyLong_FromDouble(truncated);
  if (as_int == nullptr) return CurrentPyError();
  const Status status = IntegerFromPyLong(as_int, out);
  Py_DECREF(as_int);
  return status;
}

Status NotAnInteger(PyObject* obj, const DataType& type) {
  return ConversionError(StatusCode::Invalid, obj, "tried to convert to " + type.ToString());
}

// Largest integer magnitude a float type holds exactly (2^24, 2^53).
template <typename CType>
constexpr int64_t kExactIntegerLimit = int64_t{1} << std::numeric_limits<CType>::digits;

template <typename CType>
Status FloatFromInteger(PyObject* obj, CType* out) {
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (value == -1 && overflow == 0 && PyErr_Occurred()) return CurrentPyError();
  if (overflow != 0 || value > kExactIntegerLimit<CType> || value < -kExactIntegerLimit<CType>) {
    return Status::Invalid("Integer value ", PyRepr(obj),
                           " is outside of the range exactly representable by a IEEE 754 ",
                           std::is_same_v<CType, float> ? "single" : "double", " precision value");
  }
  *out = static_cast<CType>(value);
  return Status::OK();
}

// Rounds a float to the nearest IEEE half (ties to even); overflow gives infinity.
uint16_t RoundToHalf(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  const auto sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t exponent = (bits >> 23) & 0xffu;
  uint32_t mantissa = bits & 0x7fffffu;
  if (exponent == 0xff) return static_cast<uint16_t>(sign | 0x7c00u | (mantissa != 0 ? 0x200u : 0u));
  const int half_exponent = static_cast<int>(exponent) - 127 + 15;
  if (half_exponent >= 0x1f) return static_cast<uint16_t>(sign | 0x7c00u);
  if (half_exponent <= 0) {
    // Subnormal half (or zero): shift the mantissa with its implicit bit into place.
    if (half_exponent < -10) return sign;
    mantissa |= 0x800000u;
    const int shift = 14 - half_exponent;
    uint32_t half_mantissa = mantissa >> shift;
    const uint32_t remainder = mantissa & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (remainder > halfway || (remainder == halfway && (half_mantissa & 1u) != 0)) ++half_mantissa;
    return static_cast<uint16_t>(sign | half_mantissa);
  }
  uint32_t half = (static_cast<uint32_t>(half_exponent) << 10) | (mantissa >> 13);
  const uint32_t remainder = mantissa & 0x1fffu;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (remainder > 0x1000u || (remainder == 0x1000u && (half & 1u) != 0)) ++half;
  return static_cast<uint16_t>(sign | half);
}

bool IsAscii(const char* data, int64_t size) {
  for (int64_t i = 0; i < size; ++i) {
    if (static_cast<unsigned char>(data[i]) >= 0x80) return false;
  }
  return true;
}

Status CheckUtf8(PyObject* obj, const char* data, Py_ssize_t size) {
  if (IsValidUtf8(data, size)) return Status::OK();
  return ConversionError(StatusCode::Invalid, obj, "was not a utf8 string");
}

// ---- Temporal scaling ---------------------------------------------------------------------------

// Microseconds (plus extra nanoseconds) in `unit`; coarser units truncate toward zero as pyarrow.
Result<int64_t> ScaleMicros(PyObject* obj, int64_t micros, int64_t nanos, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return micros / 1000000;
    case TimeUnit::MILLI: return micros / 1000;
    case TimeUnit::MICRO: return micros;
    case TimeUnit::NANO: {
      int64_t out = 0;
      if (__builtin_mul_overflow(micros, int64_t{1000}, &out) || __builtin_add_overflow(out, nanos, &out)) {
        return ConversionError(StatusCode::Invalid, obj, "out of bounds for nanosecond resolution");
      }
      return out;
    }
  }
  return micros;
}

// Integers (and, like pyarrow, truncated floats) are taken as the stored value.
Status RawTemporalInteger(PyObject* obj, const DataType& type, int64_t* out) {
  if (PyFloat_Check(obj)) return IntegerFromDouble(obj, PyFloat_AS_DOUBLE(obj), type, out);
  if (PyLong_Check(obj)) return IntegerFromPyLong(obj, out);
  return IntegerFromIndex(obj, out);
}

bool IsRawTemporalInteger(PyObject* obj) {
  const PyClasses& classes = Classes();
  return (PyLong_Check(obj) && !PyBool_Check(obj)) || PyFloat_Check(obj) || IsInstance(obj, classes.np_integer);
}

Status NotTemporal(PyObject* obj, const DataType& type, const char* expected) {
  return ConversionError(StatusCode::TypeError, obj,
                         std::string("expected ") + expected + " or an integer for " + type.ToString());
}

}  // namespace

// ---- Scalar extraction ----------------------------------------------------------------------------

uint16_t FloatToHalf(float value) { return RoundToHalf(value); }

bool IsValidUtf8(const char* data, int64_t size) {
  if (IsAscii(data, size)) return true;
  // Rare enough to leave to Python's strict decoder.
  PyObject* decoded = PyUnicode_DecodeUTF8(data, static_cast<Py_ssize_t>(size), "strict");
  if (decoded == nullptr) {
    PyErr_Clear();
    return false;
  }
  Py_DECREF(decoded);
  return true;
}

template <typename CType>
Status ExtractInteger(PyObject* obj, const DataType& type, CType* out) {
  if (PyLong_CheckExact(obj)) return IntegerFromPyLong(obj, out);
  if (PyBool_Check(obj)) return Status::TypeError("Expected integer, got bool");
  if (PyLong_Check(obj)) return IntegerFromPyLong(obj, out);
  if (PyFloat_Check(obj)) return IntegerFromDouble(obj, PyFloat_AS_DOUBLE(obj), type, out);
  const PyClasses& classes = Classes();
  if (IsInstance(obj, classes.np_integer) || IsInstance(obj, classes.np_bool)) {
    if (IsInstance(obj, classes.np_bool)) {
      *out = static_cast<CType>(PyObject_IsTrue(obj) == 1);
      return Status::OK();
    }
    return IntegerFromIndex(obj, out);
  }
  if (IsInstance(obj, classes.np_floating)) {
    const double value = PyFloat_AsDouble(obj);
    if (value == -1.0 && PyErr_Occurred()) return CurrentPyError();
    return IntegerFromDouble(obj, value, type, out);
  }
  if (IsInstance(obj, classes.decimal)) {
    PyObject* as_int = PyNumber_Long(obj);
    if (as_int == nullptr) {
      PyErr_Clear();
      return NotAnInteger(obj, type);
    }
    const Status status = IntegerFromPyLong(as_int, out);
    Py_DECREF(as_int);
    return status;
  }
  return NotAnInteger(obj, type);
}

template <typename CType>
Status ExtractFloat(PyObject* obj, const DataType& type, CType* out) {
  if (PyFloat_CheckExact(obj)) {
    *out = static_cast<CType>(PyFloat_AS_DOUBLE(obj));
    return Status::OK();
  }
  if (PyBool_Check(obj)) {
    *out = obj == Py_True ? CType{1} : CType{0};
    return Status::OK();
  }
  if (PyLong_Check(obj)) return FloatFromInteger(obj, out);
  const PyClasses& classes = Classes();
  if (IsInstance(obj, classes.np_integer)) {
    PyObject* index = PyNumber_Index(obj);
    if (index == nullptr) return CurrentPyError();
    const Status status = FloatFromInteger(index, out);
    Py_DECREF(index);
    return status;
  }
  if (PyFloat_Check(obj) || IsInstance(obj, classes.np_floating) || IsInstance(obj, classes.np_bool)) {
    const double value = PyFloat_AsDouble(obj);
    if (value == -1.0 && PyErr_Occurred()) return CurrentPyError();
    *out = static_cast<CType>(value);
    return Status::OK();
  }
  return ConversionError(StatusCode::Invalid, obj, "tried to convert to " + type.ToString());
}

Status ExtractHalfFloat(PyObject* obj, uint16_t* out) {
  float value = 0;
  ARROWPACK_RETURN_NOT_OK(ExtractFloat(obj, *float16(), &value));
  *out = FloatToHalf(value);
  return Status::OK();
}

Status ExtractBool(PyObject* obj, bool* out) {
  if (obj == Py_True || obj == Py_False) {
    *out = obj == Py_True;
    return Status::OK();
  }
  if (IsInstance(obj, Classes().np_bool)) {
    *out = PyObject_IsTrue(obj) == 1;
    return Status::OK();
  }
  return ConversionError(StatusCode::Invalid, obj, "tried to convert to boolean");
}

Status ExtractTemporal(PyObject* obj, const DataType& type, int64_t* out) {
  const PyTemporalKind kind = ClassifyTemporal(obj);
  const PyClasses& classes = Classes();
  switch (type.id()) {
    case TypeId::DATE32:
    case TypeId::DATE64: {
      const int64_t factor = type.id() == TypeId::DATE64 ? 86400000 : 1;
      if (kind == PyTemporalKind::kDate || kind == PyTemporalKind::kDateTime) {
        *out = DateToDays(obj) * factor;
        return Status::OK();
      }
      if (IsInstance(obj, classes.np_datetime64)) {
        bool is_nat = false;
        const std::optional<TimeUnit> unit =
            type.id() == TypeId::DATE64 ? std::optional<TimeUnit>(TimeUnit::MILLI) : std::nullopt;
        ARROWPACK_ASSIGN_OR_RAISE(*out, NumpyTemporalValue(obj, unit, &is_nat));
        return Status::OK();
      }
      if (IsRawTemporalInteger(obj)) return RawTemporalInteger(obj, type, out);
      return NotTemporal(obj, type, "a date");
    }
    case TypeId::TIMESTAMP: {
      const TimeUnit unit = static_cast<const TemporalType&>(type).unit();
      if (kind == PyTemporalKind::kDateTime) {
        ARROWPACK_ASSIGN_OR_RAISE(int64_t micros, DateTimeToMicros(obj));
        ARROWPACK_ASSIGN_OR_RAISE(*out, ScaleMicros(obj, micros, ExtraNanoseconds(obj), unit));
        return Status::OK();
      }
      if (IsInstance(obj, classes.np_datetime64)) {
        bool is_nat = false;
        ARROWPACK_ASSIGN_OR_RAISE(*out, NumpyTemporalValue(obj, unit, &is_nat));
        return Status::OK();
      }
      if (IsRawTemporalInteger(obj)) return RawTemporalInteger(obj, type, out);
      return NotTemporal(obj, type, "a datetime");
    }
    case TypeId::TIME32:
    case TypeId::TIME64: {
      const TimeUnit unit = static_cast<const TemporalType&>(type).unit();
      if (kind == PyTemporalKind::kTime) {
        ARROWPACK_ASSIGN_OR_RAISE(*out, ScaleMicros(obj, TimeToMicros(obj), 0, unit));
        return Status::OK();
      }
      if (IsRawTemporalInteger(obj)) return RawTemporalInteger(obj, type, out);
      return NotTemporal(obj, type, "a time");
    }
    case TypeId::DURATION: {
      const TimeUnit unit = static_cast<const TemporalType&>(type).unit();
      if (kind == PyTemporalKind::kTimeDelta) {
        ARROWPACK_ASSIGN_OR_RAISE(int64_t micros, TimeDeltaToMicros(obj));
        ARROWPACK_ASSIGN_OR_RAISE(*out, ScaleMicros(obj, micros, ExtraNanoseconds(obj), unit));
        return Status::OK();
      }
      if (IsInstance(obj, classes.np_timedelta64)) {
        bool is_nat = false;
        ARROWPACK_ASSIGN_OR_RAISE(*out, NumpyTemporalValue(obj, unit, &is_nat));
        return Status::OK();
      }
      if (IsRawTemporalInteger(obj)) return RawTemporalInteger(obj, type, out);
      return NotTemporal(obj, type, "a timedelta");
    }
    default: break;
  }
  return Status::NotImplemented("no temporal conversion to ", type.ToString());
}

Status ExtractBytes(PyObject* obj, bool utf8, std::string_view* out, bool* is_binary, std::string* scratch) {
  if (PyUnicode_Check(obj)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(obj, &size);
    if (data == nullptr) return CurrentPyError();
    *out = std::string_view(data, static_cast<size_t>(size));
    *is_binary = false;
    return Status::OK();
  }
  *is_binary = true;
  const char* data = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_Check(obj)) {
    data = PyBytes_AS_STRING(obj);
    size = PyBytes_GET_SIZE(obj);
  } else if (PyByteArray_Check(obj)) {
    data = PyByteArray_AS_STRING(obj);
    size = PyByteArray_GET_SIZE(obj);
  } else if (PyObject_CheckBuffer(obj)) {
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_C_CONTIGUOUS) != 0) return CurrentPyError();
    scratch->assign(static_cast<const char*>(view.buf), static_cast<size_t>(view.len));
    PyBuffer_Release(&view);
    data = scratch->data();
    size = static_cast<Py_ssize_t>(scratch->size());
  } else {
    return Status::TypeError("Expected bytes, got a '", Py_TYPE(obj)->tp_name, "' object");
  }
  if (utf8) ARROWPACK_RETURN_NOT_OK(CheckUtf8(obj, data, size));
  *out = std::string_view(data, static_cast<size_t>(size));
  return Status::OK();
}

#define ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(CType) \
  template Status ExtractInteger<CType>(PyObject*, const DataType&, CType*);
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(int8_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(int16_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(int32_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(int64_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(uint8_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(uint16_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(uint32_t)
ARROWPACK_INSTANTIATE_EXTRACT_INTEGER(uint64_t)
#undef ARROWPACK_INSTANTIATE_EXTRACT_INTEGER
template Status ExtractFloat<float>(PyObject*, const DataType&, float*);
template Status ExtractFloat<double>(PyObject*, const DataType&, double*);

// ---- Converters -------------------------------------------------------------------------------

Status Converter::Extend(PyObject* const* items, int64_t count, const uint8_t* null_mask) {
  for (int64_t i = 0; i < count; ++i) {
    if (null_mask != nullptr && null_mask[i] != 0) {
      ARROWPACK_RETURN_NOT_OK(builder_->AppendNull());
    } else {
      ARROWPACK_RETURN_NOT_OK(Append(items[i]));
    }
  }
  return Status::OK();
}

namespace {

// Fixed-width values: `Extract` is a callable (PyObject*, CType*) -> Status; `null_if` lets
// temporal types treat NaT as null.
template <typename Builder, typename CType, typename Extract>
class FixedWidthConverter final : public Converter {
 public:
  FixedWidthConverter(ArrayBuilder* builder, const ConvertOptions& options, Extract extract, bool nat_is_null)
      : Converter(builder, options), typed_(static_cast<Builder*>(builder)), extract_(extract),
        nat_is_null_(nat_is_null) {}

  Status Append(PyObject* obj) override {
    if (IsNullRow(obj)) return typed_->AppendNull();
    CType value{};
    ARROWPACK_RETURN_NOT_OK(extract_(obj, &value));
    return typed_->Append(value);
  }

  Status Extend(PyObject* const* items, int64_t count, const uint8_t* null_mask) override {
    ARROWPACK_RETURN_NOT_OK(typed_->Reserve(count));
    for (int64_t i = 0; i < count; ++i) {
      PyObject* obj = items[i];
      if ((null_mask != nullptr && null_mask[i] != 0) || IsNullRow(obj)) {
        ARROWPACK_RETURN_NOT_OK(typed_->AppendNull());
        continue;
      }
      CType value{};
      ARROWPACK_RETURN_NOT_OK(extract_(obj, &value));
      typed_->UnsafeAppend(value);
    }
    return Status::OK();
  }

 private:
  bool IsNullRow(PyObject* obj) const { return IsNullValue(obj) || (nat_is_null_ && IsNaT(obj)); }

  Builder* typed_;
  Extract extract_;
  bool nat_is_null_;
};

template <typename Builder, typename CType, typename Extract>
std::unique_ptr<Converter> MakeFixedWidth(ArrayBuilder* builder, const ConvertOptions& options, Extract extract,
                                          bool nat_is_null = false) {
  return std::make_unique<FixedWidthConverter<Builder, CType, Extract>>(builder, options, extract, nat_is_null);
}

template <typename CType>
std::unique_ptr<Converter> MakeIntegerConverter(const DataType& type, ArrayBuilder* builder,
                                                const ConvertOptions& options) {
  const DataType* target = &type;
  auto extract = [target](PyObject* obj, CType* out) { return ExtractInteger<CType>(obj, *target, out); };
  return MakeFixedWidth<NumericBuilder<CType>, CType>(builder, options, extract);
}

template <typename CType>
std::unique_ptr<Converter> MakeFloatConverter(const DataType& type, ArrayBuilder* builder,
                                              const ConvertOptions& options) {
  const DataType* target = &type;
  auto extract = [target](PyObject* obj, CType* out) { return ExtractFloat<CType>(obj, *target, out); };
  return MakeFixedWidth<NumericBuilder<CType>, CType>(builder, options, extract);
}

template <typename CType>
std::unique_ptr<Converter> MakeTemporalConverter(const DataType& type, ArrayBuilder* builder,
                                                 const ConvertOptions& options) {
  const DataType* target = &type;
  auto extract = [target](PyObject* obj, CType* out) -> Status {
    int64_t value = 0;
    ARROWPACK_RETURN_NOT_OK(ExtractTemporal(obj, *target, &value));
    if (value < std::numeric_limits<CType>::min() || value > std::numeric_limits<CType>::max()) {
      return ConversionError(StatusCode::Invalid, obj, "out of range for " + target->ToString());
    }
    *out = static_cast<CType>(value);
    return Status::OK();
  };
  return MakeFixedWidth<NumericBuilder<CType>, CType>(builder, options, extract, /*nat_is_null=*/true);
}

// A (months, days, nanoseconds) sequence, pyarrow's MonthDayNano tuple, or a pandas DateOffset.
Status ExtractMonthDayNano(PyObject* obj, MonthDayNano* out) {
  const DataType& field_type = *int64();
  if (PyTuple_Check(obj) || PyList_Check(obj)) {
    if (PySequence_Fast_GET_SIZE(obj) != 3) {
      return ConversionError(StatusCode::Invalid, obj, "expected (months, days, nanoseconds)");
    }
    PyObject** parts = PySequence_Fast_ITEMS(obj);
    int32_t months = 0;
    int32_t days = 0;
    ARROWPACK_RETURN_NOT_OK(ExtractInteger(parts[0], *int32(), &months));
    ARROWPACK_RETURN_NOT_OK(ExtractInteger(parts[1], *int32(), &days));
    ARROWPACK_RETURN_NOT_OK(ExtractInteger(parts[2], field_type, &out->nanoseconds));
    out->months = months;
    out->days = days;
    return Status::OK();
  }
  if (IsInstance(obj, Classes().pd_date_offset)) {
    // DateOffset keeps its keyword arguments in `kwds`; years/weeks/hours/... fold into the fields.
    py::dict kwds = py::reinterpret_borrow<py::object>(obj).attr("kwds");
    auto get = [&kwds](const char* name) -> int64_t {
      return kwds.contains(name) ? kwds[name].cast<int64_t>() : 0;
    };
    const int64_t n = py::reinterpret_borrow<py::object>(obj).attr("n").cast<int64_t>();
    out->months = static_cast<int32_t>(n * (get("years") * 12 + get("months")));
    out->days = static_cast<int32_t>(n * (get("weeks") * 7 + get("days")));
    out->nanoseconds = n * (((get("hours") * 60 + get("minutes")) * 60 + get("seconds")) * 1000000000 +
                            get("milliseconds") * 1000000 + get("microseconds") * 1000 + get("nanoseconds"));
    return Status::OK();
  }
  return ConversionError(StatusCode::TypeError, obj,
                         "expected a (months, days, nanoseconds) tuple or a pandas DateOffset");
}

// day_time_interval: a (days, milliseconds) pair stored as two int32 in one int64 slot.
Status ExtractDayTime(PyObject* obj, int64_t* out) {
  if (!(PyTuple_Check(obj) || PyList_Check(obj)) || PySequence_Fast_GET_SIZE(obj) != 2) {
    return ConversionError(StatusCode::TypeError, obj, "expected a (days, milliseconds) pair");
  }
  PyObject** parts = PySequence_Fast_ITEMS(obj);
  int32_t pair[2] = {0, 0};
  ARROWPACK_RETURN_NOT_OK(ExtractInteger(parts[0], *int32(), &pair[0]));
  ARROWPACK_RETURN_NOT_OK(ExtractInteger(parts[1], *int32(), &pair[1]));
  std::memcpy(out, pair, sizeof(pair));
  return Status::OK();
}

class NullConverter final : public Converter {
 public:
  NullConverter(ArrayBuilder* builder, const ConvertOptions& options) : Converter(builder, options) {}
  Status Append(PyObject* obj) override {
    if (!IsNullValue(obj) && !IsNaT(obj)) return Status::Invalid("Invalid null value");
    return builder_->AppendNull();
  }
};

// binary/string and their large forms (offsets), view forms (Builder = BinaryViewBuilder).
template <typename Builder>
class BinaryConverter final : public Converter {
 public:
  BinaryConverter(ArrayBuilder* builder, const ConvertOptions& options, bool utf8)
      : Converter(builder, options), typed_(static_cast<Builder*>(builder)), utf8_(utf8) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    std::string_view value;
    ARROWPACK_RETURN_NOT_OK(Extract(obj, &value));
    return typed_->Append(value);
  }

  Status Extend(PyObject* const* items, int64_t count, const uint8_t* null_mask) override {
    ARROWPACK_RETURN_NOT_OK(typed_->Reserve(count));
    for (int64_t i = 0; i < count; ++i) {
      PyObject* obj = items[i];
      if ((null_mask != nullptr && null_mask[i] != 0) || IsNullValue(obj)) {
        ARROWPACK_RETURN_NOT_OK(typed_->AppendNull());
        continue;
      }
      std::string_view value;
      if (PyUnicode_CheckExact(obj)) {
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(obj, &size);
        if (data == nullptr) return CurrentPyError();
        value = std::string_view(data, static_cast<size_t>(size));
      } else {
        ARROWPACK_RETURN_NOT_OK(Extract(obj, &value));
      }
      if constexpr (std::is_same_v<Builder, BinaryViewBuilder>) {
        ARROWPACK_RETURN_NOT_OK(typed_->Append(value));
      } else {
        ARROWPACK_RETURN_NOT_OK(typed_->ReserveData(static_cast<int64_t>(value.size())));
        typed_->UnsafeAppend(reinterpret_cast<const uint8_t*>(value.data()), static_cast<int64_t>(value.size()));
      }
    }
    return Status::OK();
  }

  bool saw_binary() const override { return saw_binary_; }

 private:
  Status Extract(PyObject* obj, std::string_view* value) {
    // An inferred str column takes bytes as pyarrow does: unchecked, finishing as binary.
    const bool check_utf8 = utf8_ && options_.strict;
    bool is_binary = false;
    ARROWPACK_RETURN_NOT_OK(ExtractBytes(obj, check_utf8, value, &is_binary, &scratch_));
    if (is_binary && utf8_ && !options_.strict) saw_binary_ = true;
    return Status::OK();
  }

  Builder* typed_;
  bool utf8_;
  bool saw_binary_ = false;
  std::string scratch_;
};

class FixedSizeBinaryConverter final : public Converter {
 public:
  FixedSizeBinaryConverter(ArrayBuilder* builder, const ConvertOptions& options)
      : Converter(builder, options), typed_(static_cast<FixedSizeBinaryBuilder*>(builder)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    std::string_view value;
    bool is_binary = false;
    ARROWPACK_RETURN_NOT_OK(ExtractBytes(obj, false, &value, &is_binary, &scratch_));
    if (static_cast<int64_t>(value.size()) != typed_->byte_width()) {
      return ConversionError(StatusCode::Invalid, obj,
                             "expected to be length " + std::to_string(typed_->byte_width()) + " was " +
                                 std::to_string(value.size()));
    }
    return typed_->Append(reinterpret_cast<const uint8_t*>(value.data()));
  }

 private:
  FixedSizeBinaryBuilder* typed_;
  std::string scratch_;
};

// Decimals go through their text (str(Decimal) or str(int)), which the builder rescales and
// checks against the precision.
class DecimalConverter final : public Converter {
 public:
  DecimalConverter(ArrayBuilder* builder, const ConvertOptions& options)
      : Converter(builder, options), typed_(static_cast<DecimalBuilder*>(builder)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    const bool is_int = PyLong_Check(obj) && !PyBool_Check(obj);
    if (!is_int && !IsInstance(obj, Classes().decimal) && !IsInstance(obj, Classes().np_integer)) {
      return Status::TypeError("int or Decimal object expected, got ", Py_TYPE(obj)->tp_name);
    }
    PyObject* text = PyObject_Str(obj);
    if (text == nullptr) return CurrentPyError();
    py::object owned = py::reinterpret_steal<py::object>(text);
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text, &size);
    if (data == nullptr) return CurrentPyError();
    return typed_->AppendDecimalString(std::string_view(data, static_cast<size_t>(size)));
  }

 private:
  DecimalBuilder* typed_;
};

}  // namespace

Result<std::unique_ptr<Converter>> MakeFlatConverter(const TypePtr& type, ArrayBuilder* builder,
                                                     const ConvertOptions& options) {
  const DataType& t = *type;
  switch (t.id()) {
    case TypeId::NA: return std::unique_ptr<Converter>(std::make_unique<NullConverter>(builder, options));
    case TypeId::BOOL:
      return MakeFixedWidth<BooleanBuilder, bool>(builder, options, [](PyObject* obj, bool* out) {
        return ExtractBool(obj, out);
      });
    case TypeId::INT8: return MakeIntegerConverter<int8_t>(t, builder, options);
    case TypeId::INT16: return MakeIntegerConverter<int16_t>(t, builder, options);
    case TypeId::INT32: return MakeIntegerConverter<int32_t>(t, builder, options);
    case TypeId::INT64: return MakeIntegerConverter<int64_t>(t, builder, options);
    case TypeId::UINT8: return MakeIntegerConverter<uint8_t>(t, builder, options);
    case TypeId::UINT16: return MakeIntegerConverter<uint16_t>(t, builder, options);
    case TypeId::UINT32: return MakeIntegerConverter<uint32_t>(t, builder, options);
    case TypeId::UINT64: return MakeIntegerConverter<uint64_t>(t, builder, options);
    case TypeId::HALF_FLOAT:
      return MakeFixedWidth<UInt16Builder, uint16_t>(builder, options, [](PyObject* obj, uint16_t* out) {
        return ExtractHalfFloat(obj, out);
      });
    case TypeId::FLOAT: return MakeFloatConverter<float>(t, builder, options);
    case TypeId::DOUBLE: return MakeFloatConverter<double>(t, builder, options);
    case TypeId::DATE32:
    case TypeId::TIME32:
      return MakeTemporalConverter<int32_t>(t, builder, options);
    case TypeId::DATE64:
    case TypeId::TIME64:
    case TypeId::TIMESTAMP:
    case TypeId::DURATION:
      return MakeTemporalConverter<int64_t>(t, builder, options);
    case TypeId::INTERVAL_MONTHS: return MakeIntegerConverter<int32_t>(t, builder, options);
    case TypeId::INTERVAL_DAY_TIME:
      return MakeFixedWidth<Int64Builder, int64_t>(builder, options, [](PyObject* obj, int64_t* out) {
        return ExtractDayTime(obj, out);
      });
    case TypeId::INTERVAL_MONTH_DAY_NANO:
      return MakeFixedWidth<MonthDayNanoIntervalBuilder, MonthDayNano>(
          builder, options, [](PyObject* obj, MonthDayNano* out) { return ExtractMonthDayNano(obj, out); });
    case TypeId::STRING:
    case TypeId::BINARY:
      return std::unique_ptr<Converter>(
          std::make_unique<BinaryConverter<BaseBinaryBuilder<int32_t>>>(builder, options, t.id() == TypeId::STRING));
    case TypeId::LARGE_STRING:
    case TypeId::LARGE_BINARY:
      return std::unique_ptr<Converter>(std::make_unique<BinaryConverter<BaseBinaryBuilder<int64_t>>>(
          builder, options, t.id() == TypeId::LARGE_STRING));
    case TypeId::STRING_VIEW:
    case TypeId::BINARY_VIEW:
      return std::unique_ptr<Converter>(
          std::make_unique<BinaryConverter<BinaryViewBuilder>>(builder, options, t.id() == TypeId::STRING_VIEW));
    case TypeId::FIXED_SIZE_BINARY:
      return std::unique_ptr<Converter>(std::make_unique<FixedSizeBinaryConverter>(builder, options));
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256:
      return std::unique_ptr<Converter>(std::make_unique<DecimalConverter>(builder, options));
    default: break;
  }
  return std::unique_ptr<Converter>();
}

}  // namespace arrowpack::python::pyconv
