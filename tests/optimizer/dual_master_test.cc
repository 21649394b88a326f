// DualMaster against the LP it solves: one-row masters by enumerating the bases, larger
// ones by strong duality (the master's value equals its dual objective at its duals), and
// warm starts against solving from scratch.
#include "optimizer/dual_master.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace credpath::optimizer {
namespace {

struct Column {
  double value;
  std::vector<double> slack;
};

// max_j (f_j + λ·g_j): the cutting-plane model at λ, which no convex combination
// meeting the rows beats.
double ModelAt(const std::vector<Column>& columns, const std::vector<double>& duals) {
  double most = -std::numeric_limits<double>::infinity();
  for (const Column& c : columns) {
    double v = c.value;
    for (size_t r = 0; r < duals.size(); ++r) v += duals[r] * c.slack[r];
    most = std::max(most, v);
  }
  return most;
}

std::vector<Column> RandomColumns(std::mt19937_64& rng, int count, int rows) {
  std::uniform_real_distribution<double> value(0, 100);
  std::uniform_real_distribution<double> slack(-5, 5);
  std::vector<Column> columns;
  // The empty set meets every row: the master is feasible without its artificial column.
  columns.push_back(Column{0, std::vector<double>(rows, 1.0)});
  for (int j = 1; j < count; ++j) {
    Column c{value(rng), {}};
    for (int r = 0; r < rows; ++r) c.slack.push_back(slack(rng));
    columns.push_back(c);
  }
  return columns;
}

TEST(DualMaster, TwoClosuresThatMeetTheRowOnAverage) {
  DualMaster master(100);
  master.AddColumn(3, {-1});
  master.AddColumn(1, {1});
  master.AddColumn(0, {2});
  const auto answer = master.Solve();
  ASSERT_TRUE(answer.has_value());
  EXPECT_NEAR(answer->value, 2, 1e-9);  // half of each of the first two
  ASSERT_EQ(answer->duals.size(), 1u);
  EXPECT_NEAR(answer->duals[0], 1, 1e-9);
}

TEST(DualMaster, RowsNoClosureViolatesHaveDualZero) {
  DualMaster master(100);
  master.AddColumn(5, {0.5, -1});
  master.AddColumn(2, {1, 3});
  const auto answer = master.Solve();
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->duals[0], 0);
  EXPECT_NEAR(answer->value, ModelAt({{5, {0.5, -1}}, {2, {1, 3}}}, answer->duals), 1e-9);
  EXPECT_NEAR(answer->value, 5 * 0.75 + 2 * 0.25, 1e-9);
}

TEST(DualMaster, NoFeasibleMixPricesTheRowAboveEveryValue) {
  DualMaster master(100);
  master.AddColumn(5, {-1});
  const auto answer = master.Solve();
  ASSERT_TRUE(answer.has_value());
  EXPECT_LT(answer->value, -5);
  EXPECT_GT(answer->duals[0], 5);  // L at these duals is below every set's value
}

TEST(DualMaster, OneRowMatchesTheBestBasis) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 500; ++round) {
    const std::vector<Column> columns = RandomColumns(rng, 2 + round % 12, 1);
    DualMaster master(100);
    for (const Column& c : columns) master.AddColumn(c.value, c.slack);
    const auto answer = master.Solve();
    ASSERT_TRUE(answer.has_value());
    // A basis of a one-row master is one column that meets the row, or two on either side
    // of it, mixed to meet it exactly.
    double best = -std::numeric_limits<double>::infinity();
    for (const Column& a : columns) {
      if (a.slack[0] >= 0) best = std::max(best, a.value);
      for (const Column& b : columns) {
        if (a.slack[0] < 0 && b.slack[0] > 0) {
          const double share = b.slack[0] / (b.slack[0] - a.slack[0]);
          best = std::max(best, share * a.value + (1 - share) * b.value);
        }
      }
    }
    EXPECT_NEAR(answer->value, best, 1e-7) << "round " << round;
    EXPECT_NEAR(ModelAt(columns, answer->duals), best, 1e-7) << "round " << round;
  }
}

TEST(DualMaster, SeveralRowsMeetStrongDuality) {
  std::mt19937_64 rng(12);
  for (int round = 0; round < 500; ++round) {
    const std::vector<Column> columns = RandomColumns(rng, 2 + round % 30, 2 + round % 5);
    DualMaster master(100);
    for (const Column& c : columns) master.AddColumn(c.value, c.slack);
    const auto answer = master.Solve();
    ASSERT_TRUE(answer.has_value());
    for (double dual : answer->duals) EXPECT_GE(dual, 0);
    EXPECT_NEAR(ModelAt(columns, answer->duals), answer->value, 1e-6) << "round " << round;
    // At least the best single column that meets every row.
    for (const Column& c : columns) {
      if (std::all_of(c.slack.begin(), c.slack.end(), [](double g) { return g >= 0; })) {
        EXPECT_GE(answer->value, c.value - 1e-9);
      }
    }
  }
}

TEST(DualMaster, WarmStartsMatchFreshSolves) {
  std::mt19937_64 rng(13);
  for (int round = 0; round < 200; ++round) {
    const std::vector<Column> columns = RandomColumns(rng, 2 + round % 30, 2 + round % 7);
    DualMaster warm(100);
    for (size_t j = 0; j < columns.size(); ++j) {
      warm.AddColumn(columns[j].value, columns[j].slack);
      const auto incremental = warm.Solve();
      DualMaster fresh(100);
      for (size_t i = 0; i <= j; ++i) fresh.AddColumn(columns[i].value, columns[i].slack);
      const auto once = fresh.Solve();
      ASSERT_TRUE(incremental.has_value() && once.has_value());
      EXPECT_NEAR(incremental->value, once->value, 1e-6) << "round " << round << ", column " << j;
      const std::vector<Column> seen(columns.begin(), columns.begin() + j + 1);
      EXPECT_NEAR(ModelAt(seen, incremental->duals), incremental->value, 1e-6)
          << "round " << round << ", column " << j;
    }
  }
}

TEST(DualMaster, GivesUpBeyondItsSize) {
  DualMaster master(100);
  for (size_t j = 0; j <= DualMaster::kMaxColumns; ++j) {
    master.AddColumn(static_cast<double>(j), {-1.0 * static_cast<double>(j % 2), 1});
  }
  EXPECT_FALSE(master.Solve().has_value());
  DualMaster wide(100);
  wide.AddColumn(1, std::vector<double>(DualMaster::kMaxRows + 1, -1));
  EXPECT_FALSE(wide.Solve().has_value());
}

}  // namespace
}  // namespace credpath::optimizer
