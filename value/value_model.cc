#include "value/value_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "core/field_violations.h"

namespace credpath::value {
namespace {

constexpr double kMillipointsPerPoint = 1000;
constexpr double kBenefitPoints = 100;  // benefit = 100 · Σ w·s / Σ w
// Cost terms saturate at ±10^12 points, far beyond any budget-relative cost that means
// anything, so that absurd inputs cannot overflow the int64 sums.
constexpr double kMaxTermMillipoints = 1e15;

int64_t RoundToMillipoints(double millipoints) {
  return std::llround(std::clamp(millipoints, -kMaxTermMillipoints, kMaxTermMillipoints));
}

// Sets the contributions of `dimensions` to round(scale · 100 · Σ w·s / Σ w) points in
// total, apportioned by largest remainder (ties to the earlier dimension) so that they sum
// to it exactly, and returns the total. Every weight is finite and >= 0.
// REQUIRES: `dimensions` as Score() returns them (kDimensionCount of them).
// It runs once per candidate credential, so its scratch space lives on the stack and the
// remainder order comes from an insertion sort (stable, as the ties need) of at most
// kDimensionCount entries instead of a sort that allocates.
int64_t Apportion(double scale, std::vector<DimensionScore>* dimensions) {
  double weight_sum = 0;
  for (const DimensionScore& d : *dimensions) weight_sum += d.weight;
  if (weight_sum <= 0) return 0;
  const size_t n = dimensions->size();
  std::array<double, internal::kDimensionCount> remainder;
  double exact_sum = 0;
  int64_t floors = 0;
  for (size_t i = 0; i < n; ++i) {
    DimensionScore& d = (*dimensions)[i];
    const double exact =
        scale * kBenefitPoints * kMillipointsPerPoint * d.weight * d.score / weight_sum;
    exact_sum += exact;
    d.contribution_millipoints = static_cast<int64_t>(std::floor(exact));
    floors += d.contribution_millipoints;
    remainder[i] = exact - std::floor(exact);
  }
  const int64_t total = std::llround(exact_sum);
  // Dimension indexes by remainder, largest first, equal remainders in table order.
  std::array<size_t, internal::kDimensionCount> order;
  for (size_t i = 0; i < n; ++i) {
    size_t j = i;
    for (; j > 0 && remainder[order[j - 1]] < remainder[i]; --j) order[j] = order[j - 1];
    order[j] = i;
  }
  // total rounds Σ exact, so total − Σ floor lies in [0, number of non-zero remainders].
  for (int64_t k = 0; k < total - floors; ++k) {
    ++(*dimensions)[order[static_cast<size_t>(k)]].contribution_millipoints;
  }
  return total;
}

// Points in milli-points of spending `amount` out of `budget` (> 0) at `points_per_budget`
// points for the whole budget.
int64_t BudgetPoints(int64_t amount, int64_t budget, double points_per_budget) {
  return RoundToMillipoints(static_cast<double>(amount) / static_cast<double>(budget) *
                            points_per_budget * kMillipointsPerPoint);
}

int64_t SaturatingMultiply(int64_t a, int64_t b) {
  int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return product;
  return (a < 0) != (b < 0) ? std::numeric_limits<int64_t>::min()
                            : std::numeric_limits<int64_t>::max();
}

// The fee the learner pays: when the credential accepts a funding source the learner has
// (scholarship or employer sponsorship), the learner's funding pays it, up to the whole fee.
int64_t FeeAfterFunding(const core::Credential& credential, const core::LearnerProfile& profile) {
  constexpr uint32_t kFundingSources = core::kScholarship | core::kEmployerSponsored;
  const int64_t fee = credential.fee.minor_units;
  if ((credential.payment_options & profile.funding_sources & kFundingSources) == 0) return fee;
  return fee - std::clamp<int64_t>(profile.funding.minor_units, 0, std::max<int64_t>(fee, 0));
}

// Whether a CREDIT_TOWARD link leaves `id`. Links are sorted by from_id (graph/snapshot.h),
// so this is a binary search and a walk over the credential's own links.
bool CarriesCredit(const graph::CatalogSnapshot& snapshot, const std::string& id) {
  const std::vector<core::Link>& links = snapshot.links();
  auto it = std::lower_bound(
      links.begin(), links.end(), id,
      [](const core::Link& link, const std::string& from) { return link.from_id < from; });
  for (; it != links.end() && it->from_id == id; ++it) {
    if (it->type == core::LinkType::kCreditToward) return true;
  }
  return false;
}

// Credit toward the target over the credit it requires, capped at 1; a target that requires
// no credit scores 1 for any credential that carries some.
double TargetShare(const graph::QualificationCredit& target, graph::CredentialIndex c) {
  const int64_t points = target.EligiblePoints(c);
  const int64_t required = target.qualification->credit_required;
  if (required <= 0) return points > 0 ? 1.0 : 0.0;
  return std::min(1.0, static_cast<double>(points) / static_cast<double>(required));
}

const core::Provider* FindPartner(const graph::CatalogSnapshot& snapshot,
                                  const core::Credential& credential) {
  if (credential.partner_provider_id.empty()) return nullptr;
  return snapshot.FindProvider(credential.partner_provider_id);
}

}  // namespace

core::Money SpendingBudget(const core::LearnerProfile& profile) {
  core::Money budget = profile.money_budget;
  if (profile.funding.currency == budget.currency)
    budget.minor_units += profile.funding.minor_units;
  return budget;
}

int64_t LearnerHours(const core::Credential& credential, int64_t travel_hours_per_onsite_day) {
  return credential.effort_hours + int64_t{credential.onsite_days} * travel_hours_per_onsite_day;
}

absl::StatusOr<ValueModel> ValueModel::Create(const ValueConfig& config,
                                              const core::LearnerProfile& profile,
                                              const ValueRequest& request) {
  core::FieldViolations violations;
  ValueModel model;
  model.settings_ = internal::DefaultSettings(profile.motivation);
  internal::OverlayConfig(config, profile.motivation, "config", &model.settings_, &violations);
  internal::OverlayWeights(request.weight_overrides, "weight_overrides", &model.settings_.weights,
                           &violations);
  internal::OverlayCostRates(request.cost_rate_overrides, "cost_rate_overrides",
                             &model.settings_.rates, &violations);
  // Without a target there is nothing to score macro credit against; a weight on a score
  // that is 0 for every credential would only shrink every benefit alike.
  if (request.target == nullptr) model.settings_.weights[internal::MacroCreditIndex()] = 0;
  if (violations.empty() &&
      std::none_of(model.settings_.weights.begin(), model.settings_.weights.end(),
                   [](double w) { return w > 0; })) {
    violations.Add("weight_overrides",
                   "every weight is 0 (interoperability.macro_credit counts only with a target)");
  }
  if (!violations.empty()) return violations.ToStatus();
  model.profile_ = profile;
  model.prior_skills_ = profile.prior_skills;
  std::sort(model.prior_skills_.begin(), model.prior_skills_.end());
  model.prior_skills_.erase(std::unique(model.prior_skills_.begin(), model.prior_skills_.end()),
                            model.prior_skills_.end());
  model.target_ = request.target;
  return model;
}

std::vector<DimensionScore> ValueModel::Score(const internal::Subject& subject) const {
  const internal::LearnerFacts learner{&profile_, prior_skills_};
  const std::span<const internal::Dimension, internal::kDimensionCount> table =
      internal::Dimensions();
  // Filled in place: a temporary per dimension would copy its two strings once more.
  std::vector<DimensionScore> scores(table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    const internal::Dimension& d = table[i];
    const bool applies = subject.credential != nullptr || d.applies_to_qualifications;
    DimensionScore& score = scores[i];
    score.group = d.group;
    score.dimension = d.name;
    score.score = applies ? d.score(subject, learner) : 0.0;
    score.weight = applies ? settings_.weights[i] : 0.0;
  }
  return scores;
}

std::vector<CostTerm> ValueModel::Costs(const core::Credential& credential) const {
  const internal::CostRates& rates = settings_.rates;
  // A budget of 0 is one the learner did not state: the reference budget stands in for it.
  const int64_t money_budget = profile_.money_budget.minor_units > 0
                                   ? profile_.money_budget.minor_units
                                   : static_cast<int64_t>(rates.reference_money_budget_minor);
  const int64_t time_budget = profile_.time_budget_hours > 0
                                  ? profile_.time_budget_hours
                                  : static_cast<int64_t>(rates.reference_time_budget_hours);
  const int64_t fee = FeeAfterFunding(credential, profile_);
  const int64_t effort = credential.effort_hours;
  const int64_t travel = Hours(credential) - effort;
  const int64_t opportunity =
      SaturatingMultiply(effort + travel, profile_.opportunity_cost_per_hour_minor);
  const std::string& money_unit = profile_.money_budget.currency.empty()
                                      ? credential.fee.currency
                                      : profile_.money_budget.currency;
  // Moved in one by one: an initializer list would copy every string of every term.
  std::vector<CostTerm> costs;
  costs.reserve(4);
  costs.push_back({"fee", fee, credential.fee.currency,
                   BudgetPoints(fee, money_budget, rates.fee_points_per_budget)});
  costs.push_back(
      {"effort", effort, "hours", BudgetPoints(effort, time_budget, rates.time_points_per_budget)});
  costs.push_back(
      {"travel", travel, "hours", BudgetPoints(travel, time_budget, rates.time_points_per_budget)});
  costs.push_back({"opportunity", opportunity, money_unit,
                   BudgetPoints(opportunity, money_budget, rates.opportunity_points_per_budget)});
  return costs;
}

Explanation ValueModel::Explain(const graph::CatalogSnapshot& snapshot,
                                const core::Credential& credential) const {
  return ExplainCredential(snapshot, credential, snapshot.CredentialIndexOf(credential.id));
}

Explanation ValueModel::Explain(const graph::CatalogSnapshot& snapshot,
                                graph::CredentialIndex c) const {
  return ExplainCredential(snapshot, snapshot.credentials()[c], c);
}

Explanation ValueModel::ExplainCredential(const graph::CatalogSnapshot& snapshot,
                                          const core::Credential& credential,
                                          std::optional<graph::CredentialIndex> c) const {
  internal::Subject subject;
  subject.benefits = &credential.benefits;
  subject.provider = snapshot.FindProvider(credential.provider_id);
  subject.partner = FindPartner(snapshot, credential);
  subject.credential = &credential;
  subject.carries_credit = CarriesCredit(snapshot, credential.id);
  if (c.has_value()) {
    subject.dependents = snapshot.Dependents(*c).size();
    if (target_ != nullptr) subject.target_share = TargetShare(*target_, *c);
  }
  Explanation explanation;
  explanation.credential_id = credential.id;
  explanation.dimensions = Score(subject);
  explanation.benefit_millipoints = Apportion(1.0, &explanation.dimensions);
  explanation.costs = Costs(credential);
  for (const CostTerm& term : explanation.costs) {
    explanation.cost_millipoints += term.points_millipoints;
  }
  explanation.value_millipoints = explanation.benefit_millipoints - explanation.cost_millipoints;
  return explanation;
}

int64_t ValueModel::CompletionValue(const graph::CatalogSnapshot& snapshot,
                                    const core::Qualification& qualification) const {
  internal::Subject subject;
  subject.benefits = &qualification.benefits;
  subject.provider = snapshot.FindProvider(qualification.provider_id);
  std::vector<DimensionScore> dimensions = Score(subject);
  return Apportion(settings_.completion_scale, &dimensions);
}

int64_t ValueModel::Hours(const core::Credential& credential) const {
  return LearnerHours(credential,
                      static_cast<int64_t>(settings_.rates.travel_hours_per_onsite_day));
}

}  // namespace credpath::value
