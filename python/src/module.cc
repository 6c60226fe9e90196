// arrowpack._core: the compiled half of the arrowpack package (see python/arrowpack/__init__.py).
#include "bindings.h"
#include "errors.h"
#include "serialize_bindings.h"
#include "ipc_summary_bindings.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "arrowpack's C++ core: buffers, memory pools, files and codecs.";
  arrowpack::python::RegisterExceptions(m);
  arrowpack::python::RegisterMemoryPools(m);
  arrowpack::python::RegisterBuffers(m);
  arrowpack::python::RegisterNativeFile(m);
  arrowpack::python::RegisterIoClasses(m);
  arrowpack::python::RegisterBufferedStreams(m);
  arrowpack::python::RegisterCodecs(m);
  arrowpack::python::RegisterThreadSettings(m);
  arrowpack::python::RegisterColumnar(m);
  arrowpack::python::RegisterSerialization(m);
  arrowpack::python::RegisterPickling(m);
  arrowpack::python::RegisterSharedMemory(m);
  pybind11::module_ ipc = m.def_submodule("_ipc", "Arrow IPC (wrapped by arrowpack.ipc).");
  arrowpack::python::RegisterIpcMessages(ipc);
  arrowpack::python::RegisterIpcReaders(ipc);
  arrowpack::python::RegisterIpcWriters(ipc);
  arrowpack::python::RegisterIpcFunctions(ipc);
  arrowpack::python::RegisterIpcDecoder(ipc);
  arrowpack::python::RegisterIpcSummary(ipc);
}
