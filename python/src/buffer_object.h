// Python Buffer objects for fresh C++ Buffers without pybind11's generic cast (which looks the
// pointer up among the live instances, resolves the type and copies the holder). Used on the
// per-call path of serialize(value).to_buffer(). Errors: InitBufferObjects throws
// std::runtime_error when Buffer is not registered or not laid out as this file assumes;
// NewBufferObject throws error_already_set when Python cannot allocate.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/buffer.h"

namespace arrowpack::python {

/// Finds the registered Buffer class; once, after RegisterBuffers.
void InitBufferObjects();

/// A new arrowpack.Buffer instance owning `buffer` (not null), exactly what casting it with
/// pybind11 gives when no Python object wraps it yet: same type, same shared_ptr holder, and
/// registered so that later casts of the same pointer (e.g. a slice's parent) return it.
pybind11::object NewBufferObject(std::shared_ptr<Buffer> buffer);

}  // namespace arrowpack::python
