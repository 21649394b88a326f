#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"

namespace credpath::graph {
namespace {

using ::credpath::graph::testing::MakeCatalog;
using ::credpath::graph::testing::MakeLink;

std::shared_ptr<const CatalogSnapshot> BuildOrDie(storage::CatalogData data) {
  absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
      CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

std::string Id(int i) {
  char id[16];
  std::snprintf(id, sizeof(id), "C%06d", i);
  return id;
}

std::vector<std::string> Ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(Id(i));
  return ids;
}

// The worked example of docs/snapshot.md:
//   A -> C, B -> C, C -> D, C -> E, E -> F (co-requisite), G alone.
TEST(StructuralMetricsTest, WorkedExample) {
  storage::CatalogData data = MakeCatalog({"A", "B", "C", "D", "E", "F", "G"},
                                          {{"A", "C"}, {"B", "C"}, {"C", "D"}, {"C", "E"}});
  data.links.push_back(MakeLink("E", "F", core::LinkType::kCorequisite));
  // The same pair linked twice counts once; advisory links do not count.
  data.links.push_back(MakeLink("C", "D", core::LinkType::kCorequisite));
  data.links.push_back(MakeLink("G", "A", core::LinkType::kRecommendedBefore));
  auto snapshot = BuildOrDie(std::move(data));
  ASSERT_NE(snapshot, nullptr);
  const std::vector<StructuralMetrics> m = ComputeStructuralMetrics(*snapshot);
  ASSERT_EQ(m.size(), 7u);
  //                                A  B  C  D  E  F  G
  const std::vector<int32_t> blocking = {4, 4, 3, 0, 1, 0, 0};
  const std::vector<int32_t> delay = {4, 4, 4, 3, 4, 4, 1};
  const std::vector<int64_t> centrality = {0, 0, 14, 0, 8, 0, 0};
  for (int v = 0; v < 7; ++v) {
    SCOPED_TRACE(snapshot->credentials()[v].id);
    EXPECT_EQ(m[v].blocking_factor, blocking[v]);
    EXPECT_EQ(m[v].delay_factor, delay[v]);
    EXPECT_EQ(m[v].centrality, centrality[v]);
    EXPECT_EQ(m[v].structural_complexity, blocking[v] + delay[v]);
    EXPECT_FALSE(m[v].blocking_capped);
  }
}

TEST(StructuralMetricsTest, EmptyCatalogue) {
  auto snapshot = BuildOrDie({});
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(ComputeStructuralMetrics(*snapshot).empty());
}

// Brute force straight from the definitions: enumerate every source-to-sink path.
struct BruteForce {
  std::vector<int32_t> blocking, delay;
  std::vector<int64_t> centrality;
};

BruteForce ComputeByEnumeration(int n, const std::vector<std::vector<int>>& successors) {
  std::vector<int> in_degree(n, 0);
  for (const auto& row : successors) {
    for (int w : row) ++in_degree[w];
  }
  BruteForce r{std::vector<int32_t>(n, 0), std::vector<int32_t>(n, 1), std::vector<int64_t>(n, 0)};
  for (int v = 0; v < n; ++v) {
    std::vector<bool> seen(n, false);
    std::vector<int> stack = {v};
    while (!stack.empty()) {
      const int u = stack.back();
      stack.pop_back();
      for (int w : successors[u]) {
        if (!seen[w]) {
          seen[w] = true;
          ++r.blocking[v];
          stack.push_back(w);
        }
      }
    }
  }
  std::vector<int> path;
  std::function<void(int)> walk = [&](int u) {
    path.push_back(u);
    if (successors[u].empty()) {
      const int length = static_cast<int>(path.size());
      for (int x : path) r.delay[x] = std::max(r.delay[x], length);
      for (size_t i = 1; i + 1 < path.size(); ++i) r.centrality[path[i]] += length;
    }
    for (int w : successors[u]) walk(w);
    path.pop_back();
  };
  for (int s = 0; s < n; ++s) {
    if (in_degree[s] == 0) walk(s);
  }
  return r;
}

TEST(StructuralMetricsTest, MatchesEnumerationOnRandomDags) {
  const uint64_t seed = testing::TestSeed();
  SCOPED_TRACE("seed=" + std::to_string(seed) + " (set CREDPATH_TEST_SEED to replay)");
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 150; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int n = 1 + static_cast<int>(rng() % 14);
    std::vector<std::vector<int>> successors(n);
    std::vector<std::pair<std::string, std::string>> links;
    for (int u = 0; u < n; ++u) {
      for (int v = u + 1; v < n; ++v) {
        if (rng() % 3 == 0) {
          successors[u].push_back(v);
          links.emplace_back(Id(u), Id(v));
        }
      }
    }
    auto snapshot = BuildOrDie(MakeCatalog(Ids(n), links));
    ASSERT_NE(snapshot, nullptr);
    const BruteForce expected = ComputeByEnumeration(n, successors);

    const std::vector<StructuralMetrics> exact = ComputeStructuralMetrics(*snapshot);
    const int32_t cap = 1 + static_cast<int32_t>(rng() % 5);
    const std::vector<StructuralMetrics> capped =
        ComputeStructuralMetrics(*snapshot, {.exact_blocking_budget = 0, .blocking_cap = cap});
    for (int v = 0; v < n; ++v) {
      SCOPED_TRACE("vertex " + std::to_string(v));
      EXPECT_EQ(exact[v].blocking_factor, expected.blocking[v]);
      EXPECT_FALSE(exact[v].blocking_capped);
      EXPECT_EQ(exact[v].delay_factor, expected.delay[v]);
      EXPECT_EQ(exact[v].centrality, expected.centrality[v]);
      EXPECT_EQ(capped[v].blocking_factor, std::min(expected.blocking[v], cap));
      EXPECT_EQ(capped[v].blocking_capped, expected.blocking[v] >= cap);
      EXPECT_EQ(capped[v].delay_factor, expected.delay[v]);
      EXPECT_EQ(capped[v].centrality, expected.centrality[v]);
    }
  }
}

TEST(StructuralMetricsTest, BudgetGoesToTheSmallestComponentsFirst) {
  // A chain of 3 (cost 5) and a chain of 6 (cost 11): a budget of 10 covers only the first.
  auto snapshot = BuildOrDie(MakeCatalog(Ids(9), {{Id(0), Id(1)},
                                                  {Id(1), Id(2)},
                                                  {Id(3), Id(4)},
                                                  {Id(4), Id(5)},
                                                  {Id(5), Id(6)},
                                                  {Id(6), Id(7)},
                                                  {Id(7), Id(8)}}));
  ASSERT_NE(snapshot, nullptr);
  const std::vector<StructuralMetrics> m =
      ComputeStructuralMetrics(*snapshot, {.exact_blocking_budget = 10, .blocking_cap = 2});
  EXPECT_EQ(m[0].blocking_factor, 2);
  EXPECT_FALSE(m[0].blocking_capped);
  EXPECT_EQ(m[3].blocking_factor, 2);
  EXPECT_TRUE(m[3].blocking_capped);
  EXPECT_EQ(m[7].blocking_factor, 1);
  EXPECT_FALSE(m[7].blocking_capped);
}

TEST(StructuralMetricsTest, LongChainExactAndCapped) {
  constexpr int kLength = 100'000;
  std::vector<std::pair<std::string, std::string>> links;
  for (int i = 0; i + 1 < kLength; ++i) links.emplace_back(Id(i), Id(i + 1));
  auto snapshot = BuildOrDie(MakeCatalog(Ids(kLength), links));
  ASSERT_NE(snapshot, nullptr);

  const std::vector<StructuralMetrics> exact = ComputeStructuralMetrics(*snapshot);
  const std::vector<StructuralMetrics> capped =
      ComputeStructuralMetrics(*snapshot, {.exact_blocking_budget = 0, .blocking_cap = 1000});
  for (int i : {0, 1, 50'000, kLength - 1000, kLength - 999, kLength - 2, kLength - 1}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(exact[i].blocking_factor, kLength - 1 - i);
    EXPECT_EQ(exact[i].delay_factor, kLength);
    // One long path, of kLength vertices; its ends are not interior.
    EXPECT_EQ(exact[i].centrality, (i == 0 || i == kLength - 1) ? 0 : kLength);
    EXPECT_EQ(capped[i].blocking_factor, std::min(kLength - 1 - i, 1000));
    EXPECT_EQ(capped[i].blocking_capped, kLength - 1 - i >= 1000);
  }
}

TEST(StructuralMetricsTest, PathCountsSaturate) {
  // A ladder of two-credential layers, each joined to the next in full: 2^layers long paths.
  constexpr int kLayers = 80;
  std::vector<std::pair<std::string, std::string>> links;
  for (int layer = 0; layer + 1 < kLayers; ++layer) {
    for (int a = 0; a < 2; ++a) {
      for (int b = 0; b < 2; ++b) links.emplace_back(Id(2 * layer + a), Id(2 * layer + 2 + b));
    }
  }
  auto snapshot = BuildOrDie(MakeCatalog(Ids(2 * kLayers), links));
  ASSERT_NE(snapshot, nullptr);
  const std::vector<StructuralMetrics> m = ComputeStructuralMetrics(*snapshot);
  // Layer 1: 2 ways in, 2^78 ways out: saturated. Layer 3: 2^3 in, 2^76 out, also.
  EXPECT_EQ(m[2].centrality, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(m[6].centrality, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(m[0].centrality, 0);
  EXPECT_EQ(m[2].delay_factor, kLayers);
  EXPECT_EQ(m[0].blocking_factor, 2 * kLayers - 2);

  // A ladder of 5 layers has 2^5 = 32 long paths of 5 vertices; each interior credential
  // lies on half of them.
  std::vector<std::pair<std::string, std::string>> small;
  for (const auto& link : links) {
    if (link.second <= Id(9)) small.push_back(link);
  }
  auto ladder = BuildOrDie(MakeCatalog(Ids(10), small));
  ASSERT_NE(ladder, nullptr);
  EXPECT_EQ(ComputeStructuralMetrics(*ladder)[4].centrality, 16 * 5);
}

}  // namespace
}  // namespace credpath::graph
