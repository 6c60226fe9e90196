// Uses the installed arrowpack headers and library the way an outside C++ program would.
// Exits 0 only if a pool-allocated buffer holds what was written and its slice sees the same bytes.
#include <arrowpack/core/buffer.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <utility>

namespace {

int Fail(const char* what) {
  std::fprintf(stderr, "arrowpack consumer: %s\n", what);
  return 1;
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

  std::printf("arrowpack consumer: ok\n");
  return 0;
}
