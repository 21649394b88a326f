// One minimal catalogue per finding code: a stack that raises the finding (with the
// credentials involved and the remedy text), the remedy applied (the finding is gone),
// and a near-identical stack that does not raise it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/coherence/fixtures.h"

namespace credpath::coherence {
namespace {

using testing::CatalogBuilder;
using testing::Check;
using testing::Checked;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::Rule;
using L = core::LinkType;

// Applies the finding's remedy and checks again: the finding (its code, credentials and
// message) is gone, and fewer of that code remain.
void ExpectRemedyRemoves(const graph::CatalogSnapshot& snapshot, const core::Learner& learner,
                         const Checked& before, const Finding& finding,
                         const std::string& target = "", const CoherenceConfig& config = {}) {
  ASSERT_TRUE(finding.remedy.has_value()) << finding.message;
  const Checked after =
      Check(snapshot, learner, ApplyRemedy(before.stack, *finding.remedy), target, config);
  for (const Finding& f : after.Of(finding.code)) {
    EXPECT_FALSE(f.credential_ids == finding.credential_ids && f.message == finding.message)
        << f.message;
  }
  EXPECT_LT(after.Of(finding.code).size(), before.Of(finding.code).size());
}

core::Learner NoOne() { return {}; }

core::Learner Holding(const std::string& id, const char* earned_on) {
  core::Learner learner;
  learner.held.push_back({id, testing::Day(earned_on), ""});
  return learner;
}

// --- PREREQUISITE_MISSING ---------------------------------------------------------------

TEST(PrerequisiteMissing, NamesTheItemAndAddsAPrerequisiteBeforeIt) {
  CatalogBuilder b;
  b.Credential("A");
  b.Credential("B");
  b.Credential("C");
  b.Prerequisite("A", "C");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"B", "C"});
  ASSERT_EQ(c.Of(FindingCode::kPrerequisiteMissing).size(), 1u);
  const Finding f = c.Of(FindingCode::kPrerequisiteMissing)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("C"));
  EXPECT_EQ(f.severity, Severity::kBlocking);
  EXPECT_THAT(f.message, HasSubstr("C needs A first"));
  EXPECT_EQ(f.remedy->Text(), "add A before C");
  EXPECT_EQ(c.result.verdict, Verdict::kNotCoherent);
  ExpectRemedyRemoves(*s, NoOne(), c, f);
}

TEST(PrerequisiteMissing, OneOfAnOrGroupPrefersAMemberWhosePrerequisitesAreMet) {
  CatalogBuilder b;
  b.Credential("A1");
  b.Credential("A2");
  b.Credential("Z");
  b.Credential("C");
  b.Prerequisite("A1", "C").Prerequisite("A2", "C").Prerequisite("Z", "A1");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C"});
  ASSERT_EQ(c.Of(FindingCode::kPrerequisiteMissing).size(), 1u);
  const Finding f = c.Of(FindingCode::kPrerequisiteMissing)[0];
  EXPECT_THAT(f.message, HasSubstr("one of A1 and A2"));
  EXPECT_EQ(f.remedy->Text(), "add A2 before C");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
}

TEST(PrerequisiteMissing, EachMissingGroupGetsItsOwnRemedy) {
  CatalogBuilder b;
  b.Credential("A");
  b.Credential("B");
  b.Credential("C");
  b.Prerequisite("A", "C", 0).Prerequisite("B", "C", 1);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C"});
  const std::vector<Finding> missing = c.Of(FindingCode::kPrerequisiteMissing);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].remedy->Text(), "add A before C");
  EXPECT_EQ(missing[1].remedy->Text(), "add B before C");
  for (const Finding& f : missing) ExpectRemedyRemoves(*s, NoOne(), c, f);
}

TEST(Remedies, AddNoBlockingFindingOfAnotherCode) {
  // The only alternative to the onsite X needs a prerequisite the stack lacks: replacing
  // X with it would trade a delivery mismatch for a missing prerequisite.
  CatalogBuilder b;
  core::Credential& x = b.Credential("X");
  x.delivery_mode = core::DeliveryMode::kOnsite;
  x.onsite_days = 3;
  b.Credential("Y");
  b.Credential("P");
  b.Overlap("X", "Y", 0.9).Prerequisite("P", "Y");
  auto s = b.Build();
  core::Learner remote;
  remote.profile.can_attend_onsite = false;
  ASSERT_EQ(Check(*s, remote, {"X"}).Of(FindingCode::kDeliveryMismatch).size(), 1u);
  EXPECT_FALSE(Check(*s, remote, {"X"}).Of(FindingCode::kDeliveryMismatch)[0].remedy.has_value());
  // With P in the stack first, Y is a remedy.
  const Checked c = Check(*s, remote, {"P", "X"});
  ASSERT_EQ(c.Of(FindingCode::kDeliveryMismatch).size(), 1u);
  EXPECT_EQ(c.Of(FindingCode::kDeliveryMismatch)[0].remedy->Text(),
            "replace X with Y, which needs no onsite attendance");
}

TEST(PrerequisiteMissing, NotRaisedWhenHeldEarlierOrWaived) {
  CatalogBuilder b;
  b.Credential("A");
  b.Credential("C");
  b.Prerequisite("A", "C");
  auto s = b.Build();
  EXPECT_THAT(Check(*s, NoOne(), {"A", "C"}).Of(FindingCode::kPrerequisiteMissing), IsEmpty());
  EXPECT_THAT(Check(*s, Holding("A", "2026-01-01"), {"C"}).Of(FindingCode::kPrerequisiteMissing),
              IsEmpty());
  core::Learner waived;
  waived.overrides.push_back({core::OverrideKind::kWaivePrerequisite, "C", "A", "advisor",
                              testing::Day("2026-01-01"), "prior learning"});
  EXPECT_THAT(Check(*s, waived, {"C"}).Of(FindingCode::kPrerequisiteMissing), IsEmpty());
}

TEST(PrerequisiteMissing, AMissingCorequisiteIsAMissingRequirement) {
  CatalogBuilder b;
  b.Credential("U");
  b.Credential("C");
  b.Corequisite("U", "C");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C"});
  ASSERT_EQ(c.Of(FindingCode::kPrerequisiteMissing).size(), 1u);
  const Finding f = c.Of(FindingCode::kPrerequisiteMissing)[0];
  EXPECT_THAT(f.message, HasSubstr("co-requisite U"));
  EXPECT_EQ(f.remedy->Text(), "add U before C");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
}

// --- PREREQUISITE_ORDER -----------------------------------------------------------------

TEST(PrerequisiteOrder, NamesBothAndMovesThePrerequisiteBefore) {
  CatalogBuilder b;
  b.Credential("A");
  b.Credential("C");
  b.Prerequisite("A", "C");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C", "A"});
  ASSERT_EQ(c.Of(FindingCode::kPrerequisiteOrder).size(), 1u);
  EXPECT_THAT(c.Of(FindingCode::kPrerequisiteMissing), IsEmpty());
  const Finding f = c.Of(FindingCode::kPrerequisiteOrder)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("C", "A"));
  EXPECT_EQ(f.remedy->Text(), "move A before C");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
  EXPECT_THAT(Check(*s, NoOne(), {"A", "C"}).Of(FindingCode::kPrerequisiteOrder), IsEmpty());
}

TEST(PrerequisiteOrder, MovesTheItemAfterWhenMovingThePrerequisiteWouldBreakItsOwnOrder) {
  CatalogBuilder b;
  b.Credential("Z");
  b.Credential("A");
  b.Credential("C");
  b.Prerequisite("Z", "A").Prerequisite("A", "C");
  auto s = b.Build();
  // Moving A before C would put A before its own prerequisite Z.
  const Checked c = Check(*s, NoOne(), {"C", "Z", "A"});
  ASSERT_EQ(c.Of(FindingCode::kPrerequisiteOrder).size(), 1u);
  const Finding f = c.Of(FindingCode::kPrerequisiteOrder)[0];
  EXPECT_EQ(f.remedy->Text(), "move C after A");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
}

// --- COREQUISITE_SPLIT ------------------------------------------------------------------

TEST(CorequisiteSplit, ACorequisiteAfterTheItemIsSplit) {
  CatalogBuilder b;
  b.Credential("U");
  b.Credential("C");
  b.Corequisite("U", "C");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C", "U"});
  ASSERT_EQ(c.Of(FindingCode::kCorequisiteSplit).size(), 1u);
  const Finding f = c.Of(FindingCode::kCorequisiteSplit)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("C", "U"));
  EXPECT_EQ(f.severity, Severity::kBlocking);
  EXPECT_EQ(f.remedy->Text(), "move U before C");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
  EXPECT_THAT(Check(*s, NoOne(), {"U", "C"}).Of(FindingCode::kCorequisiteSplit), IsEmpty());
}

// --- LEVEL_JUMP -------------------------------------------------------------------------

TEST(LevelJump, ARiseOfTwoLevelsOverWhatItBuildsOnAddsAStep) {
  CatalogBuilder b;
  b.Credential("A", 5);
  b.Credential("M", 6);
  b.Credential("B", 7);
  b.Prerequisite("A", "B").Prerequisite("M", "B");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A", "B"});
  ASSERT_EQ(c.Of(FindingCode::kLevelJump).size(), 1u);
  const Finding f = c.Of(FindingCode::kLevelJump)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("A", "B"));
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message, HasSubstr("B is at level 7, 2 levels above"));
  EXPECT_EQ(f.remedy->Text(), "add M before B, a step up to it");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
}

TEST(LevelJump, AboveTheLearnersLevelPlusOne) {
  CatalogBuilder b;
  b.Credential("X", 8);
  b.Credential("W", 7);
  b.Credential("V", 6);
  b.Prerequisite("W", "X").Prerequisite("V", "W");
  auto s = b.Build();
  core::Learner learner;
  learner.profile.level_reached = {core::LevelFramework::kAqf, 5};
  const Checked c = Check(*s, learner, {"X"});
  ASSERT_EQ(c.Of(FindingCode::kLevelJump).size(), 1u);
  const Finding f = c.Of(FindingCode::kLevelJump)[0];
  EXPECT_THAT(f.message, HasSubstr("your level 5"));
  EXPECT_EQ(f.remedy->Text(), "add V and W before X, a step up to it");
  ExpectRemedyRemoves(*s, learner, c, f);
}

TEST(LevelJump, NotRaisedForOneStepOrUnknownLevelsOrAnotherFramework) {
  CatalogBuilder b;
  b.Credential("A", 5);
  b.Credential("B", 6);
  b.Credential("E", 8).level.framework = core::LevelFramework::kEqf;
  b.Prerequisite("A", "B");
  auto s = b.Build();
  EXPECT_THAT(Check(*s, NoOne(), {"A", "B"}).Of(FindingCode::kLevelJump), IsEmpty());
  EXPECT_THAT(Check(*s, NoOne(), {"B"}).Of(FindingCode::kLevelJump), IsEmpty());
  EXPECT_THAT(Check(*s, NoOne(), {"A", "E"}).Of(FindingCode::kLevelJump), IsEmpty());
}

// --- Credit toward a target -------------------------------------------------------------

// Q: AQF 8 in 0613, 40 credits required; credentials with credit toward it.
CatalogBuilder TargetCatalog() {
  CatalogBuilder b;
  b.Qualification("Q");
  return b;
}

TEST(BelowTargetLevel, ACreditBearingItemThreeLevelsBelowIsReplacedByAHigherOne) {
  CatalogBuilder b = TargetCatalog();
  b.Credential("L", 5);
  b.Credential("H", 7);
  b.Credit("L", "Q", 10).Credit("H", "Q", 10).Overlap("L", "H", 0.5);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"L"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kBelowTargetLevel).size(), 1u);
  const Finding f = c.Of(FindingCode::kBelowTargetLevel)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("L"));
  EXPECT_THAT(f.message, HasSubstr("3 levels below Q"));
  EXPECT_EQ(f.remedy->Text(), "replace L with H, at level 7");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
}

TEST(BelowTargetLevel, NotRaisedWithinTheThresholdOrWithoutCredit) {
  CatalogBuilder b = TargetCatalog();
  b.Credential("M", 6);
  b.Credential("L", 5);
  b.Credit("M", "Q", 10);
  auto s = b.Build();
  EXPECT_THAT(Check(*s, NoOne(), {"M", "L"}, "Q").Of(FindingCode::kBelowTargetLevel), IsEmpty());
  CoherenceConfig strict;
  strict.defaults.max_levels_below_target = 1;
  EXPECT_EQ(Check(*s, NoOne(), {"M"}, "Q", strict).Of(FindingCode::kBelowTargetLevel).size(), 1u);
}

TEST(ContentOverlap, OverlappingItemsCountOnceAndTheLaterIsReplaced) {
  CatalogBuilder b = TargetCatalog();
  b.Credential("A", 7);
  b.Credential("B", 7);
  b.Credential("C", 7);
  b.Credit("A", "Q", 10).Credit("B", "Q", 10).Credit("C", "Q", 10);
  b.Overlap("A", "B", 0.5).Overlap("B", "C", 0.1);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A", "B"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kContentOverlap).size(), 1u);
  const Finding f = c.Of(FindingCode::kContentOverlap)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("A", "B"));
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_THAT(f.message,
              HasSubstr("share 50% of their content; their 5 overlapping credit points"));
  EXPECT_EQ(f.remedy->Text(), "replace B with C, which does not overlap A");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  // A small overlap is information only.
  const Checked small = Check(*s, NoOne(), {"B", "C"}, "Q");
  ASSERT_EQ(small.Of(FindingCode::kContentOverlap).size(), 1u);
  EXPECT_EQ(small.Of(FindingCode::kContentOverlap)[0].severity, Severity::kInfo);
  EXPECT_THAT(Check(*s, NoOne(), {"A", "C"}, "Q").Of(FindingCode::kContentOverlap), IsEmpty());
}

TEST(CreditCapExceeded, TheExcessIsNamedAndTheCheapestDropFound) {
  CatalogBuilder b = TargetCatalog();
  b.data().qualifications[0].stacked_credit_cap = 20;
  b.Credential("A", 7);
  b.Credential("B", 7);
  b.Credential("C", 7);
  b.Credit("A", "Q", 10).Credit("B", "Q", 10).Credit("C", "Q", 10);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A", "B", "C"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kCreditCapExceeded).size(), 1u);
  const Finding f = c.Of(FindingCode::kCreditCapExceeded)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("C"));
  EXPECT_THAT(f.message,
              HasSubstr("30 points of stacked credit toward Q, 10 more than its cap of 20"));
  EXPECT_EQ(f.remedy->Text(), "drop C, the rest of the stack counts 20 of the cap of 20 points");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"A", "B"}, "Q").Of(FindingCode::kCreditCapExceeded), IsEmpty());
}

TEST(StaleCredit, HeldCreditOutsideTheRecencyWindow) {
  CatalogBuilder b = TargetCatalog();
  b.data().qualifications[0].recency_months = 24;
  b.Credential("A", 7);
  b.Credential("B", 7);
  b.Credit("A", "Q", 10).Credit("B", "Q", 10);
  auto s = b.Build();
  const Checked c = Check(*s, Holding("A", "2024-06-30"), {"B"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kStaleCredit).size(), 1u);
  const Finding f = c.Of(FindingCode::kStaleCredit)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("A"));
  EXPECT_THAT(f.message,
              HasSubstr("earned on 2024-06-30, outside Q's recency window on 2027-01-04"));
  EXPECT_THAT(Check(*s, Holding("A", "2025-06-30"), {"B"}, "Q").Of(FindingCode::kStaleCredit),
              IsEmpty());
  // The deployment may set its own window.
  CoherenceConfig lenient;
  lenient.defaults.recency_months = 60;
  EXPECT_THAT(
      Check(*s, Holding("A", "2024-06-30"), {"B"}, "Q", lenient).Of(FindingCode::kStaleCredit),
      IsEmpty());
}

TEST(UnaccreditedProvider, ReplacedByAQualityAssuredAlternative) {
  CatalogBuilder b = TargetCatalog();
  b.Credential("X", 7).provider_id = "U";
  b.Credential("Y", 7);
  b.Credit("X", "Q", 10).Credit("Y", "Q", 10).Overlap("X", "Y", 0.8);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"X"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kUnaccreditedProvider).size(), 1u);
  const Finding f = c.Of(FindingCode::kUnaccreditedProvider)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("X"));
  EXPECT_THAT(f.message, HasSubstr("Provider U, which is not quality-assured; it counts here"));
  EXPECT_EQ(f.remedy->Text(), "replace X with Y, from Provider P, quality-assured by TEQSA");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"Y"}, "Q").Of(FindingCode::kUnaccreditedProvider), IsEmpty());
}

TEST(WeakAssessment, ReplacedByAnIdentityVerifiedAlternative) {
  CatalogBuilder b = TargetCatalog();
  b.Credential("X", 7).benefits.identity_verified = false;
  b.Credential("Y", 7);
  b.Credit("X", "Q", 10).Credit("Y", "Q", 10).Overlap("X", "Y", 0.8);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"X"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kWeakAssessment).size(), 1u);
  const Finding f = c.Of(FindingCode::kWeakAssessment)[0];
  EXPECT_THAT(f.message, HasSubstr("X has no identity verification"));
  EXPECT_EQ(f.remedy->Text(), "replace X with Y, which is assessed summatively, identity verified");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"Y"}, "Q").Of(FindingCode::kWeakAssessment), IsEmpty());
  // Without credit toward a target there is no credit to weaken.
  EXPECT_THAT(Check(*s, NoOne(), {"X"}).Of(FindingCode::kWeakAssessment), IsEmpty());
}

TEST(DisciplineScatter, TooLittleCreditInTheTargetsField) {
  CatalogBuilder b = TargetCatalog();
  b.data().qualifications[0].fields = {"0688"};
  b.Credential("D1", 7, "0688");
  b.Credential("M1", 7, "0413");
  b.Credential("M2", 7, "0413");
  b.Credential("M3", 7, "0413");
  b.Credential("D2", 7, "0613");
  for (const char* id : {"D1", "M1", "M2", "M3", "D2"}) b.Credit(id, "Q", 10);
  b.Overlap("M3", "D2", 0.3);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"D1", "M1", "M2", "M3"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kDisciplineScatter).size(), 1u);
  const Finding f = c.Of(FindingCode::kDisciplineScatter)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("M1", "M2", "M3"));
  EXPECT_THAT(f.message, HasSubstr("only 25% of the stack lies in Q's fields (0688)"));
  EXPECT_EQ(f.remedy->Text(), "replace M3 with D2, in 0688");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"D1", "M1", "D2"}, "Q").Of(FindingCode::kDisciplineScatter),
              IsEmpty());
}

TEST(DisciplineScatter, ManyUnrelatedFieldsWithoutATarget) {
  CatalogBuilder b;
  b.Credential("A", 5, "0613");
  b.Credential("B", 5, "0413");
  b.Credential("C", 5, "0542");
  b.Credential("D", 5, "0914");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A", "B", "C", "D"});
  ASSERT_EQ(c.Of(FindingCode::kDisciplineScatter).size(), 1u);
  const Finding f = c.Of(FindingCode::kDisciplineScatter)[0];
  EXPECT_THAT(f.message, HasSubstr("spans 3 fields unrelated to 0613 (04, 05, 09)"));
  EXPECT_EQ(f.remedy->Text(), "drop D, it lies outside 0613");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
  EXPECT_THAT(Check(*s, NoOne(), {"A", "B", "C"}).Of(FindingCode::kDisciplineScatter), IsEmpty());
}

TEST(DisconnectedStack, APileOfUnlinkedItemsGetsABridge) {
  CatalogBuilder b;
  b.Credential("A");
  b.Credential("B");
  b.Credential("C");
  b.Credential("Z");
  b.Link("A", "Z", L::kRecommendedBefore).Link("Z", "B", L::kRecommendedBefore);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A", "B", "C"});
  ASSERT_EQ(c.Of(FindingCode::kDisconnectedStack).size(), 1u);
  const Finding f = c.Of(FindingCode::kDisconnectedStack)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("B", "C"));
  EXPECT_THAT(f.message, HasSubstr("only 1 of the stack's 3 credentials are linked"));
  EXPECT_EQ(f.remedy->Text(), "add Z before B, which links the separate parts");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
  CatalogBuilder linked;
  linked.Credential("A");
  linked.Credential("B");
  linked.Credential("C");
  linked.Prerequisite("A", "B").Overlap("B", "C", 0.2);
  EXPECT_THAT(Check(*linked.Build(), NoOne(), {"A", "B", "C"}).Of(FindingCode::kDisconnectedStack),
              IsEmpty());
  // Two items are too few to call a pile.
  EXPECT_THAT(Check(*s, NoOne(), {"A", "C"}).Of(FindingCode::kDisconnectedStack), IsEmpty());
}

// --- The target's core and rules -------------------------------------------------------

TEST(CoreMissing, ACoreItemNeitherHeldNorPlanned) {
  CatalogBuilder b = TargetCatalog();
  b.data().qualifications[0].core_ids = {"K"};
  b.Credential("K", 7);
  b.Credential("A", 7);
  b.Credit("K", "Q", 10).Credit("A", "Q", 10);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"A"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kCoreMissing).size(), 1u);
  const Finding f = c.Of(FindingCode::kCoreMissing)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("K"));
  EXPECT_EQ(f.remedy->Text(), "add K, a core item of Q");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"K", "A"}, "Q").Of(FindingCode::kCoreMissing), IsEmpty());
}

TEST(ElectiveRuleUnmet, AnUnmetElectiveGroupIsCompletedFromItsOptions) {
  CatalogBuilder b = TargetCatalog();
  b.data().qualifications[0].rules =
      Rule("Course rules", core::RuleKind::kAllOf, {}, {[] {
             core::RuleNode electives =
                 Rule("Electives", core::RuleKind::kAtLeastItems, {"E1", "E2", "E3"});
             electives.min_items = 2;
             return electives;
           }()});
  b.Credential("E1", 7);
  b.Credential("E2", 7);
  b.Credential("E3", 7);
  b.Credit("E1", "Q", 10).Credit("E2", "Q", 10).Credit("E3", "Q", 15);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"E1"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kElectiveRuleUnmet).size(), 1u);
  const Finding f = c.Of(FindingCode::kElectiveRuleUnmet)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("E1"));
  EXPECT_THAT(f.message, HasSubstr("rule \"Electives\" is not met: 1 of 2 needed; counted: E1"));
  EXPECT_EQ(f.remedy->Text(), "add E3, to meet \"Electives\"");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  EXPECT_THAT(Check(*s, NoOne(), {"E1", "E2"}, "Q").Of(FindingCode::kElectiveRuleUnmet), IsEmpty());
}

// Two groups list X; neither allows double counting.
CatalogBuilder SharedItemCatalog(bool allow_double_counting) {
  CatalogBuilder b = TargetCatalog();
  core::RuleNode g1 = Rule("Group one", core::RuleKind::kAtLeastItems, {"X", "Y"});
  g1.min_items = 1;
  core::RuleNode g2 = Rule("Group two", core::RuleKind::kAtLeastItems, {"X", "Z"});
  g2.min_items = 1;
  g2.allow_double_counting = allow_double_counting;
  b.data().qualifications[0].rules = Rule("Course rules", core::RuleKind::kAllOf, {}, {g1, g2});
  for (const char* id : {"X", "Y", "Z"}) {
    b.Credential(id, 7);
    b.Credit(id, "Q", 10);
  }
  return b;
}

TEST(DoubleCounted, OneItemNeededByTwoGroupsThatDoNotShare) {
  auto s = SharedItemCatalog(false).Build();
  const Checked c = Check(*s, NoOne(), {"X"}, "Q");
  ASSERT_EQ(c.Of(FindingCode::kDoubleCounted).size(), 1u);
  EXPECT_THAT(c.Of(FindingCode::kElectiveRuleUnmet), IsEmpty());
  const Finding f = c.Of(FindingCode::kDoubleCounted)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("X"));
  EXPECT_THAT(f.message, HasSubstr("X already counts toward \"Group one\""));
  EXPECT_EQ(f.remedy->Text(), "add Z, so that X counts toward one rule only");
  ExpectRemedyRemoves(*s, NoOne(), c, f, "Q");
  // With Y there, X is free for group two: no double counting.
  EXPECT_THAT(Check(*s, NoOne(), {"X", "Y"}, "Q").Of(FindingCode::kDoubleCounted), IsEmpty());
}

TEST(DoubleCounted, NotRaisedWhenTheGroupAllowsIt) {
  auto s = SharedItemCatalog(true).Build();
  const Checked c = Check(*s, NoOne(), {"X"}, "Q");
  EXPECT_THAT(c.Of(FindingCode::kDoubleCounted), IsEmpty());
  EXPECT_THAT(c.Of(FindingCode::kElectiveRuleUnmet), IsEmpty());
  EXPECT_TRUE(c.result.audit->unmet_rules.empty());
}

// --- The learner's circumstances --------------------------------------------------------

TEST(DeliveryMismatch, OnsiteForALearnerWhoCannotAttend) {
  CatalogBuilder b;
  core::Credential& x = b.Credential("X");
  x.delivery_mode = core::DeliveryMode::kOnsite;
  x.onsite_days = 3;
  b.Credential("X-ol");
  b.Overlap("X", "X-ol", 0.9);
  auto s = b.Build();
  core::Learner remote;
  remote.profile.can_attend_onsite = false;
  const Checked c = Check(*s, remote, {"X"});
  ASSERT_EQ(c.Of(FindingCode::kDeliveryMismatch).size(), 1u);
  const Finding f = c.Of(FindingCode::kDeliveryMismatch)[0];
  EXPECT_EQ(f.severity, Severity::kBlocking);
  EXPECT_THAT(f.message, HasSubstr("X needs 3 days onsite, and the learner cannot attend onsite"));
  EXPECT_EQ(f.remedy->Text(), "replace X with X-ol, which needs no onsite attendance");
  ExpectRemedyRemoves(*s, remote, c, f);
  EXPECT_THAT(Check(*s, NoOne(), {"X"}).Of(FindingCode::kDeliveryMismatch), IsEmpty());
  // Held onsite credentials are done.
  core::Learner held = Holding("X", "2026-01-01");
  held.profile.can_attend_onsite = false;
  EXPECT_THAT(Check(*s, held, {"X"}).Of(FindingCode::kDeliveryMismatch), IsEmpty());
}

TEST(BudgetExceeded, FeesPastTheMoneyBudget) {
  CatalogBuilder b;
  b.Credential("A").fee.minor_units = 80000;
  b.Credential("B").fee.minor_units = 50000;
  auto s = b.Build();
  core::Learner learner;
  learner.profile.money_budget = {100000, "AUD"};
  const Checked c = Check(*s, learner, {"A", "B"});
  ASSERT_EQ(c.Of(FindingCode::kBudgetExceeded).size(), 1u);
  const Finding f = c.Of(FindingCode::kBudgetExceeded)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("A", "B"));
  EXPECT_THAT(f.message,
              HasSubstr("cost 1300.00 AUD, more than the learner's budget of 1000.00 AUD"));
  EXPECT_EQ(f.remedy->Text(), "drop A, it costs 800.00 AUD");
  ExpectRemedyRemoves(*s, learner, c, f);
  learner.profile.funding = {30000, "AUD"};
  EXPECT_THAT(Check(*s, learner, {"A", "B"}).Of(FindingCode::kBudgetExceeded), IsEmpty());
}

TEST(BudgetExceeded, HoursPastTheTimeBudgetCountTravelForOnsiteDays) {
  CatalogBuilder b;
  b.Credential("A");
  core::Credential& onsite = b.Credential("B");
  onsite.delivery_mode = core::DeliveryMode::kMostlyOnline;
  onsite.onsite_days = 5;
  auto s = b.Build();
  core::Learner learner;
  learner.profile.time_budget_hours = 60;
  // A takes 30 hours; B 30 and 5 days at the default 2 hours of travel a day.
  const Checked c = Check(*s, learner, {"A", "B"});
  ASSERT_EQ(c.Of(FindingCode::kBudgetExceeded).size(), 1u);
  const Finding f = c.Of(FindingCode::kBudgetExceeded)[0];
  EXPECT_THAT(f.message,
              HasSubstr("take 70 hours, more than the learner's time budget of 60 hours"));
  EXPECT_EQ(f.remedy->Text(), "drop B, it takes 40 hours");
  ExpectRemedyRemoves(*s, learner, c, f);
  CoherenceConfig no_travel;
  no_travel.defaults.travel_hours_per_onsite_day = 0;
  EXPECT_THAT(Check(*s, learner, {"A", "B"}, "", no_travel).Of(FindingCode::kBudgetExceeded),
              IsEmpty());
}

// --- When the items run -------------------------------------------------------------------

TEST(NotOffered, AScheduledItemWithNoOfferingAfterTheStart) {
  CatalogBuilder b;
  core::Credential& s1 = b.Credential("S");
  s1.pacing = core::Pacing::kScheduled;
  s1.offerings = {{"2026-S1", testing::Day("2026-02-02")}};
  b.Credential("S-od");
  b.Overlap("S", "S-od", 0.9);
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"S"});
  ASSERT_EQ(c.Of(FindingCode::kNotOffered).size(), 1u);
  EXPECT_THAT(c.Of(FindingCode::kScheduleInfeasible), IsEmpty());
  const Finding f = c.Of(FindingCode::kNotOffered)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("S"));
  EXPECT_EQ(f.severity, Severity::kBlocking);
  EXPECT_THAT(f.message, HasSubstr("S has no offering starting on or after 2027-01-04"));
  EXPECT_EQ(f.remedy->Text(), "replace S with S-od, which runs on demand");
  ExpectRemedyRemoves(*s, NoOne(), c, f);
  b.data().credentials[0].offerings.push_back({"2027-S1", testing::Day("2027-02-01")});
  EXPECT_THAT(Check(*b.Build(), NoOne(), {"S"}).Of(FindingCode::kNotOffered), IsEmpty());
}

TEST(ScheduleInfeasible, TheStackEndsAfterTheDeadline) {
  CatalogBuilder b;
  for (const char* id : {"A", "B"}) {
    core::Credential& c = b.Credential(id);
    c.effort_hours = 20;
    c.duration_weeks = 2;
  }
  auto s = b.Build();
  core::Learner learner;
  learner.profile.hours_per_week = 10;
  learner.profile.deadline = testing::Day("2027-01-24");
  const Checked c = Check(*s, learner, {"A", "B"});
  ASSERT_EQ(c.Of(FindingCode::kScheduleInfeasible).size(), 1u);
  const Finding f = c.Of(FindingCode::kScheduleInfeasible)[0];
  EXPECT_THAT(f.credential_ids, ElementsAre("B"));
  EXPECT_THAT(f.message, HasSubstr("cannot be finished by 2027-01-24: B ends 2027-01-31"));
  EXPECT_EQ(f.remedy->Text(), "drop B, to finish in time");
  ExpectRemedyRemoves(*s, learner, c, f);
  learner.profile.deadline = testing::Day("2027-02-01");
  EXPECT_THAT(Check(*s, learner, {"A", "B"}).Of(FindingCode::kScheduleInfeasible), IsEmpty());
}

// --- Ordering and verdict ---------------------------------------------------------------

TEST(CheckStack, FindingsComeBlockingFirstAndTheVerdictFollows) {
  CatalogBuilder b;
  b.Credential("A", 5);
  b.Credential("C", 8);
  b.Prerequisite("A", "C");
  auto s = b.Build();
  const Checked c = Check(*s, NoOne(), {"C"});
  ASSERT_GE(c.result.findings.size(), 1u);
  EXPECT_EQ(c.result.findings[0].severity, Severity::kBlocking);
  EXPECT_EQ(c.result.verdict, Verdict::kNotCoherent);
  EXPECT_EQ(Check(*s, NoOne(), {"A"}).result.verdict, Verdict::kCoherent);
  EXPECT_FALSE(Check(*s, NoOne(), {"A"}).result.audit.has_value());
}

TEST(CheckStack, RequestErrorsNameTheField) {
  CatalogBuilder b;
  b.Credential("A");
  b.Qualification("Q");
  auto s = b.Build();
  StackRequest request;
  request.start_date = testing::Day(testing::kStart);
  absl::StatusOr<CheckResult> r = CheckStack(*s, {}, request, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("credential_ids: must not be empty"));

  request.credential_ids = {"A", "x", "A"};
  r = CheckStack(*s, {}, request, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(),
              HasSubstr("credential_ids[2]: repeats credential_ids[0] (\"A\")"));

  request.credential_ids = {"A", "x", "Q"};
  r = CheckStack(*s, {}, request, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("credential_ids[1]: credential \"x\" not found"));
  EXPECT_THAT(r.status().message(), HasSubstr("credential_ids[2]: credential \"Q\" not found"));

  request.credential_ids = {"A"};
  request.target_qualification_id = "nope";
  r = CheckStack(*s, {}, request, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("target_qualification_id: qualification \"nope\""));
}

}  // namespace
}  // namespace credpath::coherence
