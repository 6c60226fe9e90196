#include "arrowpack/core/array_format_internal.h"

#include <sstream>

namespace arrowpack::internal {

namespace {

// Chunks shown at each end of a long chunked array, as pyarrow's container_window.
constexpr int kChunkWindow = 2;

// Array::ToString puts one element per line, indented by nesting depth; dropping the line breaks
// and the indentation gives the compact form.
std::string JoinLines(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    out += line.substr(std::min(line.find_first_not_of(' '), line.size()));
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
    out += one_line ? FormatArrayOneLine(*chunks[i]) : Indent(chunks[i]->ToString(), "  ");
    if (i + 1 < n) out += one_line ? "," : ",\n";
  }
  out += one_line ? "]" : "\n]";
  return out;
}

}  // namespace arrowpack::internal
