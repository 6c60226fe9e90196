// Entry points of the binding files; module.cc calls them in dependency order.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/codec.h"
#include "arrowpack/ipc/options.h"

namespace arrowpack::python {

void RegisterMemoryPools(pybind11::module_& m);  // memory_pool_bindings.cc
void RegisterBuffers(pybind11::module_& m);      // buffer_bindings.cc
void RegisterNativeFile(pybind11::module_& m);   // native_file.cc
void RegisterIoClasses(pybind11::module_& m);    // io_bindings.cc
void RegisterBufferedStreams(pybind11::module_& m);  // io_buffered_bindings.cc (after RegisterIoClasses)
void RegisterCodecs(pybind11::module_& m);       // codec_bindings.cc
void RegisterThreadSettings(pybind11::module_& m);  // thread_bindings.cc
/// Types, schemas, arrays, batches, tables, tensors and the PyCapsule protocol (columnar_module.cc).
void RegisterColumnar(pybind11::module_& m);
/// __reduce__ of the columnar classes (pickle_bindings.cc); after RegisterColumnar.
void RegisterPickling(pybind11::module_& m);
void RegisterSharedMemory(pybind11::module_& m);  // shared_memory_bindings.cc
void RegisterIpcMessages(pybind11::module_& m);  // ipc_bindings.cc (on the _core._ipc submodule)
void RegisterIpcReaders(pybind11::module_& m);   // ipc_reader_bindings.cc (same submodule)
void RegisterIpcWriters(pybind11::module_& m);   // ipc_writer_bindings.cc (same submodule)
void RegisterIpcFunctions(pybind11::module_& m); // ipc_functions_bindings.cc (same submodule)
void RegisterIpcDecoder(pybind11::module_& m);   // ipc_decoder_bindings.cc (same submodule)

/// The fields of a reader's ReadStats in order, for ipc.py's ReadStats namedtuple (ipc_reader_bindings.cc).
pybind11::tuple StatsTuple(const ipc::ReadStats& stats);

/// The codec for a `compression` argument: an arrowpack.Codec, or a name such as "zstd" (ArrowInvalid
/// for unknown names, ArrowNotImplementedError for codecs not built in). GIL required.
std::shared_ptr<Codec> CodecFromPython(pybind11::handle compression);

}  // namespace arrowpack::python
