#include "optimizer/problem_io.h"

#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlohmann/json.hpp"
#include "optimizer/json_reader.h"
#include "optimizer/model.h"

namespace credpath::optimizer {
namespace {

using OrderedJson = nlohmann::ordered_json;

// Budgets and thresholds are only compared, so they may exceed the per-item limit.
constexpr int64_t kMaxTotal = int64_t{1} << 61;
constexpr int64_t kMaxCount = int64_t{1} << 31;

// Paths of fields are built only for a message: most files have no error.
using Path = absl::FunctionRef<std::string()>;

absl::Status Invalid(const std::string& path, const std::string& reason) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", reason));
}

std::string Index(const std::string& base, size_t i) { return absl::StrCat(base, "[", i, "]"); }
std::string Key(const std::string& base, const char* key) {
  return base.empty() ? std::string(key) : absl::StrCat(base, ".", key);
}

absl::Status Missing(Path base, const char* key) { return Invalid(Key(base(), key), "missing"); }

absl::StatusOr<JsonValue> Required(const JsonValue& object, Path base, const char* key) {
  std::optional<JsonValue> value = object.Find(key);
  if (!value.has_value()) return Missing(base, key);
  return *value;
}

absl::StatusOr<int64_t> Integer(const JsonValue& value, Path path, int64_t lo, int64_t hi) {
  if (value.type() == JsonValue::Type::kInteger && value.integer() >= lo && value.integer() <= hi) {
    return value.integer();
  }
  if (!value.is_number()) return Invalid(path(), "must be a number");
  if (!value.is_integer()) return Invalid(path(), "must be an integer");
  const bool low =
      value.type() == JsonValue::Type::kInteger ? value.integer() < lo : value.negative();
  return low ? Invalid(path(), absl::StrCat("must be >= ", lo))
             : Invalid(path(), absl::StrCat("must be <= ", hi));
}

// The integer member `key`; `fallback` when absent (required when there is none).
absl::StatusOr<int64_t> IntegerMember(const JsonValue& object, Path base, const char* key,
                                      int64_t lo, int64_t hi,
                                      std::optional<int64_t> fallback = std::nullopt) {
  std::optional<JsonValue> value = object.Find(key);
  if (!value.has_value()) {
    if (fallback.has_value()) return *fallback;
    return Missing(base, key);
  }
  return Integer(
      *value, [&] { return Key(base(), key); }, lo, hi);
}

// The optional member `key`, which must be an array when present.
absl::StatusOr<std::optional<JsonValue>> OptionalArray(const JsonValue& object, Path base,
                                                       const char* key) {
  std::optional<JsonValue> value = object.Find(key);
  if (value.has_value() && !value->is_array()) return Invalid(Key(base(), key), "must be an array");
  return value;
}

std::string Root() { return ""; }

// Reads one element of an array: `k` is its position, `path` names it (base[k]).
using ElementReader =
    absl::FunctionRef<absl::Status(const JsonValue& element, size_t k, Path path)>;

// Reads the elements of `array` in order, stopping at the first error.
absl::Status ForEachElement(const JsonValue& array, Path base, ElementReader read) {
  size_t k = 0;
  for (const JsonValue element : array.elements()) {
    RETURN_IF_ERROR(read(element, k, [&] { return Index(base(), k); }));
    ++k;
  }
  return absl::OkStatus();
}

// Reads the elements of the optional array member `key`, if present.
absl::Status ForEachInArrayMember(const JsonValue& object, Path base, const char* key,
                                  ElementReader read) {
  ASSIGN_OR_RETURN(const std::optional<JsonValue> array, OptionalArray(object, base, key));
  if (!array.has_value()) return absl::OkStatus();
  return ForEachElement(
      *array, [&] { return Key(base(), key); }, read);
}

class IdIndex {
 public:
  // false when the id is taken.
  bool Add(std::string_view id, ItemIndex i) { return index_.emplace(id, i).second; }

  absl::StatusOr<ItemIndex> Resolve(const JsonValue& value, Path path) const {
    if (!value.is_string()) return Invalid(path(), "must be an id (a string)");
    auto it = index_.find(value.string());
    if (it == index_.end()) {
      return Invalid(path(), absl::StrCat("unknown id \"", std::string(value.string()), "\""));
    }
    return it->second;
  }

  absl::StatusOr<std::vector<ItemIndex>> ResolveAll(const JsonValue& value, Path path) const {
    if (!value.is_array()) return Invalid(path(), "must be an array of ids");
    std::vector<ItemIndex> items;
    items.reserve(value.size());
    RETURN_IF_ERROR(ForEachElement(value, path, [&](const JsonValue& element, size_t, Path at) {
      ASSIGN_OR_RETURN(ItemIndex i, Resolve(element, at));
      items.push_back(i);
      return absl::OkStatus();
    }));
    return items;
  }

 private:
  // Views into the document, which outlives the index.
  absl::flat_hash_map<std::string_view, ItemIndex> index_;
};

absl::Status ParseCredentials(const JsonValue& root, Problem& problem, IdIndex& ids) {
  ASSIGN_OR_RETURN(const JsonValue credentials, Required(root, Root, "credentials"));
  if (!credentials.is_array()) return Invalid("credentials", "must be an array");
  problem.items.reserve(credentials.size());
  const auto read = [&](const JsonValue& entry, size_t i, Path path) -> absl::Status {
    if (!entry.is_object()) return Invalid(path(), "must be an object");
    Item item;
    ASSIGN_OR_RETURN(const JsonValue id, Required(entry, path, "id"));
    if (!id.is_string() || id.string().empty()) {
      return Invalid(Key(path(), "id"), "must be a non-empty string");
    }
    item.id = std::string(id.string());
    if (!ids.Add(id.string(), static_cast<ItemIndex>(i))) {
      return Invalid(Key(path(), "id"), absl::StrCat("duplicate id \"", item.id, "\""));
    }
    ASSIGN_OR_RETURN(item.fee, IntegerMember(entry, path, "fee", 0, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.hours, IntegerMember(entry, path, "hours", 0, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.value,
                     IntegerMember(entry, path, "value", -kMaxMagnitude, kMaxMagnitude));
    ASSIGN_OR_RETURN(item.credit, IntegerMember(entry, path, "credit_points", 0, kMaxMagnitude, 0));
    problem.items.push_back(std::move(item));
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(ForEachElement(
      credentials, [] { return "credentials"; }, read));
  problem.prerequisite_groups.resize(problem.items.size());
  return absl::OkStatus();
}

absl::Status ParseStructure(const JsonValue& root, Problem& problem, const IdIndex& ids) {
  ASSIGN_OR_RETURN(const std::optional<JsonValue> held, OptionalArray(root, Root, "held"));
  if (held.has_value()) {
    ASSIGN_OR_RETURN(std::vector<ItemIndex> items, ids.ResolveAll(*held, [] { return "held"; }));
    for (ItemIndex i : items) problem.items[i].held = true;
  }
  RETURN_IF_ERROR(ForEachInArrayMember(root, Root, "prerequisites",
                                       [&](const JsonValue& pair, size_t, Path path) {
                                         if (!pair.is_array() || pair.size() != 2)
                                           return Invalid(path(), "must be a pair of ids");
                                         auto ends = pair.elements().begin();
                                         ASSIGN_OR_RETURN(ItemIndex from, ids.Resolve(*ends, path));
                                         ASSIGN_OR_RETURN(ItemIndex to, ids.Resolve(*++ends, path));
                                         problem.prerequisite_groups[to].push_back({from});
                                         return absl::OkStatus();
                                       }));
  RETURN_IF_ERROR(ForEachInArrayMember(
      root, Root, "prerequisite_groups", [&](const JsonValue& group, size_t, Path path) {
        if (!group.is_object()) return Invalid(path(), "must be an object");
        ASSIGN_OR_RETURN(const JsonValue owner, Required(group, path, "credential"));
        ASSIGN_OR_RETURN(ItemIndex i,
                         ids.Resolve(owner, [&] { return Key(path(), "credential"); }));
        ASSIGN_OR_RETURN(const JsonValue any_of, Required(group, path, "any_of"));
        ASSIGN_OR_RETURN(std::vector<ItemIndex> members,
                         ids.ResolveAll(any_of, [&] { return Key(path(), "any_of"); }));
        problem.prerequisite_groups[i].push_back(std::move(members));
        return absl::OkStatus();
      }));
  return ForEachInArrayMember(
      root, Root, "exclusive_groups", [&](const JsonValue& group, size_t, Path path) {
        ASSIGN_OR_RETURN(std::vector<ItemIndex> members, ids.ResolveAll(group, path));
        problem.exclusive_groups.push_back(std::move(members));
        return absl::OkStatus();
      });
}

absl::Status ParseBudgets(const JsonValue& root, Problem& problem) {
  ASSIGN_OR_RETURN(const JsonValue budgets, Required(root, Root, "budgets"));
  if (!budgets.is_object()) return Invalid("budgets", "must be an object");
  const auto path = [] { return "budgets"; };
  ASSIGN_OR_RETURN(problem.money_budget, IntegerMember(budgets, path, "money", 0, kMaxTotal));
  ASSIGN_OR_RETURN(problem.hours_budget, IntegerMember(budgets, path, "hours", 0, kMaxTotal));
  return absl::OkStatus();
}

absl::Status ParseTarget(const JsonValue& root, Problem& problem, const IdIndex& ids) {
  const std::optional<JsonValue> node = root.Find("target");
  if (!node.has_value()) return absl::OkStatus();
  if (!node->is_object()) return Invalid("target", "must be an object");
  const JsonValue& json = *node;
  const auto base = [] { return "target"; };
  Target target;
  ASSIGN_OR_RETURN(target.credit_threshold,
                   IntegerMember(json, base, "credit_threshold", 0, kMaxTotal));
  ASSIGN_OR_RETURN(target.bonus, IntegerMember(json, base, "bonus", 0, kMaxMagnitude));
  ASSIGN_OR_RETURN(target.credit_cap, IntegerMember(json, base, "credit_cap", 0, kMaxTotal, 0));
  if (const std::optional<JsonValue> core = json.Find("core"); core.has_value()) {
    ASSIGN_OR_RETURN(target.core, ids.ResolveAll(*core, [] { return "target.core"; }));
  }
  RETURN_IF_ERROR(
      ForEachInArrayMember(json, base, "electives", [&](const JsonValue& entry, size_t, Path path) {
        if (!entry.is_object()) return Invalid(path(), "must be an object");
        ElectiveRule rule;
        if (const std::optional<JsonValue> name = entry.Find("name"); name.has_value()) {
          if (!name->is_string()) return Invalid(Key(path(), "name"), "must be a string");
          rule.name = std::string(name->string());
        }
        ASSIGN_OR_RETURN(const JsonValue items, Required(entry, path, "items"));
        ASSIGN_OR_RETURN(rule.items, ids.ResolveAll(items, [&] { return Key(path(), "items"); }));
        ASSIGN_OR_RETURN(const int64_t min_count,
                         IntegerMember(entry, path, "min_count", 0, kMaxCount - 1));
        rule.min_count = static_cast<int32_t>(min_count);
        target.electives.push_back(std::move(rule));
        return absl::OkStatus();
      }));
  RETURN_IF_ERROR(
      ForEachInArrayMember(json, base, "overlaps", [&](const JsonValue& entry, size_t, Path path) {
        if (!entry.is_object()) return Invalid(path(), "must be an object");
        Overlap overlap;
        ASSIGN_OR_RETURN(const JsonValue a, Required(entry, path, "a"));
        ASSIGN_OR_RETURN(overlap.a, ids.Resolve(a, [&] { return Key(path(), "a"); }));
        ASSIGN_OR_RETURN(const JsonValue b, Required(entry, path, "b"));
        ASSIGN_OR_RETURN(overlap.b, ids.Resolve(b, [&] { return Key(path(), "b"); }));
        if (overlap.a == overlap.b) return Invalid(path(), "an item cannot overlap itself");
        ASSIGN_OR_RETURN(overlap.shared_credit,
                         IntegerMember(entry, path, "shared_credit", 0, kMaxMagnitude));
        target.overlaps.push_back(overlap);
        return absl::OkStatus();
      }));
  problem.target = std::move(target);
  return absl::OkStatus();
}

absl::StatusOr<Problem> ParseRoot(const JsonValue& root) {
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
  ASSIGN_OR_RETURN(const JsonDocument document, JsonDocument::Read(text));
  return ParseRoot(document.root());
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
