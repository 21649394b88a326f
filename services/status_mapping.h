// The one place where absl::Status becomes grpc::Status.
//
// Codes map one to one. Field violations carried by the status (core/field_violations.h)
// become a google.rpc.BadRequest in the google.rpc.Status details, so that clients get
// both a readable message ("credentials[3].fee.minor_units: must be >= 0") and the
// structured field paths.
#pragma once

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"

namespace credpath::services {

grpc::Status ToGrpcStatus(const absl::Status& status);

// "INVALID_ARGUMENT" for grpc::StatusCode::INVALID_ARGUMENT (gRPC and absl number their
// codes alike); "CODE_<n>" for a number neither defines.
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace credpath::services
