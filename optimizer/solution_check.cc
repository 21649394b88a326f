#include "optimizer/solution_check.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <string>

#include "absl/strings/str_cat.h"

namespace credpath::optimizer {
namespace {

std::string Name(const Problem& problem, ItemIndex i) {
  const std::string& id = problem.items[i].id;
  return id.empty() ? absl::StrCat("#", i) : absl::StrCat("\"", id, "\"");
}

std::string GroupText(const Problem& problem, const std::vector<ItemIndex>& group) {
  std::string text = "{";
  for (size_t k = 0; k < group.size(); ++k) {
    absl::StrAppend(&text, k == 0 ? "" : ", ", Name(problem, group[k]));
  }
  return text + "}";
}

const std::vector<std::vector<ItemIndex>>& GroupsOf(const Problem& problem, ItemIndex i) {
  static const std::vector<std::vector<ItemIndex>> kNone;
  return static_cast<size_t>(i) < problem.prerequisite_groups.size()
             ? problem.prerequisite_groups[i]
             : kNone;
}

// Orders S (`chosen`) so that every item follows a member of each of its groups: Kahn's
// algorithm on the prerequisite edges inside S, smallest index first. S is closed, so some member
// of every group is held or in S, and the prerequisite graph is acyclic, so this places all of S.
std::vector<ItemIndex> Order(const Problem& problem, const std::vector<char>& chosen,
                             const std::vector<ItemIndex>& selected) {
  const size_t n = problem.items.size();
  std::vector<int32_t> waiting(n, 0);
  std::vector<std::vector<ItemIndex>> dependents(n);
  for (ItemIndex i : selected) {
    for (const auto& group : GroupsOf(problem, i)) {
      std::vector<ItemIndex> members = group;
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      for (ItemIndex j : members) {
        if (chosen[j] && j != i) {
          ++waiting[i];
          dependents[j].push_back(i);
        }
      }
    }
  }
  std::priority_queue<ItemIndex, std::vector<ItemIndex>, std::greater<>> ready;
  for (ItemIndex i : selected) {
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<ItemIndex> order;
  while (!ready.empty()) {
    const ItemIndex i = ready.top();
    ready.pop();
    order.push_back(i);
    for (ItemIndex d : dependents[i]) {
      if (--waiting[d] == 0) ready.push(d);
    }
  }
  return order;
}

}  // namespace

absl::StatusOr<Solution> EvaluateSelection(const Problem& problem,
                                           const std::vector<ItemIndex>& selected) {
  const auto n = static_cast<ItemIndex>(problem.items.size());
  std::vector<char> in_set(n, 0);  // H ∪ S
  std::vector<char> chosen(n, 0);  // S
  for (ItemIndex i : selected) {
    if (i < 0 || i >= n) return absl::InvalidArgumentError(absl::StrCat("no item #", i));
    if (problem.items[i].held) {
      return absl::InvalidArgumentError(absl::StrCat(Name(problem, i), " is held already"));
    }
    if (chosen[i]) {
      return absl::InvalidArgumentError(absl::StrCat(Name(problem, i), " is selected twice"));
    }
    chosen[i] = 1;
  }
  for (ItemIndex i = 0; i < n; ++i) in_set[i] = chosen[i] || problem.items[i].held;

  Solution solution;
  for (ItemIndex i : selected) {
    for (const auto& group : GroupsOf(problem, i)) {
      const bool met = std::any_of(group.begin(), group.end(),
                                   [&](ItemIndex j) { return j >= 0 && j < n && in_set[j]; });
      if (!met) {
        return absl::InvalidArgumentError(
            absl::StrCat(Name(problem, i), " needs one of ", GroupText(problem, group)));
      }
    }
    solution.fee += problem.items[i].fee;
    solution.hours += problem.items[i].hours;
    solution.objective += problem.items[i].value;
  }
  for (const auto& group : problem.exclusive_groups) {
    std::vector<ItemIndex> members = group;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    const auto taken =
        std::count_if(members.begin(), members.end(), [&](ItemIndex j) { return in_set[j]; });
    if (taken > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("more than one of the exclusive group ", GroupText(problem, group)));
    }
  }
  if (solution.fee > problem.money_budget) {
    return absl::InvalidArgumentError(
        absl::StrCat("fee ", solution.fee, " exceeds the money budget ", problem.money_budget));
  }
  if (solution.hours > problem.hours_budget) {
    return absl::InvalidArgumentError(
        absl::StrCat("hours ", solution.hours, " exceed the hours budget ", problem.hours_budget));
  }

  int64_t credit = 0;
  for (ItemIndex i = 0; i < n; ++i) {
    if (in_set[i]) credit += problem.items[i].credit;
  }
  if (problem.target.has_value()) {
    const Target& target = *problem.target;
    for (const Overlap& overlap : target.overlaps) {
      if (in_set[overlap.a] && in_set[overlap.b]) credit -= overlap.shared_credit;
    }
    if (target.credit_cap > 0) credit = std::min(credit, target.credit_cap);
    bool met = credit >= target.credit_threshold;
    for (ItemIndex c : target.core) met = met && in_set[c];
    for (const ElectiveRule& rule : target.electives) {
      std::vector<ItemIndex> members = rule.items;
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      const auto count =
          std::count_if(members.begin(), members.end(), [&](ItemIndex j) { return in_set[j]; });
      met = met && count >= rule.min_count;
    }
    solution.target_met = met;
    if (met) solution.objective += target.bonus;
  }
  solution.credit = credit;
  solution.selected = Order(problem, chosen, selected);
  return solution;
}

absl::Status CheckSolution(const Problem& problem, const Solution& solution) {
  absl::StatusOr<Solution> expected = EvaluateSelection(problem, solution.selected);
  if (!expected.ok()) {
    return absl::InternalError(
        absl::StrCat("solution check: infeasible: ", std::string(expected.status().message())));
  }
  // The order is valid when every item follows a member of each of its groups.
  std::vector<char> before(problem.items.size(), 0);
  for (size_t i = 0; i < problem.items.size(); ++i) before[i] = problem.items[i].held;
  for (ItemIndex i : solution.selected) {
    for (const auto& group : GroupsOf(problem, i)) {
      if (std::none_of(group.begin(), group.end(), [&](ItemIndex j) { return before[j]; })) {
        return absl::InternalError(absl::StrCat("solution check: ", Name(problem, i),
                                                " comes before every member of ",
                                                GroupText(problem, group)));
      }
    }
    before[i] = 1;
  }
  const auto mismatch = [](const char* what, int64_t claimed, int64_t actual) {
    return absl::InternalError(
        absl::StrCat("solution check: ", what, " is ", claimed, ", recomputed ", actual));
  };
  if (solution.objective != expected->objective) {
    return mismatch("objective", solution.objective, expected->objective);
  }
  if (solution.fee != expected->fee) return mismatch("fee", solution.fee, expected->fee);
  if (solution.hours != expected->hours) return mismatch("hours", solution.hours, expected->hours);
  if (solution.credit != expected->credit) {
    return mismatch("credit", solution.credit, expected->credit);
  }
  if (solution.target_met != expected->target_met) {
    return mismatch("target_met", solution.target_met, expected->target_met);
  }
  return absl::OkStatus();
}

}  // namespace credpath::optimizer
