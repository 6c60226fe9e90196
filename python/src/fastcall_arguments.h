// Helpers of the METH_FASTCALL functions (serialize_fastcall.cc, serialize_deserialize_buffer.cc):
// argument matching and pybind11's exception translation for code outside its dispatcher.
// Errors: TypeError for bad arguments; C++ exceptions become the Python error pybind11 would raise.
#pragma once

#include <pybind11/pybind11.h>

#ifdef __GLIBCXX__
#include <cxxabi.h>
#endif

#include <array>
#include <cstring>

namespace arrowpack::python {

// Runs `body`, which returns a new reference or nullptr with a Python error set, turning C++
// exceptions into the Python error pybind11 would raise.
template <typename F>
PyObject* TranslatingExceptions(F&& body) {
  try {
    return body();
  } catch (pybind11::error_already_set& error) {
    error.restore();
#ifdef __GLIBCXX__
  } catch (abi::__forced_unwind&) {  // thread cancellation must keep unwinding
    throw;
#endif
  } catch (...) {
    pybind11::detail::try_translate_exceptions();
  }
  return nullptr;
}

// Matches fastcall arguments to `names` (positional first, then keywords). Unset optional
// arguments stay nullptr. False with TypeError set on a missing, unknown or repeated argument.
template <size_t N>
bool ParseArguments(const char* function, const std::array<const char*, N>& names, size_t required,
                    PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, std::array<PyObject*, N>* out) {
  out->fill(nullptr);
  if (static_cast<size_t>(nargs) > N) {
    PyErr_Format(PyExc_TypeError, "%s() takes at most %zu arguments (%zd given)", function, N, nargs);
    return false;
  }
  for (Py_ssize_t i = 0; i < nargs; ++i) (*out)[static_cast<size_t>(i)] = args[i];
  const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t k = 0; k < nkw; ++k) {
    const char* key = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, k));
    if (key == nullptr) return false;
    size_t slot = N;
    for (size_t j = 0; j < N; ++j) {
      if (std::strcmp(key, names[j]) == 0) slot = j;
    }
    if (slot == N) {
      PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'", function, key);
      return false;
    }
    if ((*out)[slot] != nullptr) {
      PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", function, key);
      return false;
    }
    (*out)[slot] = args[nargs + k];
  }
  for (size_t j = 0; j < required; ++j) {
    if ((*out)[j] == nullptr) {
      PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", function, names[j]);
      return false;
    }
  }
  return true;
}

}  // namespace arrowpack::python
