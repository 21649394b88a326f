// The vocabulary of a coherence check (DESIGN.md section 6): finding codes, severities,
// remedies as edits of the stack, findings and the verdict they add up to.
//
// A remedy is an edit of the proposed stack (add, move, replace or drop credentials) with
// its learner-readable text. The checker only reports a remedy after applying it to the
// stack and re-running the rule that raised the finding: the finding must disappear, and
// no new finding of the same code nor any new blocking finding may appear
// (coherence/check.h). ApplyRemedy is public so that callers and tests can do the same.
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace credpath::coherence {

// Mirrors credpath.v1.FindingCode (0 = unspecified).
enum class FindingCode : int {
  kUnspecified = 0,
  kPrerequisiteMissing = 1,
  kPrerequisiteOrder = 2,
  kLevelJump = 3,
  kBelowTargetLevel = 4,
  kContentOverlap = 5,
  kCreditCapExceeded = 6,
  kCoreMissing = 7,
  kElectiveRuleUnmet = 8,
  kDisciplineScatter = 9,
  kDisconnectedStack = 10,
  kStaleCredit = 11,
  kUnaccreditedProvider = 12,
  kWeakAssessment = 13,
  kBudgetExceeded = 14,
  kScheduleInfeasible = 15,
  kDeliveryMismatch = 16,
  kCorequisiteSplit = 17,
  kDoubleCounted = 18,
  kNotOffered = 19,
};

// Mirrors credpath.v1.Severity; a larger value is more serious.
enum class Severity : int { kUnspecified = 0, kInfo = 1, kWarning = 2, kBlocking = 3 };

// Mirrors credpath.v1.Verdict.
enum class Verdict : int {
  kUnspecified = 0,
  kCoherent = 1,
  kCoherentWithWarnings = 2,
  kNotCoherent = 3,
};

// "PREREQUISITE_MISSING", as the API spells the code without its prefix.
std::string_view FindingCodeName(FindingCode code);

struct Remedy {
  enum class Kind { kAdd, kMove, kReplace, kDrop };
  Kind kind = Kind::kAdd;
  // kAdd: the credentials to insert, in order; kMove: the one to move; kReplace: the one
  // replaced; kDrop: the ones to remove.
  std::vector<std::string> ids;
  // kAdd, kMove: insert before this stack item, or else after `after`; with neither, at
  // the end of the stack.
  std::string before;
  std::string after;
  // kReplace: the credential that takes the replaced one's place.
  std::string replacement;
  // Why the edit helps, appended to the text: "which does not overlap C3".
  std::string because;

  // "add C12 before C30", "move C5 before C7", "move C7 after C5", "replace C8 with C9, which does
  // not overlap C3", "drop C4 and C9".
  std::string Text() const;
};

// The stack after `remedy`: ids keep their order; an anchor or a replaced id that is not
// in the stack leaves the stack as it is, except that additions then go to the end.
std::vector<std::string> ApplyRemedy(const std::vector<std::string>& stack, const Remedy& remedy);

struct Finding {
  FindingCode code = FindingCode::kUnspecified;
  Severity severity = Severity::kUnspecified;
  std::vector<std::string> credential_ids;  // involved, in stack order (held ones first)
  std::string message;                      // readable by a learner
  std::optional<Remedy> remedy;             // a checked edit; none when none is known
  // Identifies the problem across re-checks of edited stacks (e.g. "c30/group 1"), so
  // that a remedy can be shown to remove it. Not shown to learners.
  std::string key;
};

// COHERENT without warnings or blocking findings, COHERENT_WITH_WARNINGS with warnings
// only, NOT_COHERENT with at least one blocking finding.
Verdict VerdictOf(const std::vector<Finding>& findings);

// "A", "A and B", "A, B and C".
std::string JoinIds(const std::vector<std::string>& ids);

}  // namespace credpath::coherence
