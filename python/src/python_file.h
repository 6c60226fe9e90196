// PythonFile: an arrowpack stream over a Python file object (anything with read/write/seek/tell/
// close, e.g. io.BytesIO or open(...)). Every call takes the GIL, so C++ code on any thread may
// use it. A Python exception raised by the file object becomes an IOError Status; when that
// Status reaches Python on the same thread, the original exception is raised again (errors.h).
#pragma once

#include <pybind11/pybind11.h>

#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::python {

class PythonFile final : public io::ReadWriteFileInterface {
 public:
  /// `mode` (READ or WRITE) is the half callers may use; the handle is not checked here.
  PythonFile(pybind11::object handle, io::FileMode mode);
  /// Drops the handle under the GIL (the file object is not closed).
  ~PythonFile() override;

  /// Closes the file object.
  Status Close() override;
  /// The file object's `closed` attribute (our own flag if it has none).
  bool closed() const override;
  io::FileMode mode() const override { return mode_; }
  Result<int64_t> Tell() const override;
  Status Seek(int64_t position) override;
  Result<int64_t> GetSize() override;

  Result<int64_t> Read(int64_t nbytes, void* out) override;
  /// Zero-copy: the Buffer holds the bytes object returned by read().
  Result<std::shared_ptr<Buffer>> Read(int64_t nbytes) override;
  /// Seek, read, and seek back (serialised by the GIL, so no extra lock).
  Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out) override;
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t position, int64_t nbytes) override;

  using Writable::Write;
  /// Passes a bytes copy to write(): the file object may keep what it is given.
  Status Write(const void* data, int64_t nbytes) override;
  Status WriteAt(int64_t position, const void* data, int64_t nbytes) override;
  Status Flush() override;

 private:
  pybind11::object handle_;
  io::FileMode mode_;
  bool closed_ = false;
};

}  // namespace arrowpack::python
