// Streams that compress on write or decompress on read, over another stream and a Codec.
// Truncated or corrupt compressed input is an IOError naming the codec.
#pragma once

#include <memory>

#include "arrowpack/core/codec.h"
#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::io {

/// Compresses everything written and forwards it to `raw` in chunks of up to 64 KiB (buffered
/// in memory from `pool`). Close() finishes the compressed stream and closes `raw`; the destructor
/// does the same if Close was not called, ignoring errors.
class CompressedOutputStream final : public OutputStream {
 public:
  ~CompressedOutputStream() override;
  static Result<std::shared_ptr<CompressedOutputStream>> Make(std::shared_ptr<Codec> codec,
                                                              std::shared_ptr<OutputStream> raw,
                                                              MemoryPool* pool = nullptr);
  Status Close() override;
  bool closed() const override;
  /// Bytes of uncompressed input written so far.
  Result<int64_t> Tell() const override;
  using Writable::Write;
  Status Write(const void* data, int64_t nbytes) override;
  /// Flushes the compressor and `raw` (a valid prefix of the stream is then on `raw`).
  Status Flush() override;
  const std::shared_ptr<OutputStream>& raw() const;

 private:
  struct Impl;
  explicit CompressedOutputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Decompresses what it reads from `raw` (in 64 KiB requests), handling concatenated frames.
/// Reads fill the request unless the stream ends; a `raw` that ends inside a frame is an IOError
/// ("truncated"). Read(n) returns a `pool` buffer. Close() closes `raw`.
class CompressedInputStream final : public InputStream {
 public:
  ~CompressedInputStream() override;
  static Result<std::shared_ptr<CompressedInputStream>> Make(std::shared_ptr<Codec> codec,
                                                             std::shared_ptr<InputStream> raw,
                                                             MemoryPool* pool = nullptr);
  Status Close() override;
  bool closed() const override;
  /// Bytes of decompressed output returned so far.
  Result<int64_t> Tell() const override;
  Result<int64_t> Read(int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  const std::shared_ptr<InputStream>& raw() const;

 private:
  struct Impl;
  explicit CompressedInputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace arrowpack::io
