#include "optimizer/problem_io.h"

#include <exception>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlohmann/json.hpp"
#include "optimizer/model.h"

namespace credpath::optimizer {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Budgets and thresholds are only compared, so they may exceed the per-item limit.
constexpr int64_t kMaxTotal = int64_t{1} << 61;
constexpr int64_t kMaxCount = int64_t{1} << 31;

absl::Status Invalid(const std::string& path, const std::string& reason) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", reason));
}

std::string Index(const std::string& base, size_t i) { return absl::StrCat(base, "[", i, "]"); }
std::string Key(const std::string& base, const char* key) {
  return base.empty() ? std::string(key) : absl::StrCat(base, ".", key);
}

// The member `key` of `object`: nullptr when absent and optional.
absl::StatusOr<const Json*> Member(const Json& object, const std::string& base, const char* key,
                                   bool required) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) return Invalid(Key(base, key), "missing");
    return nullptr;
  }
  return &*it;
}

absl::StatusOr<int64_t> Integer(const Json& value, const std::string& path, int64_t lo,
                                int64_t hi) {
  if (!value.is_number()) return Invalid(path, "must be a number");
  if (!value.is_number_integer()) return Invalid(path, "must be an integer");
  if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(hi)) {
    return Invalid(path, absl::StrCat("must be <= ", hi));
  }
  const auto number = value.get<int64_t>();
  if (number < lo) return Invalid(path, absl::StrCat("must be >= ", lo));
  if (number > hi) return Invalid(path, absl::StrCat("must be <= ", hi));
  return number;
}

// The integer member `key`; `fallback` when absent (required when there is none).
absl::StatusOr<int64_t> IntegerMember(const Json& object, const std::string& base, const char* key,
                                      int64_t lo, int64_t hi,
                                      std::optional<int64_t> fallback = std::nullopt) {
  ASSIGN_OR_RETURN(const Json* value, Member(object, base, key, !fallback.has_value()));
  if (value == nullptr) return *fallback;
  return Integer(*value, Key(base, key), lo, hi);
}

absl::StatusOr<const Json*> ArrayMember(const Json& object, const std::string& base,
                                        const char* key, bool required) {
  ASSIGN_OR_RETURN(const Json* value, Member(object, base, key, required));
  if (value != nullptr && !value->is_array()) return Invalid(Key(base, key), "must be an array");
  return value;
}

class IdIndex {
 public:
  // false when the id is taken.
  bool Add(const std::string& id, ItemIndex i) { return index_.emplace(id, i).second; }

  absl::StatusOr<ItemIndex> Resolve(const Json& value, const std::string& path) const {
    if (!value.is_string()) return Invalid(path, "must be an id (a string)");
    const std::string id = value.get<std::string>();
    auto it = index_.find(id);
    if (it == index_.end()) return Invalid(path, absl::StrCat("unknown id \"", id, "\""));
    return it->second;
  }

  absl::StatusOr<std::vector<ItemIndex>> ResolveAll(const Json& value,
                                                    const std::string& path) const {
    if (!value.is_array()) return Invalid(path, "must be an array of ids");
    std::vector<ItemIndex> items;
    for (size_t k = 0; k < value.size(); ++k) {
      ASSIGN_OR_RETURN(ItemIndex i, Resolve(value[k], Index(path, k)));
      items.push_back(i);
    }
    return items;
  }

 private:
  std::map<std::string, ItemIndex> index_;
};

absl::Status ParseCredentials(const Json& root, Problem& problem, IdIndex& ids) {
  ASSIGN_OR_RETURN(const Json* credentials, ArrayMember(root, "", "credentials", true));
  for (size_t i = 0; i < credentials->size(); ++i) {
    const Json& entry = (*credentials)[i];
    const std::string path = Index("credentials", i);
    if (!entry.is_object()) return Invalid(path, "must be an object");
    Item item;
    ASSIGN_OR_RETURN(const Json* id, Member(entry, path, "id", true));
    if (!id->is_string() || id->get<std::string>().empty()) {
      return Invalid(Key(path, "id"), "must be a non-empty string");
    }
    item.id = id->get<std::string>();
    if (!ids.Add(item.id, static_cast<ItemIndex>(i))) {
      return Invalid(Key(path, "id"), absl::StrCat("duplicate id \"", item.id, "\""));
    }
    ASSIGN_OR_RETURN(item.fee, IntegerMember(entry, path, "fee", 0, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.hours, IntegerMember(entry, path, "hours", 0, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.value,
                     IntegerMember(entry, path, "value", -kMaxMagnitude, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.credit, IntegerMember(entry, path, "credit_points", 0, kMaxMagnitude, 0));
    problem.items.push_back(std::move(item));
  }
  problem.prerequisite_groups.resize(problem.items.size());
  return absl::OkStatus();
}

absl::Status ParseStructure(const Json& root, Problem& problem, const IdIndex& ids) {
  ASSIGN_OR_RETURN(const Json* held, ArrayMember(root, "", "held", false));
  if (held != nullptr) {
    ASSIGN_OR_RETURN(std::vector<ItemIndex> items, ids.ResolveAll(*held, "held"));
    for (ItemIndex i : items) problem.items[i].held = true;
  }
  ASSIGN_OR_RETURN(const Json* prerequisites, ArrayMember(root, "", "prerequisites", false));
  if (prerequisites != nullptr) {
    for (size_t k = 0; k < prerequisites->size(); ++k) {
      const Json& pair = (*prerequisites)[k];
      const std::string path = Index("prerequisites", k);
      if (!pair.is_array() || pair.size() != 2) return Invalid(path, "must be a pair of ids");
      ASSIGN_OR_RETURN(ItemIndex from, ids.Resolve(pair[0], path));
      ASSIGN_OR_RETURN(ItemIndex to, ids.Resolve(pair[1], path));
      problem.prerequisite_groups[to].push_back({from});
    }
  }
  ASSIGN_OR_RETURN(const Json* groups, ArrayMember(root, "", "prerequisite_groups", false));
  if (groups != nullptr) {
    for (size_t k = 0; k < groups->size(); ++k) {
      const Json& group = (*groups)[k];
      const std::string path = Index("prerequisite_groups", k);
      if (!group.is_object()) return Invalid(path, "must be an object");
      ASSIGN_OR_RETURN(const Json* owner, Member(group, path, "credential", true));
      ASSIGN_OR_RETURN(ItemIndex i, ids.Resolve(*owner, Key(path, "credential")));
      ASSIGN_OR_RETURN(const Json* any_of, Member(group, path, "any_of", true));
      ASSIGN_OR_RETURN(std::vector<ItemIndex> members,
                       ids.ResolveAll(*any_of, Key(path, "any_of")));
      problem.prerequisite_groups[i].push_back(std::move(members));
    }
  }
  ASSIGN_OR_RETURN(const Json* exclusive, ArrayMember(root, "", "exclusive_groups", false));
  if (exclusive != nullptr) {
    for (size_t k = 0; k < exclusive->size(); ++k) {
      ASSIGN_OR_RETURN(std::vector<ItemIndex> members,
                       ids.ResolveAll((*exclusive)[k], Index("exclusive_groups", k)));
      problem.exclusive_groups.push_back(std::move(members));
    }
  }
  return absl::OkStatus();
}

absl::Status ParseBudgets(const Json& root, Problem& problem) {
  ASSIGN_OR_RETURN(const Json* budgets, Member(root, "", "budgets", true));
  if (!budgets->is_object()) return Invalid("budgets", "must be an object");
  ASSIGN_OR_RETURN(problem.money_budget, IntegerMember(*budgets, "budgets", "money", 0, kMaxTotal));
  ASSIGN_OR_RETURN(problem.hours_budget, IntegerMember(*budgets, "budgets", "hours", 0, kMaxTotal));
  return absl::OkStatus();
}

absl::Status ParseTarget(const Json& root, Problem& problem, const IdIndex& ids) {
  ASSIGN_OR_RETURN(const Json* node, Member(root, "", "target", false));
  if (node == nullptr) return absl::OkStatus();
  if (!node->is_object()) return Invalid("target", "must be an object");
  const Json& json = *node;
  Target target;
  ASSIGN_OR_RETURN(target.credit_threshold,
                   IntegerMember(json, "target", "credit_threshold", 0, kMaxTotal));
  ASSIGN_OR_RETURN(target.bonus, IntegerMember(json, "target", "bonus", 0, kMaxMagnitude));
  ASSIGN_OR_RETURN(target.credit_cap, IntegerMember(json, "target", "credit_cap", 0, kMaxTotal, 0));
  ASSIGN_OR_RETURN(const Json* core, Member(json, "target", "core", false));
  if (core != nullptr) {
    ASSIGN_OR_RETURN(target.core, ids.ResolveAll(*core, "target.core"));
  }
  ASSIGN_OR_RETURN(const Json* electives, ArrayMember(json, "target", "electives", false));
  if (electives != nullptr) {
    for (size_t r = 0; r < electives->size(); ++r) {
      const Json& entry = (*electives)[r];
      const std::string path = Index("target.electives", r);
      if (!entry.is_object()) return Invalid(path, "must be an object");
      ElectiveRule rule;
      ASSIGN_OR_RETURN(const Json* name, Member(entry, path, "name", false));
      if (name != nullptr) {
        if (!name->is_string()) return Invalid(Key(path, "name"), "must be a string");
        rule.name = name->get<std::string>();
      }
      ASSIGN_OR_RETURN(const Json* items, Member(entry, path, "items", true));
      ASSIGN_OR_RETURN(rule.items, ids.ResolveAll(*items, Key(path, "items")));
      ASSIGN_OR_RETURN(const int64_t min_count,
                       IntegerMember(entry, path, "min_count", 0, kMaxCount - 1));
      rule.min_count = static_cast<int32_t>(min_count);
      target.electives.push_back(std::move(rule));
    }
  }
  ASSIGN_OR_RETURN(const Json* overlaps, ArrayMember(json, "target", "overlaps", false));
  if (overlaps != nullptr) {
    for (size_t k = 0; k < overlaps->size(); ++k) {
      const Json& entry = (*overlaps)[k];
      const std::string path = Index("target.overlaps", k);
      if (!entry.is_object()) return Invalid(path, "must be an object");
      Overlap overlap;
      ASSIGN_OR_RETURN(const Json* a, Member(entry, path, "a", true));
      ASSIGN_OR_RETURN(overlap.a, ids.Resolve(*a, Key(path, "a")));
      ASSIGN_OR_RETURN(const Json* b, Member(entry, path, "b", true));
      ASSIGN_OR_RETURN(overlap.b, ids.Resolve(*b, Key(path, "b")));
      if (overlap.a == overlap.b) return Invalid(path, "an item cannot overlap itself");
      ASSIGN_OR_RETURN(overlap.shared_credit,
                       IntegerMember(entry, path, "shared_credit", 0, kMaxMagnitude));
      target.overlaps.push_back(overlap);
    }
  }
  problem.target = std::move(target);
  return absl::OkStatus();
}

absl::StatusOr<Problem> ParseRoot(const Json& root) {
  if (!root.is_object()) return absl::InvalidArgumentError("problem: must be a JSON object");
  Problem problem;
  IdIndex ids;
  RETURN_IF_ERROR(ParseCredentials(root, problem, ids));
  RETURN_IF_ERROR(ParseStructure(root, problem, ids));
  RETURN_IF_ERROR(ParseBudgets(root, problem));
  RETURN_IF_ERROR(ParseTarget(root, problem, ids));
  RETURN_IF_ERROR(ValidateProblem(problem));
  return problem;
}

OrderedJson Ids(const Problem& problem, const std::vector<ItemIndex>& items) {
  OrderedJson ids = OrderedJson::array();
  for (ItemIndex i : items) ids.push_back(problem.items[i].id);
  return ids;
}

OrderedJson SolutionJson(const Problem& problem, const Solution& solution) {
  OrderedJson json;
  json["objective"] = solution.objective;
  json["selected"] = Ids(problem, solution.selected);
  json["totals"] = {{"fee", solution.fee}, {"hours", solution.hours}, {"credit", solution.credit}};
  json["target_met"] = solution.target_met;
  return json;
}

const char* StatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kFeasible:
      return "feasible";
    case SolveStatus::kInfeasible:
      return "infeasible";
    case SolveStatus::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace

absl::StatusOr<Problem> ParseProblemJson(std::string_view text) {
  try {
    Json root;
    try {
      root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& error) {
      // "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error ..."
      const std::string what = error.what();
      const size_t at = what.find("line ");
      return absl::InvalidArgumentError(at == std::string::npos ? what : what.substr(at));
    }
    return ParseRoot(root);
  } catch (const std::exception& error) {
    // The checks above make this unreachable; it keeps any library surprise inside.
    return absl::InvalidArgumentError(absl::StrCat("problem: ", error.what()));
  }
}

std::string ProblemToJson(const Problem& problem) {
  OrderedJson json;
  OrderedJson credentials = OrderedJson::array();
  for (const Item& item : problem.items) {
    credentials.push_back({{"id", item.id},
                           {"fee", item.fee},
                           {"hours", item.hours},
                           {"value", item.value},
                           {"credit_points", item.credit}});
  }
  json["credentials"] = std::move(credentials);
  OrderedJson pairs = OrderedJson::array();
  OrderedJson groups = OrderedJson::array();
  for (size_t i = 0; i < problem.prerequisite_groups.size(); ++i) {
    for (const auto& group : problem.prerequisite_groups[i]) {
      if (group.size() == 1) {
        pairs.push_back({problem.items[group[0]].id, problem.items[i].id});
      } else {
        groups.push_back({{"credential", problem.items[i].id}, {"any_of", Ids(problem, group)}});
      }
    }
  }
  json["prerequisites"] = std::move(pairs);
  if (!groups.empty()) json["prerequisite_groups"] = std::move(groups);
  std::vector<ItemIndex> held;
  for (size_t i = 0; i < problem.items.size(); ++i) {
    if (problem.items[i].held) held.push_back(static_cast<ItemIndex>(i));
  }
  if (!held.empty()) json["held"] = Ids(problem, held);
  if (!problem.exclusive_groups.empty()) {
    OrderedJson exclusive = OrderedJson::array();
    for (const auto& group : problem.exclusive_groups) exclusive.push_back(Ids(problem, group));
    json["exclusive_groups"] = std::move(exclusive);
  }
  json["budgets"] = {{"money", problem.money_budget}, {"hours", problem.hours_budget}};
  if (problem.target.has_value()) {
    const Target& target = *problem.target;
    OrderedJson out;
    out["credit_threshold"] = target.credit_threshold;
    out["core"] = Ids(problem, target.core);
    out["bonus"] = target.bonus;
    if (target.credit_cap != 0) out["credit_cap"] = target.credit_cap;
    if (!target.electives.empty()) {
      OrderedJson electives = OrderedJson::array();
      for (const ElectiveRule& rule : target.electives) {
        electives.push_back({{"name", rule.name},
                             {"items", Ids(problem, rule.items)},
                             {"min_count", rule.min_count}});
      }
      out["electives"] = std::move(electives);
    }
    if (!target.overlaps.empty()) {
      OrderedJson overlaps = OrderedJson::array();
      for (const Overlap& overlap : target.overlaps) {
        overlaps.push_back({{"a", problem.items[overlap.a].id},
                            {"b", problem.items[overlap.b].id},
                            {"shared_credit", overlap.shared_credit}});
      }
      out["overlaps"] = std::move(overlaps);
    }
    json["target"] = std::move(out);
  }
  return json.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
}

std::string ResultToJson(const Problem& problem, const SolveResult& result,
                         const ResultJsonSections& sections) {
  OrderedJson json;
  json["status"] = StatusName(result.status);
  const Solution best = result.pathways.empty() ? Solution{} : result.pathways.front();
  const OrderedJson summary = SolutionJson(problem, best);
  for (const auto& [key, value] : summary.items()) json[key] = value;
  json["proven_optimal"] = result.proven_optimal;
  json["bound"] = result.bound;
  json["gap"] = result.gap;
  json["elapsed_ms"] = result.stats.elapsed_ms;
  json["nodes"] = result.stats.nodes;
  json["evaluations"] = result.stats.bound_evaluations;
  if (result.stats.root_bound.has_value()) {
    json["root_bound"] = *result.stats.root_bound;
  } else {
    json["root_bound"] = nullptr;
  }
  json["candidates"] = result.stats.candidates_after_preprocessing;
  if (sections.pathways) {
    OrderedJson pathways = OrderedJson::array();
    for (const Solution& pathway : result.pathways)
      pathways.push_back(SolutionJson(problem, pathway));
    json["pathways"] = std::move(pathways);
  }
  if (sections.pareto) {
    OrderedJson front = OrderedJson::array();
    for (const ParetoPoint& point : result.pareto) {
      OrderedJson entry = SolutionJson(problem, point.solution);
      entry["proven"] = point.proven;
      front.push_back(std::move(entry));
    }
    json["pareto"] = std::move(front);
  }
  return json.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
}

std::string ResultToJson(const Problem& problem, const SolveResult& result) {
  return ResultToJson(problem, result,
                      ResultJsonSections{result.pathways.size() > 1, !result.pareto.empty()});
}

}  // namespace credpath::optimizer
