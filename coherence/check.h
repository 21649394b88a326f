// CheckStack: the coherence findings (DESIGN.md section 6), the verdict and the credit
// audit of a proposed stack of credentials for one learner, toward a target qualification.
//
// Every rule of coherence/rules.h runs on the stack; each finding names the credentials
// involved in stack order, says what is wrong in words a learner can read, and carries a
// remedy drawn from the graph when one is known. A remedy is only reported once it has
// been checked: the edit is applied to the stack, the rule that raised the finding runs
// again on the result, and the finding must be gone with no new finding of the same code
// in its place and no new blocking finding of any code. Findings come blocking first, then
// warnings, then information; within a severity in the order of the rules, each rule's in stack
// order.
//
// Cost: the rules are linear in the stack and its links, which come from the snapshot's
// per-credential link indexes; with a target, its credit facts (and those of the exit
// awards its rules name) take one scan of the catalogue's links each. Every rule runs
// once on the stack, and each candidate remedy re-runs its rule and then the other rules
// that can block, up to the first new blocking finding (at most 12 candidates a finding).
// Each stack, proposed or edited, is scheduled once. The snapshot is only read.
// Thread safety: a pure function; safe from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coherence/audit.h"
#include "coherence/config.h"
#include "coherence/finding.h"
#include "core/catalog.h"
#include "core/date.h"
#include "graph/snapshot.h"

namespace credpath::coherence {

struct StackRequest {
  // The stack in the order proposed; credentials the learner holds may be listed and count
  // as earned.
  std::vector<std::string> credential_ids;
  // The qualification to audit toward; empty: the learner's target; when both are empty,
  // no audit and no credit rules.
  std::string target_qualification_id;
  // The stack's first day: week 0 of its schedule and the day recency is judged on.
  core::Date start_date;
};

struct CheckResult {
  std::vector<Finding> findings;
  Verdict verdict = Verdict::kUnspecified;
  std::optional<Audit> audit;  // set when there is a target
};

// Errors, each naming the request field:
//   INVALID_ARGUMENT "credential_ids: must not be empty", or naming each repeated id
//     ("credential_ids[3]: repeats credential_ids[1] (\"c1\")");
//   NOT_FOUND naming each unknown id ("credential_ids[2]: credential \"x\" not found") or
//     an unknown target ("target_qualification_id: ..." or, for the learner's own target,
//     "learner.target_qualification_id: ...").
// The learner is taken as valid; held ids the snapshot does not know are ignored.
absl::StatusOr<CheckResult> CheckStack(const graph::CatalogSnapshot& snapshot,
                                       const core::Learner& learner, const StackRequest& request,
                                       const CoherenceConfig& config);

}  // namespace credpath::coherence
