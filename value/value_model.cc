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

using DimensionNumbers = std::array<double, internal::kDimensionCount>;

// Each dimension's exact share, in milli-points, of scale · 100 · Σ w·s / Σ w points:
// scale · 100 000 · w·s / Σ w; all 0 when every weight is. Every weight is finite and >= 0.
DimensionNumbers ExactShares(double scale, const DimensionNumbers& weights,
                             const DimensionNumbers& scores) {
  DimensionNumbers shares{};
  double weight_sum = 0;
  for (double w : weights) weight_sum += w;
  if (weight_sum <= 0) return shares;
  for (size_t i = 0; i < shares.size(); ++i) {
    shares[i] = scale * kBenefitPoints * kMillipointsPerPoint * weights[i] * scores[i] / weight_sum;
  }
  return shares;
}

// The benefit: the shares' sum, rounded once to milli-points.
int64_t RoundedTotal(const DimensionNumbers& shares) {
  double sum = 0;
  for (double share : shares) sum += share;
  return std::llround(sum);
}

// Splits RoundedTotal(shares) into contributions that sum to it exactly: each share floored,
// and the milli-points the floors leave over one each to the largest remainders (ties to
// the earlier dimension). An insertion sort of the remainders on the stack (stable, as the
// ties need) costs less than a sort that allocates, for this many dimensions.
std::array<int64_t, internal::kDimensionCount> Apportion(const DimensionNumbers& shares) {
  std::array<int64_t, internal::kDimensionCount> contributions{};
  DimensionNumbers remainders{};
  int64_t floors = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    contributions[i] = static_cast<int64_t>(std::floor(shares[i]));
    floors += contributions[i];
    remainders[i] = shares[i] - std::floor(shares[i]);
  }
  std::array<size_t, internal::kDimensionCount> order{};  // by remainder, largest first
  for (size_t i = 0; i < shares.size(); ++i) {
    size_t j = i;
    for (; j > 0 && remainders[order[j - 1]] < remainders[i]; --j) order[j] = order[j - 1];
    order[j] = i;
  }
  // The total rounds Σ share, so total − Σ floor lies in [0, number of non-zero remainders].
  const int64_t left_over = RoundedTotal(shares) - floors;
  for (int64_t k = 0; k < left_over; ++k) ++contributions[order[static_cast<size_t>(k)]];
  return contributions;
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

// Whether a CREDIT_TOWARD link leaves credential `c`.
bool CarriesCredit(const graph::CatalogSnapshot& snapshot, graph::CredentialIndex c) {
  const std::span<const core::Link> links = snapshot.LinksFrom(c);
  return std::any_of(links.begin(), links.end(), [](const core::Link& link) {
    return link.type == core::LinkType::kCreditToward;
  });
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

ValueModel::Scores ValueModel::Score(const internal::Subject& subject) const {
  const internal::LearnerFacts learner{&profile_, prior_skills_};
  const std::span<const internal::Dimension, internal::kDimensionCount> table =
      internal::Dimensions();
  Scores scores;
  for (size_t i = 0; i < table.size(); ++i) {
    const internal::Dimension& d = table[i];
    if (subject.credential == nullptr && !d.applies_to_qualifications) continue;
    scores.score[i] = d.score(subject, learner);
    scores.weight[i] = settings_.weights[i];
  }
  return scores;
}

ValueModel::Costs ValueModel::Cost(const core::Credential& credential) const {
  const internal::CostRates& rates = settings_.rates;
  // A budget of 0 is one the learner did not state: the reference budget stands in for it.
  const int64_t money_budget = profile_.money_budget.minor_units > 0
                                   ? profile_.money_budget.minor_units
                                   : static_cast<int64_t>(rates.reference_money_budget_minor);
  const int64_t time_budget = profile_.time_budget_hours > 0
                                  ? profile_.time_budget_hours
                                  : static_cast<int64_t>(rates.reference_time_budget_hours);
  Costs costs;
  costs.fee.amount = FeeAfterFunding(credential, profile_);
  costs.effort.amount = credential.effort_hours;
  costs.travel.amount = Hours(credential) - costs.effort.amount;
  costs.opportunity.amount = SaturatingMultiply(costs.effort.amount + costs.travel.amount,
                                                profile_.opportunity_cost_per_hour_minor);
  costs.fee.points = BudgetPoints(costs.fee.amount, money_budget, rates.fee_points_per_budget);
  costs.effort.points =
      BudgetPoints(costs.effort.amount, time_budget, rates.time_points_per_budget);
  costs.travel.points =
      BudgetPoints(costs.travel.amount, time_budget, rates.time_points_per_budget);
  costs.opportunity.points =
      BudgetPoints(costs.opportunity.amount, money_budget, rates.opportunity_points_per_budget);
  return costs;
}

internal::Subject ValueModel::CredentialSubject(const graph::CatalogSnapshot& snapshot,
                                                const core::Credential& credential,
                                                std::optional<graph::CredentialIndex> c) const {
  internal::Subject subject;
  subject.benefits = &credential.benefits;
  subject.provider = snapshot.FindProvider(credential.provider_id);
  subject.partner = FindPartner(snapshot, credential);
  subject.credential = &credential;
  if (c.has_value()) {
    subject.carries_credit = CarriesCredit(snapshot, *c);
    subject.dependents = snapshot.Dependents(*c).size();
    if (target_ != nullptr) subject.target_share = TargetShare(*target_, *c);
  }
  return subject;
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
  const Scores scores = Score(CredentialSubject(snapshot, credential, c));
  const DimensionNumbers shares = ExactShares(1.0, scores.weight, scores.score);
  const std::array<int64_t, internal::kDimensionCount> contributions = Apportion(shares);
  const std::span<const internal::Dimension, internal::kDimensionCount> table =
      internal::Dimensions();
  Explanation explanation;
  explanation.credential_id = credential.id;
  explanation.dimensions.resize(table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    DimensionScore& d = explanation.dimensions[i];
    d.group = table[i].group;
    d.dimension = table[i].name;
    d.key = table[i].key;
    d.score = scores.score[i];
    d.weight = scores.weight[i];
    d.contribution_millipoints = contributions[i];
  }
  explanation.benefit_millipoints = RoundedTotal(shares);
  const Costs costs = Cost(credential);
  const std::string& money_unit = profile_.money_budget.currency.empty()
                                      ? credential.fee.currency
                                      : profile_.money_budget.currency;
  explanation.costs = {
      {"fee", costs.fee.amount, credential.fee.currency, costs.fee.points},
      {"effort", costs.effort.amount, "hours", costs.effort.points},
      {"travel", costs.travel.amount, "hours", costs.travel.points},
      {"opportunity", costs.opportunity.amount, money_unit, costs.opportunity.points},
  };
  explanation.cost_millipoints = costs.Total();
  explanation.value_millipoints = explanation.benefit_millipoints - explanation.cost_millipoints;
  return explanation;
}

int64_t ValueModel::Value(const graph::CatalogSnapshot& snapshot, graph::CredentialIndex c) const {
  const core::Credential& credential = snapshot.credentials()[c];
  const Scores scores = Score(CredentialSubject(snapshot, credential, c));
  return RoundedTotal(ExactShares(1.0, scores.weight, scores.score)) - Cost(credential).Total();
}

int64_t ValueModel::CompletionValue(const graph::CatalogSnapshot& snapshot,
                                    const core::Qualification& qualification) const {
  internal::Subject subject;
  subject.benefits = &qualification.benefits;
  subject.provider = snapshot.FindProvider(qualification.provider_id);
  const Scores scores = Score(subject);
  return RoundedTotal(ExactShares(settings_.completion_scale, scores.weight, scores.score));
}

int64_t ValueModel::Hours(const core::Credential& credential) const {
  return LearnerHours(credential,
                      static_cast<int64_t>(settings_.rates.travel_hours_per_onsite_day));
}

}  // namespace credpath::value
