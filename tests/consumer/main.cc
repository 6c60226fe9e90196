// Uses the installed arrowpack headers and library the way an outside C++ program would.
// Exits 0 only if a pool-allocated buffer holds what was written and its slice sees the same bytes,
// and a custom type registered with RegisterMsgpack survives serialize -> bytes -> read.
#include <arrowpack/core/buffer.h>
#include <arrowpack/registry/msgpack_type.h>
#include <arrowpack/serialize/value_codec.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <utility>

namespace {

int Fail(const char* what) {
  std::fprintf(stderr, "arrowpack consumer: %s\n", what);
  return 1;
}

struct Point {
  int64_t x = 0;
  int64_t y = 0;
  MSGPACK_DEFINE(x, y);
};

int CheckRegistry() {
  arrowpack::TypeRegistry registry;
  if (!arrowpack::RegisterMsgpack<Point>(registry, "consumer.Point").ok()) return Fail("registration failed");
  auto point = registry.Serialize(Point{3, -4});
  if (!point.ok()) return Fail(point.status().ToString().c_str());
  auto object = arrowpack::SerializeValue(arrowpack::Value::List({*point, arrowpack::Value::String("text")}));
  if (!object.ok()) return Fail(object.status().ToString().c_str());
  auto bytes = object->ToBuffer();
  if (!bytes.ok()) return Fail(bytes.status().ToString().c_str());
  auto read = arrowpack::ReadValue(*bytes);
  if (!read.ok()) return Fail(read.status().ToString().c_str());
  if (read->kind() != arrowpack::ValueKind::kList || read->items().size() != 2) return Fail("wrong graph read back");
  auto back = registry.Deserialize<Point>(read->items()[0]);
  if (!back.ok()) return Fail(back.status().ToString().c_str());
  if (back->x != 3 || back->y != -4) return Fail("custom type read back wrong");
  return 0;
}

}  // namespace

int main() {
  constexpr int64_t kSize = 100;
  arrowpack::MemoryPool* pool = arrowpack::system_memory_pool();
  auto allocated = arrowpack::AllocateBuffer(kSize, pool);
  if (!allocated.ok()) return Fail(allocated.status().ToString().c_str());
  std::shared_ptr<arrowpack::Buffer> buffer = std::move(allocated).ValueOrDie();

  if (buffer->size() != kSize || buffer->mutable_data() == nullptr) return Fail("wrong size or not writable");
  if (buffer->address() % arrowpack::kDefaultBufferAlignment != 0) return Fail("not 64-byte aligned");
  if (pool->bytes_allocated() < kSize) return Fail("pool did not account the allocation");
  for (int64_t i = 0; i < kSize; ++i) buffer->mutable_data()[i] = static_cast<uint8_t>(i * 3);

  auto slice = arrowpack::SliceBufferChecked(buffer, 10, 5);
  if (!slice.ok()) return Fail(slice.status().ToString().c_str());
  const std::shared_ptr<arrowpack::Buffer>& view = *slice;
  if (view->size() != 5 || view->data() != buffer->data() + 10) return Fail("slice is not a zero-copy view");
  for (int64_t i = 0; i < view->size(); ++i) {
    if (view->data()[i] != static_cast<uint8_t>((10 + i) * 3)) return Fail("slice reads wrong bytes");
  }
  if (arrowpack::SliceBufferChecked(buffer, 90, 20).ok()) return Fail("out-of-range slice was accepted");

  if (int failed = CheckRegistry()) return failed;

  std::printf("arrowpack consumer: ok\n");
  return 0;
}
