#include "optimizer/model.h"

#include <algorithm>
#include <cstdlib>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/group_by_key.h"

namespace credpath::optimizer {
namespace {

// Budgets and thresholds are only compared, never multiplied, so they may be larger than
// the per-item limit.
constexpr int64_t kMaxTotal = int64_t{1} << 61;
constexpr size_t kMaxItems = size_t{1} << 22;
constexpr int64_t kMaxTotalValue = int64_t{1} << 52;
// Work cap of the mandatory-closure pruning, which is quadratic on deep catalogues; past
// it the pruning is skipped (it only speeds the search up).
constexpr int64_t kClosureWorkCap = 50'000'000;

// `path` makes the field's path; it runs only on an error, since building paths for every
// field of a valid problem cost more than the checks (the planner validates each search).
template <typename Path>
absl::Status OutOfRange(const Path& path, int64_t value, int64_t lo, int64_t hi) {
  if (value < lo) return absl::InvalidArgumentError(absl::StrCat(path(), ": must be >= ", lo));
  if (value > hi) return absl::InvalidArgumentError(absl::StrCat(path(), ": must be <= ", hi));
  return absl::OkStatus();
}

template <typename Path>
absl::Status CheckIndex(const Path& path, ItemIndex i, size_t n) {
  if (i < 0 || static_cast<size_t>(i) >= n) {
    return absl::InvalidArgumentError(absl::StrCat(path(), ": no item #", i));
  }
  return absl::OkStatus();
}

// A path that is always the same text.
auto Fixed(const char* path) {
  return [path] { return std::string(path); };
}

std::string NameOf(const Problem& problem, ItemIndex i) {
  const std::string& id = problem.items[i].id;
  return id.empty() ? absl::StrCat("#", i) : id;
}

template <typename T>
std::vector<T> Distinct(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// Member -> owner edges of prerequisite groups in CSR form: the owners of item j are
// owners[first[j] .. first[j + 1]), in the order `for_each_edge` gives them
// (core::GroupByKey, which calls it twice with a (member, owner) callback).
struct OwnerLists {
  std::vector<int32_t> first;
  std::vector<ItemIndex> owners;

  std::span<const ItemIndex> of(ItemIndex j) const {
    return {owners.data() + first[j], owners.data() + first[j + 1]};
  }
};

template <typename ForEachEdge>
OwnerLists BuildOwnerLists(size_t n, const ForEachEdge& for_each_edge) {
  OwnerLists lists;
  core::GroupByKey(n, for_each_edge, &lists.first, &lists.owners);
  return lists;
}

// A prerequisite cycle (member -> owner edges), as names, or empty. Iterative DFS.
std::vector<std::string> FindPrerequisiteCycle(const Problem& problem) {
  const size_t n = problem.items.size();
  const OwnerLists out = BuildOwnerLists(n, [&](auto&& edge) {
    for (size_t i = 0; i < problem.prerequisite_groups.size(); ++i) {
      for (const auto& group : problem.prerequisite_groups[i]) {
        for (ItemIndex j : group) edge(j, static_cast<ItemIndex>(i));
      }
    }
  });
  enum : char { kWhite, kGrey, kBlack };
  std::vector<char> color(n, kWhite);
  std::vector<ItemIndex> parent(n, -1);
  std::vector<std::pair<ItemIndex, size_t>> stack;
  for (size_t root = 0; root < n; ++root) {
    if (color[root] != kWhite) continue;
    stack.emplace_back(static_cast<ItemIndex>(root), 0);
    color[root] = kGrey;
    while (!stack.empty()) {
      auto& [u, next] = stack.back();
      const std::span<const ItemIndex> owners = out.of(u);
      if (next == owners.size()) {
        color[u] = kBlack;
        stack.pop_back();
        continue;
      }
      const ItemIndex v = owners[next++];
      if (color[v] == kWhite) {
        color[v] = kGrey;
        parent[v] = u;
        stack.emplace_back(v, 0);
      } else if (color[v] == kGrey) {
        // v is on the stack: the cycle is v -> ... -> u -> v.
        std::vector<std::string> cycle;
        for (ItemIndex w = u; w != v; w = parent[w]) cycle.push_back(NameOf(problem, w));
        cycle.push_back(NameOf(problem, v));
        std::reverse(cycle.begin(), cycle.end());
        cycle.push_back(NameOf(problem, v));
        return cycle;
      }
    }
  }
  return {};
}

}  // namespace

absl::Status ValidateProblem(const Problem& problem) {
  const size_t n = problem.items.size();
  if (n > kMaxItems) {
    return absl::InvalidArgumentError(absl::StrCat("items: ", n, " items, at most ", kMaxItems));
  }
  for (size_t i = 0; i < n; ++i) {
    const Item& item = problem.items[i];
    for (const auto& [field, number] : {std::pair<const char*, int64_t>{"fee", item.fee},
                                        {"hours", item.hours},
                                        {"credit", item.credit}}) {
      const auto path = [&, field = field] { return absl::StrCat("items[", i, "].", field); };
      if (auto status = OutOfRange(path, number, 0, kMaxMagnitude); !status.ok()) return status;
    }
    const auto value_path = [&] { return absl::StrCat("items[", i, "].value"); };
    if (auto status = OutOfRange(value_path, item.value, -kMaxMagnitude, kMaxMagnitude);
        !status.ok()) {
      return status;
    }
  }
  if (problem.prerequisite_groups.size() > n) {
    return absl::InvalidArgumentError(absl::StrCat(
        "prerequisite_groups: ", problem.prerequisite_groups.size(), " entries for ", n, " items"));
  }
  for (size_t i = 0; i < problem.prerequisite_groups.size(); ++i) {
    for (size_t g = 0; g < problem.prerequisite_groups[i].size(); ++g) {
      const auto& group = problem.prerequisite_groups[i][g];
      for (size_t k = 0; k < group.size(); ++k) {
        const auto path = [&] {
          return absl::StrCat("prerequisite_groups[", i, "][", g, "][", k, "]");
        };
        if (auto status = CheckIndex(path, group[k], n); !status.ok()) {
          return status;
        }
      }
    }
  }
  for (size_t g = 0; g < problem.exclusive_groups.size(); ++g) {
    for (size_t k = 0; k < problem.exclusive_groups[g].size(); ++k) {
      const auto path = [&] { return absl::StrCat("exclusive_groups[", g, "][", k, "]"); };
      if (auto status = CheckIndex(path, problem.exclusive_groups[g][k], n); !status.ok()) {
        return status;
      }
    }
  }
  if (auto status = OutOfRange(Fixed("money_budget"), problem.money_budget, 0, kMaxTotal);
      !status.ok()) {
    return status;
  }
  if (auto status = OutOfRange(Fixed("hours_budget"), problem.hours_budget, 0, kMaxTotal);
      !status.ok()) {
    return status;
  }
  if (problem.target.has_value()) {
    const Target& target = *problem.target;
    for (const auto& [field, number, hi] :
         {std::tuple<const char*, int64_t, int64_t>{"credit_threshold", target.credit_threshold,
                                                    kMaxTotal},
          {"credit_cap", target.credit_cap, kMaxTotal},
          {"bonus", target.bonus, kMaxMagnitude}}) {
      const auto path = [field = field] { return absl::StrCat("target.", field); };
      if (auto status = OutOfRange(path, number, 0, hi); !status.ok()) {
        return status;
      }
    }
    for (size_t k = 0; k < target.core.size(); ++k) {
      const auto path = [&] { return absl::StrCat("target.core[", k, "]"); };
      if (auto status = CheckIndex(path, target.core[k], n); !status.ok()) {
        return status;
      }
    }
    for (size_t r = 0; r < target.electives.size(); ++r) {
      const ElectiveRule& rule = target.electives[r];
      const std::string path = absl::StrCat("target.electives[", r, "]");
      for (size_t k = 0; k < rule.items.size(); ++k) {
        const auto item_path = [&] { return absl::StrCat(path, ".items[", k, "]"); };
        if (auto status = CheckIndex(item_path, rule.items[k], n); !status.ok()) return status;
      }
      const auto count_path = [&] { return path + ".min_count"; };
      if (auto status = OutOfRange(count_path, rule.min_count, 0, kMaxMagnitude); !status.ok()) {
        return status;
      }
    }
    for (size_t k = 0; k < target.overlaps.size(); ++k) {
      const Overlap& overlap = target.overlaps[k];
      const std::string path = absl::StrCat("target.overlaps[", k, "]");
      const auto a_path = [&] { return path + ".a"; };
      const auto b_path = [&] { return path + ".b"; };
      if (auto status = CheckIndex(a_path, overlap.a, n); !status.ok()) return status;
      if (auto status = CheckIndex(b_path, overlap.b, n); !status.ok()) return status;
      if (overlap.a == overlap.b) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": an item cannot overlap itself"));
      }
      const auto shared_path = [&] { return path + ".shared_credit"; };
      if (auto status = OutOfRange(shared_path, overlap.shared_credit, 0, kMaxMagnitude);
          !status.ok()) {
        return status;
      }
    }
  }
  // Σ|value| + bonus bounds every objective; the bound's fixed-point arithmetic needs
  // headroom above it.
  int64_t total_value = problem.target.has_value() ? problem.target->bonus : 0;
  for (const Item& item : problem.items) total_value += std::abs(item.value);
  if (total_value > kMaxTotalValue) {
    return absl::InvalidArgumentError(
        absl::StrCat("items: the values add up to more than ", kMaxTotalValue));
  }
  const std::vector<std::string> cycle = FindPrerequisiteCycle(problem);
  if (!cycle.empty()) {
    std::string text;
    for (size_t k = 0; k < cycle.size(); ++k) absl::StrAppend(&text, k ? " -> " : "", cycle[k]);
    return absl::FailedPreconditionError(absl::StrCat("prerequisite cycle: ", text));
  }
  return absl::OkStatus();
}

Model BuildModel(const Problem& problem) {
  const auto n_items = static_cast<ItemIndex>(problem.items.size());
  const auto held = [&](ItemIndex i) { return problem.items[i].held; };
  Model model;
  model.money = problem.money_budget;
  model.hours_budget = problem.hours_budget;

  // Open groups of every candidate: groups with a held member are met already.
  std::vector<std::vector<std::vector<ItemIndex>>> groups(n_items);
  std::vector<char> selectable(n_items, 0);
  for (ItemIndex i = 0; i < n_items; ++i) {
    if (held(i)) continue;
    selectable[i] = 1;
    if (static_cast<size_t>(i) >= problem.prerequisite_groups.size()) continue;
    for (const auto& group : problem.prerequisite_groups[i]) {
      if (std::any_of(group.begin(), group.end(), held)) continue;
      groups[i].push_back(Distinct(group));
    }
  }
  std::vector<std::vector<ItemIndex>> exclusive;
  for (const auto& group : problem.exclusive_groups) {
    const std::vector<ItemIndex> members = Distinct(group);
    const auto held_count = std::count_if(members.begin(), members.end(), held);
    if (held_count >= 2) model.feasible = false;
    if (held_count >= 1) {
      for (ItemIndex j : members) selectable[j] = 0;
    } else {
      exclusive.push_back(members);
    }
  }

  // Removals to a fixpoint: unsatisfiable groups, then mandatory closures over budget.
  int64_t closure_work = 0;
  std::vector<int32_t> seen(n_items, -1);
  std::vector<ItemIndex> stack;
  for (bool changed = true; changed;) {
    changed = false;
    for (ItemIndex i = 0; i < n_items; ++i) {
      if (!selectable[i]) continue;
      for (const auto& group : groups[i]) {
        if (std::none_of(group.begin(), group.end(),
                         [&](ItemIndex j) { return selectable[j] != 0; })) {
          selectable[i] = 0;
          changed = true;
          break;
        }
      }
    }
    if (closure_work > kClosureWorkCap) continue;
    for (ItemIndex i = 0; i < n_items; ++i) {
      if (!selectable[i]) continue;
      int64_t fee = 0;
      int64_t hours = 0;
      stack.assign(1, i);
      seen[i] = i;
      while (!stack.empty() && fee <= model.money && hours <= model.hours_budget) {
        const ItemIndex u = stack.back();
        stack.pop_back();
        fee += problem.items[u].fee;
        hours += problem.items[u].hours;
        for (const auto& group : groups[u]) {
          ++closure_work;
          ItemIndex only = -1;
          int live = 0;
          for (ItemIndex j : group) {
            if (selectable[j]) {
              only = j;
              ++live;
            }
          }
          if (live == 1 && seen[only] != i) {
            seen[only] = i;
            stack.push_back(only);
          }
        }
      }
      if (fee > model.money || hours > model.hours_budget) {
        selectable[i] = 0;
        changed = true;
      }
    }
    std::fill(seen.begin(), seen.end(), -1);
  }

  // Vars in topological order: Kahn on member -> owner edges among selectable items.
  const OwnerLists owners = BuildOwnerLists(n_items, [&](auto&& edge) {
    for (ItemIndex i = 0; i < n_items; ++i) {
      if (!selectable[i]) continue;
      for (const auto& group : groups[i]) {
        for (ItemIndex j : group) {
          if (selectable[j]) edge(j, i);
        }
      }
    }
  });
  std::vector<int32_t> waiting(n_items, 0);
  for (ItemIndex o : owners.owners) ++waiting[o];
  std::vector<ItemIndex> order;
  order.reserve(n_items);
  for (ItemIndex i = 0; i < n_items; ++i) {
    if (selectable[i] && waiting[i] == 0) order.push_back(i);
  }
  for (size_t head = 0; head < order.size(); ++head) {
    for (ItemIndex o : owners.of(order[head])) {
      if (--waiting[o] == 0) order.push_back(o);
    }
  }

  const auto n = static_cast<int32_t>(order.size());
  model.n = n;
  model.item = order;
  model.var_of_item.assign(n_items, -1);
  for (Var v = 0; v < n; ++v) model.var_of_item[order[v]] = v;
  model.fee.resize(n);
  model.hours.resize(n);
  model.value.resize(n);
  model.credit.resize(n);
  model.cost.resize(n);
  model.needs.resize(n);
  model.needed_by.resize(n);
  model.or_owned.resize(n);
  model.or_member.resize(n);
  model.exclusive_of.resize(n);
  model.overlaps_of.resize(n);
  std::vector<Var> members;  // of one group, reused
  for (Var v = 0; v < n; ++v) {
    const Item& item = problem.items[order[v]];
    model.fee[v] = item.fee;
    model.hours[v] = item.hours;
    model.value[v] = item.value;
    model.credit[v] = item.credit;
    model.cost[v] =
        (model.money > 0 ? static_cast<double>(item.fee) / static_cast<double>(model.money) : 0) +
        (model.hours_budget > 0
             ? static_cast<double>(item.hours) / static_cast<double>(model.hours_budget)
             : 0);
    model.value_scale += std::abs(item.value);
    std::vector<Var>& needs = model.needs[v];
    for (const auto& group : groups[order[v]]) {
      members.clear();
      for (ItemIndex j : group) {
        if (selectable[j]) members.push_back(model.var_of_item[j]);
      }
      std::sort(members.begin(), members.end());
      if (members.size() == 1) {
        needs.push_back(members[0]);
      } else {
        model.or_groups.push_back(OrGroup{v, members});
      }
    }
    needs = Distinct(std::move(needs));
    for (Var u : needs) model.needed_by[u].push_back(v);
  }
  for (int32_t g = 0; g < static_cast<int32_t>(model.or_groups.size()); ++g) {
    model.or_owned[model.or_groups[g].owner].push_back(g);
    for (Var m : model.or_groups[g].members) model.or_member[m].push_back(g);
  }
  for (const auto& group : exclusive) {
    std::vector<Var> members;
    for (ItemIndex j : group) {
      if (selectable[j]) members.push_back(model.var_of_item[j]);
    }
    if (members.size() < 2) continue;
    const auto g = static_cast<int32_t>(model.exclusive.size());
    for (Var m : members) model.exclusive_of[m].push_back(g);
    model.exclusive.push_back(std::move(members));
  }

  if (!problem.target.has_value()) return model;
  const Target& target = *problem.target;
  model.has_target = true;
  model.target_reachable = target.credit_cap == 0 || target.credit_cap >= target.credit_threshold;
  model.bonus = target.bonus;
  model.value_scale += target.bonus;
  int64_t held_credit = 0;
  for (ItemIndex i = 0; i < n_items; ++i) {
    if (held(i)) held_credit += problem.items[i].credit;
  }
  for (const Overlap& overlap : target.overlaps) {
    const bool a_held = held(overlap.a);
    const bool b_held = held(overlap.b);
    const Var a = model.var_of_item[overlap.a];
    const Var b = model.var_of_item[overlap.b];
    if (a_held && b_held) {
      held_credit -= overlap.shared_credit;
    } else if (a_held || b_held) {
      const Var other = a_held ? b : a;
      if (other >= 0) model.credit[other] -= overlap.shared_credit;
    } else if (a >= 0 && b >= 0) {
      const auto k = static_cast<int32_t>(model.overlaps.size());
      model.overlaps.push_back(VarOverlap{a, b, overlap.shared_credit});
      model.overlaps_of[a].push_back(k);
      model.overlaps_of[b].push_back(k);
    }
  }
  model.credit_needed = target.credit_threshold - held_credit;
  for (ItemIndex c : Distinct(target.core)) {
    if (held(c)) continue;
    if (model.var_of_item[c] < 0) model.target_reachable = false;
    model.core.push_back(model.var_of_item[c]);
  }
  for (const ElectiveRule& rule : target.electives) {
    const std::vector<ItemIndex> members = Distinct(rule.items);
    ElectiveNeed need;
    need.need =
        rule.min_count - static_cast<int32_t>(std::count_if(members.begin(), members.end(), held));
    if (need.need <= 0) continue;
    for (ItemIndex j : members) {
      if (model.var_of_item[j] >= 0) need.members.push_back(model.var_of_item[j]);
    }
    if (static_cast<int32_t>(need.members.size()) < need.need) model.target_reachable = false;
    std::sort(need.members.begin(), need.members.end());
    model.electives.push_back(std::move(need));
  }
  int64_t most_credit = 0;
  for (Var v = 0; v < n; ++v) most_credit += std::max<int64_t>(0, model.credit[v]);
  if (most_credit < model.credit_needed) model.target_reachable = false;
  if (!model.target_reachable) model.core.clear();
  return model;
}

bool TargetMet(const Model& model, const std::vector<char>& x) {
  if (!model.target_reachable) return false;
  int64_t credit = 0;
  for (Var v = 0; v < model.n; ++v) {
    if (x[v]) credit += model.credit[v];
  }
  for (const VarOverlap& overlap : model.overlaps) {
    if (x[overlap.a] && x[overlap.b]) credit -= overlap.shared;
  }
  if (credit < model.credit_needed) return false;
  for (Var c : model.core) {
    if (!x[c]) return false;
  }
  for (const ElectiveNeed& rule : model.electives) {
    int32_t count = 0;
    for (Var m : rule.members) count += x[m] ? 1 : 0;
    if (count < rule.need) return false;
  }
  return true;
}

SetEvaluation EvaluateSet(const Model& model, const std::vector<char>& x) {
  SetEvaluation result;
  result.feasible = model.feasible;
  for (Var v = 0; v < model.n; ++v) {
    if (!x[v]) continue;
    result.fee += model.fee[v];
    result.hours += model.hours[v];
    result.objective += model.value[v];
    for (Var u : model.needs[v]) result.feasible = result.feasible && x[u];
  }
  for (const OrGroup& group : model.or_groups) {
    if (!x[group.owner]) continue;
    result.feasible = result.feasible && std::any_of(group.members.begin(), group.members.end(),
                                                     [&](Var m) { return x[m] != 0; });
  }
  for (const auto& group : model.exclusive) {
    const auto taken = std::count_if(group.begin(), group.end(), [&](Var m) { return x[m] != 0; });
    result.feasible = result.feasible && taken <= 1;
  }
  result.feasible =
      result.feasible && result.fee <= model.money && result.hours <= model.hours_budget;
  result.target_met = TargetMet(model, x);
  if (result.target_met) result.objective += model.bonus;
  return result;
}

std::vector<ItemIndex> ItemsOf(const Model& model, const std::vector<char>& x) {
  std::vector<ItemIndex> items;
  for (Var v = 0; v < model.n; ++v) {
    if (x[v]) items.push_back(model.item[v]);
  }
  std::sort(items.begin(), items.end());
  return items;
}

}  // namespace credpath::optimizer
