#include "arrowpack/core/io_compressed.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "data_testing.h"
#include "test_util.h"

namespace arrowpack::io {

namespace {

constexpr Compression kAvailable[] = {Compression::GZIP, Compression::LZ4_FRAME, Compression::ZSTD};

using arrowpack::testing::CompressibleBytes;
using arrowpack::testing::RandomBytes;

int64_t Len(const std::string& s) { return static_cast<int64_t>(s.size()); }

// Test-only streams over a std::string, so these tests depend on nothing but the code under test.
class StringSink final : public OutputStream {
 public:
  Status Close() override {
    is_closed = true;
    return Status::OK();
  }
  bool closed() const override { return is_closed; }
  Result<int64_t> Tell() const override { return Len(data); }
  using Writable::Write;
  Status Write(const void* bytes, int64_t nbytes) override {
    if (is_closed) return Status::Invalid("sink is closed");
    if (fail_writes) return Status::IOError("sink: disk full");
    data.append(static_cast<const char*>(bytes), static_cast<size_t>(nbytes));
    return Status::OK();
  }
  Status Flush() override {
    ++flushes;
    return Status::OK();
  }

  std::string data;
  bool is_closed = false;
  bool fail_writes = false;
  int flushes = 0;
};

class StringSource final : public InputStream {
 public:
  explicit StringSource(std::string data, int64_t max_read = INT64_MAX) : data_(std::move(data)), max_read_(max_read) {}
  Status Close() override {
    is_closed = true;
    return Status::OK();
  }
  bool closed() const override { return is_closed; }
  Result<int64_t> Tell() const override { return pos_; }
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    const int64_t n = std::min({nbytes, max_read_, Len(data_) - pos_});
    std::memcpy(out, data_.data() + pos_, static_cast<size_t>(n));
    pos_ += n;
    return n;
  }
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override {
    std::string chunk(static_cast<size_t>(std::min({nbytes, max_read_, Len(data_) - pos_})), '\0');
    ARROWPACK_ASSIGN_OR_RAISE(int64_t n, Read(Len(chunk), chunk.data()));
    chunk.resize(static_cast<size_t>(n));
    return Buffer::FromString(std::move(chunk));
  }

  bool is_closed = false;

 private:
  std::string data_;
  int64_t max_read_;
  int64_t pos_ = 0;
};

std::shared_ptr<Codec> MakeCodec(Compression kind) { return Codec::Create(kind).ValueOrDie(); }

// Writes `data` through a CompressedOutputStream in pieces of varying size and closes it.
Result<std::string> CompressViaStream(const std::shared_ptr<Codec>& codec, const std::string& data) {
  auto sink = std::make_shared<StringSink>();
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, CompressedOutputStream::Make(codec, sink));
  const int64_t pieces[] = {1, 7, 1000, 65536, 3};
  int64_t pos = 0;
  for (int i = 0; pos < Len(data); ++i) {
    const int64_t n = std::min(pieces[i % 5], Len(data) - pos);
    ARROWPACK_RETURN_NOT_OK(stream->Write(data.data() + pos, n));
    pos += n;
  }
  ARROWPACK_RETURN_NOT_OK(stream->Close());
  return sink->data;
}

// Reads a whole CompressedInputStream with Read(n, out) calls of `step` bytes.
Result<std::string> ReadAllInSteps(CompressedInputStream& stream, int64_t step) {
  std::string out;
  std::string chunk(static_cast<size_t>(step), '\0');
  while (true) {
    ARROWPACK_ASSIGN_OR_RAISE(int64_t n, stream.Read(step, chunk.data()));
    out.append(chunk.data(), static_cast<size_t>(n));
    if (n < step) return out;
  }
}

Result<std::string> DecompressViaStream(const std::shared_ptr<Codec>& codec, std::string compressed,
                                        int64_t raw_max_read, int64_t step) {
  auto source = std::make_shared<StringSource>(std::move(compressed), raw_max_read);
  ARROWPACK_ASSIGN_OR_RAISE(auto stream, CompressedInputStream::Make(codec, source));
  return ReadAllInSteps(*stream, step);
}

}  // namespace

class CompressedStreamTest : public ::testing::TestWithParam<Compression> {
 protected:
  std::shared_ptr<Codec> codec_ = MakeCodec(GetParam());
  std::string name_ = Codec::GetCodecAsString(GetParam());
};

INSTANTIATE_TEST_SUITE_P(AllCodecs, CompressedStreamTest, ::testing::ValuesIn(kAvailable),
                         [](const auto& info) { return Codec::GetCodecAsString(info.param); });

TEST_P(CompressedStreamTest, RoundTripAtSeveralSizes) {
  const std::string inputs[] = {"", "a", CompressibleBytes(1 << 20, 1), RandomBytes(1 << 20, 2)};
  for (const auto& input : inputs) {
    ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, input));
    // The output is an ordinary frame sequence the one-shot API reads too.
    ASSERT_OK_AND_ASSIGN(auto one_shot, codec_->DecompressBuffer(Buffer(compressed), std::nullopt));
    ASSERT_TRUE(one_shot->ToString() == input) << input.size();
    ASSERT_OK_AND_ASSIGN(auto streamed, DecompressViaStream(codec_, compressed, 4096, 100000));
    ASSERT_TRUE(streamed == input) << input.size();
  }
}

TEST_P(CompressedStreamTest, TinyRawReadsAndTinyReads) {
  const auto input = CompressibleBytes(30000, 3) + RandomBytes(2000, 4);
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, input));
  ASSERT_OK_AND_ASSIGN(auto one_byte, DecompressViaStream(codec_, compressed, 1, 1));
  EXPECT_TRUE(one_byte == input);
  ASSERT_OK_AND_ASSIGN(auto odd, DecompressViaStream(codec_, compressed, 3, 777));
  EXPECT_TRUE(odd == input);
}

TEST_P(CompressedStreamTest, ReadBufferIsShrunkPoolMemory) {
  MemoryPool* pool = system_memory_pool();
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, "0123456789"));
  auto source = std::make_shared<StringSource>(compressed);
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedInputStream::Make(codec_, source, pool));
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto first, stream->Read(4));
  EXPECT_EQ(first->ToString(), "0123");
  ASSERT_OK_AND_ASSIGN(auto rest, stream->Read(int64_t{1} << 40));  // "everything" allocates only what it needs
  EXPECT_EQ(rest->ToString(), "456789");
  EXPECT_EQ(pool->bytes_allocated(), before + 2 * 64);
  ASSERT_OK_AND_ASSIGN(auto eof, stream->Read(100));
  EXPECT_EQ(eof->size(), 0);
  ASSERT_OK_AND_ASSIGN(int64_t told, stream->Tell());
  EXPECT_EQ(told, 10);
}

TEST_P(CompressedStreamTest, ReadAllAndAdvance) {
  const auto input = CompressibleBytes(200000, 5);
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, input));
  auto source = std::make_shared<StringSource>(compressed, 1000);
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedInputStream::Make(codec_, source));
  ASSERT_OK(stream->Advance(150000));
  ASSERT_OK_AND_ASSIGN(auto rest, stream->ReadAll());
  EXPECT_TRUE(rest->ToString() == input.substr(150000));
}

TEST_P(CompressedStreamTest, TellCountsUncompressedBytes) {
  auto sink = std::make_shared<StringSink>();
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
  ASSERT_OK(stream->Write(std::string_view("hello ")));
  ASSERT_OK(stream->Write(Buffer::FromString("world")));
  ASSERT_OK_AND_ASSIGN(int64_t told, stream->Tell());
  EXPECT_EQ(told, 11);
  EXPECT_EQ(stream->raw(), sink);
  ASSERT_OK(stream->Close());
  ASSERT_OK_AND_ASSIGN(auto restored, codec_->DecompressBuffer(Buffer(sink->data), 11));
  EXPECT_EQ(restored->ToString(), "hello world");
}

TEST_P(CompressedStreamTest, FlushPutsADecodablePrefixOnRaw) {
  const auto input = CompressibleBytes(5000, 6);
  auto sink = std::make_shared<StringSink>();
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
  ASSERT_OK(stream->Write(input));
  ASSERT_OK(stream->Flush());
  EXPECT_EQ(sink->flushes, 1);
  EXPECT_FALSE(sink->is_closed);
  ASSERT_OK_AND_ASSIGN(auto decompressor, codec_->MakeDecompressor());
  std::string out(10000, '\0');
  ASSERT_OK_AND_ASSIGN(auto step, decompressor->Decompress(Len(sink->data), reinterpret_cast<const uint8_t*>(sink->data.data()),
                                                           Len(out), reinterpret_cast<uint8_t*>(out.data())));
  EXPECT_EQ(step.bytes_read, Len(sink->data));
  EXPECT_EQ(out.substr(0, static_cast<size_t>(step.bytes_written)), input);
  EXPECT_FALSE(decompressor->IsFinished());
  ASSERT_OK(stream->Write(std::string_view("tail")));
  ASSERT_OK(stream->Close());
  ASSERT_OK_AND_ASSIGN(auto whole, codec_->DecompressBuffer(Buffer(sink->data), std::nullopt));
  EXPECT_EQ(whole->ToString(), input + "tail");
}

TEST_P(CompressedStreamTest, CloseFinishesAndClosesRaw) {
  auto sink = std::make_shared<StringSink>();
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
  EXPECT_FALSE(stream->closed());
  ASSERT_OK(stream->Close());
  EXPECT_TRUE(stream->closed());
  EXPECT_TRUE(sink->is_closed);
  EXPECT_GT(sink->data.size(), 0u) << "an empty stream is still a complete frame";
  ASSERT_OK_AND_ASSIGN(auto restored, codec_->DecompressBuffer(Buffer(sink->data), 0));
  EXPECT_EQ(restored->size(), 0);
  ASSERT_OK(stream->Close());  // idempotent
}

TEST_P(CompressedStreamTest, OutputOperationsAfterCloseAreInvalid) {
  auto sink = std::make_shared<StringSink>();
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
  ASSERT_OK(stream->Close());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Write(std::string_view("x")));
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Flush());
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Tell());
}

TEST_P(CompressedStreamTest, InputOperationsAfterCloseAreInvalid) {
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, "data"));
  auto source = std::make_shared<StringSource>(compressed);
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedInputStream::Make(codec_, source));
  ASSERT_OK(stream->Close());
  EXPECT_TRUE(stream->closed());
  EXPECT_TRUE(source->is_closed);
  char byte;
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Read(1, &byte));
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Read(1));
  ASSERT_RAISES_WITH(Invalid, "closed", stream->Tell());
  ASSERT_OK(stream->Close());
}

TEST_P(CompressedStreamTest, DestructorFinishesAnUnclosedStream) {
  auto sink = std::make_shared<StringSink>();
  {
    ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
    ASSERT_OK(stream->Write(std::string_view("kept")));
  }
  EXPECT_TRUE(sink->is_closed);
  ASSERT_OK_AND_ASSIGN(auto restored, codec_->DecompressBuffer(Buffer(sink->data), 4));
  EXPECT_EQ(restored->ToString(), "kept");
}

TEST_P(CompressedStreamTest, ConcatenatedStreamsReadAsOne) {
  ASSERT_OK_AND_ASSIGN(auto a, CompressViaStream(codec_, "first;"));
  ASSERT_OK_AND_ASSIGN(auto empty, CompressViaStream(codec_, ""));
  const auto big = RandomBytes(100000, 7);
  ASSERT_OK_AND_ASSIGN(auto b, CompressViaStream(codec_, big));
  for (int64_t raw_read : {1, 5000, 1 << 20}) {
    ASSERT_OK_AND_ASSIGN(auto restored, DecompressViaStream(codec_, a + empty + b, raw_read, 4096));
    EXPECT_TRUE(restored == "first;" + big) << raw_read;
  }
}

TEST_P(CompressedStreamTest, EmptyRawIsAnEmptyStream) {
  ASSERT_OK_AND_ASSIGN(auto restored, DecompressViaStream(codec_, "", 100, 100));
  EXPECT_EQ(restored, "");
}

TEST_P(CompressedStreamTest, TruncatedRawIsAnIOError) {
  const auto input = CompressibleBytes(100000, 8) + RandomBytes(20000, 9);
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, input));
  for (size_t cut : {size_t{1}, size_t{5}, size_t{17}, compressed.size() / 3, compressed.size() / 2,
                     compressed.size() - 5, compressed.size() - 1}) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    ASSERT_RAISES_WITH(IOError, "truncated", DecompressViaStream(codec_, compressed.substr(0, cut), 777, 4096));
    ASSERT_RAISES_WITH(IOError, name_, DecompressViaStream(codec_, compressed.substr(0, cut), 1 << 20, 1 << 20));
  }
}

TEST_P(CompressedStreamTest, CorruptRawIsAnIOError) {
  const auto input = CompressibleBytes(100000, 10);
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(codec_, input));
  compressed[compressed.size() / 2] ^= 0x20;
  ASSERT_RAISES_WITH(IOError, name_, DecompressViaStream(codec_, compressed, 4096, 4096));
  ASSERT_RAISES_WITH(IOError, name_, DecompressViaStream(codec_, "not compressed at all", 4096, 4096));
}

TEST_P(CompressedStreamTest, RawWriteErrorsPropagateAndCloseStillClosesRaw) {
  auto sink = std::make_shared<StringSink>();
  ASSERT_OK_AND_ASSIGN(auto stream, CompressedOutputStream::Make(codec_, sink));
  ASSERT_OK(stream->Write(std::string_view("some bytes")));
  sink->fail_writes = true;
  ASSERT_RAISES_WITH(IOError, "disk full", stream->Flush());
  ASSERT_RAISES_WITH(IOError, "disk full", stream->Close());
  EXPECT_TRUE(stream->closed());
  EXPECT_TRUE(sink->is_closed);
}

TEST(CompressedStreamMakeTest, RejectsMissingArguments) {
  auto codec = MakeCodec(Compression::ZSTD);
  ASSERT_RAISES_WITH(Invalid, "codec", CompressedOutputStream::Make(nullptr, std::make_shared<StringSink>()));
  ASSERT_RAISES_WITH(Invalid, "raw", CompressedOutputStream::Make(codec, nullptr));
  ASSERT_RAISES_WITH(Invalid, "codec", CompressedInputStream::Make(nullptr, std::make_shared<StringSource>("")));
  ASSERT_RAISES_WITH(Invalid, "raw", CompressedInputStream::Make(codec, nullptr));
}

// ---------------------------------------------------------------------------------------------
// Interoperability with the standard command-line tools (skipped where a tool is missing)

namespace {

struct Tool {
  Compression kind;
  const char* program;
  const char* extension;
};

constexpr Tool kTools[] = {{Compression::GZIP, "gzip", ".gz"}, {Compression::ZSTD, "zstd", ".zst"},
                           {Compression::LZ4_FRAME, "lz4", ".lz4"}};

bool HaveProgram(const char* program) {
  return std::system(("command -v " + std::string(program) + " > /dev/null 2>&1").c_str()) == 0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream file(path, std::ios::binary);
  file << data;
}

std::string TempPath(const std::string& leaf) {
  return ::testing::TempDir() + "/arrowpack_io_compressed_" + std::to_string(getpid()) + "_" + leaf;
}

}  // namespace

class CommandLineToolTest : public ::testing::TestWithParam<Tool> {
 protected:
  void SetUp() override {
    if (!HaveProgram(GetParam().program)) GTEST_SKIP() << GetParam().program << " is not installed";
  }
  void TearDown() override {
    for (const auto& path : cleanup_) std::remove(path.c_str());
  }
  std::string Path(const std::string& leaf) {
    cleanup_.push_back(TempPath(leaf));
    return cleanup_.back();
  }
  std::vector<std::string> cleanup_;
};

INSTANTIATE_TEST_SUITE_P(Tools, CommandLineToolTest, ::testing::ValuesIn(kTools),
                         [](const auto& info) { return std::string(info.param.program); });

TEST_P(CommandLineToolTest, ToolReadsWhatWeWrite) {
  const auto input = CompressibleBytes(300000, 11) + RandomBytes(100000, 12);
  ASSERT_OK_AND_ASSIGN(auto compressed, CompressViaStream(MakeCodec(GetParam().kind), input));
  const std::string packed = Path(std::string("ours") + GetParam().extension);
  const std::string plain = Path("ours.out");
  WriteFile(packed, compressed);
  const std::string command = std::string(GetParam().program) + " -d -c -q " + packed + " > " + plain;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_TRUE(ReadFile(plain) == input);
}

TEST_P(CommandLineToolTest, WeReadWhatToolWrites) {
  const auto input = CompressibleBytes(300000, 13) + RandomBytes(100000, 14);
  const std::string plain = Path("theirs.in");
  const std::string packed = Path(std::string("theirs") + GetParam().extension);
  WriteFile(plain, input);
  // Two runs appended: tools write one frame (member) each, and readers must take both.
  const std::string command = std::string(GetParam().program) + " -c -q " + plain + " > " + packed + " && " +
                              GetParam().program + " -c -q " + plain + " >> " + packed;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  ASSERT_OK_AND_ASSIGN(auto restored, DecompressViaStream(MakeCodec(GetParam().kind), ReadFile(packed), 65536, 65536));
  EXPECT_TRUE(restored == input + input);
}

}  // namespace arrowpack::io
