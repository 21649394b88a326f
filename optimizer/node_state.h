// The fixings of one branch-and-bound node, with propagation and an undo trail.
//
// A var is free, fixed to 1 or fixed to 0. Fixing propagates what every feasible set of
// the node must then satisfy:
//   x_v = 1  ->  every AND prerequisite of v is 1; every other member of v's exclusive
//                groups is 0; an OR-group of v with one live member forces that member to 1;
//   x_v = 0  ->  every var that needs v is 0; an OR-group left with no live member forces
//                its owner to 0, and with one live member and owner 1 forces that member;
// and the fixed fee and hours must fit the budgets. A conflict means the node holds no
// feasible set. The search is depth-first, so the fixings of a node are a prefix of the
// trail: Undo(mark) returns to an ancestor in time proportional to what it removes.
// Thread safety: none; one NodeState per search.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "optimizer/model.h"

namespace credpath::optimizer {

class NodeState {
 public:
  explicit NodeState(const Model& model);

  // Everything free, with these budgets.
  void Reset(int64_t money, int64_t hours);

  // -1 free, 0 or 1 fixed.
  int8_t value(Var v) const { return value_[v]; }
  std::span<const int8_t> values() const { return value_; }
  bool free(Var v) const { return value_[v] < 0; }
  int64_t money() const { return money_; }
  int64_t hours() const { return hours_; }
  int64_t fixed_fee() const { return fixed_fee_; }
  int64_t fixed_hours() const { return fixed_hours_; }
  // Σ value and Σ credit of the vars fixed to 1.
  int64_t fixed_value() const { return fixed_value_; }
  int64_t fixed_credit() const { return fixed_credit_; }
  // The free vars, in no particular order: O(1) per fixing to keep, so that a node deep
  // in the tree, where a few dozen of a thousand vars are free, costs what is free.
  std::span<const Var> free_vars() const { return {free_list_.data(), free_count_}; }
  // Members of OR-group g not fixed to 0, and members fixed to 1.
  int32_t or_live(int32_t g) const { return or_live_[g]; }
  int32_t or_taken(int32_t g) const { return or_taken_[g]; }

  // Fixes v and propagates. false on a conflict; the state is then partly propagated and
  // the caller must Undo to a mark taken before.
  bool Fix(Var v, bool one);

  size_t Mark() const { return trail_.size(); }
  void Undo(size_t mark);

 private:
  const Model& model_;
  std::vector<int8_t> value_;
  std::vector<int32_t> or_live_;
  std::vector<int32_t> or_taken_;
  std::vector<Var> trail_;
  // free_list_[0, free_count_) are the free vars; position_ locates each var in it.
  // Fixing swaps the var to the end of the free part; undoing in reverse order finds it
  // right there.
  std::vector<Var> free_list_;
  std::vector<int32_t> position_;
  size_t free_count_ = 0;
  std::vector<std::pair<Var, bool>> pending_;
  int64_t money_ = 0;
  int64_t hours_ = 0;
  int64_t fixed_fee_ = 0;
  int64_t fixed_hours_ = 0;
  int64_t fixed_value_ = 0;
  int64_t fixed_credit_ = 0;
};

}  // namespace credpath::optimizer
