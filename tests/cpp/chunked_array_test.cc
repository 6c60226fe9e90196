#include "arrowpack/core/chunked_array.h"

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::Int32s;
using testing::Int64s;
using testing::Strings;

namespace {

ChunkedArrayPtr Chunked(ArrayVector chunks) { return ChunkedArray::Make(std::move(chunks)).ValueOrDie(); }

}  // namespace

TEST(ChunkedArrayTest, LengthNullCountAndChunks) {
  auto chunked = Chunked({Int64s({1, 2}), Int64s({std::nullopt, 4, std::nullopt})});
  EXPECT_EQ(chunked->length(), 5);
  EXPECT_EQ(chunked->null_count(), 2);
  EXPECT_EQ(chunked->num_chunks(), 2);
  EXPECT_TRUE(chunked->type()->Equals(*int64()));
  EXPECT_EQ(chunked->chunk(1)->length(), 3);
}

TEST(ChunkedArrayTest, MakeWithoutChunksNeedsAType) {
  ASSERT_RAISES_WITH(Invalid, "without chunks", ChunkedArray::Make({}));
  ASSERT_OK_AND_ASSIGN(auto empty, ChunkedArray::Make({}, utf8()));
  EXPECT_EQ(empty->length(), 0);
  EXPECT_EQ(empty->num_chunks(), 0);
  EXPECT_TRUE(empty->type()->Equals(*utf8()));
}

TEST(ChunkedArrayTest, MakeRejectsMixedTypes) {
  ASSERT_RAISES_WITH(TypeError, "chunk 1 has type string", ChunkedArray::Make({Int64s({1}), Strings({"a"})}));
  ASSERT_RAISES_WITH(TypeError, "expected int32", ChunkedArray::Make({Int64s({1})}, int32()));
  ASSERT_RAISES_WITH(Invalid, "chunk 0 is null", ChunkedArray::Make({nullptr}, int64()));
}

TEST(ChunkedArrayTest, SliceAcrossChunks) {
  auto chunked = Chunked({Int64s({0, 1, 2}), Int64s({3, 4}), Int64s({5, 6, 7})});
  auto slice = chunked->Slice(2, 4);
  EXPECT_EQ(slice->length(), 4);
  ASSERT_EQ(slice->num_chunks(), 3);
  EXPECT_TRUE(slice->chunk(0)->Equals(*Int64s({2})));
  EXPECT_TRUE(slice->chunk(1)->Equals(*Int64s({3, 4})));
  EXPECT_TRUE(slice->chunk(2)->Equals(*Int64s({5})));
  // Whole chunks are shared, not re-sliced.
  EXPECT_EQ(slice->chunk(1), chunked->chunk(1));
}

TEST(ChunkedArrayTest, SliceIsClamped) {
  auto chunked = Chunked({Int64s({0, 1, 2}), Int64s({3, 4})});
  auto tail = chunked->Slice(3);
  EXPECT_EQ(tail->length(), 2);
  EXPECT_TRUE(tail->Equals(*Chunked({Int64s({3, 4})})));
  EXPECT_EQ(chunked->Slice(4, 100)->length(), 1);
  auto past_end = chunked->Slice(10, 5);
  EXPECT_EQ(past_end->length(), 0);
  EXPECT_EQ(past_end->num_chunks(), 0);
  EXPECT_EQ(chunked->Slice(-3, 2)->length(), 2);
  EXPECT_EQ(chunked->Slice(1, -1)->length(), 0);
}

TEST(ChunkedArrayTest, EqualsIgnoresChunkBoundaries) {
  auto left = Chunked({Int64s({1, 2, 3}), Int64s({std::nullopt, 5})});
  auto right = Chunked({Int64s({1}), Int64s({}), Int64s({2, 3, std::nullopt, 5})});
  EXPECT_TRUE(left->Equals(*right));
  EXPECT_TRUE(right->Equals(*left));
  auto different = Chunked({Int64s({1, 2, 3}), Int64s({4, 5})});
  EXPECT_FALSE(left->Equals(*different));
  auto shorter = Chunked({Int64s({1, 2, 3})});
  EXPECT_FALSE(left->Equals(*shorter));
  auto other_type = Chunked({Int32s({1, 2, 3}), Int32s({std::nullopt, 5})});
  EXPECT_FALSE(left->Equals(*other_type));
}

TEST(ChunkedArrayTest, EqualsComparesSlices) {
  auto whole = Chunked({Int64s({0, 1, 2, 3, 4, 5})});
  auto pieces = Chunked({Int64s({9, 2, 3}), Int64s({4, 9})});
  EXPECT_TRUE(whole->Slice(2, 3)->Equals(*pieces->Slice(1, 3)));
  EXPECT_FALSE(whole->Slice(1, 3)->Equals(*pieces->Slice(1, 3)));
}

TEST(ChunkedArrayTest, ToStringListsChunksLikePyarrow) {
  auto chunked = Chunked({Int64s({1, 2}), Int64s({std::nullopt, 4})});
  EXPECT_EQ(chunked->ToString(), "[\n  [\n    1,\n    2\n  ],\n  [\n    null,\n    4\n  ]\n]");
  EXPECT_EQ(chunked->ToPreviewString(), "[[1,2],[null,4]]");
  ASSERT_OK_AND_ASSIGN(auto empty, ChunkedArray::Make({}, int64()));
  EXPECT_EQ(empty->ToString(), "[\n\n]");
  EXPECT_EQ(empty->ToPreviewString(), "[]");
}

TEST(ChunkedArrayTest, ToStringElidesMiddleChunks) {
  ArrayVector chunks;
  for (int64_t i = 0; i < 6; ++i) chunks.push_back(Int64s({i}));
  auto chunked = Chunked(chunks);
  EXPECT_EQ(chunked->ToPreviewString(), "[[0],[1],...,[4],[5]]");
  EXPECT_EQ(chunked->ToString(),
            "[\n  [\n    0\n  ],\n  [\n    1\n  ],\n...,\n  [\n    4\n  ],\n  [\n    5\n  ]\n]");
  EXPECT_EQ(Chunked({Strings({"a"}), Strings({"b", std::nullopt})})->ToPreviewString(), "[[\"a\"],[\"b\",null]]");
}

TEST(ChunkedArrayTest, ToStringShowsFiveValuesAtEachEndOfAChunk) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 30; ++i) values.push_back(i);
  auto chunked = Chunked({Int64s(values)});
  EXPECT_EQ(chunked->ToString(),
            "[\n  [\n    0,\n    1,\n    2,\n    3,\n    4,\n    ...\n    25,\n    26,\n    27,\n    28,\n    29\n  ]\n]");
  EXPECT_EQ(chunked->ToPreviewString(), "[[0,1,2,3,4,...,25,26,27,28,29]]");
  values.resize(11);
  EXPECT_EQ(Chunked({Int64s(values)})->ToPreviewString(), "[[0,1,2,3,4,5,6,7,8,9,10]]");
}

TEST(ChunkedArrayTest, ValidateChecksChunks) {
  auto chunked = Chunked({Int64s({1, 2}), Int64s({3})});
  ASSERT_OK(chunked->Validate());
  ASSERT_OK(chunked->ValidateFull());
  // A chunk whose values buffer is too short for its length.
  auto broken = MakeArray(ArrayData::Make(int64(), 4, {nullptr, testing::BufferOf<int64_t>({1})}, 0));
  auto bad = Chunked({Int64s({1}), broken});
  ASSERT_RAISES_WITH(Invalid, "chunk 1", bad->Validate());
  ASSERT_RAISES_WITH(Invalid, "chunk 1", bad->ValidateFull());
}

TEST(ChunkedArrayTest, SingleChunkConstructor) {
  ChunkedArray one(Strings({"x", "y"}));
  EXPECT_EQ(one.length(), 2);
  EXPECT_EQ(one.num_chunks(), 1);
  EXPECT_TRUE(one.type()->Equals(*utf8()));
}

}  // namespace arrowpack
