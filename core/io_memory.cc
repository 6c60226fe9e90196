#include "arrowpack/core/io_memory.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <system_error>
#include <thread>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace arrowpack::io {

namespace {

// Copies at least this long into caller memory bypass the cache: a multi-megabyte destination
// does not fit in it anyway, and non-temporal stores skip reading each destination line first.
constexpr int64_t kStreamingCopyThreshold = int64_t{1} << 20;

// ...but only into a FixedSizeBufferWriter's buffer of at least this size (the size of a large
// last-level cache): a smaller destination, such as a reused to_buffer() block of a few MB, may
// still be cached, and plain stores into cached lines beat streaming to memory.
constexpr int64_t kStreamingDestinationThreshold = int64_t{32} << 20;

// memcpy with non-temporal stores for the 64-byte-aligned middle of dst.
void StreamingMemcopy(uint8_t* dst, const uint8_t* src, int64_t nbytes) {
#if defined(__SSE2__)
  const auto misalignment = static_cast<int64_t>(reinterpret_cast<uintptr_t>(dst) % 64);
  const int64_t head = std::min(nbytes, misalignment == 0 ? int64_t{0} : 64 - misalignment);
  std::memcpy(dst, src, static_cast<size_t>(head));
  int64_t done = head;
  for (; done + 64 <= nbytes; done += 64) {
    const auto* from = reinterpret_cast<const __m128i*>(src + done);
    auto* to = reinterpret_cast<__m128i*>(dst + done);
    const __m128i a = _mm_loadu_si128(from);
    const __m128i b = _mm_loadu_si128(from + 1);
    const __m128i c = _mm_loadu_si128(from + 2);
    const __m128i d = _mm_loadu_si128(from + 3);
    _mm_stream_si128(to, a);
    _mm_stream_si128(to + 1, b);
    _mm_stream_si128(to + 2, c);
    _mm_stream_si128(to + 3, d);
  }
  _mm_sfence();  // the streamed lines are visible before anything written after the copy
  std::memcpy(dst + done, src + done, static_cast<size_t>(nbytes - done));
#else
  std::memcpy(dst, src, static_cast<size_t>(nbytes));
#endif
}

void CopyBytes(uint8_t* dst, const uint8_t* src, int64_t nbytes) {
  if (nbytes >= kStreamingCopyThreshold) {
    StreamingMemcopy(dst, src, nbytes);
  } else if (nbytes > 0) {
    std::memcpy(dst, src, static_cast<size_t>(nbytes));
  }
}

Status ClosedStreamError() { return Status::Invalid("I/O operation on closed stream"); }

// The largest capacity BufferOutputStream grows to: the largest power of two an int64 holds.
constexpr int64_t kMaxCapacity = int64_t{1} << 62;

// Capacities after growth are powers of two, at least kMinimumGrownCapacity: the total copying
// stays linear in the bytes written, and a large write leaves room for the small writes that
// usually follow it (an IPC body, then the next message's metadata) without another copy.
int64_t GrownCapacity(int64_t needed) {
  return static_cast<int64_t>(std::bit_ceil(static_cast<uint64_t>(std::max(needed, kMinimumGrownCapacity))));
}

Status CheckWriteArguments(int64_t position, int64_t nbytes) {
  if (position < 0) return Status::Invalid("negative write position ", position);
  if (nbytes < 0) return Status::Invalid("negative write size ", nbytes);
  return Status::OK();
}

// How many of `nbytes` from `position` a read of `buffer` returns (fewer at the end); IOError
// past the end, Invalid for negative arguments.
Result<int64_t> ReadableLength(const Buffer& buffer, int64_t position, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(position, nbytes));
  if (position > buffer.size()) {
    return Status::IOError("Read out of bounds: position ", position, " in a buffer of size ", buffer.size());
  }
  return std::min(nbytes, buffer.size() - position);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// BufferReader

BufferReader::BufferReader(std::shared_ptr<Buffer> buffer)
    : buffer_(buffer != nullptr ? std::move(buffer) : Buffer::FromString({})) {}

Status BufferReader::CheckOpen() const { return closed_ ? ClosedStreamError() : Status::OK(); }

Status BufferReader::Close() {
  closed_ = true;
  return Status::OK();
}

bool BufferReader::closed() const { return closed_; }

Result<int64_t> BufferReader::Tell() const {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  return position_;
}

Status BufferReader::Seek(int64_t position) {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  if (position < 0) return Status::Invalid("negative seek position ", position);
  if (position > buffer_->size()) {
    return Status::IOError("Seek out of bounds: position ", position, " in a buffer of size ", buffer_->size());
  }
  position_ = position;
  return Status::OK();
}

Result<int64_t> BufferReader::GetSize() {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  return buffer_->size();
}

Result<int64_t> BufferReader::Read(int64_t nbytes, void* out) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t count, ReadAt(position_, nbytes, out));
  position_ += count;
  return count;
}

Result<std::shared_ptr<Buffer>> BufferReader::Read(int64_t nbytes) {
  ARROWPACK_ASSIGN_OR_RAISE(auto slice, ReadAt(position_, nbytes));
  position_ += slice->size();
  return slice;
}

Result<int64_t> BufferReader::ReadAt(int64_t position, int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t count, ReadableLength(*buffer_, position, nbytes));
  if (count > 0) std::memcpy(out, buffer_->data() + position, static_cast<size_t>(count));
  return count;
}

Result<std::shared_ptr<Buffer>> BufferReader::ReadAt(int64_t position, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t count, ReadableLength(*buffer_, position, nbytes));
  return SliceBuffer(buffer_, position, count);
}

Status BufferReader::Advance(int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(CheckOpen());
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  position_ += std::min(nbytes, buffer_->size() - position_);
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// BufferOutputStream

Result<std::shared_ptr<BufferOutputStream>> BufferOutputStream::Create(int64_t initial_capacity, MemoryPool* pool) {
  std::shared_ptr<BufferOutputStream> stream(new BufferOutputStream());
  ARROWPACK_RETURN_NOT_OK(stream->Reset(initial_capacity, pool));
  return stream;
}

Status BufferOutputStream::Reset(int64_t initial_capacity, MemoryPool* pool) {
  if (initial_capacity < 0) return Status::Invalid("negative buffer capacity ", initial_capacity);
  // The buffer's size() is the usable capacity while writing; Finish() trims it to position_.
  ARROWPACK_ASSIGN_OR_RAISE(buffer_, AllocateResizableBuffer(initial_capacity, pool));
  position_ = 0;
  closed_ = false;
  return Status::OK();
}

Status BufferOutputStream::Close() {
  // Keeps the bytes so that Finish() still returns them, as pyarrow's getvalue() after close().
  closed_ = true;
  return Status::OK();
}

bool BufferOutputStream::closed() const { return closed_; }

Result<int64_t> BufferOutputStream::Tell() const {
  if (closed_) return ClosedStreamError();
  return position_;
}

Status BufferOutputStream::Write(const void* data, int64_t nbytes) {
  if (closed_) return ClosedStreamError();
  ARROWPACK_RETURN_NOT_OK(CheckWriteArguments(0, nbytes));
  if (nbytes == 0) return Status::OK();
  const int64_t capacity = buffer_->size();
  if (nbytes > capacity - position_) {
    if (nbytes > kMaxCapacity - position_) {
      return Status::CapacityError("BufferOutputStream cannot hold ", position_, " + ", nbytes, " bytes");
    }
    ARROWPACK_RETURN_NOT_OK(buffer_->Resize(GrownCapacity(position_ + nbytes), /*shrink_to_fit=*/false));
  }
  std::memcpy(buffer_->mutable_data() + position_, data, static_cast<size_t>(nbytes));
  position_ += nbytes;
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> BufferOutputStream::Finish() {
  if (buffer_ == nullptr) return Status::Invalid("BufferOutputStream was already finished (stream closed)");
  ARROWPACK_RETURN_NOT_OK(buffer_->Resize(position_, /*shrink_to_fit=*/true));
  closed_ = true;
  position_ = 0;
  return std::shared_ptr<Buffer>(std::move(buffer_));
}

// ---------------------------------------------------------------------------------------------
// FixedSizeBufferWriter

FixedSizeBufferWriter::FixedSizeBufferWriter(std::shared_ptr<Buffer> buffer) : buffer_(std::move(buffer)) {}

Result<std::shared_ptr<FixedSizeBufferWriter>> FixedSizeBufferWriter::Make(std::shared_ptr<Buffer> buffer) {
  if (buffer == nullptr) return Status::Invalid("FixedSizeBufferWriter needs a buffer, got null");
  if (!buffer->is_mutable()) return Status::Invalid("FixedSizeBufferWriter cannot write into an immutable buffer");
  return std::shared_ptr<FixedSizeBufferWriter>(new FixedSizeBufferWriter(std::move(buffer)));
}

Status FixedSizeBufferWriter::Close() {
  closed_ = true;
  return Status::OK();
}

bool FixedSizeBufferWriter::closed() const { return closed_; }

Result<int64_t> FixedSizeBufferWriter::Tell() const {
  if (closed_) return ClosedStreamError();
  return position_;
}

Status FixedSizeBufferWriter::Seek(int64_t position) {
  if (closed_) return ClosedStreamError();
  if (position < 0) return Status::Invalid("negative seek position ", position);
  if (position > buffer_->size()) {
    return Status::IOError("Seek out of bounds: position ", position, " in a buffer of size ", buffer_->size());
  }
  position_ = position;
  return Status::OK();
}

Status FixedSizeBufferWriter::Write(const void* data, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(WriteAt(position_, data, nbytes));
  position_ += nbytes;
  return Status::OK();
}

Status FixedSizeBufferWriter::WriteAt(int64_t position, const void* data, int64_t nbytes) {
  if (closed_) return ClosedStreamError();
  ARROWPACK_RETURN_NOT_OK(CheckWriteArguments(position, nbytes));
  if (position > buffer_->size() || nbytes > buffer_->size() - position) {
    return Status::CapacityError("Write of ", nbytes, " bytes at position ", position,
                                 " does not fit in a fixed buffer of size ", buffer_->size());
  }
  if (nbytes == 0) return Status::OK();
  uint8_t* dst = buffer_->mutable_data() + position;
  const auto* src = static_cast<const uint8_t*>(data);
  if (memcopy_threads_ > 1 && nbytes >= memcopy_threshold_) {
    ParallelMemcopy(dst, src, nbytes, memcopy_threads_, memcopy_blocksize_);
  } else if (buffer_->size() >= kStreamingDestinationThreshold) {
    CopyBytes(dst, src, nbytes);
  } else {
    std::memcpy(dst, src, static_cast<size_t>(nbytes));
  }
  return Status::OK();
}

void FixedSizeBufferWriter::set_memcopy_threads(int num_threads) { memcopy_threads_ = std::max(1, num_threads); }

void FixedSizeBufferWriter::set_memcopy_blocksize(int64_t blocksize) {
  memcopy_blocksize_ = std::max<int64_t>(1, blocksize);
}

void FixedSizeBufferWriter::set_memcopy_threshold(int64_t threshold) {
  memcopy_threshold_ = std::max<int64_t>(0, threshold);
}

// ---------------------------------------------------------------------------------------------
// MockOutputStream

Status MockOutputStream::Close() {
  closed_ = true;
  return Status::OK();
}

bool MockOutputStream::closed() const { return closed_; }

Result<int64_t> MockOutputStream::Tell() const {
  if (closed_) return ClosedStreamError();
  return size_;
}

Status MockOutputStream::Write(const void*, int64_t nbytes) {
  if (closed_) return ClosedStreamError();
  ARROWPACK_RETURN_NOT_OK(CheckWriteArguments(0, nbytes));
  size_ += nbytes;
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// ParallelMemcopy

void ParallelMemcopy(uint8_t* dst, const uint8_t* src, int64_t nbytes, int num_threads, int64_t block_size) {
  block_size = std::max<int64_t>(1, block_size);
  if (num_threads <= 1 || nbytes <= block_size) {
    CopyBytes(dst, src, nbytes);
    return;
  }
  // Chunk boundaries fall on block_size-aligned destination addresses, so threads never share a
  // block; the first chunk also takes the unaligned head and the last one the tail.
  const auto address = reinterpret_cast<uintptr_t>(dst);
  const auto block = static_cast<uintptr_t>(block_size);
  const int64_t head = std::min<int64_t>(nbytes, static_cast<int64_t>((block - address % block) % block));
  const int64_t blocks = (nbytes - head) / block_size;
  const int64_t chunk = std::max<int64_t>(1, (blocks + num_threads - 1) / num_threads) * block_size;

  auto copy = [dst, src](int64_t begin, int64_t end) { CopyBytes(dst + begin, src + begin, end - begin); };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(num_threads - 1));
  const int64_t first_end = std::min(nbytes, head + chunk);
  for (int64_t begin = first_end; begin < nbytes; begin += chunk) {
    const int64_t end = nbytes - begin <= chunk + block_size ? nbytes : begin + chunk;
    try {
      workers.emplace_back(copy, begin, end);
    } catch (const std::system_error&) {
      copy(begin, end);  // no thread available: copy on this one
    }
    if (end == nbytes) break;
  }
  copy(0, first_end);
  for (auto& worker : workers) worker.join();
}

}  // namespace arrowpack::io
