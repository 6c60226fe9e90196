// LZ4 frame format (what pyarrow calls "lz4"). Written frames carry a content checksum (not IPC
// bodies: MakeIpcBodyCodec); one-shot frames also carry the content size.
#include <lz4frame.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "arrowpack/core/codec_internal.h"

namespace arrowpack::internal {

namespace {

constexpr std::string_view kName = "lz4";
// Input fed to LZ4F_compressUpdate per call; bounds the staging area to about twice this.
constexpr int64_t kCompressChunk = 64 * 1024;

Status Lz4Error(const char* operation, size_t code) {
  return Status::IOError("lz4 ", operation, " failed: ", LZ4F_getErrorName(code));
}

LZ4F_preferences_t Preferences(int level, int64_t content_size, bool checksum) {
  LZ4F_preferences_t prefs;
  std::memset(&prefs, 0, sizeof(prefs));  // all-zero means the library defaults
  prefs.compressionLevel = level;
  prefs.frameInfo.contentChecksumFlag = checksum ? LZ4F_contentChecksumEnabled : LZ4F_noContentChecksum;
  prefs.frameInfo.contentSize = static_cast<unsigned long long>(content_size);  // 0: not recorded
  return prefs;
}

// LZ4F insists on worst-case output room for every call, so the compressor produces into a
// staging area and hands bytes out as the caller's buffers allow (down to one byte at a time).
class Lz4Compressor final : public Compressor {
 public:
  Lz4Compressor(LZ4F_cctx* ctx, int level, bool checksum) : ctx_(ctx), prefs_(Preferences(level, 0, checksum)) {}
  ~Lz4Compressor() override { LZ4F_freeCompressionContext(ctx_); }

  Result<CompressResult> Compress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                  uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    int64_t written = Drain(output_len, output);
    // Staging only takes new input once it is empty, so it stays bounded.
    if (HasPending() || input_len == 0) return CompressResult{0, written};
    ARROWPACK_RETURN_NOT_OK(BeginFrameIfNeeded());
    const int64_t chunk = std::min(input_len, kCompressChunk);
    ARROWPACK_RETURN_NOT_OK(Stage(LZ4F_compressBound(static_cast<size_t>(chunk), &prefs_), [&](uint8_t* dst, size_t cap) {
      return LZ4F_compressUpdate(ctx_, dst, cap, input, static_cast<size_t>(chunk), nullptr);
    }));
    written += Drain(output_len - written, output + written);
    return CompressResult{chunk, written};
  }

  Result<FlushResult> Flush(int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(0, output_len));
    if (in_frame_ && !HasPending()) {
      ARROWPACK_RETURN_NOT_OK(Stage(LZ4F_compressBound(0, &prefs_), [&](uint8_t* dst, size_t cap) {
        return LZ4F_flush(ctx_, dst, cap, nullptr);
      }));
    }
    const int64_t written = Drain(output_len, output);
    return FlushResult{written, HasPending()};
  }

  Result<FlushResult> End(int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(0, output_len));
    if (!ending_) {
      // An empty stream still becomes a complete (empty) frame.
      ARROWPACK_RETURN_NOT_OK(BeginFrameIfNeeded());
      ARROWPACK_RETURN_NOT_OK(Stage(LZ4F_compressBound(0, &prefs_), [&](uint8_t* dst, size_t cap) {
        return LZ4F_compressEnd(ctx_, dst, cap, nullptr);
      }));
      in_frame_ = false;
      ending_ = true;
    }
    const int64_t written = Drain(output_len, output);
    if (HasPending()) return FlushResult{written, true};
    ending_ = false;  // a later Compress starts a new frame
    return FlushResult{written, false};
  }

 private:
  bool HasPending() const { return pending_pos_ < pending_.size(); }

  Status BeginFrameIfNeeded() {
    if (in_frame_) return Status::OK();
    ARROWPACK_RETURN_NOT_OK(Stage(LZ4F_HEADER_SIZE_MAX, [&](uint8_t* dst, size_t cap) {
      return LZ4F_compressBegin(ctx_, dst, cap, &prefs_);
    }));
    in_frame_ = true;
    return Status::OK();
  }

  // Appends what `produce` writes (at most `bound` bytes) behind any bytes still pending.
  template <typename Produce>
  Status Stage(size_t bound, Produce&& produce) {
    const size_t old_size = pending_.size();
    pending_.resize(old_size + bound);
    const size_t rc = produce(pending_.data() + old_size, bound);
    if (LZ4F_isError(rc)) {
      pending_.resize(old_size);
      return Lz4Error("compression", rc);
    }
    pending_.resize(old_size + rc);
    return Status::OK();
  }

  int64_t Drain(int64_t output_len, uint8_t* output) {
    const size_t n = std::min(pending_.size() - pending_pos_, static_cast<size_t>(output_len));
    if (n > 0) std::memcpy(output, pending_.data() + pending_pos_, n);
    pending_pos_ += n;
    if (pending_pos_ == pending_.size()) {
      pending_.clear();
      pending_pos_ = 0;
    }
    return static_cast<int64_t>(n);
  }

  LZ4F_cctx* ctx_;
  LZ4F_preferences_t prefs_;
  std::vector<uint8_t> pending_;
  size_t pending_pos_ = 0;
  bool in_frame_ = false;
  bool ending_ = false;
};

class Lz4Decompressor final : public Decompressor {
 public:
  explicit Lz4Decompressor(LZ4F_dctx* ctx) : ctx_(ctx) {}
  ~Lz4Decompressor() override { LZ4F_freeDecompressionContext(ctx_); }

  Result<DecompressResult> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                      uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    int64_t read = 0;
    int64_t written = 0;
    size_t rc;
    while (true) {
      size_t src_size = static_cast<size_t>(input_len - read);
      size_t dst_size = static_cast<size_t>(output_len - written);
      rc = LZ4F_decompress(ctx_, output + written, &dst_size, input + read, &src_size, nullptr);
      if (LZ4F_isError(rc)) {
        // LZ4F leaves the context unusable after an error; reset it to a defined state.
        LZ4F_resetDecompressionContext(ctx_);
        in_frame_ = false;
        return Lz4Error("decompression", rc);
      }
      read += static_cast<int64_t>(src_size);
      written += static_cast<int64_t>(dst_size);
      if (rc == 0) {
        in_frame_ = false;
      } else if (src_size > 0) {
        in_frame_ = true;
      }
      // LZ4F stops exactly at a frame end; carry on into the next concatenated frame.
      if (rc != 0 || read == input_len || written == output_len) break;
    }
    return DecompressResult{read, written, written == output_len && rc != 0};
  }

  bool IsFinished() override { return !in_frame_; }

  Status Reset() override {
    LZ4F_resetDecompressionContext(ctx_);
    in_frame_ = false;
    return Status::OK();
  }

 private:
  LZ4F_dctx* ctx_;
  bool in_frame_ = false;
};

class Lz4FrameCodec final : public Codec {
 public:
  Lz4FrameCodec(int level, bool checksum) : level_(level), checksum_(checksum) {}

  Result<int64_t> Compress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    const LZ4F_preferences_t prefs = Preferences(level_, input_len, checksum_);
    // The same test LZ4F_compressFrame makes, done here to report it as Invalid.
    if (static_cast<size_t>(output_len) < LZ4F_compressFrameBound(static_cast<size_t>(input_len), &prefs)) {
      return Status::Invalid("lz4 output buffer of ", output_len, " bytes is too small");
    }
    const size_t rc = LZ4F_compressFrame(output, static_cast<size_t>(output_len), input,
                                         static_cast<size_t>(input_len), &prefs);
    if (LZ4F_isError(rc)) return Lz4Error("compression", rc);
    return static_cast<int64_t>(rc);
  }

  int64_t MaxCompressedLen(int64_t input_len) const override {
    const LZ4F_preferences_t prefs = Preferences(level_, input_len, checksum_);
    return static_cast<int64_t>(LZ4F_compressFrameBound(static_cast<size_t>(input_len), &prefs));
  }

  Result<int64_t> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_ASSIGN_OR_RAISE(auto decompressor, MakeDecompressor());
    return DecompressAllInto(*decompressor, kName, input_len, input, output_len, output);
  }

  Result<std::shared_ptr<Compressor>> MakeCompressor() override {
    LZ4F_cctx* ctx = nullptr;
    const size_t rc = LZ4F_createCompressionContext(&ctx, LZ4F_VERSION);
    if (LZ4F_isError(rc)) return Lz4Error("context creation", rc);
    return std::make_shared<Lz4Compressor>(ctx, level_, checksum_);
  }

  Result<std::shared_ptr<Decompressor>> MakeDecompressor() override {
    LZ4F_dctx* ctx = nullptr;
    const size_t rc = LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION);
    if (LZ4F_isError(rc)) return Lz4Error("context creation", rc);
    return std::make_shared<Lz4Decompressor>(ctx);
  }

  Compression compression_type() const override { return Compression::LZ4_FRAME; }
  int compression_level() const override { return level_; }

 private:
  int level_;
  bool checksum_;
};

}  // namespace

LevelRange Lz4FrameLevelRange() { return {1, 12, 1}; }

std::unique_ptr<Codec> MakeLz4FrameCodec(int level, bool checksum) {
  return std::make_unique<Lz4FrameCodec>(level, checksum);
}

}  // namespace arrowpack::internal
