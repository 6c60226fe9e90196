// Converting Python arguments into types, fields and schemas, and pyarrow's type aliases.
#include "type_from_python.h"

#include <pybind11/pybind11.h>

#include <unordered_map>

#include "capsule.h"
#include "columnar.h"
#include "common.h"
#include "py_metadata.h"

namespace arrowpack::python {

namespace {

const std::unordered_map<std::string, TypePtr (*)()>& ParameterlessAliases() {
  static const std::unordered_map<std::string, TypePtr (*)()> aliases = {
      {"null", &null},          {"bool", &boolean},        {"boolean", &boolean},
      {"i1", &int8},            {"int8", &int8},           {"i2", &int16},
      {"int16", &int16},        {"i4", &int32},            {"int32", &int32},
      {"i8", &int64},           {"int64", &int64},         {"u1", &uint8},
      {"uint8", &uint8},        {"u2", &uint16},           {"uint16", &uint16},
      {"u4", &uint32},          {"uint32", &uint32},       {"u8", &uint64},
      {"uint64", &uint64},      {"f2", &float16},          {"halffloat", &float16},
      {"float16", &float16},    {"f4", &float32},          {"float", &float32},
      {"float32", &float32},    {"f8", &float64},          {"double", &float64},
      {"float64", &float64},    {"string", &utf8},         {"str", &utf8},
      {"utf8", &utf8},          {"binary", &binary},       {"large_string", &large_utf8},
      {"large_str", &large_utf8}, {"large_utf8", &large_utf8}, {"large_binary", &large_binary},
      {"binary_view", &binary_view}, {"string_view", &utf8_view}, {"date32", &date32},
      {"date64", &date64},      {"date32[day]", &date32},  {"date64[ms]", &date64},
      {"month_day_nano_interval", &month_day_nano_interval},
  };
  return aliases;
}

// "time32[s]", "timestamp[ns]", "duration[us]": a family name and a unit in brackets.
TypePtr UnitAlias(const std::string& alias) {
  const size_t open = alias.find('[');
  if (open == std::string::npos || alias.back() != ']') return nullptr;
  const std::string family = alias.substr(0, open);
  const std::string unit = alias.substr(open + 1, alias.size() - open - 2);
  TimeUnit parsed;
  if (unit == "s") {
    parsed = TimeUnit::SECOND;
  } else if (unit == "ms") {
    parsed = TimeUnit::MILLI;
  } else if (unit == "us") {
    parsed = TimeUnit::MICRO;
  } else if (unit == "ns") {
    parsed = TimeUnit::NANO;
  } else {
    return nullptr;
  }
  if (family == "timestamp") return timestamp(parsed);
  if (family == "duration") return duration(parsed);
  if (family == "time32" && (parsed == TimeUnit::SECOND || parsed == TimeUnit::MILLI)) return *time32(parsed);
  if (family == "time64" && (parsed == TimeUnit::MICRO || parsed == TimeUnit::NANO)) return *time64(parsed);
  return nullptr;
}

}  // namespace

TypePtr TypeForAlias(const std::string& alias) {
  const auto& aliases = ParameterlessAliases();
  if (auto found = aliases.find(alias); found != aliases.end()) return found->second();
  if (TypePtr type = UnitAlias(alias)) return type;
  throw py::value_error("No type alias for " + alias);
}

std::string TypeIdName(TypeId id) {
  switch (id) {
    case TypeId::NA: return "NA";
    case TypeId::BOOL: return "BOOL";
    case TypeId::UINT8: return "UINT8";
    case TypeId::INT8: return "INT8";
    case TypeId::UINT16: return "UINT16";
    case TypeId::INT16: return "INT16";
    case TypeId::UINT32: return "UINT32";
    case TypeId::INT32: return "INT32";
    case TypeId::UINT64: return "UINT64";
    case TypeId::INT64: return "INT64";
    case TypeId::HALF_FLOAT: return "HALF_FLOAT";
    case TypeId::FLOAT: return "FLOAT";
    case TypeId::DOUBLE: return "DOUBLE";
    case TypeId::STRING: return "STRING";
    case TypeId::BINARY: return "BINARY";
    case TypeId::FIXED_SIZE_BINARY: return "FIXED_SIZE_BINARY";
    case TypeId::DATE32: return "DATE32";
    case TypeId::DATE64: return "DATE64";
    case TypeId::TIMESTAMP: return "TIMESTAMP";
    case TypeId::TIME32: return "TIME32";
    case TypeId::TIME64: return "TIME64";
    case TypeId::INTERVAL_MONTHS: return "INTERVAL_MONTHS";
    case TypeId::INTERVAL_DAY_TIME: return "INTERVAL_DAY_TIME";
    case TypeId::DECIMAL128: return "DECIMAL128";
    case TypeId::DECIMAL256: return "DECIMAL256";
    case TypeId::LIST: return "LIST";
    case TypeId::STRUCT: return "STRUCT";
    case TypeId::SPARSE_UNION: return "SPARSE_UNION";
    case TypeId::DENSE_UNION: return "DENSE_UNION";
    case TypeId::DICTIONARY: return "DICTIONARY";
    case TypeId::MAP: return "MAP";
    case TypeId::EXTENSION: return "EXTENSION";
    case TypeId::FIXED_SIZE_LIST: return "FIXED_SIZE_LIST";
    case TypeId::DURATION: return "DURATION";
    case TypeId::LARGE_STRING: return "LARGE_STRING";
    case TypeId::LARGE_BINARY: return "LARGE_BINARY";
    case TypeId::LARGE_LIST: return "LARGE_LIST";
    case TypeId::INTERVAL_MONTH_DAY_NANO: return "INTERVAL_MONTH_DAY_NANO";
    case TypeId::RUN_END_ENCODED: return "RUN_END_ENCODED";
    case TypeId::STRING_VIEW: return "STRING_VIEW";
    case TypeId::BINARY_VIEW: return "BINARY_VIEW";
    case TypeId::LIST_VIEW: return "LIST_VIEW";
    case TypeId::LARGE_LIST_VIEW: return "LARGE_LIST_VIEW";
    case TypeId::DECIMAL32: return "DECIMAL32";
    case TypeId::DECIMAL64: return "DECIMAL64";
  }
  return "";
}

TypePtr TypeFromPython(py::handle obj) {
  if (py::isinstance<TypeBox>(obj)) return obj.cast<const TypeBox&>().type;
  if (PyUnicode_Check(obj.ptr())) return TypeForAlias(obj.cast<std::string>());
  if (HasArrowMethod(obj, "__arrow_c_schema__")) return ImportFieldFrom(obj)->type();
  throw py::type_error("DataType expected, got " + py::repr(py::type::of(obj)).cast<std::string>());
}

std::shared_ptr<Field> FieldFromPython(py::handle obj) {
  if (py::isinstance<Field>(obj)) return obj.cast<std::shared_ptr<Field>>();
  if (PyTuple_Check(obj.ptr()) && PyTuple_GET_SIZE(obj.ptr()) == 2) {
    py::tuple pair = py::reinterpret_borrow<py::tuple>(obj);
    if (!PyUnicode_Check(pair[0].ptr())) throw py::type_error("field name must be a str");
    return field(pair[0].cast<std::string>(), TypeFromPython(pair[1]));
  }
  if (HasArrowMethod(obj, "__arrow_c_schema__")) return ImportFieldFrom(obj);
  throw py::type_error("Cannot convert " + py::str(py::type::of(obj).attr("__name__")).cast<std::string>() +
                       " to arrowpack.Field");
}

std::shared_ptr<Schema> SchemaFromPython(py::handle obj) {
  if (py::isinstance<Schema>(obj)) return obj.cast<std::shared_ptr<Schema>>();
  if (HasArrowMethod(obj, "__arrow_c_schema__")) return ImportSchemaFrom(obj);
  FieldVector fields;
  if (PyMapping_Check(obj.ptr()) && py::hasattr(obj, "items")) {
    for (py::handle item : obj.attr("items")()) fields.push_back(FieldFromPython(item));
  } else {
    for (py::handle item : obj) fields.push_back(FieldFromPython(item));
  }
  return schema(std::move(fields));
}

}  // namespace arrowpack::python
