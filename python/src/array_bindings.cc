// arrowpack.Array and pyarrow's typed subclasses (Int64Array, StringArray, ListArray, ...):
// inspection, slicing, validation, conversion to Python/numpy/pandas, and the common methods.
// The constructors (from_buffers, from_arrays) live in array_constructors.cc.
#include <sstream>

#include "array_helpers.h"
#include "array_classes.h"
#include "arrow_to_numpy.h"
#include "arrow_to_python.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/array_size_internal.h"
#include "columnar_register.h"
#include "columnar.h"
#include "common.h"

namespace arrowpack::python {

namespace {

std::string ClassName(py::handle self) { return py::str(py::type::of(self).attr("__name__")).cast<std::string>(); }

std::string Repr(py::handle self) {
  std::ostringstream out;
  out << "<arrowpack.lib." << ClassName(self) << " object at 0x" << std::hex
      << reinterpret_cast<uintptr_t>(self.ptr()) << std::dec << ">\n"
      << self.cast<const ArrayBox&>().array->ToString();
  return out.str();
}

int64_t CheckedIndex(const Array& array, int64_t i) {
  if (i < 0) i += array.length();
  if (i < 0 || i >= array.length()) throw py::index_error("index out of bounds");
  return i;
}

ArrayPtr SliceArray(const Array& array, int64_t offset, py::handle length) {
  if (offset < 0) throw py::index_error("Offset must be non-negative");
  if (length.is_none()) return array.Slice(offset);
  const int64_t count = length.cast<int64_t>();
  if (count < 0) throw py::value_error("Length must be non-negative");
  return array.Slice(offset, count);
}

py::object GetItem(const ArrayBox& box, py::handle key) {
  if (PySlice_Check(key.ptr())) {
    Py_ssize_t start = 0, stop = 0, step = 0;
    if (PySlice_Unpack(key.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
    const Py_ssize_t length = PySlice_AdjustIndices(static_cast<Py_ssize_t>(box.array->length()), &start, &stop, step);
    if (step != 1) RaiseStatus(Status::NotImplemented("array slices with a step other than 1 are not supported"));
    return WrapArray(box.array->Slice(start, length));
  }
  return WrapScalar(box.array, CheckedIndex(*box.array, key.cast<int64_t>()));
}

// Buffers of the node and then of its children, depth first, as pyarrow lists them (with the
// absent validity slot of unions and run-end encoded arrays).
void CollectBuffers(const ArrayData& data, py::list* out) {
  const TypeId id = internal::StorageType(*data.type).id();
  if (id == TypeId::SPARSE_UNION || id == TypeId::DENSE_UNION || id == TypeId::RUN_END_ENCODED) out->append(py::none());
  for (const auto& buffer : data.buffers) {
    if (buffer) {
      out->append(py::cast(buffer));
    } else {
      out->append(py::none());
    }
  }
  for (const auto& child : data.child_data) CollectBuffers(*child, out);
}

void Validate(const ArrayBox& box, bool full) {
  Status status = full ? box.array->ValidateFull() : box.array->Validate();
  if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
}

bool EqualsPython(const ArrayBox& self, py::handle other) {
  if (!py::isinstance<ArrayBox>(other)) return false;
  return self.array->Equals(*other.cast<const ArrayBox&>().array);
}

ArrayPtr IsNull(const ArrayBox& box, bool nan_is_null) {
  const Array& array = *box.array;
  const TypeId id = array.type_id();
  if (nan_is_null && (id == TypeId::FLOAT || id == TypeId::DOUBLE)) {
    return MakeBooleanArray(array.length(), [&](int64_t i) {
      if (array.IsNull(i)) return true;
      return id == TypeId::FLOAT ? std::isnan(static_cast<const PrimitiveArray<float>&>(array).Value(i))
                                 : std::isnan(static_cast<const PrimitiveArray<double>&>(array).Value(i));
    });
  }
  return MakeBooleanArray(array.length(), [&](int64_t i) { return array.IsNull(i); });
}

py::object ToPandas(py::handle self, py::kwargs kwargs) {
  return py::module_::import("arrowpack._pandas").attr("array_to_pandas")(self, **kwargs);
}

// ---- Typed accessors --------------------------------------------------------------------------

template <typename ArrayType>
const ArrayType& As(const ArrayBox& box) {
  return static_cast<const ArrayType&>(*box.array);
}

// The child values a list array's rows reference: [first row's offset, last row's end).
template <typename Offset>
ArrayPtr FlattenOffsets(const BaseListArray<Offset>& list) {
  if (list.length() == 0) return list.values()->Slice(0, 0);
  const int64_t first = list.value_offset(0);
  const int64_t end = list.value_offset(list.length() - 1) + list.value_length(list.length() - 1);
  return list.values()->Slice(first, end - first);
}

ArrayPtr FlattenList(const ArrayBox& box) {
  const Array& array = *box.array;
  switch (array.type_id()) {
    case TypeId::LIST:
    case TypeId::MAP: return FlattenOffsets(As<ListArray>(box));
    case TypeId::LARGE_LIST: return FlattenOffsets(As<LargeListArray>(box));
    case TypeId::FIXED_SIZE_LIST: {
      const auto& list = As<FixedSizeListArray>(box);
      return list.values()->Slice(list.value_offset(0), list.length() * list.list_size());
    }
    default:
      RaiseStatus(Status::NotImplemented("flatten() of ", array.type()->ToString(), " arrays is not supported"));
  }
}

template <typename Offset>
ArrayPtr ValueLengths(const Array& array) {
  const auto& list = static_cast<const BaseListArray<Offset>&>(array);
  std::shared_ptr<Buffer> lengths = ValueOrThrow(AllocateBuffer(array.length() * static_cast<int64_t>(sizeof(Offset))));
  auto* out = reinterpret_cast<Offset*>(lengths->mutable_data());
  for (int64_t i = 0; i < array.length(); ++i) out[i] = list.IsValid(i) ? list.value_length(i) : 0;
  TypePtr type = sizeof(Offset) == 4 ? int32() : int64();
  return MakeArray(ArrayData::Make(type, array.length(), {CopyValidity(array), std::move(lengths)}));
}

ArrayPtr ListValueLengths(const ArrayBox& box) {
  const Array& array = *box.array;
  switch (array.type_id()) {
    case TypeId::LIST:
    case TypeId::MAP:
    case TypeId::LIST_VIEW: return ValueLengths<int32_t>(array);
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW: return ValueLengths<int64_t>(array);
    default: {
      const int32_t size = As<FixedSizeListArray>(box).list_size();
      std::shared_ptr<Buffer> lengths = ValueOrThrow(AllocateBuffer(array.length() * 4));
      auto* out = reinterpret_cast<int32_t*>(lengths->mutable_data());
      for (int64_t i = 0; i < array.length(); ++i) out[i] = array.IsValid(i) ? size : 0;
      return MakeArray(ArrayData::Make(int32(), array.length(), {CopyValidity(array), std::move(lengths)}));
    }
  }
}

ArrayPtr ListValues(const ArrayBox& box) {
  switch (box.array->type_id()) {
    case TypeId::LIST:
    case TypeId::MAP:
    case TypeId::LIST_VIEW: return As<ListArray>(box).values();
    case TypeId::LARGE_LIST:
    case TypeId::LARGE_LIST_VIEW: return As<LargeListArray>(box).values();
    default: return As<FixedSizeListArray>(box).values();
  }
}

ArrayPtr ListOffsets(const ArrayBox& box) {
  const Array& array = *box.array;
  const bool large = array.type_id() == TypeId::LARGE_LIST || array.type_id() == TypeId::LARGE_LIST_VIEW;
  const bool view = array.type_id() == TypeId::LIST_VIEW || array.type_id() == TypeId::LARGE_LIST_VIEW;
  return OffsetsView(array, 1, array.length() + (view ? 0 : 1), large ? int64() : int32());
}

py::object StructField(const ArrayBox& box, py::handle key) {
  const auto& array = As<StructArray>(box);
  int index;
  if (PyUnicode_Check(key.ptr())) {
    index = static_cast<const StructType&>(*array.type()).GetFieldIndex(key.cast<std::string>());
    if (index < 0) throw py::key_error(key.cast<std::string>());
  } else {
    int64_t i = key.cast<int64_t>();
    if (i < 0) i += array.num_fields();
    if (i < 0 || i >= array.num_fields()) throw py::index_error("index out of bounds");
    index = static_cast<int>(i);
  }
  return WrapArray(array.field(index));
}

py::list StructFlatten(const ArrayBox& box) {
  const auto& array = As<StructArray>(box);
  std::shared_ptr<Buffer> validity = CopyValidity(array);
  py::list out;
  for (int i = 0; i < array.num_fields(); ++i) out.append(WrapArray(AndValidity(array.field(i), validity)));
  return out;
}

void RegisterArrayBase(py::module_& m) {
  py::class_<ArrayBox>(m, "Array", "An immutable Arrow array; the subclass follows the type (Int64Array, ...).")
      .def_property_readonly("type", [](const ArrayBox& box) { return WrapType(box.array->type()); })
      .def("__len__", [](const ArrayBox& box) { return box.array->length(); })
      .def_property_readonly("null_count", [](const ArrayBox& box) { return box.array->null_count(); })
      .def_property_readonly("offset", [](const ArrayBox& box) { return box.array->offset(); })
      .def_property_readonly("is_cpu", [](const ArrayBox&) { return true; }, "True: arrowpack memory is CPU memory.")
      .def_property_readonly("nbytes", [](const ArrayBox& box) { return ReferencedBytes(*box.array->data()); },
                             "Bytes of the buffers this array's rows reference (slices count their part).")
      .def(
          "get_total_buffer_size", [](const ArrayBox& box) { return internal::TotalBufferSize(*box.array->data()); },
          "Bytes of every buffer referenced, whole, however the array is sliced.")
      .def(
          "is_null", [](const ArrayBox& box, bool nan_is_null) { return WrapArray(IsNull(box, nan_is_null)); },
          py::kw_only(), py::arg("nan_is_null") = false, "BooleanArray: true where the value is null.")
      .def(
          "is_valid",
          [](const ArrayBox& box) {
            const Array& array = *box.array;
            return WrapArray(MakeBooleanArray(array.length(), [&](int64_t i) { return array.IsValid(i); }));
          },
          "BooleanArray: true where the value is not null.")
      .def(
          "slice",
          [](const ArrayBox& box, int64_t offset, py::handle length) {
            return WrapArray(SliceArray(*box.array, offset, length));
          },
          py::arg("offset") = 0, py::arg("length") = py::none(),
          "Zero-copy slice; the length is clamped to the end of the array.")
      .def("__getitem__", &GetItem)
      .def("__iter__",
           [](py::handle self) {
             const ArrayPtr& array = self.cast<const ArrayBox&>().array;
             py::list scalars(array->length());
             for (int64_t i = 0; i < array->length(); ++i) {
               PyList_SET_ITEM(scalars.ptr(), i, WrapScalar(array, i).release().ptr());
             }
             return py::iter(scalars);
           })
      .def(
          "buffers",
          [](const ArrayBox& box) {
            py::list out;
            CollectBuffers(*box.array->data(), &out);
            return out;
          },
          "This array's buffers and then its children's (None where absent).")
      .def("validate", &Validate, py::kw_only(), py::arg("full") = false,
           "Raises ArrowInvalid if the array is malformed (full: also checks every offset, index and UTF-8 byte).")
      .def("equals", [](const ArrayBox& self, const ArrayBox& other) { return self.array->Equals(*other.array); },
           py::arg("other"))
      .def("__eq__", &EqualsPython)
      .def("__ne__", [](const ArrayBox& self, py::handle other) { return !EqualsPython(self, other); })
      .def("to_pylist", [](const ArrayBox& box) { return ArrayToPyList(box.array); }, "The values as Python objects.")
      .def("tolist", [](const ArrayBox& box) { return ArrayToPyList(box.array); }, "Alias of to_pylist().")
      .def(
          "to_numpy",
          [](py::handle self, bool zero_copy_only, bool writable) {
            return ArrayToNumpy(self.cast<const ArrayBox&>().array, self, zero_copy_only, writable);
          },
          py::kw_only(), py::arg("zero_copy_only") = true, py::arg("writable") = false,
          "A numpy array: a read-only zero-copy view when possible (see arrow_to_numpy.h).")
      .def(
          "__array__",
          [](py::handle self, py::object dtype, py::object copy) {
            const ArrayPtr& array = self.cast<const ArrayBox&>().array;
            if (!copy.is_none() && !copy.cast<bool>() && !CanViewAsNumpy(*array)) {
              throw py::value_error("Unable to avoid a copy while creating a numpy array as requested.");
            }
            py::object result = ArrayToNumpy(array, self, /*zero_copy_only=*/false, /*writable=*/false);
            if (!dtype.is_none()) result = result.attr("astype")(dtype);
            return result;
          },
          py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def("to_pandas", &ToPandas, "A pandas Series (categoricals for dictionaries, tz-aware datetimes).")
      .def("to_string", [](const ArrayBox& box) { return box.array->ToString(); })
      .def("__str__", [](const ArrayBox& box) { return box.array->ToString(); })
      .def("__repr__", &Repr);
}

void RegisterTypedArrays(py::module_& m) {
  py::class_<NullArrayBox, ArrayBox>(m, "NullArray");
  py::class_<BooleanArrayBox, ArrayBox>(m, "BooleanArray")
      .def_property_readonly("true_count",
                             [](const ArrayBox& box) {
                               const auto& array = As<BooleanArray>(box);
                               int64_t count = 0;
                               for (int64_t i = 0; i < array.length(); ++i) count += array.IsValid(i) && array.Value(i);
                               return count;
                             })
      .def_property_readonly("false_count", [](const ArrayBox& box) {
        const auto& array = As<BooleanArray>(box);
        int64_t count = 0;
        for (int64_t i = 0; i < array.length(); ++i) count += array.IsValid(i) && !array.Value(i);
        return count;
      });
  py::class_<NumericArrayBox, ArrayBox>(m, "NumericArray");
  py::class_<IntegerArrayBox, NumericArrayBox>(m, "IntegerArray");
  py::class_<FloatingPointArrayBox, NumericArrayBox>(m, "FloatingPointArray");
  py::class_<Int8ArrayBox, IntegerArrayBox>(m, "Int8Array");
  py::class_<Int16ArrayBox, IntegerArrayBox>(m, "Int16Array");
  py::class_<Int32ArrayBox, IntegerArrayBox>(m, "Int32Array");
  py::class_<Int64ArrayBox, IntegerArrayBox>(m, "Int64Array");
  py::class_<UInt8ArrayBox, IntegerArrayBox>(m, "UInt8Array");
  py::class_<UInt16ArrayBox, IntegerArrayBox>(m, "UInt16Array");
  py::class_<UInt32ArrayBox, IntegerArrayBox>(m, "UInt32Array");
  py::class_<UInt64ArrayBox, IntegerArrayBox>(m, "UInt64Array");
  py::class_<HalfFloatArrayBox, FloatingPointArrayBox>(m, "HalfFloatArray");
  py::class_<FloatArrayBox, FloatingPointArrayBox>(m, "FloatArray");
  py::class_<DoubleArrayBox, FloatingPointArrayBox>(m, "DoubleArray");
  py::class_<Date32ArrayBox, NumericArrayBox>(m, "Date32Array");
  py::class_<Date64ArrayBox, NumericArrayBox>(m, "Date64Array");
  py::class_<TimestampArrayBox, NumericArrayBox>(m, "TimestampArray");
  py::class_<Time32ArrayBox, NumericArrayBox>(m, "Time32Array");
  py::class_<Time64ArrayBox, NumericArrayBox>(m, "Time64Array");
  py::class_<DurationArrayBox, NumericArrayBox>(m, "DurationArray");
  py::class_<MonthDayNanoIntervalArrayBox, ArrayBox>(m, "MonthDayNanoIntervalArray");

  auto total32 = [](const ArrayBox& box) {
    const auto& array = As<BinaryArray>(box);
    return array.length() == 0 ? 0 : array.value_offset(array.length()) - array.value_offset(0);
  };
  auto total64 = [](const ArrayBox& box) {
    const auto& array = As<LargeBinaryArray>(box);
    return array.length() == 0 ? 0 : array.value_offset(array.length()) - array.value_offset(0);
  };
  py::class_<BinaryArrayBox, ArrayBox>(m, "BinaryArray")
      .def_property_readonly("total_values_length", total32);
  py::class_<StringArrayBox, ArrayBox>(m, "StringArray")
      .def_property_readonly("total_values_length", total32);
  py::class_<LargeBinaryArrayBox, ArrayBox>(m, "LargeBinaryArray")
      .def_property_readonly("total_values_length", total64);
  py::class_<LargeStringArrayBox, ArrayBox>(m, "LargeStringArray")
      .def_property_readonly("total_values_length", total64);
  py::class_<BinaryViewArrayBox, ArrayBox>(m, "BinaryViewArray");
  py::class_<StringViewArrayBox, ArrayBox>(m, "StringViewArray");
  py::class_<FixedSizeBinaryArrayBox, ArrayBox>(m, "FixedSizeBinaryArray");
  py::class_<Decimal32ArrayBox, FixedSizeBinaryArrayBox>(m, "Decimal32Array");
  py::class_<Decimal64ArrayBox, FixedSizeBinaryArrayBox>(m, "Decimal64Array");
  py::class_<Decimal128ArrayBox, FixedSizeBinaryArrayBox>(m, "Decimal128Array");
  py::class_<Decimal256ArrayBox, FixedSizeBinaryArrayBox>(m, "Decimal256Array");

  py::class_<BaseListArrayBox, ArrayBox>(m, "BaseListArray")
      .def_property_readonly("values", [](const ArrayBox& box) { return WrapArray(ListValues(box)); },
                             "The whole child array, ignoring this array's offset.")
      .def("flatten", [](const ArrayBox& box) { return WrapArray(FlattenList(box)); },
           "The child values the rows reference.")
      .def("value_lengths", [](const ArrayBox& box) { return WrapArray(ListValueLengths(box)); },
           "Length of each list (null for null lists).");
  py::class_<ListArrayBox, BaseListArrayBox>(m, "ListArray").def_property_readonly("offsets", [](const ArrayBox& box) {
    return WrapArray(ListOffsets(box));
  });
  py::class_<LargeListArrayBox, BaseListArrayBox>(m, "LargeListArray")
      .def_property_readonly("offsets", [](const ArrayBox& box) { return WrapArray(ListOffsets(box)); });
  py::class_<ListViewArrayBox, BaseListArrayBox>(m, "ListViewArray")
      .def_property_readonly("offsets", [](const ArrayBox& box) { return WrapArray(ListOffsets(box)); })
      .def_property_readonly("sizes", [](const ArrayBox& box) {
        return WrapArray(OffsetsView(*box.array, 2, box.array->length(), int32()));
      });
  py::class_<LargeListViewArrayBox, BaseListArrayBox>(m, "LargeListViewArray")
      .def_property_readonly("offsets", [](const ArrayBox& box) { return WrapArray(ListOffsets(box)); })
      .def_property_readonly("sizes", [](const ArrayBox& box) {
        return WrapArray(OffsetsView(*box.array, 2, box.array->length(), int64()));
      });
  py::class_<MapArrayBox, ListArrayBox>(m, "MapArray")
      .def_property_readonly("keys", [](const ArrayBox& box) { return WrapArray(As<MapArray>(box).keys()); })
      .def_property_readonly("items", [](const ArrayBox& box) { return WrapArray(As<MapArray>(box).items()); });
  py::class_<FixedSizeListArrayBox, BaseListArrayBox>(m, "FixedSizeListArray");

  py::class_<StructArrayBox, ArrayBox>(m, "StructArray")
      .def("field", &StructField, py::arg("index"), "Child by index or name, sliced like this array.")
      .def("flatten", &StructFlatten, "The children with this array's nulls merged into theirs.");
  py::class_<UnionArrayBox, ArrayBox>(m, "UnionArray")
      .def_property_readonly(
          "type_codes",
          [](const ArrayBox& box) {
            return WrapArray(OffsetsView(*box.array, 0, box.array->length(), int8()));
          })
      .def_property_readonly("offsets",
                             [](const ArrayBox& box) -> py::object {
                               if (box.array->type_id() != TypeId::DENSE_UNION) {
                                 throw py::type_error("only dense unions have offsets");
                               }
                               return WrapArray(OffsetsView(*box.array, 1, box.array->length(), int32()));
                             })
      .def(
          "field",
          [](const ArrayBox& box, int i) {
            const auto& array = As<UnionArray>(box);
            if (i < 0 || i >= array.type()->num_fields()) throw py::index_error("index out of bounds");
            return WrapArray(array.field(i));
          },
          py::arg("pos"), "Child array `pos` (unsliced).");
  py::class_<DictionaryArrayBox, ArrayBox>(m, "DictionaryArray")
      .def_property_readonly("indices", [](const ArrayBox& box) { return WrapArray(As<DictionaryArray>(box).indices()); })
      .def_property_readonly("dictionary",
                             [](const ArrayBox& box) { return WrapArray(As<DictionaryArray>(box).dictionary()); });
  py::class_<RunEndEncodedArrayBox, ArrayBox>(m, "RunEndEncodedArray")
      .def_property_readonly("run_ends",
                             [](const ArrayBox& box) { return WrapArray(As<RunEndEncodedArray>(box).run_ends()); })
      .def_property_readonly("values",
                             [](const ArrayBox& box) { return WrapArray(As<RunEndEncodedArray>(box).values()); });
  py::class_<ExtensionArrayBox, ArrayBox>(m, "ExtensionArray")
      .def_property_readonly("storage", [](const ArrayBox& box) { return WrapArray(As<ExtensionArray>(box).storage()); });
}

template <typename Box>
py::object Boxed(ArrayPtr array) {
  Box box;
  box.array = std::move(array);
  return py::cast(std::move(box));
}

}  // namespace

py::object WrapArray(ArrayPtr array) {
  if (array == nullptr) return py::none();
  switch (array->type_id()) {
    case TypeId::NA: return Boxed<NullArrayBox>(std::move(array));
    case TypeId::BOOL: return Boxed<BooleanArrayBox>(std::move(array));
    case TypeId::INT8: return Boxed<Int8ArrayBox>(std::move(array));
    case TypeId::INT16: return Boxed<Int16ArrayBox>(std::move(array));
    case TypeId::INT32: return Boxed<Int32ArrayBox>(std::move(array));
    case TypeId::INT64: return Boxed<Int64ArrayBox>(std::move(array));
    case TypeId::UINT8: return Boxed<UInt8ArrayBox>(std::move(array));
    case TypeId::UINT16: return Boxed<UInt16ArrayBox>(std::move(array));
    case TypeId::UINT32: return Boxed<UInt32ArrayBox>(std::move(array));
    case TypeId::UINT64: return Boxed<UInt64ArrayBox>(std::move(array));
    case TypeId::HALF_FLOAT: return Boxed<HalfFloatArrayBox>(std::move(array));
    case TypeId::FLOAT: return Boxed<FloatArrayBox>(std::move(array));
    case TypeId::DOUBLE: return Boxed<DoubleArrayBox>(std::move(array));
    case TypeId::DATE32: return Boxed<Date32ArrayBox>(std::move(array));
    case TypeId::DATE64: return Boxed<Date64ArrayBox>(std::move(array));
    case TypeId::TIMESTAMP: return Boxed<TimestampArrayBox>(std::move(array));
    case TypeId::TIME32: return Boxed<Time32ArrayBox>(std::move(array));
    case TypeId::TIME64: return Boxed<Time64ArrayBox>(std::move(array));
    case TypeId::DURATION: return Boxed<DurationArrayBox>(std::move(array));
    case TypeId::INTERVAL_MONTH_DAY_NANO: return Boxed<MonthDayNanoIntervalArrayBox>(std::move(array));
    case TypeId::STRING: return Boxed<StringArrayBox>(std::move(array));
    case TypeId::BINARY: return Boxed<BinaryArrayBox>(std::move(array));
    case TypeId::LARGE_STRING: return Boxed<LargeStringArrayBox>(std::move(array));
    case TypeId::LARGE_BINARY: return Boxed<LargeBinaryArrayBox>(std::move(array));
    case TypeId::STRING_VIEW: return Boxed<StringViewArrayBox>(std::move(array));
    case TypeId::BINARY_VIEW: return Boxed<BinaryViewArrayBox>(std::move(array));
    case TypeId::FIXED_SIZE_BINARY: return Boxed<FixedSizeBinaryArrayBox>(std::move(array));
    case TypeId::DECIMAL32: return Boxed<Decimal32ArrayBox>(std::move(array));
    case TypeId::DECIMAL64: return Boxed<Decimal64ArrayBox>(std::move(array));
    case TypeId::DECIMAL128: return Boxed<Decimal128ArrayBox>(std::move(array));
    case TypeId::DECIMAL256: return Boxed<Decimal256ArrayBox>(std::move(array));
    case TypeId::LIST: return Boxed<ListArrayBox>(std::move(array));
    case TypeId::LARGE_LIST: return Boxed<LargeListArrayBox>(std::move(array));
    case TypeId::LIST_VIEW: return Boxed<ListViewArrayBox>(std::move(array));
    case TypeId::LARGE_LIST_VIEW: return Boxed<LargeListViewArrayBox>(std::move(array));
    case TypeId::MAP: return Boxed<MapArrayBox>(std::move(array));
    case TypeId::FIXED_SIZE_LIST: return Boxed<FixedSizeListArrayBox>(std::move(array));
    case TypeId::STRUCT: return Boxed<StructArrayBox>(std::move(array));
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION: return Boxed<UnionArrayBox>(std::move(array));
    case TypeId::DICTIONARY: return Boxed<DictionaryArrayBox>(std::move(array));
    case TypeId::RUN_END_ENCODED: return Boxed<RunEndEncodedArrayBox>(std::move(array));
    case TypeId::EXTENSION: return Boxed<ExtensionArrayBox>(std::move(array));
    default: return Boxed<ArrayBox>(std::move(array));
  }
}

py::object WrapArrayData(ArrayDataPtr data) { return WrapArray(MakeArray(std::move(data))); }

ArrayPtr UnwrapArray(py::handle obj) {
  if (!py::isinstance<ArrayBox>(obj)) {
    throw py::type_error("Array expected, got " + py::repr(py::type::of(obj)).cast<std::string>());
  }
  return obj.cast<const ArrayBox&>().array;
}

void RegisterArrays(py::module_& m) {
  RegisterArrayBase(m);
  RegisterTypedArrays(m);
  m.attr("MonthDayNano") = MonthDayNanoClass();
}

}  // namespace arrowpack::python
