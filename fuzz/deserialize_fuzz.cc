// deserialize: ReadSerializedObject on arbitrary bytes, then OpenSequence and CheckIndexBounds,
// and a walk over every value the way a deserializer visits them (scalars, strings, container
// ranges, tensors and buffers by index). Whatever is accepted also goes through components and
// back. Every input is read twice, by the generic path (StreamDecoding::kBatch, which also puts
// the schema in the cache) and then as Python reads (kSequence, the fast decoder); the two must
// end with the same status and the same values, else the target aborts. ReadPlainObject (the
// Python binding's path for objects without tensors) may accept only what the generic path reads
// without error, with the same values.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/serialized_object.h"
#include "fuzz_target.h"

namespace {

using namespace arrowpack;
using serialize::PythonTag;
using serialize::UnionReader;

// Hashes what it reads, in order, so that both paths can be compared.
struct Visitor {
  const serialize::SerializedObject& object;
  uint64_t sum = 0;

  void Mix(uint64_t value) { sum = sum * 1000003 + value; }

  void Visit(const UnionReader& u, int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      Mix(static_cast<uint64_t>(u.tag(i)));
      switch (u.tag(i)) {
        case PythonTag::NONE:
          break;
        case PythonTag::BOOL:
          Mix(u.GetBool(i));
          break;
        case PythonTag::INT:
        case PythonTag::PY2INT:
        case PythonTag::DATE64:
          Mix(static_cast<uint64_t>(u.GetInt64(i)));
          break;
        case PythonTag::BYTES:
        case PythonTag::STRING: {
          const auto bytes = u.GetBytes(i);
          Mix(bytes.size());
          for (char c : bytes) Mix(static_cast<uint8_t>(c));
          break;
        }
        case PythonTag::HALF_FLOAT:
          Mix(u.GetHalfFloat(i));
          break;
        case PythonTag::FLOAT:
          Mix(std::bit_cast<uint32_t>(u.GetFloat(i)));
          break;
        case PythonTag::DOUBLE:
          Mix(std::bit_cast<uint64_t>(u.GetDouble(i)));
          break;
        case PythonTag::LIST:
        case PythonTag::TUPLE:
        case PythonTag::SET: {
          const auto range = u.GetSequence(i);
          Visit(*range.values, range.begin, range.end);
          break;
        }
        case PythonTag::DICT: {
          const auto range = u.GetDict(i);
          Visit(*range.keys, range.begin, range.end);
          Visit(*range.vals, range.begin, range.end);
          break;
        }
        case PythonTag::TENSOR:
          Mix(static_cast<uint64_t>(object.tensors[static_cast<size_t>(u.GetIndex(i))]->size()));
          break;
        case PythonTag::NDARRAY:
          Mix(static_cast<uint64_t>(object.ndarrays[static_cast<size_t>(u.GetIndex(i))]->size()));
          break;
        case PythonTag::BUFFER:
          Mix(static_cast<uint64_t>(object.buffers[static_cast<size_t>(u.GetIndex(i))]->size()));
          break;
        default:
          Mix(static_cast<uint64_t>(object.sparse_tensors[static_cast<size_t>(u.GetIndex(i))]->non_zero_length()));
          break;
      }
    }
  }
};

// The status of one read (empty when it succeeded) and the hash of its values.
struct Outcome {
  std::string status;
  uint64_t values = 0;
  int64_t position = 0;
};

Outcome Read(const std::shared_ptr<Buffer>& buffer, serialize::StreamDecoding decoding) {
  Outcome out;
  io::BufferReader input(buffer);
  auto object = serialize::ReadSerializedObject(&input, arrowpack::fuzz::FuzzReadOptions(), decoding);
  out.position = *input.Tell();
  if (!object.ok()) {
    out.status = object.status().ToString();
    return out;
  }
  auto reader = serialize::OpenSequence(*object);
  if (!reader.ok()) {
    out.status = reader.status().ToString();
    return out;
  }
  const Status bounds = (*reader)->CheckIndexBounds(static_cast<int64_t>(object->tensors.size()),
                                                    static_cast<int64_t>(object->ndarrays.size()),
                                                    static_cast<int64_t>(object->buffers.size()),
                                                    static_cast<int64_t>(object->sparse_tensors.size()));
  if (!bounds.ok()) {
    out.status = bounds.ToString();
    return out;
  }
  Visitor visitor{*object};
  const UnionReader& root = (*reader)->root();
  visitor.Visit(root, 0, root.length());
  out.values = visitor.sum;
  auto components = object->GetComponents();
  if (components.ok()) (void)serialize::SerializedObject::FromComponents(*components, decoding);
  return out;
}

// ReadPlainObject with one reader reused by every input (as the Python binding reuses its
// thread's): whether it accepted the input, and the hash of its values then.
bool ReadPlain(const Buffer& buffer, uint64_t* values) {
  static const std::unique_ptr<serialize::SequenceReader> reader = serialize::SequenceReader::MakeReusable();
  if (!serialize::ReadPlainObject(buffer.data(), buffer.size(), reader.get())) return false;
  static const serialize::SerializedObject kNoComponents;
  Visitor visitor{kNoComponents};
  visitor.Visit(reader->root(), 0, reader->root().length());
  *values = visitor.sum;
  return true;
}

}  // namespace

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& buffer) {
  const Outcome generic = Read(buffer, serialize::StreamDecoding::kBatch);
  const Outcome fast = Read(buffer, serialize::StreamDecoding::kSequence);
  if (fast.status != generic.status || fast.values != generic.values || fast.position != generic.position) {
    std::fprintf(stderr, "fast decoder and generic path differ:\n  generic: %s\n  fast:    %s\n", generic.status.c_str(),
                 fast.status.c_str());
    std::abort();
  }
  uint64_t plain = 0;
  if (ReadPlain(*buffer, &plain) && (!generic.status.empty() || plain != generic.values)) {
    std::fprintf(stderr, "ReadPlainObject accepted what the generic path read as: %s\n", generic.status.c_str());
    std::abort();
  }
  return 0;
}
