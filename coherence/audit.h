// The credit audit of a stack toward a qualification: per credential, the credit that
// counts and why, the credit that does not and why, and what is still missing (credit,
// core items, rule nodes that do not hold).
//
// The total is graph::CountedCredit over the held (recent) and planned credentials, the
// one count of credit the optimiser uses too. The per-item breakdown adds up to it
// exactly: each credential starts from its eligible points; the shared points of an
// overlapping pair come off the later of the two (the earlier one when the later has too
// little left); and credit past the qualification's cap comes off the last items first.
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "coherence/stack.h"
#include "graph/credit.h"

namespace credpath::coherence {

struct AuditItem {
  std::string credential_id;
  bool held = false;
  int64_t credit_carried = 0;      // its CREDIT_TOWARD points toward the qualification
  int64_t credit_counted = 0;      // what counts after policy, recency, overlaps and the cap
  int64_t credit_not_counted = 0;  // carried - counted
  std::vector<std::string> counts_toward;  // "core" and the rule nodes it counts toward
  std::vector<std::string> reasons;        // why credit does not count; empty when all does
};

struct RuleStatus {
  std::string rule;  // the node's name
  bool satisfied = false;
  std::string detail;
};

struct Audit {
  std::string qualification_id;
  std::vector<AuditItem> items;  // held credentials, then the stack's planned ones
  int64_t credit_total = 0;      // graph::CountedCredit; the sum of items' credit_counted
  int64_t credit_required = 0;
  int64_t credit_missing = 0;  // max(0, required - total)
  std::vector<std::string> core_missing_ids;
  std::vector<RuleStatus> rules;        // every rule node, root first (pre-order)
  std::vector<RuleStatus> unmet_rules;  // the nodes of `rules` that do not hold
  bool complete = false;                // credit, core and rules all met
};

namespace internal {

// How one credential's credit toward the target comes to count or not.
struct CreditShare {
  CredentialIndex credential = 0;
  int64_t carried = 0;  // CREDIT_TOWARD points, whatever the policy
  int64_t counted = 0;
  bool stale = false;  // held, outside the recency window
  graph::CreditExclusion exclusion = graph::CreditExclusion::kNone;
  std::vector<std::pair<CredentialIndex, int64_t>> overlaps;  // points lost to each
  int64_t cap_lost = 0;
};

// One share per credential of stack.sequence(), in that order; the counted points add up
// to graph::CountedCredit(*credit, stack.counted()). REQUIRES: a target.
std::vector<CreditShare> ShareCredit(const Stack& stack);

// REQUIRES: a target.
Audit MakeAudit(const Stack& stack);

}  // namespace internal
}  // namespace credpath::coherence
