// The `credpath` front program as a user runs it: what it answers itself, what it hands to
// credpath-grpc (cli/commands.h), and the error when credpath-grpc is not beside it.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"

namespace credpath::cli {
namespace {

using ::testing::HasSubstr;

struct ProgramRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `program args` through the shell, capturing both streams in `dir`.
ProgramRun RunProgram(const std::string& program, const std::string& args, const std::string& dir) {
  const std::filesystem::path out = std::filesystem::path(dir) / "out";
  const std::filesystem::path err = std::filesystem::path(dir) / "err";
  const std::string command =
      "'" + program + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  ProgramRun run;
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  run.out = ReadAll(out);
  run.err = ReadAll(err);
  return run;
}

// A copy of `credpath` alone in `dir`, with no credpath-grpc beside it.
std::string CopyAlone(const testing::TempDir& dir) {
  const std::filesystem::path alone = std::filesystem::path(dir.path()) / "credpath";
  std::filesystem::copy_file(CREDPATH_BINARY, alone);
  return alone.string();
}

TEST(LauncherTest, AnswersVersionAndUsageItself) {
  testing::TempDir dir;
  const ProgramRun version = RunProgram(CREDPATH_BINARY, "--version", dir.path());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, HasSubstr("credpath "));
  const ProgramRun usage = RunProgram(CREDPATH_BINARY, "", dir.path());
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.out, HasSubstr("usage: credpath <command>"));
}

TEST(LauncherTest, UnknownCommandExitsTwoNamingIt) {
  testing::TempDir dir;
  const ProgramRun run = RunProgram(CREDPATH_BINARY, "frobnicate", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("unknown command \"frobnicate\""));
}

// solve needs nothing beside `credpath`.
TEST(LauncherTest, SolveRunsWithoutCredpathGrpc) {
  testing::TempDir dir;
  const std::string alone = CopyAlone(dir);
  const std::filesystem::path problem = std::filesystem::path(dir.path()) / "problem.json";
  std::ofstream(problem) << R"({"credentials": [{"id": "A", "fee": 1, "hours": 1, "value": 5}],
                               "budgets": {"money": 10, "hours": 10}})";
  const ProgramRun run = RunProgram(alone, "solve '" + problem.string() + "'", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"objective\": 5"));
}

TEST(LauncherTest, GrpcCommandsRunInCredpathGrpcWithTheSameArguments) {
  testing::TempDir dir;
  const ProgramRun run = RunProgram(CREDPATH_BINARY, "plan --help", dir.path());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("usage: credpath plan --learner ID"));
}

TEST(LauncherTest, MissingCredpathGrpcIsAClearError) {
  testing::TempDir dir;
  const ProgramRun run = RunProgram(CopyAlone(dir), "plan --help", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("cannot run " + (std::filesystem::path(dir.path()) /
                                                  "credpath-grpc").string()));
}

}  // namespace
}  // namespace credpath::cli
