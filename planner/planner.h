// The planner: the best pathways for one learner (DESIGN.md sections 3-5), ordered,
// scheduled and explained, with progress toward the target and the solver's proof.
//
// Plan() resolves the target's credit facts (graph/credit.h), builds the learner's value
// model (value/), builds and solves the optimisation problem (problem_builder.h,
// optimizer/), then turns each chosen set into a pathway: steps in a prerequisite order,
// scheduled into weeks (schedule/), each with its value explanation, totals against the
// budgets and progress toward the target. Objectives and values are exact integer
// milli-points. A pathway that cannot finish by the learner's deadline is returned with
// schedule_feasible false and the reasons, never dropped silently.
// Thread safety: Plan() is reentrant; the snapshot must outlive the call.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coherence/audit.h"
#include "coherence/config.h"
#include "coherence/finding.h"
#include "graph/snapshot.h"
#include "optimizer/solver.h"
#include "planner/plan_request.h"
#include "schedule/schedule.h"
#include "value/value_model.h"

namespace credpath::planner {

// Deployment settings of planning: the value model's, and the coherence thresholds whose
// credit policy and recency window the search counts credit by.
struct PlannerConfig {
  value::ValueConfig value = value::ValueConfig::Defaults();
  coherence::CoherenceConfig coherence;
};

struct PlannedStep {
  graph::CredentialIndex credential = 0;
  schedule::ScheduledStep slot;
  value::Explanation explanation;
  int64_t value_millipoints = 0;  // the explanation's value, or the caller's override
  bool overridden = false;
};

// Progress toward the target with what the learner holds: the coherence audit's figures,
// so the planner and CheckStack always agree.
struct TargetProgress {
  std::string qualification_id;
  bool completed = false;  // credit, core and every rule node of the qualification
  int64_t credit_counted = 0;
  int64_t credit_missing = 0;
  bool core_met = false;
  std::vector<std::string> core_missing_ids;
  std::vector<coherence::RuleStatus> rules;  // every rule node, root first
};

struct PlannedPathway {
  int64_t objective_millipoints = 0;  // Σ value + completion value when completed
  std::vector<PlannedStep> steps;
  int64_t fee = 0;  // minor units of the budget's currency
  int64_t hours = 0;
  int64_t credit = 0;
  int64_t value_millipoints = 0;  // Σ step values
  std::optional<TargetProgress> progress;
  bool schedule_feasible = true;
  std::vector<std::string> schedule_problems;
  std::vector<coherence::Finding> findings;  // of the pathway with what the learner holds
};

struct PlanStats {
  optimizer::SolveStatus status = optimizer::SolveStatus::kInfeasible;
  bool proven_optimal = false;
  int64_t bound_millipoints = 0;
  double gap = 0;
  int64_t candidates = 0;
  int64_t nodes = 0;
  int64_t bound_evaluations = 0;
  double elapsed_ms = 0;
};

struct PlanResult {
  std::vector<PlannedPathway> pathways;  // best first, or the Pareto front by fee
  PlanStats stats;
};

// Called with each improving best pathway while the search runs (stats are partial;
// findings are left out, to keep the search thread fast).
using ImprovementCallback = std::function<void(const PlanResult&)>;

// Errors: NOT_FOUND for an unknown target or id in the request (naming the field path),
// INVALID_ARGUMENT for bad weights, rates or included credentials; search outcomes
// (infeasible, limit reached, cancelled) are results. `stop` may be null.
absl::StatusOr<PlanResult> Plan(const graph::CatalogSnapshot& snapshot, const PlannerConfig& config,
                                const PlanRequest& request, const std::atomic<bool>* stop,
                                const ImprovementCallback& on_improvement = nullptr);

// The value explanation of one credential for one learner, scored against `target_id`
// (empty: none). NOT_FOUND naming "credential_id" or "target_qualification_id".
absl::StatusOr<value::Explanation> ExplainValue(
    const graph::CatalogSnapshot& snapshot, const PlannerConfig& config,
    const core::Learner& learner, const std::string& credential_id, const std::string& target_id,
    const std::map<std::string, double>& weight_overrides);

}  // namespace credpath::planner
