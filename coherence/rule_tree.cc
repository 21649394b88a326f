#include "coherence/rule_tree.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace credpath::coherence::internal {
namespace {

using core::RuleKind;

constexpr size_t kMaxListed = 8;  // options named in a detail before "and N more"

std::string ListSome(const std::vector<std::string>& ids) {
  std::vector<std::string> shown(ids.begin(), ids.begin() + std::min(ids.size(), kMaxListed));
  std::string text = absl::StrJoin(shown, ", ");
  if (ids.size() > kMaxListed) absl::StrAppend(&text, " and ", ids.size() - kMaxListed, " more");
  return text;
}

struct Node {
  const core::RuleNode* rule = nullptr;
  int depth = 0;
  bool shares = false;  // it or an ancestor allows double counting
  std::string path;
  std::string name;
  std::vector<int> children;
  std::vector<std::string> candidates;  // available items, preferred first
  std::vector<std::string> used;        // items counted toward it
  bool satisfied = false;
  bool satisfied_if_shared = false;
};

class Evaluator {
 public:
  Evaluator(const core::RuleNode& root, const RuleItems& items) : items_(items) {
    Flatten(root, 0, false, "");
    for (const Node& node : nodes_) {
      if (node.shares) continue;
      for (const std::string& id : node.rule->items) ++listed_by_[id];
    }
    for (Node& node : nodes_) PrepareCandidates(&node);
  }

  RuleTreeResult Run() {
    Judge(0);
    RuleTreeResult result;
    for (const Node& node : nodes_) result.nodes.push_back(Result(node));
    return result;
  }

 private:
  int Flatten(const core::RuleNode& rule, int depth, bool shares, std::string path) {
    const int index = static_cast<int>(nodes_.size());
    nodes_.push_back({});
    nodes_[index].rule = &rule;
    nodes_[index].depth = depth;
    nodes_[index].shares = shares || rule.allow_double_counting;
    nodes_[index].name = !rule.name.empty() ? rule.name
                         : path.empty()     ? std::string("rules")
                                            : "rule " + path;
    nodes_[index].path = path;
    for (size_t i = 0; i < rule.children.size(); ++i) {
      const std::string child_path = path.empty() ? std::to_string(i) : absl::StrCat(path, ".", i);
      const int child = Flatten(rule.children[i], depth + 1, nodes_[index].shares, child_path);
      nodes_[index].children.push_back(child);
    }
    return index;
  }

  void PrepareCandidates(Node* node) const {
    std::vector<std::string> ids = node->rule->items;
    for (std::string& id : items_.OverrideItems(node->rule->name)) ids.push_back(std::move(id));
    for (const std::string& id : ids) {
      if (!items_.Available(id)) continue;
      if (node->rule->kind == RuleKind::kCreditsAtLevel &&
          items_.Level(id) < node->rule->min_level) {
        continue;
      }
      if (std::find(node->candidates.begin(), node->candidates.end(), id) ==
          node->candidates.end()) {
        node->candidates.push_back(id);
      }
    }
    // Items other nodes cannot use first, so that contested items stay free.
    auto key = [this](const std::string& id) {
      auto it = listed_by_.find(id);
      return std::pair(it != listed_by_.end() ? it->second : 0, items_.Order(id));
    };
    std::stable_sort(node->candidates.begin(), node->candidates.end(),
                     [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
  }

  bool IsCreditKind(const Node& node) const {
    return node.rule->kind == RuleKind::kAtLeastCredits ||
           node.rule->kind == RuleKind::kCreditsAtLevel;
  }

  // Whether `used` meets the node's own item requirement, given how many children hold.
  bool ItemsMeet(const Node& node, const std::vector<std::string>& used, int children_met) const {
    switch (node.rule->kind) {
      case RuleKind::kAllOf:
        return std::all_of(node.rule->items.begin(), node.rule->items.end(), [&](const auto& id) {
          return std::find(used.begin(), used.end(), id) != used.end();
        });
      case RuleKind::kAtLeastItems:
        return static_cast<int>(used.size()) + children_met >= node.rule->min_items;
      case RuleKind::kAtLeastCredits:
      case RuleKind::kCreditsAtLevel:
        return items_.Credit(used) >= node.rule->min_credits;
      case RuleKind::kFromDistinctGroups:
      case RuleKind::kUnspecified:
        return true;
    }
    return true;
  }

  bool ChildrenMeet(const Node& node, int children_met) const {
    switch (node.rule->kind) {
      case RuleKind::kAllOf:
        return children_met == static_cast<int>(node.children.size());
      case RuleKind::kFromDistinctGroups:
        return children_met >= node.rule->min_groups;
      default:
        return true;  // AT_LEAST_ITEMS counts children with its items
    }
  }

  // The fewest items of `pool` (in its order) that meet the requirement, or all of them.
  std::vector<std::string> Pick(const Node& node, const std::vector<std::string>& pool,
                                int children_met) const {
    if (node.rule->kind == RuleKind::kAllOf) return pool;
    std::vector<std::string> used;
    for (const std::string& id : pool) {
      if (ItemsMeet(node, used, children_met)) break;
      used.push_back(id);
    }
    return used;
  }

  std::vector<std::string> Free(const Node& node, int self) const {
    std::vector<std::string> free;
    for (const std::string& id : node.candidates) {
      auto it = claimed_.find(id);
      if (node.shares || it == claimed_.end() || it->second == self) free.push_back(id);
    }
    return free;
  }

  // Moves one item claimed elsewhere to `self` when its owner can do with a free item
  // instead. Returns whether anything moved.
  bool Swap(int self) {
    const Node& node = nodes_[self];
    for (const std::string& x : node.candidates) {
      auto it = claimed_.find(x);
      if (it == claimed_.end() || it->second == self) continue;
      const int owner = it->second;
      Node& other = nodes_[owner];
      for (const std::string& y : other.candidates) {
        if (y == x || claimed_.contains(y)) continue;
        std::vector<std::string> replaced = other.used;
        std::replace(replaced.begin(), replaced.end(), x, y);
        if (!ItemsMeet(other, replaced, ChildrenMet(other, false))) continue;
        other.used = std::move(replaced);
        claimed_.erase(x);
        claimed_[y] = owner;
        return true;
      }
    }
    return false;
  }

  int ChildrenMet(const Node& node, bool if_shared) const {
    int met = 0;
    for (int child : node.children) {
      met += if_shared ? nodes_[child].satisfied_if_shared : nodes_[child].satisfied;
    }
    return met;
  }

  void Judge(int self) {
    for (int child : nodes_[self].children) Judge(child);
    Node& node = nodes_[self];
    const int met = ChildrenMet(node, false);
    node.used = Pick(node, Free(node, self), met);
    while (!ItemsMeet(node, node.used, met) && !node.shares && Swap(self)) {
      node.used = Pick(node, Free(node, self), met);
    }
    node.satisfied = ItemsMeet(node, node.used, met) && ChildrenMeet(node, met);
    if (node.satisfied && !node.shares) {
      for (const std::string& id : node.used) claimed_[id] = self;
    }
    const int met_if_shared = ChildrenMet(node, true);
    const std::vector<std::string> all = Pick(node, node.candidates, met_if_shared);
    node.satisfied_if_shared = node.satisfied || (ItemsMeet(node, all, met_if_shared) &&
                                                  ChildrenMeet(node, met_if_shared));
  }

  std::vector<std::string> SortedByOrder(std::vector<std::string> ids) const {
    std::stable_sort(ids.begin(), ids.end(), [this](const std::string& a, const std::string& b) {
      return items_.Order(a) < items_.Order(b);
    });
    return ids;
  }

  NodeResult Result(const Node& node) const {
    NodeResult r;
    r.node = node.rule;
    r.name = node.name;
    r.path = node.path;
    r.depth = node.depth;
    r.children = node.children;
    r.satisfied = node.satisfied;
    r.satisfied_if_shared = node.satisfied_if_shared;
    r.counted = SortedByOrder(node.used);
    if (IsCreditKind(node)) r.credit = items_.Credit(node.used);
    if (!node.satisfied) {
      for (const std::string& id : node.candidates) {
        auto it = claimed_.find(id);
        if (it == claimed_.end() ||
            std::find(node.used.begin(), node.used.end(), id) != node.used.end()) {
          continue;
        }
        r.shared.push_back(id);
        r.owners.push_back(nodes_[it->second].name);
      }
    }
    r.detail = Detail(node, r);
    return r;
  }

  std::string Detail(const Node& node, const NodeResult& r) const {
    const core::RuleNode& rule = *node.rule;
    std::vector<std::string> options;  // items not available
    for (const std::string& id : rule.items) {
      if (!items_.Available(id)) options.push_back(id);
    }
    std::vector<std::string> met_children;
    std::vector<std::string> unmet_children;
    for (int child : node.children) {
      (nodes_[child].satisfied ? met_children : unmet_children).push_back(nodes_[child].name);
    }
    const std::string counted = r.counted.empty() ? "none" : ListSome(r.counted);
    std::string text;
    switch (rule.kind) {
      case RuleKind::kAllOf:
        text = absl::StrCat("all of its items and groups; counted: ", counted);
        if (!options.empty()) absl::StrAppend(&text, "; missing: ", ListSome(options));
        if (!unmet_children.empty())
          absl::StrAppend(&text, "; not met: ", ListSome(unmet_children));
        break;
      case RuleKind::kAtLeastItems:
        text = absl::StrCat(r.counted.size() + met_children.size(), " of ", rule.min_items,
                            " needed; counted: ", counted);
        if (!met_children.empty()) absl::StrAppend(&text, "; groups met: ", ListSome(met_children));
        if (!r.satisfied && !options.empty())
          absl::StrAppend(&text, "; choose from: ", ListSome(options));
        break;
      case RuleKind::kAtLeastCredits:
      case RuleKind::kCreditsAtLevel:
        text = absl::StrCat(r.credit, " of ", rule.min_credits, " credits");
        if (rule.kind == RuleKind::kCreditsAtLevel) {
          absl::StrAppend(&text, " at level ", rule.min_level, " or above");
        }
        absl::StrAppend(&text, "; counted: ", counted);
        if (!r.satisfied && !options.empty())
          absl::StrAppend(&text, "; choose from: ", ListSome(options));
        break;
      case RuleKind::kFromDistinctGroups:
        text = absl::StrCat(met_children.size(), " of ", rule.min_groups, " groups met");
        if (!met_children.empty()) absl::StrAppend(&text, ": ", ListSome(met_children));
        if (!r.satisfied && !unmet_children.empty()) {
          absl::StrAppend(&text, "; choose from: ", ListSome(unmet_children));
        }
        break;
      case RuleKind::kUnspecified:
        text = "a rule of unknown kind";
        break;
    }
    for (size_t i = 0; i < r.shared.size(); ++i) {
      absl::StrAppend(&text, "; ", r.shared[i], " already counts toward ", r.owners[i],
                      ", and neither allows double counting");
    }
    return text;
  }

  const RuleItems& items_;
  std::vector<Node> nodes_;
  absl::flat_hash_map<std::string, int> listed_by_;  // exclusive nodes listing an item
  absl::flat_hash_map<std::string, int> claimed_;    // item -> node it counts toward
};

}  // namespace

RuleTreeResult EvaluateRules(const core::RuleNode& root, const RuleItems& items) {
  return Evaluator(root, items).Run();
}

}  // namespace credpath::coherence::internal
