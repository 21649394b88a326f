// credpath: one program, with subcommands for the server, the optimiser and the people
// who call the service.
#include <iostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/client_commands.h"
#include "cli/plan_command.h"
#include "cli/serve_command.h"
#include "cli/solve_command.h"

namespace {

constexpr char kUsage[] =
    "usage: credpath <command> [flags]\n"
    "  serve      run the gRPC server on a SQLite catalogue\n"
    "  solve      run the optimiser on a problem file (no server needed)\n"
    "  catalog    list, get and inspect catalogue records on a server\n"
    "  learner    get, put and delete learner profiles on a server\n"
    "  import     load a native JSON catalogue into a server\n"
    "  export     write a server's catalogue as native JSON\n"
    "  check      coherence findings and the credit audit of a proposed stack\n"
    "  plan       the best pathways for a learner, scheduled and explained\n"
    "  explain    why one credential is worth what it is worth to a learner\n"
    "  --version  print the version and the schema version\n"
    "Run `credpath <command> --help` for a command's flags.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "--version" || command == "version") {
    std::cout << "credpath " << CREDPATH_VERSION << " (schema version " << CREDPATH_SCHEMA_VERSION
              << ")\n";
    return 0;
  }
  if (command == "serve") return credpath::cli::RunServeCommand(args);
  if (command == "solve") return credpath::cli::RunSolveCommand(args, std::cout, std::cerr);
  if (command == "check") return credpath::cli::RunCheckCommand(args, std::cout, std::cerr);
  if (command == "plan") return credpath::cli::RunPlanCommand(args, std::cout, std::cerr);
  if (command == "explain") return credpath::cli::RunExplainCommand(args, std::cout, std::cerr);
  if (command == "catalog" || command == "learner" || command == "import" || command == "export") {
    return credpath::cli::RunClientCommand(command, args, std::cout, std::cerr);
  }
  std::cerr << "credpath: unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
