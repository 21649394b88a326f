#include "services/learner_service.h"

#include "core/field_violations.h"
#include "core/status_macros.h"
#include "services/convert_list.h"
#include "services/unary_call.h"

namespace credpath::services {
namespace {

absl::Status RequireId(const std::string& id, const std::string& field) {
  if (id.empty()) return core::InvalidField(field, "must not be empty");
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* LearnerServiceImpl::UpsertLearner(grpc::CallbackServerContext* context,
                                                            const v1::UpsertLearnerRequest* request,
                                                            v1::Learner* response) {
  if (!request->has_learner()) {
    return FinishInline(context, [] { return core::InvalidField("learner", "must be set"); });
  }
  core::FieldViolations violations;
  core::Learner learner = FromProto(request->learner(), "learner", &violations);
  if (!violations.empty()) return FinishInline(context, [&] { return violations.ToStatus(); });
  return FinishOnPool(context, pool_, [this, learner = std::move(learner), response]() -> absl::Status {
    RETURN_IF_ERROR(catalog_->UpsertLearner(learner));
    ToProto(learner, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LearnerServiceImpl::GetLearner(grpc::CallbackServerContext* context,
                                                         const v1::GetLearnerRequest* request,
                                                         v1::Learner* response) {
  return FinishOnPool(context, pool_, [this, request, response]() -> absl::Status {
    RETURN_IF_ERROR(RequireId(request->id(), "id"));
    ASSIGN_OR_RETURN(core::Learner learner, catalog_->store().GetLearner(request->id()));
    ToProto(learner, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LearnerServiceImpl::DeleteLearner(grpc::CallbackServerContext* context,
                                                            const v1::DeleteLearnerRequest* request,
                                                            v1::DeleteLearnerResponse*) {
  return FinishOnPool(context, pool_, [this, request]() -> absl::Status {
    RETURN_IF_ERROR(RequireId(request->id(), "id"));
    return catalog_->store().DeleteLearner(request->id());
  });
}

grpc::ServerUnaryReactor* LearnerServiceImpl::RecordHeldCredentials(
    grpc::CallbackServerContext* context, const v1::RecordHeldCredentialsRequest* request,
    v1::Learner* response) {
  core::FieldViolations violations;
  if (request->learner_id().empty()) violations.Add("learner_id", "must not be empty");
  if (request->held().empty()) violations.Add("held", "must not be empty");
  std::vector<core::HeldCredential> held;
  ConvertList(request->held(), "held", &held, &violations);
  if (!violations.empty()) return FinishInline(context, [&] { return violations.ToStatus(); });
  return FinishOnPool(context, pool_, [this, request, held = std::move(held), response]() -> absl::Status {
    RETURN_IF_ERROR(catalog_->RecordHeldCredentials(request->learner_id(), held));
    ASSIGN_OR_RETURN(core::Learner learner, catalog_->store().GetLearner(request->learner_id()));
    ToProto(learner, response);
    return absl::OkStatus();
  });
}

}  // namespace credpath::services
