// `credpath serve`: opens the SQLite catalogue, optionally seeds an empty one, and serves
// gRPC until SIGTERM or SIGINT, then shuts down gracefully.
#pragma once

#include <string>
#include <vector>

namespace credpath::cli {

// Returns the process exit status.
int RunServeCommand(const std::vector<std::string>& args);

}  // namespace credpath::cli
