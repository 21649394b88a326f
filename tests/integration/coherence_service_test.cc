// CoherenceService over real gRPC against the real server binary, seeded with the demo
// catalogue (data/demo-catalog.json, docs/demo-catalog.md). Every request carries a fixed
// start_date, so nothing depends on the day the test runs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "credpath/v1/coherence_service.grpc.pb.h"
#include "tests/testing/server_process.h"

namespace credpath {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kStartDate[] = "2027-01-04";

// The demo learner who holds lw-excel-101 and lw-py-101, cannot attend onsite and aims at
// the Diploma of Software Development (100 credits; core ntafe-sd-201 and ntafe-sd-203).
constexpr char kCareerChanger[] = "learner-career-changer";
constexpr char kDiploma[] = "ntafe-dip-software-dev";

class CoherenceServiceTest : public ::testing::Test {
 protected:
  CoherenceServiceTest()
      : server_(dir_.path() + "/coherence.db", {"--quiet", "--seed", CREDPATH_DEMO_CATALOG}),
        coherence_(v1::CoherenceService::NewStub(server_.channel())) {}

  static v1::CheckStackRequest Request(const std::vector<std::string>& stack) {
    v1::CheckStackRequest request;
    for (const std::string& id : stack) request.add_credential_ids(id);
    request.set_learner_id(kCareerChanger);
    request.set_start_date(kStartDate);
    return request;
  }

  grpc::Status Check(const v1::CheckStackRequest& request, v1::CheckStackResponse* response) {
    grpc::ClientContext context;
    return coherence_->CheckStack(&context, request, response);
  }

  static std::vector<v1::Finding> Of(const v1::CheckStackResponse& response, v1::FindingCode code) {
    std::vector<v1::Finding> out;
    for (const v1::Finding& f : response.findings()) {
      if (f.code() == code) out.push_back(f);
    }
    return out;
  }

  testing::TempDir dir_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::CoherenceService::Stub> coherence_;
};

TEST_F(CoherenceServiceTest, ADemoStackGetsFindingsRemediesAndAnAudit) {
  // ntafe-sd-101 is mostly onsite (10 days), and the learner cannot attend onsite.
  v1::CheckStackRequest request =
      Request({"ntafe-sd-101", "ntafe-sd-201", "ntafe-db-101", "ntafe-sd-203"});
  v1::CheckStackResponse response;
  grpc::Status status = Check(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(response.catalog_version(), 0);
  EXPECT_EQ(response.verdict(), v1::VERDICT_NOT_COHERENT);
  ASSERT_FALSE(response.findings().empty());
  EXPECT_EQ(response.findings(0).severity(), v1::SEVERITY_BLOCKING);
  const std::vector<v1::Finding> onsite = Of(response, v1::FINDING_CODE_DELIVERY_MISMATCH);
  ASSERT_EQ(onsite.size(), 1u);
  EXPECT_THAT(onsite[0].credential_ids(), ElementsAre("ntafe-sd-101"));
  EXPECT_EQ(onsite[0].remedy(),
            "replace ntafe-sd-101 with ntafe-sd-101-ol, which needs no onsite attendance");
  // lw-py-101 (held) covers half of ntafe-sd-101.
  const std::vector<v1::Finding> overlap = Of(response, v1::FINDING_CODE_CONTENT_OVERLAP);
  ASSERT_EQ(overlap.size(), 1u);
  EXPECT_THAT(overlap[0].credential_ids(), ElementsAre("lw-py-101", "ntafe-sd-101"));

  ASSERT_TRUE(response.has_audit());
  const v1::CreditAudit& audit = response.audit();
  EXPECT_EQ(audit.qualification_id(), kDiploma);
  ASSERT_EQ(audit.items_size(), 6);
  EXPECT_EQ(audit.items(0).credential_id(), "lw-excel-101");
  EXPECT_EQ(audit.items(1).credential_id(), "lw-py-101");
  EXPECT_EQ(audit.items(2).credential_id(), "ntafe-sd-101");
  int64_t sum = 0;
  for (const v1::AuditItem& item : audit.items()) sum += item.credit_counted();
  EXPECT_EQ(audit.credit_total(), 40);
  EXPECT_EQ(sum, audit.credit_total());
  EXPECT_EQ(audit.credit_required(), 100);
  EXPECT_EQ(audit.credit_missing(), 60);
  EXPECT_THAT(audit.core_missing_ids(), IsEmpty());
  std::vector<std::string> unmet;
  for (const v1::RuleResult& rule : audit.unmet_rules()) unmet.push_back(rule.rule());
  EXPECT_THAT(unmet, ::testing::IsSupersetOf({"Capstone", "Specialisation"}));

  // The remedy, applied, removes the finding.
  request.set_credential_ids(0, "ntafe-sd-101-ol");
  ASSERT_TRUE(Check(request, &response).ok());
  EXPECT_THAT(Of(response, v1::FINDING_CODE_DELIVERY_MISMATCH), IsEmpty());
}

TEST_F(CoherenceServiceTest, AnInlineLearnerIsCheckedWithoutBeingStored) {
  v1::CheckStackRequest request = Request({"ntafe-sd-201"});
  v1::Learner* learner = request.mutable_learner();
  learner->mutable_profile()->set_can_attend_onsite(true);
  learner->set_target_qualification_id(kDiploma);
  // No held Python, no earlier item: ntafe-sd-201's prerequisite group is missing.
  v1::CheckStackResponse response;
  grpc::Status status = Check(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::vector<v1::Finding> missing = Of(response, v1::FINDING_CODE_PREREQUISITE_MISSING);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_THAT(missing[0].credential_ids(), ElementsAre("ntafe-sd-201"));
  EXPECT_THAT(missing[0].remedy(), HasSubstr("before ntafe-sd-201"));
  EXPECT_EQ(response.audit().qualification_id(), kDiploma);

  // Without a target there is no audit.
  learner->clear_target_qualification_id();
  ASSERT_TRUE(Check(request, &response).ok());
  EXPECT_FALSE(response.has_audit());

  learner->add_held()->set_credential_id("no-such-credential");
  learner->mutable_held(0)->set_earned_on("2026-01-01");
  status = Check(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("learner.held[0].credential_id"));
}

TEST_F(CoherenceServiceTest, UnknownIdsAreNotFoundAndNamed) {
  v1::CheckStackResponse response;
  grpc::Status status =
      Check(Request({"ntafe-sd-201", "no-such-one", "ntafe-sd-203", "nor-this"}), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("credential_ids[1]: credential \"no-such-one\""));
  EXPECT_THAT(status.error_message(), HasSubstr("credential_ids[3]: credential \"nor-this\""));

  v1::CheckStackRequest request = Request({"ntafe-sd-201"});
  request.set_target_qualification_id("no-such-qualification");
  status = Check(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("target_qualification_id"));

  request = Request({"ntafe-sd-201"});
  request.set_learner_id("nobody");
  status = Check(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("learner_id: learner \"nobody\""));
}

TEST_F(CoherenceServiceTest, BadRequestsAreInvalidArguments) {
  v1::CheckStackResponse response;
  grpc::Status status = Check(Request({}), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("credential_ids: must not be empty"));

  status = Check(Request({"ntafe-sd-201", "ntafe-sd-203", "ntafe-sd-201"}), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("credential_ids[2]: repeats credential_ids[0] (\"ntafe-sd-201\")"));

  v1::CheckStackRequest request = Request({"ntafe-sd-201"});
  request.set_start_date("04/01/2027");
  status = Check(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("start_date"));

  request = Request({"ntafe-sd-201"});
  request.clear_learner_id();
  status = Check(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("learner_id"));
}

}  // namespace
}  // namespace credpath
