// Type inference over Python values, following pyarrow's observable rules:
//  - values are counted by kind; a sequence visit stops at the first bool, float, str, bytes,
//    date, datetime, time or timedelta (the answer cannot change much after those), while None,
//    ints, Decimals, lists, dicts and numpy scalars keep it going;
//  - the type comes from the counts by priority: list, struct (mixing either with other non-null
//    values is an error), decimal, numpy-only scalars (their unified dtype), double, int64 (uint64
//    when a value needs it), date32, time64[us], timestamp[us] (time zone of the first datetime),
//    duration[us], bool, binary, string, month_day_nano_interval, and null when nothing else.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "python_to_arrow_internal.h"

namespace arrowpack::python::pyconv {

namespace {

constexpr int kMaxNesting = 256;

Status Unrecognized(PyObject* obj) {
  return ConversionError(StatusCode::Invalid, obj,
                         "did not recognize Python value type when inferring an Arrow data type");
}

// Does this int fit int64, or uint64 only, or neither, and is it negative? Small ints answer
// without a call.
enum class IntRange { kInt64, kUInt64, kTooBig };

IntRange ClassifyInt(PyObject* obj, bool* negative) {
#if PY_VERSION_HEX >= 0x030C0000
  if (PyUnstable_Long_IsCompact(reinterpret_cast<PyLongObject*>(obj))) {
    *negative = PyUnstable_Long_CompactValue(reinterpret_cast<PyLongObject*>(obj)) < 0;
    return IntRange::kInt64;
  }
#else
  const Py_ssize_t digits = Py_SIZE(obj);  // signed count of 30-bit digits
  if (digits >= -2 && digits <= 2) {
    *negative = digits < 0;
    return IntRange::kInt64;
  }
#endif
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
  *negative = overflow < 0 || (overflow == 0 && value < 0);
  if (overflow == 0) return IntRange::kInt64;
  if (overflow < 0) return IntRange::kTooBig;
  PyLong_AsUnsignedLongLong(obj);
  if (PyErr_Occurred()) {
    PyErr_Clear();
    return IntRange::kTooBig;
  }
  return IntRange::kUInt64;
}

bool IsUnsignedInt(TypeId id) {
  return id == TypeId::UINT8 || id == TypeId::UINT16 || id == TypeId::UINT32 || id == TypeId::UINT64;
}

// Combines the Arrow types of two numpy dtypes seen in the same column, as pyarrow does.
Result<TypePtr> UnifyNumpyTypes(const TypePtr& current, const TypePtr& next) {
  if (current == nullptr || current->Equals(*next)) return next;
  const TypeId a = current->id();
  const TypeId b = next->id();
  auto mix_error = [&]() {
    return Status::Invalid("Cannot mix NumPy dtypes ", current->ToString(), " and ", next->ToString());
  };
  if (a == TypeId::TIMESTAMP || a == TypeId::DATE32 || b == TypeId::TIMESTAMP || b == TypeId::DATE32) {
    return Status::Invalid("Cannot mix NumPy datetime64 units ", current->ToString(), " and ", next->ToString());
  }
  if (a == TypeId::DURATION && b == TypeId::DURATION) return current;  // the first unit wins
  if (a == TypeId::BOOL || b == TypeId::BOOL || a == TypeId::DURATION || b == TypeId::DURATION) return mix_error();
  const bool a_float = is_floating(a);
  const bool b_float = is_floating(b);
  if (a_float && b_float) return current->bit_width() >= next->bit_width() ? current : next;
  if (a_float) return current;    // a float absorbs later integers
  if (b_float) return float64();  // integers followed by a float widen to double
  if (IsUnsignedInt(a) != IsUnsignedInt(b)) return mix_error();
  return current->bit_width() >= next->bit_width() ? current : next;
}

class TypeInferrer {
 public:
  TypeInferrer(bool from_pandas, int depth) : from_pandas_(from_pandas), depth_(depth) {}

  Status VisitSequence(PyObject* const* items, int64_t count, const uint8_t* null_mask) {
    for (int64_t i = 0; i < count; ++i) {
      if (null_mask != nullptr && null_mask[i] != 0) continue;
      bool keep_going = true;
      ARROWPACK_RETURN_NOT_OK(Visit(items[i], &keep_going));
      if (!keep_going) break;
    }
    return Status::OK();
  }

  Status Visit(PyObject* obj, bool* keep_going) {
    PyTypeObject* type = Py_TYPE(obj);
    // The common exact builtins first, with no further checks.
    if (type == &PyLong_Type) return VisitInt(obj);
    if (type == &PyFloat_Type) {
      if (from_pandas_ && std::isnan(PyFloat_AS_DOUBLE(obj))) {
        ++none_;
        return Status::OK();
      }
      return Stop(&float_, keep_going);
    }
    if (type == &PyUnicode_Type) return Stop(&str_, keep_going);
    if (obj == Py_None) {
      ++none_;
      return Status::OK();
    }
    if (type == &PyBool_Type) return Stop(&bool_, keep_going);
    const PyClasses& classes = Classes();
    // numpy NaT still tells its unit; other pandas-style nulls are plain nulls.
    const bool numpy_scalar = IsInstance(obj, classes.np_generic) && !PyUnicode_Check(obj) && !PyBytes_Check(obj);
    if (numpy_scalar && !(from_pandas_ && IsPandasNull(obj) && !IsNaT(obj))) return VisitNumpyScalar(obj);
    if (IsNull(obj, from_pandas_) || IsNaT(obj)) {
      ++none_;
      return Status::OK();
    }
    if (PyLong_Check(obj)) return VisitInt(obj);
    if (PyFloat_Check(obj)) return Stop(&float_, keep_going);
    if (PyUnicode_Check(obj)) return Stop(&str_, keep_going);
    if (PyBytes_Check(obj) || PyByteArray_Check(obj) || PyMemoryView_Check(obj)) return Stop(&bytes_, keep_going);
    switch (ClassifyTemporal(obj)) {
      case PyTemporalKind::kDateTime:
        if (datetime_ == 0) {
          PyObject* tzinfo = DateTimeTzInfo(obj);
          if (tzinfo != nullptr) {
            ARROWPACK_ASSIGN_OR_RAISE(timezone_, TzInfoToString(tzinfo));
          }
        }
        return Stop(&datetime_, keep_going);
      case PyTemporalKind::kDate: return Stop(&date_, keep_going);
      case PyTemporalKind::kTime: return Stop(&time_, keep_going);
      case PyTemporalKind::kTimeDelta: return Stop(&timedelta_, keep_going);
      case PyTemporalKind::kNone: break;
    }
    if (IsInstance(obj, classes.decimal)) return VisitDecimal(obj);
    if (PyDict_Check(obj)) return VisitDict(obj);
    if (PyList_Check(obj) || PyTuple_Check(obj) || PySet_Check(obj) || IsNdarray(obj)) return VisitList(obj);
    if (IsInstance(obj, classes.pd_date_offset)) return Stop(&interval_, keep_going);
    return Unrecognized(obj);
  }

  /// The values of a non-object ndarray met as a list value: one visit for the whole dtype.
  Status VisitDtype(PyObject* dtype) {
    ARROWPACK_ASSIGN_OR_RAISE(TypePtr type, NumpyDtypeToArrow(dtype));
    if (type == nullptr) return Status::OK();  // object dtype: visited element-wise instead
    return CountNumpyType(type);
  }

  Result<TypePtr> GetType() const {
    const int64_t non_null = bool_ + int_ + float_ + str_ + bytes_ + date_ + datetime_ + time_ + timedelta_ +
                             decimal_ + list_ + struct_ + interval_ + numpy_only_;
    if (list_ > 0) {
      if (non_null != list_) return Status::Invalid("cannot mix list and non-list, non-null values");
      ARROWPACK_ASSIGN_OR_RAISE(TypePtr value_type, list_child_->GetType());
      return list(value_type);
    }
    if (struct_ > 0) {
      if (non_null != struct_) return Status::Invalid("cannot mix struct and non-struct, non-null values");
      FieldVector fields;
      for (size_t i = 0; i < field_names_.size(); ++i) {
        ARROWPACK_ASSIGN_OR_RAISE(TypePtr field_type, field_inferrers_[i]->GetType());
        fields.push_back(field(field_names_[i], field_type));
      }
      return arrowpack::struct_(std::move(fields));
    }
    if (decimal_ > 0) {
      const int32_t precision = std::max(1, max_integer_digits_ + max_scale_);
      if (precision > DecimalType::MaxPrecision(TypeId::DECIMAL256)) {
        return Status::Invalid("Decimal precision out of range [1, 76]: ", precision);
      }
      return precision <= DecimalType::MaxPrecision(TypeId::DECIMAL128) ? decimal128(precision, max_scale_)
                                                                         : decimal256(precision, max_scale_);
    }
    if (numpy_ > 0) {
      ARROWPACK_RETURN_NOT_OK(numpy_status_);
      if (numpy_temporal_ > 0 && numpy_ != non_null) {
        return Status::Invalid("numpy.datetime64 scalars cannot be mixed with other Python scalar values currently");
      }
      if (numpy_ == non_null) return numpy_type_;
    }
    if (float_ > 0) return float64();
    if (int_ > 0) {
      if (int_too_big_ || (int_needs_uint64_ && int_negative_)) {
        return PyErrorStatus(PyExc_OverflowError, "Python int too large to convert to int64 or uint64: " + big_int_);
      }
      return int_needs_uint64_ ? uint64() : int64();
    }
    if (date_ > 0) return date32();
    if (time_ > 0) return time64(TimeUnit::MICRO);
    if (datetime_ > 0) return timestamp(TimeUnit::MICRO, timezone_);
    if (timedelta_ > 0) return duration(TimeUnit::MICRO);
    if (bool_ > 0) return boolean();
    if (bytes_ > 0) return binary();
    if (str_ > 0) return utf8();
    if (interval_ > 0) return month_day_nano_interval();
    return null();
  }

 private:
  static Status Stop(int64_t* counter, bool* keep_going) {
    ++*counter;
    *keep_going = false;
    return Status::OK();
  }

  Status VisitInt(PyObject* obj) {
    ++int_;
    bool negative = false;
    const IntRange range = ClassifyInt(obj, &negative);
    if (negative) int_negative_ = true;
    if (range == IntRange::kInt64) return Status::OK();
    if (big_int_.empty()) big_int_ = PyRepr(obj);
    if (range == IntRange::kUInt64) int_needs_uint64_ = true;
    if (range == IntRange::kTooBig) int_too_big_ = true;
    return Status::OK();
  }

  Status VisitNumpyScalar(PyObject* obj) {
    PyObject* dtype = PyObject_GetAttrString(obj, "dtype");
    if (dtype == nullptr) return CurrentPyError();
    py::object owned = py::reinterpret_steal<py::object>(dtype);
    auto type = NumpyDtypeToArrow(dtype);
    if (!type.ok() || *type == nullptr) return Unrecognized(obj);
    return CountNumpyType(*type);
  }

  Status CountNumpyType(const TypePtr& type) {
    ++numpy_;
    ++numpy_only_;
    const TypeId id = type->id();
    // Mixed with plain Python values, numpy scalars count as their Python kind.
    if (is_integer(id)) {
      ++int_;
      --numpy_only_;
    } else if (is_floating(id)) {
      ++float_;
      --numpy_only_;
    } else if (id == TypeId::BOOL) {
      ++bool_;
      --numpy_only_;
    } else if (id == TypeId::TIMESTAMP || id == TypeId::DATE32 || id == TypeId::DURATION) {
      ++numpy_temporal_;
    }
    if (numpy_status_.ok()) {
      auto unified = UnifyNumpyTypes(numpy_type_, type);
      if (unified.ok()) {
        numpy_type_ = *unified;
      } else {
        numpy_status_ = unified.status();
      }
    }
    return Status::OK();
  }

  Status VisitDecimal(PyObject* obj) {
    PyObject* parts = PyObject_CallMethod(obj, "as_tuple", nullptr);
    if (parts == nullptr) return CurrentPyError();
    py::object owned = py::reinterpret_steal<py::object>(parts);
    // DecimalTuple(sign, digits, exponent); the exponent is a str for NaN and infinities.
    PyObject* digits = PyTuple_GetItem(parts, 1);
    PyObject* exponent = PyTuple_GetItem(parts, 2);
    if (digits == nullptr || exponent == nullptr) return CurrentPyError();
    if (!PyLong_Check(exponent)) {
      return ConversionError(StatusCode::Invalid, obj, "NaN and infinite decimals have no Arrow decimal value");
    }
    const auto num_digits = static_cast<int32_t>(PyTuple_Size(digits));
    const long exp = PyLong_AsLong(exponent);
    int32_t precision = 0;
    int32_t scale = 0;
    if (exp >= 0) {
      precision = num_digits + static_cast<int32_t>(std::min<long>(exp, 1000));
    } else {
      scale = static_cast<int32_t>(std::min<long>(-exp, 1000));
      precision = std::max(num_digits, scale);
    }
    ++decimal_;
    max_integer_digits_ = std::max(max_integer_digits_, precision - scale);
    max_scale_ = std::max(max_scale_, scale);
    return Status::OK();
  }

  Status VisitList(PyObject* obj) {
    if (depth_ >= kMaxNesting) return Status::Invalid("nesting deeper than ", kMaxNesting, " levels");
    ++list_;
    if (list_child_ == nullptr) list_child_ = std::make_unique<TypeInferrer>(from_pandas_, depth_ + 1);
    if (IsNdarray(obj)) {
      py::handle array(obj);
      const auto ndim = array.attr("ndim").cast<int64_t>();
      if (ndim != 1) return Status::Invalid("Can only convert 1-dimensional array values, got ", ndim, " dimensions");
      py::object dtype = array.attr("dtype");
      if (dtype.attr("kind").cast<std::string>() != "O") return list_child_->VisitDtype(dtype.ptr());
    }
    ARROWPACK_ASSIGN_OR_RAISE(PyItems items, CollectItems(obj));
    return list_child_->VisitSequence(items.items, items.size, nullptr);
  }

  Status VisitDict(PyObject* obj) {
    if (depth_ >= kMaxNesting) return Status::Invalid("nesting deeper than ", kMaxNesting, " levels");
    ++struct_;
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(obj, &pos, &key, &value)) {
      std::string name;
      if (PyUnicode_Check(key)) {
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(key, &size);
        if (text == nullptr) return CurrentPyError();
        name.assign(text, static_cast<size_t>(size));
      } else if (PyBytes_Check(key)) {
        name.assign(PyBytes_AS_STRING(key), static_cast<size_t>(PyBytes_GET_SIZE(key)));
      } else {
        return Status::TypeError("Expected dict key of type str or bytes, got '", Py_TYPE(key)->tp_name, "'");
      }
      auto [it, inserted] = field_index_.try_emplace(name, static_cast<int>(field_names_.size()));
      if (inserted) {
        field_names_.push_back(name);
        field_inferrers_.push_back(std::make_unique<TypeInferrer>(from_pandas_, depth_ + 1));
      }
      bool ignored = true;  // each dict contributes one value per field: no early stop
      ARROWPACK_RETURN_NOT_OK(field_inferrers_[it->second]->Visit(value, &ignored));
    }
    return Status::OK();
  }

  bool from_pandas_;
  int depth_;
  int64_t none_ = 0;
  int64_t bool_ = 0;
  int64_t int_ = 0;
  int64_t float_ = 0;
  int64_t str_ = 0;
  int64_t bytes_ = 0;
  int64_t date_ = 0;
  int64_t datetime_ = 0;
  int64_t time_ = 0;
  int64_t timedelta_ = 0;
  int64_t decimal_ = 0;
  int64_t list_ = 0;
  int64_t struct_ = 0;
  int64_t interval_ = 0;
  // Integers: whether some need uint64 or fit nothing, and whether any is negative.
  bool int_needs_uint64_ = false;
  bool int_too_big_ = false;
  bool int_negative_ = false;
  std::string big_int_;
  // Decimals: the widest integer part and scale seen.
  int32_t max_integer_digits_ = 0;
  int32_t max_scale_ = 0;
  std::string timezone_;  // of the first datetime
  // numpy scalars: how many, how many not counted as a Python kind, and their unified type.
  int64_t numpy_ = 0;
  int64_t numpy_only_ = 0;
  int64_t numpy_temporal_ = 0;
  TypePtr numpy_type_;
  Status numpy_status_;
  std::unique_ptr<TypeInferrer> list_child_;
  std::vector<std::string> field_names_;
  std::vector<std::unique_ptr<TypeInferrer>> field_inferrers_;
  std::unordered_map<std::string, int> field_index_;
};

}  // namespace

Result<TypePtr> InferType(PyObject* const* items, int64_t count, const uint8_t* null_mask, bool from_pandas) {
  TypeInferrer inferrer(from_pandas, 0);
  ARROWPACK_RETURN_NOT_OK(inferrer.VisitSequence(items, count, null_mask));
  return inferrer.GetType();
}

}  // namespace arrowpack::python::pyconv
