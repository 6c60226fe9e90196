// A C++ process that writes shared-memory segments for tests/python/test_shared_memory.py:
//   shared_memory_producer table NAME ROWS   an IPC stream of a table (int64 "i" = 0..ROWS-1,
//                                            float64 "x" = i / 2) in a committed segment
//   shared_memory_producer value NAME ROWS   a serialized value {"source": "C++", "x": ndarray of
//                                            float64 i / 2} (pyarrow's object format)
//   shared_memory_producer partial NAME      an uncommitted segment half written; prints "ready"
//                                            and waits to be killed (a writer dying mid-write)
// Exit status 2 on bad arguments, 1 with the error on stderr when a step fails.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "arrowpack/core/shared_memory.h"
#include "arrowpack/core/table.h"
#include "arrowpack/ipc/writer.h"
#include "arrowpack/serialize/value_codec.h"

namespace {

using namespace arrowpack;

template <typename T>
ArrayPtr Column(TypePtr type, int64_t rows, T (*value)(int64_t)) {
  std::vector<uint8_t> bytes(static_cast<size_t>(rows) * sizeof(T));
  for (int64_t i = 0; i < rows; ++i) {
    const T v = value(i);
    std::memcpy(bytes.data() + i * sizeof(T), &v, sizeof(T));
  }
  return MakeArray(ArrayData::Make(std::move(type), rows, {nullptr, Buffer::FromVector(std::move(bytes))}, 0));
}

Status WriteTable(const std::string& name, int64_t rows) {
  auto schema = std::make_shared<Schema>(FieldVector{field("i", int64()), field("x", float64())});
  ARROWPACK_ASSIGN_OR_RAISE(
      TablePtr table,
      Table::Make(schema,
                  ArrayVector{Column<int64_t>(int64(), rows, [](int64_t i) { return i; }),
                              Column<double>(float64(), rows, [](int64_t i) { return static_cast<double>(i) / 2; })}));
  auto write = [&](io::OutputStream* sink) -> Status {
    std::shared_ptr<io::OutputStream> borrowed(sink, [](io::OutputStream*) {});
    ARROWPACK_ASSIGN_OR_RAISE(auto writer, ipc::MakeStreamWriter(borrowed, schema));
    ARROWPACK_RETURN_NOT_OK(writer->WriteTable(*table));
    return writer->Close();
  };
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, io::WriteSharedMemory(name, io::SharedMemoryKind::kIpcStream, write));
  std::cout << size << std::endl;
  return Status::OK();
}

Status WriteValue(const std::string& name, int64_t rows) {
  ArrayPtr halves = Column<double>(float64(), rows, [](int64_t i) { return static_cast<double>(i) / 2; });
  ARROWPACK_ASSIGN_OR_RAISE(TensorPtr tensor, Tensor::Make(float64(), halves->data()->buffers[1], {rows}));
  ARROWPACK_ASSIGN_OR_RAISE(Value x, Value::Ndarray(tensor));
  Value value = Value::Dict({{Value::String("source"), Value::String("C++")}, {Value::String("x"), x}});
  auto write = [&](io::OutputStream* sink) { return arrowpack::WriteValue(value, sink); };
  ARROWPACK_ASSIGN_OR_RAISE(int64_t size, io::WriteSharedMemory(name, io::SharedMemoryKind::kSerializedObject, write));
  std::cout << size << std::endl;
  return Status::OK();
}

Status WritePartial(const std::string& name) {
  const int64_t size = 1 << 20;
  ARROWPACK_ASSIGN_OR_RAISE(auto writer, io::SharedMemoryWriter::Create(name, size, io::SharedMemoryKind::kIpcStream));
  std::memset(writer->payload()->mutable_data(), 0xAB, size / 2);
  std::cout << "ready" << std::endl;
  for (;;) ::pause();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  Status status;
  if (mode == "table" && argc == 4) {
    status = WriteTable(argv[2], std::atoll(argv[3]));
  } else if (mode == "value" && argc == 4) {
    status = WriteValue(argv[2], std::atoll(argv[3]));
  } else if (mode == "partial" && argc == 3) {
    status = WritePartial(argv[2]);
  } else {
    std::cerr << "usage: shared_memory_producer table NAME ROWS | value NAME ROWS | partial NAME" << std::endl;
    return 2;
  }
  if (!status.ok()) {
    std::cerr << status.ToString() << std::endl;
    return 1;
  }
  return 0;
}
