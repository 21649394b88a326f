// Flip search: the sets a few moves away from a node's maximum closure that the
// Lagrangian bound still allows to beat the incumbent.
//
// Why: on the strongly and weakly correlated generated problems of n = 1000 the search's
// cost was finding the optimum, not proving it: told the optimum, strongly n = 1000 seed 2
// took 376 nodes instead of 56,175. The optimum differs from the root's closure in four or
// five vars, and depth-first search and local search's single exchanges miss it.
//
// Method. Let X be the maximum closure at multipliers Λ, with scaled weights w, scaled
// bound L·S = W(X) + Λ·b. Every closed set Y has W(Y) = W(X) - loss(Y) with loss(Y) >= 0
// (X is a maximum closure), and a feasible Y is worth at most (W(Y) + Λ·b) / S
// = L - loss(Y) / S (weak duality, as for the bound). So a set worth more than the
// incumbent I has loss(Y) < (L - I) · S: it lies in a ball around X, and the ball is small
// where the bound is tight. A flip moves one free var across X with what the prerequisite
// edges then require (into the set: its missing prerequisites too; out of it: what needs
// it), so every combination of flips is closed under them and its loss is exact. (At a
// node with fixings the relaxation also links an OR-group's owner to its last live
// member; a flip does not follow those links, so a flip whose loss comes out negative is
// dropped.) A flip never moves a var an earlier flip of the combination has moved. The
// flips inside the ball, cheapest first, are combined up to kDepth at a time by iterative
// deepening (every combination of k flips before any of k + 1, whatever the budget
// leaves); a combination is not extended once its loss leaves the ball, once the flips
// left could not save enough fee or hours to fit the budgets or gain enough value to beat
// the incumbent, or once it breaks more groups than the flips left belong to among those
// the closure breaks (so a combination that breaks a group on the way to mending it is
// found only in an order that mends first). A combination that fits both budgets, breaks
// no OR-group or exclusive group (counted as the flips go) and is worth more is offered,
// once, in the pass of its size. It is a heuristic: it may miss sets (losses of
// combinations need not grow), and the caller checks what it offers like any other set.
//
// Complexity: about `work` steps (a step is a flip tried, plus the vars it moves, plus n
// per set offered; one flip and one offer may overrun the limit), after a ranking of
// O(n · kBundle) charged as n.
// Thread safety: none; one FlipSearch per branch-and-bound.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {

class FlipSearch {
 public:
  // The most flips combined, the most flips ranked, and the most vars one flip may move.
  static constexpr int kDepth = 5;
  static constexpr size_t kFlips = 40;
  static constexpr size_t kBundle = 16;

  explicit FlipSearch(const Model& model);

  struct Closure {
    const std::vector<char>& x;          // the maximum closure, fixed vars included
    const std::vector<int64_t>& weight;  // scaled Lagrangian weights (0 for fixed vars)
    __int128 scaled_bound = 0;           // L · S
    int64_t scale = 1;                   // S
  };
  struct Limits {
    int64_t money = 0;
    int64_t hours = 0;
    int64_t bonus = 0;  // counted when the target is met (on the target branch)
    int64_t work = 0;
  };
  // Offers each set found whose value plus `limits.bonus` exceeds `best` to `offer`, which
  // evaluates it (the bonus counts only when the target is met) and returns the best
  // objective known after it; the search then looks for more than that. Stops at the work
  // limit or when the deadline comes (polled before every flip; Deadline::Poll reads the
  // clock every 32nd time).
  using Offer = std::function<int64_t(const std::vector<char>& x)>;
  void Run(const Closure& closure, const NodeState& state, const Limits& limits, int64_t best,
           const Offer& offer, Deadline& deadline);

  // Steps taken by the last Run (for tests).
  int64_t steps() const { return steps_; }

 private:
  struct Flip {
    Var var;
    int64_t loss;
    int64_t fee_saved;  // by the flip alone, from the closure
    int64_t hours_saved;
    int64_t value_gained;
    // Memberships of the moved vars in the groups the closure breaks: what the flip may
    // mend of them.
    int32_t group_memberships;
  };
  // Moves v to the other side of the current set, with what the edges require: returns
  // the loss it adds (negative when it undoes part of an earlier move), or nothing (and
  // moves nothing) when that would move a fixed var or more than kBundle vars.
  std::optional<int64_t> Move(Var v);
  // Moves v alone to the other side, keeping the sums and the group counts.
  void Toggle(Var v);
  // Adds `sign` for each group around v (owned, joined, exclusive) that is broken now:
  // Toggle takes them out before the move and counts them again after it.
  void CountBrokenAround(Var v, int32_t sign);
  void UndoTo(size_t mark);
  // Extends the current combination, whose loss is `loss`, by `depth` more flips from
  // flips_[start] on, and offers the combinations of exactly that size.
  void Combine(size_t start, int depth, int64_t loss);
  bool Stopped() { return steps_ >= limits_.work || deadline_->Poll(); }
  bool OrBroken(int32_t g) const { return x_[model_.or_groups[g].owner] != 0 && or_taken_[g] == 0; }
  bool ExclusiveBroken(int32_t e) const { return exclusive_taken_[e] > 1; }
  bool Fits() const {
    return fee_ <= limits_.money && hours_ <= limits_.hours && broken_or_ == 0 &&
           broken_exclusive_ == 0;
  }
  __int128 Ball() const;

  const Model& model_;
  // The current set and its sums, and the vars toggled since the base, in order.
  std::vector<char> x_;
  std::vector<Var> trail_;
  std::vector<Var> todo_;
  int64_t fee_ = 0;
  int64_t hours_ = 0;
  int64_t value_ = 0;
  // Members in the set of each OR-group and exclusive group, and the groups broken.
  std::vector<int32_t> or_taken_;
  std::vector<int32_t> exclusive_taken_;
  int32_t broken_or_ = 0;
  int32_t broken_exclusive_ = 0;
  std::vector<char> or_broken_at_base_;
  std::vector<char> exclusive_broken_at_base_;

  std::vector<Flip> flips_;
  // The most one flip saves of fee and of hours, or gains of value.
  int64_t most_fee_saved_ = 0;
  int64_t most_hours_saved_ = 0;
  int64_t most_value_gained_ = 0;
  int32_t most_group_memberships_ = 0;

  // Per Run (the pointers are read only while it runs).
  Limits limits_;
  const Closure* closure_ = nullptr;
  const NodeState* state_ = nullptr;
  const Offer* offer_ = nullptr;
  Deadline* deadline_ = nullptr;
  int64_t best_ = 0;
  int64_t steps_ = 0;
};

}  // namespace credpath::optimizer
