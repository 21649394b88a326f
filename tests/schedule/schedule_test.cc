#include "schedule/schedule.h"

#include <algorithm>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/catalog.h"
#include "core/date.h"
#include "gmock/gmock.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"

namespace credpath::schedule {
namespace {

using ::credpath::graph::CatalogSnapshot;
using ::credpath::graph::CredentialIndex;
using ::credpath::graph::testing::MakeCredential;
using ::credpath::graph::testing::MakeLink;
using ::credpath::graph::testing::MakeProvider;
using ::credpath::graph::testing::TestSeed;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

core::Date D(std::string_view text) { return core::ParseDate(text).value(); }
core::Date AddDays(core::Date date, int32_t days) {
  return core::Date{date.days_since_epoch + days};
}

// A Monday, so the weeks run Monday to Sunday.
const core::Date kStart = D("2027-01-04");

core::Credential OnDemand(std::string id, int64_t effort_hours, int32_t duration_weeks) {
  core::Credential c = MakeCredential(std::move(id));
  c.pacing = core::Pacing::kOnDemand;
  c.effort_hours = effort_hours;
  c.duration_weeks = duration_weeks;
  return c;
}

core::Credential Scheduled(std::string id, int64_t effort_hours, int32_t duration_weeks,
                           std::vector<core::Offering> offerings) {
  core::Credential c = OnDemand(std::move(id), effort_hours, duration_weeks);
  c.pacing = core::Pacing::kScheduled;
  c.offerings = std::move(offerings);
  return c;
}

core::Link Corequisite(std::string from, std::string to) {
  return MakeLink(std::move(from), std::move(to), core::LinkType::kCorequisite);
}

std::shared_ptr<const CatalogSnapshot> BuildOrDie(std::vector<core::Credential> credentials,
                                                  std::vector<core::Link> links = {}) {
  storage::CatalogData data;
  data.providers.push_back(MakeProvider("P"));
  data.credentials = std::move(credentials);
  data.links = std::move(links);
  absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
      CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

// Runs MakeSchedule on credential ids.
class Planner {
 public:
  explicit Planner(std::shared_ptr<const CatalogSnapshot> snapshot)
      : snapshot_(std::move(snapshot)) {}

  Schedule Run(std::initializer_list<std::string_view> pathway,
               std::initializer_list<std::string_view> held = {}, int64_t hours_per_week = 0,
               std::optional<core::Date> deadline = std::nullopt) const {
    std::vector<CredentialIndex> pathway_indexes = Indexes(pathway);
    std::vector<CredentialIndex> held_indexes = Indexes(held);
    ScheduleInput input;
    input.pathway = pathway_indexes;
    input.held = held_indexes;
    input.start = kStart;
    input.hours_per_week = hours_per_week;
    input.deadline = deadline;
    return MakeSchedule(*snapshot_, input);
  }

  CredentialIndex Index(std::string_view id) const {
    return snapshot_->CredentialIndexOf(id).value();
  }

 private:
  std::vector<CredentialIndex> Indexes(std::initializer_list<std::string_view> ids) const {
    std::vector<CredentialIndex> indexes;
    for (std::string_view id : ids) indexes.push_back(Index(id));
    return indexes;
  }

  std::shared_ptr<const CatalogSnapshot> snapshot_;
};

// (start_week, end_week) of every step, for compact expectations.
std::vector<std::pair<int32_t, int32_t>> Weeks(const Schedule& schedule) {
  std::vector<std::pair<int32_t, int32_t>> weeks;
  for (const ScheduledStep& step : schedule.steps) {
    weeks.emplace_back(step.start_week, step.end_week);
  }
  return weeks;
}

using W = std::pair<int32_t, int32_t>;

TEST(MakeScheduleTest, EmptyPathwayIsFeasibleAndTakesNoTime) {
  Planner planner(BuildOrDie({OnDemand("A", 10, 1)}));
  Schedule schedule = planner.Run({}, {}, 10, D("2027-01-05"));
  EXPECT_THAT(schedule.steps, IsEmpty());
  EXPECT_EQ(schedule.total_weeks, 0);
  EXPECT_TRUE(schedule.feasible);
  EXPECT_THAT(schedule.problems, IsEmpty());
}

TEST(MakeScheduleTest, PrerequisitesEndBeforeDependentsStart) {
  Planner planner(BuildOrDie({OnDemand("A", 20, 2), OnDemand("B", 30, 3), OnDemand("C", 5, 1)},
                             {MakeLink("A", "B"), MakeLink("B", "C")}));
  Schedule schedule = planner.Run({"A", "B", "C"});
  EXPECT_THAT(Weeks(schedule), ElementsAre(W{0, 2}, W{2, 5}, W{5, 6}));
  EXPECT_EQ(schedule.steps[1].credential, planner.Index("B"));
  EXPECT_EQ(schedule.steps[1].start_date, D("2027-01-18"));
  EXPECT_EQ(schedule.steps[1].end_date, D("2027-02-08"));
  EXPECT_EQ(schedule.steps[1].term, "");
  EXPECT_EQ(schedule.total_weeks, 6);
  EXPECT_TRUE(schedule.feasible);
}

TEST(MakeScheduleTest, HeldPrerequisitesAreDoneBeforeWeekZero) {
  Planner planner(BuildOrDie({OnDemand("A", 20, 2), OnDemand("B", 30, 3)}, {MakeLink("A", "B")}));
  EXPECT_THAT(Weeks(planner.Run({"B"}, {"A"})), ElementsAre(W{0, 3}));
}

TEST(MakeScheduleTest, OrGroupSatisfiedByAHeldMemberWaitsForNothing) {
  // B needs A1 or A2 (group 0). A1 is held; A2 is in the pathway too.
  Planner planner(BuildOrDie({OnDemand("A1", 10, 1), OnDemand("A2", 40, 4), OnDemand("B", 10, 1)},
                             {MakeLink("A1", "B"), MakeLink("A2", "B")}));
  EXPECT_THAT(Weeks(planner.Run({"A2", "B"}, {"A1"})), ElementsAre(W{0, 4}, W{0, 1}));
}

TEST(MakeScheduleTest, OrGroupWaitsForItsEarliestEndingPathwayMember) {
  // B needs (A1 or A2) and C. A2 ends first; C ends later still.
  Planner planner(BuildOrDie(
      {OnDemand("A1", 40, 4), OnDemand("A2", 20, 2), OnDemand("B", 10, 1), OnDemand("C", 30, 3)},
      {MakeLink("A1", "B", core::LinkType::kLeadsTo, 0),
       MakeLink("A2", "B", core::LinkType::kLeadsTo, 0),
       MakeLink("C", "B", core::LinkType::kLeadsTo, 1)}));
  EXPECT_THAT(Weeks(planner.Run({"A1", "A2", "B"}, {"C"})), ElementsAre(W{0, 4}, W{0, 2}, W{2, 3}));
  EXPECT_THAT(Weeks(planner.Run({"A1", "A2", "C", "B"})),
              ElementsAre(W{0, 4}, W{0, 2}, W{0, 3}, W{3, 4}));
}

TEST(MakeScheduleTest, CorequisitesStartNoLater) {
  // Q is a co-requisite of C: taken before C or alongside it.
  Planner planner(BuildOrDie({OnDemand("A", 10, 1), OnDemand("C", 10, 2), OnDemand("Q", 10, 2)},
                             {MakeLink("A", "Q"), Corequisite("Q", "C")}));
  // No weekly limit: C starts with Q.
  EXPECT_THAT(Weeks(planner.Run({"A", "Q", "C"})), ElementsAre(W{0, 1}, W{1, 3}, W{1, 3}));
  // 5 hours a week: Q takes them all in weeks 1-2, so C follows it.
  EXPECT_THAT(Weeks(planner.Run({"A", "Q", "C"}, {}, 5)), ElementsAre(W{0, 2}, W{2, 4}, W{4, 6}));
  // A held co-requisite imposes nothing.
  EXPECT_THAT(Weeks(planner.Run({"C"}, {"Q"})), ElementsAre(W{0, 2}));
}

TEST(MakeScheduleTest, WeeklyHoursDecideWhatRunsInParallel) {
  Planner planner(BuildOrDie({OnDemand("A", 20, 2), OnDemand("B", 20, 2), OnDemand("C", 5, 1)}));
  // 10 + 10 hours a week fit in 20 but not in 15; C's 5 hours fill the gap next to A.
  EXPECT_THAT(Weeks(planner.Run({"A", "B", "C"}, {}, 20)), ElementsAre(W{0, 2}, W{0, 2}, W{2, 3}));
  EXPECT_THAT(Weeks(planner.Run({"A", "B", "C"}, {}, 15)), ElementsAre(W{0, 2}, W{2, 4}, W{0, 1}));
}

TEST(MakeScheduleTest, NoWeeklyLimitRunsEverythingAtOnce) {
  Planner planner(BuildOrDie({OnDemand("A", 500, 0), OnDemand("B", 20, 4)}));
  Schedule schedule = planner.Run({"A", "B"}, {}, 0);
  // Duration 0 without a weekly limit: one week carrying the whole effort.
  EXPECT_THAT(Weeks(schedule), ElementsAre(W{0, 1}, W{0, 4}));
  EXPECT_TRUE(schedule.feasible);
}

TEST(MakeScheduleTest, DurationZeroTakesEffortOverWeeklyHours) {
  Planner planner(BuildOrDie({OnDemand("A", 25, 0), OnDemand("B", 0, 0)}));
  // ceil(25 / 10) = 3 weeks at ceil(25 / 3) = 9 hours; no effort: one week.
  EXPECT_THAT(Weeks(planner.Run({"A", "B"}, {}, 10)), ElementsAre(W{0, 3}, W{0, 1}));
}

TEST(MakeScheduleTest, TooIntenseCredentialIsStretchedToTheWeeklyHours) {
  // 40 hours over 2 weeks is 20 a week; with 10 a week it takes 4 weeks.
  Planner planner(BuildOrDie({OnDemand("A", 40, 2), OnDemand("B", 1, 1)}));
  EXPECT_THAT(Weeks(planner.Run({"A", "B"}, {}, 10)), ElementsAre(W{0, 4}, W{4, 5}));
}

TEST(MakeScheduleTest, ScheduledCredentialsStartOnlyInOfferingWeeks) {
  // A runs 3 weeks; B's first offering is before the plan's start, its second (a
  // Wednesday in week 1) is too early for A to have ended, its third (in week 5) fits.
  Planner planner(BuildOrDie({OnDemand("A", 30, 3), Scheduled("B", 20, 2,
                                                              {{"2026-autumn", D("2026-12-28")},
                                                               {"2027-winter", D("2027-01-13")},
                                                               {"2027-spring", D("2027-02-10")}})},
                             {MakeLink("A", "B")}));
  Schedule schedule = planner.Run({"A", "B"});
  ASSERT_THAT(Weeks(schedule), ElementsAre(W{0, 3}, W{5, 7}));
  const ScheduledStep& b = schedule.steps[1];
  EXPECT_EQ(b.start_date, D("2027-02-10"));
  EXPECT_EQ(b.term, "2027-spring");
  EXPECT_EQ(b.end_date, D("2027-02-22"));
  EXPECT_TRUE(b.placed);
  // Held A: the Wednesday offering of week 1 is the first on or after the start.
  schedule = planner.Run({"B"}, {"A"});
  EXPECT_THAT(Weeks(schedule), ElementsAre(W{1, 3}));
  EXPECT_EQ(schedule.steps[0].term, "2027-winter");
}

TEST(MakeScheduleTest, ScheduledCredentialSkipsOfferingsWithoutRoom) {
  // A books 10 of the 15 hours in weeks 0 and 1; B and E need 10 in their one week. B
  // also runs in week 2; E does not.
  Planner planner(BuildOrDie(
      {OnDemand("A", 20, 2),
       Scheduled("B", 10, 1,
                 {{"t3", D("2027-01-19")}, {"t1", D("2027-01-05")}, {"t2", D("2027-01-12")}}),
       Scheduled("E", 10, 1, {{"t1", D("2027-01-05")}, {"t2", D("2027-01-12")}})}));
  Schedule schedule = planner.Run({"A", "B"}, {}, 15);
  EXPECT_THAT(Weeks(schedule), ElementsAre(W{0, 2}, W{2, 3}));
  EXPECT_EQ(schedule.steps[1].term, "t3");
  schedule = planner.Run({"A", "E"}, {}, 15);
  EXPECT_FALSE(schedule.steps[1].placed);
  EXPECT_FALSE(schedule.feasible);
  EXPECT_THAT(schedule.problems,
              ElementsAre("E has no offering with room for its 1 week at 10 hours a week between "
                          "2027-01-04 and 2036-12-21, the end of the 520-week planning "
                          "horizon, within 15 hours a week next to the steps before it"));
}

TEST(MakeScheduleTest, NoUsableOfferingLeavesTheStepUnplacedAndItsDependentsToo) {
  Planner planner(
      BuildOrDie({OnDemand("A", 30, 3), Scheduled("B", 10, 1, {{"2027-winter", D("2027-01-13")}}),
                  OnDemand("C", 10, 1), Scheduled("E", 10, 1, {})},
                 {MakeLink("A", "B"), MakeLink("B", "C")}));
  Schedule schedule = planner.Run({"A", "B", "C", "E"});
  EXPECT_FALSE(schedule.feasible);
  EXPECT_TRUE(schedule.steps[0].placed);
  for (size_t i : {1, 2, 3}) {
    EXPECT_FALSE(schedule.steps[i].placed) << i;
    EXPECT_EQ(schedule.steps[i].start_date, kStart);
  }
  EXPECT_EQ(schedule.total_weeks, 3);
  EXPECT_THAT(schedule.problems,
              ElementsAre("B has no offering starting on or after 2027-01-25",
                          "C cannot be scheduled because its prerequisite B could not be",
                          "E has no offering starting on or after 2027-01-04"));
}

TEST(MakeScheduleTest, OfferingBeyondTheHorizonIsNotUsed) {
  Planner planner(BuildOrDie({Scheduled("B", 10, 1, {{"far", D("2040-01-02")}})}));
  Schedule schedule = planner.Run({"B"});
  EXPECT_FALSE(schedule.steps[0].placed);
  EXPECT_THAT(schedule.problems,
              ElementsAre(AllOf(HasSubstr("B has no offering starting between 2027-01-04 and"),
                                HasSubstr("planning horizon"))));
}

TEST(MakeScheduleTest, StepThatCannotEndWithinTheHorizonIsNotPlaced) {
  // 1 hour a week for 600 hours is 600 weeks, past the 520-week horizon.
  Planner planner(BuildOrDie({OnDemand("A", 600, 0), OnDemand("B", 519, 0)}));
  Schedule schedule = planner.Run({"A", "B"}, {}, 1);
  EXPECT_FALSE(schedule.steps[0].placed);
  EXPECT_TRUE(schedule.steps[1].placed);
  EXPECT_EQ(schedule.steps[1].end_week, kHorizonWeeks - 1);
  EXPECT_THAT(schedule.problems, ElementsAre(AllOf(HasSubstr("A (600 weeks at 1 hour a week)"),
                                                   HasSubstr("520-week planning horizon"))));
}

TEST(MakeScheduleTest, DeadlineExceededMakesTheScheduleInfeasible) {
  Planner planner(BuildOrDie({OnDemand("A", 20, 2), OnDemand("B", 30, 3)}, {MakeLink("A", "B")}));
  // B's last day is 2027-02-07 (a Sunday, the end of week 4).
  Schedule on_time = planner.Run({"A", "B"}, {}, 0, D("2027-02-07"));
  EXPECT_TRUE(on_time.feasible);
  EXPECT_THAT(on_time.problems, IsEmpty());
  Schedule late = planner.Run({"A", "B"}, {}, 0, D("2027-02-06"));
  EXPECT_FALSE(late.feasible);
  EXPECT_TRUE(late.steps[1].placed);
  EXPECT_THAT(late.problems, ElementsAre("B ends 2027-02-07, after the deadline 2027-02-06"));
}

// The worked example of docs/schedule.md.
TEST(MakeScheduleTest, WorkedExampleFromTheDocs) {
  Planner planner(BuildOrDie(
      {OnDemand("A", 20, 2), OnDemand("B", 30, 0),
       Scheduled("C", 24, 3, {{"2027-winter", D("2027-01-20")}, {"2027-spring", D("2027-02-03")}})},
      {MakeLink("B", "C")}));
  Schedule schedule = planner.Run({"A", "B", "C"}, {}, 15, D("2027-03-31"));
  EXPECT_THAT(Weeks(schedule), ElementsAre(W{0, 2}, W{2, 4}, W{4, 7}));
  EXPECT_EQ(schedule.steps[2].start_date, D("2027-02-03"));
  EXPECT_EQ(schedule.steps[2].term, "2027-spring");
  EXPECT_EQ(schedule.steps[2].end_date, D("2027-02-22"));
  EXPECT_EQ(schedule.total_weeks, 7);
  EXPECT_TRUE(schedule.feasible);

  schedule = planner.Run({"A", "B", "C"}, {}, 15, D("2027-02-15"));
  EXPECT_THAT(schedule.problems, ElementsAre("C ends 2027-02-21, after the deadline 2027-02-15"));
}

// ---------------------------------------------------------------------------------------
// Property test: random small catalogues and random pathway orders that respect the
// requisites among their members. An independent, brute-force reading of the rules checks
// every invariant and that each step takes the earliest week the rules allow.

struct Expected {
  int64_t weeks = 1;
  int64_t hours = 0;
};

// The duration rule, restated from docs/schedule.md.
Expected ExpectedShape(const core::Credential& c, int64_t limit) {
  const auto ceil_div = [](int64_t a, int64_t b) { return (a + b - 1) / b; };
  int64_t weeks = c.duration_weeks > 0 ? c.duration_weeks
                  : limit > 0          ? std::max<int64_t>(1, ceil_div(c.effort_hours, limit))
                                       : 1;
  if (limit > 0 && ceil_div(c.effort_hours, weeks) > limit) weeks = ceil_div(c.effort_hours, limit);
  return {weeks, ceil_div(c.effort_hours, weeks)};
}

bool Mentions(const Schedule& schedule, const std::string& id) {
  return std::any_of(schedule.problems.begin(), schedule.problems.end(),
                     [&](const std::string& p) { return p.rfind(id + " ", 0) == 0; });
}

void CheckSchedule(const CatalogSnapshot& snapshot, const ScheduleInput& input,
                   const Schedule& schedule) {
  ASSERT_EQ(schedule.steps.size(), input.pathway.size());
  const absl::flat_hash_set<CredentialIndex> held(input.held.begin(), input.held.end());
  const int64_t limit = input.hours_per_week;
  absl::flat_hash_map<CredentialIndex, const ScheduledStep*> first;
  std::vector<int64_t> load(kHorizonWeeks, 0);  // of the steps before the current one
  bool all_fine = true;
  int32_t total_weeks = 0;

  for (size_t i = 0; i < schedule.steps.size(); ++i) {
    const ScheduledStep& step = schedule.steps[i];
    const CredentialIndex c = input.pathway[i];
    const core::Credential& credential = snapshot.credentials()[c];
    SCOPED_TRACE(absl::StrCat("step ", i, " ", credential.id));
    ASSERT_EQ(step.credential, c);
    const Expected shape = ExpectedShape(credential, limit);

    // Requisites: the week they release the step, or a reason it cannot be placed.
    int64_t release = 0;
    bool blocked = false;
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
      bool satisfied_by_held = false;
      bool any_earlier = false;
      std::optional<int32_t> min_end;
      for (CredentialIndex m : snapshot.PrerequisiteGroup(c, g)) {
        satisfied_by_held |= held.contains(m);
        if (!first.contains(m)) continue;
        any_earlier = true;
        if (first[m]->placed)
          min_end = std::min(min_end.value_or(first[m]->end_week), first[m]->end_week);
      }
      if (satisfied_by_held || !any_earlier) continue;
      if (!min_end.has_value()) {
        blocked = true;
      } else {
        release = std::max<int64_t>(release, *min_end);
        // Some prerequisite of the group has ended when the step starts.
        if (step.placed) {
          EXPECT_LE(*min_end, step.start_week);
        }
      }
    }
    for (CredentialIndex q : snapshot.Corequisites(c)) {
      if (held.contains(q) || !first.contains(q)) continue;
      if (!first[q]->placed) {
        blocked = true;
      } else {
        release = std::max<int64_t>(release, first[q]->start_week);
        if (step.placed) {
          EXPECT_LE(first[q]->start_week, step.start_week);
        }
      }
    }

    // Whether the step could start in week s given the steps before it.
    const auto allowed = [&](int64_t s, const core::Offering** offering) {
      if (s < release || s + shape.weeks > kHorizonWeeks) return false;
      for (int64_t w = s; w < s + shape.weeks; ++w) {
        if (limit > 0 && load[w] + shape.hours > limit) return false;
      }
      if (credential.pacing != core::Pacing::kScheduled) return true;
      for (const core::Offering& o : credential.offerings) {
        if (o.start >= input.start &&
            (o.start.days_since_epoch - input.start.days_since_epoch) / 7 == s &&
            (*offering == nullptr || o.start < (*offering)->start)) {
          *offering = &o;
        }
      }
      return *offering != nullptr;
    };

    if (blocked) {
      EXPECT_FALSE(step.placed);
    } else if (step.placed) {
      const core::Offering* offering = nullptr;
      EXPECT_TRUE(allowed(step.start_week, &offering));
      for (int64_t s = release; s < step.start_week; ++s) {
        const core::Offering* earlier = nullptr;
        EXPECT_FALSE(allowed(s, &earlier)) << "week " << s << " was free";
      }
      EXPECT_EQ(step.end_week - step.start_week, shape.weeks);
      EXPECT_LE(step.end_week, kHorizonWeeks);
      EXPECT_EQ(step.end_date, AddDays(input.start, 7 * step.end_week));
      if (credential.pacing == core::Pacing::kScheduled) {
        ASSERT_NE(offering, nullptr);
        EXPECT_EQ(step.start_date, offering->start);
        EXPECT_EQ(step.term, offering->term);
      } else {
        EXPECT_EQ(step.start_date, AddDays(input.start, 7 * step.start_week));
        EXPECT_EQ(step.term, "");
      }
    } else {
      for (int64_t s = release; s < kHorizonWeeks; ++s) {
        const core::Offering* offering = nullptr;
        EXPECT_FALSE(allowed(s, &offering)) << "week " << s << " was free";
      }
    }

    if (step.placed) {
      for (int32_t w = step.start_week; w < step.end_week; ++w) load[w] += shape.hours;
      total_weeks = std::max(total_weeks, step.end_week);
      const bool late = input.deadline.has_value() && AddDays(step.end_date, -1) > *input.deadline;
      if (late) {
        all_fine = false;
        EXPECT_TRUE(Mentions(schedule, credential.id)) << "late step not reported";
      }
    } else {
      all_fine = false;
      EXPECT_TRUE(Mentions(schedule, credential.id)) << "unplaced step not reported";
    }
    first.try_emplace(c, &step);
  }

  // The weekly limit, recomputed week by week from the result alone.
  if (limit > 0) {
    for (int32_t w = 0; w < kHorizonWeeks; ++w) EXPECT_LE(load[w], limit) << "week " << w;
  }
  EXPECT_EQ(schedule.total_weeks, total_weeks);
  EXPECT_EQ(schedule.feasible, all_fine);
  EXPECT_EQ(schedule.problems.empty(), all_fine);
}

struct RandomCase {
  std::shared_ptr<const CatalogSnapshot> snapshot;
  std::vector<CredentialIndex> pathway;
  std::vector<CredentialIndex> held;
  int64_t hours_per_week = 0;
  std::optional<core::Date> deadline;
};

RandomCase MakeRandomCase(std::mt19937_64& rng) {
  const auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  const int n = static_cast<int>(uniform(2, 10));
  std::vector<core::Credential> credentials;
  for (int i = 0; i < n; ++i) {
    // Zero-padded ids keep index order equal to creation order.
    std::string id = absl::StrCat("c", i / 10, i % 10);
    if (chance(0.35)) {
      std::vector<core::Offering> offerings;
      for (int k = uniform(0, 3); k > 0; --k) {
        offerings.push_back({absl::StrCat("t", k), AddDays(kStart, uniform(-30, 250))});
      }
      credentials.push_back(
          Scheduled(std::move(id), uniform(0, 60), uniform(0, 6), std::move(offerings)));
    } else {
      credentials.push_back(OnDemand(std::move(id), uniform(0, 60), uniform(0, 6)));
    }
  }
  // Links run from lower to higher index, so they form a DAG.
  std::vector<core::Link> links;
  std::vector<std::vector<int>> requisites(n);
  for (int to = 0; to < n; ++to) {
    for (int from = 0; from < to; ++from) {
      if (!chance(0.3)) continue;
      requisites[to].push_back(from);
      links.push_back(chance(0.2) ? Corequisite(credentials[from].id, credentials[to].id)
                                  : MakeLink(credentials[from].id, credentials[to].id,
                                             core::LinkType::kLeadsTo, uniform(0, 1)));
    }
  }
  RandomCase random_case;
  random_case.snapshot = BuildOrDie(credentials, links);
  std::vector<bool> in_pathway(n, false);
  for (int i = 0; i < n; ++i) {
    if (chance(0.15)) {
      random_case.held.push_back(i);
    } else {
      in_pathway[i] = chance(0.7);
    }
  }
  // A random order in which every member comes after its requisites among the members.
  std::vector<bool> done(n, false);
  for (;;) {
    std::vector<int> ready;
    for (int i = 0; i < n; ++i) {
      if (!in_pathway[i] || done[i]) continue;
      if (std::all_of(requisites[i].begin(), requisites[i].end(),
                      [&](int r) { return !in_pathway[r] || done[r]; })) {
        ready.push_back(i);
      }
    }
    if (ready.empty()) break;
    const int next = ready[uniform(0, static_cast<int64_t>(ready.size()) - 1)];
    done[next] = true;
    random_case.pathway.push_back(next);
  }
  const int64_t hours[] = {0, 8, 15, 30};
  random_case.hours_per_week = hours[uniform(0, 3)];
  if (chance(0.5)) random_case.deadline = AddDays(kStart, uniform(0, 300));
  return random_case;
}

TEST(MakeSchedulePropertyTest, RandomPathwaysKeepEveryRule) {
  const uint64_t seed = TestSeed();
  std::cout << "seed " << seed << " (set CREDPATH_TEST_SEED to replay)\n";
  SCOPED_TRACE(absl::StrCat("seed ", seed, " (set CREDPATH_TEST_SEED to replay)"));
  std::mt19937_64 rng(seed);
  int placed_scheduled = 0;
  int unplaced = 0;
  for (int iteration = 0; iteration < 500; ++iteration) {
    SCOPED_TRACE(absl::StrCat("iteration ", iteration));
    RandomCase random_case = MakeRandomCase(rng);
    ASSERT_NE(random_case.snapshot, nullptr);
    ScheduleInput input;
    input.pathway = random_case.pathway;
    input.held = random_case.held;
    input.start = kStart;
    input.hours_per_week = random_case.hours_per_week;
    input.deadline = random_case.deadline;
    const Schedule schedule = MakeSchedule(*random_case.snapshot, input);
    CheckSchedule(*random_case.snapshot, input, schedule);
    if (::testing::Test::HasFailure()) return;
    for (const ScheduledStep& step : schedule.steps) {
      placed_scheduled += step.placed && !step.term.empty();
      unplaced += !step.placed;
    }
  }
  // The generator reaches both interesting cases.
  EXPECT_GT(placed_scheduled, 0);
  EXPECT_GT(unplaced, 0);
}

}  // namespace
}  // namespace credpath::schedule
