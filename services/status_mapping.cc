#include "services/status_mapping.h"

#include <string>

#include "core/field_violations.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace credpath::services {

std::string StatusCodeName(grpc::StatusCode code) {
  const int number = static_cast<int>(code);
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(number));
  return name.empty() ? "CODE_" + std::to_string(number) : name;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbering.
  const auto code = static_cast<grpc::StatusCode>(static_cast<int>(status.code()));
  const std::string message(status.message());
  std::vector<core::FieldViolation> violations = core::GetFieldViolations(status);
  if (violations.empty()) return grpc::Status(code, message);

  google::rpc::BadRequest bad_request;
  for (const core::FieldViolation& v : violations) {
    google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace credpath::services
