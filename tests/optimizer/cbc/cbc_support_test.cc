// The benchmark support code the cross-check relies on: reading CBC's solution files,
// running processes, and the instance generator's contracts.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "bench/support/cbc.h"
#include "bench/support/generator.h"
#include "bench/support/process.h"
#include "gtest/gtest.h"
#include "tests/optimizer/cbc/temp_dir.h"

namespace credpath::bench {
namespace {

TEST(ParseCbcSolutionTest, ReadsAnOptimalSolution) {
  const std::string text =
      "Optimal - objective value 22.00000000\n"
      "      0 x_0                    1                       5\n"
      "      2 x_3                    1                      -3\n"
      "      3 z                      1                      20\n"
      "      4 y_1                    1                       0\n"
      "      5 x_12                   0                       1\n";
  absl::StatusOr<CbcSolution> solution = ParseCbcSolution(text);
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_TRUE(solution->optimal);
  EXPECT_FALSE(solution->infeasible);
  EXPECT_EQ(solution->objective, 22);
  EXPECT_EQ(solution->selected, (std::vector<optimizer::ItemIndex>{0, 3}));
}

TEST(ParseCbcSolutionTest, ReadsNegativeAndTimeLimitedObjectives) {
  absl::StatusOr<CbcSolution> stopped =
      ParseCbcSolution("Stopped on time - objective value -120.00000000\n");
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  EXPECT_FALSE(stopped->optimal);
  EXPECT_EQ(stopped->objective, -120);
}

TEST(ParseCbcSolutionTest, ReadsInfeasibleAndIgnoresItsPoint) {
  absl::StatusOr<CbcSolution> solution = ParseCbcSolution(
      "Infeasible - objective value 0.00000000\n"
      "**       4 x_5                   -1                      -0\n");
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_TRUE(solution->infeasible);
  EXPECT_FALSE(solution->optimal);
  EXPECT_TRUE(solution->selected.empty());
}

TEST(ParseCbcSolutionTest, RejectsWhatIsNotASolution) {
  EXPECT_EQ(ParseCbcSolution("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCbcSolution("Welcome to the CBC MILP Solver\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCbcSolution("Optimal - objective value 21.5\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCbcSolution("Optimal - objective value 1\n  0 x_0\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCbcSolution("Optimal - objective value 1\n** 0 x_0 1 0\n").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ParseCbcReportedMsTest, ReadsTheLastTotalTimeLine) {
  const std::string log =
      "Time (Wallclock seconds):       12.36\n\n"
      "Total time (CPU seconds):       11.92   (Wallclock seconds):       12.37\n";
  const std::optional<double> ms = ParseCbcReportedMs(log);
  ASSERT_TRUE(ms.has_value());
  EXPECT_NEAR(*ms, 12370, 1e-6);
  EXPECT_FALSE(ParseCbcReportedMs("Welcome to the CBC MILP Solver\n").has_value());
}

TEST(RunProcessTest, ReportsExitCodesAndMissingPrograms) {
  optimizer::testing::TempDir dir;
  absl::StatusOr<ProcessResult> result =
      RunProcess({"sh", "-c", "echo out; exit 3"}, dir.File("out"), dir.File("err"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_GE(result->wall_ms, 0);
  std::ifstream out(dir.File("out"));
  std::string line;
  EXPECT_TRUE(std::getline(out, line));
  EXPECT_EQ(line, "out");
  EXPECT_EQ(RunProcess({"credpath-no-such-program"}, dir.File("out"), dir.File("err"))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(RunProcess({}, dir.File("out"), dir.File("err")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

const char* volatile escaped_ballast = nullptr;

TEST(PeakMemoryTest, MeasuresTheProgramNotItsParent) {
  optimizer::testing::TempDir dir;
  // dd reads its one block into a buffer of that size: it holds at least 48 MiB.
  absl::StatusOr<int64_t> dd = PeakMemoryKib(
      {"dd", "if=/dev/zero", "of=/dev/null", "bs=48M", "count=1"}, dir.File("out"),
      dir.File("err"));
  ASSERT_TRUE(dd.ok()) << dd.status();
  EXPECT_GE(*dd, 48 * 1024);
  EXPECT_LT(*dd, 64 * 1024);
  // This test process then holds 32 MiB more than `true` does; the figure must be true's
  // own. The pointer escapes so that the writes cannot be optimised away.
  const std::vector<char> ballast(32 << 20, 1);
  escaped_ballast = ballast.data();
  absl::StatusOr<int64_t> idle = PeakMemoryKib({"true"}, dir.File("out"), dir.File("err"));
  ASSERT_TRUE(idle.ok()) << idle.status();
  EXPECT_GT(*idle, 0);
  EXPECT_LT(*idle, 16 * 1024);
  EXPECT_EQ(PeakMemoryKib({"false"}, dir.File("out"), dir.File("err")).status().code(),
            absl::StatusCode::kInternal);
}

bool SameProblem(const optimizer::Problem& a, const optimizer::Problem& b) {
  if (a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const auto& x = a.items[i];
    const auto& y = b.items[i];
    if (x.id != y.id || x.fee != y.fee || x.hours != y.hours || x.value != y.value ||
        x.credit != y.credit || x.held != y.held) {
      return false;
    }
  }
  return a.prerequisite_groups == b.prerequisite_groups &&
         a.exclusive_groups == b.exclusive_groups && a.money_budget == b.money_budget &&
         a.hours_budget == b.hours_budget && a.target.has_value() == b.target.has_value();
}

TEST(GeneratorTest, FamilyNamesRoundTrip) {
  for (Family family : AllFamilies()) {
    absl::StatusOr<Family> parsed = ParseFamily(FamilyName(family));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, family);
  }
  EXPECT_EQ(ParseFamily("hard").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(GeneratorTest, IsAFunctionOfFamilySizeAndSeed) {
  for (Family family : AllFamilies()) {
    SCOPED_TRACE(FamilyName(family));
    EXPECT_TRUE(SameProblem(Generate(family, 200, 5), Generate(family, 200, 5)));
    EXPECT_FALSE(SameProblem(Generate(family, 200, 5), Generate(family, 200, 6)));
  }
}

TEST(GeneratorTest, KeepsItsContracts) {
  for (Family family : AllFamilies()) {
    for (int32_t n : {1, 2, 20, 137, 1000}) {
      SCOPED_TRACE(::testing::Message() << FamilyName(family) << " n=" << n);
      const optimizer::Problem problem = Generate(family, n, 11);
      const auto total = static_cast<optimizer::ItemIndex>(problem.items.size());
      const auto candidates = std::count_if(problem.items.begin(), problem.items.end(),
                                            [](const auto& item) { return !item.held; });
      EXPECT_EQ(candidates, n);
      ASSERT_EQ(problem.prerequisite_groups.size(), problem.items.size());
      for (optimizer::ItemIndex i = 0; i < total; ++i) {
        for (const auto& group : problem.prerequisite_groups[i]) {
          ASSERT_FALSE(group.empty());
          for (optimizer::ItemIndex j : group) {
            EXPECT_GE(j, 0);
            EXPECT_LT(j, i) << "prerequisites must point backward (acyclic)";
          }
        }
      }
      for (const auto& group : problem.exclusive_groups) {
        EXPECT_GE(group.size(), 2u);
        for (optimizer::ItemIndex j : group) EXPECT_LT(j, total);
        EXPECT_LE(std::count_if(group.begin(), group.end(),
                                [&](optimizer::ItemIndex j) { return problem.items[j].held; }),
                  1)
            << "two held members would make every plan infeasible";
      }
      EXPECT_GT(problem.money_budget, 0);
      EXPECT_GT(problem.hours_budget, 0);
      EXPECT_EQ(problem.target.has_value(), family == Family::kTarget);
      if (problem.target.has_value()) {
        EXPECT_GE(problem.target->credit_cap, problem.target->credit_threshold);
        for (const auto& overlap : problem.target->overlaps) {
          EXPECT_NE(overlap.a, overlap.b);
          EXPECT_LE(overlap.shared_credit, problem.items[overlap.a].credit);
          EXPECT_LE(overlap.shared_credit, problem.items[overlap.b].credit);
        }
      }
    }
  }
}

TEST(GeneratorTest, StronglyCorrelatedValuesFollowCost) {
  const optimizer::Problem problem = Generate(Family::kStrongly, 300, 3);
  // value = cost + 10% of the cost range (280) ± 2% of it: the defining property.
  int64_t lowest = 1 << 30;
  int64_t highest = -(1 << 30);
  for (const auto& item : problem.items) {
    const int64_t offset = item.value - (item.fee / 250 + item.hours);
    lowest = std::min(lowest, offset);
    highest = std::max(highest, offset);
  }
  EXPECT_GE(lowest, 28 - 5);
  EXPECT_LE(highest, 28 + 5);
  EXPECT_LT(lowest, highest);
}

}  // namespace
}  // namespace credpath::bench
