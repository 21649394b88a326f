#include "optimizer/node_state.h"

namespace credpath::optimizer {

NodeState::NodeState(const Model& model) : model_(model) { Reset(model.money, model.hours_budget); }

void NodeState::Reset(int64_t money, int64_t hours) {
  value_.assign(model_.n, -1);
  or_live_.resize(model_.or_groups.size());
  for (size_t g = 0; g < model_.or_groups.size(); ++g) {
    or_live_[g] = static_cast<int32_t>(model_.or_groups[g].members.size());
  }
  or_taken_.assign(model_.or_groups.size(), 0);
  trail_.clear();
  free_list_.resize(model_.n);
  position_.resize(model_.n);
  for (Var v = 0; v < model_.n; ++v) free_list_[v] = position_[v] = v;
  free_count_ = static_cast<size_t>(model_.n);
  money_ = money;
  hours_ = hours;
  fixed_fee_ = 0;
  fixed_hours_ = 0;
  fixed_value_ = 0;
  fixed_credit_ = 0;
}

bool NodeState::Fix(Var v, bool one) {
  pending_.clear();
  pending_.emplace_back(v, one);
  while (!pending_.empty()) {
    const auto [u, b] = pending_.back();
    pending_.pop_back();
    if (value_[u] == static_cast<int8_t>(b)) continue;
    if (value_[u] >= 0) return false;
    value_[u] = static_cast<int8_t>(b);
    trail_.push_back(u);
    const Var last = free_list_[--free_count_];
    free_list_[position_[u]] = last;
    position_[last] = position_[u];
    free_list_[free_count_] = u;
    position_[u] = static_cast<int32_t>(free_count_);
    if (b) {
      // Counters first: Undo reverses them whether or not propagation fails below.
      fixed_fee_ += model_.fee[u];
      fixed_hours_ += model_.hours[u];
      fixed_value_ += model_.value[u];
      fixed_credit_ += model_.credit[u];
      for (int32_t g : model_.or_member[u]) ++or_taken_[g];
      if (fixed_fee_ > money_ || fixed_hours_ > hours_) return false;
      for (Var need : model_.needs[u]) pending_.emplace_back(need, true);
      for (int32_t g : model_.or_owned[u]) {
        if (or_taken_[g] > 0) continue;
        if (or_live_[g] == 0) return false;
        if (or_live_[g] == 1) {
          for (Var m : model_.or_groups[g].members) {
            if (value_[m] < 0) pending_.emplace_back(m, true);
          }
        }
      }
      for (int32_t e : model_.exclusive_of[u]) {
        for (Var m : model_.exclusive[e]) {
          if (m != u) pending_.emplace_back(m, false);
        }
      }
    } else {
      for (Var d : model_.needed_by[u]) pending_.emplace_back(d, false);
      for (int32_t g : model_.or_member[u]) {
        --or_live_[g];
        if (or_taken_[g] > 0) continue;
        const Var owner = model_.or_groups[g].owner;
        if (or_live_[g] == 0) {
          pending_.emplace_back(owner, false);
        } else if (or_live_[g] == 1 && value_[owner] == 1) {
          for (Var m : model_.or_groups[g].members) {
            if (value_[m] < 0) pending_.emplace_back(m, true);
          }
        }
      }
    }
  }
  return true;
}

void NodeState::Undo(size_t mark) {
  while (trail_.size() > mark) {
    const Var u = trail_.back();
    trail_.pop_back();
    ++free_count_;  // u sits at free_list_[free_count_ - 1], where its fixing put it
    if (value_[u] == 1) {
      fixed_fee_ -= model_.fee[u];
      fixed_hours_ -= model_.hours[u];
      fixed_value_ -= model_.value[u];
      fixed_credit_ -= model_.credit[u];
      for (int32_t g : model_.or_member[u]) --or_taken_[g];
    } else {
      for (int32_t g : model_.or_member[u]) ++or_live_[g];
    }
    value_[u] = -1;
  }
}

}  // namespace credpath::optimizer
