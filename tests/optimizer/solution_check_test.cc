// EvaluateSelection and CheckSolution: every rule they enforce, and every claim they verify.
#include "optimizer/solution_check.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace credpath::optimizer {
namespace {

// A (held) -> B; C needs B or D; E and F are exclusive; target: 12 credit, core C.
Problem Sample() {
  Problem problem;
  problem.items = {
      Item{"A", 0, 0, 0, 5, true},    Item{"B", 10, 5, 7, 4, false},
      Item{"C", 20, 10, 15, 6, false}, Item{"D", 5, 5, 3, 2, false},
      Item{"E", 1, 1, 1, 1, false},   Item{"F", 1, 1, 2, 1, false},
  };
  problem.prerequisite_groups.resize(6);
  problem.prerequisite_groups[1] = {{0}};
  problem.prerequisite_groups[2] = {{1, 3}};
  problem.exclusive_groups = {{4, 5}};
  problem.money_budget = 31;
  problem.hours_budget = 16;
  Target target;
  target.credit_threshold = 12;
  target.core = {2};
  target.overlaps = {Overlap{0, 3, 1}};
  target.bonus = 50;
  problem.target = target;
  return problem;
}

bool Mentions(const absl::Status& status, const std::string& text) {
  return std::string(status.message()).find(text) != std::string::npos;
}

TEST(EvaluateSelection, ComputesTotalsTargetAndAValidOrder) {
  const Problem problem = Sample();
  absl::StatusOr<Solution> solution = EvaluateSelection(problem, {2, 3, 5});
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_EQ(solution->selected, (std::vector<ItemIndex>{3, 2, 5}));  // D before C
  EXPECT_EQ(solution->fee, 26);
  EXPECT_EQ(solution->hours, 16);  // exactly the budget: fits
  // Credit: A 5 + C 6 + D 2 + F 1, minus the A-D overlap 1 = 13 >= 12; core C in.
  EXPECT_EQ(solution->credit, 13);
  EXPECT_TRUE(solution->target_met);
  EXPECT_EQ(solution->objective, 15 + 3 + 2 + 50);
}

TEST(EvaluateSelection, CapLimitsCountedCreditAndCanMissTheTarget) {
  Problem problem = Sample();
  problem.target->credit_cap = 11;
  absl::StatusOr<Solution> solution = EvaluateSelection(problem, {2, 3, 5});
  ASSERT_TRUE(solution.ok());
  EXPECT_EQ(solution->credit, 11);
  EXPECT_FALSE(solution->target_met);
  EXPECT_EQ(solution->objective, 20);
}

TEST(EvaluateSelection, ElectiveRuleCountsHeldItems) {
  Problem problem = Sample();
  problem.target->electives = {ElectiveRule{"pick", {0, 4, 5}, 2}};
  EXPECT_TRUE(EvaluateSelection(problem, {2, 3, 5})->target_met);  // A held + F
  problem.target->electives[0].min_count = 3;
  EXPECT_FALSE(EvaluateSelection(problem, {2, 3, 5})->target_met);
}

TEST(EvaluateSelection, NamesTheBrokenRule) {
  const Problem problem = Sample();
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {2}).status(), "\"C\" needs one of {\"B\", \"D\"}"));
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {4, 5}).status(), "exclusive group"));
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {1, 2, 3}).status(), "money budget"));
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {0}).status(), "held already"));
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {3, 3}).status(), "twice"));
  EXPECT_TRUE(Mentions(EvaluateSelection(problem, {9}).status(), "no item #9"));
  Problem tight = problem;
  tight.hours_budget = 15;
  EXPECT_TRUE(Mentions(EvaluateSelection(tight, {2, 3, 5}).status(), "hours budget"));
}

TEST(CheckSolution, AcceptsAnEvaluatedSolutionAndRejectsEveryFalseClaim) {
  const Problem problem = Sample();
  const Solution good = *EvaluateSelection(problem, {2, 3, 5});
  EXPECT_TRUE(CheckSolution(problem, good).ok());

  Solution wrong = good;
  wrong.objective += 1;
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "objective"));
  wrong = good;
  wrong.fee -= 1;
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "fee"));
  wrong = good;
  wrong.hours += 2;
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "hours"));
  wrong = good;
  wrong.credit = 0;
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "credit"));
  wrong = good;
  wrong.target_met = false;
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "target_met"));
  wrong = good;
  wrong.selected = {2, 3, 5};  // C before D, its only selected prerequisite
  EXPECT_TRUE(Mentions(CheckSolution(problem, wrong), "comes before"));
  wrong = good;
  wrong.selected = {4, 5};
  EXPECT_EQ(CheckSolution(problem, wrong).code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace credpath::optimizer
