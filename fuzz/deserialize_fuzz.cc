// deserialize: ReadSerializedObject on arbitrary bytes, then SequenceReader::Open and
// CheckIndexBounds, and a walk over every value the way a deserializer visits them (scalars,
// strings, container ranges, tensors and buffers by index). Whatever is accepted also goes
// through components and back.
#include <cstdint>
#include <memory>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/serialize/sequence_reader.h"
#include "arrowpack/serialize/serialized_object.h"
#include "fuzz_target.h"

namespace {

using namespace arrowpack;
using serialize::PythonTag;
using serialize::UnionReader;

// Sums what it reads so that nothing is optimised away.
struct Visitor {
  const serialize::SerializedObject& object;
  uint64_t sum = 0;

  void Visit(const UnionReader& u, int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      switch (u.tag(i)) {
        case PythonTag::NONE:
          break;
        case PythonTag::BOOL:
          sum += u.GetBool(i);
          break;
        case PythonTag::INT:
        case PythonTag::PY2INT:
        case PythonTag::DATE64:
          sum += static_cast<uint64_t>(u.GetInt64(i));
          break;
        case PythonTag::BYTES:
        case PythonTag::STRING: {
          const auto bytes = u.GetBytes(i);
          for (char c : bytes) sum += static_cast<uint8_t>(c);
          break;
        }
        case PythonTag::HALF_FLOAT:
          sum += u.GetHalfFloat(i);
          break;
        case PythonTag::FLOAT:
          sum += static_cast<uint64_t>(u.GetFloat(i) != 0);
          break;
        case PythonTag::DOUBLE:
          sum += static_cast<uint64_t>(u.GetDouble(i) != 0);
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
          sum += static_cast<uint64_t>(object.tensors[static_cast<size_t>(u.GetIndex(i))]->size());
          break;
        case PythonTag::NDARRAY:
          sum += static_cast<uint64_t>(object.ndarrays[static_cast<size_t>(u.GetIndex(i))]->size());
          break;
        case PythonTag::BUFFER:
          sum += static_cast<uint64_t>(object.buffers[static_cast<size_t>(u.GetIndex(i))]->size());
          break;
        default:
          sum += static_cast<uint64_t>(object.sparse_tensors[static_cast<size_t>(u.GetIndex(i))]->non_zero_length());
          break;
      }
    }
  }
};

}  // namespace

int arrowpack::fuzz::FuzzOneInput(const std::shared_ptr<Buffer>& buffer) {
  io::BufferReader input(buffer);
  auto object = serialize::ReadSerializedObject(&input, FuzzReadOptions());
  if (!object.ok()) return 0;
  auto reader = serialize::OpenSequence(*object);
  if (!reader.ok()) return 0;
  if (!(*reader)
           ->CheckIndexBounds(static_cast<int64_t>(object->tensors.size()),
                              static_cast<int64_t>(object->ndarrays.size()),
                              static_cast<int64_t>(object->buffers.size()),
                              static_cast<int64_t>(object->sparse_tensors.size()))
           .ok()) {
    return 0;
  }
  Visitor visitor{*object};
  const UnionReader& root = (*reader)->root();
  visitor.Visit(root, 0, root.length());
  auto components = object->GetComponents();
  if (components.ok()) (void)serialize::SerializedObject::FromComponents(*components);
  return visitor.sum == 42 ? 0 : 0;
}
