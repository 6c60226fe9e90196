// Array constructors: Array.from_buffers and the from_arrays family (ListArray, LargeListArray,
// ListViewArray, MapArray, FixedSizeListArray, StructArray, DictionaryArray, RunEndEncodedArray,
// UnionArray.from_sparse/from_dense, ExtensionArray.from_storage). Inputs are shared, not copied, wherever the layout allows;
// every result is fully validated, so malformed input raises ArrowInvalid here.
#include <cstring>

#include "array_classes.h"
#include "array_factory.h"
#include "array_helpers.h"
#include "arrowpack/core/array_internal.h"
#include "columnar_register.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

py::object Checked(ArrayDataPtr data) {
  ArrayPtr array = MakeArray(std::move(data));
  Status status = array->ValidateFull();
  if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
  return WrapArray(std::move(array));
}

TypePtr OptionalType(py::handle type) { return type.is_none() ? nullptr : TypeFromPython(type); }

// The fixed-width values of `array` from its first row, zero-copy.
std::shared_ptr<Buffer> ValuesFromFirstRow(const Array& array, int64_t count) {
  const int width = array.type()->bit_width() / 8;
  const auto& buffer = array.data()->buffers[1];
  if (buffer == nullptr) return nullptr;
  return SliceBuffer(buffer, array.offset() * width, count * width);
}

std::shared_ptr<Buffer> MaskValidity(py::handle mask, int64_t length) {
  if (mask.is_none()) return nullptr;
  return ValidityFromMask(*AsArray(mask, boolean()), length);
}

// Bitwise AND of two optional bitmaps of `length` bits starting at bit 0.
std::shared_ptr<Buffer> AndBitmaps(std::shared_ptr<Buffer> left, const std::shared_ptr<Buffer>& right, int64_t length) {
  if (left == nullptr) return right;
  if (right == nullptr) return left;
  std::shared_ptr<Buffer> out = AllocateBitmap(length);
  for (int64_t i = 0; i < bit_util::BytesForBits(length); ++i) {
    out->mutable_data()[i] = left->data()[i] & right->data()[i];
  }
  return out;
}

// ---- from_buffers --------------------------------------------------------------------------------

py::object FromBuffers(py::handle type_arg, int64_t length, py::list buffers, int64_t null_count, int64_t offset,
                       py::handle children_arg) {
  TypePtr type = TypeFromPython(type_arg);
  if (type->id() == TypeId::DICTIONARY) {
    RaiseStatus(Status::NotImplemented("from_buffers cannot build dictionary arrays; use DictionaryArray.from_arrays"));
  }
  if (length < 0 || offset < 0) RaiseStatus(Status::Invalid("length and offset must be non-negative"));
  const DataTypeLayout layout = type->layout();
  std::vector<std::shared_ptr<Buffer>> owned;
  for (py::handle buffer : buffers) owned.push_back(buffer.is_none() ? nullptr : BufferFromPyObject(buffer));
  // pyarrow counts a (always absent) validity slot for unions and run-end encoded arrays.
  const TypeId id = type->id();
  if ((id == TypeId::SPARSE_UNION || id == TypeId::DENSE_UNION || id == TypeId::RUN_END_ENCODED) &&
      owned.size() == layout.buffers.size() + 1 && owned[0] == nullptr) {
    owned.erase(owned.begin());
  }
  const size_t expected = layout.buffers.size();
  const size_t given = owned.size();
  if (given < expected || (given > expected && !layout.variadic)) {
    throw py::value_error("Type's expected number of buffers (" + std::to_string(expected) +
                          ") did not match the passed number (" + std::to_string(given) + ").");
  }
  std::vector<ArrayDataPtr> children;
  if (!children_arg.is_none()) {
    for (py::handle child : children_arg) children.push_back(UnwrapArray(child)->data());
  }
  if (static_cast<int>(children.size()) != type->num_fields()) {
    throw py::value_error("Type's expected number of children (" + std::to_string(type->num_fields()) +
                          ") did not match the passed number (" + std::to_string(children.size()) + ").");
  }
  return Checked(ArrayData::Make(std::move(type), length, std::move(owned), std::move(children),
                                 null_count < 0 ? kUnknownNullCount : null_count, offset));
}

// ---- Lists ----------------------------------------------------------------------------------------

// Offsets for a list built from an offsets array that may hold nulls: a null offset marks a null
// list and takes the next offset's value, so the offsets stay monotonic.
template <typename Offset>
std::pair<std::shared_ptr<Buffer>, std::shared_ptr<Buffer>> ListOffsetsAndValidity(const Array& offsets) {
  const int64_t count = offsets.length();
  if (count == 0) RaiseStatus(Status::Invalid("list offsets must have at least one element"));
  if (offsets.null_count() == 0) return {ValuesFromFirstRow(offsets, count), nullptr};
  if (offsets.IsNull(count - 1)) RaiseStatus(Status::Invalid("the last list offset must not be null"));
  const Offset* source = offsets.data()->GetValues<Offset>(1);
  std::shared_ptr<Buffer> copy = ValueOrThrow(AllocateBuffer(count * static_cast<int64_t>(sizeof(Offset))));
  auto* out = reinterpret_cast<Offset*>(copy->mutable_data());
  std::shared_ptr<Buffer> validity = AllocateBitmap(count - 1);
  out[count - 1] = source[count - 1];
  for (int64_t i = count - 2; i >= 0; --i) {
    const bool valid = offsets.IsValid(i);
    out[i] = valid ? source[i] : out[i + 1];
    if (valid) bit_util::SetBit(validity->mutable_data(), i);
  }
  return {copy, validity};
}

template <typename Offset>
py::object ListFromArrays(py::handle offsets_arg, py::handle values_arg, py::handle type_arg, py::handle mask,
                          bool large) {
  ArrayPtr offsets = AsArray(offsets_arg, large ? int64() : int32());
  ArrayPtr values = AsArray(values_arg);
  if (offsets->type_id() != (large ? TypeId::INT64 : TypeId::INT32)) {
    throw py::type_error(std::string("list offsets must be ") + (large ? "int64" : "int32") + ", got " +
                         offsets->type()->ToString());
  }
  TypePtr type = OptionalType(type_arg);
  if (type == nullptr) type = large ? large_list(field("item", values->type())) : list(values->type());
  if (type->id() != (large ? TypeId::LARGE_LIST : TypeId::LIST) ||
      !static_cast<const BaseListType&>(*type).value_type()->Equals(*values->type())) {
    throw py::type_error("type " + type->ToString() + " does not match the values' type " + values->type()->ToString());
  }
  auto [offset_buffer, validity] = ListOffsetsAndValidity<Offset>(*offsets);
  const int64_t length = offsets->length() - 1;
  validity = AndBitmaps(validity, MaskValidity(mask, length), length);
  return Checked(ArrayData::Make(type, length, {validity, offset_buffer}, {values->data()}));
}

py::object ListViewFromArrays(py::handle offsets_arg, py::handle sizes_arg, py::handle values_arg, py::handle type_arg,
                              py::handle mask, bool large) {
  const TypePtr offset_type = large ? int64() : int32();
  ArrayPtr offsets = AsArray(offsets_arg, offset_type);
  ArrayPtr sizes = AsArray(sizes_arg, offset_type);
  ArrayPtr values = AsArray(values_arg);
  if (!offsets->type()->Equals(*offset_type) || !sizes->type()->Equals(*offset_type)) {
    throw py::type_error("list view offsets and sizes must be " + offset_type->ToString());
  }
  if (offsets->length() != sizes->length()) RaiseStatus(Status::Invalid("offsets and sizes differ in length"));
  if (offsets->null_count() != 0 || sizes->null_count() != 0) {
    RaiseStatus(Status::Invalid("list view offsets and sizes must not be null; use mask"));
  }
  TypePtr type = OptionalType(type_arg);
  if (type == nullptr) type = large ? large_list_view(field("item", values->type())) : list_view(field("item", values->type()));
  const int64_t length = offsets->length();
  return Checked(ArrayData::Make(
      type, length,
      {MaskValidity(mask, length), ValuesFromFirstRow(*offsets, length), ValuesFromFirstRow(*sizes, length)},
      {values->data()}));
}

py::object MapFromArrays(py::handle offsets_arg, py::handle keys_arg, py::handle items_arg, py::handle type_arg,
                         py::handle mask) {
  ArrayPtr offsets = AsArray(offsets_arg, int32());
  ArrayPtr keys = AsArray(keys_arg);
  ArrayPtr items = AsArray(items_arg);
  if (keys->length() != items->length()) RaiseStatus(Status::Invalid("keys and items must have the same length"));
  TypePtr type = OptionalType(type_arg);
  if (type == nullptr) type = ValueOrThrow(map(field("key", keys->type(), false), field("value", items->type())));
  const TypePtr& entries_type = type->field(0)->type();
  auto entries = ArrayData::Make(entries_type, keys->length(), {nullptr}, {keys->data(), items->data()}, 0);
  auto [offset_buffer, validity] = ListOffsetsAndValidity<int32_t>(*offsets);
  const int64_t length = offsets->length() - 1;
  validity = AndBitmaps(validity, MaskValidity(mask, length), length);
  return Checked(ArrayData::Make(type, length, {validity, offset_buffer}, {entries}));
}

py::object FixedSizeListFromArrays(py::handle values_arg, py::handle list_size, py::handle type_arg, py::handle mask) {
  ArrayPtr values = AsArray(values_arg);
  TypePtr type = OptionalType(type_arg);
  if (type == nullptr) {
    if (list_size.is_none()) throw py::value_error("list_size or type must be given");
    type = ValueOrThrow(fixed_size_list(field("item", values->type()), list_size.cast<int32_t>()));
  } else if (type->id() != TypeId::FIXED_SIZE_LIST) {
    throw py::type_error("type must be a fixed_size_list type, got " + type->ToString());
  }
  const int32_t size = static_cast<const FixedSizeListType&>(*type).list_size();
  if (size == 0 || values->length() % size != 0) {
    RaiseStatus(Status::Invalid("the length of values (", values->length(), ") is not a multiple of list_size (",
                                size, ")"));
  }
  const int64_t length = values->length() / size;
  return Checked(ArrayData::Make(type, length, {MaskValidity(mask, length)}, {values->data()}));
}

// ---- Struct, dictionary, run-end encoded, union ------------------------------------------------------

py::object StructFromArrays(py::handle arrays_arg, py::handle names, py::handle fields_arg, py::handle mask,
                            py::handle type_arg) {
  ArrayVector arrays;
  for (py::handle array : arrays_arg) arrays.push_back(AsArray(array));
  FieldVector fields;
  if (!type_arg.is_none()) {
    fields = TypeFromPython(type_arg)->fields();
  } else if (!fields_arg.is_none()) {
    for (py::handle field : fields_arg) fields.push_back(FieldFromPython(field));
  } else if (!names.is_none()) {
    size_t i = 0;
    for (py::handle name : names) {
      if (i >= arrays.size()) break;
      fields.push_back(field(name.cast<std::string>(), arrays[i++]->type()));
    }
  } else {
    throw py::value_error("Must pass either names or fields");
  }
  if (fields.size() != arrays.size()) RaiseStatus(Status::Invalid("Mismatching number of fields and child arrays"));
  const int64_t length = arrays.empty() ? 0 : arrays[0]->length();
  std::vector<ArrayDataPtr> children;
  for (size_t i = 0; i < arrays.size(); ++i) {
    if (arrays[i]->length() != length) {
      RaiseStatus(Status::Invalid("Length of child arrays must all be equal (", arrays[i]->length(), " != ", length, ")"));
    }
    if (!arrays[i]->type()->Equals(*fields[i]->type())) {
      throw py::type_error("child array " + std::to_string(i) + " has type " + arrays[i]->type()->ToString() +
                           " but the field says " + fields[i]->type()->ToString());
    }
    children.push_back(arrays[i]->data());
  }
  return Checked(ArrayData::Make(struct_(std::move(fields)), length, {MaskValidity(mask, length)}, std::move(children)));
}

py::object DictionaryFromArrays(py::handle indices_arg, py::handle dictionary_arg, py::handle mask, bool ordered,
                                bool from_pandas) {
  ArrayPtr indices = AsArray(indices_arg);
  ArrayPtr dictionary = AsArray(dictionary_arg);
  if (!is_integer(indices->type_id())) throw py::type_error("dictionary indices must be integers");
  const int64_t length = indices->length();
  std::shared_ptr<Buffer> validity = CopyValidity(*indices);
  if (from_pandas && is_signed_integer(indices->type_id())) {
    // pandas codes use -1 for missing values.
    std::shared_ptr<Buffer> negative;
    const auto& data = *indices->data();
    for (int64_t i = 0; i < length; ++i) {
      if (indices->IsValid(i) && internal::ReadInteger(indices->type_id(), data.buffers[1]->data(), data.offset + i) < 0) {
        if (negative == nullptr) {
          negative = AllocateBitmap(length);
          std::memset(negative->mutable_data(), 0xFF, static_cast<size_t>(bit_util::BytesForBits(length)));
        }
        bit_util::ClearBit(negative->mutable_data(), i);
      }
    }
    validity = AndBitmaps(validity, negative, length);
  }
  validity = AndBitmaps(validity, MaskValidity(mask, length), length);
  TypePtr type = ValueOrThrow(arrowpack::dictionary(indices->type(), dictionary->type(), ordered));
  auto data = ArrayData::Make(type, length, {validity, ValuesFromFirstRow(*indices, length)});
  data->dictionary = dictionary->data();
  return Checked(std::move(data));
}

py::object RunEndEncodedFromArrays(py::handle run_ends_arg, py::handle values_arg, py::handle type_arg) {
  ArrayPtr run_ends = AsArray(run_ends_arg, int32());
  ArrayPtr values = AsArray(values_arg);
  TypePtr type = OptionalType(type_arg);
  if (type == nullptr) type = ValueOrThrow(run_end_encoded(run_ends->type(), values->type()));
  int64_t length = 0;
  if (run_ends->length() > 0) {
    if (run_ends->IsNull(run_ends->length() - 1)) RaiseStatus(Status::Invalid("run ends must not be null"));
    const auto& data = *run_ends->data();
    if (!is_integer(run_ends->type_id())) throw py::type_error("run ends must be integers");
    length = internal::ReadInteger(run_ends->type_id(), data.buffers[1]->data(), data.offset + run_ends->length() - 1);
  }
  if (length < 0) RaiseStatus(Status::Invalid("run ends must be positive"));
  return Checked(ArrayData::Make(type, length, {}, {run_ends->data(), values->data()}, 0));
}

TypePtr UnionTypeFor(TypeId id, const ArrayVector& children, py::handle names, py::handle codes) {
  FieldVector fields;
  std::vector<std::string> field_names;
  if (!names.is_none()) field_names = names.cast<std::vector<std::string>>();
  if (!field_names.empty() && field_names.size() != children.size()) {
    RaiseStatus(Status::Invalid("field_names must have one name per child"));
  }
  for (size_t i = 0; i < children.size(); ++i) {
    fields.push_back(field(field_names.empty() ? std::to_string(i) : field_names[i], children[i]->type()));
  }
  std::vector<int8_t> type_codes;
  if (!codes.is_none()) {
    for (int code : codes.cast<std::vector<int>>()) type_codes.push_back(static_cast<int8_t>(code));
  }
  return ValueOrThrow(id == TypeId::DENSE_UNION ? dense_union(std::move(fields), std::move(type_codes))
                                                : sparse_union(std::move(fields), std::move(type_codes)));
}

py::object UnionFromArrays(bool dense, py::handle types_arg, py::handle offsets_arg, py::handle children_arg,
                           py::handle names, py::handle codes) {
  ArrayPtr types = AsArray(types_arg, int8());
  if (types->type_id() != TypeId::INT8 || types->null_count() != 0) {
    throw py::type_error("union type ids must be a non-null int8 array");
  }
  ArrayVector children;
  std::vector<ArrayDataPtr> child_data;
  for (py::handle child : children_arg) {
    children.push_back(AsArray(child));
    child_data.push_back(children.back()->data());
  }
  TypePtr type = UnionTypeFor(dense ? TypeId::DENSE_UNION : TypeId::SPARSE_UNION, children, names, codes);
  const int64_t length = types->length();
  std::vector<std::shared_ptr<Buffer>> buffers = {ValuesFromFirstRow(*types, length)};
  if (dense) {
    ArrayPtr offsets = AsArray(offsets_arg, int32());
    if (offsets->type_id() != TypeId::INT32 || offsets->null_count() != 0 || offsets->length() != length) {
      RaiseStatus(Status::Invalid("dense union offsets must be a non-null int32 array as long as the type ids"));
    }
    buffers.push_back(ValuesFromFirstRow(*offsets, length));
  }
  return Checked(ArrayData::Make(type, length, std::move(buffers), std::move(child_data), 0));
}

// An extension array sharing `storage`'s buffers; TypeError unless the storage type matches.
py::object ExtensionFromStorage(py::handle type_arg, py::handle storage_arg) {
  TypePtr type = TypeFromPython(type_arg);
  if (type->id() != TypeId::EXTENSION) throw py::type_error("from_storage needs an extension type, got " + type->ToString());
  ArrayPtr storage = AsArray(storage_arg);
  const TypePtr& storage_type = static_cast<const ExtensionType&>(*type).storage_type();
  if (!storage->type()->Equals(*storage_type)) {
    throw py::type_error("storage of type " + storage->type()->ToString() + " does not match the extension's " +
                         storage_type->ToString());
  }
  auto data = std::make_shared<ArrayData>(*storage->data());
  data->type = std::move(type);
  return Checked(std::move(data));
}

template <typename Box, typename Function, typename... Extra>
void AddStatic(const char* name, Function&& function, const Extra&... extra) {
  py::object cls = py::type::of<Box>();
  cls.attr(name) = py::staticmethod(py::cpp_function(std::forward<Function>(function), py::name(name), extra...));
}

}  // namespace

void RegisterArrayConstructors(py::module_&) {
  AddStatic<ArrayBox>("from_buffers", &FromBuffers, py::arg("type"), py::arg("length"), py::arg("buffers"),
                      py::arg("null_count") = -1, py::arg("offset") = 0, py::arg("children") = py::none(),
                      "An array over existing buffers (this node's) and child arrays; validated fully.");
  AddStatic<ListArrayBox>(
      "from_arrays",
      [](py::handle offsets, py::handle values, py::handle type, py::handle, py::handle mask) {
        return ListFromArrays<int32_t>(offsets, values, type, mask, false);
      },
      py::arg("offsets"), py::arg("values"), py::arg("type") = py::none(), py::arg("pool") = py::none(),
      py::arg("mask") = py::none(), "A list array from int32 offsets (null offsets make null lists) and values.");
  AddStatic<LargeListArrayBox>(
      "from_arrays",
      [](py::handle offsets, py::handle values, py::handle type, py::handle, py::handle mask) {
        return ListFromArrays<int64_t>(offsets, values, type, mask, true);
      },
      py::arg("offsets"), py::arg("values"), py::arg("type") = py::none(), py::arg("pool") = py::none(),
      py::arg("mask") = py::none());
  AddStatic<ListViewArrayBox>(
      "from_arrays",
      [](py::handle offsets, py::handle sizes, py::handle values, py::handle type, py::handle, py::handle mask) {
        return ListViewFromArrays(offsets, sizes, values, type, mask, false);
      },
      py::arg("offsets"), py::arg("sizes"), py::arg("values"), py::arg("type") = py::none(),
      py::arg("pool") = py::none(), py::arg("mask") = py::none());
  AddStatic<LargeListViewArrayBox>(
      "from_arrays",
      [](py::handle offsets, py::handle sizes, py::handle values, py::handle type, py::handle, py::handle mask) {
        return ListViewFromArrays(offsets, sizes, values, type, mask, true);
      },
      py::arg("offsets"), py::arg("sizes"), py::arg("values"), py::arg("type") = py::none(),
      py::arg("pool") = py::none(), py::arg("mask") = py::none());
  AddStatic<MapArrayBox>(
      "from_arrays",
      [](py::handle offsets, py::handle keys, py::handle items, py::handle type, py::handle, py::handle mask) {
        return MapFromArrays(offsets, keys, items, type, mask);
      },
      py::arg("offsets"), py::arg("keys"), py::arg("items") = py::none(), py::arg("type") = py::none(),
      py::arg("pool") = py::none(), py::arg("mask") = py::none());
  AddStatic<FixedSizeListArrayBox>("from_arrays", &FixedSizeListFromArrays, py::arg("values"),
                                   py::arg("list_size") = py::none(), py::arg("type") = py::none(),
                                   py::arg("mask") = py::none());
  AddStatic<StructArrayBox>(
      "from_arrays",
      [](py::handle arrays, py::handle names, py::handle fields, py::handle mask, py::handle, py::handle type) {
        return StructFromArrays(arrays, names, fields, mask, type);
      },
      py::arg("arrays"), py::arg("names") = py::none(), py::arg("fields") = py::none(), py::arg("mask") = py::none(),
      py::arg("memory_pool") = py::none(), py::arg("type") = py::none());
  AddStatic<DictionaryArrayBox>(
      "from_arrays",
      [](py::handle indices, py::handle dictionary, py::handle mask, bool ordered, bool from_pandas, bool, py::handle) {
        return DictionaryFromArrays(indices, dictionary, mask, ordered, from_pandas);
      },
      py::arg("indices"), py::arg("dictionary"), py::arg("mask") = py::none(), py::arg("ordered") = false,
      py::arg("from_pandas") = false, py::arg("safe") = true, py::arg("memory_pool") = py::none());
  AddStatic<RunEndEncodedArrayBox>("from_arrays", &RunEndEncodedFromArrays, py::arg("run_ends"), py::arg("values"),
                                   py::arg("type") = py::none());
  AddStatic<UnionArrayBox>(
      "from_sparse",
      [](py::handle types, py::handle children, py::handle names, py::handle codes) {
        return UnionFromArrays(false, types, py::none(), children, names, codes);
      },
      py::arg("types"), py::arg("children"), py::arg("field_names") = py::none(), py::arg("type_codes") = py::none());
  AddStatic<UnionArrayBox>(
      "from_dense",
      [](py::handle types, py::handle offsets, py::handle children, py::handle names, py::handle codes) {
        return UnionFromArrays(true, types, offsets, children, names, codes);
      },
      py::arg("types"), py::arg("value_offsets"), py::arg("children"), py::arg("field_names") = py::none(),
      py::arg("type_codes") = py::none());
  AddStatic<ExtensionArrayBox>("from_storage", &ExtensionFromStorage, py::arg("typ"), py::arg("storage"),
                               "An extension array of type `typ` over `storage` (shared, not copied).");
}

}  // namespace arrowpack::python
