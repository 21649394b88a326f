// The planner against an exhaustive reference written from the catalogue's own rules
// (prerequisite groups, budgets, hard constraints, includes, credit toward the target
// through graph/credit.h, core and "at least k" rules), on many small random catalogues;
// and against the optimiser run on the planner's problem after a trip through a problem
// file, as `credpath solve` would read it.
#include "planner/planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "coherence/check.h"
#include "graph/credit.h"
#include "optimizer/problem_io.h"
#include "planner/problem_builder.h"
#include "tests/graph/test_catalog.h"
#include "value/value_model.h"

namespace credpath::planner {
namespace {

using graph::CredentialIndex;
using graph::testing::MakeCredential;
using graph::testing::MakeLink;
using graph::testing::MakeProvider;
using graph::testing::Rule;
using graph::testing::TestSeed;

constexpr core::Date kStart{20000};  // 2024-10-04

struct Instance {
  std::shared_ptr<const graph::CatalogSnapshot> snapshot;
  PlanRequest request;
};

// n credentials C00..; LEADS_TO links only from lower to higher index (a DAG), in up to
// two OR-groups; a qualification Q with credit links, overlaps, a cap, a core item and an
// "at least k" rule; a learner holding some credentials, some of them stale.
Instance RandomInstance(std::mt19937_64& random, int n) {
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  auto between = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(random);
  };
  storage::CatalogData data;
  data.providers.push_back(MakeProvider("P"));
  data.providers.back().quality_assured = true;
  data.providers.back().standing = 0.8;
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    char id[16];
    std::snprintf(id, sizeof(id), "C%02d", i);
    ids.push_back(id);
    core::Credential c = MakeCredential(id);
    c.fee = {between(0, 900) * 100, "AUD"};
    c.effort_hours = between(5, 80);
    c.delivery_mode = chance(0.2) ? core::DeliveryMode::kOnsite : core::DeliveryMode::kOnline;
    c.onsite_days = c.delivery_mode == core::DeliveryMode::kOnsite ? 2 : 0;
    c.pacing = core::Pacing::kOnDemand;
    c.duration_weeks = static_cast<int32_t>(between(0, 8));
    c.level = {core::LevelFramework::kAqf, static_cast<int32_t>(between(4, 8))};
    c.language = "en";
    c.benefits.employer_recognition = static_cast<core::Level3>(between(0, 3));
    c.benefits.attestation = static_cast<uint32_t>(between(0, 15));
    c.benefits.summative_assessment = chance(0.7);
    c.benefits.portable = chance(0.5);
    c.skills = {chance(0.5) ? "python" : "sql"};
    data.credentials.push_back(std::move(c));
  }
  for (int i = 1; i < n; ++i) {
    for (int group = 1; group <= 2; ++group) {
      if (!chance(0.35)) continue;
      const int members = static_cast<int>(between(1, 2));
      for (int m = 0; m < members; ++m) {
        const int from = static_cast<int>(between(0, i - 1));
        bool duplicate = false;
        for (const core::Link& l : data.links) {
          duplicate |=
              l.from_id == ids[from] && l.to_id == ids[i] && l.type == core::LinkType::kLeadsTo;
        }
        if (!duplicate)
          data.links.push_back(MakeLink(ids[from], ids[i], core::LinkType::kLeadsTo, group));
      }
    }
  }
  core::Qualification q = graph::testing::MakeQualification("Q");
  q.level = {core::LevelFramework::kAqf, 7};
  q.credit_required = between(20, 60);
  q.stacked_credit_cap = chance(0.5) ? between(30, 80) : 0;
  q.recency_months = 24;
  q.core_ids = {ids[between(0, n - 1)]};
  core::RuleNode root = Rule("rules", core::RuleKind::kAllOf, {});
  core::RuleNode electives = Rule("electives", core::RuleKind::kAtLeastItems, {});
  electives.min_items = static_cast<int32_t>(between(1, 2));
  for (int i = 0; i < n; ++i) {
    if (chance(0.3)) electives.items.push_back(ids[i]);
  }
  if (!electives.items.empty()) root.children.push_back(electives);
  q.rules = root;
  q.benefits.employer_recognition = core::Level3::kHigh;
  data.qualifications.push_back(q);
  for (int i = 0; i < n; ++i) {
    if (!chance(0.6)) continue;
    core::Link credit = MakeLink(ids[i], "Q", core::LinkType::kCreditToward);
    credit.credit_points = between(4, 15);
    data.links.push_back(credit);
  }
  for (int k = 0; k < 3; ++k) {
    const int a = static_cast<int>(between(0, n - 2));
    const int b = static_cast<int>(between(a + 1, n - 1));
    bool duplicate = false;
    for (const core::Link& l : data.links) {
      duplicate |= l.from_id == ids[a] && l.to_id == ids[b] && l.type == core::LinkType::kOverlaps;
    }
    if (duplicate) continue;
    core::Link overlap = MakeLink(ids[a], ids[b], core::LinkType::kOverlaps);
    overlap.overlap_fraction = 0.5;
    data.links.push_back(overlap);
  }
  std::sort(data.links.begin(), data.links.end(), [](const core::Link& x, const core::Link& y) {
    return std::tie(x.from_id, x.to_id, x.type, x.group) <
           std::tie(y.from_id, y.to_id, y.type, y.group);
  });
  absl::StatusOr<std::shared_ptr<const graph::CatalogSnapshot>> snapshot =
      graph::CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();

  Instance instance;
  instance.snapshot = *snapshot;
  PlanRequest& request = instance.request;
  core::LearnerProfile& profile = request.learner.profile;
  profile.motivation =
      chance(0.5) ? core::Motivation::kCareerAdvantage : core::Motivation::kPersonalInterest;
  profile.money_budget = {between(500, 4000) * 100, "AUD"};
  profile.time_budget_hours = between(40, 300);
  profile.hours_per_week = 10;
  for (int i = 0; i < n; ++i) {
    if (!chance(0.12)) continue;
    const core::Date earned{kStart.days_since_epoch - static_cast<int32_t>(between(30, 1200))};
    request.learner.held.push_back({ids[i], earned, ""});
  }
  request.target_qualification_id = chance(0.8) ? "Q" : "";
  request.money_budget = profile.money_budget;
  request.hours_budget = profile.time_budget_hours;
  request.start = kStart;
  request.time_limit_seconds = 60;
  request.constraints.no_onsite = chance(0.3);
  for (int i = 0; i < n; ++i) {
    bool held = false;
    for (const auto& h : request.learner.held) held |= h.credential_id == ids[i];
    if (held) continue;
    if (chance(0.06)) {
      request.exclude_ids.push_back(ids[i]);
    } else if (chance(0.05) && !(request.constraints.no_onsite &&
                                 instance.snapshot->credentials()[i].delivery_mode !=
                                     core::DeliveryMode::kOnline)) {
      request.include_ids.push_back(ids[i]);
    }
  }
  request.value_overrides_millipoints[ids[between(0, n - 1)]] = between(-20000, 60000);
  return instance;
}

std::string Describe(const Instance& instance) {
  std::string out;
  const auto& s = *instance.snapshot;
  for (size_t c = 0; c < s.credentials().size(); ++c) {
    out += "\n" + s.credentials()[c].id + " mode " +
           std::to_string(int(s.credentials()[c].delivery_mode));
    for (size_t g = 0; g < s.PrerequisiteGroupCount(c); ++g) {
      out += " [";
      for (auto p : s.PrerequisiteGroup(c, g)) out += s.credentials()[p].id + " ";
      out += "]";
    }
  }
  for (auto& h : instance.request.learner.held) out += "\nheld " + h.credential_id;
  for (auto& h : instance.request.include_ids) out += "\ninclude " + h;
  for (auto& h : instance.request.exclude_ids) out += "\nexclude " + h;
  out += "\nno_onsite " + std::to_string(instance.request.constraints.no_onsite);
  return out;
}

// The best objective by enumeration, straight from the catalogue's rules; nullopt when no
// set satisfies the includes.
std::optional<int64_t> BruteForceBest(const Instance& instance, const value::ValueModel& values,
                                      const graph::QualificationCredit* target) {
  const graph::CatalogSnapshot& s = *instance.snapshot;
  const PlanRequest& request = instance.request;
  const int n = static_cast<int>(s.credentials().size());
  uint32_t held = 0;
  uint32_t recent = 0;
  for (const core::HeldCredential& h : request.learner.held) {
    const CredentialIndex c = *s.CredentialIndexOf(h.credential_id);
    held |= 1u << c;
    if (target == nullptr || graph::IsRecent(*target->qualification, h.earned_on, request.start)) {
      recent |= 1u << c;
    }
  }
  auto mask_of = [&](const std::vector<std::string>& list) {
    uint32_t mask = 0;
    for (const std::string& id : list) mask |= 1u << *s.CredentialIndexOf(id);
    return mask;
  };
  const uint32_t excluded = mask_of(request.exclude_ids);
  const uint32_t included = mask_of(request.include_ids);
  std::vector<int64_t> value(n);
  for (int c = 0; c < n; ++c) {
    const core::Credential& credential = s.credentials()[c];
    auto it = request.value_overrides_millipoints.find(credential.id);
    value[c] = it != request.value_overrides_millipoints.end()
                   ? it->second
                   : values.Explain(s, credential).value_millipoints;
  }
  // With a target, pathways draw on what is relevant to it (credit, core, rule items) and
  // included credentials, with their prerequisite ancestors.
  uint32_t allowed = ~0u;
  if (target != nullptr) {
    uint32_t candidates = 0;
    for (int c = 0; c < n; ++c) {
      const bool onsite = s.credentials()[c].delivery_mode != core::DeliveryMode::kOnline;
      if (!(held >> c & 1) && !(excluded >> c & 1) && !(request.constraints.no_onsite && onsite)) {
        candidates |= 1u << c;
      }
    }
    const core::Qualification& q = *target->qualification;
    allowed = included | mask_of(q.core_ids);
    for (const graph::CreditSource& source : target->sources) allowed |= 1u << source.credential;
    for (const core::RuleNode& rule : q.rules->children) allowed |= mask_of(rule.items);
    allowed &= candidates;
    for (bool grew = true; grew;) {
      grew = false;
      for (int c = 0; c < n; ++c) {
        if (!(allowed >> c & 1)) continue;
        for (size_t g = 0; g < s.PrerequisiteGroupCount(c); ++g) {
          for (CredentialIndex p : s.PrerequisiteGroup(c, g)) {
            if ((candidates >> p & 1) && !(allowed >> p & 1)) {
              allowed |= 1u << p;
              grew = true;
            }
          }
        }
      }
    }
  }
  std::optional<int64_t> best;
  for (uint32_t set = 0; set < (1u << n); ++set) {
    if ((set & held) || (set & excluded) || (set & included) != included) continue;
    if ((set & allowed) != set) continue;
    const uint32_t all = set | held;
    bool ok = true;
    int64_t fee = 0, hours = 0, objective = 0;
    std::vector<CredentialIndex> counted;
    for (int c = 0; c < n && ok; ++c) {
      if (recent >> c & 1) counted.push_back(c);
      if (!(set >> c & 1)) continue;
      counted.push_back(c);
      const core::Credential& credential = s.credentials()[c];
      if (request.constraints.no_onsite && credential.delivery_mode != core::DeliveryMode::kOnline)
        ok = false;
      for (size_t g = 0; g < s.PrerequisiteGroupCount(c); ++g) {
        bool met = false;
        for (CredentialIndex p : s.PrerequisiteGroup(c, g)) met |= (all >> p & 1) != 0;
        ok = ok && met;
      }
      fee += credential.fee.minor_units;
      hours += values.Hours(credential);
      objective += value[c];
    }
    if (!ok || fee > request.money_budget.minor_units || hours > request.hours_budget) continue;
    if (target != nullptr) {
      const core::Qualification& q = *target->qualification;
      // Stale held credentials count toward neither credit nor rules.
      const uint32_t available = set | recent;
      bool met = graph::CountedCredit(*target, counted) >= q.credit_required;
      met = met && (available & mask_of(q.core_ids)) == mask_of(q.core_ids);
      for (const core::RuleNode& rule : q.rules->children) {
        met = met && std::popcount(available & mask_of(rule.items)) >= rule.min_items;
      }
      if (met) objective += values.CompletionValue(s, q);
    }
    if (!best.has_value() || objective > *best) best = objective;
  }
  return best;
}

TEST(PlannerTest, OptimumEqualsExhaustiveSearchOnRandomCatalogues) {
  const uint64_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 random(seed);
  const PlannerConfig config;
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Instance instance = RandomInstance(random, 6 + round % 9);
    const PlanRequest& request = instance.request;
    std::optional<graph::QualificationCredit> credit;
    if (!request.target_qualification_id.empty()) {
      credit = *graph::CreditToward(*instance.snapshot, request.target_qualification_id);
    }
    value::ValueRequest value_request;
    value_request.target = credit.has_value() ? &*credit : nullptr;
    absl::StatusOr<value::ValueModel> values =
        value::ValueModel::Create(config.value, request.learner.profile, value_request);
    ASSERT_TRUE(values.ok()) << values.status();
    const std::optional<int64_t> expected = BruteForceBest(instance, *values, value_request.target);

    absl::StatusOr<PlanResult> plan = Plan(*instance.snapshot, config, request, nullptr);
    if (!plan.ok()) {
      // Only an included credential that can never be taken is refused.
      EXPECT_FALSE(expected.has_value()) << plan.status() << Describe(instance);
      continue;
    }
    if (!expected.has_value()) {
      EXPECT_TRUE(plan->pathways.empty());
      EXPECT_EQ(plan->stats.status, optimizer::SolveStatus::kInfeasible);
      continue;
    }
    ASSERT_FALSE(plan->pathways.empty());
    EXPECT_TRUE(plan->stats.proven_optimal);
    const PlannedPathway& best = plan->pathways.front();
    EXPECT_EQ(best.objective_millipoints, *expected);
    EXPECT_LE(best.fee, request.money_budget.minor_units);
    EXPECT_LE(best.hours, request.hours_budget);
    int64_t values_sum = 0;
    for (const PlannedStep& step : best.steps) values_sum += step.value_millipoints;
    EXPECT_EQ(values_sum, best.value_millipoints);
    if (best.progress.has_value()) {
      // Counted credit: the steps and the held credentials still within the window.
      const core::Qualification& q = *credit->qualification;
      std::vector<CredentialIndex> counted;
      for (const PlannedStep& step : best.steps) counted.push_back(step.credential);
      for (const core::HeldCredential& h : request.learner.held) {
        if (graph::IsRecent(q, h.earned_on, request.start)) {
          counted.push_back(*instance.snapshot->CredentialIndexOf(h.credential_id));
        }
      }
      EXPECT_EQ(best.credit, graph::CountedCredit(*credit, counted));
      EXPECT_EQ(best.progress->credit_counted, best.credit);
      if (best.progress->completed) {
        EXPECT_GE(best.credit, instance.snapshot->FindQualification("Q")->credit_required);
      }
    }
  }
}

TEST(PlannerTest, ProblemFileRoundTripSolvesToThePlannersOptimum) {
  const uint64_t seed = TestSeed() + 1;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 random(seed);
  const PlannerConfig config;
  for (int round = 0; round < 100; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Instance instance = RandomInstance(random, 10 + round % 10);
    instance.request.include_ids.clear();
    std::optional<graph::QualificationCredit> credit;
    if (!instance.request.target_qualification_id.empty()) {
      credit = *graph::CreditToward(*instance.snapshot, instance.request.target_qualification_id);
    }
    value::ValueRequest value_request;
    value_request.target = credit.has_value() ? &*credit : nullptr;
    absl::StatusOr<value::ValueModel> values =
        value::ValueModel::Create(config.value, instance.request.learner.profile, value_request);
    ASSERT_TRUE(values.ok());
    absl::StatusOr<PlanningProblem> built =
        BuildProblem(*instance.snapshot, *values, instance.request, value_request.target,
                     instance.snapshot->FindQualification("Q")->recency_months);
    ASSERT_TRUE(built.ok()) << built.status();
    // These rule trees (ALL_OF over "at least k" leaves) have one variant, exact.
    ASSERT_LE(built->targets.size(), 1u);
    optimizer::Problem problem = built->problem;
    if (!built->targets.empty()) problem.target = built->targets.front();
    absl::StatusOr<optimizer::Problem> parsed =
        optimizer::ParseProblemJson(optimizer::ProblemToJson(problem));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    absl::StatusOr<optimizer::SolveResult> solved = optimizer::Solve(*parsed, {});
    ASSERT_TRUE(solved.ok());
    absl::StatusOr<PlanResult> plan = Plan(*instance.snapshot, config, instance.request, nullptr);
    ASSERT_TRUE(plan.ok()) << plan.status();
    ASSERT_FALSE(plan->pathways.empty());
    EXPECT_EQ(plan->pathways.front().objective_millipoints, solved->pathways.front().objective);

    // The credit the optimiser counts toward the target is the coherence audit's.
    const optimizer::Solution& best = solved->pathways.front();
    if (!problem.target.has_value() || best.selected.empty()) continue;
    coherence::StackRequest stack;
    stack.target_qualification_id = "Q";
    stack.start_date = instance.request.start;
    for (optimizer::ItemIndex i : best.selected)
      stack.credential_ids.push_back(problem.items[i].id);
    absl::StatusOr<coherence::CheckResult> checked = coherence::CheckStack(
        *instance.snapshot, instance.request.learner, stack, config.coherence);
    ASSERT_TRUE(checked.ok()) << checked.status();
    EXPECT_EQ(checked->audit->credit_total, best.credit);
  }
}

// Rule trees the search models only as a relaxation (distinct groups, credit rules): the
// planner's pathway is judged on the whole tree, its objective never exceeds the true
// optimum (every subset judged by the coherence audit), the bound never falls below it,
// and when it says proven the objective is the optimum.
TEST(PlannerTest, RelaxedRuleTreesGiveTrueObjectivesAndValidBounds) {
  const uint64_t seed = TestSeed() + 3;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 random(seed);
  const PlannerConfig config;
  int proven = 0;
  for (int round = 0; round < 40; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int n = 7 + round % 4;
    Instance instance = RandomInstance(random, n);
    PlanRequest& request = instance.request;
    request.include_ids.clear();
    request.exclude_ids.clear();
    request.value_overrides_millipoints.clear();
    request.target_qualification_id = "Q";
    // Replace Q's rules: two of three groups, and credit from a set.
    storage::CatalogData data = instance.snapshot->data();
    core::Qualification& q = data.qualifications.front();
    const auto every = [&](int first, int step) {
      std::vector<std::string> items;
      for (int i = first; i < n; i += step) items.push_back(data.credentials[i].id);
      return items;
    };
    core::RuleNode groups = Rule("breadth", core::RuleKind::kFromDistinctGroups, {});
    groups.min_groups = 2;
    for (int g = 0; g < 3; ++g) {
      core::RuleNode group = Rule("group " + std::to_string(g),
                                                  core::RuleKind::kAtLeastItems, every(g, 3));
      group.min_items = 1;
      groups.children.push_back(group);
    }
    core::RuleNode credit_rule =
        Rule("credit", core::RuleKind::kAtLeastCredits, every(0, 2));
    credit_rule.min_credits = 12;
    credit_rule.allow_double_counting = true;
    q.rules = Rule("rules", core::RuleKind::kAllOf, {}, {groups, credit_rule});
    q.core_ids.clear();
    q.credit_required = 10;
    instance.snapshot = *graph::CatalogSnapshot::Build(std::move(data));
    const graph::CatalogSnapshot& s = *instance.snapshot;

    absl::StatusOr<PlanResult> plan = Plan(s, config, request, nullptr);
    ASSERT_TRUE(plan.ok()) << plan.status();
    ASSERT_FALSE(plan->pathways.empty());

    graph::QualificationCredit credit = *graph::CreditToward(s, "Q");
    value::ValueRequest value_request;
    value_request.target = &credit;
    value::ValueModel values =
        *value::ValueModel::Create(config.value, request.learner.profile, value_request);
    const int64_t bonus = values.CompletionValue(s, *s.FindQualification("Q"));
    uint32_t held = 0;
    for (const auto& h : request.learner.held) held |= 1u << *s.CredentialIndexOf(h.credential_id);
    int64_t best = std::numeric_limits<int64_t>::min();
    for (uint32_t set = 0; set < (1u << n); ++set) {
      if (set & held) continue;
      bool ok = true;
      int64_t fee = 0, hours = 0, objective = 0;
      coherence::StackRequest stack;
      stack.target_qualification_id = "Q";
      stack.start_date = request.start;
      for (int c = 0; c < n && ok; ++c) {
        if (!(set >> c & 1)) continue;
        const core::Credential& credential = s.credentials()[c];
        ok = !(request.constraints.no_onsite &&
               credential.delivery_mode != core::DeliveryMode::kOnline);
        for (size_t g = 0; g < s.PrerequisiteGroupCount(c); ++g) {
          bool met = false;
          for (CredentialIndex p : s.PrerequisiteGroup(c, g)) met |= ((set | held) >> p & 1) != 0;
          ok = ok && met;
        }
        fee += credential.fee.minor_units;
        hours += values.Hours(credential);
        objective += values.Explain(s, credential).value_millipoints;
        stack.credential_ids.push_back(credential.id);
      }
      if (!ok || fee > request.money_budget.minor_units || hours > request.hours_budget) continue;
      if (!stack.credential_ids.empty()) {
        absl::StatusOr<coherence::CheckResult> checked =
            coherence::CheckStack(s, request.learner, stack, config.coherence);
        ASSERT_TRUE(checked.ok()) << checked.status();
        if (checked->audit->complete) objective += bonus;
      }
      best = std::max(best, objective);
    }
    const PlannedPathway& first = plan->pathways.front();
    EXPECT_LE(first.objective_millipoints, best);
    EXPECT_GE(plan->stats.bound_millipoints, best);
    if (plan->stats.proven_optimal) {
      ++proven;
      EXPECT_EQ(first.objective_millipoints, best);
    }
  }
  // The relaxation is tight on most of these trees.
  EXPECT_GE(proven, 20);
}

// Every step starts after the prerequisites it relies on from the pathway have ended.
TEST(PlannerTest, SchedulesRespectPrerequisitesAndTopKDiffers) {
  const uint64_t seed = TestSeed() + 2;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 random(seed);
  const PlannerConfig config;
  for (int round = 0; round < 60; ++round) {
    Instance instance = RandomInstance(random, 12);
    instance.request.include_ids.clear();
    instance.request.k = 3;
    instance.request.diversity = 2;
    absl::StatusOr<PlanResult> plan = Plan(*instance.snapshot, config, instance.request, nullptr);
    ASSERT_TRUE(plan.ok()) << plan.status();
    const graph::CatalogSnapshot& s = *instance.snapshot;
    for (const PlannedPathway& pathway : plan->pathways) {
      for (size_t i = 0; i < pathway.steps.size(); ++i) {
        const PlannedStep& step = pathway.steps[i];
        for (size_t g = 0; g < s.PrerequisiteGroupCount(step.credential); ++g) {
          const auto group = s.PrerequisiteGroup(step.credential, g);
          bool met = false;
          for (const core::HeldCredential& h : instance.request.learner.held) {
            met |= std::find(group.begin(), group.end(), *s.CredentialIndexOf(h.credential_id)) !=
                   group.end();
          }
          for (size_t j = 0; j < i; ++j) {
            const PlannedStep& before = pathway.steps[j];
            if (std::find(group.begin(), group.end(), before.credential) != group.end() &&
                before.slot.end_week <= step.slot.start_week) {
              met = true;
            }
          }
          EXPECT_TRUE(met) << s.credentials()[step.credential].id << " group " << g;
        }
      }
    }
    for (size_t a = 0; a < plan->pathways.size(); ++a) {
      for (size_t b = a + 1; b < plan->pathways.size(); ++b) {
        std::vector<CredentialIndex> x, y, diff;
        for (const auto& step : plan->pathways[a].steps) x.push_back(step.credential);
        for (const auto& step : plan->pathways[b].steps) y.push_back(step.credential);
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        std::set_symmetric_difference(x.begin(), x.end(), y.begin(), y.end(),
                                      std::back_inserter(diff));
        EXPECT_GE(diff.size(), 2u);
      }
    }
  }
}

}  // namespace
}  // namespace credpath::planner
