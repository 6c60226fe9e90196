#include "arrowpack/core/array_format_internal.h"

#include <sstream>

namespace arrowpack::internal {

namespace {

// Chunks shown at each end of a long chunked array, as pyarrow's container_window.
constexpr int kChunkWindow = 2;
// Values shown at each end of a long chunk (Array::ToString shows 10, chunked arrays 5).
constexpr int64_t kChunkValueWindow = 5;

// Types that Array::ToString prints as a flat "[\n  v,\n  ...\n]" list of scalars.
bool IsFlatValueList(const DataType& type) {
  switch (type.id()) {
    case TypeId::NA:
    case TypeId::STRUCT:
    case TypeId::SPARSE_UNION:
    case TypeId::DENSE_UNION:
    case TypeId::DICTIONARY:
    case TypeId::RUN_END_ENCODED:
    case TypeId::EXTENSION:
      return false;
    default:
      return !is_list_like(type.id());
  }
}

// A chunk as pyarrow's chunked-array printer shows it: long flat chunks keep only
// kChunkValueWindow values at each end, spliced from the renderings of the two ends.
std::string FormatChunk(const Array& chunk) {
  const int64_t length = chunk.length();
  if (!IsFlatValueList(*chunk.type()) || length <= 2 * kChunkValueWindow + 1) return chunk.ToString();
  std::string head = chunk.Slice(0, kChunkValueWindow)->ToString();
  std::string tail = chunk.Slice(length - kChunkValueWindow)->ToString();
  head.erase(head.size() - 2);  // "\n]"
  tail.erase(0, 2);             // "[\n"
  return head + ",\n  ...\n" + tail;
}

// Array::ToString puts one element per line, indented by nesting depth; dropping the line breaks
// and the indentation gives the compact form, where pyarrow follows an elision with a comma.
std::string JoinLines(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::string content = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    out += content == "..." ? "...," : content;
  }
  return out;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::istringstream lines(text);
  bool first = true;
  for (std::string line; std::getline(lines, line); first = false) {
    if (!first) out += "\n";
    out += prefix + line;
  }
  return out;
}

}  // namespace

std::string FormatArrayOneLine(const Array& array) { return JoinLines(array.ToString()); }

std::string FormatChunked(const ArrayVector& chunks, bool one_line) {
  const int n = static_cast<int>(chunks.size());
  std::string out = one_line ? "[" : "[\n";
  for (int i = 0; i < n; ++i) {
    if (n > 2 * kChunkWindow && i == kChunkWindow) {
      out += one_line ? "...," : "...,\n";
      i = n - kChunkWindow;
    }
    const std::string chunk = FormatChunk(*chunks[i]);
    out += one_line ? JoinLines(chunk) : Indent(chunk, "  ");
    if (i + 1 < n) out += one_line ? "," : ",\n";
  }
  out += one_line ? "]" : "\n]";
  return out;
}

}  // namespace arrowpack::internal
