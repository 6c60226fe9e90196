#include "arrowpack/core/schema.h"

#include "test_util.h"

namespace arrowpack {

namespace {

MetadataPtr Metadata(std::vector<std::pair<std::string, std::string>> pairs) {
  return std::make_shared<KeyValueMetadata>(std::move(pairs));
}

}  // namespace

// Expected text printed by pyarrow 26 for the same schema.
TEST(SchemaTest, ToStringMatchesPyarrowForNestedFieldsAndMetadata) {
  auto inner = struct_({field("x", int8()), field("y", list(utf8()))});
  auto schema_value = schema(
      {field("a", list(inner)), field("m", *map(field("key", utf8(), false), field("value", int8()))),
       field("d", *dictionary(int8(), utf8())), field("u", *dense_union({field("p", int8())})),
       field("r", *run_end_encoded(int32(), int8())), field("k", int8(), false, Metadata({{"q", "w"}}))},
      Metadata({{"a", "b"}}));
  const std::string expected =
      "a: list<item: struct<x: int8, y: list<item: string>>>\n"
      "  child 0, item: struct<x: int8, y: list<item: string>>\n"
      "      child 0, x: int8\n"
      "      child 1, y: list<item: string>\n"
      "          child 0, item: string\n"
      "m: map<string, int8>\n"
      "  child 0, entries: struct<key: string not null, value: int8> not null\n"
      "      child 0, key: string not null\n"
      "      child 1, value: int8\n"
      "d: dictionary<values=string, indices=int8, ordered=0>\n"
      "u: dense_union<p: int8=0>\n"
      "  child 0, p: int8\n"
      "r: run_end_encoded<run_ends: int32, values: int8>\n"
      "  child 0, run_ends: int32 not null\n"
      "  child 1, values: int8\n"
      "k: int8 not null\n"
      "  -- field metadata --\n"
      "  q: 'w'\n"
      "-- schema metadata --\n"
      "a: 'b'";
  EXPECT_EQ(schema_value->ToString(), expected);
  EXPECT_EQ(schema_value->ToString(/*show_metadata=*/false).find("metadata"), std::string::npos);
}

TEST(SchemaTest, EmptySchemaWithMetadata) {
  EXPECT_EQ(schema({})->ToString(), "");
  EXPECT_EQ(schema({}, Metadata({{"k", "v"}}))->ToString(), "-- schema metadata --\nk: 'v'");
}

TEST(SchemaTest, LookupAndEquality) {
  auto left = schema({field("a", int32()), field("b", utf8())}, Metadata({{"k", "v"}}));
  auto right = schema({field("a", int32()), field("b", utf8())});
  EXPECT_EQ(left->GetFieldIndex("b"), 1);
  EXPECT_EQ(left->GetFieldIndex("zz"), -1);
  EXPECT_EQ(left->field_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(left->Equals(*right));
  EXPECT_FALSE(left->Equals(*right, /*check_metadata=*/true));
  EXPECT_TRUE(left->Equals(*right->WithMetadata(Metadata({{"k", "v"}})), true));
  EXPECT_FALSE(left->Equals(*schema({field("a", int64()), field("b", utf8())})));
}

}  // namespace arrowpack
