// Whether a qualification's rule tree (core::RuleNode) holds for a set of items, node by
// node, with what counts toward each node and what is missing.
//
// Semantics of the kinds (catalog/field_rules.h guarantees the shapes: credit kinds have
// items and no children, FROM_DISTINCT_GROUPS has children and no items):
//   ALL_OF              every item is available and every child holds;
//   AT_LEAST_ITEMS      available items counted here + children that hold >= min_items;
//   AT_LEAST_CREDITS    credit of the items counted here >= min_credits;
//   FROM_DISTINCT_GROUPS children that hold >= min_groups;
//   CREDITS_AT_LEVEL    as AT_LEAST_CREDITS, from items at level >= min_level.
// Advisor overrides (COUNT_TOWARD_RULE) add items to the node of that name.
//
// Double counting. An item counts toward at most one node unless that node, or an
// ancestor of it, allows double counting (allow_double_counting): a node that allows it
// may use any available item and claims none; every other node claims the items it uses.
// Nodes are judged children first, in document order; each takes the fewest items it
// needs, preferring items no other node lists and then sequence order, and when it falls
// short it asks a node that claimed an item it could use to swap to an unclaimed one that
// keeps that node satisfied. This is exact for disjoint groups and for the overlapping
// groups of real catalogues; in general assignment with credit thresholds is NP-hard.
// A node that holds only if it could use items claimed elsewhere is reported with
// `satisfied` false, `satisfied_if_shared` true and the items in `shared`.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"

namespace credpath::coherence::internal {

// The facts the tree is judged on.
class RuleItems {
 public:
  virtual ~RuleItems() = default;
  // Whether the item (a credential or a qualification id) is held or planned and counts.
  virtual bool Available(std::string_view id) const = 0;
  // Sort key of an available item: sequence order.
  virtual int Order(std::string_view id) const = 0;
  // The counted credit of a set of available items toward the tree's qualification.
  virtual int64_t Credit(std::span<const std::string> ids) const = 0;
  // The item's level value (0: unknown).
  virtual int32_t Level(std::string_view id) const = 0;
  // Items an advisor counted toward the node named `rule`.
  virtual std::vector<std::string> OverrideItems(std::string_view rule) const = 0;
};

struct NodeResult {
  const core::RuleNode* node = nullptr;
  std::string name;  // the node's name, or "rule 1.2" (child indexes) when it has none
  std::string path;  // child indexes from the root: "" for the root, "1.2" below it
  int depth = 0;
  std::vector<int> children;  // indexes into RuleTreeResult::nodes
  bool satisfied = false;
  bool satisfied_if_shared = false;  // satisfied, or would be with double counting
  std::vector<std::string> counted;  // items counted toward it, in sequence order
  std::vector<std::string> shared;   // claimed items it would need, in sequence order
  std::vector<std::string> owners;   // names of the nodes that claimed `shared`
  int64_t credit = 0;                // credit kinds: credit of `counted`
  std::string detail;                // readable: what counts and what is missing
};

struct RuleTreeResult {
  std::vector<NodeResult> nodes;  // pre-order; nodes[0] is the root
  bool holds() const { return nodes.empty() || nodes[0].satisfied; }
};

RuleTreeResult EvaluateRules(const core::RuleNode& root, const RuleItems& items);

}  // namespace credpath::coherence::internal
