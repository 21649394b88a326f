// Rules on when the stack's items can run: offerings and the learner's deadline, from the
// stack laid out in weeks by schedule::MakeSchedule (Stack::schedule(): planned items in
// stack order, held ones done before week 0, the learner's weekly hours and deadline).
#include <algorithm>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "coherence/rules.h"
#include "schedule/schedule.h"

namespace credpath::coherence::internal {
namespace {

// The schedule's problems about `c` (each names its credential first).
std::vector<std::string> ProblemsOf(const Stack& stack, const schedule::Schedule& s,
                                    CredentialIndex c) {
  std::vector<std::string> out;
  for (const std::string& problem : s.problems) {
    if (absl::StartsWith(problem, stack.Id(c) + " ")) out.push_back(problem);
  }
  return out;
}

// Whether every prerequisite and co-requisite `c` waits for in the stack was placed: when
// so, an unplaced scheduled `c` fails on its own offerings.
bool RequisitesPlaced(const Stack& stack, const schedule::Schedule& s, CredentialIndex c) {
  const graph::CatalogSnapshot& snapshot = stack.context().snapshot();
  auto placed = [&](CredentialIndex p) {
    for (const schedule::ScheduledStep& step : s.steps) {
      if (step.credential == p) return step.placed;
    }
    return true;  // held or not in the stack: nothing to wait for
  };
  for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
    for (CredentialIndex p : snapshot.PrerequisiteGroup(c, g)) {
      if (!placed(p)) return false;
    }
  }
  for (CredentialIndex u : snapshot.Corequisites(c)) {
    if (!placed(u)) return false;
  }
  return true;
}

bool NotOffered(const Stack& stack, const schedule::ScheduledStep& step,
                const schedule::Schedule& s) {
  return !step.placed &&
         stack.context().credential(step.credential).pacing == core::Pacing::kScheduled &&
         RequisitesPlaced(stack, s, step.credential);
}

Remedy Drop(const Stack& stack, CredentialIndex c, std::string because) {
  Remedy drop;
  drop.kind = Remedy::Kind::kDrop;
  drop.ids = {stack.Id(c)};
  drop.because = std::move(because);
  return drop;
}

}  // namespace

void CheckNotOffered(const Stack& stack, std::vector<Draft>* out) {
  const schedule::Schedule& s = stack.schedule();
  for (const schedule::ScheduledStep& step : s.steps) {
    if (!NotOffered(stack, step, s)) continue;
    const CredentialIndex c = step.credential;
    const std::vector<std::string> problems = ProblemsOf(stack, s, c);
    Draft& draft = AddFinding(
        stack, FindingCode::kNotOffered, Severity::kBlocking, {c},
        problems.empty() ? absl::StrCat(stack.Id(c), " does not run when the stack needs it")
                         : absl::StrJoin(problems, "; "),
        stack.Id(c), out);
    if (!stack.wants_remedies()) continue;
    draft.candidates = Replacements(
        stack, c, [](CredentialIndex) { return true; },
        [&](CredentialIndex y) {
          const core::Credential& other = stack.context().credential(y);
          return other.pacing == core::Pacing::kScheduled ? std::string("which runs then")
                                                          : std::string("which runs on demand");
        });
    if (Droppable(stack, c)) draft.candidates.push_back(Drop(stack, c, "it does not run then"));
  }
}

void CheckScheduleInfeasible(const Stack& stack, std::vector<Draft>* out) {
  const schedule::Schedule& s = stack.schedule();
  if (s.feasible) return;
  // Items with a problem of their own other than their offerings (NOT_OFFERED's).
  std::vector<CredentialIndex> late;
  std::vector<std::string> problems;
  for (const schedule::ScheduledStep& step : s.steps) {
    if (NotOffered(stack, step, s)) continue;
    std::vector<std::string> own = ProblemsOf(stack, s, step.credential);
    if (own.empty()) continue;
    late.push_back(step.credential);
    problems.insert(problems.end(), own.begin(), own.end());
  }
  if (late.empty()) return;
  const std::optional<core::Date>& deadline = stack.context().learner().profile.deadline;
  Draft& draft =
      AddFinding(stack, FindingCode::kScheduleInfeasible, Severity::kBlocking, late,
                 absl::StrCat("the stack cannot be finished",
                              deadline ? absl::StrCat(" by ", core::FormatDate(*deadline)) : "",
                              ": ", absl::StrJoin(problems, "; ")),
                 "schedule", out);
  if (!stack.wants_remedies()) return;
  // Dropping an item frees its weeks for the rest: the latest-ending first.
  std::vector<CredentialIndex> by_end;
  for (const schedule::ScheduledStep& step : s.steps) {
    if (step.placed) by_end.push_back(step.credential);
  }
  std::stable_sort(by_end.begin(), by_end.end(), [&](CredentialIndex a, CredentialIndex b) {
    auto end = [&](CredentialIndex c) {
      for (const schedule::ScheduledStep& step : s.steps) {
        if (step.credential == c) return step.end_week;
      }
      return 0;
    };
    return end(a) > end(b);
  });
  for (CredentialIndex c : late) {
    if (std::find(by_end.begin(), by_end.end(), c) == by_end.end()) by_end.push_back(c);
  }
  for (CredentialIndex c : by_end) {
    if (Droppable(stack, c)) draft.candidates.push_back(Drop(stack, c, "to finish in time"));
  }
}

}  // namespace credpath::coherence::internal
