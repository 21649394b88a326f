#include "services/status_mapping.h"

#include <gtest/gtest.h>

#include "core/field_violations.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace credpath::services {
namespace {

TEST(StatusMappingTest, CodesMapOneToOne) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("credential \"x\" not found")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::FailedPreconditionError("cycle")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("busy")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(ToGrpcStatus(absl::NotFoundError("x")).error_details().empty());
}

TEST(StatusMappingTest, FieldViolationsBecomeBadRequestDetails) {
  core::FieldViolations violations;
  violations.Add("credentials[3].fee.minor_units", "must be >= 0");
  violations.Add("credentials[4].id", "must not be empty");
  grpc::Status status = ToGrpcStatus(violations.ToStatus());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "credentials[3].fee.minor_units: must be >= 0; credentials[4].id: must not be empty");
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), 3);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "credentials[3].fee.minor_units");
  EXPECT_EQ(bad_request.field_violations(0).description(), "must be >= 0");
  EXPECT_EQ(bad_request.field_violations(1).field(), "credentials[4].id");
}

}  // namespace
}  // namespace credpath::services
