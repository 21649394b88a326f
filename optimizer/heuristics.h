// Primal heuristics: fast feasible sets that give the branch-and-bound its cutoff.
//
//   Construct  greedy from the empty set: bundles (a var with everything it still needs,
//              OR-groups met by their cheapest member) in order of value per unit of
//              normalised cost; and, when the target is reachable, a target-first variant
//              that takes the core, then the electives, then credit per cost, then value.
//   Repair     turns any set (a relaxed closure) into a feasible one: drops what misses a
//              prerequisite or clashes in an exclusive group, drops the weakest leaves
//              until the budgets fit, then fills greedily.
//   Improve    local search, best improvement: add a bundle, drop a var with what depends
//              on it, or swap one for the other (the knapsack exchange that tight budgets
//              need), then refill greedily; the best value gains are checked on the whole
//              objective (a gain can cost the bonus). One pass costs O(|S| · n) pair tests.
// Greedy orders use value per unit of cost, where cost is priced by SetPrices (the root
// multipliers of the budgets, which know which budget binds) or, before that, by
// fee / money budget + hours / hours budget.
// Every set returned is feasible for the spec (budgets, prerequisites, exclusive groups,
// distance to the avoided sets). Costs O(n · bundle size) per fill.
// Thread safety: none; one Heuristics per search.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "optimizer/model.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {

struct Candidate {
  std::vector<char> x;
  int64_t objective = 0;
  int64_t fee = 0;
  int64_t hours = 0;
};

class Heuristics {
 public:
  explicit Heuristics(const Model& model);

  // Feasible sets built from scratch for the spec, best first (possibly none when the
  // avoided sets rule out what the greedy builds).
  std::vector<Candidate> Construct(const SearchSpec& spec);

  // A feasible set near x. `keep` ranks vars (higher is kept first), e.g. Lagrangian
  // weights; nullptr ranks by value per cost.
  std::optional<Candidate> Repair(const std::vector<char>& x, const std::vector<int64_t>* keep,
                                  const SearchSpec& spec);

  // Improves a feasible set in place, at most `max_passes` improving moves.
  void Improve(Candidate& candidate, const SearchSpec& spec, int64_t max_passes,
               Deadline& deadline);

  // Prices of a unit of fee and of an hour for the greedy orders (both >= 0; both 0 keeps
  // the current order).
  void SetPrices(double per_fee, double per_hour);
  // The greedy order, to take a search back to where it began.
  const std::vector<Var>& order() const { return by_ratio_; }
  void RestoreOrder(std::vector<Var> order) { by_ratio_ = std::move(order); }

 private:
  class Builder;

  std::optional<Candidate> Finish(const std::vector<char>& x, const SearchSpec& spec) const;

  const Model& model_;
  std::vector<Var> by_ratio_;  // vars of positive value, best value per cost first
};

// Hamming distance of two var sets.
int32_t Distance(const std::vector<char>& a, const std::vector<char>& b);

// Whether x keeps the spec's distance from every avoided set.
bool FarFromAvoided(const std::vector<char>& x, const SearchSpec& spec);

}  // namespace credpath::optimizer
