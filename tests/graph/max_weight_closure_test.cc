#include "graph/max_weight_closure.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"

namespace credpath::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Edges = std::vector<std::pair<int32_t, int32_t>>;

TEST(MaxWeightClosureTest, TakesAPositiveNodeWithItsCheaperRequirement) {
  // 0 (worth 3) needs 1 (costs 1); 2 (worth 4) needs 3 (costs 5): take {0, 1} only.
  const std::vector<int64_t> weights = {3, -1, 4, -5};
  absl::StatusOr<ClosureResult> result = MaxWeightClosure(weights, Edges{{0, 1}, {2, 3}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->value, 2);
  EXPECT_THAT(result->nodes, ElementsAre(0, 1));
}

TEST(MaxWeightClosureTest, SharedRequirementPaysOnce) {
  // 0 and 1 (worth 3 each) both need 2 (costs 5): together they pay for it.
  const std::vector<int64_t> weights = {3, 3, -5};
  absl::StatusOr<ClosureResult> result = MaxWeightClosure(weights, Edges{{0, 2}, {1, 2}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->value, 1);
  EXPECT_THAT(result->nodes, ElementsAre(0, 1, 2));
}

TEST(MaxWeightClosureTest, EmptyAndZeroWeights) {
  absl::StatusOr<ClosureResult> empty = MaxWeightClosure({}, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->value, 0);
  EXPECT_THAT(empty->nodes, IsEmpty());

  // Zero-weight nodes are optional; the minimal optimum leaves them out.
  const std::vector<int64_t> weights = {0, 0, 2};
  absl::StatusOr<ClosureResult> zeros = MaxWeightClosure(weights, Edges{{2, 1}, {0, 0}});
  ASSERT_TRUE(zeros.ok());
  EXPECT_EQ(zeros->value, 2);
  EXPECT_THAT(zeros->nodes, ElementsAre(1, 2));
}

TEST(MaxWeightClosureTest, RejectsBadInput) {
  const std::vector<int64_t> weights = {1, -1};
  absl::StatusOr<ClosureResult> out_of_range = MaxWeightClosure(weights, Edges{{0, 2}});
  EXPECT_EQ(out_of_range.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(out_of_range.status().message()), HasSubstr("edges[0] (0 -> 2)"));
  EXPECT_EQ(MaxWeightClosure(weights, Edges{{-1, 0}}).status().code(),
            absl::StatusCode::kInvalidArgument);

  const std::vector<int64_t> minimum = {std::numeric_limits<int64_t>::min()};
  EXPECT_EQ(MaxWeightClosure(minimum, {}).status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<int64_t> huge = {std::numeric_limits<int64_t>::max(), 1};
  EXPECT_EQ(MaxWeightClosure(huge, {}).status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<int64_t> at_limit = {std::numeric_limits<int64_t>::max()};
  EXPECT_EQ(MaxWeightClosure(at_limit, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MaxWeightClosureTest, HandlesLargeWeights) {
  constexpr int64_t kBig = int64_t{1} << 61;
  const std::vector<int64_t> weights = {kBig, -kBig + 1, kBig, -(kBig + 7)};
  absl::StatusOr<ClosureResult> result = MaxWeightClosure(weights, Edges{{0, 1}, {2, 1}, {2, 3}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->value, 1);
  EXPECT_THAT(result->nodes, ElementsAre(0, 1));
}

bool IsClosed(uint32_t set, const Edges& edges) {
  for (const auto& [u, v] : edges) {
    if ((set >> u & 1) && !(set >> v & 1)) return false;
  }
  return true;
}

TEST(MaxWeightClosureTest, MatchesBruteForceOnRandomGraphs) {
  const uint64_t seed = testing::TestSeed();
  SCOPED_TRACE("seed=" + std::to_string(seed) + " (set CREDPATH_TEST_SEED to replay)");
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 400; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int n = 1 + static_cast<int>(rng() % 12);
    std::vector<int64_t> weights(n);
    for (int64_t& w : weights) w = static_cast<int64_t>(rng() % 41) - 20;
    Edges edges;
    const int edge_count = static_cast<int>(rng() % (2 * n + 1));
    for (int e = 0; e < edge_count; ++e) {
      // Any direction, cycles included: a closure need not come from a DAG.
      edges.emplace_back(static_cast<int32_t>(rng() % n), static_cast<int32_t>(rng() % n));
    }

    // Optimal closures are closed under intersection, so the minimal one is the
    // intersection of all of them.
    int64_t best = std::numeric_limits<int64_t>::min();
    uint32_t minimal = 0;
    for (uint32_t set = 0; set < (1u << n); ++set) {
      if (!IsClosed(set, edges)) continue;
      int64_t value = 0;
      for (int v = 0; v < n; ++v) {
        if (set >> v & 1) value += weights[v];
      }
      if (value > best) {
        best = value;
        minimal = set;
      } else if (value == best) {
        minimal &= set;
      }
    }

    absl::StatusOr<ClosureResult> result = MaxWeightClosure(weights, edges);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->value, best);
    uint32_t returned = 0;
    int64_t returned_value = 0;
    for (int32_t v : result->nodes) {
      returned |= 1u << v;
      returned_value += weights[v];
    }
    EXPECT_TRUE(IsClosed(returned, edges));
    EXPECT_EQ(returned_value, best);
    EXPECT_EQ(returned, minimal);
  }
}

}  // namespace
}  // namespace credpath::graph
