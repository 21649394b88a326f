// One structured log line per call, for every service including health and reflection:
// {"method":..., "status":..., "latency_ms":..., "request_bytes":..., "response_bytes":...}
// written to the given stream with one write per line.
#pragma once

#include <cstdio>
#include <memory>

#include <grpcpp/support/server_interceptor.h>

namespace credpath::services {

class CallLogInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `out` must outlive the server; nullptr disables logging.
  explicit CallLogInterceptorFactory(FILE* out) : out_(out) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  FILE* const out_;
};

}  // namespace credpath::services
