// Type names shared by the type factories and the argument converters of columnar.h.
#pragma once

#include <string>

#include "arrowpack/core/type.h"

namespace arrowpack::python {

/// The type for a pyarrow alias ("int64", "str", "timestamp[ms]", ...); ValueError
/// "No type alias for <name>" otherwise. GIL required (raises Python exceptions).
TypePtr TypeForAlias(const std::string& alias);

/// pyarrow's upper-case enum name of a type id ("INT64", "LARGE_LIST_VIEW", ...).
std::string TypeIdName(TypeId id);

}  // namespace arrowpack::python
