#include "bench/support/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

extern char** environ;

namespace credpath::bench {
namespace {

// Owns a posix_spawn_file_actions_t for the span of one spawn.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         const std::string& stdout_path,
                                         const std::string& stderr_path) {
  if (argv.empty()) return absl::InvalidArgumentError("RunProcess: empty argv");
  std::vector<std::string> args = argv;  // posix_spawn takes char*, not const char*
  std::vector<char*> pointers;
  for (std::string& arg : args) pointers.push_back(arg.data());
  pointers.push_back(nullptr);

  FileActions actions;
  // No O_CLOEXEC: these descriptors are the child's stdout and stderr across exec.
  constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, stdout_path.c_str(), kFlags,
                                   0644);
  posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, stderr_path.c_str(), kFlags,
                                   0644);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawn_error =
      posix_spawnp(&pid, pointers[0], actions.get(), nullptr, pointers.data(), environ);
  if (spawn_error != 0) {
    const std::string message =
        absl::StrCat("cannot start ", argv[0], ": ", std::strerror(spawn_error));
    return spawn_error == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return absl::InternalError(absl::StrCat("waitpid for ", argv[0], ": ", std::strerror(errno)));
    }
  }
  const auto end = std::chrono::steady_clock::now();

  ProcessResult result;
  result.wall_ms = std::chrono::duration<double, std::milli>(end - start).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

absl::StatusOr<int64_t> PeakMemoryKib(const std::vector<std::string>& argv,
                                      const std::string& stdout_path,
                                      const std::string& stderr_path) {
  if (argv.empty()) return absl::InvalidArgumentError("PeakMemoryKib: empty argv");
  // %M: the maximum resident set size in KiB; -o keeps it apart from the program's stderr.
  const std::string report_path = stderr_path + ".peak";
  std::vector<std::string> timed = {"/usr/bin/time", "-f", "%M", "-o", report_path};
  timed.insert(timed.end(), argv.begin(), argv.end());
  absl::StatusOr<ProcessResult> process = RunProcess(timed, stdout_path, stderr_path);
  if (!process.ok()) return process.status();
  std::ifstream report(report_path);
  int64_t kib = 0;
  if (process->exit_code != 0 || !(report >> kib) || kib <= 0) {
    return absl::InternalError(absl::StrCat("peak memory of ", argv[0], ": exit status ",
                                            process->exit_code, ", no figure in ", report_path));
  }
  return kib;
}

}  // namespace credpath::bench
