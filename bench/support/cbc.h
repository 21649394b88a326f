// The MILP reference: CBC (coinor-cbc, the `cbc` command) run on optimizer/lp_writer.h's
// CPLEX-LP text, and its solution file read back.
//
// CBC is run as `cbc FILE.lp sec LIMIT solve solu SOLUTION`, single-threaded with its
// defaults. Its solution file starts with a status line ("Optimal - objective value 22.0",
// "Infeasible - ...", "Stopped on time - objective value ...") followed by one line per
// nonzero variable: "<column> <name> <value> <reduced cost>". Objectives of our models are
// integers; a non-integral objective is reported as an error, not rounded away.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "optimizer/problem.h"

namespace credpath::bench {

struct CbcSolution {
  std::string status_line;      // CBC's first line, verbatim
  bool optimal = false;         // CBC proved optimality
  bool infeasible = false;      // CBC proved the model infeasible
  int64_t objective = 0;        // 0 when infeasible
  std::vector<optimizer::ItemIndex> selected;  // items whose x_<i> is 1, ascending
};

// Parses the text of a CBC solution file. INVALID_ARGUMENT quoting the offending line when
// the text is not one, or when the objective is not an integer.
absl::StatusOr<CbcSolution> ParseCbcSolution(const std::string& text);

struct CbcRun {
  CbcSolution solution;
  double wall_ms = 0;  // the whole `cbc` process
  // CBC's own "Total time ... (Wallclock seconds)" from its log (10 ms resolution): the
  // time without process start-up and LP reading, when the log has it.
  std::optional<double> reported_ms;
};

// The command line RunCbc runs.
std::vector<std::string> CbcCommand(const std::string& lp_path, double time_limit_seconds);

// The wall-clock time CBC reports on its last "Total time" line, in milliseconds.
std::optional<double> ParseCbcReportedMs(const std::string& log);

// Runs CBC on an LP file; the solution and CBC's log go next to it (LP_PATH.sol,
// LP_PATH.log). Errors: NOT_FOUND when `cbc` is not on PATH, INTERNAL quoting the log's
// tail when CBC fails or writes no solution.
absl::StatusOr<CbcRun> RunCbc(const std::string& lp_path, double time_limit_seconds);

}  // namespace credpath::bench
