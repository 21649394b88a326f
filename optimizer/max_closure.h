// Maximum-weight closure by one minimum s-t cut.
//
// Model: nodes 0..n-1 with integer weights w_v (any sign) and edges (u, v) meaning "u in
// the closure requires v in the closure" (u needs v). A closure is a node set closed under
// the edges; find one of maximum total weight.
//
// Method (Picard 1976): source s -> v with capacity w_v for w_v > 0, v -> t with capacity
// -w_v for w_v < 0, and u -> v with infinite capacity for every edge. The source side of a
// minimum cut is a maximum closure, and its weight is Σ_{w>0} w - max flow. Two greedy
// passes send flow along paths of edges alone; shortest augmenting paths from one source
// node at a time complete it, each source until it is drained or its search fails, and a
// failed search's nodes are known to lie in the closure, so that no later search enters
// them. Past a budget of searching, Dinic's algorithm (blocking flows on BFS level
// graphs, O(V^2 E)) finishes the flow instead, which bounds the worst case. Nodes that
// touch no edge never enter the network: they are in the closure exactly when their
// weight is positive, which matters because most catalogue items have few prerequisites.
//
// The terminal arcs are not arcs of the network but two numbers per node, what s may
// still send to it and what it may still send to t. Their reverse arcs (v -> s, t -> v)
// lie on no augmenting path, neither of the flow (a shortest path never returns to s nor
// leaves t) nor of the penalty queries below (which avoid s or t), so they are not kept:
// a level graph or a search then scans only the edge arcs of a node, where the terminal
// arcs were two of every node's few arcs and all of the source's many.
//
// We return the smallest maximum closure (the nodes reachable from s in the final residual
// network), so that zero-weight nodes stay out and results are deterministic.
//
// After Solve(), InclusionPenalty / ExclusionPenalty price the decision "v must be in /
// out of the closure": the optimum drops by exactly the extra flow that can then be sent,
// from v to t or from s to v in the residual network (the paths cannot pass through the
// source side, which cannot reach t). The branch-and-bound uses them for reduced-cost
// fixing. Each query restores the residual network before it returns. Penalties are
// ordered along the edges (forcing a node in forces in all it needs; forcing it out
// forces out all that need it), so PenaltiesReaching, which asks of every node whether
// its penalty reaches a limit, lets a node under the limit answer for its neighbours.
//
// Kept flows: a Solve with new weights on the same prepared network may start from the
// last maximum flow. Every push leaves a node's supply - demand plus its net flow out over
// the edges equal to its weight, so the new weights need only each node's change of
// weight added to that difference (raising both terminal arcs of a node by the same
// amount raises every cut by it, so only the difference matters, as in Kohli and Torr's
// dynamic graph cuts). The closure found is the same; its weight is summed over it, the
// flow's value being offset by those moves.
//
// All arithmetic is int64 and exact. REQUIRES: Σ|w| < 2^62.
// Thread safety: a ClosureSolver is not thread-safe; MaxWeightClosure is reentrant.
// References: J.-C. Picard, "Maximal closure of a graph and applications to combinatorial
// problems", Management Science 22(11), 1976; E. A. Dinic, "Algorithm for solution of a
// problem of maximum flow in networks with power estimation", 1970; P. Kohli and P. H. S.
// Torr, "Dynamic graph cuts for efficient inference in Markov random fields", IEEE PAMI
// 29(12), 2007.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
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
  // A Solve after the first on one prepared network keeps the last flow while the recent
  // fresh flows' searches visited at least this many nodes per linked node. A kept
  // flow saves the pushes that fresh flows repeat, and on deep networks, where the fresh
  // flows' searches cover the network several times over (the dense generated family),
  // most of the searching too; elsewhere it costs more searches than it saves, since its
  // imbalances are undone along reverse arcs that only the searches follow (figures in
  // docs/optimizer.md). Any value gives the same results; 0 keeps every flow it can.
  static constexpr int64_t kKeepFlowSweeps = 2;

  // The budget of the searches that complete a flow from one source at a time, in nodes
  // visited per linked node, past which Dinic's phases finish it. On the dense generated
  // family, whose deep networks need the most paths, 16 left Dinic's phases 247 of 125,085
  // flows at n = 1000 and took less time in all than 4, 64 or no limit (docs/optimizer.md).
  // Any value gives the same results; 0 leaves every flow but one search to the phases.
  static constexpr int64_t kAugmentSweeps = 16;

  explicit ClosureSolver(int64_t keep_flow_sweeps = kKeepFlowSweeps,
                         int64_t augment_sweeps = kAugmentSweeps)
      : keep_flow_sweeps_(keep_flow_sweeps), augment_sweeps_(augment_sweeps) {}

  // Solves for the given weights and edges; returns the maximum closure weight.
  // REQUIRES: edge endpoints in [0, weights.size()).
  int64_t Solve(std::span<const int64_t> weights, std::span<const ClosureEdge> edges);

  // The same in two steps, for many weight vectors over one graph: Prepare builds the
  // network once, Solve(weights) only resets capacities or moves them (a kept flow).
  // REQUIRES: edge endpoints in [0, n); weights.size() == n of the last Prepare.
  void Prepare(int32_t n, std::span<const ClosureEdge> edges);
  int64_t Solve(std::span<const int64_t> weights);

  // Membership of v in the smallest maximum closure of the last Solve().
  bool InClosure(int32_t v) const { return in_closure_[v] != 0; }
  // The same for every node at once, 1 in and 0 out.
  std::span<const char> membership() const { return in_closure_; }
  // Whether the last Solve() started from the flow before it.
  bool kept_flow() const { return carried_; }

  // min(limit, how much the maximum closure weight falls when v is forced in); 0 when v
  // is already in. REQUIRES: a previous Solve(), limit >= 0.
  int64_t InclusionPenalty(int32_t v, int64_t limit);
  // min(limit, how much the maximum closure weight falls when v is forced out).
  int64_t ExclusionPenalty(int32_t v, int64_t limit);
  // For every node, whether forcing it to the other side costs at least `limit`:
  // reaches[v] = 1 exactly when the penalty above is >= limit, found with fewer searches
  // (a node's penalty bounds those of the nodes it needs or that need it on its side).
  // stop() is asked first and before each search; once it says true, the nodes not yet
  // decided are left at 0. REQUIRES: a previous Solve(), limit >= 0.
  void PenaltiesReaching(int64_t limit, const std::function<bool()>& stop,
                         std::vector<char>& reaches);

 private:
  static constexpr int64_t kInfinity = int64_t{1} << 62;
  // Flows are kept only while no edge could carry more than this: infinite arcs then
  // keep room for any path, since no supply exceeds it either.
  static constexpr int64_t kFlowLimit = kInfinity / 4;

  // Keeps the last Solve's flow and moves each node's terminal capacities by its change of
  // weight. false, with the capacities left unusable, when the flow could outgrow
  // kFlowLimit; Solve then starts afresh.
  bool Reweight(std::span<const int64_t> weights);
  // Adds a fresh flow's search visits beyond keep_flow_sweeps_ per linked node to
  // sweep_surplus_.
  void NoteFreshSweeps();
  // The penalty of moving v to the other side of the cut: out if in, in if out.
  int64_t PenaltyAgainstSide(int32_t v, int64_t limit);
  // The same for a node on no edge, which moves alone: the size of its weight, capped.
  int64_t UnlinkedPenalty(int32_t v, int64_t limit) const {
    return std::min(limit, in_closure_[v] ? weights_[v] : -weights_[v]);
  }
  // order_: the linked nodes, each before the nodes it needs (those on cycles last).
  void OrderByNeeds();
  // Zero flow, terminal capacities from weights_.
  void ResetFlow();
  // Completes the flow to a maximum one and places every node; returns the closure weight.
  // A fresh flow adds its searches to sweep_surplus_.
  int64_t MaximumClosure();
  // Penalty searches on a kept flow cost several times as much as on a fresh one (six
  // times on a dense generated problem: docs/optimizer.md), so the first query after a
  // Solve that kept the flow computes a fresh one; the closure is the same.
  void PriceOnFreshFlow();

  // Sends flow along the paths s -> u -> v -> t of single edges u -> v: on sparse
  // prerequisite graphs that is most of the maximum flow, and it costs one pass over the
  // arcs where a phase of Dinic's algorithm costs a breadth-first and a depth-first search.
  int64_t PushDirect();
  // Then sends what s still supplies along paths of forward arcs alone, from each node
  // depth first into its prerequisites, and collects in sources_ the nodes s still
  // supplies after it. Such paths need no search of the residual network, and they carry
  // the rest of the flow on most closure networks of the search, leaving the searches
  // below little or nothing to do. It runs after PushDirect: alone it sends flow deep
  // where a nearer node could have taken it (figures in docs/optimizer.md).
  int64_t PushForward();
  // Completes the flow from the nodes in sources_, one at a time: breadth-first searches
  // of the residual network send a node's supply along shortest paths to nodes t still
  // drains until it has none left or a search finds no such node. The nodes a failed
  // search visited then reach nothing that t drains, and no later path can change that
  // (it cannot pass through them, and the arcs leaving them carry nothing back), so they
  // stay in the closure and are never searched again; where Dinic's phases swept the
  // network once per phase, several times over on deep networks (figures in
  // docs/optimizer.md). Adds the flow sent to *flow; returns false, with level_ no longer
  // meaningful, when a search would start after the searches have visited more than
  // augment_sweeps_ nodes per linked node, and otherwise true with level_ 0 exactly at
  // the nodes s reaches and -1 elsewhere.
  bool AugmentPerSource(int64_t* flow);
  // Levels from s (the nodes s still supplies are level 1). true when t is reached; then
  // only the levels below t's are complete. Otherwise level_ marks every node s reaches.
  bool BuildLevels();
  int64_t BlockingFlow();
  // Sends up to `limit` units from v to t (forward) or from s to v (backward, searched
  // from v against the arcs) along shortest residual paths that avoid the other
  // terminal, recording every change in undo_ so that Restore can undo them.
  int64_t PushAlongPaths(int32_t v, bool forward, int64_t limit);
  void Restore();
  // Starts a search that marks its visits with a fresh stamp_ (visit_ sized n_).
  void NewSearch();
  // Drops the last arc of the depth-first path_ and moves its tail past it: the tail
  // becomes the current node.
  int32_t Retreat();

  int64_t keep_flow_sweeps_;
  int64_t augment_sweeps_;
  bool has_flow_ = false;   // the network holds a maximum flow for weights_
  bool carried_ = false;    // that flow was kept from earlier weights
  int64_t flow_bound_ = 0;  // Reweight: no edge of the kept flow carries more than this
  int64_t searched_ = 0;    // nodes the searches of the flow visited since ResetFlow
  // Recent fresh flows' searched_ less keep_flow_sweeps_ per linked node, averaged
  // (integers: this runs at every fresh Solve); flows are kept while it is >= 0.
  int64_t sweep_surplus_ = 0;
  int32_t n_ = 0;  // weight nodes; the network's other two nodes, s and t, are implicit
  std::vector<int64_t> weights_;
  std::vector<int32_t> degree_;  // edge incidences per weight node
  // CSR: arcs of node x are [first_arc_[x], first_arc_[x+1]), its edges' forward arcs
  // (infinite capacity) before first_reverse_[x], their reverse arcs from there on.
  std::vector<int32_t> first_arc_;
  std::vector<int32_t> first_reverse_;
  std::vector<int32_t> arc_head_;
  std::vector<int32_t> arc_reverse_;
  std::vector<int64_t> arc_residual_;
  std::vector<int64_t> arc_capacity_;  // forward arcs: infinite; reverse arcs: 0
  std::vector<int32_t> linked_;        // weight nodes that touch an edge
  std::vector<int64_t> supply_;        // residual capacity of s -> v, per node
  std::vector<int64_t> demand_;        // residual capacity of v -> t, per node
  std::vector<int32_t> sources_;       // a superset of the nodes s still supplies
  std::vector<int32_t> level_;  // Dinic's levels, or AugmentPerSource's marks
  int32_t sink_level_ = -1;  // t's level in the last BuildLevels, -1 when unreached
  std::vector<int32_t> current_arc_;
  std::vector<int32_t> queue_;
  std::vector<int32_t> path_;        // arcs of the current DFS path
  std::vector<int32_t> parent_arc_;  // penalty queries: BFS tree
  std::vector<uint32_t> visit_;      // PushForward and penalty queries: visited when == stamp_
  uint32_t stamp_ = 0;
  // (slot, previous value): the arc residuals and terminal capacities a penalty query
  // changed. The vectors holding the slots keep their size between Solve and Restore.
  std::vector<std::pair<int64_t*, int64_t>> undo_;
  std::vector<char> in_closure_;
  std::vector<int32_t> order_;    // OrderByNeeds
  std::vector<int32_t> pending_;  // OrderByNeeds: needing nodes not yet placed
  std::vector<char> below_;       // PenaltiesReaching: known to cost less than the limit
};

}  // namespace credpath::optimizer
