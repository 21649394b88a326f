// `credpath plan` and `credpath explain`: the planner's answers for a learner, from a
// running server, as readable tables or (--json) the API's JSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace credpath::cli {

// Exit status: 0 success, 1 the call failed (its gRPC status is printed), 2 bad usage.
int RunPlanCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunExplainCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace credpath::cli
