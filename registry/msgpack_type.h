// RegisterMsgpack<T>: registers a type that has a msgpack-c adaptor (MSGPACK_DEFINE,
// MSGPACK_DEFINE_MAP or a msgpack::adaptor specialization) in one line; its payload travels as
// a bytes Value holding the msgpack encoding, which Python reads with msgpack.unpackb.
//
//   ARROWPACK_RETURN_NOT_OK(RegisterMsgpack<Point>(registry, "example.Point"));
//
// Errors: Register's (duplicate or empty id). Deserializing gives TypeError if the payload is not
// bytes and Invalid if the bytes are not one complete msgpack object of the shape T expects.
// Untrusted payloads are safe: unpacking is capped by the payload's size and a nesting depth of
// 100, and msgpack-c's exceptions never leave these functions.
// Header-only; arrowpack::arrowpack provides msgpack-c's include path and MSGPACK_NO_BOOST.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include <msgpack.hpp>

#include "arrowpack/registry/type_registry.h"

namespace arrowpack {

/// msgpack encoding of `object`; Invalid if its adaptor throws.
template <typename T>
Result<std::string> PackMsgpack(const T& object) {
  try {
    msgpack::sbuffer packed;
    msgpack::pack(packed, object);
    return std::string(packed.data(), packed.size());
  } catch (const std::exception& error) {
    return Status::Invalid("msgpack encoding failed: ", error.what());
  }
}

/// Decodes `bytes` (exactly one msgpack object) into a T.
template <typename T>
Result<T> UnpackMsgpack(const std::string& bytes) {
  constexpr size_t kMaxDepth = 100;
  // Every element takes at least one byte, so no count in valid data exceeds the input size.
  const size_t n = bytes.size();
  const msgpack::unpack_limit limit(n, n, n, n, n, kMaxDepth);
  try {
    size_t offset = 0;
    msgpack::object_handle handle = msgpack::unpack(bytes.data(), n, offset, nullptr, nullptr, limit);
    if (offset != n) return Status::Invalid("msgpack payload has ", n - offset, " trailing bytes");
    return handle.get().as<T>();
  } catch (const std::exception& error) {
    return Status::Invalid("msgpack payload does not decode: ", error.what());
  }
}

template <typename T>
Status RegisterMsgpack(TypeRegistry& registry, std::string type_id) {
  return registry.Register<T>(
      std::move(type_id),
      [](const T& object) -> Result<Value> {
        ARROWPACK_ASSIGN_OR_RAISE(std::string packed, PackMsgpack(object));
        return Value::Bytes(std::move(packed));
      },
      [](const Value& payload) -> Result<T> {
        ARROWPACK_RETURN_NOT_OK(payload.CheckKind(ValueKind::kBytes));
        return UnpackMsgpack<T>(payload.bytes());
      });
}

}  // namespace arrowpack
