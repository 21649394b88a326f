// The optimiser against the MILP reference: on generated instances of every family, from
// n = 20 to n = 1000, credpath::optimizer::Solve and CBC (on WriteLp's model) must both
// prove optimality and agree on the optimum exactly. Needs `cbc` on PATH.
#include <cstdint>
#include <fstream>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/support/cbc.h"
#include "bench/support/generator.h"
#include "gtest/gtest.h"
#include "optimizer/lp_writer.h"
#include "optimizer/solver.h"
#include "tests/optimizer/cbc/temp_dir.h"

namespace credpath::optimizer {
namespace {

using bench::Family;

// Generous for both: the optimiser's target is 1 s at n = 1000 (20x margin for loaded or
// sanitizer builds); the largest instances take CBC up to tens of seconds. A run that does
// not prove optimality within these limits fails the test rather than being skipped.
constexpr double kSolveSeconds = 20;
constexpr double kCbcSeconds = 300;

struct Instance {
  Family family;
  int32_t n;
  uint64_t seed;
};

void PrintTo(const Instance& instance, std::ostream* os) {
  *os << bench::FamilyName(instance.family) << " n=" << instance.n << " seed=" << instance.seed;
}

std::vector<Instance> Instances() {
  // More seeds where instances are cheap; one per family at the largest sizes.
  const std::vector<std::pair<int32_t, int>> kSizes = {{20, 3}, {50, 3}, {100, 2},
                                                       {200, 2}, {500, 1}, {1000, 1}};
  std::vector<Instance> instances;
  for (const auto& [n, seeds] : kSizes) {
    for (Family family : bench::AllFamilies()) {
      for (int seed = 1; seed <= seeds; ++seed) {
        instances.push_back({family, n, static_cast<uint64_t>(seed)});
      }
    }
  }
  // Where the search stops crawling passes most (branch_and_bound.cc, kCrawlNodes): each
  // stop drops a pass's proof, so the optimum must still be the reference's.
  instances.push_back({Family::kOrGroups, 1000, 2});
  return instances;
}

class OptimizerCbcTest : public ::testing::TestWithParam<Instance> {};

TEST_P(OptimizerCbcTest, SameProvenOptimum) {
  const Instance& instance = GetParam();
  SCOPED_TRACE(::testing::Message() << "gen_problems --family " << FamilyName(instance.family)
                                    << " --n " << instance.n << " --seed " << instance.seed);
  const Problem problem = bench::Generate(instance.family, instance.n, instance.seed);

  SolveOptions options;
  options.time_limit_seconds = kSolveSeconds;
  absl::StatusOr<SolveResult> result = Solve(problem, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_TRUE(result->proven_optimal) << "Solve did not prove optimality within "
                                      << kSolveSeconds << " s; bound " << result->bound;
  ASSERT_FALSE(result->pathways.empty());
  const Solution& best = result->pathways[0];

  testing::TempDir dir;
  const std::string lp_path = dir.File("problem.lp");
  std::ofstream(lp_path) << WriteLp(problem);
  absl::StatusOr<bench::CbcRun> cbc = bench::RunCbc(lp_path, kCbcSeconds);
  ASSERT_TRUE(cbc.ok()) << cbc.status();
  ASSERT_TRUE(cbc->solution.optimal)
      << "CBC did not prove optimality within " << kCbcSeconds << " s: "
      << cbc->solution.status_line;
  EXPECT_EQ(best.objective, cbc->solution.objective);

  // The incumbent's objective is what its items are worth.
  int64_t value = 0;
  for (ItemIndex i : best.selected) value += problem.items[i].value;
  if (best.target_met) value += problem.target->bonus;
  EXPECT_EQ(best.objective, value);
}

INSTANTIATE_TEST_SUITE_P(
    Generated, OptimizerCbcTest, ::testing::ValuesIn(Instances()),
    [](const ::testing::TestParamInfo<Instance>& info) {
      return absl::StrCat(bench::FamilyName(info.param.family), "_n", info.param.n, "_seed",
                          info.param.seed);
    });

}  // namespace
}  // namespace credpath::optimizer
