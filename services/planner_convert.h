// Conversion between the PlannerService messages and the planner's domain types.
//
// Values travel as points (double) in the API and as exact milli-points in the domain:
// an override of v points becomes llround(v · 1000) milli-points; a milli-point figure m
// is shown as m / 1000.0.
#pragma once

#include <string>

#include "core/field_violations.h"
#include "credpath/v1/planner_service.pb.h"
#include "graph/snapshot.h"
#include "planner/plan_request.h"
#include "planner/planner.h"
#include "value/value_model.h"

namespace credpath::services {

// Every request field but the learner, whose source the caller resolves; `learner` must
// be set before (the budgets and the target default to the learner's). Reports
// out-of-range numbers and bad dates as violations with the request's field paths.
planner::PlanRequest PlanRequestFromProto(const v1::PlanPathwaysRequest& in, core::Learner learner,
                                          core::Date today, double default_time_limit_seconds,
                                          core::FieldViolations* violations);

void ToProto(const value::Explanation& in, bool overridden, int64_t value_millipoints,
             v1::ValueExplanation* out);

void ToProto(const graph::CatalogSnapshot& snapshot, const planner::PlanResult& in,
             const std::string& currency, v1::PlanPathwaysResponse* out);

}  // namespace credpath::services
