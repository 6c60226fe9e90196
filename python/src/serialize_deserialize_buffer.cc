// _deserialize_buffer (see serialize_deserialize_buffer.h). Errors become Python exceptions as
// pybind11 functions raise them (fastcall_arguments.h): Status errors through RaiseStatus
// (errors.h), other C++ exceptions through pybind11's registered translators.
//
// Plain objects (no tensors, ndarrays or buffers; most small ones) are read in place by
// serialize::ReadPlainObject into the thread's reusable SequenceReader: no Buffer, reader or
// SerializedObject is allocated. Everything else, and every input the fast path declines
// (invalid input included, whose errors the generic path reports), goes through
// ReadSerializedObject as before.
#include "serialize_deserialize_buffer.h"

#include <array>
#include <memory>
#include <stdexcept>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "common.h"
#include "fastcall_arguments.h"
#include "py_buffer.h"
#include "serialize_internal.h"

namespace arrowpack::python {

namespace {

const py::detail::type_info* buffer_type = nullptr;

// The bytes of `source` for the duration of the call, without copying or wrapping them: bytes,
// an arrowpack Buffer (exact type) or another contiguous buffer-protocol object (not a Buffer
// subclass). Empty (data() == nullptr) for anything else, which the generic path handles.
class BorrowedBytes {
 public:
  explicit BorrowedBytes(PyObject* source) {
    if (PyBytes_CheckExact(source)) {
      data_ = reinterpret_cast<const uint8_t*>(PyBytes_AS_STRING(source));
      size_ = PyBytes_GET_SIZE(source);
    } else if (Py_TYPE(source) == buffer_type->type) {
      auto* instance = reinterpret_cast<py::detail::instance*>(source);
      const py::detail::value_and_holder holder = instance->get_value_and_holder(buffer_type);
      if (holder.holder_constructed()) {
        const Buffer& buffer = *holder.holder<std::shared_ptr<Buffer>>();
        data_ = buffer.data();
        size_ = buffer.size();
      }
    } else if (!PyObject_TypeCheck(source, buffer_type->type) && PyObject_CheckBuffer(source)) {
      if (PyObject_GetBuffer(source, &view_, PyBUF_ANY_CONTIGUOUS) == 0) {
        data_ = static_cast<const uint8_t*>(view_.buf);
        size_ = view_.len;
      } else {
        PyErr_Clear();  // the generic path raises the error
      }
    }
  }
  ~BorrowedBytes() {
    if (view_.obj != nullptr) PyBuffer_Release(&view_);
  }
  BorrowedBytes(const BorrowedBytes&) = delete;
  BorrowedBytes& operator=(const BorrowedBytes&) = delete;

  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  Py_buffer view_{};
};

// The thread's reusable reader for one call; a nested call (from a deserialization callback)
// finds it taken and makes its own. Readers that grew beyond kMaxSpareBytes are not kept.
class PlainReader {
 public:
  PlainReader() : reader_(std::move(spare_)) {
    if (reader_ == nullptr) reader_ = serialize::SequenceReader::MakeReusable();
  }
  ~PlainReader() {
    if (spare_ == nullptr && reader_->retained_bytes() <= kMaxSpareBytes) spare_ = std::move(reader_);
  }
  PlainReader(const PlainReader&) = delete;
  PlainReader& operator=(const PlainReader&) = delete;

  serialize::SequenceReader* get() const { return reader_.get(); }

 private:
  static constexpr size_t kMaxSpareBytes = size_t{1} << 16;
  static thread_local std::unique_ptr<serialize::SequenceReader> spare_;
  std::unique_ptr<serialize::SequenceReader> reader_;
};

thread_local std::unique_ptr<serialize::SequenceReader> PlainReader::spare_;

py::object DeserializeBuffer(py::handle source, py::handle callback) {
  {
    const BorrowedBytes bytes(source.ptr());
    if (bytes.data() != nullptr) {
      static const serialize::SerializedObject kNoComponents;
      const PlainReader reader;
      if (serialize::ReadPlainObject(bytes.data(), bytes.size(), reader.get())) {
        return DeserializeValues(*reader.get(), kNoComponents, callback);
      }
    }
  }
  io::BufferReader reader(BufferFromPyObject(source));
  const serialize::SerializedObject object =
      ValueOrThrow(serialize::ReadSerializedObject(&reader, {}, serialize::StreamDecoding::kSequence));
  return DeserializePyObject(object, callback);
}

PyObject* DeserializeBufferEntry(PyObject* /*module*/, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 2> parsed;
  if (!ParseArguments("_deserialize_buffer", std::array{"source", "callback"}, 2, args, nargs, kwnames, &parsed)) {
    return nullptr;
  }
  return TranslatingExceptions([&] { return DeserializeBuffer(parsed[0], parsed[1]).release().ptr(); });
}

// The default context's _deserialize_callback, from the getter Python sets (called on first use).
PyObject* default_callback_getter = nullptr;
PyObject* default_callback = nullptr;
PyObject* callback_name = nullptr;

PyObject* SetDefaultDeserializeCallbackGetter(PyObject* /*module*/, PyObject* getter) {
  Py_INCREF(getter);
  Py_XSETREF(default_callback_getter, getter);
  Py_CLEAR(default_callback);
  Py_RETURN_NONE;
}

// deserialize(obj, context=None): _deserialize_buffer(obj, context._deserialize_callback) without
// a Python frame in between.
PyObject* DeserializeInContext(PyObject* /*module*/, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  std::array<PyObject*, 2> parsed;
  if (!ParseArguments("deserialize", std::array{"obj", "context"}, 1, args, nargs, kwnames, &parsed)) return nullptr;
  PyObject* callback = nullptr;
  if (parsed[1] == nullptr || parsed[1] == Py_None) {
    if (default_callback == nullptr) {
      if (default_callback_getter == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "deserialize: the default context getter is not set");
        return nullptr;
      }
      default_callback = PyObject_CallObject(default_callback_getter, nullptr);
      if (default_callback == nullptr) return nullptr;
    }
    callback = default_callback;
    Py_INCREF(callback);
  } else {
    callback = PyObject_GetAttr(parsed[1], callback_name);
    if (callback == nullptr) return nullptr;
  }
  PyObject* out = TranslatingExceptions([&] { return DeserializeBuffer(parsed[0], callback).release().ptr(); });
  Py_DECREF(callback);
  return out;
}

PyMethodDef deserialize_buffer_def = {
    "_deserialize_buffer", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&DeserializeBufferEntry)),
    METH_FASTCALL | METH_KEYWORDS,
    "_deserialize_buffer(source, callback)\n--\n\n"
    "_read_serialized(source)._deserialize(callback) for a bytes-like source, in one call."};

// Named "deserialize": arrowpack.deserialize is this function (added to _core as
// _deserialize_in_context).
PyMethodDef deserialize_in_context_def = {
    "deserialize", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&DeserializeInContext)),
    METH_FASTCALL | METH_KEYWORDS,
    "deserialize(obj, context=None)\n--\n\n"
    "Deserializes a buffer-like object written by serialize(...).to_buffer() (or by pyarrow\n"
    "0.12-11). Arrays come back as read-only views on ``obj``."};

PyMethodDef set_default_deserialize_callback_getter_def = {
    "_set_default_deserialize_callback_getter", &SetDefaultDeserializeCallbackGetter, METH_O,
    "_set_default_deserialize_callback_getter(getter)\n--\n\n"
    "getter() -> the callback deserialize(obj) uses, called once (again after the next set)."};

}  // namespace

void RegisterDeserializeBuffer(py::module_& m) {
  buffer_type = py::detail::get_type_info(typeid(Buffer));
  if (buffer_type == nullptr) throw std::runtime_error("_deserialize_buffer: Buffer must be registered first");
  callback_name = PyUnicode_InternFromString("_deserialize_callback");
  if (callback_name == nullptr) throw py::error_already_set();
  for (auto [name, def] : {std::pair{"_deserialize_buffer", &deserialize_buffer_def},
                           std::pair{"_deserialize_in_context", &deserialize_in_context_def},
                           std::pair{"_set_default_deserialize_callback_getter",
                                     &set_default_deserialize_callback_getter_def}}) {
    PyObject* function = PyCFunction_NewEx(def, nullptr, m.attr("__name__").ptr());
    if (function == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(function));
  }
}

}  // namespace arrowpack::python
