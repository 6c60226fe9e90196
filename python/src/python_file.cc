#include "python_file.h"

#include <cstring>

#include "errors.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace py = pybind11;

namespace {

// Runs `body` (returning Status or Result<T>) with the GIL; Python errors become a Status.
template <typename F>
auto WithGil(F&& body) -> decltype(body()) {
  py::gil_scoped_acquire gil;
  try {
    return body();
  } catch (py::error_already_set& error) {
    return StashPythonError(error);
  } catch (py::cast_error& error) {
    return Status::TypeError("file object returned an unexpected type: ", error.what());
  }
}

int64_t CurrentPosition(const py::object& handle) { return handle.attr("tell")().cast<int64_t>(); }

}  // namespace

PythonFile::PythonFile(py::object handle, io::FileMode mode) : handle_(std::move(handle)), mode_(mode) {}

PythonFile::~PythonFile() {
  if (!Py_IsInitialized()) {
    handle_.release();  // the interpreter is gone; nothing can be released any more
    return;
  }
  py::gil_scoped_acquire gil;
  handle_ = py::object();
}

Status PythonFile::Close() {
  return WithGil([&]() -> Status {
    if (!closed_) handle_.attr("close")();
    closed_ = true;
    return Status::OK();
  });
}

bool PythonFile::closed() const {
  py::gil_scoped_acquire gil;
  if (closed_) return true;
  try {
    return handle_.attr("closed").cast<bool>();
  } catch (py::error_already_set&) {
    return false;  // no `closed` attribute: open until Close()
  }
}

Result<int64_t> PythonFile::Tell() const {
  return WithGil([&]() -> Result<int64_t> { return CurrentPosition(handle_); });
}

Status PythonFile::Seek(int64_t position) {
  if (position < 0) return Status::Invalid("negative seek position ", position);
  return WithGil([&]() -> Status {
    handle_.attr("seek")(position);
    return Status::OK();
  });
}

Result<int64_t> PythonFile::GetSize() {
  return WithGil([&]() -> Result<int64_t> {
    const int64_t position = CurrentPosition(handle_);
    handle_.attr("seek")(0, 2);
    const int64_t size = CurrentPosition(handle_);
    handle_.attr("seek")(position);
    return size;
  });
}

Result<int64_t> PythonFile::Read(int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(io::CheckReadArguments(0, nbytes));
  return WithGil([&]() -> Result<int64_t> {
    py::object chunk = handle_.attr("read")(nbytes);
    if (chunk.is_none()) return int64_t{0};  // non-blocking file with nothing ready
    BytesView view(chunk);
    if (view.size() > nbytes) {
      return Status::IOError("file object read() returned ", view.size(), " bytes, ", nbytes, " were requested");
    }
    std::memcpy(out, view.data(), static_cast<size_t>(view.size()));
    return view.size();
  });
}

Result<std::shared_ptr<Buffer>> PythonFile::Read(int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(io::CheckReadArguments(0, nbytes));
  return WithGil([&]() -> Result<std::shared_ptr<Buffer>> {
    py::object chunk = handle_.attr("read")(nbytes);
    if (chunk.is_none()) chunk = py::bytes();
    std::shared_ptr<Buffer> buffer = BufferFromPyObject(chunk);
    if (buffer->size() > nbytes) {
      return Status::IOError("file object read() returned ", buffer->size(), " bytes, ", nbytes,
                             " were requested");
    }
    return buffer;
  });
}

Result<int64_t> PythonFile::ReadAt(int64_t position, int64_t nbytes, void* out) {
  ARROWPACK_RETURN_NOT_OK(io::CheckReadArguments(position, nbytes));
  py::gil_scoped_acquire gil;  // held across the three calls so no other thread moves the position
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t saved, Tell());
  ARROWPACK_RETURN_NOT_OK(Seek(position));
  Result<int64_t> result = Read(nbytes, out);
  ARROWPACK_RETURN_NOT_OK(Seek(saved));
  return result;
}

Result<std::shared_ptr<Buffer>> PythonFile::ReadAt(int64_t position, int64_t nbytes) {
  ARROWPACK_RETURN_NOT_OK(io::CheckReadArguments(position, nbytes));
  py::gil_scoped_acquire gil;
  ARROWPACK_ASSIGN_OR_RAISE(const int64_t saved, Tell());
  ARROWPACK_RETURN_NOT_OK(Seek(position));
  Result<std::shared_ptr<Buffer>> result = Read(nbytes);
  ARROWPACK_RETURN_NOT_OK(Seek(saved));
  return result;
}

Status PythonFile::Write(const void* data, int64_t nbytes) {
  return WithGil([&]() -> Status {
    handle_.attr("write")(py::bytes(static_cast<const char*>(data), static_cast<size_t>(nbytes)));
    return Status::OK();
  });
}

Status PythonFile::WriteAt(int64_t position, const void* data, int64_t nbytes) {
  py::gil_scoped_acquire gil;
  ARROWPACK_RETURN_NOT_OK(Seek(position));
  return Write(data, nbytes);
}

Status PythonFile::Flush() {
  return WithGil([&]() -> Status {
    if (py::hasattr(handle_, "flush")) handle_.attr("flush")();
    return Status::OK();
  });
}

}  // namespace arrowpack::python
