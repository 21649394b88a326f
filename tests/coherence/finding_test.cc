#include "coherence/finding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace credpath::coherence {
namespace {

using ::testing::ElementsAre;

Remedy Make(Remedy::Kind kind, std::vector<std::string> ids) {
  Remedy r;
  r.kind = kind;
  r.ids = std::move(ids);
  return r;
}

TEST(Remedy, TextReadsAsAnInstruction) {
  Remedy add = Make(Remedy::Kind::kAdd, {"C12"});
  add.before = "C30";
  EXPECT_EQ(add.Text(), "add C12 before C30");
  Remedy move = Make(Remedy::Kind::kMove, {"C7"});
  move.after = "C5";
  EXPECT_EQ(move.Text(), "move C7 after C5");
  Remedy replace = Make(Remedy::Kind::kReplace, {"C8"});
  replace.replacement = "C9";
  replace.because = "which does not overlap C3";
  EXPECT_EQ(replace.Text(), "replace C8 with C9, which does not overlap C3");
  EXPECT_EQ(Make(Remedy::Kind::kDrop, {"A", "B", "C"}).Text(), "drop A, B and C");
}

TEST(ApplyRemedy, EditsTheStack) {
  const std::vector<std::string> stack = {"A", "B", "C"};
  Remedy add = Make(Remedy::Kind::kAdd, {"X", "Y"});
  add.before = "B";
  EXPECT_THAT(ApplyRemedy(stack, add), ElementsAre("A", "X", "Y", "B", "C"));
  add.before = "";
  EXPECT_THAT(ApplyRemedy(stack, add), ElementsAre("A", "B", "C", "X", "Y"));
  Remedy move = Make(Remedy::Kind::kMove, {"C"});
  move.before = "A";
  EXPECT_THAT(ApplyRemedy(stack, move), ElementsAre("C", "A", "B"));
  move = Make(Remedy::Kind::kMove, {"A"});
  move.after = "C";
  EXPECT_THAT(ApplyRemedy(stack, move), ElementsAre("B", "C", "A"));
  Remedy replace = Make(Remedy::Kind::kReplace, {"B"});
  replace.replacement = "Z";
  EXPECT_THAT(ApplyRemedy(stack, replace), ElementsAre("A", "Z", "C"));
  EXPECT_THAT(ApplyRemedy(stack, Make(Remedy::Kind::kDrop, {"A", "C"})), ElementsAre("B"));
}

TEST(VerdictOf, TheWorstSeverityDecides) {
  Finding info{FindingCode::kContentOverlap, Severity::kInfo, {}, "", std::nullopt, ""};
  Finding warning = info;
  warning.severity = Severity::kWarning;
  Finding blocking = info;
  blocking.severity = Severity::kBlocking;
  EXPECT_EQ(VerdictOf({}), Verdict::kCoherent);
  EXPECT_EQ(VerdictOf({info}), Verdict::kCoherent);
  EXPECT_EQ(VerdictOf({info, warning}), Verdict::kCoherentWithWarnings);
  EXPECT_EQ(VerdictOf({warning, blocking, info}), Verdict::kNotCoherent);
}

}  // namespace
}  // namespace credpath::coherence
