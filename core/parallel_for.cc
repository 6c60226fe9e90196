#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

#include "arrowpack/core/parallel_for_internal.h"

namespace arrowpack::internal {

int ParallelThreadCount(bool use_threads, int64_t tasks, int64_t nbytes) {
  if (!use_threads) return 1;
  const int64_t hardware = std::max(1u, std::thread::hardware_concurrency());
  const int64_t by_size = std::max<int64_t>(1, nbytes / kMinParallelBytesPerThread);
  return static_cast<int>(std::max<int64_t>(1, std::min({hardware, int64_t{kMaxParallelThreads}, tasks, by_size})));
}

Status ParallelFor(int64_t count, int num_threads, const std::function<Status(int64_t)>& task) {
  std::vector<Status> statuses(static_cast<size_t>(std::max<int64_t>(0, count)));
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const int64_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      Status status = task(i);
      if (!status.ok()) {
        statuses[static_cast<size_t>(i)] = std::move(status);
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  std::vector<std::thread> helpers;
  const int64_t wanted = std::min<int64_t>(std::max(1, num_threads), count) - 1;
  for (int64_t t = 0; t < wanted; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no thread available: the others, and this one, share the tasks
    }
  }
  work();
  for (auto& helper : helpers) helper.join();
  for (Status& status : statuses) {
    if (!status.ok()) return std::move(status);
  }
  return Status::OK();
}

}  // namespace arrowpack::internal
