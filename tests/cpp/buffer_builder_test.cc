#include "arrowpack/core/buffer_builder.h"

#include <limits>
#include <string>
#include <vector>

#include "test_util.h"

namespace arrowpack {

namespace {

bool PaddingIsZero(const Buffer& buffer) {
  for (int64_t i = buffer.size(); i < buffer.capacity(); ++i) {
    if (buffer.data()[i] != 0) return false;
  }
  return true;
}

}  // namespace

TEST(BufferBuilderTest, AppendsAndFinishesShrunkToFit) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  BufferBuilder builder(pool);
  ASSERT_OK(builder.Append("hello", 5));
  ASSERT_OK(builder.AppendZeros(3));
  ASSERT_OK(builder.Append(" world", 6));
  EXPECT_EQ(builder.length(), 14);
  EXPECT_GE(builder.capacity(), 14);
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  EXPECT_EQ(buffer->size(), 14);
  EXPECT_EQ(buffer->capacity(), 64);
  EXPECT_EQ(buffer->ToString(), std::string("hello\0\0\0 world", 14));
  EXPECT_TRUE(PaddingIsZero(*buffer));
  EXPECT_EQ(buffer->address() % 64, 0u);
  EXPECT_EQ(pool->bytes_allocated(), before + 64);
  EXPECT_EQ(builder.length(), 0);
  EXPECT_EQ(builder.capacity(), 0);
}

TEST(BufferBuilderTest, GrowsGeometrically) {
  BufferBuilder builder(system_memory_pool());
  const int64_t start = system_memory_pool()->num_allocations();
  std::vector<int64_t> capacities;
  for (int i = 0; i < 100000; ++i) {
    const uint8_t byte = static_cast<uint8_t>(i);
    ASSERT_OK(builder.Append(&byte, 1));
    if (capacities.empty() || capacities.back() != builder.capacity()) capacities.push_back(builder.capacity());
  }
  // Doubling from 64 bytes reaches 100000 in about 11 steps, not thousands.
  EXPECT_LE(capacities.size(), 12u);
  EXPECT_LE(system_memory_pool()->num_allocations() - start, 2);
  for (size_t i = 1; i < capacities.size(); ++i) EXPECT_GE(capacities[i], 2 * capacities[i - 1]);
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(builder.data()[i], static_cast<uint8_t>(i));
}

TEST(BufferBuilderTest, EmptyFinishGivesZeroSizeBuffer) {
  BufferBuilder builder;
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  EXPECT_EQ(buffer->size(), 0);
  EXPECT_NE(buffer->data(), nullptr);
}

TEST(BufferBuilderTest, ReusableAfterFinishAndReset) {
  BufferBuilder builder(system_memory_pool());
  ASSERT_OK(builder.Append("abc", 3));
  ASSERT_OK_AND_ASSIGN(auto first, builder.Finish());
  ASSERT_OK(builder.Append("de", 2));
  ASSERT_OK_AND_ASSIGN(auto second, builder.Finish());
  EXPECT_EQ(first->ToString(), "abc");
  EXPECT_EQ(second->ToString(), "de");
  ASSERT_OK(builder.Append("xyz", 3));
  builder.Reset();
  EXPECT_EQ(builder.length(), 0);
}

TEST(BufferBuilderTest, TruncateDropsTailAndPaddingIsZeroed) {
  BufferBuilder builder(system_memory_pool());
  ASSERT_OK(builder.Append("abcdefgh", 8));
  builder.Truncate(3);
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  EXPECT_EQ(buffer->ToString(), "abc");
  EXPECT_TRUE(PaddingIsZero(*buffer));
}

TEST(BufferBuilderTest, HugeReservationFails) {
  BufferBuilder builder(system_memory_pool());
  ASSERT_RAISES(CapacityError, builder.Reserve(std::numeric_limits<int64_t>::max()));
  ASSERT_RAISES(OutOfMemory, builder.Reserve(int64_t{1} << 60));
  EXPECT_EQ(builder.length(), 0);
}

TEST(TypedBufferBuilderTest, AppendsValuesAndCopies) {
  TypedBufferBuilder<int32_t> builder(system_memory_pool());
  ASSERT_OK(builder.Append(7));
  const int32_t values[] = {1, 2, 3};
  ASSERT_OK(builder.Append(values, 3));
  ASSERT_OK(builder.AppendCopies(2, -1));
  EXPECT_EQ(builder.length(), 6);
  EXPECT_EQ(builder.data()[3], 3);
  builder.mutable_data()[0] = 8;
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  ASSERT_EQ(buffer->size(), 24);
  const auto* out = reinterpret_cast<const int32_t*>(buffer->data());
  EXPECT_EQ(std::vector<int32_t>(out, out + 6), (std::vector<int32_t>{8, 1, 2, 3, -1, -1}));
  EXPECT_TRUE(PaddingIsZero(*buffer));
}

TEST(BitmapBuilderTest, AppendsBitsLsbFirstAndCountsFalse) {
  BitmapBuilder builder(system_memory_pool());
  ASSERT_OK(builder.Append(true));
  ASSERT_OK(builder.Append(false));
  ASSERT_OK(builder.AppendN(3, true));
  ASSERT_OK(builder.AppendN(4, false));
  ASSERT_OK(builder.Append(true));
  EXPECT_EQ(builder.length(), 10);
  EXPECT_EQ(builder.false_count(), 5);
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  ASSERT_EQ(buffer->size(), 2);
  EXPECT_EQ(buffer->data()[0], 0b00011101);
  EXPECT_EQ(buffer->data()[1], 0b00000010);
  EXPECT_TRUE(PaddingIsZero(*buffer));
  EXPECT_EQ(builder.length(), 0);
  EXPECT_EQ(builder.false_count(), 0);
}

TEST(BitmapBuilderTest, LongRunsSetWholeBytes) {
  BitmapBuilder builder(system_memory_pool());
  ASSERT_OK(builder.AppendN(3, false));
  ASSERT_OK(builder.AppendN(30, true));
  ASSERT_OK(builder.AppendN(2, false));
  ASSERT_OK_AND_ASSIGN(auto buffer, builder.Finish());
  ASSERT_EQ(buffer->size(), 5);
  for (int64_t i = 0; i < 35; ++i) EXPECT_EQ(bit_util::GetBit(buffer->data(), i), i >= 3 && i < 33) << i;
  EXPECT_EQ(buffer->data()[4] >> 3, 0) << "bits past the length must be zero";
}

TEST(BitmapBuilderTest, AppendsFromBytes) {
  BitmapBuilder builder(system_memory_pool());
  const uint8_t bytes[] = {1, 0, 7, 0, 0, 1, 1, 1, 0, 2};
  ASSERT_OK(builder.Reserve(10));
  builder.UnsafeAppendBytes(bytes, 10);
  EXPECT_EQ(builder.false_count(), 4);
  for (int64_t i = 0; i < 10; ++i) EXPECT_EQ(bit_util::GetBit(builder.data(), i), bytes[i] != 0);
}

TEST(BitmapBuilderTest, EmptyAndReuse) {
  BitmapBuilder builder(system_memory_pool());
  ASSERT_OK_AND_ASSIGN(auto empty, builder.Finish());
  EXPECT_EQ(empty->size(), 0);
  ASSERT_OK(builder.AppendN(9, true));
  ASSERT_OK_AND_ASSIGN(auto first, builder.Finish());
  ASSERT_OK(builder.Append(false));
  ASSERT_OK(builder.Append(true));
  ASSERT_OK_AND_ASSIGN(auto second, builder.Finish());
  EXPECT_EQ(first->data()[0], 0xFF);
  EXPECT_EQ(first->data()[1], 0x01);
  EXPECT_EQ(second->size(), 1);
  EXPECT_EQ(second->data()[0], 0b10);
}

}  // namespace arrowpack
