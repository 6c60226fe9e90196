// The dict-key cache of the deserializer (serialize_unwalk.cc). Programs read many objects of
// few shapes, so the same short keys come back object after object: the cache keeps the str of
// each recent short ASCII key and hands out new references to it instead of building an equal
// string again (its hash, computed by the first dict insert, is kept too). Values are equal
// either way; only identity is shared, as with pickle's memo. Direct-mapped (a miss replaces its
// slot), at most kKeyCacheSlots strings of at most kMaxCachedKeyBytes bytes, held for the life
// of the process. GIL required. Errors: a failed allocation returns nullptr with MemoryError set.
#pragma once

#include <Python.h>

#include <cstddef>
#include <string_view>

namespace arrowpack::python {

constexpr size_t kKeyCacheSlots = 512;
constexpr size_t kMaxCachedKeyBytes = 32;

/// A new reference to a str equal to `ascii` (all bytes below 0x80, as the caller checked).
/// Cached when it has at most kMaxCachedKeyBytes bytes.
PyObject* CachedAsciiKey(std::string_view ascii);

}  // namespace arrowpack::python
