// Streams that batch many small reads or writes into fewer calls on another stream (useful over
// Python files and sockets). Errors of the wrapped stream pass through; a closed or detached
// stream returns Invalid("... closed ...") like every stream.
#pragma once

#include <memory>

#include "arrowpack/core/io_interfaces.h"
#include "arrowpack/core/memory_pool.h"

namespace arrowpack::io {

/// Reads `raw` in requests of at least `buffer_size` bytes and serves smaller reads from that
/// buffer (allocated from `pool`); a read of a buffer's size or more goes to `raw` directly.
/// Reads fill the request unless the stream ends. Close() closes `raw`.
class BufferedInputStream final : public InputStream {
 public:
  ~BufferedInputStream() override;
  /// Invalid unless buffer_size > 0.
  static Result<std::shared_ptr<BufferedInputStream>> Make(int64_t buffer_size, MemoryPool* pool,
                                                           std::shared_ptr<InputStream> raw);
  Status Close() override;
  bool closed() const override;
  /// raw's position less the bytes buffered (fails where raw cannot tell, e.g. a socket).
  Result<int64_t> Tell() const override;
  Result<int64_t> Read(int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  /// Bytes read from `raw` but not returned yet.
  int64_t bytes_buffered() const;
  /// Hands `raw` back, positioned after what was buffered (the buffered bytes are dropped);
  /// this stream is closed afterwards. Invalid if already closed.
  Result<std::shared_ptr<InputStream>> Detach();

 private:
  struct Impl;
  explicit BufferedInputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Collects writes in a `buffer_size` buffer (from `pool`) and passes them to `raw` when it is
/// full, on Flush() and on Close(); a write of a buffer's size or more goes to `raw` directly
/// after what is buffered. Close() flushes and closes `raw`; the destructor does the same if
/// Close was not called, ignoring errors.
class BufferedOutputStream final : public OutputStream {
 public:
  ~BufferedOutputStream() override;
  /// Invalid unless buffer_size > 0.
  static Result<std::shared_ptr<BufferedOutputStream>> Make(int64_t buffer_size, MemoryPool* pool,
                                                            std::shared_ptr<OutputStream> raw);
  Status Close() override;
  bool closed() const override;
  /// raw's position plus the bytes buffered (fails where raw cannot tell, e.g. a socket).
  Result<int64_t> Tell() const override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  /// Writes what is buffered to `raw` and flushes `raw`.
  Status Flush() override;
  /// Writes what is buffered to `raw` and hands `raw` back (not closed); this stream is closed
  /// afterwards. Invalid if already closed.
  Result<std::shared_ptr<OutputStream>> Detach();

 private:
  struct Impl;
  explicit BufferedOutputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::io
