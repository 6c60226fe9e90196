// _deserialize_buffer(source, callback) (see serialize_bindings.h) and arrowpack.deserialize
// itself (_deserialize_in_context(obj, context=None), with the default context's callback from
// _set_default_deserialize_callback_getter). A plain METH_FASTCALL function rather than a pybind11 one: for small
// objects pybind11's argument dispatch is a visible part of the whole call.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

/// Adds _deserialize_buffer, _deserialize_in_context and _set_default_deserialize_callback_getter to `m`.
void RegisterDeserializeBuffer(pybind11::module_& m);

}  // namespace arrowpack::python
