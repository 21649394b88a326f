// The optimisation model as CPLEX-LP text, for CBC and GLPK: the reference the optimiser
// is checked and measured against. The LP's optimum equals Solve()'s objective.
#pragma once

#include <string>

#include "optimizer/problem.h"

namespace credpath::optimizer {

// Variables are named x_<item index> (and auxiliaries documented in the .cc), so a MILP
// solution maps back to item indexes.
std::string WriteLp(const Problem& problem);

}  // namespace credpath::optimizer
