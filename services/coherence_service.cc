#include "services/coherence_service.h"

#include <utility>

#include "coherence/check.h"
#include "core/field_violations.h"
#include "core/status_macros.h"
#include "services/coherence_convert.h"
#include "services/learner_source.h"
#include "services/unary_call.h"

namespace credpath::services {

CoherenceServiceImpl::CoherenceServiceImpl(catalog::CatalogManager* catalog, WorkerPool* pool,
                                           coherence::CoherenceConfig config,
                                           std::function<core::Date()> today)
    : catalog_(catalog),
      pool_(pool),
      config_(std::move(config)),
      today_(today ? std::move(today) : core::Today) {}

grpc::ServerUnaryReactor* CoherenceServiceImpl::CheckStack(grpc::CallbackServerContext* context,
                                                           const v1::CheckStackRequest* request,
                                                           v1::CheckStackResponse* response) {
  core::FieldViolations violations;
  coherence::StackRequest stack = StackRequestFromProto(*request, today_(), &violations);
  if (!violations.empty()) return FinishInline(context, [&] { return violations.ToStatus(); });
  return FinishOnPool(
      context, pool_, [this, request, response, stack = std::move(stack)]() -> absl::Status {
        std::shared_ptr<const graph::CatalogSnapshot> snapshot = catalog_->snapshot();
        ASSIGN_OR_RETURN(core::Learner learner,
                         ResolveLearner(*catalog_, *snapshot, request->learner_id(),
                                        request->has_learner() ? &request->learner() : nullptr));
        ASSIGN_OR_RETURN(coherence::CheckResult result,
                         coherence::CheckStack(*snapshot, learner, stack, config_));
        ToProto(result, response);
        response->set_catalog_version(snapshot->version());
        return absl::OkStatus();
      });
}

}  // namespace credpath::services
