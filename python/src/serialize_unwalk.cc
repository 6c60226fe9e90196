// SequenceReader -> Python objects (see serialize_internal.h). Values are built with the CPython
// C API (short ASCII dict keys through serialize_key_cache.h); arrowpack objects (Tensor, Buffer,
// sparse tensors) and ndarray bases through pybind11.
#include <pybind11/pybind11.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "arrowpack/serialize/sequence_reader.h"
#include "arrow_to_python.h"
#include "columnar.h"
#include "common.h"
#include "serialize_internal.h"
#include "serialize_key_cache.h"
#include "serialize_numpy.h"

namespace arrowpack::python {

namespace {

using serialize::DictRange;
using serialize::PythonTag;
using serialize::SequenceRange;
using serialize::UnionReader;

// Owns one reference; release() hands it over.
struct Ref {
  explicit Ref(PyObject* o) : obj(o) {}
  ~Ref() { Py_XDECREF(obj); }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  PyObject* release() {
    PyObject* out = obj;
    obj = nullptr;
    return out;
  }
  PyObject* obj;
};

[[gnu::noinline, noreturn]] void ThrowPythonError() { throw py::error_already_set(); }

[[gnu::always_inline]] inline PyObject* Checked(PyObject* obj) {
  if (obj == nullptr) [[unlikely]] ThrowPythonError();
  return obj;
}

// The key that marks a dict of a custom type (its value is the type id for the callback).
constexpr std::string_view kPytype = "_pytype_";

class Unwalker {
 public:
  Unwalker(const serialize::SerializedObject& object, py::handle callback)
      : object_(object), callback_(callback), ndarray_bases_(object.ndarrays.size()) {}

  // A new reference to row i of `u`. Inline where it is called (once per value): the common
  // scalars are built here, the rest in GetOther.
  [[gnu::always_inline]] PyObject* Get(const UnionReader& u, int64_t i) {
    const PythonTag tag = u.tag(i);
    switch (tag) {
      case PythonTag::NONE:
        Py_RETURN_NONE;
      case PythonTag::INT:
      case PythonTag::PY2INT:
        return Checked(PyLong_FromLongLong(u.GetInt64(i)));
      case PythonTag::STRING: {
        const std::string_view text = u.GetBytes(i);
        const auto size = static_cast<Py_ssize_t>(text.size());
        if (size > 1 && u.IsAsciiString(i)) {  // shorter ones are CPython's cached singletons
          PyObject* str = Checked(PyUnicode_New(size, 127));
          std::memcpy(PyUnicode_1BYTE_DATA(str), text.data(), text.size());
          return str;
        }
        return Checked(PyUnicode_DecodeUTF8(text.data(), size, "strict"));
      }
      case PythonTag::DOUBLE:
        return Checked(PyFloat_FromDouble(u.GetDouble(i)));
      default:
        return GetOther(u, i, tag);
    }
  }

 private:
  [[gnu::noinline]] PyObject* GetOther(const UnionReader& u, int64_t i, PythonTag tag) {
    switch (tag) {
      case PythonTag::BOOL:
        return PyBool_FromLong(u.GetBool(i));
      case PythonTag::BYTES: {
        const std::string_view bytes = u.GetBytes(i);
        return Checked(PyBytes_FromStringAndSize(bytes.data(), static_cast<Py_ssize_t>(bytes.size())));
      }
      case PythonTag::HALF_FLOAT:
        return Checked(HalfFloatScalar(u.GetHalfFloat(i)));
      case PythonTag::FLOAT:
        return Checked(PyFloat_FromDouble(u.GetFloat(i)));
      case PythonTag::DATE64:
        return NaiveDateTimeFromMicros(u.GetDate64(i));
      case PythonTag::LIST:
        return GetList(u.GetSequence(i));
      case PythonTag::TUPLE:
        return GetTuple(u.GetSequence(i));
      case PythonTag::SET:
        return GetSet(u.GetSequence(i));
      case PythonTag::DICT:
        return GetDict(u.GetDict(i));
      case PythonTag::TENSOR:
        return py::cast(object_.tensors[static_cast<size_t>(u.GetIndex(i))]).release().ptr();
      case PythonTag::NDARRAY:
        return GetNdarray(static_cast<size_t>(u.GetIndex(i)));
      case PythonTag::BUFFER:
        return py::cast(object_.buffers[static_cast<size_t>(u.GetIndex(i))]).release().ptr();
      default:
        return WrapSparseTensor(object_.sparse_tensors[static_cast<size_t>(u.GetIndex(i))]).release().ptr();
    }
  }

  // Item j of a list or tuple `r` is stored with set(j, item). Rows of the INT child (the most
  // common items) are read straight from its values, without the tag and child lookups of Get.
  template <typename Set>
  void FillSequence(const SequenceRange& r, Set set) {
    const UnionReader& u = *r.values;
    const UnionReader::IntChild ints = u.int_child();
    for (int64_t i = r.begin; i < r.end; ++i) {
      PyObject* item = u.type_code(i) == ints.code ? Checked(PyLong_FromLongLong(ints.values[u.value_offset(i)]))
                                                   : Get(u, i);
      set(static_cast<Py_ssize_t>(i - r.begin), item);
    }
  }

  PyObject* GetList(const SequenceRange& r) {
    Ref list(Checked(PyList_New(static_cast<Py_ssize_t>(r.end - r.begin))));
    FillSequence(r, [&](Py_ssize_t j, PyObject* item) { PyList_SET_ITEM(list.obj, j, item); });
    return list.release();
  }

  PyObject* GetTuple(const SequenceRange& r) {
    Ref tuple(Checked(PyTuple_New(static_cast<Py_ssize_t>(r.end - r.begin))));
    FillSequence(r, [&](Py_ssize_t j, PyObject* item) { PyTuple_SET_ITEM(tuple.obj, j, item); });
    return tuple.release();
  }

  PyObject* GetSet(const SequenceRange& r) {
    Ref set(Checked(PySet_New(nullptr)));
    for (int64_t i = r.begin; i < r.end; ++i) {
      Ref item(Get(*r.values, i));
      if (PySet_Add(set.obj, item.obj) < 0) throw py::error_already_set();
    }
    return set.release();
  }

  // A dict of `entries` entries (CPython sizes it once instead of growing it insert by insert).
  static PyObject* NewDict(int64_t entries) {
#if PY_VERSION_HEX < 0x030D0000
    return Checked(_PyDict_NewPresized(static_cast<Py_ssize_t>(entries)));
#else
    (void)entries;
    return Checked(PyDict_New());
#endif
  }

  // A new reference to key i of `u`; `*is_pytype` tells whether it is the str "_pytype_". Short
  // ASCII str keys come from the key cache.
  PyObject* GetKey(const UnionReader& u, int64_t i, bool* is_pytype) {
    if (u.tag(i) != PythonTag::STRING) return Get(u, i);
    const std::string_view text = u.GetBytes(i);
    *is_pytype = text == kPytype;
    if (!u.IsAsciiString(i)) return Get(u, i);
    return Checked(CachedAsciiKey(text));
  }

  PyObject* GetDict(const DictRange& r) {
    Ref dict(NewDict(r.end - r.begin));
    bool has_type = false;
    for (int64_t i = r.begin; i < r.end; ++i) {
      bool is_pytype = false;
      Ref key(GetKey(*r.keys, i, &is_pytype));
      Ref value(Get(*r.vals, i));
      if (PyDict_SetItem(dict.obj, key.obj, value.obj) < 0) throw py::error_already_set();
      has_type = has_type || is_pytype;
    }
    if (!has_type) return dict.release();
    if (callback_.is_none()) {
      RaiseStatus(Status::Invalid("serialized object holds a custom type (a dict with \"_pytype_\") but no "
                                  "deserialization callback was given"));
    }
    return Checked(PyObject_CallOneArg(callback_.ptr(), dict.obj));
  }

  PyObject* GetNdarray(size_t index) {
    const Tensor& tensor = *object_.ndarrays[index];
    py::object& base = ndarray_bases_[index];
    if (!base) base = py::cast(tensor.data());
    return Checked(TensorToNdarray(tensor, base.ptr()));
  }

  const serialize::SerializedObject& object_;
  py::handle callback_;
  std::vector<py::object> ndarray_bases_;
};

}  // namespace

py::object DeserializeValues(const serialize::SequenceReader& reader, const serialize::SerializedObject& object,
                             py::handle callback) {
  const UnionReader& root = reader.root();
  if (root.length() != 1) {
    RaiseStatus(Status::Invalid("serialized object holds ", root.length(), " top-level values instead of 1"));
  }
  Unwalker unwalker(object, callback);
  return py::reinterpret_steal<py::object>(unwalker.Get(root, 0));
}

py::object DeserializePyObject(const serialize::SerializedObject& object, py::handle callback) {
  auto reader = ValueOrThrow(serialize::OpenSequence(object));
  ThrowIfError(reader->CheckIndexBounds(static_cast<int64_t>(object.tensors.size()),
                                        static_cast<int64_t>(object.ndarrays.size()),
                                        static_cast<int64_t>(object.buffers.size()),
                                        static_cast<int64_t>(object.sparse_tensors.size())));
  return DeserializeValues(*reader, object, callback);
}

}  // namespace arrowpack::python
