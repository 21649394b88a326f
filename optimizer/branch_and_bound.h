// Exact branch-and-bound for one SearchSpec over a Model.
//
// Search tree. The root splits on the completion bonus first: the target branch (core vars
// fixed to 1, credit and elective rows active, bonus counted) and the plain branch (value
// only; a set found there that happens to meet the target still scores its bonus). Every
// other node fixes one var to 1 (its AND prerequisites follow) or 0 (its dependents
// follow), with the propagation of node_state.h. Depth-first, the child the relaxation
// prefers first, so that good sets come early and the trail stays short.
//
// At each node: budget propagation (free vars that no longer fit are fixed to 0), the
// Lagrangian bound of lagrangian.h (warm-started multipliers, a few subgradient steps,
// pruned as soon as floor(L) drops below the cutoff = incumbent + 1; objectives are
// integers), the closure offered as an incumbent when feasible and otherwise repaired,
// then reduced-cost fixing; a node with a dozen free vars or fewer is then searched to the
// end by enumeration under that bound (Relaxation::Enumerate), any other branches:
//   a violated avoided set (top-K)  -> a var that agrees with it, flipped first;
//   a violated OR-group             -> its most attractive member, 1 first;
//   a violated exclusive group      -> its most attractive chosen member, 1 first;
//   otherwise                       -> the free var with the smallest |Lagrangian weight|
//                                      (the most undecided), the closure's value first.
// Enumeration closes every node it takes, so the search terminates.
//
// Objective-targeted passes. The bounds are tight (the root bound is within a few units
// of the optimum on most generated problems) but depth-first search meets the optimum
// late: on strongly n = 1000 the last improvement came at node 495108 of 495126, and the
// same search told the optimum from the start took 75720 nodes. So the tree is searched
// in passes with a target T: nodes are pruned below max(incumbent + 1, T). The first T
// is the best root bound; a pass that ends without a set worth T - 1 proves that no set
// is worth T, and the next T is lower by a step that doubles while failed passes stay
// cheap and halves when their cost jumps; a pass whose incumbent reaches T - 1 was an
// exact search, and once the incumbent reaches what the root bounds and failed passes
// proved, the search is over. The 36 generated n = 200..1000 problems (6 families, 2
// seeds) took 4.3 times fewer nodes in all, 2236957 -> 519949 (strongly n = 1000:
// 495126 -> 30598, target n = 500: 70335 -> 2400). A pass that has become the plain
// search and climbs slowly toward a distant ceiling is stopped, and the next aims halfway
// up (kCrawlNodes in the .cc).
//
// Effort levels: a quick level first (roots by column generation, one exact pass, a small
// work budget), then a short root with a budget, then the long root, each level starting
// from where the first began (docs/optimizer.md).
//
// Anytime: the deadline is polled at every node and bound iteration. When it fires, the
// result keeps the incumbent and a bound: the largest bound of the nodes still open, or
// T - 1 for what the current pass's target pruned, capped by what failed passes proved.
//
// Incumbents: greedy constructions, then the best pooled set that fits the spec (earlier
// searches of the same Solve: top-K and Pareto reuse each other's sets), then local
// search (at each root, and before the first level that is not the quick one), then at
// the long level's roots the sets a few flips from the root closure (flip_search.h), then
// whatever the nodes find. Every new incumbent goes through `check` when set.
//
// Complexity: exponential in the worst case (the problem is NP-hard); each node costs
// O(rows · n) plus a few max-flows on the free vars that touch a closure edge.
// Thread safety: none; one BranchAndBound per Solve call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "optimizer/flip_search.h"
#include "optimizer/heuristics.h"
#include "optimizer/lagrangian.h"
#include "optimizer/model.h"
#include "optimizer/node_state.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {

inline constexpr int64_t kNoSet = std::numeric_limits<int64_t>::min();

struct SearchOutcome {
  std::optional<Candidate> best;  // none: no set satisfies the spec (or none found in time)
  // No set of the spec is worth more. When complete, equals best's objective (or is
  // kNoSet when there is none), or spec.at_least - 1 when no set reaches spec.at_least.
  int64_t bound = 0;
  // The tree was exhausted: best is optimal, or no set reaches spec.at_least.
  bool complete = false;
  int64_t nodes = 0;
  int64_t evaluations = 0;
  // The best root bound of the last effort level (the strongest bound before branching),
  // or kNoSet when the deadline stopped the roots.
  int64_t root_bound = kNoSet;
};

inline constexpr int64_t kNoCeiling = std::numeric_limits<int64_t>::max();

// The best distinct feasible sets seen so far, best first (bounded).
class SolutionPool {
 public:
  void Add(const Candidate& candidate);
  const std::vector<Candidate>& entries() const { return entries_; }

 private:
  static constexpr size_t kCapacity = 256;
  std::vector<Candidate> entries_;
  absl::flat_hash_set<std::string> seen_;
};

class BranchAndBound {
 public:
  // Called with every new incumbent (a var set), to verify it or to report it; the first
  // failure is kept in check_status().
  using Check = std::function<absl::Status(const std::vector<char>&)>;

  BranchAndBound(const Model& model, Deadline& deadline, Check check);

  SearchOutcome Run(const SearchSpec& spec);

  const SolutionPool& pool() const { return pool_; }
  const absl::Status& check_status() const { return check_status_; }

 private:
  // Work (free vars and closure edges of the evaluations; one unit is 14-17 ns on the
  // generated problems) between two readings of the clock by Stopped().
  static constexpr int64_t kWorkPerClockRead = 4096;
  enum class Verdict { kPruned, kBranch, kInterrupted };
  // kRoot: the long first bound of a side, with the root heuristics; kRestart: the same
  // root again when its depth-first search starts, warm; kChild: any other node.
  enum class NodeKind { kRoot, kRestart, kChild };
  struct NodeResult {
    Verdict verdict = Verdict::kPruned;
    int64_t bound = kNoSet;  // the node's bound, when it was evaluated
    Var var = -1;
    bool first = false;
  };
  struct Pending {
    Var var;
    bool one;
    size_t mark;
    int64_t bound;  // the parent's bound
  };

  int64_t best_found() const { return incumbent_.has_value() ? incumbent_->objective : kNoSet; }
  // Nodes whose bound is below the cutoff are pruned: they hold no set worth both more
  // than the incumbent and at least the pass's target. Once the incumbent reaches the
  // ceiling nothing is left to find, and the cutoff prunes every node.
  int64_t cutoff() const {
    if (!incumbent_.has_value()) return target_;
    if (incumbent_->objective >= ceiling_) return kNoCeiling;
    return std::max(target_, incumbent_->objective + 1);
  }
  void Offer(const std::vector<char>& x);
  void Offer(Candidate candidate);
  // Σ positive values (+ bonus): the bound of a side not searched at all.
  int64_t TrivialBound(bool target_branch) const;
  // The roots and the objective-targeted passes of one effort level (see the .cc).
  void SearchPasses();
  // The deadline, or the end of the current effort level's work budget, has come.
  // The clock (and the stop flag) are read once per kWorkPerClockRead units of work, about
  // 60 µs: read at every bound evaluation, the clock was 2% of a small problem's time.
  bool Stopped() {
    if (work_ >= work_limit_) return true;
    if (work_ < next_clock_read_) return deadline_.latched();
    next_clock_read_ = work_ + kWorkPerClockRead;
    return deadline_.Reached();
  }
  // Fixings of a side's root (the core on the target side); false when they conflict.
  bool ResetSide(bool target_branch);
  // The root bound of a side (kNoSet when the side holds no set worth the cutoff or the
  // deadline stopped it).
  int64_t RootBound(bool target_branch);
  // Depth-first search of one side of the bonus split.
  void SearchTree(bool target_branch, int64_t root_bound);
  // The current pass has become a plain search that climbs slowly toward a distant
  // ceiling (see kCrawlNodes in the .cc).
  bool Crawling() const;
  NodeResult ProcessNode(bool target_branch, NodeKind kind, int64_t parent_bound);
  // The subgradient loop on the node the relaxation is set up for: returns the best
  // floor(L) (below the cutoff as soon as the node can be pruned), leaves the multipliers
  // and the relaxation at the best point, and offers the closures it meets. At most
  // max_iterations evaluations when that is positive.
  int64_t Bound(bool root, std::vector<double>& multipliers, int max_iterations = 0);
  // The root's bound by column generation (dual_master.h), from `multipliers`: the best
  // floor(L) it met, a bound either way. `settled` when that is below the cutoff or the
  // master converged (then with the multipliers and the relaxation at the best point); not
  // settled, with the multipliers untouched, when it does not converge in
  // kMasterEvaluations evaluations or the master outgrows itself. Offers the closures it
  // meets.
  struct MasterResult {
    int64_t bound;
    bool settled;
  };
  MasterResult MasterBound(std::vector<double>& multipliers);
  // floor(L) at `multipliers`, counted as an evaluation and as work (the free vars and
  // the closure edges).
  int64_t Evaluate(const std::vector<double>& multipliers);
  // L of the last evaluation, unfloored.
  double LastValue() const;
  // Offers the last closure when it is feasible, or a repair of it now and then.
  void UseClosure(bool root, int iteration);
  bool PropagateBudgets();
  // Chooses the branching var; sets *refixed when probing fixed vars instead.
  // REQUIRES: a free var (ProcessNode enumerates nodes with a dozen free vars or fewer).
  NodeResult Branch(int64_t bound, bool* refixed);
  // The bound of the current node with v fixed, or kNoSet when that child is infeasible.
  int64_t Probe(Var v, bool one);
  void RecordGain(Var v, bool one, int64_t gain);

  const Model& model_;
  Deadline& deadline_;
  Check check_;
  absl::Status check_status_;
  Heuristics heuristics_;
  FlipSearch flip_search_;
  Relaxation relaxation_;
  NodeState state_;
  SolutionPool pool_;
  std::vector<Var> by_fee_;  // most expensive first, for budget propagation
  std::vector<Var> by_hours_;
  std::vector<double> multipliers_[2];  // warm start, per side of the bonus split
  // Scratch buffers of Bound (its trial point), Probe (the child's multipliers) and
  // Branch (its candidates), kept so that a node allocates nothing (docs/optimizer.md,
  // "Per-node cost, same nodes").
  std::vector<double> trial_;
  std::vector<double> probe_multipliers_;
  std::vector<Var> candidates_;
  bool lp_root_[2] = {false, false};  // the quick level's root multipliers are LP-optimal
  // Pseudo-costs: observed bound losses of fixing each var to 0 / 1.
  std::vector<double> gain_sum_[2];
  std::vector<int32_t> gain_count_[2];

  // Per search.
  const SearchSpec* spec_ = nullptr;
  bool target_branch_ = false;
  std::optional<Candidate> incumbent_;
  std::vector<Pending> stack_;
  int64_t open_bound_ = kNoSet;
  int64_t root_bound_ = kNoSet;  // of the current effort level
  int64_t target_ = kNoSet;      // the objective the current pass looks for
  // No set of the search is worth more: the root bounds, then what failed passes proved.
  int64_t ceiling_ = kNoCeiling;
  bool interrupted_ = false;
  // The objective-targeted pass under way: the incumbent's objective when it began, the
  // node count past which it may be stopped as crawling, and whether it was.
  int64_t pass_start_best_ = kNoSet;
  int64_t pass_node_limit_ = std::numeric_limits<int64_t>::max();
  bool pass_stopped_ = false;
  int64_t restarts_ = 0;  // roots restarted by the passes, to tell a pass that branched
  // The pool held sets of earlier searches of the call (top-K pathways, Pareto boxes) when
  // the search began.
  bool pooled_start_ = false;
  int64_t nodes_ = 0;
  int64_t evaluations_ = 0;
  int root_iterations_ = 0;     // of the current effort level
  bool quick_ = false;          // the current effort level is the quick one (see the .cc)
  bool flips_at_root_ = false;  // the current effort level runs FlipSearch at its roots
  int64_t work_ = 0;            // Σ free vars + closure edges over the bound evaluations
  int64_t work_limit_ = 0;
  int64_t next_clock_read_ = 0;  // Stopped() reads the clock once work_ reaches it
  int64_t repair_interval_ = 0;  // nodes between closure repairs
  int64_t next_repair_ = 0;
};

}  // namespace credpath::optimizer
