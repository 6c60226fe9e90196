#include "arrowpack/core/io_interfaces.h"

#include <algorithm>
#include <vector>

namespace arrowpack::io {

Status CheckReadArguments(int64_t position, int64_t nbytes) {
  if (position < 0) return Status::Invalid("negative read position ", position);
  if (nbytes < 0) return Status::Invalid("negative read size ", nbytes);
  return Status::OK();
}

Status InputStream::Advance(int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  std::vector<uint8_t> scratch(static_cast<size_t>(std::min<int64_t>(nbytes, 1 << 16)));
  while (nbytes > 0) {
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, Read(std::min<int64_t>(nbytes, scratch.size()), scratch.data()));
    if (got == 0) break;
    nbytes -= got;
  }
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> InputStream::ReadAll(MemoryPool* pool) {
  constexpr int64_t kChunk = 1 << 16;
  ARROWPACK_ASSIGN_OR_RAISE(auto out, AllocateResizableBuffer(0, pool));
  int64_t filled = 0;
  while (true) {
    if (out->capacity() < filled + kChunk) {
      ARROWPACK_RETURN_NOT_OK(out->Reserve(std::max(filled + kChunk, 2 * out->capacity())));
    }
    ARROWPACK_RETURN_NOT_OK(out->Resize(filled + kChunk, /*shrink_to_fit=*/false));
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, Read(kChunk, out->mutable_data() + filled));
    filled += got;
    if (got == 0) break;
  }
  ARROWPACK_RETURN_NOT_OK(out->Resize(filled, /*shrink_to_fit=*/true));
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<int64_t> RandomAccessFile::ReadAt(int64_t position, int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  std::lock_guard<std::mutex> lock(positional_read_mutex_);
  ARROWPACK_RETURN_NOT_OK(Seek(position));
  return Read(nbytes, out);
}

Result<std::shared_ptr<Buffer>> RandomAccessFile::ReadAt(int64_t position, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  std::lock_guard<std::mutex> lock(positional_read_mutex_);
  ARROWPACK_RETURN_NOT_OK(Seek(position));
  return Read(nbytes);
}

}  // namespace arrowpack::io
