// Problem files: the basic format, the extensions, every named error, and round trips.
#include "optimizer/problem_io.h"

#include <algorithm>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "optimizer/solver.h"
#include "tests/optimizer/random_problem.h"

namespace credpath::optimizer {
namespace {

constexpr char kBasic[] = R"({
  "credentials": [
    {"id": "C1", "fee": 450, "hours": 30, "value": 34, "credit_points": 10},
    {"id": "C2", "fee": 300, "hours": 20, "value": -5, "credit_points": 5},
    {"id": "C7", "fee": 900, "hours": 60, "value": 80, "credit_points": 20}
  ],
  "prerequisites": [["C1", "C7"]],
  "budgets": {"money": 3288, "hours": 256},
  "target": {"credit_threshold": 30, "core": ["C1"], "bonus": 66},
  "comment": "unknown top-level keys are ignored"
})";

absl::Status ParseError(const std::string& text) { return ParseProblemJson(text).status(); }

void ExpectError(const std::string& text, absl::StatusCode code, const std::string& message) {
  const absl::Status status = ParseError(text);
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_NE(std::string(status.message()).find(message), std::string::npos)
      << "wanted \"" << message << "\", got " << status;
}

// kBasic with `from` replaced by `to`.
std::string Edit(const std::string& from, const std::string& to) {
  std::string text = kBasic;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ParseProblemJson, ReadsTheBasicModel) {
  absl::StatusOr<Problem> problem = ParseProblemJson(kBasic);
  ASSERT_TRUE(problem.ok()) << problem.status();
  ASSERT_EQ(problem->items.size(), 3u);
  EXPECT_EQ(problem->items[0].id, "C1");
  EXPECT_EQ(problem->items[1].value, -5);
  EXPECT_EQ(problem->items[2].credit, 20);
  EXPECT_FALSE(problem->items[0].held);
  EXPECT_EQ(problem->prerequisite_groups[2], (std::vector<std::vector<ItemIndex>>{{0}}));
  EXPECT_EQ(problem->money_budget, 3288);
  EXPECT_EQ(problem->hours_budget, 256);
  ASSERT_TRUE(problem->target.has_value());
  EXPECT_EQ(problem->target->credit_threshold, 30);
  EXPECT_EQ(problem->target->core, (std::vector<ItemIndex>{0}));
  EXPECT_EQ(problem->target->bonus, 66);
  EXPECT_EQ(problem->target->credit_cap, 0);
  EXPECT_TRUE(problem->exclusive_groups.empty());
}

TEST(ParseProblemJson, ReadsTheExtensions) {
  absl::StatusOr<Problem> problem = ParseProblemJson(R"({
    "credentials": [{"id": "A", "fee": 1, "hours": 1, "value": 1},
                    {"id": "B", "fee": 1, "hours": 1, "value": 1},
                    {"id": "C", "fee": 1, "hours": 1, "value": 1}],
    "held": ["A"],
    "prerequisite_groups": [{"credential": "C", "any_of": ["A", "B"]}],
    "exclusive_groups": [["B", "C"]],
    "budgets": {"money": 5, "hours": 5},
    "target": {"credit_threshold": 0, "bonus": 3, "credit_cap": 9,
               "electives": [{"name": "any", "items": ["B", "C"], "min_count": 1}],
               "overlaps": [{"a": "B", "b": "C", "shared_credit": 2}]}
  })");
  ASSERT_TRUE(problem.ok()) << problem.status();
  EXPECT_TRUE(problem->items[0].held);
  EXPECT_EQ(problem->items[0].credit, 0);  // credit_points is optional
  EXPECT_EQ(problem->prerequisite_groups[2], (std::vector<std::vector<ItemIndex>>{{0, 1}}));
  EXPECT_EQ(problem->exclusive_groups, (std::vector<std::vector<ItemIndex>>{{1, 2}}));
  EXPECT_EQ(problem->target->credit_cap, 9);
  ASSERT_EQ(problem->target->electives.size(), 1u);
  EXPECT_EQ(problem->target->electives[0].name, "any");
  EXPECT_EQ(problem->target->electives[0].min_count, 1);
  ASSERT_EQ(problem->target->overlaps.size(), 1u);
  EXPECT_EQ(problem->target->overlaps[0].shared_credit, 2);
}

TEST(ParseProblemJson, MalformedJsonNamesLineAndColumn) {
  ExpectError("{\n  \"credentials\": [\n    {\"id\": tru}\n  ]\n}",
              absl::StatusCode::kInvalidArgument, "line 3, column");
  ExpectError("", absl::StatusCode::kInvalidArgument, "line 1, column 1");
  ExpectError("[1, 2]", absl::StatusCode::kInvalidArgument, "problem: must be a JSON object");
}

TEST(ParseProblemJson, NamesTheField) {
  using absl::StatusCode;
  ExpectError(Edit("\"fee\": 300", "\"fee\": -1"), StatusCode::kInvalidArgument,
              "credentials[1].fee: must be >= 0");
  ExpectError(Edit("\"fee\": 300, ", ""), StatusCode::kInvalidArgument,
              "credentials[1].fee: missing");
  ExpectError(Edit("\"hours\": 60", "\"hours\": 1.5"), StatusCode::kInvalidArgument,
              "credentials[2].hours: must be an integer");
  ExpectError(Edit("\"fee\": 300", "\"fee\": 99999999999999999999"), StatusCode::kInvalidArgument,
              "credentials[1].fee: must be <= 1099511627776");
  ExpectError(Edit("\"value\": 34", "\"value\": -99999999999999999999"),
              StatusCode::kInvalidArgument, "credentials[0].value: must be >= -1099511627776");
  ExpectError(Edit("\"fee\": 300", "\"fee\": 2e3"), StatusCode::kInvalidArgument,
              "credentials[1].fee: must be an integer");
  ExpectError(Edit("\"value\": 34", "\"value\": \"high\""), StatusCode::kInvalidArgument,
              "credentials[0].value: must be a number");
  ExpectError(Edit("\"id\": \"C7\"", "\"id\": \"C1\""), StatusCode::kInvalidArgument,
              "credentials[2].id: duplicate id \"C1\"");
  ExpectError(Edit("[[\"C1\", \"C7\"]]", "[[\"C99\", \"C7\"]]"), StatusCode::kInvalidArgument,
              "prerequisites[0]: unknown id \"C99\"");
  ExpectError(Edit("[[\"C1\", \"C7\"]]", "[[\"C1\"]]"), StatusCode::kInvalidArgument,
              "prerequisites[0]: must be a pair of ids");
  ExpectError(Edit("\"budgets\": {\"money\": 3288, \"hours\": 256},", ""),
              StatusCode::kInvalidArgument, "budgets: missing");
  ExpectError(Edit("\"money\": 3288, ", ""), StatusCode::kInvalidArgument,
              "budgets.money: missing");
  ExpectError(Edit("\"core\": [\"C1\"]", "\"core\": [\"C3\"]"), StatusCode::kInvalidArgument,
              "target.core[0]: unknown id \"C3\"");
  ExpectError(Edit("\"bonus\": 66", "\"bonus\": -66"), StatusCode::kInvalidArgument,
              "target.bonus: must be >= 0");
  ExpectError(Edit("\"credentials\"", "\"credentialz\""), StatusCode::kInvalidArgument,
              "credentials: missing");
  ExpectError(Edit("\"budgets\"", "\"held\": [\"C9\"], \"budgets\""), StatusCode::kInvalidArgument,
              "held[0]: unknown id \"C9\"");
  ExpectError(Edit("\"budgets\"",
                   "\"prerequisite_groups\": [{\"credential\": \"C7\", \"any_of\": [\"C2\", 4]}], "
                   "\"budgets\""),
              StatusCode::kInvalidArgument, "prerequisite_groups[0].any_of[1]: must be an id");
}

TEST(ParseProblemJson, PrerequisiteCycleNamesItsIds) {
  ExpectError(Edit("[[\"C1\", \"C7\"]]", "[[\"C1\", \"C7\"], [\"C7\", \"C2\"], [\"C2\", \"C1\"]]"),
              absl::StatusCode::kFailedPrecondition, "prerequisite cycle: C1 -> C7 -> C2 -> C1");
}

TEST(ProblemToJson, RoundTripsRandomProblems) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    testing::RandomProblems random(seed);
    const Problem problem = random.Make(1 + static_cast<int>(seed % 12));
    absl::StatusOr<Problem> again = ParseProblemJson(ProblemToJson(problem));
    ASSERT_TRUE(again.ok()) << "seed " << seed << ": " << again.status();
    // Groups may come back in another order; compare them as sorted lists.
    auto sorted = [](std::vector<std::vector<ItemIndex>> groups) {
      std::sort(groups.begin(), groups.end());
      return groups;
    };
    ASSERT_EQ(again->items.size(), problem.items.size());
    for (size_t i = 0; i < problem.items.size(); ++i) {
      EXPECT_EQ(again->items[i].id, problem.items[i].id);
      EXPECT_EQ(again->items[i].fee, problem.items[i].fee);
      EXPECT_EQ(again->items[i].hours, problem.items[i].hours);
      EXPECT_EQ(again->items[i].value, problem.items[i].value);
      EXPECT_EQ(again->items[i].credit, problem.items[i].credit);
      EXPECT_EQ(again->items[i].held, problem.items[i].held);
      EXPECT_EQ(sorted(again->prerequisite_groups[i]), sorted(problem.prerequisite_groups[i]));
    }
    EXPECT_EQ(again->exclusive_groups, problem.exclusive_groups);
    EXPECT_EQ(again->money_budget, problem.money_budget);
    EXPECT_EQ(again->hours_budget, problem.hours_budget);
    ASSERT_EQ(again->target.has_value(), problem.target.has_value());
    if (!problem.target.has_value()) continue;
    EXPECT_EQ(again->target->credit_threshold, problem.target->credit_threshold);
    EXPECT_EQ(again->target->credit_cap, problem.target->credit_cap);
    EXPECT_EQ(again->target->core, problem.target->core);
    EXPECT_EQ(again->target->bonus, problem.target->bonus);
    ASSERT_EQ(again->target->electives.size(), problem.target->electives.size());
    for (size_t r = 0; r < problem.target->electives.size(); ++r) {
      EXPECT_EQ(again->target->electives[r].items, problem.target->electives[r].items);
      EXPECT_EQ(again->target->electives[r].min_count, problem.target->electives[r].min_count);
    }
    ASSERT_EQ(again->target->overlaps.size(), problem.target->overlaps.size());
  }
}

TEST(ResultToJson, WritesTheKeysTheCommandPromises) {
  absl::StatusOr<Problem> problem = ParseProblemJson(kBasic);
  ASSERT_TRUE(problem.ok());
  SolveOptions options;
  options.top_k = 2;
  options.pareto = true;
  absl::StatusOr<SolveResult> result = Solve(*problem, options);
  ASSERT_TRUE(result.ok()) << result.status();
  const nlohmann::json json = nlohmann::json::parse(ResultToJson(*problem, *result));
  for (const char* key :
       {"status", "objective", "selected", "totals", "target_met", "proven_optimal", "bound", "gap",
        "elapsed_ms", "nodes", "pathways", "pareto"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["status"], "optimal");
  // C1 then C7 (C7 needs C1): 34 + 80 + the bonus 66 for 30 credit with core C1.
  EXPECT_EQ(json["objective"], 180);
  EXPECT_EQ(json["selected"], nlohmann::json::array({"C1", "C7"}));
  EXPECT_EQ(json["totals"]["fee"], 1350);
  EXPECT_EQ(json["target_met"], true);
  EXPECT_EQ(json["pathways"].size(), 2u);
  const nlohmann::json plain =
      nlohmann::json::parse(ResultToJson(*problem, *result, ResultJsonSections{}));
  EXPECT_FALSE(plain.contains("pathways"));
  EXPECT_FALSE(plain.contains("pareto"));
}

}  // namespace
}  // namespace credpath::optimizer
