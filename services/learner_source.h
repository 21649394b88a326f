// Who a planner or coherence request is for: a stored learner by id, or an inline one.
// One function, so that PlannerService and CoherenceService resolve and validate learners
// the same way.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "catalog/catalog_manager.h"
#include "core/catalog.h"
#include "credpath/v1/resources.pb.h"
#include "graph/snapshot.h"

namespace credpath::services {

// With `inline_learner` null: the stored learner `learner_id` (INVALID_ARGUMENT naming
// "learner_id" when empty, NOT_FOUND naming it when unknown). Otherwise the inline learner,
// converted and validated against `snapshot` as LearnerService validates a stored one, with
// error paths under "learner." (its id may be empty).
absl::StatusOr<core::Learner> ResolveLearner(catalog::CatalogManager& catalog,
                                             const graph::CatalogSnapshot& snapshot,
                                             const std::string& learner_id,
                                             const v1::Learner* inline_learner);

}  // namespace credpath::services
