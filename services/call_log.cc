#include "services/call_log.h"

#include <google/protobuf/message_lite.h>

#include <chrono>
#include <string>

#include "nlohmann/json.hpp"
#include "services/status_mapping.h"

namespace credpath::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

class CallLogInterceptor : public grpc::experimental::Interceptor {
 public:
  CallLogInterceptor(FILE* out, std::string method)
      : out_(out),
        method_(std::move(method)),
        // Only our own services are known to carry generated protobuf messages; the
        // built-in health service sends raw byte buffers.
        protobuf_request_(method_.rfind("/credpath.", 0) == 0),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        protobuf_request_ && methods->GetRecvMessage() != nullptr) {
      request_bytes_ += static_cast<const google::protobuf::MessageLite*>(methods->GetRecvMessage())
                            ->ByteSizeLong();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      grpc::ByteBuffer* buffer = methods->GetSerializedSendMessage();
      if (buffer != nullptr) response_bytes_ += buffer->Length();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      double latency_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
              .count();
      nlohmann::json line = {{"method", method_},
                             {"status", StatusCodeName(status.error_code())},
                             {"latency_ms", std::round(latency_ms * 1000) / 1000},
                             {"request_bytes", request_bytes_},
                             {"response_bytes", response_bytes_}};
      if (!status.ok()) line["message"] = status.error_message();
      std::string text = line.dump() + "\n";
      std::fwrite(text.data(), 1, text.size(), out_);
      std::fflush(out_);
    }
    methods->Proceed();
  }

 private:
  FILE* const out_;
  const std::string method_;
  const bool protobuf_request_;
  const std::chrono::steady_clock::time_point start_;
  size_t request_bytes_ = 0;
  size_t response_bytes_ = 0;
};

}  // namespace

grpc::experimental::Interceptor* CallLogInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (out_ == nullptr) return nullptr;
  return new CallLogInterceptor(out_, info->method());
}

}  // namespace credpath::services
