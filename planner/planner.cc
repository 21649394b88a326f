#include "planner/planner.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>
#include <numeric>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "coherence/check.h"
#include "core/status_macros.h"
#include "graph/credit.h"
#include "planner/problem_builder.h"

namespace credpath::planner {
namespace {

constexpr double kMinReplySeconds = 0.02;

// The search's time limit: the request's, cut so that the answer is ready by reply_by.
double SearchSeconds(const PlanRequest& request) {
  if (!request.reply_by.has_value()) return request.time_limit_seconds;
  const double left =
      std::chrono::duration<double>(*request.reply_by - std::chrono::steady_clock::now()).count();
  const double keep = std::max(kMinReplySeconds, left / 4);
  return std::clamp(left - keep, 0.0, request.time_limit_seconds);
}

absl::StatusOr<std::optional<graph::QualificationCredit>> TargetCredit(
    const graph::CatalogSnapshot& snapshot, const std::string& target_id,
    const graph::CreditPolicy& policy) {
  if (target_id.empty()) return std::nullopt;
  absl::StatusOr<graph::QualificationCredit> credit =
      graph::CreditToward(snapshot, target_id, policy);
  if (!credit.ok()) {
    return absl::NotFoundError(
        absl::StrCat("target_qualification_id: qualification ", target_id, " not found"));
  }
  return std::optional<graph::QualificationCredit>(*std::move(credit));
}

// Turns the optimiser's sets into pathways: ordered, scheduled, explained, checked.
class PathwayMaker {
 public:
  PathwayMaker(const graph::CatalogSnapshot& snapshot, const PlannerConfig& config,
               const PlanRequest& request, const PlanningProblem& built)
      : snapshot_(snapshot),
        config_(config),
        request_(request),
        built_(built),
        judged_learner_(request.learner) {
    // Pathways are judged against the plan's budgets, which the request may have set.
    core::LearnerProfile& profile = judged_learner_.profile;
    profile.money_budget = request.money_budget;
    profile.funding = {};
    profile.time_budget_hours = request.hours_budget;
    for (const core::HeldCredential& h : request.learner.held) {
      if (std::optional<graph::CredentialIndex> c = snapshot.CredentialIndexOf(h.credential_id)) {
        held_.push_back(*c);
      }
    }
  }

  // Whether the solution holds every included credential (always, unless they do not fit
  // together and the search had to give one up).
  bool HoldsIncluded(const optimizer::Solution& solution) const {
    int32_t forced = 0;
    for (optimizer::ItemIndex i : solution.selected) forced += built_.forced[i];
    return forced == built_.forced_count;
  }

  int64_t Unforced(int64_t objective) const {
    return objective - built_.forced_bonus * built_.forced_count;
  }

  // `check`: attach the coherence findings and take the target progress from the audit;
  // else (partial answers while searching) progress is left out.
  absl::StatusOr<PlannedPathway> Make(const optimizer::Solution& solution, bool check) const {
    PlannedPathway pathway;
    std::vector<graph::CredentialIndex> order;
    for (optimizer::ItemIndex i : solution.selected) order.push_back(built_.credential_of_item[i]);
    schedule::ScheduleInput input;
    input.pathway = order;
    input.held = held_;
    input.start = request_.start;
    input.hours_per_week = request_.learner.profile.hours_per_week;
    input.deadline = request_.learner.profile.deadline;
    schedule::Schedule plan = schedule::MakeSchedule(snapshot_, input);
    // Start order is a prerequisite order too (a prerequisite ends before its dependent
    // starts; a co-requisite starts no later), and reads as a timetable; steps that could
    // not be placed keep their order at the end. Sorted as positions, so that the steps,
    // explanations and all, are built once in place.
    std::vector<size_t> by_start(order.size());
    std::iota(by_start.begin(), by_start.end(), size_t{0});
    auto start_key = [&](size_t s) {
      return plan.steps[s].placed ? plan.steps[s].start_week : std::numeric_limits<int32_t>::max();
    };
    std::stable_sort(by_start.begin(), by_start.end(),
                     [&](size_t a, size_t b) { return start_key(a) < start_key(b); });
    pathway.steps.reserve(by_start.size());
    for (size_t s : by_start) {
      const optimizer::ItemIndex i = solution.selected[s];
      PlannedStep& step = pathway.steps.emplace_back();
      step.credential = order[s];
      step.slot = std::move(plan.steps[s]);
      step.explanation = built_.explanations[i];
      step.overridden = built_.overridden[i];
      step.value_millipoints =
          built_.problem.items[i].value - (built_.forced[i] ? built_.forced_bonus : 0);
      pathway.value_millipoints += step.value_millipoints;
    }
    pathway.objective_millipoints = Unforced(solution.objective);
    pathway.fee = solution.fee;
    pathway.hours = solution.hours;
    pathway.credit = solution.credit;
    pathway.schedule_feasible = plan.feasible;
    pathway.schedule_problems = std::move(plan.problems);
    if (check) {
      RETURN_IF_ERROR(Check(&pathway));
      // What the search credited for completion, replaced by what the whole rule tree says.
      const int64_t bonus = built_.targets.empty() ? 0 : built_.targets.front().bonus;
      const bool completed = pathway.progress.has_value() && pathway.progress->completed;
      pathway.objective_millipoints += (completed ? bonus : 0) - (solution.target_met ? bonus : 0);
    }
    return pathway;
  }

 private:
  absl::Status Check(PlannedPathway* pathway) const {
    coherence::StackRequest stack;
    stack.target_qualification_id = request_.target_qualification_id;
    stack.start_date = request_.start;
    // CheckStack judges a stack; a pathway that adds nothing is judged on what is held.
    for (const PlannedStep& step : pathway->steps) {
      stack.credential_ids.push_back(snapshot_.credentials()[step.credential].id);
    }
    if (stack.credential_ids.empty()) {
      for (graph::CredentialIndex c : held_) {
        stack.credential_ids.push_back(snapshot_.credentials()[c].id);
      }
    }
    if (stack.credential_ids.empty()) {
      if (!request_.target_qualification_id.empty()) pathway->progress = NothingYet();
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(coherence::CheckResult checked,
                     coherence::CheckStack(snapshot_, judged_learner_, stack, config_.coherence));
    pathway->findings = std::move(checked.findings);
    if (checked.audit.has_value()) {
      const coherence::Audit& audit = *checked.audit;
      TargetProgress progress;
      progress.qualification_id = audit.qualification_id;
      progress.completed = audit.complete;
      progress.credit_counted = audit.credit_total;
      progress.credit_missing = audit.credit_missing;
      progress.core_missing_ids = audit.core_missing_ids;
      progress.core_met = audit.core_missing_ids.empty();
      progress.rules = audit.rules;
      pathway->credit = audit.credit_total;
      pathway->progress = std::move(progress);
    }
    return absl::OkStatus();
  }

  // Progress of a learner who holds nothing and takes nothing.
  TargetProgress NothingYet() const {
    const core::Qualification& q = *snapshot_.FindQualification(request_.target_qualification_id);
    TargetProgress progress;
    progress.qualification_id = q.id;
    progress.credit_missing = q.credit_required;
    progress.core_missing_ids = q.core_ids;
    progress.core_met = q.core_ids.empty();
    return progress;
  }

  const graph::CatalogSnapshot& snapshot_;
  const PlannerConfig& config_;
  const PlanRequest& request_;
  const PlanningProblem& built_;
  core::Learner judged_learner_;
  std::vector<graph::CredentialIndex> held_;
};

// The first `k` pathways of `sorted` (best first) that each differ from every earlier
// chosen one in at least max(1, diversity) credentials.
std::vector<PlannedPathway> Diverse(std::vector<PlannedPathway> sorted, int32_t k,
                                    int32_t diversity) {
  auto credentials = [](const PlannedPathway& p) {
    std::vector<graph::CredentialIndex> ids;
    for (const PlannedStep& step : p.steps) ids.push_back(step.credential);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  std::vector<PlannedPathway> chosen;
  std::vector<std::vector<graph::CredentialIndex>> chosen_sets;
  for (PlannedPathway& p : sorted) {
    if (static_cast<int32_t>(chosen.size()) == k) break;
    std::vector<graph::CredentialIndex> set = credentials(p);
    bool far = true;
    for (const auto& other : chosen_sets) {
      std::vector<graph::CredentialIndex> difference;
      std::set_symmetric_difference(set.begin(), set.end(), other.begin(), other.end(),
                                    std::back_inserter(difference));
      far = far && static_cast<int32_t>(difference.size()) >= std::max(1, diversity);
    }
    if (!far) continue;
    chosen_sets.push_back(std::move(set));
    chosen.push_back(std::move(p));
  }
  return chosen;
}

// The pathways no other beats on objective, fee and hours together, by increasing fee.
std::vector<PlannedPathway> ParetoFront(std::vector<PlannedPathway> points) {
  auto dominates = [](const PlannedPathway& a, const PlannedPathway& b) {
    return a.objective_millipoints >= b.objective_millipoints && a.fee <= b.fee &&
           a.hours <= b.hours &&
           (a.objective_millipoints > b.objective_millipoints || a.fee < b.fee ||
            a.hours < b.hours);
  };
  std::vector<PlannedPathway> front;
  for (size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (size_t j = 0; j < points.size() && !dominated; ++j) {
      dominated = j != i && dominates(points[j], points[i]);
    }
    if (!dominated) front.push_back(points[i]);
  }
  std::stable_sort(front.begin(), front.end(),
                   [](const PlannedPathway& a, const PlannedPathway& b) { return a.fee < b.fee; });
  return front;
}

}  // namespace

absl::StatusOr<PlanResult> Plan(const graph::CatalogSnapshot& snapshot, const PlannerConfig& config,
                                const PlanRequest& request, const std::atomic<bool>* stop,
                                const ImprovementCallback& on_improvement) {
  const coherence::Thresholds& thresholds = config.coherence.For(request.target_qualification_id);
  ASSIGN_OR_RETURN(
      std::optional<graph::QualificationCredit> credit,
      TargetCredit(snapshot, request.target_qualification_id, thresholds.credit_policy));
  const graph::QualificationCredit* target = credit.has_value() ? &*credit : nullptr;
  value::ValueRequest value_request;
  value_request.weight_overrides = request.weight_overrides;
  value_request.cost_rate_overrides = request.cost_rate_overrides;
  value_request.target = target;
  ASSIGN_OR_RETURN(value::ValueModel values,
                   value::ValueModel::Create(config.value, request.learner.profile, value_request));
  const int32_t recency_months =
      target != nullptr ? thresholds.RecencyMonthsFor(*target->qualification) : 0;
  ASSIGN_OR_RETURN(PlanningProblem built,
                   BuildProblem(snapshot, values, request, target, recency_months));

  // One search per variant of the target (problem_builder.h), sharing the time limit.
  std::vector<std::optional<optimizer::Target>> variants(built.targets.begin(),
                                                         built.targets.end());
  if (variants.empty()) variants.push_back(std::nullopt);
  const auto search_end = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(SearchSeconds(request)));
  PathwayMaker maker(snapshot, config, request, built);
  int64_t best_reported = std::numeric_limits<int64_t>::min();
  optimizer::IncumbentCallback report;
  if (on_improvement) {
    report = [&](const optimizer::Solution& solution) {
      if (!maker.HoldsIncluded(solution) || solution.objective <= best_reported) return;
      best_reported = solution.objective;
      absl::StatusOr<PlannedPathway> pathway = maker.Make(solution, /*check=*/false);
      if (!pathway.ok()) return;
      PlanResult partial;
      partial.pathways.push_back(*std::move(pathway));
      partial.stats.status = optimizer::SolveStatus::kFeasible;
      partial.stats.candidates = built.candidates;
      on_improvement(partial);
    };
  }

  PlanResult result;
  PlanStats& stats = result.stats;
  stats.candidates = built.candidates;
  int64_t bound = std::numeric_limits<int64_t>::min();
  bool cancelled = false;
  std::vector<optimizer::Solution> pool;
  for (std::optional<optimizer::Target>& variant : variants) {
    // The variants differ only in the target: one problem, its target swapped in place.
    optimizer::Problem& problem = built.problem;
    problem.target = std::move(variant);
    optimizer::SolveOptions options;
    options.time_limit_seconds = std::max(
        0.0, std::chrono::duration<double>(search_end - std::chrono::steady_clock::now()).count());
    options.stop = stop;
    options.top_k = std::max(1, request.k);
    options.diversity = request.diversity;
    options.pareto = request.pareto;
    ASSIGN_OR_RETURN(optimizer::SolveResult solved, optimizer::Solve(problem, options, report));
    stats.nodes += solved.stats.nodes;
    stats.bound_evaluations += solved.stats.bound_evaluations;
    stats.elapsed_ms += solved.stats.elapsed_ms;
    cancelled = cancelled || solved.status == optimizer::SolveStatus::kCancelled;
    if (solved.status == optimizer::SolveStatus::kInfeasible) continue;
    bound = std::max(bound, solved.bound);
    if (request.pareto) {
      for (optimizer::ParetoPoint& point : solved.pareto) pool.push_back(std::move(point.solution));
    } else {
      for (optimizer::Solution& solution : solved.pathways) pool.push_back(std::move(solution));
    }
  }
  std::erase_if(pool, [&](const optimizer::Solution& s) { return !maker.HoldsIncluded(s); });

  // Every candidate is judged on the whole rule tree, which can only lower what the search
  // credited (it solved a relaxation) or raise it (a set that meets another variant).
  std::vector<PlannedPathway> judged;
  absl::flat_hash_set<std::vector<optimizer::ItemIndex>> seen;
  for (const optimizer::Solution& solution : pool) {
    std::vector<optimizer::ItemIndex> key = solution.selected;
    std::sort(key.begin(), key.end());
    if (!seen.insert(std::move(key)).second) continue;
    ASSIGN_OR_RETURN(PlannedPathway pathway, maker.Make(solution, /*check=*/true));
    judged.push_back(std::move(pathway));
  }
  if (request.pareto) {
    result.pathways = ParetoFront(std::move(judged));
  } else {
    std::stable_sort(judged.begin(), judged.end(),
                     [](const PlannedPathway& a, const PlannedPathway& b) {
                       return a.objective_millipoints > b.objective_millipoints;
                     });
    result.pathways = Diverse(std::move(judged), std::max(1, request.k), request.diversity);
  }

  if (result.pathways.empty()) {
    stats.status = optimizer::SolveStatus::kInfeasible;
    stats.proven_optimal = !cancelled;
    return result;
  }
  const int64_t best = result.pathways.front().objective_millipoints;
  stats.bound_millipoints = std::max(maker.Unforced(bound), best);
  stats.proven_optimal = !request.pareto && best >= stats.bound_millipoints;
  stats.gap = static_cast<double>(stats.bound_millipoints - best) /
              std::max(1.0, std::abs(static_cast<double>(stats.bound_millipoints)));
  stats.status = cancelled              ? optimizer::SolveStatus::kCancelled
                 : stats.proven_optimal ? optimizer::SolveStatus::kOptimal
                                        : optimizer::SolveStatus::kFeasible;
  if (request.pareto && !cancelled) stats.status = optimizer::SolveStatus::kOptimal;
  return result;
}

absl::StatusOr<value::Explanation> ExplainValue(
    const graph::CatalogSnapshot& snapshot, const PlannerConfig& config,
    const core::Learner& learner, const std::string& credential_id, const std::string& target_id,
    const std::map<std::string, double>& weight_overrides) {
  const core::Credential* credential = snapshot.FindCredential(credential_id);
  if (credential == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("credential_id: credential ", credential_id, " not found"));
  }
  ASSIGN_OR_RETURN(
      std::optional<graph::QualificationCredit> credit,
      TargetCredit(snapshot, target_id, config.coherence.For(target_id).credit_policy));
  value::ValueRequest value_request;
  value_request.weight_overrides = weight_overrides;
  value_request.target = credit.has_value() ? &*credit : nullptr;
  ASSIGN_OR_RETURN(value::ValueModel values,
                   value::ValueModel::Create(config.value, learner.profile, value_request));
  return values.Explain(snapshot, *credential);
}

}  // namespace credpath::planner
