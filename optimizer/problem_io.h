// Problem files (DESIGN.md section 4): JSON in, JSON out.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "optimizer/problem.h"
#include "optimizer/solver.h"

namespace credpath::optimizer {

// Parses a problem file. Errors are INVALID_ARGUMENT with one message naming the culprit:
// "line 3, column 7: ..." for malformed JSON, "credentials[4].fee: must be >= 0",
// "credentials[2].id: duplicate id \"C7\"", "prerequisites[0]: unknown id \"C99\"",
// "budgets: missing"; a prerequisite cycle is FAILED_PRECONDITION naming its ids.
absl::StatusOr<Problem> ParseProblemJson(std::string_view text);

// The problem as a problem file (the inverse of ParseProblemJson, up to the order of
// prerequisite groups). REQUIRES: item ids are unique and non-empty.
std::string ProblemToJson(const Problem& problem);

// Which optional sections ResultToJson writes.
struct ResultJsonSections {
  bool pathways = false;  // "pathways": every pathway, best first
  bool pareto = false;    // "pareto": the front
};

// The result as the JSON object `credpath solve` prints: status, objective, selected (ids
// in a valid order), totals {fee, hours, credit}, target_met, proven_optimal, bound, gap,
// elapsed_ms, nodes, evaluations (of the bound), candidates; plus the sections asked for.
std::string ResultToJson(const Problem& problem, const SolveResult& result,
                         const ResultJsonSections& sections);
// With "pathways" when there is more than one and "pareto" when there is a front.
std::string ResultToJson(const Problem& problem, const SolveResult& result);

}  // namespace credpath::optimizer
