// The two calls on the hot path of pa.serialize(obj).to_buffer() as plain CPython functions
// (METH_FASTCALL, no pybind11 dispatcher): _core._serialize, serialize itself
// (_serialize_in_context) and SerializedPyObject.to_buffer.
// Their Python interface is the one serialize_bindings.h documents.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

/// Adds _serialize, _serialize_in_context and _set_default_context_getter to `m` and to_buffer
/// to `serialized_class` (the SerializedPyObject type).
void RegisterSerializeFastCalls(pybind11::module_& m, pybind11::handle serialized_class);

}  // namespace arrowpack::python
