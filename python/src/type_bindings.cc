// arrowpack.DataType and its pyarrow-named subclasses, the type factories (pa.int64(),
// pa.list_(...), ...) and type_for_alias.
#include <functional>
#include <sstream>
#include <string>
#include <unordered_map>

#include "columnar_register.h"
#include "columnar.h"
#include "common.h"
#include "type_from_python.h"

namespace arrowpack::python {

namespace {

// One C++ class per Python class: pybind11 keys Python classes on C++ types.
struct FixedSizeBinaryTypeBox : TypeBox {};
struct Decimal32TypeBox : FixedSizeBinaryTypeBox {};
struct Decimal64TypeBox : FixedSizeBinaryTypeBox {};
struct Decimal128TypeBox : FixedSizeBinaryTypeBox {};
struct Decimal256TypeBox : FixedSizeBinaryTypeBox {};
struct TimestampTypeBox : TypeBox {};
struct Time32TypeBox : TypeBox {};
struct Time64TypeBox : TypeBox {};
struct DurationTypeBox : TypeBox {};
struct ListTypeBox : TypeBox {};
struct LargeListTypeBox : TypeBox {};
struct ListViewTypeBox : TypeBox {};
struct LargeListViewTypeBox : TypeBox {};
struct FixedSizeListTypeBox : TypeBox {};
struct MapTypeBox : TypeBox {};
struct StructTypeBox : TypeBox {};
struct UnionTypeBox : TypeBox {};
struct SparseUnionTypeBox : UnionTypeBox {};
struct DenseUnionTypeBox : UnionTypeBox {};
struct DictionaryTypeBox : TypeBox {};
struct RunEndEncodedTypeBox : TypeBox {};
struct BaseExtensionTypeBox : TypeBox {};

template <typename Box>
py::object Boxed(TypePtr type) {
  Box box;
  box.type = std::move(type);
  return py::cast(std::move(box));
}

template <typename T>
const T& As(const TypeBox& box) {
  return static_cast<const T&>(*box.type);
}

std::string TypeClassName(py::handle self) { return py::str(py::type::of(self).attr("__name__")).cast<std::string>(); }

// Consistent with DataType::Equals, which ignores list item and map entry names: only ids and
// the shape of the type tree go into the hash.
size_t HashType(const DataType& type) {
  size_t hash = std::hash<int>()(static_cast<int>(type.id())) * 31 + static_cast<size_t>(type.num_fields());
  for (const auto& child : type.fields()) hash = hash * 1000003 ^ HashType(*child->type());
  return hash;
}

py::object EqualsAnything(const TypeBox& self, py::handle other) {
  try {
    return py::bool_(self.type->Equals(*TypeFromPython(other)));
  } catch (py::error_already_set& error) {
    if (error.matches(PyExc_TypeError) || error.matches(PyExc_ValueError)) return py::bool_(false);
    throw;
  } catch (py::type_error&) {
    return py::bool_(false);
  } catch (py::value_error&) {
    return py::bool_(false);
  }
}

int BitWidth(const TypeBox& box) {
  const int width = box.type->bit_width();
  if (width < 0) throw py::value_error("Non-fixed width type");
  return width;
}

int ByteWidth(const TypeBox& box) {
  const int width = BitWidth(box);
  if (width < 8) throw py::value_error("Less than one byte");
  return width / 8;
}

int NumBuffers(const TypeBox& box) {
  // pyarrow counts an (always absent) validity slot for unions and run-end encoded arrays.
  const TypeId id = box.type->id();
  const int extra = id == TypeId::SPARSE_UNION || id == TypeId::DENSE_UNION || id == TypeId::RUN_END_ENCODED;
  return static_cast<int>(box.type->layout().buffers.size()) + extra;
}

py::object ChildField(const TypeBox& box, py::handle key) {
  const DataType& type = *box.type;
  if (PyUnicode_Check(key.ptr())) {
    if (type.id() != TypeId::STRUCT) throw py::type_error("only struct types have named fields");
    const int index = As<StructType>(box).GetFieldIndex(key.cast<std::string>());
    if (index < 0) throw py::key_error(key.cast<std::string>());
    return py::cast(type.field(index));
  }
  int64_t index = key.cast<int64_t>();
  if (index < 0) index += type.num_fields();
  if (index < 0 || index >= type.num_fields()) throw py::index_error("index out of bounds");
  return py::cast(type.field(static_cast<int>(index)));
}

py::object PandasDtype(const TypeBox& box) {
  py::module_ np = py::module_::import("numpy");
  const DataType& type = *box.type;
  switch (type.id()) {
    case TypeId::BOOL: return np.attr("bool_");
    case TypeId::INT8: return np.attr("int8");
    case TypeId::INT16: return np.attr("int16");
    case TypeId::INT32: return np.attr("int32");
    case TypeId::INT64: return np.attr("int64");
    case TypeId::UINT8: return np.attr("uint8");
    case TypeId::UINT16: return np.attr("uint16");
    case TypeId::UINT32: return np.attr("uint32");
    case TypeId::UINT64: return np.attr("uint64");
    case TypeId::HALF_FLOAT: return np.attr("float16");
    case TypeId::FLOAT: return np.attr("float32");
    case TypeId::DOUBLE: return np.attr("float64");
    case TypeId::TIMESTAMP: {
      const auto& temporal = As<TemporalType>(box);
      const std::string unit = TimeUnitName(temporal.unit());
      if (temporal.timezone().empty()) return np.attr("dtype")("datetime64[" + unit + "]");
      return py::module_::import("pandas").attr("DatetimeTZDtype")(unit, temporal.timezone());
    }
    case TypeId::DURATION:
      return np.attr("dtype")(std::string("timedelta64[") + TimeUnitName(As<TemporalType>(box).unit()) + "]");
    case TypeId::DATE64: return np.attr("dtype")("datetime64[ms]");
    default: return np.attr("object_");
  }
}

void RegisterTypeClasses(py::module_& m) {
  py::class_<TypeBox>(m, "DataType", "An Arrow data type; build one with the factories (arrowpack.int64(), ...).")
      .def_property_readonly("id", [](const TypeBox& box) { return static_cast<int>(box.type->id()); })
      .def_property_readonly("bit_width", &BitWidth)
      .def_property_readonly("byte_width", &ByteWidth)
      .def_property_readonly("num_fields", [](const TypeBox& box) { return box.type->num_fields(); })
      .def_property_readonly("num_buffers", &NumBuffers)
      .def_property_readonly("has_variadic_buffers", [](const TypeBox& box) { return box.type->layout().variadic; })
      .def("field", &ChildField, py::arg("i"), "Child field by index (or name for structs).")
      .def(
          "equals",
          [](const TypeBox& self, py::handle other, bool check_metadata) {
            return self.type->Equals(*TypeFromPython(other), check_metadata);
          },
          py::arg("other"), py::kw_only(), py::arg("check_metadata") = false)
      .def("__eq__", &EqualsAnything)
      .def("__ne__", [](const TypeBox& self, py::handle other) { return !EqualsAnything(self, other).cast<bool>(); })
      .def("__hash__", [](const TypeBox& self) { return HashType(*self.type); })
      .def("__str__", [](const TypeBox& self) { return self.type->ToString(); })
      .def("__repr__",
           [](py::handle self) { return TypeClassName(self) + "(" + self.cast<const TypeBox&>().type->ToString() + ")"; })
      .def("to_pandas_dtype", &PandasDtype, "The numpy/pandas dtype pandas uses for this type.");

  py::class_<FixedSizeBinaryTypeBox, TypeBox>(m, "FixedSizeBinaryType");
  py::class_<Decimal32TypeBox, FixedSizeBinaryTypeBox> decimal32(m, "Decimal32Type");
  py::class_<Decimal64TypeBox, FixedSizeBinaryTypeBox> decimal64(m, "Decimal64Type");
  py::class_<Decimal128TypeBox, FixedSizeBinaryTypeBox> decimal128(m, "Decimal128Type");
  py::class_<Decimal256TypeBox, FixedSizeBinaryTypeBox> decimal256(m, "Decimal256Type");
  auto precision = [](const TypeBox& box) { return As<DecimalType>(box).precision(); };
  auto scale = [](const TypeBox& box) { return As<DecimalType>(box).scale(); };
  decimal32.def_property_readonly("precision", precision).def_property_readonly("scale", scale);
  decimal64.def_property_readonly("precision", precision).def_property_readonly("scale", scale);
  decimal128.def_property_readonly("precision", precision).def_property_readonly("scale", scale);
  decimal256.def_property_readonly("precision", precision).def_property_readonly("scale", scale);

  auto unit = [](const TypeBox& box) { return std::string(TimeUnitName(As<TemporalType>(box).unit())); };
  py::class_<TimestampTypeBox, TypeBox>(m, "TimestampType")
      .def_property_readonly("unit", unit)
      .def_property_readonly("tz", [](const TypeBox& box) -> py::object {
        const std::string& tz = As<TemporalType>(box).timezone();
        if (tz.empty()) return py::none();
        return py::str(tz);
      });
  py::class_<Time32TypeBox, TypeBox>(m, "Time32Type").def_property_readonly("unit", unit);
  py::class_<Time64TypeBox, TypeBox>(m, "Time64Type").def_property_readonly("unit", unit);
  py::class_<DurationTypeBox, TypeBox>(m, "DurationType").def_property_readonly("unit", unit);

  auto value_field = [](const TypeBox& box) { return As<BaseListType>(box).value_field(); };
  auto value_type = [](const TypeBox& box) { return WrapType(As<BaseListType>(box).value_type()); };
  py::class_<ListTypeBox, TypeBox>(m, "ListType")
      .def_property_readonly("value_field", value_field)
      .def_property_readonly("value_type", value_type);
  py::class_<LargeListTypeBox, TypeBox>(m, "LargeListType")
      .def_property_readonly("value_field", value_field)
      .def_property_readonly("value_type", value_type);
  py::class_<ListViewTypeBox, TypeBox>(m, "ListViewType")
      .def_property_readonly("value_field", value_field)
      .def_property_readonly("value_type", value_type);
  py::class_<LargeListViewTypeBox, TypeBox>(m, "LargeListViewType")
      .def_property_readonly("value_field", value_field)
      .def_property_readonly("value_type", value_type);
  py::class_<FixedSizeListTypeBox, TypeBox>(m, "FixedSizeListType")
      .def_property_readonly("value_field", value_field)
      .def_property_readonly("value_type", value_type)
      .def_property_readonly("list_size", [](const TypeBox& box) { return As<FixedSizeListType>(box).list_size(); });
  py::class_<MapTypeBox, TypeBox>(m, "MapType")
      .def_property_readonly("key_field", [](const TypeBox& box) { return As<MapType>(box).key_field(); })
      .def_property_readonly("key_type", [](const TypeBox& box) { return WrapType(As<MapType>(box).key_type()); })
      .def_property_readonly("item_field", [](const TypeBox& box) { return As<MapType>(box).item_field(); })
      .def_property_readonly("item_type", [](const TypeBox& box) { return WrapType(As<MapType>(box).item_type()); })
      .def_property_readonly("keys_sorted", [](const TypeBox& box) { return As<MapType>(box).keys_sorted(); });

  auto fields_list = [](const TypeBox& box) { return box.type->fields(); };
  auto iterate = [](const TypeBox& box) { return py::iter(py::cast(box.type->fields())); };
  auto count = [](const TypeBox& box) { return box.type->num_fields(); };
  py::class_<StructTypeBox, TypeBox>(m, "StructType")
      .def_property_readonly("fields", fields_list)
      .def_property_readonly("names",
                             [](const TypeBox& box) {
                               std::vector<std::string> names;
                               for (const auto& field : box.type->fields()) names.push_back(field->name());
                               return names;
                             })
      .def(
          "get_field_index",
          [](const TypeBox& box, const std::string& name) { return As<StructType>(box).GetFieldIndex(name); },
          py::arg("name"), "Index of the field named `name`, or -1.")
      .def(
          "get_all_field_indices",
          [](const TypeBox& box, const std::string& name) {
            std::vector<int> indices;
            for (int i = 0; i < box.type->num_fields(); ++i) {
              if (box.type->field(i)->name() == name) indices.push_back(i);
            }
            return indices;
          },
          py::arg("name"))
      .def("__len__", count)
      .def("__iter__", iterate)
      .def("__getitem__", &ChildField);
  py::class_<UnionTypeBox, TypeBox>(m, "UnionType")
      .def_property_readonly("mode",
                             [](const TypeBox& box) {
                               return std::string(box.type->id() == TypeId::DENSE_UNION ? "dense" : "sparse");
                             })
      .def_property_readonly("type_codes",
                             [](const TypeBox& box) {
                               const auto& codes = As<UnionType>(box).type_codes();
                               return std::vector<int>(codes.begin(), codes.end());
                             })
      .def("__len__", count)
      .def("__iter__", iterate)
      .def("__getitem__", &ChildField);
  py::class_<SparseUnionTypeBox, UnionTypeBox>(m, "SparseUnionType");
  py::class_<DenseUnionTypeBox, UnionTypeBox>(m, "DenseUnionType");
  py::class_<DictionaryTypeBox, TypeBox>(m, "DictionaryType")
      .def_property_readonly("index_type",
                             [](const TypeBox& box) { return WrapType(As<DictionaryType>(box).index_type()); })
      .def_property_readonly("value_type",
                             [](const TypeBox& box) { return WrapType(As<DictionaryType>(box).value_type()); })
      .def_property_readonly("ordered", [](const TypeBox& box) { return As<DictionaryType>(box).ordered(); });
  py::class_<RunEndEncodedTypeBox, TypeBox>(m, "RunEndEncodedType")
      .def_property_readonly("run_end_type",
                             [](const TypeBox& box) { return WrapType(As<RunEndEncodedType>(box).run_end_type()); })
      .def_property_readonly("value_type",
                             [](const TypeBox& box) { return WrapType(As<RunEndEncodedType>(box).value_type()); });
  py::class_<BaseExtensionTypeBox, TypeBox>(m, "BaseExtensionType",
                                            "An extension type: a storage type plus a name and serialized metadata.")
      .def_property_readonly("extension_name",
                             [](const TypeBox& box) { return As<ExtensionType>(box).extension_name(); })
      .def_property_readonly("storage_type",
                             [](const TypeBox& box) { return WrapType(As<ExtensionType>(box).storage_type()); })
      .def("__arrow_ext_serialize__",
           [](const TypeBox& box) { return py::bytes(As<ExtensionType>(box).serialized_metadata()); });
}

// ---- Factories ---------------------------------------------------------------------------------

TimeUnit UnitFromPython(const std::string& unit) {
  if (unit == "s") return TimeUnit::SECOND;
  if (unit == "ms") return TimeUnit::MILLI;
  if (unit == "us") return TimeUnit::MICRO;
  if (unit == "ns") return TimeUnit::NANO;
  throw py::value_error("Invalid time unit: '" + unit + "'");
}

// A time zone argument: a string, or a tzinfo (zoneinfo/pytz keys, datetime.timezone offsets).
std::string TimezoneFromPython(py::handle tz) {
  if (tz.is_none()) return "";
  if (PyUnicode_Check(tz.ptr())) return tz.cast<std::string>();
  for (const char* attribute : {"key", "zone"}) {
    if (py::hasattr(tz, attribute) && PyUnicode_Check(tz.attr(attribute).ptr())) {
      return tz.attr(attribute).cast<std::string>();
    }
  }
  py::module_ datetime = py::module_::import("datetime");
  if (py::isinstance(tz, datetime.attr("tzinfo"))) {
    if (tz.equal(datetime.attr("timezone").attr("utc"))) return "UTC";
    py::object offset = tz.attr("utcoffset")(py::none());
    if (!offset.is_none()) {
      const int64_t seconds = offset.attr("total_seconds")().cast<double>();
      const int64_t minutes = (seconds < 0 ? -seconds : seconds) / 60;
      char text[16];
      std::snprintf(text, sizeof(text), "%c%02d:%02d", seconds < 0 ? '-' : '+', static_cast<int>(minutes / 60),
                    static_cast<int>(minutes % 60));
      return text;
    }
  }
  throw py::type_error("tz must be a str or a tzinfo with a fixed offset or zone key");
}

TypePtr TimeType(const std::string& unit, bool is_64) {
  const TimeUnit parsed = UnitFromPython(unit);
  auto type = is_64 ? time64(parsed) : time32(parsed);
  if (!type.ok()) throw py::value_error(std::string("Invalid time unit for ") + (is_64 ? "time64" : "time32") + ": '" + unit + "'");
  return *type;
}

TypePtr Decimal(TypeId id, int32_t precision, int32_t scale) {
  const int32_t max_precision = DecimalType::MaxPrecision(id);
  if (precision < 1 || precision > max_precision) {
    throw py::value_error("precision should be between 1 and " + std::to_string(max_precision));
  }
  return ValueOrThrow(decimal(id, precision, scale));
}

std::shared_ptr<Field> ValueFieldFromPython(py::handle value, const char* default_name, const char* what) {
  if (py::isinstance<Field>(value)) return value.cast<std::shared_ptr<Field>>();
  try {
    return field(default_name, TypeFromPython(value));
  } catch (py::type_error&) {
    throw py::type_error(std::string(what) + " requires DataType or Field");
  }
}

TypePtr ListFactory(py::handle value, int32_t list_size) {
  auto value_field = ValueFieldFromPython(value, "item", "List");
  if (list_size == -1) return list(std::move(value_field));
  if (list_size < 0) throw py::value_error("list_size should be a positive integer");
  return ValueOrThrow(fixed_size_list(std::move(value_field), list_size));
}

TypePtr MapFactory(py::handle key, py::handle item, bool keys_sorted) {
  auto key_field = py::isinstance<Field>(key) ? key.cast<std::shared_ptr<Field>>()
                                              : field("key", TypeFromPython(key), /*nullable=*/false);
  if (key_field->nullable()) throw py::type_error("Map key field should be non-nullable");
  auto item_field = ValueFieldFromPython(item, "value", "Map");
  return ValueOrThrow(map(std::move(key_field), std::move(item_field), keys_sorted));
}

FieldVector FieldsFromPython(py::handle fields) {
  FieldVector out;
  if (PyMapping_Check(fields.ptr()) && py::hasattr(fields, "items")) {
    for (py::handle item : fields.attr("items")()) out.push_back(FieldFromPython(item));
    return out;
  }
  for (py::handle item : fields) out.push_back(FieldFromPython(item));
  return out;
}

std::vector<int8_t> TypeCodesFromPython(py::handle codes, size_t num_fields) {
  std::vector<int8_t> out;
  if (codes.is_none()) return out;
  for (py::handle code : codes) {
    const int value = code.cast<int>();
    if (value < 0 || value > 127) throw py::value_error("union type codes must be between 0 and 127");
    out.push_back(static_cast<int8_t>(value));
  }
  if (out.size() != num_fields) throw py::value_error("type_codes should have the same length as fields");
  return out;
}

TypePtr UnionFactory(py::handle fields, const std::string& mode, py::handle type_codes) {
  FieldVector children = FieldsFromPython(fields);
  std::vector<int8_t> codes = TypeCodesFromPython(type_codes, children.size());
  if (mode == "sparse") return ValueOrThrow(sparse_union(std::move(children), std::move(codes)));
  if (mode == "dense") return ValueOrThrow(dense_union(std::move(children), std::move(codes)));
  throw py::value_error("Invalid union mode '" + mode + "'");
}

void RegisterFactories(py::module_& m) {
  auto simple = [&m](const char* name, TypePtr (*factory)(), const char* doc) {
    m.def(name, [factory]() { return WrapType(factory()); }, doc);
  };
  simple("null", &null, "The null type (all values null).");
  simple("bool_", &boolean, "Boolean (bit-packed).");
  simple("int8", &int8, "Signed 8-bit integer.");
  simple("int16", &int16, "Signed 16-bit integer.");
  simple("int32", &int32, "Signed 32-bit integer.");
  simple("int64", &int64, "Signed 64-bit integer.");
  simple("uint8", &uint8, "Unsigned 8-bit integer.");
  simple("uint16", &uint16, "Unsigned 16-bit integer.");
  simple("uint32", &uint32, "Unsigned 32-bit integer.");
  simple("uint64", &uint64, "Unsigned 64-bit integer.");
  simple("float16", &float16, "Half-precision float.");
  simple("float32", &float32, "Single-precision float.");
  simple("float64", &float64, "Double-precision float.");
  simple("string", &utf8, "UTF-8 strings with 32-bit offsets.");
  simple("utf8", &utf8, "Alias of string().");
  simple("large_string", &large_utf8, "UTF-8 strings with 64-bit offsets.");
  simple("large_utf8", &large_utf8, "Alias of large_string().");
  simple("large_binary", &large_binary, "Bytes with 64-bit offsets.");
  simple("string_view", &utf8_view, "UTF-8 strings as 16-byte views.");
  simple("binary_view", &binary_view, "Bytes as 16-byte views.");
  simple("date32", &date32, "Days since the UNIX epoch (int32).");
  simple("date64", &date64, "Milliseconds since the UNIX epoch (int64).");
  simple("month_day_nano_interval", &month_day_nano_interval, "Calendar interval: months, days, nanoseconds.");
  m.attr("halffloat") = m.attr("float16");
  m.attr("float_") = m.attr("float32");
  m.attr("double") = m.attr("float64");

  m.def(
      "binary",
      [](int64_t length) {
        if (length == -1) return WrapType(binary());
        if (length < INT32_MIN || length > INT32_MAX) {
          PyErr_SetString(PyExc_OverflowError, "binary(): length does not fit a 32-bit int");
          throw py::error_already_set();
        }
        return WrapType(ValueOrThrow(fixed_size_binary(static_cast<int32_t>(length))));
      },
      py::arg("length") = -1, "Variable-size bytes, or fixed_size_binary when `length` is given.");
  m.def(
      "time32", [](const std::string& unit) { return WrapType(TimeType(unit, false)); }, py::arg("unit"),
      "Time of day in 's' or 'ms' (int32).");
  m.def(
      "time64", [](const std::string& unit) { return WrapType(TimeType(unit, true)); }, py::arg("unit"),
      "Time of day in 'us' or 'ns' (int64).");
  m.def(
      "timestamp",
      [](const std::string& unit, py::handle tz) {
        return WrapType(timestamp(UnitFromPython(unit), TimezoneFromPython(tz)));
      },
      py::arg("unit"), py::arg("tz") = py::none(), "Instant since the epoch in `unit`, optionally zoned.");
  m.def(
      "duration", [](const std::string& unit) { return WrapType(duration(UnitFromPython(unit))); }, py::arg("unit"),
      "Elapsed time in `unit` (int64).");
  const std::pair<const char*, TypeId> decimals[] = {{"decimal32", TypeId::DECIMAL32},
                                                     {"decimal64", TypeId::DECIMAL64},
                                                     {"decimal128", TypeId::DECIMAL128},
                                                     {"decimal256", TypeId::DECIMAL256}};
  for (const auto& [name, id] : decimals) {
    m.def(
        name, [id = id](int32_t precision, int32_t scale) { return WrapType(Decimal(id, precision, scale)); },
        py::arg("precision"), py::arg("scale") = 0, "Fixed-point decimal of the given precision and scale.");
  }
  m.def(
      "list_", [](py::handle value_type, int32_t list_size) { return WrapType(ListFactory(value_type, list_size)); },
      py::arg("value_type"), py::arg("list_size") = -1,
      "List of `value_type` (a DataType or Field); fixed_size_list when list_size >= 0.");
  m.def(
      "large_list",
      [](py::handle value_type) { return WrapType(large_list(ValueFieldFromPython(value_type, "item", "List"))); },
      py::arg("value_type"));
  m.def(
      "list_view",
      [](py::handle value_type) { return WrapType(list_view(ValueFieldFromPython(value_type, "item", "List"))); },
      py::arg("value_type"));
  m.def(
      "large_list_view",
      [](py::handle value_type) {
        return WrapType(large_list_view(ValueFieldFromPython(value_type, "item", "List")));
      },
      py::arg("value_type"));
  m.def(
      "map_",
      [](py::handle key, py::handle item, bool keys_sorted) { return WrapType(MapFactory(key, item, keys_sorted)); },
      py::arg("key_type"), py::arg("item_type"), py::arg("keys_sorted") = false);
  m.def(
      "struct", [](py::handle fields) { return WrapType(struct_(FieldsFromPython(fields))); }, py::arg("fields"),
      "Struct of fields: Fields, (name, type) tuples or a mapping of name to type.");
  m.def(
      "sparse_union",
      [](py::handle fields, py::handle type_codes) { return WrapType(UnionFactory(fields, "sparse", type_codes)); },
      py::arg("child_fields"), py::arg("type_codes") = py::none());
  m.def(
      "dense_union",
      [](py::handle fields, py::handle type_codes) { return WrapType(UnionFactory(fields, "dense", type_codes)); },
      py::arg("child_fields"), py::arg("type_codes") = py::none());
  m.def(
      "union",
      [](py::handle fields, const std::string& mode, py::handle type_codes) {
        return WrapType(UnionFactory(fields, mode, type_codes));
      },
      py::arg("child_fields"), py::arg("mode"), py::arg("type_codes") = py::none());
  m.def(
      "dictionary",
      [](py::handle index_type, py::handle value_type, bool ordered) {
        TypePtr index = TypeFromPython(index_type);
        if (!is_integer(index->id())) throw py::type_error("The dictionary index type should be integer.");
        return WrapType(ValueOrThrow(dictionary(index, TypeFromPython(value_type), ordered)));
      },
      py::arg("index_type"), py::arg("value_type"), py::arg("ordered") = false);
  m.def(
      "run_end_encoded",
      [](py::handle run_end_type, py::handle value_type) {
        TypePtr run_ends = TypeFromPython(run_end_type);
        const TypeId id = run_ends->id();
        if (id != TypeId::INT16 && id != TypeId::INT32 && id != TypeId::INT64) {
          throw py::value_error("The run_end_type should be 'int16', 'int32', or 'int64'");
        }
        return WrapType(ValueOrThrow(run_end_encoded(run_ends, TypeFromPython(value_type))));
      },
      py::arg("run_end_type"), py::arg("value_type"));
  m.def(
      "type_for_alias", [](const std::string& alias) { return WrapType(TypeForAlias(alias)); }, py::arg("name"),
      "The type named by a pyarrow alias such as 'int64', 'str' or 'timestamp[ms]'.");

  for (int id = 0; id <= static_cast<int>(TypeId::DECIMAL64); ++id) {
    const std::string name = TypeIdName(static_cast<TypeId>(id));
    if (!name.empty()) m.attr(("Type_" + name).c_str()) = id;
  }
}

}  // namespace

py::object WrapType(TypePtr type) {
  if (type == nullptr) return py::none();
  switch (type->id()) {
    case TypeId::FIXED_SIZE_BINARY: return Boxed<FixedSizeBinaryTypeBox>(std::move(type));
    case TypeId::DECIMAL32: return Boxed<Decimal32TypeBox>(std::move(type));
    case TypeId::DECIMAL64: return Boxed<Decimal64TypeBox>(std::move(type));
    case TypeId::DECIMAL128: return Boxed<Decimal128TypeBox>(std::move(type));
    case TypeId::DECIMAL256: return Boxed<Decimal256TypeBox>(std::move(type));
    case TypeId::TIMESTAMP: return Boxed<TimestampTypeBox>(std::move(type));
    case TypeId::TIME32: return Boxed<Time32TypeBox>(std::move(type));
    case TypeId::TIME64: return Boxed<Time64TypeBox>(std::move(type));
    case TypeId::DURATION: return Boxed<DurationTypeBox>(std::move(type));
    case TypeId::LIST: return Boxed<ListTypeBox>(std::move(type));
    case TypeId::LARGE_LIST: return Boxed<LargeListTypeBox>(std::move(type));
    case TypeId::LIST_VIEW: return Boxed<ListViewTypeBox>(std::move(type));
    case TypeId::LARGE_LIST_VIEW: return Boxed<LargeListViewTypeBox>(std::move(type));
    case TypeId::FIXED_SIZE_LIST: return Boxed<FixedSizeListTypeBox>(std::move(type));
    case TypeId::MAP: return Boxed<MapTypeBox>(std::move(type));
    case TypeId::STRUCT: return Boxed<StructTypeBox>(std::move(type));
    case TypeId::SPARSE_UNION: return Boxed<SparseUnionTypeBox>(std::move(type));
    case TypeId::DENSE_UNION: return Boxed<DenseUnionTypeBox>(std::move(type));
    case TypeId::DICTIONARY: return Boxed<DictionaryTypeBox>(std::move(type));
    case TypeId::RUN_END_ENCODED: return Boxed<RunEndEncodedTypeBox>(std::move(type));
    case TypeId::EXTENSION: return Boxed<BaseExtensionTypeBox>(std::move(type));
    default: return Boxed<TypeBox>(std::move(type));
  }
}

TypePtr UnwrapType(py::handle obj) {
  if (!py::isinstance<TypeBox>(obj)) {
    throw py::type_error("DataType expected, got " + py::repr(py::type::of(obj)).cast<std::string>());
  }
  return obj.cast<const TypeBox&>().type;
}

void RegisterTypes(py::module_& m) {
  RegisterTypeClasses(m);
  RegisterFactories(m);
}

}  // namespace arrowpack::python
