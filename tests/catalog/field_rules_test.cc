// One test per field rule of a catalogue batch: GoodBatch() with exactly one thing broken
// must fail with INVALID_ARGUMENT and exactly one violation, on the expected path with
// the documented reason (docs/validation.md).
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/validate.h"
#include "core/field_violations.h"
#include "tests/catalog/catalog_fixtures.h"

namespace credpath::catalog {
namespace {

using core::LinkType;
using core::RuleKind;
using storage::CatalogWrite;
using namespace testing;  // NOLINT: the fixtures

struct RuleCase {
  std::string name;
  std::function<void(CatalogWrite&)> breaks;
  std::string field;
  std::string reason;
};

std::ostream& operator<<(std::ostream& os, const RuleCase& c) { return os << c.name; }

core::Credential& C10(CatalogWrite& w) { return w.upsert_credentials[0]; }
core::Credential& C11(CatalogWrite& w) { return w.upsert_credentials[1]; }
core::Qualification& Q2(CatalogWrite& w) { return w.upsert_qualifications[0]; }
core::RuleNode& Child(CatalogWrite& w, int i) { return Q2(w).rules->children[i]; }

const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<RuleCase> ProviderCases() {
  return {
      {"ProviderIdEmpty", [](auto& w) { w.upsert_providers[0].id = ""; }, "providers[0].id", "must not be empty"},
      {"ProviderIdPattern", [](auto& w) { w.upsert_providers[0].id = "p 3"; }, "providers[0].id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"ProviderIdTooLong", [](auto& w) { w.upsert_providers[0].id = std::string(129, 'p'); }, "providers[0].id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"ProviderIdDuplicate", [](auto& w) { w.upsert_providers.push_back(w.upsert_providers[0]); },
       "providers[1].id", "duplicate in this request"},
      {"ProviderNameEmpty", [](auto& w) { w.upsert_providers[0].name = ""; }, "providers[0].name", "must not be empty"},
      {"ProviderNameTooLong", [](auto& w) { w.upsert_providers[0].name = std::string(1025, 'n'); },
       "providers[0].name", "must be at most 1024 bytes"},
      {"ProviderStandingAboveOne", [](auto& w) { w.upsert_providers[0].standing = 1.5; }, "providers[0].standing",
       "must be in [0, 1]"},
      {"ProviderStandingNaN", [](auto& w) { w.upsert_providers[0].standing = kNaN; }, "providers[0].standing",
       "must be in [0, 1]"},
      {"ProviderIndustryStandingNegative", [](auto& w) { w.upsert_providers[0].industry_standing = -0.1; },
       "providers[0].industry_standing", "must be in [0, 1]"},
      {"ProviderAgencyWithoutAssurance", [](auto& w) { w.upsert_providers[0].quality_assured = false; },
       "providers[0].quality_assured_by", "must be empty when quality_assured is false"},
      {"ProviderRegionEmpty", [](auto& w) { w.upsert_providers[0].regions[1] = ""; }, "providers[0].regions[1]",
       "must not be empty"},
      {"ProviderRegionDuplicate", [](auto& w) { w.upsert_providers[0].regions.push_back("AU"); },
       "providers[0].regions[2]", "duplicate value"},
  };
}

std::vector<RuleCase> CredentialCases() {
  return {
      {"CredentialIdEmpty", [](auto& w) { C11(w).id = ""; }, "credentials[1].id", "must not be empty"},
      {"CredentialIdPattern", [](auto& w) { C11(w).id = "c/11"; }, "credentials[1].id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"CredentialIdDuplicate", [](auto& w) { w.upsert_credentials.push_back(C11(w)); }, "credentials[2].id",
       "duplicate in this request"},
      {"CredentialTitleEmpty", [](auto& w) { C11(w).title = ""; }, "credentials[1].title", "must not be empty"},
      {"CredentialProviderEmpty", [](auto& w) { C11(w).provider_id = ""; }, "credentials[1].provider_id",
       "must not be empty"},
      {"CredentialProviderPattern", [](auto& w) { C11(w).provider_id = "p#1"; }, "credentials[1].provider_id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"CredentialPartnerIsProvider", [](auto& w) { C11(w).partner_provider_id = "p1"; },
       "credentials[1].partner_provider_id", "must differ from provider_id"},
      {"LevelFrameworkUnknown", [](auto& w) { C10(w).level.framework = core::LevelFramework{9}; },
       "credentials[0].level.framework", "must be a known value"},
      {"LevelAboveEqf", [](auto& w) { C10(w).level.value = 9; }, "credentials[0].level.value",
       "must be between 1 and 8 for EQF"},
      {"LevelZeroAqf", [](auto& w) { C11(w).level.value = 0; }, "credentials[1].level.value",
       "must be between 1 and 10 for AQF"},
      {"LevelWithoutFramework", [](auto& w) { C11(w).level.framework = core::LevelFramework::kUnspecified; },
       "credentials[1].level.value", "must be 0 when level.framework is unspecified"},
      {"FieldNotIsced", [](auto& w) { C11(w).fields = {"06a3"}; }, "credentials[1].fields[0]",
       "must be an ISCED-F 2013 code of 2 to 4 digits"},
      {"FieldDuplicate", [](auto& w) { C11(w).fields = {"0613", "0613"}; }, "credentials[1].fields[1]",
       "duplicate value"},
      {"SkillEmpty", [](auto& w) { C11(w).skills.push_back(""); }, "credentials[1].skills[1]", "must not be empty"},
      {"EmployerRecognitionUnknown", [](auto& w) { C11(w).benefits.employer_recognition = core::Level3{7}; },
       "credentials[1].benefits.employer_recognition", "must be a known value"},
      {"OutcomeEmpty", [](auto& w) { C11(w).benefits.outcomes = {""}; }, "credentials[1].benefits.outcomes[0]",
       "must not be empty"},
      {"AttestationUnknownBits", [](auto& w) { C11(w).benefits.attestation = 1u << 7; },
       "credentials[1].benefits.attestation", "has unknown bits"},
      {"AccreditorWithoutAccreditation", [](auto& w) { C10(w).benefits.industry_accredited = false; },
       "credentials[0].benefits.industry_accreditor", "must be empty when benefits.industry_accredited is false"},
      {"AssessorUnknown", [](auto& w) { C11(w).benefits.main_assessor = core::Assessor{9}; },
       "credentials[1].benefits.main_assessor", "must be a known value"},
      {"PeerEngagementUnknown", [](auto& w) { C11(w).benefits.peer_engagement = core::Level3{-1}; },
       "credentials[1].benefits.peer_engagement", "must be a known value"},
      {"FeeNegative", [](auto& w) { C10(w).fee.minor_units = -1; }, "credentials[0].fee.minor_units",
       "must be >= 0"},
      {"FeeTooLarge", [](auto& w) { C10(w).fee.minor_units = 1'000'000'000'001; }, "credentials[0].fee.minor_units",
       "must be at most 1000000000000"},
      {"FeeCurrencyLowerCase", [](auto& w) { C10(w).fee.currency = "eur"; }, "credentials[0].fee.currency",
       "must be an ISO 4217 code of three upper-case letters"},
      {"FeeCurrencyMissing", [](auto& w) { C10(w).fee.currency = ""; }, "credentials[0].fee.currency",
       "must be an ISO 4217 code of three upper-case letters"},
      {"PaymentOptionsUnknownBits", [](auto& w) { C11(w).payment_options = 1u << 9; },
       "credentials[1].payment_options", "has unknown bits"},
      {"EffortNegative", [](auto& w) { C11(w).effort_hours = -5; }, "credentials[1].effort_hours", "must be >= 0"},
      {"EffortTooLarge", [](auto& w) { C11(w).effort_hours = 1'000'001; }, "credentials[1].effort_hours",
       "must be at most 1000000"},
      {"DeliveryModeUnknown", [](auto& w) { C11(w).delivery_mode = core::DeliveryMode{7}; },
       "credentials[1].delivery_mode", "must be a known value"},
      {"OnsiteDaysNegative", [](auto& w) { C10(w).onsite_days = -1; }, "credentials[0].onsite_days", "must be >= 0"},
      {"OnsiteDaysForOnline", [](auto& w) { C11(w).onsite_days = 2; }, "credentials[1].onsite_days",
       "must be 0 for ONLINE delivery"},
      {"OnsiteDaysBeyondDuration", [](auto& w) { C10(w).onsite_days = 43; }, "credentials[0].onsite_days",
       "must be at most 7 x duration_weeks"},
      {"PacingUnknown", [](auto& w) { C11(w).pacing = core::Pacing{3}; }, "credentials[1].pacing",
       "must be a known value"},
      {"DurationNegative", [](auto& w) { C11(w).duration_weeks = -1; }, "credentials[1].duration_weeks",
       "must be >= 0"},
      {"ValidityNegative", [](auto& w) { C11(w).validity_months = -1; }, "credentials[1].validity_months",
       "must be >= 0"},
      {"LanguageNotBcp47", [](auto& w) { C11(w).language = "english"; }, "credentials[1].language",
       "must be a BCP 47 language tag such as \"en\" or \"pt-BR\""},
      {"ValidToBeforeValidFrom", [](auto& w) { C10(w).valid_to = D("2026-12-31"); C10(w).offerings.clear(); },
       "credentials[0].valid_to", "must not be before valid_from"},
      {"ValidFromOutOfRange", [](auto& w) { C11(w).valid_from = core::Date{-40000}; }, "credentials[1].valid_from",
       "must be between 1900-01-01 and 9999-12-31"},
      {"OfferingsForOnDemand", [](auto& w) { C10(w).pacing = core::Pacing::kOnDemand; },
       "credentials[0].offerings", "must be empty unless pacing is SCHEDULED"},
      {"OfferingTermEmpty", [](auto& w) { C10(w).offerings[1].term = ""; }, "credentials[0].offerings[1].term",
       "must not be empty"},
      {"OfferingBeforeValidFrom", [](auto& w) { C10(w).offerings[0].start = D("2026-09-01"); },
       "credentials[0].offerings[0].start", "must not be before valid_from"},
      {"OfferingAfterValidTo", [](auto& w) { C10(w).offerings[1].start = D("2029-03-05"); },
       "credentials[0].offerings[1].start", "must not be after valid_to"},
      {"OfferingDuplicate", [](auto& w) { C10(w).offerings.push_back(C10(w).offerings[0]); },
       "credentials[0].offerings[2]", "duplicate value"},
  };
}

std::vector<RuleCase> QualificationCases() {
  return {
      {"QualificationIdIsCredentialInBatch",
       [](auto& w) { w.upsert_qualifications.push_back(MakeQualification("c11", "p1")); }, "qualifications[1].id",
       "also given as a credential in this request"},
      {"QualificationIdDuplicate", [](auto& w) { w.upsert_qualifications.push_back(Q2(w)); },
       "qualifications[1].id", "duplicate in this request"},
      {"QualificationTitleEmpty", [](auto& w) { Q2(w).title = ""; }, "qualifications[0].title", "must not be empty"},
      {"QualificationProviderEmpty", [](auto& w) { Q2(w).provider_id = ""; }, "qualifications[0].provider_id",
       "must not be empty"},
      {"QualificationLevelAboveAqf", [](auto& w) { Q2(w).level.value = 11; }, "qualifications[0].level.value",
       "must be between 1 and 10 for AQF"},
      {"CreditRequiredNegative", [](auto& w) { Q2(w).credit_required = -1; }, "qualifications[0].credit_required",
       "must be >= 0"},
      {"CreditSystemMissing", [](auto& w) { Q2(w).credit_system = core::CreditSystem::kUnspecified; },
       "qualifications[0].credit_system", "must be set when credit_required > 0"},
      {"CreditSystemUnknown", [](auto& w) { Q2(w).credit_system = core::CreditSystem{42}; },
       "qualifications[0].credit_system", "must be a known value"},
      {"CreditCapNegative", [](auto& w) { Q2(w).stacked_credit_cap = -1; }, "qualifications[0].stacked_credit_cap",
       "must be >= 0"},
      {"RecencyNegative", [](auto& w) { Q2(w).recency_months = -1; }, "qualifications[0].recency_months",
       "must be >= 0"},
      {"CoreIdSelf", [](auto& w) { Q2(w).core_ids.push_back("q2"); }, "qualifications[0].core_ids[1]",
       "must not name the qualification itself"},
      {"CoreIdDuplicate", [](auto& w) { Q2(w).core_ids.push_back("c10"); }, "qualifications[0].core_ids[1]",
       "duplicate value"},
      {"CoreIdPattern", [](auto& w) { Q2(w).core_ids[0] = "c 10"; }, "qualifications[0].core_ids[0]",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"RuleKindMissing", [](auto& w) { Child(w, 0).kind = RuleKind::kUnspecified; Child(w, 0).min_items = 0; },
       "qualifications[0].rules.children[0].kind", "must be set"},
      {"RuleKindUnknown", [](auto& w) { Child(w, 0).kind = RuleKind{12}; }, "qualifications[0].rules.children[0].kind",
       "must be a known value"},
      {"AllOfEmpty", [](auto& w) { Child(w, 2).children[0].items.clear(); },
       "qualifications[0].rules.children[2].children[0]", "must have at least one item or child"},
      {"AllOfWithMinItems", [](auto& w) { Q2(w).rules->min_items = 2; }, "qualifications[0].rules.min_items",
       "must be 0 for ALL_OF"},
      {"AtLeastItemsZero", [](auto& w) { Child(w, 0).min_items = 0; }, "qualifications[0].rules.children[0].min_items",
       "must be between 1 and 2 (the number of items and children)"},
      {"AtLeastItemsMoreThanMembers", [](auto& w) { Child(w, 0).min_items = 3; },
       "qualifications[0].rules.children[0].min_items", "must be between 1 and 2 (the number of items and children)"},
      {"AtLeastItemsWithMinCredits", [](auto& w) { Child(w, 0).min_credits = 5; },
       "qualifications[0].rules.children[0].min_credits", "must be 0 for AT_LEAST_ITEMS"},
      {"AtLeastCreditsZero", [](auto& w) { Child(w, 1).min_credits = 0; },
       "qualifications[0].rules.children[1].min_credits", "must be >= 1"},
      {"AtLeastCreditsWithoutItems", [](auto& w) { Child(w, 1).items.clear(); },
       "qualifications[0].rules.children[1].items", "must not be empty for AT_LEAST_CREDITS"},
      {"AtLeastCreditsWithChildren", [](auto& w) { Child(w, 1).children = {Rule("x", RuleKind::kAllOf, {"c1"})}; },
       "qualifications[0].rules.children[1].children", "must be empty for AT_LEAST_CREDITS"},
      {"DistinctGroupsTooMany", [](auto& w) { Child(w, 2).min_groups = 2; },
       "qualifications[0].rules.children[2].min_groups", "must be between 1 and 1 (the number of children)"},
      {"DistinctGroupsWithItems", [](auto& w) { Child(w, 2).items = {"c1"}; },
       "qualifications[0].rules.children[2].items", "must be empty for FROM_DISTINCT_GROUPS"},
      {"DistinctGroupsWithMinLevel", [](auto& w) { Child(w, 2).min_level = 3; },
       "qualifications[0].rules.children[2].min_level", "must be 0 for FROM_DISTINCT_GROUPS"},
      {"CreditsAtLevelWithoutLevel", [](auto& w) { Child(w, 3).min_level = 0; },
       "qualifications[0].rules.children[3].min_level", "must be >= 1"},
      {"CreditsAtLevelWithMinGroups", [](auto& w) { Child(w, 3).min_groups = 1; },
       "qualifications[0].rules.children[3].min_groups", "must be 0 for CREDITS_AT_LEVEL"},
      {"RuleItemSelf", [](auto& w) { Child(w, 3).items.push_back("q2"); },
       "qualifications[0].rules.children[3].items[1]", "must not name the qualification itself"},
      {"RuleItemDuplicate", [](auto& w) { Child(w, 1).items.push_back("c2"); },
       "qualifications[0].rules.children[1].items[2]", "duplicate value"},
      {"RuleItemEmpty", [](auto& w) { Child(w, 1).items[0] = ""; }, "qualifications[0].rules.children[1].items[0]",
       "must not be empty"},
      {"RuleNameDuplicate", [](auto& w) { Child(w, 3).name = "Credit"; }, "qualifications[0].rules.children[3].name",
       "duplicate rule name in this qualification"},
      {"RuleTooDeep",
       [](auto& w) {
         core::RuleNode node = Rule("", RuleKind::kAllOf, {"c1"});
         for (int depth = 0; depth < 16; ++depth) node = Rule("", RuleKind::kAllOf, {}, {node});
         Q2(w).rules = node;
       },
       "qualifications[0].rules" + [] {
         std::string tail;
         for (int i = 0; i < 16; ++i) tail += ".children[0]";
         return tail;
       }(),
       "must not nest more than 16 levels"},
  };
}

std::vector<RuleCase> LinkCases() {
  return {
      {"LinkFromEmpty", [](auto& w) { w.upsert_links[4].from_id = ""; }, "links[4].from_id", "must not be empty"},
      {"LinkToPattern", [](auto& w) { w.upsert_links[4].to_id = "c 3"; }, "links[4].to_id",
       "must match [A-Za-z0-9._:-]{1,128}"},
      {"LeadsToSelfLoop", [](auto& w) { w.upsert_links[0].to_id = "c10"; }, "links[0].to_id",
       "must differ from from_id"},
      {"LinkTypeMissing", [](auto& w) { w.upsert_links[4].type = LinkType::kUnspecified; }, "links[4].type",
       "must be set"},
      {"LinkTypeUnknown", [](auto& w) { w.upsert_links[4].type = LinkType{6}; }, "links[4].type",
       "must be a known value"},
      {"LeadsToGroupNegative", [](auto& w) { w.upsert_links[0].group = -1; }, "links[0].group", "must be >= 0"},
      {"GroupOnCorequisite", [](auto& w) { w.upsert_links[3].group = 2; }, "links[3].group",
       "must be 0 unless type is LEADS_TO"},
      {"CreditTowardWithoutCredit", [](auto& w) { w.upsert_links[1].credit_points = 0; }, "links[1].credit_points",
       "must be > 0 for CREDIT_TOWARD"},
      {"CreditTowardTooMuchCredit", [](auto& w) { w.upsert_links[1].credit_points = 1'000'001; },
       "links[1].credit_points", "must be at most 1000000"},
      {"CreditOnLeadsTo", [](auto& w) { w.upsert_links[0].credit_points = 3; }, "links[0].credit_points",
       "must be 0 unless type is CREDIT_TOWARD"},
      {"OverlapZero", [](auto& w) { w.upsert_links[2].overlap_fraction = 0; }, "links[2].overlap_fraction",
       "must be in (0, 1]"},
      {"OverlapAboveOne", [](auto& w) { w.upsert_links[2].overlap_fraction = 1.01; }, "links[2].overlap_fraction",
       "must be in (0, 1]"},
      {"OverlapOnRecommended", [](auto& w) { w.upsert_links[4].overlap_fraction = 0.5; },
       "links[4].overlap_fraction", "must be 0 unless type is OVERLAPS"},
      {"OverlapReversed", [](auto& w) { std::swap(w.upsert_links[2].from_id, w.upsert_links[2].to_id); },
       "links[2].to_id", "must sort after from_id for OVERLAPS, which is stored once per pair"},
      {"LinkDuplicate", [](auto& w) { w.upsert_links.push_back(w.upsert_links[0]); }, "links[5]",
       "duplicate in this request"},
      {"LeadsToQualification", [](auto& w) { w.upsert_links[0].to_id = "q1"; }, "links[0].to_id",
       "LEADS_TO must join credentials, and \"q1\" is a qualification"},
      {"OverlapsQualificationInBatch", [](auto& w) { w.upsert_links[2].to_id = "q2"; }, "links[2].to_id",
       "OVERLAPS must join credentials, and \"q2\" is a qualification"},
      {"CreditTowardCredential", [](auto& w) { w.upsert_links[1].to_id = "c2"; }, "links[1].to_id",
       "CREDIT_TOWARD must target a qualification, and \"c2\" is a credential"},
  };
}

std::vector<RuleCase> DeleteCases() {
  return {
      {"DeleteProviderEmpty", [](auto& w) { w.delete_providers[0] = ""; }, "delete_provider_ids[0]",
       "must not be empty"},
      {"DeleteProviderDuplicate", [](auto& w) { w.delete_providers.push_back("p9"); }, "delete_provider_ids[1]",
       "duplicate in this request"},
      {"DeleteProviderUpserted", [](auto& w) { w.delete_providers.push_back("p3"); }, "delete_provider_ids[1]",
       "also upserted in this request"},
      {"DeleteCredentialUpserted", [](auto& w) { w.delete_credentials[0] = "c11"; }, "delete_credential_ids[0]",
       "also upserted in this request"},
      {"DeleteQualificationDuplicate", [](auto& w) { w.delete_qualifications.push_back("q9"); },
       "delete_qualification_ids[1]", "duplicate in this request"},
      {"DeleteLinkTypeMissing", [](auto& w) { w.delete_links[0].type = LinkType::kUnspecified; },
       "delete_links[0].type", "must be set"},
      {"DeleteLinkFromEmpty", [](auto& w) { w.delete_links[0].from_id = ""; }, "delete_links[0].from_id",
       "must not be empty"},
      {"DeleteLinkDuplicate", [](auto& w) { w.delete_links.push_back(w.delete_links[0]); }, "delete_links[1]",
       "duplicate in this request"},
      {"DeleteLinkUpserted", [](auto& w) { w.delete_links.push_back(KeyOfLink(w.upsert_links[4])); },
       "delete_links[1]", "also upserted in this request"},
  };
}

class FieldRuleTest : public ::testing::TestWithParam<RuleCase> {
 protected:
  std::shared_ptr<const graph::CatalogSnapshot> snapshot_ = MustBuild(BaseCatalog());
};

TEST_F(FieldRuleTest, GoodBatchPasses) {
  ASSERT_NE(snapshot_, nullptr);
  EXPECT_TRUE(ValidateCatalogWrite(GoodBatch(), *snapshot_).ok()) << ValidateCatalogWrite(GoodBatch(), *snapshot_);
}

TEST_P(FieldRuleTest, ReportsExactlyTheBrokenField) {
  ASSERT_NE(snapshot_, nullptr);
  CatalogWrite write = GoodBatch();
  GetParam().breaks(write);
  absl::Status status = ValidateCatalogWrite(write, *snapshot_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(core::GetFieldViolations(status),
              ::testing::ElementsAre(core::FieldViolation{GetParam().field, GetParam().reason}))
      << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr(GetParam().field + ": " + GetParam().reason));
}

std::string CaseName(const ::testing::TestParamInfo<RuleCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Providers, FieldRuleTest, ::testing::ValuesIn(ProviderCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Credentials, FieldRuleTest, ::testing::ValuesIn(CredentialCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Qualifications, FieldRuleTest, ::testing::ValuesIn(QualificationCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Links, FieldRuleTest, ::testing::ValuesIn(LinkCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Deletes, FieldRuleTest, ::testing::ValuesIn(DeleteCases()), CaseName);

TEST(FieldRulesTest, ReplaceAllForbidsDeletes) {
  auto snapshot = MustBuild(BaseCatalog());
  ASSERT_NE(snapshot, nullptr);
  CatalogWrite write = GoodBatch();
  write.replace_all = true;
  absl::Status status = ValidateCatalogWrite(write, *snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<core::FieldViolation> expected = {
      {"delete_provider_ids", "must be empty when replace_all is set"},
      {"delete_credential_ids", "must be empty when replace_all is set"},
      {"delete_qualification_ids", "must be empty when replace_all is set"},
      {"delete_links", "must be empty when replace_all is set"}};
  EXPECT_EQ(core::GetFieldViolations(status), expected);
}

TEST(FieldRulesTest, EveryViolationIsReportedUpToTheCap) {
  auto snapshot = MustBuild(BaseCatalog());
  ASSERT_NE(snapshot, nullptr);
  CatalogWrite write;
  write.upsert_providers.resize(150);  // each has an empty id and an empty name
  absl::Status status = ValidateCatalogWrite(write, *snapshot);
  std::vector<core::FieldViolation> violations = core::GetFieldViolations(status);
  ASSERT_EQ(violations.size(), 101u);
  EXPECT_EQ(violations[0], (core::FieldViolation{"providers[0].id", "must not be empty"}));
  EXPECT_EQ(violations[1], (core::FieldViolation{"providers[0].name", "must not be empty"}));
  EXPECT_EQ(violations[99], (core::FieldViolation{"providers[49].name", "must not be empty"}));
  EXPECT_EQ(violations[100], (core::FieldViolation{"request", "and 200 more violations"}));
}

}  // namespace
}  // namespace credpath::catalog
