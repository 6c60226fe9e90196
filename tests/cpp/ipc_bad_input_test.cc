// Hostile input: truncation at every byte, corrupted lengths, offsets and type ids, wrong magic,
// future metadata versions and decompression bombs must all give a clean error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/File_generated.h"
#include "arrowpack/ipc/Message_generated.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/tensor_io.h"
#include "arrowpack/ipc/writer.h"
#include "ipc_testing.h"

namespace arrowpack::testing {
namespace {

namespace fb = org::apache::arrow::flatbuf;

std::shared_ptr<Buffer> Mutated(const std::shared_ptr<Buffer>& buffer, int64_t position, const void* bytes,
                                int64_t size) {
  std::string copy(buffer->view());
  std::memcpy(copy.data() + position, bytes, static_cast<size_t>(size));
  return Buffer::FromString(std::move(copy));
}

// Reads a whole stream (or file) and every batch, returning the first error.
Status ReadEverything(const std::shared_ptr<Buffer>& buffer, bool as_file) {
  ipc::IpcReadOptions options;
  options.validate_full = true;
  if (as_file) return ReadFile(buffer, options).status();
  return ReadStream(buffer, options).status();
}

RecordBatchVector SampleBatches() {
  auto batch = AllTypesBatch();
  return {batch, batch->Slice(2, 3)};
}

// Offsets at which a stream may end cleanly: after each complete message.
std::vector<int64_t> MessageEnds(const std::shared_ptr<Buffer>& buffer) {
  std::vector<int64_t> ends;
  io::BufferReader input(buffer);
  while (true) {
    auto message = ipc::ReadMessage(&input).ValueOrDie();
    if (message == nullptr) break;
    ends.push_back(input.Tell().ValueOrDie());
  }
  return ends;
}

// A stream cut inside a message is an error; one cut between messages is a shorter stream.
void CheckStreamTruncations(const std::shared_ptr<Buffer>& buffer) {
  const std::vector<int64_t> ends = MessageEnds(buffer);
  for (int64_t size = 0; size < buffer->size(); ++size) {
    Status status = ReadEverything(SliceBuffer(buffer, 0, size), false);
    const bool clean_cut = std::find(ends.begin(), ends.end(), size) != ends.end();
    if (clean_cut) {
      ASSERT_OK(status);
      continue;
    }
    ASSERT_FALSE(status.ok()) << "truncated at " << size;
    ASSERT_EQ(status.code(), StatusCode::Invalid) << "truncated at " << size << ": " << status.ToString();
  }
}

TEST(IpcBadInput, StreamTruncatedAtEveryByte) {
  auto batches = SampleBatches();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, batches[0]->schema(), false));
  ASSERT_OK(ReadEverything(buffer, false));
  EXPECT_EQ(MessageEnds(buffer).size(), 4u);  // schema, dictionary, two batches
  CheckStreamTruncations(buffer);
}

TEST(IpcBadInput, FileTruncatedAtEveryByte) {
  auto batches = SampleBatches();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, batches[0]->schema(), true));
  ASSERT_OK(ReadEverything(buffer, true));
  for (int64_t size = 0; size < buffer->size(); ++size) {
    Status status = ReadEverything(SliceBuffer(buffer, 0, size), true);
    ASSERT_FALSE(status.ok()) << "truncated at " << size;
    ASSERT_EQ(status.code(), StatusCode::Invalid) << "truncated at " << size << ": " << status.ToString();
  }
}

TEST(IpcBadInput, CompressedStreamTruncatedAtEveryByte) {
  auto batches = SampleBatches();
  ipc::IpcWriteOptions options;
  options.compression = Compression::ZSTD;
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc(batches, batches[0]->schema(), false, options));
  CheckStreamTruncations(buffer);
}

TEST(IpcBadInput, EveryByteFlippedNeverCrashes) {
  auto batch = BatchOf({{"s", StringData({"a", std::nullopt, "ccc"})},
                        {"l", ListData<int32_t>(list(int32()), {0, 1, 3, 3}, PrimitiveData<int32_t>(int32(), {1, 2, 3}))},
                        {"d", DictionaryData(Unwrap(dictionary(int8(), utf8())), PrimitiveData<int8_t>(int8(), {0, 1, 0}),
                                             StringData({"x", "y"}))}});
  for (bool as_file : {false, true}) {
    ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), as_file));
    for (int64_t position = 0; position < buffer->size(); ++position) {
      for (uint8_t value : {uint8_t{0x00}, uint8_t{0xFF}, uint8_t{0x7F}, uint8_t{0x80}}) {
        // Any outcome but a crash is acceptable; errors must carry a message.
        Status status = ReadEverything(Mutated(buffer, position, &value, 1), as_file);
        if (!status.ok()) {
          ASSERT_FALSE(status.message().empty());
        }
      }
    }
  }
}

TEST(IpcBadInput, EmptyInput) {
  ASSERT_RAISES_WITH(Invalid, "empty", ReadStream(Buffer::FromString("")));
  ASSERT_RAISES_WITH(Invalid, "too small", ReadFile(Buffer::FromString("")));
}

TEST(IpcBadInput, WrongFileMagic) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), true));
  ASSERT_RAISES_WITH(Invalid, "magic at the start", ReadFile(Mutated(buffer, 0, "ARROW2", 6)));
  ASSERT_RAISES_WITH(Invalid, "magic at the end", ReadFile(Mutated(buffer, buffer->size() - 6, "ARROWX", 6)));
  // A stream is not a file.
  ASSERT_OK_AND_ASSIGN(auto stream, WriteIpc({batch}, batch->schema(), false));
  ASSERT_RAISES_WITH(Invalid, "not an Arrow IPC file", ReadFile(stream));
}

TEST(IpcBadInput, CorruptFooterLength) {
  auto batch = AllTypesBatch();
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), true));
  for (int32_t length : {-1, 0, 1 << 30}) {
    ASSERT_RAISES_WITH(Invalid, "footer length", ReadFile(Mutated(buffer, buffer->size() - 10, &length, 4)));
  }
}

TEST(IpcBadInput, NegativeMetadataLength) {
  const uint8_t bytes[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF};
  ASSERT_RAISES_WITH(Invalid, "negative metadata length", ReadStream(Buffer::FromString(std::string((const char*)bytes, 8))));
}

TEST(IpcBadInput, HugeMetadataLengthOnAShortStream) {
  const uint8_t bytes[12] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x70, 1, 2, 3, 4};
  ASSERT_RAISES_WITH(Invalid, "truncated", ReadStream(Buffer::FromString(std::string((const char*)bytes, 12))));
}

// Builds a stream by hand from a Message flatbuffer.
std::shared_ptr<Buffer> StreamOf(flatbuffers::FlatBufferBuilder& fbb, const std::string& body = "") {
  std::string out("\xFF\xFF\xFF\xFF", 4);
  const int32_t padded = static_cast<int32_t>((fbb.GetSize() + 7) / 8 * 8);
  out.append(reinterpret_cast<const char*>(&padded), 4);
  out.append(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  out.append(static_cast<size_t>(padded) - fbb.GetSize(), '\0');
  out += body;
  return Buffer::FromString(std::move(out));
}

std::shared_ptr<Buffer> SchemaStream(int16_t version, fb::Type type_tag = fb::Type_Int) {
  flatbuffers::FlatBufferBuilder fbb;
  flatbuffers::Offset<void> type;
  if (type_tag == fb::Type_Int) {
    type = fb::CreateInt(fbb, 32, true).Union();
  } else {
    type = fb::CreateNull(fbb).Union();
  }
  auto name = fbb.CreateString("x");
  auto field = fb::CreateField(fbb, name, true, type_tag, type);
  auto fields = fbb.CreateVector(std::vector<flatbuffers::Offset<fb::Field>>{field});
  auto schema = fb::CreateSchema(fbb, fb::Endianness_Little, fields);
  fbb.Finish(fb::CreateMessage(fbb, static_cast<fb::MetadataVersion>(version), fb::MessageHeader_Schema,
                               schema.Union(), 0));
  return StreamOf(fbb);
}

TEST(IpcBadInput, MetadataVersionsOtherThanV4AndV5AreRefused) {
  ASSERT_OK(ReadStream(SchemaStream(fb::MetadataVersion_V4)).status());
  ASSERT_OK(ReadStream(SchemaStream(fb::MetadataVersion_V5)).status());
  ASSERT_RAISES_WITH(Invalid, "unknown Arrow IPC metadata version 5 (V6)", ReadStream(SchemaStream(5)));
  ASSERT_RAISES_WITH(Invalid, "old Arrow IPC metadata version V3", ReadStream(SchemaStream(fb::MetadataVersion_V3)));
}

TEST(IpcBadInput, UnknownTypeTagIsRefused) {
  ASSERT_RAISES_WITH(Invalid, "unknown type tag 99", ReadStream(SchemaStream(fb::MetadataVersion_V5, static_cast<fb::Type>(99))));
}

TEST(IpcBadInput, GarbageMetadataFailsVerification) {
  std::string bytes("\xFF\xFF\xFF\xFF\x10\x00\x00\x00", 8);
  bytes += std::string("\x04\x00\x00\x00\xFF\xFF\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08", 16);
  ASSERT_RAISES_WITH(Invalid, "verification", ReadStream(Buffer::FromString(bytes)));
}

// A stream with one int32 column whose record batch metadata is made by hand.
std::shared_ptr<Buffer> BatchStream(int64_t length, std::vector<fb::FieldNode> nodes, std::vector<fb::Buffer> buffers,
                                    int64_t body_length, const std::string& body,
                                    fb::CompressionType codec = fb::CompressionType_ZSTD, bool compressed = false) {
  auto schema = SchemaStream(fb::MetadataVersion_V5);
  flatbuffers::FlatBufferBuilder fbb;
  auto nodes_offset = fbb.CreateVectorOfStructs(nodes);
  auto buffers_offset = fbb.CreateVectorOfStructs(buffers);
  flatbuffers::Offset<fb::BodyCompression> compression;
  if (compressed) compression = fb::CreateBodyCompression(fbb, codec);
  auto batch = fb::CreateRecordBatch(fbb, length, nodes_offset, buffers_offset, compression);
  fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion_V5, fb::MessageHeader_RecordBatch, batch.Union(), body_length));
  auto message = StreamOf(fbb, body);
  return Buffer::FromString(schema->ToString() + message->ToString());
}

TEST(IpcBadInput, HandMadeBatchReadsWhenConsistent) {
  std::string body(16, '\0');
  int32_t values[2] = {7, 9};
  std::memcpy(body.data(), values, 8);
  ASSERT_OK_AND_ASSIGN(auto batches, ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(std::static_pointer_cast<PrimitiveArray<int32_t>>(batches[0]->column(0))->Value(1), 9);
}

TEST(IpcBadInput, BufferOutsideTheBody) {
  std::string body(16, '\0');
  ASSERT_RAISES_WITH(Invalid, "outside the message body", ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {8, 16}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "outside the message body",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {-8, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "outside the message body",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {INT64_MAX, 8}}, 16, body)));
}

// A column without nulls drops its validity bitmap unread, but the bitmap's range is still checked.
TEST(IpcBadInput, UnusedValidityBufferOutsideTheBody) {
  std::string body(16, '\0');
  ASSERT_RAISES_WITH(Invalid, "IPC buffer 0 (offset 64, length 8) lies outside the message body",
                     ReadStream(BatchStream(2, {{2, 0}}, {{64, 8}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "IPC buffer 0 (offset -8, length 0) lies outside the message body",
                     ReadStream(BatchStream(2, {{2, 0}}, {{-8, 0}, {0, 8}}, 16, body)));
}

TEST(IpcBadInput, BodyShorterThanDeclared) {
  ASSERT_RAISES_WITH(Invalid, "truncated", ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 8}}, 64, std::string(16, '\0'))));
}

TEST(IpcBadInput, BufferTooSmallForTheLength) {
  ASSERT_RAISES_WITH(Invalid, "too small", ReadStream(BatchStream(4, {{4, 0}}, {{0, 0}, {0, 8}}, 16, std::string(16, '\0'))));
}

TEST(IpcBadInput, NodeAndBufferCountsMustMatchTheSchema) {
  std::string body(16, '\0');
  ASSERT_RAISES_WITH(Invalid, "too few field nodes", ReadStream(BatchStream(2, {}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "field nodes but its schema uses",
                     ReadStream(BatchStream(2, {{2, 0}, {2, 0}}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "too few buffers", ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "buffers but its schema uses",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 8}, {8, 8}}, 16, body)));
}

TEST(IpcBadInput, InvalidNodeCounts) {
  std::string body(16, '\0');
  ASSERT_RAISES_WITH(Invalid, "invalid length", ReadStream(BatchStream(2, {{-2, 0}}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "null count", ReadStream(BatchStream(2, {{2, 3}}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "too small", ReadStream(BatchStream(2, {{2, 1}}, {{0, 0}, {0, 8}}, 16, body)));
  ASSERT_RAISES_WITH(Invalid, "length", ReadStream(BatchStream(3, {{2, 0}}, {{0, 0}, {0, 8}}, 16, body)));
}

std::string CompressedBody(int64_t uncompressed_length, const std::string& payload) {
  std::string body(reinterpret_cast<const char*>(&uncompressed_length), 8);
  body += payload;
  body.resize((body.size() + 7) / 8 * 8, '\0');
  return body;
}

TEST(IpcBadInput, DecompressionBombsAreRefused) {
  const std::string body = CompressedBody(int64_t{1} << 62, "tiny");
  ASSERT_RAISES_WITH(Invalid, "max_decompression_ratio",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 12}}, static_cast<int64_t>(body.size()), body,
                                            fb::CompressionType_ZSTD, true)));
  ipc::IpcReadOptions options;
  options.max_allocation = 1024;
  const std::string medium = CompressedBody(1 << 20, std::string(64, 'x'));
  ASSERT_RAISES_WITH(Invalid, "max_allocation",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 72}}, static_cast<int64_t>(medium.size()), medium,
                                            fb::CompressionType_ZSTD, true),
                                options));
}

TEST(IpcBadInput, CorruptCompressedData) {
  const std::string body = CompressedBody(8, "not zstd data at all");
  ASSERT_RAISES(IOError, ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 28}}, static_cast<int64_t>(body.size()), body,
                                                fb::CompressionType_ZSTD, true)));
  const std::string short_body = CompressedBody(8, "");
  ASSERT_RAISES_WITH(Invalid, "shorter than its 8-byte length prefix",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 4}}, 8, short_body, fb::CompressionType_ZSTD, true)));
  ASSERT_RAISES_WITH(Invalid, "negative length",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 16}}, 16, CompressedBody(-5, "abcdefgh"),
                                            fb::CompressionType_ZSTD, true)));
  ASSERT_RAISES_WITH(Invalid, "codec",
                     ReadStream(BatchStream(2, {{2, 0}}, {{0, 0}, {0, 16}}, 16, CompressedBody(-1, "abcdefgh"),
                                            static_cast<fb::CompressionType>(7), true)));
}

TEST(IpcBadInput, CorruptFileBlocks) {
  auto batch = BatchOf({{"x", PrimitiveData<int64_t>(int64(), {1, 2, 3})}});
  ASSERT_OK_AND_ASSIGN(auto buffer, WriteIpc({batch}, batch->schema(), true));
  ASSERT_OK_AND_ASSIGN(auto reader, ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer)));
  ASSERT_EQ(reader->num_record_batches(), 1);
  ASSERT_RAISES(IndexError, reader->ReadRecordBatch(1));
  ASSERT_RAISES(IndexError, reader->ReadRecordBatch(-1));
  // Locate the record batch block in the footer by its offset value and corrupt it.
  int32_t footer_length;
  std::memcpy(&footer_length, buffer->data() + buffer->size() - 10, 4);
  const int64_t footer_start = buffer->size() - 10 - footer_length;
  auto footer = fb::GetFooter(buffer->data() + footer_start);
  const fb::Block* block = footer->recordBatches()->Get(0);
  const int64_t block_position = reinterpret_cast<const uint8_t*>(block) - buffer->data();
  fb::Block bad(block->offset() + 4, block->metaDataLength(), block->bodyLength());
  ASSERT_RAISES_WITH(Invalid, "unaligned", ReadFile(Mutated(buffer, block_position, &bad, sizeof(bad))));
  fb::Block past(block->offset(), block->metaDataLength(), 1 << 20);
  ASSERT_RAISES_WITH(Invalid, "past the footer", ReadFile(Mutated(buffer, block_position, &past, sizeof(past))));
  fb::Block wrong_body(block->offset(), block->metaDataLength(), block->bodyLength() - 8);
  ASSERT_RAISES_WITH(Invalid, "body length", ReadFile(Mutated(buffer, block_position, &wrong_body, sizeof(wrong_body))));
  fb::Block schema_block(8, block->metaDataLength(), block->bodyLength());
  ASSERT_RAISES(Invalid, ReadFile(Mutated(buffer, block_position, &schema_block, sizeof(schema_block))));
}

// Found by ipc_tensor_fuzz: a COO sparse tensor message whose non-zero length is far beyond its
// data buffer; the index checks walked every declared row before the data was looked at.
TEST(IpcBadInput, SparseTensorNonZeroLengthBeyondData) {
  static const uint8_t kMessage[] = {
    0xff, 0xff, 0xff, 0xff, 0x38, 0x01, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0c, 0x00, 0x16, 0x00, 0x06, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x00, 0x00,
    0x00, 0x05, 0x04, 0x00, 0x20, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x12, 0x00, 0x2c, 0x00, 0x06, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x24, 0x00, 0x07, 0x00,
    0x10, 0x00, 0x14, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x60, 0x00, 0x00, 0x00,
    0x20, 0x00, 0x00, 0x00, 0x6c, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xee, 0xff, 0xff, 0xff,
    0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00,
    0x12, 0x00, 0x04, 0x00, 0x06, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x08, 0x00, 0x06, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x02, 0x00, 0x0c, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x10, 0x00, 0x07, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x0c, 0x00, 0x08, 0x00, 0x07, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x40, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x06, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x40,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  io::BufferReader input(std::make_shared<Buffer>(kMessage, static_cast<int64_t>(sizeof(kMessage))));
  ASSERT_RAISES_WITH(Invalid, "non-zero values but its data buffer holds", ipc::ReadSparseTensor(&input));
}

// Found by ipc_message_fuzz: a schema with a fixed_size_binary of width 0x60000003, whose bit
// width overflowed int when its batch was validated.
TEST(IpcBadInput, FixedSizeBinaryWidthTooLarge) {
  static const uint8_t kStream[] = {
    0xff, 0xff, 0xff, 0xff, 0x78, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00,
    0x0c, 0x00, 0x06, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x08, 0x00, 0x08, 0x00, 0x00, 0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x10, 0x00, 0x14, 0x00,
    0x08, 0x00, 0x06, 0x00, 0x07, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x0f, 0x10, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x66, 0x73, 0x62, 0x00, 0x00, 0x00, 0x06, 0x00,
    0x08, 0x00, 0x04, 0x00, 0x06, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0xff, 0xa0, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0c, 0x00, 0x18, 0x00, 0x06, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x04, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x1e, 0x00, 0x10, 0x00, 0x04, 0x00, 0x08, 0x00, 0x0c, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00,
    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00,
    0x08, 0x00, 0x07, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x61, 0x62, 0x63, 0x00, 0x00, 0x00, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x00,
    0xff, 0xff, 0xff, 0xff, 0xa0, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0c, 0x00, 0x18, 0x00, 0x06, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x00, 0x00,
    0x00, 0x03, 0x04, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x1e, 0x00, 0x10, 0x00, 0x04, 0x00, 0x08, 0x00, 0x0c, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0xd2, 0x18, 0x00, 0x00, 0x00,
    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00,
    0x08, 0x00, 0x07, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x64,
    0x65, 0x66, 0x67, 0x68, 0x69, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
    0x00, 0x00, 0x00, 0x00};
  auto bytes = std::make_shared<Buffer>(kStream, static_cast<int64_t>(sizeof(kStream)));
  auto input = std::make_shared<io::BufferReader>(bytes);
  ASSERT_RAISES_WITH(Invalid, "fixed size binary width 1610612739 in IPC metadata is too large",
                     ipc::RecordBatchStreamReader::Open(input));
}

}  // namespace
}  // namespace arrowpack::testing
