// `credpath solve`: the optimiser on a problem file, no server needed.
//
//   credpath solve PROBLEM.json [--time-limit S] [--top-k K] [--diversity D] [--pareto]
//                               [--write-lp FILE]
//
// Prints one JSON object on `out` (optimizer/problem_io.h ResultToJson: objective,
// selected ids in a valid order, totals, target_met, proven_optimal, bound, gap,
// elapsed_ms, nodes; "pathways" with --top-k, "pareto" with --pareto). --write-lp also
// writes the model as CPLEX-LP text for a MILP solver, then solves as usual.
// A bad file or flag gives exit status 2 and one line on `err` naming the culprit.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace credpath::cli {

// `args` excludes "credpath solve". Returns the process exit status.
int RunSolveCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace credpath::cli
