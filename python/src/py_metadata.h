// Key/value metadata as pyarrow shows it in Python: a dict of bytes to bytes.
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/core/key_value_metadata.h"

namespace arrowpack::python {

/// nullptr for None; otherwise a mapping whose keys and values are str (UTF-8 encoded) or bytes.
/// TypeError for anything else. GIL required.
MetadataPtr MetadataFromPython(pybind11::handle obj);

/// None when absent, else {bytes: bytes} in the stored order. GIL required.
pybind11::object MetadataToPython(const MetadataPtr& metadata);

}  // namespace arrowpack::python
