// Credit toward one qualification (DESIGN.md sections 2 and 4): the one place that says
// how much of a set of credentials counts toward a qualification.
//
// A credential carries credit toward qualification Q when a CREDIT_TOWARD link joins it
// to Q; the link's credit_points are in Q's credit system. The counted credit of a set X
// (held and planned credentials together) is
//     min(cap, Σ_{i∈X} points(i) − Σ_{overlapping pairs {a,b} ⊆ X} shared(a, b))
// where cap is Q's stacked_credit_cap (0: no cap) and an OVERLAPS link with fraction f
// between two credit-bearing credentials shares floor(f · min(points(a), points(b)))
// points, which count once. Credit from a qualification (an exit award) toward Q is not
// counted here: exit awards enter Q through its rule tree.
//
// Eligibility is a policy (CreditPolicy): by default articulated credit counts whatever
// the provider's accreditation, the assessment or the level, and the coherence checker
// warns about those; a deployment may exclude them. Held credentials older than Q's
// recency window do not count (IsRecent). The optimiser's problem builder and the
// coherence audit both take their numbers from here, so they always agree.
// Thread safety: the types are plain values; the functions are pure.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "core/date.h"
#include "graph/snapshot.h"

namespace credpath::graph {

struct CreditPolicy {
  bool count_unaccredited_providers = true;  // providers without quality assurance
  bool count_weak_assessment = true;         // no summative assessment or no identity check
  // Credit from credentials more than this many levels below Q's level does not count;
  // negative: any level counts.
  int32_t max_levels_below_target = -1;
};

// Why articulated credit does not count by policy.
enum class CreditExclusion { kNone, kUnaccreditedProvider, kWeakAssessment, kBelowTargetLevel };

struct CreditSource {
  CredentialIndex credential = 0;
  int64_t points = 0;  // the CREDIT_TOWARD link's credit_points
  CreditExclusion exclusion = CreditExclusion::kNone;
};

struct SharedCredit {
  CredentialIndex a = 0;  // a < b
  CredentialIndex b = 0;
  int64_t shared = 0;     // floor(fraction · min(points(a), points(b))), > 0
};

struct QualificationCredit {
  const core::Qualification* qualification = nullptr;  // owned by the snapshot
  // Every credential with a CREDIT_TOWARD link to the qualification, ascending index.
  std::vector<CreditSource> sources;
  // Overlaps between eligible sources (exclusion == kNone), ascending (a, b).
  std::vector<SharedCredit> overlaps;

  // Points of `c` that can count (0 when it carries none or is excluded by policy).
  int64_t EligiblePoints(CredentialIndex c) const;
  // The source entry of `c`, or nullptr.
  const CreditSource* Find(CredentialIndex c) const;
};

// The credit facts of qualification `qualification_id` in `snapshot`. NOT_FOUND when
// there is no such qualification. The result points into `snapshot`, which must outlive it.
// O(L) in the number of links.
absl::StatusOr<QualificationCredit> CreditToward(const CatalogSnapshot& snapshot,
                                                 std::string_view qualification_id,
                                                 const CreditPolicy& policy = {});

// Whether credit earned on `earned_on` still counts toward `qualification` on `today`:
// always when the qualification has no recency window, else when `today` is at most
// recency_months calendar months after `earned_on`.
bool IsRecent(const core::Qualification& qualification, core::Date earned_on, core::Date today);
// The same with an explicit window: always when recency_months <= 0.
bool IsRecentWithin(int32_t recency_months, core::Date earned_on, core::Date today);

// The counted credit of `items` (credential indexes, each at most once, any order; stale
// held credentials already left out): eligible points minus shared overlap, capped.
int64_t CountedCredit(const QualificationCredit& credit, std::span<const CredentialIndex> items);

// The overlap share of `shared` points between credentials of `points_a` and `points_b`
// points with content `fraction` in common: floor(fraction · min(points_a, points_b)).
int64_t SharedPoints(double fraction, int64_t points_a, int64_t points_b);

}  // namespace credpath::graph
