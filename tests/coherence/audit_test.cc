// The credit audit: its total is graph::CountedCredit, its items add up to it, and every
// reason a credit does not count is named. A seeded random test checks the sums and every
// remedy on many small catalogues.
#include "coherence/audit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "tests/coherence/fixtures.h"
#include "tests/graph/test_catalog.h"

namespace credpath::coherence {
namespace {

using testing::CatalogBuilder;
using testing::Check;
using testing::Checked;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::Rule;

// graph::CountedCredit over the learner's recent held credentials and the stack.
int64_t Counted(const graph::CatalogSnapshot& snapshot, const core::Learner& learner,
                const std::vector<std::string>& stack, const std::string& target,
                const graph::CreditPolicy& policy = {}) {
  absl::StatusOr<graph::QualificationCredit> credit = graph::CreditToward(snapshot, target, policy);
  std::vector<graph::CredentialIndex> items;
  for (const core::HeldCredential& h : learner.held) {
    if (graph::IsRecent(*credit->qualification, h.earned_on, testing::Day(testing::kStart))) {
      items.push_back(*snapshot.CredentialIndexOf(h.credential_id));
    }
  }
  for (const std::string& id : stack) {
    graph::CredentialIndex c = *snapshot.CredentialIndexOf(id);
    if (std::find(items.begin(), items.end(), c) == items.end()) items.push_back(c);
  }
  return graph::CountedCredit(*credit, items);
}

int64_t SumOfItems(const Audit& audit) {
  int64_t sum = 0;
  for (const AuditItem& item : audit.items) sum += item.credit_counted;
  return sum;
}

TEST(Audit, EachReasonCreditDoesNotCountIsNamed) {
  CatalogBuilder b;
  core::Qualification& q = b.Qualification("Q", 8, 40);
  q.stacked_credit_cap = 30;
  q.recency_months = 24;
  q.core_ids = {"K"};
  b.Credential("OLD", 7);
  b.Credential("K", 7);
  b.Credential("A", 7);
  b.Credential("B", 7);
  b.Credential("U", 7).provider_id = "U";
  b.Credential("N", 7);
  for (const char* id : {"OLD", "K", "A", "B", "U"}) b.Credit(id, "Q", 10);
  b.Overlap("A", "B", 0.4);
  auto s = b.Build();
  core::Learner learner;
  learner.held.push_back({"OLD", testing::Day("2020-01-01"), ""});
  CoherenceConfig config;
  config.defaults.credit_policy.count_unaccredited_providers = false;
  const Checked c = Check(*s, learner, {"K", "A", "B", "U", "N"}, "Q", config);
  ASSERT_TRUE(c.result.audit.has_value());
  const Audit& audit = *c.result.audit;
  EXPECT_EQ(audit.qualification_id, "Q");
  ASSERT_EQ(audit.items.size(), 6u);
  // Held first, then the stack.
  EXPECT_EQ(audit.items[0].credential_id, "OLD");
  EXPECT_TRUE(audit.items[0].held);
  EXPECT_EQ(audit.items[0].credit_counted, 0);
  EXPECT_THAT(audit.items[0].reasons[0], HasSubstr("outside Q's recency window"));
  EXPECT_EQ(audit.items[1].credential_id, "K");
  EXPECT_EQ(audit.items[1].credit_counted, 10);
  EXPECT_THAT(audit.items[1].counts_toward, ElementsAre("core"));
  EXPECT_THAT(audit.items[1].reasons, IsEmpty());
  EXPECT_EQ(audit.items[2].credit_counted, 10);  // A
  // B: 4 points overlap A; then 30 - 26 = ... the cap: K 10 + A 10 + B 6 = 26 <= 30.
  EXPECT_EQ(audit.items[3].credit_counted, 6);
  EXPECT_EQ(audit.items[3].credit_not_counted, 4);
  EXPECT_THAT(audit.items[3].reasons[0], HasSubstr("4 points overlap A and count once"));
  EXPECT_EQ(audit.items[4].credit_counted, 0);  // U: unaccredited, excluded by policy
  EXPECT_THAT(audit.items[4].reasons[0], HasSubstr("not quality-assured"));
  EXPECT_EQ(audit.items[5].credit_carried, 0);  // N carries nothing
  EXPECT_EQ(audit.credit_total, 26);
  EXPECT_EQ(audit.credit_total, Counted(*s, learner, c.stack, "Q", config.defaults.credit_policy));
  EXPECT_EQ(SumOfItems(audit), audit.credit_total);
  EXPECT_EQ(audit.credit_missing, 14);
  EXPECT_THAT(audit.core_missing_ids, IsEmpty());
  EXPECT_FALSE(audit.complete);
}

TEST(Audit, TheCapComesOffTheLastItems) {
  CatalogBuilder b;
  b.Qualification("Q", 8, 20).stacked_credit_cap = 25;
  for (const char* id : {"A", "B", "C"}) {
    b.Credential(id, 7);
    b.Credit(id, "Q", 10);
  }
  auto s = b.Build();
  const Checked c = Check(*s, {}, {"A", "B", "C"}, "Q");
  const Audit& audit = *c.result.audit;
  EXPECT_EQ(audit.credit_total, 25);
  EXPECT_EQ(audit.items[2].credit_counted, 5);
  EXPECT_THAT(audit.items[2].reasons[0], HasSubstr("5 points pass Q's cap of 25"));
  EXPECT_EQ(SumOfItems(audit), 25);
  EXPECT_TRUE(audit.complete);
  EXPECT_EQ(audit.credit_missing, 0);
}

TEST(Audit, AnExitAwardHoldsWhenTheStackCompletesIt) {
  CatalogBuilder b;
  core::Qualification& award = b.Qualification("CERT", 4, 20);
  award.rules = [] {
    core::RuleNode n = Rule("Certificate units", core::RuleKind::kAtLeastItems, {"C1", "C2"});
    n.min_items = 2;
    return n;
  }();
  core::Qualification& diploma = b.Qualification("DIP", 5, 10);
  diploma.rules = [] {
    core::RuleNode n = Rule("Exit award", core::RuleKind::kAtLeastItems, {"CERT"});
    n.min_items = 1;
    return n;
  }();
  for (const char* id : {"C1", "C2"}) {
    b.Credential(id, 4);
    b.Credit(id, "CERT", 10).Credit(id, "DIP", 5);
  }
  auto s = b.Build();
  Checked c = Check(*s, {}, {"C1", "C2"}, "DIP");
  EXPECT_TRUE(c.result.audit->complete);
  EXPECT_THAT(c.result.audit->unmet_rules, IsEmpty());
  EXPECT_THAT(c.Of(FindingCode::kElectiveRuleUnmet), IsEmpty());

  c = Check(*s, {}, {"C1"}, "DIP");
  ASSERT_EQ(c.result.audit->unmet_rules.size(), 1u);
  EXPECT_EQ(c.result.audit->unmet_rules[0].rule, "Exit award");
  ASSERT_EQ(c.Of(FindingCode::kElectiveRuleUnmet).size(), 1u);

  // A held award counts as it stands.
  core::Learner learner;
  learner.held.push_back({"CERT", testing::Day("2026-01-01"), ""});
  c = Check(*s, learner, {"C1"}, "DIP");
  EXPECT_THAT(c.result.audit->unmet_rules, IsEmpty());
}

TEST(Audit, TheLearnersTargetIsUsedWhenTheRequestNamesNone) {
  CatalogBuilder b;
  b.Qualification("Q", 8, 10);
  b.Credential("A", 7);
  b.Credit("A", "Q", 10);
  auto s = b.Build();
  core::Learner learner;
  learner.target_qualification_id = "Q";
  const Checked c = Check(*s, learner, {"A"});
  ASSERT_TRUE(c.result.audit.has_value());
  EXPECT_EQ(c.result.audit->qualification_id, "Q");
  EXPECT_TRUE(c.result.audit->complete);
}

// Random small catalogues: the audit adds up to graph::CountedCredit and every remedy the
// checker reports removes its finding when applied.
TEST(Audit, RandomStacksAddUpAndTheirRemediesWork) {
  const uint64_t seed = graph::testing::TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (set CREDPATH_TEST_SEED to replay)");
  std::mt19937_64 random(seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint64_t>(n)); };
  int remedies = 0;
  for (int round = 0; round < 60; ++round) {
    CatalogBuilder b;
    core::Qualification& q = b.Qualification("Q", 7, 60);
    q.stacked_credit_cap = chance(0.5) ? 40 : 0;
    q.recency_months = chance(0.5) ? 36 : 0;
    q.fields = {"0688"};
    const int n = 6 + pick(6);
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      ids.push_back("c" + std::to_string(i));
      core::Credential& c = b.Credential(ids.back(), 3 + pick(5), chance(0.5) ? "0688" : "0413");
      if (chance(0.2)) c.provider_id = "U";
      if (chance(0.2)) c.benefits.summative_assessment = false;
      if (chance(0.2)) {
        c.delivery_mode = core::DeliveryMode::kOnsite;
        c.onsite_days = 2;
      }
      c.fee.minor_units = 10000 * pick(10);
    }
    for (int i = 0; i < n; ++i) {
      if (chance(0.7)) b.Credit(ids[i], "Q", 5 + 5 * pick(3));
      for (int j = i + 1; j < n; ++j) {
        if (chance(0.15)) b.Prerequisite(ids[i], ids[j], pick(2));
        if (chance(0.1)) b.Overlap(ids[i], ids[j], 0.1 * (1 + pick(9)));
      }
    }
    core::RuleNode electives =
        Rule("Electives", core::RuleKind::kAtLeastItems, {ids[0], ids[1], ids[2]});
    electives.min_items = 2;
    core::RuleNode credits =
        Rule("Credits", core::RuleKind::kAtLeastCredits, {ids[1], ids[3], ids[4]});
    credits.min_credits = 15;
    q.rules = Rule("Rules", core::RuleKind::kAllOf, {}, {electives, credits});
    q.core_ids = {ids[5]};
    auto s = b.Build();
    ASSERT_NE(s, nullptr);

    core::Learner learner;
    learner.profile.can_attend_onsite = chance(0.5);
    learner.profile.money_budget = {200000, "AUD"};
    learner.profile.level_reached = {core::LevelFramework::kAqf, 4};
    std::vector<std::string> stack;
    for (const std::string& id : ids) {
      if (chance(0.15)) {
        learner.held.push_back({id, testing::Day(chance(0.5) ? "2020-01-01" : "2026-01-01"), ""});
      } else if (chance(0.5)) {
        stack.push_back(id);
      }
    }
    std::shuffle(stack.begin(), stack.end(), random);
    if (stack.empty()) stack.push_back(ids[n - 1]);
    SCOPED_TRACE("round " + std::to_string(round));
    const Checked c = Check(*s, learner, stack, "Q");
    ASSERT_TRUE(c.result.audit.has_value());
    EXPECT_EQ(c.result.audit->credit_total, Counted(*s, learner, stack, "Q"));
    EXPECT_EQ(SumOfItems(*c.result.audit), c.result.audit->credit_total);
    for (const Finding& f : c.result.findings) {
      if (!f.remedy) continue;
      ++remedies;
      const Checked after = Check(*s, learner, ApplyRemedy(stack, *f.remedy), "Q");
      size_t before_count = c.Of(f.code).size();
      EXPECT_LT(after.Of(f.code).size(), before_count) << f.message << " / " << f.remedy->Text();
    }
  }
  EXPECT_GT(remedies, 20);
}

}  // namespace
}  // namespace credpath::coherence
