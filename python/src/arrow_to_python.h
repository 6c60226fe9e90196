// Arrow values -> Python objects, as pyarrow's to_pylist() and Scalar.as_py() produce them:
// int, float, bool, str, bytes, None, datetime.date/datetime/time/timedelta (tz-aware with
// zoneinfo or fixed-offset timezones; nanosecond timestamps and durations as pandas
// Timestamp/Timedelta when pandas is installed), Decimal, list, dict (struct), list of (key,
// value) tuples (map), MonthDayNano. Written on the CPython API: no per-value pybind11 casts.
// Arrays must be valid (ValidateFull for untrusted data). Values Python cannot represent (years
// outside 1..9999, invalid UTF-8) raise the Python error. GIL required.
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/core/array.h"

namespace arrowpack::python {

/// Row `i` (0 <= i < length) of `array`; None for nulls.
pybind11::object ValueToPython(const ArrayPtr& array, int64_t i);

/// Every row of `array`.
pybind11::list ArrayToPyList(const ArrayPtr& array);

/// A new naive datetime.datetime for microseconds since the epoch (ValueError outside years
/// 1..9999, raised as pybind11::error_already_set).
PyObject* NaiveDateTimeFromMicros(int64_t micros);

/// pyarrow's MonthDayNano named tuple (months, days, nanoseconds).
pybind11::object MonthDayNanoClass();

}  // namespace arrowpack::python
