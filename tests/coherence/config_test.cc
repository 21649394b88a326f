#include "coherence/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace credpath::coherence {
namespace {

using ::testing::HasSubstr;

TEST(CoherenceConfig, DefaultsAreTheDocumentedOnes) {
  const CoherenceConfig config;
  EXPECT_EQ(config.defaults.max_level_step, 1);
  EXPECT_EQ(config.defaults.max_levels_below_target, 2);
  EXPECT_DOUBLE_EQ(config.defaults.overlap_warning_fraction, 0.25);
  EXPECT_DOUBLE_EQ(config.defaults.min_in_field_share, 0.5);
  EXPECT_EQ(config.defaults.max_unrelated_fields, 2);
  EXPECT_EQ(config.defaults.field_match_digits, 2);
  EXPECT_EQ(config.defaults.disconnected_min_items, 3);
  EXPECT_DOUBLE_EQ(config.defaults.min_connected_share, 0.5);
  EXPECT_EQ(config.defaults.recency_months, -1);
  EXPECT_EQ(config.defaults.travel_hours_per_onsite_day, 2);
  EXPECT_TRUE(config.defaults.credit_policy.count_unaccredited_providers);
}

TEST(CoherenceConfig, QualificationsOverlayTheDeploymentDefaults) {
  absl::StatusOr<CoherenceConfig> config = CoherenceConfig::FromJson(R"({
    "qualifications": {"q1": {"min_in_field_share": 0.75}},
    "defaults": {"max_level_step": 2, "count_weak_assessment": false}
  })");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->For("other").max_level_step, 2);
  EXPECT_FALSE(config->For("other").credit_policy.count_weak_assessment);
  EXPECT_DOUBLE_EQ(config->For("other").min_in_field_share, 0.5);
  EXPECT_EQ(config->For("q1").max_level_step, 2);
  EXPECT_DOUBLE_EQ(config->For("q1").min_in_field_share, 0.75);
  EXPECT_EQ(config->For("").max_level_step, 2);
}

TEST(CoherenceConfig, BadInputNamesTheKeyPath) {
  auto fails = [](const char* json, const char* path) {
    absl::StatusOr<CoherenceConfig> config = CoherenceConfig::FromJson(json);
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_THAT(config.status().message(), HasSubstr(path)) << json;
  };
  fails("{", "malformed JSON");
  fails("[]", "must be a JSON object");
  fails(R"({"defaults": {"max_level_stepp": 1}})", "defaults.max_level_stepp: unknown key");
  fails(R"({"defaults": {"max_level_step": "1"}})", "defaults.max_level_step: must be an integer");
  fails(R"({"qualifications": {"q": {"min_in_field_share": 1.5}}})",
        "qualifications.q.min_in_field_share: must be between 0 and 1");
  fails(R"({"qualifications": []})", "qualifications: must be an object");
  fails(R"({"thresholds": {}})", "thresholds: unknown key");
}

}  // namespace
}  // namespace credpath::coherence
