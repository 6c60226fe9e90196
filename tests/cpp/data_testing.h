// Test data generators shared by the codec and compressed-stream suites.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace arrowpack::testing {

inline std::string RandomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng());
  return out;
}

// Text-like data: words drawn from a small vocabulary, so every codec shrinks it a lot.
inline std::string CompressibleBytes(size_t n, uint64_t seed) {
  static const char* kWords[] = {"arrow ", "pack ", "buffer ", "stream ", "codec ", "frame ", "zstd\n", "lz4\t"};
  std::mt19937_64 rng(seed);
  std::string out;
  while (out.size() < n) out += kWords[rng() % 8];
  out.resize(n);
  return out;
}

}  // namespace arrowpack::testing
