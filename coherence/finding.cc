#include "coherence/finding.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace credpath::coherence {

std::string_view FindingCodeName(FindingCode code) {
  switch (code) {
    case FindingCode::kUnspecified:
      return "UNSPECIFIED";
    case FindingCode::kPrerequisiteMissing:
      return "PREREQUISITE_MISSING";
    case FindingCode::kPrerequisiteOrder:
      return "PREREQUISITE_ORDER";
    case FindingCode::kLevelJump:
      return "LEVEL_JUMP";
    case FindingCode::kBelowTargetLevel:
      return "BELOW_TARGET_LEVEL";
    case FindingCode::kContentOverlap:
      return "CONTENT_OVERLAP";
    case FindingCode::kCreditCapExceeded:
      return "CREDIT_CAP_EXCEEDED";
    case FindingCode::kCoreMissing:
      return "CORE_MISSING";
    case FindingCode::kElectiveRuleUnmet:
      return "ELECTIVE_RULE_UNMET";
    case FindingCode::kDisciplineScatter:
      return "DISCIPLINE_SCATTER";
    case FindingCode::kDisconnectedStack:
      return "DISCONNECTED_STACK";
    case FindingCode::kStaleCredit:
      return "STALE_CREDIT";
    case FindingCode::kUnaccreditedProvider:
      return "UNACCREDITED_PROVIDER";
    case FindingCode::kWeakAssessment:
      return "WEAK_ASSESSMENT";
    case FindingCode::kBudgetExceeded:
      return "BUDGET_EXCEEDED";
    case FindingCode::kScheduleInfeasible:
      return "SCHEDULE_INFEASIBLE";
    case FindingCode::kDeliveryMismatch:
      return "DELIVERY_MISMATCH";
    case FindingCode::kCorequisiteSplit:
      return "COREQUISITE_SPLIT";
    case FindingCode::kDoubleCounted:
      return "DOUBLE_COUNTED";
    case FindingCode::kNotOffered:
      return "NOT_OFFERED";
  }
  return "UNSPECIFIED";
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string text;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) text += i + 1 == ids.size() ? " and " : ", ";
    text += ids[i];
  }
  return text;
}

std::string Remedy::Text() const {
  std::string text;
  switch (kind) {
    case Kind::kAdd:
    case Kind::kMove:
      text = absl::StrCat(kind == Kind::kAdd ? "add " : "move ", JoinIds(ids));
      if (!before.empty()) {
        absl::StrAppend(&text, " before ", before);
      } else if (!after.empty()) {
        absl::StrAppend(&text, " after ", after);
      } else if (kind == Kind::kMove) {
        absl::StrAppend(&text, " to the end");
      }
      break;
    case Kind::kReplace:
      text = absl::StrCat("replace ", JoinIds(ids), " with ", replacement);
      break;
    case Kind::kDrop:
      text = absl::StrCat("drop ", JoinIds(ids));
      break;
  }
  if (!because.empty()) absl::StrAppend(&text, ", ", because);
  return text;
}

std::vector<std::string> ApplyRemedy(const std::vector<std::string>& stack, const Remedy& remedy) {
  auto contains = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::vector<std::string> out;
  switch (remedy.kind) {
    case Remedy::Kind::kReplace:
      for (const std::string& id : stack) {
        out.push_back(!remedy.ids.empty() && id == remedy.ids[0] ? remedy.replacement : id);
      }
      return out;
    case Remedy::Kind::kDrop:
      for (const std::string& id : stack) {
        if (!contains(remedy.ids, id)) out.push_back(id);
      }
      return out;
    case Remedy::Kind::kAdd:
    case Remedy::Kind::kMove: {
      // A move is a removal followed by an insertion at the anchor.
      for (const std::string& id : stack) {
        if (remedy.kind == Remedy::Kind::kAdd || !contains(remedy.ids, id)) out.push_back(id);
      }
      auto at = out.end();
      if (!remedy.before.empty()) {
        at = std::find(out.begin(), out.end(), remedy.before);
      } else if (!remedy.after.empty()) {
        at = std::find(out.begin(), out.end(), remedy.after);
        if (at != out.end()) ++at;
      }
      out.insert(at, remedy.ids.begin(), remedy.ids.end());
      return out;
    }
  }
  return out;
}

Verdict VerdictOf(const std::vector<Finding>& findings) {
  Severity worst = Severity::kUnspecified;
  for (const Finding& f : findings) worst = std::max(worst, f.severity);
  if (worst == Severity::kBlocking) return Verdict::kNotCoherent;
  if (worst == Severity::kWarning) return Verdict::kCoherentWithWarnings;
  return Verdict::kCoherent;
}

}  // namespace credpath::coherence
