// RecycledAllocator (core/recycled_allocator_internal.h): the control blocks of shared buffers
// are reused on their thread, oversized or array requests bypass the spares, and blocks released
// on another thread or after the thread's spares are gone are still freed (the test main and
// AddressSanitizer report leaks).
#include "arrowpack/core/recycled_allocator_internal.h"

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "arrowpack/core/buffer.h"
#include "test_util.h"

namespace arrowpack {
namespace {

using internal::GiveRecycledBlock;
using internal::kRecycledBlockBytes;
using internal::RecycledAllocator;
using internal::TakeRecycledBlock;

TEST(RecycledAllocatorTest, AReleasedBlockIsTheNextTaken) {
  void* first = TakeRecycledBlock();
  GiveRecycledBlock(first);
  void* second = TakeRecycledBlock();
  EXPECT_EQ(second, first);
  GiveRecycledBlock(second);
}

TEST(RecycledAllocatorTest, KeepsOnlyAFewBlocks) {
  std::vector<void*> blocks;
  for (int i = 0; i < 64; ++i) blocks.push_back(TakeRecycledBlock());
  for (void* block : blocks) GiveRecycledBlock(block);
  std::vector<void*> again;
  for (int i = 0; i < 64; ++i) again.push_back(TakeRecycledBlock());
  for (void* block : again) GiveRecycledBlock(block);
}

TEST(RecycledAllocatorTest, ArraysAndLargeTypesUseOperatorNew) {
  struct Large {
    char bytes[kRecycledBlockBytes + 1];
  };
  RecycledAllocator<Large> large;
  Large* one = large.allocate(1);
  one->bytes[kRecycledBlockBytes] = 1;
  large.deallocate(one, 1);
  RecycledAllocator<int> ints;
  int* many = ints.allocate(100);
  many[99] = 7;
  EXPECT_EQ(many[99], 7);
  ints.deallocate(many, 100);
  EXPECT_TRUE(RecycledAllocator<int>() == RecycledAllocator<Large>());
}

TEST(RecycledAllocatorTest, BuffersMadeOnOneThreadAreReleasedOnAnother) {
  std::vector<std::shared_ptr<Buffer>> made;
  std::thread maker([&] {
    for (int i = 0; i < 20; ++i) {
      ASSERT_OK_AND_ASSIGN(auto buffer, AllocateSharedBuffer(16 * i));
      made.push_back(SliceBuffer(buffer, 0));
      made.push_back(std::move(buffer));
    }
  });
  maker.join();
  std::thread releaser([&] { made.clear(); });
  releaser.join();
  EXPECT_TRUE(made.empty());
}

// Released by a thread-exit destructor that runs after the thread's spares are freed (thread
// locals are destroyed in the reverse order of their construction).
struct ReleasedLate {
  std::shared_ptr<Buffer> buffer;
};

TEST(RecycledAllocatorTest, ABufferReleasedAfterTheSparesIsFreed) {
  std::thread worker([] {
    thread_local ReleasedLate late;  // constructed before the spares' closer
    ASSERT_OK_AND_ASSIGN(late.buffer, AllocateSharedBuffer(64));
    ASSERT_OK_AND_ASSIGN(auto early, AllocateSharedBuffer(8));
    early.reset();  // the first block given back registers the closer
    EXPECT_EQ(late.buffer->size(), 64);
  });
  worker.join();
}

TEST(RecycledAllocatorTest, SlicesAndPoolBuffersBehaveAsBefore) {
  ASSERT_OK_AND_ASSIGN(auto parent, AllocateSharedBuffer(100));
  std::memset(parent->mutable_data(), 'x', 100);
  auto slice = SliceBuffer(parent, 10, 20);
  auto mutable_slice = SliceMutableBuffer(parent, 0, 5);
  EXPECT_EQ(slice->parent(), parent);
  EXPECT_FALSE(slice->is_mutable());
  EXPECT_TRUE(mutable_slice->is_mutable());
  std::weak_ptr<Buffer> watch = parent;
  parent.reset();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(slice->ToString(), std::string(20, 'x'));
  slice.reset();
  mutable_slice.reset();
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace arrowpack
