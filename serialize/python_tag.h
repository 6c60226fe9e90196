// The type tags of pyarrow's object format (legacy pa.serialize). A union child of the format is
// named by the decimal value of its tag. pyarrow 1.0 to 11 use the numbering of PythonTag (NONE = 0
// names the Null child that opens every union); pyarrow 0.12 to 0.17 numbered the same kinds one
// lower and had no NONE tag (None was a null union slot). Plain values and pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "arrowpack/core/result.h"

namespace arrowpack::serialize {

/// The kinds of value, numbered as pyarrow 1.0-11 name its union children.
enum class PythonTag : int8_t {
  NONE = 0,
  BOOL = 1,
  INT = 2,
  PY2INT = 3,  // read only (Python 2 int, an Int64 child)
  BYTES = 4,
  STRING = 5,
  HALF_FLOAT = 6,
  FLOAT = 7,
  DOUBLE = 8,
  DATE64 = 9,  // datetime as microseconds since the epoch, in a Date64 child
  LIST = 10,
  DICT = 11,
  TUPLE = 12,
  SET = 13,
  TENSOR = 14,  // Int32 index into SerializedObject::tensors
  NDARRAY = 15,  // Int32 index into SerializedObject::ndarrays
  BUFFER = 16,  // Int32 index into SerializedObject::buffers
  SPARSE_COO = 17,  // Int32 index into the shared SerializedObject::sparse_tensors
  SPARSE_CSR = 18,
  SPARSE_CSC = 19,
  SPARSE_CSF = 20,
};
constexpr int kNumPythonTags = 21;

/// Which numbering a union's child names follow.
enum class TagNumbering : int8_t {
  kLegacy,  // pyarrow 0.12-0.17: tag - 1, no NONE child
  kModern,  // pyarrow 1.0-11: PythonTag values
};

/// The tag named by a union child field `name` ("0".."20"; legacy "0".."18"). Invalid for names
/// that are not a decimal number of a known tag.
Result<PythonTag> TagFromFieldName(std::string_view name, TagNumbering numbering);
/// The decimal field name pyarrow 1.0-11 gives the child of `tag` ("0" for NONE, "15" for NDARRAY).
std::string_view TagFieldName(PythonTag tag);
/// A word for messages: "none", "bool", "int", ..., "sparse_csf".
std::string_view TagDescription(PythonTag tag);

/// LIST, TUPLE, SET (a List<dense_union> child) and DICT.
constexpr bool IsContainerTag(PythonTag tag) {
  return tag == PythonTag::LIST || tag == PythonTag::DICT || tag == PythonTag::TUPLE || tag == PythonTag::SET;
}
/// TENSOR, NDARRAY, BUFFER and the sparse kinds: an Int32 index into a side list.
constexpr bool IsIndexTag(PythonTag tag) { return tag >= PythonTag::TENSOR; }
/// The sparse tensor kinds.
constexpr bool IsSparseTag(PythonTag tag) { return tag >= PythonTag::SPARSE_COO; }

}  // namespace arrowpack::serialize
