// Writes the seed corpus of the fuzz targets: valid streams, files, single messages and tensor
// messages covering every type, slices, dictionaries (deltas and replacements), both body
// compressions, legacy framing and V4 metadata, and serialized objects (every kind of value, and
// the blobs of real pyarrow 0.14.1 / 1.0.0 releases). Usage: make_seed_corpus <dir>; it fills
// <dir>/stream, <dir>/file, <dir>/tensor, <dir>/message and <dir>/deserialize.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/sparse_tensor.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "ipc_testing.h"

namespace {

using namespace arrowpack;
namespace apt = arrowpack::testing;
namespace fs = std::filesystem;

Status WriteBytes(const fs::path& path, const Buffer& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return out ? Status::OK() : Status::IOError("cannot write ", path.string());
}

struct Variant {
  std::string name;
  ipc::IpcWriteOptions options;
};

std::vector<Variant> WriteVariants() {
  std::vector<Variant> variants;
  variants.push_back({"plain", {}});
  ipc::IpcWriteOptions lz4;
  lz4.compression = Compression::LZ4_FRAME;
  variants.push_back({"lz4", lz4});
  ipc::IpcWriteOptions zstd;
  zstd.compression = Compression::ZSTD;
  variants.push_back({"zstd", zstd});
  ipc::IpcWriteOptions aligned_v4;
  aligned_v4.alignment = 64;
  aligned_v4.metadata_version = ipc::MetadataVersion::V4;
  variants.push_back({"v4_align64", aligned_v4});
  ipc::IpcWriteOptions legacy;
  legacy.write_legacy_ipc_format = true;
  variants.push_back({"legacy", legacy});
  ipc::IpcWriteOptions deltas;
  deltas.emit_dictionary_deltas = true;
  variants.push_back({"deltas", deltas});
  return variants;
}

// Batch sets: one column per type (small inputs mutate faster than one wide batch), the
// all-types batch and a slice of it, and dictionaries that grow and change.
std::vector<std::pair<std::string, RecordBatchVector>> BatchSets() {
  std::vector<std::pair<std::string, RecordBatchVector>> sets;
  for (const auto& column : apt::AllTypeColumns()) {
    auto batch = apt::BatchOf({column});
    sets.push_back({"col_" + column.first, {batch, batch->Slice(1, 3)}});
  }
  auto all = apt::AllTypesBatch();
  sets.push_back({"all_types", {all, all->Slice(2, 3)}});
  auto type = apt::Unwrap(dictionary(int8(), utf8()));
  auto indices = apt::OptionalData<int8_t>(int8(), {0, 1, std::nullopt});
  auto first = apt::BatchOf({{"d", apt::DictionaryData(type, indices, apt::StringData({"a", "b"}))}});
  auto grown = apt::BatchOf({{"d", apt::DictionaryData(type, indices, apt::StringData({"a", "b", "c"}))}});
  auto changed = apt::BatchOf({{"d", apt::DictionaryData(type, indices, apt::StringData({"x", "y"}))}});
  sets.push_back({"dict_grow", {first, grown}});
  sets.push_back({"dict_replace", {first, changed}});
  return sets;
}

Status WriteRecordBatchSeeds(const fs::path& root) {
  for (const auto& [set_name, batches] : BatchSets()) {
    for (const auto& variant : WriteVariants()) {
      const std::string name = set_name + "_" + variant.name;
      auto stream = apt::WriteIpc(batches, batches[0]->schema(), false, variant.options);
      if (stream.ok()) ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "stream" / name, **stream));
      // Files refuse replaced dictionaries and legacy framing changes nothing in them.
      auto file = apt::WriteIpc(batches, batches[0]->schema(), true, variant.options);
      if (file.ok()) ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "file" / name, **file));
      if (stream.ok()) ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "message" / name, **stream));
    }
  }
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> TensorBytes(const Tensor& tensor) {
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create());
  ARROWPACK_RETURN_NOT_OK(ipc::WriteTensor(tensor, sink.get()).status());
  return sink->Finish();
}

Result<std::shared_ptr<Buffer>> SparseTensorBytes(const SparseTensor& sparse) {
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create());
  ARROWPACK_RETURN_NOT_OK(ipc::WriteSparseTensor(sparse, sink.get()).status());
  return sink->Finish();
}

Status WriteTensorSeeds(const fs::path& root) {
  const std::vector<double> values = {0, 1.5, 0, 0, -2, 0, 3, 0, 0, 0, 4.25, 0};
  const std::vector<std::vector<int64_t>> shapes = {{12}, {3, 4}, {2, 3, 2}};
  for (const auto& shape : shapes) {
    ARROWPACK_ASSIGN_OR_RAISE(auto tensor, Tensor::Make(float64(), apt::BufferOf(values), shape));
    const std::string stem = "f64_" + std::to_string(shape.size()) + "d";
    ARROWPACK_ASSIGN_OR_RAISE(auto dense, TensorBytes(*tensor));
    ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "tensor" / (stem + "_dense"), *dense));
    ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "message" / (stem + "_dense"), *dense));
    for (auto format : {SparseTensorFormat::COO, SparseTensorFormat::CSR, SparseTensorFormat::CSC,
                        SparseTensorFormat::CSF}) {
      auto sparse = SparseTensor::FromTensor(*tensor, format);
      if (!sparse.ok()) continue;  // CSR/CSC are 2-D only
      ARROWPACK_ASSIGN_OR_RAISE(auto bytes, SparseTensorBytes(**sparse));
      const std::string name = stem + "_sparse" + std::to_string(static_cast<int>(format));
      ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "tensor" / name, *bytes));
      ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "message" / name, *bytes));
    }
  }
  // Other element types and a strided (non-contiguous) tensor written row-major.
  const std::vector<int32_t> ints = {1, 0, 2, 0, 3, 0};
  ARROWPACK_ASSIGN_OR_RAISE(auto int_tensor, Tensor::Make(int32(), apt::BufferOf(ints), {2, 3}, {}, {"r", "c"}));
  ARROWPACK_ASSIGN_OR_RAISE(auto int_bytes, TensorBytes(*int_tensor));
  ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "tensor" / "i32_named", *int_bytes));
  ARROWPACK_ASSIGN_OR_RAISE(auto strided, Tensor::Make(int32(), apt::BufferOf(ints), {3, 2}, {4, 12}));
  ARROWPACK_ASSIGN_OR_RAISE(auto strided_bytes, TensorBytes(*strided));
  ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "tensor" / "i32_strided", *strided_bytes));
  return Status::OK();
}

Status WriteSerializedSeeds(const fs::path& root) {
  using serialize::PythonTag;
  serialize::SequenceWriter writer;
  ARROWPACK_RETURN_NOT_OK(writer.BeginDict());
  ARROWPACK_RETURN_NOT_OK(writer.DictKey());
  ARROWPACK_RETURN_NOT_OK(writer.AppendString("list"));
  ARROWPACK_RETURN_NOT_OK(writer.DictValue());
  ARROWPACK_RETURN_NOT_OK(writer.BeginList());
  ARROWPACK_RETURN_NOT_OK(writer.AppendNone());
  ARROWPACK_RETURN_NOT_OK(writer.AppendBool(true));
  ARROWPACK_RETURN_NOT_OK(writer.AppendInt64(-7));
  const uint8_t raw[] = {1, 2, 3};
  ARROWPACK_RETURN_NOT_OK(writer.AppendBytes(raw, 3));
  ARROWPACK_RETURN_NOT_OK(writer.AppendHalfFloat(0x3c00));
  ARROWPACK_RETURN_NOT_OK(writer.AppendFloat(1.5f));
  ARROWPACK_RETURN_NOT_OK(writer.AppendDouble(2.5));
  ARROWPACK_RETURN_NOT_OK(writer.AppendDate64(123456789));
  ARROWPACK_RETURN_NOT_OK(writer.BeginTuple());
  ARROWPACK_RETURN_NOT_OK(writer.AppendIndex(PythonTag::NDARRAY, 0));
  ARROWPACK_RETURN_NOT_OK(writer.AppendIndex(PythonTag::TENSOR, 0));
  ARROWPACK_RETURN_NOT_OK(writer.AppendIndex(PythonTag::BUFFER, 0));
  ARROWPACK_RETURN_NOT_OK(writer.AppendIndex(PythonTag::SPARSE_CSR, 0));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.BeginSet());
  ARROWPACK_RETURN_NOT_OK(writer.AppendString("s"));
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.End());
  ARROWPACK_RETURN_NOT_OK(writer.End());
  serialize::SerializedObject object;
  ARROWPACK_ASSIGN_OR_RAISE(object.batch, writer.Finish());
  const std::vector<double> values = {0, 1.5, 0, 0, -2, 0};
  ARROWPACK_ASSIGN_OR_RAISE(auto tensor, Tensor::Make(float64(), apt::BufferOf(values), {2, 3}));
  object.ndarrays.push_back(tensor);
  object.tensors.push_back(tensor);
  object.buffers.push_back(Buffer::FromString("buffer"));
  ARROWPACK_ASSIGN_OR_RAISE(auto csr, SparseTensor::FromTensor(*tensor, SparseTensorFormat::CSR));
  object.sparse_tensors.push_back(csr);
  ARROWPACK_ASSIGN_OR_RAISE(auto blob, object.ToBuffer());
  ARROWPACK_RETURN_NOT_OK(WriteBytes(root / "deserialize" / "every_kind", *blob));
  for (const char* name : {"pyarrow-0.14.1_dense.float.uncompressed.bin", "pyarrow-0.14.1_sparse.integer.uncompressed.bin",
                           "pyarrow-1.0.0_dense.integer.uncompressed.bin", "pyarrow-1.0.0_sparse.float.uncompressed.bin"}) {
    std::error_code error;
    fs::copy_file(fs::path(ARROWPACK_LEGACY_SERIALIZE_DIR) / name, root / "deserialize" / name,
                  fs::copy_options::overwrite_existing, error);
    if (error) return Status::IOError("cannot copy ", name, ": ", error.message());
  }
  return Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
    return 2;
  }
  const fs::path root = argv[1];
  for (const char* target : {"stream", "file", "tensor", "message", "deserialize"}) {
    fs::create_directories(root / target);
  }
  Status status = WriteRecordBatchSeeds(root);
  if (status.ok()) status = WriteTensorSeeds(root);
  if (status.ok()) status = WriteSerializedSeeds(root);
  if (!status.ok()) {
    std::fprintf(stderr, "make_seed_corpus: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
