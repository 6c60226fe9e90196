// The native half of arrowpack.serialization: the walk Python object <-> SequenceWriter /
// SequenceReader on the CPython C API, and the SerializedPyObject class. The pure-Python layer
// (python/arrowpack/serialization.py: contexts, handlers, pickle opt-in, module functions) calls
// only what is listed here; everything else stays inside python/src/serialize_*.cc.
//
// Python interface (module arrowpack._core):
//
//   _serialize(value, callback, native_numpy_scalars=True) -> SerializedPyObject
//       Encodes `value` natively: None, bool, int (int64), float, bytes, str, exact list / dict /
//       tuple, set and set subclasses, numpy scalars (uint64 >= 2**63: ArrowInvalid "cannot
//       serialize Numpy uint64 scalar >= 2**63"), exact np.ndarray of u/int8-64 and float16/32/64
//       (zero-copy tensors, strides kept), naive datetime.datetime, arrowpack Buffer, Tensor and
//       Sparse{COO,CSR,CSC,CSF}Tensor. Anything else (ints beyond int64, other dtypes, tz-aware
//       datetimes, subclasses, ...) is passed to callback(obj), which must return a dict (with
//       "_pytype_") that is then encoded like a dict at the same depth (not a dict: TypeError
//       "serialization callback must return a valid dictionary"). Exceptions raised by the
//       callback propagate unchanged. callback=None: TypeError for such values.
//       native_numpy_scalars=False sends every numpy scalar except float16 (np.float64 too) to
//       the callback, so that handlers can keep their dtype; numpy scalars without a native
//       encoding (complex, datetime64, ...) always go to the callback. Too deep / self-referencing: ArrowNotImplementedError
//       "This object exceeds the maximum recursion depth. It may contain itself recursively."
//
//   _serialize_in_context(value, context=None) -> SerializedPyObject   (arrowpack.serialize)
//       _serialize(value, context._serialize_callback, context._native_numpy_scalars) without a
//       Python frame; context=None: the context _set_default_context_getter's getter returns
//       (called once, kept). A context lacking those attributes: AttributeError.
//   _set_default_context_getter(getter)   (serialization.py, at import)
//
//   _read_serialized(source, base=None) -> SerializedPyObject
//       Reads one object at the current position of `source` (an arrowpack NativeFile, e.g.
//       BufferReader / memory map / OSFile, or anything py_buffer accepts); every layout of
//       pyarrow 0.12-11, and leaves source just after it. `base` (default: source) is kept as
//       SerializedPyObject.base. Bad input: ArrowInvalid.
//
//   _deserialize_buffer(source, callback) -> object
//       _read_serialized(source)._deserialize(callback) for a bytes-like `source` (anything
//       py_buffer accepts; others: TypeError), without the intermediate Python objects.
//
//   class SerializedPyObject   (a plain CPython type; instances only come from these functions)
//       total_bytes            property, int
//       base                   attribute (any object; ndarrays from _deserialize keep it alive)
//       to_buffer(nthreads=1) -> Buffer   (a new mutable Buffer; when the call holds the only
//                              reference, the laid-out bytes are handed over instead of copied)
//       write_to(sink)         sink: NativeFile or a writable Python file object
//       to_components(memory_pool=None) -> dict  (pyarrow's keys; data: list of Buffer, zero-copy)
//       from_components(components) -> SerializedPyObject   (staticmethod; data may hold any
//                              objects py_buffer accepts; ArrowInvalid "Invalid number of buffers
//                              in data")
//       _deserialize(callback) -> object
//           Rebuilds the value. Lists, tuples, sets and dicts come back as such; numeric arrays
//           as read-only ndarrays viewing the data (their .base is an arrowpack Buffer that keeps
//           the source alive); HALF_FLOAT as np.float16; DATE64 as naive datetime; Buffer, Tensor and
//           sparse tensors as arrowpack objects. A dict that holds the key "_pytype_" is
//           passed to callback(dict) after its keys and values are rebuilt, and its result
//           takes the dict's place (callback=None: ArrowInvalid). Exceptions raised by the callback
//           propagate unchanged. Index or structure errors in the data: ArrowInvalid.
//
// SerializationContext.deserialize etc. live in serialization.py and call _deserialize with
// context._deserialize_callback; serialize calls _serialize with context._serialize_callback.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

/// Registers _serialize, _deserialize_buffer, _read_serialized and SerializedPyObject on `m`
/// (serialize_module.cc).
void RegisterSerialization(pybind11::module_& m);

}  // namespace arrowpack::python
