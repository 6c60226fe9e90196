// Registration of arrowpack._core._ipc._summarize_message (ipc_summary_bindings.cc), used by the CLI.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

void RegisterIpcSummary(pybind11::module_& m);

}  // namespace arrowpack::python
