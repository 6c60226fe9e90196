#include <optional>
#include <sstream>

#include "arrowpack/core/codec.h"
#include "bindings.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

using CodecPtr = std::shared_ptr<Codec>;

Compression KindFromName(const std::string& name) { return ValueOrThrow(Codec::GetCompressionType(name)); }

CodecPtr MakeCodec(const std::string& name, std::optional<int> level) {
  const Compression kind = KindFromName(name);
  return CodecPtr(ValueOrThrow(Codec::Create(kind, level.value_or(kUseDefaultCompressionLevel))));
}

py::object LevelOrNone(const Codec& codec) {
  if (!Codec::SupportsCompressionLevel(codec.compression_type())) return py::none();
  return py::int_(codec.compression_level());
}

py::object BufferOrBytes(std::shared_ptr<Buffer> buffer, bool asbytes) {
  if (!asbytes) return py::cast(std::move(buffer));
  return py::bytes(reinterpret_cast<const char*>(buffer->data()), static_cast<size_t>(buffer->size()));
}

py::object Compress(Codec& codec, py::handle data, bool asbytes, MemoryPool* pool) {
  BytesView view(data);
  auto compressed =
      ValueOrThrow(CallWithoutGil([&] { return codec.CompressBuffer(Buffer(view.data(), view.size()), pool); }));
  return BufferOrBytes(std::move(compressed), asbytes);
}

py::object Decompress(Codec& codec, py::handle data, std::optional<int64_t> decompressed_size, bool asbytes,
                      MemoryPool* pool) {
  if (decompressed_size && *decompressed_size < 0) {
    RaiseStatus(Status::Invalid("negative decompressed_size ", *decompressed_size));
  }
  BytesView view(data);
  auto decompressed = ValueOrThrow(CallWithoutGil(
      [&] { return codec.DecompressBuffer(Buffer(view.data(), view.size()), decompressed_size, pool); }));
  return BufferOrBytes(std::move(decompressed), asbytes);
}

}  // namespace

CodecPtr CodecFromPython(py::handle compression) {
  if (py::isinstance<Codec>(compression)) return compression.cast<CodecPtr>();
  if (!py::isinstance<py::str>(compression)) {
    throw py::type_error("compression must be a codec name or an arrowpack.Codec");
  }
  return MakeCodec(compression.cast<std::string>(), std::nullopt);
}

void RegisterCodecs(py::module_& m) {
  py::class_<Codec, CodecPtr>(m, "Codec",
                              "A compression codec: 'zstd', 'lz4' (frame format) or 'gzip'. Immutable and "
                              "usable from several threads; compress/decompress release the GIL.")
      .def(py::init(&MakeCodec), py::arg("compression"), py::arg("compression_level") = py::none())
      .def_static(
          "is_available", [](const std::string& name) { return Codec::IsAvailable(KindFromName(name)); },
          py::arg("compression"))
      .def_static(
          "supports_compression_level",
          [](const std::string& name) { return Codec::SupportsCompressionLevel(KindFromName(name)); },
          py::arg("compression"))
      .def_static(
          "default_compression_level",
          [](const std::string& name) { return ValueOrThrow(Codec::DefaultCompressionLevel(KindFromName(name))); },
          py::arg("compression"))
      .def_static(
          "minimum_compression_level",
          [](const std::string& name) { return ValueOrThrow(Codec::MinimumCompressionLevel(KindFromName(name))); },
          py::arg("compression"))
      .def_static(
          "maximum_compression_level",
          [](const std::string& name) { return ValueOrThrow(Codec::MaximumCompressionLevel(KindFromName(name))); },
          py::arg("compression"))
      .def_property_readonly("name", &Codec::name)
      .def_property_readonly("compression_level", &LevelOrNone)
      .def("compress", &Compress, py::arg("buf"), py::arg("asbytes") = false, py::arg("memory_pool") = py::none(),
           "Compress a bytes-like object; returns a Buffer (bytes if asbytes).")
      .def("decompress", &Decompress, py::arg("buf"), py::arg("decompressed_size") = py::none(),
           py::arg("asbytes") = false, py::arg("memory_pool") = py::none(),
           "Decompress a bytes-like object. With decompressed_size the output must be exactly that long; "
           "without it the output grows as needed (up to 1 TiB).")
      .def("__repr__", [](const Codec& codec) {
        std::ostringstream out;
        out << "<arrowpack.Codec name=" << codec.name()
            << " compression_level=" << py::str(LevelOrNone(codec)).cast<std::string>() << ">";
        return out.str();
      });

  m.def(
      "compress",
      [](py::handle buf, py::handle codec, bool asbytes, MemoryPool* pool) {
        return Compress(*CodecFromPython(codec), buf, asbytes, pool);
      },
      py::arg("buf"), py::arg("codec") = "lz4", py::arg("asbytes") = false, py::arg("memory_pool") = py::none(),
      "Compress a bytes-like object with `codec` (a name or a Codec).");
  m.def(
      "decompress",
      [](py::handle buf, std::optional<int64_t> decompressed_size, py::handle codec, bool asbytes,
         MemoryPool* pool) { return Decompress(*CodecFromPython(codec), buf, decompressed_size, asbytes, pool); },
      py::arg("buf"), py::arg("decompressed_size") = py::none(), py::arg("codec") = "lz4", py::arg("asbytes") = false,
      py::arg("memory_pool") = py::none(), "Decompress a bytes-like object produced with `codec`.");
}

}  // namespace arrowpack::python
