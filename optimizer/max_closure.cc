#include "optimizer/max_closure.h"

#include <algorithm>
#include <limits>

namespace credpath::optimizer {

ClosureResult MaxWeightClosure(const std::vector<int64_t>& weights,
                               const std::vector<ClosureEdge>& edges) {
  ClosureSolver solver;
  ClosureResult result;
  result.value = solver.Solve(weights, edges);
  result.in_closure.resize(weights.size());
  for (size_t v = 0; v < weights.size(); ++v) {
    result.in_closure[v] = solver.InClosure(static_cast<int32_t>(v));
  }
  return result;
}

void ClosureSolver::Prepare(int32_t n, std::span<const ClosureEdge> edges) {
  has_flow_ = false;
  n_ = n;
  // Arc counts: every edge gives u a forward arc and v its reverse. first_reverse_ counts
  // the forward arcs until the offsets are known.
  degree_.assign(n_, 0);
  first_reverse_.assign(n_, 0);
  for (const auto& [u, v] : edges) {
    if (u == v) continue;  // a node trivially needs itself
    ++degree_[u];
    ++degree_[v];
    ++first_reverse_[u];
  }
  linked_.clear();
  first_arc_.resize(n_ + 1);
  first_arc_[0] = 0;
  for (int32_t x = 0; x < n_; ++x) {
    first_arc_[x + 1] = first_arc_[x] + degree_[x];
    first_reverse_[x] += first_arc_[x];
    if (degree_[x] > 0) linked_.push_back(x);
  }
  const int32_t arcs = first_arc_[n_];
  arc_head_.resize(arcs);
  arc_reverse_.resize(arcs);
  arc_capacity_.resize(arcs);
  // The next free forward and reverse slot of each node (scratch buffers until Solve).
  std::vector<int32_t>& next_forward = current_arc_;
  std::vector<int32_t>& next_reverse = queue_;
  next_forward.assign(first_arc_.begin(), first_arc_.end() - 1);
  next_reverse.assign(first_reverse_.begin(), first_reverse_.end());
  for (const auto& [u, v] : edges) {
    if (u == v) continue;
    const int32_t a = next_forward[u]++;
    const int32_t b = next_reverse[v]++;
    arc_head_[a] = v;
    arc_capacity_[a] = kInfinity;
    arc_reverse_[a] = b;
    arc_head_[b] = u;
    arc_capacity_[b] = 0;
    arc_reverse_[b] = a;
  }
  supply_.resize(n_);
  demand_.resize(n_);
}

bool ClosureSolver::BuildLevels() {
  level_.assign(n_, -1);
  queue_.resize(n_);  // a node enters at most once
  std::erase_if(sources_, [&](int32_t v) { return supply_[v] == 0; });
  // A queue sized once and written through local pointers: push_back's capacity checks,
  // and the reloads of the vectors' members around them, were much of the search.
  int32_t* level = level_.data();
  int32_t* queue = queue_.data();
  const int32_t* first_arc = first_arc_.data();
  const int32_t* arc_head = arc_head_.data();
  const int64_t* residual = arc_residual_.data();
  const int64_t* demand = demand_.data();
  size_t tail = 0;
  for (int32_t v : sources_) {
    level[v] = 1;
    queue[tail++] = v;
  }
  int32_t sink_level = -1;
  for (size_t head = 0; head < tail; ++head) {
    const int32_t x = queue[head];
    // Levels come in order: once t has one, the nodes just below it need not scan their
    // arcs (those lead to t's level, where no shortest path goes), nor the nodes after
    // them. (The last phase never labels t, so it still marks every node that s reaches,
    // which is the closure.)
    if (sink_level >= 0 && level[x] + 1 >= sink_level) break;
    for (int32_t a = first_arc[x]; a < first_arc[x + 1]; ++a) {
      const int32_t y = arc_head[a];
      if (residual[a] > 0 && level[y] < 0) {
        level[y] = level[x] + 1;
        queue[tail++] = y;
        if (sink_level < 0 && demand[y] > 0) sink_level = level[y] + 1;
      }
    }
  }
  sink_level_ = sink_level;
  searched_ += static_cast<int64_t>(tail);
  return sink_level >= 0;
}

int64_t ClosureSolver::BlockingFlow() {
  int64_t total = 0;
  current_arc_.assign(first_arc_.begin(), first_arc_.end() - 1);
  const int32_t last = sink_level_ - 1;  // the level whose nodes send to t
  // One depth-first search per node s supplies (all at level 1), as Dinic's from s
  // would take its arcs.
  for (int32_t u : sources_) {
    path_.clear();
    int32_t x = u;
    while (supply_[u] > 0) {
      if (level_[x] == last) {
        if (demand_[x] > 0) {
          int64_t bottleneck = std::min(supply_[u], demand_[x]);
          for (int32_t a : path_) bottleneck = std::min(bottleneck, arc_residual_[a]);
          for (int32_t a : path_) {
            arc_residual_[a] -= bottleneck;
            arc_residual_[arc_reverse_[a]] += bottleneck;
          }
          supply_[u] -= bottleneck;
          demand_[x] -= bottleneck;
          total += bottleneck;
          // Retreat to the tail of the first saturated arc; the prefix before it still has
          // room. When none saturated, x's demand did, and x is a dead end now.
          size_t keep = 0;
          while (keep < path_.size() && arc_residual_[path_[keep]] > 0) ++keep;
          path_.resize(keep);
          x = keep == 0 ? u : arc_head_[path_.back()];
          continue;
        }
      } else {
        // The next arc into the level above, kept in a local: the loop written on
        // current_arc_[x] stored it back at every step.
        const int32_t end = first_arc_[x + 1];
        const int32_t next_level = level_[x] + 1;
        int32_t a = current_arc_[x];
        while (a < end && (arc_residual_[a] == 0 || level_[arc_head_[a]] != next_level)) ++a;
        current_arc_[x] = a;
        if (a < end) {
          path_.push_back(a);
          x = arc_head_[a];
          continue;
        }
      }
      level_[x] = -1;  // dead end in this phase
      if (x == u) break;
      x = Retreat();
    }
  }
  return total;
}

bool ClosureSolver::AugmentPerSource(int64_t* flow) {
  // level_ marks the nodes found to lie in the closure with 0, the others with -1; a
  // search marks what it visits with 0 too (so one array tells both what a search has
  // seen and what no search need enter) and unmarks it when it finds a path.
  level_.assign(n_, -1);
  std::erase_if(sources_, [&](int32_t v) { return supply_[v] == 0; });
  int64_t budget = 0;  // saturates: a budget too large to count is no budget
  if (__builtin_mul_overflow(augment_sweeps_, static_cast<int64_t>(linked_.size()), &budget)) {
    budget = std::numeric_limits<int64_t>::max();
  }
  int64_t spent = 0;
  parent_arc_.resize(n_);
  queue_.resize(n_);  // a node enters a search at most once
  // Through local pointers, as in BuildLevels.
  int32_t* level = level_.data();
  int32_t* queue = queue_.data();
  int32_t* parent_arc = parent_arc_.data();
  const int32_t* first_arc = first_arc_.data();
  const int32_t* arc_head = arc_head_.data();
  const int32_t* arc_reverse = arc_reverse_.data();
  int64_t* residual = arc_residual_.data();
  int64_t* supply = supply_.data();
  int64_t* demand = demand_.data();
  for (int32_t u : sources_) {
    while (supply[u] > 0 && level[u] < 0) {
      if (spent > budget) return false;
      level[u] = 0;
      queue[0] = u;
      size_t tail = 1;
      int32_t end = -1;
      for (size_t head = 0; head < tail && end < 0; ++head) {
        const int32_t x = queue[head];
        for (int32_t a = first_arc[x]; a < first_arc[x + 1]; ++a) {
          const int32_t y = arc_head[a];
          if (residual[a] > 0 && level[y] < 0) {
            level[y] = 0;
            parent_arc[y] = a;
            queue[tail++] = y;
            if (demand[y] > 0) {
              end = y;
              break;
            }
          }
        }
      }
      searched_ += static_cast<int64_t>(tail);
      spent += static_cast<int64_t>(tail);
      if (end < 0) break;  // what it visited stays marked: the closure
      for (size_t k = 0; k < tail; ++k) level[queue[k]] = -1;
      const auto previous = [&](int32_t y) { return arc_head[arc_reverse[parent_arc[y]]]; };
      int64_t bottleneck = std::min(supply[u], demand[end]);
      for (int32_t y = end; y != u; y = previous(y)) {
        bottleneck = std::min(bottleneck, residual[parent_arc[y]]);
      }
      for (int32_t y = end; y != u; y = previous(y)) {
        residual[parent_arc[y]] -= bottleneck;
        residual[arc_reverse[parent_arc[y]]] += bottleneck;
      }
      supply[u] -= bottleneck;
      demand[end] -= bottleneck;
      *flow += bottleneck;
    }
  }
  return true;
}

int64_t ClosureSolver::PushDirect() {
  int64_t total = 0;
  const int32_t* first_arc = first_arc_.data();
  const int32_t* first_reverse = first_reverse_.data();
  const int32_t* arc_head = arc_head_.data();
  const int32_t* arc_reverse = arc_reverse_.data();
  int64_t* residual = arc_residual_.data();
  int64_t* demand = demand_.data();
  for (int32_t u : linked_) {
    int64_t supply = supply_[u];
    for (int32_t a = first_arc[u]; a < first_reverse[u] && supply > 0; ++a) {
      const int32_t v = arc_head[a];
      const int64_t pushed = std::min(supply, demand[v]);
      if (pushed == 0) continue;
      supply -= pushed;
      demand[v] -= pushed;
      residual[a] -= pushed;
      residual[arc_reverse[a]] += pushed;
      total += pushed;
    }
    supply_[u] = supply;
  }
  return total;
}

int64_t ClosureSolver::PushForward() {
  int64_t total = 0;
  sources_.clear();
  // current_arc_ persists across the searches: a search moves past a child only once the
  // child's descendants have nothing left to drain (on a cycle, or a child this search
  // already met, possibly sooner: that loses pushes, never correctness), so later searches
  // skip what earlier ones finished.
  current_arc_.assign(first_arc_.begin(), first_arc_.end() - 1);
  visit_.resize(n_, 0);
  for (int32_t u : linked_) {
    int64_t supply = supply_[u];
    if (supply == 0) continue;
    NewSearch();
    visit_[u] = stamp_;
    path_.clear();
    int32_t x = u;
    while (supply > 0) {
      bool advanced = false;
      for (int32_t& a = current_arc_[x]; a < first_reverse_[x]; ++a) {
        const int32_t y = arc_head_[a];
        const bool finished = demand_[y] == 0 && current_arc_[y] == first_reverse_[y];
        if (visit_[y] != stamp_ && !finished) {
          visit_[y] = stamp_;
          path_.push_back(a);
          x = y;
          advanced = true;
          break;
        }
      }
      if (advanced) {
        // Forward arcs are infinite: the path carries what u has or x takes.
        const int64_t pushed = std::min(supply, demand_[x]);
        if (pushed == 0) continue;
        for (int32_t a : path_) {
          arc_residual_[a] -= pushed;
          arc_residual_[arc_reverse_[a]] += pushed;
        }
        demand_[x] -= pushed;
        supply -= pushed;
        total += pushed;
        continue;
      }
      if (path_.empty()) break;
      x = Retreat();
    }
    supply_[u] = supply;
    if (supply > 0) sources_.push_back(u);
  }
  return total;
}

int64_t ClosureSolver::Solve(std::span<const int64_t> weights, std::span<const ClosureEdge> edges) {
  Prepare(static_cast<int32_t>(weights.size()), edges);
  return Solve(weights);
}

int64_t ClosureSolver::Solve(std::span<const int64_t> weights) {
  carried_ = has_flow_ && sweep_surplus_ >= 0 && Reweight(weights);
  weights_.assign(weights.begin(), weights.end());
  if (!carried_) ResetFlow();
  has_flow_ = true;
  return MaximumClosure();
}

void ClosureSolver::NoteFreshSweeps() {
  const int64_t surplus = searched_ - keep_flow_sweeps_ * static_cast<int64_t>(linked_.size());
  sweep_surplus_ += (surplus - sweep_surplus_) / 4;
}

bool ClosureSolver::Reweight(std::span<const int64_t> weights) {
  // Every push kept supply_ - demand_ + (the node's net flow out over edges) equal to its
  // weight, so the kept flow needs only the change of weight added: the nodes whose
  // weights moved little start nearly balanced.
  if (!carried_) {
    // The last flow was fresh: no edge carries more than its weights supplied.
    flow_bound_ = 0;
    for (int32_t v : linked_) flow_bound_ += std::max<int64_t>(weights_[v], 0);
  }
  // In int64 with the overflow flags, through local pointers: this runs at every Solve
  // that keeps its flow, and 128-bit arithmetic made it a tenth of a small problem's
  // instructions. The flags are collected, not tested, so that the loop does not branch
  // on them; once one is set the values no longer matter (the flow is not kept), so the
  // arithmetic after it only has to stay defined: the demand is taken modulo 2^64 (net
  // may be INT64_MIN then), and the sum is unsigned, flagged on passing kFlowLimit long
  // before it could wrap.
  const int64_t* new_weight = weights.data();
  const int64_t* old_weight = weights_.data();
  int64_t* supply = supply_.data();
  int64_t* demand = demand_.data();
  uint64_t supplied = 0;
  bool overflow = false;
  for (int32_t v : linked_) {
    int64_t change = 0;
    int64_t net = 0;
    overflow |= __builtin_sub_overflow(new_weight[v], old_weight[v], &change);
    overflow |= __builtin_add_overflow(supply[v] - demand[v], change, &net);
    overflow |= net > kFlowLimit || net < -kFlowLimit;
    const int64_t sent = std::max<int64_t>(net, 0);
    supply[v] = sent;
    demand[v] = static_cast<int64_t>(static_cast<uint64_t>(sent) - static_cast<uint64_t>(net));
    supplied += static_cast<uint64_t>(sent);
    overflow |= supplied > static_cast<uint64_t>(kFlowLimit);
  }
  if (overflow) return false;
  // supplied <= kFlowLimit now, and flow_bound_ < 2^62 (a fresh one sums positive weights,
  // Σ|w| < 2^62; a kept one is at most kFlowLimit): the sum fits.
  const int64_t bound = flow_bound_ + static_cast<int64_t>(supplied);
  if (bound > kFlowLimit) return false;
  flow_bound_ = bound;
  return true;
}

void ClosureSolver::ResetFlow() {
  arc_residual_ = arc_capacity_;
  searched_ = 0;
  for (int32_t v : linked_) {
    supply_[v] = std::max<int64_t>(weights_[v], 0);
    demand_[v] = std::max<int64_t>(-weights_[v], 0);
  }
}

int64_t ClosureSolver::MaximumClosure() {
  // One sweep over every node places the nodes that touch no edge (in exactly when
  // positive); only the linked ones are placed again after the flow, since on sparse
  // catalogues most nodes touch no edge. Through local pointers: a char store could
  // change the vectors' own data pointers as far as the compiler knows.
  in_closure_.resize(n_);
  const int64_t* weight = weights_.data();
  char* in = in_closure_.data();
  int64_t positive = 0;
  for (int32_t v = 0; v < n_; ++v) {
    const int64_t w = weight[v];
    positive += w > 0 ? w : 0;
    in[v] = w > 0;
  }
  if (linked_.empty()) return positive;
  int64_t flow = PushDirect();
  flow += PushForward();
  if (!AugmentPerSource(&flow)) {
    while (BuildLevels()) flow += BlockingFlow();
  }
  // Either way level_ now marks exactly the nodes reachable from s.
  const int32_t* level = level_.data();
  for (int32_t v : linked_) in[v] = level[v] >= 0;
  if (!carried_) {
    NoteFreshSweeps();
    return positive - flow;
  }
  // A kept flow's value is offset by the capacities it moved: sum the closure instead.
  int64_t value = positive;
  for (int32_t v : linked_) value += (in[v] ? weight[v] : 0) - std::max<int64_t>(weight[v], 0);
  return value;
}

void ClosureSolver::PriceOnFreshFlow() {
  if (!carried_) return;
  carried_ = false;
  ResetFlow();
  MaximumClosure();
}

int64_t ClosureSolver::PushAlongPaths(int32_t v, bool forward, int64_t limit) {
  // Forward, paths run from v to a node that t still drains; backward, from a node that
  // s still supplies to v, found from v along the reverse arcs. parent_arc_ holds the
  // path's arc (in the direction of the flow) by which the search reached a node.
  std::vector<int64_t>& terminal = forward ? demand_ : supply_;
  // The paths keep to v's side of the cut, so the search need not enter the other: the
  // source side (the closure) reaches no node that t drains, and every node s supplies
  // lies in it. Pushing along paths within one side leaves the arcs across the cut as
  // they were, so this holds throughout the query.
  const char other_side = forward ? 1 : 0;  // in_closure_ of the side the paths avoid
  int64_t pushed = 0;
  parent_arc_.resize(n_);
  visit_.resize(n_, 0);
  while (pushed < limit) {
    NewSearch();
    queue_.clear();
    queue_.push_back(v);
    visit_[v] = stamp_;
    int32_t end = terminal[v] > 0 ? v : -1;
    for (size_t head = 0; head < queue_.size() && end < 0; ++head) {
      const int32_t x = queue_[head];
      for (int32_t a = first_arc_[x]; a < first_arc_[x + 1]; ++a) {
        const int32_t y = arc_head_[a];
        const int32_t along = forward ? a : arc_reverse_[a];  // x -> y, or y -> x
        if (arc_residual_[along] > 0 && visit_[y] != stamp_ && in_closure_[y] != other_side) {
          visit_[y] = stamp_;
          parent_arc_[y] = along;
          queue_.push_back(y);
          if (terminal[y] > 0) {
            end = y;
            break;
          }
        }
      }
    }
    if (end < 0) break;
    // The path's nodes from `end` back to v: the tail of the parent arc going forward,
    // its head going backward.
    const auto next = [&](int32_t y) {
      const int32_t a = parent_arc_[y];
      return forward ? arc_head_[arc_reverse_[a]] : arc_head_[a];
    };
    int64_t bottleneck = std::min(limit - pushed, terminal[end]);
    for (int32_t y = end; y != v; y = next(y)) {
      bottleneck = std::min(bottleneck, arc_residual_[parent_arc_[y]]);
    }
    for (int32_t y = end; y != v; y = next(y)) {
      const int32_t a = parent_arc_[y];
      undo_.emplace_back(&arc_residual_[a], arc_residual_[a]);
      undo_.emplace_back(&arc_residual_[arc_reverse_[a]], arc_residual_[arc_reverse_[a]]);
      arc_residual_[a] -= bottleneck;
      arc_residual_[arc_reverse_[a]] += bottleneck;
    }
    undo_.emplace_back(&terminal[end], terminal[end]);
    terminal[end] -= bottleneck;
    pushed += bottleneck;
  }
  return pushed;
}

void ClosureSolver::NewSearch() {
  // A fresh stamp marks this search's visits without clearing the array.
  if (++stamp_ == 0) {
    std::fill(visit_.begin(), visit_.end(), 0);
    stamp_ = 1;
  }
}

int32_t ClosureSolver::Retreat() {
  const int32_t a = path_.back();
  path_.pop_back();
  const int32_t tail = arc_head_[arc_reverse_[a]];
  ++current_arc_[tail];
  return tail;
}

void ClosureSolver::Restore() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) *it->first = it->second;
  undo_.clear();
}

int64_t ClosureSolver::InclusionPenalty(int32_t v, int64_t limit) {
  if (in_closure_[v]) return 0;
  if (degree_[v] == 0) return UnlinkedPenalty(v, limit);
  PriceOnFreshFlow();
  const int64_t pushed = PushAlongPaths(v, /*forward=*/true, limit);
  Restore();
  return pushed;
}

int64_t ClosureSolver::ExclusionPenalty(int32_t v, int64_t limit) {
  if (!in_closure_[v]) return 0;
  if (degree_[v] == 0) return UnlinkedPenalty(v, limit);
  PriceOnFreshFlow();
  const int64_t pushed = PushAlongPaths(v, /*forward=*/false, limit);
  Restore();
  return pushed;
}

int64_t ClosureSolver::PenaltyAgainstSide(int32_t v, int64_t limit) {
  return in_closure_[v] ? ExclusionPenalty(v, limit) : InclusionPenalty(v, limit);
}

void ClosureSolver::PenaltiesReaching(int64_t limit, const std::function<bool()>& stop,
                                      std::vector<char>& reaches) {
  reaches.assign(n_, 0);
  below_.assign(n_, 0);
  if (stop()) return;
  for (int32_t v = 0; v < n_; ++v) {
    if (degree_[v] == 0) reaches[v] = UnlinkedPenalty(v, limit) >= limit;
  }
  OrderByNeeds();
  // Forcing a node in forces in all it needs, so no node the sink side needs costs more to
  // force in than the node that needs it; forcing a node out forces out all that need it,
  // so the reverse on the source side. Dependents are decided first on the sink side and
  // prerequisites first on the source side, so that a node under the limit spares the
  // searches of the nodes it vouches for.
  const auto decide = [&](int32_t v) {
    const bool in = in_closure_[v] != 0;
    if (!below_[v]) {
      if (stop()) return false;
      if (PenaltyAgainstSide(v, limit) >= limit) {
        reaches[v] = 1;
        return true;
      }
    }
    const int32_t begin = in ? first_reverse_[v] : first_arc_[v];
    const int32_t end = in ? first_arc_[v + 1] : first_reverse_[v];
    for (int32_t a = begin; a < end; ++a) {
      if ((in_closure_[arc_head_[a]] != 0) == in) below_[arc_head_[a]] = 1;
    }
    return true;
  };
  for (int32_t v : order_) {
    if (!in_closure_[v] && !decide(v)) return;
  }
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    if (in_closure_[*it] && !decide(*it)) return;
  }
}

void ClosureSolver::OrderByNeeds() {
  // Kahn's algorithm on the linked nodes; nodes on a cycle (which no order can place)
  // follow the others.
  order_.clear();
  pending_.assign(n_, 0);
  for (int32_t v : linked_) {
    pending_[v] = first_arc_[v + 1] - first_reverse_[v];  // the nodes that need v
    if (pending_[v] == 0) order_.push_back(v);
  }
  for (size_t head = 0; head < order_.size(); ++head) {
    const int32_t x = order_[head];
    for (int32_t a = first_arc_[x]; a < first_reverse_[x]; ++a) {
      if (--pending_[arc_head_[a]] == 0) order_.push_back(arc_head_[a]);
    }
  }
  for (int32_t v : linked_) {
    if (pending_[v] > 0) order_.push_back(v);
  }
}

}  // namespace credpath::optimizer
