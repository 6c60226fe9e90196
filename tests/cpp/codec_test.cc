#include "arrowpack/core/codec.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "data_testing.h"
#include "test_util.h"

namespace arrowpack {

namespace {

constexpr Compression kAvailable[] = {Compression::GZIP, Compression::LZ4_FRAME, Compression::ZSTD};

using arrowpack::testing::CompressibleBytes;
using arrowpack::testing::RandomBytes;

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }
int64_t Len(const std::string& s) { return static_cast<int64_t>(s.size()); }

std::unique_ptr<Codec> MakeCodec(Compression kind, int level = kUseDefaultCompressionLevel) {
  return Codec::Create(kind, level).ValueOrDie();
}

Result<std::string> OneShotCompress(Codec& codec, const std::string& data) {
  std::string out(static_cast<size_t>(codec.MaxCompressedLen(Len(data))), '\0');
  ARROWPACK_ASSIGN_OR_RAISE(int64_t n, codec.Compress(Len(data), Bytes(data), Len(out),
                                                      reinterpret_cast<uint8_t*>(out.data())));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> OneShotDecompress(Codec& codec, const std::string& data, int64_t output_len) {
  std::string out(static_cast<size_t>(output_len), '\0');
  ARROWPACK_ASSIGN_OR_RAISE(int64_t n, codec.Decompress(Len(data), Bytes(data), output_len,
                                                        reinterpret_cast<uint8_t*>(out.data())));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Streams `data` through a Compressor, `in_step` input bytes and `out_step` output bytes per call;
// with flush_every > 0, Flush is called after each such many input bytes.
Result<std::string> StreamCompress(Codec& codec, const std::string& data, int64_t in_step, int64_t out_step,
                                   int64_t flush_every = 0) {
  ARROWPACK_ASSIGN_OR_RAISE(auto compressor, codec.MakeCompressor());
  std::vector<uint8_t> buf(static_cast<size_t>(out_step));
  std::string out;
  int64_t pos = 0;
  int64_t since_flush = 0;
  while (pos < Len(data)) {
    const int64_t n = std::min(in_step, Len(data) - pos);
    ARROWPACK_ASSIGN_OR_RAISE(auto step, compressor->Compress(n, Bytes(data) + pos, out_step, buf.data()));
    if (step.bytes_read == 0 && step.bytes_written == 0) return Status::IOError("compressor stalled");
    out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(step.bytes_written));
    pos += step.bytes_read;
    since_flush += step.bytes_read;
    if (flush_every > 0 && since_flush >= flush_every) {
      since_flush = 0;
      Compressor::FlushResult flushed;
      do {
        ARROWPACK_ASSIGN_OR_RAISE(flushed, compressor->Flush(out_step, buf.data()));
        out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(flushed.bytes_written));
      } while (flushed.should_retry);
    }
  }
  Compressor::FlushResult ended;
  do {
    ARROWPACK_ASSIGN_OR_RAISE(ended, compressor->End(out_step, buf.data()));
    out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(ended.bytes_written));
  } while (ended.should_retry);
  return out;
}

struct Streamed {
  std::string output;
  bool finished;
};

// Streams `data` through `decompressor` in pieces of `in_step` bytes into `out_step`-byte outputs.
Result<Streamed> StreamDecompress(Decompressor& decompressor, const std::string& data, int64_t in_step,
                                  int64_t out_step) {
  std::vector<uint8_t> buf(static_cast<size_t>(out_step));
  std::string out;
  int64_t pos = 0;
  bool pending = false;
  while (pos < Len(data) || pending) {
    const int64_t n = std::min(in_step, Len(data) - pos);
    ARROWPACK_ASSIGN_OR_RAISE(auto step, decompressor.Decompress(n, Bytes(data) + pos, out_step, buf.data()));
    if (n > 0 && step.bytes_read == 0 && step.bytes_written == 0 && !step.need_more_output) {
      return Status::IOError("decompressor stalled");
    }
    out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(step.bytes_written));
    pos += step.bytes_read;
    pending = step.need_more_output;
  }
  return Streamed{out, decompressor.IsFinished()};
}

Result<Streamed> StreamDecompress(Codec& codec, const std::string& data, int64_t in_step, int64_t out_step) {
  ARROWPACK_ASSIGN_OR_RAISE(auto decompressor, codec.MakeDecompressor());
  return StreamDecompress(*decompressor, data, in_step, out_step);
}

std::vector<int> LevelsToTest(Compression kind) {
  const int lo = Codec::MinimumCompressionLevel(kind).ValueOrDie();
  const int hi = Codec::MaximumCompressionLevel(kind).ValueOrDie();
  if (kind == Compression::ZSTD) return {lo, -7, -1, 0, 1, 3, 9, 19, hi};  // the negative range is huge
  std::vector<int> levels;
  for (int level = lo; level <= hi; ++level) levels.push_back(level);
  return levels;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Names, availability and levels

TEST(CodecNamesTest, ParsesPyarrowNames) {
  const std::pair<const char*, Compression> cases[] = {
      {"gzip", Compression::GZIP},       {"GZIP", Compression::GZIP},          {"zstd", Compression::ZSTD},
      {"Zstd", Compression::ZSTD},       {"lz4", Compression::LZ4_FRAME},      {"lz4_frame", Compression::LZ4_FRAME},
      {"LZ4", Compression::LZ4_FRAME},   {"lz4_raw", Compression::LZ4},        {"snappy", Compression::SNAPPY},
      {"brotli", Compression::BROTLI},   {"bz2", Compression::BZ2},            {"uncompressed", Compression::UNCOMPRESSED},
  };
  for (const auto& [name, kind] : cases) {
    ASSERT_OK_AND_ASSIGN(auto parsed, Codec::GetCompressionType(name));
    EXPECT_EQ(parsed, kind) << name;
  }
}

TEST(CodecNamesTest, RejectsUnknownNames) {
  ASSERT_RAISES_WITH(Invalid, "'foo'", Codec::GetCompressionType("foo"));
  ASSERT_RAISES(Invalid, Codec::GetCompressionType(""));
  ASSERT_RAISES(Invalid, Codec::GetCompressionType("gzip "));
}

TEST(CodecNamesTest, SpellsNamesAsPyarrow) {
  EXPECT_EQ(Codec::GetCodecAsString(Compression::GZIP), "gzip");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::ZSTD), "zstd");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::LZ4_FRAME), "lz4");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::LZ4), "lz4_raw");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::SNAPPY), "snappy");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::BROTLI), "brotli");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::BZ2), "bz2");
  EXPECT_EQ(Codec::GetCodecAsString(Compression::UNCOMPRESSED), "uncompressed");
  EXPECT_EQ(MakeCodec(Compression::LZ4_FRAME)->name(), "lz4");
}

TEST(CodecAvailabilityTest, OnlyGzipLz4AndZstdAreAvailable) {
  for (Compression kind : kAvailable) EXPECT_TRUE(Codec::IsAvailable(kind));
  for (Compression kind : {Compression::SNAPPY, Compression::BROTLI, Compression::BZ2, Compression::LZ4,
                           Compression::UNCOMPRESSED}) {
    EXPECT_FALSE(Codec::IsAvailable(kind));
    EXPECT_FALSE(Codec::SupportsCompressionLevel(kind));
  }
}

TEST(CodecAvailabilityTest, UnavailableCodecsAreNotImplemented) {
  for (Compression kind : {Compression::SNAPPY, Compression::BROTLI, Compression::BZ2, Compression::LZ4}) {
    const std::string name = Codec::GetCodecAsString(kind);
    ASSERT_RAISES_WITH(NotImplemented, "not available", Codec::Create(kind));
    ASSERT_RAISES_WITH(NotImplemented, name, Codec::Create(kind, 1));
    ASSERT_RAISES_WITH(NotImplemented, "not available", Codec::DefaultCompressionLevel(kind));
    ASSERT_RAISES(NotImplemented, Codec::MinimumCompressionLevel(kind));
    ASSERT_RAISES(NotImplemented, Codec::MaximumCompressionLevel(kind));
  }
  ASSERT_RAISES_WITH(Invalid, "uncompressed", Codec::Create(Compression::UNCOMPRESSED));
}

TEST(CodecLevelsTest, MatchPyarrow) {
  EXPECT_EQ(*Codec::DefaultCompressionLevel(Compression::GZIP), 9);
  EXPECT_EQ(*Codec::MinimumCompressionLevel(Compression::GZIP), 1);
  EXPECT_EQ(*Codec::MaximumCompressionLevel(Compression::GZIP), 9);
  EXPECT_EQ(*Codec::DefaultCompressionLevel(Compression::LZ4_FRAME), 1);
  EXPECT_EQ(*Codec::MinimumCompressionLevel(Compression::LZ4_FRAME), 1);
  EXPECT_EQ(*Codec::MaximumCompressionLevel(Compression::LZ4_FRAME), 12);
  EXPECT_EQ(*Codec::DefaultCompressionLevel(Compression::ZSTD), 1);
  EXPECT_EQ(*Codec::MinimumCompressionLevel(Compression::ZSTD), -131072);
  EXPECT_EQ(*Codec::MaximumCompressionLevel(Compression::ZSTD), 22);
  for (Compression kind : kAvailable) EXPECT_TRUE(Codec::SupportsCompressionLevel(kind));
}

TEST(CodecLevelsTest, CreateUsesDefaultOrGivenLevel) {
  EXPECT_EQ(MakeCodec(Compression::GZIP)->compression_level(), 9);
  EXPECT_EQ(MakeCodec(Compression::ZSTD)->compression_level(), 1);
  EXPECT_EQ(MakeCodec(Compression::LZ4_FRAME)->compression_level(), 1);
  EXPECT_EQ(MakeCodec(Compression::GZIP, 3)->compression_level(), 3);
  EXPECT_EQ(MakeCodec(Compression::ZSTD, -5)->compression_level(), -5);
  EXPECT_EQ(MakeCodec(Compression::LZ4_FRAME, 12)->compression_type(), Compression::LZ4_FRAME);
}

TEST(CodecLevelsTest, OutOfRangeLevelsAreInvalid) {
  ASSERT_RAISES_WITH(Invalid, "gzip compression level 10 is outside [1, 9]", Codec::Create(Compression::GZIP, 10));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::GZIP, 0));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::GZIP, -1));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::LZ4_FRAME, 0));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::LZ4_FRAME, 13));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::ZSTD, 23));
  ASSERT_RAISES(Invalid, Codec::Create(Compression::ZSTD, -131073));
}

// ---------------------------------------------------------------------------------------------
// Behaviour shared by every available codec

class CodecTest : public ::testing::TestWithParam<Compression> {
 protected:
  std::unique_ptr<Codec> codec_ = MakeCodec(GetParam());
  std::string name_ = Codec::GetCodecAsString(GetParam());
};

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest, ::testing::ValuesIn(kAvailable),
                         [](const auto& info) { return Codec::GetCodecAsString(info.param); });

TEST_P(CodecTest, OneShotRoundTripAtEveryLevel) {
  const std::string inputs[] = {"", "x", CompressibleBytes(5000, 1), RandomBytes(3000, 2)};
  for (int level : LevelsToTest(GetParam())) {
    auto codec = MakeCodec(GetParam(), level);
    for (const auto& input : inputs) {
      ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec, input));
      ASSERT_GT(compressed.size(), 0u) << "even empty input makes a frame";
      ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec, compressed, Len(input)));
      ASSERT_EQ(restored, input) << "level " << level << ", size " << input.size();
    }
  }
}

TEST_P(CodecTest, OneShotRoundTripOfOneMebibyte) {
  const std::string inputs[] = {RandomBytes(1 << 20, 3), CompressibleBytes(1 << 20, 4)};
  const int levels[] = {*Codec::MinimumCompressionLevel(GetParam()), *Codec::DefaultCompressionLevel(GetParam()),
                        GetParam() == Compression::ZSTD ? 9 : *Codec::MaximumCompressionLevel(GetParam())};
  for (int level : levels) {
    auto codec = MakeCodec(GetParam(), level);
    for (const auto& input : inputs) {
      ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec, input));
      ASSERT_LE(Len(compressed), codec->MaxCompressedLen(Len(input)));
      ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec, compressed, Len(input)));
      ASSERT_TRUE(restored == input) << "level " << level;
    }
  }
  // Text shrinks a lot at the default level.
  ASSERT_OK_AND_ASSIGN(auto text, OneShotCompress(*codec_, inputs[1]));
  EXPECT_LT(text.size(), (1u << 20) / 2);
}

TEST_P(CodecTest, MaxCompressedLenCoversIncompressibleInput) {
  for (int64_t size : {0, 1, 100, 65536, 200000}) {
    const auto input = RandomBytes(static_cast<size_t>(size), 5);
    for (int level : LevelsToTest(GetParam())) {
      auto codec = MakeCodec(GetParam(), level);
      std::string out(static_cast<size_t>(codec->MaxCompressedLen(size)), '\0');
      ASSERT_OK(codec->Compress(size, Bytes(input), Len(out), reinterpret_cast<uint8_t*>(out.data())).status());
    }
  }
}

TEST_P(CodecTest, BufferRoundTripUsesPool) {
  MemoryPool* pool = system_memory_pool();
  const auto input = CompressibleBytes(100000, 6);
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto compressed, codec_->CompressBuffer(Buffer(input), pool));
  EXPECT_LT(compressed->size(), 50000);
  EXPECT_GT(pool->bytes_allocated(), before);
  ASSERT_OK_AND_ASSIGN(auto known, codec_->DecompressBuffer(*compressed, Len(input), pool));
  EXPECT_EQ(known->ToString(), input);
  ASSERT_OK_AND_ASSIGN(auto unknown, codec_->DecompressBuffer(*compressed, std::nullopt, pool));
  EXPECT_EQ(unknown->ToString(), input);
  EXPECT_EQ(unknown->size(), Len(input));
}

TEST_P(CodecTest, EmptyInputDecompressesToNothing) {
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, "", 10));
  EXPECT_EQ(restored, "");
  ASSERT_OK_AND_ASSIGN(auto buffer, codec_->DecompressBuffer(Buffer(std::string_view()), std::nullopt));
  EXPECT_EQ(buffer->size(), 0);
}

TEST_P(CodecTest, StreamingWithOneByteBuffers) {
  const auto input = CompressibleBytes(20000, 7) + RandomBytes(3000, 8);
  ASSERT_OK_AND_ASSIGN(auto compressed, StreamCompress(*codec_, input, /*in_step=*/1, /*out_step=*/1));
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, compressed, Len(input)));
  EXPECT_TRUE(restored == input);
  ASSERT_OK_AND_ASSIGN(auto streamed, StreamDecompress(*codec_, compressed, 1, 1));
  EXPECT_TRUE(streamed.output == input);
  EXPECT_TRUE(streamed.finished);
}

TEST_P(CodecTest, StreamingWithMixedStepSizes) {
  const auto input = CompressibleBytes(150000, 9) + RandomBytes(100000, 10);
  for (auto [in_step, out_step] : {std::pair<int64_t, int64_t>{7, 13}, {4096, 3}, {1 << 20, 1 << 20}, {100000, 64}}) {
    ASSERT_OK_AND_ASSIGN(auto compressed, StreamCompress(*codec_, input, in_step, out_step));
    ASSERT_OK_AND_ASSIGN(auto streamed, StreamDecompress(*codec_, compressed, out_step, in_step));
    ASSERT_TRUE(streamed.output == input) << in_step << "/" << out_step;
    EXPECT_TRUE(streamed.finished);
  }
}

TEST_P(CodecTest, EmptyStreamIsACompleteFrame) {
  ASSERT_OK_AND_ASSIGN(auto compressed, StreamCompress(*codec_, "", 1, 1));
  EXPECT_GT(compressed.size(), 0u);
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, compressed, 0));
  EXPECT_EQ(restored, "");
}

TEST_P(CodecTest, FlushMakesEverythingWrittenSoFarDecodable) {
  const auto input = CompressibleBytes(50000, 11);
  ASSERT_OK_AND_ASSIGN(auto compressor, codec_->MakeCompressor());
  std::vector<uint8_t> buf(1 << 20);
  ASSERT_OK_AND_ASSIGN(auto step, compressor->Compress(30000, Bytes(input), static_cast<int64_t>(buf.size()), buf.data()));
  ASSERT_EQ(step.bytes_read, 30000);
  int64_t produced = step.bytes_written;
  Compressor::FlushResult flushed;
  do {
    ASSERT_OK_AND_ASSIGN(flushed, compressor->Flush(static_cast<int64_t>(buf.size()) - produced, buf.data() + produced));
    produced += flushed.bytes_written;
  } while (flushed.should_retry);
  const std::string prefix(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(produced));
  ASSERT_OK_AND_ASSIGN(auto streamed, StreamDecompress(*codec_, prefix, 1000, 1000));
  EXPECT_EQ(streamed.output, input.substr(0, 30000));
  EXPECT_FALSE(streamed.finished) << "the frame is still open";
}

TEST_P(CodecTest, FlushWithOneByteOutputTerminates) {
  const auto input = CompressibleBytes(40000, 12);
  ASSERT_OK_AND_ASSIGN(auto compressed, StreamCompress(*codec_, input, 5000, 1, /*flush_every=*/5000));
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, compressed, Len(input)));
  EXPECT_TRUE(restored == input);
}

TEST_P(CodecTest, ConcatenatedFramesDecodeAsOne) {
  const auto a = CompressibleBytes(10000, 13);
  const auto b = RandomBytes(5000, 14);
  ASSERT_OK_AND_ASSIGN(auto ca, OneShotCompress(*codec_, a));
  ASSERT_OK_AND_ASSIGN(auto empty, OneShotCompress(*codec_, ""));
  ASSERT_OK_AND_ASSIGN(auto cb, StreamCompress(*codec_, b, 100, 100));
  const std::string joined = ca + empty + cb;
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, joined, Len(a) + Len(b)));
  EXPECT_TRUE(restored == a + b);
  ASSERT_OK_AND_ASSIGN(auto buffer, codec_->DecompressBuffer(Buffer(joined), std::nullopt));
  EXPECT_TRUE(buffer->ToString() == a + b);
  for (int64_t step : {1, 17, 100000}) {
    ASSERT_OK_AND_ASSIGN(auto streamed, StreamDecompress(*codec_, joined, step, step));
    EXPECT_TRUE(streamed.output == a + b) << step;
    EXPECT_TRUE(streamed.finished);
  }
}

TEST_P(CodecTest, IsFinishedOnlyAtFrameBoundaries) {
  const auto input = CompressibleBytes(2000, 15);
  ASSERT_OK_AND_ASSIGN(auto frame, OneShotCompress(*codec_, input));
  ASSERT_OK_AND_ASSIGN(auto decompressor, codec_->MakeDecompressor());
  EXPECT_TRUE(decompressor->IsFinished()) << "nothing started yet";
  const std::string two = frame + frame;
  std::vector<uint8_t> out(10000);
  int64_t pos = 0;
  for (; pos < Len(two); ++pos) {
    ASSERT_OK_AND_ASSIGN(auto step, decompressor->Decompress(1, Bytes(two) + pos, static_cast<int64_t>(out.size()), out.data()));
    ASSERT_EQ(step.bytes_read, 1);
    const bool boundary = pos + 1 == Len(frame) || pos + 1 == Len(two);
    ASSERT_EQ(decompressor->IsFinished(), boundary) << "after byte " << pos;
  }
}

TEST_P(CodecTest, CompressorStartsANewFrameAfterEnd) {
  ASSERT_OK_AND_ASSIGN(auto compressor, codec_->MakeCompressor());
  std::string out;
  std::vector<uint8_t> buf(1 << 16);
  for (const std::string part : {"first part ", "second part"}) {
    ASSERT_OK_AND_ASSIGN(auto step, compressor->Compress(Len(part), Bytes(part), 1 << 16, buf.data()));
    ASSERT_EQ(step.bytes_read, Len(part));
    out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(step.bytes_written));
    ASSERT_OK_AND_ASSIGN(auto ended, compressor->End(1 << 16, buf.data()));
    ASSERT_FALSE(ended.should_retry);
    out.append(reinterpret_cast<char*>(buf.data()), static_cast<size_t>(ended.bytes_written));
  }
  ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, out, 100));
  EXPECT_EQ(restored, "first part second part");
}

TEST_P(CodecTest, ResetDropsAPartialFrame) {
  const auto input = CompressibleBytes(3000, 16);
  ASSERT_OK_AND_ASSIGN(auto frame, OneShotCompress(*codec_, input));
  ASSERT_OK_AND_ASSIGN(auto decompressor, codec_->MakeDecompressor());
  ASSERT_OK_AND_ASSIGN(auto partial, StreamDecompress(*decompressor, frame.substr(0, frame.size() / 2), 100, 100));
  EXPECT_FALSE(partial.finished);
  ASSERT_OK(decompressor->Reset());
  EXPECT_TRUE(decompressor->IsFinished());
  ASSERT_OK_AND_ASSIGN(auto whole, StreamDecompress(*decompressor, frame, 100, 100));
  EXPECT_EQ(whole.output, input);
  EXPECT_TRUE(whole.finished);
}

// ---------------------------------------------------------------------------------------------
// Bad input and limits

TEST_P(CodecTest, OutputTooSmallIsInvalidAndNeverOverruns) {
  const auto input = CompressibleBytes(20000, 17);
  ASSERT_OK_AND_ASSIGN(auto one_shot, OneShotCompress(*codec_, input));
  ASSERT_OK_AND_ASSIGN(auto streamed, StreamCompress(*codec_, input, 1000, 1000));  // no size in the header
  for (const auto& compressed : {one_shot, streamed}) {
    for (int64_t room : {int64_t{0}, int64_t{1}, Len(input) / 2, Len(input) - 1}) {
      std::vector<uint8_t> out(static_cast<size_t>(room) + 64, 0xAB);
      ASSERT_RAISES_WITH(Invalid, name_, codec_->Decompress(Len(compressed), Bytes(compressed), room, out.data()));
      for (size_t i = static_cast<size_t>(room); i < out.size(); ++i) ASSERT_EQ(out[i], 0xAB) << "overrun at " << i;
    }
    // More room than needed is fine and reports the real size.
    ASSERT_OK_AND_ASSIGN(auto restored, OneShotDecompress(*codec_, compressed, Len(input) + 100));
    EXPECT_EQ(restored, input);
  }
}

TEST_P(CodecTest, CompressIntoTooSmallOutputIsInvalid) {
  const auto input = RandomBytes(1000, 18);
  std::vector<uint8_t> out(64);
  ASSERT_RAISES_WITH(Invalid, "too small", codec_->Compress(Len(input), Bytes(input), 64, out.data()));
  ASSERT_RAISES(Invalid, codec_->Compress(Len(input), Bytes(input), 0, out.data()));
}

TEST_P(CodecTest, NegativeLengthsAreInvalid) {
  uint8_t byte = 0;
  ASSERT_RAISES(Invalid, codec_->Compress(-1, &byte, 1, &byte));
  ASSERT_RAISES(Invalid, codec_->Decompress(1, &byte, -1, &byte));
  ASSERT_OK_AND_ASSIGN(auto compressor, codec_->MakeCompressor());
  ASSERT_RAISES(Invalid, compressor->Compress(-5, &byte, 1, &byte));
  ASSERT_RAISES(Invalid, compressor->End(-1, &byte));
  ASSERT_OK_AND_ASSIGN(auto decompressor, codec_->MakeDecompressor());
  ASSERT_RAISES(Invalid, decompressor->Decompress(-1, &byte, 1, &byte));
}

TEST_P(CodecTest, GarbageIsAnIOErrorNamingTheCodec) {
  const auto garbage = RandomBytes(500, 19);
  ASSERT_RAISES_WITH(IOError, name_, OneShotDecompress(*codec_, garbage, 10000));
  ASSERT_RAISES_WITH(IOError, name_, codec_->DecompressBuffer(Buffer(garbage), std::nullopt));
  ASSERT_RAISES_WITH(IOError, name_, StreamDecompress(*codec_, garbage, 7, 7));
}

TEST_P(CodecTest, TrailingGarbageAfterAFrameIsAnIOError) {
  ASSERT_OK_AND_ASSIGN(auto frame, OneShotCompress(*codec_, CompressibleBytes(1000, 20)));
  ASSERT_RAISES_WITH(IOError, name_, OneShotDecompress(*codec_, frame + "garbage!", 5000));
}

TEST_P(CodecTest, FlippedByteInTheMiddleIsAnIOError) {
  const auto input = CompressibleBytes(20000, 21);
  ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec_, input));
  compressed[compressed.size() / 2] ^= 0x10;
  ASSERT_RAISES_WITH(IOError, name_, OneShotDecompress(*codec_, compressed, Len(input)));
  ASSERT_RAISES_WITH(IOError, name_, codec_->DecompressBuffer(Buffer(compressed), std::nullopt));
  ASSERT_RAISES_WITH(IOError, name_, StreamDecompress(*codec_, compressed, 64, 64));
}

// A flip anywhere must fail cleanly or (in bytes the format ignores, such as gzip's mtime) change
// nothing; it must never yield different data without an error.
TEST_P(CodecTest, FlippedByteAnywhereFailsOrChangesNothing) {
  const auto input = CompressibleBytes(3000, 22) + RandomBytes(300, 23);
  ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec_, input));
  for (size_t pos = 0; pos < compressed.size(); ++pos) {
    for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xFF}}) {
      std::string bad = compressed;
      bad[pos] = static_cast<char>(bad[pos] ^ mask);
      auto restored = OneShotDecompress(*codec_, bad, Len(input));
      if (restored.ok()) {
        ASSERT_EQ(*restored, input) << "silent corruption at byte " << pos;
      } else {
        const auto code = restored.status().code();
        ASSERT_TRUE(code == StatusCode::IOError || code == StatusCode::Invalid) << restored.status().ToString();
      }
      auto buffer = codec_->DecompressBuffer(Buffer(bad), std::nullopt, nullptr, 1 << 20);
      if (buffer.ok()) {
        ASSERT_EQ((*buffer)->ToString(), input) << "silent corruption at byte " << pos;
      }
    }
  }
}

TEST_P(CodecTest, TruncationAtEveryOffsetIsAnIOError) {
  const auto input = CompressibleBytes(3000, 24) + RandomBytes(200, 25);
  ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec_, input));
  for (size_t len = 1; len < compressed.size(); ++len) {
    SCOPED_TRACE("prefix of " + std::to_string(len) + " bytes");
    const std::string prefix = compressed.substr(0, len);
    ASSERT_RAISES_WITH(IOError, name_, OneShotDecompress(*codec_, prefix, Len(input)));
    ASSERT_RAISES_WITH(IOError, name_, codec_->DecompressBuffer(Buffer(prefix), std::nullopt));
    ASSERT_OK_AND_ASSIGN(auto streamed, StreamDecompress(*codec_, prefix, 50, 50));
    ASSERT_FALSE(streamed.finished);
    ASSERT_TRUE(input.compare(0, streamed.output.size(), streamed.output) == 0);
  }
}

TEST_P(CodecTest, DecompressionBombIsCapped) {
  const std::string zeros(10 << 20, '\0');
  ASSERT_OK_AND_ASSIGN(auto bomb, OneShotCompress(*codec_, zeros));
  ASSERT_LT(bomb.size(), 100000u);
  MemoryPool* pool = system_memory_pool();
  ASSERT_RAISES_WITH(Invalid, "more than 1048576 bytes",
                     codec_->DecompressBuffer(Buffer(bomb), std::nullopt, pool, 1 << 20));
  ASSERT_RAISES(Invalid, codec_->DecompressBuffer(Buffer(bomb), std::nullopt, pool, Len(zeros) - 1));
  ASSERT_OK_AND_ASSIGN(auto exact, codec_->DecompressBuffer(Buffer(bomb), std::nullopt, pool, Len(zeros)));
  EXPECT_EQ(exact->size(), Len(zeros));
  // A stated size above the cap is refused before any work.
  ASSERT_RAISES_WITH(Invalid, "exceeds", codec_->DecompressBuffer(Buffer(bomb), Len(zeros), pool, 1000));
  ASSERT_RAISES(Invalid, codec_->DecompressBuffer(Buffer(bomb), -1, pool));
  ASSERT_RAISES(Invalid, codec_->DecompressBuffer(Buffer(bomb), std::nullopt, pool, -1));
}

TEST_P(CodecTest, StatedSizeMustMatch) {
  const auto input = CompressibleBytes(5000, 26);
  ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec_, input));
  ASSERT_RAISES_WITH(IOError, "expected 6000", codec_->DecompressBuffer(Buffer(compressed), 6000));
  ASSERT_RAISES(Invalid, codec_->DecompressBuffer(Buffer(compressed), 4000));
}

// ---------------------------------------------------------------------------------------------
// Format details that other tools rely on

TEST(CodecFormatTest, FramesStartWithTheStandardMagic) {
  const std::string input = "hello";
  ASSERT_OK_AND_ASSIGN(auto gz, OneShotCompress(*MakeCodec(Compression::GZIP), input));
  EXPECT_EQ(gz.substr(0, 3), std::string("\x1f\x8b\x08", 3));
  ASSERT_OK_AND_ASSIGN(auto zst, OneShotCompress(*MakeCodec(Compression::ZSTD), input));
  EXPECT_EQ(zst.substr(0, 4), std::string("\x28\xb5\x2f\xfd", 4));
  ASSERT_OK_AND_ASSIGN(auto lz4, OneShotCompress(*MakeCodec(Compression::LZ4_FRAME), input));
  EXPECT_EQ(lz4.substr(0, 4), std::string("\x04\x22\x4d\x18", 4));
}

TEST(CodecFormatTest, ZstdHeaderSizeIsCheckedBeforeDecoding) {
  auto codec = MakeCodec(Compression::ZSTD);
  const auto input = CompressibleBytes(4000, 27);
  ASSERT_OK_AND_ASSIGN(auto compressed, OneShotCompress(*codec, input));
  ASSERT_RAISES_WITH(Invalid, "declares 4000 bytes", OneShotDecompress(*codec, compressed, 3999));
}

}  // namespace arrowpack
