// Client subcommands that call a running server: catalog, learner, import, export.
// Readable tables by default, the API's JSON with --json.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace credpath::cli {

// `command` is one of catalog, learner, import, export. Returns the exit status:
// 0 success, 1 the call failed (the gRPC status is printed), 2 bad usage.
int RunClientCommand(const std::string& command, const std::vector<std::string>& args,
                     std::ostream& out, std::ostream& err);

}  // namespace credpath::cli
