// arrowpack.ChunkedArray and pa.chunked_array(): one logical column made of arrays.
#include <sstream>

#include "array_factory.h"
#include "arrow_to_numpy.h"
#include "arrow_to_python.h"
#include "arrowpack/core/array_size_internal.h"
#include "arrowpack/core/concatenate.h"
#include "array_helpers.h"
#include "capsule.h"
#include "columnar.h"
#include "columnar_register.h"
#include "common.h"

namespace arrowpack::python {

namespace {

// Row i of the chunked array as (chunk, row in chunk).
std::pair<const ArrayPtr*, int64_t> Locate(const ChunkedArray& chunked, int64_t i) {
  for (const auto& chunk : chunked.chunks()) {
    if (i < chunk->length()) return {&chunk, i};
    i -= chunk->length();
  }
  throw py::index_error("index out of bounds");
}

py::object GetItem(const ChunkedArrayPtr& chunked, py::handle key) {
  if (PySlice_Check(key.ptr())) {
    Py_ssize_t start = 0, stop = 0, step = 0;
    if (PySlice_Unpack(key.ptr(), &start, &stop, &step) != 0) throw py::error_already_set();
    const Py_ssize_t length = PySlice_AdjustIndices(static_cast<Py_ssize_t>(chunked->length()), &start, &stop, step);
    if (step != 1) RaiseStatus(Status::NotImplemented("slices with a step other than 1 are not supported"));
    return py::cast(chunked->Slice(start, length));
  }
  int64_t i = key.cast<int64_t>();
  if (i < 0) i += chunked->length();
  if (i < 0 || i >= chunked->length()) throw py::index_error("index out of bounds");
  auto [chunk, row] = Locate(*chunked, i);
  return WrapScalar(*chunk, row);
}

ArrayPtr Combine(const ChunkedArray& chunked, MemoryPool* pool) {
  if (chunked.num_chunks() == 1) return chunked.chunk(0);
  if (chunked.num_chunks() == 0) return MakeEmptyArray(chunked.type());
  return ValueOrThrow(Concatenate(chunked.chunks(), pool));
}

py::list ToPyList(const ChunkedArray& chunked) {
  py::list out(chunked.length());
  int64_t position = 0;
  for (const auto& chunk : chunked.chunks()) {
    py::list values = ArrayToPyList(chunk);
    for (int64_t i = 0; i < chunk->length(); ++i) {
      PyList_SET_ITEM(out.ptr(), position++, py::object(values[i]).release().ptr());
    }
  }
  return out;
}

py::object ToNumpy(const ChunkedArrayPtr& chunked, bool zero_copy_only) {
  if (chunked->num_chunks() == 1) {
    const ArrayPtr& chunk = chunked->chunk(0);
    return ArrayToNumpy(chunk, WrapArray(chunk), zero_copy_only, false);
  }
  if (zero_copy_only) {
    RaiseStatus(Status::Invalid("Needed to copy ", chunked->num_chunks(), " chunks with ", chunked->null_count(),
                                " nulls, but zero_copy_only was True"));
  }
  py::list parts;
  for (const auto& chunk : chunked->chunks()) parts.append(ArrayToNumpy(chunk, WrapArray(chunk), false, false));
  if (parts.empty()) return ArrayToNumpy(Combine(*chunked, nullptr), py::none(), false, false);
  return py::module_::import("numpy").attr("concatenate")(parts);
}

std::string Repr(const ChunkedArray& chunked, py::handle self) {
  std::ostringstream out;
  out << "<arrowpack.lib.ChunkedArray object at 0x" << std::hex << reinterpret_cast<uintptr_t>(self.ptr()) << std::dec
      << ">\n"
      << chunked.ToString();
  return out.str();
}

ChunkedArrayPtr MakeChunkedArray(py::handle arrays, py::handle type_arg) {
  const TypePtr explicit_type = type_arg.is_none() ? nullptr : TypeFromPython(type_arg);
  if (py::isinstance<ChunkedArray>(arrays)) return arrays.cast<ChunkedArrayPtr>();
  if (HasArrowMethod(arrays, "__arrow_c_stream__") && !py::isinstance<py::list>(arrays)) {
    return ImportChunkedArrayFrom(arrays, explicit_type);
  }
  if (HasArrowMethod(arrays, "__arrow_c_array__")) return std::make_shared<ChunkedArray>(AsArray(arrays, explicit_type));
  // Like pyarrow: Arrow arrays keep their type (mismatches are reported below); Python values
  // convert to the explicit type, else to the first chunk's.
  ArrayVector chunks;
  TypePtr type = explicit_type;
  for (py::handle item : arrays) {
    const bool arrow_object = py::isinstance<ArrayBox>(item) || HasArrowMethod(item, "__arrow_c_array__");
    chunks.push_back(AsArray(item, arrow_object ? explicit_type : type));
    if (type == nullptr) type = chunks.back()->type();
  }
  if (chunks.empty() && type == nullptr) {
    RaiseStatus(Status::Invalid("cannot construct ChunkedArray from empty vector and omitted type"));
  }
  return ValueOrThrow(ChunkedArray::Make(std::move(chunks), std::move(type)));
}

}  // namespace

void RegisterChunkedArrays(py::module_& m) {
  py::class_<ChunkedArray, ChunkedArrayPtr>(m, "ChunkedArray", "One logical column made of arrays (chunks).")
      .def_property_readonly("type", [](const ChunkedArray& self) { return WrapType(self.type()); })
      .def("length", &ChunkedArray::length)
      .def("__len__", &ChunkedArray::length)
      .def_property_readonly("null_count", &ChunkedArray::null_count)
      .def_property_readonly("is_cpu", [](const ChunkedArray&) { return true; }, "True: arrowpack memory is CPU memory.")
      .def_property_readonly("num_chunks", &ChunkedArray::num_chunks)
      .def_property_readonly("chunks",
                             [](const ChunkedArray& self) {
                               py::list chunks;
                               for (const auto& chunk : self.chunks()) chunks.append(WrapArray(chunk));
                               return chunks;
                             })
      .def(
          "chunk",
          [](const ChunkedArray& self, int i) {
            if (i < 0) i += self.num_chunks();
            if (i < 0 || i >= self.num_chunks()) throw py::index_error("chunk index out of bounds");
            return WrapArray(self.chunk(i));
          },
          py::arg("i"))
      .def("iterchunks",
           [](const ChunkedArray& self) {
             py::list chunks;
             for (const auto& chunk : self.chunks()) chunks.append(WrapArray(chunk));
             return py::iter(chunks);
           })
      .def_property_readonly("nbytes",
                             [](const ChunkedArray& self) {
                               int64_t total = 0;
                               for (const auto& chunk : self.chunks()) total += ReferencedBytes(*chunk->data());
                               return total;
                             })
      .def("get_total_buffer_size",
           [](const ChunkedArray& self) {
             int64_t total = 0;
             for (const auto& chunk : self.chunks()) total += internal::TotalBufferSize(*chunk->data());
             return total;
           })
      .def(
          "slice",
          [](const ChunkedArray& self, int64_t offset, py::handle length) {
            if (offset < 0) throw py::index_error("Offset must be non-negative");
            if (length.is_none()) return self.Slice(offset);
            const int64_t count = length.cast<int64_t>();
            if (count < 0) throw py::value_error("Length must be non-negative");
            return self.Slice(offset, count);
          },
          py::arg("offset") = 0, py::arg("length") = py::none(), "Zero-copy slice of the logical rows.")
      .def("__getitem__", &GetItem)
      .def("__iter__",
           [](const ChunkedArray& self) {
             py::list scalars;
             for (const auto& chunk : self.chunks()) {
               for (int64_t i = 0; i < chunk->length(); ++i) scalars.append(WrapScalar(chunk, i));
             }
             return py::iter(scalars);
           })
      .def(
          "equals", [](const ChunkedArray& self, const ChunkedArray& other) { return self.Equals(other); },
          py::arg("other"))
      .def("__eq__",
           [](const ChunkedArray& self, py::handle other) {
             return py::isinstance<ChunkedArray>(other) && self.Equals(other.cast<const ChunkedArray&>());
           })
      .def(
          "combine_chunks",
          [](const ChunkedArray& self, MemoryPool* pool) { return WrapArray(Combine(self, pool)); },
          py::arg("memory_pool") = py::none(), "One array with every chunk's values (copied unless single).")
      .def("to_pylist", &ToPyList)
      .def(
          "to_numpy", [](const ChunkedArrayPtr& self, bool zero_copy_only) { return ToNumpy(self, zero_copy_only); },
          py::kw_only(), py::arg("zero_copy_only") = false)
      .def(
          "__array__",
          [](const ChunkedArrayPtr& self, py::object dtype, py::object) {
            py::object result = ToNumpy(self, false);
            return dtype.is_none() ? result : result.attr("astype")(dtype);
          },
          py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def(
          "to_pandas",
          [](py::handle self, py::kwargs kwargs) {
            return py::module_::import("arrowpack._pandas").attr("chunked_array_to_pandas")(self, **kwargs);
          })
      .def(
          "validate",
          [](const ChunkedArray& self, bool full) {
            Status status = full ? self.ValidateFull() : self.Validate();
            if (!status.ok()) RaiseStatus(Status::Invalid(status.message()));
          },
          py::kw_only(), py::arg("full") = false)
      .def("to_string", &ChunkedArray::ToString)
      .def("__str__", &ChunkedArray::ToString)
      .def("__repr__", [](py::handle self) { return Repr(self.cast<const ChunkedArray&>(), self); });

  m.def(
      "chunked_array",
      [](py::handle arrays, py::handle type) { return MakeChunkedArray(arrays, type); }, py::arg("arrays"),
      py::arg("type") = py::none(),
      "A ChunkedArray from arrays (or array-likes converted with array()), or from an object with "
      "__arrow_c_stream__.");
}

}  // namespace arrowpack::python
