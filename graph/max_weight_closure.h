// Maximum-weight closure by one minimum s-t cut (Picard 1976).
//
// Model: nodes 0..n-1 with integer weights w (any sign) and edges u -> v meaning "if u is
// in the closure, v is too". Find a closed set C maximising Σ_{v in C} w(v).
// Method: source s -> v with capacity w(v) for w(v) > 0, v -> sink t with capacity -w(v)
// for w(v) < 0, and u -> v with infinite capacity for every edge. A finite s-t cut (S, T)
// corresponds to the closed set S \ {s}, and cut(S) = Σ_{w>0} w - w(S \ {s}), so a minimum
// cut gives a maximum closure: value = Σ_{w>0} w - max flow. The maximum flow is
// Boost.Graph's boykov_kolmogorov_max_flow; the closure returned is the set of nodes
// reachable from s in the final residual graph, which is the same for every maximum flow:
// the unique inclusion-minimal maximum-weight closure (optimal closures are closed under
// intersection). Cost: one max flow on n + 2 vertices and |edges| + n arcs.
//
// This is the reference implementation the optimiser's own max-flow (optimizer/) is tested
// against; the planner does not call it on the request path.
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace credpath::graph {

struct ClosureResult {
  int64_t value = 0;           // Σ weights of the closure; >= 0 (the empty set is closed)
  std::vector<int32_t> nodes;  // the inclusion-minimal maximum closure, ascending
};

// INVALID_ARGUMENT when an edge names a node outside [0, weights.size()), when a weight is
// INT64_MIN, or when the positive weights (or the negative ones) sum past INT64_MAX.
absl::StatusOr<ClosureResult> MaxWeightClosure(std::span<const int64_t> weights,
                                               std::span<const std::pair<int32_t, int32_t>> edges);

}  // namespace credpath::graph
