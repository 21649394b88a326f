// The exchange rates that turn a credential's costs into value points, with their keys,
// defaults and domains (docs/value-model.md lists them).
//
// Money and hours are priced against the learner's budgets: a fee equal to the whole money
// budget costs fee_points_per_budget points, hours equal to the whole time budget cost
// time_points_per_budget. A budget of 0 (not stated) is replaced by the reference budget,
// so no cost ever divides by zero.
// Thread safety: plain values and pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/field_violations.h"

namespace credpath::value::internal {

struct CostRates {
  double fee_points_per_budget = 0;
  double time_points_per_budget = 0;
  double opportunity_points_per_budget = 0;
  double travel_hours_per_onsite_day = 0;   // whole hours
  double reference_money_budget_minor = 0;  // whole minor units, > 0
  double reference_time_budget_hours = 0;   // whole hours, > 0
};

// The built-in rates, as a struct and keyed as ValueConfig::cost_rates is.
CostRates DefaultCostRates();
std::map<std::string, double> DefaultCostRatesByKey();

// Sets the rate of every entry of `overlay`; an unknown key or a value outside the key's
// domain is a violation at "<path>[<key>]" instead.
void OverlayCostRates(const std::map<std::string, double>& overlay, std::string_view path,
                      CostRates* rates, core::FieldViolations* violations);

}  // namespace credpath::value::internal
