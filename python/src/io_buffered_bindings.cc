// arrowpack.BufferedInputStream and BufferedOutputStream over another NativeFile (pyarrow's
// classes; core/io_buffered.h). detach() returns the wrapped NativeFile object itself and leaves
// the buffered stream closed. Errors: ValueError for a buffer size below 1; a closed or detached
// stream raises ValueError like any closed NativeFile.
#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/io_buffered.h"
#include "bindings.h"
#include "common.h"
#include "native_file.h"

namespace arrowpack::python {

namespace {

struct BufferedInputStream : NativeFile {
  std::shared_ptr<NativeFile> raw;
  std::shared_ptr<io::BufferedInputStream> stream;
};

struct BufferedOutputStream : NativeFile {
  std::shared_ptr<NativeFile> raw;
  std::shared_ptr<io::BufferedOutputStream> stream;
};

void CheckBufferSize(int64_t buffer_size) {
  if (buffer_size <= 0) throw py::value_error("Buffer size must be larger than zero");
}

// detach() of either class: the typed stream's Detach, then the wrapped Python object.
template <typename Wrapper>
py::object Detach(Wrapper& self) {
  self.CheckOpen();
  ThrowIfError(CallWithoutGil(self.release_gil, [&] { return self.stream->Detach().status(); }));
  return py::cast(self.raw);
}

}  // namespace

void RegisterBufferedStreams(py::module_& m) {
  py::class_<BufferedInputStream, NativeFile, std::shared_ptr<BufferedInputStream>>(
      m, "BufferedInputStream",
      "Serves small reads of another readable NativeFile from a buffer of buffer_size bytes, filled "
      "by fewer, larger reads; close() closes the other file.")
      .def(py::init([](py::handle stream, int64_t buffer_size, MemoryPool* pool) {
             CheckBufferSize(buffer_size);
             auto file = std::make_shared<BufferedInputStream>();
             file->raw = NativeFileFromPython(stream);
             file->release_gil = file->raw->release_gil;
             file->stream = ValueOrThrow(io::BufferedInputStream::Make(buffer_size, pool, InputStreamFromPython(stream)));
             file->Attach(file->stream);
             return file;
           }),
           py::arg("stream"), py::arg("buffer_size"), py::arg("memory_pool") = py::none())
      .def("detach", &Detach<BufferedInputStream>,
           "Returns the wrapped NativeFile, positioned after what was buffered (those bytes are dropped); "
           "this stream is closed afterwards.");

  py::class_<BufferedOutputStream, NativeFile, std::shared_ptr<BufferedOutputStream>>(
      m, "BufferedOutputStream",
      "Collects small writes in a buffer of buffer_size bytes and passes them to another writable "
      "NativeFile in fewer, larger writes; flush() and close() write out the rest, and close() closes "
      "the other file.")
      .def(py::init([](py::handle stream, int64_t buffer_size, MemoryPool* pool) {
             CheckBufferSize(buffer_size);
             auto file = std::make_shared<BufferedOutputStream>();
             file->raw = NativeFileFromPython(stream);
             file->release_gil = file->raw->release_gil;
             file->stream =
                 ValueOrThrow(io::BufferedOutputStream::Make(buffer_size, pool, OutputStreamFromPython(stream)));
             file->Attach(file->stream);
             return file;
           }),
           py::arg("stream"), py::arg("buffer_size"), py::arg("memory_pool") = py::none())
      .def("detach", &Detach<BufferedOutputStream>,
           "Writes out what is buffered and returns the wrapped NativeFile (still open); this stream is "
           "closed afterwards.");
}

}  // namespace arrowpack::python
