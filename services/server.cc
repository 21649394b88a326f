#include "services/server.h"

#include <chrono>
#include <vector>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "services/call_log.h"
#include "services/catalog_service.h"
#include "services/coherence_service.h"
#include "services/learner_service.h"
#include "services/planner_service.h"
#include "services/worker_pool.h"

namespace credpath::services {

struct Server::Impl {
  Impl(const ServerOptions& options, catalog::CatalogManager* catalog)
      : pool(options.worker_threads, options.max_queued_calls),
        catalog_service(catalog, &pool),
        learner_service(catalog, &pool),
        planner_service(catalog, &pool, options.planner),
        coherence_service(catalog, &pool, options.planner.config.coherence) {}

  WorkerPool pool;
  CatalogServiceImpl catalog_service;
  LearnerServiceImpl learner_service;
  PlannerServiceImpl planner_service;
  CoherenceServiceImpl coherence_service;  // the planner's thresholds: plans and checks agree
  std::unique_ptr<grpc::Server> server;
};

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                      catalog::CatalogManager* catalog) {
  if (options.worker_threads < 1) return absl::InvalidArgumentError("worker threads must be >= 1");
  auto impl = std::make_unique<Impl>(options, catalog);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(options.max_send_message_bytes);
  builder.RegisterService(&impl->catalog_service);
  builder.RegisterService(&impl->learner_service);
  builder.RegisterService(&impl->planner_service);
  builder.RegisterService(&impl->coherence_service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<CallLogInterceptorFactory>(options.call_log));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  impl->server = builder.BuildAndStart();
  if (impl->server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + options.listen_address);
  }
  return std::unique_ptr<Server>(new Server(std::move(impl), port));
}

Server::Server(std::unique_ptr<Impl> impl, int port) : impl_(std::move(impl)), port_(port) {}

Server::~Server() { Shutdown(0); }

void Server::Shutdown(double grace_seconds) {
  if (impl_ == nullptr || impl_->server == nullptr) return;
  impl_->server->GetHealthCheckService()->Shutdown();
  auto deadline = std::chrono::system_clock::now() +
                  std::chrono::milliseconds(static_cast<int64_t>(grace_seconds * 1000));
  impl_->server->Shutdown(deadline);
  impl_->server->Wait();
  impl_->server.reset();
}

}  // namespace credpath::services
