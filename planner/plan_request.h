// What a learner asks the planner for (DESIGN.md section 5, PlanPathways), in domain
// terms: the service resolves ids, defaults and units before building one.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/date.h"

namespace credpath::planner {

// Candidates that break one are filtered out before the search.
struct HardConstraints {
  bool no_onsite = false;                            // only DeliveryMode::kOnline
  std::vector<core::DeliveryMode> allowed_delivery;  // empty: any
  std::vector<std::string> languages;                // empty: any
  int32_t max_onsite_days = 0;                       // 0: no limit
};

struct PlanRequest {
  core::Learner learner;                // stored or inline; its held credentials count
  std::string target_qualification_id;  // empty: no target
  // With no target: pathways are built from credentials that validate one of these
  // skills and what those need; empty: every credential is a candidate.
  std::vector<std::string> wanted_skills;
  core::Money money_budget;  // fees are compared in its currency
  int64_t hours_budget = 0;
  int32_t k = 1;
  int32_t diversity = 0;
  bool pareto = false;
  double time_limit_seconds = 2;  // of the search
  // When the whole answer must be ready (the call's deadline): the search then also stops
  // early enough to leave a quarter of the time remaining when it starts, and at least
  // 20 ms, for scheduling, checking and replying.
  std::optional<std::chrono::steady_clock::time_point> reply_by;
  std::map<std::string, int64_t> value_overrides_millipoints;  // credential id -> value
  std::vector<std::string> include_ids;
  std::vector<std::string> exclude_ids;
  HardConstraints constraints;
  std::vector<std::vector<std::string>> exclusive_groups;
  std::map<std::string, double> weight_overrides;
  std::map<std::string, double> cost_rate_overrides;
  core::Date start;  // week 0 of the schedules; the day credit recency is judged on
};

}  // namespace credpath::planner
