// Test support for the store tests: a temporary directory removed afterwards, and records
// with every field set to a value other than its default, so that a round trip that drops
// or swaps a column fails.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <utility>

#include "core/catalog.h"
#include "storage/store.h"

namespace credpath::storage::testing {

// A fresh directory under testing::TempDir(), deleted with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "storage_test.XXXXXX");
    char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr) << "mkdtemp " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline core::Date Day(int32_t days) { return core::Date{days}; }

inline core::Provider FullProvider(const std::string& id) {
  core::Provider p;
  p.id = id;
  p.name = "Provider " + id;
  p.standing = 0.625;
  p.industry_standing = 0.375;
  p.quality_assured = true;
  p.quality_assured_by = "TEQSA";
  p.regions = {"AU", "NZ", "Pacific"};
  return p;
}

inline core::BenefitFacts FullBenefits(const std::string& tag) {
  core::BenefitFacts b;
  b.employer_recognition = core::Level3::kHigh;
  b.outcomes = {"promotion " + tag, "salary " + tag};
  b.attestation = core::kDigitalCertificate | core::kBadge;
  b.portable = true;
  b.tamper_proof = true;
  b.industry_accredited = true;
  b.industry_accreditor = "ACS " + tag;
  b.summative_assessment = true;
  b.assessment_quantum = core::Level3::kMedium;
  b.identity_verified = true;
  b.main_assessor = core::Assessor::kPeers;
  b.formative_feedback = true;
  b.educator_engagement = core::Level3::kLow;
  b.peer_engagement = core::Level3::kHigh;
  b.industry_engagement = core::Level3::kMedium;
  b.career_advice = true;
  return b;
}

inline core::Credential FullCredential(const std::string& id, const std::string& provider,
                                       const std::string& partner) {
  core::Credential c;
  c.id = id;
  c.title = "Credential " + id;
  c.provider_id = provider;
  c.partner_provider_id = partner;
  c.level = {core::LevelFramework::kEqf, 6};
  c.fields = {"0613", "0688"};
  c.skills = {"esco:S1", "esco:S2", "https://example.org/skill/3"};
  c.benefits = FullBenefits(id);
  c.fee = {123456, "EUR"};
  c.payment_options = core::kInstalments | core::kEmployerSponsored;
  c.effort_hours = 42;
  c.delivery_mode = core::DeliveryMode::kMostlyOnsite;
  c.onsite_days = 3;
  c.pacing = core::Pacing::kScheduled;
  c.synchronous = true;
  c.duration_weeks = 8;
  c.validity_months = 36;
  c.language = "fr";
  c.offerings = {{"2027-autumn", Day(20700)}, {"2028-spring", Day(20880)}};
  c.valid_from = Day(19000);
  c.valid_to = Day(25000);
  return c;
}

inline core::Qualification FullQualification(const std::string& id, const std::string& provider,
                                             const std::string& item_a, const std::string& item_b) {
  core::Qualification q;
  q.id = id;
  q.title = "Qualification " + id;
  q.provider_id = provider;
  q.level = {core::LevelFramework::kAqf, 8};
  q.fields = {"0613", "0411"};
  q.credit_system = core::CreditSystem::kEcts;
  q.credit_required = 60;
  q.stacked_credit_cap = 30;
  q.recency_months = 60;
  q.core_ids = {item_a};
  core::RuleNode electives_a{
      "Electives A", core::RuleKind::kAtLeastCredits, 0, 10, 0, 0, true, {item_a, item_b}, {}};
  core::RuleNode level_rule{
      "Advanced", core::RuleKind::kCreditsAtLevel, 0, 5, 0, 7, false, {item_b}, {}};
  core::RuleNode electives_b{
      "Electives B", core::RuleKind::kAtLeastItems, 1, 0, 0, 0, false, {item_b}, {level_rule}};
  q.rules = core::RuleNode{"Programme", core::RuleKind::kFromDistinctGroups, 3, 7, 2, 5, true,
                           {item_a},    {electives_a, electives_b}};
  q.benefits = FullBenefits(id);
  return q;
}

inline core::Link FullLink(const std::string& from, const std::string& to, core::LinkType type,
                           int32_t group) {
  return core::Link{from, to, type, group, 12, 0.25};
}

inline core::Learner FullLearner(const std::string& id, const std::string& held_a,
                                 const std::string& held_b) {
  core::Learner l;
  l.id = id;
  l.display_name = "Learner " + id;
  core::LearnerProfile& p = l.profile;
  p.motivation = core::Motivation::kCareerAdvantage;
  p.purpose = core::CredentialingPurpose::kPriorSkills;
  p.level_reached = {core::LevelFramework::kNzqf, 5};
  p.prior_skills = {"esco:S9", "esco:S8"};
  p.life_stage = core::LifeStage::kCareerChange;
  p.money_budget = {500000, "NZD"};
  p.funding = {100000, "NZD"};
  p.funding_sources = core::kScholarship;
  p.hours_per_week = 12;
  p.time_budget_hours = 400;
  p.deadline = Day(21000);
  p.can_attend_onsite = false;
  p.max_onsite_days = 4;
  p.competing_hours_per_week = 20;
  p.opportunity_cost_per_hour_minor = 2500;
  p.preferred_delivery = {core::DeliveryMode::kOnline, core::DeliveryMode::kMostlyOnline};
  p.preferred_assessor = core::Assessor::kTechnology;
  p.preferred_peer_engagement = core::Level3::kLow;
  p.preferred_pacing = core::Pacing::kOnDemand;
  p.languages = {"mi", "en"};
  // Not in credential-id order, so that the test sees the recorded order kept.
  l.held = {{held_b, Day(19500), "A+"}, {held_a, Day(19400), "merit"}};
  l.target_qualification_id = "Q-target";
  l.wanted_skills = {"esco:S5", "esco:S6"};
  l.overrides = {{core::OverrideKind::kWaivePrerequisite, held_a, "C-waived", "advisor 7",
                  Day(19600), "industry experience"},
                 {core::OverrideKind::kCountTowardRule, held_b, "Electives A", "advisor 8",
                  Day(19700), "equivalent content"}};
  return l;
}

}  // namespace credpath::storage::testing
