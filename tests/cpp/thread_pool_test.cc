// The process-wide helper pool behind ParallelFor (core/thread_pool_internal.h): shared by many
// concurrent callers, nested loops run without deadlock, helper threads are kept between calls
// (and added when the capacity is raised), and a forked child gets working helpers of its own.
#include "arrowpack/core/thread_pool_internal.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/core/thread_count.h"
#include "test_util.h"

namespace arrowpack::internal {
namespace {

bool MachineHasSeveralThreads() { return std::thread::hardware_concurrency() >= 2; }

// The threads that run the tasks of one ParallelFor(count, threads) whose tasks wait (up to 30 s)
// until `at_least` distinct threads have joined, so that helpers are seen whenever they exist.
std::set<std::thread::id> ThreadsOfOneLoop(int64_t count, int threads, size_t at_least) {
  std::mutex mutex;
  std::set<std::thread::id> seen;
  Status status = ParallelFor(count, threads, [&](int64_t) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        seen.insert(std::this_thread::get_id());
        if (seen.size() >= at_least) return Status::OK();
      }
      if (std::chrono::steady_clock::now() > deadline) return Status::OK();
      std::this_thread::yield();
    }
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return seen;
}

TEST(HelperPool, HelpersAreKeptBetweenCalls) {
  if (!MachineHasSeveralThreads()) GTEST_SKIP() << "one hardware thread: the pool has no helpers";
  const std::set<std::thread::id> first = ThreadsOfOneLoop(2, 2, 2);
  const std::set<std::thread::id> second = ThreadsOfOneLoop(2, 2, 2);
  ASSERT_EQ(first.size(), 2u);
  // The machine's hardware threads bound the pool, so with two of them the one helper is the same.
  if (std::thread::hardware_concurrency() == 2) {
    EXPECT_EQ(first, second);
  }
  EXPECT_EQ(first.count(std::this_thread::get_id()), 1u);
  EXPECT_FALSE(HelperPool::OnHelperThread());
}

TEST(HelperPool, GrowsWhenTheCapacityIsRaised) {
  const int saved = GetCpuThreadPoolCapacity();
  ASSERT_OK(SetCpuThreadPoolCapacity(4));
  const std::set<std::thread::id> seen = ThreadsOfOneLoop(4, ParallelThreadCount(true, 4, int64_t{1} << 30), 4);
  ASSERT_OK(SetCpuThreadPoolCapacity(saved));
  EXPECT_EQ(seen.size(), 4u);  // the caller and three helpers, however many cores there are
  EXPECT_EQ(seen.count(std::this_thread::get_id()), 1u);
}

TEST(HelperPool, ManyConcurrentCallersEachGetEveryIndexOnce) {
  constexpr int kCallers = 8;
  constexpr int kCallsEach = 200;
  constexpr int64_t kCount = 64;
  std::atomic<int> wrong{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      for (int call = 0; call < kCallsEach; ++call) {
        std::vector<int64_t> values(kCount, -1);
        Status status = ParallelFor(kCount, 1 + (call + c) % 8, [&](int64_t i) {
          if (values[static_cast<size_t>(i)] != -1) return Status::Invalid("index ", i, " ran twice");
          values[static_cast<size_t>(i)] = i * (c + 1);
          return Status::OK();
        });
        if (!status.ok()) ++wrong;
        for (int64_t i = 0; i < kCount; ++i) {
          if (values[static_cast<size_t>(i)] != i * (c + 1)) ++wrong;
        }
      }
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(HelperPool, ConcurrentCallersGetTheirOwnLowestError) {
  std::vector<std::thread> callers;
  std::vector<Status> results(6);
  for (int c = 0; c < 6; ++c) {
    callers.emplace_back([&, c] {
      for (int call = 0; call < 50; ++call) {
        results[static_cast<size_t>(c)] = ParallelFor(100, 4, [c](int64_t i) {
          return i >= 10 + c ? Status::Invalid("caller ", c, " task ", i) : Status::OK();
        });
        if (results[static_cast<size_t>(c)].message() != "caller " + std::to_string(c) + " task " +
                                                             std::to_string(10 + c)) {
          return;
        }
      }
    });
  }
  for (auto& caller : callers) caller.join();
  for (int c = 0; c < 6; ++c) {
    ASSERT_RAISES_WITH(Invalid, "caller " + std::to_string(c) + " task " + std::to_string(10 + c),
                       results[static_cast<size_t>(c)]);
  }
}

TEST(HelperPool, NestedLoopsFinish) {
  std::vector<std::atomic<int>> calls(8 * 100);
  ASSERT_OK(ParallelFor(8, 8, [&](int64_t outer) {
    return ParallelFor(100, 8, [&, outer](int64_t inner) {
      calls[static_cast<size_t>(outer * 100 + inner)].fetch_add(1);
      return Status::OK();
    });
  }));
  for (auto& count : calls) ASSERT_EQ(count.load(), 1);
}

TEST(HelperPool, NestedLoopOnAHelperRunsOnThatHelperAlone) {
  if (!MachineHasSeveralThreads()) GTEST_SKIP() << "one hardware thread: the pool has no helpers";
  std::mutex mutex;
  std::set<std::thread::id> inner_threads_of_helper;
  bool helper_ran_a_task = false;
  // Task 0 waits for a helper to take task 1, which runs a nested loop.
  std::atomic<bool> helper_done{false};
  ASSERT_OK(ParallelFor(2, 2, [&](int64_t outer) {
    if (!HelperPool::OnHelperThread()) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (outer == 0 && !helper_done.load() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
      }
      return Status::OK();
    }
    Status status = ParallelFor(50, 8, [&](int64_t) {
      std::lock_guard<std::mutex> lock(mutex);
      inner_threads_of_helper.insert(std::this_thread::get_id());
      return Status::OK();
    });
    std::lock_guard<std::mutex> lock(mutex);
    helper_ran_a_task = true;
    helper_done.store(true);
    return status;
  }));
  if (helper_ran_a_task) {
    EXPECT_EQ(inner_threads_of_helper.size(), 1u);
  }
}

TEST(HelperPool, AForkedChildGetsHelpersOfItsOwn) {
  if (!MachineHasSeveralThreads()) GTEST_SKIP() << "one hardware thread: the pool has no helpers";
  ASSERT_EQ(ThreadsOfOneLoop(2, 2, 2).size(), 2u);  // the parent's helpers are running
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    alarm(60);  // a hang becomes a failure of the parent's wait
    std::vector<int> calls(1000, 0);
    Status status = ParallelFor(1000, 8, [&](int64_t i) {
      ++calls[static_cast<size_t>(i)];
      return Status::OK();
    });
    bool ok = status.ok();
    for (int count : calls) ok = ok && count == 1;
    ok = ok && ThreadsOfOneLoop(2, 2, 2).size() == 2;
    _exit(ok ? 0 : 1);
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus)) << "child ended by signal " << (WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  EXPECT_EQ(ThreadsOfOneLoop(2, 2, 2).size(), 2u);  // and the parent's still work
}

}  // namespace
}  // namespace arrowpack::internal
