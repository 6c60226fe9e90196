// The concrete NativeFile classes (pyarrow's names) and the memory-map functions.
#include <optional>
#include <string>

#include "arrowpack/core/io_compressed.h"
#include "arrowpack/core/io_file.h"
#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/io_memory_map.h"
#include "bindings.h"
#include "common.h"
#include "native_file.h"
#include "py_buffer.h"
#include "python_file.h"

namespace arrowpack::python {

namespace {

// One struct per Python class; they keep the typed stream where the class has extra methods.
struct OSFile : NativeFile {
  int descriptor() const override { return reader ? reader->file_descriptor() : writer->file_descriptor(); }
  std::shared_ptr<io::ReadableFile> reader;
  std::shared_ptr<io::FileOutputStream> writer;
};

struct MemoryMappedFile : NativeFile {
  int descriptor() const override { return map->file_descriptor(); }
  std::shared_ptr<io::MemoryMappedFile> map;
};

struct BufferReader : NativeFile {};

struct BufferOutputStream : NativeFile {
  std::shared_ptr<io::BufferOutputStream> stream;
  std::shared_ptr<Buffer> value;  // set by the first getvalue()
};

struct FixedSizeBufferWriter : NativeFile {
  std::shared_ptr<io::FixedSizeBufferWriter> writer;
};

struct MockOutputStream : NativeFile {
  std::shared_ptr<io::MockOutputStream> stream;
};

struct PythonFileObject : NativeFile {};
struct CompressedInputStream : NativeFile {};
struct CompressedOutputStream : NativeFile {};

// str, bytes or os.PathLike -> the path as a str (TypeError otherwise).
std::string PathFromPython(py::handle path) {
  return py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
}

template <typename T>
T OpenOrThrow(Result<T> result, const std::string& path) {
  if (!result.ok()) RaiseStatus(result.status(), path);
  return result.MoveValueUnsafe();
}

std::shared_ptr<OSFile> OpenOSFile(py::handle path_obj, const std::string& mode, MemoryPool* pool) {
  const std::string path = PathFromPython(path_obj);
  auto file = std::make_shared<OSFile>();
  if (mode == "r" || mode == "rb") {
    file->reader = OpenOrThrow(CallWithoutGil([&] { return io::ReadableFile::Open(path, pool); }), path);
    file->Attach(file->reader);
  } else if (mode == "w" || mode == "wb" || mode == "a" || mode == "ab") {
    const bool append = mode[0] == 'a';
    file->writer = OpenOrThrow(CallWithoutGil([&] { return io::FileOutputStream::Open(path, append); }), path);
    file->Attach(file->writer);
  } else {
    throw py::value_error("Invalid file mode: " + mode);
  }
  return file;
}

std::shared_ptr<MemoryMappedFile> WrapMap(std::shared_ptr<io::MemoryMappedFile> map) {
  auto file = std::make_shared<MemoryMappedFile>();
  file->map = std::move(map);
  file->Attach(file->map);
  return file;
}

std::shared_ptr<MemoryMappedFile> OpenMap(py::handle path_obj, const std::string& mode) {
  const std::string path = PathFromPython(path_obj);
  io::FileMode file_mode;
  if (mode == "r" || mode == "rb") {
    file_mode = io::FileMode::READ;
  } else if (mode == "r+" || mode == "rb+" || mode == "r+b") {
    file_mode = io::FileMode::READWRITE;
  } else if (mode == "w" || mode == "wb") {
    file_mode = io::FileMode::WRITE;
  } else {
    throw py::value_error("Invalid file mode: " + mode);
  }
  return WrapMap(OpenOrThrow(CallWithoutGil([&] { return io::MemoryMappedFile::Open(path, file_mode); }), path));
}

std::shared_ptr<MemoryMappedFile> CreateMap(py::handle path_obj, int64_t size) {
  const std::string path = PathFromPython(path_obj);
  if (size < 0) RaiseStatus(Status::Invalid("negative memory map size ", size));
  return WrapMap(OpenOrThrow(CallWithoutGil([&] { return io::MemoryMappedFile::Create(path, size); }), path));
}

// The mode a PythonFile should have: from `mode`, else from handle.mode or handle.writable().
io::FileMode PythonFileMode(py::handle handle, const std::optional<std::string>& mode) {
  std::string text;
  if (mode) {
    text = *mode;
  } else if (py::hasattr(handle, "mode") && py::isinstance<py::str>(handle.attr("mode"))) {
    text = handle.attr("mode").cast<std::string>();
  } else if (py::hasattr(handle, "writable")) {
    text = handle.attr("writable")().cast<bool>() ? "w" : "r";
  } else {
    throw py::value_error("cannot infer the mode of " + py::repr(handle).cast<std::string>() +
                          "; pass mode='r' or mode='w'");
  }
  io::FileMode file_mode;
  if (text.starts_with('r')) {
    file_mode = io::FileMode::READ;
  } else if (text.starts_with('w') || text.starts_with('a') || text.starts_with('x')) {
    file_mode = io::FileMode::WRITE;
  } else {
    throw py::value_error("Invalid file mode: " + text);
  }
  // An explicit mode must match what an io object allows.
  if (mode && py::isinstance(handle, py::module_::import("io").attr("IOBase"))) {
    if (file_mode == io::FileMode::READ && !handle.attr("readable")().cast<bool>()) {
      throw py::type_error("readable file expected");
    }
    if (file_mode == io::FileMode::WRITE && !handle.attr("writable")().cast<bool>()) {
      throw py::type_error("writable file expected");
    }
  }
  return file_mode;
}

std::shared_ptr<PythonFileObject> OpenPythonFile(py::object handle, std::optional<std::string> mode) {
  const io::FileMode file_mode = PythonFileMode(handle, mode);
  bool seekable = false;
  if (py::hasattr(handle, "seekable")) seekable = handle.attr("seekable")().cast<bool>();
  auto file = std::make_shared<PythonFileObject>();
  file->Attach(std::make_shared<PythonFile>(std::move(handle), file_mode));
  if (!seekable) {
    file->seekable = nullptr;
    file->random_access = nullptr;
  }
  file->release_gil = false;  // every call goes back into Python anyway
  return file;
}

}  // namespace

void RegisterIoClasses(py::module_& m) {
  py::class_<OSFile, NativeFile, std::shared_ptr<OSFile>>(
      m, "OSFile", "A file on disk through an OS descriptor; reads copy into memory from memory_pool.")
      .def(py::init(&OpenOSFile), py::arg("path"), py::arg("mode") = "r", py::arg("memory_pool") = py::none());

  py::class_<MemoryMappedFile, NativeFile, std::shared_ptr<MemoryMappedFile>>(
      m, "MemoryMappedFile",
      "A memory-mapped file: reads are zero-copy Buffers over the mapping (no pool allocation). "
      "Open with memory_map() or create().")
      .def_static("create", &CreateMap, py::arg("path"), py::arg("size"),
                  "Create (or truncate) `path` with `size` bytes and map it read-write.")
      .def(
          "resize",
          [](MemoryMappedFile& f, int64_t new_size) {
            f.CheckOpen();
            ThrowIfError(CallWithoutGil([&] { return f.map->Resize(new_size); }));
          },
          py::arg("new_size"), "Change the file size and map it anew (writable maps only).");
  m.def("memory_map", &OpenMap, py::arg("path"), py::arg("mode") = "r",
        "Map an existing file: mode 'r' (read-only), 'r+' (read-write) or 'w' (write-only).");
  m.def("create_memory_map", &CreateMap, py::arg("path"), py::arg("size"),
        "Create (or truncate) `path` with `size` bytes and map it read-write.");

  py::class_<BufferReader, NativeFile, std::shared_ptr<BufferReader>>(
      m, "BufferReader", "Reads a Buffer or any bytes-like object as a file; reads are zero-copy slices.")
      .def(py::init([](py::handle obj) {
             auto file = std::make_shared<BufferReader>();
             file->Attach(std::make_shared<io::BufferReader>(BufferFromPyObject(obj)));
             return file;
           }),
           py::arg("obj"));

  py::class_<BufferOutputStream, NativeFile, std::shared_ptr<BufferOutputStream>>(
      m, "BufferOutputStream", "Writes into a growing buffer from memory_pool; getvalue() returns it.")
      .def(py::init([](py::handle pool) {
             // None is checked here: pybind11's MemoryPool* caster probes None for a foreign
             // module's type first, which raises and clears an AttributeError (~1 us per sink).
             if (!pool.is_none() && !py::isinstance<MemoryPool>(pool)) {
               throw py::type_error("memory_pool must be a MemoryPool or None");
             }
             auto file = std::make_shared<BufferOutputStream>();
             file->stream = ValueOrThrow(
                 io::BufferOutputStream::Create(4096, pool.is_none() ? nullptr : pool.cast<MemoryPool*>()));
             file->Attach(file->stream);
             return file;
           }),
           py::arg("memory_pool") = py::none())
      .def(
          "getvalue",
          [](BufferOutputStream& f) {
            if (f.value == nullptr) f.value = ValueOrThrow(f.stream->Finish());
            return f.value;
          },
          "Close the stream and return what was written as a Buffer (the same one on later calls).");

  py::class_<FixedSizeBufferWriter, NativeFile, std::shared_ptr<FixedSizeBufferWriter>>(
      m, "FixedSizeBufferWriter",
      "Writes into an existing mutable buffer (e.g. py_buffer(SharedMemory(...).buf)); writing past its "
      "end raises ArrowCapacityError.")
      .def(py::init([](py::handle buffer) {
             auto file = std::make_shared<FixedSizeBufferWriter>();
             file->writer = ValueOrThrow(io::FixedSizeBufferWriter::Make(BufferFromPyObject(buffer)));
             file->Attach(file->writer);
             return file;
           }),
           py::arg("buffer"))
      .def(
          "set_memcopy_threads",
          [](FixedSizeBufferWriter& f, int num_threads) { f.writer->set_memcopy_threads(num_threads); },
          py::arg("num_threads"))
      .def(
          "set_memcopy_blocksize",
          [](FixedSizeBufferWriter& f, int64_t blocksize) { f.writer->set_memcopy_blocksize(blocksize); },
          py::arg("blocksize"))
      .def(
          "set_memcopy_threshold",
          [](FixedSizeBufferWriter& f, int64_t threshold) { f.writer->set_memcopy_threshold(threshold); },
          py::arg("threshold"));

  py::class_<MockOutputStream, NativeFile, std::shared_ptr<MockOutputStream>>(
      m, "MockOutputStream", "Counts the bytes written and stores nothing (for computing sizes).")
      .def(py::init([] {
        auto file = std::make_shared<MockOutputStream>();
        file->stream = std::make_shared<io::MockOutputStream>();
        file->Attach(file->stream);
        return file;
      }))
      .def(
          "size", [](const MockOutputStream& f) { return f.stream->size(); }, "Bytes written so far.");

  py::class_<PythonFileObject, NativeFile, std::shared_ptr<PythonFileObject>>(
      m, "PythonFile",
      "A NativeFile over a Python file object, so C++ code can read or write it (taking the GIL for every "
      "call). mode 'r' or 'w' (default: inferred from the object).")
      .def(py::init(&OpenPythonFile), py::arg("handle"), py::arg("mode") = py::none());

  py::class_<CompressedInputStream, NativeFile, std::shared_ptr<CompressedInputStream>>(
      m, "CompressedInputStream", "Decompresses on the fly what it reads from another NativeFile.")
      .def(py::init([](py::handle stream, py::handle compression, MemoryPool* pool) {
             auto raw = NativeFileFromPython(stream);
             auto codec = CodecFromPython(compression);
             auto file = std::make_shared<CompressedInputStream>();
             file->release_gil = raw->release_gil;
             file->Attach(ValueOrThrow(io::CompressedInputStream::Make(codec, InputStreamFromPython(stream), pool)));
             return file;
           }),
           py::arg("stream"), py::arg("compression"), py::arg("memory_pool") = py::none());

  py::class_<CompressedOutputStream, NativeFile, std::shared_ptr<CompressedOutputStream>>(
      m, "CompressedOutputStream",
      "Compresses on the fly what is written and forwards it to another NativeFile; close() finishes "
      "the compressed stream and closes the other file.")
      .def(py::init([](py::handle stream, py::handle compression, MemoryPool* pool) {
             auto raw = NativeFileFromPython(stream);
             auto codec = CodecFromPython(compression);
             auto file = std::make_shared<CompressedOutputStream>();
             file->release_gil = raw->release_gil;
             file->Attach(ValueOrThrow(io::CompressedOutputStream::Make(codec, OutputStreamFromPython(stream), pool)));
             return file;
           }),
           py::arg("stream"), py::arg("compression"), py::arg("memory_pool") = py::none());
}

}  // namespace arrowpack::python
