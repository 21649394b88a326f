// FlipSearch: every set it offers is feasible (closed under prerequisites, no OR-group or
// exclusive group broken, within both budgets) and worth more than the best so far; without
// prerequisites or groups, where its pruning is exact, it finds the best set within kDepth
// flips of the closure; and its work limit holds. (That the sets lie inside the Lagrangian
// ball needs no test: with a valid bound every feasible set does.)
#include "optimizer/flip_search.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "optimizer/max_closure.h"
#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/problem.h"
#include "tests/optimizer/random_problem.h"

namespace credpath::optimizer {
namespace {

constexpr int64_t kScale = 16;

Deadline Never() { return Deadline(Deadline::Clock::time_point::max(), nullptr); }

// A maximum closure of the model at random budget multipliers, as the bound computes it
// (scaled by kScale).
struct Relaxed {
  std::vector<char> x;
  std::vector<int64_t> weight;
  __int128 scaled_bound = 0;
};

Relaxed Relax(const Model& model, std::mt19937_64& rng) {
  const auto multiplier = [&] { return static_cast<int64_t>(rng() % 41); };
  const int64_t per_fee = multiplier();
  const int64_t per_hour = multiplier();
  Relaxed relaxed;
  std::vector<ClosureEdge> edges;
  for (Var v = 0; v < model.n; ++v) {
    relaxed.weight.push_back(model.value[v] * kScale - per_fee * model.fee[v] -
                             per_hour * model.hours[v]);
    for (Var needed : model.needs[v]) edges.emplace_back(v, needed);
  }
  const ClosureResult closure = MaxWeightClosure(relaxed.weight, edges);
  relaxed.x.assign(closure.in_closure.begin(), closure.in_closure.end());
  // The bonus is the target branch's constant part: the bound holds for sets that meet the
  // target too.
  relaxed.scaled_bound = static_cast<__int128>(closure.value) + per_fee * model.money +
                         per_hour * model.hours_budget + model.bonus * kScale;
  return relaxed;
}

int64_t ValueOf(const Model& model, const std::vector<char>& x) {
  int64_t value = 0;
  for (Var v = 0; v < model.n; ++v) value += x[v] != 0 ? model.value[v] : 0;
  return value;
}

// Calls test(model, relaxed, state, round) for random problems of RandomProblems(seed)
// that some set satisfies, every var free; returns how many there were.
template <typename Test>
int64_t ForRandomProblems(uint64_t seed, int rounds, Test test) {
  testing::RandomProblems problems(seed);
  int64_t tested = 0;
  for (int round = 0; round < rounds; ++round) {
    const Model model = BuildModel(problems.Make(static_cast<int>(problems.Uniform(4, 16))));
    if (!model.feasible || model.n == 0) continue;
    std::mt19937_64 rng(round);
    const Relaxed relaxed = Relax(model, rng);
    NodeState state(model);
    state.Reset(model.money, model.hours_budget);
    test(model, relaxed, state, round);
    ++tested;
  }
  return tested;
}

// The best objective a search finds from `start`, with this work limit and no bonus.
int64_t BestFound(const Model& model, const Relaxed& relaxed, const NodeState& state, int64_t work,
                  int64_t start, Deadline& deadline, int64_t* steps = nullptr) {
  int64_t best = start;
  FlipSearch search(model);
  search.Run(
      {relaxed.x, relaxed.weight, relaxed.scaled_bound, kScale}, state,
      {model.money, model.hours_budget, 0, work}, best,
      [&](const std::vector<char>& x) {
        best = std::max(best, EvaluateSet(model, x).objective);
        return best;
      },
      deadline);
  if (steps != nullptr) *steps = search.steps();
  return best;
}

// BestFound with no work limit and no deadline.
int64_t BestFoundUnlimited(const Model& model, const Relaxed& relaxed, const NodeState& state,
                           int64_t start) {
  Deadline never = Never();
  return BestFound(model, relaxed, state, std::numeric_limits<int64_t>::max(), start, never);
}

TEST(FlipSearch, OffersOnlyFeasibleSetsWhoseValueBeatsTheBest) {
  int64_t offers = 0;
  ForRandomProblems(
      17, 1500, [&](const Model& model, const Relaxed& relaxed, const NodeState& state, int round) {
        const int64_t bonus = model.has_target ? model.bonus : 0;
        int64_t best = -1;
        Deadline deadline = Never();
        FlipSearch search(model);
        search.Run(
            {relaxed.x, relaxed.weight, relaxed.scaled_bound, kScale}, state,
            {model.money, model.hours_budget, bonus, std::numeric_limits<int64_t>::max()}, best,
            [&](const std::vector<char>& x) {
              ++offers;
              const SetEvaluation evaluation = EvaluateSet(model, x);
              EXPECT_TRUE(evaluation.feasible) << "round " << round;
              EXPECT_GT(ValueOf(model, x) + bonus, best) << "round " << round;
              best = std::max(best, evaluation.objective);
              return best;
            },
            deadline);
      });
  EXPECT_GT(offers, 1000);
}

// Independent credentials: every flip moves one var, losses add up, and the search's
// pruning cuts nothing that could fit, so it finds the best set that differs from the
// closure in at most kDepth vars (every feasible set lies inside the ball: weak duality).
TEST(FlipSearch, FindsTheBestSetWithinItsDepthOfIndependentCredentials) {
  std::mt19937_64 rng(29);
  const auto uniform = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  };
  int64_t improved = 0;
  for (int round = 0; round < 1500; ++round) {
    Problem problem;
    const auto n = static_cast<size_t>(uniform(1, 12));
    int64_t all_fee = 0;
    int64_t all_hours = 0;
    for (size_t i = 0; i < n; ++i) {
      Item item;
      item.id = std::to_string(i);
      item.fee = uniform(0, 20);
      item.hours = uniform(0, 10);
      item.value = uniform(-5, 30);
      all_fee += item.fee;
      all_hours += item.hours;
      problem.items.push_back(item);
    }
    problem.prerequisite_groups.resize(n);
    problem.money_budget = uniform(0, all_fee);
    problem.hours_budget = uniform(0, all_hours);
    const Model model = BuildModel(problem);
    const Relaxed relaxed = Relax(model, rng);
    NodeState state(model);
    state.Reset(model.money, model.hours_budget);

    const int64_t start = uniform(-1, 20);
    int64_t expected = start;
    for (uint32_t mask = 0; mask < (1u << model.n); ++mask) {
      std::vector<char> x(model.n);
      int distance = 0;
      for (Var v = 0; v < model.n; ++v) {
        x[v] = (mask >> v) & 1u;
        distance += x[v] != relaxed.x[v] ? 1 : 0;
      }
      const SetEvaluation evaluation = EvaluateSet(model, x);
      if (distance <= FlipSearch::kDepth && evaluation.feasible) {
        expected = std::max(expected, evaluation.objective);
      }
    }
    const int64_t best = BestFoundUnlimited(model, relaxed, state, start);
    EXPECT_EQ(best, expected) << "round " << round;
    improved += best > start ? 1 : 0;
  }
  EXPECT_GT(improved, 300);
}

// More work explores a longer prefix of the same enumeration: never a worse set, and no
// more steps than the limit plus one flip and one offered set.
TEST(FlipSearch, KeepsToItsWorkLimit) {
  int64_t limited = 0;
  ForRandomProblems(
      41, 500, [&](const Model& model, const Relaxed& relaxed, const NodeState& state, int round) {
        int64_t previous_best = -1;
        for (int64_t work :
             {int64_t{0}, int64_t{50}, int64_t{200}, int64_t{1000}, int64_t{100000}}) {
          Deadline deadline = Never();
          int64_t steps = 0;
          const int64_t best = BestFound(model, relaxed, state, work, -1, deadline, &steps);
          EXPECT_GE(best, previous_best) << "round " << round << " work " << work;
          previous_best = best;
          const int64_t slack = 1 + static_cast<int64_t>(FlipSearch::kBundle) + 2 * model.n;
          EXPECT_LE(steps, std::max<int64_t>(model.n, work) + slack) << "round " << round;
          if (work > 0 && steps >= work) ++limited;
        }
      });
  EXPECT_GT(limited, 200);
}

// The caller's stop flag ends the search before it offers any set, on problems where the
// same search unstopped finds one.
TEST(FlipSearch, StopsWhenTheDeadlineHasCome) {
  int64_t found_unstopped = 0;
  ForRandomProblems(
      43, 200, [&](const Model& model, const Relaxed& relaxed, const NodeState& state, int round) {
        if (BestFoundUnlimited(model, relaxed, state, -1) == -1) return;
        ++found_unstopped;
        const std::atomic<bool> stop{true};
        Deadline deadline(Deadline::Clock::time_point::max(), &stop);
        int64_t steps = 0;
        EXPECT_EQ(BestFound(model, relaxed, state, std::numeric_limits<int64_t>::max(), -1,
                            deadline, &steps),
                  -1)
            << "round " << round;
        EXPECT_LE(steps, model.n) << "round " << round;
      });
  EXPECT_GT(found_unstopped, 100);
}

// With prerequisites, OR-groups, exclusive groups and held items, pruning is no longer
// exact for combinations, but a single flip from the closure is: the search finds a set
// worth at least the best that one var moved with everything it needs in, or everything
// that needs it out, makes.
TEST(FlipSearch, FindsAtLeastTheBestSingleFlip) {
  int64_t improved = 0;
  ForRandomProblems(
      47, 1500, [&](const Model& model, const Relaxed& relaxed, const NodeState& state, int round) {
        const int64_t start = -1;
        int64_t expected = start;
        for (Var v = 0; v < model.n; ++v) {
          std::vector<char> x = relaxed.x;
          const bool in = x[v] == 0;
          std::vector<Var> todo = {v};
          while (!todo.empty()) {
            const Var u = todo.back();
            todo.pop_back();
            if ((x[u] != 0) == in) continue;
            x[u] = in ? 1 : 0;
            for (Var next : in ? model.needs[u] : model.needed_by[u]) todo.push_back(next);
          }
          if (EvaluateSet(model, x).feasible) expected = std::max(expected, ValueOf(model, x));
        }
        const int64_t best = BestFoundUnlimited(model, relaxed, state, start);
        EXPECT_GE(best, expected) << "round " << round;
        improved += expected > start ? 1 : 0;
      });
  EXPECT_GT(improved, 500);
}

}  // namespace
}  // namespace credpath::optimizer
