// GZIP (deflate in the gzip wrapper, RFC 1952) through zlib. Decompression accepts several
// concatenated members, as gzip(1) does.
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "arrowpack/core/codec_internal.h"

namespace arrowpack::internal {

namespace {

constexpr std::string_view kName = "gzip";
constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip header and trailer
constexpr int kMemLevel = 8;
// deflate needs a few bytes of room to finish a flush marker; with less it would emit a fresh
// marker on every call, so tiny outputs are served from a scratch area instead.
constexpr int64_t kScratchSize = 256;

uInt ClampToUInt(int64_t n) { return static_cast<uInt>(std::min<int64_t>(n, UINT_MAX)); }

Status ZlibError(const char* operation, int code, const z_stream& stream) {
  return Status::IOError("gzip ", operation, " failed: ", stream.msg != nullptr ? stream.msg : zError(code));
}

class GzipCompressor final : public Compressor {
 public:
  static Result<std::shared_ptr<GzipCompressor>> Make(int level) {
    auto compressor = std::shared_ptr<GzipCompressor>(new GzipCompressor());
    const int rc = deflateInit2(&compressor->stream_, level, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                                Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) return ZlibError("deflateInit", rc, compressor->stream_);
    compressor->initialized_ = true;
    return compressor;
  }
  ~GzipCompressor() override {
    if (initialized_) deflateEnd(&stream_);
  }

  Result<CompressResult> Compress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                  uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    int64_t written = Drain(output_len, output);
    if (HasPending() || written == output_len || input_len == 0) return CompressResult{0, written};
    if (ended_) {  // a new member after a finished one
      const int rc = deflateReset(&stream_);
      if (rc != Z_OK) return ZlibError("deflateReset", rc, stream_);
      ended_ = false;
    }
    stream_.next_in = const_cast<Bytef*>(input);
    stream_.avail_in = ClampToUInt(input_len);
    stream_.next_out = output + written;
    stream_.avail_out = ClampToUInt(output_len - written);
    const uInt in_before = stream_.avail_in;
    const uInt out_before = stream_.avail_out;
    const int rc = deflate(&stream_, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_BUF_ERROR) return ZlibError("compression", rc, stream_);
    written += out_before - stream_.avail_out;
    return CompressResult{static_cast<int64_t>(in_before - stream_.avail_in), written};
  }

  Result<FlushResult> Flush(int64_t output_len, uint8_t* output) override {
    return Finish(Z_SYNC_FLUSH, output_len, output);
  }
  Result<FlushResult> End(int64_t output_len, uint8_t* output) override {
    return Finish(Z_FINISH, output_len, output);
  }

 private:
  GzipCompressor() { std::memset(&stream_, 0, sizeof(stream_)); }

  bool HasPending() const { return pending_pos_ < pending_len_; }

  int64_t Drain(int64_t output_len, uint8_t* output) {
    const int64_t n = std::min(pending_len_ - pending_pos_, output_len);
    if (n > 0) std::memcpy(output, scratch_ + pending_pos_, static_cast<size_t>(n));
    pending_pos_ += n;
    return n;
  }

  Result<FlushResult> Finish(int mode, int64_t output_len, uint8_t* output) {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(0, output_len));
    int64_t written = Drain(output_len, output);
    if (HasPending()) return FlushResult{written, true};
    if (ended_) return FlushResult{written, false};
    const bool staged = output_len - written < kScratchSize;
    uint8_t* dest = staged ? scratch_ : output + written;
    const uInt room = staged ? static_cast<uInt>(kScratchSize) : ClampToUInt(output_len - written);
    stream_.next_in = nullptr;
    stream_.avail_in = 0;
    stream_.next_out = dest;
    stream_.avail_out = room;
    const int rc = deflate(&stream_, mode);
    if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END) return ZlibError("compression", rc, stream_);
    const int64_t produced = room - stream_.avail_out;
    if (staged) {
      pending_pos_ = 0;
      pending_len_ = produced;
      written += Drain(output_len - written, output + written);
    } else {
      written += produced;
    }
    // A flush is complete once deflate leaves room unused; the end once it reports the stream end.
    const bool done = mode == Z_FINISH ? rc == Z_STREAM_END : stream_.avail_out != 0;
    if (rc == Z_STREAM_END) ended_ = true;
    return FlushResult{written, HasPending() || !done};
  }

  z_stream stream_;
  bool initialized_ = false;
  bool ended_ = false;
  uint8_t scratch_[kScratchSize];
  int64_t pending_pos_ = 0;
  int64_t pending_len_ = 0;
};

class GzipDecompressor final : public Decompressor {
 public:
  static Result<std::shared_ptr<GzipDecompressor>> Make() {
    auto decompressor = std::shared_ptr<GzipDecompressor>(new GzipDecompressor());
    const int rc = inflateInit2(&decompressor->stream_, kGzipWindowBits);
    if (rc != Z_OK) return ZlibError("inflateInit", rc, decompressor->stream_);
    decompressor->initialized_ = true;
    return decompressor;
  }
  ~GzipDecompressor() override {
    if (initialized_) inflateEnd(&stream_);
  }

  Result<DecompressResult> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                      uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    int64_t read = 0;
    int64_t written = 0;
    while (true) {
      stream_.next_in = const_cast<Bytef*>(input + read);
      stream_.avail_in = ClampToUInt(input_len - read);
      stream_.next_out = output + written;
      stream_.avail_out = ClampToUInt(output_len - written);
      const uInt in_before = stream_.avail_in;
      const uInt out_before = stream_.avail_out;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      const int64_t consumed = in_before - stream_.avail_in;
      const int64_t produced = out_before - stream_.avail_out;
      read += consumed;
      written += produced;
      if (rc == Z_STREAM_END) {
        // Member complete (trailer checked); get ready for a following member.
        const int reset_rc = inflateReset(&stream_);
        if (reset_rc != Z_OK) return ZlibError("inflateReset", reset_rc, stream_);
        in_member_ = false;
      } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
        if (consumed > 0) in_member_ = true;
        if (consumed == 0 && produced == 0) break;  // needs more input or more room
      } else {
        Status error = ZlibError("decompression", rc, stream_);
        inflateReset(&stream_);
        in_member_ = false;
        return error;
      }
      if (read == input_len || written == output_len) break;
    }
    return DecompressResult{read, written, written == output_len && in_member_};
  }

  bool IsFinished() override { return !in_member_; }

  Status Reset() override {
    const int rc = inflateReset(&stream_);
    if (rc != Z_OK) return ZlibError("inflateReset", rc, stream_);
    in_member_ = false;
    return Status::OK();
  }

 private:
  GzipDecompressor() { std::memset(&stream_, 0, sizeof(stream_)); }

  z_stream stream_;
  bool initialized_ = false;
  bool in_member_ = false;
};

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {}

  Result<int64_t> Compress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
    ARROWPACK_ASSIGN_OR_RAISE(auto compressor, GzipCompressor::Make(level_));
    const Status too_small = Status::Invalid("gzip output buffer of ", output_len, " bytes is too small");
    int64_t written = 0;
    while (input_len > 0) {
      ARROWPACK_ASSIGN_OR_RAISE(auto step,
                                compressor->Compress(input_len, input, output_len - written, output + written));
      if (step.bytes_read == 0 && step.bytes_written == 0) return too_small;
      input += step.bytes_read;
      input_len -= step.bytes_read;
      written += step.bytes_written;
    }
    while (true) {
      ARROWPACK_ASSIGN_OR_RAISE(auto step, compressor->End(output_len - written, output + written));
      written += step.bytes_written;
      if (!step.should_retry) break;
      if (step.bytes_written == 0) return too_small;
    }
    return written;
  }

  // zlib's compressBound covers the 6-byte zlib wrapper; the gzip wrapper takes 18.
  int64_t MaxCompressedLen(int64_t input_len) const override {
    return static_cast<int64_t>(compressBound(static_cast<uLong>(input_len))) + 12;
  }

  Result<int64_t> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len, uint8_t* output) override {
    ARROWPACK_ASSIGN_OR_RAISE(auto decompressor, GzipDecompressor::Make());
    return DecompressAllInto(*decompressor, kName, input_len, input, output_len, output);
  }

  Result<std::shared_ptr<Compressor>> MakeCompressor() override {
    ARROWPACK_ASSIGN_OR_RAISE(auto compressor, GzipCompressor::Make(level_));
    return std::shared_ptr<Compressor>(std::move(compressor));
  }

  Result<std::shared_ptr<Decompressor>> MakeDecompressor() override {
    ARROWPACK_ASSIGN_OR_RAISE(auto decompressor, GzipDecompressor::Make());
    return std::shared_ptr<Decompressor>(std::move(decompressor));
  }

  Compression compression_type() const override { return Compression::GZIP; }
  int compression_level() const override { return level_; }

 private:
  int level_;
};

}  // namespace

LevelRange GzipLevelRange() { return {1, 9, 9}; }

std::unique_ptr<Codec> MakeGzipCodec(int level) { return std::make_unique<GzipCodec>(level); }

}  // namespace arrowpack::internal
