#include "arrowpack/core/memory_pool.h"

#include <cstring>

#include "arrowpack/core/memory_pool_internal.h"

#include "test_util.h"

namespace arrowpack {

class MemoryPoolTest : public ::testing::TestWithParam<std::string> {
 protected:
  MemoryPool* pool() {
    if (GetParam() == "system") return system_memory_pool();
    auto pool = mimalloc_memory_pool();
    if (!pool.ok()) return nullptr;
    return *pool;
  }
};

TEST_P(MemoryPoolTest, AllocationsAreAlignedAndAccounted) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  EXPECT_EQ(p->backend_name(), GetParam());
  const int64_t before = p->bytes_allocated();
  const int64_t allocations_before = p->num_allocations();
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(100, &data));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  EXPECT_EQ(p->bytes_allocated(), before + 100);
  EXPECT_GE(p->max_memory(), before + 100);
  EXPECT_EQ(p->num_allocations(), allocations_before + 1);
  std::memset(data, 7, 100);
  p->Free(data, 100);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, ReallocateKeepsContentsAndAlignment) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  const int64_t before = p->bytes_allocated();
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(64, &data));
  for (int i = 0; i < 64; ++i) data[i] = static_cast<uint8_t>(i);
  ASSERT_OK(p->Reallocate(64, 1 << 20, &data));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  for (int i = 0; i < 64; ++i) ASSERT_EQ(data[i], i);
  EXPECT_EQ(p->bytes_allocated(), before + (1 << 20));
  const int64_t total_before_shrink = p->total_bytes_allocated();
  ASSERT_OK(p->Reallocate(1 << 20, 128, &data));
  EXPECT_EQ(p->total_bytes_allocated(), total_before_shrink);
  for (int i = 0; i < 64; ++i) ASSERT_EQ(data[i], i);
  p->Free(data, 128);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, ShrinkingByAtMostHalfKeepsTheBlock) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  const int64_t before = p->bytes_allocated();
  const int64_t size = int64_t{2} << 20, half = int64_t{1} << 20;
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(size, &data));
  for (int64_t i = 0; i < size; i += 4096) data[i] = static_cast<uint8_t>(i >> 12);
  uint8_t* const original = data;
  ASSERT_OK(p->Reallocate(size, half + 640, &data));
  EXPECT_EQ(data, original);  // no copy
  EXPECT_EQ(p->bytes_allocated(), before + half + 640);
  ASSERT_OK(p->Reallocate(half + 640, half, &data));
  EXPECT_EQ(data, original);  // exactly half of the previous size
  EXPECT_EQ(p->bytes_allocated(), before + half);
  for (int64_t i = 0; i < half; i += 4096) ASSERT_EQ(data[i], static_cast<uint8_t>(i >> 12));
  ASSERT_OK(p->Reallocate(half, 1000, &data));  // a smaller block may be elsewhere; the bytes stay
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  EXPECT_EQ(data[0], 0);
  EXPECT_EQ(p->bytes_allocated(), before + 1000);
  p->Free(data, 1000);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, CustomAlignment) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(10, 512, &data));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % 512, 0u);
  p->Free(data, 10, 512);
}

TEST_P(MemoryPoolTest, ZeroSizeIsFreeAndAligned) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  const int64_t before = p->bytes_allocated();
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(0, &data));
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  EXPECT_EQ(p->bytes_allocated(), before);
  p->Free(data, 0);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, BadRequestsAreRefused) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  uint8_t* data = nullptr;
  ASSERT_RAISES_WITH(Invalid, "negative", p->Allocate(-1, &data));
  ASSERT_RAISES_WITH(Invalid, "alignment", p->Allocate(8, 3, &data));
  ASSERT_RAISES(OutOfMemory, p->Allocate(int64_t{1} << 62, &data));
  ASSERT_OK(p->Allocate(8, &data));
  ASSERT_RAISES(OutOfMemory, p->Reallocate(8, int64_t{1} << 62, &data));
  ASSERT_RAISES(Invalid, p->Reallocate(8, -5, &data));
  p->Free(data, 8);
}

TEST_P(MemoryPoolTest, LargeBlocksGrowShrinkAndCrossTheThreshold) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  const int64_t before = p->bytes_allocated();
  const int64_t small = 1000, large = int64_t{9} << 20, larger = int64_t{33} << 20;
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(small, &data));
  for (int64_t i = 0; i < small; ++i) data[i] = static_cast<uint8_t>(i * 7);
  ASSERT_OK(p->Reallocate(small, large, &data));  // backend -> OS mapping
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  data[large - 1] = 42;
  ASSERT_OK(p->Reallocate(large, larger, &data));  // mapping -> bigger mapping
  EXPECT_EQ(data[large - 1], 42);
  data[larger - 1] = 43;
  EXPECT_EQ(p->bytes_allocated(), before + larger);
  ASSERT_OK(p->Reallocate(larger, small, &data));  // back to the backend
  for (int64_t i = 0; i < small; ++i) ASSERT_EQ(data[i], static_cast<uint8_t>(i * 7));
  p->Free(data, small);
  EXPECT_EQ(p->bytes_allocated(), before);

  ASSERT_OK(p->Allocate(large, &data));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % kDefaultBufferAlignment, 0u);
  data[0] = 1;
  data[large - 1] = 2;
  p->Free(data, large);
  EXPECT_EQ(p->bytes_allocated(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, MemoryPoolTest, ::testing::Values("system", "mimalloc"));

TEST_P(MemoryPoolTest, AFreedLargeBlockServesTheNextLargeAllocationThatFits) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  if (!kLargeAllocationPathEnabled) GTEST_SKIP() << "large blocks come from the backend (ASan build)";
  const int64_t before = p->bytes_allocated();
  const int64_t first = int64_t{48} << 20, second = int64_t{40} << 20, grown = int64_t{90} << 20;
  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(first, &data));
  std::memset(data, 1, static_cast<size_t>(first));
  uint8_t* const freed = data;
  p->Free(data, first);
  ASSERT_OK(p->Allocate(second, &data));  // fits the freed block: reused, cut to its size
  EXPECT_EQ(data, freed);
  std::memset(data, 2, static_cast<size_t>(second));
  ASSERT_OK(p->Reallocate(second, grown, &data));  // the reused mapping grows like any other
  EXPECT_EQ(data[0], 2);
  EXPECT_EQ(data[second - 1], 2);
  data[grown - 1] = 3;
  EXPECT_EQ(p->bytes_allocated(), before + grown);
  p->Free(data, grown);
  uint8_t* small_large = nullptr;  // less than half the retained block: a new mapping
  ASSERT_OK(p->Allocate(int64_t{8} << 20, &small_large));
  EXPECT_NE(small_large, data);
  small_large[(int64_t{8} << 20) - 1] = 4;
  p->Free(small_large, int64_t{8} << 20);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, SeveralFreedLargeBlocksAreReused) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  if (!kLargeAllocationPathEnabled) GTEST_SKIP() << "large blocks come from the backend (ASan build)";
  const int64_t before = p->bytes_allocated();
  const int64_t size = int64_t{8} << 20;  // e.g. two decompressed IPC buffers, batch after batch
  uint8_t* first = nullptr;
  uint8_t* second = nullptr;
  ASSERT_OK(p->Allocate(size, &first));
  ASSERT_OK(p->Allocate(size, &second));
  std::memset(first, 1, static_cast<size_t>(size));
  std::memset(second, 2, static_cast<size_t>(size));
  p->Free(first, size);
  p->Free(second, size);
  EXPECT_EQ(p->bytes_allocated(), before);
  uint8_t* again[2] = {nullptr, nullptr};
  ASSERT_OK(p->Allocate(size, &again[0]));
  ASSERT_OK(p->Allocate(size, &again[1]));
  EXPECT_TRUE((again[0] == first && again[1] == second) || (again[0] == second && again[1] == first));
  for (uint8_t* data : again) {
    data[0] = 3;
    data[size - 1] = 4;
    p->Free(data, size);
  }
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST_P(MemoryPoolTest, AGrowingLargeBlockTakesARetainedBlockWhole) {
  MemoryPool* p = pool();
  if (p == nullptr) GTEST_SKIP() << "backend unavailable";
  if (!kLargeAllocationPathEnabled) GTEST_SKIP() << "large blocks come from the backend (ASan build)";
  const int64_t before = p->bytes_allocated();
  const int64_t mib = int64_t{1} << 20;
  // Fill the four cache slots with known blocks: one of 64 MiB and three of 5 MiB.
  uint8_t* blocks[4] = {nullptr, nullptr, nullptr, nullptr};
  const int64_t sizes[4] = {64 * mib, 5 * mib, 5 * mib, 5 * mib};
  for (int i = 0; i < 4; ++i) ASSERT_OK(p->Allocate(sizes[i], &blocks[i]));
  for (int i = 0; i < 4; ++i) p->Free(blocks[i], sizes[i]);
  uint8_t* const cached = blocks[0];

  uint8_t* data = nullptr;
  ASSERT_OK(p->Allocate(20 * mib, &data));  // nothing cached between 20 and 40 MiB: a new mapping
  ASSERT_NE(data, cached);
  uint8_t* const first = data;
  for (int64_t i = 0; i < 20 * mib; i += 4096) data[i] = static_cast<uint8_t>(i / 4096);
  ASSERT_OK(p->Reallocate(20 * mib, 24 * mib, &data));  // takes the 64 MiB block whole
  EXPECT_EQ(data, cached);
  for (int64_t i = 0; i < 20 * mib; i += 4096) ASSERT_EQ(data[i], static_cast<uint8_t>(i / 4096));
  ASSERT_OK(p->Reallocate(24 * mib, 60 * mib, &data));  // grows inside the taken mapping
  EXPECT_EQ(data, cached);
  data[60 * mib - 1] = 7;
  ASSERT_OK(p->Reallocate(60 * mib, 40 * mib, &data));  // a shrink keeping half the mapping keeps it
  EXPECT_EQ(data, cached);
  EXPECT_EQ(p->bytes_allocated(), before + 40 * mib);
  p->Free(data, 40 * mib);  // the whole 64 MiB mapping goes back to the cache

  ASSERT_OK(p->Allocate(64 * mib, &data));
  EXPECT_EQ(data, cached);
  data[64 * mib - 1] = 8;
  uint8_t* again = nullptr;
  ASSERT_OK(p->Allocate(20 * mib, &again));  // the block the growth left behind
  EXPECT_EQ(again, first);
  p->Free(again, 20 * mib);
  p->Free(data, 64 * mib);

  ASSERT_OK(p->Allocate(20 * mib, &data));
  std::memset(data, 9, static_cast<size_t>(20 * mib));
  ASSERT_OK(p->Reallocate(20 * mib, 24 * mib, &data));
  EXPECT_EQ(data, cached);
  ASSERT_OK(p->Reallocate(24 * mib, 6 * mib, &data));  // below half of the taken mapping: cut to size
  for (int64_t i = 0; i < 6 * mib; i += 4096) ASSERT_EQ(data[i], 9);
  ASSERT_OK(p->Reallocate(6 * mib, 1000, &data));  // back to the backend
  EXPECT_EQ(data[999], 9);
  p->Free(data, 1000);
  EXPECT_EQ(p->bytes_allocated(), before);
}

TEST(DefaultMemoryPoolTest, OverrideAndRestore) {
  MemoryPool* original = default_memory_pool();
  set_default_memory_pool(system_memory_pool());
  EXPECT_EQ(default_memory_pool(), system_memory_pool());
  set_default_memory_pool(nullptr);
  EXPECT_EQ(default_memory_pool(), original);
}

TEST(DefaultMemoryPoolTest, SupportedBackendsIncludeSystem) {
  auto names = SupportedMemoryBackendNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "system"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), default_memory_pool()->backend_name()), names.end());
}

}  // namespace arrowpack
