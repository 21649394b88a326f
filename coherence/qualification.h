// Whether a stack completes a qualification: its core items, its rule tree and its
// credit, judged on the items whose credit counts (coherence/stack.h).
//
// An item of a rule or of the core is available when it is a credential that counts (held
// and recent, or planned) or a qualification (an exit award) that the learner holds
// (recent) or that the stack completes in turn. Credit toward a rule node is
// graph::CountedCredit over its credentials plus the CREDIT_TOWARD points of its exit
// awards. Exit awards nest at most kMaxAwardDepth deep.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "coherence/rule_tree.h"
#include "coherence/stack.h"
#include "core/catalog.h"

namespace credpath::coherence::internal {

inline constexpr int kMaxAwardDepth = 8;

struct QualificationStatus {
  const core::Qualification* qualification = nullptr;
  RuleTreeResult rules;                   // empty when the qualification has none
  std::vector<std::string> core_missing;  // core ids not available, in core order
  int64_t credit = 0;                     // counted credit of the stack's credentials
  bool complete = false;                  // core, rules and credit_required all met
};

// REQUIRES: `qualification` is the context's target or an exit award its rules name.
QualificationStatus JudgeQualification(const Stack& stack, const core::Qualification& qualification,
                                       int depth = 0);

// Whether `id` (a credential or a qualification) counts for `stack`, as above.
bool ItemAvailable(const Stack& stack, const std::string& id, int depth = 0);

}  // namespace credpath::coherence::internal
