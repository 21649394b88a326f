// Rules on the target qualification's core items and rule tree. Without a target they
// find nothing.
#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "coherence/qualification.h"
#include "coherence/rules.h"

namespace credpath::coherence::internal {
namespace {

// Where to add `c`: before the first planned item that needs it, else at the end.
std::string PlaceBefore(const Stack& stack, CredentialIndex c) {
  for (CredentialIndex s : stack.planned()) {
    for (CredentialIndex d : stack.context().snapshot().Dependents(c)) {
      if (d == s) return stack.Id(s);
    }
  }
  return "";
}

// Credentials a node lists that are not in the stack, best first: those whose
// prerequisites the stack meets, then those with the most credit toward the target, then
// the node's own order.
std::vector<CredentialIndex> Options(const Stack& stack, const core::RuleNode& node) {
  const CheckContext& context = stack.context();
  std::vector<CredentialIndex> options;
  for (const std::string& id : node.items) {
    std::optional<CredentialIndex> c = context.snapshot().CredentialIndexOf(id);
    if (!c || stack.Contains(*c)) continue;
    if (node.kind == core::RuleKind::kCreditsAtLevel &&
        context.credential(*c).level.value < node.min_level) {
      continue;
    }
    options.push_back(*c);
  }
  const int end = static_cast<int>(stack.sequence().size());
  auto points = [&](CredentialIndex c) { return context.credit()->EligiblePoints(c); };
  std::stable_sort(options.begin(), options.end(), [&](CredentialIndex a, CredentialIndex b) {
    return std::pair(!PrerequisitesMetBefore(stack, a, end), -points(a)) <
           std::pair(!PrerequisitesMetBefore(stack, b, end), -points(b));
  });
  return options;
}

// Credentials whose addition should make node `i` hold, or nullopt when the node needs
// what cannot be added (an exit award, or more than its lists offer).
std::optional<std::vector<CredentialIndex>> Completion(const Stack& stack, const RuleTreeResult& r,
                                                       int i) {
  const NodeResult& n = r.nodes[i];
  if (n.satisfied) return std::vector<CredentialIndex>{};
  const core::RuleNode& rule = *n.node;
  std::vector<CredentialIndex> options = Options(stack, rule);
  std::vector<CredentialIndex> add;
  int met_children = 0;
  std::vector<std::vector<CredentialIndex>> child_completions;
  for (int child : n.children) {
    if (r.nodes[child].satisfied) {
      ++met_children;
    } else if (std::optional<std::vector<CredentialIndex>> c = Completion(stack, r, child)) {
      child_completions.push_back(*c);
    }
  }
  std::stable_sort(child_completions.begin(), child_completions.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  auto take_children = [&](int count) {
    for (int k = 0; k < count && k < static_cast<int>(child_completions.size()); ++k) {
      add.insert(add.end(), child_completions[k].begin(), child_completions[k].end());
    }
    return count <= static_cast<int>(child_completions.size());
  };
  switch (rule.kind) {
    case core::RuleKind::kAllOf: {
      for (const std::string& id : rule.items) {
        if (ItemAvailable(stack, id)) continue;
        std::optional<CredentialIndex> c = stack.context().snapshot().CredentialIndexOf(id);
        if (!c || stack.Contains(*c)) return std::nullopt;
        add.push_back(*c);
      }
      const int unmet = static_cast<int>(n.children.size()) - met_children;
      if (!take_children(unmet)) return std::nullopt;
      break;
    }
    case core::RuleKind::kAtLeastItems: {
      int deficit = rule.min_items - static_cast<int>(n.counted.size()) - met_children;
      for (size_t k = 0; k < options.size() && deficit > 0; ++k, --deficit)
        add.push_back(options[k]);
      if (!take_children(deficit)) return std::nullopt;
      break;
    }
    case core::RuleKind::kAtLeastCredits:
    case core::RuleKind::kCreditsAtLevel: {
      int64_t deficit = rule.min_credits - n.credit;
      for (size_t k = 0; k < options.size() && deficit > 0; ++k) {
        const int64_t points = stack.context().credit()->EligiblePoints(options[k]);
        if (points <= 0) continue;
        add.push_back(options[k]);
        deficit -= points;
      }
      if (deficit > 0) return std::nullopt;
      break;
    }
    case core::RuleKind::kFromDistinctGroups:
      if (!take_children(rule.min_groups - met_children)) return std::nullopt;
      break;
    case core::RuleKind::kUnspecified:
      return std::nullopt;
  }
  std::vector<CredentialIndex> unique;
  for (CredentialIndex c : add) {
    if (std::find(unique.begin(), unique.end(), c) == unique.end()) unique.push_back(c);
  }
  return unique;
}

std::vector<CredentialIndex> ToIndexes(const Stack& stack, const std::vector<std::string>& ids) {
  std::vector<CredentialIndex> out;
  for (const std::string& id : ids) {
    if (std::optional<CredentialIndex> c = stack.context().snapshot().CredentialIndexOf(id)) {
      out.push_back(*c);
    }
  }
  return out;
}

// The remedy that completes node `i`, if any.
std::vector<Remedy> CompleteNode(const Stack& stack, const RuleTreeResult& r, int i,
                                 const std::string& because) {
  std::optional<std::vector<CredentialIndex>> add = Completion(stack, r, i);
  if (!add || add->empty()) return {};
  Remedy remedy;
  remedy.kind = Remedy::Kind::kAdd;
  for (CredentialIndex c : *add) remedy.ids.push_back(stack.Id(c));
  remedy.because = because;
  return {remedy};
}

// Unmet nodes worth a finding: an ALL_OF node whose own items are all there is unmet
// because of its children, which are reported instead; any other unmet node is reported
// itself (its detail lists the options). Nodes that only double counting would satisfy
// are left to CheckDoubleCounted.
void UnmetNodes(const Stack& stack, const RuleTreeResult& r, int i, std::vector<int>* out) {
  const NodeResult& n = r.nodes[i];
  if (n.satisfied || n.satisfied_if_shared) return;
  const bool own_items_there =
      std::all_of(n.node->items.begin(), n.node->items.end(),
                  [&](const std::string& id) { return ItemAvailable(stack, id); });
  if (n.node->kind == core::RuleKind::kAllOf && own_items_there) {
    for (int child : n.children) UnmetNodes(stack, r, child, out);
  } else {
    out->push_back(i);
  }
}

}  // namespace

void CheckCoreMissing(const Stack& stack, std::vector<Draft>* out) {
  const core::Qualification* target = stack.context().target();
  if (target == nullptr) return;
  for (const std::string& id : target->core_ids) {
    if (ItemAvailable(stack, id)) continue;
    std::optional<CredentialIndex> c = stack.context().snapshot().CredentialIndexOf(id);
    const bool stale = c && stack.IsHeld(*c);
    Draft& draft =
        AddFinding(stack, FindingCode::kCoreMissing, Severity::kWarning, {},
                   absl::StrCat(id, " is a core item of ", target->id,
                                stale ? ", and the learner's was earned too long ago to count"
                                      : ", and it is neither held nor in the stack"),
                   id, out);
    draft.finding.credential_ids = {id};
    if (!c || stale || !stack.wants_remedies()) continue;
    Remedy add;
    add.kind = Remedy::Kind::kAdd;
    add.ids = {id};
    add.before = PlaceBefore(stack, *c);
    add.because = absl::StrCat("a core item of ", target->id);
    draft.candidates.push_back(std::move(add));
  }
}

void CheckElectiveRules(const Stack& stack, std::vector<Draft>* out) {
  const core::Qualification* target = stack.context().target();
  if (target == nullptr || !target->rules) return;
  const RuleTreeResult r = JudgeQualification(stack, *target).rules;
  std::vector<int> unmet;
  UnmetNodes(stack, r, 0, &unmet);
  for (int i : unmet) {
    const NodeResult& n = r.nodes[i];
    Draft& draft = AddFinding(
        stack, FindingCode::kElectiveRuleUnmet, Severity::kWarning, ToIndexes(stack, n.counted),
        absl::StrCat(target->id, ": rule \"", n.name, "\" is not met: ", n.detail),
        "rule " + n.path, out);
    if (!stack.wants_remedies()) continue;
    draft.candidates = CompleteNode(stack, r, i, absl::StrCat("to meet \"", n.name, "\""));
  }
}

void CheckDoubleCounted(const Stack& stack, std::vector<Draft>* out) {
  const core::Qualification* target = stack.context().target();
  if (target == nullptr || !target->rules) return;
  const RuleTreeResult r = JudgeQualification(stack, *target).rules;
  for (size_t i = 0; i < r.nodes.size(); ++i) {
    const NodeResult& n = r.nodes[i];
    if (n.satisfied || !n.satisfied_if_shared || n.shared.empty()) continue;
    std::string message;
    for (size_t k = 0; k < n.shared.size(); ++k) {
      absl::StrAppend(&message, k == 0 ? "" : "; ", n.shared[k], " already counts toward \"",
                      n.owners[k], "\"");
    }
    absl::StrAppend(&message, ", and would have to count toward \"", n.name,
                    "\" too, which these rules do not allow: \"", n.name,
                    "\" is not met without it");
    Draft& draft = AddFinding(stack, FindingCode::kDoubleCounted, Severity::kWarning,
                              ToIndexes(stack, n.shared), message, "rule " + n.path, out);
    if (!stack.wants_remedies()) continue;
    draft.candidates =
        CompleteNode(stack, r, static_cast<int>(i),
                     absl::StrCat("so that ", JoinIds(n.shared), " counts toward one rule only"));
  }
}

}  // namespace credpath::coherence::internal
