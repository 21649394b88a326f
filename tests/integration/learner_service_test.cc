// LearnerService over real gRPC against the real server binary.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "credpath/v1/catalog_service.grpc.pb.h"
#include "credpath/v1/learner_service.grpc.pb.h"
#include "tests/testing/records.h"
#include "tests/testing/server_process.h"

namespace credpath {
namespace {

using ::credpath::testing::MakeCredential;
using ::credpath::testing::MakeProvider;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

v1::Learner MakeLearner(const std::string& id) {
  v1::Learner learner;
  learner.set_id(id);
  learner.set_display_name("Sam");
  v1::LearnerProfile* profile = learner.mutable_profile();
  profile->set_motivation(v1::MOTIVATION_CAREER_ADVANTAGE);
  profile->mutable_money_budget()->set_minor_units(300000);
  profile->mutable_money_budget()->set_currency("AUD");
  profile->set_hours_per_week(8);
  profile->set_time_budget_hours(200);
  profile->set_can_attend_onsite(false);
  v1::HeldCredential* held = learner.add_held();
  held->set_credential_id("c1");
  held->set_earned_on("2025-06-30");
  held->set_grade("distinction");
  return learner;
}

class LearnerServiceTest : public ::testing::Test {
 protected:
  LearnerServiceTest()
      : server_(dir_.path() + "/learners.db", {"--quiet"}),
        catalog_(v1::CatalogService::NewStub(server_.channel())),
        learners_(v1::LearnerService::NewStub(server_.channel())) {
    v1::BatchWriteCatalogRequest request;
    *request.add_providers() = MakeProvider("p1");
    *request.add_credentials() = MakeCredential("c1", "p1");
    *request.add_credentials() = MakeCredential("c2", "p1");
    v1::BatchWriteCatalogResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(catalog_->BatchWriteCatalog(&context, request, &response).ok());
  }

  grpc::Status Upsert(const v1::Learner& learner) {
    v1::UpsertLearnerRequest request;
    *request.mutable_learner() = learner;
    v1::Learner response;
    grpc::ClientContext context;
    return learners_->UpsertLearner(&context, request, &response);
  }

  grpc::Status Get(const std::string& id, v1::Learner* learner) {
    v1::GetLearnerRequest request;
    request.set_id(id);
    grpc::ClientContext context;
    return learners_->GetLearner(&context, request, learner);
  }

  testing::TempDir dir_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  std::unique_ptr<v1::LearnerService::Stub> learners_;
};

TEST_F(LearnerServiceTest, UpsertGetDelete) {
  v1::Learner learner = MakeLearner("l1");
  grpc::Status status = Upsert(learner);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::Learner fetched;
  ASSERT_TRUE(Get("l1", &fetched).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(fetched, learner)) << fetched.DebugString();

  v1::DeleteLearnerRequest remove;
  remove.set_id("l1");
  v1::DeleteLearnerResponse removed;
  grpc::ClientContext context;
  ASSERT_TRUE(learners_->DeleteLearner(&context, remove, &removed).ok());
  EXPECT_EQ(Get("l1", &fetched).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(LearnerServiceTest, RecordHeldCredentialsAddsToTheRecord) {
  ASSERT_TRUE(Upsert(MakeLearner("l1")).ok());
  v1::RecordHeldCredentialsRequest request;
  request.set_learner_id("l1");
  v1::HeldCredential* held = request.add_held();
  held->set_credential_id("c2");
  held->set_earned_on("2026-03-01");
  v1::Learner response;
  grpc::ClientContext context;
  grpc::Status status = learners_->RecordHeldCredentials(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.held_size(), 2);
}

TEST_F(LearnerServiceTest, BadInputIsNamedAndNothingIsWritten) {
  v1::Learner negative = MakeLearner("l1");
  negative.mutable_profile()->set_hours_per_week(-3);
  grpc::Status status = Upsert(negative);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("learner.profile.hours_per_week"));

  v1::Learner bad_date = MakeLearner("l1");
  bad_date.mutable_held(0)->set_earned_on("30/06/2025");
  status = Upsert(bad_date);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("learner.held[0].earned_on"));

  v1::Learner unknown = MakeLearner("l1");
  unknown.mutable_held(0)->set_credential_id("no-such-credential");
  status = Upsert(unknown);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-credential"));

  v1::Learner fetched;
  EXPECT_EQ(Get("l1", &fetched).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::RecordHeldCredentialsRequest record;
  record.set_learner_id("nobody");
  record.add_held()->set_credential_id("c1");
  record.mutable_held(0)->set_earned_on("2026-01-01");
  v1::Learner response;
  grpc::ClientContext context;
  EXPECT_EQ(learners_->RecordHeldCredentials(&context, record, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace credpath
