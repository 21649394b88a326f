// Relaxation::PenaltyFixings: what it fixes, and that it stops at the deadline.
#include "optimizer/lagrangian.h"

#include <atomic>
#include <chrono>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/problem.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {
namespace {

// Three independent credentials worth 100, 1 and 50, of which two fit the money.
Problem ThreeItems() {
  Problem problem;
  for (int64_t value : {100, 1, 50}) {
    Item item;
    item.id = "C" + std::to_string(problem.items.size());
    item.fee = 10;
    item.hours = 1;
    item.value = value;
    problem.items.push_back(item);
  }
  problem.prerequisite_groups.resize(problem.items.size());
  problem.money_budget = 20;
  problem.hours_budget = 3;
  return problem;
}

// With every multiplier 0 the closure takes all three and L = 151. Against a cutoff of
// 150, leaving out the 100 or the 50 costs more than the gap of 1, so both are fixed to
// 1; leaving out the 1 costs only 1.
std::vector<std::pair<Var, bool>> FixingsAtZero(const Model& model, Deadline& deadline) {
  SearchSpec spec;
  spec.money = model.money;
  spec.hours = model.hours_budget;
  Relaxation relaxation(model);
  relaxation.BeginSearch(spec);
  NodeState state(model);
  state.Reset(spec.money, spec.hours);
  EXPECT_TRUE(relaxation.Setup(state, false, spec));
  const std::vector<double> multipliers(relaxation.MultiplierCount(0), 0.0);
  EXPECT_EQ(relaxation.Evaluate(multipliers), 151);
  return relaxation.PenaltyFixings(150, deadline);
}

TEST(PenaltyFixings, FixesWhatTheGapCannotLose) {
  const Model model = BuildModel(ThreeItems());
  Deadline deadline(Deadline::Clock::time_point::max(), nullptr);
  const std::vector<std::pair<Var, bool>> fixings = FixingsAtZero(model, deadline);
  ASSERT_EQ(fixings.size(), 2u);
  for (const auto& [v, one] : fixings) {
    EXPECT_TRUE(one);
    EXPECT_NE(model.value[v], 1);
  }
}

TEST(PenaltyFixings, StopsWhenTheDeadlineHasCome) {
  const Model model = BuildModel(ThreeItems());
  const std::atomic<bool> stop{true};
  Deadline deadline(Deadline::Clock::time_point::max(), &stop);
  EXPECT_TRUE(FixingsAtZero(model, deadline).empty());
}

}  // namespace
}  // namespace credpath::optimizer
