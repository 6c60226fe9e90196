// Python object -> SequenceWriter (see serialize_internal.h): pyarrow's dispatch order, with
// exact-type fast paths first and no pybind11 casts except for arrowpack objects. Naive
// datetimes become microseconds since the epoch through python_to_arrow's DateTimeToMicros.
#include <pybind11/pybind11.h>

#include <datetime.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "arrowpack/serialize/sequence_writer.h"
#include "columnar.h"
#include "python_to_arrow_internal.h"
#include "common.h"
#include "serialize_internal.h"
#include "serialize_numpy.h"
#include "serialized_py_object.h"

namespace arrowpack::python {

namespace {

using serialize::PythonTag;
using serialize::SequenceWriter;
using serialize::SerializedObject;

// The arrowpack classes the walk recognises (set once by InitSerializeWalks).
PyTypeObject* buffer_type = nullptr;
PyTypeObject* tensor_type = nullptr;
PyTypeObject* sparse_tensor_type = nullptr;

// Owns one reference.
struct Ref {
  explicit Ref(PyObject* o) : obj(o) {}
  ~Ref() { Py_XDECREF(obj); }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  PyObject* obj;
};

[[noreturn]] void ThrowPythonError() { throw py::error_already_set(); }

PyObject* NewRef(PyObject* obj) {
  Py_INCREF(obj);
  return obj;
}

// The value of an int of at most one internal digit (|value| < 2**30), without the
// overflow-checking call; false for bigger ints.
bool CompactIntValue(PyObject* obj, int64_t* out) {
  auto* number = reinterpret_cast<PyLongObject*>(obj);
#if PY_VERSION_HEX >= 0x030C0000
  if (!PyUnstable_Long_IsCompact(number)) return false;
  *out = PyUnstable_Long_CompactValue(number);
#else
  const Py_ssize_t size = Py_SIZE(obj);
  if (size < -1 || size > 1) return false;
  *out = size * static_cast<int64_t>(number->ob_digit[0]);
#endif
  return true;
}

// The thread's idle SequenceWriter, reused by its next walk (a new writer allocates its state
// and acquires an arena, and frees both at the end). A plain pointer, so that it has no
// thread-exit destructor of its own: IdleWriterOwner deletes it, and is first touched only once a
// writer exists, so it is destroyed before the arena spare that the writer's destructor uses.
thread_local SequenceWriter* idle_writer = nullptr;

struct IdleWriterOwner {
  ~IdleWriterOwner() {
    delete idle_writer;
    idle_writer = nullptr;
  }
};

// Writers that encoded bigger streams are dropped, so that the thread does not keep their arena
// memory (an arena holds about its stream's bytes, its arrays up to twice that).
constexpr int64_t kMaxIdleWriterStreamBytes = int64_t{1} << 20;

std::unique_ptr<SequenceWriter> TakeWriter() {
  std::unique_ptr<SequenceWriter> writer(std::exchange(idle_writer, nullptr));
  if (writer == nullptr) writer = std::make_unique<SequenceWriter>();
  return writer;
}

// `writer` finished its object successfully (so it is empty); kept unless a writer is idle
// already (a nested walk's) or it encoded a big stream.
void KeepWriter(std::unique_ptr<SequenceWriter> writer, const SerializedObject& object) {
  thread_local IdleWriterOwner owner;
  if (idle_writer != nullptr || object.encoded_stream == nullptr ||
      object.encoded_stream->size() > kMaxIdleWriterStreamBytes) {
    return;
  }
  idle_writer = writer.release();
}

class Walker {
 public:
  Walker(const SerializeOptions& options, SerializedObject* out)
      : options_(options), owned_writer_(TakeWriter()), writer_(*owned_writer_), out_(*out) {}

  void Append(PyObject* obj) {
    PyTypeObject* type = Py_TYPE(obj);
    if (type == &PyUnicode_Type) return AppendString(obj);
    if (type == &PyLong_Type) return AppendInt(obj);
    if (type == &PyFloat_Type) return Check(writer_.AppendDouble(PyFloat_AS_DOUBLE(obj)));
    if (obj == Py_None) return Check(writer_.AppendNone());
    if (type == &PyBool_Type) return Check(writer_.AppendBool(obj == Py_True));
    if (type == &PyBytes_Type) return AppendBytes(obj);
    if (type == &PyList_Type) return AppendList(obj);
    if (type == &PyDict_Type) return AppendDict(obj);
    if (type == &PyTuple_Type) return AppendTuple(obj);
    if (type == &PySet_Type) return AppendIterable(obj, &SequenceWriter::BeginSet);
    AppendInOrder(obj);
  }

  // After an error the writer is dropped with the walker (a failed writer is not reused).
  void Finish() {
    Check(serialize::FinishEncodedStream(&writer_, &out_));
    KeepWriter(std::move(owned_writer_), out_);
  }

 private:
  static void Check(const Status& status) {
    if (!status.ok()) RaiseStatus(status);
  }

  // pyarrow's order for everything the fast paths did not take (subclasses, numpy, ...).
  void AppendInOrder(PyObject* obj) {
    if (PyBool_Check(obj)) return Check(writer_.AppendBool(obj == Py_True));
    if (PyArray_IsScalar(obj, Half)) return Check(writer_.AppendHalfFloat(PyArrayScalar_VAL(obj, Half)));
    if (PyFloat_Check(obj)) {
      if (!options_.native_numpy_scalars && PyArray_IsScalar(obj, Generic)) return AppendFromCallback(obj);
      return Check(writer_.AppendDouble(PyFloat_AS_DOUBLE(obj)));
    }
    if (PyLong_Check(obj)) return AppendInt(obj);
    if (PyBytes_Check(obj)) return AppendBytes(obj);
    if (PyUnicode_Check(obj)) return AppendString(obj);
    if (PySet_Check(obj)) return AppendIterable(obj, &SequenceWriter::BeginSet);
    if (PyArray_IsScalar(obj, Generic)) return AppendNumpyScalar(obj);
    if (PyArray_CheckExact(obj)) return AppendNdarray(reinterpret_cast<PyArrayObject*>(obj));
    if (PyDateTime_Check(obj) && pyconv::DateTimeTzInfo(obj) == nullptr) {
      return Check(writer_.AppendDate64(ValueOrThrow(pyconv::DateTimeToMicros(obj))));
    }
    if (PyObject_TypeCheck(obj, buffer_type)) {
      out_.buffers.push_back(py::handle(obj).cast<std::shared_ptr<Buffer>>());
      return AppendIndex(PythonTag::BUFFER, out_.buffers.size());
    }
    if (PyObject_TypeCheck(obj, tensor_type)) {
      out_.tensors.push_back(py::handle(obj).cast<TensorPtr>());
      return AppendIndex(PythonTag::TENSOR, out_.tensors.size());
    }
    if (PyObject_TypeCheck(obj, sparse_tensor_type)) return AppendSparseTensor(obj);
    AppendFromCallback(obj);
  }

  void AppendIndex(PythonTag kind, size_t count_after) {
    Check(writer_.AppendIndex(kind, static_cast<int32_t>(count_after - 1)));
  }

  void AppendString(PyObject* obj) {
    if (PyUnicode_IS_COMPACT_ASCII(obj)) return Check(writer_.AppendString(AsciiView(obj)));
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(obj, &size);
    if (utf8 == nullptr) ThrowPythonError();
    Check(writer_.AppendString(std::string_view(utf8, static_cast<size_t>(size))));
  }

  void AppendBytes(PyObject* obj) {
    Check(writer_.AppendBytes(reinterpret_cast<const uint8_t*>(PyBytes_AS_STRING(obj)), PyBytes_GET_SIZE(obj)));
  }

  void AppendInt(PyObject* obj) {
    int64_t compact = 0;
    if (CompactIntValue(obj, &compact)) return Check(writer_.AppendInt64(compact));
    int overflow = 0;
    const long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (overflow != 0) return AppendFromCallback(obj);
    if (value == -1 && PyErr_Occurred()) ThrowPythonError();
    Check(writer_.AppendInt64(value));
  }

  void AppendNumpyScalar(PyObject* obj) {
    if (!options_.native_numpy_scalars) return AppendFromCallback(obj);
    if (PyArray_IsScalar(obj, Bool)) return Check(writer_.AppendBool(PyArrayScalar_VAL(obj, Bool) != 0));
    if (PyArray_IsScalar(obj, Float)) return Check(writer_.AppendFloat(PyArrayScalar_VAL(obj, Float)));
    if (PyArray_IsScalar(obj, Byte)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, Byte)));
    if (PyArray_IsScalar(obj, UByte)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, UByte)));
    if (PyArray_IsScalar(obj, Short)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, Short)));
    if (PyArray_IsScalar(obj, UShort)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, UShort)));
    if (PyArray_IsScalar(obj, Int)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, Int)));
    if (PyArray_IsScalar(obj, UInt)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, UInt)));
    if (PyArray_IsScalar(obj, Long)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, Long)));
    if (PyArray_IsScalar(obj, LongLong)) return Check(writer_.AppendInt64(PyArrayScalar_VAL(obj, LongLong)));
    if (PyArray_IsScalar(obj, ULong) || PyArray_IsScalar(obj, ULongLong)) {
      const unsigned long long value = PyArray_IsScalar(obj, ULong)
                                           ? static_cast<unsigned long long>(PyArrayScalar_VAL(obj, ULong))
                                           : PyArrayScalar_VAL(obj, ULongLong);
      if (value > static_cast<unsigned long long>(INT64_MAX)) {
        RaiseStatus(Status::Invalid("cannot serialize Numpy uint64 scalar >= 2**63"));
      }
      return Check(writer_.AppendInt64(static_cast<int64_t>(value)));
    }
    AppendFromCallback(obj);  // complex, datetime64, longdouble, ...: the handlers decide
  }

  void AppendNdarray(PyArrayObject* array) {
    TensorPtr tensor = ValueOrThrow(NdarrayToTensor(array));
    if (tensor == nullptr) return AppendFromCallback(reinterpret_cast<PyObject*>(array));
    out_.ndarrays.push_back(std::move(tensor));
    AppendIndex(PythonTag::NDARRAY, out_.ndarrays.size());
  }

  void AppendSparseTensor(PyObject* obj) {
    SparseTensorPtr tensor = py::handle(obj).cast<const SparseTensorBox&>().tensor;
    PythonTag tag = PythonTag::SPARSE_COO;
    switch (tensor->format_id()) {
      case SparseTensorFormat::CSR:
        tag = PythonTag::SPARSE_CSR;
        break;
      case SparseTensorFormat::CSC:
        tag = PythonTag::SPARSE_CSC;
        break;
      case SparseTensorFormat::CSF:
        tag = PythonTag::SPARSE_CSF;
        break;
      default:
        break;
    }
    out_.sparse_tensors.push_back(std::move(tensor));
    AppendIndex(tag, out_.sparse_tensors.size());
  }

  // Consecutive scalars of one kind (one-digit ints, compact ASCII strs, floats, all of exact
  // type) among a list's or tuple's items or a dict's values, handed to the writer together.
  // Taking one runs no Python code, so the run may wait while the container is read on; the
  // strings are views into str objects that the container keeps alive until the run is flushed.
  struct Run {
    static constexpr int64_t kCapacity = 64;
    enum class Kind : uint8_t { kInts, kStrings, kDoubles };
    union Values {
      Values() {}
      int64_t ints[kCapacity];
      std::string_view strings[kCapacity];
      double doubles[kCapacity];
    };
    Kind kind = Kind::kInts;
    int64_t size = 0;
    Values values;
  };

  // Whether `obj` is a scalar a run holds, now taken into `run` (a run of another kind is
  // flushed first).
  bool Take(PyObject* obj, Run* run) {
    PyTypeObject* type = Py_TYPE(obj);
    if (type == &PyLong_Type) {
      int64_t value = 0;
      if (!CompactIntValue(obj, &value)) return false;
      StartRun(run, Run::Kind::kInts);
      run->values.ints[run->size] = value;
    } else if (type == &PyUnicode_Type) {
      if (!PyUnicode_IS_COMPACT_ASCII(obj)) return false;
      StartRun(run, Run::Kind::kStrings);
      run->values.strings[run->size] = AsciiView(obj);
    } else if (type == &PyFloat_Type) {
      StartRun(run, Run::Kind::kDoubles);
      run->values.doubles[run->size] = PyFloat_AS_DOUBLE(obj);
    } else {
      return false;
    }
    if (++run->size == Run::kCapacity) Flush(run);
    return true;
  }

  // The characters of a compact ASCII str, which are its UTF-8 bytes.
  static std::string_view AsciiView(PyObject* obj) {
    return {static_cast<const char*>(PyUnicode_DATA(obj)), static_cast<size_t>(PyUnicode_GET_LENGTH(obj))};
  }

  void StartRun(Run* run, Run::Kind kind) {
    if (run->kind == kind) return;
    Flush(run);
    run->kind = kind;
  }

  void Flush(Run* run) {
    if (run->size == 0) return;
    switch (run->kind) {
      case Run::Kind::kInts:
        Check(writer_.AppendInt64s(run->values.ints, run->size));
        break;
      case Run::Kind::kStrings:
        Check(writer_.AppendStrings(run->values.strings, run->size));
        break;
      case Run::Kind::kDoubles:
        Check(writer_.AppendDoubles(run->values.doubles, run->size));
        break;
    }
    run->size = 0;
  }

  void AppendList(PyObject* list) {
    Check(writer_.BeginList());
    Run run;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
      if (Take(PyList_GET_ITEM(list, i), &run)) continue;
      Flush(&run);
      Ref item(NewRef(PyList_GET_ITEM(list, i)));  // a callback may shrink the list
      Append(item.obj);
    }
    Flush(&run);
    Check(writer_.End());
  }

  void AppendTuple(PyObject* tuple) {
    Check(writer_.BeginTuple());
    AppendItems(&PyTuple_GET_ITEM(tuple, 0), PyTuple_GET_SIZE(tuple));
    Check(writer_.End());
  }

  // items[0, n), which the caller keeps alive, in order.
  void AppendItems(PyObject* const* items, Py_ssize_t n) {
    Run run;
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (Take(items[i], &run)) continue;
      Flush(&run);
      Append(items[i]);
    }
    Flush(&run);
  }

  void AppendIterable(PyObject* obj, Status (SequenceWriter::*begin)()) {
    Check((writer_.*begin)());
    Ref iterator(PyObject_GetIter(obj));
    if (iterator.obj == nullptr) ThrowPythonError();
    while (true) {
      Ref item(PyIter_Next(iterator.obj));
      if (item.obj == nullptr) break;
      Append(item.obj);
    }
    if (PyErr_Occurred()) ThrowPythonError();
    Check(writer_.End());
  }

  // Dicts of at most this many entries whose keys are all compact ASCII strs of exact type go to
  // the writer with their keys first (BeginDictWithKeys), their values then as a sequence.
  static constexpr Py_ssize_t kMaxKeyedDict = 32;

  // New references to a dict's values, released when the dict is done.
  struct OwnedValues {
    explicit OwnedValues(PyObject** v) : values(v) {}
    ~OwnedValues() {
      for (Py_ssize_t i = 0; i < size; ++i) Py_DECREF(values[i]);
    }
    OwnedValues(const OwnedValues&) = delete;
    OwnedValues& operator=(const OwnedValues&) = delete;
    PyObject** values;
    Py_ssize_t size = 0;
  };

  void AppendDict(PyObject* dict) {
    if (PyDict_GET_SIZE(dict) > kMaxKeyedDict) return AppendDictEntries(dict);
    union Keys {  // left uninitialized (a string_view array would be zeroed first)
      Keys() {}
      std::string_view views[kMaxKeyedDict];
    } keys;
    PyObject* values[kMaxKeyedDict];
    Py_ssize_t n = 0;
    Py_ssize_t position = 0;
    PyObject* key;
    PyObject* value;
    while (PyDict_Next(dict, &position, &key, &value)) {
      if (Py_TYPE(key) != &PyUnicode_Type || !PyUnicode_IS_COMPACT_ASCII(key)) return AppendDictEntries(dict);
      keys.views[n] = AsciiView(key);
      values[n++] = value;
    }
    // Nothing ran between reading the entries and taking the values: a callback that changes the
    // dict while its values are written changes neither of them.
    OwnedValues owned(values);
    for (; owned.size < n; ++owned.size) Py_INCREF(values[owned.size]);
    Check(writer_.BeginDictWithKeys(keys.views, n));
    AppendItems(values, n);
    Check(writer_.End());
  }

  // Any dict, entry by entry.
  void AppendDictEntries(PyObject* dict) {
    Check(writer_.BeginDict());
    Py_ssize_t position = 0;
    PyObject* key;
    PyObject* value;
    while (PyDict_Next(dict, &position, &key, &value)) {
      Ref key_ref(NewRef(key));  // a callback may change the dict
      Ref value_ref(NewRef(value));
      Check(writer_.DictKey());
      Append(key);
      Check(writer_.DictValue());
      Append(value);
    }
    Check(writer_.End());
  }

  // The callback, read from options_.callback_source the first time it is needed.
  py::handle Callback() {
    if (options_.callback_source.object == nullptr) return options_.callback;
    if (!bound_callback_) {
      bound_callback_ = py::reinterpret_steal<py::object>(
          PyObject_GetAttr(options_.callback_source.object, options_.callback_source.name));
      if (!bound_callback_) ThrowPythonError();
    }
    return bound_callback_;
  }

  void AppendFromCallback(PyObject* obj) {
    const py::handle callback = Callback();
    if (callback.is_none()) {
      throw py::type_error(std::string("cannot serialize objects of type ") + Py_TYPE(obj)->tp_name);
    }
    // The dict counts at the depth of the object it stands for.
    if (writer_.depth() >= serialize::kMaxRecursionDepth) {
      Check(Status::NotImplemented(
          "This object exceeds the maximum recursion depth. It may contain itself recursively."));
    }
    Ref result(PyObject_CallOneArg(callback.ptr(), obj));
    if (result.obj == nullptr) ThrowPythonError();
    if (!PyDict_Check(result.obj)) throw py::type_error("serialization callback must return a valid dictionary");
    AppendDict(result.obj);
  }

  const SerializeOptions& options_;
  py::object bound_callback_;
  std::unique_ptr<SequenceWriter> owned_writer_;
  SequenceWriter& writer_;
  SerializedObject& out_;
};

}  // namespace

void InitSerializeWalks() {
  ImportNumpyApi();
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  buffer_type = reinterpret_cast<PyTypeObject*>(py::type::of<Buffer>().ptr());
  tensor_type = reinterpret_cast<PyTypeObject*>(py::type::of<Tensor>().ptr());
  sparse_tensor_type = reinterpret_cast<PyTypeObject*>(py::type::of<SparseTensorBox>().ptr());
}

void SerializePyObject(py::handle value, const SerializeOptions& options, SerializedObject* out) {
  Walker walker(options, out);
  walker.Append(value.ptr());
  walker.Finish();
}

py::object SerializeToPython(py::handle value, const SerializeOptions& options) {
  auto [result, object] = NewSerialized();
  SerializePyObject(value, options, object);
  return std::move(result);
}

}  // namespace arrowpack::python
