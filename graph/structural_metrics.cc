// Curricular Analytics structural metrics over the requisite DAG (docs/snapshot.md has the
// definitions and a worked example).
//
// Delay factor and centrality come from dynamic programmes over one topological order:
//   in(v)  = vertices on the longest path ending at v,   out(v) likewise starting at v,
//   delay(v) = in(v) + out(v) - 1;
//   Nin(v) = number of paths from a source to v, Lin(v) = their total vertex count,
//   Nout(v), Lout(v) the same toward sinks; every long path through an interior v is one
//   path in joined to one path out, with a + b - 1 vertices, so
//   centrality(v) = Lin·Nout + Lout·Nin - Nin·Nout  (0 for sources and sinks).
// Path counts grow exponentially with depth, so they saturate at INT64_MAX; the formula is
// monotone in each input, so a saturated input yields a saturated (lower-bound) result.
//
// Blocking factors need reachability counts, which have no linear-time algorithm. Within
// a weakly connected component, a bit-parallel pass per block of 64 targets computes, in
// reverse topological order, mask(v) = OR over successors w of (mask(w) | bit(w)); the
// popcounts sum to exact counts in O((V + E) · V / 64) word operations. Components run
// smallest first while that cost fits the budget. Larger components fall back to a search
// from each vertex that stops at `blocking_cap` reached vertices; a vertex with a capped
// successor is capped at once, so a million-long chain costs O(V · cap), not O(V²).
#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

#include "graph/snapshot.h"

namespace credpath::graph {
namespace {

constexpr int64_t kSaturated = std::numeric_limits<int64_t>::max();

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  return __builtin_add_overflow(a, b, &sum) ? kSaturated : sum;
}

int64_t SaturatingMul(int64_t a, int64_t b) {
  int64_t product;
  return __builtin_mul_overflow(a, b, &product) ? kSaturated : product;
}

// REQUIRES: all arguments >= 1, lin >= nin and lout >= nout (true of the DP values).
int64_t Centrality(int64_t nin, int64_t lin, int64_t nout, int64_t lout) {
  const int64_t a = SaturatingMul(lin, nout);
  const int64_t b = SaturatingMul(lout, nin);
  if (a == kSaturated || b == kSaturated) return kSaturated;
  // a >= nin·nout, so the subtraction cannot go below zero or overflow.
  return SaturatingAdd(a - nin * nout, b);
}

void DelayAndCentrality(const internal::Csr& g, const std::vector<int32_t>& order,
                        std::vector<StructuralMetrics>& metrics) {
  const size_t n = order.size();
  std::vector<int32_t> in_degree(n, 0);
  for (int32_t w : g.targets) ++in_degree[w];

  std::vector<int32_t> longest_in(n, 1);
  std::vector<int64_t> paths_in(n, 0), vertices_in(n, 0);
  for (int32_t u : order) {
    if (in_degree[u] == 0) paths_in[u] = vertices_in[u] = 1;
    for (int32_t w : g.Successors(u)) {
      longest_in[w] = std::max(longest_in[w], longest_in[u] + 1);
      paths_in[w] = SaturatingAdd(paths_in[w], paths_in[u]);
      vertices_in[w] = SaturatingAdd(vertices_in[w], SaturatingAdd(vertices_in[u], paths_in[u]));
    }
  }
  std::vector<int32_t> longest_out(n, 1);
  std::vector<int64_t> paths_out(n, 0), vertices_out(n, 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const int32_t u = *it;
    std::span<const int32_t> successors = g.Successors(u);
    if (successors.empty()) paths_out[u] = vertices_out[u] = 1;
    for (int32_t w : successors) {
      longest_out[u] = std::max(longest_out[u], longest_out[w] + 1);
      paths_out[u] = SaturatingAdd(paths_out[u], paths_out[w]);
      vertices_out[u] =
          SaturatingAdd(vertices_out[u], SaturatingAdd(vertices_out[w], paths_out[w]));
    }
  }
  for (size_t v = 0; v < n; ++v) {
    metrics[v].delay_factor = longest_in[v] + longest_out[v] - 1;
    const bool interior = in_degree[v] > 0 && !g.Successors(static_cast<int32_t>(v)).empty();
    metrics[v].centrality =
        interior ? Centrality(paths_in[v], vertices_in[v], paths_out[v], vertices_out[v]) : 0;
  }
}

// Weakly connected components as one flat array: each component's vertices are
// contiguous and in topological order. `order` lists the components smallest first (ties:
// the one holding the lowest index first).
struct Components {
  std::vector<int32_t> offsets;
  std::vector<int32_t> vertices;
  std::vector<int32_t> order;

  std::span<const int32_t> Members(int32_t c) const {
    return {vertices.data() + offsets[c], vertices.data() + offsets[c + 1]};
  }
};

Components FindComponents(const internal::Csr& g, const std::vector<int32_t>& topological) {
  const int32_t n = g.vertex_count();
  std::vector<int32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&parent](int32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (int32_t u = 0; u < n; ++u) {
    for (int32_t w : g.Successors(u)) {
      const int32_t a = find(u), b = find(w);
      // Linking the larger root under the smaller keeps every root at its lowest index.
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  // Components are numbered in order of their lowest index.
  std::vector<int32_t> component(n);
  int32_t count = 0;
  for (int32_t v = 0; v < n; ++v) {
    const int32_t root = find(v);
    component[v] = root == v ? count++ : component[root];
  }
  Components result;
  result.offsets.assign(static_cast<size_t>(count) + 1, 0);
  for (int32_t v = 0; v < n; ++v) ++result.offsets[component[v] + 1];
  for (int32_t c = 0; c < count; ++c) result.offsets[c + 1] += result.offsets[c];
  std::vector<int32_t> cursor(result.offsets.begin(), result.offsets.end() - 1);
  result.vertices.resize(n);
  for (int32_t v : topological) result.vertices[cursor[component[v]]++] = v;
  result.order.resize(count);
  std::iota(result.order.begin(), result.order.end(), 0);
  std::stable_sort(result.order.begin(), result.order.end(), [&result](int32_t a, int32_t b) {
    return result.offsets[a + 1] - result.offsets[a] < result.offsets[b + 1] - result.offsets[b];
  });
  return result;
}

int64_t ExactBlockingCost(const internal::Csr& g, std::span<const int32_t> component) {
  int64_t edges = 0;
  for (int32_t v : component) edges += g.offsets[v + 1] - g.offsets[v];
  const int64_t size = static_cast<int64_t>(component.size());
  return (size + edges) * ((size + 63) / 64);
}

// `position` maps a vertex to its place in `component`; masks is scratch of at least
// component.size() words. Vertices after a block in topological order cannot reach it,
// so each pass stops at the block's end.
void ExactBlocking(const internal::Csr& g, std::span<const int32_t> component,
                   const std::vector<int32_t>& position, std::vector<uint64_t>& masks,
                   std::vector<StructuralMetrics>& metrics) {
  const int32_t size = static_cast<int32_t>(component.size());
  std::fill(masks.begin(), masks.begin() + size, 0);
  for (int32_t block_start = 0; block_start < size; block_start += 64) {
    const int32_t block_end = std::min(size, block_start + 64);
    for (int32_t p = block_end - 1; p >= 0; --p) {
      uint64_t mask = 0;
      for (int32_t w : g.Successors(component[p])) {
        const uint32_t offset = static_cast<uint32_t>(position[w] - block_start);
        mask |= masks[position[w]];
        if (offset < 64) mask |= uint64_t{1} << offset;
      }
      masks[p] = mask;
      metrics[component[p]].blocking_factor += std::popcount(mask);
    }
  }
}

void CappedBlocking(const internal::Csr& g, std::span<const int32_t> component, int32_t cap,
                    std::vector<int32_t>& visited_by, std::vector<int32_t>& stack,
                    std::vector<StructuralMetrics>& metrics) {
  for (auto it = component.rbegin(); it != component.rend(); ++it) {
    const int32_t v = *it;
    StructuralMetrics& m = metrics[v];
    for (int32_t w : g.Successors(v)) {
      if (metrics[w].blocking_capped || metrics[w].blocking_factor + 1 >= cap) {
        m.blocking_factor = cap;
        m.blocking_capped = true;
        break;
      }
    }
    if (m.blocking_capped) continue;
    int32_t reached = 0;
    stack.assign(1, v);
    while (!stack.empty() && reached < cap) {
      const int32_t u = stack.back();
      stack.pop_back();
      for (int32_t w : g.Successors(u)) {
        if (visited_by[w] == v) continue;
        visited_by[w] = v;
        stack.push_back(w);
        if (++reached == cap) break;
      }
    }
    m.blocking_factor = reached;
    m.blocking_capped = reached >= cap;
  }
}

}  // namespace

std::vector<StructuralMetrics> ComputeStructuralMetrics(const CatalogSnapshot& snapshot,
                                                        const StructuralMetricsOptions& options) {
  const internal::Csr& g = snapshot.requisites_;
  const int32_t n = g.vertex_count();
  std::vector<StructuralMetrics> metrics(n);
  if (n == 0) return metrics;
  const std::vector<int32_t> order = internal::TopologicalOrder(g);
  DelayAndCentrality(g, order, metrics);

  std::vector<int32_t> position(n, 0);
  std::vector<uint64_t> masks;
  std::vector<int32_t> visited_by(n, -1);
  std::vector<int32_t> stack;
  int64_t budget = options.exact_blocking_budget;
  const Components components = FindComponents(g, order);
  for (int32_t c : components.order) {
    const std::span<const int32_t> component = components.Members(c);
    const int64_t cost = ExactBlockingCost(g, component);
    if (cost <= budget) {
      budget -= cost;
      for (size_t p = 0; p < component.size(); ++p) {
        position[component[p]] = static_cast<int32_t>(p);
      }
      if (masks.size() < component.size()) masks.resize(component.size());
      ExactBlocking(g, component, position, masks, metrics);
    } else {
      CappedBlocking(g, component, std::max(options.blocking_cap, 1), visited_by, stack, metrics);
    }
  }
  for (StructuralMetrics& m : metrics) {
    m.structural_complexity = int64_t{m.blocking_factor} + m.delay_factor;
  }
  return metrics;
}

}  // namespace credpath::graph
