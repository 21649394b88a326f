#include "graph/max_weight_closure.h"

#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
// GCC 12 reports Boost's edge iterators inside boykov_kolmogorov_max_flow as possibly
// uninitialised once inlined (a false positive in Boost 1.74's optional-based iterator);
// silenced here so CREDPATH_WERROR builds stay clean.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/boykov_kolmogorov_max_flow.hpp"

namespace credpath::graph {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;

struct Arc {
  int64_t capacity = 0;
  int64_t residual = 0;
  Traits::edge_descriptor reverse;
};

using FlowGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;

void AddArc(FlowGraph& g, size_t from, size_t to, int64_t capacity) {
  const auto forward = boost::add_edge(from, to, g).first;
  const auto backward = boost::add_edge(to, from, g).first;
  g[forward].capacity = capacity;
  g[forward].reverse = backward;
  g[backward].capacity = 0;
  g[backward].reverse = forward;
}

}  // namespace

absl::StatusOr<ClosureResult> MaxWeightClosure(std::span<const int64_t> weights,
                                               std::span<const std::pair<int32_t, int32_t>> edges) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const size_t n = weights.size();
  int64_t positive_total = 0;
  int64_t negative_total = 0;
  for (size_t v = 0; v < n; ++v) {
    const int64_t w = weights[v];
    if (w == std::numeric_limits<int64_t>::min()) {
      return absl::InvalidArgumentError(absl::StrCat("weights[", v, "] is INT64_MIN"));
    }
    int64_t& total = w > 0 ? positive_total : negative_total;
    if (__builtin_add_overflow(total, w > 0 ? w : -w, &total)) {
      return absl::InvalidArgumentError(
          "weights: the positive or negative weights sum past "
          "INT64_MAX");
    }
  }
  for (size_t e = 0; e < edges.size(); ++e) {
    const auto [u, v] = edges[e];
    if (u < 0 || v < 0 || static_cast<size_t>(u) >= n || static_cast<size_t>(v) >= n) {
      return absl::InvalidArgumentError(
          absl::StrCat("edges[", e, "] (", u, " -> ", v, ") names a node outside [0, ", n, ")"));
    }
  }
  // No closure edge may be cut, and cutting every source arc costs positive_total, so any
  // capacity above that acts as infinite.
  if (positive_total == kMax) {
    return absl::InvalidArgumentError("weights: the positive weights sum to INT64_MAX");
  }
  const int64_t infinite = positive_total + 1;

  const size_t source = n;
  const size_t sink = n + 1;
  FlowGraph g(n + 2);
  for (size_t v = 0; v < n; ++v) {
    if (weights[v] > 0) AddArc(g, source, v, weights[v]);
    if (weights[v] < 0) AddArc(g, v, sink, -weights[v]);
  }
  for (const auto& [u, v] : edges) {
    if (u != v) AddArc(g, static_cast<size_t>(u), static_cast<size_t>(v), infinite);
  }
  const int64_t flow = boost::boykov_kolmogorov_max_flow(
      g, boost::get(&Arc::capacity, g), boost::get(&Arc::residual, g), boost::get(&Arc::reverse, g),
      boost::get(boost::vertex_index, g), source, sink);

  // The source side of the minimum cut: what the source still reaches through arcs with
  // residual capacity.
  std::vector<char> reached(n + 2, 0);
  std::vector<size_t> queue = {source};
  reached[source] = 1;
  for (size_t head = 0; head < queue.size(); ++head) {
    for (const auto& arc : boost::make_iterator_range(boost::out_edges(queue[head], g))) {
      const size_t next = boost::target(arc, g);
      if (g[arc].residual > 0 && !reached[next]) {
        reached[next] = 1;
        queue.push_back(next);
      }
    }
  }
  ClosureResult result;
  result.value = positive_total - flow;
  for (size_t v = 0; v < n; ++v) {
    if (reached[v]) result.nodes.push_back(static_cast<int32_t>(v));
  }
  return result;
}

}  // namespace credpath::graph

#pragma GCC diagnostic pop
