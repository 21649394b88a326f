#include "optimizer/dual_master.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace credpath::optimizer {
namespace {

constexpr double kEpsilon = 1e-9;
constexpr size_t kBlandAfter = 8;

}  // namespace

DualMaster::DualMaster(double value_range) {
  // The convexity row alone, the artificial column basic in it.
  const double artificial_cost = -1e3 * (1 + std::abs(value_range));
  cost_.push_back(artificial_cost);
  reduced_.push_back(0);
  tableau_.push_back({1.0});
  rhs_.push_back(1);
  basis_.push_back(0);
  unit_column_.push_back(0);
}

double DualMaster::Dual(size_t i) const {
  return cost_[unit_column_[i]] - reduced_[unit_column_[i]];
}

size_t DualMaster::AddTableauColumn(double cost) {
  for (std::vector<double>& row : tableau_) row.push_back(0);
  cost_.push_back(cost);
  reduced_.push_back(cost);
  return cost_.size() - 1;
}

void DualMaster::AddRow(size_t node_row) {
  // -Σ_j g_j μ_j + s = 0 over the closures so far, which all meet the row (else it would
  // be in already), so its slack enters the basis at Σ g_j μ_j ≥ 0: the basis stays
  // feasible, and with the slack's zero cost the duals and reduced costs do not change.
  const size_t slack = AddTableauColumn(0);
  std::vector<double> row(cost_.size(), 0.0);
  for (size_t c = 0; c < closure_column_.size(); ++c) {
    row[closure_column_[c]] = -slacks_[c][node_row];
  }
  row[slack] = 1;
  double rhs = 0;
  for (size_t i = 0; i < tableau_.size(); ++i) {
    const double factor = row[basis_[i]];
    if (factor == 0) continue;
    for (size_t k = 0; k < row.size(); ++k) row[k] -= factor * tableau_[i][k];
    rhs -= factor * rhs_[i];
  }
  tableau_.push_back(std::move(row));
  rhs_.push_back(rhs);
  basis_.push_back(slack);
  unit_column_.push_back(slack);
  master_rows_.push_back(node_row);
}

void DualMaster::AddColumn(double value, std::vector<double> slack) {
  slacks_.push_back(std::move(slack));
  if (slacks_.size() > kMaxColumns) return;  // Solve() gives up
  const std::vector<double>& closure = slacks_.back();
  for (size_t r = 0; r < closure.size(); ++r) {
    if (closure[r] < -kEpsilon &&
        std::find(master_rows_.begin(), master_rows_.end(), r) == master_rows_.end()) {
      if (master_rows_.size() >= kMaxRows) {
        too_many_rows_ = true;
        return;
      }
      AddRow(r);
    }
  }
  // The column in the current basis, B⁻¹ a, from the unit columns of the start basis.
  std::vector<double> original(tableau_.size());
  for (size_t i = 0; i < master_rows_.size(); ++i) {
    original[i + 1] = -closure[master_rows_[i]];
  }
  original[0] = 1;  // the convexity row
  const size_t k = AddTableauColumn(value);
  closure_column_.push_back(k);
  for (size_t i = 0; i < tableau_.size(); ++i) {
    double entry = 0;
    for (size_t j = 0; j < tableau_.size(); ++j) {
      entry += tableau_[i][unit_column_[j]] * original[j];
    }
    tableau_[i][k] = entry;
  }
  double priced = 0;
  for (size_t j = 0; j < tableau_.size(); ++j) priced += Dual(j) * original[j];
  reduced_[k] = value - priced;
}

std::optional<DualMaster::Answer> DualMaster::Solve() {
  if (slacks_.empty() || slacks_.size() > kMaxColumns || too_many_rows_) return std::nullopt;
  const size_t width = cost_.size();
  const size_t height = tableau_.size();
  const size_t max_pivots = 50 * width;
  size_t degenerate = 0;  // pivots in a row that did not move the solution
  for (size_t pivots = 0;; ++pivots) {
    if (pivots >= max_pivots) return std::nullopt;
    // Dantzig's rule (the largest reduced cost), and Bland's (the first positive one),
    // which cannot cycle, after a run of degenerate pivots.
    size_t entering = width;
    const bool bland = degenerate >= kBlandAfter;
    for (size_t k = 0; k < width; ++k) {
      if (reduced_[k] <= kEpsilon) continue;
      if (entering == width || (!bland && reduced_[k] > reduced_[entering])) entering = k;
      if (bland) break;
    }
    if (entering == width) break;  // optimal
    size_t leaving = height;
    double ratio = 0;
    for (size_t i = 0; i < height; ++i) {
      if (tableau_[i][entering] <= kEpsilon) continue;
      const double r = rhs_[i] / tableau_[i][entering];
      if (leaving == height || r < ratio - kEpsilon ||
          (r <= ratio + kEpsilon && basis_[i] < basis_[leaving])) {
        leaving = i;
        ratio = r;
      }
    }
    if (leaving == height) return std::nullopt;  // unbounded: cannot happen with Σ μ = 1
    std::vector<double>& pivot_row = tableau_[leaving];
    const double pivot = pivot_row[entering];
    for (double& a : pivot_row) a /= pivot;
    rhs_[leaving] /= pivot;
    for (size_t i = 0; i < height; ++i) {
      if (i == leaving) continue;
      const double factor = tableau_[i][entering];
      if (factor == 0) continue;
      for (size_t k = 0; k < width; ++k) tableau_[i][k] -= factor * pivot_row[k];
      rhs_[i] -= factor * rhs_[leaving];
    }
    degenerate = rhs_[leaving] <= kEpsilon ? degenerate + 1 : 0;
    const double gain = reduced_[entering];
    for (size_t k = 0; k < width; ++k) reduced_[k] -= gain * pivot_row[k];
    basis_[leaving] = entering;
  }
  Answer answer;
  for (size_t i = 0; i < height; ++i) answer.value += cost_[basis_[i]] * rhs_[i];
  answer.duals.assign(slacks_.front().size(), 0.0);
  for (size_t i = 0; i < master_rows_.size(); ++i) {
    answer.duals[master_rows_[i]] = std::max(0.0, Dual(i + 1));
  }
  return answer;
}

}  // namespace credpath::optimizer
