// arrowpack.NativeFile: the Python face of any C++ stream or file (io_bindings.cc adds the
// concrete classes). One NativeFile sees its stream through every interface the stream implements;
// `readable`/`writable` say which directions Python may use (a read-only memory map implements
// writing but refuses it). Not thread-safe, like the streams it wraps.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/io_interfaces.h"

namespace arrowpack::python {

class NativeFile {
 public:
  virtual ~NativeFile() = default;

  /// Adopts `stream`; its mode() decides the directions (READ, WRITE or READWRITE).
  void Attach(std::shared_ptr<io::FileInterface> stream);

  /// The OS descriptor, or -1 when there is none.
  virtual int descriptor() const { return -1; }

  /// Raise ValueError("I/O operation on closed file") or io.UnsupportedOperation as Python's
  /// files do. GIL required.
  void CheckOpen() const;
  void CheckReadable() const;
  void CheckWritable() const;
  void CheckSeekable() const;
  void CheckRandomAccess() const;

  bool closed() const { return file == nullptr || file->closed(); }

  std::shared_ptr<io::FileInterface> file;
  std::shared_ptr<io::InputStream> input;           // set when readable
  std::shared_ptr<io::OutputStream> output;         // set when writable
  std::shared_ptr<io::RandomAccessFile> random_access;  // set when the stream implements it
  std::shared_ptr<io::Seekable> seekable;
  bool readable = false;
  bool writable = false;
  /// False for streams that call into Python themselves (PythonFile): no point dropping the GIL.
  bool release_gil = true;
};

/// The C++ stream behind a NativeFile argument, for bindings that consume streams (compressed
/// streams, IPC readers and writers). TypeError if `obj` is not a NativeFile, ValueError if it is
/// closed, io.UnsupportedOperation if it lacks the direction. GIL required.
std::shared_ptr<NativeFile> NativeFileFromPython(pybind11::handle obj);
std::shared_ptr<io::InputStream> InputStreamFromPython(pybind11::handle obj);
std::shared_ptr<io::RandomAccessFile> RandomAccessFileFromPython(pybind11::handle obj);
std::shared_ptr<io::OutputStream> OutputStreamFromPython(pybind11::handle obj);

}  // namespace arrowpack::python
