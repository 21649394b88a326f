#include "coherence/rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace credpath::coherence::internal {

std::span<const Rule> AllRules() {
  static constexpr Rule kRules[] = {
      CheckPrerequisiteMissing, CheckPrerequisiteOrder,
      CheckCorequisiteSplit,    CheckLevelJump,
      CheckBelowTargetLevel,    CheckContentOverlap,
      CheckCreditCap,           CheckCoreMissing,
      CheckElectiveRules,       CheckDoubleCounted,
      CheckDisciplineScatter,   CheckDisconnectedStack,
      CheckStaleCredit,         CheckUnaccreditedProvider,
      CheckWeakAssessment,      CheckBudget,
      CheckDeliveryMismatch,    CheckNotOffered,
      CheckScheduleInfeasible,
  };
  return kRules;
}

std::span<const Rule> BlockingRules() {
  static constexpr Rule kRules[] = {
      CheckPrerequisiteMissing, CheckPrerequisiteOrder, CheckCorequisiteSplit,   CheckBudget,
      CheckDeliveryMismatch,    CheckNotOffered,        CheckScheduleInfeasible,
  };
  return kRules;
}

Draft& AddFinding(const Stack& stack, FindingCode code, Severity severity,
                  std::vector<CredentialIndex> ids, std::string message, std::string key,
                  std::vector<Draft>* out) {
  Draft& draft = out->emplace_back();
  draft.finding.code = code;
  draft.finding.severity = severity;
  draft.finding.credential_ids = stack.InOrder(std::move(ids));
  draft.finding.message = std::move(message);
  draft.finding.key = std::move(key);
  return draft;
}

bool Droppable(const Stack& stack, CredentialIndex c) {
  const CheckContext& context = stack.context();
  if (const core::Qualification* target = context.target()) {
    const std::vector<std::string>& core = target->core_ids;
    if (std::find(core.begin(), core.end(), stack.Id(c)) != core.end()) return false;
  }
  const graph::CatalogSnapshot& snapshot = context.snapshot();
  for (CredentialIndex s : stack.planned()) {
    if (s == c) continue;
    for (CredentialIndex u : snapshot.Corequisites(s)) {
      if (u == c) return false;
    }
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(s); ++g) {
      std::span<const CredentialIndex> group = snapshot.PrerequisiteGroup(s, g);
      if (std::find(group.begin(), group.end(), c) != group.end()) return false;
    }
  }
  return true;
}

bool CarriesCredit(const Stack& stack, CredentialIndex c) {
  const graph::QualificationCredit* credit = stack.context().credit();
  if (credit == nullptr) return false;
  const graph::CreditSource* source = credit->Find(c);
  return source != nullptr && source->points > 0;
}

std::string Percent(double fraction) {
  return absl::StrCat(static_cast<int64_t>(std::lround(fraction * 100)), "%");
}

}  // namespace credpath::coherence::internal
