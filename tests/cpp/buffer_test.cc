#include "arrowpack/core/buffer.h"

#include "test_util.h"

namespace arrowpack {

TEST(BufferTest, ViewOverStringIsImmutable) {
  std::string text = "abcdef";
  Buffer view(text);
  EXPECT_EQ(view.size(), 6);
  EXPECT_FALSE(view.is_mutable());
  EXPECT_EQ(view.mutable_data(), nullptr);
  EXPECT_EQ(view.ToString(), "abcdef");
  EXPECT_EQ(view.ToHexString(), "616263646566");
}

TEST(BufferTest, SliceKeepsParentAlive) {
  std::shared_ptr<Buffer> slice;
  {
    auto parent = Buffer::FromString("hello world");
    slice = SliceBuffer(parent, 6, 5);
    EXPECT_EQ(slice->parent(), parent);
  }
  EXPECT_EQ(slice->ToString(), "world");
  EXPECT_EQ(SliceBuffer(slice, 1)->ToString(), "orld");
}

TEST(BufferTest, CheckedSliceRejectsOutOfRange) {
  auto parent = Buffer::FromString("0123456789");
  ASSERT_OK_AND_ASSIGN(auto ok, SliceBufferChecked(parent, 10, 0));
  EXPECT_EQ(ok->size(), 0);
  ASSERT_RAISES_WITH(Invalid, "outside", SliceBufferChecked(parent, 5, 6));
  ASSERT_RAISES(Invalid, SliceBufferChecked(parent, -1, 2));
  ASSERT_RAISES(Invalid, SliceBufferChecked(parent, 2, -1));
  ASSERT_RAISES(Invalid, SliceBufferChecked(parent, 11, 0));
}

TEST(BufferTest, EqualsComparesBytes) {
  auto a = Buffer::FromString("abc");
  auto b = Buffer::FromVector({'a', 'b', 'c'});
  auto c = Buffer::FromString("abd");
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_FALSE(a->Equals(*c));
  EXPECT_TRUE(a->Equals(*c, 2));
  EXPECT_FALSE(a->Equals(*c, 4));
  EXPECT_FALSE(a->Equals(*Buffer::FromString("ab")));
}

// A 100-byte allocation from `allocate`: mutable, 64-byte aligned, its padding zeroed, its 128
// bytes of capacity counted by the pool until it is freed.
template <typename Allocate>
void ExpectAllocationIsMutableAlignedAndAccounted(Allocate allocate) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  {
    ASSERT_OK_AND_ASSIGN(auto buffer, allocate(100, pool));
    EXPECT_TRUE(buffer->is_mutable());
    EXPECT_EQ(buffer->size(), 100);
    EXPECT_EQ(buffer->capacity(), 128);
    EXPECT_EQ(buffer->address() % 64, 0u);
    EXPECT_EQ(pool->bytes_allocated(), before + 128);
    for (int64_t i = 100; i < 128; ++i) ASSERT_EQ(buffer->data()[i], 0) << "padding not zeroed";
  }
  EXPECT_EQ(pool->bytes_allocated(), before);
}

TEST(BufferTest, AllocateIsMutableAlignedAndAccounted) {
  ExpectAllocationIsMutableAlignedAndAccounted([](int64_t size, MemoryPool* pool) { return AllocateBuffer(size, pool); });
}

TEST(BufferTest, AllocateSharedIsMutableAlignedAndAccounted) {
  ExpectAllocationIsMutableAlignedAndAccounted(
      [](int64_t size, MemoryPool* pool) { return AllocateSharedBuffer(size, pool); });
  ASSERT_RAISES(Invalid, AllocateSharedBuffer(-1));
  ASSERT_OK_AND_ASSIGN(auto empty, AllocateSharedBuffer(0));
  EXPECT_EQ(empty->size(), 0);
}

TEST(BufferTest, ResizableGrowsAndShrinks) {
  MemoryPool* pool = system_memory_pool();
  const int64_t before = pool->bytes_allocated();
  ASSERT_OK_AND_ASSIGN(auto buffer, AllocateResizableBuffer(1024, pool));
  EXPECT_EQ(pool->bytes_allocated(), before + 1024);
  std::memset(buffer->mutable_data(), 'x', 1024);
  ASSERT_OK(buffer->Resize(2048));
  EXPECT_EQ(pool->bytes_allocated(), before + 2048);
  EXPECT_EQ(buffer->data()[1023], 'x');
  ASSERT_OK(buffer->Resize(10, /*shrink_to_fit=*/false));
  EXPECT_EQ(buffer->size(), 10);
  EXPECT_EQ(buffer->capacity(), 2048);
  ASSERT_OK(buffer->Resize(10, /*shrink_to_fit=*/true));
  EXPECT_EQ(buffer->capacity(), 64);
  EXPECT_EQ(pool->bytes_allocated(), before + 64);
  ASSERT_OK(buffer->Reserve(500));
  EXPECT_EQ(buffer->size(), 10);
  EXPECT_EQ(buffer->capacity(), 512);
  buffer.reset();
  EXPECT_EQ(pool->bytes_allocated(), before);
}

TEST(BufferTest, NegativeSizesAreInvalid) {
  ASSERT_RAISES(Invalid, AllocateBuffer(-1));
  ASSERT_OK_AND_ASSIGN(auto buffer, AllocateResizableBuffer(8));
  ASSERT_RAISES(Invalid, buffer->Resize(-2));
  ASSERT_RAISES(Invalid, buffer->Reserve(-2));
  EXPECT_EQ(buffer->size(), 8);
}

TEST(BufferTest, CopySliceIsIndependent) {
  auto source = Buffer::FromString("abcdef");
  ASSERT_OK_AND_ASSIGN(auto copy, source->CopySlice(2, 3));
  EXPECT_EQ(copy->ToString(), "cde");
  EXPECT_NE(copy->data(), source->data() + 2);
  ASSERT_RAISES(Invalid, source->CopySlice(4, 3));
}

TEST(BufferTest, WrapForeignReleasesOwner) {
  bool released = false;
  auto storage = std::make_shared<std::string>("foreign");
  {
    std::shared_ptr<const void> owner(storage.get(), [&released, storage](const void*) { released = true; });
    auto buffer = Buffer::WrapForeign(reinterpret_cast<const uint8_t*>(storage->data()), 7, owner, true);
    owner.reset();
    EXPECT_TRUE(buffer->is_mutable());
    auto slice = SliceMutableBuffer(buffer, 1, 3);
    buffer.reset();
    EXPECT_FALSE(released);
    slice->mutable_data()[0] = 'O';
  }
  EXPECT_TRUE(released);
  EXPECT_EQ(*storage, "fOreign");
}

}  // namespace arrowpack
