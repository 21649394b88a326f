// Randomised batches against a std::map model of the store's catalogue semantics, and
// readers running alongside a writer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_store.h"
#include "tests/storage/store_test_support.h"

namespace credpath::storage {
namespace {

using testing::TempDir;

using LinkTuple = std::tuple<std::string, std::string, core::LinkType, int32_t>;

// What the store must hold: records by key, and the version.
struct Model {
  int64_t version = 0;
  std::map<std::string, core::Provider> providers;
  std::map<std::string, core::Credential> credentials;
  std::map<LinkTuple, core::Link> links;

  static LinkTuple Key(const std::string& from, const std::string& to, core::LinkType type,
                       int32_t group) {
    return {from, to, type, group};
  }

  // The store's semantics, in its order: replace_all, deletes (links, credentials,
  // providers), upserts, then every reference must resolve.
  absl::StatusCode Apply(const CatalogWrite& write) {
    Model next = *this;
    if (write.replace_all) {
      next = Model();
      next.version = version;
    }
    for (const LinkKey& k : write.delete_links) {
      if (next.links.erase(Key(k.from_id, k.to_id, k.type, k.group)) == 0) {
        return absl::StatusCode::kNotFound;
      }
    }
    for (const std::string& id : write.delete_credentials) {
      if (next.credentials.erase(id) == 0) return absl::StatusCode::kNotFound;
    }
    for (const std::string& id : write.delete_providers) {
      if (next.providers.erase(id) == 0) return absl::StatusCode::kNotFound;
    }
    for (const core::Provider& p : write.upsert_providers) next.providers[p.id] = p;
    for (const core::Credential& c : write.upsert_credentials) next.credentials[c.id] = c;
    for (const core::Link& l : write.upsert_links) {
      next.links[Key(l.from_id, l.to_id, l.type, l.group)] = l;
    }
    for (const auto& [id, c] : next.credentials) {
      if (!next.providers.contains(c.provider_id)) return absl::StatusCode::kFailedPrecondition;
      if (!c.partner_provider_id.empty() && !next.providers.contains(c.partner_provider_id)) {
        return absl::StatusCode::kFailedPrecondition;
      }
    }
    for (const auto& [key, l] : next.links) {
      if (!next.credentials.contains(l.from_id) || !next.credentials.contains(l.to_id)) {
        return absl::StatusCode::kFailedPrecondition;
      }
    }
    next.version = version + 1;
    *this = std::move(next);
    return absl::StatusCode::kOk;
  }

  CatalogData Data() const {
    CatalogData data;
    data.version = version;
    for (const auto& [id, p] : providers) data.providers.push_back(p);
    for (const auto& [id, c] : credentials) data.credentials.push_back(c);
    for (const auto& [key, l] : links) data.links.push_back(l);
    return data;
  }
};

uint32_t TestSeed() {
  const char* env = std::getenv("CREDPATH_TEST_SEED");
  return env != nullptr ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : 20240611u;
}

class RandomBatches {
 public:
  explicit RandomBatches(uint32_t seed) : rng_(seed) {}

  CatalogWrite Next(const Model& model) {
    CatalogWrite write;
    write.replace_all = Chance(3);
    const int operations = Uniform(1, 5);
    for (int i = 0; i < operations; ++i) {
      switch (Uniform(0, 7)) {
        case 0:
          write.upsert_providers.push_back(RandomProvider());
          break;
        case 1:
        case 2:
          write.upsert_credentials.push_back(RandomCredential());
          break;
        case 3:
        case 4:
          write.upsert_links.push_back(RandomLink());
          break;
        case 5:
          write.delete_providers.push_back(Pick(model.providers, ProviderId()));
          break;
        case 6:
          write.delete_credentials.push_back(Pick(model.credentials, CredentialId()));
          break;
        default: {
          core::Link l = model.links.empty() || Chance(20)
                             ? RandomLink()
                             : std::next(model.links.begin(),
                                         Uniform(0, static_cast<int>(model.links.size()) - 1))
                                   ->second;
          write.delete_links.push_back({l.from_id, l.to_id, l.type, l.group});
        }
      }
    }
    return write;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }
  std::string ProviderId() { return absl::StrCat("P", Uniform(0, 3)); }
  std::string CredentialId() { return absl::StrCat("C", Uniform(0, 11)); }

  // Mostly an id that exists, sometimes one that may not.
  template <typename Map>
  std::string Pick(const Map& existing, std::string fallback) {
    if (existing.empty() || Chance(15)) return fallback;
    return std::next(existing.begin(), Uniform(0, static_cast<int>(existing.size()) - 1))->first;
  }

  core::Provider RandomProvider() {
    core::Provider p;
    p.id = ProviderId();
    p.name = absl::StrCat("name ", Uniform(0, 1000));
    p.standing = Uniform(0, 100) / 100.0;
    for (int i = Uniform(0, 2); i > 0; --i) p.regions.push_back(absl::StrCat("R", Uniform(0, 9)));
    return p;
  }

  core::Credential RandomCredential() {
    core::Credential c;
    c.id = CredentialId();
    c.title = absl::StrCat("title ", Uniform(0, 1000));
    c.provider_id = ProviderId();
    if (Chance(30)) c.partner_provider_id = ProviderId();
    c.fee = {Uniform(0, 100000), "EUR"};
    c.effort_hours = Uniform(1, 200);
    for (int i = Uniform(0, 3); i > 0; --i) c.skills.push_back(absl::StrCat("S", Uniform(0, 50)));
    for (int i = Uniform(0, 2); i > 0; --i) {
      c.offerings.push_back({absl::StrCat("T", Uniform(0, 9)), core::Date{Uniform(19000, 21000)}});
    }
    if (Chance(50)) c.valid_from = core::Date{Uniform(18000, 19000)};
    return c;
  }

  core::Link RandomLink() {
    core::Link l;
    l.from_id = CredentialId();
    l.to_id = CredentialId();
    l.type = Chance(50) ? core::LinkType::kLeadsTo : core::LinkType::kOverlaps;
    l.group = Uniform(0, 1);
    l.credit_points = Uniform(0, 20);
    l.overlap_fraction = Uniform(1, 4) / 4.0;
    return l;
  }

  std::mt19937 rng_;
};

TEST(StoreModelTest, RandomBatchesMatchTheModel) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE(absl::StrCat("seed ", seed, " (set CREDPATH_TEST_SEED to replay)"));
  TempDir dir;
  const std::string path = dir.File("model.db");
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status();
  Model model;
  RandomBatches batches(seed);
  int committed = 0;
  for (int step = 0; step < 300; ++step) {
    const CatalogWrite write = batches.Next(model);
    const absl::StatusCode expected = model.Apply(write);
    absl::StatusOr<int64_t> version = (*store)->ApplyCatalogWrite(write);
    ASSERT_EQ(version.status().code(), expected) << "step " << step << ": " << version.status();
    if (version.ok()) {
      ++committed;
      ASSERT_EQ(*version, model.version) << "step " << step;
    }
    if (step % 50 == 49) {  // reopen now and then: what is committed is in the file
      store->reset();
      store = OpenSqliteStore(path);
      ASSERT_TRUE(store.ok()) << store.status();
    }
    absl::StatusOr<CatalogData> data = (*store)->LoadCatalog();
    ASSERT_TRUE(data.ok()) << data.status();
    const CatalogData want = model.Data();
    ASSERT_EQ(data->version, want.version) << "step " << step;
    ASSERT_EQ(data->providers, want.providers) << "step " << step;
    ASSERT_EQ(data->credentials, want.credentials) << "step " << step;
    ASSERT_EQ(data->links, want.links) << "step " << step;
  }
  // Both outcomes must have been exercised for the test to mean anything.
  EXPECT_GT(committed, 30);
  EXPECT_LT(committed, 270);
}

// Each batch gives every credential the batch's number as its title; a reader that saw
// half a batch would see two different titles, or a title that is not its version.
TEST(StoreModelTest, ReadersNeverSeeHalfABatch) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Store>> opened = OpenSqliteStore(dir.File("concurrent.db"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  constexpr int kBatches = 40;
  auto batch = [](int n) {
    CatalogWrite write;
    write.upsert_providers = {testing::FullProvider("P")};
    for (int c = 0; c < 20; ++c) {
      core::Credential credential = testing::FullCredential(absl::StrCat("C", c), "P", "");
      credential.title = absl::StrCat(n);
      write.upsert_credentials.push_back(credential);
    }
    return write;
  };
  std::thread writer([&] {
    for (int n = 1; n <= kBatches; ++n) {
      absl::StatusOr<int64_t> version = store.ApplyCatalogWrite(batch(n));
      EXPECT_TRUE(version.ok()) << version.status();
    }
  });
  // In a lambda, so that a failed ASSERT returns here and the writer is still joined.
  auto read_until_last_batch = [&] {
    int64_t last_version = 0;
    while (last_version < kBatches) {
      absl::StatusOr<CatalogData> data = store.LoadCatalog();
      ASSERT_TRUE(data.ok()) << data.status();
      ASSERT_GE(data->version, last_version) << "versions never go back";
      last_version = data->version;
      if (data->version == 0) {
        ASSERT_TRUE(data->credentials.empty());
        continue;
      }
      ASSERT_EQ(data->credentials.size(), 20u);
      for (const core::Credential& c : data->credentials) {
        ASSERT_EQ(c.title, absl::StrCat(data->version)) << c.id;
      }
    }
  };
  read_until_last_batch();
  writer.join();
}

}  // namespace
}  // namespace credpath::storage
