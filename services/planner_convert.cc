#include "services/planner_convert.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/coherence_convert.h"
#include "services/convert.h"
#include "value/value_model.h"

namespace credpath::services {
namespace {

constexpr int32_t kMaxPathways = 20;
constexpr double kMilli = 1000.0;

double Points(int64_t millipoints) { return static_cast<double>(millipoints) / kMilli; }

v1::SolveOutcome OutcomeToProto(optimizer::SolveStatus status) {
  switch (status) {
    case optimizer::SolveStatus::kOptimal:
      return v1::SOLVE_OUTCOME_OPTIMAL;
    case optimizer::SolveStatus::kFeasible:
      return v1::SOLVE_OUTCOME_FEASIBLE;
    case optimizer::SolveStatus::kInfeasible:
      return v1::SOLVE_OUTCOME_INFEASIBLE;
    case optimizer::SolveStatus::kCancelled:
      return v1::SOLVE_OUTCOME_CANCELLED;
  }
  return v1::SOLVE_OUTCOME_UNSPECIFIED;
}

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& in) {
  return {in.begin(), in.end()};
}

}  // namespace

planner::PlanRequest PlanRequestFromProto(const v1::PlanPathwaysRequest& in, core::Learner learner,
                                          core::Date today, double default_time_limit_seconds,
                                          core::FieldViolations* violations) {
  planner::PlanRequest out;
  out.target_qualification_id = in.target_qualification_id().empty()
                                    ? learner.target_qualification_id
                                    : in.target_qualification_id();
  out.wanted_skills = learner.wanted_skills;
  for (const std::string& skill : in.wanted_skills()) out.wanted_skills.push_back(skill);
  if (in.has_money_budget()) {
    out.money_budget = FromProto(in.money_budget(), "money_budget", violations);
    if (out.money_budget.minor_units < 0) {
      violations->Add("money_budget.minor_units", "must be >= 0");
    }
    if (out.money_budget.currency.size() != 3) {
      violations->Add("money_budget.currency", "must be a three-letter ISO 4217 code");
    }
  } else {
    out.money_budget = value::SpendingBudget(learner.profile);
  }
  out.hours_budget = in.has_hours_budget() ? in.hours_budget() : learner.profile.time_budget_hours;
  if (out.hours_budget < 0) violations->Add("hours_budget", "must be >= 0");
  if (in.k() < 0 || in.k() > kMaxPathways) {
    violations->Add("k", absl::StrCat("must be between 0 and ", kMaxPathways));
  }
  out.k = std::max(1, in.k());
  if (in.diversity() < 0) violations->Add("diversity", "must be >= 0");
  out.diversity = in.diversity();
  out.pareto = in.pareto();
  if (in.time_limit_ms() < 0) violations->Add("time_limit_ms", "must be >= 0");
  out.time_limit_seconds = in.time_limit_ms() > 0 ? static_cast<double>(in.time_limit_ms()) / 1000
                                                  : default_time_limit_seconds;
  for (int i = 0; i < in.value_overrides_size(); ++i) {
    const v1::ValueOverride& o = in.value_overrides(i);
    const std::string path = core::IndexPath("value_overrides", i);
    if (o.credential_id().empty()) violations->Add(path + ".credential_id", "must not be empty");
    if (!std::isfinite(o.value()) || std::abs(o.value()) > 1e9) {
      violations->Add(path + ".value", "must be a finite number of at most 1e9 points");
      continue;
    }
    out.value_overrides_millipoints[o.credential_id()] = std::llround(o.value() * kMilli);
  }
  out.include_ids = Strings(in.include_ids());
  out.exclude_ids = Strings(in.exclude_ids());
  out.constraints.no_onsite = in.constraints().no_onsite() || !learner.profile.can_attend_onsite;
  out.constraints.max_onsite_days = learner.profile.max_onsite_days;
  for (int i = 0; i < in.constraints().allowed_delivery_modes_size(); ++i) {
    const int mode = in.constraints().allowed_delivery_modes(i);
    if (!v1::DeliveryMode_IsValid(mode) || mode == v1::DELIVERY_MODE_UNSPECIFIED) {
      violations->Add(core::IndexPath("constraints.allowed_delivery_modes", i),
                      "must be a known delivery mode");
      continue;
    }
    out.constraints.allowed_delivery.push_back(static_cast<core::DeliveryMode>(mode));
  }
  out.constraints.languages = in.constraints().languages().empty()
                                  ? learner.profile.languages
                                  : Strings(in.constraints().languages());
  for (int g = 0; g < in.exclusive_groups_size(); ++g) {
    if (in.exclusive_groups(g).credential_ids_size() < 2) {
      violations->Add(core::IndexPath("exclusive_groups", g) + ".credential_ids",
                      "must list at least two credentials");
    }
    out.exclusive_groups.push_back(Strings(in.exclusive_groups(g).credential_ids()));
  }
  out.weight_overrides = {in.weight_overrides().begin(), in.weight_overrides().end()};
  out.cost_rate_overrides = {in.cost_rate_overrides().begin(), in.cost_rate_overrides().end()};
  out.start = StartDate(in.start_date(), today, "start_date", violations);
  out.learner = std::move(learner);
  return out;
}

void ToProto(const value::Explanation& in, bool overridden, int64_t value_millipoints,
             v1::ValueExplanation* out) {
  out->set_credential_id(in.credential_id);
  out->clear_dimensions();
  for (const value::DimensionScore& d : in.dimensions) {
    v1::DimensionScore* score = out->add_dimensions();
    score->mutable_group()->assign(d.group.data(), d.group.size());
    score->mutable_dimension()->assign(d.dimension.data(), d.dimension.size());
    score->set_score(d.score);
    score->set_weight(d.weight);
    score->set_contribution(Points(d.contribution_millipoints));
  }
  out->clear_costs();
  for (const value::CostTerm& c : in.costs) {
    v1::CostTerm* term = out->add_costs();
    term->set_name(c.name);
    term->set_amount(c.amount);
    term->set_unit(c.unit);
    term->set_points(Points(c.points_millipoints));
  }
  out->set_benefit_points(Points(in.benefit_millipoints));
  out->set_cost_points(Points(in.cost_millipoints));
  out->set_value(Points(value_millipoints));
  out->set_overridden(overridden);
}

void ToProto(const graph::CatalogSnapshot& snapshot, const planner::PlanResult& in,
             const std::string& currency, v1::PlanPathwaysResponse* out) {
  out->clear_pathways();
  for (const planner::PlannedPathway& p : in.pathways) {
    v1::Pathway* pathway = out->add_pathways();
    pathway->set_objective(Points(p.objective_millipoints));
    int32_t order = 0;
    for (const planner::PlannedStep& s : p.steps) {
      const core::Credential& credential = snapshot.credentials()[s.credential];
      v1::PathwayStep* step = pathway->add_steps();
      step->set_credential_id(credential.id);
      step->set_title(credential.title);
      step->set_order(++order);
      step->set_start_week(s.slot.start_week);
      step->set_end_week(s.slot.end_week);
      step->set_term(s.slot.term);
      step->set_scheduled(s.slot.placed);
      ToProto(s.explanation, s.overridden, s.value_millipoints, step->mutable_explanation());
    }
    v1::PathwayTotals* totals = pathway->mutable_totals();
    totals->mutable_fee()->set_minor_units(p.fee);
    totals->mutable_fee()->set_currency(currency);
    totals->set_hours(p.hours);
    totals->set_credit(p.credit);
    totals->set_value(Points(p.value_millipoints));
    if (p.progress.has_value()) {
      v1::TargetProgress* progress = pathway->mutable_progress();
      progress->set_qualification_id(p.progress->qualification_id);
      progress->set_completed(p.progress->completed);
      progress->set_credit_counted(p.progress->credit_counted);
      progress->set_credit_missing(p.progress->credit_missing);
      progress->set_core_met(p.progress->core_met);
      for (const std::string& id : p.progress->core_missing_ids) progress->add_core_missing_ids(id);
      for (const coherence::RuleStatus& rule : p.progress->rules) {
        ToProto(rule, progress->add_rule_results());
      }
    }
    for (const coherence::Finding& finding : p.findings) ToProto(finding, pathway->add_findings());
    pathway->set_schedule_feasible(p.schedule_feasible);
  }
  v1::SolverStats* stats = out->mutable_stats();
  stats->set_proven_optimal(in.stats.proven_optimal);
  stats->set_bound(Points(in.stats.bound_millipoints));
  stats->set_gap(in.stats.gap);
  stats->set_candidates(in.stats.candidates);
  stats->set_nodes(in.stats.nodes);
  stats->set_elapsed_ms(static_cast<int64_t>(std::llround(in.stats.elapsed_ms)));
  stats->set_outcome(OutcomeToProto(in.stats.status));
  out->set_catalog_version(snapshot.version());
}

}  // namespace credpath::services
