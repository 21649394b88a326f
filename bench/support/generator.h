// Seeded generator of pathway problems (optimizer/problem.h) for the CBC cross-check and
// the benchmarks.
//
// Families, each a known source of difficulty for a precedence-constrained two-resource
// knapsack:
//   uncorrelated    values independent of cost; sparse prerequisites (the easy case);
//   weakly          value = cost ± 10% of the cost range;
//   strongly        value = cost + 10% ± 2% of the cost range: "almost strongly
//                   correlated" (Pisinger 2005), the hard knapsack where nearly every set
//                   of one cost is worth the same and bounds separate sets slowly. The
//                   exact form (no noise) took CBC over 100 s at n = 100 on our 2-core
//                   machine, too slow to serve as a reference;
//   dense           a layered DAG, every item of a layer needing 2-4 items of the layer
//                   below (high in-degree, deep closures), weakly correlated values;
//   or_groups       OR-groups of prerequisites, exclusive groups and held items;
//   target          a target qualification: credit threshold, cap, core items, elective
//                   rules, overlapping pairs and a completion bonus that competes with value.
// Contracts: Generate() is a pure function of (family, n, seed) on every platform (its own
// integer mapping of std::mt19937_64 output, no std distributions); n is the number of
// candidates (held items come on top); prerequisites always point from a lower index to a
// higher one, so the prerequisite graph is acyclic; every number is an exact integer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "optimizer/problem.h"

namespace credpath::bench {

enum class Family { kUncorrelated, kWeakly, kStrongly, kDense, kOrGroups, kTarget };

// Every family, in the order the benchmark tables list them.
const std::vector<Family>& AllFamilies();
std::string FamilyName(Family family);
// INVALID_ARGUMENT naming the unknown name and the known ones.
absl::StatusOr<Family> ParseFamily(const std::string& name);

// REQUIRES: n >= 1.
optimizer::Problem Generate(Family family, int32_t n, uint64_t seed);

}  // namespace credpath::bench
