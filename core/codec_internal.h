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
/// `frame_workers` > 1: inputs for which IsSplitZstdFrame holds are compressed by that many libzstd
/// worker threads (see MakeIpcBodyCodec).
std::unique_ptr<Codec> MakeZstdCodec(int level, bool checksum = true, int frame_workers = 0);
std::unique_ptr<Codec> MakeLz4FrameCodec(int level, bool checksum = true);
std::unique_ptr<Codec> MakeGzipCodec(int level);

/// Codec::Create for Arrow IPC bodies: zstd and LZ4 frames without the content checksum, as
/// Arrow C++ writes them (the hash would cost a pass over every buffer on both sides; frames
/// that carry one are still verified when read).
/// `frame_workers` > 1 (zstd only): an input for which IsSplitZstdFrame holds becomes one frame
/// cut into 2 MiB jobs that this many libzstd threads compress in parallel. The frame decodes like
/// any other, but its bytes differ from single-threaded compression (they do not depend on the
/// number of workers).
Result<std::unique_ptr<Codec>> MakeIpcBodyCodec(Compression kind, int level, int frame_workers = 0);

/// Levels up to this one use a 512 KiB window for large inputs, hence libzstd's 2 MiB jobs;
/// higher levels would make jobs too large to share out within typical buffers.
constexpr int kZstdMaxSplitFrameLevel = 1;
/// Inputs from two jobs' worth on are worth splitting.
constexpr int64_t kZstdMinSplitFrameInput = int64_t{4} << 20;

/// Whether a zstd body codec with frame workers compresses `input_len` bytes at `level` on them.
bool IsSplitZstdFrame(int level, int64_t input_len);

/// Invalid for negative lengths (callers of the raw-pointer APIs pass them through unchecked).
Status CheckLengths(int64_t input_len, int64_t output_len);

/// Decompresses all of `input` into `output` with a fresh `decompressor`. Invalid if the data
/// holds more than `output_len` bytes, IOError (naming `codec_name`) if it ends inside a frame.
Result<int64_t> DecompressAllInto(Decompressor& decompressor, std::string_view codec_name, int64_t input_len,
                                  const uint8_t* input, int64_t output_len, uint8_t* output);

}  // namespace arrowpack::internal
