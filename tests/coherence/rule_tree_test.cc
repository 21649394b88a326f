// The rule tree judged on a fixed set of items, without a catalogue.
#include "coherence/rule_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "tests/coherence/fixtures.h"

namespace credpath::coherence::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Rule;
using K = core::RuleKind;

// Items with credit and level; the available ones in the order given.
class FakeItems final : public RuleItems {
 public:
  struct Item {
    int64_t credit = 10;
    int32_t level = 7;
  };
  FakeItems(std::vector<std::string> available, std::map<std::string, Item> facts = {})
      : available_(std::move(available)), facts_(std::move(facts)) {}

  bool Available(std::string_view id) const override { return Order(id) >= 0; }
  int Order(std::string_view id) const override {
    for (size_t i = 0; i < available_.size(); ++i) {
      if (available_[i] == id) return static_cast<int>(i);
    }
    return -1;
  }
  int64_t Credit(std::span<const std::string> ids) const override {
    int64_t total = 0;
    for (const std::string& id : ids) total += Fact(id).credit;
    return total;
  }
  int32_t Level(std::string_view id) const override { return Fact(std::string(id)).level; }
  std::vector<std::string> OverrideItems(std::string_view rule) const override {
    return rule == "Capstone" ? std::vector<std::string>{"rpl"} : std::vector<std::string>{};
  }

 private:
  Item Fact(const std::string& id) const {
    auto it = facts_.find(id);
    return it != facts_.end() ? it->second : Item{};
  }
  std::vector<std::string> available_;
  std::map<std::string, Item> facts_;
};

core::RuleNode Items(std::string name, int min, std::vector<std::string> items) {
  core::RuleNode node = Rule(std::move(name), K::kAtLeastItems, std::move(items));
  node.min_items = min;
  return node;
}

core::RuleNode Credits(std::string name, int64_t min, std::vector<std::string> items,
                       int32_t level = 0) {
  core::RuleNode node =
      Rule(std::move(name), level > 0 ? K::kCreditsAtLevel : K::kAtLeastCredits, std::move(items));
  node.min_credits = min;
  node.min_level = level;
  return node;
}

TEST(EvaluateRules, AllOfNeedsEveryItemAndChild) {
  const core::RuleNode root = Rule("root", K::kAllOf, {"a", "b"}, {Items("one", 1, {"c", "d"})});
  RuleTreeResult r = EvaluateRules(root, FakeItems({"a", "b", "d"}));
  EXPECT_TRUE(r.holds());
  EXPECT_THAT(r.nodes[1].counted, ElementsAre("d"));
  r = EvaluateRules(root, FakeItems({"a", "d"}));
  EXPECT_FALSE(r.holds());
  EXPECT_THAT(r.nodes[0].detail, HasSubstr("missing: b"));
}

TEST(EvaluateRules, AtLeastItemsCountsItemsAndChildren) {
  core::RuleNode root = Items("root", 2, {"a", "b"});
  root.children = {Items("child", 1, {"c"})};
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"a", "c"})).holds());
  const RuleTreeResult r = EvaluateRules(root, FakeItems({"a"}));
  EXPECT_FALSE(r.holds());
  EXPECT_THAT(r.nodes[0].detail, HasSubstr("1 of 2 needed; counted: a; choose from: b"));
}

TEST(EvaluateRules, CreditsAndCreditsAtLevel) {
  const FakeItems items({"a", "b", "c"}, {{"a", {12, 9}}, {"b", {6, 8}}, {"c", {6, 9}}});
  RuleTreeResult r = EvaluateRules(Credits("credits", 18, {"a", "b", "c"}), items);
  EXPECT_TRUE(r.holds());
  EXPECT_EQ(r.nodes[0].credit, 18);
  EXPECT_THAT(r.nodes[0].counted, ElementsAre("a", "b"));
  r = EvaluateRules(Credits("advanced", 24, {"a", "b", "c"}, 9), items);
  EXPECT_FALSE(r.holds());
  EXPECT_EQ(r.nodes[0].credit, 18);
  EXPECT_THAT(r.nodes[0].detail, HasSubstr("18 of 24 credits at level 9 or above"));
}

TEST(EvaluateRules, FromDistinctGroupsCountsGroupsThatHold) {
  core::RuleNode root = Rule("breadth", K::kFromDistinctGroups, {},
                             {Items("x", 1, {"a"}), Items("y", 1, {"b"}), Items("z", 1, {"c"})});
  root.min_groups = 2;
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"a", "c"})).holds());
  const RuleTreeResult r = EvaluateRules(root, FakeItems({"b"}));
  EXPECT_FALSE(r.holds());
  EXPECT_THAT(r.nodes[0].detail, HasSubstr("1 of 2 groups met: y; choose from: x, z"));
}

TEST(EvaluateRules, AnItemCountsOnceUnlessAGroupAllowsDoubleCounting) {
  core::RuleNode root =
      Rule("root", K::kAllOf, {}, {Items("g1", 1, {"x", "y"}), Items("g2", 1, {"x", "z"})});
  RuleTreeResult r = EvaluateRules(root, FakeItems({"x"}));
  EXPECT_FALSE(r.holds());
  EXPECT_TRUE(r.nodes[1].satisfied);
  EXPECT_FALSE(r.nodes[2].satisfied);
  EXPECT_TRUE(r.nodes[2].satisfied_if_shared);
  EXPECT_THAT(r.nodes[2].shared, ElementsAre("x"));
  EXPECT_THAT(r.nodes[2].owners, ElementsAre("g1"));
  // The uncontested item goes where only it fits, whatever the order.
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"x", "y"})).holds());
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"x", "z"})).holds());
  // Allowed on the parent: every group under it may share.
  root.allow_double_counting = true;
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"x"})).holds());
}

TEST(EvaluateRules, AClaimedItemIsFreedWhenItsOwnerCanSwap) {
  // x and w are equally contested: g1 takes x (first in order), and g2, which can only use
  // x, gets it once g1 swaps to w.
  core::RuleNode root =
      Rule("root", K::kAllOf, {},
           {Items("g1", 1, {"x", "w"}), Items("g2", 1, {"x", "p"}), Items("g3", 1, {"w", "q"})});
  const RuleTreeResult r = EvaluateRules(root, FakeItems({"x", "w", "q"}));
  EXPECT_TRUE(r.holds());
  EXPECT_THAT(r.nodes[1].counted, ElementsAre("w"));
  EXPECT_THAT(r.nodes[2].counted, ElementsAre("x"));
  EXPECT_THAT(r.nodes[3].counted, ElementsAre("q"));
}

TEST(EvaluateRules, OverridesCountTowardTheNamedRule) {
  const core::RuleNode root = Items("Capstone", 1, {"cap1"});
  EXPECT_TRUE(EvaluateRules(root, FakeItems({"rpl"})).holds());
  EXPECT_FALSE(EvaluateRules(Items("Other", 1, {"cap1"}), FakeItems({"rpl"})).holds());
}

TEST(EvaluateRules, UnnamedNodesAreNamedByTheirPath) {
  const core::RuleNode root = Rule("", K::kAllOf, {}, {Items("", 1, {"a"})});
  const RuleTreeResult r = EvaluateRules(root, FakeItems({}));
  EXPECT_EQ(r.nodes[0].name, "rules");
  EXPECT_EQ(r.nodes[1].name, "rule 0");
}

}  // namespace
}  // namespace credpath::coherence::internal
