// Helpers for the IPC suites: a batch with a column of every type (nulls included), and
// stream/file round trips through in-memory buffers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "array_testing.h"

namespace arrowpack::testing {

using NamedColumns = std::vector<std::pair<std::string, ArrayDataPtr>>;

inline RecordBatchPtr BatchOf(const NamedColumns& columns, MetadataPtr metadata = nullptr) {
  FieldVector fields;
  std::vector<ArrayDataPtr> data;
  for (const auto& [name, column] : columns) {
    fields.push_back(field(name, column->type));
    data.push_back(column);
  }
  const int64_t rows = data.empty() ? 0 : data[0]->length;
  return RecordBatch::Make(schema(fields, std::move(metadata)), rows, data).ValueOrDie();
}

/// Five rows of every type the columnar core knows, most with nulls.
inline NamedColumns AllTypeColumns() {
  NamedColumns c;
  auto i32 = [](std::vector<std::optional<int32_t>> v) { return OptionalData<int32_t>(int32(), v); };
  c.emplace_back("null", NullData(5));
  c.emplace_back("bool", BooleanData({true, false, true, true, false}, {true, true, false, true, true}));
  c.emplace_back("int8", OptionalData<int8_t>(int8(), {1, -2, std::nullopt, 4, -128}));
  c.emplace_back("uint8", OptionalData<uint8_t>(uint8(), {1, 2, 3, std::nullopt, 255}));
  c.emplace_back("int16", OptionalData<int16_t>(int16(), {1, -2, 3, 4, std::nullopt}));
  c.emplace_back("uint16", OptionalData<uint16_t>(uint16(), {1, 2, 3, 4, 65535}));
  c.emplace_back("int32", i32({1, std::nullopt, 3, -4, 5}));
  c.emplace_back("uint32", OptionalData<uint32_t>(uint32(), {1, 2, std::nullopt, 4, 5}));
  c.emplace_back("int64", OptionalData<int64_t>(int64(), {std::nullopt, 2, 3, 4, -5}));
  c.emplace_back("uint64", OptionalData<uint64_t>(uint64(), {1, 2, 3, 4, ~uint64_t{0}}));
  c.emplace_back("float16", OptionalData<uint16_t>(float16(), {0x3C00, std::nullopt, 0x4000, 0, 0xC000}));
  c.emplace_back("float32", OptionalData<float>(float32(), {1.5f, std::nullopt, -2.25f, 0, 3}));
  c.emplace_back("float64", OptionalData<double>(float64(), {1.5, 2.5, std::nullopt, -0.0, 1e300}));
  c.emplace_back("utf8", StringData({"a", std::nullopt, "", "hello world", "\xc3\xa9"}));
  c.emplace_back("binary", BinaryData<int32_t>(binary(), {"\x00\x01", "b", std::nullopt, "", "xyz"}));
  c.emplace_back("large_utf8", BinaryData<int64_t>(large_utf8(), {"a", "bb", std::nullopt, "ccc", ""}));
  c.emplace_back("large_binary", BinaryData<int64_t>(large_binary(), {std::nullopt, "bb", "c", "", "d"}));
  c.emplace_back("utf8_view",
                 BinaryViewData(utf8_view(), {"short", std::nullopt, "a string longer than twelve", "", "x"}));
  c.emplace_back("binary_view", BinaryViewData(binary_view(), {"0123456789abcdef", "b", std::nullopt,
                                                               "another long value here", "c"}));
  c.emplace_back("fsb", FixedSizeBinaryData(Unwrap(fixed_size_binary(3)), {"abc", std::nullopt, "def", "ghi", "jkl"}));
  c.emplace_back("decimal32", DecimalData(Unwrap(decimal32(7, 2)), {123, -45, std::nullopt, 0, 9999}));
  c.emplace_back("decimal64", DecimalData(Unwrap(decimal64(15, 3)), {123, std::nullopt, -1, 0, 5}));
  c.emplace_back("decimal128", DecimalData(Unwrap(decimal128(20, 4)), {123456789, -1, std::nullopt, 0, 7}));
  c.emplace_back("decimal256", DecimalData(Unwrap(decimal256(40, 0)), {1, -2, 3, std::nullopt, 5}));
  c.emplace_back("date32", OptionalData<int32_t>(date32(), {0, 1, std::nullopt, 18000, -1}));
  c.emplace_back("date64", OptionalData<int64_t>(date64(), {0, 86400000, std::nullopt, 0, 0}));
  c.emplace_back("time32s", OptionalData<int32_t>(Unwrap(time32(TimeUnit::SECOND)), {0, 1, 2, std::nullopt, 86399}));
  c.emplace_back("time32ms", OptionalData<int32_t>(Unwrap(time32(TimeUnit::MILLI)), {0, 1, 2, 3, std::nullopt}));
  c.emplace_back("time64us", OptionalData<int64_t>(Unwrap(time64(TimeUnit::MICRO)), {0, std::nullopt, 2, 3, 4}));
  c.emplace_back("time64ns", OptionalData<int64_t>(Unwrap(time64(TimeUnit::NANO)), {0, 1, 2, 3, 4}));
  c.emplace_back("timestamp_tz", OptionalData<int64_t>(timestamp(TimeUnit::NANO, "UTC"), {0, 1, std::nullopt, 3, 4}));
  c.emplace_back("timestamp", OptionalData<int64_t>(timestamp(TimeUnit::SECOND), {0, 1, 2, std::nullopt, 4}));
  c.emplace_back("duration", OptionalData<int64_t>(duration(TimeUnit::MILLI), {std::nullopt, 1, 2, 3, 4}));
  c.emplace_back("month_interval", OptionalData<int32_t>(month_interval(), {1, 2, std::nullopt, 4, 5}));
  c.emplace_back("day_time_interval", OptionalData<int64_t>(day_time_interval(), {1, std::nullopt, 3, 4, 5}));
  c.emplace_back("mdn_interval", PrimitiveData<MonthDayNano>(month_day_nano_interval(),
                                                             {{1, 2, 3}, {4, 5, 6}, {0, 0, 0}, {-1, -2, -3}, {7, 8, 9}},
                                                             {true, true, false, true, true}));
  c.emplace_back("list", ListData<int32_t>(list(int32()), {0, 2, 2, 3, 5, 6}, i32({1, 2, 3, std::nullopt, 5, 6}),
                                           {true, false, true, true, true}));
  c.emplace_back("large_list", ListData<int64_t>(large_list(field("item", utf8())), {0, 1, 1, 2, 3, 3},
                                                 StringData({"a", "b", std::nullopt}), {true, true, false, true, true}));
  c.emplace_back("list_view", ListViewData<int32_t>(list_view(field("item", int32())), {3, 0, 0, 1, 2},
                                                    {1, 2, 0, 2, 1}, i32({10, 11, 12, 13}),
                                                    {true, true, false, true, true}));
  c.emplace_back("large_list_view", ListViewData<int64_t>(large_list_view(field("item", int32())), {0, 1, 2, 0, 0},
                                                          {1, 1, 1, 0, 3}, i32({7, 8, 9})));
  c.emplace_back("fixed_size_list",
                 FixedSizeListData(Unwrap(fixed_size_list(field("item", int16()), 2)), 5,
                                   OptionalData<int16_t>(int16(), {1, 2, 3, 4, 5, 6, std::nullopt, 8, 9, 10}),
                                   {true, true, true, false, true}));
  auto entries = StructData(struct_({field("key", utf8(), false), field("value", int32())}), 4,
                            {StringData({"k1", "k2", "k3", "k4"}), i32({1, std::nullopt, 3, 4})});
  c.emplace_back("map", ListData<int32_t>(Unwrap(map(field("key", utf8(), false), field("value", int32()))),
                                          {0, 1, 1, 3, 3, 4}, entries, {true, true, true, false, true}));
  c.emplace_back("struct", StructData(struct_({field("a", int32()), field("b", utf8())}), 5,
                                      {i32({1, 2, 3, 4, 5}), StringData({"x", "y", std::nullopt, "w", "v"})},
                                      {true, false, true, true, true}));
  auto union_fields = FieldVector{field("i", int32()), field("s", utf8())};
  c.emplace_back("sparse_union", SparseUnionData(Unwrap(sparse_union(union_fields, {5, 7})), {5, 7, 5, 5, 7},
                                                 {i32({1, 0, 3, std::nullopt, 0}),
                                                  StringData({"", "b", "", "", std::nullopt})}));
  c.emplace_back("dense_union", DenseUnionData(Unwrap(dense_union(union_fields)), {0, 1, 0, 1, 0}, {0, 0, 1, 1, 2},
                                               {i32({1, std::nullopt, 3}), StringData({"a", "bb"})}));
  c.emplace_back("dictionary", DictionaryData(Unwrap(dictionary(int8(), utf8())),
                                              OptionalData<int8_t>(int8(), {0, 1, std::nullopt, 1, 2}),
                                              StringData({"red", "green", "blue"})));
  c.emplace_back("run_end_encoded",
                 RunEndEncodedData(Unwrap(run_end_encoded(int32(), utf8())), 5, PrimitiveData<int32_t>(int32(), {2, 3, 5}),
                                   StringData({"a", std::nullopt, "c"})));
  c.emplace_back("extension", ExtensionData(extension("my.uuid", int64(), "meta"),
                                            OptionalData<int64_t>(int64(), {1, 2, std::nullopt, 4, 5})));
  return c;
}

inline RecordBatchPtr AllTypesBatch() { return BatchOf(AllTypeColumns()); }

/// Writes the batches as a stream (or file) into a buffer.
inline Result<std::shared_ptr<Buffer>> WriteIpc(const RecordBatchVector& batches, const std::shared_ptr<Schema>& schema,
                                                bool as_file, const ipc::IpcWriteOptions& options = {},
                                                ipc::WriteStats* stats = nullptr) {
  ARROWPACK_ASSIGN_OR_RAISE(auto sink, io::BufferOutputStream::Create());
  std::shared_ptr<ipc::RecordBatchWriter> writer;
  if (as_file) {
    ARROWPACK_ASSIGN_OR_RAISE(writer, ipc::MakeFileWriter(sink, schema, options));
  } else {
    ARROWPACK_ASSIGN_OR_RAISE(writer, ipc::MakeStreamWriter(sink, schema, options));
  }
  for (const auto& batch : batches) ARROWPACK_RETURN_NOT_OK(writer->WriteRecordBatch(*batch));
  ARROWPACK_RETURN_NOT_OK(writer->Close());
  if (stats != nullptr) *stats = writer->stats();
  return sink->Finish();
}

inline Result<RecordBatchVector> ReadStream(const std::shared_ptr<Buffer>& buffer,
                                            const ipc::IpcReadOptions& options = {}) {
  ARROWPACK_ASSIGN_OR_RAISE(auto reader,
                            ipc::RecordBatchStreamReader::Open(std::make_shared<io::BufferReader>(buffer), options));
  return reader->ReadAll();
}

inline Result<RecordBatchVector> ReadFile(const std::shared_ptr<Buffer>& buffer,
                                          const ipc::IpcReadOptions& options = {}) {
  ARROWPACK_ASSIGN_OR_RAISE(auto reader,
                            ipc::RecordBatchFileReader::Open(std::make_shared<io::BufferReader>(buffer), options));
  RecordBatchVector batches;
  for (int i = 0; i < reader->num_record_batches(); ++i) {
    ARROWPACK_ASSIGN_OR_RAISE(auto batch, reader->ReadRecordBatch(i));
    batches.push_back(std::move(batch));
  }
  return batches;
}

#define ASSERT_BATCHES_EQUAL(expected, actual)                                                        \
  do {                                                                                                \
    ASSERT_EQ((expected).size(), (actual).size());                                                    \
    for (size_t _i = 0; _i < (expected).size(); ++_i) {                                               \
      ASSERT_TRUE((expected)[_i]->Equals(*(actual)[_i], true))                                        \
          << "batch " << _i << "\nexpected:\n"                                                        \
          << (expected)[_i]->ToString() << "\nactual:\n"                                              \
          << (actual)[_i]->ToString();                                                                \
    }                                                                                                 \
  } while (false)

}  // namespace arrowpack::testing
