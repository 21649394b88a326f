// ApplyCatalogWrite: upserts replace, deletes remove, replace_all starts empty, every
// vector stays sorted, the version advances; and a randomized comparison with a model
// built on std::map.
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "catalog/apply.h"
#include "tests/catalog/catalog_fixtures.h"

namespace credpath::catalog {
namespace {

using core::LinkType;
using storage::CatalogData;
using storage::CatalogWrite;
using namespace testing;  // NOLINT: the fixtures

template <typename Record>
std::vector<std::string> Ids(const std::vector<Record>& records) {
  std::vector<std::string> ids;
  for (const Record& r : records) ids.push_back(r.id);
  return ids;
}

std::vector<std::string> LinkNames(const std::vector<core::Link>& links) {
  std::vector<std::string> names;
  for (const core::Link& l : links) {
    names.push_back(absl::StrCat(l.from_id, ">", l.to_id, ":", static_cast<int>(l.type), "/", l.group));
  }
  return names;
}

void ExpectSameData(const CatalogData& actual, const CatalogData& expected) {
  EXPECT_EQ(actual.version, expected.version);
  EXPECT_EQ(actual.providers, expected.providers);
  EXPECT_EQ(actual.credentials, expected.credentials);
  EXPECT_EQ(actual.qualifications, expected.qualifications);
  EXPECT_EQ(actual.links, expected.links);
}

TEST(ApplyTest, UpsertReplacesTheWholeRecordAndAddsNewOnesInOrder) {
  CatalogData base = BaseCatalog();
  CatalogWrite write;
  core::Credential c2 = MakeCredential("c2", "p2");
  c2.title = "Renamed";
  c2.skills.clear();
  write.upsert_credentials = {MakeCredential("c0", "p1"), c2, MakeCredential("c35", "p1")};
  CatalogData next = ApplyCatalogWrite(base, write);
  EXPECT_EQ(next.version, base.version + 1);
  EXPECT_THAT(Ids(next.credentials), ::testing::ElementsAre("c0", "c1", "c2", "c3", "c35", "c4", "c9"));
  EXPECT_EQ(next.credentials[2], c2);
  EXPECT_EQ(next.providers, base.providers);
  EXPECT_EQ(next.qualifications, base.qualifications);
  EXPECT_EQ(next.links, base.links);
}

TEST(ApplyTest, DeletesRemoveRecordsAndLinks) {
  CatalogData base = BaseCatalog();
  CatalogWrite write;
  write.delete_providers = {"p9"};
  write.delete_credentials = {"c3", "c1"};
  write.delete_qualifications = {"q9"};
  write.delete_links = {KeyOfLink(base.links[2]), KeyOfLink(base.links[0])};
  CatalogData next = ApplyCatalogWrite(base, write);
  EXPECT_THAT(Ids(next.providers), ::testing::ElementsAre("p1", "p2"));
  EXPECT_THAT(Ids(next.credentials), ::testing::ElementsAre("c2", "c4", "c9"));
  EXPECT_THAT(Ids(next.qualifications), ::testing::ElementsAre("q1"));
  EXPECT_EQ(next.links, std::vector<core::Link>{base.links[1]});
}

TEST(ApplyTest, ReplaceAllStartsFromEmpty) {
  CatalogData base = BaseCatalog();
  CatalogWrite write;
  write.replace_all = true;
  write.upsert_providers = {MakeProvider("z"), MakeProvider("a")};
  write.upsert_credentials = {MakeCredential("c1", "a")};
  CatalogData next = ApplyCatalogWrite(base, write);
  EXPECT_EQ(next.version, base.version + 1);
  EXPECT_THAT(Ids(next.providers), ::testing::ElementsAre("a", "z"));
  EXPECT_THAT(Ids(next.credentials), ::testing::ElementsAre("c1"));
  EXPECT_EQ(next.credentials[0].provider_id, "a");
  EXPECT_TRUE(next.qualifications.empty());
  EXPECT_TRUE(next.links.empty());
}

TEST(ApplyTest, LinksAreOrderedByFromToTypeAndGroup) {
  CatalogData base;
  CatalogWrite write;
  write.upsert_links = {MakeLink("b", "a", LinkType::kLeadsTo), MakeLink("a", "b", LinkType::kOverlaps),
                        MakeLink("a", "b", LinkType::kLeadsTo, 2), MakeLink("a", "b", LinkType::kLeadsTo, 0),
                        MakeLink("a", "ab", LinkType::kCreditToward), MakeLink("a", "b", LinkType::kCorequisite)};
  CatalogData next = ApplyCatalogWrite(base, write);
  EXPECT_THAT(LinkNames(next.links), ::testing::ElementsAre("a>ab:4/0", "a>b:1/0", "a>b:1/2", "a>b:2/0", "a>b:5/0",
                                                            "b>a:1/0"));
  // An upsert of an existing key replaces the link's facts.
  CatalogWrite again;
  again.upsert_links = {MakeLink("a", "b", LinkType::kOverlaps)};
  again.upsert_links[0].overlap_fraction = 0.9;
  CatalogData after = ApplyCatalogWrite(next, again);
  ASSERT_EQ(after.links.size(), 6u);
  EXPECT_EQ(after.links[4].overlap_fraction, 0.9);
}

TEST(ApplyTest, UnvalidatedBatchesStillHaveDefinedResults) {
  CatalogData base = BaseCatalog();
  CatalogWrite write;
  core::Provider first = MakeProvider("p5");
  core::Provider second = MakeProvider("p5");
  second.name = "Second";
  write.upsert_providers = {first, second, MakeProvider("p1")};
  write.delete_providers = {"p1", "absent"};
  CatalogData next = ApplyCatalogWrite(base, write);
  EXPECT_THAT(Ids(next.providers), ::testing::ElementsAre("p1", "p2", "p5", "p9"));
  EXPECT_EQ(next.providers[2].name, "Second");  // the last upsert of an id wins
  EXPECT_EQ(next.providers[0], MakeProvider("p1"));  // upserts apply after deletes
}

TEST(ApplyTest, FindLinkSearchesTheSortedLinks) {
  CatalogData base = BaseCatalog();
  EXPECT_EQ(FindLink(base.links, KeyOf(base.links[1])), &base.links[1]);
  EXPECT_EQ(FindLink(base.links, KeyOf(KeyOfLink(MakeLink("c1", "c2", LinkType::kLeadsTo, 1)))), nullptr);
  EXPECT_EQ(FindLink({}, KeyOf(base.links[0])), nullptr);
}

// The model: maps keyed the way CatalogData is sorted, updated one operation at a time.
class Model {
 public:
  explicit Model(const CatalogData& data) : version_(data.version) {
    for (const auto& p : data.providers) providers_[p.id] = p;
    for (const auto& c : data.credentials) credentials_[c.id] = c;
    for (const auto& q : data.qualifications) qualifications_[q.id] = q;
    for (const auto& l : data.links) links_[Key(l.from_id, l.to_id, l.type, l.group)] = l;
  }

  void Apply(const CatalogWrite& w) {
    if (w.replace_all) {
      providers_.clear();
      credentials_.clear();
      qualifications_.clear();
      links_.clear();
    }
    for (const auto& id : w.delete_providers) providers_.erase(id);
    for (const auto& id : w.delete_credentials) credentials_.erase(id);
    for (const auto& id : w.delete_qualifications) qualifications_.erase(id);
    for (const auto& k : w.delete_links) links_.erase(Key(k.from_id, k.to_id, k.type, k.group));
    for (const auto& p : w.upsert_providers) providers_[p.id] = p;
    for (const auto& c : w.upsert_credentials) credentials_[c.id] = c;
    for (const auto& q : w.upsert_qualifications) qualifications_[q.id] = q;
    for (const auto& l : w.upsert_links) links_[Key(l.from_id, l.to_id, l.type, l.group)] = l;
    ++version_;
  }

  CatalogData Data() const {
    CatalogData data;
    data.version = version_;
    for (const auto& [id, p] : providers_) data.providers.push_back(p);
    for (const auto& [id, c] : credentials_) data.credentials.push_back(c);
    for (const auto& [id, q] : qualifications_) data.qualifications.push_back(q);
    for (const auto& [key, l] : links_) data.links.push_back(l);
    return data;
  }

 private:
  using Key = std::tuple<std::string, std::string, LinkType, int32_t>;
  int64_t version_;
  std::map<std::string, core::Provider> providers_;
  std::map<std::string, core::Credential> credentials_;
  std::map<std::string, core::Qualification> qualifications_;
  std::map<Key, core::Link> links_;
};

TEST(ApplyModelTest, MatchesAMapModelOverRandomBatches) {
  // Ids of different lengths and shared prefixes, so that ordering is really exercised.
  const std::vector<std::string> ids = {"a", "a0", "a1", "a10", "a2", "B", "b", "b-1", "b.1", "b_1", "z", "Z9"};
  const std::vector<LinkType> types = {LinkType::kLeadsTo, LinkType::kCorequisite, LinkType::kCreditToward,
                                       LinkType::kOverlaps};
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    std::mt19937 rng(seed);
    auto uniform = [&rng](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    auto id = [&] { return ids[uniform(0, static_cast<int>(ids.size()) - 1)]; };
    auto link = [&] {
      core::Link l = MakeLink(id(), id(), types[uniform(0, 3)], uniform(0, 2));
      l.credit_points = uniform(0, 1000);  // a fact that tells replaced links apart
      return l;
    };
    auto title = [&] { return absl::StrCat("t", uniform(0, 1'000'000)); };
    CatalogData data;
    Model model(data);
    for (int round = 0; round < 30; ++round) {
      SCOPED_TRACE(absl::StrCat("round ", round));
      CatalogWrite w;
      w.replace_all = uniform(0, 19) == 0;
      for (int i = uniform(0, 4); i > 0; --i) {
        core::Provider p = MakeProvider(id());
        p.name = title();
        w.upsert_providers.push_back(p);
      }
      for (int i = uniform(0, 6); i > 0; --i) {
        core::Credential c = MakeCredential(id(), "p");
        c.title = title();
        w.upsert_credentials.push_back(c);
      }
      for (int i = uniform(0, 3); i > 0; --i) {
        core::Qualification q = MakeQualification(id(), "p");
        q.title = title();
        w.upsert_qualifications.push_back(q);
      }
      for (int i = uniform(0, 6); i > 0; --i) w.upsert_links.push_back(link());
      for (int i = uniform(0, 3); i > 0; --i) w.delete_providers.push_back(id());
      for (int i = uniform(0, 4); i > 0; --i) w.delete_credentials.push_back(id());
      for (int i = uniform(0, 2); i > 0; --i) w.delete_qualifications.push_back(id());
      for (int i = uniform(0, 4); i > 0; --i) w.delete_links.push_back(KeyOfLink(link()));
      data = ApplyCatalogWrite(data, w);
      model.Apply(w);
      ExpectSameData(data, model.Data());
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace credpath::catalog
