// _read_serialized and SerializedPyObject (see serialize_bindings.h); _serialize,
// SerializedPyObject.to_buffer and _deserialize_buffer are registered from here but live in
// serialize_fastcall.cc and serialize_deserialize_buffer.cc.
#include <pybind11/pybind11.h>

#include "arrowpack/core/io_memory.h"
#include "common.h"
#include "native_file.h"
#include "py_buffer.h"
#include "python_file.h"
#include "serialize_bindings.h"
#include "serialize_deserialize_buffer.h"
#include "serialize_fastcall.h"
#include "serialize_internal.h"
#include "serialized_py_object.h"

namespace arrowpack::python {

namespace {

using serialize::SerializedComponents;
using serialize::SerializedObject;

// Python reads only the values (and writes through encoded_stream): no RecordBatch is needed.
constexpr serialize::StreamDecoding kDecoding = serialize::StreamDecoding::kSequence;

void WriteTo(py::handle self_object, py::handle sink) {
  const SerializedPyObject& self = UnwrapSerialized(self_object, "write_to()");
  if (py::isinstance<NativeFile>(sink)) {
    const std::shared_ptr<NativeFile> file = NativeFileFromPython(sink);
    std::shared_ptr<io::OutputStream> out = OutputStreamFromPython(sink);
    ThrowIfError(CallWithoutGil(file->release_gil, [&] { return self.object.WriteTo(out.get()); }));
    return;
  }
  if (!py::hasattr(sink, "write")) throw py::type_error("write_to needs an arrowpack NativeFile or a writable file object");
  PythonFile file(py::reinterpret_borrow<py::object>(sink), io::FileMode::WRITE);
  ThrowIfError(self.object.WriteTo(&file));
}

py::dict ToComponents(py::handle self_object, MemoryPool* pool) {
  const SerializedPyObject& self = UnwrapSerialized(self_object, "to_components()");
  SerializedComponents c = ValueOrThrow(self.object.GetComponents(pool));
  py::dict sparse;
  sparse["coo"] = c.num_sparse_tensors.coo;
  sparse["csr"] = c.num_sparse_tensors.csr;
  sparse["csc"] = c.num_sparse_tensors.csc;
  sparse["csf"] = c.num_sparse_tensors.csf;
  sparse["ndim_csf"] = c.num_sparse_tensors.ndim_csf;
  py::list data;
  for (auto& buffer : c.data) data.append(py::cast(std::move(buffer)));
  py::dict out;
  out["num_tensors"] = c.num_tensors;
  out["num_sparse_tensors"] = sparse;
  out["num_ndarrays"] = c.num_ndarrays;
  out["num_buffers"] = c.num_buffers;
  out["data"] = data;
  return out;
}

int64_t CountFrom(py::handle mapping, const char* key) {
  py::object value = mapping.attr("get")(key, 0);
  return value.cast<int64_t>();
}

py::object FromComponents(py::handle components) {
  if (!py::isinstance<py::dict>(components)) throw py::type_error("components must be a dict as to_components() returns");
  SerializedComponents c;
  c.num_tensors = CountFrom(components, "num_tensors");
  c.num_ndarrays = CountFrom(components, "num_ndarrays");
  c.num_buffers = CountFrom(components, "num_buffers");
  py::object sparse = components.attr("get")("num_sparse_tensors", py::none());
  if (!sparse.is_none()) {
    c.num_sparse_tensors.coo = CountFrom(sparse, "coo");
    c.num_sparse_tensors.csr = CountFrom(sparse, "csr");
    c.num_sparse_tensors.csc = CountFrom(sparse, "csc");
    c.num_sparse_tensors.csf = CountFrom(sparse, "csf");
    c.num_sparse_tensors.ndim_csf = CountFrom(sparse, "ndim_csf");
  }
  py::object data = components.attr("get")("data", py::none());
  if (data.is_none()) throw py::key_error("data");
  for (py::handle item : data) c.data.push_back(BufferFromPyObject(item));
  return WrapSerialized(ValueOrThrow(SerializedObject::FromComponents(c, kDecoding)), py::none());
}

py::object ReadSerialized(py::handle source, py::object base) {
  if (base.is_none()) base = py::reinterpret_borrow<py::object>(source);
  if (py::isinstance<NativeFile>(source)) {
    const std::shared_ptr<NativeFile> file = NativeFileFromPython(source);
    std::shared_ptr<io::RandomAccessFile> in = RandomAccessFileFromPython(source);
    auto object = ValueOrThrow(CallWithoutGil(file->release_gil, [&] { return serialize::ReadSerializedObject(in.get(), {}, kDecoding); }));
    return WrapSerialized(std::move(object), std::move(base));
  }
  if (PyObject_CheckBuffer(source.ptr())) {
    io::BufferReader reader(BufferFromPyObject(source));
    return WrapSerialized(ValueOrThrow(serialize::ReadSerializedObject(&reader, {}, kDecoding)), std::move(base));
  }
  PythonFile file(py::reinterpret_borrow<py::object>(source), io::FileMode::READ);
  return WrapSerialized(ValueOrThrow(serialize::ReadSerializedObject(&file, {}, kDecoding)), std::move(base));
}

}  // namespace

void RegisterSerialization(py::module_& m) {
  InitSerializeWalks();
  py::handle serialized_class = RegisterSerializedPyObjectType(
      m, "A Python value encoded in pyarrow's object format, before it is written out.");
  auto method = [&](const char* name, auto&& function, auto&&... extra) {
    py::setattr(serialized_class, name,
                py::cpp_function(std::forward<decltype(function)>(function), py::name(name),
                                 py::is_method(serialized_class), std::forward<decltype(extra)>(extra)...));
  };
  method("write_to", &WriteTo, py::arg("sink"), "Writes the object to a NativeFile or a Python file object.");
  method("to_components", &ToComponents, py::arg("memory_pool") = nullptr,
         "pyarrow's components dict; array bodies are shared, not copied.");
  method(
      "_deserialize",
      [](py::handle self, py::handle callback) {
        return DeserializePyObject(UnwrapSerialized(self, "_deserialize()").object, callback);
      },
      py::arg("callback"), "The value; dicts with \"_pytype_\" are passed to callback(dict).");
  py::setattr(serialized_class, "from_components",
              py::staticmethod(py::cpp_function(
                  &FromComponents, py::name("from_components"), py::arg("components"),
                  "Rebuilds a SerializedPyObject from to_components()' dict (data: Buffers or bytes-like).")));

  RegisterSerializeFastCalls(m, serialized_class);
  RegisterDeserializeBuffer(m);
  m.def("_read_serialized", &ReadSerialized, py::arg("source"), py::arg("base") = py::none(),
        "Reads one serialized object at the position of source (NativeFile, bytes-like or file object).");
}

}  // namespace arrowpack::python
