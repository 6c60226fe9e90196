// Converters of nested types (lists of every kind, maps, structs), dictionary-encoded and
// run-end encoded types. Parents record a row in their builder and hand the row's values to the
// child converters, one Extend per list value.
#include <string>
#include <vector>

#include "python_to_arrow_internal.h"

namespace arrowpack::python::pyconv {

namespace {

ConvertOptions ChildOptions(const ConvertOptions& options) {
  ConvertOptions child = options;
  child.strict = true;  // only a top-level str column may turn into binary
  return child;
}

Status NotAList(PyObject* obj) {
  return ConversionError(StatusCode::TypeError, obj,
                         "was not a sequence or recognized null for conversion to list type");
}

// The values of one list row: any iterable except dicts; ndarrays must be one-dimensional.
Result<PyItems> ListValueItems(PyObject* obj) {
  if (PyList_Check(obj) || PyTuple_Check(obj)) {
    return PyItems{py::reinterpret_borrow<py::object>(obj), PySequence_Fast_ITEMS(obj), PySequence_Fast_GET_SIZE(obj)};
  }
  if (PyDict_Check(obj)) return NotAList(obj);
  if (IsNdarray(obj)) {
    const auto ndim = py::reinterpret_borrow<py::object>(obj).attr("ndim").cast<int64_t>();
    if (ndim != 1) return Status::Invalid("Can only convert 1-dimensional array values, got ", ndim, " dimensions");
  } else if (Py_TYPE(obj)->tp_iter == nullptr && !PySequence_Check(obj)) {
    return NotAList(obj);
  }
  return CollectItems(obj);
}

template <typename ListBuilderT>
class ListConverter final : public Converter {
 public:
  ListConverter(ArrayBuilder* builder, const ConvertOptions& options, std::unique_ptr<Converter> values)
      : Converter(builder, options), typed_(static_cast<ListBuilderT*>(builder)), values_(std::move(values)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    ARROWPACK_ASSIGN_OR_RAISE(PyItems items, ListValueItems(obj));
    ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
    return values_->Extend(items.items, items.size, nullptr);
  }

 private:
  ListBuilderT* typed_;
  std::unique_ptr<Converter> values_;
};

class FixedSizeListConverter final : public Converter {
 public:
  FixedSizeListConverter(ArrayBuilder* builder, const ConvertOptions& options, std::unique_ptr<Converter> values)
      : Converter(builder, options), typed_(static_cast<FixedSizeListBuilder*>(builder)), values_(std::move(values)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    ARROWPACK_ASSIGN_OR_RAISE(PyItems items, ListValueItems(obj));
    if (items.size != typed_->list_size()) {
      return Status::Invalid("Length of item not correct: expected ", typed_->list_size(), " but got array of size ",
                             items.size);
    }
    ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
    return values_->Extend(items.items, items.size, nullptr);
  }

 private:
  FixedSizeListBuilder* typed_;
  std::unique_ptr<Converter> values_;
};

// A dict, or an iterable of (key, value) pairs.
class MapConverter final : public Converter {
 public:
  MapConverter(ArrayBuilder* builder, const ConvertOptions& options, std::unique_ptr<Converter> keys,
               std::unique_ptr<Converter> items)
      : Converter(builder, options), typed_(static_cast<MapBuilder*>(builder)), keys_(std::move(keys)),
        items_(std::move(items)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    if (PyDict_Check(obj)) {
      ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
      Py_ssize_t pos = 0;
      PyObject* key = nullptr;
      PyObject* value = nullptr;
      while (PyDict_Next(obj, &pos, &key, &value)) ARROWPACK_RETURN_NOT_OK(AppendEntry(key, value));
      return Status::OK();
    }
    ARROWPACK_ASSIGN_OR_RAISE(PyItems entries, ListValueItems(obj));
    ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
    for (int64_t i = 0; i < entries.size; ++i) {
      PyObject* entry = entries.items[i];
      if (!(PyTuple_Check(entry) || PyList_Check(entry)) || PySequence_Fast_GET_SIZE(entry) != 2) {
        return ConversionError(StatusCode::Invalid, entry, "map entries must be (key, value) pairs");
      }
      PyObject** pair = PySequence_Fast_ITEMS(entry);
      ARROWPACK_RETURN_NOT_OK(AppendEntry(pair[0], pair[1]));
    }
    return Status::OK();
  }

 private:
  Status AppendEntry(PyObject* key, PyObject* value) {
    if (IsNullValue(key)) return Status::Invalid("Invalid Map: key field cannot contain null values");
    ARROWPACK_RETURN_NOT_OK(keys_->Append(key));
    return items_->Append(value);
  }

  MapBuilder* typed_;
  std::unique_ptr<Converter> keys_;
  std::unique_ptr<Converter> items_;
};

// A dict (looked up by field name; missing keys give nulls) or a tuple with one value per field.
class StructConverter final : public Converter {
 public:
  StructConverter(ArrayBuilder* builder, const ConvertOptions& options, std::vector<py::object> names,
                  std::vector<py::object> byte_names, std::vector<std::unique_ptr<Converter>> fields)
      : Converter(builder, options), typed_(static_cast<StructBuilder*>(builder)), names_(std::move(names)),
        byte_names_(std::move(byte_names)), fields_(std::move(fields)) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj)) return typed_->AppendNull();
    const auto num_fields = static_cast<int64_t>(fields_.size());
    if (PyDict_Check(obj)) {
      ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
      for (int64_t i = 0; i < num_fields; ++i) {
        PyObject* value = PyDict_GetItemWithError(obj, names_[i].ptr());
        // Inference also takes bytes keys as field names.
        if (value == nullptr && !PyErr_Occurred()) value = PyDict_GetItemWithError(obj, byte_names_[i].ptr());
        if (value == nullptr) {
          if (PyErr_Occurred()) return CurrentPyError();
          ARROWPACK_RETURN_NOT_OK(fields_[i]->builder()->AppendNull());
        } else {
          ARROWPACK_RETURN_NOT_OK(fields_[i]->Append(value));
        }
      }
      return Status::OK();
    }
    if (PyTuple_Check(obj)) {
      if (PyTuple_GET_SIZE(obj) != num_fields) {
        return Status::Invalid("Tuple size must be equal to number of struct fields: got ", PyTuple_GET_SIZE(obj),
                               " values for ", num_fields, " fields");
      }
      ARROWPACK_RETURN_NOT_OK(typed_->Append(true));
      for (int64_t i = 0; i < num_fields; ++i) ARROWPACK_RETURN_NOT_OK(fields_[i]->Append(PyTuple_GET_ITEM(obj, i)));
      return Status::OK();
    }
    return ConversionError(StatusCode::TypeError, obj,
                           "was not a dict, tuple, or recognized null value for conversion to struct type");
  }

 private:
  StructBuilder* typed_;
  std::vector<py::object> names_;       // field names as str keys
  std::vector<py::object> byte_names_;  // and as bytes keys
  std::vector<std::unique_ptr<Converter>> fields_;
};

// ---- Dictionary and run-end encoded values ----------------------------------------------------

bool IsTemporal(TypeId id) {
  return id == TypeId::DATE32 || id == TypeId::DATE64 || id == TypeId::TIME32 || id == TypeId::TIME64 ||
         id == TypeId::TIMESTAMP || id == TypeId::DURATION;
}

// Value types whose Python values WithScalarValue extracts.
bool HasScalarPath(TypeId id) {
  switch (id) {
    case TypeId::BOOL:
    case TypeId::INT8:
    case TypeId::INT16:
    case TypeId::INT32:
    case TypeId::INT64:
    case TypeId::UINT8:
    case TypeId::UINT16:
    case TypeId::UINT32:
    case TypeId::UINT64:
    case TypeId::HALF_FLOAT:
    case TypeId::FLOAT:
    case TypeId::DOUBLE:
    case TypeId::STRING:
    case TypeId::LARGE_STRING:
    case TypeId::STRING_VIEW:
    case TypeId::BINARY:
    case TypeId::LARGE_BINARY:
    case TypeId::BINARY_VIEW:
    case TypeId::FIXED_SIZE_BINARY:
      return true;
    default: return IsTemporal(id);
  }
}

template <typename CType, typename Sink>
Status SinkInteger(PyObject* obj, const DataType& type, Sink& sink) {
  CType value = 0;
  ARROWPACK_RETURN_NOT_OK(ExtractInteger(obj, type, &value));
  return sink(value);
}

// Extracts the C value of non-null `obj` for `type` (HasScalarPath types) and passes it to `sink`
// as its C type, or as a string_view for binary-like types.
template <typename Sink>
Status WithScalarValue(const DataType& type, PyObject* obj, std::string* scratch, Sink& sink) {
  switch (type.id()) {
    case TypeId::BOOL: {
      bool value = false;
      ARROWPACK_RETURN_NOT_OK(ExtractBool(obj, &value));
      return sink(value);
    }
    case TypeId::INT8: return SinkInteger<int8_t>(obj, type, sink);
    case TypeId::INT16: return SinkInteger<int16_t>(obj, type, sink);
    case TypeId::INT32: return SinkInteger<int32_t>(obj, type, sink);
    case TypeId::INT64: return SinkInteger<int64_t>(obj, type, sink);
    case TypeId::UINT8: return SinkInteger<uint8_t>(obj, type, sink);
    case TypeId::UINT16: return SinkInteger<uint16_t>(obj, type, sink);
    case TypeId::UINT32: return SinkInteger<uint32_t>(obj, type, sink);
    case TypeId::UINT64: return SinkInteger<uint64_t>(obj, type, sink);
    case TypeId::HALF_FLOAT: {
      uint16_t value = 0;
      ARROWPACK_RETURN_NOT_OK(ExtractHalfFloat(obj, &value));
      return sink(value);
    }
    case TypeId::FLOAT: {
      float value = 0;
      ARROWPACK_RETURN_NOT_OK(ExtractFloat(obj, type, &value));
      return sink(value);
    }
    case TypeId::DOUBLE: {
      double value = 0;
      ARROWPACK_RETURN_NOT_OK(ExtractFloat(obj, type, &value));
      return sink(value);
    }
    case TypeId::DATE32:
    case TypeId::TIME32: {
      int64_t value = 0;
      ARROWPACK_RETURN_NOT_OK(ExtractTemporal(obj, type, &value));
      if (value < INT32_MIN || value > INT32_MAX) {
        return ConversionError(StatusCode::Invalid, obj, "out of range for " + type.ToString());
      }
      return sink(static_cast<int32_t>(value));
    }
    case TypeId::DATE64:
    case TypeId::TIME64:
    case TypeId::TIMESTAMP:
    case TypeId::DURATION: {
      int64_t value = 0;
      ARROWPACK_RETURN_NOT_OK(ExtractTemporal(obj, type, &value));
      return sink(value);
    }
    case TypeId::FIXED_SIZE_BINARY: {
      std::string_view value;
      bool is_binary = false;
      ARROWPACK_RETURN_NOT_OK(ExtractBytes(obj, false, &value, &is_binary, scratch));
      const int32_t width = static_cast<const FixedSizeBinaryType&>(type).byte_width();
      if (static_cast<int64_t>(value.size()) != width) {
        return ConversionError(StatusCode::Invalid, obj,
                               "expected to be length " + std::to_string(width) + " was " +
                                   std::to_string(value.size()));
      }
      return sink(value);
    }
    default: {
      std::string_view value;
      bool is_binary = false;
      ARROWPACK_RETURN_NOT_OK(ExtractBytes(obj, is_string(type.id()), &value, &is_binary, scratch));
      return sink(value);
    }
  }
}

class DictionaryConverter final : public Converter {
 public:
  DictionaryConverter(ArrayBuilder* builder, const ConvertOptions& options, TypePtr value_type)
      : Converter(builder, options), typed_(static_cast<DictionaryBuilder*>(builder)),
        value_type_(std::move(value_type)), nat_is_null_(IsTemporal(value_type_->id())) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj) || (nat_is_null_ && IsNaT(obj))) return typed_->AppendNull();
    auto sink = [this](auto value) { return typed_->Append(value); };
    return WithScalarValue(*value_type_, obj, &scratch_, sink);
  }

 private:
  DictionaryBuilder* typed_;
  TypePtr value_type_;
  bool nat_is_null_;
  std::string scratch_;
};

// Scalar value types go through the builder's typed appends, which merge equal neighbours into
// one run; other value types get one run per row.
class RunEndEncodedConverter final : public Converter {
 public:
  RunEndEncodedConverter(ArrayBuilder* builder, const ConvertOptions& options, TypePtr value_type,
                         std::unique_ptr<Converter> values)
      : Converter(builder, options), typed_(static_cast<RunEndEncodedBuilder*>(builder)),
        value_type_(std::move(value_type)), values_(std::move(values)),
        nat_is_null_(IsTemporal(value_type_->id())) {}

  Status Append(PyObject* obj) override {
    if (IsNullValue(obj) || (nat_is_null_ && IsNaT(obj))) return typed_->AppendNull();
    if (values_ == nullptr) {
      auto sink = [this](auto value) { return typed_->Append(value); };
      return WithScalarValue(*value_type_, obj, &scratch_, sink);
    }
    ARROWPACK_RETURN_NOT_OK(values_->Append(obj));
    return typed_->AppendRun(1);
  }

 private:
  RunEndEncodedBuilder* typed_;
  TypePtr value_type_;
  std::unique_ptr<Converter> values_;  // null when the scalar path applies
  bool nat_is_null_;
  std::string scratch_;
};

const TypePtr& StorageOf(const TypePtr& type) {
  const TypePtr* current = &type;
  while ((*current)->id() == TypeId::EXTENSION) current = &static_cast<const ExtensionType&>(**current).storage_type();
  return *current;
}

}  // namespace

Result<std::unique_ptr<Converter>> MakeConverter(const TypePtr& type, ArrayBuilder* builder,
                                                 const ConvertOptions& options) {
  const TypePtr& physical = StorageOf(type);
  ARROWPACK_ASSIGN_OR_RAISE(auto flat, MakeFlatConverter(physical, builder, options));
  if (flat != nullptr) return flat;
  return MakeNestedConverter(physical, builder, options);
}

Result<std::unique_ptr<Converter>> MakeNestedConverter(const TypePtr& type, ArrayBuilder* builder,
                                                       const ConvertOptions& options) {
  const ConvertOptions child_options = ChildOptions(options);
  auto child = [&](int i) { return MakeConverter(type->field(i)->type(), builder->child(i), child_options); };
  switch (type->id()) {
    case TypeId::LIST:
    case TypeId::LIST_VIEW: {
      ARROWPACK_ASSIGN_OR_RAISE(auto values, child(0));
      return std::unique_ptr<Converter>(
          std::make_unique<ListConverter<BaseListBuilder<int32_t>>>(builder, options, std::move(values)));
    }
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW: {
      ARROWPACK_ASSIGN_OR_RAISE(auto values, child(0));
      return std::unique_ptr<Converter>(
          std::make_unique<ListConverter<BaseListBuilder<int64_t>>>(builder, options, std::move(values)));
    }
    case TypeId::FIXED_SIZE_LIST: {
      ARROWPACK_ASSIGN_OR_RAISE(auto values, child(0));
      return std::unique_ptr<Converter>(std::make_unique<FixedSizeListConverter>(builder, options, std::move(values)));
    }
    case TypeId::MAP: {
      const auto& map_type = static_cast<const MapType&>(*type);
      auto* map_builder = static_cast<MapBuilder*>(builder);
      ARROWPACK_ASSIGN_OR_RAISE(auto keys,
                                MakeConverter(map_type.key_type(), map_builder->key_builder(), child_options));
      ARROWPACK_ASSIGN_OR_RAISE(auto items,
                                MakeConverter(map_type.item_type(), map_builder->item_builder(), child_options));
      return std::unique_ptr<Converter>(
          std::make_unique<MapConverter>(builder, options, std::move(keys), std::move(items)));
    }
    case TypeId::STRUCT: {
      std::vector<py::object> names;
      std::vector<py::object> byte_names;
      std::vector<std::unique_ptr<Converter>> fields;
      for (int i = 0; i < type->num_fields(); ++i) {
        const std::string& name = type->field(i)->name();
        PyObject* key = PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
        if (key == nullptr) return CurrentPyError();
        names.push_back(py::reinterpret_steal<py::object>(key));
        byte_names.push_back(py::bytes(name));
        ARROWPACK_ASSIGN_OR_RAISE(auto field, child(i));
        fields.push_back(std::move(field));
      }
      return std::unique_ptr<Converter>(std::make_unique<StructConverter>(
          builder, options, std::move(names), std::move(byte_names), std::move(fields)));
    }
    case TypeId::DICTIONARY: {
      const TypePtr& value_type = StorageOf(static_cast<const DictionaryType&>(*type).value_type());
      if (!HasScalarPath(value_type->id())) {
        return Status::NotImplemented("conversion of Python values to ", type->ToString(), " is not supported");
      }
      return std::unique_ptr<Converter>(std::make_unique<DictionaryConverter>(builder, options, value_type));
    }
    case TypeId::RUN_END_ENCODED: {
      const TypePtr& value_type = StorageOf(static_cast<const RunEndEncodedType&>(*type).value_type());
      std::unique_ptr<Converter> values;
      if (!HasScalarPath(value_type->id())) {
        auto* ree_builder = static_cast<RunEndEncodedBuilder*>(builder);
        ARROWPACK_ASSIGN_OR_RAISE(values, MakeConverter(value_type, ree_builder->values_builder(), child_options));
      }
      return std::unique_ptr<Converter>(
          std::make_unique<RunEndEncodedConverter>(builder, options, value_type, std::move(values)));
    }
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION:
      return Status::NotImplemented("conversion of Python values to ", type->ToString(), " is not supported");
    default: break;
  }
  return Status::NotImplemented("no conversion of Python values to ", type->ToString());
}

}  // namespace arrowpack::python::pyconv
