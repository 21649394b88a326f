// The credpath gRPC server: the four credpath.v1 services, grpc.health.v1.Health and
// server reflection, on the callback API.
//
// Options holds every default in one place. Handlers are thin: they validate, take the
// snapshot, convert, call the domain and map the status (services/status_mapping.h);
// writes and other blocking work run on a bounded WorkerPool, and a full pool answers
// RESOURCE_EXHAUSTED. Thread safety: Start, port and Shutdown may be called from any thread.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "catalog/catalog_manager.h"
#include "services/planner_service.h"

namespace grpc {
class Server;
}

namespace credpath::services {

struct ServerOptions {
  std::string listen_address = "127.0.0.1:50051";  // port 0 picks a free port
  int worker_threads = 4;          // threads for writes and other blocking work
  size_t max_queued_calls = 1024;  // waiting calls before RESOURCE_EXHAUSTED
  int max_receive_message_bytes = 64 << 20;
  int max_send_message_bytes = 64 << 20;
  FILE* call_log = stderr;  // one JSON line per call; nullptr: none
  PlannerOptions planner;   // value model settings and search time limits
};

class Server {
 public:
  // Binds and starts serving. `catalog` must outlive the server.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                       catalog::CatalogManager* catalog);
  ~Server();

  // The bound port (the chosen one when the address asked for port 0).
  int port() const { return port_; }

  // Stops accepting calls, lets calls in flight finish for up to `grace_seconds`, then
  // cancels the rest. Health reports NOT_SERVING meanwhile.
  void Shutdown(double grace_seconds);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl, int port);

  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace credpath::services
