// Tensor and SparseTensor messages: round trips, layout on the wire, zero-copy reads, bad input.
#include <gtest/gtest.h>

#include <cstring>

#include "arrowpack/core/io_memory.h"
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

}  // namespace
}  // namespace arrowpack::testing
