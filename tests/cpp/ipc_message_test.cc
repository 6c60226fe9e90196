// Encapsulated messages: framing, padding, EOS, legacy prefix, MessageReader, zero-copy bodies.
#include <gtest/gtest.h>

#include <cstring>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/message.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

RecordBatchPtr Sample() {
  return BatchOf({{"x", OptionalData<int32_t>(int32(), {1, std::nullopt, 3})}, {"s", StringData({"a", "bc", ""})}});
}

TEST(IpcMessage, FramingAndPadding) {
  for (int alignment : {8, 64}) {
    ipc::IpcWriteOptions options;
    options.alignment = alignment;
    ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(*Sample(), options));
    uint32_t marker;
    int32_t length;
    std::memcpy(&marker, bytes->data(), 4);
    std::memcpy(&length, bytes->data() + 4, 4);
    EXPECT_EQ(marker, 0xFFFFFFFFu);
    EXPECT_EQ((8 + length) % alignment, 0);
    io::BufferReader input(bytes);
    ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
    EXPECT_EQ(message->type(), ipc::MessageType::RECORD_BATCH);
    EXPECT_EQ(ipc::MessageTypeName(message->type()), "record batch");
    EXPECT_EQ(message->metadata_version(), ipc::MetadataVersion::V5);
    EXPECT_EQ(message->body_length() % alignment, 0);
    EXPECT_EQ(8 + length + message->body_length(), bytes->size());
    // The body is a slice of the input.
    EXPECT_EQ(message->body()->address(), bytes->address() + 8 + length);
    ASSERT_OK_AND_ASSIGN(auto next, ipc::ReadMessage(&input));
    EXPECT_EQ(next, nullptr);
  }
}

TEST(IpcMessage, SerializeToReproducesTheBytes) {
  ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(*Sample()));
  io::BufferReader input(bytes);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK_AND_ASSIGN(int64_t written, message->SerializeTo(sink.get()));
  ASSERT_OK_AND_ASSIGN(auto copy, sink->Finish());
  EXPECT_EQ(written, bytes->size());
  EXPECT_TRUE(copy->Equals(*bytes));
  io::BufferReader again(copy);
  ASSERT_OK_AND_ASSIGN(auto reread, ipc::ReadMessage(&again));
  EXPECT_TRUE(reread->Equals(*message));
}

TEST(IpcMessage, MessageReaderWalksAStream) {
  auto batch = Sample();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch, batch}, batch->schema(), false));
  auto reader = ipc::MessageReader::Open(std::make_shared<io::BufferReader>(buffer));
  std::vector<ipc::MessageType> types;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto message, reader->ReadNextMessage());
    if (message == nullptr) break;
    types.push_back(message->type());
  }
  EXPECT_EQ(types, (std::vector<ipc::MessageType>{ipc::MessageType::SCHEMA, ipc::MessageType::RECORD_BATCH,
                                                   ipc::MessageType::RECORD_BATCH}));
}

TEST(IpcMessage, EndOfStreamMarkers) {
  io::BufferReader modern(Buffer::FromString(std::string("\xFF\xFF\xFF\xFF\0\0\0\0", 8)));
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&modern));
  EXPECT_EQ(message, nullptr);
  io::BufferReader legacy(Buffer::FromString(std::string("\0\0\0\0", 4)));
  ASSERT_OK_AND_ASSIGN(message, ipc::ReadMessage(&legacy));
  EXPECT_EQ(message, nullptr);
  io::BufferReader partial(Buffer::FromString(std::string("\xFF\xFF", 2)));
  ASSERT_RAISES_WITH(Invalid, "inside a message prefix", ipc::ReadMessage(&partial));
  io::BufferReader partial_length(Buffer::FromString(std::string("\xFF\xFF\xFF\xFF\x01", 5)));
  ASSERT_RAISES_WITH(Invalid, "inside a message length", ipc::ReadMessage(&partial_length));
}

TEST(IpcMessage, EndOfStreamIsWrittenInBothFramings) {
  ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
  ASSERT_OK(ipc::WriteEndOfStream(sink.get()));
  ipc::IpcWriteOptions legacy;
  legacy.write_legacy_ipc_format = true;
  ASSERT_OK(ipc::WriteEndOfStream(sink.get(), legacy));
  ASSERT_OK_AND_ASSIGN(auto bytes, sink->Finish());
  EXPECT_EQ(bytes->ToString(), std::string("\xFF\xFF\xFF\xFF\0\0\0\0\0\0\0\0", 12));
}

TEST(IpcMessage, MisalignedMetadataIsCopiedBeforeVerification) {
  ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(*Sample()));
  // Shift the whole message by one byte in memory.
  auto shifted = Buffer::FromString("x" + bytes->ToString());
  io::BufferReader input(SliceBuffer(shifted, 1, bytes->size()));
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
  EXPECT_EQ(message->metadata()->address() % 8, 0u);
  ASSERT_OK_AND_ASSIGN(auto batch, ipc::ReadRecordBatch(*message, Sample()->schema(), nullptr));
  EXPECT_TRUE(batch->Equals(*Sample()));
}

TEST(IpcMessage, OpenChecksTheBody) {
  ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(*Sample()));
  io::BufferReader input(bytes);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(&input));
  ASSERT_RAISES_WITH(Invalid, "truncated", ipc::Message::Open(message->metadata(), nullptr));
  auto longer = Buffer::FromString(message->body()->ToString() + "extra");
  ASSERT_OK_AND_ASSIGN(auto trimmed, ipc::Message::Open(message->metadata(), longer));
  EXPECT_EQ(trimmed->body_length(), message->body_length());
  ASSERT_RAISES(Invalid, ipc::Message::Open(nullptr, nullptr));
}

TEST(IpcMessage, ReadMessageAtFileOffsetChecksBounds) {
  ASSERT_OK_AND_ASSIGN(auto bytes, ipc::SerializeRecordBatch(*Sample()));
  io::BufferReader file(bytes);
  int32_t length;
  std::memcpy(&length, bytes->data() + 4, 4);
  ASSERT_OK_AND_ASSIGN(auto message, ipc::ReadMessage(0, 8 + length, &file));
  EXPECT_EQ(message->type(), ipc::MessageType::RECORD_BATCH);
  ASSERT_RAISES_WITH(Invalid, "exceeds the file size", ipc::ReadMessage(8, 8 + length + 64, &file));
  ASSERT_RAISES_WITH(Invalid, "invalid IPC message location", ipc::ReadMessage(-8, 16, &file));
  ASSERT_RAISES_WITH(Invalid, "declares metadata length", ipc::ReadMessage(0, 16, &file));
}

}  // namespace
}  // namespace arrowpack::testing
