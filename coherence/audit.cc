#include "coherence/audit.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "coherence/qualification.h"

namespace credpath::coherence::internal {
namespace {

std::string ExclusionReason(graph::CreditExclusion exclusion, const CheckContext& context,
                            const core::Credential& credential) {
  const core::Qualification& target = *context.target();
  switch (exclusion) {
    case graph::CreditExclusion::kUnaccreditedProvider:
      return absl::StrCat("its provider ", credential.provider_id,
                          " is not quality-assured, and such credit does not count here");
    case graph::CreditExclusion::kWeakAssessment:
      return "it lacks summative, identity-verified assessment, which credit here requires";
    case graph::CreditExclusion::kBelowTargetLevel:
      return absl::StrCat("its level ", credential.level.value, " is more than ",
                          context.thresholds().credit_policy.max_levels_below_target,
                          " below the level ", target.level.value, " of ", target.id);
    case graph::CreditExclusion::kNone:
      break;
  }
  return "";
}

}  // namespace

std::vector<CreditShare> ShareCredit(const Stack& stack) {
  const CheckContext& context = stack.context();
  const graph::QualificationCredit& credit = *context.credit();
  std::vector<CreditShare> shares;
  absl::flat_hash_map<CredentialIndex, size_t> at;
  for (CredentialIndex c : stack.sequence()) {
    CreditShare share;
    share.credential = c;
    if (const graph::CreditSource* source = credit.Find(c)) {
      share.carried = source->points;
      share.exclusion = source->exclusion;
    }
    share.stale = !stack.Counts(c);
    share.counted = share.stale ? 0 : credit.EligiblePoints(c);
    at.emplace(c, shares.size());
    shares.push_back(std::move(share));
  }
  for (const graph::SharedCredit& overlap : credit.overlaps) {
    auto a = at.find(overlap.a);
    auto b = at.find(overlap.b);
    if (a == at.end() || b == at.end() || shares[a->second].stale || shares[b->second].stale) {
      continue;
    }
    // Positions follow the sequence, so the larger index into shares is the later item.
    CreditShare& later = shares[std::max(a->second, b->second)];
    CreditShare& earlier = shares[std::min(a->second, b->second)];
    int64_t left = overlap.shared;
    for (CreditShare* from : {&later, &earlier}) {
      const int64_t take = std::min(left, std::max<int64_t>(from->counted, 0));
      from->counted -= take;
      left -= take;
      if (take > 0) {
        from->overlaps.emplace_back(from == &later ? earlier.credential : later.credential, take);
      }
    }
    // Only when one credential overlaps several others by more than its own points: the
    // pairwise count then goes below what the items carry, and the later item shows it.
    if (left > 0) {
      later.counted -= left;
      later.overlaps.emplace_back(earlier.credential, left);
    }
  }
  int64_t total = 0;
  for (const CreditShare& share : shares) total += share.counted;
  const int64_t cap = credit.qualification->stacked_credit_cap;
  int64_t excess = cap > 0 ? total - cap : 0;
  for (auto it = shares.rbegin(); it != shares.rend() && excess > 0; ++it) {
    const int64_t cut = std::min(excess, std::max<int64_t>(it->counted, 0));
    it->counted -= cut;
    it->cap_lost = cut;
    excess -= cut;
  }
  return shares;
}

Audit MakeAudit(const Stack& stack) {
  const CheckContext& context = stack.context();
  const core::Qualification& target = *context.target();
  const QualificationStatus status = JudgeQualification(stack, target);

  Audit audit;
  audit.qualification_id = target.id;
  audit.credit_required = target.credit_required;
  audit.credit_total = graph::CountedCredit(*context.credit(), stack.counted());
  audit.credit_missing = std::max<int64_t>(0, target.credit_required - audit.credit_total);
  audit.core_missing_ids = status.core_missing;
  audit.complete = status.complete;
  for (const NodeResult& node : status.rules.nodes) {
    RuleStatus rule{node.name, node.satisfied, node.detail};
    if (!node.satisfied) audit.unmet_rules.push_back(rule);
    audit.rules.push_back(std::move(rule));
  }

  const int32_t recency = context.thresholds().RecencyMonthsFor(target);
  for (const CreditShare& share : ShareCredit(stack)) {
    const core::Credential& credential = context.credential(share.credential);
    AuditItem item;
    item.credential_id = credential.id;
    item.held = stack.IsHeld(share.credential);
    item.credit_carried = share.carried;
    item.credit_counted = share.counted;
    item.credit_not_counted = share.carried - share.counted;
    if (std::find(target.core_ids.begin(), target.core_ids.end(), credential.id) !=
            target.core_ids.end() &&
        !share.stale) {
      item.counts_toward.push_back("core");
    }
    for (const NodeResult& node : status.rules.nodes) {
      if (std::find(node.counted.begin(), node.counted.end(), credential.id) !=
          node.counted.end()) {
        item.counts_toward.push_back(node.name);
      }
    }
    if (share.stale) {
      item.reasons.push_back(
          absl::StrCat("earned ", core::FormatDate(*stack.HeldOn(share.credential)), ", more than ",
                       recency, " months before ", core::FormatDate(context.start()), ": outside ",
                       target.id, "'s recency window"));
    } else if (share.exclusion != graph::CreditExclusion::kNone) {
      item.reasons.push_back(ExclusionReason(share.exclusion, context, credential));
    }
    for (const auto& [other, points] : share.overlaps) {
      item.reasons.push_back(absl::StrCat(points, " points overlap ", context.credential(other).id,
                                          " and count once"));
    }
    if (share.cap_lost > 0) {
      item.reasons.push_back(absl::StrCat(share.cap_lost, " points pass ", target.id, "'s cap of ",
                                          target.stacked_credit_cap, " points of stacked credit"));
    }
    audit.items.push_back(std::move(item));
  }
  return audit;
}

}  // namespace credpath::coherence::internal
