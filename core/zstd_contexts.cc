// The cache of libzstd contexts behind TakeZstdCCtx / TakeZstdDCtx (zstd_contexts_internal.h).
#include <pthread.h>

#include <cstddef>
#include <mutex>
#include <new>

#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/core/zstd_contexts_internal.h"

namespace arrowpack::internal {

namespace {

// Up to `capacity` idle contexts of one kind, each at most `max_bytes` large (a level-19 workspace
// is not worth keeping).
template <typename Context>
struct Shelf {
  int capacity;
  size_t max_bytes;
  Context* idle[kMaxParallelThreads] = {};
  int count = 0;

  Context* Take() { return count > 0 ? idle[--count] : nullptr; }
  // False if the shelf is full or the context too large: the caller frees it.
  bool Put(Context* ctx, size_t bytes) {
    if (count == capacity || bytes > max_bytes) return false;
    idle[count++] = ctx;
    return true;
  }
};

struct Contexts {
  std::mutex mutex;
  // One per thread a batch may use; a level-1 context holds about 0.6 MiB.
  Shelf<ZSTD_CCtx> compress{kMaxParallelThreads, size_t{16} << 20};
  // Multithreaded frames are compressed one at a time; a level-1 context with its workers' job
  // buffers holds about 16 MiB.
  Shelf<ZSTD_CCtx> compress_multithreaded{1, size_t{32} << 20};
  Shelf<ZSTD_DCtx> decompress{kMaxParallelThreads, size_t{1} << 20};
};

Contexts& Cache();

// In a forked child the cached contexts are dropped unfreed: a multithreaded one refers to worker
// threads that were not copied, and the mutex may have been held by a thread that was not either.
void ForgetContextsInChild() { new (&Cache()) Contexts(); }

Contexts& Cache() {
  // Never destroyed: contexts are still returned while other statics are torn down.
  static Contexts* contexts = [] {
    pthread_atfork(nullptr, nullptr, &ForgetContextsInChild);
    return new Contexts();
  }();
  return *contexts;
}

}  // namespace

void ZstdCCtxRelease::operator()(ZSTD_CCtx* ctx) const {
  if (ctx == nullptr) return;
  const size_t bytes = ZSTD_sizeof_CCtx(ctx);
  {
    Contexts& cache = Cache();
    std::lock_guard<std::mutex> lock(cache.mutex);
    if ((multithreaded ? cache.compress_multithreaded : cache.compress).Put(ctx, bytes)) return;
  }
  ZSTD_freeCCtx(ctx);
}

void ZstdDCtxRelease::operator()(ZSTD_DCtx* ctx) const {
  if (ctx == nullptr) return;
  const size_t bytes = ZSTD_sizeof_DCtx(ctx);
  {
    Contexts& cache = Cache();
    std::lock_guard<std::mutex> lock(cache.mutex);
    if (cache.decompress.Put(ctx, bytes)) return;
  }
  ZSTD_freeDCtx(ctx);
}

PooledZstdCCtx TakeZstdCCtx(bool multithreaded) {
  ZSTD_CCtx* ctx;
  {
    Contexts& cache = Cache();
    std::lock_guard<std::mutex> lock(cache.mutex);
    ctx = (multithreaded ? cache.compress_multithreaded : cache.compress).Take();
  }
  const ZstdCCtxRelease release{multithreaded};
  if (ctx == nullptr) return PooledZstdCCtx(ZSTD_createCCtx(), release);
  // Keeps the workspace (and a multithreaded context's worker pool); only settings are reset.
  ZSTD_CCtx_reset(ctx, ZSTD_reset_session_and_parameters);
  return PooledZstdCCtx(ctx, release);
}

PooledZstdDCtx TakeZstdDCtx() {
  ZSTD_DCtx* ctx;
  {
    Contexts& cache = Cache();
    std::lock_guard<std::mutex> lock(cache.mutex);
    ctx = cache.decompress.Take();
  }
  if (ctx == nullptr) return PooledZstdDCtx(ZSTD_createDCtx());
  ZSTD_DCtx_reset(ctx, ZSTD_reset_session_and_parameters);
  return PooledZstdDCtx(ctx);
}

}  // namespace arrowpack::internal
