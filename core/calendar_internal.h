// Calendar arithmetic shared by Array::ToString (pretty_print.cc) and the Python conversions of
// temporal values (python/src/arrow_to_python.cc). Not installed API. Pure integer functions
// that report no errors: callers check the ranges they need (years, times of day).
#pragma once

#include <cstdint>

#include "arrowpack/core/type_fwd.h"

namespace arrowpack::internal {

/// `value / divisor` rounded toward negative infinity.
inline int64_t FloorDiv(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) --quotient;
  return quotient;
}

/// Ticks of `unit` in one second.
inline int64_t UnitsPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::SECOND: return 1;
    case TimeUnit::MILLI: return 1000;
    case TimeUnit::MICRO: return 1000000;
    case TimeUnit::NANO: return 1000000000;
  }
  return 1;
}

struct CivilDate {
  int64_t year;  // proleptic: 0 is 1 BC, -1 is 2 BC
  int month;     // 1-12
  int day;       // 1-31
};

/// Proleptic Gregorian date of a day count since 1970-01-01: shift the epoch to 0000-03-01 so
/// leap days end each 400-year era, then split eras, years of the era and days of the year.
inline CivilDate CivilDateFromDays(int64_t days) {
  const int64_t shifted = days + 719468;  // days from 0000-03-01 to 1970-01-01
  const int64_t era = FloorDiv(shifted, 146097);
  const int64_t day_of_era = shifted - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t march_month = (5 * day_of_year + 2) / 153;  // 0 = March
  const int day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
  const int month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

}  // namespace arrowpack::internal
