// ParallelFor and ParallelThreadCount (core/parallel_for_internal.h): every index runs once, the
// error reported is always the lowest failing index's (Status or exception), and thread counts
// follow the stated bounds, including the process-wide capacity (core/thread_count.h). The pool
// behind it: thread_pool_test.cc.
#include "arrowpack/core/parallel_for_internal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "arrowpack/core/thread_count.h"
#include "test_util.h"

namespace arrowpack::internal {
namespace {

TEST(ParallelFor, EveryIndexRunsOnce) {
  for (int threads : {1, 2, 4, 8}) {
    std::vector<int> calls(1000, 0);
    ASSERT_OK(ParallelFor(1000, threads, [&](int64_t i) {
      ++calls[static_cast<size_t>(i)];
      return Status::OK();
    }));
    EXPECT_EQ(std::count(calls.begin(), calls.end(), 1), 1000) << threads << " threads";
  }
}

TEST(ParallelFor, NothingToDo) {
  int calls = 0;
  ASSERT_OK(ParallelFor(0, 4, [&](int64_t) {
    ++calls;
    return Status::OK();
  }));
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, ThreadCountsBelowOneRunOnTheCaller) {
  const auto caller = std::this_thread::get_id();
  for (int threads : {0, -3}) {
    std::vector<std::thread::id> ran_on(10);
    ASSERT_OK(ParallelFor(10, threads, [&](int64_t i) {
      ran_on[static_cast<size_t>(i)] = std::this_thread::get_id();
      return Status::OK();
    }));
    EXPECT_EQ(std::count(ran_on.begin(), ran_on.end(), caller), 10);
  }
}

TEST(ParallelFor, ReportsTheLowestFailingIndexAfterRunningEveryIndexBelowIt) {
  for (int round = 0; round < 50; ++round) {
    std::vector<std::atomic<int>> calls(200);
    Status status = ParallelFor(200, 4, [&](int64_t i) {
      calls[static_cast<size_t>(i)].fetch_add(1);
      if (i == 150 || i == 37 || i == 38) return Status::Invalid("task ", i, " failed");
      return Status::OK();
    });
    ASSERT_RAISES_WITH(Invalid, "task 37 failed", status);
    for (size_t i = 0; i <= 37; ++i) ASSERT_EQ(calls[i].load(), 1) << "index " << i << ", round " << round;
    for (size_t i = 38; i < calls.size(); ++i) ASSERT_LE(calls[i].load(), 1);
  }
}

TEST(ParallelFor, KeepsTheFailingStatusCode) {
  ASSERT_RAISES_WITH(IOError, "broken", ParallelFor(8, 2, [](int64_t i) {
                       return i == 5 ? Status::IOError("broken") : Status::OK();
                     }));
}

TEST(ParallelFor, RethrowsTheExceptionOfTheLowestFailingIndex) {
  for (int round = 0; round < 50; ++round) {
    try {
      Status status = ParallelFor(100, 4, [](int64_t i) -> Status {
        if (i == 60) return Status::Invalid("task 60 failed");
        if (i == 20 || i == 21) throw std::runtime_error("task " + std::to_string(i) + " threw");
        return Status::OK();
      });
      FAIL() << "no exception, status " << status.ToString();
    } catch (const std::runtime_error& error) {
      ASSERT_STREQ(error.what(), "task 20 threw") << "round " << round;
    }
  }
}

TEST(ParallelFor, PrefersALowerFailingStatusToAHigherException) {
  for (int round = 0; round < 50; ++round) {
    Status status = ParallelFor(100, 4, [](int64_t i) -> Status {
      if (i == 60) throw std::runtime_error("task 60 threw");
      return i == 10 ? Status::Invalid("task 10 failed") : Status::OK();
    });
    ASSERT_RAISES_WITH(Invalid, "task 10 failed", status);
  }
}

TEST(ParallelFor, AfterAFailureTheNextCallRunsNormally) {
  EXPECT_THROW(static_cast<void>(ParallelFor(10, 4, [](int64_t) -> Status { throw std::logic_error("bad"); })),
               std::logic_error);
  std::vector<std::atomic<int>> calls(100);
  ASSERT_OK(ParallelFor(100, 4, [&](int64_t i) {
    calls[static_cast<size_t>(i)].fetch_add(1);
    return Status::OK();
  }));
  for (auto& count : calls) ASSERT_EQ(count.load(), 1);
}

TEST(ParallelThreadCount, FollowsItsBounds) {
  const int capacity = GetCpuThreadPoolCapacity();
  const int64_t plenty = int64_t{1} << 30;
  EXPECT_EQ(ParallelThreadCount(false, 100, plenty), 1);
  EXPECT_EQ(ParallelThreadCount(true, 100, plenty), std::min(capacity, kMaxParallelThreads));
  EXPECT_EQ(ParallelThreadCount(true, 1, plenty), 1);
  EXPECT_EQ(ParallelThreadCount(true, 0, plenty), 1);
  EXPECT_EQ(ParallelThreadCount(true, 100, kMinParallelBytesPerThread - 1), 1);
  EXPECT_EQ(ParallelThreadCount(true, 100, 2 * kMinParallelBytesPerThread), std::min(capacity, 2));
}

// Restores the process-wide capacity when a test that changed it ends.
class CapacityGuard {
 public:
  CapacityGuard() : saved_(GetCpuThreadPoolCapacity()) {}
  ~CapacityGuard() { EXPECT_TRUE(SetCpuThreadPoolCapacity(saved_).ok()); }

 private:
  int saved_;
};

TEST(ParallelThreadCount, FollowsTheCpuThreadPoolCapacity) {
  const CapacityGuard guard;
  const int64_t plenty = int64_t{1} << 30;
  ASSERT_OK(SetCpuThreadPoolCapacity(1));
  EXPECT_EQ(GetCpuThreadPoolCapacity(), 1);
  EXPECT_EQ(ParallelThreadCount(true, 100, plenty), 1);
  ASSERT_OK(SetCpuThreadPoolCapacity(5));  // more than this machine's cores is allowed
  EXPECT_EQ(ParallelThreadCount(true, 100, plenty), 5);
  ASSERT_OK(SetCpuThreadPoolCapacity(100));
  EXPECT_EQ(ParallelThreadCount(true, 100, plenty), kMaxParallelThreads);
  ASSERT_RAISES_WITH(Invalid, "at least 1", SetCpuThreadPoolCapacity(0));
  ASSERT_RAISES_WITH(Invalid, "at least 1", SetCpuThreadPoolCapacity(-3));
  EXPECT_EQ(GetCpuThreadPoolCapacity(), 100);
}

}  // namespace
}  // namespace arrowpack::internal
