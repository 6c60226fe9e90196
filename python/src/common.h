// Shared helpers for the binding files: Status -> Python exception at the boundary, and running
// C++ work with the GIL released.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <type_traits>
#include <utility>

#include "arrowpack/core/result.h"
#include "arrowpack/core/status.h"
#include "errors.h"

namespace arrowpack::python {

namespace py = pybind11;

/// Raises the Python exception for `status` (GIL held) unless it is OK.
inline void ThrowIfError(const Status& status) {
  if (!status.ok()) RaiseStatus(status);
}

/// The value of `result`, or raises its error as a Python exception (GIL held).
template <typename T>
T ValueOrThrow(Result<T> result) {
  if (!result.ok()) RaiseStatus(result.status());
  return result.MoveValueUnsafe();
}

/// Runs `work` (C++ code that never touches Python objects) without the GIL when
/// `release_gil` is true, and returns what it returns.
template <typename F>
auto CallWithoutGil(bool release_gil, F&& work) -> decltype(work()) {
  if (!release_gil) return work();
  py::gil_scoped_release no_gil;
  return work();
}

template <typename F>
auto CallWithoutGil(F&& work) -> decltype(work()) {
  return CallWithoutGil(true, std::forward<F>(work));
}

}  // namespace arrowpack::python
