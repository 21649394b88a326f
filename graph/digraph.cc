#include "graph/digraph.h"

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "core/group_by_key.h"
#include "graph/snapshot.h"

namespace credpath::graph {
namespace internal {

Csr BuildCsr(int32_t vertex_count, std::span<const std::pair<int32_t, int32_t>> edges) {
  // Counting sort by target, then a stable counting sort by source: each row comes out
  // sorted by target, so duplicates are adjacent and compaction removes them in place.
  const size_t n = static_cast<size_t>(vertex_count);
  std::vector<int32_t> by_target_offsets;
  std::vector<int32_t> by_target;  // edge numbers, ordered by target
  core::GroupByKey(
      n,
      [&](auto&& emit) {
        for (size_t e = 0; e < edges.size(); ++e) emit(edges[e].second, static_cast<int32_t>(e));
      },
      &by_target_offsets, &by_target);

  Csr csr;
  core::GroupByKey(
      n,
      [&](auto&& emit) {
        for (int32_t e : by_target) emit(edges[e].first, edges[e].second);
      },
      &csr.offsets, &csr.targets);

  // Compact each row, dropping repeats.
  int32_t write = 0;
  for (size_t v = 0; v < n; ++v) {
    const int32_t begin = csr.offsets[v];
    const int32_t end = csr.offsets[v + 1];
    csr.offsets[v] = write;
    for (int32_t i = begin; i < end; ++i) {
      if (i > begin && csr.targets[i] == csr.targets[i - 1]) continue;
      csr.targets[write++] = csr.targets[i];
    }
  }
  csr.offsets[n] = write;
  csr.targets.resize(write);
  csr.targets.shrink_to_fit();
  return csr;
}

std::vector<int32_t> FindCycleInCsr(const Csr& graph) {
  enum : uint8_t { kUnvisited = 0, kOnPath = 1, kDone = 2 };
  const int32_t n = graph.vertex_count();
  std::vector<uint8_t> state(n, kUnvisited);
  // The DFS path: vertex and the position of the next successor to try.
  std::vector<std::pair<int32_t, int32_t>> path;
  for (int32_t root = 0; root < n; ++root) {
    if (state[root] != kUnvisited) continue;
    path.emplace_back(root, graph.offsets[root]);
    state[root] = kOnPath;
    while (!path.empty()) {
      auto& [v, next] = path.back();
      if (next == graph.offsets[v + 1]) {
        state[v] = kDone;
        path.pop_back();
        continue;
      }
      const int32_t w = graph.targets[next++];
      if (state[w] == kOnPath) {
        std::vector<int32_t> cycle;
        size_t i = path.size();
        while (path[i - 1].first != w) --i;
        for (--i; i < path.size(); ++i) cycle.push_back(path[i].first);
        return cycle;
      }
      if (state[w] == kUnvisited) {
        state[w] = kOnPath;
        path.emplace_back(w, graph.offsets[w]);
      }
    }
  }
  return {};
}

std::vector<int32_t> TopologicalOrder(const Csr& graph) {
  const int32_t n = graph.vertex_count();
  std::vector<int32_t> in_degree(n, 0);
  for (int32_t w : graph.targets) ++in_degree[w];
  std::vector<int32_t> order;
  order.reserve(n);
  for (int32_t v = 0; v < n; ++v) {
    if (in_degree[v] == 0) order.push_back(v);
  }
  // `order` doubles as the FIFO queue: entries before `head` are final.
  for (size_t head = 0; head < order.size(); ++head) {
    for (int32_t w : graph.Successors(order[head])) {
      if (--in_degree[w] == 0) order.push_back(w);
    }
  }
  return order;
}

}  // namespace internal

std::optional<std::vector<std::string>> FindCycle(
    const std::vector<std::pair<std::string_view, std::string_view>>& edges) {
  // Vertices are numbered in order of first appearance, which makes the answer depend
  // only on the order of `edges`.
  absl::flat_hash_map<std::string_view, int32_t> index;
  std::vector<std::string_view> names;
  auto intern = [&](std::string_view id) {
    auto [it, inserted] = index.try_emplace(id, static_cast<int32_t>(names.size()));
    if (inserted) names.push_back(id);
    return it->second;
  };
  std::vector<std::pair<int32_t, int32_t>> dense;
  dense.reserve(edges.size());
  for (const auto& [from, to] : edges) {
    const int32_t u = intern(from);
    dense.emplace_back(u, intern(to));
  }
  const internal::Csr graph = internal::BuildCsr(static_cast<int32_t>(names.size()), dense);
  const std::vector<int32_t> cycle = internal::FindCycleInCsr(graph);
  if (cycle.empty()) return std::nullopt;
  std::vector<std::string> ids;
  ids.reserve(cycle.size() + 1);
  for (int32_t v : cycle) ids.emplace_back(names[v]);
  ids.emplace_back(names[cycle.front()]);
  return ids;
}

}  // namespace credpath::graph
