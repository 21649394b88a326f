#include "core/date.h"

#include <chrono>
#include <cstdio>

namespace credpath::core {

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  std::chrono::year_month_day ymd{std::chrono::year{parts[0]},
                                  std::chrono::month{static_cast<unsigned>(parts[1])},
                                  std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::string FormatDate(Date date) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date.days_since_epoch}}};
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

Date Today() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

Date AddMonths(Date date, int32_t months) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{date.days_since_epoch}}};
  year_month_day moved = ymd + std::chrono::months{months};
  if (!moved.ok()) moved = moved.year() / moved.month() / last;
  return Date{static_cast<int32_t>(sys_days{moved}.time_since_epoch().count())};
}

}  // namespace credpath::core
