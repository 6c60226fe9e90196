// Tag numbering of the object format (see python_tag.h).
#include "arrowpack/serialize/python_tag.h"

#include <array>
#include <charconv>

namespace arrowpack::serialize {

namespace {

constexpr std::array<std::string_view, kNumPythonTags> kFieldNames = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"};

constexpr std::array<std::string_view, kNumPythonTags> kDescriptions = {
    "none", "bool",  "int",   "py2int", "bytes",  "str",    "half_float", "float",      "double",     "date64",    "list",
    "dict", "tuple", "set",   "tensor", "ndarray", "buffer", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_csf"};

}  // namespace

Result<PythonTag> TagFromFieldName(std::string_view name, TagNumbering numbering) {
  int value = -1;
  const char* end = name.data() + name.size();
  auto [ptr, error] = std::from_chars(name.data(), end, value);
  // Legacy tags stop at sparse CSC (18 - 1); CSF came with the 1.0 numbering.
  const int limit = numbering == TagNumbering::kModern ? kNumPythonTags : kNumPythonTags - 2;
  if (name.empty() || error != std::errc() || ptr != end || value < 0 || value >= limit ||
      (name.size() > 1 && name[0] == '0')) {
    return Status::Invalid("union child name '", name, "' is not a type tag of the ",
                           numbering == TagNumbering::kModern ? "pyarrow 1.0-11" : "pyarrow 0.12-0.17",
                           " object format");
  }
  return static_cast<PythonTag>(numbering == TagNumbering::kModern ? value : value + 1);
}

std::string_view TagFieldName(PythonTag tag) { return kFieldNames[static_cast<size_t>(tag)]; }

std::string_view TagDescription(PythonTag tag) { return kDescriptions[static_cast<size_t>(tag)]; }

}  // namespace arrowpack::serialize
