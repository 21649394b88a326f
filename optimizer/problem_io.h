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

// The problem as a problem file (the inverse of ParseProblemJson).
std::string ProblemToJson(const Problem& problem);

// The result as the JSON object `credpath solve` prints.
std::string ResultToJson(const Problem& problem, const SolveResult& result);

}  // namespace credpath::optimizer
