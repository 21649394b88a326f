// Rules on the credit a stack carries toward its target: level, overlap, cap, recency,
// provider accreditation, assessment and field of study. Without a target they find
// nothing.
#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "coherence/audit.h"
#include "coherence/qualification.h"
#include "coherence/rules.h"

namespace credpath::coherence::internal {
namespace {

const core::Provider* ProviderOf(const Stack& stack, CredentialIndex c) {
  return stack.context().snapshot().FindProvider(stack.context().credential(c).provider_id);
}

bool QualityAssured(const Stack& stack, CredentialIndex c) {
  const core::Provider* provider = ProviderOf(stack, c);
  return provider != nullptr && provider->quality_assured;
}

bool StrongAssessment(const core::Credential& c) {
  return c.benefits.summative_assessment && c.benefits.identity_verified;
}

// Credit-bearing credentials of the sequence whose credit could count (not stale).
std::vector<CredentialIndex> CreditBearing(const Stack& stack) {
  std::vector<CredentialIndex> out;
  for (CredentialIndex c : stack.counted()) {
    if (CarriesCredit(stack, c)) out.push_back(c);
  }
  return out;
}

// A replacement keeps credit toward the target when the replaced item carried some.
auto KeepsCredit(const Stack& stack, CredentialIndex x) {
  return [&stack, x](CredentialIndex y) {
    return !CarriesCredit(stack, x) || CarriesCredit(stack, y);
  };
}

// The policy note of a finding whose credit the deployment may exclude.
std::string PolicyNote(bool counted_here) {
  return counted_here ? "; it counts here, but other institutions may not accept it"
                      : "; its credit does not count here";
}

}  // namespace

void CheckBelowTargetLevel(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const core::Qualification* target = context.target();
  if (target == nullptr) return;
  const int32_t gap = context.thresholds().max_levels_below_target;
  const core::Level& goal = target->level;
  auto below = [&](CredentialIndex c) {
    const core::Level& l = context.credential(c).level;
    return l.framework == goal.framework && l.value > 0 && goal.value > 0 &&
           l.value + gap < goal.value;
  };
  for (CredentialIndex c : CreditBearing(stack)) {
    if (!below(c)) continue;
    const int32_t level = context.credential(c).level.value;
    Draft& draft =
        AddFinding(stack, FindingCode::kBelowTargetLevel,
                   stack.IsHeld(c) ? Severity::kInfo : Severity::kWarning, {c},
                   absl::StrCat(stack.Id(c), " is at level ", level, ", ", goal.value - level,
                                " levels below ", target->id, " (level ", goal.value,
                                "): credit from much lower-level study toward a higher award"),
                   stack.Id(c), out);
    if (!stack.IsPlanned(c) || !stack.wants_remedies()) continue;
    draft.candidates = Replacements(
        stack, c, [&](CredentialIndex y) { return CarriesCredit(stack, y) && !below(y); },
        [&](CredentialIndex y) {
          return absl::StrCat("at level ", context.credential(y).level.value);
        });
  }
}

void CheckContentOverlap(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const graph::QualificationCredit* credit = context.credit();
  absl::flat_hash_set<std::pair<int, int>> seen;
  for (CredentialIndex s : stack.sequence()) {
    for (const CredentialLink& l : context.LinksOf(s)) {
      const core::Link* link = l.link;
      if (link->type != core::LinkType::kOverlaps) continue;
      const CredentialIndex a = l.from;
      const CredentialIndex b = l.to;
      const int pa = stack.Position(a);
      const int pb = stack.Position(b);
      if (pa < 0 || pb < 0 || !seen.insert({std::min(pa, pb), std::max(pa, pb)}).second) continue;
      const CredentialIndex earlier = pa < pb ? a : b;
      const CredentialIndex later = pa < pb ? b : a;
      const double fraction = link->overlap_fraction;
      std::string message = absl::StrCat(stack.Id(earlier), " and ", stack.Id(later), " share ",
                                         Percent(fraction), " of their content");
      const int64_t shared = credit == nullptr
                                 ? 0
                                 : graph::SharedPoints(fraction, credit->EligiblePoints(earlier),
                                                       credit->EligiblePoints(later));
      if (shared > 0) {
        absl::StrAppend(&message, "; their ", shared, " overlapping credit points count once");
      }
      const Severity severity =
          stack.IsHeld(later) || fraction < context.thresholds().overlap_warning_fraction
              ? Severity::kInfo
              : Severity::kWarning;
      Draft& draft = AddFinding(stack, FindingCode::kContentOverlap, severity, {earlier, later},
                                message, absl::StrCat(stack.Id(a), "|", stack.Id(b)), out);
      if (!stack.IsPlanned(later) || !stack.wants_remedies()) continue;
      draft.candidates = Replacements(
          stack, later,
          [&](CredentialIndex y) {
            if (!KeepsCredit(stack, later)(y)) return false;
            return std::none_of(
                stack.sequence().begin(), stack.sequence().end(),
                [&](CredentialIndex s2) { return s2 != later && context.Overlap(s2, y) > 0; });
          },
          [&](CredentialIndex) {
            return absl::StrCat("which does not overlap ", stack.Id(earlier));
          });
      if (Droppable(stack, later)) {
        Remedy drop;
        drop.kind = Remedy::Kind::kDrop;
        drop.ids = {stack.Id(later)};
        drop.because =
            absl::StrCat(stack.Id(earlier), " already covers ", Percent(fraction), " of it");
        draft.candidates.push_back(std::move(drop));
      }
    }
  }
}

void CheckCreditCap(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const core::Qualification* target = context.target();
  if (target == nullptr || target->stacked_credit_cap <= 0) return;
  const int64_t cap = target->stacked_credit_cap;
  // The credit before the cap, from the one count with the cap lifted.
  core::Qualification uncapped_target = *target;
  uncapped_target.stacked_credit_cap = 0;
  graph::QualificationCredit uncapped = *context.credit();
  uncapped.qualification = &uncapped_target;
  const int64_t before_cap = graph::CountedCredit(uncapped, stack.counted());
  if (before_cap <= cap) return;

  std::vector<CredentialIndex> over;
  for (const CreditShare& share : ShareCredit(stack)) {
    if (share.cap_lost > 0) over.push_back(share.credential);
  }
  Draft& draft =
      AddFinding(stack, FindingCode::kCreditCapExceeded, Severity::kWarning, over,
                 absl::StrCat("the stack carries ", before_cap, " points of stacked credit toward ",
                              target->id, ", ", before_cap - cap, " more than its cap of ", cap,
                              "; the excess does not count"),
                 "cap", out);
  if (!stack.wants_remedies()) return;

  // Drop the set of planned items that wastes the least credit: the most credit counted
  // without passing the cap, then the fewest items; sets that would leave a rule node or a
  // core item unmet are not offered. Exhaustive over up to kMaxDroppable candidates.
  constexpr size_t kMaxDroppable = 8;
  std::vector<CredentialIndex> droppable;
  for (auto it = stack.planned().rbegin(); it != stack.planned().rend(); ++it) {
    if (droppable.size() < kMaxDroppable && CarriesCredit(stack, *it) && Droppable(stack, *it)) {
      droppable.push_back(*it);
    }
  }
  const QualificationStatus now = JudgeQualification(stack, *target);
  auto met = [](const QualificationStatus& status) {
    size_t n = 0;
    for (const NodeResult& node : status.rules.nodes) n += node.satisfied;
    return std::pair(n, status.core_missing.size());
  };
  std::vector<std::string> best;
  int64_t best_credit = -1;
  for (uint32_t mask = 1; mask < (1u << droppable.size()); ++mask) {
    absl::flat_hash_set<CredentialIndex> dropped;
    for (size_t i = 0; i < droppable.size(); ++i) {
      if (mask & (1u << i)) dropped.insert(droppable[i]);
    }
    std::vector<CredentialIndex> kept;
    for (CredentialIndex c : stack.counted()) {
      if (!dropped.contains(c)) kept.push_back(c);
    }
    const int64_t credit = graph::CountedCredit(uncapped, kept);
    if (credit > cap || credit < best_credit ||
        (credit == best_credit && dropped.size() >= best.size())) {
      continue;
    }
    std::vector<std::string> ids;
    for (size_t i = 0; i < stack.ids().size(); ++i) {
      if (!dropped.contains(stack.items()[i])) ids.push_back(stack.ids()[i]);
    }
    const QualificationStatus after = JudgeQualification(Stack(context, ids), *target);
    if (met(after).first < met(now).first || met(after).second > met(now).second) continue;
    best = stack.InOrder({dropped.begin(), dropped.end()});
    best_credit = credit;
  }
  if (best.empty()) return;
  Remedy drop;
  drop.kind = Remedy::Kind::kDrop;
  drop.ids = best;
  drop.because =
      absl::StrCat("the rest of the stack counts ", best_credit, " of the cap of ", cap, " points");
  draft.candidates.push_back(std::move(drop));
}

void CheckStaleCredit(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const core::Qualification* target = context.target();
  if (target == nullptr) return;
  for (const HeldCredential& held : context.held()) {
    if (context.Recent(held.earned_on) || !CarriesCredit(stack, held.credential)) continue;
    AddFinding(
        stack, FindingCode::kStaleCredit, Severity::kWarning, {held.credential},
        absl::StrCat(stack.Id(held.credential), " was earned on ", core::FormatDate(held.earned_on),
                     ", outside ", target->id, "'s recency window on ",
                     core::FormatDate(context.start()), ": its credit no longer counts"),
        stack.Id(held.credential), out);
  }
}

void CheckUnaccreditedProvider(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  if (context.target() == nullptr) return;
  const bool counted_here = context.thresholds().credit_policy.count_unaccredited_providers;
  for (CredentialIndex c : CreditBearing(stack)) {
    if (QualityAssured(stack, c)) continue;
    const core::Provider* provider = ProviderOf(stack, c);
    Draft& draft =
        AddFinding(stack, FindingCode::kUnaccreditedProvider, Severity::kWarning, {c},
                   absl::StrCat(stack.Id(c), " is offered by ",
                                provider != nullptr ? provider->name : "a provider",
                                ", which is not quality-assured", PolicyNote(counted_here)),
                   stack.Id(c), out);
    if (!stack.IsPlanned(c) || !stack.wants_remedies()) continue;
    draft.candidates = Replacements(
        stack, c,
        [&](CredentialIndex y) { return QualityAssured(stack, y) && KeepsCredit(stack, c)(y); },
        [&](CredentialIndex y) {
          const core::Provider* p = ProviderOf(stack, y);
          return absl::StrCat("from ", p->name, ", quality-assured by ", p->quality_assured_by);
        });
  }
}

void CheckWeakAssessment(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  if (context.target() == nullptr) return;
  const bool counted_here = context.thresholds().credit_policy.count_weak_assessment;
  for (CredentialIndex c : CreditBearing(stack)) {
    const core::BenefitFacts& facts = context.credential(c).benefits;
    if (StrongAssessment(context.credential(c))) continue;
    std::vector<std::string> lacks;
    if (!facts.summative_assessment) lacks.push_back("summative assessment");
    if (!facts.identity_verified) lacks.push_back("identity verification");
    Draft& draft =
        AddFinding(stack, FindingCode::kWeakAssessment, Severity::kWarning, {c},
                   absl::StrCat(stack.Id(c), " has no ", absl::StrJoin(lacks, " and no "),
                                PolicyNote(counted_here)),
                   stack.Id(c), out);
    if (!stack.IsPlanned(c) || !stack.wants_remedies()) continue;
    draft.candidates = Replacements(
        stack, c,
        [&](CredentialIndex y) {
          return StrongAssessment(context.credential(y)) && KeepsCredit(stack, c)(y);
        },
        [](CredentialIndex) {
          return std::string("which is assessed summatively, identity verified");
        });
  }
}

namespace {

// Whether a credential lies in one of `fields` (ISCED-F codes compared on `digits`).
bool InFields(const core::Credential& c, const std::vector<std::string>& fields, int digits) {
  for (const std::string& f : c.fields) {
    for (const std::string& g : fields) {
      if (SameField(f, g, digits)) return true;
    }
  }
  return false;
}

}  // namespace

void CheckDisciplineScatter(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const Thresholds& thresholds = context.thresholds();
  const int digits = thresholds.field_match_digits;
  const std::vector<CredentialIndex>& items = stack.items();
  const core::Qualification* target = context.target();
  // The home fields: the target's, else the first item's.
  const std::vector<std::string>& home = target != nullptr && !target->fields.empty()
                                             ? target->fields
                                             : context.credential(items.front()).fields;
  if (home.empty()) return;
  std::vector<CredentialIndex> outside;
  for (CredentialIndex c : items) {
    if (!InFields(context.credential(c), home, digits)) outside.push_back(c);
  }
  const std::string home_text = absl::StrJoin(home, ", ");

  // Remedies for either finding: bring an outside planned item into the home fields, or
  // drop it; the latest first.
  auto candidates = [&]() {
    std::vector<Remedy> remedies;
    for (auto it = outside.rbegin(); it != outside.rend(); ++it) {
      if (!stack.IsPlanned(*it)) continue;
      for (Remedy& r : Replacements(
               stack, *it,
               [&](CredentialIndex y) {
                 return InFields(context.credential(y), home, digits) && KeepsCredit(stack, *it)(y);
               },
               [&](CredentialIndex) { return absl::StrCat("in ", home_text); })) {
        remedies.push_back(std::move(r));
      }
      if (Droppable(stack, *it)) {
        Remedy drop;
        drop.kind = Remedy::Kind::kDrop;
        drop.ids = {stack.Id(*it)};
        drop.because = absl::StrCat("it lies outside ", home_text);
        remedies.push_back(std::move(drop));
      }
    }
    return remedies;
  };

  // Share in the home fields: of credit toward the target when any counts, else of items.
  if (target != nullptr && !target->fields.empty()) {
    int64_t total = 0;
    int64_t inside = 0;
    for (const CreditShare& share : ShareCredit(stack)) {
      total += share.counted;
      if (InFields(context.credential(share.credential), home, digits)) inside += share.counted;
    }
    if (total <= 0) {
      total = static_cast<int64_t>(items.size());
      inside = total - static_cast<int64_t>(outside.size());
    }
    const double share = static_cast<double>(inside) / static_cast<double>(total);
    if (share < thresholds.min_in_field_share) {
      Draft& draft =
          AddFinding(stack, FindingCode::kDisciplineScatter, Severity::kWarning, outside,
                     absl::StrCat("only ", Percent(share), " of the stack lies in ", target->id,
                                  "'s fields (", home_text, "); at least ",
                                  Percent(thresholds.min_in_field_share), " is expected"),
                     "share", out);
      if (stack.wants_remedies()) draft.candidates = candidates();
    }
  }
  // Spread: distinct fields outside the home fields, by each item's first field.
  std::vector<std::string> unrelated;
  for (CredentialIndex c : outside) {
    const std::vector<std::string>& fields = context.credential(c).fields;
    if (fields.empty()) continue;
    const std::string prefix = fields[0].substr(0, std::min<size_t>(fields[0].size(), digits));
    if (std::find(unrelated.begin(), unrelated.end(), prefix) == unrelated.end()) {
      unrelated.push_back(prefix);
    }
  }
  if (static_cast<int32_t>(unrelated.size()) > thresholds.max_unrelated_fields) {
    Draft& draft =
        AddFinding(stack, FindingCode::kDisciplineScatter, Severity::kWarning, outside,
                   absl::StrCat("the stack spans ", unrelated.size(), " fields unrelated to ",
                                home_text, " (", absl::StrJoin(unrelated, ", "), "); at most ",
                                thresholds.max_unrelated_fields, " are expected"),
                   "spread", out);
    if (stack.wants_remedies()) draft.candidates = candidates();
  }
}

}  // namespace credpath::coherence::internal
