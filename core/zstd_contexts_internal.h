// Private to the zstd codec: libzstd contexts kept between one-shot calls, so code that compresses
// or decompresses buffer after buffer (an IPC writer or reader, on short-lived threads) neither
// allocates a context per buffer nor faults its workspace in again. A context taken here goes back
// to the cache when its handle is dropped; the cache keeps at most a few contexts of each kind,
// none above a size cap, and forgets them in a forked child (whose copies of libzstd's worker
// threads do not exist). Taking a context reports no error: nullptr means libzstd is out of memory.
#pragma once

#include <zstd.h>

#include <memory>

namespace arrowpack::internal {

struct ZstdCCtxRelease {
  bool multithreaded = false;  // which shelf of the cache the context returns to
  void operator()(ZSTD_CCtx* ctx) const;
};
struct ZstdDCtxRelease {
  void operator()(ZSTD_DCtx* ctx) const;
};
using PooledZstdCCtx = std::unique_ptr<ZSTD_CCtx, ZstdCCtxRelease>;
using PooledZstdDCtx = std::unique_ptr<ZSTD_DCtx, ZstdDCtxRelease>;

/// A compression context with every parameter at its default. `multithreaded`: one for compressing
/// with worker threads (kept apart from the others, so its threads and job buffers are reused).
PooledZstdCCtx TakeZstdCCtx(bool multithreaded);

/// A decompression context with every parameter at its default.
PooledZstdDCtx TakeZstdDCtx();

}  // namespace arrowpack::internal
