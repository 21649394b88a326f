// The exact pathway optimiser: entry point and result types.
//
// Solve() returns the best set of candidates for a Problem (problem.h) with a proof:
// proven_optimal when the search finished, else the best incumbent found before the time
// limit or the stop flag, with the best bound. Outcomes are results, not errors; the
// returned status is an error only for a malformed problem (INVALID_ARGUMENT naming it,
// FAILED_PRECONDITION naming a prerequisite cycle).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "optimizer/problem.h"

namespace credpath::optimizer {

struct SolveOptions {
  double time_limit_seconds = std::numeric_limits<double>::infinity();
  // Polled often; when it becomes true the search stops and returns what it has.
  const std::atomic<bool>* stop = nullptr;
  int32_t top_k = 1;      // number of pathways wanted, best first
  int32_t diversity = 0;  // any two returned pathways differ in at least this many items
  bool pareto = false;    // also compute the value / money / hours Pareto front
  int32_t pareto_max_points = 32;
  // Verify every incumbent with CheckSolution (solution_check.h) as it is found; a failure
  // makes Solve() return INTERNAL. Always on in debug builds; tests turn it on.
  bool check_incumbents = false;
};

struct Solution;
// Called on the solving thread with every improving incumbent of the best-pathway search
// (not of the top-K or Pareto searches that follow), for streaming answers. Must be fast.
using IncumbentCallback = std::function<void(const Solution&)>;

enum class SolveStatus { kOptimal, kFeasible, kInfeasible, kCancelled };

struct Solution {
  std::vector<ItemIndex> selected;  // candidates only, in an order that respects prerequisites
  int64_t objective = 0;            // Σ value + bonus if the target is met
  int64_t fee = 0;
  int64_t hours = 0;
  int64_t credit = 0;  // counted credit of H ∪ S toward the target (overlaps once, capped)
  bool target_met = false;
};

struct ParetoPoint {
  Solution solution;
  bool proven = false;  // optimal value for its money and hours
};

struct SolveStats {
  int64_t nodes = 0;
  int64_t bound_evaluations = 0;
  // The best-pathway search's bound before branching (its last effort level's roots);
  // absent when the problem is infeasible or the deadline came first.
  std::optional<int64_t> root_bound;
  double elapsed_ms = 0;
  int32_t candidates_after_preprocessing = 0;
};

struct SolveResult {
  SolveStatus status = SolveStatus::kInfeasible;
  std::vector<Solution> pathways;  // best first; pathways[0] is the incumbent
  int64_t bound = 0;               // no feasible set is worth more than this
  double gap = 0;                  // (bound - objective) / max(1, |bound|)
  bool proven_optimal = false;
  std::vector<ParetoPoint> pareto;
  SolveStats stats;
};

absl::StatusOr<SolveResult> Solve(const Problem& problem, const SolveOptions& options,
                                  const IncumbentCallback& on_incumbent = nullptr);

}  // namespace credpath::optimizer
