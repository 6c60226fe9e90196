#include "arrowpack/core/codec.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "arrowpack/core/codec_internal.h"

namespace arrowpack {

namespace {

struct KindName {
  Compression kind;
  std::string_view name;
};

// pyarrow's spellings; "lz4" means the frame format, the raw block format is "lz4_raw".
constexpr KindName kKindNames[] = {
    {Compression::UNCOMPRESSED, "uncompressed"}, {Compression::SNAPPY, "snappy"}, {Compression::GZIP, "gzip"},
    {Compression::BROTLI, "brotli"},             {Compression::ZSTD, "zstd"},     {Compression::LZ4, "lz4_raw"},
    {Compression::LZ4_FRAME, "lz4"},             {Compression::BZ2, "bz2"},
};

std::optional<internal::LevelRange> LevelsOf(Compression kind) {
  switch (kind) {
    case Compression::ZSTD:
      return internal::ZstdLevelRange();
    case Compression::LZ4_FRAME:
      return internal::Lz4FrameLevelRange();
    case Compression::GZIP:
      return internal::GzipLevelRange();
    default:
      return std::nullopt;
  }
}

Status NoCodecError(Compression kind) {
  if (kind == Compression::UNCOMPRESSED) return Status::Invalid("'uncompressed' has no codec");
  return Status::NotImplemented("the ", Codec::GetCodecAsString(kind),
                                " codec is not available in arrowpack (available: gzip, lz4, zstd)");
}

// Feeds all of `input` to `decompressor`, writing at `output` (of `capacity` bytes). When the
// output is full, `grow(filled)` may enlarge it (returning true); once it cannot, a one-byte probe
// tells whether the data holds more than `limit` bytes, without ever writing past the output.
template <typename GrowFn>
Result<int64_t> RunDecompressor(Decompressor& decompressor, std::string_view codec_name, int64_t input_len,
                                const uint8_t* input, uint8_t*& output, int64_t& capacity, int64_t limit,
                                GrowFn&& grow) {
  int64_t filled = 0;
  bool pending_output = false;
  while (input_len > 0 || pending_output) {
    uint8_t probe;
    uint8_t* dest = &probe;
    int64_t room = 1;
    if (filled < capacity) {
      dest = output + filled;
      room = capacity - filled;
    } else {
      ARROWPACK_ASSIGN_OR_RAISE(bool grew, grow(filled));
      if (grew) continue;
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto step, decompressor.Decompress(input_len, input, room, dest));
    if (dest == &probe && step.bytes_written > 0) {
      return Status::Invalid(codec_name, " data decompresses to more than ", limit, " bytes");
    }
    if (step.bytes_read == 0 && step.bytes_written == 0 && !step.need_more_output && input_len > 0) {
      return Status::IOError(codec_name, " decompression made no progress on its input");
    }
    input += step.bytes_read;
    input_len -= step.bytes_read;
    filled += step.bytes_written;
    pending_output = step.need_more_output;
  }
  if (!decompressor.IsFinished()) return Status::IOError(codec_name, " compressed data is truncated");
  return filled;
}

}  // namespace

namespace internal {

Status CheckLengths(int64_t input_len, int64_t output_len) {
  if (input_len < 0 || output_len < 0) {
    return Status::Invalid("negative buffer length (input ", input_len, ", output ", output_len, ")");
  }
  return Status::OK();
}

Result<int64_t> DecompressAllInto(Decompressor& decompressor, std::string_view codec_name, int64_t input_len,
                                  const uint8_t* input, int64_t output_len, uint8_t* output) {
  ARROWPACK_RETURN_NOT_OK(CheckLengths(input_len, output_len));
  return RunDecompressor(decompressor, codec_name, input_len, input, output, output_len, output_len,
                         [](int64_t) -> Result<bool> { return false; });
}

}  // namespace internal

Result<Compression> Codec::GetCompressionType(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "lz4_frame") return Compression::LZ4_FRAME;
  for (const auto& entry : kKindNames) {
    if (entry.name == lower) return entry.kind;
  }
  return Status::Invalid("unknown compression codec '", name, "'");
}

std::string Codec::GetCodecAsString(Compression kind) {
  for (const auto& entry : kKindNames) {
    if (entry.kind == kind) return std::string(entry.name);
  }
  return "unknown";
}

bool Codec::IsAvailable(Compression kind) { return LevelsOf(kind).has_value(); }

// Every available codec takes a level; the unavailable ones report false rather than guess.
bool Codec::SupportsCompressionLevel(Compression kind) { return LevelsOf(kind).has_value(); }

Result<int> Codec::DefaultCompressionLevel(Compression kind) {
  auto levels = LevelsOf(kind);
  if (!levels) return NoCodecError(kind);
  return levels->default_level;
}

Result<int> Codec::MinimumCompressionLevel(Compression kind) {
  auto levels = LevelsOf(kind);
  if (!levels) return NoCodecError(kind);
  return levels->minimum;
}

Result<int> Codec::MaximumCompressionLevel(Compression kind) {
  auto levels = LevelsOf(kind);
  if (!levels) return NoCodecError(kind);
  return levels->maximum;
}

namespace {

Result<std::unique_ptr<Codec>> MakeCodec(Compression kind, int level, bool checksum) {
  auto levels = LevelsOf(kind);
  if (!levels) return NoCodecError(kind);
  if (level == kUseDefaultCompressionLevel) level = levels->default_level;
  if (level < levels->minimum || level > levels->maximum) {
    return Status::Invalid(Codec::GetCodecAsString(kind), " compression level ", level, " is outside [", levels->minimum,
                           ", ", levels->maximum, "]");
  }
  switch (kind) {
    case Compression::ZSTD:
      return internal::MakeZstdCodec(level, checksum);
    case Compression::LZ4_FRAME:
      return internal::MakeLz4FrameCodec(level, checksum);
    case Compression::GZIP:
      return internal::MakeGzipCodec(level);
    default:
      return NoCodecError(kind);
  }
}

}  // namespace

Result<std::unique_ptr<Codec>> Codec::Create(Compression kind, int level) {
  return MakeCodec(kind, level, /*checksum=*/true);
}

namespace internal {

Result<std::unique_ptr<Codec>> MakeIpcBodyCodec(Compression kind, int level) {
  return MakeCodec(kind, level, /*checksum=*/false);
}

}  // namespace internal

Result<std::shared_ptr<Buffer>> Codec::CompressBuffer(const Buffer& input, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(auto output, AllocateResizableBuffer(MaxCompressedLen(input.size()), pool));
  ARROWPACK_ASSIGN_OR_RAISE(int64_t written,
                            Compress(input.size(), input.data(), output->size(), output->mutable_data()));
  ARROWPACK_RETURN_NOT_OK(output->Resize(written, /*shrink_to_fit=*/true));
  return std::shared_ptr<Buffer>(std::move(output));
}

Result<std::shared_ptr<Buffer>> Codec::DecompressBuffer(const Buffer& input, std::optional<int64_t> decompressed_size,
                                                        MemoryPool* pool, int64_t max_output_size) {
  if (max_output_size < 0) return Status::Invalid("negative max_output_size ", max_output_size);
  if (decompressed_size) {
    const int64_t expected = *decompressed_size;
    if (expected < 0) return Status::Invalid("negative decompressed size ", expected);
    if (expected > max_output_size) {
      return Status::Invalid("decompressed size ", expected, " exceeds the limit of ", max_output_size, " bytes");
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto output, AllocateBuffer(expected, pool));
    ARROWPACK_ASSIGN_OR_RAISE(int64_t written, Decompress(input.size(), input.data(), expected, output->mutable_data()));
    if (written != expected) {
      return Status::IOError(name(), " data decompressed to ", written, " bytes, expected ", expected);
    }
    return std::shared_ptr<Buffer>(std::move(output));
  }

  // Unknown size: grow geometrically so a small hostile input cannot demand a huge allocation.
  ARROWPACK_ASSIGN_OR_RAISE(auto decompressor, MakeDecompressor());
  int64_t capacity = std::min(max_output_size, std::max<int64_t>(4096, input.size()));
  ARROWPACK_ASSIGN_OR_RAISE(auto output, AllocateResizableBuffer(capacity, pool));
  uint8_t* data = output->mutable_data();
  auto grow = [&](int64_t) -> Result<bool> {
    if (capacity >= max_output_size) return false;
    capacity = capacity > max_output_size / 2 ? max_output_size : 2 * capacity;
    ARROWPACK_RETURN_NOT_OK(output->Resize(capacity, /*shrink_to_fit=*/false));
    data = output->mutable_data();
    return true;
  };
  ARROWPACK_ASSIGN_OR_RAISE(int64_t written, RunDecompressor(*decompressor, name(), input.size(), input.data(), data,
                                                             capacity, max_output_size, grow));
  ARROWPACK_RETURN_NOT_OK(output->Resize(written, /*shrink_to_fit=*/true));
  return std::shared_ptr<Buffer>(std::move(output));
}

}  // namespace arrowpack
