// Calendar dates as whole days since 1970-01-01 (proleptic Gregorian, no time zone):
// catalogue facts such as "valid from" and "earned on" are civil dates, not instants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace credpath::core {

struct Date {
  int32_t days_since_epoch = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Parses "YYYY-MM-DD"; nullopt for anything else, including impossible dates (2025-02-30).
std::optional<Date> ParseDate(std::string_view text);
// Formats as "YYYY-MM-DD".
std::string FormatDate(Date date);
// Today's date in UTC, by the system clock.
Date Today();
// `date` moved by `months` calendar months (may be negative); a day past the end of the
// resulting month becomes its last day (2025-01-31 + 1 month = 2025-02-28).
Date AddMonths(Date date, int32_t months);

}  // namespace credpath::core
