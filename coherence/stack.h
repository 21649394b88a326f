// What every coherence rule reads: the facts of one check that do not depend on the order
// or content of the stack (CheckContext), and one proposed stack resolved against them
// (Stack). A remedy is verified by building a Stack from the edited ids on the same
// context and running the rule again, so a Stack is cheap: O(n) for n items plus hash
// lookups, never a scan of the catalogue.
//
// Vocabulary. The learner's held credentials are earned; a stack item the learner holds
// counts as held. Planned items are the stack items not held. The sequence is the held
// credentials (in the learner's order) followed by the planned items (in stack order);
// "before" and "stack order" always refer to it. Credit can count from planned items and
// from held items that are recent toward the target (graph::IsRecent, with the recency
// threshold of coherence/config.h).
// Thread safety: a context is immutable once made; stacks are values, but a stack makes its
// schedule on first use, so one stack must not be read from two threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "coherence/config.h"
#include "core/catalog.h"
#include "core/date.h"
#include "graph/credit.h"
#include "graph/snapshot.h"
#include "schedule/schedule.h"

namespace credpath::coherence::internal {

using graph::CredentialIndex;

struct HeldCredential {
  CredentialIndex credential = 0;
  core::Date earned_on;
};

// A credential-to-credential link with its endpoints resolved, so that rules compare
// indexes instead of looking ids up.
struct CredentialLink {
  const core::Link* link = nullptr;
  CredentialIndex from = 0;
  CredentialIndex to = 0;
};

class CheckContext {
 public:
  // REQUIRES: every id of `stack_ids` is a credential of `snapshot`; `target` is null or a
  // qualification of `snapshot`. The referenced objects must outlive the context. Held ids
  // the snapshot does not know are ignored. `stack_ids` decides which links are indexed.
  CheckContext(const graph::CatalogSnapshot& snapshot, const core::Learner& learner,
               const core::Qualification* target, const Thresholds& thresholds, core::Date start,
               const std::vector<std::string>& stack_ids);

  const graph::CatalogSnapshot& snapshot() const { return snapshot_; }
  const core::Learner& learner() const { return learner_; }
  const Thresholds& thresholds() const { return thresholds_; }
  core::Date start() const { return start_; }
  const core::Qualification* target() const { return target_; }
  // The target's credit facts under the thresholds' policy; null without a target.
  const graph::QualificationCredit* credit() const { return credit_ ? &*credit_ : nullptr; }
  // Credit facts of a qualification the target's rules name (directly or through exit
  // awards), or of the target; null for any other.
  const graph::QualificationCredit* CreditOf(std::string_view qualification_id) const;

  const core::Credential& credential(CredentialIndex c) const { return snapshot_.credentials()[c]; }
  // Held credentials in the learner's order, each once.
  const std::vector<HeldCredential>& held() const { return held_; }
  // When the learner holds qualification `id` (an exit award), the day it was earned.
  std::optional<core::Date> HeldQualification(std::string_view id) const;
  // Whether credit earned on `earned_on` still counts toward the target on the start day.
  bool Recent(core::Date earned_on) const;

  // Credential-to-credential links (every type but CREDIT_TOWARD) with an endpoint among
  // the stack's or the held credentials; empty for any other credential.
  const std::vector<CredentialLink>& LinksOf(CredentialIndex c) const;
  // Points of a CREDIT_TOWARD link from qualification `award` to `qualification`, 0 when
  // there is none.
  int64_t AwardPoints(std::string_view award, std::string_view qualification) const;
  // The OVERLAPS fraction between two credentials, 0 when they do not overlap.
  // REQUIRES: one of them has indexed links (see LinksOf).
  double Overlap(CredentialIndex a, CredentialIndex b) const;

 private:
  const graph::CatalogSnapshot& snapshot_;
  const core::Learner& learner_;
  const Thresholds& thresholds_;
  const core::Date start_;
  const core::Qualification* const target_;
  std::optional<graph::QualificationCredit> credit_;
  absl::flat_hash_map<std::string, graph::QualificationCredit> award_credit_;
  int32_t recency_months_ = 0;  // the window toward the target (Thresholds::RecencyMonthsFor)
  std::vector<HeldCredential> held_;
  absl::flat_hash_map<std::string, core::Date> held_qualifications_;
  absl::flat_hash_map<CredentialIndex, std::vector<CredentialLink>> links_;
};

class Stack {
 public:
  // What the rules are to write for a stack. CheckStack verifies a remedy on an edited
  // stack by reading only its findings' codes, severities and keys; proposing remedies is
  // most of the rules' work, so on such a stack they skip it.
  enum class Wants { kFindingsAndRemedies, kFindingsOnly };

  // REQUIRES: as CheckContext; ids unique. `context` must outlive the stack.
  Stack(const CheckContext& context, std::vector<std::string> ids,
        Wants wants = Wants::kFindingsAndRemedies);

  const CheckContext& context() const { return *context_; }
  // Whether rules propose remedies (Draft::candidates) for what they find on this stack.
  bool wants_remedies() const { return wants_ == Wants::kFindingsAndRemedies; }
  // The stack as proposed, held items included.
  const std::vector<std::string>& ids() const { return ids_; }
  // The credentials of ids(), index-aligned with it.
  const std::vector<CredentialIndex>& items() const { return items_; }
  // Held credentials, then planned items: see the file comment.
  const std::vector<CredentialIndex>& sequence() const { return sequence_; }
  const std::vector<CredentialIndex>& planned() const { return planned_; }
  // Held (recent) and planned credentials: those whose credit can count, in sequence order.
  const std::vector<CredentialIndex>& counted() const { return counted_; }

  // Index in sequence(), or -1 when the credential is neither held nor in the stack.
  int Position(CredentialIndex c) const;
  bool Contains(CredentialIndex c) const { return Position(c) >= 0; }
  bool IsHeld(CredentialIndex c) const;
  bool IsPlanned(CredentialIndex c) const { return Contains(c) && !IsHeld(c); }
  std::optional<core::Date> HeldOn(CredentialIndex c) const;
  bool Counts(CredentialIndex c) const;
  const std::string& Id(CredentialIndex c) const { return context_->credential(c).id; }

  // Ids of `credentials` sorted into sequence order (absent ones last, by id).
  std::vector<std::string> InOrder(std::vector<CredentialIndex> credentials) const;

  // The planned items laid out by schedule::MakeSchedule in stack order, the held
  // credentials done before week 0, within the learner's weekly hours and by their
  // deadline. Made on first use and kept: several rules, and the check of every remedy,
  // read the same stack's schedule.
  const schedule::Schedule& schedule() const;

 private:
  const CheckContext* context_;
  Wants wants_;
  std::vector<std::string> ids_;
  std::vector<CredentialIndex> items_;
  std::vector<CredentialIndex> sequence_;
  std::vector<CredentialIndex> planned_;
  std::vector<CredentialIndex> counted_;
  absl::flat_hash_map<CredentialIndex, int> position_;
  absl::flat_hash_map<CredentialIndex, core::Date> held_on_;
  mutable std::optional<schedule::Schedule> schedule_;  // see schedule()
};

// Credentials that could take `x`'s place, best first, none held or in the stack: those
// overlapping it (largest overlap first), its alternatives in prerequisite groups of
// stack items, the other items of target rule nodes that list it, then credentials with
// credit toward the target in x's first field at x's level. At most `limit`.
std::vector<CredentialIndex> Alternatives(const Stack& stack, CredentialIndex x, size_t limit = 24);

// Whether every prerequisite group of `c` has a member that is held or placed before
// position `position` of the sequence (or is waived for `c` by an advisor override).
bool PrerequisitesMetBefore(const Stack& stack, CredentialIndex c, int position);

// Whether the learner has an override waiving `prerequisite` for `credential`.
bool Waived(const core::Learner& learner, std::string_view credential,
            std::string_view prerequisite);

// Whether two ISCED-F codes agree on their first `digits` digits.
bool SameField(std::string_view a, std::string_view b, int digits);

}  // namespace credpath::coherence::internal
