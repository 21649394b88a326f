// The SQLite store's catalogue half: opening (pragmas, schema versions, migrations),
// round trips of every field, replace semantics, atomic rejection and catalogue versions.
#include "storage/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "tests/storage/store_test_support.h"

namespace credpath::storage {
namespace {

using testing::Day;
using testing::FullCredential;
using testing::FullLearner;
using testing::FullLink;
using testing::FullProvider;
using testing::FullQualification;
using ::testing::HasSubstr;
using testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> OpenOrDie(const SqliteOptions& options = {}) {
    absl::StatusOr<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_, options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  CatalogData LoadOrDie(Store& store) {
    absl::StatusOr<CatalogData> data = store.LoadCatalog();
    EXPECT_TRUE(data.ok()) << data.status();
    return data.ok() ? std::move(*data) : CatalogData{};
  }

  // Two providers, three credentials, a qualification and links of every type.
  static CatalogWrite FullCatalog() {
    CatalogWrite write;
    write.upsert_providers = {FullProvider("P1"), FullProvider("P2")};
    core::Credential bare;  // empty optional columns: NULL partner, open dates, no lists
    bare.id = "C3";
    bare.title = "Bare";
    bare.provider_id = "P1";
    write.upsert_credentials = {FullCredential("C2", "P2", "P1"), FullCredential("C1", "P1", "P2"),
                                bare};
    write.upsert_qualifications = {FullQualification("Q1", "P1", "C1", "C2")};
    write.upsert_links = {FullLink("C1", "C2", core::LinkType::kLeadsTo, 1),
                          FullLink("C1", "C2", core::LinkType::kLeadsTo, 2),
                          FullLink("C2", "C3", core::LinkType::kCorequisite, 0),
                          FullLink("C1", "C3", core::LinkType::kRecommendedBefore, 0),
                          FullLink("C1", "Q1", core::LinkType::kCreditToward, 0),
                          FullLink("C1", "C3", core::LinkType::kOverlaps, 0)};
    return write;
  }

  TempDir dir_;
  std::string path_ = dir_.File("credpath.db");
};

// The catalogue as LoadCatalog must return it: each vector in key order.
CatalogData Sorted(const CatalogWrite& write, int64_t version) {
  CatalogData data{version, write.upsert_providers, write.upsert_credentials,
                   write.upsert_qualifications, write.upsert_links};
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(data.providers.begin(), data.providers.end(), by_id);
  std::sort(data.credentials.begin(), data.credentials.end(), by_id);
  std::sort(data.qualifications.begin(), data.qualifications.end(), by_id);
  std::sort(data.links.begin(), data.links.end(), [](const core::Link& a, const core::Link& b) {
    return std::tie(a.from_id, a.to_id, a.type, a.group) <
           std::tie(b.from_id, b.to_id, b.type, b.group);
  });
  return data;
}

void ExpectSameCatalog(const CatalogData& actual, const CatalogData& expected) {
  EXPECT_EQ(actual.version, expected.version);
  EXPECT_EQ(actual.providers, expected.providers);
  EXPECT_EQ(actual.credentials, expected.credentials);
  EXPECT_EQ(actual.qualifications, expected.qualifications);
  EXPECT_EQ(actual.links, expected.links);
}

TEST_F(SqliteStoreTest, OpenSetsEveryPragmaOnEveryConnection) {
  SqliteOptions options;
  options.busy_timeout_ms = 1234;
  std::unique_ptr<SqliteStore> store = OpenOrDie(options);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::vector<sqlite::ConnectionSettings>> settings =
      store->ReadConnectionSettings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  ASSERT_EQ(settings->size(), 3u);
  for (const sqlite::ConnectionSettings& s : *settings) {
    EXPECT_EQ(s.journal_mode, "wal");
    EXPECT_EQ(s.synchronous, 2) << "FULL";
    EXPECT_TRUE(s.foreign_keys);
    EXPECT_EQ(s.busy_timeout_ms, 1234);
  }
  EXPECT_FALSE((*settings)[0].query_only) << "writer";
  EXPECT_TRUE((*settings)[1].query_only) << "reader";
  EXPECT_TRUE((*settings)[2].query_only) << "loader";
}

TEST_F(SqliteStoreTest, NewFileGetsCurrentSchemaAndEmptyCatalogue) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const int32_t current = sqlite::DefaultMigrations().back().version;
  EXPECT_EQ(store->schema_versions().schema_version, current);
  EXPECT_EQ(store->schema_versions().compatible_version,
            sqlite::DefaultMigrations().back().compatible_version);
  ExpectSameCatalog(LoadOrDie(*store), CatalogData{});
}

TEST_F(SqliteStoreTest, EmptyExistingFileIsMigrated) {
  { std::ofstream touch(path_); }
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_versions().schema_version, sqlite::DefaultMigrations().back().version);
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(FullCatalog());
  EXPECT_TRUE(version.ok()) << version.status();
}

TEST_F(SqliteStoreTest, FileThatIsNotADatabaseIsRefusedAndLeftAlone) {
  const std::string garbage =
      "this is not an SQLite database, but it is long enough to look "
      "like a header and a page of something else entirely.";
  { std::ofstream(path_) << garbage; }
  absl::StatusOr<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition) << store.status();
  std::ifstream in(path_);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), garbage);
}

TEST_F(SqliteStoreTest, SpecialPathsAreRejected) {
  for (const std::string path : {"", ":memory:"}) {
    EXPECT_EQ(SqliteStore::Open(path).status().code(), absl::StatusCode::kInvalidArgument) << path;
  }
}

TEST_F(SqliteStoreTest, RoundTripsEveryFieldOfEveryRecord) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const CatalogWrite write = FullCatalog();
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(write);
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 1);
  ExpectSameCatalog(LoadOrDie(*store), Sorted(write, 1));
}

TEST_F(SqliteStoreTest, ReopenedFileHoldsWhatWasCommitted) {
  const CatalogWrite write = FullCatalog();
  {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->ApplyCatalogWrite(write).ok());
    ASSERT_TRUE((*store)->UpsertLearner(FullLearner("L1", "C1", "C2")).ok());
    ASSERT_TRUE((*store)->SavePlan({"plan-1", "L1", 1700000000000, "payload"}).ok());
  }
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status();
  ExpectSameCatalog(LoadOrDie(**store), Sorted(write, 1));
  absl::StatusOr<core::Learner> learner = (*store)->GetLearner("L1");
  ASSERT_TRUE(learner.ok()) << learner.status();
  EXPECT_EQ(*learner, FullLearner("L1", "C1", "C2"));
  absl::StatusOr<SavedPlan> plan = (*store)->GetPlan("plan-1");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->payload, "payload");
}

TEST_F(SqliteStoreTest, UpsertReplacesWholeRecordsIncludingTheirLists) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  CatalogWrite write = FullCatalog();
  ASSERT_TRUE(store->ApplyCatalogWrite(write).ok());

  CatalogWrite replace;
  core::Provider p1 = FullProvider("P1");
  p1.regions = {"EU"};
  p1.quality_assured = false;
  core::Credential c1 = FullCredential("C1", "P2", "");
  c1.title = "Renamed";
  c1.skills = {"esco:only"};
  c1.offerings.clear();
  c1.benefits.outcomes.clear();
  c1.valid_to.reset();
  core::Qualification q1 = FullQualification("Q1", "P2", "C3", "C3");
  q1.rules.reset();
  q1.core_ids.clear();
  core::Link credit = FullLink("C1", "Q1", core::LinkType::kCreditToward, 0);
  credit.credit_points = 99;
  replace.upsert_providers = {p1};
  replace.upsert_credentials = {c1};
  replace.upsert_qualifications = {q1};
  replace.upsert_links = {credit};
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(replace);
  ASSERT_TRUE(version.ok()) << version.status();

  CatalogData expected = Sorted(write, 2);
  expected.providers[0] = p1;
  expected.credentials[0] = c1;
  expected.qualifications[0] = q1;
  for (core::Link& link : expected.links) {
    if (link.type == core::LinkType::kCreditToward) link = credit;
  }
  ExpectSameCatalog(LoadOrDie(*store), expected);
}

TEST_F(SqliteStoreTest, OfTwoUpsertsOfOneIdInABatchTheLaterWins) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  CatalogWrite write;
  write.upsert_providers = {FullProvider("P1")};
  // Out of id order as well, since the store writes records in key order.
  core::Credential first = FullCredential("C2", "P1", "");
  core::Credential second = first;
  second.title = "second";
  second.skills = {"esco:later"};
  write.upsert_credentials = {first, FullCredential("C1", "P1", ""), second};
  core::Link link = FullLink("C2", "C1", core::LinkType::kCreditToward, 0);
  core::Link later = link;
  later.credit_points = 5;
  write.upsert_links = {link, later};
  ASSERT_TRUE(store->ApplyCatalogWrite(write).ok());
  const CatalogData data = LoadOrDie(*store);
  ASSERT_EQ(data.credentials.size(), 2u);
  EXPECT_EQ(data.credentials[1], second);
  EXPECT_EQ(data.links, std::vector<core::Link>{later});
}

TEST_F(SqliteStoreTest, VersionIncreasesByOnePerCommittedWriteOnly) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->ApplyCatalogWrite(FullCatalog()), 1);
  CatalogWrite failing;
  failing.delete_providers = {"nobody"};
  EXPECT_FALSE(store->ApplyCatalogWrite(failing).ok());
  EXPECT_EQ(*store->ApplyCatalogWrite(CatalogWrite{}), 2);
  CatalogWrite rename;
  rename.upsert_providers = {FullProvider("P9")};
  EXPECT_EQ(*store->ApplyCatalogWrite(rename), 3);
  EXPECT_EQ(LoadOrDie(*store).version, 3);
}

TEST_F(SqliteStoreTest, ReplaceAllStartsFromAnEmptyCatalogue) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  CatalogWrite import;
  import.replace_all = true;
  import.upsert_providers = {FullProvider("P7")};
  import.upsert_credentials = {FullCredential("C1", "P7", ""), FullCredential("C9", "P7", "")};
  import.upsert_links = {FullLink("C1", "C9", core::LinkType::kLeadsTo, 0)};
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(import);
  ASSERT_TRUE(version.ok()) << version.status();
  ExpectSameCatalog(LoadOrDie(*store), Sorted(import, 2));
}

TEST_F(SqliteStoreTest, DeletesRemoveRecordsAndWhatTheyOwn) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  CatalogWrite write = FullCatalog();
  ASSERT_TRUE(store->ApplyCatalogWrite(write).ok());
  CatalogWrite deletes;
  deletes.delete_links = {{"C1", "Q1", core::LinkType::kCreditToward, 0}};
  deletes.delete_qualifications = {"Q1"};
  ASSERT_TRUE(store->ApplyCatalogWrite(deletes).ok());
  // The qualification's rule tree and core list went with it, so C1 and C2 are free.
  deletes = {};
  deletes.delete_links = {{"C1", "C2", core::LinkType::kLeadsTo, 1},
                          {"C1", "C2", core::LinkType::kLeadsTo, 2},
                          {"C2", "C3", core::LinkType::kCorequisite, 0}};
  deletes.delete_credentials = {"C2"};
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(deletes);
  ASSERT_TRUE(version.ok()) << version.status();

  CatalogData expected = Sorted(write, 3);
  expected.qualifications.clear();
  expected.credentials.erase(expected.credentials.begin() + 1);  // C2
  std::erase_if(expected.links, [](const core::Link& l) {
    return l.to_id == "Q1" || l.to_id == "C2" || l.from_id == "C2";
  });
  ExpectSameCatalog(LoadOrDie(*store), expected);
}

TEST_F(SqliteStoreTest, DeletingWhatDoesNotExistIsNotFoundNamingIt) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  CatalogWrite deletes[4];
  deletes[0].delete_providers = {"ghost-provider"};
  deletes[1].delete_credentials = {"ghost-credential"};
  deletes[2].delete_qualifications = {"C1"};  // a credential, not a qualification
  deletes[3].delete_links = {{"C1", "C2", core::LinkType::kLeadsTo, 7}};
  const char* names[] = {"ghost-provider", "ghost-credential", "qualification \"C1\"",
                         "\"C1\" -> \"C2\""};
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<int64_t> result = store->ApplyCatalogWrite(deletes[i]);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound) << i;
    EXPECT_THAT(result.status().message(), HasSubstr(names[i]));
  }
  EXPECT_EQ(LoadOrDie(*store).version, 1);
}

// Each batch writes something valid and then something the store must refuse; afterwards
// the catalogue must be exactly what it was.
TEST_F(SqliteStoreTest, RejectedBatchLeavesNothingBehind) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  const CatalogData before = LoadOrDie(*store);

  struct Case {
    const char* name;
    CatalogWrite write;
    const char* message;  // a part the error must contain
  };
  std::vector<Case> cases(6);
  cases[0] = {"missing provider", {}, "credential \"C5\" references provider \"P-missing\""};
  cases[0].write.upsert_credentials = {FullCredential("C5", "P-missing", "")};
  cases[1] = {"missing link end", {}, "references endpoint \"C-missing\""};
  cases[1].write.upsert_links = {FullLink("C1", "C-missing", core::LinkType::kLeadsTo, 0)};
  cases[2] = {"shared namespace", {}, "already used by a qualification"};
  cases[2].write.upsert_credentials = {FullCredential("Q1", "P1", "")};
  cases[3] = {"provider still referenced", {}, "references provider \"P2\""};
  cases[3].write.delete_providers = {"P2"};
  cases[4] = {"core item deleted", {}, "core item \"C1\""};
  cases[4].write.delete_links = {{"C1", "C2", core::LinkType::kLeadsTo, 1},
                                 {"C1", "C2", core::LinkType::kLeadsTo, 2},
                                 {"C1", "C3", core::LinkType::kRecommendedBefore, 0},
                                 {"C1", "C3", core::LinkType::kOverlaps, 0},
                                 {"C1", "Q1", core::LinkType::kCreditToward, 0}};
  cases[4].write.delete_credentials = {"C1"};
  cases[5] = {"missing rule item", {}, "rule item \"C-missing\""};
  cases[5].write.upsert_qualifications = {FullQualification("Q2", "P1", "C1", "C-missing")};
  for (Case& c : cases) {
    // Something valid first, so that there is something to roll back.
    c.write.upsert_providers.push_back(FullProvider("P-new"));
    c.write.upsert_credentials.push_back(FullCredential("C-new", "P-new", ""));
    absl::StatusOr<int64_t> result = store->ApplyCatalogWrite(c.write);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition) << c.name;
    EXPECT_THAT(result.status().message(), HasSubstr(c.message)) << c.name;
    ExpectSameCatalog(LoadOrDie(*store), before);
  }
}

TEST_F(SqliteStoreTest, RecordsMayArriveInAnyOrderWithinABatch) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  // The link and the credentials come before the provider they need; the provider moves
  // its credentials away from P1 in the same batch that deletes P1.
  ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  CatalogWrite write;
  write.upsert_links = {FullLink("C7", "C8", core::LinkType::kLeadsTo, 0)};
  write.upsert_credentials = {FullCredential("C7", "P8", ""), FullCredential("C8", "P8", ""),
                              FullCredential("C1", "P8", ""), FullCredential("C2", "P8", ""),
                              FullCredential("C3", "P8", "")};
  core::Qualification q1 = FullQualification("Q1", "P8", "C1", "C2");
  write.upsert_qualifications = {q1};
  write.delete_providers = {"P1"};
  write.upsert_providers = {FullProvider("P8")};
  absl::StatusOr<int64_t> version = store->ApplyCatalogWrite(write);
  EXPECT_TRUE(version.ok()) << version.status();
}

TEST_F(SqliteStoreTest, DeletingAHeldCredentialNamesTheLearners) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  core::Credential c4 = FullCredential("C4", "P1", "");
  CatalogWrite add;
  add.upsert_credentials = {c4};
  ASSERT_TRUE(store->ApplyCatalogWrite(add).ok());
  ASSERT_TRUE(store->UpsertLearner(FullLearner("L-ann", "C4", "C3")).ok());
  ASSERT_TRUE(store->UpsertLearner(FullLearner("L-bob", "C4", "C2")).ok());
  const CatalogData before = LoadOrDie(*store);

  CatalogWrite remove;
  remove.delete_credentials = {"C4"};
  absl::StatusOr<int64_t> result = store->ApplyCatalogWrite(remove);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(result.status().message(), HasSubstr("credential \"C4\" is held by learners"));
  EXPECT_THAT(result.status().message(), HasSubstr("\"L-ann\", \"L-bob\""));

  CatalogWrite import = FullCatalog();  // has no C4
  import.replace_all = true;
  result = store->ApplyCatalogWrite(import);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(result.status().message(), HasSubstr("\"C4\" is held by learners \"L-ann\""));
  ExpectSameCatalog(LoadOrDie(*store), before);

  // Deleting and re-creating in one batch, or an import that keeps it, is fine.
  remove.upsert_credentials = {c4};
  EXPECT_TRUE(store->ApplyCatalogWrite(remove).ok());
  import.upsert_credentials.push_back(c4);
  EXPECT_TRUE(store->ApplyCatalogWrite(import).ok());
  absl::StatusOr<core::Learner> ann = store->GetLearner("L-ann");
  ASSERT_TRUE(ann.ok());
  EXPECT_EQ(ann->held, FullLearner("L-ann", "C4", "C3").held);
}

TEST_F(SqliteStoreTest, CompatibleNewerSchemaOpensAndMigrationsRunOnce) {
  {
    std::unique_ptr<SqliteStore> store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  }
  SqliteOptions newer;
  newer.migrations.push_back(
      {.version = 2, .compatible_version = 1, .sql = "CREATE TABLE note (text TEXT) STRICT"});
  {
    std::unique_ptr<SqliteStore> store = OpenOrDie(newer);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_versions().schema_version, 2);
    EXPECT_EQ(LoadOrDie(*store).version, 1);
  }
  // Running the step again would fail (the table exists), so a second open proves the
  // step is not repeated; older code still opens the file, which is additive.
  std::unique_ptr<SqliteStore> again = OpenOrDie(newer);
  ASSERT_NE(again, nullptr);
  std::unique_ptr<SqliteStore> older = OpenOrDie();
  ASSERT_NE(older, nullptr);
  EXPECT_EQ(older->schema_versions().schema_version, 2);
  ExpectSameCatalog(LoadOrDie(*older), Sorted(FullCatalog(), 1));
}

TEST_F(SqliteStoreTest, IncompatibleNewerSchemaIsRefusedAndKept) {
  SqliteOptions future;
  future.migrations.push_back(
      {.version = 2, .compatible_version = 2, .sql = "ALTER TABLE provider ADD COLUMN motto TEXT"});
  {
    std::unique_ptr<SqliteStore> store = OpenOrDie(future);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ApplyCatalogWrite(FullCatalog()).ok());
  }
  absl::StatusOr<std::unique_ptr<SqliteStore>> refused = SqliteStore::Open(path_);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("needs code of schema version 2"));
  std::unique_ptr<SqliteStore> store = OpenOrDie(future);
  ASSERT_NE(store, nullptr);
  ExpectSameCatalog(LoadOrDie(*store), Sorted(FullCatalog(), 1));
}

TEST_F(SqliteStoreTest, FailingMigrationLeavesTheFileAtItsVersion) {
  { ASSERT_NE(OpenOrDie(), nullptr); }
  SqliteOptions broken;
  broken.migrations.push_back({.version = 2,
                               .compatible_version = 2,
                               .sql = "CREATE TABLE fine (x INTEGER) STRICT; "
                                      "ALTER TABLE no_such_table ADD COLUMN y TEXT"});
  absl::StatusOr<std::unique_ptr<SqliteStore>> failed = SqliteStore::Open(path_, broken);
  EXPECT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("migration to version 2"));
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_versions().schema_version, 1);
  // The first statement of the failed step was rolled back too: the step can now run.
  broken.migrations.back().sql = "CREATE TABLE fine (x INTEGER) STRICT";
  store.reset();
  EXPECT_NE(OpenOrDie(broken), nullptr);
}

TEST_F(SqliteStoreTest, MalformedMigrationListsAreRejected) {
  SqliteOptions options;
  options.migrations.push_back({.version = 1, .compatible_version = 1, .sql = "SELECT 1"});
  EXPECT_EQ(SqliteStore::Open(path_, options).status().code(), absl::StatusCode::kInvalidArgument);
  options.migrations.back() = {.version = 3, .compatible_version = 4, .sql = "SELECT 1"};
  EXPECT_EQ(SqliteStore::Open(path_, options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace credpath::storage
