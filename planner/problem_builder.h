// From a plan request to the optimiser's problem (optimizer/problem.h), and back.
//
// Candidates are the snapshot's credentials that the learner does not hold, that are not
// excluded, that pass the hard constraints, that are in force on the start date and
// priced in the budget's currency (or free). They are then restricted to what can matter,
// with their prerequisite ancestors: with a target, the credentials relevant to it (credit
// toward it, core items, items of any rule node) and included ones, so that every pathway
// works toward the target; without one, the credentials validating a wanted skill, or,
// with no wanted skills either, every credential of positive value (which keeps the
// optimum: nothing else can raise it). Candidates whose prerequisite group has no member
// left among held credentials and candidates go (repeatedly); an advisor's waiver
// satisfies the group that holds the waived credential.
//
// Values are the value model's milli-points, or the caller's overrides. Included
// credentials are forced by a bonus M larger than any objective difference
// (M = Σ|value| + completion value + 1): a set holding every included credential beats
// every set that misses one, so the optimum under the bonus is the optimum among sets
// that hold them; the planner subtracts M · |included| again.
//
// The target maps to the optimiser's credit threshold, cap and overlaps (graph/credit.h)
// and to a list of variants of core items and "at least k items" rules (`targets`), a
// relaxation of the qualification's rule tree: every set that completes the tree meets
// at least one variant. ALL_OF nodes combine their children's variants; AT_LEAST_ITEMS
// leaves of credentials are exact; credit rules need at least ceil(min / largest points)
// of their credit-bearing items (exact when the items carry equal points); FROM_DISTINCT_
// GROUPS yields one variant per choice of groups; nodes with exit awards, mixed items and
// groups, or too many combinations (over 24 variants) are left unconstrained. Double
// counting is not modelled. The planner solves every variant, takes the best, and judges
// the result on the whole tree (planner.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/credit.h"
#include "graph/snapshot.h"
#include "optimizer/problem.h"
#include "planner/plan_request.h"
#include "value/value_model.h"

namespace credpath::planner {

// The explanation of each item's value, made when asked for: only the items of the
// pathways a reply shows are ever explained, and explaining every candidate up front cost
// several times the rest of building the problem. Thread-safe, as the model is immutable.
class ItemExplanations {
 public:
  ItemExplanations() = default;
  // Items [0, candidates.size()) are the snapshot credentials `candidates`; later items are
  // held ones. `snapshot` and `values` must outlive this object.
  ItemExplanations(const graph::CatalogSnapshot& snapshot, const value::ValueModel& values,
                   std::vector<graph::CredentialIndex> candidates);

  // values.Explain() of item `i`, made afresh on every call; empty for a held item.
  value::Explanation operator[](optimizer::ItemIndex i) const;

 private:
  const graph::CatalogSnapshot* snapshot_ = nullptr;
  const value::ValueModel* values_ = nullptr;
  std::vector<graph::CredentialIndex> candidates_;
};

struct PlanningProblem {
  optimizer::Problem problem;  // without a target: Plan() sets one variant at a time
  // Item -> snapshot credential; candidates first, then held credentials.
  std::vector<graph::CredentialIndex> credential_of_item;
  ItemExplanations explanations;  // per item; empty for held items
  std::vector<bool> overridden;   // per item: value from an override
  std::vector<bool> forced;       // per item: an included credential
  int64_t forced_bonus = 0;       // M, added to each included item's value
  int32_t forced_count = 0;       // included credentials
  int64_t candidates = 0;         // candidates after filtering and pruning
  // Variants of the target that some set of candidates could meet; empty without a
  // target or when none can be met (the search then maximises value alone).
  std::vector<optimizer::Target> targets;
};

// NOT_FOUND naming the field path for unknown ids in the request; INVALID_ARGUMENT for an
// included credential that is held, excluded or filtered out by a hard constraint.
// The problem's explanations refer to `snapshot` and `values`, which must outlive it.
// `target` is the target's credit facts, or nullptr without a target; held credit counts
// while within `recency_months` of the start (graph::IsRecentWithin).
absl::StatusOr<PlanningProblem> BuildProblem(const graph::CatalogSnapshot& snapshot,
                                             const value::ValueModel& values,
                                             const PlanRequest& request,
                                             const graph::QualificationCredit* target,
                                             int32_t recency_months);

}  // namespace credpath::planner
