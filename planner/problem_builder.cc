#include "planner/problem_builder.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/field_violations.h"

namespace credpath::planner {
namespace {

using graph::CredentialIndex;

absl::Status UnknownCredential(const std::string& path, const std::string& id) {
  return absl::NotFoundError(absl::StrCat(path, ": credential ", id, " not found"));
}

// Resolves every id list of the request, or NOT_FOUND naming the first unknown one.
absl::Status CheckIds(const graph::CatalogSnapshot& snapshot, const PlanRequest& request) {
  auto check = [&](const std::string& path, const std::string& id) -> absl::Status {
    return snapshot.FindCredential(id) == nullptr ? UnknownCredential(path, id) : absl::OkStatus();
  };
  for (size_t i = 0; i < request.include_ids.size(); ++i) {
    if (auto s = check(core::IndexPath("include_ids", i), request.include_ids[i]); !s.ok())
      return s;
  }
  for (size_t i = 0; i < request.exclude_ids.size(); ++i) {
    if (auto s = check(core::IndexPath("exclude_ids", i), request.exclude_ids[i]); !s.ok())
      return s;
  }
  for (size_t g = 0; g < request.exclusive_groups.size(); ++g) {
    const std::string base = core::IndexPath("exclusive_groups", g) + ".credential_ids";
    for (size_t i = 0; i < request.exclusive_groups[g].size(); ++i) {
      if (auto s = check(core::IndexPath(base, i), request.exclusive_groups[g][i]); !s.ok())
        return s;
    }
  }
  for (const auto& [id, value] : request.value_overrides_millipoints) {
    if (auto s = check(absl::StrCat("value_overrides[", id, "]"), id); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Why a credential cannot be a candidate under the request's hard facts, or empty.
std::string Unfit(const core::Credential& c, const PlanRequest& request) {
  const HardConstraints& hard = request.constraints;
  if (hard.no_onsite && c.delivery_mode != core::DeliveryMode::kOnline) {
    return "has onsite attendance, which constraints.no_onsite forbids";
  }
  if (hard.max_onsite_days > 0 && c.onsite_days > hard.max_onsite_days) {
    return absl::StrCat("has ", c.onsite_days, " onsite days, more than the learner's ",
                        hard.max_onsite_days);
  }
  if (!hard.allowed_delivery.empty() &&
      std::find(hard.allowed_delivery.begin(), hard.allowed_delivery.end(), c.delivery_mode) ==
          hard.allowed_delivery.end()) {
    return "has a delivery mode constraints.allowed_delivery_modes does not allow";
  }
  if (!hard.languages.empty() &&
      std::find(hard.languages.begin(), hard.languages.end(), c.language) == hard.languages.end()) {
    return "is taught in a language constraints.languages does not allow";
  }
  if (c.fee.minor_units > 0 && c.fee.currency != request.money_budget.currency) {
    return absl::StrCat("is priced in ", c.fee.currency, ", not in the budget's currency ",
                        request.money_budget.currency);
  }
  if ((c.valid_from.has_value() && request.start < *c.valid_from) ||
      (c.valid_to.has_value() && *c.valid_to < request.start)) {
    return "is not in force on the start date";
  }
  return "";
}

// One way of meeting a rule tree, in the terms the search models: core items and
// "at least k of these credentials" rules. Variants() turns a tree into a list of them
// such that any set completing the tree meets at least one (a relaxation; see the header).
struct AtLeast {
  std::string name;
  std::vector<std::string> items;
  int32_t k = 0;
};
struct RuleVariant {
  std::vector<std::string> core;
  std::vector<AtLeast> rules;
};

constexpr size_t kMaxRuleVariants = 24;

// Every combination of one variant from each list; the unconstrained variant alone when
// that would be more than kMaxRuleVariants (still a relaxation, only a looser one).
std::vector<RuleVariant> Product(const std::vector<std::vector<RuleVariant>>& lists) {
  size_t size = 1;
  for (const auto& list : lists) size *= list.size();
  if (size > kMaxRuleVariants) return {RuleVariant{}};
  std::vector<RuleVariant> out = {RuleVariant{}};
  for (const auto& list : lists) {
    std::vector<RuleVariant> next;
    for (const RuleVariant& base : out) {
      for (const RuleVariant& add : list) {
        RuleVariant v = base;
        v.core.insert(v.core.end(), add.core.begin(), add.core.end());
        v.rules.insert(v.rules.end(), add.rules.begin(), add.rules.end());
        next.push_back(std::move(v));
      }
    }
    out = std::move(next);
  }
  return out;
}

class RuleRelaxation {
 public:
  RuleRelaxation(const graph::CatalogSnapshot& snapshot, const graph::QualificationCredit& credit,
                 const core::Learner& learner)
      : snapshot_(snapshot), credit_(credit), learner_(learner) {}

  // Never empty. A node the search cannot model yields the unconstrained variant.
  std::vector<RuleVariant> Variants(const core::RuleNode& node) const {
    const std::vector<std::string> items = ItemsOf(node);
    const bool credentials_only = std::all_of(items.begin(), items.end(), [&](const auto& id) {
      return snapshot_.FindCredential(id) != nullptr;
    });
    switch (node.kind) {
      case core::RuleKind::kAllOf: {
        std::vector<std::vector<RuleVariant>> parts;
        RuleVariant own;
        for (const std::string& id : items) {
          if (snapshot_.FindCredential(id) != nullptr) own.core.push_back(id);
        }
        parts.push_back({own});
        for (const core::RuleNode& child : node.children) parts.push_back(Variants(child));
        return Product(parts);
      }
      case core::RuleKind::kAtLeastItems:
        if (!node.children.empty() || !credentials_only) return {RuleVariant{}};
        return {RuleVariant{{}, {{node.name, items, node.min_items}}}};
      case core::RuleKind::kAtLeastCredits:
      case core::RuleKind::kCreditsAtLevel: {
        // Credit from k items is at most k times the largest eligible points among them,
        // so at least ceil(min_credits / largest) items are needed (exact when all carry
        // the same points).
        if (!credentials_only || node.min_credits <= 0) return {RuleVariant{}};
        std::vector<std::string> credit_items;
        int64_t largest = 0;
        for (const std::string& id : items) {
          const graph::CredentialIndex c = *snapshot_.CredentialIndexOf(id);
          const int64_t points = credit_.EligiblePoints(c);
          const bool level_ok = node.kind != core::RuleKind::kCreditsAtLevel ||
                                snapshot_.credentials()[c].level.value >= node.min_level;
          if (points <= 0 || !level_ok) continue;
          credit_items.push_back(id);
          largest = std::max(largest, points);
        }
        const int64_t k = largest > 0 ? (node.min_credits + largest - 1) / largest : 1;
        return {RuleVariant{{}, {{node.name, credit_items, static_cast<int32_t>(k)}}}};
      }
      case core::RuleKind::kFromDistinctGroups: {
        std::vector<std::vector<RuleVariant>> children;
        for (const core::RuleNode& child : node.children) children.push_back(Variants(child));
        const int m = node.min_groups;
        const int n = static_cast<int>(children.size());
        if (m <= 0) return {RuleVariant{}};
        if (m > n) return {RuleVariant{{}, {{node.name, {}, 1}}}};  // cannot hold
        std::vector<RuleVariant> out;
        std::vector<int> pick(m);
        for (int i = 0; i < m; ++i) pick[i] = i;
        while (true) {
          std::vector<std::vector<RuleVariant>> parts;
          for (int i : pick) parts.push_back(children[i]);
          for (RuleVariant& v : Product(parts)) out.push_back(std::move(v));
          if (out.size() > kMaxRuleVariants) return {RuleVariant{}};
          int i = m - 1;
          while (i >= 0 && pick[i] == n - m + i) --i;
          if (i < 0) break;
          ++pick[i];
          for (int j = i + 1; j < m; ++j) pick[j] = pick[j - 1] + 1;
        }
        return out;
      }
      case core::RuleKind::kUnspecified:
        break;
    }
    return {RuleVariant{}};
  }

 private:
  // The node's items and those an advisor counted toward it.
  std::vector<std::string> ItemsOf(const core::RuleNode& node) const {
    std::vector<std::string> items = node.items;
    for (const core::Override& o : learner_.overrides) {
      if (o.kind == core::OverrideKind::kCountTowardRule && o.target == node.name &&
          std::find(items.begin(), items.end(), o.credential_id) == items.end()) {
        items.push_back(o.credential_id);
      }
    }
    return items;
  }

  const graph::CatalogSnapshot& snapshot_;
  const graph::QualificationCredit& credit_;
  const core::Learner& learner_;
};

// Calls `seed` with the item list of every node of a rule tree.
template <typename Seed>
void SeedRuleItems(const core::RuleNode& node, const Seed& seed) {
  seed(node.items);
  for (const core::RuleNode& child : node.children) SeedRuleItems(child, seed);
}

}  // namespace

ItemExplanations::ItemExplanations(const graph::CatalogSnapshot& snapshot,
                                   const value::ValueModel& values,
                                   std::vector<graph::CredentialIndex> candidates)
    : snapshot_(&snapshot), values_(&values), candidates_(std::move(candidates)) {}

value::Explanation ItemExplanations::operator[](optimizer::ItemIndex i) const {
  if (static_cast<size_t>(i) >= candidates_.size()) return {};
  return values_->Explain(*snapshot_, candidates_[i]);
}

absl::StatusOr<PlanningProblem> BuildProblem(const graph::CatalogSnapshot& snapshot,
                                             const value::ValueModel& values,
                                             const PlanRequest& request,
                                             const graph::QualificationCredit* target,
                                             int32_t recency_months) {
  if (auto status = CheckIds(snapshot, request); !status.ok()) return status;
  const auto& credentials = snapshot.credentials();
  const size_t n = credentials.size();

  // Held credentials, with whether their credit is still recent.
  std::vector<char> held(n, 0);
  std::vector<char> recent(n, 0);
  for (const core::HeldCredential& h : request.learner.held) {
    std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(h.credential_id);
    if (!c.has_value()) continue;  // validated upstream; a deleted credential helps nothing
    held[*c] = 1;
    if (graph::IsRecentWithin(recency_months, h.earned_on, request.start)) recent[*c] = 1;
  }
  // (credential, prerequisite) pairs an advisor waived; ids not in the snapshot waive nothing.
  absl::flat_hash_set<std::pair<CredentialIndex, CredentialIndex>> waived;
  for (const core::Override& o : request.learner.overrides) {
    if (o.kind != core::OverrideKind::kWaivePrerequisite) continue;
    std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(o.credential_id);
    std::optional<CredentialIndex> p = snapshot.CredentialIndexOf(o.target);
    if (c.has_value() && p.has_value()) waived.insert({*c, *p});
  }

  // Candidates by hard facts.
  std::vector<char> candidate(n, 0);
  for (size_t c = 0; c < n; ++c) candidate[c] = !held[c] && Unfit(credentials[c], request).empty();
  for (const std::string& id : request.exclude_ids) candidate[*snapshot.CredentialIndexOf(id)] = 0;
  for (size_t i = 0; i < request.include_ids.size(); ++i) {
    const std::string& id = request.include_ids[i];
    const CredentialIndex c = *snapshot.CredentialIndexOf(id);
    const std::string path = core::IndexPath("include_ids", i);
    if (held[c]) return core::InvalidField(path, absl::StrCat(id, " is held already"));
    if (std::find(request.exclude_ids.begin(), request.exclude_ids.end(), id) !=
        request.exclude_ids.end()) {
      return core::InvalidField(path, absl::StrCat(id, " is also in exclude_ids"));
    }
    if (std::string why = Unfit(credentials[c], request); !why.empty()) {
      return core::InvalidField(path, absl::StrCat(id, " ", why));
    }
  }

  // Values of the candidates.
  std::vector<int64_t> value(n, 0);
  std::vector<char> overridden(n, 0);
  for (size_t c = 0; c < n; ++c) {
    if (!candidate[c]) continue;
    value[c] = values.Value(snapshot, static_cast<CredentialIndex>(c));
    if (auto it = request.value_overrides_millipoints.find(credentials[c].id);
        it != request.value_overrides_millipoints.end()) {
      value[c] = it->second;
      overridden[c] = 1;
    }
  }

  // Restrict to what can matter: seeds, then their prerequisite ancestors.
  std::vector<char> seed(n, 0);
  auto seed_ids = [&](const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
      if (std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(id); c && candidate[*c]) {
        seed[*c] = 1;
      }
    }
  };
  seed_ids(request.include_ids);
  if (target != nullptr) {
    for (const graph::CreditSource& source : target->sources) {
      if (candidate[source.credential]) seed[source.credential] = 1;
    }
    seed_ids(target->qualification->core_ids);
    if (target->qualification->rules.has_value()) {
      SeedRuleItems(*target->qualification->rules, seed_ids);
    }
  } else {
    const bool by_skill = !request.wanted_skills.empty();
    for (size_t c = 0; c < n; ++c) {
      if (!candidate[c]) continue;
      if (!by_skill) {
        if (value[c] > 0) seed[c] = 1;
        continue;
      }
      for (const std::string& skill : credentials[c].skills) {
        if (std::find(request.wanted_skills.begin(), request.wanted_skills.end(), skill) !=
            request.wanted_skills.end()) {
          seed[c] = 1;
        }
      }
    }
  }
  std::vector<char> keep(n, 0);
  std::vector<CredentialIndex> stack;
  for (size_t c = 0; c < n; ++c) {
    if (seed[c]) stack.push_back(static_cast<CredentialIndex>(c));
  }
  while (!stack.empty()) {
    const CredentialIndex c = stack.back();
    stack.pop_back();
    if (keep[c]) continue;
    keep[c] = 1;
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
      for (CredentialIndex p : snapshot.PrerequisiteGroup(c, g)) {
        if (candidate[p] && !keep[p]) stack.push_back(p);
      }
    }
  }

  // A group is satisfied when waived or held; a candidate needs a member of every other
  // group among the kept candidates. Dropping one may strand its dependents: repeat.
  auto group_satisfied = [&](CredentialIndex c, size_t g) {
    for (CredentialIndex p : snapshot.PrerequisiteGroup(c, g)) {
      if (held[p] || waived.contains({c, p})) return true;
    }
    return false;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t c = 0; c < n; ++c) {
      if (!keep[c]) continue;
      const CredentialIndex ci = static_cast<CredentialIndex>(c);
      for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(ci) && keep[c]; ++g) {
        if (group_satisfied(ci, g)) continue;
        const auto members = snapshot.PrerequisiteGroup(ci, g);
        if (std::none_of(members.begin(), members.end(),
                         [&](CredentialIndex p) { return keep[p]; })) {
          keep[c] = 0;
          changed = true;
        }
      }
    }
  }

  PlanningProblem out;
  optimizer::Problem& problem = out.problem;
  absl::flat_hash_map<CredentialIndex, optimizer::ItemIndex> item_of;
  auto add_item = [&](CredentialIndex c, bool is_held) {
    item_of[c] = static_cast<optimizer::ItemIndex>(problem.items.size());
    optimizer::Item item;
    item.id = credentials[c].id;
    item.held = is_held;
    if (!is_held) {
      item.fee = credentials[c].fee.minor_units;
      item.hours = values.Hours(credentials[c]);
      item.value = value[c];
    }
    if (target != nullptr && (!is_held || recent[c])) item.credit = target->EligiblePoints(c);
    problem.items.push_back(std::move(item));
    out.credential_of_item.push_back(c);
    out.overridden.push_back(!is_held && overridden[c]);
    out.forced.push_back(false);
  };
  for (size_t c = 0; c < n; ++c) {
    if (keep[c]) add_item(static_cast<CredentialIndex>(c), false);
  }
  out.candidates = static_cast<int64_t>(problem.items.size());
  out.explanations = ItemExplanations(snapshot, values, out.credential_of_item);
  for (size_t c = 0; c < n; ++c) {
    if (held[c]) add_item(static_cast<CredentialIndex>(c), true);
  }

  problem.prerequisite_groups.resize(problem.items.size());
  for (optimizer::ItemIndex i = 0; i < out.candidates; ++i) {
    const CredentialIndex c = out.credential_of_item[i];
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
      if (group_satisfied(c, g)) continue;
      std::vector<optimizer::ItemIndex> group;
      for (CredentialIndex p : snapshot.PrerequisiteGroup(c, g)) {
        if (keep[p]) group.push_back(item_of.at(p));
      }
      problem.prerequisite_groups[i].push_back(std::move(group));
    }
  }
  for (const auto& ids : request.exclusive_groups) {
    std::vector<optimizer::ItemIndex> group;
    for (const std::string& id : ids) {
      auto it = item_of.find(*snapshot.CredentialIndexOf(id));
      if (it != item_of.end() && !problem.items[it->second].held) group.push_back(it->second);
    }
    if (group.size() >= 2) problem.exclusive_groups.push_back(std::move(group));
  }
  problem.money_budget = request.money_budget.minor_units;
  problem.hours_budget = request.hours_budget;

  if (target != nullptr) {
    const core::Qualification& q = *target->qualification;
    std::vector<RuleVariant> variants = {RuleVariant{}};
    if (q.rules.has_value()) {
      variants = RuleRelaxation(snapshot, *target, request.learner).Variants(*q.rules);
    }
    // Items of the problem for ids; false when one of them is not among them. A held
    // credential outside the recency window counts toward no rule, as in the audit.
    auto items_of = [&](const std::vector<std::string>& ids, bool* all_present) {
      std::vector<optimizer::ItemIndex> items;
      for (const std::string& id : ids) {
        std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(id);
        auto it = c.has_value() ? item_of.find(*c) : item_of.end();
        if (it == item_of.end() || (held[*c] && !recent[*c])) {
          *all_present = false;
        } else {
          items.push_back(it->second);
        }
      }
      return items;
    };
    optimizer::Target base;
    base.credit_threshold = q.credit_required;
    base.credit_cap = q.stacked_credit_cap;
    for (const graph::SharedCredit& overlap : target->overlaps) {
      auto a = item_of.find(overlap.a);
      auto b = item_of.find(overlap.b);
      if (a == item_of.end() || b == item_of.end()) continue;
      if (problem.items[a->second].credit == 0 || problem.items[b->second].credit == 0) continue;
      base.overlaps.push_back({a->second, b->second, overlap.shared});
    }
    base.bonus = values.CompletionValue(snapshot, q);
    for (RuleVariant& variant : variants) {
      // Core items that are qualifications (exit awards) are judged after the search.
      for (const std::string& id : q.core_ids) {
        if (snapshot.FindCredential(id) != nullptr) variant.core.push_back(id);
      }
      optimizer::Target t = base;
      bool reachable = true;
      t.core = items_of(variant.core, &reachable);
      std::sort(t.core.begin(), t.core.end());
      t.core.erase(std::unique(t.core.begin(), t.core.end()), t.core.end());
      for (const AtLeast& rule : variant.rules) {
        bool ignored = true;
        optimizer::ElectiveRule elective;
        elective.name = rule.name;
        elective.items = items_of(rule.items, &ignored);
        elective.min_count = rule.k;
        if (static_cast<int32_t>(elective.items.size()) < elective.min_count) reachable = false;
        t.electives.push_back(std::move(elective));
      }
      // A variant no set can meet adds nothing; progress still reports on the target.
      if (reachable) out.targets.push_back(std::move(t));
    }
  }

  // Force the included credentials.
  if (!request.include_ids.empty()) {
    int64_t magnitude = out.targets.empty() ? 0 : out.targets.front().bonus;
    for (const optimizer::Item& item : problem.items) magnitude += std::llabs(item.value);
    out.forced_bonus = magnitude + 1;
    // In request order, so that the error names the first include that cannot be taken
    // (a hash set's order changes from run to run); an id listed twice is forced once.
    absl::flat_hash_set<std::string_view> included;
    for (const std::string& id : request.include_ids) {
      if (!included.insert(id).second) continue;
      auto it = item_of.find(*snapshot.CredentialIndexOf(id));
      if (it == item_of.end()) {
        return absl::FailedPreconditionError(
            absl::StrCat("include_ids: ", id,
                         " cannot be taken: a prerequisite group of it (or of what it "
                         "needs) has no member the learner holds or may take"));
      }
      problem.items[it->second].value += out.forced_bonus;
      out.forced[it->second] = true;
      ++out.forced_count;
    }
  }
  return out;
}

}  // namespace credpath::planner
