// GetCpuThreadPoolCapacity / SetCpuThreadPoolCapacity (core/thread_count.h): one process-wide
// atomic, first read from OMP_NUM_THREADS or the hardware.
#include "arrowpack/core/thread_count.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>

namespace arrowpack {

namespace {

int DefaultCapacity() {
  if (const char* text = std::getenv("OMP_NUM_THREADS"); text != nullptr) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    // "4" or the first entry of a nested list such as "4,2".
    if (end != text && (*end == '\0' || *end == ',') && value > 0 && value <= (1 << 16)) {
      return static_cast<int>(value);
    }
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::atomic<int>& Capacity() {
  static std::atomic<int> capacity{DefaultCapacity()};
  return capacity;
}

}  // namespace

int GetCpuThreadPoolCapacity() { return Capacity().load(std::memory_order_relaxed); }

Status SetCpuThreadPoolCapacity(int threads) {
  if (threads < 1) return Status::Invalid("the thread count must be at least 1, got ", threads);
  Capacity().store(threads, std::memory_order_relaxed);
  return Status::OK();
}

}  // namespace arrowpack
