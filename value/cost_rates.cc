#include "value/cost_rates.h"

#include <array>
#include <cmath>
#include <utility>

#include "value/dimensions.h"

namespace credpath::value::internal {
namespace {

struct Spec {
  std::string_view key;
  double CostRates::*member;
  double default_value;
  // The domain: minimum <= value <= maximum, whole when `whole`. The bounds keep every
  // product exact in int64 and every cost term finite.
  double minimum;
  double maximum;
  bool whole;
};

// The budgets are hard constraints of the planner; cost points only trade benefit against
// the resources used within them. Using a whole budget costs 50 points, half the largest
// benefit: at 100, a credential that takes a quarter of each budget plus the learner's
// opportunity cost is often worth less than nothing, and plans for learners with tight
// budgets come back empty (docs/value-model.md has the demo catalogue figures). Opportunity
// cost is weighed at half the fee rate: the hours are already charged against the time
// budget, and forgone earnings are not money out of the learner's pocket.
constexpr std::array kSpecs = {
    Spec{"fee_points_per_budget", &CostRates::fee_points_per_budget, 50, 0, 1e6, false},
    Spec{"time_points_per_budget", &CostRates::time_points_per_budget, 50, 0, 1e6, false},
    Spec{"opportunity_points_per_budget", &CostRates::opportunity_points_per_budget, 25, 0, 1e6,
         false},
    Spec{"travel_hours_per_onsite_day", &CostRates::travel_hours_per_onsite_day, 2, 0, 24, true},
    Spec{"reference_money_budget_minor", &CostRates::reference_money_budget_minor, 100000, 1, 1e15,
         true},
    Spec{"reference_time_budget_hours", &CostRates::reference_time_budget_hours, 100, 1, 1e15,
         true},
};

// The reason `value` lies outside the domain of `spec`, or empty when it lies inside.
std::string DomainViolation(double value, const Spec& spec) {
  if (!std::isfinite(value)) return "must be finite";
  if (value < spec.minimum) return "must be >= " + FormatBound(spec.minimum);
  if (value > spec.maximum) return "must be <= " + FormatBound(spec.maximum);
  if (spec.whole && value != std::floor(value)) return "must be a whole number";
  return {};
}

}  // namespace

CostRates DefaultCostRates() {
  CostRates rates;
  for (const Spec& spec : kSpecs) rates.*spec.member = spec.default_value;
  return rates;
}

std::map<std::string, double> DefaultCostRatesByKey() {
  std::map<std::string, double> rates;
  for (const Spec& spec : kSpecs) rates.emplace(spec.key, spec.default_value);
  return rates;
}

void OverlayCostRates(const std::map<std::string, double>& overlay, std::string_view path,
                      CostRates* rates, core::FieldViolations* violations) {
  for (const auto& [key, value] : overlay) {
    const Spec* spec = nullptr;
    for (const Spec& candidate : kSpecs) {
      if (candidate.key == key) spec = &candidate;
    }
    if (spec == nullptr) {
      violations->Add(KeyPath(path, key), "unknown cost rate key");
      continue;
    }
    std::string reason = DomainViolation(value, *spec);
    if (!reason.empty()) {
      violations->Add(KeyPath(path, key), std::move(reason));
      continue;
    }
    rates->*spec->member = value;
  }
}

}  // namespace credpath::value::internal
