// Data types, fields and schemas: pyarrow's names and ids, equality rules and factory errors.
#include "arrowpack/core/schema.h"
#include "array_testing.h"

namespace arrowpack::testing {
namespace {

struct TypeCase {
  TypePtr type;
  const char* expected;  // str(type) in pyarrow 26
  int id;                // type.id in pyarrow 26
};

std::vector<TypeCase> AllTypeCases() {
  auto uuid = extension("arrow.uuid", Unwrap(fixed_size_binary(16)), "");
  return {
      {null(), "null", 0},
      {boolean(), "bool", 1},
      {uint8(), "uint8", 2},
      {int8(), "int8", 3},
      {uint16(), "uint16", 4},
      {int16(), "int16", 5},
      {uint32(), "uint32", 6},
      {int32(), "int32", 7},
      {uint64(), "uint64", 8},
      {int64(), "int64", 9},
      {float16(), "halffloat", 10},
      {float32(), "float", 11},
      {float64(), "double", 12},
      {utf8(), "string", 13},
      {binary(), "binary", 14},
      {Unwrap(fixed_size_binary(5)), "fixed_size_binary[5]", 15},
      {date32(), "date32[day]", 16},
      {date64(), "date64[ms]", 17},
      {timestamp(TimeUnit::SECOND), "timestamp[s]", 18},
      {timestamp(TimeUnit::MICRO, "UTC"), "timestamp[us, tz=UTC]", 18},
      {timestamp(TimeUnit::NANO, "+01:00"), "timestamp[ns, tz=+01:00]", 18},
      {Unwrap(time32(TimeUnit::SECOND)), "time32[s]", 19},
      {Unwrap(time32(TimeUnit::MILLI)), "time32[ms]", 19},
      {Unwrap(time64(TimeUnit::MICRO)), "time64[us]", 20},
      {Unwrap(time64(TimeUnit::NANO)), "time64[ns]", 20},
      {month_interval(), "month_interval", 21},
      {day_time_interval(), "day_time_interval", 22},
      {Unwrap(decimal128(38, 10)), "decimal128(38, 10)", 23},
      {Unwrap(decimal256(76, 0)), "decimal256(76, 0)", 24},
      {list(int32()), "list<item: int32>", 25},
      {list(field("x", int32(), false)), "list<x: int32 not null>", 25},
      {struct_({field("a", int8()), field("b", utf8(), false)}), "struct<a: int8, b: string not null>", 26},
      {struct_({}), "struct<>", 26},
      {Unwrap(sparse_union({field("a", int8()), field("b", utf8())})), "sparse_union<a: int8=0, b: string=1>", 27},
      {Unwrap(dense_union({field("a", int8()), field("b", utf8())}, {5, 7})), "dense_union<a: int8=5, b: string=7>",
       28},
      {Unwrap(dictionary(int8(), utf8())), "dictionary<values=string, indices=int8, ordered=0>", 29},
      {Unwrap(dictionary(uint32(), int64(), true)), "dictionary<values=int64, indices=uint32, ordered=1>", 29},
      {Unwrap(map(field("key", utf8(), false), field("value", int32()))), "map<string, int32>", 30},
      {Unwrap(map(field("key", utf8(), false), field("value", int32()), true)), "map<string, int32, keys_sorted>", 30},
      {Unwrap(map(field("k", utf8(), false), field("v", int32(), false))), "map<string ('k'), int32 ('v')>", 30},
      {uuid, "extension<arrow.uuid>", 31},
      {Unwrap(fixed_size_list(field("item", int16()), 3)), "fixed_size_list<item: int16>[3]", 32},
      {duration(TimeUnit::MILLI), "duration[ms]", 33},
      {large_utf8(), "large_string", 34},
      {large_binary(), "large_binary", 35},
      {large_list(field("item", utf8())), "large_list<item: string>", 36},
      {month_day_nano_interval(), "month_day_nano_interval", 37},
      {Unwrap(run_end_encoded(int16(), float64())), "run_end_encoded<run_ends: int16, values: double>", 38},
      {utf8_view(), "string_view", 39},
      {binary_view(), "binary_view", 40},
      {list_view(field("item", int8())), "list_view<item: int8>", 41},
      {large_list_view(field("item", int8())), "large_list_view<item: int8>", 42},
      {Unwrap(decimal32(9, 2)), "decimal32(9, 2)", 43},
      {Unwrap(decimal64(18, -3)), "decimal64(18, -3)", 44},
  };
}

TEST(TypeTest, ToStringAndIdMatchPyarrowForEveryType) {
  for (const auto& c : AllTypeCases()) {
    EXPECT_EQ(c.type->ToString(), c.expected);
    EXPECT_EQ(static_cast<int>(c.type->id()), c.id) << c.expected;
  }
}

TEST(TypeTest, EveryTypeEqualsItselfAndNoOtherCase) {
  const auto cases = AllTypeCases();
  for (size_t i = 0; i < cases.size(); ++i) {
    for (size_t j = 0; j < cases.size(); ++j) {
      EXPECT_EQ(cases[i].type->Equals(*cases[j].type), i == j) << cases[i].expected << " vs " << cases[j].expected;
    }
  }
}

TEST(TypeTest, NameIsTheFamily) {
  EXPECT_EQ(timestamp(TimeUnit::NANO, "UTC")->name(), "timestamp");
  EXPECT_EQ(date32()->name(), "date32");
  EXPECT_EQ(list(int8())->name(), "list");
  EXPECT_EQ(Unwrap(decimal128(5, 2))->name(), "decimal128");
}

TEST(TypeTest, ParameterlessFactoriesReturnTheirOwnType) {
  EXPECT_EQ(int16()->id(), TypeId::INT16);
  EXPECT_EQ(uint64()->id(), TypeId::UINT64);
  EXPECT_EQ(int16(), int16());
}

TEST(TypeTest, ParametersTakePartInEquality) {
  EXPECT_TRUE(timestamp(TimeUnit::SECOND, "UTC")->Equals(*timestamp(TimeUnit::SECOND, "UTC")));
  EXPECT_FALSE(timestamp(TimeUnit::SECOND, "UTC")->Equals(*timestamp(TimeUnit::SECOND)));
  EXPECT_FALSE(timestamp(TimeUnit::SECOND)->Equals(*timestamp(TimeUnit::MILLI)));
  EXPECT_FALSE(Unwrap(decimal128(5, 2))->Equals(*Unwrap(decimal128(5, 3))));
  EXPECT_FALSE(Unwrap(decimal128(5, 2))->Equals(*Unwrap(decimal128(6, 2))));
  EXPECT_FALSE(Unwrap(fixed_size_binary(3))->Equals(*Unwrap(fixed_size_binary(4))));
  EXPECT_FALSE(Unwrap(fixed_size_list(field("item", int8()),
      2))->Equals(*Unwrap(fixed_size_list(field("item", int8()), 3))));
  EXPECT_FALSE(Unwrap(dictionary(int8(), utf8(), true))->Equals(*Unwrap(dictionary(int8(), utf8(), false))));
  EXPECT_FALSE(Unwrap(dictionary(int8(), utf8()))->Equals(*Unwrap(dictionary(int16(), utf8()))));
  EXPECT_FALSE(Unwrap(dense_union({field("a", int8())}, {1}))->Equals(*Unwrap(dense_union({field("a", int8())}, {2}))));
  EXPECT_FALSE(Unwrap(run_end_encoded(int16(), int8()))->Equals(*Unwrap(run_end_encoded(int32(), int8()))));
  EXPECT_FALSE(extension("a", int8(), "")->Equals(*extension("b", int8(), "")));
  EXPECT_FALSE(extension("a", int8(), "m")->Equals(*extension("a", int8(), "")));
  EXPECT_FALSE(extension("a", int8(), "")->Equals(*extension("a", int16(), "")));
  EXPECT_FALSE(Unwrap(map(field("key", utf8(), false), field("value", int8())))
                   ->Equals(*Unwrap(map(field("key", utf8(), false), field("value", int8()), true))));
}

TEST(TypeTest, ListAndMapFieldNamesDoNotCountButNullabilityDoes) {
  // pyarrow: list_(field('x', int32())) == list_(int32()) is True.
  EXPECT_TRUE(list(field("x", int32()))->Equals(*list(int32())));
  EXPECT_TRUE(large_list(field("element", int32()))->Equals(*large_list(field("item", int32()))));
  EXPECT_TRUE(list_view(field("x", int32()))->Equals(*list_view(field("item", int32()))));
  EXPECT_TRUE(Unwrap(fixed_size_list(field("x", int32()),
      2))->Equals(*Unwrap(fixed_size_list(field("y", int32()), 2))));
  EXPECT_FALSE(list(field("item", int32(), false))->Equals(*list(int32())));
  EXPECT_FALSE(list(int32())->Equals(*list(int64())));
  EXPECT_TRUE(Unwrap(map(field("k", utf8(), false), field("v", int32())))
                  ->Equals(*Unwrap(map(field("key", utf8(), false), field("value", int32())))));
  EXPECT_FALSE(Unwrap(map(field("key", utf8(), false), field("value", int32(), false)))
                   ->Equals(*Unwrap(map(field("key", utf8(), false), field("value", int32())))));
  // Struct and union field names do count.
  EXPECT_FALSE(struct_({field("a", int8())})->Equals(*struct_({field("b", int8())})));
  EXPECT_FALSE(Unwrap(sparse_union({field("a", int8())}))->Equals(*Unwrap(sparse_union({field("b", int8())}))));
}

TEST(TypeTest, MetadataComparedOnlyWhenAsked) {
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"a"}, std::vector<std::string>{"b"});
  auto with = list(field("item", int32(), true, metadata));
  auto without = list(int32());
  EXPECT_TRUE(with->Equals(*without));
  EXPECT_FALSE(with->Equals(*without, /*check_metadata=*/true));
  EXPECT_TRUE(with->Equals(*list(field("x", int32(), true, metadata)), /*check_metadata=*/true));
  auto s1 = struct_({field("a", int8(), true, metadata)});
  auto s2 = struct_({field("a", int8())});
  EXPECT_TRUE(s1->Equals(*s2));
  EXPECT_FALSE(s1->Equals(*s2, true));
}

TEST(TypeTest, BitWidthAndLayout) {
  EXPECT_EQ(boolean()->bit_width(), 1);
  EXPECT_EQ(int32()->bit_width(), 32);
  EXPECT_EQ(Unwrap(fixed_size_binary(5))->bit_width(), 40);
  EXPECT_EQ(Unwrap(decimal32(5, 2))->bit_width(), 32);
  EXPECT_EQ(Unwrap(decimal256(5, 2))->bit_width(), 256);
  EXPECT_EQ(month_day_nano_interval()->bit_width(), 128);
  EXPECT_EQ(utf8()->bit_width(), -1);
  EXPECT_EQ(Unwrap(dictionary(int16(), utf8()))->bit_width(), 16);
  EXPECT_EQ(utf8()->layout().buffers.size(), 3u);
  EXPECT_TRUE(utf8_view()->layout().variadic);
  EXPECT_EQ(Unwrap(dense_union({field("a", int8())}))->layout().buffers.size(), 2u);
  EXPECT_EQ(Unwrap(sparse_union({field("a", int8())}))->layout().buffers.size(), 1u);
  EXPECT_TRUE(Unwrap(run_end_encoded(int32(), int8()))->layout().buffers.empty());
  EXPECT_EQ(extension("e", int64(), "")->layout().buffers[1].byte_width, 8);
}

TEST(TypeTest, AccessorsOfParametrisedTypes) {
  auto map_type = std::static_pointer_cast<MapType>(Unwrap(map(field("k", utf8(), false), field("v", int32()))));
  EXPECT_EQ(map_type->key_field()->name(), "k");
  EXPECT_EQ(map_type->item_type()->id(), TypeId::INT32);
  EXPECT_EQ(map_type->value_type()->id(), TypeId::STRUCT);
  auto union_type = std::static_pointer_cast<UnionType>(Unwrap(dense_union({field("a", int8()), field("b", utf8())},
      {3, 9})));
  EXPECT_EQ(union_type->child_ids()[3], 0);
  EXPECT_EQ(union_type->child_ids()[9], 1);
  EXPECT_EQ(union_type->child_ids()[0], -1);
  auto ree = std::static_pointer_cast<RunEndEncodedType>(Unwrap(run_end_encoded(int64(), utf8())));
  EXPECT_EQ(ree->run_end_type()->id(), TypeId::INT64);
  EXPECT_EQ(ree->value_type()->id(), TypeId::STRING);
  auto st = std::static_pointer_cast<StructType>(struct_({field("a", int8()), field("b", int8()),
      field("a", int16())}));
  EXPECT_EQ(st->GetFieldIndex("a"), 0);
  EXPECT_EQ(st->GetFieldIndex("b"), 1);
  EXPECT_EQ(st->GetFieldIndex("zz"), -1);
  EXPECT_EQ(DecimalType::MaxPrecision(TypeId::DECIMAL64), 18);
}

TEST(TypeTest, FactoryErrors) {
  ASSERT_RAISES_WITH(Invalid, "byte width must be >= 0", fixed_size_binary(-1));
  // 8 * width must fit bit_width()'s int.
  ASSERT_RAISES_WITH(Invalid, "byte width must be <= 268435455, got 268435456", fixed_size_binary(1 << 28));
  EXPECT_EQ(Unwrap(fixed_size_binary((1 << 28) - 1))->bit_width(), ((1 << 28) - 1) * 8);
  ASSERT_RAISES_WITH(Invalid, "precision must be between 1 and 38, got 39", decimal128(39, 0));
  ASSERT_RAISES_WITH(Invalid, "precision must be between 1 and 9, got 0", decimal32(0, 0));
  ASSERT_RAISES_WITH(Invalid, "between 1 and 76", decimal256(77, 0));
  ASSERT_RAISES_WITH(TypeError, "not a decimal type id", decimal(TypeId::INT32, 5, 2));
  ASSERT_RAISES_WITH(Invalid, "time32 unit must be 's' or 'ms'", time32(TimeUnit::MICRO));
  ASSERT_RAISES_WITH(Invalid, "time64 unit must be 'us' or 'ns'", time64(TimeUnit::SECOND));
  ASSERT_RAISES_WITH(Invalid, "fixed_size_list size must be >= 0", fixed_size_list(field("item", int8()), -1));
  ASSERT_RAISES_WITH(Invalid, "map key field must not be nullable", map(field("key", utf8()), field("value", int8())));
  ASSERT_RAISES_WITH(Invalid, "is used twice", sparse_union({field("a", int8()), field("b", int8())}, {1, 1}));
  ASSERT_RAISES_WITH(Invalid, "is negative", dense_union({field("a", int8())}, {-1}));
  ASSERT_RAISES_WITH(Invalid, "2 children but 1 type codes",
      dense_union({field("a", int8()), field("b", int8())}, {0}));
  FieldVector many(129, field("x", int8()));
  ASSERT_RAISES_WITH(Invalid, "at most 128 children", sparse_union(many));
  ASSERT_RAISES_WITH(TypeError, "index type must be an integer type, got string", dictionary(utf8(), utf8()));
  ASSERT_RAISES_WITH(TypeError, "run end type must be int16, int32 or int64, got uint32",
                     run_end_encoded(uint32(), utf8()));
}

TEST(FieldTest, ToStringEqualsAndCopies) {
  auto f = field("x", int32(), false);
  EXPECT_EQ(f->ToString(), "x: int32 not null");
  EXPECT_EQ(field("y", list(utf8()))->ToString(), "y: list<item: string>");
  EXPECT_TRUE(f->Equals(*field("x", int32(), false)));
  EXPECT_FALSE(f->Equals(*field("x", int32())));
  EXPECT_FALSE(f->Equals(*field("z", int32(), false)));
  EXPECT_FALSE(f->Equals(*field("x", int64(), false)));
  EXPECT_EQ(f->WithName("q")->ToString(), "q: int32 not null");
  EXPECT_EQ(f->WithType(utf8())->ToString(), "x: string not null");
  EXPECT_EQ(f->WithNullable(true)->ToString(), "x: int32");
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"k"}, std::vector<std::string>{"v"});
  auto with_metadata = f->WithMetadata(metadata);
  EXPECT_TRUE(with_metadata->Equals(*f));
  EXPECT_FALSE(with_metadata->Equals(*f, /*check_metadata=*/true));
  EXPECT_EQ(with_metadata->metadata()->Get("k"), "v");
}

TEST(SchemaTest, ToStringLikePyarrow) {
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"k"}, std::vector<std::string>{"v"});
  auto s = schema({field("x", int32(), false), field("y", utf8())}, metadata);
  // str(pa.schema([pa.field('x', pa.int32(), False), pa.field('y', pa.string())], metadata={'k': 'v'}))
  EXPECT_EQ(s->ToString(), "x: int32 not null\ny: string\n-- schema metadata --\nk: 'v'");
  EXPECT_EQ(s->ToString(/*show_metadata=*/false), "x: int32 not null\ny: string");
  EXPECT_EQ(s->GetFieldIndex("y"), 1);
  EXPECT_EQ(s->GetFieldIndex("nope"), -1);
  EXPECT_EQ(s->field_names(), (std::vector<std::string>{"x", "y"}));
}

TEST(SchemaTest, EqualityAndMetadata) {
  auto metadata = std::make_shared<KeyValueMetadata>(std::vector<std::string>{"k"}, std::vector<std::string>{"v"});
  auto plain = schema({field("x", int32())});
  auto with = plain->WithMetadata(metadata);
  EXPECT_TRUE(plain->Equals(*with));
  EXPECT_FALSE(plain->Equals(*with, /*check_metadata=*/true));
  EXPECT_TRUE(with->Equals(*schema({field("x", int32())}, metadata), true));
  EXPECT_FALSE(plain->Equals(*schema({field("x", int64())})));
  EXPECT_FALSE(plain->Equals(*schema({field("x", int32()), field("y", int32())})));
}

}  // namespace
}  // namespace arrowpack::testing
