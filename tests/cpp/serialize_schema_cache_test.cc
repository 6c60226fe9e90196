// The schema caches behind SequenceWriter::Finish and ReadSerializedObject
// (serialize/schema_cache_internal.h): one schema per union shape, bytes identical to the
// uncached IPC writer, correct past the cache bound, and no shortcut around validation when a
// blob repeats cached schema bytes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/schema_cache_internal.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialize_options_internal.h"
#include "arrowpack/serialize/serialized_object.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

// {key: [1, text]}
SerializedObject DictOfList(std::string_view key, std::string_view text) {
  SequenceWriter writer;
  EXPECT_OK(writer.BeginDict());
  EXPECT_OK(writer.DictKey());
  EXPECT_OK(writer.AppendString(key));
  EXPECT_OK(writer.DictValue());
  EXPECT_OK(writer.BeginList());
  EXPECT_OK(writer.AppendInt64(1));
  EXPECT_OK(writer.AppendString(text));
  EXPECT_OK(writer.End());
  EXPECT_OK(writer.End());
  SerializedObject object;
  object.batch = *writer.Finish();
  return object;
}

// `depth` nested lists (container 0), tuples (1) or sets (2) around one value whose kind depends
// on `kind` (0-4): a distinct shape per (depth, kind, container).
SerializedObject NestedLists(int depth, int kind, int container = 0) {
  SequenceWriter writer;
  for (int i = 0; i < depth; ++i) {
    EXPECT_OK(container == 0 ? writer.BeginList() : container == 1 ? writer.BeginTuple() : writer.BeginSet());
  }
  switch (kind) {
    case 0:
      EXPECT_OK(writer.AppendInt64(depth));
      break;
    case 1:
      EXPECT_OK(writer.AppendString("s"));
      break;
    case 2:
      EXPECT_OK(writer.AppendDouble(0.5));
      break;
    case 3:
      EXPECT_OK(writer.AppendBool(true));
      break;
    default:
      EXPECT_OK(writer.AppendNone());
      break;
  }
  for (int i = 0; i < depth; ++i) EXPECT_OK(writer.End());
  SerializedObject object;
  object.batch = *writer.Finish();
  return object;
}

// The embedded stream as the general IPC stream writer encodes it, schema not cached.
std::string UncachedStream(const RecordBatch& batch) {
  auto sink = *io::BufferOutputStream::Create();
  auto writer = *ipc::MakeStreamWriter(sink, batch.schema(), internal::StreamWriteOptions());
  EXPECT_OK(writer->WriteRecordBatch(batch));
  EXPECT_OK(writer->Close());
  return std::string((*sink->Finish())->view());
}

std::string StreamOf(const SerializedObject& object) {
  auto components = object.GetComponents();
  EXPECT_TRUE(components.ok()) << components.status().ToString();
  return std::string(components->data[0]->view());
}

TEST(SerializeSchemaCache, SameShapeSharesOneSchemaAndEncodesLikeTheIpcWriter) {
  const SerializedObject a = DictOfList("a", "x");
  const SerializedObject b = DictOfList("longer key", "other text");
  EXPECT_EQ(a.batch->schema(), b.batch->schema());
  const SerializedObject other = NestedLists(2, 2);
  EXPECT_NE(other.batch->schema(), a.batch->schema());
  EXPECT_FALSE(other.batch->schema()->Equals(*a.batch->schema()));
  for (const SerializedObject* object : {&a, &b, &other}) {
    EXPECT_EQ(StreamOf(*object), UncachedStream(*object->batch));
  }
}

TEST(SerializeSchemaCache, MoreShapesThanTheCacheHoldsStayCorrect) {
  // 20 depths (the reader's nesting limit allows about 30) x 5 kinds x 3 containers, twice.
  static_assert(20 * 5 * 3 > internal::kMaxCachedSchemas);
  for (int round = 0; round < 2; ++round) {
    for (int depth = 1; depth <= 20; ++depth) {
      for (int kind = 0; kind < 5; ++kind) {
        for (int container = 0; container < 3; ++container) {
          const SerializedObject object = NestedLists(depth, kind, container);
          ASSERT_EQ(StreamOf(object), UncachedStream(*object.batch)) << depth << "/" << kind << "/" << container;
          auto blob = *object.ToBuffer();
          io::BufferReader source(blob);
          ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
          ASSERT_TRUE(read.batch->Equals(*object.batch)) << depth << "/" << kind << "/" << container;
        }
      }
    }
  }
}

// The blob with every occurrence of `from` replaced by `to` (same length).
std::shared_ptr<Buffer> Replaced(const Buffer& blob, std::string_view from, std::string_view to) {
  std::string bytes(blob.view());
  size_t at = bytes.find(from);
  EXPECT_NE(at, std::string::npos);
  for (; at != std::string::npos; at = bytes.find(from, at + 1)) bytes.replace(at, from.size(), to);
  return Buffer::FromString(std::move(bytes));
}

TEST(SerializeSchemaCache, ARepeatedSchemaDoesNotSkipValidatingTheBatch) {
  auto blob = *DictOfList("key", "MARKER").ToBuffer();
  {
    io::BufferReader source(blob);
    ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));  // schema now cached
    ASSERT_OK(SequenceReader::Open(read.batch).status());
  }
  // Same schema bytes, invalid UTF-8 in the batch.
  auto bad_utf8 = Replaced(*blob, "MARKER", "\xff" "ARKER");
  io::BufferReader source(bad_utf8);
  auto read = ReadSerializedObject(&source);
  if (read.ok()) {
    ASSERT_RAISES_WITH(Invalid, "UTF-8", SequenceReader::Open(read->batch));
  } else {
    EXPECT_EQ(read.status().code(), StatusCode::Invalid) << read.status().ToString();
  }
  // Different schema bytes (the list child renamed to tag 99): decoded afresh and refused.
  io::BufferReader renamed_source(Replaced(*blob, std::string_view("\x02\0\0\0" "10", 6),
                                           std::string_view("\x02\0\0\0" "99", 6)));
  auto read_renamed = ReadSerializedObject(&renamed_source);
  if (read_renamed.ok()) {
    ASSERT_RAISES(Invalid, SequenceReader::Open(read_renamed->batch));
  } else {
    EXPECT_EQ(read_renamed.status().code(), StatusCode::Invalid);
  }
}

}  // namespace
}  // namespace arrowpack::serialize
