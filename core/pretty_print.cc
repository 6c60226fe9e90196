// Array::ToString: the text pyarrow's str(array) prints, quirks included (struct, union,
// dictionary and run-end layouts, windows of 10 values and 2 nested lists, value formats).
#include <charconv>
#include <cstdio>

#include "arrowpack/core/array.h"
#include "arrowpack/core/array_internal.h"
#include "arrowpack/core/calendar_internal.h"

namespace arrowpack {

namespace {

constexpr int kIndentStep = 2;
constexpr int64_t kValueWindow = 10;
constexpr int64_t kContainerWindow = 2;

// ---- Value formats -----------------------------------------------------------------------------

// Shortest round-trip digits, written in plain notation for decimal exponents in [-6, 10) and as
// "1.5e+16" / "1e-7" otherwise (pyarrow's float format).
template <typename T>
std::string FormatFloating(T value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  const size_t e = text.find('e');
  std::string sign, digits;
  for (char c : text.substr(0, e)) {
    if (c == '-') sign = "-";
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
  const int num_digits = static_cast<int>(digits.size());
  if (exponent >= -6 && exponent < 10) {
    const auto zeros = [](int count) { return std::string(static_cast<size_t>(count), '0'); };
    const auto point = static_cast<size_t>(exponent + 1);
    if (exponent < 0) return sign + "0." + zeros(-exponent - 1) + digits;
    if (num_digits <= exponent + 1) return sign + digits + zeros(exponent + 1 - num_digits);
    return sign + digits.substr(0, point) + "." + digits.substr(point);
  }
  std::string out = sign + digits.substr(0, 1);
  if (num_digits > 1) out += "." + digits.substr(1);
  return out + (exponent >= 0 ? "e+" : "e-") + std::to_string(exponent >= 0 ? exponent : -exponent);
}

std::string HexUpper(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xF]);
  }
  return out;
}

using internal::CivilDateFromDays;
using internal::FloorDiv;
using internal::UnitsPerSecond;

std::string OutOfRange(int64_t value) { return "<value out of range: " + std::to_string(value) + ">"; }

// The date of a day count since 1970-01-01 ("0000-12-31", "-0001-01-01"); pyarrow prints years in
// [-32767, 32767] only.
bool FormatDate(int64_t days, std::string* out) {
  const internal::CivilDate date = CivilDateFromDays(days);
  const int64_t year = date.year;
  if (year < -32767 || year > 32767) return false;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s%04lld-%02d-%02d", year < 0 ? "-" : "",
                static_cast<long long>(year < 0 ? -year : year), date.month, date.day);
  *out = buffer;
  return true;
}

int FractionDigits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return 0;
    case TimeUnit::MILLI: return 3;
    case TimeUnit::MICRO: return 6;
    case TimeUnit::NANO: return 9;
  }
  return 0;
}

// "HH:MM:SS" plus the fraction digits of the unit; `value` is in [0, one day).
std::string FormatTimeOfDay(int64_t value, TimeUnit unit) {
  const int64_t per_second = UnitsPerSecond(unit);
  const int64_t seconds = value / per_second;
  char buffer[48];
  int written = std::snprintf(buffer, sizeof(buffer), "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                              static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  if (unit != TimeUnit::SECOND) {
    std::snprintf(buffer + written, sizeof(buffer) - static_cast<size_t>(written), ".%0*lld", FractionDigits(unit),
                  static_cast<long long>(value % per_second));
  }
  return buffer;
}

std::string FormatTime(int64_t value, TimeUnit unit) {
  if (value < 0 || value >= 86400 * UnitsPerSecond(unit)) return OutOfRange(value);
  return FormatTimeOfDay(value, unit);
}

std::string FormatTimestamp(int64_t value, const TemporalType& type) {
  const int64_t per_day = 86400 * UnitsPerSecond(type.unit());
  std::string date;
  if (!FormatDate(FloorDiv(value, per_day), &date)) return OutOfRange(value);
  // The remainder, not value - days * per_day, which overflows near INT64_MIN.
  int64_t time_of_day = value % per_day;
  if (time_of_day < 0) time_of_day += per_day;
  // Zoned timestamps hold UTC instants; pyarrow prints them in UTC with a "Z".
  return date + " " + FormatTimeOfDay(time_of_day, type.unit()) + (type.timezone().empty() ? "" : "Z");
}

std::string FormatDateValue(int64_t days, int64_t raw) {
  std::string date;
  return FormatDate(days, &date) ? date : OutOfRange(raw);
}

// Text of non-null value `i` of a scalar-typed array.
std::string FormatScalar(const Array& array, int64_t i) {
  const DataType& type = *array.type();
  const ArrayData& data = *array.data();
  switch (type.id()) {
    case TypeId::BOOL: return static_cast<const BooleanArray&>(array).Value(i) ? "true" : "false";
    case TypeId::UINT8: return std::to_string(data.GetValues<uint8_t>(1)[i]);
    case TypeId::INT8: return std::to_string(data.GetValues<int8_t>(1)[i]);
    case TypeId::UINT16: return std::to_string(data.GetValues<uint16_t>(1)[i]);
    case TypeId::INT16: return std::to_string(data.GetValues<int16_t>(1)[i]);
    case TypeId::UINT32: return std::to_string(data.GetValues<uint32_t>(1)[i]);
    case TypeId::INT32: return std::to_string(data.GetValues<int32_t>(1)[i]);
    case TypeId::UINT64: return std::to_string(data.GetValues<uint64_t>(1)[i]);
    case TypeId::HALF_FLOAT:
      return FormatFloating(static_cast<double>(internal::HalfToFloat(data.GetValues<uint16_t>(1)[i])));
    case TypeId::FLOAT: return FormatFloating(data.GetValues<float>(1)[i]);
    case TypeId::DOUBLE: return FormatFloating(data.GetValues<double>(1)[i]);
    case TypeId::DATE32: {
      const int32_t days = data.GetValues<int32_t>(1)[i];
      return FormatDateValue(days, days);
    }
    case TypeId::DATE64: {
      // pyarrow truncates toward zero here (-1 ms prints as 1970-01-01), unlike timestamps.
      const int64_t millis = data.GetValues<int64_t>(1)[i];
      return FormatDateValue(millis / 86400000, millis);
    }
    case TypeId::TIME32:
      return FormatTime(data.GetValues<int32_t>(1)[i], static_cast<const TemporalType&>(type).unit());
    case TypeId::TIME64:
      return FormatTime(data.GetValues<int64_t>(1)[i], static_cast<const TemporalType&>(type).unit());
    case TypeId::TIMESTAMP:
      return FormatTimestamp(data.GetValues<int64_t>(1)[i], static_cast<const TemporalType&>(type));
    case TypeId::INTERVAL_MONTHS: return std::to_string(data.GetValues<int32_t>(1)[i]) + "M";
    case TypeId::INTERVAL_DAY_TIME: {
      const int32_t* pair = data.GetValues<int32_t>(1) + 2 * i;
      return std::to_string(pair[0]) + "d" + std::to_string(pair[1]) + "ms";
    }
    case TypeId::INTERVAL_MONTH_DAY_NANO: {
      const MonthDayNano& value = data.GetValues<MonthDayNano>(1)[i];
      return std::to_string(value.months) + "M" + std::to_string(value.days) + "d" +
             std::to_string(value.nanoseconds) + "ns";
    }
    case TypeId::STRING: return "\"" + std::string(static_cast<const BinaryArray&>(array).GetView(i)) + "\"";
    case TypeId::LARGE_STRING:
      return "\"" + std::string(static_cast<const LargeBinaryArray&>(array).GetView(i)) + "\"";
    case TypeId::STRING_VIEW:
      return "\"" + std::string(static_cast<const BinaryViewArray&>(array).GetView(i)) + "\"";
    case TypeId::BINARY: return HexUpper(static_cast<const BinaryArray&>(array).GetView(i));
    case TypeId::LARGE_BINARY: return HexUpper(static_cast<const LargeBinaryArray&>(array).GetView(i));
    case TypeId::BINARY_VIEW: return HexUpper(static_cast<const BinaryViewArray&>(array).GetView(i));
    case TypeId::FIXED_SIZE_BINARY: return HexUpper(static_cast<const FixedSizeBinaryArray&>(array).GetView(i));
    case TypeId::DECIMAL32:
    case TypeId::DECIMAL64:
    case TypeId::DECIMAL128:
    case TypeId::DECIMAL256:
      return static_cast<const DecimalArray&>(array).FormatValue(i);
    default:  // int64, duration
      return std::to_string(data.GetValues<int64_t>(1)[i]);
  }
}

// ---- Layouts -----------------------------------------------------------------------------------

class Printer {
 public:
  explicit Printer(std::string* out) : out_(*out) {}

  // Writes `array` whose first line (if indented at all) starts at `indent`.
  void Print(const Array& array, int indent) {
    switch (array.type_id()) {
      case TypeId::NA:
        out_ += std::to_string(array.length()) + " nulls";
        return;
      case TypeId::EXTENSION:
        return Print(*static_cast<const ExtensionArray&>(array).storage(), indent);
      case TypeId::STRUCT:
        return PrintStruct(static_cast<const StructArray&>(array), indent);
      case TypeId::SPARSE_UNION:
      case TypeId::DENSE_UNION:
        return PrintUnion(static_cast<const UnionArray&>(array), indent);
      case TypeId::DICTIONARY: {
        const auto& dict = static_cast<const DictionaryArray&>(array);
        return PrintLabelledPair("dictionary", *dict.dictionary(), "indices", *dict.indices(), indent);
      }
      case TypeId::RUN_END_ENCODED: {
        const auto& ree = static_cast<const RunEndEncodedArray&>(array);
        return PrintLabelledPair("run_ends", *ree.run_ends(), "values", *ree.values(), indent);
      }
      default:
        return PrintValues(array, indent);
    }
  }

 private:
  void Indent(int width) { out_.append(static_cast<size_t>(width), ' '); }

  void PrintChild(int index, const Array& child, int indent) {
    out_ += "\n";
    Indent(indent);
    out_ += "-- child " + std::to_string(index) + " type: " + child.type()->ToString() + "\n";
    Print(child, indent + kIndentStep);
  }

  void PrintStruct(const StructArray& array, int indent) {
    Indent(indent);
    out_ += "-- is_valid:";
    if (array.null_count() == 0) {
      out_ += " all not null";
    } else {
      // pyarrow indents the bitmap's opening bracket twice.
      out_ += "\n";
      Indent(indent);
      BooleanArray bits(ArrayData::Make(boolean(), array.length(), {nullptr, array.data()->buffers[0]}, 0,
                                        array.offset()));
      Print(bits, indent + kIndentStep);
    }
    for (int i = 0; i < array.num_fields(); ++i) PrintChild(i, *array.field(i), indent);
  }

  void PrintUnion(const UnionArray& array, int indent) {
    const ArrayData& data = *array.data();
    Indent(indent);
    out_ += "-- is_valid: all not null\n";
    Indent(indent);
    out_ += "-- type_ids: ";
    Print(PrimitiveArray<int8_t>(
              ArrayData::Make(int8(), array.length(), {nullptr, data.buffers[0]}, 0, array.offset())),
          indent + kIndentStep);
    if (array.is_dense()) {
      out_ += "\n";
      Indent(indent);
      out_ += "-- value_offsets: ";
      Print(PrimitiveArray<int32_t>(
                ArrayData::Make(int32(), array.length(), {nullptr, data.buffers[1]}, 0, array.offset())),
            indent + kIndentStep);
    }
    for (int i = 0; i < array.type()->num_fields(); ++i) {
      const Array& child = *array.field(i);
      // Sparse children line up with the union's rows; dense children are shown whole.
      PrintChild(i, array.is_dense() ? child : *child.Slice(array.offset(), array.length()), indent);
    }
  }

  void PrintLabelledPair(const char* first_label, const Array& first, const char* second_label, const Array& second,
                         int indent) {
    out_ += "\n";
    Indent(indent);
    out_ += std::string("-- ") + first_label + ":\n";
    Print(first, indent + kIndentStep);
    out_ += "\n";
    Indent(indent);
    out_ += std::string("-- ") + second_label + ":\n";
    Print(second, indent + kIndentStep);
  }

  void PrintValues(const Array& array, int indent) {
    Indent(indent);
    out_ += "[";
    const int64_t length = array.length();
    if (length == 0) {
      out_ += "]";
      return;
    }
    out_ += "\n";
    const int64_t window = is_list_like(array.type_id()) ? kContainerWindow : kValueWindow;
    const bool truncate = length > 2 * window + 1;
    for (int64_t i = 0; i < length; ++i) {
      if (truncate && i == window) {
        Indent(indent + kIndentStep);
        out_ += "...\n";
        i = length - window;
      }
      if (array.IsNull(i)) {
        Indent(indent + kIndentStep);
        out_ += "null";
      } else {
        PrintElement(array, i, indent + kIndentStep);
      }
      out_ += i + 1 < length ? ",\n" : "\n";
    }
    Indent(indent);
    out_ += "]";
  }

  void PrintElement(const Array& array, int64_t i, int indent) {
    switch (array.type_id()) {
      case TypeId::MAP: {
        const ArrayPtr slice = static_cast<const MapArray&>(array).value_slice(i);
        const auto& entries = static_cast<const StructArray&>(*slice);
        Indent(indent);
        out_ += "keys:\n";
        Print(*entries.field(0), indent);
        out_ += "\n";
        Indent(indent);
        out_ += "values:\n";
        Print(*entries.field(1), indent);
        return;
      }
      case TypeId::LIST:
      case TypeId::LIST_VIEW:
        return Print(*static_cast<const ListArray&>(array).value_slice(i), indent);
      case TypeId::LARGE_LIST:
      case TypeId::LARGE_LIST_VIEW:
        return Print(*static_cast<const LargeListArray&>(array).value_slice(i), indent);
      case TypeId::FIXED_SIZE_LIST:
        return Print(*static_cast<const FixedSizeListArray&>(array).value_slice(i), indent);
      default:
        Indent(indent);
        out_ += FormatScalar(array, i);
    }
  }

  std::string& out_;
};

}  // namespace

std::string Array::ToString() const {
  std::string out;
  Printer(&out).Print(*this, 0);
  return out;
}

}  // namespace arrowpack
