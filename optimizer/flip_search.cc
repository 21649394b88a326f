#include "optimizer/flip_search.h"

#include <algorithm>

namespace credpath::optimizer {

FlipSearch::FlipSearch(const Model& model)
    : model_(model),
      or_taken_(model.or_groups.size(), 0),
      exclusive_taken_(model.exclusive.size(), 0),
      or_broken_at_base_(model.or_groups.size(), 0),
      exclusive_broken_at_base_(model.exclusive.size(), 0) {}

void FlipSearch::CountBrokenAround(Var v, int32_t sign) {
  for (int32_t g : model_.or_owned[v]) broken_or_ += OrBroken(g) ? sign : 0;
  for (int32_t g : model_.or_member[v]) broken_or_ += OrBroken(g) ? sign : 0;
  for (int32_t e : model_.exclusive_of[v]) broken_exclusive_ += ExclusiveBroken(e) ? sign : 0;
}

void FlipSearch::Toggle(Var v) {
  CountBrokenAround(v, -1);
  const bool in = x_[v] == 0;
  x_[v] = in ? 1 : 0;
  const int32_t sign = in ? 1 : -1;
  fee_ += sign * model_.fee[v];
  hours_ += sign * model_.hours[v];
  value_ += sign * model_.value[v];
  for (int32_t g : model_.or_member[v]) or_taken_[g] += sign;
  for (int32_t e : model_.exclusive_of[v]) exclusive_taken_[e] += sign;
  CountBrokenAround(v, 1);
}

void FlipSearch::UndoTo(size_t mark) {
  while (trail_.size() > mark) {
    Toggle(trail_.back());
    trail_.pop_back();
  }
}

std::optional<int64_t> FlipSearch::Move(Var v) {
  const size_t mark = trail_.size();
  const bool in = x_[v] == 0;
  int64_t loss = 0;
  todo_.assign(1, v);
  while (!todo_.empty()) {
    const Var u = todo_.back();
    todo_.pop_back();
    if ((x_[u] != 0) == in) continue;
    if (!state_->free(u) || trail_.size() - mark >= kBundle) {
      UndoTo(mark);
      return std::nullopt;
    }
    loss += in ? -closure_->weight[u] : closure_->weight[u];
    Toggle(u);
    trail_.push_back(u);
    for (Var next : in ? model_.needs[u] : model_.needed_by[u]) todo_.push_back(next);
  }
  return loss;
}

__int128 FlipSearch::Ball() const {
  return closure_->scaled_bound - (static_cast<__int128>(best_) + 1) * closure_->scale;
}

void FlipSearch::Run(const Closure& closure, const NodeState& state, const Limits& limits,
                     int64_t best, const Offer& offer, Deadline& deadline) {
  closure_ = &closure;
  state_ = &state;
  offer_ = &offer;
  deadline_ = &deadline;
  limits_ = limits;
  best_ = best;
  steps_ = 0;
  if (Ball() < 0) return;

  // The closure's sums and group counts, by the same bookkeeping as every later move.
  x_.assign(closure.x.size(), 0);
  trail_.clear();
  fee_ = hours_ = value_ = 0;
  std::fill(or_taken_.begin(), or_taken_.end(), 0);
  std::fill(exclusive_taken_.begin(), exclusive_taken_.end(), 0);
  broken_or_ = broken_exclusive_ = 0;
  for (Var v = 0; v < model_.n; ++v) {
    if (closure.x[v] != 0) Toggle(v);
  }
  for (size_t g = 0; g < or_taken_.size(); ++g) {
    or_broken_at_base_[g] = OrBroken(static_cast<int32_t>(g)) ? 1 : 0;
  }
  for (size_t e = 0; e < exclusive_taken_.size(); ++e) {
    exclusive_broken_at_base_[e] = ExclusiveBroken(static_cast<int32_t>(e)) ? 1 : 0;
  }

  // Each free var's flip alone, with what it saves and gains; the cheapest within the ball.
  flips_.clear();
  for (Var v : state.free_vars()) {
    const int64_t fee = fee_;
    const int64_t hours = hours_;
    const int64_t value = value_;
    const std::optional<int64_t> loss = Move(v);
    if (loss.has_value() && *loss >= 0 && *loss <= Ball()) {
      int32_t memberships = 0;
      for (Var u : trail_) {
        for (int32_t g : model_.or_owned[u]) memberships += or_broken_at_base_[g];
        for (int32_t g : model_.or_member[u]) memberships += or_broken_at_base_[g];
        for (int32_t e : model_.exclusive_of[u]) memberships += exclusive_broken_at_base_[e];
      }
      flips_.push_back(Flip{v, *loss, fee - fee_, hours - hours_, value_ - value, memberships});
    }
    UndoTo(0);
  }
  const auto cheaper = [](const Flip& a, const Flip& b) {
    return a.loss < b.loss || (a.loss == b.loss && a.var < b.var);
  };
  if (flips_.size() > kFlips) {
    std::nth_element(flips_.begin(), flips_.begin() + kFlips, flips_.end(), cheaper);
    flips_.resize(kFlips);
  }
  std::sort(flips_.begin(), flips_.end(), cheaper);
  most_fee_saved_ = most_hours_saved_ = most_value_gained_ = 0;
  most_group_memberships_ = 0;
  for (const Flip& flip : flips_) {
    most_fee_saved_ = std::max(most_fee_saved_, flip.fee_saved);
    most_hours_saved_ = std::max(most_hours_saved_, flip.hours_saved);
    most_value_gained_ = std::max(most_value_gained_, flip.value_gained);
    most_group_memberships_ = std::max(most_group_memberships_, flip.group_memberships);
  }
  steps_ = static_cast<int64_t>(model_.n);
  for (int depth = 0; depth <= kDepth && !Stopped(); ++depth) {
    Combine(0, depth, 0);
  }
}

void FlipSearch::Combine(size_t start, int depth, int64_t loss) {
  if (depth == 0) {
    if (Fits() && value_ + limits_.bonus > best_) {
      steps_ += model_.n;  // the caller evaluates the set
      best_ = std::max(best_, (*offer_)(x_));
    }
    return;
  }
  if (fee_ - depth * most_fee_saved_ > limits_.money ||
      hours_ - depth * most_hours_saved_ > limits_.hours ||
      value_ + limits_.bonus + depth * most_value_gained_ <= best_ ||
      broken_or_ + broken_exclusive_ > depth * most_group_memberships_) {
    return;
  }
  for (size_t i = start; i < flips_.size() && !Stopped(); ++i) {
    if (loss + flips_[i].loss > Ball()) return;  // the flips are sorted by loss
    const Var v = flips_[i].var;
    ++steps_;
    if (x_[v] != closure_->x[v]) continue;  // an earlier flip of the combination moved it
    const size_t mark = trail_.size();
    const std::optional<int64_t> moved = Move(v);
    steps_ += static_cast<int64_t>(trail_.size() - mark);
    if (!moved.has_value()) continue;
    if (loss + *moved <= Ball()) Combine(i + 1, depth - 1, loss + *moved);
    UndoTo(mark);
  }
}

}  // namespace credpath::optimizer
