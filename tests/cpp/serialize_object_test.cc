// SerializedObject: the byte layout of pyarrow 0.16-11 (header, alignment from Tell(), tensors,
// buffers), components, reading back zero-copy, blobs of real pyarrow 0.14.1 and 1.0.0 releases,
// and bad input (every truncation, wrong counts, oversized lengths).
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

int32_t Int32At(const Buffer& buffer, int64_t position) {
  int32_t value;
  std::memcpy(&value, buffer.data() + position, 4);
  return value;
}

TensorPtr MakeTensor(std::vector<int64_t> shape, std::vector<int64_t> strides = {}) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::vector<double> values(static_cast<size_t>(n));
  std::iota(values.begin(), values.end(), 0.5);
  std::vector<uint8_t> bytes(values.size() * 8);
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return *Tensor::Make(float64(), Buffer::FromVector(std::move(bytes)), std::move(shape), std::move(strides));
}

// [ndarray 0, buffer 0, sparse 0] with a 3x4 ndarray, a 5-byte buffer and a COO tensor.
SerializedObject MakeObject() {
  SerializedObject object;
  SerializedObject empty;
  SequenceWriter writer;
  EXPECT_OK(writer.BeginList());
  EXPECT_OK(writer.AppendIndex(PythonTag::NDARRAY, 0));
  EXPECT_OK(writer.AppendIndex(PythonTag::BUFFER, 0));
  EXPECT_OK(writer.AppendIndex(PythonTag::SPARSE_COO, 0));
  EXPECT_OK(writer.End());
  object.batch = *writer.Finish();
  object.ndarrays.push_back(MakeTensor({3, 4}));
  object.buffers.push_back(Buffer::FromString("hello"));
  auto dense = MakeTensor({2, 3});
  object.sparse_tensors.push_back(*SparseTensor::FromTensor(*dense, SparseTensorFormat::COO));
  return object;
}

std::shared_ptr<Buffer> MustBuffer(const SerializedObject& object, int nthreads = 1) {
  auto buffer = object.ToBuffer(nthreads);
  EXPECT_TRUE(buffer.ok()) << buffer.status().ToString();
  return *buffer;
}

TEST(SerializedObjectWrite, HeaderCountsAndAlignment) {
  SerializedObject object = MakeObject();
  auto blob = MustBuffer(object);
  ASSERT_OK_AND_ASSIGN(int64_t total, object.TotalBytes());
  EXPECT_EQ(blob->size(), total);
  EXPECT_EQ(Int32At(*blob, 0), 0);   // tensors
  EXPECT_EQ(Int32At(*blob, 4), 1);   // sparse tensors
  EXPECT_EQ(Int32At(*blob, 8), 1);   // ndarrays
  EXPECT_EQ(Int32At(*blob, 12), 1);  // buffers
  EXPECT_EQ(Int32At(*blob, 16), -1);  // the IPC stream's first continuation marker
  // The blob ends with the length-prefixed buffer.
  int64_t length;
  std::memcpy(&length, blob->data() + blob->size() - 13, 8);
  EXPECT_EQ(length, 5);
  EXPECT_EQ(blob->view().substr(static_cast<size_t>(blob->size() - 5)), "hello");
  // The ndarray message starts 64-aligned and its body is 64-aligned too.
  ASSERT_OK_AND_ASSIGN(auto read, ReadSerializedObject(std::make_unique<io::BufferReader>(blob).get()));
  ASSERT_EQ(read.ndarrays.size(), 1u);
  EXPECT_EQ((read.ndarrays[0]->data()->address() - blob->address()) % 64, 0u);
}

TEST(SerializedObjectWrite, ParallelToBufferWritesTheSameBytes) {
  SerializedObject object;
  SequenceWriter writer;
  ASSERT_OK(writer.AppendIndex(PythonTag::NDARRAY, 0));
  object.batch = *writer.Finish();
  object.ndarrays.push_back(MakeTensor({512, 600}));  // 2.4 MB: above the parallel threshold
  auto one = MustBuffer(object, 1);
  auto four = MustBuffer(object, 4);
  EXPECT_TRUE(one->Equals(*four));
}

TEST(SerializedObjectRead, RoundTripIsZeroCopy) {
  SerializedObject object = MakeObject();
  auto blob = MustBuffer(object);
  io::BufferReader source(blob);
  ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
  EXPECT_TRUE(read.batch->Equals(*object.batch));
  ASSERT_EQ(read.ndarrays.size(), 1u);
  EXPECT_TRUE(read.ndarrays[0]->Equals(*object.ndarrays[0]));
  ASSERT_EQ(read.sparse_tensors.size(), 1u);
  EXPECT_TRUE(read.sparse_tensors[0]->Equals(*object.sparse_tensors[0]));
  ASSERT_EQ(read.buffers.size(), 1u);
  EXPECT_EQ(read.buffers[0]->ToString(), "hello");
  const auto inside = [&](const Buffer& b) {
    return b.address() >= blob->address() && b.address() + b.size() <= blob->address() + blob->size();
  };
  EXPECT_TRUE(inside(*read.ndarrays[0]->data()));
  EXPECT_TRUE(inside(*read.buffers[0]));
  ASSERT_OK_AND_ASSIGN(int64_t end, source.Tell());
  EXPECT_EQ(end, blob->size());
}

TEST(SerializedObjectRead, ObjectsWrittenOneAfterAnotherReadBackInTurn) {
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK(sink->Write("abc", 3));  // alignment counts from the sink's position
  SerializedObject first = MakeObject();
  ASSERT_OK(first.WriteTo(sink.get()));
  SerializedObject second;
  SequenceWriter writer;
  ASSERT_OK(writer.AppendString("second"));
  second.batch = *writer.Finish();
  ASSERT_OK(second.WriteTo(sink.get()));
  ASSERT_OK_AND_ASSIGN(auto data, sink->Finish());
  io::BufferReader source(data);
  ASSERT_OK(source.Seek(3));
  ASSERT_OK_AND_ASSIGN(SerializedObject a, ReadSerializedObject(&source));
  EXPECT_EQ(a.ndarrays.size(), 1u);
  EXPECT_EQ(a.buffers[0]->ToString(), "hello");
  ASSERT_OK_AND_ASSIGN(SerializedObject b, ReadSerializedObject(&source));
  ASSERT_OK_AND_ASSIGN(auto reader, SequenceReader::Open(b.batch));
  EXPECT_EQ(reader->root().GetBytes(0), "second");
  ASSERT_OK_AND_ASSIGN(int64_t end, source.Tell());
  EXPECT_EQ(end, data->size());
}

TEST(SerializedObjectRead, NonContiguousTensorsAreWrittenRowByRow) {
  SerializedObject object;
  SequenceWriter writer;
  ASSERT_OK(writer.AppendIndex(PythonTag::NDARRAY, 0));
  object.batch = *writer.Finish();
  auto base = MakeTensor({4, 6});
  // Every other column: shape 4x3, strides (48, 16).
  object.ndarrays.push_back(*Tensor::Make(float64(), base->data(), {4, 3}, {48, 16}));
  auto blob = MustBuffer(object);
  io::BufferReader source(blob);
  ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
  EXPECT_TRUE(read.ndarrays[0]->is_row_major());
  EXPECT_TRUE(read.ndarrays[0]->Equals(*object.ndarrays[0]));
}

TEST(SerializedObjectComponents, CountsAndZeroCopyBodies) {
  SerializedObject object = MakeObject();
  ASSERT_OK_AND_ASSIGN(SerializedComponents c, object.GetComponents());
  EXPECT_EQ(c.num_tensors, 0);
  EXPECT_EQ(c.num_ndarrays, 1);
  EXPECT_EQ(c.num_buffers, 1);
  EXPECT_EQ(c.num_sparse_tensors.coo, 1);
  // stream + (metadata, coords, data) + (metadata, body) + buffer
  ASSERT_EQ(c.data.size(), 7u);
  EXPECT_EQ(c.data[5]->data(), object.ndarrays[0]->raw_data());
  EXPECT_EQ(c.data[6].get(), object.buffers[0].get());
  ASSERT_OK_AND_ASSIGN(SerializedObject back, SerializedObject::FromComponents(c));
  EXPECT_TRUE(back.batch->Equals(*object.batch));
  EXPECT_TRUE(back.ndarrays[0]->Equals(*object.ndarrays[0]));
  EXPECT_EQ(back.ndarrays[0]->raw_data(), object.ndarrays[0]->raw_data());
  EXPECT_TRUE(back.sparse_tensors[0]->Equals(*object.sparse_tensors[0]));
  EXPECT_EQ(back.buffers[0].get(), object.buffers[0].get());
}

TEST(SerializedObjectComponents, SparseFormatsCountTheirBuffers) {
  SerializedObject object;
  SequenceWriter writer;
  ASSERT_OK(writer.BeginList());
  for (int i = 0; i < 3; ++i) ASSERT_OK(writer.AppendIndex(PythonTag::SPARSE_CSR, i));
  ASSERT_OK(writer.End());
  object.batch = *writer.Finish();
  auto dense = MakeTensor({2, 3, 2});
  auto matrix = MakeTensor({3, 2});
  object.sparse_tensors.push_back(*SparseTensor::FromTensor(*matrix, SparseTensorFormat::CSR));
  object.sparse_tensors.push_back(*SparseTensor::FromTensor(*matrix, SparseTensorFormat::CSC));
  object.sparse_tensors.push_back(*SparseTensor::FromTensor(*dense, SparseTensorFormat::CSF));
  ASSERT_OK_AND_ASSIGN(SerializedComponents c, object.GetComponents());
  EXPECT_EQ(c.num_sparse_tensors.csr, 1);
  EXPECT_EQ(c.num_sparse_tensors.csc, 1);
  EXPECT_EQ(c.num_sparse_tensors.csf, 1);
  EXPECT_EQ(c.num_sparse_tensors.ndim_csf, 3);
  EXPECT_EQ(c.data.size(), 1u + 4 + 4 + 7);
  ASSERT_OK_AND_ASSIGN(SerializedObject back, SerializedObject::FromComponents(c));
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(back.sparse_tensors[i]->Equals(*object.sparse_tensors[i]));
}

TEST(SerializedObjectComponents, WrongCountsAreInvalid) {
  ASSERT_OK_AND_ASSIGN(SerializedComponents c, MakeObject().GetComponents());
  SerializedComponents more = c;
  more.num_buffers = 2;
  ASSERT_RAISES_WITH(Invalid, "Invalid number of buffers in data", SerializedObject::FromComponents(more));
  SerializedComponents negative = c;
  negative.num_tensors = -1;
  ASSERT_RAISES_WITH(Invalid, "Invalid number of buffers in data", SerializedObject::FromComponents(negative));
  SerializedComponents swapped = c;
  std::swap(swapped.data[2], swapped.data[4]);  // a tensor body where the sparse metadata should be
  ASSERT_RAISES(Invalid, SerializedObject::FromComponents(swapped));
  SerializedComponents csr_for_coo = c;
  csr_for_coo.num_sparse_tensors.coo = 0;
  csr_for_coo.num_sparse_tensors.csr = 1;  // 4 buffers expected where COO has 3
  ASSERT_RAISES_WITH(Invalid, "Invalid number of buffers in data", SerializedObject::FromComponents(csr_for_coo));
}

TEST(SerializedObjectRead, EveryTruncationIsInvalid) {
  auto blob = MustBuffer(MakeObject());
  for (int64_t n = 0; n < blob->size(); ++n) {
    io::BufferReader source(SliceBuffer(blob, 0, n));
    auto read = ReadSerializedObject(&source);
    ASSERT_FALSE(read.ok()) << "prefix of " << n << " bytes was accepted";
    ASSERT_EQ(read.status().code(), StatusCode::Invalid) << n << ": " << read.status().ToString();
  }
}

TEST(SerializedObjectRead, OversizedBufferLengthIsInvalid) {
  auto blob = MustBuffer(MakeObject());
  auto copy = *blob->CopySlice(0, blob->size());
  const int64_t huge = int64_t{1} << 40;
  std::memcpy(copy->mutable_data() + copy->size() - 13, &huge, 8);
  io::BufferReader source(copy);
  ASSERT_RAISES_WITH(Invalid, "claims 1099511627776 bytes", ReadSerializedObject(&source));
  const int64_t negative = -1;
  std::memcpy(copy->mutable_data() + copy->size() - 13, &negative, 8);
  io::BufferReader again(copy);
  ASSERT_RAISES_WITH(Invalid, "claims -1 bytes", ReadSerializedObject(&again));
}

TEST(SerializedObjectRead, WrongHeaderCountsAreInvalid) {
  auto blob = MustBuffer(MakeObject());
  for (int slot = 0; slot < 4; ++slot) {
    for (int32_t value : {-1, 2, 1000000}) {
      auto copy = *blob->CopySlice(0, blob->size());
      std::memcpy(copy->mutable_data() + 4 * slot, &value, 4);
      io::BufferReader source(copy);
      auto read = ReadSerializedObject(&source);
      if (read.ok()) {
        // A count that the data happens to satisfy must still be caught against the batch.
        ASSERT_OK_AND_ASSIGN(auto reader, SequenceReader::Open(read->batch));
        EXPECT_FALSE(reader
                         ->CheckIndexBounds(static_cast<int64_t>(read->tensors.size()),
                                            static_cast<int64_t>(read->ndarrays.size()),
                                            static_cast<int64_t>(read->buffers.size()),
                                            static_cast<int64_t>(read->sparse_tensors.size()))
                         .ok() &&
                     value != 1)
            << "slot " << slot << " value " << value;
      } else {
        EXPECT_EQ(read.status().code(), StatusCode::Invalid) << read.status().ToString();
      }
    }
  }
}

// ---- layouts of pyarrow 0.12-0.17, built by hand ---------------------------------------------

// A batch with the pre-1.0 numbering: one union child "14" (ndarray) holding index 0.
RecordBatchPtr LegacyNdarrayBatch() {
  auto type = *dense_union({field("14", int32())});
  auto index = ArrayData::Make(int32(), 1, {nullptr, Buffer::FromVector(std::vector<uint8_t>(4, 0))}, 0);
  auto column = ArrayData::Make(type, 1, {Buffer::FromVector({0}), Buffer::FromVector(std::vector<uint8_t>(4, 0))},
                                {index}, 0);
  auto schema = std::make_shared<Schema>(FieldVector{field("list", type)});
  return *RecordBatch::Make(schema, 1, std::vector<ArrayDataPtr>{column});
}

Status Pad(io::OutputStream* sink, int64_t alignment) {
  ARROWPACK_ASSIGN_OR_RAISE(int64_t position, sink->Tell());
  const std::vector<uint8_t> zeros(static_cast<size_t>((alignment - position % alignment) % alignment), 0);
  return zeros.empty() ? Status::OK() : sink->Write(zeros.data(), static_cast<int64_t>(zeros.size()));
}

// `prefix` junk bytes, then the 3-int header of pyarrow 0.12-0.15 ([tensors, ndarrays, buffers])
// for one ndarray, the stream (V4; legacy framing for 0.12-0.14), the tensor message.
std::shared_ptr<Buffer> ThreeIntBlob(int prefix, bool legacy_framing) {
  auto sink = *io::BufferOutputStream::Create();
  const std::vector<uint8_t> junk(static_cast<size_t>(prefix), 0xAB);
  if (prefix > 0) EXPECT_OK(sink->Write(junk.data(), prefix));
  const int32_t header[3] = {0, 1, 0};
  EXPECT_OK(sink->Write(header, sizeof(header)));
  EXPECT_OK(Pad(sink.get(), 8));
  ipc::IpcWriteOptions options;
  options.metadata_version = ipc::MetadataVersion::V4;
  options.write_legacy_ipc_format = legacy_framing;
  auto batch = LegacyNdarrayBatch();
  ipc::DictionaryMemo memo;
  EXPECT_OK(ipc::WriteIpcPayload(*ipc::GetSchemaPayload(*batch->schema(), memo, options), options, sink.get()).status());
  EXPECT_OK(ipc::WriteIpcPayload(*ipc::GetRecordBatchPayload(*batch, options), options, sink.get()).status());
  EXPECT_OK(ipc::WriteEndOfStream(sink.get(), options));
  EXPECT_OK(Pad(sink.get(), 64));
  EXPECT_OK(ipc::WriteTensor(*MakeTensor({2, 2}), sink.get()).status());
  EXPECT_OK(Pad(sink.get(), 64));
  return *sink->Finish();
}

void ExpectOneNdarray(const std::shared_ptr<Buffer>& blob, int prefix) {
  io::BufferReader source(blob);
  ASSERT_OK(source.Seek(prefix));
  ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
  ASSERT_EQ(read.ndarrays.size(), 1u);
  EXPECT_TRUE(read.ndarrays[0]->Equals(*MakeTensor({2, 2})));
  EXPECT_TRUE(read.buffers.empty());
  EXPECT_TRUE(read.sparse_tensors.empty());
  ASSERT_OK_AND_ASSIGN(auto reader, SequenceReader::Open(read.batch));
  EXPECT_EQ(reader->numbering(), TagNumbering::kLegacy);
  EXPECT_EQ(reader->root().tag(0), PythonTag::NDARRAY);
  ASSERT_OK_AND_ASSIGN(int64_t end, source.Tell());
  EXPECT_EQ(end, blob->size());
}

TEST(SerializedObjectLegacyLayouts, ThreeIntHeaderWithOldFraming) {
  // pyarrow 0.12-0.14: told apart by the framing.
  ExpectOneNdarray(ThreeIntBlob(0, true), 0);
}

TEST(SerializedObjectLegacyLayouts, ThreeIntHeaderWithContinuationMarkers) {
  // pyarrow 0.15: bytes 12..16 are zero as in a 4-int header without buffers; the batch, which
  // refers to ndarray 0 and no sparse tensor, decides.
  ExpectOneNdarray(ThreeIntBlob(0, false), 0);
}

TEST(SerializedObjectLegacyLayouts, ThreeIntHeaderStartingOffEightByteAlignment) {
  // Objects appended to a file may start anywhere; the 3-int stream then starts at byte 12.
  ExpectOneNdarray(ThreeIntBlob(4, false), 4);
  ExpectOneNdarray(ThreeIntBlob(4, true), 4);
  ExpectOneNdarray(ThreeIntBlob(3, true), 3);
}

TEST(SerializedObjectLegacyLayouts, FourIntHeaderStartingOffEightByteAlignment) {
  auto sink = *io::BufferOutputStream::Create();
  ASSERT_OK(sink->Write("abcd", 4));
  SerializedObject object = MakeObject();
  ASSERT_OK(object.WriteTo(sink.get()));
  ASSERT_OK_AND_ASSIGN(auto data, sink->Finish());
  io::BufferReader source(data);
  ASSERT_OK(source.Seek(4));
  ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
  EXPECT_EQ(read.ndarrays.size(), 1u);
  EXPECT_EQ(read.sparse_tensors.size(), 1u);
  EXPECT_EQ(read.buffers.size(), 1u);
}

// ---- blobs written by real pyarrow releases ------------------------------------------------

std::shared_ptr<Buffer> ReadLegacyBlob(const std::string& name) {
  std::ifstream file(std::string(ARROWPACK_LEGACY_SERIALIZE_DIR) + "/" + name, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(bytes.empty()) << name;
  return Buffer::FromVector(std::move(bytes));
}

struct LegacyCase {
  const char* file;
  TagNumbering numbering;
  bool sparse;
  bool integer;  // dense blobs: int64 values, else float64
};

class LegacyBlob : public ::testing::TestWithParam<LegacyCase> {};

TEST_P(LegacyBlob, ReadsToItsExactLength) {
  const LegacyCase& c = GetParam();
  auto blob = ReadLegacyBlob(c.file);
  io::BufferReader source(blob);
  ASSERT_OK_AND_ASSIGN(SerializedObject read, ReadSerializedObject(&source));
  ASSERT_OK_AND_ASSIGN(int64_t end, source.Tell());
  EXPECT_EQ(end, blob->size());
  ASSERT_OK_AND_ASSIGN(auto reader, SequenceReader::Open(read.batch));
  EXPECT_EQ(reader->numbering(), c.numbering);
  ASSERT_OK(reader->CheckIndexBounds(0, static_cast<int64_t>(read.ndarrays.size()), 0, 0));
  const UnionReader& root = reader->root();
  ASSERT_EQ(root.length(), 1);
  if (!c.sparse) {
    const auto value_type = c.integer ? TypeId::INT64 : TypeId::DOUBLE;
    ASSERT_EQ(root.tag(0), PythonTag::NDARRAY);
    ASSERT_EQ(read.ndarrays.size(), 1u);
    const Tensor& t = *read.ndarrays[static_cast<size_t>(root.GetIndex(0))];
    EXPECT_EQ(t.shape(), (std::vector<int64_t>{16, 4}));
    EXPECT_EQ(t.type_id(), value_type);
    return;
  }
  // {"_pytype_": "csc", "data": ((data, indices, indptr), (16, 4))}
  ASSERT_EQ(root.tag(0), PythonTag::DICT);
  DictRange d = root.GetDict(0);
  ASSERT_EQ(d.end - d.begin, 2);
  bool saw_type = false;
  for (int64_t i = d.begin; i < d.end; ++i) {
    ASSERT_EQ(d.keys->tag(i), PythonTag::STRING);
    if (d.keys->GetBytes(i) == "_pytype_") {
      saw_type = true;
      EXPECT_EQ(d.vals->GetBytes(i), "csc");
      continue;
    }
    EXPECT_EQ(d.keys->GetBytes(i), "data");
    ASSERT_EQ(d.vals->tag(i), PythonTag::TUPLE);
    SequenceRange outer = d.vals->GetSequence(i);
    ASSERT_EQ(outer.end - outer.begin, 2);
    SequenceRange parts = outer.values->GetSequence(outer.begin);
    ASSERT_EQ(parts.end - parts.begin, 3);
    for (int64_t p = parts.begin; p < parts.end; ++p) ASSERT_EQ(parts.values->tag(p), PythonTag::NDARRAY);
    SequenceRange shape = outer.values->GetSequence(outer.begin + 1);
    ASSERT_EQ(shape.end - shape.begin, 2);
    EXPECT_EQ(shape.values->GetInt64(shape.begin), 16);
    EXPECT_EQ(shape.values->GetInt64(shape.begin + 1), 4);
  }
  EXPECT_TRUE(saw_type);
}

TEST_P(LegacyBlob, EveryTruncationIsInvalid) {
  auto blob = ReadLegacyBlob(GetParam().file);
  for (int64_t n = 0; n < blob->size(); ++n) {
    io::BufferReader source(SliceBuffer(blob, 0, n));
    auto read = ReadSerializedObject(&source);
    if (read.ok()) {
      // Only the zero padding after the last tensor may be missing.
      EXPECT_GE(n, blob->size() - 63) << n;
      continue;
    }
    ASSERT_EQ(read.status().code(), StatusCode::Invalid) << n << ": " << read.status().ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Openprescribing, LegacyBlob,
    ::testing::Values(LegacyCase{"pyarrow-0.14.1_dense.float.uncompressed.bin", TagNumbering::kLegacy, false, false},
                      LegacyCase{"pyarrow-0.14.1_dense.integer.uncompressed.bin", TagNumbering::kLegacy, false, true},
                      LegacyCase{"pyarrow-0.14.1_sparse.float.uncompressed.bin", TagNumbering::kLegacy, true, false},
                      LegacyCase{"pyarrow-0.14.1_sparse.integer.uncompressed.bin", TagNumbering::kLegacy, true, true},
                      LegacyCase{"pyarrow-1.0.0_dense.float.uncompressed.bin", TagNumbering::kModern, false, false},
                      LegacyCase{"pyarrow-1.0.0_dense.integer.uncompressed.bin", TagNumbering::kModern, false, true},
                      LegacyCase{"pyarrow-1.0.0_sparse.float.uncompressed.bin", TagNumbering::kModern, true, false},
                      LegacyCase{"pyarrow-1.0.0_sparse.integer.uncompressed.bin", TagNumbering::kModern, true, true}));

}  // namespace
}  // namespace arrowpack::serialize
