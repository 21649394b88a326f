// credpath.v1.LearnerService: learner profiles and held credentials, validated against the
// current catalogue and stored through the storage interface.
#pragma once

#include "catalog/catalog_manager.h"
#include "credpath/v1/learner_service.grpc.pb.h"
#include "services/worker_pool.h"

namespace credpath::services {

class LearnerServiceImpl final : public v1::LearnerService::CallbackService {
 public:
  // Neither argument is owned; both must outlive the service.
  LearnerServiceImpl(catalog::CatalogManager* catalog, WorkerPool* pool)
      : catalog_(catalog), pool_(pool) {}

  grpc::ServerUnaryReactor* UpsertLearner(grpc::CallbackServerContext* context,
                                          const v1::UpsertLearnerRequest* request,
                                          v1::Learner* response) override;
  grpc::ServerUnaryReactor* GetLearner(grpc::CallbackServerContext* context,
                                       const v1::GetLearnerRequest* request,
                                       v1::Learner* response) override;
  grpc::ServerUnaryReactor* DeleteLearner(grpc::CallbackServerContext* context,
                                          const v1::DeleteLearnerRequest* request,
                                          v1::DeleteLearnerResponse* response) override;
  grpc::ServerUnaryReactor* RecordHeldCredentials(grpc::CallbackServerContext* context,
                                                  const v1::RecordHeldCredentialsRequest* request,
                                                  v1::Learner* response) override;

 private:
  catalog::CatalogManager* const catalog_;
  WorkerPool* const pool_;
};

}  // namespace credpath::services
