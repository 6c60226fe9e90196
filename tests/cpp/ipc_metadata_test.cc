// Schema <-> flatbuffer conversion: every type, dictionaries with ids, extension types through
// field metadata, custom metadata, nesting limits and malformed schemas.
#include <gtest/gtest.h>

#include <functional>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/metadata_internal.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

namespace fb = ipc::internal::fb;

Result<std::shared_ptr<Schema>> RoundTrip(const Schema& schema, ipc::DictionaryMemo* read_memo = nullptr) {
  ARROWPACK_ASSIGN_OR_RAISE(auto bytes, ipc::SerializeSchema(schema));
  io::BufferReader input(bytes);
  ARROWPACK_ASSIGN_OR_RAISE(auto message, ipc::ReadMessage(&input));
  ipc::DictionaryMemo memo;
  return ipc::ReadSchema(*message, read_memo ? read_memo : &memo);
}

TEST(IpcMetadata, EveryTypeRoundTrips) {
  auto schema = AllTypesBatch()->schema();
  ASSERT_OK_AND_ASSIGN(auto read, RoundTrip(*schema));
  ASSERT_EQ(read->num_fields(), schema->num_fields());
  for (int i = 0; i < schema->num_fields(); ++i) {
    EXPECT_TRUE(read->field(i)->Equals(*schema->field(i), true))
        << schema->field(i)->ToString() << " vs " << read->field(i)->ToString();
  }
}

TEST(IpcMetadata, ParametersSurvive) {
  auto schema = arrowpack::schema({
      field("ts", timestamp(TimeUnit::MICRO, "America/New_York")),
      field("fsb", Unwrap(fixed_size_binary(17))),
      field("dec", Unwrap(decimal256(60, -3))),
      field("fsl", Unwrap(fixed_size_list(field("v", float32(), false), 4))),
      field("map", Unwrap(map(field("k", int64(), false), field("v", utf8()), /*keys_sorted=*/true))),
      field("ordered", Unwrap(dictionary(uint32(), large_utf8(), /*ordered=*/true))),
      field("union", Unwrap(dense_union({field("a", int8()), field("b", null())}, {42, 3}))),
      field("ree", Unwrap(run_end_encoded(int16(), float64()))),
  });
  ASSERT_OK_AND_ASSIGN(auto read, RoundTrip(*schema));
  EXPECT_TRUE(read->Equals(*schema, true)) << read->ToString();
  EXPECT_EQ(static_cast<const TemporalType&>(*read->field(0)->type()).timezone(), "America/New_York");
  EXPECT_TRUE(static_cast<const MapType&>(*read->field(4)->type()).keys_sorted());
  EXPECT_TRUE(static_cast<const DictionaryType&>(*read->field(5)->type()).ordered());
  EXPECT_EQ(static_cast<const UnionType&>(*read->field(6)->type()).type_codes(), (std::vector<int8_t>{42, 3}));
}

TEST(IpcMetadata, DictionaryIdsAreRegistered) {
  auto schema = arrowpack::schema({field("a", int32()), field("b", Unwrap(dictionary(int8(), utf8()))),
                                   field("c", list(field("item", Unwrap(dictionary(int32(), int64())))))});
  ipc::DictionaryMemo memo;
  ASSERT_OK_AND_ASSIGN(auto read, RoundTrip(*schema, &memo));
  EXPECT_EQ(memo.num_fields(), 2);
  ASSERT_OK_AND_ASSIGN(int64_t id_b, memo.GetId({1}));
  ASSERT_OK_AND_ASSIGN(int64_t id_c, memo.GetId({2, 0}));
  EXPECT_EQ(id_b, 0);
  EXPECT_EQ(id_c, 1);
  ASSERT_OK_AND_ASSIGN(auto value_type, memo.GetValueType(1));
  EXPECT_TRUE(value_type->Equals(*int64()));
}

TEST(IpcMetadata, ExtensionTypesTravelAsStoragePlusMetadata) {
  auto field_metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"note"},
                                                           std::vector<std::string>{"kept"});
  auto ext = extension("example.point", struct_({field("x", float64()), field("y", float64())}), "{\"crs\": 1}");
  auto schema = arrowpack::schema({field("p", ext, true, field_metadata),
                                   field("d", extension("example.label", Unwrap(dictionary(int8(), utf8())), ""))});
  ASSERT_OK_AND_ASSIGN(auto read, RoundTrip(*schema));
  EXPECT_TRUE(read->Equals(*schema, true)) << read->ToString();
  ASSERT_NE(read->field(0)->metadata(), nullptr);
  EXPECT_EQ(read->field(0)->metadata()->size(), 1);  // the ARROW:extension:* keys are consumed

  // A reader that sees the keys on a plain field makes it an extension type.
  auto plain = arrowpack::schema({field("u", int64(), true,
                                        std::make_shared<KeyValueMetadata>(
                                            std::vector<std::string>{"ARROW:extension:name"},
                                            std::vector<std::string>{"other.ext"}))});
  ASSERT_OK_AND_ASSIGN(auto as_extension, RoundTrip(*plain));
  ASSERT_EQ(as_extension->field(0)->type()->id(), TypeId::EXTENSION);
  EXPECT_EQ(static_cast<const ExtensionType&>(*as_extension->field(0)->type()).extension_name(), "other.ext");
}

TEST(IpcMetadata, SchemaMetadataWithEmptyAndBinaryValues) {
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"", "bin", "utf8"},
                                                     std::vector<std::string>{"empty key", std::string("\0\xff", 2),
                                                                              "\xe2\x9c\x93"});
  auto schema = arrowpack::schema({field("x", int8())}, metadata);
  ASSERT_OK_AND_ASSIGN(auto read, RoundTrip(*schema));
  EXPECT_TRUE(read->Equals(*schema, true));
  EXPECT_EQ(read->metadata()->Get("bin"), std::string("\0\xff", 2));
}

TypePtr Nested(int depth) {
  TypePtr type = int32();
  for (int i = 0; i < depth; ++i) type = list(type);
  return type;
}

TEST(IpcMetadata, NestingLimit) {
  ASSERT_OK(RoundTrip(*arrowpack::schema({field("deep", Nested(60))})).status());
  ASSERT_RAISES_WITH(Invalid, "deeper than 64", ipc::SerializeSchema(*arrowpack::schema({field("deep", Nested(70))})));
}

// A schema message with one field built by hand.
Result<std::shared_ptr<Schema>> ReadHandMadeField(
    const std::function<flatbuffers::Offset<fb::Field>(flatbuffers::FlatBufferBuilder&)>& make_field,
    fb::Endianness endianness = fb::Endianness_Little) {
  flatbuffers::FlatBufferBuilder fbb;
  auto field = make_field(fbb);
  auto fields = fbb.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{field});
  auto schema = fb::CreateSchema(fbb, endianness, fields);
  fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion_V5, fb::MessageHeader_Schema, schema.Union(), 0));
  auto buffer = ipc::internal::FinishToBuffer(fbb);
  ARROWPACK_ASSIGN_OR_RAISE(auto message, ipc::Message::Open(buffer, nullptr));
  ipc::DictionaryMemo memo;
  return ipc::ReadSchema(*message, &memo);
}

TEST(IpcMetadata, MalformedTypesAreRefused) {
  ASSERT_RAISES_WITH(Invalid, "integer bit width 12", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_Int, fb::CreateInt(fbb, 12, true).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "must have 1 children", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_List, fb::CreateList(fbb).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "bit width", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_Time, fb::CreateTime(fbb, fb::TimeUnit_NANOSECOND, 32).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "decimal bit width", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_Decimal, fb::CreateDecimal(fbb, 5, 2, 100).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "no type", ReadHandMadeField([](auto& fbb) { return fb::CreateField(fbb); }));
  ASSERT_RAISES(Invalid, ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_Decimal, fb::CreateDecimal(fbb, 99, 2, 128).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "negative width", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_FixedSizeBinary, fb::CreateFixedSizeBinary(fbb, -3).Union());
  }));
  ASSERT_RAISES_WITH(Invalid, "type id 200", ReadHandMadeField([](auto& fbb) {
    auto ids = fbb.CreateVector(std::vector<int32_t>{200});
    auto child = fb::CreateField(fbb, 0, true, fb::Type_Null, fb::CreateNull(fbb).Union());
    auto children = fbb.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{child});
    auto type = fb::CreateUnion(fbb, fb::UnionMode_Sparse, ids).Union();
    return fb::CreateField(fbb, 0, true, fb::Type_Union, type, 0, children);
  }));
  ASSERT_RAISES_WITH(Invalid, "endianness", ReadHandMadeField([](auto& fbb) {
    return fb::CreateField(fbb, 0, true, fb::Type_Null, fb::CreateNull(fbb).Union());
  }, static_cast<fb::Endianness>(7)));
}

TEST(IpcMetadata, DictionaryIndexTypeDefaultsToInt32) {
  ASSERT_OK_AND_ASSIGN(auto schema, ReadHandMadeField([](auto& fbb) {
    auto encoding = fb::CreateDictionaryEncoding(fbb, 5);
    return fb::CreateField(fbb, fbb.CreateString("d"), true, fb::Type_Utf8, fb::CreateUtf8(fbb).Union(), encoding);
  }));
  const auto& type = static_cast<const DictionaryType&>(*schema->field(0)->type());
  EXPECT_TRUE(type.index_type()->Equals(*int32()));
  EXPECT_TRUE(type.value_type()->Equals(*utf8()));
}

}  // namespace
}  // namespace arrowpack::testing
