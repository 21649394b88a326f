// The Dantzig-Wolfe master of the Lagrangian bound: the LP bound of a node by column
// generation, for the root nodes where a few rows decide it.
//
// Every bound evaluation (lagrangian.h) returns a closure X_j with its value f_j and the
// slack g_j = b - A X_j of each row. The master is the LP
//   max Σ_j μ_j f_j   s.t.  Σ_j μ_j g_j ≥ 0 (every row),  Σ_j μ_j = 1,  μ ≥ 0,
// the best convex combination of the closures seen that meets the rows on average. Its
// optimal row duals λ ≥ 0 minimise max_j (f_j + λ·g_j), the cutting-plane model of L(λ);
// the next evaluation at λ either adds a closure the model missed or proves λ optimal:
// once min_j L(λ_j) meets the master's value, that is the LP bound (Kelley 1960,
// Dantzig and Wolfe 1960). An artificial column (f = -M, g = 0) keeps the master feasible
// before the closures can meet a row such as a credit threshold.
//
// Only rows some closure violates enter the master: the others hold for every convex
// combination and have dual 0. So the master stays small on the planner's problems (the
// two budgets and the odd OR-group), and a master that outgrows kMaxRows gives up: the
// masters that converged within the caller's 40 evaluations had at most 11 rows (the
// planner's requests; 2-5 on the generated problems without OR-groups), while those of
// generated or_groups problems of n = 100 had 15-25 rows after 10 evaluations and 25-31
// after 40, and never converged (docs/optimizer.md, "Effort levels").
//
// The master is kept between solves and warm-started: a new closure is a new column and
// the last basis stays feasible; a row it is the first to violate enters with its slack
// basic, which every earlier closure meets. A dense tableau, O(rows · columns) per pivot;
// Dantzig's rule, and Bland's, which cannot cycle, after a run of degenerate pivots (the
// start is degenerate). Floating point is fine: whatever λ it returns, the evaluation at
// λ is an exact bound (lagrangian.h).
// Thread safety: none.
// References: J. E. Kelley, "The cutting-plane method for solving convex programs", 1960;
// G. B. Dantzig and P. Wolfe, "Decomposition principle for linear programs", 1960.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace credpath::optimizer {

class DualMaster {
 public:
  static constexpr size_t kMaxRows = 20;
  static constexpr size_t kMaxColumns = 64;

  // `value_range`: no closure's value exceeds it in magnitude; the artificial column is
  // priced far below that.
  explicit DualMaster(double value_range);

  // A closure: its value and its slack per row (in the units the duals are wanted in;
  // every closure has the same rows).
  void AddColumn(double value, std::vector<double> slack);

  struct Answer {
    double value = 0;           // the master's optimum
    std::vector<double> duals;  // λ per row, 0 for rows no closure violates
  };
  // The master's optimum, or nullopt once it has outgrown kMaxRows or kMaxColumns.
  std::optional<Answer> Solve();

 private:
  // The dual of tableau row i: c_B · B⁻¹ e_i, from its unit column of the start basis.
  double Dual(size_t i) const;
  size_t AddTableauColumn(double cost);
  void AddRow(size_t node_row);

  std::vector<std::vector<double>> slacks_;  // per closure, per node row
  bool too_many_rows_ = false;
  // Tableau row 0 is the convexity row, row i > 0 the node row master_rows_[i - 1].
  // Columns: the artificial one (0), then closures and row slacks as they came.
  std::vector<size_t> master_rows_;
  std::vector<size_t> closure_column_;        // per closure
  std::vector<size_t> unit_column_;           // per tableau row: its column of the start basis
  std::vector<std::vector<double>> tableau_;  // B⁻¹ A
  std::vector<double> rhs_;
  std::vector<size_t> basis_;
  std::vector<double> cost_;
  std::vector<double> reduced_;  // c - c_B B⁻¹ A
};

}  // namespace credpath::optimizer
