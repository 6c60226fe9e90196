// datetime/date/time/timedelta values and tzinfo names through the datetime C API, which needs a
// per-file import (PyDateTime_IMPORT), hence one file for all of it.
#include "python_to_arrow_internal.h"  // first: Python.h must precede datetime.h

#include <datetime.h>

#include <cstdio>

namespace arrowpack::python::pyconv {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

void EnsureDateTimeApi() {
  if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
}

// Days from 1970-01-01 to the proleptic Gregorian y-m-d: count whole 400-year eras from March of
// year 0, so that the leap day falls at the end of each shifted year.
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Result<int64_t> CheckedMicros(int64_t days, int64_t seconds, int64_t micros) {
  int64_t total = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &total) ||
      __builtin_add_overflow(total, seconds * kMicrosPerSecond + micros, &total)) {
    return PyErrorStatus(PyExc_OverflowError, "temporal value out of the range of 64-bit microseconds");
  }
  return total;
}

int64_t TimeDeltaMicros(PyObject* delta, bool* overflow) {
  int64_t total = 0;
  *overflow = __builtin_mul_overflow(static_cast<int64_t>(PyDateTime_DELTA_GET_DAYS(delta)), kMicrosPerDay, &total) ||
              __builtin_add_overflow(total,
                                     PyDateTime_DELTA_GET_SECONDS(delta) * kMicrosPerSecond +
                                         PyDateTime_DELTA_GET_MICROSECONDS(delta),
                                     &total);
  return total;
}

// An integer attribute pandas adds to its datetime subclasses; 0 when absent.
int64_t IntAttribute(PyObject* obj, const char* name) {
  PyObject* value = PyObject_GetAttrString(obj, name);
  if (value == nullptr) {
    PyErr_Clear();
    return 0;
  }
  const long long result = PyLong_AsLongLong(value);
  Py_DECREF(value);
  if (result == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    return 0;
  }
  return result;
}

}  // namespace

PyTemporalKind ClassifyTemporal(PyObject* obj) {
  EnsureDateTimeApi();
  if (PyDateTime_Check(obj)) return PyTemporalKind::kDateTime;
  if (PyDate_Check(obj)) return PyTemporalKind::kDate;
  if (PyTime_Check(obj)) return PyTemporalKind::kTime;
  if (PyDelta_Check(obj)) return PyTemporalKind::kTimeDelta;
  return PyTemporalKind::kNone;
}

int64_t DateToDays(PyObject* obj) {
  EnsureDateTimeApi();
  return DaysFromCivil(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj));
}

Result<int64_t> DateTimeToMicros(PyObject* obj) {
  EnsureDateTimeApi();
  const int64_t seconds = PyDateTime_DATE_GET_HOUR(obj) * 3600 + PyDateTime_DATE_GET_MINUTE(obj) * 60 +
                          PyDateTime_DATE_GET_SECOND(obj);
  ARROWPACK_ASSIGN_OR_RAISE(int64_t micros,
                            CheckedMicros(DateToDays(obj), seconds, PyDateTime_DATE_GET_MICROSECOND(obj)));
  PyObject* tzinfo = DateTimeTzInfo(obj);
  if (tzinfo == nullptr) return micros;
  // datetime.timezone offsets do not depend on the date: the last one is remembered (a strong
  // reference, so the pointer cannot be reused by another object).
  static PyObject* fixed_zone = nullptr;
  static int64_t fixed_offset = 0;
  bool overflow = false;
  int64_t offset_micros = 0;
  if (tzinfo == fixed_zone) {
    offset_micros = fixed_offset;
  } else {
    PyObject* offset = PyObject_CallMethod(obj, "utcoffset", nullptr);
    if (offset == nullptr) return CurrentPyError();
    if (PyDelta_Check(offset)) offset_micros = TimeDeltaMicros(offset, &overflow);
    Py_DECREF(offset);
    if (!overflow && Py_TYPE(tzinfo) == Py_TYPE(PyDateTime_TimeZone_UTC)) {
      Py_INCREF(tzinfo);
      Py_XSETREF(fixed_zone, tzinfo);
      fixed_offset = offset_micros;
    }
  }
  if (overflow || __builtin_sub_overflow(micros, offset_micros, &micros)) {
    return PyErrorStatus(PyExc_OverflowError, "datetime out of the range of 64-bit microseconds");
  }
  return micros;
}

int64_t ExtraNanoseconds(PyObject* obj) {
  EnsureDateTimeApi();
  // Only pandas' subclasses carry nanoseconds; skip the attribute lookup for the stdlib classes.
  if (Py_TYPE(obj) == PyDateTimeAPI->DateTimeType || Py_TYPE(obj) == PyDateTimeAPI->DeltaType) return 0;
  return IntAttribute(obj, PyDateTime_Check(obj) ? "nanosecond" : "nanoseconds");
}

int64_t TimeToMicros(PyObject* obj) {
  EnsureDateTimeApi();
  return (PyDateTime_TIME_GET_HOUR(obj) * 3600LL + PyDateTime_TIME_GET_MINUTE(obj) * 60LL +
          PyDateTime_TIME_GET_SECOND(obj)) *
             kMicrosPerSecond +
         PyDateTime_TIME_GET_MICROSECOND(obj);
}

Result<int64_t> TimeDeltaToMicros(PyObject* obj) {
  EnsureDateTimeApi();
  bool overflow = false;
  const int64_t micros = TimeDeltaMicros(obj, &overflow);
  if (overflow) return PyErrorStatus(PyExc_OverflowError, "timedelta out of the range of 64-bit microseconds");
  return micros;
}

PyObject* DateTimeTzInfo(PyObject* obj) {
  EnsureDateTimeApi();
  if (!PyDateTime_Check(obj)) return nullptr;
  PyObject* tzinfo = PyDateTime_DATE_GET_TZINFO(obj);
  return tzinfo == Py_None ? nullptr : tzinfo;
}

Result<std::string> TzInfoToString(PyObject* tzinfo) {
  EnsureDateTimeApi();
  if (tzinfo == PyDateTime_TimeZone_UTC) return std::string("UTC");
  // zoneinfo.ZoneInfo has `key`, pytz zones have `zone`.
  for (const char* name : {"key", "zone"}) {
    PyObject* attr = PyObject_GetAttrString(tzinfo, name);
    if (attr == nullptr) {
      PyErr_Clear();
      continue;
    }
    py::object owned = py::reinterpret_steal<py::object>(attr);
    if (PyUnicode_Check(attr)) {
      Py_ssize_t size = 0;
      const char* text = PyUnicode_AsUTF8AndSize(attr, &size);
      if (text == nullptr) return CurrentPyError();
      return std::string(text, static_cast<size_t>(size));
    }
  }
  // Fixed offsets (datetime.timezone and the like) print as +HH:MM.
  PyObject* offset = PyObject_CallMethod(tzinfo, "utcoffset", "O", Py_None);
  if (offset == nullptr) return CurrentPyError();
  py::object owned = py::reinterpret_steal<py::object>(offset);
  if (!PyDelta_Check(offset)) {
    return Status::TypeError("cannot derive a time zone name from tzinfo ", PyRepr(tzinfo));
  }
  bool overflow = false;
  int64_t seconds = TimeDeltaMicros(offset, &overflow) / kMicrosPerSecond;
  const char sign = seconds < 0 ? '-' : '+';
  if (seconds < 0) seconds = -seconds;
  char text[16];
  std::snprintf(text, sizeof(text), "%c%02d:%02d", sign, static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60));
  return std::string(text);
}

}  // namespace arrowpack::python::pyconv
