// The bound of a branch-and-bound node: a Lagrangian relaxation whose inner problem is a
// maximum-weight closure, solved exactly by one minimum cut (max_closure.h).
//
// At a node, the free vars carry the constraints the closure cannot express as rows
// Σ a_v x_v ≤ b (coefficients over free vars, the fixed vars folded into b):
//   money, hours             Σ fee x ≤ money left,   Σ hours x ≤ hours left;
//   credit (target branch)   Σ credit' x ≥ credit still needed, where credit' nets out
//                            overlaps with fixed-1 vars; overlaps between two free vars
//                            are dropped, which only overstates credit (a relaxation);
//   electives                Σ members ≥ still needed;
//   exclusive groups         Σ members ≤ 1;
//   OR-groups                x_owner ≤ Σ free members (owner free), Σ ≥ 1 (owner fixed 1);
//   avoided sets (top-K)     Hamming distance ≥ what is still needed.
// An OR-group with a single live member is an AND edge and goes into the closure.
// With multipliers λ ≥ 0, L(λ) = max over closures X of Σ value·x + Σ λ_r (b_r − a_r x)
// (plus the fixed vars' value and, on the target branch, the bonus) is an upper bound on
// every feasible set of the node (weak duality), and min over λ of L equals the LP bound
// of this formulation, because the closure polytope is integral.
//
// Exactness: multipliers are optimised in floating point but applied in fixed point,
// Λ_r = round(λ_r · S) with S a power of two chosen per search so that every weight and
// the cut fit in int64. The weights S·value_v − Σ Λ_r a_rv are exact integers, so the
// bound floor(L) is exact whatever the multipliers: rounding can only make it weaker.
//
// Multipliers: projected subgradient steps with the Polyak length toward the cutoff (the
// value a node must stay below to be pruned), along the plain or the averaged subgradient
// (volume algorithm, Barahona and Anbil 2000), rows scaled by their size so that one step
// length suits all of them; the branch-and-bound warm-starts every node from the last
// multipliers. Each evaluation costs one max-flow on the free vars that touch a closure
// edge; the network is built once per node and only its capacities change.
//
// Reduced-cost fixing: after an evaluation, forcing a free var against the closure lowers
// L by the penalty the residual network prices (max_closure.h); when L − penalty falls
// below the cutoff, every set worth the cutoff agrees with the closure on that var.
//
// Enumeration: a node with few free vars can instead be searched to the end, each free var
// taken or left in var order, under L at the last multipliers with the closure edges
// dropped, which bounds every set of a partial assignment that meets the rows
// (Enumerate; docs/optimizer.md, "Enumerated nodes").
//
// Thread safety: none; one Relaxation per search.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "optimizer/max_closure.h"
#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {

class Relaxation {
 public:
  explicit Relaxation(const Model& model);

  // Number of multipliers a search with `avoid_count` avoided sets uses.
  int32_t MultiplierCount(size_t avoid_count) const;

  // Chooses the fixed-point scale for the spec. Call before the first Setup of a search.
  void BeginSearch(const SearchSpec& spec);

  // Rows and closure network of the node. false when some row cannot hold whatever the
  // free vars do: the node holds no feasible set.
  bool Setup(const NodeState& state, bool target_branch, const SearchSpec& spec);

  // Evaluates L at `multipliers` (normalised; see the .cc) and returns floor(L).
  int64_t Evaluate(const std::vector<double>& multipliers);
  // L · S of the last evaluation, and the scale S.
  __int128 scaled_value() const { return scaled_value_; }
  int64_t scale() const { return scale_; }
  // The closure of the last evaluation, with the fixed vars: a set over all vars.
  const std::vector<char>& x() {
    FillVars();
    return x_;
  }
  // Scaled Lagrangian weight of each var in the last evaluation (0 for fixed vars).
  const std::vector<int64_t>& weight() {
    FillVars();
    return weight_;
  }
  // Whether the last closure meets every row: then it is a feasible set (its objective
  // may still lack the bonus, since overlaps between free vars are not in the rows).
  bool rows_hold() const { return rows_hold_; }
  // Σ value over the last closure (fixed vars included, bonus excluded).
  int64_t closure_value() const { return closure_value_; }
  // L splits into the node's constant part (the fixed vars' value and, on the target
  // branch, the bonus), the free vars' value in the closure, and Σ λ_r · slack_r.
  double constant_part() const {
    return static_cast<double>(fixed_part_) / static_cast<double>(scale_);
  }
  int64_t free_closure_value() const { return closure_value_ - fixed_value_; }
  // The rows of the node: the multiplier index of each, and the slack b - a·x of each
  // under the last closure, divided by the row's scale (so that a dual of it is a
  // multiplier as Evaluate takes them).
  size_t row_count() const { return rows_.size(); }
  // Prerequisite edges among the free vars: the closure network's arcs, besides its nodes.
  size_t edge_count() const { return edges_.size(); }
  int32_t row_multiplier(size_t r) const { return rows_[r].id; }
  const std::vector<double>& scaled_slack() const { return scaled_slack_; }

  // The direction steps follow is the scaled subgradient averaged over the evaluations
  // since Setup (the volume algorithm: each evaluation weighs `weight`, the running
  // average the rest), which damps the zig-zag of plain subgradient steps; weight 1 is
  // the plain subgradient.
  void SetAverageWeight(double weight) { average_weight_ = weight; }
  // Squared norm of the projected direction at `multipliers`; zero means no row asks for
  // a move (with weight 1: the multipliers are optimal).
  double DirectionNormSquared(const std::vector<double>& multipliers) const;
  // multipliers -= step · direction, projected on the feasible box.
  void Step(std::vector<double>& multipliers, double step) const;

  // Fixings (var, value) that every set of the node worth at least `cutoff` satisfies,
  // by the penalties of the last evaluation, valid until the next call. A penalty search
  // per free var: on a thousand deep ones they take a large part of a second, so the
  // deadline is polled between them, and those found so far are returned when it fires.
  // REQUIRES: floor(L) >= cutoff.
  const std::vector<std::pair<Var, bool>>& PenaltyFixings(int64_t cutoff, Deadline& deadline);

  // Exact search of the node, for nodes with few free vars: depth first over the free vars
  // in var order (prerequisites first), each taken or left, a var taken only when its
  // prerequisites are and the budgets still fit. A branch is cut when the last
  // evaluation's L with the closure edges dropped falls below the cutoff: its constant
  // part, plus the weights of the vars taken, plus the positive weights of the vars still
  // to decide (the weights price every row, so this bounds every set of the branch that
  // meets the rows). Each set that meets every row and may be worth the cutoff goes to
  // `offer`, which returns the cutoff from then on. Vars fixed since the evaluation (by
  // reduced-cost fixing) keep their values and are not searched. Returns the steps taken
  // (calls, leaves included), fewer than 2^(k+1) for the k vars still free, and recurses
  // k deep. REQUIRES: an evaluation since Setup. (Without a cutoff, kNoSet, the first set
  // that meets the rows is offered, and the cutoff it returns prunes from then on.)
  int64_t Enumerate(int64_t cutoff,
                    const std::function<int64_t(const std::vector<char>&)>& offer);

  // The rows the last closure violates that branching must resolve: OR-groups (group
  // ids), exclusive groups and avoided sets (indexes).
  struct Violations {
    std::vector<int32_t> or_groups;
    std::vector<int32_t> exclusive;
    std::vector<int32_t> avoid;
  };
  Violations FindViolations();

 private:
  // The dense kinds come first: Evaluate reads a row's dense activity by its kind.
  enum class Kind { kMoney, kHours, kCredit, kElective, kExclusive, kOrFree, kOrFixed, kAvoid };
  static constexpr int32_t kDenseKinds = 3;
  static_assert(static_cast<int32_t>(Kind::kMoney) == 0 && static_cast<int32_t>(Kind::kHours) == 1 &&
                static_cast<int32_t>(Kind::kCredit) == 2 && kDenseKinds == 3);
  struct Row {
    Kind kind;
    int32_t id;   // multiplier index
    int32_t ref;  // elective, exclusive, OR-group or avoided-set index
    int64_t rhs;
    double scale;  // multipliers are λ · scale; subgradients are divided by it
    int64_t max_coefficient;
    // The largest Λ_r that keeps |Λ_r a_rv| under the contribution cap, and the same as a
    // multiplier (set by AddRow: an integer division per row and evaluation was the
    // hottest instruction of Evaluate in a perf profile of the demo plan).
    int64_t lambda_cap = 0;
    double multiplier_cap = 0;
    // A sparse row's coefficients: entries [begin, end) of entry_node_/entry_coefficient_
    // (empty for the dense rows, whose coefficients are the node_* arrays).
    int32_t begin = 0;
    int32_t end = 0;
  };

  static bool IsDense(Kind kind) { return static_cast<int32_t>(kind) < kDenseKinds; }
  void AddRow(Kind kind, int32_t id, int32_t ref, int64_t rhs, double scale);
  // Adds the row unless it always holds (then returns false); marks the node infeasible
  // when it never can.
  bool AddRow(const Row& row, int64_t lowest, int64_t highest);
  template <typename F>
  void ForEachCoefficient(const Row& row, F&& f) const;
  // Writes the last closure and weights into x_ and weight_, by var, unless done since
  // the last evaluation: most evaluations are followed by another one or a prune, and
  // only the last one of a node is read by var (branching, repair, incumbents).
  void FillVars();
  // Σ a_r x over the node's closure nodes set in `in`, given the dense sums (fee, hours,
  // −credit) of that set.
  int64_t RowActivity(const Row& row, const int64_t (&dense_activity)[kDenseKinds + 1],
                      const char* in) const;
  // One step of Enumerate: still_free_[i] is next; the sums are over the nodes taken.
  void EnumerateFrom(int32_t k, int64_t fee, int64_t hours, __int128 weight, int64_t value);

  const Model& model_;
  const NodeState* state_ = nullptr;
  const SearchSpec* spec_ = nullptr;
  int64_t scale_ = 1;
  int64_t contribution_cap_ = 0;  // per (row, var): |Λ_r a_rv| stays below it

  int32_t elective_base_ = 3;
  int32_t exclusive_base_ = 0;
  int32_t or_base_ = 0;
  int32_t avoid_base_ = 0;

  // Node data.
  bool feasible_ = true;
  std::vector<Row> rows_;
  int32_t money_row_ = -1;  // indexes in rows_ of the dense rows, -1 when absent
  int32_t hours_row_ = -1;
  int32_t credit_row_ = -1;
  std::vector<int32_t> sparse_rows_;  // indexes in rows_ of the others
  std::vector<Var> free_;
  std::vector<int32_t> node_of_;  // free var -> closure node (stale for fixed vars)
  std::vector<ClosureEdge> edges_;
  __int128 fixed_part_ = 0;  // S · (value of fixed-1 vars + bonus)
  int64_t fixed_value_ = 0;  // value of fixed-1 vars
  // The free vars' terms by closure node, contiguous for the evaluations' sweeps: value,
  // fee, hours, and credit' (credit less what overlaps with fixed-1 vars share; on the
  // target branch only, empty off it).
  std::vector<int64_t> node_value_;
  std::vector<int64_t> node_scaled_value_;  // S · value: the weights' constant term
  std::vector<int64_t> node_fee_;
  std::vector<int64_t> node_hours_;
  std::vector<int64_t> node_credit_;
  // The sparse rows' coefficients by closure node, row after row (Row::begin, Row::end):
  // the evaluations sweep them without looking up which members are still free.
  std::vector<int32_t> entry_node_;
  std::vector<int64_t> entry_coefficient_;

  // Evaluation data.
  ClosureSolver closure_;
  std::vector<int64_t> node_weight_;
  std::vector<int64_t> weight_;
  std::vector<char> x_;
  std::vector<std::pair<Var, bool>> fixings_;  // PenaltyFixings' answer, kept to reuse
  std::vector<char> reaches_;                   // PenaltyFixings: per closure node
  bool vars_filled_ = true;           // x_ and weight_ hold the last evaluation's (or Setup's)
  std::vector<double> scaled_slack_;  // per row of rows_
  std::vector<double> direction_;     // averaged scaled subgradient, per row of rows_
  bool direction_fresh_ = true;       // the next evaluation starts the average
  bool rows_hold_ = false;
  int64_t closure_value_ = 0;
  double average_weight_ = 1;
  __int128 scaled_value_ = 0;

  // Enumerate's data: each closure node's prerequisites (CSR), the nodes still free and
  // the suffix sums of their positive weights, the nodes taken, the cutoff and offer, the
  // set offered.
  std::vector<int32_t> prerequisite_begin_;
  std::vector<int32_t> still_free_;
  std::vector<int32_t> prerequisites_;
  std::vector<__int128> best_rest_;
  std::vector<char> taken_;
  __int128 enumeration_constant_ = 0;
  int64_t enumeration_cutoff_ = 0;
  const std::function<int64_t(const std::vector<char>&)>* offer_ = nullptr;
  std::vector<char> offered_;
  int64_t enumeration_steps_ = 0;
};

}  // namespace credpath::optimizer
