// credpath.v1.CoherenceService: the coherence findings, verdict and credit audit of a
// proposed stack (coherence/check.h), against the current catalogue snapshot.
//
// The check only reads: it runs on the bounded worker pool (a stored learner is a store
// read, and checking remedies re-runs rules), so a full pool answers RESOURCE_EXHAUSTED.
#pragma once

#include <functional>

#include "catalog/catalog_manager.h"
#include "coherence/config.h"
#include "core/date.h"
#include "credpath/v1/coherence_service.grpc.pb.h"
#include "services/worker_pool.h"

namespace credpath::services {

class CoherenceServiceImpl final : public v1::CoherenceService::CallbackService {
 public:
  // Neither pointer is owned; both must outlive the service. `config` holds the thresholds
  // (docs/coherence.md); `today` gives the day a request without start_date starts on, the
  // system clock's UTC date when empty.
  CoherenceServiceImpl(catalog::CatalogManager* catalog, WorkerPool* pool,
                       coherence::CoherenceConfig config = {},
                       std::function<core::Date()> today = {});

  grpc::ServerUnaryReactor* CheckStack(grpc::CallbackServerContext* context,
                                       const v1::CheckStackRequest* request,
                                       v1::CheckStackResponse* response) override;

 private:
  catalog::CatalogManager* const catalog_;
  WorkerPool* const pool_;
  const coherence::CoherenceConfig config_;
  const std::function<core::Date()> today_;
};

}  // namespace credpath::services
