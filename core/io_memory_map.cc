#include "arrowpack/core/io_memory_map.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <utility>
#include <vector>

#include "arrowpack/core/io_posix_internal.h"

namespace arrowpack::io {

namespace {

// Stands in for the mapping of an empty file: POSIX refuses mmap of length 0.
alignas(64) const uint8_t kEmptyMapping[1] = {0};

// One mmap(2) of a whole file, unmapped when the last reference goes. Read slices hold it as
// their parent, which is what keeps them valid after Close() or Resize().
class MapRegion final : public MutableBuffer {
 public:
  static Result<std::shared_ptr<MapRegion>> Map(int fd, int64_t size, bool writable) {
    std::shared_ptr<MapRegion> region(new MapRegion());
    region->is_mutable_ = writable;
    region->size_ = region->capacity_ = size;
    region->data_ = kEmptyMapping;
    if (size > 0) {
      const int protection = writable ? PROT_READ | PROT_WRITE : PROT_READ;
      void* mapping = ::mmap(nullptr, static_cast<size_t>(size), protection, MAP_SHARED, fd, 0);
      if (mapping == MAP_FAILED) return Status::FromErrno(errno, "Failed to memory-map file");
      region->mapping_ = mapping;
      region->data_ = static_cast<const uint8_t*>(mapping);
    }
    return region;
  }

  ~MapRegion() override {
    if (mapping_ != nullptr) ::munmap(mapping_, static_cast<size_t>(size_));
  }

  Status Sync() const {
    if (mapping_ != nullptr && ::msync(mapping_, static_cast<size_t>(size_), MS_SYNC) != 0) {
      return Status::FromErrno(errno, "Failed to flush memory map");
    }
    return Status::OK();
  }

 private:
  MapRegion() = default;
  void* mapping_ = nullptr;
};

Result<std::shared_ptr<MapRegion>> MapWholeFile(int fd, bool writable) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, internal::DescriptorSize(fd));
  return MapRegion::Map(fd, size, writable);
}

Status ClosedMapError() { return Status::Invalid("I/O operation on closed memory map"); }

Status CheckRange(const char* operation, int64_t position, int64_t nbytes, int64_t size) {
  if (position > size || nbytes > size - position) {
    return Status::IOError(operation, " out of bounds (offset = ", position, ", size = ", nbytes,
                           ") in a memory map of size ", size);
  }
  return Status::OK();
}

Status Truncate(int fd, int64_t size) {
  int result;
  do {
    result = ::ftruncate(fd, static_cast<off_t>(size));
  } while (result != 0 && errno == EINTR);
  if (result != 0) return Status::FromErrno(errno, "Failed to resize file to " + std::to_string(size) + " bytes");
  return Status::OK();
}

}  // namespace

struct MemoryMappedFile::Impl {
  int fd = -1;
  FileMode mode = FileMode::READ;
  int64_t position = 0;

  // Guards `closed`, `region` and `earlier_regions`, so that positional reads and writes on other
  // threads always work on a region that stays mapped while they use it.
  mutable std::mutex mutex;
  bool closed = false;
  std::shared_ptr<MapRegion> region;
  // Regions replaced by Resize that read slices may still reference.
  std::vector<std::weak_ptr<MapRegion>> earlier_regions;

  bool writable() const { return mode != FileMode::READ; }

  Result<std::shared_ptr<MapRegion>> CurrentRegion() const {
    std::lock_guard<std::mutex> lock(mutex);
    if (closed) return ClosedMapError();
    return region;
  }

  Result<std::shared_ptr<MapRegion>> WritableRegion() const {
    ARROWPACK_ASSIGN_OR_RAISE(auto current, CurrentRegion());
    if (!writable()) return Status::IOError("Cannot write to a read-only memory map");
    return current;
  }

  // Shrinking the file under a live slice would turn reads of it into SIGBUS, so a slice of a
  // region longer than `new_size` blocks the shrink. Caller holds `mutex`.
  bool SlicesReachBeyond(int64_t new_size) {
    if (region->size() > new_size && region.use_count() > 1) return true;
    std::erase_if(earlier_regions, [](const auto& weak) { return weak.expired(); });
    return std::any_of(earlier_regions.begin(), earlier_regions.end(), [new_size](const auto& weak) {
      auto earlier = weak.lock();
      return earlier != nullptr && earlier->size() > new_size;
    });
  }

  static Result<std::shared_ptr<MemoryMappedFile>> Make(int fd, FileMode mode) {
    auto impl = std::make_unique<Impl>();
    impl->fd = fd;
    impl->mode = mode;
    auto region = MapWholeFile(fd, mode != FileMode::READ);
    if (!region.ok()) {
      ::close(fd);
      return region.status();
    }
    impl->region = std::move(region).MoveValueUnsafe();
    return std::shared_ptr<MemoryMappedFile>(new MemoryMappedFile(std::move(impl)));
  }
};

MemoryMappedFile::MemoryMappedFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MemoryMappedFile::~MemoryMappedFile() { (void)Close(); }

Result<std::shared_ptr<MemoryMappedFile>> MemoryMappedFile::Create(const std::string& path, int64_t size) {
  if (size < 0) return Status::Invalid("negative memory map size ", size);
  ARROWPACK_ASSIGN_OR_RAISE(int fd, internal::OpenDescriptor(path, O_RDWR | O_CREAT | O_TRUNC));
  if (Status status = Truncate(fd, size); !status.ok()) {
    ::close(fd);
    return status;
  }
  return Impl::Make(fd, FileMode::READWRITE);
}

Result<std::shared_ptr<MemoryMappedFile>> MemoryMappedFile::Open(const std::string& path, FileMode mode) {
  ARROWPACK_ASSIGN_OR_RAISE(int fd, internal::OpenDescriptor(path, mode == FileMode::READ ? O_RDONLY : O_RDWR));
  return Impl::Make(fd, mode);
}

Status MemoryMappedFile::Close() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->closed) return Status::OK();
  impl_->closed = true;
  // The pages stay mapped while read slices reference the region.
  impl_->region.reset();
  impl_->earlier_regions.clear();
  return internal::CloseDescriptor(std::exchange(impl_->fd, -1));
}

bool MemoryMappedFile::closed() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->closed;
}

FileMode MemoryMappedFile::mode() const { return impl_->mode; }

int MemoryMappedFile::file_descriptor() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->fd;
}

Result<int64_t> MemoryMappedFile::Tell() const {
  ARROWPACK_RETURN_NOT_OK(impl_->CurrentRegion().status());
  return impl_->position;
}

Status MemoryMappedFile::Seek(int64_t position) {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->CurrentRegion());
  if (position < 0) return Status::Invalid("negative seek position ", position);
  if (position > region->size()) {
    return Status::IOError("Seek out of bounds: position ", position, " in a memory map of size ", region->size());
  }
  impl_->position = position;
  return Status::OK();
}

Result<int64_t> MemoryMappedFile::GetSize() {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->CurrentRegion());
  return region->size();
}

Result<int64_t> MemoryMappedFile::Read(int64_t nbytes, void* out) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t count, ReadAt(impl_->position, nbytes, out));
  impl_->position += count;
  return count;
}

Result<std::shared_ptr<Buffer>> MemoryMappedFile::Read(int64_t nbytes) {
  ARROWPACK_ASSIGN_OR_RAISE(auto slice, ReadAt(impl_->position, nbytes));
  impl_->position += slice->size();
  return slice;
}

Result<int64_t> MemoryMappedFile::ReadAt(int64_t position, int64_t nbytes, void* out) {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->CurrentRegion());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  ARROWPACK_RETURN_NOT_OK(CheckRange("Read", position, 0, region->size()));
  const int64_t count = std::min(nbytes, region->size() - position);
  if (count > 0) std::memcpy(out, region->data() + position, static_cast<size_t>(count));
  return count;
}

Result<std::shared_ptr<Buffer>> MemoryMappedFile::ReadAt(int64_t position, int64_t nbytes) {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->CurrentRegion());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  ARROWPACK_RETURN_NOT_OK(CheckRange("Read", position, 0, region->size()));
  return SliceBuffer(region, position, std::min(nbytes, region->size() - position));
}

Status MemoryMappedFile::Write(const void* data, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(WriteAt(impl_->position, data, nbytes));
  impl_->position += nbytes;
  return Status::OK();
}

Status MemoryMappedFile::WriteAt(int64_t position, const void* data, int64_t nbytes) {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->WritableRegion());
  if (position < 0) return Status::Invalid("negative write position ", position);
  if (nbytes < 0) return Status::Invalid("negative write size ", nbytes);
  ARROWPACK_RETURN_NOT_OK(CheckRange("Write", position, nbytes, region->size()));
  if (nbytes > 0) std::memcpy(region->mutable_data() + position, data, static_cast<size_t>(nbytes));
  return Status::OK();
}

Status MemoryMappedFile::Flush() {
  ARROWPACK_ASSIGN_OR_RAISE(auto region, impl_->CurrentRegion());
  return impl_->writable() ? region->Sync() : Status::OK();
}

Status MemoryMappedFile::Resize(int64_t new_size) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->closed) return ClosedMapError();
  if (!impl_->writable()) return Status::IOError("Cannot resize a read-only memory map");
  if (new_size < 0) return Status::Invalid("negative memory map size ", new_size);
  if (impl_->SlicesReachBeyond(new_size)) {
    return Status::IOError("Cannot shrink a memory map to ", new_size,
                           " bytes while buffers read from it reference bytes past that size");
  }
  // Map first (mapping past the current end is legal), so a failure leaves everything unchanged.
  ARROWPACK_ASSIGN_OR_RAISE(auto region, MapRegion::Map(impl_->fd, new_size, /*writable=*/true));
  ARROWPACK_RETURN_NOT_OK(Truncate(impl_->fd, new_size));
  if (impl_->region.use_count() > 1) impl_->earlier_regions.push_back(impl_->region);
  impl_->region = std::move(region);
  impl_->position = std::min(impl_->position, new_size);
  return Status::OK();
}

}  // namespace arrowpack::io
