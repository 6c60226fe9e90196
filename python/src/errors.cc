#include "errors.h"

#include <initializer_list>
#include <memory>

namespace arrowpack::python {

namespace py = pybind11;

namespace {

// Strong references to the classes; they live as long as the process (like the module).
struct ExceptionTypes {
  PyObject* base = nullptr;
  PyObject* invalid = nullptr;
  PyObject* type_error = nullptr;
  PyObject* io_error = nullptr;
  PyObject* not_implemented = nullptr;
  PyObject* memory = nullptr;
  PyObject* key = nullptr;
  PyObject* index = nullptr;
  PyObject* capacity = nullptr;
  PyObject* cancelled = nullptr;
  PyObject* serialization = nullptr;
  PyObject* serialization_callback = nullptr;
  PyObject* deserialization_callback = nullptr;
};
ExceptionTypes types;

PyObject* NewException(py::module_& module, const char* name, std::initializer_list<PyObject*> bases,
                       const char* doc) {
  py::tuple base_tuple(bases.size());
  size_t i = 0;
  for (PyObject* base : bases) base_tuple[i++] = py::reinterpret_borrow<py::object>(base);
  // Qualified as "arrowpack.X" so that pickle finds the classes through the package.
  const std::string qualified = std::string("arrowpack.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base_tuple.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  module.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

// Gives `type` an __init__(message, <attribute>=None) that stores the extra argument.
void AddInitWithAttribute(PyObject* type, const char* attribute) {
  py::handle cls(type);
  py::object base_init = py::handle(PyExc_Exception).attr("__init__");
  std::string name(attribute);
  cls.attr("__init__") = py::cpp_function(
      [base_init, name](py::handle self, py::object message, py::object value) {
        base_init(self, message);
        self.attr(name.c_str()) = value;
      },
      py::is_method(cls), py::arg("message"), py::arg(attribute) = py::none());
}

// Error fetched from Python by C++ code running on this thread, waiting for RaiseStatus. A raw
// pointer on purpose: a thread_local destructor could run after the interpreter is gone.
struct StashedError {
  std::string message;
  py::error_already_set error;
};
thread_local StashedError* stashed_error = nullptr;

bool RestoreStashedError(const Status& status) {
  if (stashed_error == nullptr) return false;
  std::unique_ptr<StashedError> stashed(stashed_error);
  stashed_error = nullptr;
  if (status.message().find(stashed->message) == std::string::npos) return false;
  stashed->error.restore();
  return true;
}

}  // namespace

void RegisterExceptions(py::module_& m) {
  types.base = NewException(m, "ArrowException", {PyExc_Exception}, "Base class of arrowpack's errors.");
  types.invalid = NewException(m, "ArrowInvalid", {PyExc_ValueError, types.base}, "Invalid argument or data.");
  types.type_error = NewException(m, "ArrowTypeError", {PyExc_TypeError, types.base}, "Wrong type.");
  types.io_error = NewException(m, "ArrowIOError", {PyExc_IOError, types.base}, "Input/output failure.");
  types.not_implemented = NewException(m, "ArrowNotImplementedError", {PyExc_NotImplementedError, types.base},
                                       "Feature not implemented or not available in this build.");
  types.memory = NewException(m, "ArrowMemoryError", {PyExc_MemoryError, types.base}, "Allocation failure.");
  types.key = NewException(m, "ArrowKeyError", {PyExc_KeyError, types.base}, "Missing key.");
  // KeyError.__str__ would show the repr of the message.
  py::handle(types.key).attr("__str__") = py::handle(PyExc_Exception).attr("__str__");
  types.index = NewException(m, "ArrowIndexError", {PyExc_IndexError, types.base}, "Index out of range.");
  types.capacity = NewException(m, "ArrowCapacityError", {types.base}, "A fixed capacity would be exceeded.");
  types.cancelled = NewException(m, "ArrowCancelled", {types.base}, "The operation was cancelled.");
  types.serialization =
      NewException(m, "ArrowSerializationError", {types.base}, "Object (de)serialization failure.");
  types.serialization_callback = NewException(m, "SerializationCallbackError", {types.serialization},
                                              "A custom serializer failed; example_object is the culprit.");
  AddInitWithAttribute(types.serialization_callback, "example_object");
  types.deserialization_callback = NewException(m, "DeserializationCallbackError", {types.serialization},
                                                "A custom deserializer failed; type_id names its type.");
  AddInitWithAttribute(types.deserialization_callback, "type_id");
}

PyObject* ExceptionTypeFor(StatusCode code) {
  switch (code) {
    case StatusCode::Invalid: return types.invalid;
    case StatusCode::TypeError: return types.type_error;
    case StatusCode::IOError: return types.io_error;
    case StatusCode::NotImplemented: return types.not_implemented;
    case StatusCode::OutOfMemory: return types.memory;
    case StatusCode::KeyError: return types.key;
    case StatusCode::IndexError: return types.index;
    case StatusCode::CapacityError: return types.capacity;
    case StatusCode::Cancelled: return types.cancelled;
    case StatusCode::SerializationError: return types.serialization;
    case StatusCode::OK:
    case StatusCode::UnknownError: break;
  }
  return types.base;
}

namespace {

// A message as str. Messages may quote bytes from hostile input (a corrupt name, say) that are
// not UTF-8: those show as backslash escapes instead of turning the error into a UnicodeDecodeError.
py::object MessageText(const std::string& message) {
  PyObject* text = PyUnicode_DecodeUTF8(message.data(), static_cast<Py_ssize_t>(message.size()), "backslashreplace");
  if (text == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(text);
}

}  // namespace

void RaiseStatus(const Status& status, const std::string& filename) {
  if (RestoreStashedError(status)) throw py::error_already_set();
  if (status.IsIOError() && status.posix_errno() != 0) {
    // OSError(errno, ...) instantiates the subclass for the errno (FileNotFoundError, ...).
    py::handle os_error(PyExc_OSError);
    py::object message = MessageText(status.message());
    py::object error = filename.empty() ? os_error(status.posix_errno(), message)
                                        : os_error(status.posix_errno(), message, MessageText(filename));
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
    throw py::error_already_set();
  }
  PyErr_SetObject(ExceptionTypeFor(status.code()), MessageText(status.message()).ptr());
  throw py::error_already_set();
}

Status StashPythonError(py::error_already_set& error) {
  delete stashed_error;
  std::string message = std::string("Python exception: ") + error.what();
  stashed_error = new StashedError{message, error};
  return Status::IOError(std::move(message));
}

void RaiseSerializationCallbackError(const std::string& message, py::handle example_object) {
  py::object error = py::handle(types.serialization_callback)(message, example_object);
  PyErr_SetObject(types.serialization_callback, error.ptr());
  throw py::error_already_set();
}

void RaiseDeserializationCallbackError(const std::string& message, py::handle type_id) {
  py::object error = py::handle(types.deserialization_callback)(message, type_id);
  PyErr_SetObject(types.deserialization_callback, error.ptr());
  throw py::error_already_set();
}

}  // namespace arrowpack::python
