// Exhaustive reference for small problems: every candidate subset, checked with bit masks
// straight from the Problem (none of the solver's code), so that property tests compare
// two independent implementations of the model of optimizer/problem.h.
// REQUIRES: at most 24 items, at most 20 of them candidates.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "optimizer/problem.h"

namespace credpath::optimizer::testing {

struct BruteSet {
  uint32_t items = 0;  // bit i: item i selected (candidates only)
  int64_t objective = 0;
  int64_t fee = 0;
  int64_t hours = 0;
  bool target_met = false;
};

inline uint32_t MaskOf(const std::vector<ItemIndex>& items) {
  uint32_t mask = 0;
  for (ItemIndex i : items) mask |= uint32_t{1} << i;
  return mask;
}

// Every feasible set, in increasing order of its item mask.
inline std::vector<BruteSet> AllFeasibleSets(const Problem& problem) {
  const auto n = static_cast<ItemIndex>(problem.items.size());
  uint32_t held = 0;
  std::vector<ItemIndex> candidates;
  for (ItemIndex i = 0; i < n; ++i) {
    if (problem.items[i].held) {
      held |= uint32_t{1} << i;
    } else {
      candidates.push_back(i);
    }
  }
  std::vector<std::vector<uint32_t>> groups(n);
  for (ItemIndex i = 0; i < static_cast<ItemIndex>(problem.prerequisite_groups.size()); ++i) {
    for (const auto& group : problem.prerequisite_groups[i]) groups[i].push_back(MaskOf(group));
  }
  std::vector<uint32_t> exclusive;
  for (const auto& group : problem.exclusive_groups) exclusive.push_back(MaskOf(group));

  std::vector<BruteSet> sets;
  const uint32_t subsets = uint32_t{1} << candidates.size();
  for (uint32_t subset = 0; subset < subsets; ++subset) {
    BruteSet set;
    for (size_t k = 0; k < candidates.size(); ++k) {
      if (subset >> k & 1) set.items |= uint32_t{1} << candidates[k];
    }
    const uint32_t all = set.items | held;
    bool feasible = true;
    int64_t credit = 0;
    for (ItemIndex i = 0; i < n && feasible; ++i) {
      if (!(all >> i & 1)) continue;
      credit += problem.items[i].credit;
      if (!(set.items >> i & 1)) continue;
      set.fee += problem.items[i].fee;
      set.hours += problem.items[i].hours;
      set.objective += problem.items[i].value;
      for (uint32_t group : groups[i]) feasible = feasible && (group & all) != 0;
    }
    for (uint32_t group : exclusive) feasible = feasible && std::popcount(group & all) <= 1;
    feasible = feasible && set.fee <= problem.money_budget && set.hours <= problem.hours_budget;
    if (!feasible) continue;
    if (problem.target.has_value()) {
      const Target& target = *problem.target;
      for (const Overlap& overlap : target.overlaps) {
        if ((all >> overlap.a & 1) && (all >> overlap.b & 1)) credit -= overlap.shared_credit;
      }
      if (target.credit_cap > 0) credit = std::min(credit, target.credit_cap);
      bool met = credit >= target.credit_threshold;
      const uint32_t core = MaskOf(target.core);
      met = met && (core & all) == core;
      for (const ElectiveRule& rule : target.electives) {
        met = met && std::popcount(MaskOf(rule.items) & all) >= rule.min_count;
      }
      set.target_met = met;
      if (met) set.objective += target.bonus;
    }
    sets.push_back(set);
  }
  return sets;
}

// The feasible sets sorted by objective, best first (mask order among ties).
inline std::vector<BruteSet> RankedSets(const Problem& problem) {
  std::vector<BruteSet> sets = AllFeasibleSets(problem);
  std::stable_sort(sets.begin(), sets.end(), [](const BruteSet& a, const BruteSet& b) {
    return a.objective > b.objective;
  });
  return sets;
}

// The nondominated (objective up, fee down, hours down) triples, one set each.
inline std::vector<BruteSet> ParetoTriples(const Problem& problem) {
  const std::vector<BruteSet> sets = AllFeasibleSets(problem);
  std::vector<BruteSet> front;
  for (const BruteSet& b : sets) {
    bool dominated = false;
    for (const BruteSet& a : sets) {
      if (a.objective >= b.objective && a.fee <= b.fee && a.hours <= b.hours &&
          (a.objective > b.objective || a.fee < b.fee || a.hours < b.hours)) {
        dominated = true;
        break;
      }
    }
    const bool repeated = std::any_of(front.begin(), front.end(), [&](const BruteSet& f) {
      return f.objective == b.objective && f.fee == b.fee && f.hours == b.hours;
    });
    if (!dominated && !repeated) front.push_back(b);
  }
  return front;
}

}  // namespace credpath::optimizer::testing
