#include "graph/snapshot.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"

namespace credpath::graph {
namespace {

using ::credpath::graph::testing::MakeCatalog;
using ::credpath::graph::testing::MakeCredential;
using ::credpath::graph::testing::MakeLink;
using ::credpath::graph::testing::MakeProvider;
using ::credpath::graph::testing::MakeQualification;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<CredentialIndex> ToVector(std::span<const CredentialIndex> span) {
  return {span.begin(), span.end()};
}

std::shared_ptr<const CatalogSnapshot> BuildOrDie(storage::CatalogData data) {
  absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
      CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

// Expects FAILED_PRECONDITION with a message containing `culprit`.
void ExpectRejected(storage::CatalogData data, const std::string& culprit) {
  absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
      CatalogSnapshot::Build(std::move(data));
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(snapshot.status().message()), HasSubstr(culprit));
}

TEST(CatalogSnapshotTest, EmptyCatalogue) {
  auto snapshot = BuildOrDie({});
  ASSERT_NE(snapshot, nullptr);
  EXPECT_THAT(snapshot->credentials(), IsEmpty());
  EXPECT_EQ(snapshot->FindCredential("C1"), nullptr);
  EXPECT_EQ(snapshot->CredentialIndexOf("C1"), std::nullopt);
}

TEST(CatalogSnapshotTest, SortsRecordsAndIndexesThemById) {
  storage::CatalogData data;
  data.version = 7;
  data.providers = {MakeProvider("P2"), MakeProvider("P1")};
  data.credentials = {MakeCredential("C3", "P1"), MakeCredential("C1", "P2"),
                      MakeCredential("C2", "P1")};
  data.qualifications = {MakeQualification("Q2", "P1"), MakeQualification("Q1", "P2")};
  data.links = {MakeLink("C2", "C3"), MakeLink("C1", "Q1", core::LinkType::kCreditToward),
                MakeLink("C1", "C2")};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);

  EXPECT_EQ(snapshot->version(), 7);
  ASSERT_EQ(snapshot->credentials().size(), 3u);
  EXPECT_EQ(snapshot->credentials()[0].id, "C1");
  EXPECT_EQ(snapshot->credentials()[2].id, "C3");
  EXPECT_EQ(snapshot->providers()[0].id, "P1");
  EXPECT_EQ(snapshot->qualifications()[0].id, "Q1");
  ASSERT_EQ(snapshot->links().size(), 3u);
  EXPECT_EQ(snapshot->links()[0].to_id, "C2");
  EXPECT_EQ(snapshot->links()[1].to_id, "Q1");
  EXPECT_EQ(snapshot->links()[2].from_id, "C2");

  EXPECT_EQ(snapshot->CredentialIndexOf("C2"), 1);
  ASSERT_NE(snapshot->FindCredential("C3"), nullptr);
  EXPECT_EQ(snapshot->FindCredential("C3")->provider_id, "P1");
  ASSERT_NE(snapshot->FindProvider("P2"), nullptr);
  EXPECT_EQ(snapshot->FindProvider("P2")->id, "P2");
  ASSERT_NE(snapshot->FindQualification("Q2"), nullptr);
  EXPECT_EQ(snapshot->FindQualification("Q2")->id, "Q2");
  EXPECT_EQ(snapshot->FindCredential("Q1"), nullptr);
  EXPECT_EQ(snapshot->FindQualification("C1"), nullptr);
  EXPECT_EQ(snapshot->FindProvider("C1"), nullptr);
}

TEST(CatalogSnapshotTest, SortsShuffledRecordsInStringOrder) {
  // Ids share long prefixes and run past the 16 bytes the sort keys hold.
  const uint64_t seed = testing::TestSeed();
  SCOPED_TRACE("seed=" + std::to_string(seed) + " (set CREDPATH_TEST_SEED to replay)");
  std::mt19937_64 rng(seed);
  std::set<std::string> unique_ids;
  while (unique_ids.size() < 300) {
    std::string id = rng() % 2 == 0 ? "credential-of-programme-" : "c";
    const size_t length = rng() % 8;
    for (size_t i = 0; i < length; ++i) id += static_cast<char>("ab\xff"[rng() % 3]);
    unique_ids.insert(id);
  }
  std::vector<std::string> ids(unique_ids.begin(), unique_ids.end());
  std::vector<std::pair<std::string, std::string>> prerequisites;
  for (size_t i = 0; i < 600; ++i) {
    size_t a = rng() % ids.size(), b = rng() % ids.size();
    if (a == b) continue;
    // Edges go forward in string order, so there is no cycle.
    if (a > b) std::swap(a, b);
    prerequisites.emplace_back(ids[a], ids[b]);
  }
  std::sort(prerequisites.begin(), prerequisites.end());
  prerequisites.erase(std::unique(prerequisites.begin(), prerequisites.end()), prerequisites.end());

  storage::CatalogData data = MakeCatalog(ids, prerequisites);
  std::shuffle(data.credentials.begin(), data.credentials.end(), rng);
  std::shuffle(data.links.begin(), data.links.end(), rng);
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->credentials().size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(snapshot->credentials()[i].id, ids[i]);
  ASSERT_EQ(snapshot->links().size(), prerequisites.size());
  for (size_t i = 0; i < prerequisites.size(); ++i) {
    EXPECT_EQ(snapshot->links()[i].from_id, prerequisites[i].first);
    EXPECT_EQ(snapshot->links()[i].to_id, prerequisites[i].second);
  }
}

TEST(CatalogSnapshotTest, GroupsPrerequisitesByGroupNumber) {
  // D needs (A or B) and C; group numbers need not be dense or in link order.
  storage::CatalogData data = MakeCatalog({"A", "B", "C", "D", "E"});
  data.links = {MakeLink("C", "D", core::LinkType::kLeadsTo, 2),
                MakeLink("B", "D", core::LinkType::kLeadsTo, 7),
                MakeLink("A", "D", core::LinkType::kLeadsTo, 7),
                MakeLink("A", "E", core::LinkType::kLeadsTo, 0)};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  const CredentialIndex a = 0, b = 1, c = 2, d = 3, e = 4;

  ASSERT_EQ(snapshot->PrerequisiteGroupCount(d), 2u);
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(d, 0)), ElementsAre(c));
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(d, 1)), ElementsAre(a, b));
  ASSERT_EQ(snapshot->PrerequisiteGroupCount(e), 1u);
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(e, 0)), ElementsAre(a));
  EXPECT_EQ(snapshot->PrerequisiteGroupCount(a), 0u);
  EXPECT_EQ(snapshot->PrerequisiteGroupCount(c), 0u);

  EXPECT_THAT(ToVector(snapshot->Dependents(a)), ElementsAre(d, e));
  EXPECT_THAT(ToVector(snapshot->Dependents(b)), ElementsAre(d));
  EXPECT_THAT(ToVector(snapshot->Dependents(d)), IsEmpty());
}

TEST(CatalogSnapshotTest, DependentsListEachCredentialOnce) {
  // A sits in two groups of C; C depends on A once.
  storage::CatalogData data = MakeCatalog({"A", "B", "C"});
  data.links = {MakeLink("A", "C", core::LinkType::kLeadsTo, 0),
                MakeLink("A", "C", core::LinkType::kLeadsTo, 1),
                MakeLink("B", "C", core::LinkType::kLeadsTo, 1)};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->PrerequisiteGroupCount(2), 2u);
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(2, 0)), ElementsAre(0));
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(2, 1)), ElementsAre(0, 1));
  EXPECT_THAT(ToVector(snapshot->Dependents(0)), ElementsAre(2));
}

TEST(CatalogSnapshotTest, CorequisitesAreKeptApartFromPrerequisiteGroups) {
  storage::CatalogData data = MakeCatalog({"A", "B", "C"});
  data.links = {MakeLink("A", "C", core::LinkType::kCorequisite),
                MakeLink("B", "C", core::LinkType::kCorequisite),
                MakeLink("A", "B", core::LinkType::kLeadsTo)};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_THAT(ToVector(snapshot->Corequisites(2)), ElementsAre(0, 1));
  EXPECT_EQ(snapshot->PrerequisiteGroupCount(2), 0u);
  EXPECT_THAT(ToVector(snapshot->Corequisites(1)), IsEmpty());
  EXPECT_THAT(ToVector(snapshot->Dependents(0)), ElementsAre(1));
}

TEST(CatalogSnapshotTest, AcceptsEveryLinkTypeBetweenTheRightEndpoints) {
  storage::CatalogData data = MakeCatalog({"A", "B"});
  data.qualifications = {MakeQualification("Q"), MakeQualification("R")};
  data.qualifications[0].core_ids = {"A", "R"};
  core::RuleNode rules;
  rules.kind = core::RuleKind::kAtLeastItems;
  rules.min_items = 1;
  core::RuleNode child;
  child.name = "nested";
  child.items = {"B"};
  rules.children.push_back(child);
  data.qualifications[0].rules = rules;
  data.links = {MakeLink("A", "Q", core::LinkType::kCreditToward),
                MakeLink("R", "Q", core::LinkType::kCreditToward),
                MakeLink("A", "B", core::LinkType::kOverlaps),
                MakeLink("B", "A", core::LinkType::kRecommendedBefore),
                MakeLink("A", "B", core::LinkType::kRecommendedBefore)};
  EXPECT_NE(BuildOrDie(std::move(data)), nullptr);
}

TEST(CatalogSnapshotTest, LinksFromAndToAreEveryLinkLeavingAndEnteringTheCredentialInLinkOrder) {
  // Links of every type from credentials, shuffled; a qualification's links leave no
  // credential.
  storage::CatalogData data = MakeCatalog({"A", "B", "C", "D"});
  data.qualifications = {MakeQualification("Q")};
  data.links = {MakeLink("C", "D", core::LinkType::kLeadsTo),
                MakeLink("A", "Q", core::LinkType::kCreditToward),
                MakeLink("A", "B", core::LinkType::kLeadsTo),
                MakeLink("B", "C", core::LinkType::kCorequisite),
                MakeLink("A", "C", core::LinkType::kOverlaps),
                MakeLink("D", "A", core::LinkType::kRecommendedBefore),
                MakeLink("A", "D", core::LinkType::kLeadsTo, 1)};
  std::shuffle(data.links.begin(), data.links.end(), std::mt19937(7));
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  const auto count = static_cast<CredentialIndex>(snapshot->credentials().size());
  for (CredentialIndex c = 0; c < count; ++c) {
    const std::string& id = snapshot->credentials()[c].id;
    std::vector<const core::Link*> expected;
    for (const core::Link& link : snapshot->links()) {
      if (link.from_id == id) expected.push_back(&link);
    }
    std::vector<const core::Link*> actual;
    for (const core::Link& link : snapshot->LinksFrom(c)) actual.push_back(&link);
    EXPECT_EQ(actual, expected) << id;
    const auto [first, end] = snapshot->LinkIndexRangeFrom(c);
    EXPECT_EQ(snapshot->links().data() + first, snapshot->LinksFrom(c).data()) << id;
    EXPECT_EQ(static_cast<size_t>(end - first), snapshot->LinksFrom(c).size()) << id;

    std::vector<int32_t> entering;
    for (size_t i = 0; i < snapshot->links().size(); ++i) {
      if (snapshot->links()[i].to_id == id) entering.push_back(static_cast<int32_t>(i));
    }
    const std::span<const int32_t> to = snapshot->LinkIndexesTo(c);
    EXPECT_EQ(std::vector<int32_t>(to.begin(), to.end()), entering) << id;
  }
  EXPECT_EQ(snapshot->LinksFrom(0).size(), 4u);      // A
  EXPECT_EQ(snapshot->LinkIndexesTo(3).size(), 2u);  // D: from C and A
}

TEST(CatalogSnapshotTest, LinksBetweenTwoIdsAreFoundByTheirKey) {
  storage::CatalogData data = MakeCatalog({"A", "B", "C"});
  data.qualifications = {MakeQualification("Q"), MakeQualification("R")};
  data.links = {MakeLink("B", "C", core::LinkType::kLeadsTo),
                MakeLink("B", "C", core::LinkType::kCorequisite),
                MakeLink("Q", "R", core::LinkType::kCreditToward),
                MakeLink("A", "Q", core::LinkType::kCreditToward),
                MakeLink("A", "B", core::LinkType::kLeadsTo)};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  const auto types = [&](std::string_view from, std::string_view to) {
    std::vector<core::LinkType> out;
    for (const core::Link& link : snapshot->LinksBetween(from, to)) {
      EXPECT_EQ(link.from_id, from);
      EXPECT_EQ(link.to_id, to);
      out.push_back(link.type);
    }
    return out;
  };
  EXPECT_THAT(types("B", "C"),
              ::testing::ElementsAre(core::LinkType::kLeadsTo, core::LinkType::kCorequisite));
  EXPECT_THAT(types("Q", "R"), ::testing::ElementsAre(core::LinkType::kCreditToward));
  EXPECT_THAT(types("A", "Q"), ::testing::ElementsAre(core::LinkType::kCreditToward));
  EXPECT_THAT(types("C", "B"), ::testing::IsEmpty());
  EXPECT_THAT(types("R", "Q"), ::testing::IsEmpty());
  EXPECT_THAT(types("Z", "Z"), ::testing::IsEmpty());  // past the last link
  EXPECT_THAT(types("", ""), ::testing::IsEmpty());    // before the first
}

TEST(CatalogSnapshotTest, LinkEndsAreTheCredentialIndexesOfEachLink) {
  // Credential ends resolve to their index; qualification ends (an exit award's credit
  // toward a larger qualification, a credential's credit toward one) to -1.
  storage::CatalogData data = MakeCatalog({"A", "B", "C"});
  data.qualifications = {MakeQualification("Q"), MakeQualification("R")};
  data.links = {MakeLink("C", "A", core::LinkType::kLeadsTo),
                MakeLink("A", "Q", core::LinkType::kCreditToward),
                MakeLink("Q", "R", core::LinkType::kCreditToward),
                MakeLink("B", "C", core::LinkType::kOverlaps)};
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->link_ends().size(), snapshot->links().size());
  const auto index_or_none = [&](const std::string& id) {
    return snapshot->CredentialIndexOf(id).value_or(-1);
  };
  for (size_t i = 0; i < snapshot->links().size(); ++i) {
    const core::Link& link = snapshot->links()[i];
    EXPECT_EQ(snapshot->link_ends()[i].from, index_or_none(link.from_id)) << link.from_id;
    EXPECT_EQ(snapshot->link_ends()[i].to, index_or_none(link.to_id)) << link.to_id;
  }
}

TEST(CatalogSnapshotTest, BuildsALongChainWithoutRecursion) {
  constexpr int kLength = 200'000;
  storage::CatalogData data;
  data.providers.push_back(MakeProvider("P"));
  for (int i = 0; i < kLength; ++i) {
    char id[16];
    std::snprintf(id, sizeof(id), "C%07d", i);
    data.credentials.push_back(MakeCredential(id));
    if (i > 0) data.links.push_back(MakeLink(data.credentials[i - 1].id, id));
  }
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_THAT(ToVector(snapshot->PrerequisiteGroup(kLength - 1, 0)), ElementsAre(kLength - 2));
}

TEST(CatalogSnapshotTest, RejectsDuplicateIds) {
  storage::CatalogData providers = MakeCatalog({"A"});
  providers.providers.push_back(MakeProvider("P"));
  ExpectRejected(std::move(providers), "duplicate provider id 'P'");

  ExpectRejected(MakeCatalog({"B", "A", "B"}), "duplicate credential id 'B'");

  storage::CatalogData qualifications = MakeCatalog({});
  qualifications.qualifications = {MakeQualification("Q"), MakeQualification("Q")};
  ExpectRejected(std::move(qualifications), "duplicate qualification id 'Q'");

  storage::CatalogData shared = MakeCatalog({"X"});
  shared.qualifications = {MakeQualification("X")};
  ExpectRejected(std::move(shared), "'X' is both a credential and a qualification");

  storage::CatalogData links = MakeCatalog({"A", "B"}, {{"A", "B"}, {"A", "B"}});
  ExpectRejected(std::move(links), "duplicate link A -> B (LEADS_TO, group 0)");
}

TEST(CatalogSnapshotTest, RejectsDanglingRecordReferences) {
  storage::CatalogData provider = MakeCatalog({});
  provider.credentials = {MakeCredential("A", "P9")};
  ExpectRejected(std::move(provider), "credential 'A' names provider 'P9'");

  storage::CatalogData no_provider = MakeCatalog({});
  no_provider.credentials = {MakeCredential("A", "")};
  ExpectRejected(std::move(no_provider), "credential 'A' names provider ''");

  storage::CatalogData partner = MakeCatalog({"A"});
  partner.credentials[0].partner_provider_id = "P8";
  ExpectRejected(std::move(partner), "credential 'A' names partner provider 'P8'");

  storage::CatalogData qualification_provider = MakeCatalog({});
  qualification_provider.qualifications = {MakeQualification("Q", "P7")};
  ExpectRejected(std::move(qualification_provider), "qualification 'Q' names provider 'P7'");

  storage::CatalogData core = MakeCatalog({"A"});
  core.qualifications = {MakeQualification("Q")};
  core.qualifications[0].core_ids = {"A", "Z"};
  ExpectRejected(std::move(core), "qualification 'Q' names core item 'Z'");

  storage::CatalogData rule_item = MakeCatalog({"A"});
  rule_item.qualifications = {MakeQualification("Q")};
  core::RuleNode root;
  root.name = "root";
  root.items = {"A"};
  core::RuleNode electives;
  electives.name = "Electives B";
  electives.items = {"A", "Y"};
  root.children.push_back(electives);
  rule_item.qualifications[0].rules = root;
  ExpectRejected(std::move(rule_item), "qualification 'Q' rule 'Electives B' names item 'Y'");
}

TEST(CatalogSnapshotTest, RejectsBadLinks) {
  ExpectRejected(MakeCatalog({"A"}, {{"A", "Z"}}),
                 "link A -> Z (LEADS_TO, group 0): 'Z' is neither a credential nor a "
                 "qualification");
  ExpectRejected(MakeCatalog({"A"}, {{"Y", "A"}}), "'Y' is neither");

  storage::CatalogData untyped = MakeCatalog({"A", "B"});
  untyped.links = {MakeLink("A", "B", core::LinkType::kUnspecified)};
  ExpectRejected(std::move(untyped), "link A -> B (UNSPECIFIED) has no type");

  // Only credit may flow into (or out of) a qualification.
  for (core::LinkType type : {core::LinkType::kLeadsTo, core::LinkType::kCorequisite,
                              core::LinkType::kRecommendedBefore, core::LinkType::kOverlaps}) {
    storage::CatalogData from_qualification = MakeCatalog({"B"});
    from_qualification.qualifications = {MakeQualification("A")};
    from_qualification.links = {MakeLink("A", "B", type)};
    ExpectRejected(std::move(from_qualification),
                   "only CREDIT_TOWARD links may name a qualification, and 'A' is one");

    storage::CatalogData to_qualification = MakeCatalog({"A"});
    to_qualification.qualifications = {MakeQualification("Q")};
    to_qualification.links = {MakeLink("A", "Q", type)};
    ExpectRejected(std::move(to_qualification), "'Q' is one");
  }

  storage::CatalogData credit = MakeCatalog({"A", "B"});
  credit.links = {MakeLink("A", "B", core::LinkType::kCreditToward)};
  ExpectRejected(std::move(credit),
                 "link A -> B (CREDIT_TOWARD): credit goes toward a "
                 "qualification, and 'B' is a credential");

  storage::CatalogData overlap = MakeCatalog({"A", "B"});
  overlap.links = {MakeLink("B", "A", core::LinkType::kOverlaps)};
  ExpectRejected(std::move(overlap), "link B -> A (OVERLAPS): an overlap is stored once");
}

TEST(CatalogSnapshotTest, RejectsPrerequisiteCyclesNamingThem) {
  ExpectRejected(
      MakeCatalog({"A", "B", "C", "D"}, {{"A", "B"}, {"B", "C"}, {"C", "A"}, {"C", "D"}}),
      "prerequisite cycle: A -> B -> C -> A");
  ExpectRejected(MakeCatalog({"A"}, {{"A", "A"}}), "prerequisite cycle: A -> A");

  // A co-requisite closes the loop just as well.
  storage::CatalogData mixed = MakeCatalog({"A", "B"}, {{"A", "B"}});
  mixed.links.push_back(MakeLink("B", "A", core::LinkType::kCorequisite));
  ExpectRejected(std::move(mixed), "prerequisite cycle: A -> B -> A");
}

TEST(CatalogSnapshotTest, ShortensTheNameOfAVeryLongCycle) {
  std::vector<std::string> ids;
  std::vector<std::pair<std::string, std::string>> links;
  for (int i = 0; i < 1000; ++i) {
    char id[16];
    std::snprintf(id, sizeof(id), "C%04d", i);
    ids.push_back(id);
    if (i > 0) links.emplace_back(ids[i - 1], ids[i]);
  }
  links.emplace_back(ids.back(), ids.front());
  absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
      CatalogSnapshot::Build(MakeCatalog(ids, links));
  ASSERT_FALSE(snapshot.ok());
  const std::string message(snapshot.status().message());
  EXPECT_THAT(message, HasSubstr("prerequisite cycle of 1000 credentials: C0000 -> C0001 -> "));
  EXPECT_THAT(message, HasSubstr("-> C0999 -> C0000"));
  EXPECT_LT(message.size(), 500u);
}

TEST(CatalogSnapshotTest, RecommendedBeforeMayFormCycles) {
  storage::CatalogData data = MakeCatalog({"A", "B"});
  data.links = {MakeLink("A", "B", core::LinkType::kRecommendedBefore),
                MakeLink("B", "A", core::LinkType::kRecommendedBefore)};
  EXPECT_NE(BuildOrDie(std::move(data)), nullptr);
}

}  // namespace
}  // namespace credpath::graph
