#include <algorithm>
#include <array>
#include <string>

#include "arrowpack/core/builder_binary.h"

namespace arrowpack {

namespace {

// The unscaled digits of a decimal literal and the power of ten they are multiplied by.
struct DecimalText {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Result<DecimalText> ParseDecimalText(std::string_view text) {
  DecimalText out;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) out.negative = text[pos++] == '-';
  for (; pos < text.size() && IsDigit(text[pos]); ++pos) out.digits += text[pos];
  if (pos < text.size() && text[pos] == '.') {
    for (++pos; pos < text.size() && IsDigit(text[pos]); ++pos) {
      out.digits += text[pos];
      --out.exponent;
    }
  }
  if (out.digits.empty()) return Status::Invalid("'", text, "' is not a decimal number");
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative_exponent = text[pos++] == '-';
    if (pos == text.size()) return Status::Invalid("'", text, "' has an empty exponent");
    int64_t exponent = 0;
    for (; pos < text.size() && IsDigit(text[pos]); ++pos) {
      // Past a few hundred, any non-zero value overflows every decimal width anyway.
      exponent = std::min<int64_t>(exponent * 10 + (text[pos] - '0'), 100000);
    }
    out.exponent += negative_exponent ? -exponent : exponent;
  }
  if (pos != text.size()) return Status::Invalid("'", text, "' is not a decimal number");
  return out;
}

// Writes `digits` (at most 76, so the magnitude fits) as a two's complement little-endian integer.
void WriteTwosComplement(const std::string& digits, bool negative, int32_t byte_width, uint8_t* out) {
  std::array<uint32_t, 8> limbs{};
  const int num_limbs = byte_width / 4;
  for (char digit : digits) {
    uint64_t carry = static_cast<uint64_t>(digit - '0');
    for (int i = 0; i < num_limbs; ++i) {
      const uint64_t product = static_cast<uint64_t>(limbs[i]) * 10 + carry;
      limbs[i] = static_cast<uint32_t>(product);
      carry = product >> 32;
    }
  }
  if (negative) {
    uint64_t carry = 1;
    for (int i = 0; i < num_limbs; ++i) {
      const uint64_t sum = static_cast<uint64_t>(~limbs[i]) + carry;
      limbs[i] = static_cast<uint32_t>(sum);
      carry = sum >> 32;
    }
  }
  for (int i = 0; i < byte_width; ++i) out[i] = static_cast<uint8_t>(limbs[i / 4] >> (8 * (i % 4)));
}

}  // namespace

DecimalBuilder::DecimalBuilder(TypePtr type, MemoryPool* pool)
    : FixedSizeBinaryBuilder(std::move(type), pool),
      precision_(static_cast<const DecimalType&>(*type_).precision()),
      scale_(static_cast<const DecimalType&>(*type_).scale()) {}

Status DecimalBuilder::AppendDecimalString(std::string_view text) {
  ARROWPACK_ASSIGN_OR_RAISE(DecimalText parsed, ParseDecimalText(text));
  std::string& digits = parsed.digits;
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (!digits.empty()) {
    // value = digits * 10^exponent; the stored integer is value * 10^scale.
    const int64_t shift = parsed.exponent + scale_;
    if (shift < 0) {
      // Dropping digits is only exact when they are all zeros (the leading digit is non-zero).
      const auto drop = static_cast<size_t>(-shift);
      if (drop >= digits.size() || digits.find_first_not_of('0', digits.size() - drop) != std::string::npos) {
        return Status::Invalid("decimal '", text, "' cannot be represented at scale ", scale_,
                               " without losing digits");
      }
      digits.resize(digits.size() - drop);
    }
    const int64_t needed = static_cast<int64_t>(digits.size()) + std::max<int64_t>(shift, 0);
    if (needed > precision_) {
      return Status::Invalid("decimal '", text, "' needs ", needed, " digits at scale ", scale_,
                             " but the precision is ", precision_);
    }
    if (shift > 0) digits.append(static_cast<size_t>(shift), '0');
  }
  std::array<uint8_t, 32> bytes{};
  WriteTwosComplement(digits, parsed.negative, byte_width(), bytes.data());
  return Append(bytes.data());
}

}  // namespace arrowpack
