// The solver's internal form of a Problem: validated, preprocessed, re-indexed.
//
// Variables ("vars") are the candidates that can belong to some feasible set, numbered in
// a topological order of the prerequisite graph (every var after the vars it may need), so
// that one forward sweep sees prerequisites before dependents. What preprocessing removes
// can never be selected:
//   - held items (they are constants: they satisfy groups and count toward the target);
//   - a candidate with a prerequisite group that no selectable item can satisfy;
//   - a candidate whose mandatory closure (itself and every single-member group,
//     transitively) breaks a budget on its own;
//   - a candidate in an exclusive group that already has a held member;
// repeated to a fixpoint, since each removal can empty another group. Groups with a held
// member are satisfied and dropped; the remaining groups are AND edges (one member) or
// OR-groups (two or more).
//
// The target becomes the data of the "target met" branch: the credit still needed after
// the held items (overlaps with a held item are folded into the partner's credit, so only
// overlaps between two vars remain), the core vars (a core item that is neither held nor
// selectable makes the target unreachable), and elective rules counting what is still
// needed. target_reachable is false when no set can meet the target.
//
// Contracts: a Model is immutable after BuildModel and shared read-only by the search.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "optimizer/problem.h"

namespace credpath::optimizer {

using Var = int32_t;

// Magnitude limit of every number in a Problem: keeps all sums and the fixed-point
// arithmetic of the bound exact in int64.
inline constexpr int64_t kMaxMagnitude = int64_t{1} << 40;

struct OrGroup {
  Var owner = 0;
  std::vector<Var> members;  // two or more, distinct
};

struct ElectiveNeed {
  std::vector<Var> members;
  int32_t need = 0;  // members still to take, > 0
};

struct VarOverlap {
  Var a = 0;
  Var b = 0;
  int64_t shared = 0;
};

struct Model {
  int32_t n = 0;
  std::vector<ItemIndex> item;   // var -> problem item
  std::vector<Var> var_of_item;  // problem item -> var, or -1
  std::vector<int64_t> fee;
  std::vector<int64_t> hours;
  std::vector<int64_t> value;
  std::vector<int64_t> credit;  // net of overlaps with held items
  std::vector<double> cost;     // fee / money budget + hours / hours budget

  std::vector<std::vector<Var>> needs;      // single-member groups: var needs these
  std::vector<std::vector<Var>> needed_by;  // inverse of needs
  std::vector<OrGroup> or_groups;
  std::vector<std::vector<int32_t>> or_owned;   // var -> OR-groups it owns
  std::vector<std::vector<int32_t>> or_member;  // var -> OR-groups listing it
  std::vector<std::vector<Var>> exclusive;      // two or more vars each
  std::vector<std::vector<int32_t>> exclusive_of;

  int64_t money = 0;
  int64_t hours_budget = 0;
  bool feasible = true;  // false when even the empty set breaks a rule

  bool has_target = false;        // the problem names a target
  bool target_reachable = false;  // some set might meet it
  int64_t bonus = 0;
  int64_t credit_needed = 0;  // threshold − counted credit of the held items
  std::vector<Var> core;
  std::vector<ElectiveNeed> electives;
  std::vector<VarOverlap> overlaps;  // between two vars
  std::vector<std::vector<int32_t>> overlaps_of;

  int64_t value_scale = 1;  // Σ|value| + bonus + 1: bounds every objective
};

// INVALID_ARGUMENT naming the field ("items[3].fee: must be >= 0") for malformed data,
// FAILED_PRECONDITION naming a prerequisite cycle ("prerequisite cycle: A -> B -> A").
absl::Status ValidateProblem(const Problem& problem);

// REQUIRES: ValidateProblem(problem).ok().
Model BuildModel(const Problem& problem);

// The facts of a var set (x[v] != 0 means v selected).
struct SetEvaluation {
  bool feasible = false;  // prerequisites, exclusive groups and budgets hold
  int64_t objective = 0;  // Σ value + bonus if the target is met
  int64_t fee = 0;
  int64_t hours = 0;
  bool target_met = false;
};
SetEvaluation EvaluateSet(const Model& model, const std::vector<char>& x);

// Whether the target holds for x (ignoring feasibility).
bool TargetMet(const Model& model, const std::vector<char>& x);

// Problem items of a var set, ascending.
std::vector<ItemIndex> ItemsOf(const Model& model, const std::vector<char>& x);

}  // namespace credpath::optimizer
