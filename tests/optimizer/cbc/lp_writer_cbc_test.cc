// WriteLp against the model's definition: CBC's optimum of the LP text equals an exhaustive
// search on random small problems that use every feature of problem.h.
#include <cstdint>
#include <fstream>
#include <optional>
#include <random>
#include <string>

#include "bench/support/cbc.h"
#include "gtest/gtest.h"
#include "optimizer/lp_writer.h"
#include "optimizer/problem.h"
#include "tests/optimizer/cbc/small_problems.h"
#include "tests/optimizer/cbc/temp_dir.h"

namespace credpath::optimizer {
namespace {

constexpr uint64_t kSeed = 20240611;
constexpr int kProblems = 250;
constexpr double kCbcSeconds = 30;

TEST(LpWriterCbcTest, CbcOptimumOfTheLpEqualsBruteForce) {
  testing::TempDir dir;
  std::mt19937_64 rng(kSeed);
  int with_target = 0;
  int infeasible = 0;
  for (int k = 0; k < kProblems; ++k) {
    SCOPED_TRACE(::testing::Message() << "seed " << kSeed << ", problem " << k);
    const Problem problem = testing::RandomSmallProblem(rng);
    const std::string lp = WriteLp(problem);
    const std::string path = dir.File("p" + std::to_string(k) + ".lp");
    std::ofstream(path) << lp;
    absl::StatusOr<bench::CbcRun> run = bench::RunCbc(path, kCbcSeconds);
    ASSERT_TRUE(run.ok()) << run.status() << "\n" << lp;
    const std::optional<int64_t> expected = testing::BruteForceOptimum(problem);
    if (!expected.has_value()) {
      ++infeasible;
      EXPECT_TRUE(run->solution.infeasible) << run->solution.status_line << "\n" << lp;
      continue;
    }
    with_target += problem.target.has_value() ? 1 : 0;
    ASSERT_TRUE(run->solution.optimal) << run->solution.status_line << "\n" << lp;
    ASSERT_EQ(run->solution.objective, *expected) << lp;
  }
  // The sample must exercise both the target model and infeasible models.
  EXPECT_GT(with_target, kProblems / 3);
  EXPECT_GT(infeasible, 0);
}

TEST(LpWriterCbcTest, NamesEveryCandidateAndNoHeldItem) {
  Problem problem;
  problem.items = {{"A", 1, 1, 5, 0, false}, {"B", 1, 1, 5, 0, true}, {"C", 1, 1, 0, 0, false}};
  problem.prerequisite_groups.resize(3);
  problem.money_budget = 10;
  problem.hours_budget = 10;
  const std::string lp = WriteLp(problem);
  EXPECT_NE(lp.find("x_0"), std::string::npos) << lp;
  EXPECT_NE(lp.find("x_2"), std::string::npos) << lp;
  EXPECT_EQ(lp.find("x_1"), std::string::npos) << lp;
}

}  // namespace
}  // namespace credpath::optimizer
