// _deserialize_buffer(source, callback) (see serialize_bindings.h), the call behind
// arrowpack.deserialize. A plain METH_FASTCALL function rather than a pybind11 one: for small
// objects pybind11's argument dispatch is a visible part of the whole call.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

/// Adds _deserialize_buffer to `m`.
void RegisterDeserializeBuffer(pybind11::module_& m);

}  // namespace arrowpack::python
