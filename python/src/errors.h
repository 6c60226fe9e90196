// The Python exception hierarchy of arrowpack (pyarrow's names) and the one place that turns a
// Status into a Python exception. All functions here need the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "arrowpack/core/status.h"

namespace arrowpack::python {

/// Creates the exception classes and adds them to `module`; call once at import.
void RegisterExceptions(pybind11::module_& module);

/// The Python class raised for `code` (ArrowInvalid for Invalid, ...); a borrowed reference.
PyObject* ExceptionTypeFor(StatusCode code);

/// Sets the Python error for a failed `status` and throws pybind11::error_already_set.
/// IOErrors that carry an errno become the matching OSError subclass (FileNotFoundError, ...)
/// with `filename` when given. An error stashed by StashPythonError for the same failure is
/// re-raised unchanged instead.
[[noreturn]] void RaiseStatus(const Status& status, const std::string& filename = {});

/// For C++ code that calls back into Python (PythonFile, callbacks): fetches the current Python
/// error, keeps it for this thread and returns an IOError describing it. When that Status reaches
/// RaiseStatus on the same thread, the original exception is raised again.
Status StashPythonError(pybind11::error_already_set& error);

/// Raises SerializationCallbackError(message, example_object) / DeserializationCallbackError
/// (message, type_id) for the serialization layer.
[[noreturn]] void RaiseSerializationCallbackError(const std::string& message, pybind11::handle example_object);
[[noreturn]] void RaiseDeserializationCallbackError(const std::string& message, pybind11::handle type_id);

}  // namespace arrowpack::python
