// credpath: one program, with subcommands for the server, the optimiser and the people
// who call the service. This front runs what needs no server and hands every other
// command to credpath-grpc (commands.h).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.h"
#include "cli/solve_command.h"

namespace {

// Replaces this process by credpath-grpc from this program's directory, with the same
// arguments. Returns only on failure.
int ExecGrpcProgram(int argc, char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    std::cerr << "credpath: cannot locate this program: " << error.message() << "\n";
    return 2;
  }
  const std::string program = (self.parent_path() / credpath::cli::kGrpcProgram).string();
  std::vector<char*> args(argv, argv + argc + 1);  // with argv's terminating null
  args[0] = const_cast<char*>(program.c_str());
  ::execv(program.c_str(), args.data());
  std::cerr << "credpath: cannot run " << program << ": " << std::strerror(errno) << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    std::cout << credpath::cli::kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "--version" || command == "version") {
    std::cout << "credpath " << CREDPATH_VERSION << " (schema version " << CREDPATH_SCHEMA_VERSION
              << ")\n";
    return 0;
  }
  if (command == "solve") return credpath::cli::RunSolveCommand(args, std::cout, std::cerr);
  return ExecGrpcProgram(argc, argv);
}
