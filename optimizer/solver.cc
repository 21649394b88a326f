// Solve(): validation, preprocessing, the exact search, top-K and the Pareto front.
//
// The pieces, in the order a call uses them:
//   model.h            validation (errors name the field or the cycle) and preprocessing:
//                      held items become constants, items that can never be chosen go;
//   heuristics.h       greedy, repair and local search give an early incumbent;
//   branch_and_bound.h the exact search: bonus split first, then var fixings, bounded by
//   lagrangian.h       a Lagrangian relaxation of budgets, credit, electives, OR-groups,
//                      exclusive groups and avoided sets whose inner problem is a
//   max_closure.h      maximum-weight closure, one minimum cut (Picard; Dinic's max-flow);
//   pareto.h           epsilon-constraint boxes for the value / money / hours front;
//   solution_check.h   every returned pathway (and, when asked, every incumbent) is
//                      verified against the Problem itself, independently of the model.
//
// Top-K: pathway k is the best set that differs from pathways 1..k-1 in at least
// max(1, diversity) items, found by the same search with those sets as avoided sets (a
// linear Hamming-distance row each, relaxed in the bound and enforced by branching). With
// diversity 0 or 1 this is the K best distinct sets, best first; ties keep the order the
// deterministic search meets them in. Fewer than K pathways come back when no further set
// qualifies.
#include "optimizer/solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "optimizer/branch_and_bound.h"
#include "optimizer/model.h"
#include "optimizer/pareto.h"
#include "optimizer/solution_check.h"

namespace credpath::optimizer {
namespace {

using Clock = std::chrono::steady_clock;

absl::Status ValidateOptions(const SolveOptions& options) {
  if (std::isnan(options.time_limit_seconds) || options.time_limit_seconds < 0) {
    return absl::InvalidArgumentError("time_limit_seconds: must be >= 0");
  }
  if (options.top_k < 1) return absl::InvalidArgumentError("top_k: must be >= 1");
  if (options.diversity < 0) return absl::InvalidArgumentError("diversity: must be >= 0");
  if (options.pareto && options.pareto_max_points < 1) {
    return absl::InvalidArgumentError("pareto_max_points: must be >= 1");
  }
  return absl::OkStatus();
}

Clock::time_point EndOf(Clock::time_point start, double seconds) {
  // Anything beyond a year is no limit; it also keeps the duration cast in range.
  constexpr double kYear = 365.0 * 24 * 3600;
  if (!(seconds < kYear)) return Clock::time_point::max();
  return start +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

absl::StatusOr<Solution> ToSolution(const Problem& problem, const Model& model,
                                    const std::vector<char>& x) {
  absl::StatusOr<Solution> solution = EvaluateSelection(problem, ItemsOf(model, x));
  if (!solution.ok()) {
    return absl::InternalError(absl::StrCat("optimiser produced an infeasible set: ",
                                            std::string(solution.status().message())));
  }
  return solution;
}

}  // namespace

absl::StatusOr<SolveResult> Solve(const Problem& problem, const SolveOptions& options,
                                  const IncumbentCallback& on_incumbent) {
  const Clock::time_point start = Clock::now();
  RETURN_IF_ERROR(ValidateOptions(options));
  RETURN_IF_ERROR(ValidateProblem(problem));
  const Model model = BuildModel(problem);

  SolveResult result;
  result.stats.candidates_after_preprocessing = model.n;
  const auto finish = [&]() {
    result.stats.elapsed_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  if (!model.feasible) {
    result.status = SolveStatus::kInfeasible;
    result.proven_optimal = true;
    finish();
    return result;
  }

  Deadline deadline(EndOf(start, options.time_limit_seconds), options.stop);
  BranchAndBound::Check check;
#ifdef NDEBUG
  const bool check_incumbents = options.check_incumbents;
#else
  const bool check_incumbents = true;
#endif
  bool reporting = on_incumbent != nullptr;  // only during the best-pathway search
  if (check_incumbents || reporting) {
    check = [&](const std::vector<char>& x) -> absl::Status {
      ASSIGN_OR_RETURN(Solution solution, ToSolution(problem, model, x));
      if (check_incumbents) RETURN_IF_ERROR(CheckSolution(problem, solution));
      if (reporting) on_incumbent(solution);
      return absl::OkStatus();
    };
  }
  BranchAndBound search(model, deadline, check);

  SearchSpec spec;
  spec.money = model.money;
  spec.hours = model.hours_budget;
  SearchOutcome main = search.Run(spec);
  reporting = false;
  result.stats.nodes += main.nodes;
  result.stats.bound_evaluations += main.evaluations;
  if (main.root_bound != kNoSet) result.stats.root_bound = main.root_bound;
  // The greedy always yields a set (the empty set at worst), whatever the deadline.
  ASSIGN_OR_RETURN(Solution best, ToSolution(problem, model, main.best->x));
  result.pathways.push_back(std::move(best));
  result.bound = main.bound;
  result.proven_optimal = main.complete;
  bool complete = main.complete;

  for (int32_t k = 1; k < options.top_k; ++k) {
    if (deadline.Reached()) {
      complete = false;
      break;
    }
    spec.avoid.push_back(std::vector<char>(model.n, 0));
    for (ItemIndex i : result.pathways.back().selected) spec.avoid.back()[model.var_of_item[i]] = 1;
    spec.distance = std::max(1, options.diversity);
    SearchOutcome next = search.Run(spec);
    result.stats.nodes += next.nodes;
    result.stats.bound_evaluations += next.evaluations;
    complete = complete && next.complete;
    if (!next.best.has_value()) break;
    ASSIGN_OR_RETURN(Solution pathway, ToSolution(problem, model, next.best->x));
    result.pathways.push_back(std::move(pathway));
  }

  if (options.pareto) {
    FrontResult front = ParetoFront(model, search, deadline, options.pareto_max_points);
    result.stats.nodes += front.nodes;
    result.stats.bound_evaluations += front.evaluations;
    complete = complete && front.complete;
    for (FrontPoint& point : front.points) {
      ASSIGN_OR_RETURN(Solution solution, ToSolution(problem, model, point.set.x));
      result.pareto.push_back(ParetoPoint{std::move(solution), point.proven});
    }
  }
  RETURN_IF_ERROR(search.check_status());
  for (const Solution& pathway : result.pathways) RETURN_IF_ERROR(CheckSolution(problem, pathway));

  const int64_t objective = result.pathways.front().objective;
  result.bound = std::max(result.bound, objective);
  result.gap = static_cast<double>(result.bound - objective) /
               std::max(1.0, std::abs(static_cast<double>(result.bound)));
  result.status = deadline.cancelled() ? SolveStatus::kCancelled
                  : complete           ? SolveStatus::kOptimal
                                       : SolveStatus::kFeasible;
  finish();
  return result;
}

}  // namespace credpath::optimizer
