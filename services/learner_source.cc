#include "services/learner_source.h"

#include "absl/strings/str_cat.h"
#include "catalog/validate.h"
#include "core/field_violations.h"
#include "core/status_macros.h"
#include "services/convert.h"

namespace credpath::services {
namespace {

// Stands in for the empty id of an inline learner during validation, which requires one.
constexpr char kInlineLearnerId[] = "inline-learner";

}  // namespace

absl::StatusOr<core::Learner> ResolveLearner(catalog::CatalogManager& catalog,
                                             const graph::CatalogSnapshot& snapshot,
                                             const std::string& learner_id,
                                             const v1::Learner* inline_learner) {
  if (inline_learner == nullptr) {
    if (learner_id.empty()) {
      return core::InvalidField("learner_id", "must name a learner, or send one inline in learner");
    }
    absl::StatusOr<core::Learner> stored = catalog.store().GetLearner(learner_id);
    if (stored.status().code() == absl::StatusCode::kNotFound) {
      return absl::NotFoundError(
          absl::StrCat("learner_id: learner \"", learner_id, "\" not found"));
    }
    return stored;
  }
  core::FieldViolations violations;
  core::Learner learner = FromProto(*inline_learner, "learner", &violations);
  RETURN_IF_ERROR(violations.ToStatus());
  const bool anonymous = learner.id.empty();
  if (anonymous) learner.id = kInlineLearnerId;
  RETURN_IF_ERROR(catalog::ValidateLearner(learner, snapshot, "learner"));
  if (anonymous) learner.id.clear();
  return learner;
}

}  // namespace credpath::services
