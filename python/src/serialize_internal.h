// Shared by the serialize_*.cc binding files: the two walks between Python objects and the
// object format. GIL required throughout.
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/serialize/serialized_object.h"

namespace arrowpack::python {

struct SerializeOptions {
  /// Calls callback(obj) -> dict for values without a native encoding.
  pybind11::handle callback;
  /// False: numpy scalars other than float16 (np.float64 included) go to the callback too, so
  /// that handlers can keep their dtype.
  bool native_numpy_scalars = true;
  /// When `object` is set, `callback` is unused and the callback is getattr(object, name), read
  /// when the walk first needs it. The walk runs no Python code before that, so this reads what
  /// reading it up front would, without binding a method for values that never need it.
  struct {
    PyObject* object = nullptr;
    PyObject* name = nullptr;
  } callback_source;
};

/// Imports the datetime and NumPy C APIs and finds the arrowpack classes the walks recognise;
/// once, after those classes are registered (serialize_walk.cc).
void InitSerializeWalks();

/// Encodes `value` into `out` (empty; serialize_walk.cc). Python errors raised by the callback
/// propagate as pybind11::error_already_set; format errors raise the matching Arrow exception,
/// and `out` is then partly filled. The thread keeps one idle SequenceWriter between calls.
void SerializePyObject(pybind11::handle value, const SerializeOptions& options, serialize::SerializedObject* out);

/// serialize(value)'s result: a new Python SerializedPyObject encoding `value`.
pybind11::object SerializeToPython(pybind11::handle value, const SerializeOptions& options);

/// Rebuilds the value of `object` (serialize_unwalk.cc) after checking its batch against its
/// tensors and buffers (ArrowInvalid); dicts with "_pytype_" go through `callback`. ndarrays are
/// read-only views whose base is an arrowpack Buffer holding the tensor memory.
pybind11::object DeserializePyObject(const serialize::SerializedObject& object, pybind11::handle callback);

/// The same from a checked `reader` of `object` (CheckIndexBounds passed, e.g. ReadPlainObject's).
pybind11::object DeserializeValues(const serialize::SequenceReader& reader, const serialize::SerializedObject& object,
                                   pybind11::handle callback);

}  // namespace arrowpack::python
