#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"

namespace credpath::graph {
namespace {

using ::testing::ElementsAre;
using Edges = std::vector<std::pair<std::string_view, std::string_view>>;

// Owns the id strings the string_view edges point at.
struct NamedGraph {
  std::vector<std::string> names;
  std::vector<std::pair<int, int>> edges;

  Edges Views() const {
    Edges views;
    for (const auto& [u, v] : edges) views.emplace_back(names[u], names[v]);
    return views;
  }
};

NamedGraph Numbered(int n) {
  NamedGraph g;
  for (int i = 0; i < n; ++i) g.names.push_back(absl::StrCat("N", i));
  return g;
}

// True when `cycle` closes on itself and every step is an edge of `edges`.
bool IsCycleOf(const std::vector<std::string>& cycle, const Edges& edges) {
  if (cycle.size() < 2 || cycle.front() != cycle.back()) return false;
  std::set<std::pair<std::string_view, std::string_view>> edge_set(edges.begin(), edges.end());
  for (size_t i = 0; i + 1 < cycle.size(); ++i) {
    if (!edge_set.contains({cycle[i], cycle[i + 1]})) return false;
  }
  std::set<std::string> distinct(cycle.begin(), cycle.end() - 1);
  return distinct.size() == cycle.size() - 1;
}

TEST(FindCycleTest, NoEdgesNoCycle) { EXPECT_EQ(FindCycle({}), std::nullopt); }

TEST(FindCycleTest, DagsHaveNoCycle) {
  // A diamond: D is reached twice, which a naive visited check would mistake for a cycle.
  EXPECT_EQ(FindCycle({{"A", "B"}, {"A", "C"}, {"B", "D"}, {"C", "D"}}), std::nullopt);
  EXPECT_EQ(FindCycle({{"A", "B"}, {"A", "B"}}), std::nullopt);
}

TEST(FindCycleTest, SelfLoop) {
  EXPECT_THAT(FindCycle({{"A", "B"}, {"B", "B"}}).value(), ElementsAre("B", "B"));
}

TEST(FindCycleTest, NamesTheCycleInEdgeDirection) {
  EXPECT_THAT(FindCycle({{"A", "B"}, {"B", "A"}}).value(), ElementsAre("A", "B", "A"));
  EXPECT_THAT(FindCycle({{"X", "A"}, {"A", "B"}, {"B", "C"}, {"C", "A"}, {"C", "Y"}}).value(),
              ElementsAre("A", "B", "C", "A"));
}

TEST(FindCycleTest, FindsACycleAwayFromTheFirstRoot) {
  EXPECT_THAT(FindCycle({{"A", "B"}, {"C", "D"}, {"D", "E"}, {"E", "C"}}).value(),
              ElementsAre("C", "D", "E", "C"));
}

TEST(FindCycleTest, MillionDeepChainDoesNotOverflowTheStack) {
  constexpr int kLength = 1'000'000;
  NamedGraph g = Numbered(kLength);
  for (int i = 0; i + 1 < kLength; ++i) g.edges.emplace_back(i, i + 1);
  const Edges chain = g.Views();
  EXPECT_EQ(FindCycle(chain), std::nullopt);

  g.edges.emplace_back(kLength - 1, 0);
  const std::optional<std::vector<std::string>> cycle = FindCycle(g.Views());
  ASSERT_TRUE(cycle.has_value());
  ASSERT_EQ(cycle->size(), static_cast<size_t>(kLength) + 1);
  EXPECT_EQ(cycle->front(), "N0");
  EXPECT_EQ((*cycle)[kLength - 1], absl::StrCat("N", kLength - 1));
  EXPECT_EQ(cycle->back(), "N0");
}

TEST(FindCycleTest, RandomDagsAndPlantedCycles) {
  const uint64_t seed = testing::TestSeed();
  SCOPED_TRACE("seed=" + std::to_string(seed) + " (set CREDPATH_TEST_SEED to replay)");
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    const int n = 2 + static_cast<int>(rng() % 40);
    NamedGraph g = Numbered(n);
    // Edges go forward in a random order of the vertices, so the graph is a DAG.
    std::vector<int> rank(n);
    std::iota(rank.begin(), rank.end(), 0);
    std::shuffle(rank.begin(), rank.end(), rng);
    const int edge_count = static_cast<int>(rng() % (3 * n));
    for (int e = 0; e < edge_count; ++e) {
      int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      if (a == b) continue;
      if (rank[a] > rank[b]) std::swap(a, b);
      g.edges.emplace_back(a, b);
    }
    std::shuffle(g.edges.begin(), g.edges.end(), rng);
    EXPECT_EQ(FindCycle(g.Views()), std::nullopt) << "round " << round;

    // Any backward edge between two vertices joined by a forward path closes a cycle.
    int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
    if (rank[a] > rank[b]) std::swap(a, b);
    g.edges.emplace_back(a, b);
    g.edges.emplace_back(b, a);
    std::shuffle(g.edges.begin(), g.edges.end(), rng);
    const Edges views = g.Views();
    const std::optional<std::vector<std::string>> cycle = FindCycle(views);
    ASSERT_TRUE(cycle.has_value()) << "round " << round;
    EXPECT_TRUE(IsCycleOf(*cycle, views)) << "round " << round;
  }
}

}  // namespace
}  // namespace credpath::graph
