// Relaxation::PenaltyFixings: what it fixes, and that it stops at the deadline.
// Relaxation::Enumerate: against brute force at random nodes and multipliers.
#include "optimizer/lagrangian.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/problem.h"
#include "optimizer/problem_io.h"
#include "optimizer/search_spec.h"
#include "tests/optimizer/brute_force.h"
#include "tests/optimizer/random_problem.h"

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

// The item mask of a set over vars, as brute_force.h writes sets.
uint32_t ItemMask(const Model& model, const std::vector<char>& x) {
  uint32_t mask = 0;
  for (Var v = 0; v < model.n; ++v) mask |= x[v] ? uint32_t{1} << model.item[v] : 0;
  return mask;
}

// At a random node (a few vars fixed, either side of the bonus split, a few more fixed after
// the evaluation) under random multipliers, Enumerate must offer every feasible set of the node worth the cutoff on
// that side (value, plus the bonus on the target side where the set meets the target),
// and nothing outside the node or below the cutoff: its bound holds whatever the
// multipliers, and it prunes nothing a set worth the cutoff lies in.
TEST(Enumerate, OffersEverySetOfTheNodeWorthTheCutoff) {
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    const uint64_t seed = 161'000 + round;
    testing::RandomProblems random(seed);
    const Problem problem = random.Make(3 + static_cast<int>(seed % 11));
    const Model model = BuildModel(problem);
    if (!model.feasible || model.n == 0) continue;
    SearchSpec spec;
    spec.money = model.money;
    spec.hours = model.hours_budget;
    NodeState state(model);
    state.Reset(spec.money, spec.hours);
    bool consistent = true;
    for (Var v = 0; v < model.n && consistent; ++v) {
      if (state.free(v) && random.Chance(20)) consistent = state.Fix(v, random.Chance(50));
    }
    const bool target_branch = model.target_reachable && random.Chance(50);
    for (Var v : target_branch ? model.core : std::vector<Var>{}) {
      consistent = consistent && (state.value(v) == 1 || (state.free(v) && state.Fix(v, true)));
    }
    if (!consistent) continue;
    Relaxation relaxation(model);
    relaxation.BeginSearch(spec);
    if (!relaxation.Setup(state, target_branch, spec)) continue;
    std::vector<double> multipliers(relaxation.MultiplierCount(0));
    for (double& m : multipliers) m = random.Chance(30) ? 0.0 : random.Uniform(0, 2000) / 100.0;
    const int64_t bound = relaxation.Evaluate(multipliers);
    // Fixings after the evaluation, as reduced-cost fixing makes them.
    for (Var v = 0; v < model.n && consistent; ++v) {
      if (state.free(v) && random.Chance(10)) consistent = state.Fix(v, random.Chance(50));
    }
    if (!consistent) continue;

    // The node's sets by brute force, and the best of them on this side.
    std::vector<std::pair<uint32_t, int64_t>> node_sets;
    int64_t best = std::numeric_limits<int64_t>::min();
    for (const testing::BruteSet& set : testing::AllFeasibleSets(problem)) {
      bool in_node = true;
      for (Var v = 0; v < model.n && in_node; ++v) {
        const bool taken = (set.items >> model.item[v] & 1) != 0;
        in_node = state.free(v) || state.value(v) == (taken ? 1 : 0);
      }
      for (size_t i = 0; i < problem.items.size() && in_node; ++i) {
        in_node = model.var_of_item[i] >= 0 || !(set.items >> i & 1);
      }
      if (!in_node || (target_branch && !set.target_met)) continue;
      const int64_t worth = set.objective - (set.target_met && !target_branch ? model.bonus : 0);
      node_sets.emplace_back(set.items, worth);
      best = std::max(best, worth);
    }
    if (best == std::numeric_limits<int64_t>::min()) continue;
    ASSERT_GE(bound, best) << "seed " << seed;
    const int64_t cutoff = best - random.Uniform(0, 12);
    std::set<uint32_t> offered;
    relaxation.Enumerate(cutoff, [&](const std::vector<char>& x) {
      const SetEvaluation evaluation = EvaluateSet(model, x);
      for (Var v = 0; v < model.n; ++v) {
        EXPECT_TRUE(state.free(v) || state.value(v) == x[v]) << "seed " << seed;
      }
      const int64_t worth = evaluation.objective - (evaluation.target_met ? model.bonus : 0) +
                            (target_branch ? model.bonus : 0);
      EXPECT_GE(worth, cutoff) << "seed " << seed;
      offered.insert(ItemMask(model, x));
      return cutoff;
    });
    for (const auto& [items, worth] : node_sets) {
      if (worth < cutoff) continue;
      ++checked;
      EXPECT_TRUE(offered.count(items) > 0)
          << "set " << items << " worth " << worth << " not offered; cutoff " << cutoff
          << ", seed " << seed << ", problem:\n"
          << ProblemToJson(problem);
    }
  }
  EXPECT_GT(checked, 3000);
}

}  // namespace
}  // namespace credpath::optimizer
