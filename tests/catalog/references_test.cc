// References between records: unknown ids (NOT_FOUND), deletes of what others still
// reference (FAILED_PRECONDITION), references resolved within one batch, replace_all,
// the order in which the three stages report, and agreement with the snapshot.
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "catalog/apply.h"
#include "catalog/validate.h"
#include "core/field_violations.h"
#include "tests/catalog/catalog_fixtures.h"

namespace credpath::catalog {
namespace {

using core::LinkType;
using core::RuleKind;
using storage::CatalogWrite;
using ::testing::HasSubstr;
using namespace testing;  // NOLINT: the fixtures

class ReferencesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(snapshot_, nullptr); }
  absl::Status Validate(const CatalogWrite& write) { return ValidateCatalogWrite(write, *snapshot_); }
  void ExpectStatus(const CatalogWrite& write, absl::StatusCode code, const std::string& message) {
    absl::Status status = Validate(write);
    EXPECT_EQ(status.code(), code) << status;
    EXPECT_EQ(status.message(), message);
  }

  std::shared_ptr<const graph::CatalogSnapshot> snapshot_ = MustBuild(BaseCatalog());
};

TEST_F(ReferencesTest, GoodBatchPassesAndBuildsASnapshot) {
  CatalogWrite write = GoodBatch();
  ASSERT_TRUE(Validate(write).ok()) << Validate(write);
  auto next = graph::CatalogSnapshot::Build(ApplyCatalogWrite(snapshot_->data(), write));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ((*next)->version(), 8);
  EXPECT_NE((*next)->FindCredential("c10"), nullptr);
  EXPECT_EQ((*next)->FindProvider("p9"), nullptr);
}

TEST_F(ReferencesTest, ReferencesWithinTheBatchResolve) {
  CatalogWrite write;
  write.upsert_providers = {MakeProvider("new-p")};
  write.upsert_credentials = {MakeCredential("new-a", "new-p"), MakeCredential("new-b", "new-p")};
  write.upsert_credentials[1].partner_provider_id = "p2";
  core::Qualification q = MakeQualification("new-q", "new-p");
  q.core_ids = {"new-a", "q1"};
  q.rules = Rule("All", RuleKind::kAllOf, {"new-b", "c4"});
  write.upsert_qualifications = {q};
  write.upsert_links = {MakeLink("new-a", "new-b", LinkType::kLeadsTo), MakeLink("new-b", "new-q", LinkType::kCreditToward),
                        MakeLink("new-q", "q1", LinkType::kCreditToward)};
  EXPECT_TRUE(Validate(write).ok()) << Validate(write);
}

TEST_F(ReferencesTest, UnknownProviderIsNotFound) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("c20", "nope")};
  ExpectStatus(write, absl::StatusCode::kNotFound, "credentials[0].provider_id: provider \"nope\" not found");
}

TEST_F(ReferencesTest, UnknownPartnerIsNotFound) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("c20", "p1")};
  write.upsert_credentials[0].partner_provider_id = "nope";
  ExpectStatus(write, absl::StatusCode::kNotFound,
               "credentials[0].partner_provider_id: provider \"nope\" not found");
}

TEST_F(ReferencesTest, UnknownQualificationProviderIsNotFound) {
  CatalogWrite write;
  write.upsert_qualifications = {MakeQualification("q20", "nope")};
  ExpectStatus(write, absl::StatusCode::kNotFound, "qualifications[0].provider_id: provider \"nope\" not found");
}

TEST_F(ReferencesTest, UnknownLinkEndpointsAreNotFound) {
  CatalogWrite write;
  write.upsert_links = {MakeLink("c1", "ghost", LinkType::kLeadsTo), MakeLink("ghost2", "q1", LinkType::kCreditToward),
                        MakeLink("c1", "ghost3", LinkType::kCreditToward)};
  ExpectStatus(write, absl::StatusCode::kNotFound,
               "links[0].to_id: credential \"ghost\" not found; "
               "links[1].from_id: credential or qualification \"ghost2\" not found; "
               "links[2].to_id: qualification \"ghost3\" not found");
}

TEST_F(ReferencesTest, UnknownCoreAndRuleItemsAreNotFound) {
  CatalogWrite write;
  core::Qualification q = MakeQualification("q20", "p1");
  q.core_ids = {"c1", "ghost"};
  q.rules = Rule("All", RuleKind::kAllOf, {"c2"}, {Rule("Inner", RuleKind::kAllOf, {"c3", "ghost2"})});
  write.upsert_qualifications = {q};
  ExpectStatus(write, absl::StatusCode::kNotFound,
               "qualifications[0].core_ids[1]: credential or qualification \"ghost\" not found; "
               "qualifications[0].rules.children[0].items[1]: credential or qualification \"ghost2\" not found");
}

TEST_F(ReferencesTest, DeletesOfUnknownIdsAreNotFound) {
  CatalogWrite write;
  write.delete_providers = {"nope"};
  write.delete_credentials = {"q9"};  // a qualification, not a credential
  write.delete_qualifications = {"c9"};
  write.delete_links = {KeyOfLink(MakeLink("c1", "c2", LinkType::kLeadsTo, 1))};
  ExpectStatus(write, absl::StatusCode::kNotFound,
               "delete_provider_ids[0]: provider \"nope\" not found; "
               "delete_credential_ids[0]: credential \"q9\" not found; "
               "delete_qualification_ids[0]: qualification \"c9\" not found; "
               "delete_links[0]: link c1 -> c2 (LEADS_TO, group 1) not found");
}

TEST_F(ReferencesTest, FieldRulesComeBeforeUnknownIds) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("c20", "nope")};
  write.upsert_credentials[0].effort_hours = -1;
  EXPECT_EQ(Validate(write).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ReferencesTest, UnknownIdsComeBeforeReferencedDeletes) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("c20", "nope")};
  write.delete_providers = {"p1"};
  EXPECT_EQ(Validate(write).code(), absl::StatusCode::kNotFound);
}

TEST_F(ReferencesTest, DeletingAReferencedProviderNamesTheReferrers) {
  CatalogWrite write;
  write.delete_providers = {"p1"};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_provider_ids[0]: provider \"p1\" is still referenced by credentials c1, c2, c3, c4 "
               "and qualifications q1");
}

TEST_F(ReferencesTest, PartnerReferencesCount) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("c20", "p1")};
  write.upsert_credentials[0].partner_provider_id = "p9";
  write.delete_providers = {"p9"};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_provider_ids[0]: provider \"p9\" is still referenced by credentials c20");
}

TEST_F(ReferencesTest, ReferrersRepointedOrDeletedInTheBatchDoNotCount) {
  CatalogWrite write;
  write.delete_providers = {"p2"};
  write.delete_credentials = {"c9"};  // by p2
  core::Qualification q9 = MakeQualification("q9", "p1");  // re-pointed from p2
  write.upsert_qualifications = {q9};
  EXPECT_TRUE(Validate(write).ok()) << Validate(write);
}

TEST_F(ReferencesTest, DeletingAReferencedCredentialNamesLinksAndQualifications) {
  CatalogWrite write;
  write.delete_credentials = {"c1"};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_credential_ids[0]: credential \"c1\" is still referenced by qualifications q1 "
               "and links c1 -> c2 (LEADS_TO, group 0)");
}

TEST_F(ReferencesTest, DeletingACredentialWithItsLinksAndRepointedQualificationPasses) {
  CatalogWrite write;
  write.delete_credentials = {"c1"};
  write.delete_links = {KeyOfLink(MakeLink("c1", "c2", LinkType::kLeadsTo))};
  core::Qualification q1 = BaseCatalog().qualifications[0];
  q1.core_ids = {"c2"};
  q1.rules->items = {"c2", "c3"};
  write.upsert_qualifications = {q1};
  EXPECT_TRUE(Validate(write).ok()) << Validate(write);
}

TEST_F(ReferencesTest, DeletingAQualificationNamesCreditLinks) {
  CatalogWrite write;
  write.delete_qualifications = {"q1"};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_qualification_ids[0]: qualification \"q1\" is still referenced by links "
               "c2 -> q1 (CREDIT_TOWARD)");
}

TEST_F(ReferencesTest, ALinkUpsertedToADeletedCredentialIsAReferrer) {
  CatalogWrite write;
  write.delete_credentials = {"c9"};
  write.upsert_links = {MakeLink("c4", "c9", LinkType::kLeadsTo)};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_credential_ids[0]: credential \"c9\" is still referenced by links c4 -> c9 (LEADS_TO, group 0)");
}

TEST_F(ReferencesTest, ManyReferrersAreCounted) {
  storage::CatalogData data = BaseCatalog();
  for (int i = 10; i < 25; ++i) data.credentials.push_back(MakeCredential(absl::StrCat("x", i), "p9"));
  auto snapshot = MustBuild(data);
  ASSERT_NE(snapshot, nullptr);
  CatalogWrite write;
  write.delete_providers = {"p9"};
  absl::Status status = ValidateCatalogWrite(write, *snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "delete_provider_ids[0]: provider \"p9\" is still referenced by credentials "
                              "x10, x11, x12, x13, x14, x15, x16, x17, x18, x19 and 5 more");
}

TEST_F(ReferencesTest, ManyUnknownIdsAreCounted) {
  CatalogWrite write;
  for (int i = 0; i < 25; ++i) write.upsert_credentials.push_back(MakeCredential(absl::StrCat("n", i), "nope"));
  absl::Status status = Validate(write);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(status.message()), ::testing::EndsWith("; and 5 more"));
  EXPECT_THAT(std::string(status.message()), ::testing::StartsWith("credentials[0].provider_id: provider \"nope\""));
}

TEST_F(ReferencesTest, AnIdOfTheOtherKindThatStaysIsAFailedPrecondition) {
  CatalogWrite write;
  write.upsert_credentials = {MakeCredential("q9", "p1")};
  write.upsert_qualifications = {MakeQualification("c9", "p1")};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "credentials[0].id: \"q9\" is already a qualification; "
               "qualifications[0].id: \"c9\" is already a credential");
}

TEST_F(ReferencesTest, AnIdMayChangeKindWhenTheOldRecordIsDeleted) {
  CatalogWrite write;
  write.delete_qualifications = {"q9"};
  write.upsert_credentials = {MakeCredential("q9", "p1")};
  EXPECT_TRUE(Validate(write).ok()) << Validate(write);
}

TEST_F(ReferencesTest, AKindChangeBreaksLinksOfTheOldKind) {
  CatalogWrite write;
  write.delete_qualifications = {"q1"};
  write.upsert_credentials = {MakeCredential("q1", "p1")};
  ExpectStatus(write, absl::StatusCode::kFailedPrecondition,
               "delete_qualification_ids[0]: qualification \"q1\" is still referenced by links "
               "c2 -> q1 (CREDIT_TOWARD)");
}

TEST_F(ReferencesTest, QualificationsMayNotContainEachOther) {
  storage::CatalogData data = BaseCatalog();
  data.qualifications[1].core_ids = {"q1"};  // q9 contains q1
  auto snapshot = MustBuild(data);
  ASSERT_NE(snapshot, nullptr);
  CatalogWrite write;
  core::Qualification q1 = data.qualifications[0];
  q1.rules->children = {Rule("Exit award", RuleKind::kAllOf, {"q9"})};
  write.upsert_qualifications = {q1};
  absl::Status status = ValidateCatalogWrite(write, *snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("qualifications[0].rules: qualifications would contain each other: "));
  EXPECT_THAT(std::string(status.message()), HasSubstr("q1 -> q9"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("q9 -> q1"));

  q1.rules->children = {Rule("Exit award", RuleKind::kAllOf, {"q2"})};
  core::Qualification q2 = MakeQualification("q2", "p1");
  q2.core_ids = {"c1"};
  write.upsert_qualifications = {q1, q2};
  EXPECT_TRUE(ValidateCatalogWrite(write, *snapshot).ok()) << ValidateCatalogWrite(write, *snapshot);
}

TEST_F(ReferencesTest, ReplaceAllIgnoresTheSnapshot) {
  CatalogWrite write;
  write.replace_all = true;
  write.upsert_credentials = {MakeCredential("c1", "p1")};
  ExpectStatus(write, absl::StatusCode::kNotFound, "credentials[0].provider_id: provider \"p1\" not found");
  write.upsert_providers = {MakeProvider("p1")};
  write.upsert_qualifications = {MakeQualification("c2", "p1")};  // c2 was a credential; no longer
  EXPECT_TRUE(Validate(write).ok()) << Validate(write);
}

TEST(ValidateLearnerTest, GoodLearnerPasses) {
  storage::CatalogData data = BaseCatalog();
  auto snapshot = MustBuild(data);
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(ValidateLearner(GoodLearner(), *snapshot, "learner").ok())
      << ValidateLearner(GoodLearner(), *snapshot, "learner");
}

TEST(ValidateLearnerTest, UnknownReferencesAreNotFound) {
  auto snapshot = MustBuild(BaseCatalog());
  ASSERT_NE(snapshot, nullptr);
  core::Learner learner = GoodLearner();
  learner.held[1].credential_id = "ghost";
  learner.overrides[0].credential_id = "ghost2";
  learner.overrides[0].target = "ghost3";
  learner.overrides[1].target = "No such rule";
  absl::Status status = ValidateLearner(learner, *snapshot, "learner");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(),
            "learner.held[1].credential_id: credential or qualification \"ghost\" not found; "
            "learner.overrides[0].credential_id: credential or qualification \"ghost2\" not found; "
            "learner.overrides[0].target: credential \"ghost3\" not found; "
            "learner.overrides[1].target: rule \"No such rule\" not found in qualification \"q1\"");
  learner = GoodLearner();
  learner.target_qualification_id = "c1";
  status = ValidateLearner(learner, *snapshot, "learner");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "learner.target_qualification_id: qualification \"c1\" not found");
}

TEST(ValidateLearnerTest, HeldCredentials) {
  auto snapshot = MustBuild(BaseCatalog());
  ASSERT_NE(snapshot, nullptr);
  std::vector<core::HeldCredential> held = {{"c1", D("2025-01-01"), ""}, {"q9", D("2025-02-01"), "Pass"}};
  EXPECT_TRUE(ValidateHeldCredentials(held, *snapshot, "held").ok());
  held.push_back({"c1", D("2025-03-01"), ""});
  absl::Status status = ValidateHeldCredentials(held, *snapshot, "held");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(core::GetFieldViolations(status),
            (std::vector<core::FieldViolation>{{"held[2].credential_id", "duplicate value"}}));
  held.back().credential_id = "ghost";
  status = ValidateHeldCredentials(held, *snapshot, "held");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "held[2].credential_id: credential or qualification \"ghost\" not found");
}

// Whatever the validator accepts, the snapshot accepts too (prerequisite cycles aside,
// which are the snapshot's to find): random batches over a small pool of ids, so that
// references, deletes and kind changes collide often.
TEST(ValidateAgreesWithSnapshotTest, AcceptedBatchesBuild) {
  const std::vector<std::string> items = {"c1", "c2", "c3", "c4", "c9", "q1", "q9", "c5", "q5", "c6"};
  const std::vector<std::string> providers = {"p1", "p2", "p9", "p5"};
  const std::vector<LinkType> types = {LinkType::kLeadsTo, LinkType::kCorequisite, LinkType::kRecommendedBefore,
                                       LinkType::kCreditToward, LinkType::kOverlaps};
  int accepted = 0;
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    std::mt19937 rng(seed);
    auto pick = [&rng](const auto& v) { return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)]; };
    auto chance = [&rng](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
    storage::CatalogData base = BaseCatalog();
    auto snapshot = MustBuild(base);
    ASSERT_NE(snapshot, nullptr);
    CatalogWrite write;
    if (chance(20)) write.upsert_providers.push_back(MakeProvider(pick(providers)));
    for (int i = 0; i < 2; ++i) {
      if (chance(50)) write.upsert_credentials.push_back(MakeCredential(pick(items), pick(providers)));
    }
    if (chance(40)) {
      core::Qualification q = MakeQualification(pick(items), pick(providers));
      q.core_ids = {pick(items)};
      q.rules = Rule("R", RuleKind::kAllOf, {pick(items)});
      write.upsert_qualifications.push_back(q);
    }
    for (int i = 0; i < 3; ++i) {
      if (!chance(50)) continue;
      std::string from = pick(items);
      std::string to = pick(items);
      LinkType type = pick(types);
      if (type == LinkType::kOverlaps && to < from) std::swap(from, to);
      write.upsert_links.push_back(MakeLink(from, to, type));
    }
    if (chance(30)) write.delete_providers.push_back(pick(providers));
    if (chance(30)) write.delete_credentials.push_back(pick(items));
    if (chance(20)) write.delete_qualifications.push_back(pick(items));
    if (chance(30)) write.delete_links.push_back(KeyOfLink(pick(base.links)));
    absl::Status status = ValidateCatalogWrite(write, *snapshot);
    if (!status.ok()) continue;
    ++accepted;
    auto next = graph::CatalogSnapshot::Build(ApplyCatalogWrite(base, write));
    if (!next.ok()) {
      EXPECT_THAT(std::string(next.status().message()), HasSubstr("prerequisite cycle")) << next.status();
    }
  }
  EXPECT_GT(accepted, 120);  // the generator must exercise the accepting path, not only rejections
}

}  // namespace
}  // namespace credpath::catalog
