// The fast decoder of the embedded IPC stream (StreamDecoding::kSequence) against the generic
// path (kBatch: IPC reader + SequenceReader::Open), differentially: over valid blobs (every kind
// of value, nesting, empty containers, index kinds, real pyarrow 0.14.1 / 1.0.0 blobs) and their
// mutations (every truncation, byte flips everywhere, seeded random corruptions), both paths end
// with the same status message, the same values and the same position in the input. The fast
// path must also really run on the valid blobs of the modern layout and decline the legacy ones.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <random>
#include <string>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/sequence_writer.h"
#include "arrowpack/serialize/serialized_object.h"
#include "file_testing.h"
#include "test_util.h"

namespace arrowpack::serialize {
namespace {

// Every value under rows [begin, end) of `u`, in order, as text.
void Dump(const UnionReader& u, int64_t begin, int64_t end, std::string* out) {
  for (int64_t i = begin; i < end; ++i) {
    const PythonTag tag = u.tag(i);
    *out += std::to_string(static_cast<int>(tag)) + ":";
    switch (tag) {
      case PythonTag::NONE:
        break;
      case PythonTag::BOOL:
        *out += u.GetBool(i) ? "T" : "F";
        break;
      case PythonTag::INT:
      case PythonTag::PY2INT:
      case PythonTag::DATE64:
        *out += std::to_string(u.GetInt64(i));
        break;
      case PythonTag::BYTES:
      case PythonTag::STRING:
        *out += "'" + std::string(u.GetBytes(i)) + "'";
        break;
      case PythonTag::HALF_FLOAT:
        *out += std::to_string(u.GetHalfFloat(i));
        break;
      case PythonTag::FLOAT:
        *out += std::to_string(u.GetFloat(i));
        break;
      case PythonTag::DOUBLE:
        *out += std::to_string(u.GetDouble(i));
        break;
      case PythonTag::LIST:
      case PythonTag::TUPLE:
      case PythonTag::SET: {
        const SequenceRange r = u.GetSequence(i);
        *out += "[";
        Dump(*r.values, r.begin, r.end, out);
        *out += "]";
        break;
      }
      case PythonTag::DICT: {
        const DictRange r = u.GetDict(i);
        *out += "{";
        for (int64_t k = r.begin; k < r.end; ++k) {
          Dump(*r.keys, k, k + 1, out);
          *out += "=";
          Dump(*r.vals, k, k + 1, out);
        }
        *out += "}";
        break;
      }
      default:
        *out += "#" + std::to_string(u.GetIndex(i));
        break;
    }
    *out += ",";
  }
}

// How one read ended: the first error (prefixed by the step), else the values; and whether the
// fast decoder read the stream.
struct Outcome {
  std::string result;
  int64_t position = -1;
  bool fast = false;
};

Outcome Values(Result<SerializedObject> object, const char* step) {
  Outcome out;
  if (!object.ok()) {
    out.result = std::string(step) + ": " + object.status().ToString();
    return out;
  }
  out.fast = object->sequence != nullptr;
  auto reader = OpenSequence(*object);
  if (!reader.ok()) {
    out.result = "open: " + reader.status().ToString();
    return out;
  }
  const Status bounds = (*reader)->CheckIndexBounds(
      static_cast<int64_t>(object->tensors.size()), static_cast<int64_t>(object->ndarrays.size()),
      static_cast<int64_t>(object->buffers.size()), static_cast<int64_t>(object->sparse_tensors.size()));
  if (!bounds.ok()) {
    out.result = "bounds: " + bounds.ToString();
    return out;
  }
  const UnionReader& root = (*reader)->root();
  Dump(root, 0, root.length(), &out.result);
  return out;
}

Outcome ReadBlob(const std::shared_ptr<Buffer>& blob, StreamDecoding decoding) {
  io::BufferReader input(blob);
  Outcome out = Values(ReadSerializedObject(&input, ipc::IpcReadOptions(), decoding), "read");
  out.position = *input.Tell();
  return out;
}

Outcome ReadStreamComponent(const std::shared_ptr<Buffer>& stream, StreamDecoding decoding) {
  SerializedComponents components;
  components.data.push_back(stream);
  return Values(SerializedObject::FromComponents(components, decoding), "components");
}

// ReadPlainObject on a whole blob, with one reader reused by every call (as the Python binding
// reuses its thread's): the values when it accepts the blob, else nullopt.
std::optional<std::string> ReadPlain(const Buffer& blob) {
  static std::unique_ptr<SequenceReader> reader = SequenceReader::MakeReusable();
  if (!ReadPlainObject(blob.data(), blob.size(), reader.get())) return std::nullopt;
  std::string values;
  Dump(reader->root(), 0, reader->root().length(), &values);
  return values;
}

// Compares both paths on `bytes` (and ReadPlainObject, on whole blobs); returns whether the
// fast one read it.
bool SameBothWays(const std::shared_ptr<Buffer>& bytes, bool as_stream, const std::string& what) {
  // The generic read first: it leaves the schema in the cache the fast decoder looks in.
  const Outcome generic = as_stream ? ReadStreamComponent(bytes, StreamDecoding::kBatch)
                                    : ReadBlob(bytes, StreamDecoding::kBatch);
  const Outcome fast = as_stream ? ReadStreamComponent(bytes, StreamDecoding::kSequence)
                                 : ReadBlob(bytes, StreamDecoding::kSequence);
  EXPECT_EQ(fast.result, generic.result) << what;
  EXPECT_EQ(fast.position, generic.position) << what;
  EXPECT_FALSE(generic.fast) << what;
  if (!as_stream) {
    // Accepted only where the generic read succeeds, and then with its values.
    const std::optional<std::string> plain = ReadPlain(*bytes);
    if (plain.has_value()) {
      EXPECT_EQ(*plain, generic.result) << what;
      EXPECT_TRUE(fast.fast) << what;
    }
  }
  return fast.fast;
}

// The first `size` bytes of `buffer` in a new mutable (64-byte aligned) buffer.
std::shared_ptr<Buffer> Copy(const Buffer& buffer, int64_t size) {
  std::shared_ptr<Buffer> out = AllocateBuffer(size).ValueOrDie();
  if (size > 0) std::memcpy(out->mutable_data(), buffer.data(), static_cast<size_t>(size));
  return out;
}

// Runs every mutation of `bytes` through both paths; returns how many the fast path read.
int CompareMutations(const std::shared_ptr<Buffer>& bytes, bool as_stream, const std::string& name) {
  int fast = 0;
  for (int64_t size = 0; size < bytes->size(); ++size) {
    fast += SameBothWays(Copy(*bytes, size), as_stream, name + " truncated to " + std::to_string(size));
  }
  for (int64_t pos = 0; pos < bytes->size(); ++pos) {
    for (uint8_t mask : {0x01, 0x80, 0xFF}) {
      auto flipped = Copy(*bytes, bytes->size());
      flipped->mutable_data()[pos] ^= mask;
      fast += SameBothWays(flipped, as_stream, name + " byte " + std::to_string(pos) + " ^ " + std::to_string(mask));
    }
  }
  std::mt19937 random(20261123);
  const int32_t interesting[] = {0, 1, -1, 2, 7, 8, 64, 127, 128, 255, 0x7FFFFFFF, INT32_MIN};
  for (int round = 0; round < 1500; ++round) {
    auto corrupt = Copy(*bytes, bytes->size());
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const auto pos = static_cast<int64_t>(random() % static_cast<uint32_t>(bytes->size()));
      if (random() % 2 == 0 || pos + 4 > bytes->size()) {
        corrupt->mutable_data()[pos] = static_cast<uint8_t>(random());
      } else {
        const int32_t value = interesting[random() % std::size(interesting)];
        std::memcpy(corrupt->mutable_data() + pos, &value, 4);
      }
    }
    fast += SameBothWays(corrupt, as_stream, name + " random round " + std::to_string(round));
  }
  return fast;
}

TensorPtr SmallTensor() {
  std::vector<double> values = {1, 0, 2, 0, 0, 3};
  std::vector<uint8_t> bytes(values.size() * 8);
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return *Tensor::Make(float64(), Buffer::FromVector(std::move(bytes)), {2, 3});
}

// One value of every kind, index kinds included, with the side objects they refer to.
SerializedObject EveryKind() {
  SequenceWriter w;
  EXPECT_OK(w.BeginList());
  EXPECT_OK(w.AppendNone());
  for (int i = 0; i < 11; ++i) EXPECT_OK(w.AppendBool(i % 3 == 0));
  for (int64_t v : {int64_t{0}, int64_t{-5}, int64_t{1} << 40, INT64_MIN}) EXPECT_OK(w.AppendInt64(v));
  const uint8_t raw[] = {0, 0xFF, 0x80, 'a'};
  EXPECT_OK(w.AppendBytes(raw, 4));
  EXPECT_OK(w.AppendBytes(raw, 0));
  for (const char* s : {"", "ascii", "\xC3\xA9t\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80!"}) EXPECT_OK(w.AppendString(s));
  EXPECT_OK(w.AppendHalfFloat(0x3C00));
  EXPECT_OK(w.AppendFloat(1.5f));
  EXPECT_OK(w.AppendDouble(-2.25));
  EXPECT_OK(w.AppendDate64(1700000000000000));
  EXPECT_OK(w.AppendIndex(PythonTag::TENSOR, 0));
  EXPECT_OK(w.AppendIndex(PythonTag::NDARRAY, 0));
  EXPECT_OK(w.AppendIndex(PythonTag::BUFFER, 0));
  EXPECT_OK(w.AppendIndex(PythonTag::SPARSE_COO, 0));
  EXPECT_OK(w.End());
  SerializedObject object;
  object.batch = *w.Finish();
  object.tensors.push_back(SmallTensor());
  object.ndarrays.push_back(SmallTensor());
  object.buffers.push_back(Buffer::FromString("buffer"));
  object.sparse_tensors.push_back(*SparseTensor::FromTensor(*SmallTensor(), SparseTensorFormat::COO));
  return object;
}

// Containers in containers: dict -> list/tuple/set/dict, empty ones, strings as keys.
SerializedObject Nested() {
  SequenceWriter w;
  EXPECT_OK(w.BeginDict());
  const auto key = [&](const char* k) {
    EXPECT_OK(w.DictKey());
    EXPECT_OK(w.AppendString(k));
    EXPECT_OK(w.DictValue());
  };
  key("list");
  EXPECT_OK(w.BeginList());
  for (int i = 0; i < 5; ++i) EXPECT_OK(w.AppendInt64(i));
  EXPECT_OK(w.BeginList());
  EXPECT_OK(w.End());
  EXPECT_OK(w.End());
  key("tuple");
  EXPECT_OK(w.BeginTuple());
  EXPECT_OK(w.AppendDouble(0.5));
  EXPECT_OK(w.BeginSet());
  EXPECT_OK(w.AppendString("x"));
  EXPECT_OK(w.AppendInt64(3));
  EXPECT_OK(w.End());
  EXPECT_OK(w.End());
  key("dict");
  EXPECT_OK(w.BeginDict());
  EXPECT_OK(w.DictKey());
  EXPECT_OK(w.AppendInt64(1));
  EXPECT_OK(w.DictValue());
  EXPECT_OK(w.BeginDict());
  EXPECT_OK(w.End());
  EXPECT_OK(w.End());
  key("empty set");
  EXPECT_OK(w.BeginSet());
  EXPECT_OK(w.End());
  key("none");
  EXPECT_OK(w.AppendNone());
  EXPECT_OK(w.End());
  SerializedObject object;
  object.batch = *w.Finish();
  return object;
}

// Lists 20 deep around one string.
SerializedObject Deep() {
  SequenceWriter w;
  for (int i = 0; i < 20; ++i) EXPECT_OK(w.BeginList());
  EXPECT_OK(w.AppendString("deep"));
  for (int i = 0; i < 20; ++i) EXPECT_OK(w.End());
  SerializedObject object;
  object.batch = *w.Finish();
  return object;
}

SerializedObject TopLevelInt() {
  SequenceWriter w;
  EXPECT_OK(w.AppendInt64(42));
  SerializedObject object;
  object.batch = *w.Finish();
  return object;
}

std::shared_ptr<Buffer> LegacyBlob(const std::string& name) {
  const auto file = Buffer::FromString(testing::ReadFileContents(std::string(ARROWPACK_LEGACY_SERIALIZE_DIR) + "/" + name));
  EXPECT_GT(file->size(), 0) << name;
  return Copy(*file, file->size());
}

struct Blob {
  std::string name;
  SerializedObject object;
};

std::vector<Blob> Corpus() {
  std::vector<Blob> out;
  out.push_back({"every kind", EveryKind()});
  out.push_back({"nested", Nested()});
  out.push_back({"deep", Deep()});
  out.push_back({"top-level int", TopLevelInt()});
  return out;
}

TEST(FastDecoder, ReadsValidBlobsLikeTheGenericPath) {
  for (const Blob& blob : Corpus()) {
    ASSERT_OK_AND_ASSIGN(auto bytes, blob.object.ToBuffer());
    EXPECT_TRUE(SameBothWays(bytes, false, blob.name)) << blob.name << ": the fast decoder declined";
    // Two objects one after the other: each read ends where the next begins.
    ASSERT_OK_AND_ASSIGN(auto sink, io::BufferOutputStream::Create());
    ASSERT_OK(blob.object.WriteTo(sink.get()));
    ASSERT_OK(blob.object.WriteTo(sink.get()));
    ASSERT_OK_AND_ASSIGN(auto two, sink->Finish());
    io::BufferReader input(two);
    for (int i = 0; i < 2; ++i) {
      ASSERT_OK_AND_ASSIGN(auto read, ReadSerializedObject(&input, ipc::IpcReadOptions(), StreamDecoding::kSequence));
      EXPECT_NE(read.sequence, nullptr) << blob.name;
      EXPECT_EQ(read.batch, nullptr) << blob.name;
    }
    EXPECT_EQ(*input.Tell(), two->size());
  }
}

TEST(FastDecoder, ReadPlainObjectTakesObjectsWithoutTensorsOrBuffers) {
  for (const Blob& blob : Corpus()) {
    ASSERT_OK_AND_ASSIGN(auto bytes, blob.object.ToBuffer());
    ASSERT_TRUE(SameBothWays(bytes, false, blob.name));  // the schema is cached now
    const bool plain = blob.object.tensors.empty() && blob.object.buffers.empty();
    EXPECT_EQ(ReadPlain(*bytes).has_value(), plain) << blob.name;
  }
  // The stream must start right after the 16-byte header (a later one is the generic path's).
  ASSERT_OK_AND_ASSIGN(auto bytes, Nested().ToBuffer());
  EXPECT_TRUE(ReadPlain(*bytes).has_value());
  EXPECT_FALSE(ReadPlain(*Copy(*bytes, 20)).has_value());
  EXPECT_FALSE(ReadPlain(*Copy(*bytes, 0)).has_value());
}

TEST(FastDecoder, KeepsTheStreamForWriting) {
  const SerializedObject object = Nested();
  ASSERT_OK_AND_ASSIGN(auto bytes, object.ToBuffer());
  io::BufferReader input(bytes);
  ASSERT_OK(ReadSerializedObject(&input).status());  // the schema into the cache
  io::BufferReader again(bytes);
  ASSERT_OK_AND_ASSIGN(auto read, ReadSerializedObject(&again, ipc::IpcReadOptions(), StreamDecoding::kSequence));
  ASSERT_NE(read.sequence, nullptr);
  ASSERT_OK_AND_ASSIGN(auto rewritten, read.ToBuffer());
  EXPECT_TRUE(rewritten->Equals(*bytes));
}

TEST(FastDecoder, ReadsPyarrowBlobsLikeTheGenericPath) {
  // pyarrow 1.0 wrote the modern layout (V5, tags with a Null child), 0.14.1 the legacy one.
  const std::pair<const char*, bool> blobs[] = {{"pyarrow-0.14.1_dense.integer.uncompressed.bin", false},
                                                {"pyarrow-1.0.0_dense.integer.uncompressed.bin", true},
                                                {"pyarrow-1.0.0_sparse.float.uncompressed.bin", true}};
  for (const auto& [name, modern] : blobs) {
    const auto bytes = LegacyBlob(name);
    EXPECT_EQ(SameBothWays(bytes, false, name), modern) << name;
    CompareMutations(bytes, false, name);
  }
}

TEST(FastDecoder, MutatedBlobsEndTheSameWay) {
  for (const Blob& blob : Corpus()) {
    ASSERT_OK_AND_ASSIGN(auto bytes, blob.object.ToBuffer());
    const int fast = CompareMutations(bytes, false, blob.name);
    EXPECT_GT(fast, 0) << blob.name;
  }
}

TEST(FastDecoder, MutatedComponentStreamsEndTheSameWay) {
  for (const Blob& blob : Corpus()) {
    if (!blob.object.tensors.empty()) continue;  // components of the stream alone
    ASSERT_OK_AND_ASSIGN(SerializedComponents components, blob.object.GetComponents());
    EXPECT_TRUE(SameBothWays(components.data[0], true, blob.name));
    const int fast = CompareMutations(components.data[0], true, blob.name + " (components)");
    EXPECT_GT(fast, 0) << blob.name;
  }
}

// A list or tuple of `ints` ints and a string after them.
SerializedObject IntsThenString(bool tuple, int ints) {
  SequenceWriter w;
  EXPECT_OK(tuple ? w.BeginTuple() : w.BeginList());
  for (int i = 0; i < ints; ++i) EXPECT_OK(w.AppendInt64(1000 * i - 7));
  EXPECT_OK(w.AppendString("end"));
  EXPECT_OK(w.End());
  SerializedObject object;
  object.batch = *w.Finish();
  return object;
}

// The batch message of a schema read before is checked against the last one of that schema
// (batch_message_template_internal.h): other lengths read right, and every corruption of a
// batch read right before still ends as on the generic path.
TEST(FastDecoder, BatchesOfAKnownSchemaReadLikeTheGenericPath) {
  std::vector<std::shared_ptr<Buffer>> blobs;
  for (int ints : {3, 60, 0, 1, 200}) {
    ASSERT_OK_AND_ASSIGN(auto bytes, IntsThenString(false, ints).ToBuffer());
    blobs.push_back(bytes);
  }
  for (int round = 0; round < 2; ++round) {
    for (const auto& bytes : blobs) {
      EXPECT_TRUE(SameBothWays(bytes, false, "list of ints")) << "the fast decoder declined";
    }
  }
  // Each corruption right after a clean read of the same object.
  const auto& bytes = blobs[1];
  for (int64_t pos = 16; pos < bytes->size(); ++pos) {
    ASSERT_TRUE(SameBothWays(bytes, false, "clean"));
    auto flipped = Copy(*bytes, bytes->size());
    flipped->mutable_data()[pos] ^= 0x40;
    SameBothWays(flipped, false, "list of ints, byte " + std::to_string(pos) + " ^ 0x40");
  }
}

// Two schemas whose messages have the same length and differ in a byte: neither is read with
// the other's plan or batch template.
TEST(FastDecoder, SameLengthSchemasStayApart) {
  ASSERT_OK_AND_ASSIGN(auto list, IntsThenString(false, 4).ToBuffer());
  ASSERT_OK_AND_ASSIGN(auto tuple, IntsThenString(true, 4).ToBuffer());
  ASSERT_EQ(list->size(), tuple->size());
  EXPECT_FALSE(list->Equals(*tuple));
  for (int round = 0; round < 3; ++round) {
    EXPECT_TRUE(SameBothWays(list, false, "list"));
    EXPECT_TRUE(SameBothWays(tuple, false, "tuple"));
    EXPECT_NE(*ReadPlain(*list), *ReadPlain(*tuple));
  }
}

}  // namespace
}  // namespace arrowpack::serialize
