// The C++ side of pyarrow's Array class tree: one empty ArrayBox subclass per Python class
// (pybind11 keys Python classes on C++ types). Shared by the files that add methods to them.
#pragma once

#include "columnar.h"

namespace arrowpack::python {

struct NullArrayBox : ArrayBox {};
struct BooleanArrayBox : ArrayBox {};
struct NumericArrayBox : ArrayBox {};
struct IntegerArrayBox : NumericArrayBox {};
struct FloatingPointArrayBox : NumericArrayBox {};
struct Int8ArrayBox : IntegerArrayBox {};
struct Int16ArrayBox : IntegerArrayBox {};
struct Int32ArrayBox : IntegerArrayBox {};
struct Int64ArrayBox : IntegerArrayBox {};
struct UInt8ArrayBox : IntegerArrayBox {};
struct UInt16ArrayBox : IntegerArrayBox {};
struct UInt32ArrayBox : IntegerArrayBox {};
struct UInt64ArrayBox : IntegerArrayBox {};
struct HalfFloatArrayBox : FloatingPointArrayBox {};
struct FloatArrayBox : FloatingPointArrayBox {};
struct DoubleArrayBox : FloatingPointArrayBox {};
struct Date32ArrayBox : NumericArrayBox {};
struct Date64ArrayBox : NumericArrayBox {};
struct TimestampArrayBox : NumericArrayBox {};
struct Time32ArrayBox : NumericArrayBox {};
struct Time64ArrayBox : NumericArrayBox {};
struct DurationArrayBox : NumericArrayBox {};
struct MonthDayNanoIntervalArrayBox : ArrayBox {};
struct BinaryArrayBox : ArrayBox {};
struct StringArrayBox : ArrayBox {};
struct LargeBinaryArrayBox : ArrayBox {};
struct LargeStringArrayBox : ArrayBox {};
struct BinaryViewArrayBox : ArrayBox {};
struct StringViewArrayBox : ArrayBox {};
struct FixedSizeBinaryArrayBox : ArrayBox {};
struct Decimal32ArrayBox : FixedSizeBinaryArrayBox {};
struct Decimal64ArrayBox : FixedSizeBinaryArrayBox {};
struct Decimal128ArrayBox : FixedSizeBinaryArrayBox {};
struct Decimal256ArrayBox : FixedSizeBinaryArrayBox {};
struct BaseListArrayBox : ArrayBox {};
struct ListArrayBox : BaseListArrayBox {};
struct LargeListArrayBox : BaseListArrayBox {};
struct ListViewArrayBox : BaseListArrayBox {};
struct LargeListViewArrayBox : BaseListArrayBox {};
struct MapArrayBox : ListArrayBox {};
struct FixedSizeListArrayBox : BaseListArrayBox {};
struct StructArrayBox : ArrayBox {};
struct UnionArrayBox : ArrayBox {};
struct DictionaryArrayBox : ArrayBox {};
struct RunEndEncodedArrayBox : ArrayBox {};
struct ExtensionArrayBox : ArrayBox {};

}  // namespace arrowpack::python
