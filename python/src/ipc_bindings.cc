// The message layer of arrowpack.ipc: MetadataVersion, IpcWriteOptions/IpcReadOptions,
// WriteStats/ReadStats values, Message, read_message and MessageReader. Sources arrive as
// NativeFiles (python/arrowpack/ipc.py wraps bytes, paths and Python file objects first).
#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/ipc/options.h"
#include "bindings.h"
#include "common.h"
#include "native_file.h"

namespace arrowpack::python {

namespace {

using ipc::IpcReadOptions;
using ipc::IpcWriteOptions;
using ipc::Message;
using ipc::MessageReader;
using ipc::MetadataVersion;
using MessagePtr = std::shared_ptr<Message>;

// IPC bodies may only use the two codecs the format names; anything else is refused up front
// rather than at the first write.
void SetCompression(IpcWriteOptions& options, py::handle compression) {
  if (compression.is_none()) {
    options.compression = Compression::UNCOMPRESSED;
    options.compression_level = kUseDefaultCompressionLevel;
    return;
  }
  const std::shared_ptr<Codec> codec = CodecFromPython(compression);
  const Compression kind = codec->compression_type();
  if (kind != Compression::LZ4_FRAME && kind != Compression::ZSTD) {
    RaiseStatus(Status::Invalid("IPC bodies can only be compressed with lz4 or zstd, not ", codec->name()));
  }
  options.compression = kind;
  options.compression_level = py::isinstance<Codec>(compression) ? codec->compression_level()
                                                                 : kUseDefaultCompressionLevel;
}

py::object CompressionName(const IpcWriteOptions& options) {
  switch (options.compression) {
    case Compression::UNCOMPRESSED:
      return py::none();
    case Compression::LZ4_FRAME:
      return py::str("lz4");
    default:
      return py::str(Codec::GetCodecAsString(options.compression));
  }
}

// IpcReadOptions.included_fields: None (every field) or a list of int indices, as in pyarrow;
// TypeError for anything else.
std::vector<int> IncludedFieldsFromPython(py::handle fields) {
  if (fields.is_none()) return {};
  if (!py::isinstance<py::list>(fields) && !py::isinstance<py::tuple>(fields)) {
    throw py::type_error("included_fields must be a list of int, not " +
                         py::str(py::type::of(fields).attr("__name__")).cast<std::string>());
  }
  std::vector<int> out;
  for (py::handle item : fields) {
    if (!py::isinstance<py::int_>(item) || py::isinstance<py::bool_>(item)) {
      throw py::type_error("included_fields must hold int field indices, got " +
                           py::str(py::type::of(item).attr("__name__")).cast<std::string>());
    }
    out.push_back(item.cast<int>());
  }
  return out;
}

// An ipc.Alignment member or its int value (as pyarrow takes); ValueError for other ints.
ipc::BufferAlignment BufferAlignmentFromPython(py::handle value) {
  if (py::isinstance<ipc::BufferAlignment>(value)) return value.cast<ipc::BufferAlignment>();
  if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
    throw py::type_error("ensure_alignment must be an arrowpack.ipc.Alignment, not " +
                         py::str(py::type::of(value).attr("__name__")).cast<std::string>());
  }
  const auto number = value.cast<long long>();
  for (const auto known : {ipc::BufferAlignment::kAny, ipc::BufferAlignment::kDataTypeSpecific,
                           ipc::BufferAlignment::k64Byte}) {
    if (number == static_cast<long long>(known)) return known;
  }
  throw py::value_error("Not an alignment: " + std::to_string(number));
}

void SetAlignment(IpcWriteOptions& options, int32_t alignment) {
  if (alignment != 8 && alignment != 64) throw py::value_error("alignment must be 8 or 64");
  options.alignment = alignment;
}

void RegisterOptions(py::module_& m) {
  py::enum_<MetadataVersion>(m, "MetadataVersion", "Version of the IPC metadata (readers accept V4 and V5).")
      .value("V1", MetadataVersion::V1)
      .value("V2", MetadataVersion::V2)
      .value("V3", MetadataVersion::V3)
      .value("V4", MetadataVersion::V4)
      .value("V5", MetadataVersion::V5);

  py::class_<IpcWriteOptions>(m, "IpcWriteOptions", "How IPC streams and files are written.")
      .def(py::init([](MetadataVersion version, bool allow_64bit, bool use_legacy_format, py::handle compression,
                       bool use_threads, bool emit_dictionary_deltas, bool unify_dictionaries,
                       int32_t alignment) {
             if (version != MetadataVersion::V4 && version != MetadataVersion::V5) {
               throw py::value_error("Unsupported metadata version: only V4 and V5 can be written");
             }
             IpcWriteOptions options;
             options.metadata_version = version;
             options.allow_64bit = allow_64bit;
             options.write_legacy_ipc_format = use_legacy_format;
             SetCompression(options, compression);
             options.use_threads = use_threads;
             options.emit_dictionary_deltas = emit_dictionary_deltas;
             options.unify_dictionaries = unify_dictionaries;
             SetAlignment(options, alignment);
             return options;
           }),
           py::arg("metadata_version") = MetadataVersion::V5, py::kw_only(), py::arg("allow_64bit") = false,
           py::arg("use_legacy_format") = false, py::arg("compression") = py::none(),
           py::arg("use_threads") = true, py::arg("emit_dictionary_deltas") = false,
           py::arg("unify_dictionaries") = false, py::arg("alignment") = 8)
      .def_readwrite("metadata_version", &IpcWriteOptions::metadata_version)
      .def_readwrite("allow_64bit", &IpcWriteOptions::allow_64bit)
      .def_readwrite("use_legacy_format", &IpcWriteOptions::write_legacy_ipc_format)
      .def_readwrite("use_threads", &IpcWriteOptions::use_threads)
      .def_readwrite("emit_dictionary_deltas", &IpcWriteOptions::emit_dictionary_deltas)
      .def_readwrite("unify_dictionaries", &IpcWriteOptions::unify_dictionaries)
      .def_property("compression", &CompressionName, &SetCompression)
      .def_property(
          "alignment", [](const IpcWriteOptions& o) { return o.alignment; }, &SetAlignment,
          "Body buffers start at multiples of this (8 or 64; an arrowpack extension).");

  py::enum_<ipc::BufferAlignment>(m, "Alignment",
                                  "Buffer alignment a reader ensures (arrowpack always aligns to the value width).")
      .value("Any", ipc::BufferAlignment::kAny)
      .value("DataTypeSpecific", ipc::BufferAlignment::kDataTypeSpecific)
      .value("At64Byte", ipc::BufferAlignment::k64Byte);

  py::class_<IpcReadOptions>(m, "IpcReadOptions", "How IPC streams and files are read.")
      .def(py::init([](bool ensure_native_endian, py::handle ensure_alignment, bool use_threads,
                       py::handle included_fields) {
             IpcReadOptions options;
             options.ensure_native_endian = ensure_native_endian;
             options.ensure_alignment = BufferAlignmentFromPython(ensure_alignment);
             options.use_threads = use_threads;
             options.included_fields = IncludedFieldsFromPython(included_fields);
             return options;
           }),
           py::arg("ensure_native_endian") = true, py::kw_only(),
           py::arg("ensure_alignment") = ipc::BufferAlignment::kAny, py::arg("use_threads") = true,
           py::arg("included_fields") = py::none())
      .def_readwrite("ensure_native_endian", &IpcReadOptions::ensure_native_endian)
      .def_property(
          "ensure_alignment", [](const IpcReadOptions& o) { return o.ensure_alignment; },
          [](IpcReadOptions& o, py::handle value) { o.ensure_alignment = BufferAlignmentFromPython(value); },
          "Copy buffers not aligned this way (Any and DataTypeSpecific: the value width, up to 8).")
      .def_readwrite("use_threads", &IpcReadOptions::use_threads)
      .def_readwrite("validate_full", &IpcReadOptions::validate_full,
                     "Also check every value of decoded columns (an arrowpack extension).")
      .def_property(
          "included_fields", [](const IpcReadOptions& o) { return py::cast(o.included_fields); },
          [](IpcReadOptions& o, py::handle fields) { o.included_fields = IncludedFieldsFromPython(fields); },
          "Indices of the top-level fields to read (empty: all); readers and batches keep those fields.")
      .def(
          "_with_memory_pool",
          [](const IpcReadOptions& self, MemoryPool* pool) {
            IpcReadOptions copy = self;
            copy.memory_pool = pool;
            return copy;
          },
          py::arg("memory_pool"), "A copy that allocates decompressed and copied buffers from memory_pool.");
}

std::string MessageRepr(const Message& message) {
  return "pyarrow.Message\ntype: " + ipc::MessageTypeName(message.type()) +
         "\nmetadata length: " + std::to_string(message.metadata()->size()) +
         "\nbody length: " + std::to_string(message.body_length());
}

py::object NextMessage(MessageReader& reader, bool release_gil) {
  MessagePtr message = ValueOrThrow(CallWithoutGil(release_gil, [&] { return reader.ReadNextMessage(); }));
  if (!message) return py::none();
  return py::cast(message);
}

// A MessageReader with the NativeFile it pulls from (kept open and alive by this holder).
struct PyMessageReader {
  std::shared_ptr<NativeFile> source;
  std::unique_ptr<MessageReader> reader;
};

void RegisterMessages(py::module_& m) {
  py::class_<Message, MessagePtr>(m, "Message", "One encapsulated IPC message: metadata flatbuffer and body.")
      .def(py::init([]() -> MessagePtr {
        throw py::type_error("Do not call Message's constructor directly; use ipc.read_message");
      }))
      .def_property_readonly("type", [](const Message& msg) { return ipc::MessageTypeName(msg.type()); })
      .def_property_readonly("metadata", &Message::metadata)
      .def_property_readonly("metadata_version", &Message::metadata_version)
      .def_property_readonly("body", &Message::body)
      .def(
          "equals", [](const Message& self, const Message& other) { return self.Equals(other); }, py::arg("other"))
      .def("__eq__",
           [](const Message& self, py::handle other) -> py::object {
             if (!py::isinstance<Message>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(self.Equals(other.cast<const Message&>()));
           })
      .def(
          "serialize",
          [](const Message& msg, int32_t alignment, MemoryPool* pool) {
            IpcWriteOptions options;
            options.alignment = alignment;
            return ValueOrThrow(CallWithoutGil([&]() -> Result<std::shared_ptr<Buffer>> {
              ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create(4096, pool));
              ARROWPACK_RETURN_NOT_OK(msg.SerializeTo(sink.get(), options).status());
              return sink->Finish();
            }));
          },
          py::arg("alignment") = 8, py::arg("memory_pool") = nullptr,
          "The encapsulated message (prefix, padded metadata, body) as a Buffer.")
      .def(
          "serialize_to",
          [](const Message& msg, py::handle sink, int32_t alignment) {
            const std::shared_ptr<NativeFile> file = NativeFileFromPython(sink);
            std::shared_ptr<io::OutputStream> out = OutputStreamFromPython(sink);
            IpcWriteOptions options;
            options.alignment = alignment;
            return ValueOrThrow(CallWithoutGil(file->release_gil, [&] { return msg.SerializeTo(out.get(), options); }));
          },
          py::arg("sink"), py::arg("alignment") = 8,
          "Writes the encapsulated message to a NativeFile; returns the bytes written.")
      .def("__repr__", &MessageRepr);

  m.def(
      "_read_message",
      [](py::handle source, const IpcReadOptions& options) {
        const std::shared_ptr<NativeFile> file = NativeFileFromPython(source);
        std::shared_ptr<io::InputStream> in = InputStreamFromPython(source);
        MessagePtr message =
            ValueOrThrow(CallWithoutGil(file->release_gil, [&] { return ipc::ReadMessage(in.get(), options); }));
        if (!message) {
          PyErr_SetString(PyExc_EOFError, "End of Arrow stream");
          throw py::error_already_set();
        }
        return message;
      },
      py::arg("source"), py::arg("options"));

  py::class_<PyMessageReader>(m, "MessageReader", "Reads IPC messages one after another from a stream.")
      .def(py::init([]() -> PyMessageReader* {
        throw py::type_error("Do not call MessageReader's constructor directly; use MessageReader.open_stream");
      }))
      .def_static(
          "_open",
          [](py::handle source, const IpcReadOptions& options) {
            auto holder = std::make_unique<PyMessageReader>();
            holder->source = NativeFileFromPython(source);
            holder->reader = MessageReader::Open(InputStreamFromPython(source), options);
            return holder;
          },
          py::arg("source"), py::arg("options"))
      .def(
          "read_next_message",
          [](PyMessageReader& self) {
            py::object message = NextMessage(*self.reader, self.source->release_gil);
            if (message.is_none()) throw py::stop_iteration();
            return message;
          },
          "The next Message; StopIteration at the end of the stream.")
      .def("__iter__", [](py::handle self) { return self; })
      .def("__next__", [](PyMessageReader& self) {
        py::object message = NextMessage(*self.reader, self.source->release_gil);
        if (message.is_none()) throw py::stop_iteration();
        return message;
      });
}

}  // namespace

void RegisterIpcMessages(py::module_& m) {
  RegisterOptions(m);
  RegisterMessages(m);
}

}  // namespace arrowpack::python
