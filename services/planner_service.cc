#include "services/planner_service.h"

#include <chrono>
#include <random>

#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "core/field_violations.h"
#include "core/status_macros.h"
#include "planner/planner.h"
#include "services/learner_source.h"
#include "services/pagination.h"
#include "services/planner_convert.h"
#include "services/unary_call.h"

namespace credpath::services {
namespace {

using SystemClock = std::chrono::system_clock;
using ResponseCallback = std::function<void(const v1::PlanPathwaysResponse&)>;

std::string NewPlanId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const int64_t ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock::now().time_since_epoch())
          .count();
  return absl::StrFormat("plan-%012x-%016x", ms, random());
}

const v1::Learner* InlineLearner(const v1::PlanPathwaysRequest& request) {
  return request.has_learner() ? &request.learner() : nullptr;
}

// One whole plan: resolve, convert, search (so that the answer is ready by `deadline`),
// convert back, save when asked. `on_improvement` may be null.
absl::Status RunPlan(catalog::CatalogManager& catalog, const PlannerOptions& options,
                     const v1::PlanPathwaysRequest& request, SystemClock::time_point deadline,
                     const std::atomic<bool>* stop, const ResponseCallback& on_improvement,
                     v1::PlanPathwaysResponse* response) {
  if (request.save() && request.learner_source_case() != v1::PlanPathwaysRequest::kLearnerId) {
    return core::InvalidField("save", "needs learner_id: only a stored learner's plan is saved");
  }
  std::shared_ptr<const graph::CatalogSnapshot> snapshot = catalog.snapshot();
  ASSIGN_OR_RETURN(core::Learner learner, ResolveLearner(catalog, *snapshot, request.learner_id(),
                                                         InlineLearner(request)));
  core::FieldViolations violations;
  planner::PlanRequest plan_request = PlanRequestFromProto(
      request, std::move(learner), core::Today(), options.default_time_limit_seconds, &violations);
  RETURN_IF_ERROR(violations.ToStatus());
  // A deadline beyond a day is no deadline; it also keeps the conversion in range.
  const auto left = std::chrono::duration<double>(deadline - SystemClock::now());
  if (left.count() <= 0) {
    return absl::DeadlineExceededError("the call's deadline passed before planning began");
  }
  if (left < std::chrono::hours(24)) {
    plan_request.reply_by = std::chrono::steady_clock::now() +
                            std::chrono::duration_cast<std::chrono::steady_clock::duration>(left);
  }
  const std::string currency = plan_request.money_budget.currency;

  planner::ImprovementCallback report;
  if (on_improvement) {
    report = [&](const planner::PlanResult& partial) {
      v1::PlanPathwaysResponse message;
      ToProto(*snapshot, partial, currency, &message);
      on_improvement(message);
    };
  }
  ASSIGN_OR_RETURN(planner::PlanResult result,
                   planner::Plan(*snapshot, options.config, plan_request, stop, report));
  ToProto(*snapshot, result, currency, response);
  response->set_final(true);
  if (request.save()) {
    v1::Plan plan;
    plan.set_id(NewPlanId());
    plan.set_learner_id(request.learner_id());
    plan.set_create_time_unix_ms(
        std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock::now().time_since_epoch())
            .count());
    *plan.mutable_request() = request;
    response->set_plan_id(plan.id());
    *plan.mutable_response() = *response;
    storage::SavedPlan saved{plan.id(), plan.learner_id(), plan.create_time_unix_ms(),
                             plan.SerializeAsString()};
    RETURN_IF_ERROR(catalog.store().SavePlan(saved));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Plan> ParsePlan(const storage::SavedPlan& saved) {
  v1::Plan plan;
  if (!plan.ParseFromString(saved.payload)) {
    return absl::DataLossError("plan " + saved.id + " is stored unreadably");
  }
  return plan;
}

}  // namespace

// A unary reactor whose cancellation reaches the search.
class PlannerServiceImpl::UnaryPlan final : public grpc::ServerUnaryReactor {
 public:
  void OnCancel() override { stop_.store(true); }
  void OnDone() override { delete this; }
  const std::atomic<bool>* stop() const { return &stop_; }

 private:
  std::atomic<bool> stop_{false};
};

grpc::ServerUnaryReactor* PlannerServiceImpl::PlanPathways(grpc::CallbackServerContext* context,
                                                           const v1::PlanPathwaysRequest* request,
                                                           v1::PlanPathwaysResponse* response) {
  auto* reactor = new UnaryPlan();
  const SystemClock::time_point deadline = context->deadline();
  const bool queued = pool_->TrySubmit([this, reactor, request, response, deadline] {
    reactor->Finish(ToGrpcStatus(
        RunPlan(*catalog_, options_, *request, deadline, reactor->stop(), nullptr, response)));
  });
  if (!queued) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: too many calls waiting; retry with backoff"));
  }
  return reactor;
}

// Streams improving pathways: the search thread offers messages; one write is in flight
// and the newest waiting message replaces an older one, since only the best matters.
// gRPC calls (StartWrite, Finish) are made outside the mutex: a reaction they trigger
// locks it, and OnDone deletes the reactor.
class PlannerServiceImpl::StreamPlan final
    : public grpc::ServerWriteReactor<v1::PlanPathwaysResponse> {
 public:
  void Offer(v1::PlanPathwaysResponse message) ABSL_LOCKS_EXCLUDED(mutex_) {
    mutex_.Lock();
    waiting_ = std::move(message);
    Next();
  }
  void FinishWith(grpc::Status status) ABSL_LOCKS_EXCLUDED(mutex_) {
    mutex_.Lock();
    status_ = std::move(status);
    finishing_ = true;
    Next();
  }
  const std::atomic<bool>* stop() const { return &stop_; }

  void OnWriteDone(bool ok) override ABSL_LOCKS_EXCLUDED(mutex_) {
    mutex_.Lock();
    writing_ = false;
    if (!ok) {
      stop_.store(true);
      waiting_.reset();
      status_ = grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
    }
    Next();
  }
  void OnCancel() override { stop_.store(true); }
  void OnDone() override { delete this; }

 private:
  // Starts the next write, or finishes when nothing is left; unlocks the mutex.
  void Next() ABSL_UNLOCK_FUNCTION(mutex_) {
    if (writing_ || finished_) {
      mutex_.Unlock();
      return;
    }
    if (waiting_.has_value()) {
      in_flight_ = std::move(*waiting_);
      waiting_.reset();
      writing_ = true;
      mutex_.Unlock();
      StartWrite(&in_flight_);
      return;
    }
    if (!finishing_) {
      mutex_.Unlock();
      return;
    }
    finished_ = true;
    const grpc::Status status = status_;
    mutex_.Unlock();
    Finish(status);
  }

  absl::Mutex mutex_;
  std::optional<v1::PlanPathwaysResponse> waiting_ ABSL_GUARDED_BY(mutex_);
  v1::PlanPathwaysResponse in_flight_;  // written only while no write is in flight
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finishing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mutex_);
  std::atomic<bool> stop_{false};
};

grpc::ServerWriteReactor<v1::PlanPathwaysResponse>* PlannerServiceImpl::StreamPathways(
    grpc::CallbackServerContext* context, const v1::PlanPathwaysRequest* request) {
  auto* reactor = new StreamPlan();
  const SystemClock::time_point deadline = context->deadline();
  const bool queued = pool_->TrySubmit([this, reactor, request, deadline] {
    v1::PlanPathwaysResponse response;
    auto offer = [reactor](const v1::PlanPathwaysResponse& message) { reactor->Offer(message); };
    absl::Status status =
        RunPlan(*catalog_, options_, *request, deadline, reactor->stop(), offer, &response);
    if (status.ok()) reactor->Offer(std::move(response));
    reactor->FinishWith(ToGrpcStatus(status));
  });
  if (!queued) {
    reactor->FinishWith(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                     "server busy: too many calls waiting; retry with backoff"));
  }
  return reactor;
}

grpc::ServerUnaryReactor* PlannerServiceImpl::ExplainValue(grpc::CallbackServerContext* context,
                                                           const v1::ExplainValueRequest* request,
                                                           v1::ValueExplanation* response) {
  return FinishOnPool(context, pool_, [this, request, response]() -> absl::Status {
    if (request->credential_id().empty()) {
      return core::InvalidField("credential_id", "must not be empty");
    }
    std::shared_ptr<const graph::CatalogSnapshot> snapshot = catalog_->snapshot();
    ASSIGN_OR_RETURN(core::Learner learner,
                     ResolveLearner(*catalog_, *snapshot, request->learner_id(),
                                    request->has_learner() ? &request->learner() : nullptr));
    const std::string& target = request->target_qualification_id().empty()
                                    ? learner.target_qualification_id
                                    : request->target_qualification_id();
    ASSIGN_OR_RETURN(value::Explanation explanation,
                     planner::ExplainValue(
                         *snapshot, options_.config, learner, request->credential_id(), target,
                         {request->weight_overrides().begin(), request->weight_overrides().end()}));
    ToProto(explanation, false, explanation.value_millipoints, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PlannerServiceImpl::GetPlan(grpc::CallbackServerContext* context,
                                                      const v1::GetPlanRequest* request,
                                                      v1::Plan* response) {
  return FinishOnPool(context, pool_, [this, request, response]() -> absl::Status {
    if (request->id().empty()) return core::InvalidField("id", "must not be empty");
    ASSIGN_OR_RETURN(storage::SavedPlan saved, catalog_->store().GetPlan(request->id()));
    ASSIGN_OR_RETURN(*response, ParsePlan(saved));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PlannerServiceImpl::ListPlans(grpc::CallbackServerContext* context,
                                                        const v1::ListPlansRequest* request,
                                                        v1::ListPlansResponse* response) {
  return FinishOnPool(context, pool_, [this, request, response]() -> absl::Status {
    if (request->learner_id().empty()) return core::InvalidField("learner_id", "must not be empty");
    ASSIGN_OR_RETURN(core::Learner learner, catalog_->store().GetLearner(request->learner_id()));
    const std::string fingerprint = "plans:" + learner.id;
    ASSIGN_OR_RETURN(PageStart start,
                     DecodePageRequest({request->page_size(), request->page_token(), fingerprint}));
    ASSIGN_OR_RETURN(std::vector<storage::SavedPlan> plans,
                     catalog_->store().ListPlans(learner.id, start.size + 1, start.after_id));
    const bool more = static_cast<int32_t>(plans.size()) > start.size;
    if (more) plans.pop_back();
    for (const storage::SavedPlan& saved : plans) {
      ASSIGN_OR_RETURN(*response->add_plans(), ParsePlan(saved));
    }
    if (more) response->set_next_page_token(EncodePageToken(plans.back().id, fingerprint));
    return absl::OkStatus();
  });
}

}  // namespace credpath::services
