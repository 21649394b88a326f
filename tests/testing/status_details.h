// Reading the google.rpc details of a gRPC status in tests.
#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace credpath::testing {

// The field paths of the BadRequest field violations a status carries, in order.
inline std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> fields;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

}  // namespace credpath::testing
