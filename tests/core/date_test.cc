#include "core/date.h"

#include <gtest/gtest.h>

namespace credpath::core {
namespace {

TEST(DateTest, RoundTripsThroughText) {
  for (const char* text : {"1970-01-01", "2000-02-29", "2026-11-23", "1899-12-31"}) {
    std::optional<Date> date = ParseDate(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(FormatDate(*date), text);
  }
  EXPECT_EQ(ParseDate("1970-01-02")->days_since_epoch, 1);
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* text : {"", "2025-2-01", "2025-02-30", "2025-13-01", "2025/01/01", "20a5-01-01",
                           "2023-02-29"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace credpath::core
