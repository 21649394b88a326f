// One test per field rule of a learner: GoodLearner() with one thing broken fails with
// INVALID_ARGUMENT and exactly one violation on the expected path.
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/validate.h"
#include "core/field_violations.h"
#include "tests/catalog/catalog_fixtures.h"

namespace credpath::catalog {
namespace {

using namespace testing;  // NOLINT: the fixtures

struct LearnerCase {
  std::string name;
  std::function<void(core::Learner&)> breaks;
  std::string field;
  std::string reason;
};

std::ostream& operator<<(std::ostream& os, const LearnerCase& c) { return os << c.name; }

std::vector<LearnerCase> Cases() {
  return {
      {"IdEmpty", [](auto& l) { l.id = ""; }, "learner.id", "must not be empty"},
      {"IdPattern", [](auto& l) { l.id = "learner one"; }, "learner.id", "must match [A-Za-z0-9._:-]{1,128}"},
      {"DisplayNameTooLong", [](auto& l) { l.display_name = std::string(2000, 'x'); }, "learner.display_name",
       "must be at most 1024 bytes"},
      {"MotivationUnknown", [](auto& l) { l.profile.motivation = core::Motivation{3}; }, "learner.profile.motivation",
       "must be a known value"},
      {"LevelReachedAboveAqf", [](auto& l) { l.profile.level_reached.value = 11; },
       "learner.profile.level_reached.value", "must be between 1 and 10 for AQF"},
      {"PriorSkillDuplicate", [](auto& l) { l.profile.prior_skills.push_back("python"); },
       "learner.profile.prior_skills[1]", "duplicate value"},
      {"LifeStageUnknown", [](auto& l) { l.profile.life_stage = core::LifeStage{7}; }, "learner.profile.life_stage",
       "must be a known value"},
      {"BudgetNegative", [](auto& l) { l.profile.money_budget.minor_units = -1; },
       "learner.profile.money_budget.minor_units", "must be >= 0"},
      {"BudgetCurrency", [](auto& l) { l.profile.money_budget.currency = "A$"; l.profile.funding = {}; },
       "learner.profile.money_budget.currency", "must be an ISO 4217 code of three upper-case letters"},
      {"FundingCurrencyDiffers", [](auto& l) { l.profile.funding.currency = "EUR"; }, "learner.profile.funding.currency",
       "must match profile.money_budget.currency"},
      {"FundingSourcesUnknownBits", [](auto& l) { l.profile.funding_sources = 1u << 8; },
       "learner.profile.funding_sources", "has unknown bits"},
      {"HoursPerWeekNegative", [](auto& l) { l.profile.hours_per_week = -3; }, "learner.profile.hours_per_week",
       "must be >= 0"},
      {"HoursPerWeekAboveAWeek", [](auto& l) { l.profile.hours_per_week = 169; }, "learner.profile.hours_per_week",
       "must be at most 168"},
      {"TimeBudgetNegative", [](auto& l) { l.profile.time_budget_hours = -1; }, "learner.profile.time_budget_hours",
       "must be >= 0"},
      {"DeadlineOutOfRange", [](auto& l) { l.profile.deadline = core::Date{3000000}; }, "learner.profile.deadline",
       "must be between 1900-01-01 and 9999-12-31"},
      {"OnsiteDaysWithoutOnsite", [](auto& l) { l.profile.can_attend_onsite = false; },
       "learner.profile.max_onsite_days", "must be 0 when profile.can_attend_onsite is false"},
      {"CompetingHoursNegative", [](auto& l) { l.profile.competing_hours_per_week = -1; },
       "learner.profile.competing_hours_per_week", "must be >= 0"},
      {"OpportunityCostNegative", [](auto& l) { l.profile.opportunity_cost_per_hour_minor = -1; },
       "learner.profile.opportunity_cost_per_hour_minor", "must be >= 0"},
      {"PreferredDeliveryUnspecified", [](auto& l) { l.profile.preferred_delivery[1] = core::DeliveryMode::kUnspecified; },
       "learner.profile.preferred_delivery[1]", "must be a known value"},
      {"PreferredDeliveryDuplicate", [](auto& l) { l.profile.preferred_delivery[1] = core::DeliveryMode::kOnline; },
       "learner.profile.preferred_delivery[1]", "duplicate value"},
      {"PreferredPacingUnknown", [](auto& l) { l.profile.preferred_pacing = core::Pacing{4}; },
       "learner.profile.preferred_pacing", "must be a known value"},
      {"LanguageNotBcp47", [](auto& l) { l.profile.languages[1] = "pt_BR"; }, "learner.profile.languages[1]",
       "must be a BCP 47 language tag such as \"en\" or \"pt-BR\""},
      {"HeldIdEmpty", [](auto& l) { l.held[1].credential_id = ""; }, "learner.held[1].credential_id",
       "must not be empty"},
      {"HeldDuplicate", [](auto& l) { l.held[1].credential_id = "c1"; }, "learner.held[1].credential_id",
       "duplicate value"},
      {"HeldDateOutOfRange", [](auto& l) { l.held[0].earned_on = core::Date{-30000}; }, "learner.held[0].earned_on",
       "must be between 1900-01-01 and 9999-12-31"},
      {"TargetPattern", [](auto& l) { l.target_qualification_id = "q 1"; }, "learner.target_qualification_id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"WantedSkillEmpty", [](auto& l) { l.wanted_skills[0] = ""; }, "learner.wanted_skills[0]", "must not be empty"},
      {"OverrideKindMissing",
       [](auto& l) { l.overrides[1].kind = core::OverrideKind::kUnspecified; }, "learner.overrides[1].kind",
       "must be set"},
      {"OverrideCredentialEmpty", [](auto& l) { l.overrides[0].credential_id = ""; },
       "learner.overrides[0].credential_id", "must not be empty"},
      {"WaiverTargetNotAnId", [](auto& l) { l.overrides[0].target = "Intro to Python"; }, "learner.overrides[0].target",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"WaiverOfItself", [](auto& l) { l.overrides[0].target = "c2"; }, "learner.overrides[0].target",
       "must differ from credential_id"},
      {"RuleOverrideTargetEmpty", [](auto& l) { l.overrides[1].target = ""; }, "learner.overrides[1].target",
       "must not be empty"},
      {"OverrideGrantedByEmpty", [](auto& l) { l.overrides[0].granted_by = ""; }, "learner.overrides[0].granted_by",
       "must not be empty"},
      {"OverrideReasonEmpty", [](auto& l) { l.overrides[1].reason = ""; }, "learner.overrides[1].reason",
       "must not be empty"},
      {"OverrideDuplicate", [](auto& l) { l.overrides.push_back(l.overrides[0]); }, "learner.overrides[2]",
       "duplicate value"},
  };
}

class LearnerRuleTest : public ::testing::TestWithParam<LearnerCase> {};

TEST_P(LearnerRuleTest, ReportsExactlyTheBrokenField) {
  auto snapshot = MustBuild(BaseCatalog());
  ASSERT_NE(snapshot, nullptr);
  core::Learner learner = GoodLearner();
  GetParam().breaks(learner);
  absl::Status status = ValidateLearner(learner, *snapshot, "learner");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(core::GetFieldViolations(status),
              ::testing::ElementsAre(core::FieldViolation{GetParam().field, GetParam().reason}))
      << status;
}

INSTANTIATE_TEST_SUITE_P(Learner, LearnerRuleTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<LearnerCase>& info) { return info.param.name; });

}  // namespace
}  // namespace credpath::catalog
