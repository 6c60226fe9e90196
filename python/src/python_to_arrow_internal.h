// Internals shared by the Python -> Arrow conversion files:
//   python_to_arrow.cc           entry point: dispatch on the input kind, masks, sequences, iterators
//   python_to_arrow_infer.cc     type inference over Python values (pyarrow's rules)
//   python_to_arrow_convert.cc   scalar value extraction and the converters of flat types
//   python_to_arrow_nested.cc    converters of nested, dictionary and run-end encoded types
//   python_to_arrow_datetime.cc  datetime/date/time/timedelta and tzinfo (the datetime C API)
//   python_to_arrow_numpy.cc     numpy arrays (zero-copy where possible)
//   python_to_arrow_pandas.cc    pandas Series, Index and extension arrays
// Python errors travel inside Status: CurrentPyError() stashes the raised exception so that
// RaiseStatus() re-raises it unchanged at the boundary. All functions need the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "arrowpack/core/array.h"
#include "arrowpack/core/builder.h"
#include "arrowpack/core/memory_pool.h"

namespace arrowpack::python::pyconv {

namespace py = pybind11;

// ---- Errors ------------------------------------------------------------------------------------

/// The Python error currently set, as a Status that RaiseStatus turns back into that exception.
Status CurrentPyError();
/// Raises `exc_type(message)` (e.g. PyExc_OverflowError) through a Status.
Status PyErrorStatus(PyObject* exc_type, const std::string& message);
/// repr(obj) and the name of its type as pyarrow prints them in messages.
std::string PyRepr(PyObject* obj);
std::string PyTypeName(PyObject* obj);
/// "Could not convert <repr> with type <type>: <what>" with the given code.
Status ConversionError(StatusCode code, PyObject* obj, std::string_view what);

// ---- Classes of numpy, pandas and decimal ------------------------------------------------------

/// Borrowed references to classes looked up once; pandas ones stay null until pandas has been
/// imported by someone else (arrowpack never imports it just to check).
struct PyClasses {
  PyTypeObject* ndarray = nullptr;
  PyTypeObject* np_generic = nullptr;
  PyTypeObject* np_bool = nullptr;
  PyTypeObject* np_integer = nullptr;
  PyTypeObject* np_floating = nullptr;
  PyTypeObject* np_datetime64 = nullptr;
  PyTypeObject* np_timedelta64 = nullptr;
  PyTypeObject* decimal = nullptr;
  PyObject* pd_na = nullptr;
  PyObject* pd_nat = nullptr;
  PyTypeObject* pd_series = nullptr;
  PyTypeObject* pd_index = nullptr;
  PyTypeObject* pd_extension_array = nullptr;
  PyTypeObject* pd_date_offset = nullptr;
};
const PyClasses& Classes();
/// Fills the pandas entries if pandas was imported since the last call; once per conversion.
void RefreshPandasClasses();

inline bool IsInstance(PyObject* obj, PyTypeObject* type) { return type != nullptr && PyObject_TypeCheck(obj, type); }

/// NaN floats (also numpy floats), pd.NA, pd.NaT, numpy NaT and Decimal('NaN'): the values
/// pandas treats as missing.
bool IsPandasNull(PyObject* obj);
/// numpy NaT scalars and pd.NaT: null whatever from_pandas says.
bool IsNaT(PyObject* obj);

inline bool IsNull(PyObject* obj, bool from_pandas) {
  if (obj == Py_None) return true;
  if (!from_pandas) return false;
  PyTypeObject* type = Py_TYPE(obj);
  if (type == &PyFloat_Type) return std::isnan(PyFloat_AS_DOUBLE(obj));
  if (type == &PyLong_Type || type == &PyUnicode_Type || type == &PyBool_Type) return false;
  return IsPandasNull(obj);
}

// ---- Sequences ---------------------------------------------------------------------------------

/// The items of a sequence or iterable as a contiguous array of borrowed references, kept alive
/// by `owner` (the object itself for lists and tuples, else a new list).
struct PyItems {
  py::object owner;
  PyObject* const* items = nullptr;
  int64_t size = 0;
};
/// Lists and tuples as they are; other iterables are read into a list, stopping after
/// `max_size` items when max_size >= 0. Python's TypeError for non-iterables.
Result<PyItems> CollectItems(PyObject* obj, int64_t max_size = -1);

// ---- Datetime (python_to_arrow_datetime.cc) ----------------------------------------------------

enum class PyTemporalKind { kNone, kDate, kDateTime, kTime, kTimeDelta };
PyTemporalKind ClassifyTemporal(PyObject* obj);
/// Days since 1970-01-01 of a date (the date part of a datetime).
int64_t DateToDays(PyObject* obj);
/// Microseconds since the epoch of a datetime; aware ones are shifted to UTC.
Result<int64_t> DateTimeToMicros(PyObject* obj);
/// The nanoseconds a pandas Timestamp/Timedelta carries beyond whole microseconds (0 otherwise).
int64_t ExtraNanoseconds(PyObject* obj);
int64_t TimeToMicros(PyObject* obj);
Result<int64_t> TimeDeltaToMicros(PyObject* obj);
/// The tzinfo of an aware datetime (borrowed), or nullptr for naive ones and non-datetimes.
PyObject* DateTimeTzInfo(PyObject* obj);
/// pyarrow's time zone string for a tzinfo: "UTC", "+02:00", a zoneinfo/pytz key, ...
Result<std::string> TzInfoToString(PyObject* tzinfo);

// ---- numpy scalars and dtypes (python_to_arrow_numpy.cc) -------------------------------------------

/// The Arrow type of a numpy dtype object (int64 -> int64, datetime64[ms] -> timestamp[ms],
/// <U -> string, object -> nullptr). NotImplemented for dtypes without an Arrow equivalent.
Result<TypePtr> NumpyDtypeToArrow(PyObject* dtype);
/// The value of a numpy datetime64/timedelta64 scalar in `unit` (nullopt: days); `*is_nat` tells
/// NaT. Invalid when the conversion would lose precision or overflow.
Result<int64_t> NumpyTemporalValue(PyObject* scalar, std::optional<TimeUnit> unit, bool* is_nat);

/// "s", "ms", "us", "ns" as Arrow units; nullopt for the numpy units Arrow lacks.
std::optional<TimeUnit> TimeUnitFromNumpy(const std::string& unit);

struct NumpyToArrowOptions {
  TypePtr type;  // nullptr: from the dtype
  bool from_pandas = false;
  bool safe = true;
  MemoryPool* pool = nullptr;
};
bool IsNdarray(PyObject* obj);
/// Converts a one-dimensional ndarray; `null_mask` (may be null) has one byte per element, non-zero
/// meaning null.
Result<ArrayPtr> ConvertNdarray(PyObject* ndarray, const uint8_t* null_mask, const NumpyToArrowOptions& options);
/// pandas Series, Index and extension arrays (python_to_arrow_pandas.cc).
Result<ArrayPtr> ConvertPandas(PyObject* obj, const uint8_t* null_mask, int64_t mask_length,
                               const NumpyToArrowOptions& options);
/// The length of a pandas object, -1 for anything else.
int64_t PandasLength(PyObject* obj);

// ---- Inference (python_to_arrow_infer.cc) ------------------------------------------------------

/// The type of `items` by pyarrow's rules; masked (non-zero) items are skipped.
Result<TypePtr> InferType(PyObject* const* items, int64_t count, const uint8_t* null_mask, bool from_pandas);

// ---- Conversion (python_to_arrow_convert.cc, python_to_arrow_nested.cc) ------------------------

struct ConvertOptions {
  bool from_pandas = false;
  /// The type was given by the caller: values must match it exactly. Otherwise it was inferred
  /// and a few pyarrow leniencies apply (bytes in a str column turn it into binary).
  bool strict = true;
  MemoryPool* pool = nullptr;
};

/// Appends Python values to one builder. Made for a builder tree by MakeConverter; owns its
/// child converters but not the builders.
class Converter {
 public:
  virtual ~Converter() = default;
  /// One value; None (and the pandas nulls under from_pandas) become null rows.
  virtual Status Append(PyObject* obj) = 0;
  /// `count` values, null where `null_mask` (may be null) is non-zero. Typed converters loop
  /// without a virtual call per value.
  virtual Status Extend(PyObject* const* items, int64_t count, const uint8_t* null_mask);
  /// True when an inferred str column received bytes and must finish as binary.
  virtual bool saw_binary() const { return false; }
  ArrayBuilder* builder() const { return builder_; }

 protected:
  Converter(ArrayBuilder* builder, const ConvertOptions& options) : builder_(builder), options_(options) {}
  bool IsNullValue(PyObject* obj) const { return IsNull(obj, options_.from_pandas); }

  ArrayBuilder* builder_;
  ConvertOptions options_;
};

/// The converter for `builder` (from MakeBuilder(type)); NotImplemented for unions.
Result<std::unique_ptr<Converter>> MakeConverter(const TypePtr& type, ArrayBuilder* builder,
                                                 const ConvertOptions& options);
/// Converters of flat (non-nested) types; nullptr for nested, dictionary and run-end types.
Result<std::unique_ptr<Converter>> MakeFlatConverter(const TypePtr& type, ArrayBuilder* builder,
                                                     const ConvertOptions& options);
/// Converters of nested, dictionary and run-end encoded types.
Result<std::unique_ptr<Converter>> MakeNestedConverter(const TypePtr& type, ArrayBuilder* builder,
                                                       const ConvertOptions& options);

/// Converts `items` to an array of `type` (the whole pipeline below inference).
Result<ArrayPtr> ConvertItems(PyObject* const* items, int64_t count, const uint8_t* null_mask, const TypePtr& type,
                              const ConvertOptions& options);

// Scalar extraction shared by the flat converters and the dictionary/run-end ones. Each returns
// the value of one non-null Python object as the type's C value, or the error pyarrow gives.

/// Integers of CType's width; `type` names the target in messages.
template <typename CType>
Status ExtractInteger(PyObject* obj, const DataType& type, CType* out);
/// float/double; integers must be exactly representable.
template <typename CType>
Status ExtractFloat(PyObject* obj, const DataType& type, CType* out);
Status ExtractHalfFloat(PyObject* obj, uint16_t* out);
Status ExtractBool(PyObject* obj, bool* out);
/// Temporal values of `type` (date32/64, time32/64, timestamp, duration) as their stored integer.
Status ExtractTemporal(PyObject* obj, const DataType& type, int64_t* out);
/// The bytes of str (UTF-8) or a bytes-like object. `*is_binary` tells non-str input; for
/// `utf8` targets bytes are checked to be UTF-8 (Invalid otherwise). `scratch` holds copied bytes.
Status ExtractBytes(PyObject* obj, bool utf8, std::string_view* out, bool* is_binary, std::string* scratch);
/// Strict UTF-8 (no surrogates, no overlongs); ASCII is checked inline.
bool IsValidUtf8(const char* data, int64_t size);
/// IEEE half-precision bits of `value`, rounded to nearest even.
uint16_t FloatToHalf(float value);

}  // namespace arrowpack::python::pyconv
