// Directed graphs over dense vertex indexes in compressed sparse row (CSR) form, and the
// cycle search the snapshot and FindCycle share. Internal to the graph module.
//
// A Csr holds the successors of vertex v in targets[offsets[v] .. offsets[v+1]), sorted
// ascending and without duplicates. Building is two stable counting sorts, O(V + E) time
// and memory, no per-vertex allocation: the snapshot builds several of these over a
// million vertices. Everything here is iterative, so million-deep chains cannot overflow
// the call stack.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace credpath::graph::internal {

struct Csr {
  std::vector<int32_t> offsets;  // size vertex_count + 1
  std::vector<int32_t> targets;

  int32_t vertex_count() const { return static_cast<int32_t>(offsets.size()) - 1; }
  std::span<const int32_t> Successors(int32_t v) const {
    return {targets.data() + offsets[v], targets.data() + offsets[v + 1]};
  }
};

// REQUIRES: every endpoint is in [0, vertex_count).
Csr BuildCsr(int32_t vertex_count, std::span<const std::pair<int32_t, int32_t>> edges);

// The vertices of a directed cycle in edge order, first vertex not repeated, or an empty
// vector when the graph is a DAG. Deterministic: roots are tried in index order and
// successors in CSR order, so the first cycle found is reported. Self-loops are cycles of
// one vertex. O(V + E).
std::vector<int32_t> FindCycleInCsr(const Csr& graph);

// Vertices in an order where every edge goes forward (Kahn). REQUIRES: a DAG.
std::vector<int32_t> TopologicalOrder(const Csr& graph);

}  // namespace credpath::graph::internal
