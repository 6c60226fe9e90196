// pyarrow's lower-level IPC functions: DictionaryMemo, read_schema / read_record_batch on single
// messages, write_tensor / read_tensor / get_tensor_size, get_record_batch_size, and the
// Schema.serialize / RecordBatch.serialize methods (added to those classes here). ipc.py turns
// buffer-like arguments into Messages and NativeFiles first. Errors: ArrowInvalid for malformed
// messages, a message of the wrong type or a dictionary the memo lacks, TypeError for
// arguments of the wrong class.
#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/tensor.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "bindings.h"
#include "columnar.h"
#include "common.h"
#include "native_file.h"

namespace arrowpack::python {

namespace {

using MemoPtr = std::shared_ptr<ipc::DictionaryMemo>;

ipc::IpcWriteOptions WithPool(MemoryPool* pool) {
  ipc::IpcWriteOptions options;
  options.memory_pool = pool;
  return options;
}

}  // namespace

void RegisterIpcFunctions(py::module_& m) {
  py::class_<ipc::DictionaryMemo, MemoPtr>(
      m, "DictionaryMemo", "Dictionary ids of a schema's dictionary-encoded fields and their dictionaries.")
      .def(py::init<>());

  m.def(
      "_read_schema",
      [](const ipc::Message& message, MemoPtr memo) {
        return ValueOrThrow(ipc::ReadSchema(message, memo.get()));
      },
      py::arg("message"), py::arg("dictionary_memo").none(true));
  m.def(
      "_read_record_batch",
      [](const ipc::Message& message, std::shared_ptr<Schema> schema, MemoPtr memo,
         const ipc::IpcReadOptions& options) {
        return ValueOrThrow(
            CallWithoutGil([&] { return ipc::ReadRecordBatch(message, schema, memo.get(), options); }));
      },
      py::arg("message"), py::arg("schema"), py::arg("dictionary_memo").none(true), py::arg("options"));

  m.def(
      "write_tensor",
      [](const Tensor& tensor, py::handle dest) {
        const std::shared_ptr<NativeFile> file = NativeFileFromPython(dest);
        std::shared_ptr<io::OutputStream> out = OutputStreamFromPython(dest);
        const ipc::TensorWriteResult written =
            ValueOrThrow(CallWithoutGil(file->release_gil, [&] { return ipc::WriteTensor(tensor, out.get()); }));
        return written.metadata_length + written.body_length;
      },
      py::arg("tensor"), py::arg("dest"), "Writes a Tensor message at dest's position; returns the bytes written.");
  m.def(
      "_read_tensor",
      [](py::handle source) {
        const std::shared_ptr<NativeFile> file = NativeFileFromPython(source);
        std::shared_ptr<io::InputStream> in = InputStreamFromPython(source);
        return ValueOrThrow(CallWithoutGil(file->release_gil, [&] { return ipc::ReadTensor(in.get()); }));
      },
      py::arg("source"), "Reads a Tensor message at source's position (zero-copy from memory-backed sources).");
  m.def(
      "get_tensor_size", [](const Tensor& tensor) { return ValueOrThrow(ipc::GetTensorSize(tensor)); },
      py::arg("tensor"), "Bytes write_tensor would write.");
  m.def(
      "get_record_batch_size",
      [](const RecordBatch& batch) { return ValueOrThrow(ipc::GetRecordBatchSize(batch)); }, py::arg("batch"),
      "Bytes of the encapsulated record batch message (metadata, padding and body).");

  py::type::of<Schema>().attr("serialize") = py::cpp_function(
      [](const Schema& schema, MemoryPool* memory_pool) {
        return ValueOrThrow(ipc::SerializeSchema(schema, WithPool(memory_pool)));
      },
      py::name("serialize"), py::is_method(py::type::of<Schema>()), py::arg("memory_pool") = nullptr,
      "The schema as an encapsulated IPC message in a Buffer.");
  py::type::of<RecordBatch>().attr("serialize") = py::cpp_function(
      [](const RecordBatch& batch, MemoryPool* memory_pool) {
        return ValueOrThrow(CallWithoutGil([&] { return ipc::SerializeRecordBatch(batch, WithPool(memory_pool)); }));
      },
      py::name("serialize"), py::is_method(py::type::of<RecordBatch>()), py::arg("memory_pool") = nullptr,
      "The batch as an encapsulated IPC message (no schema, no dictionaries) in a Buffer.");
}

}  // namespace arrowpack::python
