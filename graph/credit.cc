#include "graph/credit.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace credpath::graph {
namespace {

// Fractions come from decimal text (0.3); the tolerance keeps floor(0.3 · 20) at 6.
constexpr double kFractionTolerance = 1e-9;

CreditExclusion Exclusion(const CatalogSnapshot& snapshot, const core::Credential& credential,
                          const core::Qualification& qualification, const CreditPolicy& policy) {
  const core::Provider* provider = snapshot.FindProvider(credential.provider_id);
  if (!policy.count_unaccredited_providers && (provider == nullptr || !provider->quality_assured)) {
    return CreditExclusion::kUnaccreditedProvider;
  }
  if (!policy.count_weak_assessment &&
      !(credential.benefits.summative_assessment && credential.benefits.identity_verified)) {
    return CreditExclusion::kWeakAssessment;
  }
  if (policy.max_levels_below_target >= 0 &&
      credential.level.value + policy.max_levels_below_target < qualification.level.value) {
    return CreditExclusion::kBelowTargetLevel;
  }
  return CreditExclusion::kNone;
}

}  // namespace

const CreditSource* QualificationCredit::Find(CredentialIndex c) const {
  auto it = std::lower_bound(sources.begin(), sources.end(), c,
                             [](const CreditSource& s, CredentialIndex v) { return s.credential < v; });
  return it != sources.end() && it->credential == c ? &*it : nullptr;
}

int64_t QualificationCredit::EligiblePoints(CredentialIndex c) const {
  const CreditSource* source = Find(c);
  return source != nullptr && source->exclusion == CreditExclusion::kNone ? source->points : 0;
}

int64_t SharedPoints(double fraction, int64_t points_a, int64_t points_b) {
  const double shared = fraction * static_cast<double>(std::min(points_a, points_b));
  return static_cast<int64_t>(std::floor(shared + kFractionTolerance));
}

absl::StatusOr<QualificationCredit> CreditToward(const CatalogSnapshot& snapshot,
                                                 std::string_view qualification_id,
                                                 const CreditPolicy& policy) {
  const core::Qualification* qualification = snapshot.FindQualification(qualification_id);
  if (qualification == nullptr) {
    return absl::NotFoundError(absl::StrCat("qualification ", std::string(qualification_id), " not found"));
  }
  QualificationCredit credit;
  credit.qualification = qualification;
  for (const core::Link& link : snapshot.links()) {
    if (link.type != core::LinkType::kCreditToward || link.to_id != qualification_id) continue;
    std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(link.from_id);
    if (!c.has_value()) continue;  // an exit award: counted through the rule tree
    credit.sources.push_back(
        {*c, link.credit_points,
         Exclusion(snapshot, snapshot.credentials()[*c], *qualification, policy)});
  }
  std::sort(credit.sources.begin(), credit.sources.end(),
            [](const CreditSource& x, const CreditSource& y) { return x.credential < y.credential; });
  for (const core::Link& link : snapshot.links()) {
    if (link.type != core::LinkType::kOverlaps) continue;
    std::optional<CredentialIndex> a = snapshot.CredentialIndexOf(link.from_id);
    std::optional<CredentialIndex> b = snapshot.CredentialIndexOf(link.to_id);
    if (!a.has_value() || !b.has_value()) continue;
    const int64_t points_a = credit.EligiblePoints(*a);
    const int64_t points_b = credit.EligiblePoints(*b);
    if (points_a == 0 || points_b == 0) continue;
    const int64_t shared = SharedPoints(link.overlap_fraction, points_a, points_b);
    if (shared > 0) credit.overlaps.push_back({std::min(*a, *b), std::max(*a, *b), shared});
  }
  std::sort(credit.overlaps.begin(), credit.overlaps.end(),
            [](const SharedCredit& x, const SharedCredit& y) {
              return std::pair(x.a, x.b) < std::pair(y.a, y.b);
            });
  return credit;
}

bool IsRecent(const core::Qualification& qualification, core::Date earned_on, core::Date today) {
  return IsRecentWithin(qualification.recency_months, earned_on, today);
}

bool IsRecentWithin(int32_t recency_months, core::Date earned_on, core::Date today) {
  if (recency_months <= 0) return true;
  return today <= core::AddMonths(earned_on, recency_months);
}

int64_t CountedCredit(const QualificationCredit& credit, std::span<const CredentialIndex> items) {
  absl::flat_hash_set<CredentialIndex> in(items.begin(), items.end());
  int64_t total = 0;
  for (CredentialIndex c : in) total += credit.EligiblePoints(c);
  for (const SharedCredit& overlap : credit.overlaps) {
    if (in.contains(overlap.a) && in.contains(overlap.b)) total -= overlap.shared;
  }
  const int64_t cap = credit.qualification->stacked_credit_cap;
  return cap > 0 ? std::min(cap, total) : total;
}

}  // namespace credpath::graph
