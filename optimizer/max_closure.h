// Maximum-weight closure by one minimum s-t cut.
//
// Model: nodes 0..n-1 with integer weights w_v (any sign) and edges (u, v) meaning "u in
// the closure requires v in the closure" (u needs v). A closure is a node set closed under
// the edges; find one of maximum total weight.
//
// Method (Picard 1976): source s -> v with capacity w_v for w_v > 0, v -> t with capacity
// -w_v for w_v < 0, and u -> v with infinite capacity for every edge. The source side of a
// minimum cut is a maximum closure, and its weight is Σ_{w>0} w - max flow. The flow is
// Dinic's algorithm (blocking flows on BFS level graphs), O(V^2 E) in theory, a handful of
// phases on closure networks in practice. Nodes that touch no edge never enter the network:
// they are in the closure exactly when their weight is positive, which matters because
// most catalogue items have few prerequisites.
//
// We return the smallest maximum closure (the nodes reachable from s in the final residual
// network), so that zero-weight nodes stay out and results are deterministic.
//
// After Solve(), InclusionPenalty / ExclusionPenalty price the decision "v must be in /
// out of the closure": the optimum drops by exactly the extra flow that can then be sent,
// from v to t or from s to v in the residual network (the paths cannot pass through the
// source side, which cannot reach t). The branch-and-bound uses them for reduced-cost
// fixing. Each query restores the residual network before it returns.
//
// All arithmetic is int64 and exact. REQUIRES: Σ|w| < 2^62.
// Thread safety: a ClosureSolver is not thread-safe; MaxWeightClosure is reentrant.
// References: J.-C. Picard, "Maximal closure of a graph and applications to combinatorial
// problems", Management Science 22(11), 1976; E. A. Dinic, "Algorithm for solution of a
// problem of maximum flow in networks with power estimation", 1970.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace credpath::optimizer {

using ClosureEdge = std::pair<int32_t, int32_t>;  // (u, v): u needs v

struct ClosureResult {
  int64_t value = 0;
  std::vector<bool> in_closure;
};

// One-shot form of ClosureSolver. REQUIRES: edge endpoints in [0, weights.size()).
ClosureResult MaxWeightClosure(const std::vector<int64_t>& weights,
                               const std::vector<ClosureEdge>& edges);

// Reusable solver: keeps its buffers between calls, which matters in the branch-and-bound
// where the same network shape is solved thousands of times with new weights.
class ClosureSolver {
 public:
  // Solves for the given weights and edges; returns the maximum closure weight.
  // REQUIRES: edge endpoints in [0, weights.size()).
  int64_t Solve(std::span<const int64_t> weights, std::span<const ClosureEdge> edges);

  // The same in two steps, for many weight vectors over one graph: Prepare builds the
  // network once, Solve(weights) only resets capacities.
  // REQUIRES: edge endpoints in [0, n); weights.size() == n of the last Prepare.
  void Prepare(int32_t n, std::span<const ClosureEdge> edges);
  int64_t Solve(std::span<const int64_t> weights);

  // Membership of v in the smallest maximum closure of the last Solve().
  bool InClosure(int32_t v) const { return in_closure_[v] != 0; }

  // min(limit, how much the maximum closure weight falls when v is forced in); 0 when v
  // is already in. REQUIRES: a previous Solve(), limit >= 0.
  int64_t InclusionPenalty(int32_t v, int64_t limit);
  // min(limit, how much the maximum closure weight falls when v is forced out).
  int64_t ExclusionPenalty(int32_t v, int64_t limit);

 private:
  static constexpr int64_t kInfinity = int64_t{1} << 62;

  // Sends flow along the paths s -> u -> v -> t of single edges u -> v: on sparse
  // prerequisite graphs that is most of the maximum flow, and it costs one pass over the
  // arcs where a phase of Dinic's algorithm costs a breadth-first and a depth-first search.
  int64_t PushDirect();
  bool BuildLevels();
  int64_t BlockingFlow();
  // Sends up to `limit` units from `from` to `to` along shortest residual paths that avoid
  // `avoid`, recording every capacity change in undo_ so that the caller can restore.
  int64_t PushAlongPaths(int32_t from, int32_t to, int32_t avoid, int64_t limit);
  void Restore();

  int32_t n_ = 0;       // weight nodes
  int32_t source_ = 0;  // network node ids: weight nodes are 0..n-1, then s, then t
  int32_t sink_ = 0;
  std::vector<int64_t> weights_;
  std::vector<int32_t> degree_;     // edge incidences per weight node
  std::vector<int32_t> first_arc_;  // CSR: arcs of node x are [first_arc_[x], first_arc_[x+1])
  std::vector<int32_t> arc_head_;
  std::vector<int32_t> arc_reverse_;
  std::vector<int64_t> arc_residual_;
  std::vector<int64_t> arc_capacity_;  // edge arcs: infinite; the rest set per Solve
  std::vector<int32_t> linked_;        // weight nodes that touch an edge
  std::vector<int32_t> source_arc_;    // per linked node: s -> v and v -> t
  std::vector<int32_t> sink_arc_;
  std::vector<int32_t> level_;
  std::vector<int32_t> current_arc_;
  std::vector<int32_t> queue_;
  std::vector<int32_t> path_;        // arcs of the current DFS path
  std::vector<int32_t> parent_arc_;  // penalty queries: BFS tree
  std::vector<uint32_t> visit_;      // penalty queries: visited when == stamp_
  uint32_t stamp_ = 0;
  std::vector<std::pair<int32_t, int64_t>> undo_;  // (arc, previous residual)
  std::vector<char> in_closure_;
};

}  // namespace credpath::optimizer
