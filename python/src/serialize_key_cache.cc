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

// The first and the last (up to) 8 bytes of a key.
uint64_t Load8(const char* p, size_t n) {
  uint64_t word = 0;
  std::memcpy(&word, p, n);
  return word;
}

// Only the slot index is taken from it, and a slot is checked against the whole key: a hash of
// the length and the first and last 8 bytes (all of them for keys up to 16 bytes) is enough.
size_t SlotOf(std::string_view bytes) {
  const size_t n = bytes.size();
  const size_t head = n < 8 ? n : 8;
  const uint64_t first = Load8(bytes.data(), head);
  const uint64_t last = n > 8 ? Load8(bytes.data() + n - head, head) : 0;
  uint64_t hash = (first * 0x9E3779B97F4A7C15ull) ^ (last * 0xC2B2AE3D27D4EB4Full) ^ n;
  hash ^= hash >> 29;
  hash *= 0xBF58476D1CE4E5B9ull;
  return static_cast<size_t>(hash >> 40) % kKeyCacheSlots;
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
