// CachedAsciiKey (see serialize_key_cache.h).
#include "serialize_key_cache.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace arrowpack::python {

namespace {

PyObject* NewAsciiString(std::string_view ascii) {
  PyObject* str = PyUnicode_New(static_cast<Py_ssize_t>(ascii.size()), 127);
  if (str != nullptr) std::memcpy(PyUnicode_1BYTE_DATA(str), ascii.data(), ascii.size());
  return str;
}

// FNV-1a: keys are short, and only the slot index is taken from it.
size_t SlotOf(std::string_view bytes) {
  uint32_t hash = 2166136261u;
  for (const char c : bytes) hash = (hash ^ static_cast<uint8_t>(c)) * 16777619u;
  return (hash ^ (hash >> 16)) % kKeyCacheSlots;
}

// Strong references; never released (the strings live as long as the process, like interned ones).
std::array<PyObject*, kKeyCacheSlots> slots{};

}  // namespace

PyObject* CachedAsciiKey(std::string_view ascii) {
  if (ascii.size() > kMaxCachedKeyBytes) return NewAsciiString(ascii);
  PyObject*& slot = slots[SlotOf(ascii)];
  if (slot != nullptr && static_cast<size_t>(PyUnicode_GET_LENGTH(slot)) == ascii.size() &&
      std::memcmp(PyUnicode_1BYTE_DATA(slot), ascii.data(), ascii.size()) == 0) {
    Py_INCREF(slot);
    return slot;
  }
  PyObject* str = NewAsciiString(ascii);
  if (str == nullptr) return nullptr;
  Py_INCREF(str);
  Py_XSETREF(slot, str);
  return str;
}

}  // namespace arrowpack::python
