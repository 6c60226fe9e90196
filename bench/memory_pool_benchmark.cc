// Compares the memory pool backends on the allocation patterns arrowpack produces: many small
// buffers (metadata, offsets), medium array bodies, and growing builders (reallocate).
#include <benchmark/benchmark.h>

#include <vector>

#include "arrowpack/core/memory_pool.h"

namespace {

arrowpack::MemoryPool* PoolByIndex(int64_t index) {
  if (index == 0) return arrowpack::system_memory_pool();
  return arrowpack::mimalloc_memory_pool().ValueOrDie();
}

void Check(const arrowpack::Status& status) {
  if (!status.ok()) status.Abort("memory_pool_benchmark");
}

void SetLabel(benchmark::State& state) { state.SetLabel(PoolByIndex(state.range(0))->backend_name()); }

// Allocate and immediately free one block of range(1) bytes.
void AllocateFree(benchmark::State& state) {
  arrowpack::MemoryPool* pool = PoolByIndex(state.range(0));
  const int64_t size = state.range(1);
  for (auto _ : state) {
    uint8_t* data = nullptr;
    Check(pool->Allocate(size, &data));
    benchmark::DoNotOptimize(data);
    pool->Free(data, size);
  }
  state.SetItemsProcessed(state.iterations());
  SetLabel(state);
}

// Hold 1000 live blocks of mixed sizes, then free them (batch-shaped lifetimes).
void AllocateManyMixed(benchmark::State& state) {
  arrowpack::MemoryPool* pool = PoolByIndex(state.range(0));
  static const int64_t kSizes[] = {64, 192, 1024, 4096, 24, 65536, 320, 8192};
  std::vector<uint8_t*> blocks(1000);
  for (auto _ : state) {
    for (size_t i = 0; i < blocks.size(); ++i) Check(pool->Allocate(kSizes[i % 8], &blocks[i]));
    for (size_t i = 0; i < blocks.size(); ++i) pool->Free(blocks[i], kSizes[i % 8]);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  SetLabel(state);
}

// Grow one buffer by doubling from 64 bytes to range(1) bytes, like a builder.
void GrowByReallocate(benchmark::State& state) {
  arrowpack::MemoryPool* pool = PoolByIndex(state.range(0));
  const int64_t limit = state.range(1);
  for (auto _ : state) {
    uint8_t* data = nullptr;
    int64_t size = 64;
    Check(pool->Allocate(size, &data));
    while (size < limit) {
      Check(pool->Reallocate(size, size * 2, &data));
      size *= 2;
    }
    pool->Free(data, size);
  }
  SetLabel(state);
}

void Backends(benchmark::internal::Benchmark* bench, std::vector<int64_t> sizes) {
  const int backends = arrowpack::mimalloc_memory_pool().ok() ? 2 : 1;
  for (int backend = 0; backend < backends; ++backend) {
    for (int64_t size : sizes) bench->Args({backend, size});
  }
}

}  // namespace

BENCHMARK(AllocateFree)->Apply([](auto* b) { Backends(b, {64, 4096, 1 << 20}); });
BENCHMARK(AllocateManyMixed)->Apply([](auto* b) { Backends(b, {0}); });
BENCHMARK(GrowByReallocate)->Apply([](auto* b) { Backends(b, {1 << 16, 1 << 24}); });

BENCHMARK_MAIN();
