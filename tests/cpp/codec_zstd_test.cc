// The zstd codec's cached contexts and split frames: a reused context carries no setting over
// from its previous use (level, checksum, workers), contexts shared by concurrent threads give the
// same bytes as a fresh one, and frames cut into jobs for worker threads round-trip, record their
// content size and do not depend on the number of workers.
#include <zstd.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "arrowpack/core/codec.h"
#include "arrowpack/core/codec_internal.h"
#include "data_testing.h"
#include "test_util.h"

namespace arrowpack {
namespace {

using arrowpack::testing::CompressibleBytes;

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }
int64_t Len(const std::string& s) { return static_cast<int64_t>(s.size()); }

std::string Compress(Codec& codec, const std::string& data) {
  std::string out(static_cast<size_t>(codec.MaxCompressedLen(Len(data))), '\0');
  int64_t n = codec.Compress(Len(data), Bytes(data), Len(out), reinterpret_cast<uint8_t*>(out.data())).ValueOrDie();
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string Decompress(Codec& codec, const std::string& frame, int64_t size) {
  std::string out(static_cast<size_t>(size), '\0');
  int64_t n = codec.Decompress(Len(frame), Bytes(frame), size, reinterpret_cast<uint8_t*>(out.data())).ValueOrDie();
  EXPECT_EQ(n, size);
  return out;
}

std::unique_ptr<Codec> BodyCodec(int level, int frame_workers = 0) {
  return internal::MakeIpcBodyCodec(Compression::ZSTD, level, frame_workers).ValueOrDie();
}

// A frame's content-checksum flag: bit 2 of the frame header descriptor, after the 4-byte magic.
bool HasChecksum(const std::string& frame) { return (static_cast<uint8_t>(frame[4]) & 0x04) != 0; }

TEST(ZstdCodecContexts, ReusedContextsKeepNoSettingsFromEarlierCalls) {
  const std::string data = CompressibleBytes(300000, 1);
  auto checked = Codec::Create(Compression::ZSTD, 1).ValueOrDie();
  auto high = Codec::Create(Compression::ZSTD, 19).ValueOrDie();
  auto body = BodyCodec(1);
  const std::string checked_first = Compress(*checked, data);
  const std::string high_first = Compress(*high, data);
  const std::string body_first = Compress(*body, data);
  EXPECT_TRUE(HasChecksum(checked_first));
  EXPECT_FALSE(HasChecksum(body_first));
  EXPECT_LT(high_first.size(), checked_first.size());
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(Compress(*body, data), body_first);
    EXPECT_EQ(Compress(*checked, data), checked_first);
    EXPECT_EQ(Compress(*high, data), high_first);
  }
  EXPECT_EQ(Decompress(*body, high_first, Len(data)), data);
  EXPECT_EQ(Decompress(*high, body_first, Len(data)), data);
}

TEST(ZstdCodecContexts, ConcurrentThreadsGetTheBytesOfAFreshContext) {
  auto codec = Codec::Create(Compression::ZSTD).ValueOrDie();
  std::vector<std::string> inputs;
  std::vector<std::string> expected;
  for (int i = 0; i < 6; ++i) {
    inputs.push_back(CompressibleBytes(100000 + 7000 * static_cast<size_t>(i), static_cast<uint64_t>(i)));
    expected.push_back(Compress(*codec, inputs.back()));
  }
  std::vector<int> mismatches(inputs.size(), 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < inputs.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        const std::string frame = Compress(*codec, inputs[t]);
        if (frame != expected[t] || Decompress(*codec, frame, Len(inputs[t])) != inputs[t]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(inputs.size(), 0));
}

TEST(ZstdSplitFrames, OnlyLargeInputsAtLowLevelsAreSplit) {
  EXPECT_TRUE(internal::IsSplitZstdFrame(1, internal::kZstdMinSplitFrameInput));
  EXPECT_TRUE(internal::IsSplitZstdFrame(-5, internal::kZstdMinSplitFrameInput));
  EXPECT_FALSE(internal::IsSplitZstdFrame(1, internal::kZstdMinSplitFrameInput - 1));
  EXPECT_FALSE(internal::IsSplitZstdFrame(2, int64_t{1} << 30));
}

TEST(ZstdSplitFrames, RoundTripWithContentSizeWhateverTheWorkerCount) {
  const std::string data = CompressibleBytes(static_cast<size_t>(internal::kZstdMinSplitFrameInput) * 2 + 12345, 7);
  auto single = BodyCodec(1);
  auto two = BodyCodec(1, 2);
  auto three = BodyCodec(1, 3);
  const std::string split = Compress(*two, data);
  EXPECT_EQ(Compress(*three, data), split);
  EXPECT_EQ(Compress(*two, data), split);  // the cached multithreaded context, reused
  EXPECT_EQ(ZSTD_getFrameContentSize(split.data(), split.size()), data.size());
  EXPECT_FALSE(HasChecksum(split));
  EXPECT_EQ(Decompress(*single, split, Len(data)), data);
  // Without workers, or below the threshold, the frame is the single-threaded one.
  const std::string whole = Compress(*single, data);
  EXPECT_EQ(Compress(*BodyCodec(1, 1), data), whole);
  EXPECT_EQ(Compress(*two, data.substr(0, 1 << 20)), Compress(*single, data.substr(0, 1 << 20)));
  EXPECT_EQ(Decompress(*two, whole, Len(data)), data);
}

TEST(ZstdSplitFrames, TooSmallOutputIsInvalidAndLeavesNoWorkBehind) {
  auto codec = BodyCodec(1, 2);
  for (int round = 0; round < 20; ++round) {
    // Freed right after the call: no worker may still be reading it.
    auto data = std::make_unique<std::string>(
        CompressibleBytes(static_cast<size_t>(internal::kZstdMinSplitFrameInput) + 1000, static_cast<uint64_t>(round)));
    for (const int64_t room : {int64_t{64}, int64_t{4096}}) {
      std::string out(static_cast<size_t>(room), '\0');
      ASSERT_RAISES(Invalid, codec->Compress(Len(*data), Bytes(*data), room, reinterpret_cast<uint8_t*>(out.data())));
    }
    EXPECT_EQ(Decompress(*codec, Compress(*codec, *data), Len(*data)), *data);
  }
}

}  // namespace
}  // namespace arrowpack
