// Records and catalogues for the catalog tests: a small committed catalogue and a batch
// against it that passes every rule, so that each test breaks exactly one thing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/date.h"
#include "graph/snapshot.h"
#include "storage/store.h"
#include "tests/graph/test_catalog.h"

namespace credpath::catalog::testing {

inline core::Date D(const char* text) { return *core::ParseDate(text); }

inline core::Provider MakeProvider(std::string id) {
  core::Provider p;
  p.id = std::move(id);
  p.name = "Provider " + p.id;
  p.standing = 0.6;
  p.industry_standing = 0.4;
  p.quality_assured = true;
  p.quality_assured_by = "TEQSA";
  p.regions = {"AU", "NZ"};
  return p;
}

inline core::Credential MakeCredential(std::string id, std::string provider) {
  core::Credential c;
  c.id = std::move(id);
  c.title = "Credential " + c.id;
  c.provider_id = std::move(provider);
  c.level = {core::LevelFramework::kAqf, 5};
  c.fields = {"0613"};
  c.skills = {"esco:S1.2.3"};
  c.benefits.attestation = core::kDigitalCertificate | core::kBadge;
  c.benefits.employer_recognition = core::Level3::kMedium;
  c.fee = {45000, "AUD"};
  c.payment_options = core::kUpfront;
  c.effort_hours = 30;
  c.delivery_mode = core::DeliveryMode::kOnline;
  c.pacing = core::Pacing::kOnDemand;
  c.duration_weeks = 6;
  c.language = "en";
  return c;
}

using ::credpath::graph::testing::Rule;

inline core::Qualification MakeQualification(std::string id, std::string provider) {
  core::Qualification q;
  q.id = std::move(id);
  q.title = "Qualification " + q.id;
  q.provider_id = std::move(provider);
  q.level = {core::LevelFramework::kAqf, 8};
  q.fields = {"0613"};
  q.credit_system = core::CreditSystem::kAqfPoints;
  q.credit_required = 50;
  return q;
}

inline core::Link MakeLink(std::string from, std::string to, core::LinkType type,
                           int32_t group = 0) {
  core::Link l;
  l.from_id = std::move(from);
  l.to_id = std::move(to);
  l.type = type;
  l.group = group;
  if (type == core::LinkType::kCreditToward) l.credit_points = 10;
  if (type == core::LinkType::kOverlaps) l.overlap_fraction = 0.25;
  return l;
}

inline storage::LinkKey KeyOfLink(const core::Link& l) {
  return {l.from_id, l.to_id, l.type, l.group};
}

inline std::shared_ptr<const graph::CatalogSnapshot> MustBuild(storage::CatalogData data) {
  absl::StatusOr<std::shared_ptr<const graph::CatalogSnapshot>> snapshot =
      graph::CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

// The committed catalogue the tests write against:
//   providers p1, p2, p9 (p9 unreferenced);
//   credentials c1..c4 by p1, c9 by p2 (c9 unreferenced);
//   qualification q1 by p1 with core c1 and a rule over c1, c2; q9 by p2 (unreferenced);
//   links c1 LEADS_TO c2, c2 CREDIT_TOWARD q1, c3 RECOMMENDED_BEFORE c4.
inline storage::CatalogData BaseCatalog() {
  using core::LinkType;
  storage::CatalogData data;
  data.version = 7;
  data.providers = {MakeProvider("p1"), MakeProvider("p2"), MakeProvider("p9")};
  for (const char* id : {"c1", "c2", "c3", "c4"})
    data.credentials.push_back(MakeCredential(id, "p1"));
  data.credentials.push_back(MakeCredential("c9", "p2"));
  core::Qualification q1 = MakeQualification("q1", "p1");
  q1.core_ids = {"c1"};
  q1.rules = Rule("Electives", core::RuleKind::kAtLeastItems, {"c1", "c2"});
  q1.rules->min_items = 1;
  data.qualifications = {q1, MakeQualification("q9", "p2")};
  data.links = {MakeLink("c1", "c2", LinkType::kLeadsTo),
                MakeLink("c2", "q1", LinkType::kCreditToward),
                MakeLink("c3", "c4", LinkType::kRecommendedBefore)};
  return data;
}

// A batch against BaseCatalog() that passes every rule and uses every record kind:
//   providers[0] p3; credentials[0] c10 (p3, scheduled, onsite), credentials[1] c11 (p1,
//   partner p3); qualifications[0] q2 (p3) with a rule tree of every kind;
//   links[0..4]: c10 LEADS_TO c11, c10 CREDIT_TOWARD q2, c10 OVERLAPS c11,
//   c1 COREQUISITE c10, c11 RECOMMENDED_BEFORE c3;
//   deletes provider p9, credential c9, qualification q9, link c3 -> c4.
inline storage::CatalogWrite GoodBatch() {
  using core::LinkType;
  using core::RuleKind;
  storage::CatalogWrite w;
  w.upsert_providers = {MakeProvider("p3")};

  core::Credential c10 = MakeCredential("c10", "p3");
  c10.level = {core::LevelFramework::kEqf, 5};
  c10.fee = {120000, "EUR"};
  c10.delivery_mode = core::DeliveryMode::kMostlyOnsite;
  c10.onsite_days = 3;
  c10.pacing = core::Pacing::kScheduled;
  c10.synchronous = true;
  c10.valid_from = D("2027-01-01");
  c10.valid_to = D("2028-12-31");
  c10.offerings = {{"2027-autumn", D("2027-03-01")}, {"2028-autumn", D("2028-03-06")}};
  c10.benefits.industry_accredited = true;
  c10.benefits.industry_accreditor = "Engineers Australia";
  core::Credential c11 = MakeCredential("c11", "p1");
  c11.partner_provider_id = "p3";
  w.upsert_credentials = {c10, c11};

  core::Qualification q2 = MakeQualification("q2", "p3");
  q2.core_ids = {"c10"};
  q2.stacked_credit_cap = 40;
  q2.recency_months = 60;
  core::RuleNode items = Rule("Foundations", RuleKind::kAtLeastItems, {"c11", "c1"});
  items.min_items = 1;
  core::RuleNode credits = Rule("Credit", RuleKind::kAtLeastCredits, {"c10", "c2"});
  credits.min_credits = 10;
  core::RuleNode groups = Rule("Breadth", RuleKind::kFromDistinctGroups, {},
                               {Rule("Breadth A", RuleKind::kAllOf, {"c3"})});
  groups.min_groups = 1;
  core::RuleNode level = Rule("Advanced", RuleKind::kCreditsAtLevel, {"c4"});
  level.min_credits = 5;
  level.min_level = 4;
  q2.rules = Rule("Course rules", RuleKind::kAllOf, {}, {items, credits, groups, level});
  w.upsert_qualifications = {q2};

  w.upsert_links = {
      MakeLink("c10", "c11", LinkType::kLeadsTo, 1), MakeLink("c10", "q2", LinkType::kCreditToward),
      MakeLink("c10", "c11", LinkType::kOverlaps), MakeLink("c1", "c10", LinkType::kCorequisite),
      MakeLink("c11", "c3", LinkType::kRecommendedBefore)};
  w.delete_providers = {"p9"};
  w.delete_credentials = {"c9"};
  w.delete_qualifications = {"q9"};
  w.delete_links = {KeyOfLink(MakeLink("c3", "c4", LinkType::kRecommendedBefore))};
  return w;
}

// A learner valid against BaseCatalog() + GoodBatch().
inline core::Learner GoodLearner() {
  core::Learner l;
  l.id = "learner-1";
  l.display_name = "Sam";
  core::LearnerProfile& p = l.profile;
  p.motivation = core::Motivation::kCareerAdvantage;
  p.purpose = core::CredentialingPurpose::kNewSkills;
  p.level_reached = {core::LevelFramework::kAqf, 6};
  p.prior_skills = {"python"};
  p.life_stage = core::LifeStage::kMidCareer;
  p.money_budget = {300000, "AUD"};
  p.funding = {50000, "AUD"};
  p.funding_sources = core::kEmployerSponsored;
  p.hours_per_week = 8;
  p.time_budget_hours = 200;
  p.deadline = D("2028-06-30");
  p.can_attend_onsite = true;
  p.max_onsite_days = 5;
  p.competing_hours_per_week = 40;
  p.opportunity_cost_per_hour_minor = 2500;
  p.preferred_delivery = {core::DeliveryMode::kOnline, core::DeliveryMode::kMostlyOnline};
  p.languages = {"en", "pt-BR"};
  l.held = {{"c1", D("2025-06-30"), "distinction"}, {"c3", D("2025-11-02"), ""}};
  l.target_qualification_id = "q1";
  l.wanted_skills = {"sql"};
  l.overrides = {{core::OverrideKind::kWaivePrerequisite, "c2", "c1", "Dr Lee", D("2026-01-10"),
                  "Industry experience"},
                 {core::OverrideKind::kCountTowardRule, "c3", "Electives", "Dr Lee",
                  D("2026-01-10"), "Equivalent content"}};
  return l;
}

}  // namespace credpath::catalog::testing
