// Evaluation and verification of pathways against the model of problem.h.
//
// This code works on the Problem as given, with none of the solver's preprocessing or
// internal indexing, so that it is an independent check of the solver: tests and debug
// builds run CheckSolution on every incumbent, and Solve() runs it on what it returns.
//
// Definitions used throughout the optimiser:
//   counted credit = Σ credit over H ∪ S − Σ shared credit of overlaps with both items in
//                    H ∪ S, then capped by the target's cap (cap 0: none). Without a target
//                    it is the plain sum over H ∪ S.
//   target met     = a target exists, counted credit ≥ threshold, every core item is in
//                    H ∪ S, every elective rule has ≥ min_count distinct items in H ∪ S.
//   objective      = Σ value(S) + bonus · [target met].
//   valid order    = every selected item comes after, for each of its prerequisite
//                    groups, some member of that group (or the group has a held member).
// Exclusive groups count held members too: at most one item of a group in H ∪ S.
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "optimizer/problem.h"
#include "optimizer/solver.h"

namespace credpath::optimizer {

// The Solution for the candidate set `selected` (any order): the set in a valid order
// (smallest index first among those ready), with its totals and objective.
// INVALID_ARGUMENT naming the first broken rule when the set is not feasible: an index
// out of range, a held or repeated item, an unmet prerequisite group, an exclusive group
// with two items, a budget exceeded.
absl::StatusOr<Solution> EvaluateSelection(const Problem& problem,
                                           const std::vector<ItemIndex>& selected);

// OK when `solution` is feasible, its order is valid and every total it claims (objective,
// fee, hours, credit, target_met) equals the recomputed one; else INTERNAL naming the
// first discrepancy.
absl::Status CheckSolution(const Problem& problem, const Solution& solution);

}  // namespace credpath::optimizer
