// Dense unions with null slots under IPC metadata V4: read with the slots re-pointed at a null
// child (appended when the union has none, the batch schema following), refused under V5, and
// bad bitmaps refused. Streams are built by hand from flatbuffers.
#include <gtest/gtest.h>

#include <cstring>

#include "arrowpack/core/array.h"
#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/Message_generated.h"
#include "arrowpack/ipc/reader.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

namespace fb = org::apache::arrow::flatbuf;

// One encapsulated message: marker, padded metadata length, metadata, body.
std::string Encapsulated(flatbuffers::FlatBufferBuilder& fbb, const std::string& body) {
  std::string out("\xFF\xFF\xFF\xFF", 4);
  const auto padded = static_cast<int32_t>((fbb.GetSize() + 7) / 8 * 8);
  out.append(reinterpret_cast<const char*>(&padded), 4);
  out.append(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  out.append(static_cast<size_t>(padded) - fbb.GetSize(), '\0');
  return out + body;
}

// A stream with one column "u": dense_union<i: int64> over the slots 10, null, 20 (the null slot
// pointing at child i, offset 0, as pyarrow 0.17 wrote it). `version` is the metadata version of
// both messages; `bitmap` the union's validity bytes; `null_count` its field node's.
std::shared_ptr<Buffer> UnionStream(fb::MetadataVersion version, const std::string& bitmap, int64_t null_count) {
  flatbuffers::FlatBufferBuilder schema_fbb;
  auto child = fb::CreateField(schema_fbb, schema_fbb.CreateString("i"), true, fb::Type_Int,
                               fb::CreateInt(schema_fbb, 64, true).Union());
  auto union_type = fb::CreateUnion(schema_fbb, fb::UnionMode_Dense, schema_fbb.CreateVector(std::vector<int32_t>{0}));
  auto children = schema_fbb.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{child});
  auto column = fb::CreateField(schema_fbb, schema_fbb.CreateString("u"), true, fb::Type_Union, union_type.Union(), 0,
                                children);
  auto schema = fb::CreateSchema(schema_fbb, fb::Endianness_Little,
                                 schema_fbb.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{column}));
  schema_fbb.Finish(fb::CreateMessage(schema_fbb, version, fb::MessageHeader_Schema, schema.Union(), 0));

  const int8_t codes[3] = {0, 0, 0};
  const int32_t offsets[3] = {0, 0, 1};
  const int64_t values[2] = {10, 20};
  std::string body;
  std::vector<fb::Buffer> buffers;
  auto add = [&](const void* data, size_t size) {
    buffers.emplace_back(static_cast<int64_t>(body.size()), static_cast<int64_t>(size));
    body.append(static_cast<const char*>(data), size);
    body.append((8 - size % 8) % 8, '\0');
  };
  add(bitmap.data(), bitmap.size());
  add(codes, sizeof(codes));
  add(offsets, sizeof(offsets));
  add(nullptr, 0);  // the child's validity
  add(values, sizeof(values));
  const std::vector<fb::FieldNode> nodes{{3, null_count}, {2, 0}};
  flatbuffers::FlatBufferBuilder batch_fbb;
  auto batch = fb::CreateRecordBatch(batch_fbb, 3, batch_fbb.CreateVectorOfStructs(nodes),
                                     batch_fbb.CreateVectorOfStructs(buffers));
  batch_fbb.Finish(fb::CreateMessage(batch_fbb, version, fb::MessageHeader_RecordBatch, batch.Union(),
                                     static_cast<int64_t>(body.size())));
  return Buffer::FromString(Encapsulated(schema_fbb, "") + Encapsulated(batch_fbb, body) +
                            std::string("\xFF\xFF\xFF\xFF\0\0\0\0", 8));
}

TEST(IpcV4Union, NullSlotsPointAtAnAppendedNullChild) {
  ASSERT_OK_AND_ASSIGN(auto batches, ReadStream(UnionStream(fb::MetadataVersion_V4, "\x05", 1)));
  ASSERT_EQ(batches.size(), 1u);
  const auto& type = static_cast<const UnionType&>(*batches[0]->schema()->field(0)->type());
  ASSERT_EQ(type.num_fields(), 2);
  EXPECT_EQ(type.field(1)->name(), ipc::kV4UnionNullFieldName);
  EXPECT_EQ(type.field(1)->type()->id(), TypeId::NA);
  EXPECT_EQ(type.type_codes(), (std::vector<int8_t>{0, 1}));
  const auto& column = static_cast<const UnionArray&>(*batches[0]->column(0));
  EXPECT_TRUE(column.type()->Equals(type));
  EXPECT_EQ(column.type_code(1), 1);
  EXPECT_EQ(column.value_offset(1), 0);
  EXPECT_EQ(column.field(1)->length(), 1);
  EXPECT_EQ(column.type_code(2), 0);
  EXPECT_EQ(column.value_offset(2), 1);
  ASSERT_OK(column.ValidateFull());
}

TEST(IpcV4Union, V5RefusesUnionNulls) {
  ASSERT_RAISES_WITH(Invalid, "has null count 1 but the type has no validity bitmap",
                     ReadStream(UnionStream(fb::MetadataVersion_V5, "\x05", 1)));
}

TEST(IpcV4Union, BadBitmapsAreRefused) {
  ASSERT_RAISES_WITH(Invalid, "bitmap of 0 bytes is too short for 3 slots",
                     ReadStream(UnionStream(fb::MetadataVersion_V4, "", 1)));
  ASSERT_RAISES_WITH(Invalid, "declares 2 nulls but its validity bitmap holds 1",
                     ReadStream(UnionStream(fb::MetadataVersion_V4, "\x05", 2)));
}

TEST(IpcV4Union, WithoutNullsTheTypeStays) {
  ASSERT_OK_AND_ASSIGN(auto batches, ReadStream(UnionStream(fb::MetadataVersion_V4, "\x07", 0)));
  EXPECT_EQ(batches[0]->schema()->field(0)->type()->num_fields(), 1);
}

}  // namespace
}  // namespace arrowpack::testing
