#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "arrowpack/core/c_data.h"
#include "test_util.h"

namespace arrowpack {
namespace {

ArrayDataPtr Int64s(const std::vector<int64_t>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(int64_t));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return ArrayData::Make(int64(), static_cast<int64_t>(values.size()), {nullptr, Buffer::FromVector(std::move(bytes))},
                         0);
}

std::shared_ptr<Schema> SampleSchema() {
  return schema({field("x", int64())}, std::make_shared<KeyValueMetadata>(
                                           std::vector<std::pair<std::string, std::string>>{{"origin", "stream"}}));
}

RecordBatchPtr Batch(const std::vector<int64_t>& values) {
  return RecordBatch::Make(SampleSchema(), static_cast<int64_t>(values.size()), std::vector<ArrayDataPtr>{Int64s(values)})
      .ValueOrDie();
}

/// Yields `batches`, then fails with `error` (or ends when `error` is OK).
class ScriptedReader : public RecordBatchReader {
 public:
  ScriptedReader(RecordBatchVector batches, Status error) : batches_(std::move(batches)), error_(std::move(error)) {}
  std::shared_ptr<Schema> schema() const override { return SampleSchema(); }
  Result<RecordBatchPtr> ReadNext() override {
    if (next_ < batches_.size()) return batches_[next_++];
    if (!error_.ok()) return error_;
    return RecordBatchPtr();
  }

 private:
  RecordBatchVector batches_;
  size_t next_ = 0;
  Status error_;
};

TEST(CStreamTest, RoundTripPreservesSchemaAndBatches) {
  RecordBatchVector batches{Batch({1, 2, 3}), Batch({}), Batch({4})};
  ASSERT_OK_AND_ASSIGN(auto reader, RecordBatchReader::Make(batches, SampleSchema()));
  ArrowArrayStream stream;
  ASSERT_OK(ExportRecordBatchReader(reader, &stream));
  ASSERT_OK_AND_ASSIGN(auto imported, ImportRecordBatchReader(&stream));
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_TRUE(imported->schema()->Equals(*SampleSchema(), /*check_metadata=*/true));
  ASSERT_OK_AND_ASSIGN(auto read, imported->ReadAll());
  ASSERT_EQ(read.size(), 3u);
  for (size_t i = 0; i < batches.size(); ++i) EXPECT_TRUE(read[i]->Equals(*batches[i])) << read[i]->ToString();
  // The end repeats.
  ASSERT_OK_AND_ASSIGN(auto after_end, imported->ReadNext());
  EXPECT_EQ(after_end, nullptr);
}

TEST(CStreamTest, ExportedCallbacksFollowTheSpec) {
  ArrowArrayStream stream;
  ASSERT_OK(ExportRecordBatchReader(std::make_shared<ScriptedReader>(RecordBatchVector{Batch({7})}, Status::OK()),
                                    &stream));
  ArrowSchema schema;
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_STREQ(schema.format, "+s");
  schema.release(&schema);

  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  ASSERT_NE(array.release, nullptr);
  EXPECT_EQ(array.length, 1);
  EXPECT_EQ(static_cast<const int64_t*>(array.children[0]->buffers[1])[0], 7);
  array.release(&array);

  for (int i = 0; i < 2; ++i) {  // end of stream: a released array, every time
    ASSERT_EQ(stream.get_next(&stream, &array), 0);
    EXPECT_EQ(array.release, nullptr);
  }
  EXPECT_EQ(stream.get_last_error(&stream), nullptr);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);
}

TEST(CStreamTest, ExportedErrorsBecomeErrnoAndLastError) {
  const std::vector<std::pair<Status, int>> cases = {
      {Status::IOError("disk on fire"), EIO},
      {Status::Invalid("bad batch"), EINVAL},
      {Status::OutOfMemory("too big"), ENOMEM},
      {Status::NotImplemented("later"), ENOSYS},
  };
  for (const auto& [error, code] : cases) {
    ArrowArrayStream stream;
    ASSERT_OK(ExportRecordBatchReader(std::make_shared<ScriptedReader>(RecordBatchVector{}, error), &stream));
    ArrowArray array;
    EXPECT_EQ(stream.get_next(&stream, &array), code);
    ASSERT_NE(stream.get_last_error(&stream), nullptr);
    EXPECT_NE(std::string(stream.get_last_error(&stream)).find(error.message()), std::string::npos);
    stream.release(&stream);
  }
}

TEST(CStreamTest, ImportedErrorsKeepCodeAndMessage) {
  ArrowArrayStream stream;
  ASSERT_OK(ExportRecordBatchReader(
      std::make_shared<ScriptedReader>(RecordBatchVector{Batch({1})}, Status::IOError("disk on fire")), &stream));
  ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&stream));
  ASSERT_OK_AND_ASSIGN(auto first, reader->ReadNext());
  EXPECT_EQ(first->num_rows(), 1);
  ASSERT_RAISES_WITH(IOError, "get_next failed: IOError: disk on fire", reader->ReadNext());

  ASSERT_OK(ExportRecordBatchReader(std::make_shared<ScriptedReader>(RecordBatchVector{}, Status::Invalid("bad")),
                                    &stream));
  ASSERT_OK_AND_ASSIGN(reader, ImportRecordBatchReader(&stream));
  ASSERT_RAISES_WITH(Invalid, "bad", reader->ReadNext());
}

/// Claims SampleSchema() but yields a batch of another column type.
class MismatchedReader : public RecordBatchReader {
 public:
  std::shared_ptr<Schema> schema() const override { return SampleSchema(); }
  Result<RecordBatchPtr> ReadNext() override {
    auto data = ArrayData::Make(int8(), 2, {nullptr, Buffer::FromVector(std::vector<uint8_t>{1, 2})}, 0);
    return RecordBatch::Make(arrowpack::schema({field("x", int8())}), 2, std::vector<ArrayDataPtr>{data});
  }
};

TEST(CStreamTest, ExportedBatchOfAnotherTypeIsAnError) {
  ArrowArrayStream stream;
  ASSERT_OK(ExportRecordBatchReader(std::make_shared<MismatchedReader>(), &stream));
  ArrowArray array;
  EXPECT_EQ(stream.get_next(&stream, &array), EINVAL);
  ASSERT_NE(stream.get_last_error(&stream), nullptr);
  EXPECT_NE(std::string(stream.get_last_error(&stream)).find("do not match the stream's schema"), std::string::npos);
  stream.release(&stream);
}

TEST(CStreamTest, ExportRefusesANullReader) {
  ArrowArrayStream stream;
  ASSERT_RAISES_WITH(Invalid, "reader is null", ExportRecordBatchReader(nullptr, &stream));
}

// ---- A foreign producer that counts its release calls --------------------------------------

struct FakeStream {
  int releases = 0;
  int schema_error = 0;
  const char* message = "producer is broken";
  ArrowArrayStream stream{};

  FakeStream() {
    stream.get_schema = [](ArrowArrayStream* s, ArrowSchema* out) {
      auto* self = static_cast<FakeStream*>(s->private_data);
      if (self->schema_error != 0) return self->schema_error;
      return ExportSchema(*SampleSchema(), out).ok() ? 0 : EIO;
    };
    stream.get_next = [](ArrowArrayStream*, ArrowArray* out) {
      // A batch whose single column has the wrong type for the schema.
      auto data = ArrayData::Make(struct_({field("x", int64())}), 1, {nullptr},
                                  {ArrayData::Make(null(), 1, {nullptr}, 1)}, 0);
      return ExportArray(*data, out).ok() ? 0 : EIO;
    };
    stream.get_last_error = [](ArrowArrayStream* s) { return static_cast<FakeStream*>(s->private_data)->message; };
    stream.release = [](ArrowArrayStream* s) {
      ++static_cast<FakeStream*>(s->private_data)->releases;
      s->release = nullptr;
    };
    stream.private_data = this;
  }
};

TEST(CStreamTest, ImportedStreamIsReleasedOnceOnClose) {
  FakeStream fake;
  ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&fake.stream));
  EXPECT_EQ(fake.stream.release, nullptr);
  EXPECT_EQ(fake.releases, 0);
  ASSERT_OK(reader->Close());
  ASSERT_OK(reader->Close());
  EXPECT_EQ(fake.releases, 1);
  ASSERT_OK_AND_ASSIGN(auto batch, reader->ReadNext());
  EXPECT_EQ(batch, nullptr);
  reader.reset();
  EXPECT_EQ(fake.releases, 1);
}

TEST(CStreamTest, ImportedStreamIsReleasedOnceWhenTheReaderDies) {
  FakeStream fake;
  {
    ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&fake.stream));
  }
  EXPECT_EQ(fake.releases, 1);
}

TEST(CStreamTest, SchemaErrorReleasesTheStream) {
  FakeStream fake;
  fake.schema_error = EINVAL;
  ASSERT_RAISES_WITH(Invalid, "get_schema failed: producer is broken", ImportRecordBatchReader(&fake.stream));
  EXPECT_EQ(fake.releases, 1);

  FakeStream silent;
  silent.schema_error = EPIPE;
  silent.message = nullptr;
  auto result = ImportRecordBatchReader(&silent.stream);
  ASSERT_RAISES_WITH(IOError, "errno " + std::to_string(EPIPE), result);
  EXPECT_EQ(result.status().posix_errno(), EPIPE);
  EXPECT_EQ(silent.releases, 1);
}

TEST(CStreamTest, MalformedBatchFromTheProducerIsAnError) {
  FakeStream fake;
  ASSERT_OK_AND_ASSIGN(auto reader, ImportRecordBatchReader(&fake.stream));
  ASSERT_RAISES_WITH(Invalid, "array.children[0]", reader->ReadNext());
}

TEST(CStreamTest, ReleasedOrNullStreamIsRefused) {
  ArrowArrayStream released{};
  ASSERT_RAISES_WITH(Invalid, "already released", ImportRecordBatchReader(&released));
  ASSERT_RAISES_WITH(Invalid, "NULL", ImportRecordBatchReader(nullptr));
}

}  // namespace
}  // namespace arrowpack
