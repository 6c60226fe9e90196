// Private to the codec implementation files: per-codec factories, level ranges and the shared
// loop that drives a Decompressor over a whole input.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "arrowpack/core/codec.h"

namespace arrowpack::internal {

struct LevelRange {
  int minimum;
  int maximum;
  int default_level;
};

LevelRange ZstdLevelRange();
LevelRange Lz4FrameLevelRange();
LevelRange GzipLevelRange();

/// The level has already been checked against the codec's LevelRange. `checksum`: written
/// frames carry a content checksum (Codec::Create's codecs do).
std::unique_ptr<Codec> MakeZstdCodec(int level, bool checksum = true);
std::unique_ptr<Codec> MakeLz4FrameCodec(int level, bool checksum = true);
std::unique_ptr<Codec> MakeGzipCodec(int level);

/// Codec::Create for Arrow IPC bodies: zstd and LZ4 frames without the content checksum, as
/// Arrow C++ writes them (the hash would cost a pass over every buffer on both sides; frames
/// that carry one are still verified when read).
Result<std::unique_ptr<Codec>> MakeIpcBodyCodec(Compression kind, int level);

/// Invalid for negative lengths (callers of the raw-pointer APIs pass them through unchecked).
Status CheckLengths(int64_t input_len, int64_t output_len);

/// Decompresses all of `input` into `output` with a fresh `decompressor`. Invalid if the data
/// holds more than `output_len` bytes, IOError (naming `codec_name`) if it ends inside a frame.
Result<int64_t> DecompressAllInto(Decompressor& decompressor, std::string_view codec_name, int64_t input_len,
                                  const uint8_t* input, int64_t output_len, uint8_t* output);

}  // namespace arrowpack::internal
