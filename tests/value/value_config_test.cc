// ValueConfig: the built-in defaults and the JSON overlay, with every bad key named.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"
#include "tests/value/value_test_support.h"
#include "value/value_model.h"

namespace credpath::value {
namespace {

using ::credpath::value::testing::BuildOrDie;
using ::credpath::value::testing::Dimension;
using ::credpath::value::testing::ExpectViolation;
using ::credpath::value::testing::ExplainOne;
using ::testing::ElementsAre;
using ::testing::Key;
using ::testing::SizeIs;

TEST(ValueConfigTest, DefaultsHoldEveryKey) {
  const ValueConfig config = ValueConfig::Defaults();
  EXPECT_THAT(config.weights,
              ElementsAre(Key("career_advantage"), Key("personal_interest"), Key("unspecified")));
  for (const auto& [motivation, weights] : config.weights) {
    EXPECT_THAT(weights, SizeIs(22)) << motivation;
  }
  EXPECT_EQ(config.weights.at("career_advantage").at("outcomes.employability"), 3);
  EXPECT_EQ(config.weights.at("personal_interest").at("outcomes.knowledge_skills"), 3);
  EXPECT_THAT(
      config.cost_rates,
      ElementsAre(std::pair<const std::string, double>{"fee_points_per_budget", 50},
                  std::pair<const std::string, double>{"opportunity_points_per_budget", 25},
                  std::pair<const std::string, double>{"reference_money_budget_minor", 100000},
                  std::pair<const std::string, double>{"reference_time_budget_hours", 100},
                  std::pair<const std::string, double>{"time_points_per_budget", 50},
                  std::pair<const std::string, double>{"travel_hours_per_onsite_day", 2}));
  EXPECT_EQ(config.completion_scale, 2.0);
}

TEST(ValueConfigTest, EmptyObjectIsTheDefaults) {
  absl::StatusOr<ValueConfig> config = ValueConfig::FromJson("{}");
  ASSERT_TRUE(config.ok()) << config.status();
  const ValueConfig defaults = ValueConfig::Defaults();
  EXPECT_EQ(config->weights, defaults.weights);
  EXPECT_EQ(config->cost_rates, defaults.cost_rates);
  EXPECT_EQ(config->completion_scale, defaults.completion_scale);
}

TEST(ValueConfigTest, JsonOverlaysTheDefaults) {
  absl::StatusOr<ValueConfig> config = ValueConfig::FromJson(R"({
    "weights": {"career_advantage": {"outcomes.employability": 10, "convenience.pacing": 0}},
    "cost_rates": {"travel_hours_per_onsite_day": 4},
    "completion_scale": 0.5
  })");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->weights.at("career_advantage").at("outcomes.employability"), 10);
  EXPECT_EQ(config->weights.at("career_advantage").at("convenience.pacing"), 0);
  EXPECT_EQ(config->weights.at("career_advantage").at("certification.portability"), 2);
  EXPECT_EQ(config->weights.at("personal_interest").at("outcomes.employability"), 0.5);
  EXPECT_EQ(config->cost_rates.at("travel_hours_per_onsite_day"), 4);
  EXPECT_EQ(config->cost_rates.at("fee_points_per_budget"), 50);
  EXPECT_EQ(config->completion_scale, 0.5);

  // The model runs with the overlaid values.
  core::Credential c = graph::testing::MakeCredential("C");
  c.effort_hours = 10;
  c.onsite_days = 3;
  storage::CatalogData data = graph::testing::MakeCatalog({});
  data.credentials.push_back(c);
  const auto snapshot = BuildOrDie(std::move(data));
  core::LearnerProfile career;
  career.motivation = core::Motivation::kCareerAdvantage;
  const Explanation explanation = ExplainOne(*snapshot, "C", career, {}, *config);
  EXPECT_EQ(Dimension(explanation, "outcomes.employability").weight, 10);
  EXPECT_EQ(Dimension(explanation, "convenience.pacing").weight, 0);
  EXPECT_EQ(testing::CreateOrDie(career, {}, *config).Hours(c), 22);
}

TEST(ValueConfigTest, BadInputIsNamed) {
  struct Case {
    const char* json;
    const char* field;
    const char* description;
  };
  for (const Case& c : {
           Case{"{", "config", "malformed JSON"},
           Case{"[1]", "config", "must be a JSON object"},
           Case{R"({"weight": {}})", "weight", "unknown key"},
           Case{R"({"weights": 3})", "weights", "must be an object"},
           Case{R"({"weights": {"career": {}}})", "weights[career]", "unknown motivation key"},
           Case{R"({"weights": {"unspecified": []}})", "weights[unspecified]", "must be an object"},
           Case{R"({"weights": {"unspecified": {"outcomes.salary": 1}}})",
                "weights[unspecified][outcomes.salary]", "unknown weight key"},
           Case{R"({"weights": {"unspecified": {"outcomes.employability": -1}}})",
                "weights[unspecified][outcomes.employability]", "must be >= 0"},
           Case{R"({"weights": {"unspecified": {"outcomes.employability": 1e7}}})",
                "weights[unspecified][outcomes.employability]", "must be <= 1000000"},
           Case{R"({"weights": {"unspecified": {"outcomes.employability": "high"}}})",
                "weights[unspecified][outcomes.employability]", "must be a number"},
           Case{R"({"cost_rates": {"fee_points": 1}})", "cost_rates[fee_points]",
                "unknown cost rate key"},
           Case{R"({"cost_rates": {"fee_points_per_budget": -0.5}})",
                "cost_rates[fee_points_per_budget]", "must be >= 0"},
           Case{R"({"cost_rates": {"travel_hours_per_onsite_day": 1.5}})",
                "cost_rates[travel_hours_per_onsite_day]", "must be a whole number"},
           Case{R"({"cost_rates": {"travel_hours_per_onsite_day": 25}})",
                "cost_rates[travel_hours_per_onsite_day]", "must be <= 24"},
           Case{R"({"cost_rates": {"reference_time_budget_hours": 0}})",
                "cost_rates[reference_time_budget_hours]", "must be >= 1"},
           Case{R"({"completion_scale": -1})", "completion_scale", "must be >= 0"},
           Case{R"({"completion_scale": "2"})", "completion_scale", "must be a number"},
       }) {
    SCOPED_TRACE(c.json);
    ExpectViolation(ValueConfig::FromJson(c.json).status(), c.field, c.description);
  }
}

TEST(ValueConfigTest, EveryWeightZeroIsRejected) {
  std::string weights;
  const ValueConfig defaults = ValueConfig::Defaults();
  for (const auto& [key, weight] : defaults.weights.at("personal_interest")) {
    weights += (weights.empty() ? "\"" : ", \"") + key + "\": 0";
  }
  ExpectViolation(
      ValueConfig::FromJson(R"({"weights": {"personal_interest": {)" + weights + "}}}").status(),
      "weights[personal_interest]", "every weight is 0");
}

// Keys are read in sorted order, so violations come in that order too.
TEST(ValueConfigTest, EveryViolationIsReported) {
  absl::StatusOr<ValueConfig> config =
      ValueConfig::FromJson(R"({"cost_rates": {"a": 1, "b": 2}, "completion_scale": -1})");
  EXPECT_THAT(core::GetFieldViolations(config.status()), SizeIs(3));
  EXPECT_EQ(config.status().message(),
            "completion_scale: must be >= 0; cost_rates[a]: unknown cost rate key; "
            "cost_rates[b]: unknown cost rate key");
}

}  // namespace
}  // namespace credpath::value
