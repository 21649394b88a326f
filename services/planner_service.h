// credpath.v1.PlannerService: pathways, value explanations and saved plans.
//
// Planning is CPU-bound and runs on the bounded worker pool (a full pool answers
// RESOURCE_EXHAUSTED). The search's time limit is the request's (or the server's default),
// cut so that the answer is ready by the call's deadline (planner/plan_request.h), so a
// deadline yields the best pathways found with their bound rather than DEADLINE_EXCEEDED; a
// cancelled call stops the search through its stop flag. StreamPathways sends each
// improving best pathway as it is found, with at most one write in flight (later
// improvements replace a waiting one), then the final answer. A unary call's request and
// reply live on one arena (arena_allocator.h).
#pragma once

#include "catalog/catalog_manager.h"
#include "credpath/v1/planner_service.grpc.pb.h"
#include "planner/planner.h"
#include "services/arena_allocator.h"
#include "services/worker_pool.h"

namespace credpath::services {

struct PlannerOptions {
  planner::PlannerConfig config;
  double default_time_limit_seconds = 2;
};

class PlannerServiceImpl final : public v1::PlannerService::CallbackService {
 public:
  // Neither pointer is owned; both must outlive the service.
  PlannerServiceImpl(catalog::CatalogManager* catalog, WorkerPool* pool, PlannerOptions options)
      : catalog_(catalog), pool_(pool), options_(std::move(options)) {
    SetMessageAllocatorFor_PlanPathways(&plan_allocator_);
  }

  grpc::ServerUnaryReactor* PlanPathways(grpc::CallbackServerContext* context,
                                         const v1::PlanPathwaysRequest* request,
                                         v1::PlanPathwaysResponse* response) override;
  grpc::ServerWriteReactor<v1::PlanPathwaysResponse>* StreamPathways(
      grpc::CallbackServerContext* context, const v1::PlanPathwaysRequest* request) override;
  grpc::ServerUnaryReactor* ExplainValue(grpc::CallbackServerContext* context,
                                         const v1::ExplainValueRequest* request,
                                         v1::ValueExplanation* response) override;
  grpc::ServerUnaryReactor* GetPlan(grpc::CallbackServerContext* context,
                                    const v1::GetPlanRequest* request, v1::Plan* response) override;
  grpc::ServerUnaryReactor* ListPlans(grpc::CallbackServerContext* context,
                                      const v1::ListPlansRequest* request,
                                      v1::ListPlansResponse* response) override;

 private:
  class UnaryPlan;
  class StreamPlan;

  catalog::CatalogManager* const catalog_;
  WorkerPool* const pool_;
  const PlannerOptions options_;
  ArenaMessageAllocator<v1::PlanPathwaysRequest, v1::PlanPathwaysResponse> plan_allocator_;
};

}  // namespace credpath::services
