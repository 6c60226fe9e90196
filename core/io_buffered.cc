// BufferedInputStream and BufferedOutputStream (core/io_buffered.h).
#include "arrowpack/core/io_buffered.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace arrowpack::io {

namespace {

Status ClosedError(const char* what) { return Status::Invalid(what, " is closed"); }

Result<std::unique_ptr<Buffer>> MakeScratch(int64_t buffer_size, MemoryPool* pool) {
  if (buffer_size <= 0) return Status::Invalid("buffer size must be positive, got ", buffer_size);
  return AllocateBuffer(buffer_size, pool);
}

// Reads from `raw` until `nbytes` have arrived or the stream ends; returns the count.
Result<int64_t> ReadFully(InputStream& raw, int64_t nbytes, uint8_t* out) {
  int64_t filled = 0;
  while (filled < nbytes) {
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, raw.Read(nbytes - filled, out + filled));
    if (got == 0) break;
    filled += got;
  }
  return filled;
}

}  // namespace

struct BufferedInputStream::Impl {
  std::shared_ptr<InputStream> raw;
  MemoryPool* pool;
  std::unique_ptr<Buffer> scratch;
  int64_t start = 0;  // the next unread byte of scratch
  int64_t end = 0;    // one past the last buffered byte of scratch
  bool at_end = false;  // raw has reported its end

  int64_t buffered() const { return end - start; }

  Result<int64_t> Read(int64_t nbytes, uint8_t* out) {
    if (raw == nullptr) return ClosedError("BufferedInputStream");
    if (nbytes < 0) return Status::Invalid("negative read length ", nbytes);
    int64_t done = std::min(nbytes, buffered());
    if (done > 0) std::memcpy(out, scratch->data() + start, static_cast<size_t>(done));
    start += done;
    const int64_t capacity = scratch->size();
    while (done < nbytes && !at_end) {
      const int64_t wanted = nbytes - done;
      if (wanted >= capacity) {  // large: straight into the caller's memory
        ARROWPACK_ASSIGN_OR_RAISE(int64_t got, ReadFully(*raw, wanted, out + done));
        at_end = got < wanted;
        done += got;
        break;
      }
      ARROWPACK_ASSIGN_OR_RAISE(int64_t got, raw->Read(capacity, scratch->mutable_data()));
      at_end = got == 0;
      start = 0;
      end = got;
      const int64_t part = std::min(wanted, got);
      if (part > 0) std::memcpy(out + done, scratch->data(), static_cast<size_t>(part));
      start = part;
      done += part;
    }
    return done;
  }
};

BufferedInputStream::BufferedInputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BufferedInputStream::~BufferedInputStream() = default;

Result<std::shared_ptr<BufferedInputStream>> BufferedInputStream::Make(int64_t buffer_size, MemoryPool* pool,
                                                                       std::shared_ptr<InputStream> raw) {
  if (raw == nullptr) return Status::Invalid("BufferedInputStream needs a stream to read");
  ARROWPACK_ASSIGN_OR_RAISE(auto scratch, MakeScratch(buffer_size, pool));
  auto impl = std::make_unique<Impl>();
  impl->raw = std::move(raw);
  impl->pool = pool;
  impl->scratch = std::move(scratch);
  return std::shared_ptr<BufferedInputStream>(new BufferedInputStream(std::move(impl)));
}

Status BufferedInputStream::Close() {
  if (impl_->raw == nullptr) return Status::OK();
  std::shared_ptr<InputStream> raw = std::move(impl_->raw);
  impl_->start = impl_->end = 0;
  return raw->Close();
}

bool BufferedInputStream::closed() const { return impl_->raw == nullptr || impl_->raw->closed(); }

Result<int64_t> BufferedInputStream::Tell() const {
  if (closed()) return ClosedError("BufferedInputStream");
  ARROWPACK_ASSIGN_OR_RAISE(int64_t raw_position, impl_->raw->Tell());
  return raw_position - impl_->buffered();
}

Result<int64_t> BufferedInputStream::Read(int64_t nbytes, void* out) {
  return impl_->Read(nbytes, static_cast<uint8_t*>(out));
}

Result<std::shared_ptr<Buffer>> BufferedInputStream::Read(int64_t nbytes) {
  if (closed()) return ClosedError("BufferedInputStream");
  if (nbytes < 0) return Status::Invalid("negative read length ", nbytes);
  ARROWPACK_ASSIGN_OR_RAISE(std::shared_ptr<Buffer> out, AllocateSharedBuffer(nbytes, impl_->pool));
  ARROWPACK_ASSIGN_OR_RAISE(int64_t got, impl_->Read(nbytes, out->mutable_data()));
  return got == nbytes ? out : SliceBuffer(out, 0, got);
}

int64_t BufferedInputStream::bytes_buffered() const { return impl_->buffered(); }

Result<std::shared_ptr<InputStream>> BufferedInputStream::Detach() {
  if (impl_->raw == nullptr) return ClosedError("BufferedInputStream");
  impl_->start = impl_->end = 0;
  return std::move(impl_->raw);
}

struct BufferedOutputStream::Impl {
  std::shared_ptr<OutputStream> raw;
  std::unique_ptr<Buffer> scratch;
  int64_t used = 0;

  Status Drain() {
    if (used == 0) return Status::OK();
    const int64_t pending = std::exchange(used, 0);
    return raw->Write(scratch->data(), pending);
  }
};

BufferedOutputStream::BufferedOutputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

BufferedOutputStream::~BufferedOutputStream() {
  if (impl_->raw != nullptr) static_cast<void>(Close());
}

Result<std::shared_ptr<BufferedOutputStream>> BufferedOutputStream::Make(int64_t buffer_size, MemoryPool* pool,
                                                                         std::shared_ptr<OutputStream> raw) {
  if (raw == nullptr) return Status::Invalid("BufferedOutputStream needs a stream to write");
  ARROWPACK_ASSIGN_OR_RAISE(auto scratch, MakeScratch(buffer_size, pool));
  auto impl = std::make_unique<Impl>();
  impl->raw = std::move(raw);
  impl->scratch = std::move(scratch);
  return std::shared_ptr<BufferedOutputStream>(new BufferedOutputStream(std::move(impl)));
}

Status BufferedOutputStream::Close() {
  if (impl_->raw == nullptr) return Status::OK();
  const Status drained = impl_->Drain();
  std::shared_ptr<OutputStream> raw = std::move(impl_->raw);
  const Status closed = raw->Close();
  return drained.ok() ? closed : drained;
}

bool BufferedOutputStream::closed() const { return impl_->raw == nullptr || impl_->raw->closed(); }

Result<int64_t> BufferedOutputStream::Tell() const {
  if (closed()) return ClosedError("BufferedOutputStream");
  ARROWPACK_ASSIGN_OR_RAISE(int64_t raw_position, impl_->raw->Tell());
  return raw_position + impl_->used;
}

Status BufferedOutputStream::Write(const void* data, int64_t nbytes) {
  if (closed()) return ClosedError("BufferedOutputStream");
  if (nbytes < 0) return Status::Invalid("negative write length ", nbytes);
  const int64_t capacity = impl_->scratch->size();
  if (impl_->used + nbytes > capacity) ARROWPACK_RETURN_NOT_OK(impl_->Drain());
  if (nbytes >= capacity) {
    ARROWPACK_RETURN_NOT_OK(impl_->raw->Write(data, nbytes));
  } else {
    std::memcpy(impl_->scratch->mutable_data() + impl_->used, data, static_cast<size_t>(nbytes));
    impl_->used += nbytes;
  }
  return Status::OK();
}

Status BufferedOutputStream::Flush() {
  if (closed()) return ClosedError("BufferedOutputStream");
  ARROWPACK_RETURN_NOT_OK(impl_->Drain());
  return impl_->raw->Flush();
}

Result<std::shared_ptr<OutputStream>> BufferedOutputStream::Detach() {
  if (closed()) return ClosedError("BufferedOutputStream");
  ARROWPACK_RETURN_NOT_OK(impl_->Drain());
  return std::move(impl_->raw);
}

}  // namespace arrowpack::io
