// BufferedInputStream / BufferedOutputStream (core/io_buffered.h): every split of reads and writes
// gives the original bytes, small requests are batched into few calls on the wrapped stream, large
// ones pass straight through, and close, detach and errors behave as documented.
#include "arrowpack/core/io_buffered.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace arrowpack::io {

namespace {

int64_t Len(const std::string& s) { return static_cast<int64_t>(s.size()); }

std::string Bytes(int64_t n) {
  std::string out(static_cast<size_t>(n), '\0');
  std::mt19937 rng(11);
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// A stream over a string that counts the calls made on it and hands out at most `chunk` bytes per
// read (like a socket), so the buffered stream's batching and refilling can be observed.
class CountingSource final : public InputStream {
 public:
  explicit CountingSource(std::string data, int64_t chunk = 1 << 30) : data_(std::move(data)), chunk_(chunk) {}
  Status Close() override {
    closed_ = true;
    return Status::OK();
  }
  bool closed() const override { return closed_; }
  Result<int64_t> Tell() const override {
    if (!can_tell) return Status::IOError("source: no position");
    return offset_;
  }
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    if (closed_) return Status::Invalid("source is closed");
    if (fail_) return Status::IOError("source: connection reset");
    ++reads;
    const int64_t n = std::min({nbytes, chunk_, Len(data_) - offset_});
    std::memcpy(out, data_.data() + offset_, static_cast<size_t>(n));
    offset_ += n;
    return n;
  }
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override {
    ARROWPACK_ASSIGN_OR_RAISE(auto out, AllocateSharedBuffer(nbytes));
    ARROWPACK_ASSIGN_OR_RAISE(int64_t n, Read(nbytes, out->mutable_data()));
    return SliceBuffer(out, 0, n);
  }
  void FailFromNow() { fail_ = true; }
  int reads = 0;
  bool can_tell = true;

 private:
  std::string data_;
  int64_t chunk_;
  int64_t offset_ = 0;
  bool closed_ = false;
  bool fail_ = false;
};

class CountingSink final : public OutputStream {
 public:
  Status Close() override {
    closed_ = true;
    return Status::OK();
  }
  bool closed() const override { return closed_; }
  Result<int64_t> Tell() const override { return Len(data); }
  using Writable::Write;
  Status Write(const void* bytes, int64_t nbytes) override {
    if (closed_) return Status::Invalid("sink is closed");
    if (fail_) return Status::IOError("sink: disk full");
    ++writes;
    data.append(static_cast<const char*>(bytes), static_cast<size_t>(nbytes));
    return Status::OK();
  }
  Status Flush() override {
    ++flushes;
    return Status::OK();
  }
  void FailFromNow() { fail_ = true; }
  std::string data;
  int writes = 0;
  int flushes = 0;

 private:
  bool closed_ = false;
  bool fail_ = false;
};

std::string ReadInSteps(BufferedInputStream& in, const std::vector<int64_t>& steps) {
  std::string out;
  for (size_t i = 0;; ++i) {
    const int64_t step = steps[i % steps.size()];
    std::string part(static_cast<size_t>(step), '\0');
    const int64_t got = in.Read(step, part.data()).ValueOrDie();
    out.append(part, 0, static_cast<size_t>(got));
    if (got < step) return out;
  }
}

TEST(BufferedInputStream, AnySplitOfReadsGivesTheBytes) {
  const std::string data = Bytes(10'000);
  for (int64_t chunk : {int64_t{1}, int64_t{7}, int64_t{1} << 30}) {
    for (const auto& steps : std::vector<std::vector<int64_t>>{{1}, {3, 250}, {64}, {1000, 1}, {5000}}) {
      auto source = std::make_shared<CountingSource>(data, chunk);
      ASSERT_OK_AND_ASSIGN(auto in, BufferedInputStream::Make(64, nullptr, source));
      EXPECT_EQ(ReadInSteps(*in, steps), data) << "chunk " << chunk;
      ASSERT_OK_AND_ASSIGN(int64_t position, in->Tell());
      EXPECT_EQ(position, Len(data));
    }
  }
}

TEST(BufferedInputStream, TellCountsTheBufferedBytesAndNeedsOnlyReadsFromTheSource) {
  const std::string data = Bytes(500);
  auto source = std::make_shared<CountingSource>(data);
  source->can_tell = false;  // a socket: reading works without a position
  ASSERT_OK_AND_ASSIGN(auto in, BufferedInputStream::Make(64, nullptr, source));
  EXPECT_EQ(ReadInSteps(*in, {5}), data);
  ASSERT_RAISES_WITH(IOError, "no position", in->Tell());
  source = std::make_shared<CountingSource>(data);
  ASSERT_OK_AND_ASSIGN(in, BufferedInputStream::Make(64, nullptr, source));
  char part[5];
  ASSERT_OK(in->Read(5, part).status());
  ASSERT_OK_AND_ASSIGN(int64_t position, in->Tell());
  EXPECT_EQ(position, 5);
  EXPECT_EQ(in->bytes_buffered(), 59);
  ASSERT_OK_AND_ASSIGN(int64_t nothing, in->Read(0, nullptr));
  EXPECT_EQ(nothing, 0);
  EXPECT_EQ(in->bytes_buffered(), 59);
}

TEST(BufferedInputStream, SmallReadsAreBatchedAndLargeOnesPassThrough) {
  const std::string data = Bytes(4096);
  auto source = std::make_shared<CountingSource>(data);
  ASSERT_OK_AND_ASSIGN(auto in, BufferedInputStream::Make(1024, nullptr, source));
  char byte;
  for (int i = 0; i < 1024; ++i) ASSERT_OK(in->Read(1, &byte).status());
  EXPECT_EQ(source->reads, 1);  // 1024 one-byte reads, one read of the source
  EXPECT_EQ(in->bytes_buffered(), 0);
  std::string large(2048, '\0');
  ASSERT_OK_AND_ASSIGN(int64_t got, in->Read(2048, large.data()));
  EXPECT_EQ(got, 2048);
  EXPECT_EQ(source->reads, 2);  // straight into the caller's memory
  EXPECT_EQ(large, data.substr(1024, 2048));
  ASSERT_OK_AND_ASSIGN(auto buffer, in->Read(10));
  EXPECT_EQ(buffer->ToString(), data.substr(3072, 10));
  EXPECT_EQ(in->bytes_buffered(), 1024 - 10);
  ASSERT_OK_AND_ASSIGN(auto rest, in->Read(5000));
  EXPECT_EQ(rest->size(), 1014);  // a short buffer: the end of the stream
}

TEST(BufferedInputStream, DetachHandsBackTheSourceAndClosesTheWrapper) {
  auto source = std::make_shared<CountingSource>(Bytes(300));
  ASSERT_OK_AND_ASSIGN(auto in, BufferedInputStream::Make(100, nullptr, source));
  char byte;
  ASSERT_OK(in->Read(1, &byte).status());
  ASSERT_OK_AND_ASSIGN(auto raw, in->Detach());
  EXPECT_EQ(raw, source);
  EXPECT_FALSE(source->closed());
  EXPECT_TRUE(in->closed());
  ASSERT_OK_AND_ASSIGN(int64_t position, raw->Tell());
  EXPECT_EQ(position, 100);  // after what was buffered
  ASSERT_RAISES_WITH(Invalid, "closed", in->Read(1, &byte));
  ASSERT_RAISES_WITH(Invalid, "closed", in->Detach());
  ASSERT_OK(in->Close());
  EXPECT_FALSE(source->closed());
}

TEST(BufferedInputStream, CloseClosesTheSourceAndErrorsPassThrough) {
  auto source = std::make_shared<CountingSource>(Bytes(300));
  ASSERT_OK_AND_ASSIGN(auto in, BufferedInputStream::Make(100, nullptr, source));
  char buf[10];
  ASSERT_OK(in->Read(10, buf).status());
  source->FailFromNow();
  ASSERT_OK_AND_ASSIGN(int64_t got, in->Read(10, buf));  // still buffered: the source is not asked
  EXPECT_EQ(got, 10);
  std::string large(200, '\0');
  ASSERT_RAISES_WITH(IOError, "connection reset", in->Read(200, large.data()));
  ASSERT_OK(in->Close());
  EXPECT_TRUE(source->closed());
  ASSERT_RAISES_WITH(Invalid, "closed", in->Tell());
  ASSERT_RAISES_WITH(Invalid, "positive", BufferedInputStream::Make(0, nullptr, source));
  ASSERT_RAISES_WITH(Invalid, "stream", BufferedInputStream::Make(8, nullptr, nullptr));
}

TEST(BufferedOutputStream, AnySplitOfWritesGivesTheBytes) {
  const std::string data = Bytes(10'000);
  for (int64_t step : {1, 3, 63, 64, 65, 1000, 20'000}) {
    auto sink = std::make_shared<CountingSink>();
    ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(64, nullptr, sink));
    for (int64_t offset = 0; offset < Len(data); offset += step) {
      ASSERT_OK(out->Write(data.data() + offset, std::min(step, Len(data) - offset)));
    }
    ASSERT_OK_AND_ASSIGN(int64_t position, out->Tell());
    EXPECT_EQ(position, Len(data));
    ASSERT_OK(out->Close());
    EXPECT_EQ(sink->data, data) << "step " << step;
    EXPECT_TRUE(sink->closed());
  }
}

TEST(BufferedOutputStream, TellCountsTheBufferedBytes) {
  auto sink = std::make_shared<CountingSink>();
  ASSERT_OK(sink->Write("ab", 2));
  ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(64, nullptr, sink));
  ASSERT_OK(out->Write("cde", 3));
  ASSERT_OK_AND_ASSIGN(int64_t position, out->Tell());
  EXPECT_EQ(position, 5);
  EXPECT_EQ(sink->data, "ab");
}

TEST(BufferedOutputStream, SmallWritesAreBatchedUntilFlush) {
  auto sink = std::make_shared<CountingSink>();
  ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(1024, nullptr, sink));
  for (int i = 0; i < 1000; ++i) ASSERT_OK(out->Write("x", 1));
  EXPECT_EQ(sink->writes, 0);
  ASSERT_OK(out->Flush());
  EXPECT_EQ(sink->writes, 1);
  EXPECT_EQ(sink->flushes, 1);
  EXPECT_EQ(sink->data, std::string(1000, 'x'));
  const std::string large = Bytes(5000);
  ASSERT_OK(out->Write("ab", 2));
  ASSERT_OK(out->Write(large.data(), Len(large)));
  EXPECT_EQ(sink->writes, 3);  // the two buffered bytes, then the large write on its own
  EXPECT_EQ(sink->data, std::string(1000, 'x') + "ab" + large);
}

TEST(BufferedOutputStream, DetachFlushesAndHandsBackTheSink) {
  auto sink = std::make_shared<CountingSink>();
  ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(64, nullptr, sink));
  ASSERT_OK(out->Write("hello", 5));
  ASSERT_OK_AND_ASSIGN(auto raw, out->Detach());
  EXPECT_EQ(raw, sink);
  EXPECT_EQ(sink->data, "hello");
  EXPECT_FALSE(sink->closed());
  EXPECT_TRUE(out->closed());
  ASSERT_RAISES_WITH(Invalid, "closed", out->Write("x", 1));
  ASSERT_RAISES_WITH(Invalid, "closed", out->Detach());
  out.reset();  // destroying a detached stream leaves the sink alone
  EXPECT_FALSE(sink->closed());
}

TEST(BufferedOutputStream, DestructorFlushesAndErrorsPassThrough) {
  auto sink = std::make_shared<CountingSink>();
  {
    ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(64, nullptr, sink));
    ASSERT_OK(out->Write("bye", 3));
  }
  EXPECT_EQ(sink->data, "bye");
  EXPECT_TRUE(sink->closed());

  auto failing = std::make_shared<CountingSink>();
  ASSERT_OK_AND_ASSIGN(auto out, BufferedOutputStream::Make(64, nullptr, failing));
  ASSERT_OK(out->Write("abc", 3));
  failing->FailFromNow();
  ASSERT_RAISES_WITH(IOError, "disk full", out->Flush());
  ASSERT_RAISES_WITH(IOError, "disk full", out->Write(Bytes(100).data(), 100));
  ASSERT_OK(out->Write("de", 2));  // buffered; writing it out fails at Close
  ASSERT_RAISES_WITH(IOError, "disk full", out->Close());
  EXPECT_TRUE(failing->closed());  // closed even though the last bytes could not be written
  ASSERT_RAISES_WITH(Invalid, "positive", BufferedOutputStream::Make(-1, nullptr, sink));
}

}  // namespace
}  // namespace arrowpack::io
