// credpath-grpc: the subcommands of `credpath` that run or call the gRPC service. `credpath`
// execs it with its own arguments (commands.h); run directly, it behaves the same.
#include <iostream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "cli/check_command.h"
#include "cli/client_commands.h"
#include "cli/commands.h"
#include "cli/plan_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex that gRPC locks would also
  // update the global deadlock-detection graph, which shows in perf profiles of the server
  // under load (docs/server.md).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string command = args.empty() ? "" : args[0];
  if (!args.empty()) args.erase(args.begin());
  if (command == "serve") return credpath::cli::RunServeCommand(args);
  if (command == "check") return credpath::cli::RunCheckCommand(args, std::cout, std::cerr);
  if (command == "plan") return credpath::cli::RunPlanCommand(args, std::cout, std::cerr);
  if (command == "explain") return credpath::cli::RunExplainCommand(args, std::cout, std::cerr);
  if (command == "catalog" || command == "learner" || command == "import" || command == "export") {
    return credpath::cli::RunClientCommand(command, args, std::cout, std::cerr);
  }
  std::cerr << "credpath: unknown command \"" << command << "\"\n" << credpath::cli::kUsage;
  return 2;
}
