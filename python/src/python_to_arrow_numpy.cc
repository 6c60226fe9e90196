// numpy arrays -> Arrow arrays. Primitive numeric arrays of the requested type are wrapped, not
// copied: the data buffer points into the ndarray and holds a reference to it. Everything else
// (bools into bits, casts, strided arrays, strings, objects) is copied. The ndarray is read
// through the buffer protocol (numbers) or __array_interface__ (other dtypes), so no numpy C API
// (and no build dependency) is involved.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "py_buffer.h"
#include "python_to_arrow_internal.h"

namespace arrowpack::python::pyconv {

namespace {

// One-dimensional ndarray as plain memory.
struct NdarrayView {
  py::object array;  // keeps the memory alive
  char kind = 0;     // dtype.kind: b i u f c M m U S O V
  int64_t itemsize = 0;
  int64_t length = 0;
  int64_t stride = 0;  // bytes
  const uint8_t* data = nullptr;
  std::string unit;  // datetime64/timedelta64 unit

  bool contiguous() const { return stride == itemsize || length <= 1; }
  const uint8_t* at(int64_t i) const { return data + i * stride; }
  /// str(dtype), for messages.
  std::string dtype_name() const { return py::str(array.attr("dtype")).cast<std::string>(); }
};

Result<std::string> TemporalUnit(const py::handle& dtype) {
  py::tuple unit_and_count = py::module_::import("numpy").attr("datetime_data")(dtype);
  if (unit_and_count[1].cast<int64_t>() != 1) {
    return Status::NotImplemented("numpy ", py::str(dtype).cast<std::string>(),
                                  " units with a multiplier are not supported");
  }
  return unit_and_count[0].cast<std::string>();
}

// The fast path for plain numbers and bools: one buffer-protocol request describes everything.
// False for dtypes the buffer protocol does not describe in one native character.
bool ViewFromBuffer(PyObject* ndarray, NdarrayView* view) {
  Py_buffer buffer;
  if (PyObject_GetBuffer(ndarray, &buffer, PyBUF_RECORDS_RO) != 0) {
    PyErr_Clear();
    return false;
  }
  const char* format = buffer.format != nullptr ? buffer.format : "B";
  if (*format == '=' || *format == '@' || (*format == '<' && PY_LITTLE_ENDIAN)) ++format;
  char kind = 0;
  if (format[0] != 0 && format[1] == 0) {
    switch (format[0]) {
      case '?': kind = 'b'; break;
      case 'b': case 'h': case 'i': case 'l': case 'q': kind = 'i'; break;
      case 'B': case 'H': case 'I': case 'L': case 'Q': kind = 'u'; break;
      case 'e': case 'f': case 'd': kind = 'f'; break;
      default: break;
    }
  }
  const bool usable = kind != 0 && buffer.ndim == 1;
  if (usable) {
    view->kind = kind;
    view->itemsize = buffer.itemsize;
    view->length = buffer.shape[0];
    view->stride = buffer.strides[0];
    view->data = static_cast<const uint8_t*>(buffer.buf);
  }
  PyBuffer_Release(&buffer);  // `array` keeps the memory alive
  return usable;
}

Result<NdarrayView> ViewOf(PyObject* ndarray) {
  NdarrayView view;
  view.array = py::reinterpret_borrow<py::object>(ndarray);
  if (ViewFromBuffer(ndarray, &view)) return view;
  if (view.array.attr("ndim").cast<int64_t>() != 1) return Status::Invalid("only handle 1-dimensional arrays");
  py::object dtype = view.array.attr("dtype");
  view.kind = dtype.attr("kind").cast<std::string>()[0];
  view.itemsize = dtype.attr("itemsize").cast<int64_t>();
  if (dtype.attr("byteorder").cast<std::string>() == ">") {
    return Status::NotImplemented("Byte-swapped arrays not supported");
  }
  if (view.kind == 'M' || view.kind == 'm') {
    ARROWPACK_ASSIGN_OR_RAISE(view.unit, TemporalUnit(dtype));
  }
  py::dict interface = view.array.attr("__array_interface__");
  view.data = reinterpret_cast<const uint8_t*>(py::tuple(interface["data"])[0].cast<uintptr_t>());
  view.length = py::tuple(interface["shape"])[0].cast<int64_t>();
  py::object strides = interface["strides"];
  view.stride = strides.is_none() ? view.itemsize : py::tuple(strides)[0].cast<int64_t>();
  return view;
}

// Nanoseconds per tick of a numpy datetime unit ("D", "s", ...); 0 for units Arrow lacks.
int64_t NanosPerTick(const std::string& unit) {
  if (unit == "D") return 86400LL * 1000000000LL;
  if (unit == "h") return 3600LL * 1000000000LL;
  if (unit == "m") return 60LL * 1000000000LL;
  if (unit == "s") return 1000000000LL;
  if (unit == "ms") return 1000000LL;
  if (unit == "us") return 1000LL;
  if (unit == "ns") return 1;
  return 0;
}

int64_t NanosPerTick(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return 1000000000LL;
    case TimeUnit::MILLI: return 1000000LL;
    case TimeUnit::MICRO: return 1000LL;
    case TimeUnit::NANO: return 1;
  }
  return 1;
}


// `name` gives str(dtype) for the error message.
template <typename NameFn>
Result<TypePtr> ArrowTypeFor(char kind, int64_t itemsize, const std::string& unit, NameFn&& name) {
  switch (kind) {
    case 'b': return boolean();
    case 'i':
      switch (itemsize) {
        case 1: return int8();
        case 2: return int16();
        case 4: return int32();
        case 8: return int64();
      }
      break;
    case 'u':
      switch (itemsize) {
        case 1: return uint8();
        case 2: return uint16();
        case 4: return uint32();
        case 8: return uint64();
      }
      break;
    case 'f':
      switch (itemsize) {
        case 2: return float16();
        case 4: return float32();
        case 8: return float64();
      }
      break;
    case 'M':
      if (unit == "D") return date32();
      if (auto arrow_unit = TimeUnitFromNumpy(unit)) return timestamp(*arrow_unit);
      return Status::NotImplemented("Unsupported datetime64 time unit '", unit, "'");
    case 'm':
      if (auto arrow_unit = TimeUnitFromNumpy(unit)) return duration(*arrow_unit);
      return Status::NotImplemented("Unsupported timedelta64 time unit '", unit, "'");
    case 'U': return utf8();
    case 'S': return binary();
    case 'O': return TypePtr();
    default: break;
  }
  return Status::NotImplemented("Unsupported numpy type ", name());
}

// Ticks of `from_nanos` nanoseconds each, re-expressed in ticks of `to_nanos`. Coarser targets
// floor; `safe` rejects a remainder.
Status ConvertTicks(int64_t value, int64_t from_nanos, int64_t to_nanos, bool safe, const std::string& what,
                    int64_t* out) {
  if (from_nanos >= to_nanos) {
    if (__builtin_mul_overflow(value, from_nanos / to_nanos, out)) {
      return Status::Invalid("Casting ", what, " value ", value, " would overflow");
    }
    return Status::OK();
  }
  const int64_t divisor = to_nanos / from_nanos;
  int64_t quotient = value / divisor;
  const int64_t remainder = value % divisor;
  if (remainder != 0) {
    if (safe) return Status::Invalid("Casting ", what, " would lose data: ", value);
    if (value < 0) --quotient;
  }
  *out = quotient;
  return Status::OK();
}

float HalfToFloat(uint16_t half) {
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  uint32_t exponent = (half >> 10) & 0x1fu;
  uint32_t mantissa = half & 0x3ffu;
  uint32_t bits = 0;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {
      // Subnormal: normalise the mantissa.
      int shift = 0;
      while ((mantissa & 0x400u) == 0) {
        mantissa <<= 1;
        ++shift;
      }
      mantissa &= 0x3ffu;
      bits = sign | (static_cast<uint32_t>(127 - 15 - shift + 1) << 23) | (mantissa << 13);
    }
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float out = 0;
  std::memcpy(&out, &bits, sizeof(out));
  return out;
}

// ---- Nulls ----------------------------------------------------------------------------------------

// One byte per row, 1 = null: the caller's mask, NaN under from_pandas, and NaT.
class NullFlags {
 public:
  NullFlags(const NdarrayView& view, const uint8_t* mask, bool from_pandas) : length_(view.length) {
    if (mask != nullptr) flags_.assign(mask, mask + view.length);
    if (view.kind == 'M' || view.kind == 'm') {
      for (int64_t i = 0; i < view.length; ++i) {
        int64_t value = 0;
        std::memcpy(&value, view.at(i), sizeof(value));
        if (value == std::numeric_limits<int64_t>::min()) Set(i);
      }
    } else if (view.kind == 'f' && from_pandas) {
      for (int64_t i = 0; i < view.length; ++i) {
        if (std::isnan(ReadFloat(view, i))) Set(i);
      }
    }
  }

  const uint8_t* data() const { return flags_.empty() ? nullptr : flags_.data(); }
  bool null(int64_t i) const { return !flags_.empty() && flags_[static_cast<size_t>(i)] != 0; }

  /// A validity bitmap (nullptr when nothing is null) and the null count.
  Result<std::shared_ptr<Buffer>> Validity(MemoryPool* pool, int64_t* null_count) const {
    *null_count = 0;
    if (flags_.empty()) return std::shared_ptr<Buffer>();
    ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> bitmap, AllocateBuffer(bit_util::BytesForBits(length_), pool));
    uint8_t* bits = bitmap->mutable_data();
    std::memset(bits, 0, static_cast<size_t>(bitmap->size()));
    for (int64_t i = 0; i < length_; ++i) {
      if (flags_[static_cast<size_t>(i)] != 0) {
        ++*null_count;
      } else {
        bit_util::SetBit(bits, i);
      }
    }
    if (*null_count == 0) return std::shared_ptr<Buffer>();
    return std::shared_ptr<Buffer>(std::move(bitmap));
  }

  static double ReadFloat(const NdarrayView& view, int64_t i) {
    const uint8_t* p = view.at(i);
    if (view.itemsize == 8) {
      double value = 0;
      std::memcpy(&value, p, sizeof(value));
      return value;
    }
    if (view.itemsize == 4) {
      float value = 0;
      std::memcpy(&value, p, sizeof(value));
      return value;
    }
    uint16_t half = 0;
    std::memcpy(&half, p, sizeof(half));
    return HalfToFloat(half);
  }

 private:
  void Set(int64_t i) {
    if (flags_.empty()) flags_.assign(static_cast<size_t>(length_), 0);
    flags_[static_cast<size_t>(i)] = 1;
  }

  int64_t length_;
  std::vector<uint8_t> flags_;
};

Result<ArrayPtr> Assemble(const TypePtr& type, const NdarrayView& view, const NullFlags& nulls,
                          std::shared_ptr<Buffer> values, MemoryPool* pool) {
  int64_t null_count = 0;
  ARROWPACK_ASSIGN_OR_RAISE(auto validity, nulls.Validity(pool, &null_count));
  return MakeArray(ArrayData::Make(type, view.length, {std::move(validity), std::move(values)}, null_count));
}

// The values as one packed buffer: the ndarray's own memory when contiguous, else a copy.
Result<std::shared_ptr<Buffer>> ValuesBuffer(const NdarrayView& view, MemoryPool* pool) {
  const int64_t nbytes = view.length * view.itemsize;
  if (view.contiguous()) {
    return ForeignBufferFromAddress(reinterpret_cast<uintptr_t>(view.data), nbytes, view.array);
  }
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> copy, AllocateBuffer(nbytes, pool));
  for (int64_t i = 0; i < view.length; ++i) {
    std::memcpy(copy->mutable_data() + i * view.itemsize, view.at(i), static_cast<size_t>(view.itemsize));
  }
  return std::shared_ptr<Buffer>(std::move(copy));
}

// ---- Numeric casts ----------------------------------------------------------------------------------

template <typename T>
struct Tag {
  using type = T;
};
struct Half {};  // numpy float16 as a source

template <typename F>
Status VisitNumpyNumeric(const NdarrayView& view, F&& f) {
  switch (view.kind) {
    case 'b': return f(Tag<uint8_t>{});
    case 'i':
      switch (view.itemsize) {
        case 1: return f(Tag<int8_t>{});
        case 2: return f(Tag<int16_t>{});
        case 4: return f(Tag<int32_t>{});
        case 8: return f(Tag<int64_t>{});
      }
      break;
    case 'u':
      switch (view.itemsize) {
        case 1: return f(Tag<uint8_t>{});
        case 2: return f(Tag<uint16_t>{});
        case 4: return f(Tag<uint32_t>{});
        case 8: return f(Tag<uint64_t>{});
      }
      break;
    case 'f':
      switch (view.itemsize) {
        case 2: return f(Tag<Half>{});
        case 4: return f(Tag<float>{});
        case 8: return f(Tag<double>{});
      }
      break;
    default: break;
  }
  return Status::NotImplemented("Unsupported numpy type ", view.dtype_name());
}

template <typename Src>
auto ReadValue(const uint8_t* p) {
  if constexpr (std::is_same_v<Src, Half>) {
    uint16_t bits = 0;
    std::memcpy(&bits, p, sizeof(bits));
    return HalfToFloat(bits);
  } else {
    Src value{};
    std::memcpy(&value, p, sizeof(value));
    return value;
  }
}

std::string FormatFloat(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%f", value);
  return text;
}

template <typename Dst, typename Value>
Status CastValue(Value value, bool safe, const DataType& target, Dst* out) {
  if constexpr (std::is_floating_point_v<Value>) {
    if constexpr (std::is_floating_point_v<Dst>) {
      *out = static_cast<Dst>(value);
    } else {
      const double truncated = std::trunc(static_cast<double>(value));
      const bool fits = std::isfinite(value) && truncated >= static_cast<double>(std::numeric_limits<Dst>::min()) &&
                        truncated <= static_cast<double>(std::numeric_limits<Dst>::max());
      if (safe && (!fits || truncated != value)) {
        return Status::Invalid("Float value ", FormatFloat(value), " was truncated converting to ", target.ToString());
      }
      // Unsafe casts wrap like C integer conversions from int64.
      const bool in_int64 = std::isfinite(value) && std::fabs(truncated) < 9.2e18;
      *out = in_int64 ? static_cast<Dst>(static_cast<int64_t>(truncated)) : Dst{0};
    }
  } else if constexpr (std::is_floating_point_v<Dst>) {
    constexpr auto limit = static_cast<long double>(int64_t{1} << std::numeric_limits<Dst>::digits);
    if (safe && (static_cast<long double>(value) > limit || static_cast<long double>(value) < -limit)) {
      return Status::Invalid("Integer value ", value, " not in range: ", -static_cast<int64_t>(limit), " to ",
                             static_cast<int64_t>(limit));
    }
    *out = static_cast<Dst>(value);
  } else {
    if (safe && !std::in_range<Dst>(value)) {
      return Status::Invalid("Integer value ", +value, " not in range: ", +std::numeric_limits<Dst>::min(), " to ",
                             +std::numeric_limits<Dst>::max());
    }
    *out = static_cast<Dst>(value);
  }
  return Status::OK();
}

// Casts every non-null value into `out` (nulls hold zero).
template <typename Dst>
Status CastInto(const NdarrayView& view, const NullFlags& nulls, bool safe, const DataType& target, Dst* out) {
  return VisitNumpyNumeric(view, [&](auto tag) -> Status {
    using Src = typename decltype(tag)::type;
    for (int64_t i = 0; i < view.length; ++i) {
      if (nulls.null(i)) {
        out[i] = Dst{};
        continue;
      }
      ARROWPACK_RETURN_NOT_OK(CastValue<Dst>(ReadValue<Src>(view.at(i)), safe, target, &out[i]));
    }
    return Status::OK();
  });
}

template <typename Dst>
Result<std::shared_ptr<Buffer>> CastBuffer(const NdarrayView& view, const NullFlags& nulls, bool safe,
                                           const DataType& target, MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> buffer,
                            AllocateBuffer(view.length * static_cast<int64_t>(sizeof(Dst)), pool));
  ARROWPACK_RETURN_NOT_OK(CastInto(view, nulls, safe, target, reinterpret_cast<Dst*>(buffer->mutable_data())));
  return std::shared_ptr<Buffer>(std::move(buffer));
}

Result<std::shared_ptr<Buffer>> BoolBitmap(const NdarrayView& view, const NullFlags& nulls, MemoryPool* pool) {
  std::vector<uint8_t> bytes(static_cast<size_t>(view.length));
  // Any numeric source: non-zero is true (casting through uint8 would wrap 256 to 0).
  ARROWPACK_RETURN_NOT_OK(VisitNumpyNumeric(view, [&](auto tag) -> Status {
    using Src = typename decltype(tag)::type;
    for (int64_t i = 0; i < view.length; ++i) bytes[static_cast<size_t>(i)] = ReadValue<Src>(view.at(i)) != 0;
    return Status::OK();
  }));
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> bitmap, AllocateBuffer(bit_util::BytesForBits(view.length), pool));
  std::memset(bitmap->mutable_data(), 0, static_cast<size_t>(bitmap->size()));
  for (int64_t i = 0; i < view.length; ++i) {
    if (bytes[static_cast<size_t>(i)] != 0 && !nulls.null(i)) bit_util::SetBit(bitmap->mutable_data(), i);
  }
  return std::shared_ptr<Buffer>(std::move(bitmap));
}

Result<std::shared_ptr<Buffer>> NumericBuffer(const NdarrayView& view, const NullFlags& nulls, bool safe,
                                              const DataType& target, MemoryPool* pool) {
  switch (target.id()) {
    case TypeId::INT8: return CastBuffer<int8_t>(view, nulls, safe, target, pool);
    case TypeId::INT16: return CastBuffer<int16_t>(view, nulls, safe, target, pool);
    case TypeId::INT32: return CastBuffer<int32_t>(view, nulls, safe, target, pool);
    case TypeId::INT64: return CastBuffer<int64_t>(view, nulls, safe, target, pool);
    case TypeId::UINT8: return CastBuffer<uint8_t>(view, nulls, safe, target, pool);
    case TypeId::UINT16: return CastBuffer<uint16_t>(view, nulls, safe, target, pool);
    case TypeId::UINT32: return CastBuffer<uint32_t>(view, nulls, safe, target, pool);
    case TypeId::UINT64: return CastBuffer<uint64_t>(view, nulls, safe, target, pool);
    case TypeId::FLOAT: return CastBuffer<float>(view, nulls, safe, target, pool);
    case TypeId::DOUBLE: return CastBuffer<double>(view, nulls, safe, target, pool);
    case TypeId::HALF_FLOAT: {
      ARROWPACK_ASSIGN_OR_RAISE(auto floats, CastBuffer<float>(view, nulls, safe, target, pool));
      ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> halves, AllocateBuffer(view.length * 2, pool));
      const auto* in = reinterpret_cast<const float*>(floats->data());
      auto* out = reinterpret_cast<uint16_t*>(halves->mutable_data());
      for (int64_t i = 0; i < view.length; ++i) out[i] = FloatToHalf(in[i]);
      return std::shared_ptr<Buffer>(std::move(halves));
    }
    case TypeId::BOOL: return BoolBitmap(view, nulls, pool);
    default: break;
  }
  return Status::NotImplemented("numpy ", view.dtype_name(), " cannot be converted to ", target.ToString());
}

// ---- Temporal ----------------------------------------------------------------------------------

// Nanoseconds per tick of a temporal Arrow type (days for date32, ms for date64), 0 otherwise.
int64_t TargetNanosPerTick(const DataType& target) {
  switch (target.id()) {
    case TypeId::DATE32: return 86400LL * 1000000000LL;
    case TypeId::DATE64: return 1000000LL;
    case TypeId::TIMESTAMP:
    case TypeId::DURATION:
    case TypeId::TIME32:
    case TypeId::TIME64:
      return NanosPerTick(static_cast<const TemporalType&>(target).unit());
    default: return 0;
  }
}

// datetime64/timedelta64 into a temporal type of another unit (or width).
Result<std::shared_ptr<Buffer>> TemporalBuffer(const NdarrayView& view, const NullFlags& nulls, bool safe,
                                               const DataType& target, const std::string& source_name,
                                               MemoryPool* pool) {
  const int64_t from = NanosPerTick(view.unit);
  const int64_t to = TargetNanosPerTick(target);
  if (from == 0) return Status::NotImplemented("Unsupported numpy time unit '", view.unit, "'");
  const bool narrow = target.bit_width() == 32;
  ARROWPACK_ASSIGN_OR_RAISE(std::unique_ptr<Buffer> buffer, AllocateBuffer(view.length * (narrow ? 4 : 8), pool));
  const std::string what = "from " + source_name + " to " + target.ToString();
  for (int64_t i = 0; i < view.length; ++i) {
    int64_t value = 0;
    if (!nulls.null(i)) {
      std::memcpy(&value, view.at(i), sizeof(value));
      ARROWPACK_RETURN_NOT_OK(ConvertTicks(value, from, to, safe, what, &value));
    }
    if (narrow) {
      if (!std::in_range<int32_t>(value)) return Status::Invalid("Casting ", what, " value ", value, " would overflow");
      reinterpret_cast<int32_t*>(buffer->mutable_data())[i] = static_cast<int32_t>(value);
    } else {
      reinterpret_cast<int64_t*>(buffer->mutable_data())[i] = value;
    }
  }
  return std::shared_ptr<Buffer>(std::move(buffer));
}

bool IsTemporalTarget(TypeId id) {
  return id == TypeId::DATE32 || id == TypeId::DATE64 || id == TypeId::TIMESTAMP || id == TypeId::DURATION ||
         id == TypeId::TIME32 || id == TypeId::TIME64;
}

// Same bytes, other meaning: the ndarray's buffer serves as is.
bool SameStorage(const NdarrayView& view, const TypePtr& natural, const DataType& target) {
  if (target.bit_width() != view.itemsize * 8) return false;
  if (natural->Equals(target)) return true;
  const TypeId id = target.id();
  if (view.kind == 'M' && id == TypeId::TIMESTAMP) {
    // A time zone only changes how the (UTC) values are shown.
    return natural->id() == TypeId::TIMESTAMP &&
           static_cast<const TemporalType&>(*natural).unit() == static_cast<const TemporalType&>(target).unit();
  }
  if ((view.kind == 'M' || view.kind == 'm') && id == TypeId::INT64) return natural->id() != TypeId::DATE32;
  // Integers of the stored width taken as raw temporal values, as pyarrow does.
  if (view.kind == 'i' && IsTemporalTarget(id)) return target.bit_width() == view.itemsize * 8;
  return false;
}

// ---- Strings -------------------------------------------------------------------------------------

// Appends UTF-8 of the UTF-32 code units at `units` (trailing NULs already stripped).
Status AppendUtf8(const uint32_t* units, int64_t count, std::string* out) {
  for (int64_t i = 0; i < count; ++i) {
    const uint32_t c = units[i];
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (c >> 6)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
      if (c >= 0xd800 && c <= 0xdfff) return Status::Invalid("numpy str value holds a surrogate code point");
      out->push_back(static_cast<char>(0xe0 | (c >> 12)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x110000) {
      out->push_back(static_cast<char>(0xf0 | (c >> 18)));
      out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else {
      return Status::Invalid("numpy str value holds an invalid code point ", c);
    }
  }
  return Status::OK();
}

// The bytes of element i: UTF-8 for 'U', the raw bytes for 'S' (trailing NULs stripped, except
// for fixed-size binary targets, which keep numpy's padding).
Status ElementBytes(const NdarrayView& view, int64_t i, bool keep_padding, std::string* scratch,
                    std::string_view* out) {
  const uint8_t* p = view.at(i);
  if (view.kind == 'S') {
    int64_t size = view.itemsize;
    if (!keep_padding) {
      while (size > 0 && p[size - 1] == 0) --size;
    }
    *out = std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(size));
    return Status::OK();
  }
  int64_t count = view.itemsize / 4;
  std::vector<uint32_t> units(static_cast<size_t>(count));
  std::memcpy(units.data(), p, static_cast<size_t>(count) * 4);
  while (count > 0 && units[static_cast<size_t>(count - 1)] == 0) --count;
  scratch->clear();
  ARROWPACK_RETURN_NOT_OK(AppendUtf8(units.data(), count, scratch));
  *out = *scratch;
  return Status::OK();
}

Result<ArrayPtr> ConvertStrings(const NdarrayView& view, const NullFlags& nulls, const TypePtr& target,
                                MemoryPool* pool) {
  ARROWPACK_ASSIGN_OR_RAISE(auto builder, MakeBuilder(target, pool));
  ARROWPACK_RETURN_NOT_OK(builder->Reserve(view.length));
  const TypeId id = target->id();
  const bool check_utf8 = view.kind == 'S' && is_string(id);
  const bool fixed = id == TypeId::FIXED_SIZE_BINARY;
  std::string scratch;
  for (int64_t i = 0; i < view.length; ++i) {
    if (nulls.null(i)) {
      ARROWPACK_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    std::string_view value;
    ARROWPACK_RETURN_NOT_OK(ElementBytes(view, i, fixed, &scratch, &value));
    if (check_utf8 && !IsValidUtf8(value.data(), static_cast<int64_t>(value.size()))) {
      return Status::Invalid("numpy bytes value at index ", i, " was not a utf8 string");
    }
    switch (id) {
      case TypeId::STRING:
      case TypeId::BINARY:
        ARROWPACK_RETURN_NOT_OK(static_cast<BaseBinaryBuilder<int32_t>*>(builder.get())->Append(value));
        break;
      case TypeId::LARGE_STRING:
      case TypeId::LARGE_BINARY:
        ARROWPACK_RETURN_NOT_OK(static_cast<BaseBinaryBuilder<int64_t>*>(builder.get())->Append(value));
        break;
      case TypeId::STRING_VIEW:
      case TypeId::BINARY_VIEW:
        ARROWPACK_RETURN_NOT_OK(static_cast<BinaryViewBuilder*>(builder.get())->Append(value));
        break;
      default: {
        auto* fsb = static_cast<FixedSizeBinaryBuilder*>(builder.get());
        if (static_cast<int64_t>(value.size()) != fsb->byte_width()) {
          return Status::Invalid("numpy ", view.dtype_name(), " value at index ", i, " has ", value.size(),
                                 " bytes, expected ", fsb->byte_width(), " for ", target->ToString());
        }
        ARROWPACK_RETURN_NOT_OK(fsb->Append(reinterpret_cast<const uint8_t*>(value.data())));
      }
    }
  }
  return builder->Finish();
}

bool IsBinaryLikeTarget(TypeId id) {
  return is_binary_like(id) || is_large_binary_like(id) || is_binary_view_like(id) || id == TypeId::FIXED_SIZE_BINARY;
}

// ---- Object arrays and the generic fallback --------------------------------------------------------

Result<ArrayPtr> ConvertObjects(PyObject* const* items, int64_t count, const uint8_t* null_mask,
                                const NumpyToArrowOptions& options) {
  TypePtr type = options.type;
  if (type == nullptr) {
    ARROWPACK_ASSIGN_OR_RAISE(type, InferType(items, count, null_mask, options.from_pandas));
  }
  ConvertOptions convert_options;
  convert_options.from_pandas = options.from_pandas;
  convert_options.strict = options.type != nullptr;
  convert_options.pool = options.pool;
  return ConvertItems(items, count, null_mask, type, convert_options);
}

Result<ArrayPtr> ConvertObjectArray(const NdarrayView& view, const uint8_t* null_mask,
                                    const NumpyToArrowOptions& options) {
  if (view.contiguous()) {
    return ConvertObjects(reinterpret_cast<PyObject* const*>(view.data), view.length, null_mask, options);
  }
  std::vector<PyObject*> items(static_cast<size_t>(view.length));
  for (int64_t i = 0; i < view.length; ++i) std::memcpy(&items[static_cast<size_t>(i)], view.at(i), sizeof(PyObject*));
  return ConvertObjects(items.data(), view.length, null_mask, options);
}

// Types numpy has no direct route to (decimals, dictionaries, lists, ...): convert the elements
// as numpy scalars through the Python value converters.
Result<ArrayPtr> ConvertElementwise(const NdarrayView& view, const uint8_t* null_mask,
                                    const NumpyToArrowOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(PyItems items, CollectItems(view.array.ptr()));
  return ConvertObjects(items.items, items.size, null_mask, options);
}

}  // namespace

std::optional<TimeUnit> TimeUnitFromNumpy(const std::string& unit) {
  if (unit == "s") return TimeUnit::SECOND;
  if (unit == "ms") return TimeUnit::MILLI;
  if (unit == "us") return TimeUnit::MICRO;
  if (unit == "ns") return TimeUnit::NANO;
  return std::nullopt;
}

bool IsNdarray(PyObject* obj) { return IsInstance(obj, Classes().ndarray); }

Result<TypePtr> NumpyDtypeToArrow(PyObject* dtype) {
  py::handle d(dtype);
  const char kind = d.attr("kind").cast<std::string>()[0];
  std::string unit;
  if (kind == 'M' || kind == 'm') {
    ARROWPACK_ASSIGN_OR_RAISE(unit, TemporalUnit(d));
  }
  return ArrowTypeFor(kind, d.attr("itemsize").cast<int64_t>(), unit, [&d] { return py::str(d).cast<std::string>(); });
}

Result<int64_t> NumpyTemporalValue(PyObject* scalar, std::optional<TimeUnit> unit, bool* is_nat) {
  py::handle value(scalar);
  ARROWPACK_ASSIGN_OR_RAISE(std::string source_unit, TemporalUnit(value.attr("dtype")));
  const int64_t raw = value.attr("astype")(py::module_::import("numpy").attr("int64")).cast<int64_t>();
  *is_nat = raw == std::numeric_limits<int64_t>::min();
  if (*is_nat) return 0;
  const int64_t from = NanosPerTick(source_unit);
  if (from == 0) return Status::NotImplemented("Unsupported numpy time unit '", source_unit, "'");
  const int64_t to = unit ? NanosPerTick(*unit) : 86400LL * 1000000000LL;
  int64_t out = 0;
  ARROWPACK_RETURN_NOT_OK(ConvertTicks(raw, from, to, true, "numpy " + source_unit + " value", &out));
  return out;
}

Result<ArrayPtr> ConvertNdarray(PyObject* ndarray, const uint8_t* null_mask, const NumpyToArrowOptions& options) {
  ARROWPACK_ASSIGN_OR_RAISE(NdarrayView view, ViewOf(ndarray));
  if (view.kind == 'O') return ConvertObjectArray(view, null_mask, options);
  ARROWPACK_ASSIGN_OR_RAISE(TypePtr natural, ArrowTypeFor(view.kind, view.itemsize, view.unit,
                                                           [&view] { return view.dtype_name(); }));
  const TypePtr target = options.type != nullptr ? options.type : natural;
  const DataType& storage = target->id() == TypeId::EXTENSION
                                ? *static_cast<const ExtensionType&>(*target).storage_type()
                                : *target;
  const TypeId id = storage.id();
  const NullFlags nulls(view, null_mask, options.from_pandas);

  if (view.kind == 'U' || view.kind == 'S') {
    if (!IsBinaryLikeTarget(id)) return ConvertElementwise(view, nulls.data(), options);
    ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr array, ConvertStrings(view, nulls, target, options.pool));
    return array;
  }
  if (IsBinaryLikeTarget(id)) return Status::TypeError("Expected a string or bytes dtype, got ", view.dtype_name());
  if (view.kind != 'b' && SameStorage(view, natural, storage)) {
    ARROWPACK_ASSIGN_OR_RAISE(auto values, ValuesBuffer(view, options.pool));
    return Assemble(target, view, nulls, std::move(values), options.pool);
  }
  if (view.kind == 'M' || view.kind == 'm') {
    if (!IsTemporalTarget(id)) return ConvertElementwise(view, nulls.data(), options);
    if ((view.kind == 'm') != (id == TypeId::DURATION)) {
      return Status::TypeError("numpy ", view.dtype_name(), " cannot be converted to ", target->ToString());
    }
    ARROWPACK_ASSIGN_OR_RAISE(auto values,
                              TemporalBuffer(view, nulls, options.safe, storage, natural->ToString(), options.pool));
    return Assemble(target, view, nulls, std::move(values), options.pool);
  }
  const bool numeric_target = id == TypeId::BOOL || is_integer(id) || is_floating(id);
  if (!numeric_target) return ConvertElementwise(view, nulls.data(), options);
  ARROWPACK_ASSIGN_OR_RAISE(auto values, NumericBuffer(view, nulls, options.safe, storage, options.pool));
  return Assemble(target, view, nulls, std::move(values), options.pool);
}

}  // namespace arrowpack::python::pyconv
