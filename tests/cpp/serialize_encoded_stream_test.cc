// SerializedObject::encoded_stream: an object carrying only its encoded IPC stream (no batch)
// writes, counts and splits into components exactly like the same object carrying the batch,
// and OpenSequence reads its values from either.
#include <gtest/gtest.h>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

// ["hi", 7, buffer 0] with one 5-byte buffer, holding the batch.
SerializedObject WithBatch() {
  SerializedObject object;
  SequenceWriter writer;
  EXPECT_OK(writer.BeginList());
  EXPECT_OK(writer.AppendString("hi"));
  EXPECT_OK(writer.AppendInt64(7));
  EXPECT_OK(writer.AppendIndex(PythonTag::BUFFER, 0));
  EXPECT_OK(writer.End());
  object.batch = *writer.Finish();
  object.buffers.push_back(Buffer::FromString("hello"));
  return object;
}

// The same object holding only the stream the batch encodes to (components' first buffer).
SerializedObject WithStreamOnly(const SerializedObject& object) {
  SerializedObject out;
  out.encoded_stream = (*object.GetComponents()).data[0];
  out.buffers = object.buffers;
  return out;
}

TEST(SerializedObjectEncodedStream, WritesTheSameBytesAsTheBatch) {
  const SerializedObject batch = WithBatch();
  const SerializedObject stream = WithStreamOnly(batch);
  ASSERT_EQ(stream.batch, nullptr);
  ASSERT_OK_AND_ASSIGN(auto expected, batch.ToBuffer());
  ASSERT_OK_AND_ASSIGN(auto got, stream.ToBuffer());
  EXPECT_TRUE(got->Equals(*expected));
  ASSERT_OK_AND_ASSIGN(int64_t total, stream.TotalBytes());
  EXPECT_EQ(total, expected->size());
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK(stream.WriteTo(sink.get()));
  ASSERT_OK_AND_ASSIGN(auto written, sink->Finish());
  EXPECT_TRUE(written->Equals(*expected));
}

TEST(SerializedObjectEncodedStream, ComponentsShareTheStream) {
  const SerializedObject stream = WithStreamOnly(WithBatch());
  ASSERT_OK_AND_ASSIGN(SerializedComponents components, stream.GetComponents());
  ASSERT_EQ(components.data.size(), 2u);
  EXPECT_EQ(components.data[0], stream.encoded_stream);
  EXPECT_EQ(components.data[1]->ToString(), "hello");
}

TEST(SerializedObjectEncodedStream, OpenSequenceReadsEitherForm) {
  const SerializedObject batch = WithBatch();
  const SerializedObject stream = WithStreamOnly(batch);
  for (const SerializedObject* form : {&batch, &stream}) {
    ASSERT_OK_AND_ASSIGN(auto reader, OpenSequence(*form));
    ASSERT_OK(reader->CheckIndexBounds(0, 0, 1, 0));
    ASSERT_EQ(reader->root().length(), 1);
    ASSERT_EQ(reader->root().tag(0), PythonTag::LIST);
  }
}

TEST(SerializedObjectEncodedStream, NeitherBatchNorStreamIsInvalid) {
  const SerializedObject empty;
  ASSERT_RAISES_WITH(Invalid, "no record batch and no encoded stream", OpenSequence(empty));
  ASSERT_RAISES_WITH(Invalid, "no record batch and no encoded stream", empty.ToBuffer());
  ASSERT_RAISES_WITH(Invalid, "no record batch and no encoded stream", empty.TotalBytes());
}

TEST(SerializedObjectEncodedStream, CorruptStreamIsInvalid) {
  SerializedObject object;
  object.encoded_stream = Buffer::FromString("not an IPC stream");
  EXPECT_FALSE(OpenSequence(object).ok());
}

}  // namespace
}  // namespace arrowpack::serialize
