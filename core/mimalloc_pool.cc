// mimalloc backend. The library is opened with dlopen(RTLD_LOCAL) and used through its mi_*
// functions only, so it never interposes malloc for the host process (Python, C++ programs).
#include <dlfcn.h>

#include <cstring>

#include "arrowpack/core/memory_pool.h"

namespace arrowpack {

namespace {

struct MimallocApi {
  void* (*malloc_aligned)(size_t, size_t) = nullptr;
  void* (*realloc_aligned)(void*, size_t, size_t) = nullptr;
  void (*free)(void*) = nullptr;
  void (*collect)(bool) = nullptr;
  std::string load_error;

  MimallocApi() {
    void* handle = dlopen("libmimalloc.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      load_error = why ? why : "dlopen failed";
      return;
    }
    malloc_aligned = reinterpret_cast<decltype(malloc_aligned)>(dlsym(handle, "mi_malloc_aligned"));
    realloc_aligned = reinterpret_cast<decltype(realloc_aligned)>(dlsym(handle, "mi_realloc_aligned"));
    free = reinterpret_cast<decltype(free)>(dlsym(handle, "mi_free"));
    collect = reinterpret_cast<decltype(collect)>(dlsym(handle, "mi_collect"));
    if (!malloc_aligned || !realloc_aligned || !free || !collect) {
      load_error = "libmimalloc.so.2 lacks the mi_* aligned allocation API";
      malloc_aligned = nullptr;
    }
  }
  bool available() const { return malloc_aligned != nullptr; }
};

const MimallocApi& Api() {
  static const MimallocApi api;
  return api;
}

class MimallocMemoryPool final : public MemoryPool {
 public:
  // Created only once the library is loaded; the functions are copied here so that each
  // allocation and free calls mimalloc directly (no check of Api()'s initialisation).
  explicit MimallocMemoryPool(const MimallocApi& api)
      : malloc_aligned_(api.malloc_aligned),
        realloc_aligned_(api.realloc_aligned),
        free_(api.free),
        collect_(api.collect) {}
  std::string backend_name() const override { return "mimalloc"; }
  void ReleaseUnused() override { collect_(true); }

 protected:
  Status DoAllocate(int64_t size, int64_t alignment, uint8_t** out) override {
    void* memory = malloc_aligned_(static_cast<size_t>(size), static_cast<size_t>(alignment));
    if (memory == nullptr) return Status::OutOfMemory("mimalloc allocation of size ", size, " failed");
    *out = static_cast<uint8_t*>(memory);
    return Status::OK();
  }
  Status DoReallocate(int64_t, int64_t new_size, int64_t alignment, uint8_t** ptr) override {
    void* memory = realloc_aligned_(*ptr, static_cast<size_t>(new_size), static_cast<size_t>(alignment));
    if (memory == nullptr) return Status::OutOfMemory("mimalloc reallocation to size ", new_size, " failed");
    *ptr = static_cast<uint8_t*>(memory);
    return Status::OK();
  }
  void DoFree(uint8_t* buffer, int64_t, int64_t) override { free_(buffer); }

 private:
  decltype(MimallocApi::malloc_aligned) malloc_aligned_;
  decltype(MimallocApi::realloc_aligned) realloc_aligned_;
  decltype(MimallocApi::free) free_;
  decltype(MimallocApi::collect) collect_;
};

}  // namespace

Result<MemoryPool*> mimalloc_memory_pool() {
  if (!Api().available()) return Status::NotImplemented("mimalloc is not available: ", Api().load_error);
  static auto* pool = new MimallocMemoryPool(Api());
  return static_cast<MemoryPool*>(pool);
}

}  // namespace arrowpack
