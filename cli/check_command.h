// `credpath check`: the coherence findings, verdict and credit audit of a proposed stack,
// from a running server, as a readable report or (--json) the API's JSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace credpath::cli {

// Exit status: 0 success (whatever the verdict), 1 the call failed (its gRPC status is
// printed), 2 bad usage.
int RunCheckCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace credpath::cli
