#include "bench/support/cbc.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/support/process.h"

namespace credpath::bench {
namespace {

constexpr char kObjectiveMarker[] = "objective value";
// CBC prints eight decimals; anything further from an integer than this is not rounding.
constexpr double kIntegralTolerance = 1e-6;
// Beyond 2^53 a double no longer holds every integer: no objective of ours gets there.
constexpr double kLargestExactInteger = 9007199254740992.0;
constexpr size_t kLogTailChars = 2000;

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string SolutionPath(const std::string& lp_path) { return lp_path + ".sol"; }

}  // namespace

absl::StatusOr<CbcSolution> ParseCbcSolution(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipWhitespace());
  if (lines.empty()) return absl::InvalidArgumentError("empty CBC solution file");
  CbcSolution solution;
  solution.status_line = lines[0];
  const size_t marker = lines[0].find(kObjectiveMarker);
  if (marker == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a CBC status line: \"", lines[0], "\""));
  }
  solution.optimal = lines[0].rfind("Optimal", 0) == 0;
  solution.infeasible = lines[0].rfind("Infeasible", 0) == 0 ||
                        lines[0].find("infeasible") != std::string::npos;
  // An infeasible model has no objective, and its point is meaningless.
  if (solution.infeasible) return solution;
  const std::string number = lines[0].substr(marker + sizeof(kObjectiveMarker) - 1);
  char* end = nullptr;
  const double objective = std::strtod(number.c_str(), &end);
  const double rounded = std::round(objective);
  if (end == number.c_str() || std::abs(rounded) > kLargestExactInteger ||
      std::abs(objective - rounded) > kIntegralTolerance * std::max(1.0, std::abs(rounded))) {
    return absl::InvalidArgumentError(
        absl::StrCat("objective is not an integer: \"", lines[0], "\""));
  }
  solution.objective = static_cast<int64_t>(rounded);
  for (size_t k = 1; k < lines.size(); ++k) {
    // "<column> <name> <value> <reduced cost>"; CBC prefixes "**" to a violated one.
    if (lines[k].find("**") != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("CBC marks a violated line: \"", lines[k], "\""));
    }
    std::istringstream fields(lines[k]);
    std::string column;
    std::string name;
    double value = 0;
    if (!(fields >> column >> name >> value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unreadable solution line: \"", lines[k], "\""));
    }
    optimizer::ItemIndex item = 0;
    if (name.rfind("x_", 0) == 0 && value > 0.5 && absl::SimpleAtoi(name.substr(2), &item)) {
      solution.selected.push_back(item);
    }
  }
  std::sort(solution.selected.begin(), solution.selected.end());
  return solution;
}

std::optional<double> ParseCbcReportedMs(const std::string& log) {
  constexpr char kTotal[] = "Total time";
  constexpr char kWallclock[] = "(Wallclock seconds):";
  const size_t total = log.rfind(kTotal);
  if (total == std::string::npos) return std::nullopt;
  const size_t wallclock = log.find(kWallclock, total);
  if (wallclock == std::string::npos) return std::nullopt;
  const std::string rest = log.substr(wallclock + sizeof(kWallclock) - 1);
  char* end = nullptr;
  const double seconds = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str()) return std::nullopt;
  return seconds * 1000;
}

std::vector<std::string> CbcCommand(const std::string& lp_path, double time_limit_seconds) {
  return {"cbc", lp_path, "sec", absl::StrCat(time_limit_seconds), "solve", "solu",
          SolutionPath(lp_path)};
}

absl::StatusOr<CbcRun> RunCbc(const std::string& lp_path, double time_limit_seconds) {
  const std::string solution_path = SolutionPath(lp_path);
  const std::string log_path = lp_path + ".log";
  std::remove(solution_path.c_str());
  absl::StatusOr<ProcessResult> process =
      RunProcess(CbcCommand(lp_path, time_limit_seconds), log_path, log_path + ".err");
  if (!process.ok()) return process.status();
  absl::StatusOr<std::string> text = ReadFile(solution_path);
  if (process->exit_code != 0 || !text.ok() || text->empty()) {
    absl::StatusOr<std::string> log = ReadFile(log_path);
    const std::string tail =
        !log.ok() ? "" : log->substr(log->size() > kLogTailChars ? log->size() - kLogTailChars : 0);
    return absl::InternalError(absl::StrCat("cbc on ", lp_path, " exited with ",
                                            process->exit_code, " and no solution; log:\n", tail));
  }
  absl::StatusOr<CbcSolution> solution = ParseCbcSolution(*text);
  if (!solution.ok()) return solution.status();
  absl::StatusOr<std::string> log = ReadFile(log_path);
  return CbcRun{*std::move(solution), process->wall_ms,
                log.ok() ? ParseCbcReportedMs(*log) : std::nullopt};
}

}  // namespace credpath::bench
