// HelperPool (core/thread_pool_internal.h): the process-wide helper threads of ParallelFor, kept
// from first use to exit and rebuilt in a forked child. Reports no errors (see the header).
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <system_error>

#include "arrowpack/core/parallel_for_internal.h"
#include "arrowpack/core/thread_count.h"
#include "arrowpack/core/thread_pool_internal.h"

namespace arrowpack::internal {

namespace {

std::atomic<HelperPool*> current_pool{nullptr};
thread_local bool on_helper_thread = false;

// In a forked child the pool's threads are gone and its mutex may have been held by one of them:
// the next Instance() builds a new pool. The old one is left as it is (never destroyed: its
// std::thread objects are joinable and cannot be joined here).
void ForgetPoolInChild() { current_pool.store(nullptr, std::memory_order_relaxed); }

}  // namespace

HelperPool& HelperPool::Instance() {
  static const int registered = pthread_atfork(nullptr, nullptr, ForgetPoolInChild);
  static_cast<void>(registered);
  HelperPool* pool = current_pool.load(std::memory_order_acquire);
  if (pool != nullptr) return *pool;
  auto* fresh = new HelperPool();  // no threads yet: the first Open starts them
  if (current_pool.compare_exchange_strong(pool, fresh, std::memory_order_acq_rel)) return *fresh;
  delete fresh;
  return *pool;
}

bool HelperPool::OnHelperThread() { return on_helper_thread; }

void HelperPool::GrowTo(int helpers) {
  attempted_helpers_ = helpers;
  while (static_cast<int>(threads_.size()) < helpers) {
    try {
      threads_.emplace_back([this] { HelperMain(); });
    } catch (const std::system_error&) {
      break;  // no thread available: the pool runs with those it has
    }
  }
}

void HelperPool::Open(Loop* loop) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int helpers = std::min(GetCpuThreadPoolCapacity(), kMaxParallelThreads) - 1;
  if (helpers > attempted_helpers_) GrowTo(helpers);
  if (threads_.empty() || loop->wanted <= 0) return;
  loops_.push_back(loop);
  if (loop->wanted == 1) {
    has_loops_.notify_one();
  } else {
    has_loops_.notify_all();
  }
}

void HelperPool::Close(Loop* loop) {
  std::unique_lock<std::mutex> lock(mutex_);
  loop->closed = true;
  if (loop->wanted > 0) loops_.erase(std::remove(loops_.begin(), loops_.end(), loop), loops_.end());
  loop->idle.wait(lock, [loop] { return loop->active == 0; });
}

void HelperPool::HelperMain() {
  on_helper_thread = true;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    has_loops_.wait(lock, [this] { return !loops_.empty(); });
    Loop* loop = loops_.front();
    if (--loop->wanted == 0) loops_.pop_front();
    ++loop->active;
    lock.unlock();
    (*loop->work)();
    lock.lock();
    if (--loop->active == 0 && loop->closed) loop->idle.notify_all();
  }
}

}  // namespace arrowpack::internal
