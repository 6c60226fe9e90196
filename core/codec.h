// Compression codecs: ZSTD, LZ4 (frame format) and GZIP, one-shot and streaming. Codec objects
// are immutable after creation and safe to use from several threads; Compressor/Decompressor
// objects hold per-stream state and are not. Corrupt or truncated input gives IOError; an output
// that would exceed the caller's limit gives Invalid (never an unbounded allocation).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/result.h"

namespace arrowpack {

/// Compression kinds. Values other than UNCOMPRESSED, GZIP, LZ4_FRAME and ZSTD are recognised by
/// name (so errors can say "not available") but have no codec.
enum class Compression { UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4, LZ4_FRAME, BZ2 };

constexpr int kUseDefaultCompressionLevel = std::numeric_limits<int>::min();

/// Streaming compression. Feed input with Compress, then call End until should_retry is false;
/// a later Compress starts a new frame (gzip member). Any output size works, down to one byte.
class Compressor {
 public:
  virtual ~Compressor() = default;
  struct CompressResult {
    int64_t bytes_read;
    int64_t bytes_written;
  };
  struct FlushResult {
    int64_t bytes_written;
    bool should_retry;  // output was too small; call again with more room
  };
  virtual Result<CompressResult> Compress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                          uint8_t* output) = 0;
  virtual Result<FlushResult> Flush(int64_t output_len, uint8_t* output) = 0;
  /// Finishes the stream (writes trailers).
  virtual Result<FlushResult> End(int64_t output_len, uint8_t* output) = 0;
};

/// Streaming decompression of one or more concatenated frames (gzip members). Corrupt input is
/// an IOError naming the codec; the object should then be Reset or dropped.
class Decompressor {
 public:
  virtual ~Decompressor() = default;
  struct DecompressResult {
    int64_t bytes_read;
    int64_t bytes_written;
    bool need_more_output;  // the output was filled and more may follow without new input
  };
  virtual Result<DecompressResult> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                              uint8_t* output) = 0;
  /// True at a frame boundary, including before any input (a stream that ends anywhere else is
  /// truncated).
  virtual bool IsFinished() = 0;
  virtual Status Reset() = 0;
};

class Codec {
 public:
  virtual ~Codec() = default;

  /// NotImplemented for kinds without a codec; Invalid for a level outside the codec's range.
  static Result<std::unique_ptr<Codec>> Create(Compression kind, int level = kUseDefaultCompressionLevel);
  /// Accepts pyarrow's names: "zstd", "lz4" (frame), "lz4_frame", "gzip", "snappy", "brotli",
  /// "bz2", "lz4_raw", "uncompressed" (case-insensitive). Invalid for unknown names.
  static Result<Compression> GetCompressionType(const std::string& name);
  /// Lower-case name as pyarrow spells it ("zstd", "lz4", "gzip", ...).
  static std::string GetCodecAsString(Compression kind);
  static bool IsAvailable(Compression kind);
  static bool SupportsCompressionLevel(Compression kind);
  /// Level ranges and defaults are pyarrow's: gzip 1..9 (9), lz4 1..12 (1), zstd
  /// ZSTD_minCLevel()..ZSTD_maxCLevel() (1). NotImplemented for codecs that are not available.
  static Result<int> DefaultCompressionLevel(Compression kind);
  static Result<int> MinimumCompressionLevel(Compression kind);
  static Result<int> MaximumCompressionLevel(Compression kind);

  /// One-shot compression into `output` (at least MaxCompressedLen bytes); returns bytes written.
  virtual Result<int64_t> Compress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                   uint8_t* output) = 0;
  virtual int64_t MaxCompressedLen(int64_t input_len) const = 0;
  /// One-shot decompression of whole frames into `output`, never writing past `output_len`;
  /// Invalid if the data decompresses to more than that, IOError if it is corrupt or truncated.
  /// Returns bytes written.
  virtual Result<int64_t> Decompress(int64_t input_len, const uint8_t* input, int64_t output_len,
                                     uint8_t* output) = 0;
  virtual Result<std::shared_ptr<Compressor>> MakeCompressor() = 0;
  virtual Result<std::shared_ptr<Decompressor>> MakeDecompressor() = 0;

  virtual Compression compression_type() const = 0;
  virtual int compression_level() const = 0;
  std::string name() const { return GetCodecAsString(compression_type()); }

  /// Buffer conveniences. DecompressBuffer with a known size fails (IOError) unless the data
  /// decompresses to exactly that size; with no known size it grows the output geometrically and
  /// fails with Invalid once it would pass `max_output_size` (a cap against decompression bombs).
  Result<std::shared_ptr<Buffer>> CompressBuffer(const Buffer& input, MemoryPool* pool = nullptr);
  Result<std::shared_ptr<Buffer>> DecompressBuffer(const Buffer& input, std::optional<int64_t> decompressed_size,
                                                   MemoryPool* pool = nullptr,
                                                   int64_t max_output_size = int64_t{1} << 40);
};

}  // namespace arrowpack
