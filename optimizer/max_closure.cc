#include "optimizer/max_closure.h"

#include <algorithm>

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
  n_ = n;
  source_ = n_;
  sink_ = n_ + 1;
  const int32_t nodes = n_ + 2;
  degree_.assign(n_, 0);
  for (const auto& [u, v] : edges) {
    if (u == v) continue;  // a node trivially needs itself
    ++degree_[u];
    ++degree_[v];
  }
  // Out-arc counts: every edge gives u -> v and its reverse v -> u; every node that
  // touches an edge gets an arc pair with s and one with t, whatever its weight, so that
  // the network serves every weight vector.
  linked_.clear();
  first_arc_.assign(nodes + 1, 0);
  for (const auto& [u, v] : edges) {
    if (u == v) continue;
    ++first_arc_[u + 1];
    ++first_arc_[v + 1];
  }
  for (int32_t v = 0; v < n_; ++v) {
    if (degree_[v] == 0) continue;
    linked_.push_back(v);
    first_arc_[v + 1] += 2;
    ++first_arc_[source_ + 1];
    ++first_arc_[sink_ + 1];
  }
  for (int32_t x = 0; x < nodes; ++x) first_arc_[x + 1] += first_arc_[x];
  const int32_t arcs = first_arc_[nodes];
  arc_head_.resize(arcs);
  arc_reverse_.resize(arcs);
  arc_capacity_.resize(arcs);
  std::vector<int32_t>& fill = current_arc_;
  fill.assign(first_arc_.begin(), first_arc_.end() - 1);
  const auto add = [&](int32_t from, int32_t to, int64_t capacity) {
    const int32_t a = fill[from]++;
    const int32_t b = fill[to]++;
    arc_head_[a] = to;
    arc_capacity_[a] = capacity;
    arc_reverse_[a] = b;
    arc_head_[b] = from;
    arc_capacity_[b] = 0;
    arc_reverse_[b] = a;
    return a;
  };
  for (const auto& [u, v] : edges) {
    if (u != v) add(u, v, kInfinity);
  }
  source_arc_.assign(n_, -1);
  sink_arc_.assign(n_, -1);
  for (int32_t v : linked_) {
    source_arc_[v] = add(source_, v, 0);
    sink_arc_[v] = add(v, sink_, 0);
  }
}

bool ClosureSolver::BuildLevels() {
  level_.assign(n_ + 2, -1);
  queue_.clear();
  queue_.push_back(source_);
  level_[source_] = 0;
  for (size_t head = 0; head < queue_.size(); ++head) {
    const int32_t x = queue_[head];
    // Levels come in order: once t has one, nodes at its level or beyond lie on no
    // shortest path. (The last phase never labels t, so it still marks every node that s
    // reaches, which is the closure.)
    if (level_[sink_] >= 0 && level_[x] >= level_[sink_]) break;
    for (int32_t a = first_arc_[x]; a < first_arc_[x + 1]; ++a) {
      const int32_t y = arc_head_[a];
      if (arc_residual_[a] > 0 && level_[y] < 0) {
        level_[y] = level_[x] + 1;
        queue_.push_back(y);
      }
    }
  }
  return level_[sink_] >= 0;
}

int64_t ClosureSolver::BlockingFlow() {
  int64_t total = 0;
  current_arc_.assign(first_arc_.begin(), first_arc_.end() - 1);
  path_.clear();
  int32_t x = source_;
  while (true) {
    if (x == sink_) {
      int64_t bottleneck = kInfinity;
      for (int32_t a : path_) bottleneck = std::min(bottleneck, arc_residual_[a]);
      for (int32_t a : path_) {
        arc_residual_[a] -= bottleneck;
        arc_residual_[arc_reverse_[a]] += bottleneck;
      }
      total += bottleneck;
      // Retreat to the tail of the first saturated arc; the prefix before it still has room.
      size_t keep = 0;
      while (keep < path_.size() && arc_residual_[path_[keep]] > 0) ++keep;
      path_.resize(keep);
      x = keep == 0 ? source_ : arc_head_[path_.back()];
      continue;
    }
    bool advanced = false;
    for (int32_t& a = current_arc_[x]; a < first_arc_[x + 1]; ++a) {
      const int32_t y = arc_head_[a];
      if (arc_residual_[a] > 0 && level_[y] == level_[x] + 1) {
        path_.push_back(a);
        x = y;
        advanced = true;
        break;
      }
    }
    if (advanced) continue;
    if (x == source_) break;
    level_[x] = -1;  // dead end in this phase
    const int32_t a = path_.back();
    path_.pop_back();
    x = arc_head_[arc_reverse_[a]];
    ++current_arc_[x];
  }
  return total;
}

int64_t ClosureSolver::PushDirect() {
  int64_t total = 0;
  for (int32_t u : linked_) {
    int64_t& supply = arc_residual_[source_arc_[u]];
    for (int32_t a = first_arc_[u]; a < first_arc_[u + 1] && supply > 0; ++a) {
      if (arc_capacity_[a] != kInfinity) continue;
      const int32_t v = arc_head_[a];
      int64_t& demand = arc_residual_[sink_arc_[v]];
      const int64_t pushed = std::min(supply, demand);
      if (pushed == 0) continue;
      supply -= pushed;
      arc_residual_[arc_reverse_[source_arc_[u]]] += pushed;
      arc_residual_[a] -= pushed;
      arc_residual_[arc_reverse_[a]] += pushed;
      demand -= pushed;
      arc_residual_[arc_reverse_[sink_arc_[v]]] += pushed;
      total += pushed;
    }
  }
  return total;
}

int64_t ClosureSolver::Solve(std::span<const int64_t> weights, std::span<const ClosureEdge> edges) {
  Prepare(static_cast<int32_t>(weights.size()), edges);
  return Solve(weights);
}

int64_t ClosureSolver::Solve(std::span<const int64_t> weights) {
  weights_.assign(weights.begin(), weights.end());
  arc_residual_ = arc_capacity_;
  for (int32_t v : linked_) {
    arc_residual_[source_arc_[v]] = std::max<int64_t>(weights_[v], 0);
    arc_residual_[sink_arc_[v]] = std::max<int64_t>(-weights_[v], 0);
  }
  int64_t positive = 0;
  for (int64_t w : weights_) positive += std::max<int64_t>(w, 0);
  int64_t flow = 0;
  if (!linked_.empty()) {
    flow += PushDirect();
    while (BuildLevels()) flow += BlockingFlow();
  }
  // After the last phase level_ marks exactly the nodes reachable from s.
  in_closure_.resize(n_);
  // Through local pointers: a char store could change the vectors' own data pointers as
  // far as the compiler knows, which kept the loop written on them from vectorising.
  const int32_t* degree = degree_.data();
  const int64_t* weight = weights_.data();
  const int32_t* level = level_.data();
  char* in = in_closure_.data();
  for (int32_t v = 0; v < n_; ++v) in[v] = degree[v] == 0 ? weight[v] > 0 : level[v] >= 0;
  return positive - flow;
}

int64_t ClosureSolver::PushAlongPaths(int32_t from, int32_t to, int32_t avoid, int64_t limit) {
  int64_t pushed = 0;
  parent_arc_.resize(n_ + 2);
  visit_.resize(n_ + 2, 0);
  while (pushed < limit) {
    // A fresh stamp marks this search's visits without clearing the array.
    if (++stamp_ == 0) {
      std::fill(visit_.begin(), visit_.end(), 0);
      stamp_ = 1;
    }
    queue_.clear();
    queue_.push_back(from);
    visit_[from] = stamp_;
    visit_[avoid] = stamp_;
    for (size_t head = 0; head < queue_.size() && visit_[to] != stamp_; ++head) {
      const int32_t x = queue_[head];
      for (int32_t a = first_arc_[x]; a < first_arc_[x + 1]; ++a) {
        const int32_t y = arc_head_[a];
        if (arc_residual_[a] > 0 && visit_[y] != stamp_) {
          visit_[y] = stamp_;
          parent_arc_[y] = a;
          queue_.push_back(y);
        }
      }
    }
    if (visit_[to] != stamp_) break;
    int64_t bottleneck = limit - pushed;
    for (int32_t y = to; y != from; y = arc_head_[arc_reverse_[parent_arc_[y]]]) {
      bottleneck = std::min(bottleneck, arc_residual_[parent_arc_[y]]);
    }
    for (int32_t y = to; y != from; y = arc_head_[arc_reverse_[parent_arc_[y]]]) {
      const int32_t a = parent_arc_[y];
      undo_.emplace_back(a, arc_residual_[a]);
      undo_.emplace_back(arc_reverse_[a], arc_residual_[arc_reverse_[a]]);
      arc_residual_[a] -= bottleneck;
      arc_residual_[arc_reverse_[a]] += bottleneck;
    }
    pushed += bottleneck;
  }
  return pushed;
}

void ClosureSolver::Restore() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) arc_residual_[it->first] = it->second;
  undo_.clear();
}

int64_t ClosureSolver::InclusionPenalty(int32_t v, int64_t limit) {
  if (in_closure_[v]) return 0;
  if (degree_[v] == 0) return std::min(limit, -weights_[v]);
  const int64_t pushed = PushAlongPaths(v, sink_, source_, limit);
  Restore();
  return pushed;
}

int64_t ClosureSolver::ExclusionPenalty(int32_t v, int64_t limit) {
  if (!in_closure_[v]) return 0;
  if (degree_[v] == 0) return std::min(limit, weights_[v]);
  const int64_t pushed = PushAlongPaths(source_, v, sink_, limit);
  Restore();
  return pushed;
}

}  // namespace credpath::optimizer
