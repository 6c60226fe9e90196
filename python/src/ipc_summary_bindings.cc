// arrowpack.ipc._summarize_message: a dict describing one Message (for the CLI's inspect).
#include <pybind11/pybind11.h>

#include "arrowpack/ipc/message_summary.h"
#include "ipc_summary_bindings.h"
#include "common.h"

namespace py = pybind11;

namespace arrowpack::python {

namespace {

const char* CompressionLabel(Compression compression) {
  switch (compression) {
    case Compression::UNCOMPRESSED: return nullptr;
    case Compression::ZSTD: return "zstd";
    case Compression::LZ4_FRAME: return "lz4";
    default: return "other";
  }
}

py::dict Summarize(const ipc::Message& message) {
  ipc::MessageSummary summary = ValueOrThrow(ipc::SummarizeMessage(message));
  py::dict out;
  out["type"] = ipc::MessageTypeName(summary.type);
  out["metadata_version"] = summary.metadata_version == ipc::MetadataVersion::V5 ? "V5" : "V4";
  out["body_length"] = summary.body_length;
  out["num_rows"] = summary.num_rows;
  out["num_buffers"] = summary.num_buffers;
  const char* compression = CompressionLabel(summary.compression);
  out["compression"] = compression == nullptr ? py::none() : py::object(py::str(compression));
  out["dictionary_id"] = summary.dictionary_id;
  out["is_delta"] = summary.is_delta;
  return out;
}

}  // namespace

void RegisterIpcSummary(py::module_& m) {
  m.def("_summarize_message", &Summarize, py::arg("message"),
        "Kind, rows, buffer count, body compression ('zstd', 'lz4' or None) and dictionary id of a Message.");
}

}  // namespace arrowpack::python
