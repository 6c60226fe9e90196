// registry_interop: the C++ half of tests/python/test_registry_interop.py. It writes an object
// graph holding custom C++ types (registered in a TypeRegistry) to a file that Python reads with
// handlers registered under the same type ids, and checks a graph Python wrote.
//
//   registry_interop write FILE      writes ExpectedGraph()
//   registry_interop read FILE       reads FILE; exit 0 if it is ExpectedGraph() (custom values
//                                    are decoded into their C++ types and compared as such)
//   registry_interop roundtrip FILE  write, then read
// Errors go to stderr with exit status 1.
//
// The graph (Python's view): {"points": [Point(1, 2), Point(-3, 4)],
//   "labelled": Labelled("weights", [0.5, -1.25], {"a": 1, "b": 2}),
//   "matrix": np.arange(6.0).reshape(2, 3), "big": 123456789012345678901234567890,
//   "when": datetime(2020, 9, 13, 12, 26, 40, 123456), "small": {1, 2, 3},
//   "misc": (None, True, 2.5, b"raw", "text"),
//   "arrow": [pa.array([1, None, 3]), pa.table({"i": [1, None, 3], "s": ["a", "b", None]})]}
// Point travels as the tuple (x, y); Labelled as msgpack bytes of [label, weights, counts].
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <typeindex>
#include <vector>

#include "arrowpack/core/builder_binary.h"
#include "arrowpack/core/builder_primitive.h"
#include "arrowpack/core/io_file.h"
#include "arrowpack/core/table.h"
#include "arrowpack/core/tensor.h"
#include "arrowpack/registry/msgpack_type.h"
#include "arrowpack/registry/type_registry.h"
#include "arrowpack/serialize/value_codec.h"

namespace {

using arrowpack::Result;
using arrowpack::Status;
using arrowpack::TypeRegistry;
using arrowpack::Value;
using arrowpack::ValueKind;

struct Point {
  int64_t x = 0;
  int64_t y = 0;
};

struct Labelled {
  std::string label;
  std::vector<double> weights;
  std::map<std::string, int64_t> counts;
  MSGPACK_DEFINE(label, weights, counts);
};

Status RegisterTypes(TypeRegistry& registry) {
  ARROWPACK_RETURN_NOT_OK(registry.Register<Point>(
      "example.Point", [](const Point& p) -> Result<Value> { return Value::Tuple({Value::Int(p.x), Value::Int(p.y)}); },
      [](const Value& v) -> Result<Point> {
        ARROWPACK_RETURN_NOT_OK(v.CheckKind(ValueKind::kTuple));
        if (v.items().size() != 2) return Status::Invalid("a Point is a 2-tuple");
        for (const Value& item : v.items()) ARROWPACK_RETURN_NOT_OK(item.CheckKind(ValueKind::kInt));
        return Point{v.items()[0].int_value(), v.items()[1].int_value()};
      }));
  return arrowpack::RegisterMsgpack<Labelled>(registry, "example.Labelled");
}

// [pa.array([1, None, 3]), pa.table({"i": [1, None, 3], "s": ["a", "b", None]})]
Result<Value> ArrowValues() {
  arrowpack::Int64Builder ints;
  ARROWPACK_RETURN_NOT_OK(ints.Append(1));
  ARROWPACK_RETURN_NOT_OK(ints.AppendNull());
  ARROWPACK_RETURN_NOT_OK(ints.Append(3));
  ARROWPACK_ASSIGN_OR_RAISE(arrowpack::ArrayPtr i, ints.Finish());
  arrowpack::StringBuilder strings;
  ARROWPACK_RETURN_NOT_OK(strings.Append("a"));
  ARROWPACK_RETURN_NOT_OK(strings.Append("b"));
  ARROWPACK_RETURN_NOT_OK(strings.AppendNull());
  ARROWPACK_ASSIGN_OR_RAISE(arrowpack::ArrayPtr s, strings.Finish());
  ARROWPACK_ASSIGN_OR_RAISE(auto batch, arrowpack::RecordBatch::FromArrays({i, s}, {"i", "s"}));
  ARROWPACK_ASSIGN_OR_RAISE(auto table, arrowpack::Table::FromRecordBatches({batch}));
  ARROWPACK_ASSIGN_OR_RAISE(Value array, Value::Array(i));
  ARROWPACK_ASSIGN_OR_RAISE(Value table_value, Value::Table(table));
  return Value::List({array, table_value});
}

Result<Value> ExpectedGraph(const TypeRegistry& registry) {
  ARROWPACK_ASSIGN_OR_RAISE(Value p1, registry.Serialize(Point{1, 2}));
  ARROWPACK_ASSIGN_OR_RAISE(Value p2, registry.Serialize(Point{-3, 4}));
  ARROWPACK_ASSIGN_OR_RAISE(Value labelled,
                            registry.Serialize(Labelled{"weights", {0.5, -1.25}, {{"a", 1}, {"b", 2}}}));
  std::vector<double> cells = {0, 1, 2, 3, 4, 5};
  ARROWPACK_ASSIGN_OR_RAISE(
      auto matrix, arrowpack::Tensor::Make(arrowpack::float64(),
                                           arrowpack::Buffer::FromString(std::string(
                                               reinterpret_cast<const char*>(cells.data()), cells.size() * 8)),
                                           {2, 3}));
  ARROWPACK_ASSIGN_OR_RAISE(Value ndarray, Value::Ndarray(matrix));
  ARROWPACK_ASSIGN_OR_RAISE(Value big, Value::BigInt("123456789012345678901234567890"));
  ARROWPACK_ASSIGN_OR_RAISE(Value arrow, ArrowValues());
  return Value::Dict({
      {Value::String("points"), Value::List({p1, p2})},
      {Value::String("labelled"), labelled},
      {Value::String("matrix"), ndarray},
      {Value::String("big"), big},
      {Value::String("when"), Value::Datetime(1'600'000'000'123'456)},
      {Value::String("small"), Value::Set({Value::Int(1), Value::Int(2), Value::Int(3)})},
      {Value::String("misc"), Value::Tuple({Value::None(), Value::Bool(true), Value::Double(2.5), Value::Bytes("raw"),
                                            Value::String("text")})},
      {Value::String("arrow"), arrow},
  });
}

// Decodes every custom value into its C++ type and encodes it again, so that payloads another
// writer encoded differently (msgpack has several encodings of one value) compare equal.
Result<Value> Canonical(const TypeRegistry& registry, const Value& value) {
  switch (value.kind()) {
    case ValueKind::kCustom: {
      ARROWPACK_ASSIGN_OR_RAISE(std::type_index type, registry.TypeOf(value.custom_type_id()));
      if (type == std::type_index(typeid(Point))) {
        ARROWPACK_ASSIGN_OR_RAISE(Point point, registry.Deserialize<Point>(value));
        return registry.Serialize(point);
      } else {
        ARROWPACK_ASSIGN_OR_RAISE(Labelled labelled, registry.Deserialize<Labelled>(value));
        return registry.Serialize(labelled);
      }
    }
    case ValueKind::kList:
    case ValueKind::kTuple:
    case ValueKind::kSet: {
      Value out = value;
      for (Value& item : out.mutable_items()) {
        ARROWPACK_ASSIGN_OR_RAISE(item, Canonical(registry, item));
      }
      return out;
    }
    case ValueKind::kDict: {
      Value out = value;
      for (auto& pair : out.mutable_pairs()) {
        ARROWPACK_ASSIGN_OR_RAISE(pair.second, Canonical(registry, pair.second));
      }
      return out;
    }
    default:
      return value;
  }
}

Status Write(const TypeRegistry& registry, const std::string& path) {
  ARROWPACK_ASSIGN_OR_RAISE(Value graph, ExpectedGraph(registry));
  ARROWPACK_ASSIGN_OR_RAISE(auto file, arrowpack::io::FileOutputStream::Open(path));
  ARROWPACK_RETURN_NOT_OK(arrowpack::WriteValue(graph, file.get()));
  return file->Close();
}

Status Read(const TypeRegistry& registry, const std::string& path) {
  ARROWPACK_ASSIGN_OR_RAISE(auto file, arrowpack::io::ReadableFile::Open(path));
  ARROWPACK_ASSIGN_OR_RAISE(Value read, arrowpack::ReadValue(file.get()));
  ARROWPACK_ASSIGN_OR_RAISE(Value canonical, Canonical(registry, read));
  ARROWPACK_ASSIGN_OR_RAISE(Value expected, ExpectedGraph(registry));
  if (canonical != expected) {
    return Status::Invalid("read ", read.ToString(), "\nexpected ", expected.ToString());
  }
  return Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s write|read|roundtrip FILE\n", argv[0]);
    return 2;
  }
  TypeRegistry registry;
  Status status = RegisterTypes(registry);
  const std::string mode = argv[1];
  if (status.ok() && (mode == "write" || mode == "roundtrip")) status = Write(registry, argv[2]);
  if (status.ok() && (mode == "read" || mode == "roundtrip")) status = Read(registry, argv[2]);
  if (status.ok() && mode != "write" && mode != "read" && mode != "roundtrip") {
    status = Status::Invalid("unknown mode '", mode, "'");
  }
  if (!status.ok()) {
    std::fprintf(stderr, "registry_interop: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
