// Forward declarations and the type id enum of the columnar model.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace arrowpack {

/// Logical type ids; the numbers match pyarrow's `DataType.id`.
enum class TypeId : int8_t {
  NA = 0,
  BOOL = 1,
  UINT8 = 2,
  INT8 = 3,
  UINT16 = 4,
  INT16 = 5,
  UINT32 = 6,
  INT32 = 7,
  UINT64 = 8,
  INT64 = 9,
  HALF_FLOAT = 10,
  FLOAT = 11,
  DOUBLE = 12,
  STRING = 13,
  BINARY = 14,
  FIXED_SIZE_BINARY = 15,
  DATE32 = 16,
  DATE64 = 17,
  TIMESTAMP = 18,
  TIME32 = 19,
  TIME64 = 20,
  INTERVAL_MONTHS = 21,
  INTERVAL_DAY_TIME = 22,
  DECIMAL128 = 23,
  DECIMAL256 = 24,
  LIST = 25,
  STRUCT = 26,
  SPARSE_UNION = 27,
  DENSE_UNION = 28,
  DICTIONARY = 29,
  MAP = 30,
  EXTENSION = 31,
  FIXED_SIZE_LIST = 32,
  DURATION = 33,
  LARGE_STRING = 34,
  LARGE_BINARY = 35,
  LARGE_LIST = 36,
  INTERVAL_MONTH_DAY_NANO = 37,
  RUN_END_ENCODED = 38,
  STRING_VIEW = 39,
  BINARY_VIEW = 40,
  LIST_VIEW = 41,
  LARGE_LIST_VIEW = 42,
  DECIMAL32 = 43,
  DECIMAL64 = 44,
};

enum class TimeUnit : int8_t { SECOND = 0, MILLI = 1, MICRO = 2, NANO = 3 };

class DataType;
class Field;
class Schema;
class KeyValueMetadata;

using FieldVector = std::vector<std::shared_ptr<Field>>;

}  // namespace arrowpack
