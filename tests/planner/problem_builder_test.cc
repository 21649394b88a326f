// BuildProblem's items against the value model: each candidate valued as the model values
// it, explained (on demand) as the model explains it, and held items left unexplained.
#include "planner/problem_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "tests/graph/test_catalog.h"
#include "value/value_model.h"

namespace credpath::planner {
namespace {

using graph::testing::MakeCatalog;

TEST(ProblemBuilderTest, ItemsAreValuedAndExplainedAsTheModelDoes) {
  storage::CatalogData data = MakeCatalog({"A", "B", "C", "D"}, {{"A", "B"}, {"B", "C"}});
  for (core::Credential& c : data.credentials) {
    c.benefits.employer_recognition = core::Level3::kHigh;
    c.benefits.portable = c.id != "C";
    c.effort_hours = 10;
  }
  absl::StatusOr<std::shared_ptr<const graph::CatalogSnapshot>> snapshot =
      graph::CatalogSnapshot::Build(std::move(data));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  const graph::CatalogSnapshot& s = **snapshot;

  PlanRequest request;
  request.learner.profile.money_budget = {100000, "AUD"};
  request.learner.profile.time_budget_hours = 100;
  request.learner.held.push_back({"A", core::Date{20000}, ""});
  request.money_budget = request.learner.profile.money_budget;
  request.hours_budget = 100;
  request.start = core::Date{20000};
  request.value_overrides_millipoints["D"] = 1234;
  absl::StatusOr<value::ValueModel> values =
      value::ValueModel::Create(value::ValueConfig::Defaults(), request.learner.profile, {});
  ASSERT_TRUE(values.ok()) << values.status();

  absl::StatusOr<PlanningProblem> built = BuildProblem(s, *values, request, nullptr, 0);
  ASSERT_TRUE(built.ok()) << built.status();
  ASSERT_EQ(built->candidates, 3);  // B, C, D; A is held
  ASSERT_EQ(built->problem.items.size(), 4u);
  for (optimizer::ItemIndex i = 0; i < 4; ++i) {
    const graph::CredentialIndex c = built->credential_of_item[i];
    const optimizer::Item& item = built->problem.items[i];
    const value::Explanation explanation = built->explanations[i];
    SCOPED_TRACE(item.id);
    if (item.held) {
      EXPECT_EQ(item.id, "A");
      EXPECT_TRUE(explanation.credential_id.empty());
      EXPECT_TRUE(explanation.dimensions.empty());
      EXPECT_TRUE(explanation.costs.empty());
      continue;
    }
    const value::Explanation expected = values->Explain(s, s.credentials()[c]);
    EXPECT_EQ(explanation.credential_id, item.id);
    EXPECT_EQ(explanation.value_millipoints, expected.value_millipoints);
    EXPECT_EQ(explanation.benefit_millipoints, expected.benefit_millipoints);
    EXPECT_EQ(explanation.cost_millipoints, expected.cost_millipoints);
    ASSERT_EQ(explanation.dimensions.size(), expected.dimensions.size());
    for (size_t d = 0; d < expected.dimensions.size(); ++d) {
      EXPECT_EQ(explanation.dimensions[d].dimension, expected.dimensions[d].dimension);
      EXPECT_EQ(explanation.dimensions[d].contribution_millipoints,
                expected.dimensions[d].contribution_millipoints);
    }
    ASSERT_EQ(explanation.costs.size(), expected.costs.size());
    // The override sets the item's value; the explanation stays the model's.
    EXPECT_EQ(item.value, item.id == "D" ? 1234 : expected.value_millipoints);
    EXPECT_EQ(built->overridden[i], item.id == "D");
  }
}

TEST(ProblemBuilderTest, TheFirstIncludeThatCannotBeTakenIsNamed) {
  // B needs A and D needs C; with A and C excluded, neither B nor D can be taken.
  absl::StatusOr<std::shared_ptr<const graph::CatalogSnapshot>> snapshot =
      graph::CatalogSnapshot::Build(MakeCatalog({"A", "B", "C", "D"}, {{"A", "B"}, {"C", "D"}}));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  PlanRequest request;
  request.money_budget = {100000, "AUD"};
  request.hours_budget = 100;
  request.exclude_ids = {"A", "C"};
  absl::StatusOr<value::ValueModel> values =
      value::ValueModel::Create(value::ValueConfig::Defaults(), request.learner.profile, {});
  ASSERT_TRUE(values.ok()) << values.status();
  for (const auto& [first, second] : {std::pair{"D", "B"}, std::pair{"B", "D"}}) {
    request.include_ids = {first, second, first};
    absl::StatusOr<PlanningProblem> built = BuildProblem(**snapshot, *values, request, nullptr, 0);
    EXPECT_EQ(built.status().code(), absl::StatusCode::kFailedPrecondition);
    const std::string named = std::string("include_ids: ") + first + " cannot be taken";
    EXPECT_EQ(built.status().message().substr(0, named.size()), named);
  }
}

}  // namespace
}  // namespace credpath::planner
