// Zstandard frames. Written frames carry the content size (one-shot) and a content checksum, so
// corruption is detected rather than decoded into wrong bytes (not IPC bodies: MakeIpcBodyCodec).
// One-shot calls reuse a context kept per thread (see CachedContext), so the threads of
// ParallelFor's pool compress buffer after buffer without allocating and faulting in a fresh
// workspace each time.
#include <zstd.h>
#include <zstd_errors.h>

#include "arrowpack/core/codec_internal.h"

namespace arrowpack::internal {

namespace {

struct CCtxFree {
  void operator()(ZSTD_CCtx* ctx) const { ZSTD_freeCCtx(ctx); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};
using CCtxPtr = std::unique_ptr<ZSTD_CCtx, CCtxFree>;
using DCtxPtr = std::unique_ptr<ZSTD_DCtx, DCtxFree>;

Status ZstdError(const char* operation, size_t code) {
  return Status::IOError("zstd ", operation, " failed: ", ZSTD_getErrorName(code));
}

Status ConfigureCCtx(ZSTD_CCtx* ctx, int level, bool checksum) {
  size_t rc = ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level);
  if (!ZSTD_isError(rc)) rc = ZSTD_CCtx_setParameter(ctx, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  if (ZSTD_isError(rc)) return ZstdError("configuration", rc);
  return Status::OK();
}

Result<CCtxPtr> MakeCCtx(int level, bool checksum) {
  CCtxPtr ctx(ZSTD_createCCtx());
  if (!ctx) return Status::OutOfMemory("zstd: cannot allocate a compression context");
  ARROWPACK_RETURN_NOT_OK(ConfigureCCtx(ctx.get(), level, checksum));
  return ctx;
}

Result<DCtxPtr> MakeDCtx() {
  DCtxPtr ctx(ZSTD_createDCtx());
  if (!ctx) return Status::OutOfMemory("zstd: cannot allocate a decompression context");
  return ctx;
}

// A context taken from this thread's cache for one one-shot call and put back afterwards, unless
// it has grown past kMaxCachedContextBytes (high levels and long windows): those are freed, so a
// long-lived thread holds little memory. A call nested in another (none today) simply makes its own.
constexpr size_t kMaxCachedContextBytes = size_t{8} << 20;

template <typename Ptr, size_t (*SizeOf)(const typename Ptr::element_type*)>
class CachedContext {
 public:
  explicit CachedContext(Ptr ctx) : ctx_(std::move(ctx)) {}
  CachedContext(const CachedContext&) = delete;
  CachedContext& operator=(const CachedContext&) = delete;
  ~CachedContext() {
    if (SizeOf(ctx_.get()) <= kMaxCachedContextBytes) slot() = std::move(ctx_);
  }

  /// This thread's cached context, or nullptr (then the caller makes one).
  static Ptr Take() { return std::move(slot()); }
  typename Ptr::element_type* get() const { return ctx_.get(); }

 private:
  static Ptr& slot() {
    thread_local Ptr cached;
    return cached;
  }
  Ptr ctx_;
};

using CachedCCtx = CachedContext<CCtxPtr, ZSTD_sizeof_CCtx>;
using CachedDCtx = CachedContext<DCtxPtr, ZSTD_sizeof_DCtx>;

// This thread's compression context set to `level` and `checksum`, a new one when none is cached.
Result<CCtxPtr> TakeCCtx(int level, bool checksum) {
  CCtxPtr ctx = CachedCCtx::Take();
  if (ctx == nullptr) return MakeCCtx(level, checksum);
  const size_t rc = ZSTD_CCtx_reset(ctx.get(), ZSTD_reset_session_and_parameters);
  if (ZSTD_isError(rc)) return ZstdError("reset", rc);
  ARROWPACK_RETURN_NOT_OK(ConfigureCCtx(ctx.get(), level, checksum));
  return ctx;
}

Result<DCtxPtr> TakeDCtx() {
  DCtxPtr ctx = CachedDCtx::Take();
  if (ctx == nullptr) return MakeDCtx();
  return ctx;
}

class ZstdCompressor final : public Compressor {
 public:
  explicit ZstdCompressor(CCtxPtr ctx) : ctx_(std::move(ctx)) {}

  Result<CompressResult> Compress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                  uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    ZSTD_inBuffer in{input, static_cast<size_t>(input_len), 0};
    ZSTD_outBuffer out{output, static_cast<size_t>(output_len), 0};
    const size_t rc = ZSTD_compressStream2(ctx_.get(), &out, &in, ZSTD_e_continue);
    if (ZSTD_isError(rc)) return ZstdError("compression", rc);
    return CompressResult{static_cast<int64_t>(in.pos), static_cast<int64_t>(out.pos)};
  }

  Result<FlushResult> Flush(int64_t output_len, uint8_t* output) override {
    return Drain(ZSTD_e_flush, output_len, output);
  }
  Result<FlushResult> End(int64_t output_len, uint8_t* output) override {
    return Drain(ZSTD_e_end, output_len, output);
  }

 private:
  Result<FlushResult> Drain(ZSTD_EndDirective directive, int64_t output_len, uint8_t* output) {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(0, output_len));
    ZSTD_inBuffer in{nullptr, 0, 0};
    ZSTD_outBuffer out{output, static_cast<size_t>(output_len), 0};
    const size_t remaining = ZSTD_compressStream2(ctx_.get(), &out, &in, directive);
    if (ZSTD_isError(remaining)) return ZstdError("compression", remaining);
    return FlushResult{static_cast<int64_t>(out.pos), remaining != 0};
  }

  CCtxPtr ctx_;
};

class ZstdDecompressor final : public Decompressor {
 public:
  explicit ZstdDecompressor(DCtxPtr ctx) : ctx_(std::move(ctx)) {}

  Result<DecompressResult> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                      uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    ZSTD_inBuffer in{input, static_cast<size_t>(input_len), 0};
    ZSTD_outBuffer out{output, static_cast<size_t>(output_len), 0};
    size_t rc;
    while (true) {
      const size_t consumed_before = in.pos;
      rc = ZSTD_decompressStream(ctx_.get(), &out, &in);
      if (ZSTD_isError(rc)) return ZstdError("decompression", rc);
      if (rc == 0) {
        in_frame_ = false;
      } else if (in.pos > consumed_before) {
        in_frame_ = true;
      }
      // The library stops at each frame end; carry on into the next concatenated frame.
      if (rc != 0 || in.pos == in.size || out.pos == out.size) break;
    }
    return DecompressResult{static_cast<int64_t>(in.pos), static_cast<int64_t>(out.pos),
                            out.pos == out.size && rc != 0};
  }

  bool IsFinished() override { return !in_frame_; }

  Status Reset() override {
    const size_t rc = ZSTD_DCtx_reset(ctx_.get(), ZSTD_reset_session_only);
    if (ZSTD_isError(rc)) return ZstdError("reset", rc);
    in_frame_ = false;
    return Status::OK();
  }

 private:
  DCtxPtr ctx_;
  bool in_frame_ = false;
};

class ZstdCodec final : public Codec {
 public:
  ZstdCodec(int level, bool checksum) : level_(level), checksum_(checksum) {}

  Result<int64_t> Compress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    ARROWPACK_ASSIGN_OR_RAISE(CCtxPtr taken, TakeCCtx(level_, checksum_));
    const CachedCCtx ctx(std::move(taken));
    const size_t rc = ZSTD_compress2(ctx.get(), output, static_cast<size_t>(output_len), input,
                                     static_cast<size_t>(input_len));
    if (ZSTD_isError(rc)) {
      if (ZSTD_getErrorCode(rc) == ZSTD_error_dstSize_tooSmall) {
        return Status::Invalid("zstd output buffer of ", output_len, " bytes is too small");
      }
      return ZstdError("compression", rc);
    }
    return static_cast<int64_t>(rc);
  }

  int64_t MaxCompressedLen(int64_t input_len) const override {
    return static_cast<int64_t>(ZSTD_compressBound(static_cast<size_t>(input_len)));
  }

  Result<int64_t> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    if (input_len == 0) return 0;
    // Refuse early when the header already says the output cannot hold the frame.
    const unsigned long long declared = ZSTD_getFrameContentSize(input, static_cast<size_t>(input_len));
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR &&
        declared > static_cast<unsigned long long>(output_len)) {
      return Status::Invalid("zstd frame declares ", declared, " bytes, more than the output's ", output_len);
    }
    ARROWPACK_ASSIGN_OR_RAISE(DCtxPtr taken, TakeDCtx());
    const CachedDCtx ctx(std::move(taken));
    const size_t rc = ZSTD_decompressDCtx(ctx.get(), output, static_cast<size_t>(output_len), input,
                                          static_cast<size_t>(input_len));
    if (ZSTD_isError(rc)) {
      if (ZSTD_getErrorCode(rc) == ZSTD_error_dstSize_tooSmall) {
        return Status::Invalid("zstd data decompresses to more than ", output_len, " bytes");
      }
      return ZstdError("decompression", rc);
    }
    return static_cast<int64_t>(rc);
  }

  Result<std::shared_ptr<Compressor>> MakeCompressor() override {
    ARROWPACK_ASSIGN_OR_RAISE(auto ctx, MakeCCtx(level_, checksum_));
    return std::make_shared<ZstdCompressor>(std::move(ctx));
  }

  Result<std::shared_ptr<Decompressor>> MakeDecompressor() override {
    ARROWPACK_ASSIGN_OR_RAISE(auto ctx, MakeDCtx());
    return std::make_shared<ZstdDecompressor>(std::move(ctx));
  }

  Compression compression_type() const override { return Compression::ZSTD; }
  int compression_level() const override { return level_; }

 private:
  int level_;
  bool checksum_;
};

}  // namespace

LevelRange ZstdLevelRange() { return {ZSTD_minCLevel(), ZSTD_maxCLevel(), 1}; }

std::unique_ptr<Codec> MakeZstdCodec(int level, bool checksum) { return std::make_unique<ZstdCodec>(level, checksum); }

}  // namespace arrowpack::internal
