// MaxWeightClosure and the closure penalties against exhaustive enumeration.
#include "optimizer/max_closure.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace credpath::optimizer {
namespace {

struct Instance {
  std::vector<int64_t> weights;
  std::vector<ClosureEdge> edges;
};

Instance RandomInstance(std::mt19937_64& rng, int n) {
  Instance instance;
  for (int v = 0; v < n; ++v) instance.weights.push_back(static_cast<int64_t>(rng() % 41) - 20);
  // Any direction, cycles included: a closure problem needs no DAG.
  const int edges = static_cast<int>(rng() % (2 * n + 1));
  for (int e = 0; e < edges; ++e) {
    instance.edges.emplace_back(static_cast<int32_t>(rng() % n), static_cast<int32_t>(rng() % n));
  }
  return instance;
}

bool IsClosure(const Instance& instance, uint32_t set) {
  for (const auto& [u, v] : instance.edges) {
    if ((set >> u & 1) && !(set >> v & 1)) return false;
  }
  return true;
}

int64_t Weight(const Instance& instance, uint32_t set) {
  int64_t total = 0;
  for (size_t v = 0; v < instance.weights.size(); ++v) {
    if (set >> v & 1) total += instance.weights[v];
  }
  return total;
}

// The best closure weight among closures with `forced_in` in and `forced_out` out.
int64_t BestClosure(const Instance& instance, uint32_t forced_in, uint32_t forced_out) {
  int64_t best = std::numeric_limits<int64_t>::min();
  for (uint32_t set = 0; set < (uint32_t{1} << instance.weights.size()); ++set) {
    if ((set & forced_in) != forced_in || (set & forced_out) != 0) continue;
    if (IsClosure(instance, set)) best = std::max(best, Weight(instance, set));
  }
  return best;
}

TEST(MaxClosure, MatchesEnumeration) {
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    std::mt19937_64 rng(seed);
    const Instance instance = RandomInstance(rng, 1 + static_cast<int>(seed % 12));
    const ClosureResult result = MaxWeightClosure(instance.weights, instance.edges);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(result.value, BestClosure(instance, 0, 0));
    uint32_t set = 0;
    for (size_t v = 0; v < result.in_closure.size(); ++v) set |= result.in_closure[v] ? 1u << v : 0;
    EXPECT_TRUE(IsClosure(instance, set));
    EXPECT_EQ(Weight(instance, set), result.value);
    // The smallest maximum closure: no zero-gain part can be dropped.
    for (size_t v = 0; v < instance.weights.size(); ++v) {
      if (!(set >> v & 1)) continue;
      EXPECT_LT(BestClosure(instance, 0, 1u << v), result.value) << "node " << v;
    }
    // The same closure whatever the searches' budget: 0 leaves the flow to Dinic's phases
    // after one search, 1 after a few, and the default (on such small networks) leaves it
    // to the searches alone.
    for (int64_t budget : {int64_t{0}, int64_t{1}}) {
      ClosureSolver solver(ClosureSolver::kKeepFlowSweeps, budget);
      EXPECT_EQ(solver.Solve(instance.weights, instance.edges), result.value) << "budget " << budget;
      for (size_t v = 0; v < instance.weights.size(); ++v) {
        EXPECT_EQ(solver.InClosure(static_cast<int32_t>(v)), result.in_closure[v])
            << "budget " << budget << " node " << v;
      }
    }
  }
}

TEST(MaxClosure, PenaltiesPriceForcedDecisions) {
  for (uint64_t seed = 1; seed <= 800; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    const Instance instance = RandomInstance(rng, 1 + static_cast<int>(seed % 10));
    ClosureSolver solver;
    const int64_t best = solver.Solve(instance.weights, instance.edges);
    SCOPED_TRACE("seed " + std::to_string(seed));
    for (int32_t v = 0; v < static_cast<int32_t>(instance.weights.size()); ++v) {
      const int64_t in = best - BestClosure(instance, 1u << v, 0);
      const int64_t out = best - BestClosure(instance, 0, 1u << v);
      const int64_t limit = static_cast<int64_t>(rng() % 30);
      EXPECT_EQ(solver.InclusionPenalty(v, limit), std::min(limit, in)) << "node " << v;
      EXPECT_EQ(solver.ExclusionPenalty(v, limit), std::min(limit, out)) << "node " << v;
      // Queries leave the solver as it was.
      EXPECT_EQ(solver.InclusionPenalty(v, 1000), std::min<int64_t>(1000, in));
    }
  }
}

TEST(MaxClosure, PenaltiesReachingMatchTheirSearches) {
  // Graphs from chains (where one node's penalty settles many others') to random ones
  // with cycles; limits from 0 to 40 in random steps of 1 to 4.
  int spared = 0;  // searches the implications saved
  for (uint64_t seed = 1; seed <= 600; ++seed) {
    std::mt19937_64 rng(seed * 6151);
    Instance instance = RandomInstance(rng, 1 + static_cast<int>(seed % 12));
    const auto n = static_cast<int32_t>(instance.weights.size());
    if (seed % 3 == 0) {
      instance.edges.clear();
      for (int32_t v = 1; v < n; ++v) instance.edges.emplace_back(v, v - 1);
    }
    std::vector<char> linked(n, 0);
    for (const auto& [u, v] : instance.edges) {
      if (u != v) linked[u] = linked[v] = 1;
    }
    const int linked_count = static_cast<int>(std::count(linked.begin(), linked.end(), 1));
    ClosureSolver solver;
    const int64_t best = solver.Solve(instance.weights, instance.edges);
    std::vector<int64_t> penalty(n);
    for (int32_t v = 0; v < n; ++v) {
      penalty[v] = best - (solver.InClosure(v) ? BestClosure(instance, 0, 1u << v)
                                               : BestClosure(instance, 1u << v, 0));
    }
    for (int64_t limit = 0; limit <= 40; limit += 1 + static_cast<int64_t>(rng() % 4)) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " limit " + std::to_string(limit));
      int searches = 0;
      std::vector<char> reaches;
      solver.PenaltiesReaching(
          limit, [&searches] { return ++searches < 0; }, reaches);
      ASSERT_EQ(reaches.size(), static_cast<size_t>(n));
      for (int32_t v = 0; v < n; ++v) {
        EXPECT_EQ(reaches[v] != 0, penalty[v] >= limit) << "node " << v;
      }
      spared += linked_count + 1 - searches;  // stop() is asked once more than it searches
    }
  }
  EXPECT_GT(spared, 1000);
}

TEST(MaxClosure, PenaltiesReachingStopWhenAsked) {
  // A needs B: 5 - 3 > 0, so both in, and forcing either out costs 2.
  ClosureSolver solver;
  ASSERT_EQ(solver.Solve(std::vector<int64_t>{5, -3}, std::vector<ClosureEdge>{{0, 1}}), 2);
  std::vector<char> reaches;
  solver.PenaltiesReaching(
      2, [] { return false; }, reaches);
  EXPECT_EQ(reaches, (std::vector<char>{1, 1}));
  solver.PenaltiesReaching(
      2, [] { return true; }, reaches);
  EXPECT_EQ(reaches, (std::vector<char>{0, 0}));
  // Stopped after the first search: one node decided, the other left at 0.
  int asked = 0;
  solver.PenaltiesReaching(
      2, [&asked] { return ++asked > 2; }, reaches);
  EXPECT_EQ(reaches[0] + reaches[1], 1);
}

uint32_t ClosureSet(const ClosureSolver& solver, size_t n) {
  uint32_t set = 0;
  for (size_t v = 0; v < n; ++v) set |= solver.InClosure(static_cast<int32_t>(v)) ? 1u << v : 0;
  return set;
}

constexpr int kRuns = 300;
constexpr int kRunSolves = kRuns * 10;

// One prepared solver given a run of weight vectors, as a bound's evaluations give it:
// each either a small move from the last or drawn anew, with weights of about `scale`.
// Every answer, kept flow or fresh, must be the enumeration's; returns how many Solves
// kept the flow.
int CheckRunsOfWeights(uint64_t seed_base, int64_t scale,
                       int64_t augment_sweeps = ClosureSolver::kAugmentSweeps) {
  int kept = 0;
  for (uint64_t seed = 1; seed <= kRuns; ++seed) {
    std::mt19937_64 rng(seed * seed_base);
    Instance instance = RandomInstance(rng, 1 + static_cast<int>(seed % 12));
    const size_t n = instance.weights.size();
    for (int64_t& w : instance.weights) w *= scale;
    ClosureSolver solver(/*keep_flow_sweeps=*/0, augment_sweeps);
    solver.Prepare(static_cast<int32_t>(n), instance.edges);
    for (int round = 0; round < kRunSolves / kRuns; ++round) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " round " + std::to_string(round));
      for (int64_t& w : instance.weights) {
        const int64_t drawn = static_cast<int64_t>(rng() % 41) - 20;
        w = rng() % 4 == 0 ? drawn * scale
                           : std::clamp(w + (drawn / 5) * scale, -20 * scale, 20 * scale);
      }
      const int64_t value = solver.Solve(instance.weights);
      kept += solver.kept_flow() ? 1 : 0;
      const ClosureResult fresh = MaxWeightClosure(instance.weights, instance.edges);
      EXPECT_EQ(value, fresh.value);
      EXPECT_EQ(value, BestClosure(instance, 0, 0));
      uint32_t fresh_set = 0;
      for (size_t v = 0; v < n; ++v) fresh_set |= fresh.in_closure[v] ? 1u << v : 0;
      EXPECT_EQ(ClosureSet(solver, n), fresh_set);
      // Penalties on every other round: they replace a kept flow by a fresh one, and the
      // rounds after them start from that.
      if (round % 2 == 1) {
        for (int32_t v = 0; v < static_cast<int32_t>(n); ++v) {
          const int64_t limit = static_cast<int64_t>(rng() % 30) * scale;
          EXPECT_EQ(solver.InclusionPenalty(v, limit),
                    std::min(limit, value - BestClosure(instance, 1u << v, 0)));
          EXPECT_EQ(solver.ExclusionPenalty(v, limit),
                    std::min(limit, value - BestClosure(instance, 0, 1u << v)));
        }
      }
    }
  }
  return kept;
}

TEST(MaxClosure, KeptFlowsGiveTheFreshResults) {
  // Every Solve but each network's first keeps the flow.
  EXPECT_EQ(CheckRunsOfWeights(104729, 1), kRunSolves - kRuns);
}

TEST(MaxClosure, KeptFlowsFinishedByDinicsPhasesGiveTheFreshResults) {
  EXPECT_EQ(CheckRunsOfWeights(15485863, 1, /*augment_sweeps=*/0), kRunSolves - kRuns);
}

TEST(MaxClosure, LargeFlowsAreNotKept) {
  // Weights up to 20 * 2^53 (Σ|w| < 2^62): kept flows soon could reach 2^60, where the
  // solver starts afresh.
  const int kept = CheckRunsOfWeights(7727, int64_t{1} << 53);
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, kRunSolves - kRuns);
}

TEST(MaxClosure, HandlesEmptyAndIsolatedNodes) {
  EXPECT_EQ(MaxWeightClosure({}, {}).value, 0);
  const ClosureResult result = MaxWeightClosure({5, -3, 0}, {});
  EXPECT_EQ(result.value, 5);
  EXPECT_EQ(result.in_closure, (std::vector<bool>{true, false, false}));
  // A needs B: 5 - 3 > 0, so both.
  const ClosureResult pair = MaxWeightClosure({5, -3}, {{0, 1}});
  EXPECT_EQ(pair.value, 2);
  EXPECT_EQ(pair.in_closure, (std::vector<bool>{true, true}));
}

}  // namespace
}  // namespace credpath::optimizer
