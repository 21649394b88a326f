// The coherence rules (DESIGN.md section 6), each a small function that reads one stack
// and appends what it finds. docs/coherence.md states each rule, its severity, its
// thresholds and the remedies it proposes.
//
// A rule proposes candidate remedies with each finding, best first, and does not check
// them: CheckStack (coherence/check.h) applies each candidate to the stack, runs the same
// rule on the result and keeps the first candidate that removes the finding (same key)
// without raising another of the same code or a blocking finding of any code. On such an
// edited stack (!stack.wants_remedies()) a rule proposes nothing: only its findings are
// read. A rule must
// therefore give every finding a key that names the problem, not the stack: "c30/group 1",
// not "finding 3".
// Thread safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "coherence/finding.h"
#include "coherence/stack.h"

namespace credpath::coherence::internal {

struct Draft {
  Finding finding;
  std::vector<Remedy> candidates;  // unchecked, best first
};

using Rule = void (*)(const Stack& stack, std::vector<Draft>* out);

// Sequence and prerequisites (rules_sequence.cc).
void CheckPrerequisiteMissing(const Stack& stack, std::vector<Draft>* out);
void CheckPrerequisiteOrder(const Stack& stack, std::vector<Draft>* out);
void CheckCorequisiteSplit(const Stack& stack, std::vector<Draft>* out);
void CheckLevelJump(const Stack& stack, std::vector<Draft>* out);
void CheckDisconnectedStack(const Stack& stack, std::vector<Draft>* out);
// Credit toward the target (rules_credit.cc); nothing without a target.
void CheckBelowTargetLevel(const Stack& stack, std::vector<Draft>* out);
void CheckContentOverlap(const Stack& stack, std::vector<Draft>* out);
void CheckCreditCap(const Stack& stack, std::vector<Draft>* out);
void CheckStaleCredit(const Stack& stack, std::vector<Draft>* out);
void CheckUnaccreditedProvider(const Stack& stack, std::vector<Draft>* out);
void CheckWeakAssessment(const Stack& stack, std::vector<Draft>* out);
void CheckDisciplineScatter(const Stack& stack, std::vector<Draft>* out);
// The target's core and rule tree (rules_qualification.cc).
void CheckCoreMissing(const Stack& stack, std::vector<Draft>* out);
void CheckElectiveRules(const Stack& stack, std::vector<Draft>* out);
void CheckDoubleCounted(const Stack& stack, std::vector<Draft>* out);
// The learner's circumstances (rules_learner.cc).
void CheckDeliveryMismatch(const Stack& stack, std::vector<Draft>* out);
void CheckBudget(const Stack& stack, std::vector<Draft>* out);
// When the items can run (rules_schedule.cc), from schedule::MakeSchedule.
void CheckNotOffered(const Stack& stack, std::vector<Draft>* out);
void CheckScheduleInfeasible(const Stack& stack, std::vector<Draft>* out);

// Every rule, in the order their findings are reported within a severity.
std::span<const Rule> AllRules();
// The rules that can raise blocking findings: a remedy must add none.
std::span<const Rule> BlockingRules();

// Helpers shared by the rules.

// Appends a finding; `ids` are put in sequence order.
Draft& AddFinding(const Stack& stack, FindingCode code, Severity severity,
                  std::vector<CredentialIndex> ids, std::string message, std::string key,
                  std::vector<Draft>* out);

// Whether a planned item can go without breaking the stack's structure: it is not a
// core item of the target and no other stack item lists it in a prerequisite group or
// as a co-requisite.
bool Droppable(const Stack& stack, CredentialIndex c);

// Replacements for planned item `x`: Alternatives(stack, x) that satisfy `fits`, as
// kReplace remedies whose `because` is `because(y)`.
template <typename Fits, typename Because>
std::vector<Remedy> Replacements(const Stack& stack, CredentialIndex x, Fits fits,
                                 Because because) {
  std::vector<Remedy> remedies;
  for (CredentialIndex y : Alternatives(stack, x)) {
    if (!fits(y)) continue;
    Remedy remedy;
    remedy.kind = Remedy::Kind::kReplace;
    remedy.ids = {stack.Id(x)};
    remedy.replacement = stack.Id(y);
    remedy.because = because(y);
    remedies.push_back(std::move(remedy));
  }
  return remedies;
}

// Whether `c` carries credit toward the target (a CREDIT_TOWARD link, whatever the policy).
bool CarriesCredit(const Stack& stack, CredentialIndex c);

// "40%".
std::string Percent(double fraction);

}  // namespace credpath::coherence::internal
