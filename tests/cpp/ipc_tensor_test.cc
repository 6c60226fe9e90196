// Tensor and SparseTensor messages: round trips, layout on the wire, zero-copy reads, bad input.
#include <gtest/gtest.h>

#include <cstring>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/Message_generated.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "array_testing.h"

namespace arrowpack::testing {
namespace {

TensorPtr MakeTensor(std::vector<double> values, std::vector<int64_t> shape, std::vector<int64_t> strides = {},
                     std::vector<std::string> names = {}) {
  return Tensor::Make(float64(), BufferOf(values), std::move(shape), std::move(strides), std::move(names))
      .ValueOrDie();
}

Result<std::shared_ptr<Buffer>> WriteToBuffer(const Tensor& tensor, ipc::TensorWriteResult* result = nullptr) {
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create());
  ARROWPACK_ASSIGN_OR_RAISE(auto written, ipc::WriteTensor(tensor, sink.get()));
  if (result != nullptr) *result = written;
  return sink->Finish();
}

TEST(IpcTensor, RoundTripKeepsShapeNamesAndValues) {
  auto tensor = MakeTensor({1, 2, 3, 4, 5, 6}, {2, 3}, {}, {"rows", "cols"});
  ipc::TensorWriteResult written;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor, &written));
  EXPECT_EQ(written.metadata_length % 64, 0);
  EXPECT_EQ(written.body_length, 48);
  EXPECT_EQ(buffer->size(), written.metadata_length + written.body_length);
  ASSERT_OK_AND_ASSIGN(int64_t size, ipc::GetTensorSize(*tensor));
  EXPECT_EQ(size, buffer->size());

  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadTensor(&input));
  EXPECT_TRUE(read->Equals(*tensor));
  EXPECT_EQ(read->dim_names(), (std::vector<std::string>{"rows", "cols"}));
  EXPECT_EQ(read->strides(), tensor->strides());
  // Zero-copy: the tensor's data lies inside the written buffer.
  EXPECT_EQ(read->data()->address(), buffer->address() + written.metadata_length);
}

TEST(IpcTensor, EveryNumericType) {
  for (const TypePtr& type : {int8(), uint8(), int16(), uint16(), int32(), uint32(), int64(), uint64(), float16(),
                              float32(), float64()}) {
    const int width = type->bit_width() / 8;
    std::vector<uint8_t> bytes(static_cast<size_t>(width * 4));
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7 + 1);
    ASSERT_OK_AND_ASSIGN(auto tensor, Tensor::Make(type, BufferOf(bytes), {4}));
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor));
    io::BufferReader input(buffer);
    ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadTensor(&input));
    EXPECT_TRUE(read->type()->Equals(*type));
    EXPECT_TRUE(read->Equals(*tensor)) << type->ToString();
  }
}

TEST(IpcTensor, StridedTensorIsWrittenRowMajor) {
  // Every other column of a 3x4 matrix.
  auto tensor = MakeTensor({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {3, 2}, {32, 16});
  ASSERT_FALSE(tensor->is_contiguous());
  ipc::TensorWriteResult written;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor, &written));
  EXPECT_EQ(written.body_length, 48);
  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadTensor(&input));
  EXPECT_TRUE(read->Equals(*tensor));
  EXPECT_EQ(read->strides(), (std::vector<int64_t>{16, 8}));
  EXPECT_EQ(read->Value<double>({2, 1}), 10.0);
}

TEST(IpcTensor, ColumnMajorTensorKeepsItsLayout) {
  auto tensor = MakeTensor({1, 2, 3, 4, 5, 6}, {2, 3}, {8, 16});
  ASSERT_TRUE(tensor->is_column_major());
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor));
  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadTensor(&input));
  EXPECT_TRUE(read->Equals(*tensor));
  EXPECT_TRUE(read->is_column_major());
}

TEST(IpcTensor, ZeroSizedAndScalarTensors) {
  for (const auto& shape : {std::vector<int64_t>{0, 3}, std::vector<int64_t>{}}) {
    auto tensor = MakeTensor(shape.empty() ? std::vector<double>{42} : std::vector<double>{}, shape);
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor));
    io::BufferReader input(buffer);
    ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadTensor(&input));
    EXPECT_TRUE(read->Equals(*tensor));
    EXPECT_EQ(read->shape(), shape);
  }
}

TEST(IpcTensor, RecordBatchMessageIsNotATensor) {
  auto batch = RecordBatch::Make(schema({field("x", int32())}), 1, {PrimitiveData<int32_t>(int32(), {1})});
  ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(**batch));
  io::BufferReader input(bytes);
  ASSERT_RAISES_WITH(Invalid, "expected an IPC tensor message", ipc::ReadTensor(&input));
}

TEST(IpcTensor, TruncatedTensorMessagesFailCleanly) {
  auto tensor = MakeTensor({1, 2, 3, 4}, {2, 2});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor));
  for (int64_t size = 0; size < buffer->size(); ++size) {
    io::BufferReader input(SliceBuffer(buffer, 0, size));
    auto result = ipc::ReadTensor(&input);
    ASSERT_FALSE(result.ok()) << "size " << size;
    EXPECT_EQ(result.status().code(), StatusCode::Invalid) << result.status().ToString();
  }
}

TEST(IpcTensor, TensorDataOutsideTheBodyIsRefused) {
  auto tensor = MakeTensor({1, 2, 3, 4}, {2, 2});
  ipc::TensorWriteResult written;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteToBuffer(*tensor, &written));
  // Cut the body short and re-open the message with the shorter body.
  io::BufferReader input(buffer);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
  ASSERT_RAISES_WITH(Invalid, "truncated",
                     ipc::Message::Open(message->metadata(), SliceBuffer(message->body(), 0, 16)));
}

SparseTensorPtr Sparse(const Tensor& dense, SparseTensorFormat format) {
  return SparseTensor::FromTensor(dense, format).ValueOrDie();
}

TEST(IpcSparseTensor, RoundTripsEveryFormat) {
  auto matrix = MakeTensor({0, 1, 0, 2, 0, 0, 3, 0, 4, 0, 0, 5}, {3, 4}, {}, {"r", "c"});
  auto cube = MakeTensor({0, 1, 0, 0, 2, 0, 0, 0, 3, 0, 4, 0}, {2, 3, 2});
  struct Case {
    TensorPtr dense;
    SparseTensorFormat format;
  };
  for (const Case& c : {Case{matrix, SparseTensorFormat::COO}, Case{matrix, SparseTensorFormat::CSR},
                        Case{matrix, SparseTensorFormat::CSC}, Case{cube, SparseTensorFormat::COO},
                        Case{cube, SparseTensorFormat::CSF}}) {
    auto sparse = Sparse(*c.dense, c.format);
    ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
    ASSERT_OK_AND_ASSIGN(auto written, ipc::WriteSparseTensor(*sparse, sink.get()));
    ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
    EXPECT_EQ(buffer->size(), written.metadata_length + written.body_length);
    ASSERT_OK_AND_ASSIGN(int64_t size, ipc::GetSparseTensorSize(*sparse));
    EXPECT_EQ(size, buffer->size());
    io::BufferReader input(buffer);
    ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadSparseTensor(&input));
    EXPECT_EQ(read->format_id(), c.format);
    EXPECT_TRUE(read->Equals(*sparse));
    EXPECT_EQ(read->dim_names(), sparse->dim_names());
    ASSERT_OK_AND_ASSIGN(auto dense, read->ToTensor());
    EXPECT_TRUE(dense->Equals(*c.dense));
  }
}

TEST(IpcSparseTensor, TruncationAndWrongTypeFailCleanly) {
  auto sparse = Sparse(*MakeTensor({0, 1, 2, 0}, {2, 2}), SparseTensorFormat::CSR);
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK(ipc::WriteSparseTensor(*sparse, sink.get()).status());
  ASSERT_OK_AND_ASSIGN(auto buffer, sink->Finish());
  for (int64_t size = 0; size < buffer->size(); size += 3) {
    io::BufferReader input(SliceBuffer(buffer, 0, size));
    ASSERT_FALSE(ipc::ReadSparseTensor(&input).ok()) << "size " << size;
  }
  io::BufferReader input(buffer);
  ASSERT_RAISES_WITH(Invalid, "expected an IPC tensor message", ipc::ReadTensor(&input));
}

namespace fb = org::apache::arrow::flatbuf;

// A CSF sparse tensor message made by hand: the index levels and values packed one after another
// (8-byte aligned, as pyarrow lays them out), index buffer lengths in elements (Arrow C++ and
// pyarrow) or in bytes (arrowpack before it matched them).
struct CsfMessage {
  std::vector<int64_t> shape;
  std::vector<std::vector<int64_t>> indptr, indices;
  std::vector<double> values;
  bool lengths_in_elements = true;
  int64_t level0_extra_length = 0;  // added to the recorded lengths of indptr[0] and indices[0]

  Result<std::unique_ptr<ipc::Message>> Open() const {
    std::string body;
    auto append = [&](const void* data, size_t size) {
      const fb::Buffer spec(static_cast<int64_t>(body.size()), static_cast<int64_t>(size));
      body.append(static_cast<const char*>(data), size);
      return spec;
    };
    auto levels = [&](const std::vector<std::vector<int64_t>>& vectors) {
      std::vector<fb::Buffer> specs;
      for (const auto& v : vectors) {
        const fb::Buffer spec = append(v.data(), v.size() * 8);
        const int64_t length = lengths_in_elements ? static_cast<int64_t>(v.size()) : spec.length();
        specs.emplace_back(spec.offset(), length + (specs.empty() ? level0_extra_length : 0));
      }
      return specs;
    };
    const std::vector<fb::Buffer> indptr_specs = levels(indptr);
    const std::vector<fb::Buffer> indices_specs = levels(indices);
    const fb::Buffer data_spec = append(values.data(), values.size() * 8);
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<fb::TensorDim>> dims;
    for (int64_t extent : shape) dims.push_back(fb::CreateTensorDim(fbb, extent));
    auto dims_offset = fbb.CreateVector(dims);
    std::vector<int32_t> axis_order(shape.size());
    for (size_t i = 0; i < axis_order.size(); ++i) axis_order[i] = static_cast<int32_t>(i);
    auto indptr_type = fb::CreateInt(fbb, 64, true);
    auto indptr_offset = fbb.CreateVectorOfStructs(indptr_specs);
    auto indices_type = fb::CreateInt(fbb, 64, true);
    auto indices_offset = fbb.CreateVectorOfStructs(indices_specs);
    auto axis_offset = fbb.CreateVector(axis_order);
    auto index =
        fb::CreateSparseTensorIndexCSF(fbb, indptr_type, indptr_offset, indices_type, indices_offset, axis_offset);
    auto value_type = fb::CreateFloatingPoint(fbb, fb::Precision_DOUBLE);
    auto tensor = fb::CreateSparseTensor(fbb, fb::Type_FloatingPoint, value_type.Union(), dims_offset,
                                         static_cast<int64_t>(values.size()), fb::SparseTensorIndex_SparseTensorIndexCSF,
                                         index.Union(), &data_spec);
    fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion_V5, fb::MessageHeader_SparseTensor, tensor.Union(),
                                 static_cast<int64_t>(body.size())));
    auto metadata = Buffer::FromString(
        std::string(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize()));
    return ipc::Message::Open(std::move(metadata), Buffer::FromString(std::move(body)));
  }
};

// The 2x3x2 cube of RoundTripsEveryFormat: 1 at (0,0,1), 2 at (0,2,0), 3 at (1,1,0), 4 at (1,2,0).
CsfMessage CubeCsf() {
  return CsfMessage{{2, 3, 2}, {{0, 2, 4}, {0, 1, 2, 3, 4}}, {{0, 1}, {0, 2, 1, 2}, {1, 0, 0, 0}}, {1, 2, 3, 4}};
}

TEST(IpcSparseTensor, CsfIndexBufferLengthsCountElementsAsArrowWrites) {
  auto cube = MakeTensor({0, 1, 0, 0, 2, 0, 0, 0, 3, 0, 4, 0}, {2, 3, 2});
  auto sparse = Sparse(*cube, SparseTensorFormat::CSF);
  ASSERT_OK_AND_ASSIGN(auto payload, ipc::GetSparseTensorPayload(*sparse));
  const auto* message = fb::GetMessage(payload.metadata->data());
  const auto* csf = message->header_as_SparseTensor()->sparseIndex_as_SparseTensorIndexCSF();
  std::vector<int64_t> lengths, counts;
  for (const fb::Buffer* spec : *csf->indptrBuffers()) lengths.push_back(spec->length());
  for (const fb::Buffer* spec : *csf->indicesBuffers()) lengths.push_back(spec->length());
  const auto& index = static_cast<const SparseCSFIndex&>(*sparse->sparse_index());
  for (const auto& level : index.indptr()) counts.push_back(level->shape()[0]);
  for (const auto& level : index.indices()) counts.push_back(level->shape()[0]);
  EXPECT_EQ(lengths, counts);
  EXPECT_EQ(lengths, (std::vector<int64_t>{3, 4, 2, 3, 4}));
  EXPECT_EQ(message->header_as_SparseTensor()->data()->length(), 32);  // the values stay in bytes
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> offsets, ipc::SparseTensorBodyBufferOffsets(payload.metadata));
  EXPECT_EQ(offsets, (std::vector<int64_t>{0, 64, 128, 192, 256, 320}));
}

TEST(IpcSparseTensor, ReadsCsfMessagesWithLengthsInElementsOrBytes) {
  auto cube = MakeTensor({0, 1, 0, 0, 2, 0, 0, 0, 3, 0, 4, 0}, {2, 3, 2});
  for (bool in_elements : {true, false}) {
    CsfMessage spec = CubeCsf();
    spec.lengths_in_elements = in_elements;
    ASSERT_OK_AND_ASSIGN(auto message, spec.Open());
    ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadSparseTensor(*message));
    EXPECT_EQ(read->format_id(), SparseTensorFormat::CSF);
    ASSERT_OK_AND_ASSIGN(auto dense, read->ToTensor());
    EXPECT_TRUE(dense->Equals(*cube)) << "lengths in elements: " << in_elements;
    ASSERT_OK_AND_ASSIGN(std::vector<int64_t> offsets, ipc::SparseTensorBodyBufferOffsets(message->metadata()));
    EXPECT_EQ(offsets, (std::vector<int64_t>{0, 24, 64, 80, 112, 144}));
  }
  for (bool in_elements : {true, false}) {
    CsfMessage vector{{5}, {}, {{1, 4}}, {7, 8}, in_elements, 0};
    ASSERT_OK_AND_ASSIGN(auto message, vector.Open());
    ASSERT_OK_AND_ASSIGN(auto read, ipc::ReadSparseTensor(*message));
    ASSERT_OK_AND_ASSIGN(auto dense, read->ToTensor());
    EXPECT_TRUE(dense->Equals(*MakeTensor({0, 7, 0, 0, 8}, {5})));
  }
}

TEST(IpcSparseTensor, BadCsfIndexLengthsAreRefused) {
  CsfMessage short_indptr = CubeCsf();
  short_indptr.indptr[0] = {0, 2};
  ASSERT_OK_AND_ASSIGN(auto message, short_indptr.Open());
  EXPECT_FALSE(ipc::ReadSparseTensor(*message).ok());
  // Element counts far beyond the body are refused before they are scaled to bytes.
  CsfMessage huge = CubeCsf();
  huge.level0_extra_length = int64_t{1} << 61;
  ASSERT_OK_AND_ASSIGN(message, huge.Open());
  ASSERT_RAISES_WITH(Invalid, "is larger than the message body", ipc::ReadSparseTensor(*message));
}

}  // namespace
}  // namespace arrowpack::testing
