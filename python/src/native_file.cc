#include "native_file.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>

#include "bindings.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

constexpr int64_t kChunkSize = 256 * 1024;  // read1(None), unknown-size reads and readline steps

[[noreturn]] void RaiseUnsupported(const char* message) {
  PyErr_SetString(py::module_::import("io").attr("UnsupportedOperation").ptr(), message);
  throw py::error_already_set();
}

int64_t Tell(NativeFile& f) {
  return ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.file->Tell(); }));
}

int64_t Size(NativeFile& f) {
  f.CheckRandomAccess();
  return ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.random_access->GetSize(); }));
}

void Seek(NativeFile& f, int64_t position) {
  ThrowIfError(CallWithoutGil(f.release_gil, [&] { return f.seekable->Seek(position); }));
}

// Bytes left before the end of a random-access file; nullopt for plain streams and for files
// whose size or position cannot be known (pipes, FIFOs), which are then read as streams.
std::optional<int64_t> Remaining(NativeFile& f) {
  if (f.random_access == nullptr) return std::nullopt;
  Result<int64_t> size = CallWithoutGil(f.release_gil, [&] { return f.random_access->GetSize(); });
  Result<int64_t> position = CallWithoutGil(f.release_gil, [&] { return f.file->Tell(); });
  if (!size.ok() || !position.ok()) return std::nullopt;
  return std::max<int64_t>(0, *size - *position);
}

// A bytes object filled in place (without the GIL) and trimmed at the end.
class BytesBuilder {
 public:
  explicit BytesBuilder(int64_t capacity) { Grow(capacity); }
  char* tail() { return PyBytes_AS_STRING(bytes_.ptr()) + filled_; }
  int64_t capacity() const { return capacity_; }
  int64_t filled() const { return filled_; }
  void Advance(int64_t n) { filled_ += n; }
  void Grow(int64_t capacity) {
    // Empty bytes objects are a shared singleton: replace them rather than resizing.
    PyObject* raw = nullptr;
    if (!bytes_ || capacity_ == 0) {
      raw = PyBytes_FromStringAndSize(nullptr, capacity);
    } else {
      raw = bytes_.release().ptr();
      if (_PyBytes_Resize(&raw, capacity) != 0) raw = nullptr;
    }
    if (raw == nullptr) throw py::error_already_set();
    bytes_ = py::reinterpret_steal<py::object>(raw);
    capacity_ = capacity;
  }
  py::bytes Finish() {
    if (filled_ != capacity_) Grow(filled_);
    return py::reinterpret_steal<py::bytes>(bytes_.release());
  }

 private:
  py::object bytes_;
  int64_t capacity_ = 0;
  int64_t filled_ = 0;
};

// Reads up to `limit` bytes (to the end when negative). Loops over short reads unless
// `single_call`, like io.BufferedReader.read vs read1.
py::bytes ReadBytes(NativeFile& f, int64_t limit, bool single_call) {
  f.CheckReadable();
  const std::optional<int64_t> remaining = Remaining(f);
  int64_t target = limit;
  if (remaining) target = limit < 0 ? *remaining : std::min(limit, *remaining);
  // Without a known size, start small and grow so read(huge) does not allocate huge.
  BytesBuilder out(target >= 0 && (remaining || target <= kChunkSize) ? target : kChunkSize);
  while (true) {
    if (out.filled() == out.capacity()) {
      if (remaining || out.filled() == limit) break;
      out.Grow(limit < 0 ? 2 * out.capacity() : std::min(limit, 2 * out.capacity()));
    }
    const int64_t want = out.capacity() - out.filled();
    char* dst = out.tail();
    const int64_t got = ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.input->Read(want, dst); }));
    out.Advance(got);
    if (got == 0 || single_call) break;
  }
  return out.Finish();
}

int64_t OptionalSize(const std::optional<int64_t>& nbytes) { return nbytes.value_or(-1); }

std::shared_ptr<Buffer> ReadBuffer(NativeFile& f, std::optional<int64_t> nbytes) {
  f.CheckReadable();
  const std::optional<int64_t> remaining = Remaining(f);
  const int64_t limit = OptionalSize(nbytes);
  if (remaining || limit >= 0) {
    const int64_t count = remaining ? (limit < 0 ? *remaining : std::min(limit, *remaining)) : limit;
    return ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.input->Read(count); }));
  }
  return ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.input->ReadAll(); }));
}

py::bytes ReadAt(NativeFile& f, int64_t nbytes, int64_t offset) {
  f.CheckReadable();
  f.CheckRandomAccess();
  ThrowIfError(io::CheckReadArguments(offset, nbytes));
  // Clamp to the file so a large nbytes does not allocate more than can be read; reads at
  // offsets past the end are left to the stream to reject.
  const int64_t count = std::min(nbytes, std::max<int64_t>(0, Size(f) - offset));
  BytesBuilder out(count);
  char* dst = out.tail();
  out.Advance(
      ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.random_access->ReadAt(offset, count, dst); })));
  return out.Finish();
}

int64_t ReadInto(NativeFile& f, py::handle target) {
  f.CheckReadable();
  BytesView view(target, /*writable=*/true);
  int64_t filled = 0;
  while (filled < view.size()) {
    const int64_t got = ValueOrThrow(CallWithoutGil(
        f.release_gil, [&] { return f.input->Read(view.size() - filled, view.data() + filled); }));
    if (got == 0) break;
    filled += got;
  }
  return filled;
}

// Reads through the next b"\n" (or `limit` bytes). Seekable files read ahead in growing steps
// (short lines stay cheap) and seek back; other streams go byte by byte so nothing past the line
// is consumed.
py::bytes ReadLine(NativeFile& f, std::optional<int64_t> size) {
  f.CheckReadable();
  const int64_t limit = OptionalSize(size);
  std::string line;
  const bool read_ahead = f.random_access != nullptr;
  const int64_t start = read_ahead ? Tell(f) : 0;
  int64_t step = read_ahead ? 256 : 1;
  while (limit < 0 || static_cast<int64_t>(line.size()) < limit) {
    int64_t want = step;
    if (read_ahead) step = std::min(2 * step, kChunkSize);
    if (limit >= 0) want = std::min<int64_t>(want, limit - static_cast<int64_t>(line.size()));
    auto chunk = ValueOrThrow(CallWithoutGil(f.release_gil, [&] { return f.input->Read(want); }));
    if (chunk->size() == 0) break;
    const std::string_view text = chunk->view();
    const size_t newline = text.find('\n');
    if (newline != std::string_view::npos) {
      line.append(text.substr(0, newline + 1));
      break;
    }
    line.append(text);
  }
  if (read_ahead) Seek(f, start + static_cast<int64_t>(line.size()));
  return py::bytes(line);
}

py::list ReadLines(NativeFile& f, std::optional<int64_t> hint) {
  py::list lines;
  int64_t total = 0;
  while (true) {
    py::bytes line = ReadLine(f, std::nullopt);
    const auto length = static_cast<int64_t>(PyBytes_GET_SIZE(line.ptr()));
    if (length == 0) break;
    lines.append(line);
    total += length;
    if (hint && *hint > 0 && total >= *hint) break;
  }
  return lines;
}

int64_t SeekFrom(NativeFile& f, int64_t offset, int whence) {
  f.CheckSeekable();
  int64_t position = 0;
  switch (whence) {
    case 0: position = offset; break;
    case 1: position = Tell(f) + offset; break;
    case 2: position = Size(f) + offset; break;
    default: throw py::value_error("Invalid value of whence: " + std::to_string(whence));
  }
  Seek(f, position);
  return Tell(f);
}

int64_t Write(NativeFile& f, py::handle data) {
  f.CheckWritable();
  if (py::isinstance<Buffer>(data)) {
    // Buffers go in whole so sinks may keep a reference instead of copying.
    auto buffer = data.cast<std::shared_ptr<Buffer>>();
    ThrowIfError(CallWithoutGil(f.release_gil, [&] { return f.output->Write(buffer); }));
    return buffer->size();
  }
  BytesView view(data);
  ThrowIfError(CallWithoutGil(f.release_gil, [&] { return f.output->Write(view.data(), view.size()); }));
  return view.size();
}

bool IsPath(py::handle obj) { return py::isinstance<py::str>(obj) || py::hasattr(obj, "__fspath__"); }

int64_t ChunkSize(std::optional<int64_t> buffer_size) {
  return buffer_size && *buffer_size > 0 ? *buffer_size : kChunkSize;
}

// Copies the whole file (from the start when seekable) to a path or a writable Python stream.
void Download(NativeFile& f, py::object target, std::optional<int64_t> buffer_size) {
  f.CheckReadable();
  const bool owns_sink = IsPath(target);
  py::object sink = owns_sink ? py::module_::import("builtins").attr("open")(target, "wb") : target;
  try {
    if (f.seekable) Seek(f, 0);
    while (true) {
      py::bytes chunk = ReadBytes(f, ChunkSize(buffer_size), false);
      if (PyBytes_GET_SIZE(chunk.ptr()) == 0) break;
      sink.attr("write")(chunk);
    }
  } catch (...) {
    if (owns_sink) sink.attr("close")();
    throw;
  }
  if (owns_sink) sink.attr("close")();
}

// Writes everything read from a Python stream (read(n) until empty) into the file.
void Upload(NativeFile& f, py::object source, std::optional<int64_t> buffer_size) {
  f.CheckWritable();
  while (true) {
    py::object chunk = source.attr("read")(ChunkSize(buffer_size));
    if (py::len(chunk) == 0) break;
    Write(f, chunk);
  }
}

std::string Repr(py::handle self, const NativeFile& f) {
  auto flag = [](bool value) { return value ? "True" : "False"; };
  std::ostringstream out;
  out << "<arrowpack." << py::str(py::type::of(self).attr("__name__")).cast<std::string>()
      << " closed=" << flag(f.closed()) << " own_file=False is_seekable=" << flag(f.seekable != nullptr)
      << " is_writable=" << flag(f.writable) << " is_readable=" << flag(f.readable) << ">";
  return out.str();
}

}  // namespace

void NativeFile::Attach(std::shared_ptr<io::FileInterface> stream) {
  const io::FileMode mode = stream->mode();
  if (mode != io::FileMode::WRITE) input = std::dynamic_pointer_cast<io::InputStream>(stream);
  if (mode != io::FileMode::READ) output = std::dynamic_pointer_cast<io::OutputStream>(stream);
  readable = input != nullptr;
  writable = output != nullptr;
  random_access = std::dynamic_pointer_cast<io::RandomAccessFile>(stream);
  // A read-write file has two Seekable bases, so a direct cast would be ambiguous (null).
  if (random_access) {
    seekable = random_access;
  } else {
    seekable = std::dynamic_pointer_cast<io::WritableFile>(stream);
  }
  file = std::move(stream);
}

void NativeFile::CheckOpen() const {
  if (closed()) throw py::value_error("I/O operation on closed file");
}

void NativeFile::CheckReadable() const {
  CheckOpen();
  if (!readable) RaiseUnsupported("only valid on readable files");
}

void NativeFile::CheckWritable() const {
  CheckOpen();
  if (!writable) RaiseUnsupported("only valid on writable files");
}

void NativeFile::CheckSeekable() const {
  CheckOpen();
  if (seekable == nullptr) RaiseUnsupported("only valid on seekable files");
}

void NativeFile::CheckRandomAccess() const {
  CheckOpen();
  if (random_access == nullptr) RaiseUnsupported("only valid on random-access files");
}

std::shared_ptr<NativeFile> NativeFileFromPython(py::handle obj) {
  if (!py::isinstance<NativeFile>(obj)) {
    throw py::type_error("expected an arrowpack.NativeFile, got " +
                         py::str(py::type::of(obj).attr("__name__")).cast<std::string>());
  }
  auto file = obj.cast<std::shared_ptr<NativeFile>>();
  file->CheckOpen();
  return file;
}

std::shared_ptr<io::InputStream> InputStreamFromPython(py::handle obj) {
  auto file = NativeFileFromPython(obj);
  file->CheckReadable();
  return file->input;
}

std::shared_ptr<io::RandomAccessFile> RandomAccessFileFromPython(py::handle obj) {
  auto file = NativeFileFromPython(obj);
  file->CheckReadable();
  file->CheckRandomAccess();
  return file->random_access;
}

std::shared_ptr<io::OutputStream> OutputStreamFromPython(py::handle obj) {
  auto file = NativeFileFromPython(obj);
  file->CheckWritable();
  return file->output;
}

void RegisterNativeFile(py::module_& m) {
  py::class_<NativeFile, std::shared_ptr<NativeFile>>(
      m, "NativeFile",
      "Base class of arrowpack's files and streams, with the methods of Python's binary files. "
      "Reads and writes run in C++ without the GIL.")
      .def(
          "read", [](NativeFile& f, std::optional<int64_t> n) { return ReadBytes(f, OptionalSize(n), false); },
          py::arg("nbytes") = py::none(), "Read up to nbytes (everything left if None or negative) as bytes.")
      .def(
          "read1", [](NativeFile& f, std::optional<int64_t> n) { return ReadBytes(f, n.value_or(kChunkSize), true); },
          py::arg("nbytes") = py::none(), "Read up to nbytes with at most one call to the stream.")
      .def(
          "readall", [](NativeFile& f) { return ReadBytes(f, -1, false); }, "Read everything left as bytes.")
      .def("read_buffer", &ReadBuffer, py::arg("nbytes") = py::none(),
           "Read up to nbytes as a Buffer; zero-copy for memory maps and buffer readers.")
      .def("read_at", &ReadAt, py::arg("nbytes"), py::arg("offset"),
           "Read nbytes at offset without moving the position (random-access files).")
      .def("readinto", &ReadInto, py::arg("b"), "Fill the writable buffer b; returns the number of bytes read.")
      .def("readline", &ReadLine, py::arg("size") = py::none(), "Read through the next b'\\n' (at most size bytes).")
      .def("readlines", &ReadLines, py::arg("hint") = py::none(),
           "Read lines until the end, or until hint bytes have been read.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__",
           [](NativeFile& f) {
             py::bytes line = ReadLine(f, std::nullopt);
             if (PyBytes_GET_SIZE(line.ptr()) == 0) throw py::stop_iteration();
             return line;
           })
      .def("seek", &SeekFrom, py::arg("position"), py::arg("whence") = 0,
           "Move to position relative to whence (0 start, 1 current, 2 end); returns the new position.")
      .def(
          "tell",
          [](NativeFile& f) {
            f.CheckOpen();
            return Tell(f);
          },
          "Current position.")
      .def("size", &Size, "Size of the file in bytes (random-access files).")
      .def("write", &Write, py::arg("data"), "Write a bytes-like object; returns the number of bytes written.")
      .def(
          "writelines",
          [](NativeFile& f, py::iterable lines) {
            for (py::handle line : lines) Write(f, line);
          },
          py::arg("lines"))
      .def("flush",
           [](NativeFile& f) {
             f.CheckOpen();
             if (f.writable) ThrowIfError(CallWithoutGil(f.release_gil, [&] { return f.output->Flush(); }));
           })
      .def("close",
           [](NativeFile& f) {
             if (f.file) ThrowIfError(CallWithoutGil(f.release_gil, [&] { return f.file->Close(); }));
           })
      .def_property_readonly("closed", &NativeFile::closed)
      .def_property_readonly("mode",
                             [](const NativeFile& f) {
                               if (f.readable && f.writable) return "rb+";
                               return f.readable ? "rb" : "wb";
                             })
      .def("readable",
           [](const NativeFile& f) {
             f.CheckOpen();
             return f.readable;
           })
      .def("writable",
           [](const NativeFile& f) {
             f.CheckOpen();
             return f.writable;
           })
      .def("seekable",
           [](const NativeFile& f) {
             f.CheckOpen();
             return f.seekable != nullptr;
           })
      .def("isatty",
           [](const NativeFile& f) {
             f.CheckOpen();
             return false;
           })
      .def("fileno",
           [](const NativeFile& f) {
             f.CheckOpen();
             const int fd = f.descriptor();
             if (fd < 0) RaiseUnsupported("fileno: this stream has no file descriptor");
             return fd;
           })
      .def("download", &Download, py::arg("stream_or_path"), py::arg("buffer_size") = py::none(),
           "Copy the whole file (from the start if seekable) to a path or writable stream.")
      .def("upload", &Upload, py::arg("stream"), py::arg("buffer_size") = py::none(),
           "Write everything read from `stream` into this file.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](py::object self, py::args) { self.attr("close")(); })
      .def("__repr__", [](py::handle self) { return Repr(self, self.cast<const NativeFile&>()); });
}

}  // namespace arrowpack::python
