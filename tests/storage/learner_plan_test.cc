// The SQLite store's learner and saved-plan half.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_store.h"
#include "tests/storage/store_test_support.h"

namespace credpath::storage {
namespace {

using testing::Day;
using ::testing::ElementsAre;
using testing::FullCredential;
using testing::FullLearner;
using testing::FullProvider;
using ::testing::HasSubstr;
using testing::TempDir;

class LearnerPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(dir_.File("credpath.db"));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    CatalogWrite write;
    write.upsert_providers = {FullProvider("P1")};
    for (const char* id : {"C1", "C2", "C3"}) {
      write.upsert_credentials.push_back(FullCredential(id, "P1", ""));
    }
    ASSERT_TRUE(store_->ApplyCatalogWrite(write).ok());
  }

  std::vector<std::string> PlanIds(const std::string& learner, int32_t limit,
                                   const std::string& after) {
    absl::StatusOr<std::vector<SavedPlan>> plans = store_->ListPlans(learner, limit, after);
    EXPECT_TRUE(plans.ok()) << plans.status();
    std::vector<std::string> ids;
    if (plans.ok()) {
      for (const SavedPlan& plan : *plans) ids.push_back(plan.id);
    }
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(LearnerPlanTest, LearnerRoundTripsEveryField) {
  const core::Learner learner = FullLearner("L1", "C1", "C2");
  ASSERT_TRUE(store_->UpsertLearner(learner).ok());
  absl::StatusOr<core::Learner> read = store_->GetLearner("L1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, learner);
}

TEST_F(LearnerPlanTest, EmptyOptionalsRoundTrip) {
  core::Learner learner;
  learner.id = "L-min";
  ASSERT_TRUE(store_->UpsertLearner(learner).ok());
  absl::StatusOr<core::Learner> read = store_->GetLearner("L-min");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, learner);
}

TEST_F(LearnerPlanTest, UpsertReplacesTheWholeLearnerAndKeepsTheirPlans) {
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  ASSERT_TRUE(store_->SavePlan({"plan-1", "L1", 10, "p"}).ok());
  core::Learner replacement = FullLearner("L1", "C3", "C2");
  replacement.profile.languages = {"de"};
  replacement.profile.deadline.reset();
  replacement.overrides.pop_back();
  replacement.wanted_skills.clear();
  ASSERT_TRUE(store_->UpsertLearner(replacement).ok());
  absl::StatusOr<core::Learner> read = store_->GetLearner("L1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, replacement);
  EXPECT_THAT(PlanIds("L1", 10, ""), ElementsAre("plan-1"));
}

TEST_F(LearnerPlanTest, UnknownIdsAreNotFoundNamingThem) {
  EXPECT_EQ(store_->GetLearner("nobody").status().code(), absl::StatusCode::kNotFound);
  absl::Status deleted = store_->DeleteLearner("nobody");
  EXPECT_EQ(deleted.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(deleted.message(), HasSubstr("\"nobody\""));
  absl::Status recorded = store_->RecordHeldCredentials("nobody", {{"C1", Day(1), ""}});
  EXPECT_EQ(recorded.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(recorded.message(), HasSubstr("learner \"nobody\""));
  EXPECT_EQ(store_->GetPlan("no-plan").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->ListPlans("nobody", 5, "").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(LearnerPlanTest, HeldCredentialsMustExist) {
  absl::Status upserted = store_->UpsertLearner(FullLearner("L1", "C1", "C-ghost"));
  EXPECT_EQ(upserted.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(upserted.message(), HasSubstr("held[0].credential_id: credential \"C-ghost\""));
  EXPECT_EQ(store_->GetLearner("L1").status().code(), absl::StatusCode::kNotFound);

  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  absl::Status recorded =
      store_->RecordHeldCredentials("L1", {{"C3", Day(5), ""}, {"C-ghost", Day(5), ""}});
  EXPECT_EQ(recorded.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(recorded.message(), HasSubstr("\"C-ghost\""));
  // Nothing of the rejected call was written: C3 is not held.
  EXPECT_EQ(store_->GetLearner("L1")->held, FullLearner("L1", "C1", "C2").held);
}

TEST_F(LearnerPlanTest, AConstraintFailureIsAReadablePrecondition) {
  core::Learner twice = FullLearner("L1", "C1", "C2");
  twice.held.push_back(twice.held.front());
  absl::Status status = store_->UpsertLearner(twice);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("learner \"L1\""));
  EXPECT_THAT(status.message(), HasSubstr("UNIQUE constraint failed: held_credential"));
}

TEST_F(LearnerPlanTest, RecordHeldCredentialsAddsAndReplacesByCredential) {
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  // FullLearner holds C2 then C1. C1 is replaced in place; C3 goes last.
  ASSERT_TRUE(
      store_->RecordHeldCredentials("L1", {{"C3", Day(30), "pass"}, {"C1", Day(31), "distinction"}})
          .ok());
  absl::StatusOr<core::Learner> read = store_->GetLearner("L1");
  ASSERT_TRUE(read.ok()) << read.status();
  const core::Learner original = FullLearner("L1", "C1", "C2");
  EXPECT_EQ(read->held,
            (std::vector<core::HeldCredential>{
                original.held[0], {"C1", Day(31), "distinction"}, {"C3", Day(30), "pass"}}));
}

TEST_F(LearnerPlanTest, DeletingALearnerDeletesTheirPlans) {
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  ASSERT_TRUE(store_->SavePlan({"plan-1", "L1", 10, "p"}).ok());
  ASSERT_TRUE(store_->DeleteLearner("L1").ok());
  EXPECT_EQ(store_->GetLearner("L1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetPlan("plan-1").status().code(), absl::StatusCode::kNotFound);
  // The learner's credentials may now go.
  CatalogWrite write;
  write.delete_credentials = {"C1", "C2"};
  EXPECT_TRUE(store_->ApplyCatalogWrite(write).ok());
}

TEST_F(LearnerPlanTest, PlansRoundTripIncludingBinaryPayloads) {
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  const std::string payload("\x00\x01proto\xff\x00tail", 13);
  const SavedPlan plan{"plan-1", "L1", 1760000000123, payload};
  ASSERT_TRUE(store_->SavePlan(plan).ok());
  absl::StatusOr<SavedPlan> read = store_->GetPlan("plan-1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->id, plan.id);
  EXPECT_EQ(read->learner_id, plan.learner_id);
  EXPECT_EQ(read->created_unix_ms, plan.created_unix_ms);
  EXPECT_EQ(read->payload, payload);

  EXPECT_EQ(store_->SavePlan(plan).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->SavePlan({"", "L1", 1, ""}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SavePlan({"plan-2", "ghost", 1, ""}).code(), absl::StatusCode::kNotFound);
  // A plan from an inline profile belongs to no stored learner.
  ASSERT_TRUE(store_->SavePlan({"plan-inline", "", 5, "x"}).ok());
  EXPECT_EQ(store_->GetPlan("plan-inline")->learner_id, "");
}

TEST_F(LearnerPlanTest, ListPlansIsNewestFirstAndPagesWithAfterId) {
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
  ASSERT_TRUE(store_->UpsertLearner(FullLearner("L2", "C1", "C2")).ok());
  // Equal times are ordered by id, descending, so that paging never skips or repeats.
  for (const SavedPlan& plan : std::vector<SavedPlan>{{"a", "L1", 100, ""},
                                                      {"b", "L1", 300, ""},
                                                      {"c", "L1", 200, ""},
                                                      {"d", "L1", 200, ""},
                                                      {"e", "L2", 400, ""},
                                                      {"f", "L1", 50, ""}}) {
    ASSERT_TRUE(store_->SavePlan(plan).ok());
  }
  EXPECT_THAT(PlanIds("L1", 10, ""), ElementsAre("b", "d", "c", "a", "f"));
  EXPECT_THAT(PlanIds("L1", 2, ""), ElementsAre("b", "d"));
  EXPECT_THAT(PlanIds("L1", 2, "d"), ElementsAre("c", "a"));
  EXPECT_THAT(PlanIds("L1", 2, "a"), ElementsAre("f"));
  EXPECT_THAT(PlanIds("L1", 2, "f"), ElementsAre());
  EXPECT_THAT(PlanIds("L2", 2, ""), ElementsAre("e"));

  EXPECT_EQ(store_->ListPlans("L1", 2, "e").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListPlans("L1", 2, "zz").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->ListPlans("L1", 0, "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListPlans("", 2, "").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace credpath::storage
