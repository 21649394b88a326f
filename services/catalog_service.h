// credpath.v1.CatalogService: catalogue reads from the snapshot, writes through the
// CatalogManager (one atomic batch per call), native JSON import and export, and stats.
#pragma once

#include "catalog/catalog_manager.h"
#include "credpath/v1/catalog_service.grpc.pb.h"
#include "services/worker_pool.h"

namespace credpath::services {

class CatalogServiceImpl final : public v1::CatalogService::CallbackService {
 public:
  // Neither argument is owned; both must outlive the service.
  CatalogServiceImpl(catalog::CatalogManager* catalog, WorkerPool* pool)
      : catalog_(catalog), pool_(pool) {}

  grpc::ServerUnaryReactor* UpsertProviders(grpc::CallbackServerContext* context,
                                            const v1::UpsertProvidersRequest* request,
                                            v1::UpsertProvidersResponse* response) override;
  grpc::ServerUnaryReactor* GetProvider(grpc::CallbackServerContext* context,
                                        const v1::GetProviderRequest* request,
                                        v1::Provider* response) override;
  grpc::ServerUnaryReactor* ListProviders(grpc::CallbackServerContext* context,
                                          const v1::ListProvidersRequest* request,
                                          v1::ListProvidersResponse* response) override;
  grpc::ServerUnaryReactor* DeleteProvider(grpc::CallbackServerContext* context,
                                           const v1::DeleteProviderRequest* request,
                                           v1::DeleteProviderResponse* response) override;

  grpc::ServerUnaryReactor* UpsertCredentials(grpc::CallbackServerContext* context,
                                              const v1::UpsertCredentialsRequest* request,
                                              v1::UpsertCredentialsResponse* response) override;
  grpc::ServerUnaryReactor* GetCredential(grpc::CallbackServerContext* context,
                                          const v1::GetCredentialRequest* request,
                                          v1::Credential* response) override;
  grpc::ServerUnaryReactor* ListCredentials(grpc::CallbackServerContext* context,
                                            const v1::ListCredentialsRequest* request,
                                            v1::ListCredentialsResponse* response) override;
  grpc::ServerUnaryReactor* DeleteCredential(grpc::CallbackServerContext* context,
                                             const v1::DeleteCredentialRequest* request,
                                             v1::DeleteCredentialResponse* response) override;

  grpc::ServerUnaryReactor* UpsertQualifications(grpc::CallbackServerContext* context,
                                                 const v1::UpsertQualificationsRequest* request,
                                                 v1::UpsertQualificationsResponse* response) override;
  grpc::ServerUnaryReactor* GetQualification(grpc::CallbackServerContext* context,
                                             const v1::GetQualificationRequest* request,
                                             v1::Qualification* response) override;
  grpc::ServerUnaryReactor* ListQualifications(grpc::CallbackServerContext* context,
                                               const v1::ListQualificationsRequest* request,
                                               v1::ListQualificationsResponse* response) override;
  grpc::ServerUnaryReactor* DeleteQualification(grpc::CallbackServerContext* context,
                                                const v1::DeleteQualificationRequest* request,
                                                v1::DeleteQualificationResponse* response) override;

  grpc::ServerUnaryReactor* UpsertLinks(grpc::CallbackServerContext* context,
                                        const v1::UpsertLinksRequest* request,
                                        v1::UpsertLinksResponse* response) override;
  grpc::ServerUnaryReactor* DeleteLinks(grpc::CallbackServerContext* context,
                                        const v1::DeleteLinksRequest* request,
                                        v1::DeleteLinksResponse* response) override;
  grpc::ServerUnaryReactor* ListLinks(grpc::CallbackServerContext* context,
                                      const v1::ListLinksRequest* request,
                                      v1::ListLinksResponse* response) override;

  grpc::ServerUnaryReactor* BatchWriteCatalog(grpc::CallbackServerContext* context,
                                              const v1::BatchWriteCatalogRequest* request,
                                              v1::BatchWriteCatalogResponse* response) override;
  grpc::ServerUnaryReactor* ImportCatalog(grpc::CallbackServerContext* context,
                                          const v1::ImportCatalogRequest* request,
                                          v1::ImportCatalogResponse* response) override;
  grpc::ServerUnaryReactor* ExportCatalog(grpc::CallbackServerContext* context,
                                          const v1::ExportCatalogRequest* request,
                                          v1::ExportCatalogResponse* response) override;
  grpc::ServerUnaryReactor* GetCatalogStats(grpc::CallbackServerContext* context,
                                            const v1::GetCatalogStatsRequest* request,
                                            v1::GetCatalogStatsResponse* response) override;

 private:
  // Validates, commits and publishes `write` on the pool; `respond` fills the response
  // from the new version once committed.
  template <typename Respond>
  grpc::ServerUnaryReactor* Write(grpc::CallbackServerContext* context,
                                  absl::StatusOr<storage::CatalogWrite> write, Respond respond);

  catalog::CatalogManager* const catalog_;
  WorkerPool* const pool_;
};

}  // namespace credpath::services
