#include "optimizer/lagrangian.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace credpath::optimizer {
namespace {

constexpr __int128 kArithmeticBudget = __int128{1} << 61;
constexpr int64_t kMaxScale = int64_t{1} << 30;

// REQUIRES: b > 0.
int64_t FloorDiv(__int128 a, int64_t b) {
  // Bounds nearly always fit in 64 bits, where division is one instruction instead of a
  // call into the 128-bit routine.
  if (a >= std::numeric_limits<int64_t>::min() && a <= std::numeric_limits<int64_t>::max()) {
    const auto narrow = static_cast<int64_t>(a);
    int64_t q = narrow / b;
    if (narrow % b != 0 && narrow < 0) --q;
    return q;
  }
  __int128 q = a / b;
  if (a % b != 0 && a < 0) --q;
  return static_cast<int64_t>(q);
}

// round(wanted) clamped to [0, cap], rounding halves away from zero as std::llround does;
// inline, where llround is a call into libm.
int64_t ToFixedPoint(double wanted, int64_t cap) {
  if (wanted <= 0) return 0;
  if (wanted >= static_cast<double>(cap)) return cap;
  // 0 < wanted < cap < 2^63: the truncation is exact, and so is the fraction left over.
  const auto whole = static_cast<int64_t>(wanted);
  return wanted - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

}  // namespace

Relaxation::Relaxation(const Model& model) : model_(model) {
  exclusive_base_ = elective_base_ + static_cast<int32_t>(model.electives.size());
  or_base_ = exclusive_base_ + static_cast<int32_t>(model.exclusive.size());
  avoid_base_ = or_base_ + static_cast<int32_t>(model.or_groups.size());
  x_.assign(model.n, 0);
  weight_.assign(model.n, 0);
  node_of_.assign(model.n, -1);
}

int32_t Relaxation::MultiplierCount(size_t avoid_count) const {
  return avoid_base_ + static_cast<int32_t>(avoid_count);
}

void Relaxation::BeginSearch(const SearchSpec& spec) {
  // Nonzeros of all rows a node can have: the scale must leave room for every one of them
  // to carry a useful multiplier (about twice the total value per unit of coefficient).
  __int128 nonzeros = 3 * static_cast<__int128>(model_.n) + 1;
  for (const auto& rule : model_.electives) nonzeros += rule.members.size();
  for (const auto& group : model_.exclusive) nonzeros += group.size();
  for (const auto& group : model_.or_groups) nonzeros += group.members.size() + 1;
  nonzeros += static_cast<__int128>(spec.avoid.size()) * model_.n;
  const __int128 value = model_.value_scale;
  scale_ = 1;
  while (scale_ < kMaxScale && value * (scale_ * 2) * 4 * nonzeros <= kArithmeticBudget) {
    scale_ *= 2;
  }
  contribution_cap_ =
      static_cast<int64_t>(std::max<__int128>(1, (kArithmeticBudget - value * scale_) / nonzeros));
}

template <typename F>
void Relaxation::ForEachCoefficient(const Row& row, F&& f) const {
  switch (row.kind) {
    case Kind::kMoney:
      for (Var v : free_) f(v, model_.fee[v]);
      return;
    case Kind::kHours:
      for (Var v : free_) f(v, model_.hours[v]);
      return;
    case Kind::kCredit:
      for (size_t k = 0; k < free_.size(); ++k) f(free_[k], -node_credit_[k]);
      return;
    case Kind::kElective:
      for (Var m : model_.electives[row.ref].members) {
        if (state_->free(m)) f(m, -1);
      }
      return;
    case Kind::kExclusive:
      for (Var m : model_.exclusive[row.ref]) {
        if (state_->free(m)) f(m, 1);
      }
      return;
    case Kind::kOrFree:
      f(model_.or_groups[row.ref].owner, 1);
      [[fallthrough]];
    case Kind::kOrFixed:
      for (Var m : model_.or_groups[row.ref].members) {
        if (state_->free(m)) f(m, -1);
      }
      return;
    case Kind::kAvoid: {
      const std::vector<char>& avoided = spec_->avoid[row.ref];
      for (Var v : free_) f(v, avoided[v] ? 1 : -1);
      return;
    }
  }
}

void Relaxation::AddRow(Kind kind, int32_t id, int32_t ref, int64_t rhs, double scale) {
  int64_t lowest = 0;
  int64_t highest = 0;
  int64_t max_coefficient = 0;
  const bool sparse = !IsDense(kind);
  const auto begin = static_cast<int32_t>(entry_node_.size());
  ForEachCoefficient(Row{kind, id, ref, rhs, scale, 0}, [&](Var v, int64_t a) {
    lowest += std::min<int64_t>(a, 0);
    highest += std::max<int64_t>(a, 0);
    max_coefficient = std::max(max_coefficient, std::abs(a));
    if (sparse) {
      entry_node_.push_back(node_of_[v]);
      entry_coefficient_.push_back(a);
    }
  });
  Row row{kind, id, ref, rhs, scale, max_coefficient};
  if (sparse) {
    row.begin = begin;
    row.end = static_cast<int32_t>(entry_node_.size());
  }
  if (!AddRow(row, lowest, highest)) {
    entry_node_.resize(begin);
    entry_coefficient_.resize(begin);
  }
}

bool Relaxation::AddRow(const Row& row, int64_t lowest, int64_t highest) {
  if (lowest > row.rhs) feasible_ = false;
  if (highest <= row.rhs) return false;  // holds whatever the free vars do
  if (row.kind == Kind::kMoney) money_row_ = static_cast<int32_t>(rows_.size());
  if (row.kind == Kind::kHours) hours_row_ = static_cast<int32_t>(rows_.size());
  if (row.kind == Kind::kCredit) credit_row_ = static_cast<int32_t>(rows_.size());
  if (!IsDense(row.kind)) sparse_rows_.push_back(static_cast<int32_t>(rows_.size()));
  rows_.push_back(row);
  Row& added = rows_.back();
  added.lambda_cap = contribution_cap_ / std::max<int64_t>(1, row.max_coefficient);
  added.multiplier_cap =
      static_cast<double>(added.lambda_cap) / static_cast<double>(scale_) * row.scale;
  return true;
}

bool Relaxation::Setup(const NodeState& state, bool target_branch, const SearchSpec& spec) {
  state_ = &state;
  spec_ = &spec;
  feasible_ = true;
  direction_fresh_ = true;
  money_row_ = hours_row_ = credit_row_ = -1;
  sparse_rows_.clear();
  rows_.clear();
  edges_.clear();
  entry_node_.clear();
  entry_coefficient_.clear();
  // weight_ is 0 outside free_: clear the previous node's. x_ of a fixed var is its value
  // (one vectorised sweep); the free vars' entries are the closure's after Evaluate.
  for (Var v : free_) weight_[v] = 0;
  vars_filled_ = true;
  {
    // Through local pointers: a store through x_'s char could alias the vectors' own
    // pointers, which kept the compiler from vectorising the loop written on them.
    const std::span<const int8_t> value = state.values();
    const int8_t* from = value.data();
    char* to = x_.data();
    for (size_t v = 0; v < value.size(); ++v) to[v] = from[v] == 1;
  }
  // Var order makes every sweep below deterministic and meets prerequisites first.
  free_.assign(state.free_vars().begin(), state.free_vars().end());
  std::sort(free_.begin(), free_.end());
  const size_t free_count = free_.size();
  node_value_.resize(free_count);
  node_scaled_value_.resize(free_count);
  node_fee_.resize(free_count);
  node_hours_.resize(free_count);
  for (size_t k = 0; k < free_count; ++k) {
    const Var v = free_[k];
    node_of_[v] = static_cast<int32_t>(k);
    node_value_[k] = model_.value[v];
    node_scaled_value_[k] = model_.value[v] * scale_;
    node_fee_[k] = model_.fee[v];
    node_hours_[k] = model_.hours[v];
  }
  node_credit_.clear();
  const __int128 fixed_value = (target_branch ? model_.bonus : 0) + state.fixed_value();
  fixed_part_ = fixed_value * scale_;
  fixed_value_ = static_cast<int64_t>(fixed_value - (target_branch ? model_.bonus : 0));
  for (Var v : free_) {
    for (Var u : model_.needs[v]) {
      if (state.free(u)) edges_.emplace_back(node_of_[v], node_of_[u]);
    }
  }
  for (int32_t g = 0; g < static_cast<int32_t>(model_.or_groups.size()); ++g) {
    if (state.or_taken(g) > 0) continue;
    const OrGroup& group = model_.or_groups[g];
    if (state.free(group.owner)) {
      if (state.or_live(g) == 1) {
        for (Var m : group.members) {
          if (state.free(m)) edges_.emplace_back(node_of_[group.owner], node_of_[m]);
        }
      } else {
        AddRow(Kind::kOrFree, or_base_ + g, g, 0, 1);
      }
    } else if (state.value(group.owner) == 1) {
      AddRow(Kind::kOrFixed, or_base_ + g, g, -1, 1);
    }
  }
  // The dense rows' ranges in one sweep.
  int64_t free_fee = 0;
  int64_t free_hours = 0;
  int64_t max_fee = 0;
  int64_t max_hours = 0;
  for (Var v : free_) {
    free_fee += model_.fee[v];
    free_hours += model_.hours[v];
    max_fee = std::max(max_fee, model_.fee[v]);
    max_hours = std::max(max_hours, model_.hours[v]);
  }
  AddRow(Row{Kind::kMoney, 0, 0, state.money() - state.fixed_fee(),
             static_cast<double>(std::max<int64_t>(1, model_.money)), max_fee},
         0, free_fee);
  AddRow(Row{Kind::kHours, 1, 0, state.hours() - state.fixed_hours(),
             static_cast<double>(std::max<int64_t>(1, model_.hours_budget)), max_hours},
         0, free_hours);
  if (target_branch) {
    int64_t fixed_credit = state.fixed_credit();
    node_credit_.resize(free_count);
    for (size_t k = 0; k < free_count; ++k) node_credit_[k] = model_.credit[free_[k]];
    for (const VarOverlap& overlap : model_.overlaps) {
      const int8_t a = state.value(overlap.a);
      const int8_t b = state.value(overlap.b);
      if (a == 1 && b == 1) fixed_credit -= overlap.shared;
      if (a == 1 && b < 0) node_credit_[node_of_[overlap.b]] -= overlap.shared;
      if (b == 1 && a < 0) node_credit_[node_of_[overlap.a]] -= overlap.shared;
    }
    AddRow(Kind::kCredit, 2, 0, fixed_credit - model_.credit_needed,
           static_cast<double>(std::max<int64_t>(1, std::abs(model_.credit_needed))));
    for (int32_t r = 0; r < static_cast<int32_t>(model_.electives.size()); ++r) {
      const ElectiveNeed& rule = model_.electives[r];
      int32_t taken = 0;
      for (Var m : rule.members) taken += state.value(m) == 1 ? 1 : 0;
      if (taken < rule.need) AddRow(Kind::kElective, elective_base_ + r, r, taken - rule.need, 1);
    }
  }
  for (int32_t e = 0; e < static_cast<int32_t>(model_.exclusive.size()); ++e) {
    const auto& group = model_.exclusive[e];
    if (std::none_of(group.begin(), group.end(), [&](Var m) { return state.value(m) == 1; })) {
      AddRow(Kind::kExclusive, exclusive_base_ + e, e, 1, 1);
    }
  }
  for (int32_t a = 0; a < static_cast<int32_t>(spec.avoid.size()); ++a) {
    const std::vector<char>& avoided = spec.avoid[a];
    int64_t differ = 0;
    int64_t free_in = 0;
    for (Var v = 0; v < model_.n; ++v) {
      if (state.free(v)) {
        free_in += avoided[v] ? 1 : 0;
      } else {
        differ += (state.value(v) == 1) != (avoided[v] != 0) ? 1 : 0;
      }
    }
    const int64_t still = spec.distance - differ;
    if (still > 0) AddRow(Kind::kAvoid, avoid_base_ + a, a, free_in - still, 1);
  }
  closure_.Prepare(static_cast<int32_t>(free_.size()), edges_);
  // The evaluations' arrays, sized here once for all the evaluations of the node.
  node_weight_.resize(free_count);
  scaled_slack_.resize(rows_.size());
  direction_.resize(rows_.size());
  return feasible_;
}

int64_t Relaxation::Evaluate(const std::vector<double>& multipliers) {
  __int128 constant = fixed_part_;
  // Λ_r of row r, its part of the constant added.
  const auto fixed_point = [&](int32_t r) {
    const Row& row = rows_[r];
    const double multiplier = multipliers[row.id];
    // Most multipliers of the many OR-group rows are 0: they cost only this test.
    const int64_t lambda =
        multiplier <= 0
            ? 0
            : ToFixedPoint(multiplier / row.scale * static_cast<double>(scale_), row.lambda_cap);
    constant += static_cast<__int128>(lambda) * row.rhs;
    return lambda;
  };
  // The dense rows (budgets, credit) in one sweep over the free vars, then the sparse ones
  // row by row, each applied as its multiplier is read.
  const auto dense = [&](int32_t r) { return r < 0 ? int64_t{0} : fixed_point(r); };
  const int64_t per_fee = dense(money_row_);
  const int64_t per_hour = dense(hours_row_);
  const int64_t per_credit = dense(credit_row_);
  const size_t free_count = free_.size();
  int64_t* weight = node_weight_.data();
  {
    const int64_t* value = node_scaled_value_.data();
    const int64_t* fee = node_fee_.data();
    const int64_t* hours = node_hours_.data();
    for (size_t k = 0; k < free_count; ++k) {
      weight[k] = value[k] - per_fee * fee[k] - per_hour * hours[k];
    }
    if (per_credit != 0) {
      const int64_t* credit = node_credit_.data();
      for (size_t k = 0; k < free_count; ++k) weight[k] += per_credit * credit[k];
    }
  }
  const int32_t* entry_node = entry_node_.data();
  const int64_t* entry_coefficient = entry_coefficient_.data();
  for (int32_t r : sparse_rows_) {
    const int64_t lambda = fixed_point(r);
    if (lambda == 0) continue;
    for (int32_t e = rows_[r].begin; e < rows_[r].end; ++e) {
      weight[entry_node[e]] -= lambda * entry_coefficient[e];
    }
  }
  const int64_t closure = closure_.Solve(node_weight_);
  scaled_value_ = constant + closure;
  vars_filled_ = false;
  // The dense rows' activities and the closure's value, in local sums and through local
  // pointers: a store to a member each time round would have to reload the arrays.
  // Masks (all ones or zero), not branches: membership follows no pattern a predictor
  // could learn.
  const char* in = closure_.membership().data();
  const auto mask = [in](int32_t k) { return -static_cast<int64_t>(in[k]); };
  int64_t value = 0;
  int64_t fee = 0;
  int64_t hours = 0;
  {
    const int64_t* node_value = node_value_.data();
    const int64_t* node_fee = node_fee_.data();
    const int64_t* node_hours = node_hours_.data();
    for (size_t k = 0; k < free_count; ++k) {
      const int64_t in_k = mask(static_cast<int32_t>(k));
      value += node_value[k] & in_k;
      fee += node_fee[k] & in_k;
      hours += node_hours[k] & in_k;
    }
  }
  closure_value_ = fixed_value_ + value;
  int64_t credit = 0;
  if (credit_row_ >= 0) {
    const int64_t* node_credit = node_credit_.data();
    for (size_t k = 0; k < free_count; ++k) {
      credit -= node_credit[k] & mask(static_cast<int32_t>(k));
    }
  }
  const double keep = direction_fresh_ ? 0 : 1 - average_weight_;
  direction_fresh_ = false;
  // A row's dense activity by its kind, 0 for the sparse kinds, read without a branch.
  const int64_t dense_activity[kDenseKinds + 1] = {fee, hours, credit, 0};
  bool rows_hold = true;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const Row& row = rows_[r];
    const int64_t slack = row.rhs - RowActivity(row, dense_activity, in);
    rows_hold = rows_hold && slack >= 0;
    const double scaled_slack = static_cast<double>(slack) / row.scale;
    scaled_slack_[r] = scaled_slack;
    direction_[r] = keep * direction_[r] + (1 - keep) * scaled_slack;
  }
  rows_hold_ = rows_hold;
  return FloorDiv(scaled_value_, scale_);
}

int64_t Relaxation::RowActivity(const Row& row,
                                const int64_t (&dense_activity)[kDenseKinds + 1],
                                const char* in) const {
  const int32_t* entry_node = entry_node_.data();
  const int64_t* entry_coefficient = entry_coefficient_.data();
  int64_t activity = dense_activity[std::min(static_cast<int32_t>(row.kind), kDenseKinds)];
  for (int32_t e = row.begin; e < row.end; ++e) {
    activity += entry_coefficient[e] & -static_cast<int64_t>(in[entry_node[e]]);
  }
  return activity;
}

int64_t Relaxation::Enumerate(int64_t cutoff,
                              const std::function<int64_t(const std::vector<char>&)>& offer) {
  const auto count = static_cast<int32_t>(free_.size());
  // Counts, then running sums (each node's end), then filled backward: each node's start.
  prerequisite_begin_.assign(count + 1, 0);
  for (const auto& [u, v] : edges_) ++prerequisite_begin_[u];
  for (int32_t k = 1; k <= count; ++k) prerequisite_begin_[k] += prerequisite_begin_[k - 1];
  prerequisites_.resize(edges_.size());
  for (const auto& [u, v] : edges_) prerequisites_[--prerequisite_begin_[u]] = v;
  // L = constant + Σ weights of the closure: the constant is what L keeps without the
  // free vars. Vars fixed since the evaluation start out decided, so that the search
  // recurses over the vars still free only (depth and steps bounded by them).
  const int64_t* weight = node_weight_.data();
  enumeration_constant_ = scaled_value_;
  taken_.assign(count, 0);
  still_free_.clear();
  int64_t fee = 0;
  int64_t hours = 0;
  __int128 taken_weight = 0;
  int64_t value = 0;
  for (int32_t k = 0; k < count; ++k) {
    if (closure_.InClosure(k)) enumeration_constant_ -= weight[k];
    const int8_t fixed = state_->value(free_[k]);
    if (fixed < 0) {
      still_free_.push_back(k);
    } else if (fixed == 1) {
      taken_[k] = 1;
      fee += node_fee_[k];
      hours += node_hours_[k];
      taken_weight += weight[k];
      value += node_value_[k];
    }
  }
  const auto free_count = static_cast<int32_t>(still_free_.size());
  best_rest_.assign(free_count + 1, 0);
  for (int32_t i = free_count - 1; i >= 0; --i) {
    best_rest_[i] = best_rest_[i + 1] + std::max<int64_t>(0, weight[still_free_[i]]);
  }
  enumeration_cutoff_ = cutoff;
  offer_ = &offer;
  enumeration_steps_ = 0;
  EnumerateFrom(0, fee, hours, taken_weight, value);
  return enumeration_steps_;
}

void Relaxation::EnumerateFrom(int32_t i, int64_t fee, int64_t hours, __int128 weight,
                               int64_t value) {
  ++enumeration_steps_;
  // The incumbent reached the ceiling: nothing is worth looking for.
  if (enumeration_cutoff_ == std::numeric_limits<int64_t>::max()) return;
  const __int128 least = static_cast<__int128>(enumeration_cutoff_) * scale_;
  if (enumeration_constant_ + weight + best_rest_[i] < least) return;
  // A budget without a row holds whatever the free vars do.
  constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();
  const int64_t money_left = money_row_ >= 0 ? rows_[money_row_].rhs : kUnbounded;
  const int64_t hours_left = hours_row_ >= 0 ? rows_[hours_row_].rhs : kUnbounded;
  if (fee > money_left || hours > hours_left) return;
  if (i == static_cast<int32_t>(still_free_.size())) {
    // On the target branch fixed_part_ holds the bonus, which Offer grants only when the
    // set meets the target.
    if (fixed_part_ + static_cast<__int128>(value) * scale_ < least) return;
    int64_t credit = 0;
    for (int32_t j = 0; j < static_cast<int32_t>(node_credit_.size()); ++j) {
      credit -= taken_[j] ? node_credit_[j] : 0;
    }
    const int64_t dense_activity[kDenseKinds + 1] = {fee, hours, credit, 0};
    for (const Row& row : rows_) {
      if (RowActivity(row, dense_activity, taken_.data()) > row.rhs) return;
    }
    const std::span<const int8_t> fixed = state_->values();
    offered_.resize(fixed.size());
    for (size_t v = 0; v < fixed.size(); ++v) offered_[v] = fixed[v] == 1;
    for (size_t j = 0; j < free_.size(); ++j) offered_[free_[j]] = taken_[j];
    enumeration_cutoff_ = (*offer_)(offered_);
    return;
  }
  const int32_t k = still_free_[i];
  // Prerequisites come first in var order: each is decided, or was fixed.
  bool can_take = true;
  for (int32_t e = prerequisite_begin_[k]; can_take && e < prerequisite_begin_[k + 1]; ++e) {
    can_take = taken_[prerequisites_[e]] != 0;
  }
  const int64_t w = node_weight_[k];
  const auto take = [&] {
    taken_[k] = 1;
    EnumerateFrom(i + 1, fee + node_fee_[k], hours + node_hours_[k], weight + w,
                  value + node_value_[k]);
    taken_[k] = 0;
  };
  // The positive weight's side first: the likelier way to a set worth the cutoff.
  if (w > 0 && can_take) take();
  EnumerateFrom(i + 1, fee, hours, weight, value);
  if (w <= 0 && can_take) take();
}

void Relaxation::FillVars() {
  if (vars_filled_) return;
  vars_filled_ = true;
  // Through local pointers: a store through x_'s char could alias the vectors' own
  // pointers.
  const Var* free = free_.data();
  const int64_t* node_weight = node_weight_.data();
  char* x = x_.data();
  int64_t* weight = weight_.data();
  for (size_t k = 0; k < free_.size(); ++k) {
    x[free[k]] = closure_.InClosure(static_cast<int32_t>(k));
    weight[free[k]] = node_weight[k];
  }
}

double Relaxation::DirectionNormSquared(const std::vector<double>& multipliers) const {
  double norm = 0;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const double g = direction_[r];
    if (multipliers[rows_[r].id] <= 0 && g > 0) continue;
    norm += g * g;
  }
  return norm;
}

void Relaxation::Step(std::vector<double>& multipliers, double step) const {
  for (size_t r = 0; r < rows_.size(); ++r) {
    const Row& row = rows_[r];
    double& theta = multipliers[row.id];
    theta = std::clamp(theta - step * direction_[r], 0.0, row.multiplier_cap);
  }
}

const std::vector<std::pair<Var, bool>>& Relaxation::PenaltyFixings(int64_t cutoff,
                                                                     Deadline& deadline) {
  fixings_.clear();
  const __int128 gap = scaled_value_ - static_cast<__int128>(cutoff) * scale_;
  if (gap < 0 || gap >= (__int128{1} << 62)) return fixings_;
  const auto limit = static_cast<int64_t>(gap) + 1;
  closure_.PenaltiesReaching(limit, [&deadline] { return deadline.Poll(); }, reaches_);
  for (Var v : free_) {
    const int32_t k = node_of_[v];
    if (reaches_[k]) fixings_.emplace_back(v, closure_.InClosure(k));
  }
  return fixings_;
}

Relaxation::Violations Relaxation::FindViolations() {
  FillVars();
  Violations violations;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const Row& row = rows_[r];
    switch (row.kind) {
      case Kind::kOrFree:
      case Kind::kOrFixed: {
        const OrGroup& group = model_.or_groups[row.ref];
        if (!x_[group.owner]) break;
        if (std::none_of(group.members.begin(), group.members.end(),
                         [&](Var m) { return x_[m] != 0; })) {
          violations.or_groups.push_back(row.ref);
        }
        break;
      }
      case Kind::kExclusive: {
        const auto& group = model_.exclusive[row.ref];
        if (std::count_if(group.begin(), group.end(), [&](Var m) { return x_[m] != 0; }) > 1) {
          violations.exclusive.push_back(row.ref);
        }
        break;
      }
      case Kind::kAvoid:
        // The row's scale is 1: the scaled slack has the slack's sign.
        if (scaled_slack_[r] < 0) violations.avoid.push_back(row.ref);
        break;
      default:
        break;
    }
  }
  return violations;
}

}  // namespace credpath::optimizer
