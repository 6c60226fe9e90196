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

// A NativeFile over io::BufferedInputStream or io::BufferedOutputStream (`Core`), keeping the
// NativeFile it wraps so that detach() can return that very object.
template <typename Core>
struct Buffered : NativeFile {
  std::shared_ptr<NativeFile> raw;
  std::shared_ptr<Core> stream;
};

struct BufferedInputStream : Buffered<io::BufferedInputStream> {};
struct BufferedOutputStream : Buffered<io::BufferedOutputStream> {};

// The constructor of either class; `raw_stream` takes the wrapped file's C++ stream in the
// direction the class needs.
template <typename Wrapper, typename RawStream>
std::shared_ptr<Wrapper> Open(py::handle stream, int64_t buffer_size, MemoryPool* pool, RawStream raw_stream) {
  if (buffer_size <= 0) throw py::value_error("Buffer size must be larger than zero");
  auto file = std::make_shared<Wrapper>();
  file->raw = NativeFileFromPython(stream);
  file->release_gil = file->raw->release_gil;
  file->stream = ValueOrThrow(decltype(file->stream)::element_type::Make(buffer_size, pool, raw_stream(stream)));
  file->Attach(file->stream);
  return file;
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
             return Open<BufferedInputStream>(stream, buffer_size, pool, &InputStreamFromPython);
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
             return Open<BufferedOutputStream>(stream, buffer_size, pool, &OutputStreamFromPython);
           }),
           py::arg("stream"), py::arg("buffer_size"), py::arg("memory_pool") = py::none())
      .def("detach", &Detach<BufferedOutputStream>,
           "Writes out what is buffered and returns the wrapped NativeFile (still open); this stream is "
           "closed afterwards.");
}

}  // namespace arrowpack::python
