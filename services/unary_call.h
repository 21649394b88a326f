// How a unary handler finishes: inline for reads of the snapshot (microseconds), or on
// the bounded worker pool for anything that blocks (SQLite commits), so that gRPC's
// callback threads never wait on disk.
#pragma once

#include <utility>

#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "services/status_mapping.h"
#include "services/worker_pool.h"

namespace credpath::services {

// `work` is `absl::Status()`; it fills the response before returning OK.
template <typename Work>
grpc::ServerUnaryReactor* FinishInline(grpc::CallbackServerContext* context, Work&& work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(work()));
  return reactor;
}

template <typename Work>
grpc::ServerUnaryReactor* FinishOnPool(grpc::CallbackServerContext* context, WorkerPool* pool,
                                       Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  bool queued = pool->TrySubmit([reactor, work = std::move(work)]() mutable {
    reactor->Finish(ToGrpcStatus(work()));
  });
  if (!queued) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: too many calls waiting; retry with backoff"));
  }
  return reactor;
}

}  // namespace credpath::services
