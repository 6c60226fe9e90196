// ParallelFor and ParallelThreadCount (core/parallel_for_internal.h) on the process-wide
// HelperPool. Task failures come back as the Status (or exception) of the lowest failing index.
#include <algorithm>
#include <atomic>
#include <exception>
#include <vector>

#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/core/thread_count.h"
#include "arrowpack/core/thread_pool_internal.h"

namespace arrowpack::internal {

namespace {

// How task(i) ended when it did not return OK.
struct Failure {
  Status status;
  std::exception_ptr exception;
};

}  // namespace

int ParallelThreadCount(bool use_threads, int64_t tasks, int64_t nbytes) {
  if (!use_threads) return 1;
  const int64_t capacity = GetCpuThreadPoolCapacity();
  const int64_t by_size = std::max<int64_t>(1, nbytes / kMinParallelBytesPerThread);
  return static_cast<int>(std::max<int64_t>(1, std::min({capacity, int64_t{kMaxParallelThreads}, tasks, by_size})));
}

Status ParallelFor(int64_t count, int num_threads, const std::function<Status(int64_t)>& task) {
  std::vector<Failure> failures(static_cast<size_t>(std::max<int64_t>(0, count)));
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  const std::function<void()> work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const int64_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      Failure& failure = failures[static_cast<size_t>(i)];
      try {
        failure.status = task(i);
      } catch (...) {
        failure.exception = std::current_exception();
      }
      if (!failure.status.ok() || failure.exception) failed.store(true, std::memory_order_relaxed);
    }
  };
  const int helpers = static_cast<int>(std::min<int64_t>(std::max(1, num_threads), count) - 1);
  if (helpers <= 0 || HelperPool::OnHelperThread()) {
    work();  // nested in a helper's task: the pool's threads may all be busy with the outer loop
  } else {
    HelperPool& pool = HelperPool::Instance();
    HelperPool::Loop loop;
    loop.work = &work;
    loop.wanted = helpers;
    pool.Open(&loop);
    work();
    pool.Close(&loop);
  }
  for (Failure& failure : failures) {
    if (failure.exception) std::rethrow_exception(failure.exception);
    if (!failure.status.ok()) return std::move(failure.status);
  }
  return Status::OK();
}

}  // namespace arrowpack::internal
