// Runs another program as a whole process and times it, for the benchmarks and the CBC
// cross-check: the figures include start-up, file reading and output, as a user sees them.
// Thread safety: RunProcess may be called from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace credpath::bench {

struct ProcessResult {
  // The exit status, or 128 + the signal number when a signal ended the process (as a
  // shell reports it).
  int exit_code = 0;
  double wall_ms = 0;  // from spawn to reaped, on the monotonic clock
};

// Runs argv[0] (looked up on PATH) with the given arguments; its stdout and stderr go to
// the named files (created or truncated), its stdin is /dev/null. Errors: INVALID_ARGUMENT
// for an empty argv, NOT_FOUND or INTERNAL naming the program when it cannot be started.
absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         const std::string& stdout_path,
                                         const std::string& stderr_path);

// Runs argv as RunProcess does, under GNU time (`/usr/bin/time`, Debian package `time`),
// and returns the process's peak resident set in KiB. Not from this process's own wait:
// the kernel's figure for a child also counts the memory of the process that spawned it,
// as it was at the exec, so it would never read below this one's size; time is a small
// program (about 1 MiB) and forks its child itself. Errors: those of RunProcess, INTERNAL
// naming the program when it fails or time reports no figure (stderr_path then holds
// time's report).
absl::StatusOr<int64_t> PeakMemoryKib(const std::vector<std::string>& argv,
                                      const std::string& stdout_path,
                                      const std::string& stderr_path);

}  // namespace credpath::bench
