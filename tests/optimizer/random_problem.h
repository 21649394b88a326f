// Seeded random problems that exercise every rule of the model: AND and OR prerequisite
// groups (and the odd empty group), held items, exclusive groups, a target with core,
// electives, a cap (sometimes below the threshold), overlaps, negative values, and budgets
// that some subset meets exactly. Small numbers make ties frequent, which is what top-K and
// tie-breaking need to be tested against. Items are shuffled so that index order is not a
// topological order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "optimizer/problem.h"

namespace credpath::optimizer::testing {

class RandomProblems {
 public:
  explicit RandomProblems(uint64_t seed) : rng_(seed) {}

  int64_t Uniform(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  // `candidates` candidates plus a few held items.
  Problem Make(int candidates) {
    const int held = Chance(40) ? static_cast<int>(Uniform(1, 3)) : 0;
    const int n = candidates + held;
    Problem problem;
    problem.items.resize(n);
    problem.prerequisite_groups.resize(n);
    for (int i = 0; i < n; ++i) {
      Item& item = problem.items[i];
      item.fee = Uniform(0, 20);
      item.hours = Uniform(0, 10);
      item.value = Chance(15) ? Uniform(-10, -1) : Uniform(0, 30);
      item.credit = Uniform(0, 10);
      item.held = i < held;
    }
    // Prerequisites point to lower indexes (a DAG) before the shuffle.
    for (int i = 1; i < n; ++i) {
      if (!Chance(45)) continue;
      const int groups = Chance(25) ? 2 : 1;
      for (int g = 0; g < groups; ++g) {
        if (Chance(2)) {
          problem.prerequisite_groups[i].push_back({});
          continue;
        }
        const int size = Chance(65) ? 1 : static_cast<int>(Uniform(2, 3));
        std::vector<ItemIndex> group;
        for (int k = 0; k < size; ++k) group.push_back(static_cast<ItemIndex>(Uniform(0, i - 1)));
        problem.prerequisite_groups[i].push_back(group);
      }
    }
    const int exclusive = Chance(50) ? static_cast<int>(Uniform(1, 2)) : 0;
    for (int g = 0; g < exclusive; ++g) {
      std::vector<ItemIndex> group;
      const int size = static_cast<int>(Uniform(2, 3));
      for (int k = 0; k < size; ++k) group.push_back(static_cast<ItemIndex>(Uniform(0, n - 1)));
      problem.exclusive_groups.push_back(group);
    }
    // Budgets: often exactly the cost of a random subset, so that exact fits are common.
    int64_t fee = 0;
    int64_t hours = 0;
    int64_t all_fee = 0;
    int64_t all_hours = 0;
    for (const Item& item : problem.items) {
      all_fee += item.fee;
      all_hours += item.hours;
      if (Chance(40)) {
        fee += item.fee;
        hours += item.hours;
      }
    }
    problem.money_budget = Chance(60) ? fee : Uniform(0, all_fee);
    problem.hours_budget = Chance(60) ? hours : Uniform(0, all_hours);
    if (Chance(55)) problem.target = MakeTarget(problem);
    Shuffle(problem);
    return problem;
  }

 private:
  Target MakeTarget(const Problem& problem) {
    const auto n = static_cast<int64_t>(problem.items.size());
    int64_t credit = 0;
    for (const Item& item : problem.items) credit += item.credit;
    Target target;
    target.credit_threshold = Uniform(0, credit * 2 / 3);
    if (Chance(30)) target.credit_cap = std::max<int64_t>(1, target.credit_threshold + Uniform(-3, 10));
    const int core = static_cast<int>(Uniform(0, 2));
    for (int k = 0; k < core; ++k) target.core.push_back(static_cast<ItemIndex>(Uniform(0, n - 1)));
    const int electives = static_cast<int>(Uniform(0, 2));
    for (int r = 0; r < electives; ++r) {
      ElectiveRule rule;
      rule.name = "rule" + std::to_string(r);
      const int size = static_cast<int>(Uniform(2, 4));
      for (int k = 0; k < size; ++k) rule.items.push_back(static_cast<ItemIndex>(Uniform(0, n - 1)));
      rule.min_count = static_cast<int32_t>(Uniform(1, 2));
      target.electives.push_back(rule);
    }
    const int overlaps = static_cast<int>(Uniform(0, 3));
    for (int k = 0; k < overlaps && n >= 2; ++k) {
      const auto a = static_cast<ItemIndex>(Uniform(0, n - 1));
      auto b = static_cast<ItemIndex>(Uniform(0, n - 2));
      if (b >= a) ++b;
      target.overlaps.push_back(Overlap{a, b, Uniform(0, 5)});
    }
    target.bonus = Uniform(0, 40);
    return target;
  }

  // Renames item i to perm[i] everywhere.
  void Shuffle(Problem& problem) {
    const auto n = static_cast<ItemIndex>(problem.items.size());
    std::vector<ItemIndex> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng_);
    const auto map = [&](std::vector<ItemIndex>& items) {
      for (ItemIndex& i : items) i = perm[i];
    };
    std::vector<Item> items(n);
    std::vector<std::vector<std::vector<ItemIndex>>> groups(n);
    for (ItemIndex i = 0; i < n; ++i) {
      items[perm[i]] = problem.items[i];
      groups[perm[i]] = problem.prerequisite_groups[i];
      for (auto& group : groups[perm[i]]) map(group);
    }
    for (ItemIndex i = 0; i < n; ++i) items[i].id = "C" + std::to_string(i);
    problem.items = std::move(items);
    problem.prerequisite_groups = std::move(groups);
    for (auto& group : problem.exclusive_groups) map(group);
    if (problem.target.has_value()) {
      map(problem.target->core);
      for (ElectiveRule& rule : problem.target->electives) map(rule.items);
      for (Overlap& overlap : problem.target->overlaps) {
        overlap.a = perm[overlap.a];
        overlap.b = perm[overlap.b];
      }
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace credpath::optimizer::testing
