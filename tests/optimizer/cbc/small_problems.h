// Test support for the LP writer check: random small problems using every feature of the
// model, and an exhaustive solver that reads problem.h's definition literally.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "optimizer/problem.h"

namespace credpath::optimizer::testing {

// Every feature of problem.h at small sizes, with ties and degenerate cases on purpose:
// duplicate group members, held items inside groups, exact budgets, caps below the
// threshold, electives that cannot be met, zero and negative values.
inline Problem RandomSmallProblem(std::mt19937_64& rng) {
  const auto uniform = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  };
  const auto n = static_cast<ItemIndex>(uniform(1, 10));
  Problem problem;
  problem.items.resize(n);
  problem.prerequisite_groups.resize(n);
  for (ItemIndex i = 0; i < n; ++i) {
    Item& item = problem.items[i];
    item.id = "I" + std::to_string(i);
    item.fee = uniform(0, 20);
    item.hours = uniform(0, 20);
    item.value = uniform(-6, 20);
    item.credit = uniform(0, 12);
    item.held = uniform(0, 4) == 0;
    for (int64_t g = uniform(0, 2); g > 0 && i > 0; --g) {
      std::vector<ItemIndex> group;
      for (int64_t m = uniform(1, 3); m > 0; --m) group.push_back(uniform(0, i - 1));
      problem.prerequisite_groups[i].push_back(group);
    }
  }
  for (int64_t g = uniform(0, 2); g > 0; --g) {
    std::vector<ItemIndex> group;
    for (int64_t m = uniform(1, 3); m > 0; --m) group.push_back(uniform(0, n - 1));
    problem.exclusive_groups.push_back(group);
  }
  problem.money_budget = uniform(0, 8 * n);
  problem.hours_budget = uniform(0, 8 * n);
  if (uniform(0, 9) < 7) {
    Target target;
    target.credit_threshold = uniform(0, 5 * n);
    target.credit_cap = uniform(0, 1) == 0 ? 0 : uniform(1, 6 * n);
    for (int64_t c = uniform(0, 2); c > 0; --c) target.core.push_back(uniform(0, n - 1));
    for (int64_t r = uniform(0, 2); r > 0; --r) {
      ElectiveRule rule;
      rule.name = "rule" + std::to_string(r);
      for (int64_t m = uniform(1, 4); m > 0; --m) rule.items.push_back(uniform(0, n - 1));
      rule.min_count = static_cast<int32_t>(uniform(0, 3));
      target.electives.push_back(rule);
    }
    for (int64_t k = uniform(0, 3); k > 0 && n >= 2; --k) {
      const auto a = static_cast<ItemIndex>(uniform(0, n - 1));
      auto b = static_cast<ItemIndex>(uniform(0, n - 2));
      if (b >= a) ++b;
      const int64_t most = std::min(problem.items[a].credit, problem.items[b].credit);
      target.overlaps.push_back(Overlap{a, b, uniform(0, most)});
    }
    target.bonus = uniform(0, 30);
    problem.target = target;
  }
  return problem;
}

// The best objective over every subset of candidates, or nullopt when none is feasible.
// Exponential: n <= 16.
inline std::optional<int64_t> BruteForceOptimum(const Problem& problem) {
  const auto n = static_cast<ItemIndex>(problem.items.size());
  std::vector<ItemIndex> candidates;
  for (ItemIndex i = 0; i < n; ++i) {
    if (!problem.items[i].held) candidates.push_back(i);
  }
  std::optional<int64_t> best;
  std::vector<bool> in(n);
  for (uint32_t mask = 0; mask < (1u << candidates.size()); ++mask) {
    for (ItemIndex i = 0; i < n; ++i) in[i] = problem.items[i].held;
    int64_t fee = 0, hours = 0, value = 0;
    for (size_t k = 0; k < candidates.size(); ++k) {
      if ((mask >> k & 1u) == 0) continue;
      const Item& item = problem.items[candidates[k]];
      in[candidates[k]] = true;
      fee += item.fee;
      hours += item.hours;
      value += item.value;
    }
    if (fee > problem.money_budget || hours > problem.hours_budget) continue;
    const auto count_in = [&](std::vector<ItemIndex> members) {
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      return std::count_if(members.begin(), members.end(), [&](ItemIndex j) { return in[j]; });
    };
    bool feasible = true;
    for (ItemIndex i : candidates) {
      if (!in[i]) continue;
      for (const auto& group : problem.prerequisite_groups[i]) {
        if (count_in(group) == 0) feasible = false;
      }
    }
    for (const auto& group : problem.exclusive_groups) {
      if (count_in(group) > 1) feasible = false;
    }
    if (!feasible) continue;
    int64_t objective = value;
    if (problem.target.has_value()) {
      const Target& target = *problem.target;
      int64_t credit = 0;
      for (ItemIndex i = 0; i < n; ++i) credit += in[i] ? problem.items[i].credit : 0;
      for (const Overlap& overlap : target.overlaps) {
        if (in[overlap.a] && in[overlap.b]) credit -= overlap.shared_credit;
      }
      if (target.credit_cap > 0) credit = std::min(credit, target.credit_cap);
      bool met = credit >= target.credit_threshold;
      for (ItemIndex c : target.core) met = met && in[c];
      for (const ElectiveRule& rule : target.electives) {
        met = met && count_in(rule.items) >= rule.min_count;
      }
      if (met) objective += target.bonus;
    }
    if (!best.has_value() || objective > *best) best = objective;
  }
  return best;
}

}  // namespace credpath::optimizer::testing
