// GoogleTest main for every C++ suite: fails any test after which a memory pool holds more (or
// fewer) bytes than before it ran.
#include <gtest/gtest.h>

#include "arrowpack/core/memory_pool.h"

namespace {

int64_t PoolBytes() {
  int64_t total = arrowpack::system_memory_pool()->bytes_allocated();
  auto mimalloc = arrowpack::mimalloc_memory_pool();
  if (mimalloc.ok()) total += (*mimalloc)->bytes_allocated();
  return total;
}

class PoolBytesListener : public testing::EmptyTestEventListener {
  void OnTestStart(const testing::TestInfo&) override { start_ = PoolBytes(); }
  void OnTestEnd(const testing::TestInfo& info) override {
    const int64_t now = PoolBytes();
    EXPECT_EQ(now, start_) << "memory pool bytes changed across " << info.test_suite_name() << "."
                           << info.name();
  }
  int64_t start_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  testing::UnitTest::GetInstance()->listeners().Append(new PoolBytesListener);
  return RUN_ALL_TESTS();
}
