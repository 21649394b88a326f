// The pathway optimisation problem (DESIGN.md section 4) in dense, index-based form.
//
// Items are the credentials the problem knows. Held items (held == true) are in the
// learner's record already: they satisfy prerequisites and count toward the target,
// cost nothing and add no value, and are never "selected". Every other item is a
// candidate x_i in {0, 1}. Choose S among the candidates that
//   - is closed under prerequisites: for every i in S, every group g of i has a member in
//     H ∪ S (a group is an OR of items; the groups of i are ANDed);
//   - fits: Σ fee ≤ money_budget and Σ hours ≤ hours_budget (exact integers);
//   - takes at most one item of every exclusive group;
// maximising Σ value(S) + bonus · [target met], where the target is met when
//   credit(H ∪ S) = min(cap, Σ credit_i − Σ_{overlapping pairs both in} shared) ≥ threshold
// (cap 0 means no cap), every core item is in H ∪ S, and every elective rule has at
// least min_count of its items in H ∪ S.
// All quantities are int64: the objective and every comparison are exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace credpath::optimizer {

using ItemIndex = int32_t;

struct Item {
  std::string id;
  int64_t fee = 0;     // minor units of money
  int64_t hours = 0;   // whole hours
  int64_t value = 0;   // may be negative
  int64_t credit = 0;  // credit toward the target, >= 0
  bool held = false;
};

// "At least min_count of items" (an elective rule of the target).
struct ElectiveRule {
  std::string name;
  std::vector<ItemIndex> items;
  int32_t min_count = 0;
};

// Two items share content: when both are in H ∪ S, `shared_credit` counts once, not twice.
struct Overlap {
  ItemIndex a = 0;
  ItemIndex b = 0;
  int64_t shared_credit = 0;
};

struct Target {
  int64_t credit_threshold = 0;
  int64_t credit_cap = 0;  // 0: no cap
  std::vector<ItemIndex> core;
  std::vector<ElectiveRule> electives;
  std::vector<Overlap> overlaps;
  int64_t bonus = 0;  // completion value, >= 0
};

struct Problem {
  std::vector<Item> items;
  // prerequisite_groups[i] lists the groups of item i; each group is an OR of items.
  std::vector<std::vector<std::vector<ItemIndex>>> prerequisite_groups;
  std::vector<std::vector<ItemIndex>> exclusive_groups;
  int64_t money_budget = 0;
  int64_t hours_budget = 0;
  std::optional<Target> target;
};

}  // namespace credpath::optimizer
