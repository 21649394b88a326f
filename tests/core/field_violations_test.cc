#include "core/field_violations.h"

#include <gtest/gtest.h>

namespace credpath::core {
namespace {

TEST(FieldViolationsTest, EmptyIsOk) { EXPECT_TRUE(FieldViolations().ToStatus().ok()); }

TEST(FieldViolationsTest, CarriesEveryViolationInMessageAndPayload) {
  FieldViolations violations;
  violations.Add(FieldPath(IndexPath("credentials", 3), "fee"), "must be >= 0");
  violations.Add("providers[0].id", "must not be empty");
  absl::Status status = violations.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "credentials[3].fee: must be >= 0; providers[0].id: must not be empty");
  std::vector<FieldViolation> expected = {{"credentials[3].fee", "must be >= 0"},
                                          {"providers[0].id", "must not be empty"}};
  EXPECT_EQ(GetFieldViolations(status), expected);
}

TEST(FieldViolationsTest, OtherStatusesCarryNone) {
  EXPECT_TRUE(GetFieldViolations(absl::NotFoundError("x")).empty());
}

}  // namespace
}  // namespace credpath::core
