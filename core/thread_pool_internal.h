// Internal to arrowpack: the process-wide pool of helper threads behind ParallelFor. Started lazily
// on first use with one thread fewer than min(GetCpuThreadPoolCapacity(), kMaxParallelThreads) (the
// caller of a parallel loop works too), grown when that capacity is raised (never shrunk: a lower
// capacity makes ParallelFor ask for fewer), and kept for the life of the process, so the threads'
// stacks and allocator heaps are reused call after call. A forked child gets a fresh pool on its
// first use (the parent's threads do not exist in it); the pool is never destroyed, so static
// destruction at exit never waits on or tears down a thread. Reports no errors: when the system
// refuses to start a thread the pool runs with fewer (possibly none), and callers do the work
// themselves.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace arrowpack::internal {

class HelperPool {
 public:
  /// One loop that helper threads may join: `work` is called by each helper that picks it up, at
  /// most `wanted` of them, until the loop is closed.
  struct Loop {
    const std::function<void()>* work = nullptr;
    int wanted = 0;                // helpers that may still join
    int active = 0;                // helpers inside work() now
    bool closed = false;           // no helper joins any more
    std::condition_variable idle;  // signalled when active drops to 0 after closing
  };

  /// The pool of this process, created (without threads) on first call and again in a forked
  /// child.
  static HelperPool& Instance();

  /// True on the pool's own threads: a parallel loop started there runs on the caller alone.
  static bool OnHelperThread();

  /// Offers `loop` to up to loop->wanted helpers; returns at once.
  void Open(Loop* loop);

  /// No helper joins `loop` after this; waits until the helpers inside loop->work have returned.
  void Close(Loop* loop);

 private:
  HelperPool() = default;
  /// Starts threads until there are `helpers` (called with the mutex held).
  void GrowTo(int helpers);
  void HelperMain();

  std::mutex mutex_;
  std::condition_variable has_loops_;
  std::deque<Loop*> loops_;
  std::vector<std::thread> threads_;
  int attempted_helpers_ = 0;  // the most helpers GrowTo has tried to have
};

}  // namespace arrowpack::internal
