#include "arrowpack/core/io_compressed.h"

#include <algorithm>

namespace arrowpack::io {

namespace {

// Compressed bytes are gathered in a pool buffer of this size before each write to `raw`, and
// read from `raw` in requests of this size.
constexpr int64_t kChunkSize = 64 * 1024;

Status ClosedError(const char* what) { return Status::Invalid(what, " is closed"); }

Status CheckMakeArguments(const std::shared_ptr<Codec>& codec, const void* raw) {
  if (codec == nullptr) return Status::Invalid("compressed stream needs a codec");
  if (raw == nullptr) return Status::Invalid("compressed stream needs a raw stream");
  return Status::OK();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// CompressedOutputStream

struct CompressedOutputStream::Impl {
  std::shared_ptr<Codec> codec;
  std::shared_ptr<OutputStream> raw;
  std::shared_ptr<Compressor> compressor;
  std::unique_ptr<Buffer> chunk;  // compressed bytes not yet written to raw
  int64_t chunk_used = 0;
  int64_t total_in = 0;
  bool closed = false;

  uint8_t* room() { return chunk->mutable_data() + chunk_used; }
  int64_t room_size() const { return chunk->size() - chunk_used; }

  Status WriteChunk() {
    if (chunk_used > 0) ARROWPACK_RETURN_NOT_OK(raw->Write(chunk->data(), chunk_used));
    chunk_used = 0;
    return Status::OK();
  }

  // Calls Flush or End on the compressor until it has nothing more to give.
  template <typename Step>
  Status DrainCompressor(Step&& step) {
    while (true) {
      if (room_size() == 0) ARROWPACK_RETURN_NOT_OK(WriteChunk());
      ARROWPACK_ASSIGN_OR_RAISE(auto result, step(room_size(), room()));
      chunk_used += result.bytes_written;
      if (!result.should_retry) return Status::OK();
      if (result.bytes_written == 0 && room_size() > 0) {
        return Status::IOError(codec->name(), " compressor made no progress while flushing");
      }
    }
  }

  Status Finish() {
    ARROWPACK_RETURN_NOT_OK(DrainCompressor(
        [&](int64_t len, uint8_t* out) { return compressor->End(len, out); }));
    return WriteChunk();
  }
};

CompressedOutputStream::CompressedOutputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CompressedOutputStream::~CompressedOutputStream() {
  // Best effort, as for files: a stream dropped without Close still gets its trailer.
  if (!impl_->closed) (void)Close();
}

Result<std::shared_ptr<CompressedOutputStream>> CompressedOutputStream::Make(std::shared_ptr<Codec> codec,
                                                                             std::shared_ptr<OutputStream> raw,
                                                                             MemoryPool* pool) {
  ARROWPACK_RETURN_NOT_OK(CheckMakeArguments(codec, raw.get()));
  auto impl = std::make_unique<Impl>();
  ARROWPACK_ASSIGN_OR_RAISE(impl->compressor, codec->MakeCompressor());
  ARROWPACK_ASSIGN_OR_RAISE(impl->chunk, AllocateBuffer(kChunkSize, pool));
  impl->codec = std::move(codec);
  impl->raw = std::move(raw);
  return std::shared_ptr<CompressedOutputStream>(new CompressedOutputStream(std::move(impl)));
}

Status CompressedOutputStream::Close() {
  if (impl_->closed) return Status::OK();
  impl_->closed = true;
  // Close raw even when finishing failed, then report the first error.
  Status finished = impl_->Finish();
  Status raw_closed = impl_->raw->Close();
  impl_->chunk.reset();
  return finished.ok() ? raw_closed : finished;
}

bool CompressedOutputStream::closed() const { return impl_->closed; }

Result<int64_t> CompressedOutputStream::Tell() const {
  if (impl_->closed) return ClosedError("CompressedOutputStream");
  return impl_->total_in;
}

Status CompressedOutputStream::Write(const void* data, int64_t nbytes) {
  if (impl_->closed) return ClosedError("CompressedOutputStream");
  if (nbytes < 0) return Status::Invalid("negative write size ", nbytes);
  auto input = static_cast<const uint8_t*>(data);
  int64_t left = nbytes;
  while (left > 0) {
    if (impl_->room_size() == 0) ARROWPACK_RETURN_NOT_OK(impl_->WriteChunk());
    ARROWPACK_ASSIGN_OR_RAISE(auto step, impl_->compressor->Compress(left, input, impl_->room_size(), impl_->room()));
    if (step.bytes_read == 0 && step.bytes_written == 0) {
      return Status::IOError(impl_->codec->name(), " compressor made no progress");
    }
    input += step.bytes_read;
    left -= step.bytes_read;
    impl_->chunk_used += step.bytes_written;
  }
  impl_->total_in += nbytes;
  return Status::OK();
}

Status CompressedOutputStream::Flush() {
  if (impl_->closed) return ClosedError("CompressedOutputStream");
  ARROWPACK_RETURN_NOT_OK(impl_->DrainCompressor(
      [&](int64_t len, uint8_t* out) { return impl_->compressor->Flush(len, out); }));
  ARROWPACK_RETURN_NOT_OK(impl_->WriteChunk());
  return impl_->raw->Flush();
}

const std::shared_ptr<OutputStream>& CompressedOutputStream::raw() const { return impl_->raw; }

// ---------------------------------------------------------------------------------------------
// CompressedInputStream

struct CompressedInputStream::Impl {
  std::shared_ptr<Codec> codec;
  std::shared_ptr<InputStream> raw;
  std::shared_ptr<Decompressor> decompressor;
  MemoryPool* pool = nullptr;
  std::shared_ptr<Buffer> compressed;  // last chunk read from raw
  int64_t compressed_pos = 0;
  bool pending_output = false;  // the decompressor may hold output without further input
  bool raw_eof = false;
  int64_t total_out = 0;
  bool closed = false;

  int64_t compressed_left() const { return compressed ? compressed->size() - compressed_pos : 0; }

  // Fills `out` completely unless the compressed stream ends first.
  Result<int64_t> ReadInto(int64_t nbytes, uint8_t* out) {
    int64_t filled = 0;
    while (filled < nbytes) {
      if (compressed_left() == 0 && !pending_output) {
        if (raw_eof) {
          if (!decompressor->IsFinished()) {
            return Status::IOError(codec->name(), " compressed stream is truncated");
          }
          break;
        }
        ARROWPACK_ASSIGN_OR_RAISE(compressed, raw->Read(kChunkSize));
        compressed_pos = 0;
        raw_eof = compressed->size() == 0;
        continue;
      }
      const uint8_t* input = compressed ? compressed->data() + compressed_pos : nullptr;
      ARROWPACK_ASSIGN_OR_RAISE(auto step,
                                decompressor->Decompress(compressed_left(), input, nbytes - filled, out + filled));
      if (step.bytes_read == 0 && step.bytes_written == 0 && !step.need_more_output && compressed_left() > 0) {
        return Status::IOError(codec->name(), " decompression made no progress on its input");
      }
      compressed_pos += step.bytes_read;
      filled += step.bytes_written;
      pending_output = step.need_more_output;
    }
    total_out += filled;
    return filled;
  }
};

CompressedInputStream::CompressedInputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CompressedInputStream::~CompressedInputStream() = default;

Result<std::shared_ptr<CompressedInputStream>> CompressedInputStream::Make(std::shared_ptr<Codec> codec,
                                                                           std::shared_ptr<InputStream> raw,
                                                                           MemoryPool* pool) {
  ARROWPACK_RETURN_NOT_OK(CheckMakeArguments(codec, raw.get()));
  auto impl = std::make_unique<Impl>();
  ARROWPACK_ASSIGN_OR_RAISE(impl->decompressor, codec->MakeDecompressor());
  impl->codec = std::move(codec);
  impl->raw = std::move(raw);
  impl->pool = pool;
  return std::shared_ptr<CompressedInputStream>(new CompressedInputStream(std::move(impl)));
}

Status CompressedInputStream::Close() {
  if (impl_->closed) return Status::OK();
  impl_->closed = true;
  impl_->compressed.reset();
  return impl_->raw->Close();
}

bool CompressedInputStream::closed() const { return impl_->closed; }

Result<int64_t> CompressedInputStream::Tell() const {
  if (impl_->closed) return ClosedError("CompressedInputStream");
  return impl_->total_out;
}

Result<int64_t> CompressedInputStream::Read(int64_t nbytes, void* out) {
  if (impl_->closed) return ClosedError("CompressedInputStream");
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  return impl_->ReadInto(nbytes, static_cast<uint8_t*>(out));
}

Result<std::shared_ptr<Buffer>> CompressedInputStream::Read(int64_t nbytes) {
  if (impl_->closed) return ClosedError("CompressedInputStream");
  ARROWPACK_RETURN_NOT_OK(CheckReadArguments(0, nbytes));
  // Grow towards `nbytes` instead of allocating it up front: callers may ask for "everything".
  ARROWPACK_ASSIGN_OR_RAISE(auto buffer, AllocateResizableBuffer(0, impl_->pool));
  int64_t filled = 0;
  while (filled < nbytes) {
    const int64_t target = std::min(nbytes, std::max(kChunkSize, 2 * filled));
    ARROWPACK_RETURN_NOT_OK(buffer->Resize(target, /*shrink_to_fit=*/false));
    ARROWPACK_ASSIGN_OR_RAISE(int64_t got, impl_->ReadInto(target - filled, buffer->mutable_data() + filled));
    filled += got;
    if (filled < target) break;  // end of stream
  }
  ARROWPACK_RETURN_NOT_OK(buffer->Resize(filled, /*shrink_to_fit=*/true));
  return std::shared_ptr<Buffer>(std::move(buffer));
}

const std::shared_ptr<InputStream>& CompressedInputStream::raw() const { return impl_->raw; }

}  // namespace arrowpack::io
