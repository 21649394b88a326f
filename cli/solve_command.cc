#include "cli/solve_command.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "cli/flags.h"
#include "optimizer/lp_writer.h"
#include "optimizer/problem_io.h"
#include "optimizer/solver.h"

namespace credpath::cli {
namespace {

constexpr char kUsage[] =
    "usage: credpath solve PROBLEM.json [--time-limit S] [--top-k K] [--diversity D] "
    "[--pareto] [--write-lp FILE]\n"
    "  --time-limit S  stop after S seconds with the best pathway found and its bound\n"
    "  --top-k K       the K best pathways (\"pathways\" in the output)\n"
    "  --diversity D   pathways differ from each other in at least D credentials\n"
    "  --pareto        the value / money / hours Pareto front (\"pareto\")\n"
    "  --write-lp FILE also write the model as CPLEX-LP text (for CBC or GLPK)\n";
constexpr int32_t kMaxTopK = 1000;

// Reports on one line: the culprit and why.
int Fail(std::ostream& err, const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  err << "credpath solve: " << line << "\n";
  return 2;
}

std::optional<double> ParseSeconds(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double seconds = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  return seconds;
}

std::optional<int32_t> ParseCount(const std::string& text, int32_t lo, int32_t hi) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long count = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end != text.c_str() + text.size() || count < lo || count > hi) {
    return std::nullopt;
  }
  return static_cast<int32_t>(count);
}

}  // namespace

int RunSolveCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  absl::StatusOr<ParsedArgs> parsed =
      ParseArgs(args, {"time-limit", "top-k", "diversity", "write-lp"}, {"pareto", "help"});
  if (!parsed.ok()) return Fail(err, std::string(parsed.status().message()));
  if (parsed->Has("help")) {
    out << kUsage;
    return 0;
  }
  if (parsed->positional.size() != 1) {
    return Fail(err, parsed->positional.empty()
                         ? "missing the problem file (see --help)"
                         : absl::StrCat("expected one problem file, got ", parsed->positional.size()));
  }
  const std::string& path = parsed->positional.front();

  optimizer::SolveOptions options;
  if (auto value = parsed->Get("time-limit")) {
    std::optional<double> seconds = ParseSeconds(*value);
    if (!seconds) return Fail(err, absl::StrCat("--time-limit: not a number of seconds >= 0: \"", *value, "\""));
    options.time_limit_seconds = *seconds;
  }
  if (auto value = parsed->Get("top-k")) {
    std::optional<int32_t> k = ParseCount(*value, 1, kMaxTopK);
    if (!k) return Fail(err, absl::StrCat("--top-k: not an integer in [1, ", kMaxTopK, "]: \"", *value, "\""));
    options.top_k = *k;
  }
  if (auto value = parsed->Get("diversity")) {
    std::optional<int32_t> d = ParseCount(*value, 0, std::numeric_limits<int32_t>::max());
    if (!d) return Fail(err, absl::StrCat("--diversity: not an integer >= 0: \"", *value, "\""));
    options.diversity = *d;
  }
  options.pareto = parsed->Has("pareto");

  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(err, absl::StrCat(path, ": cannot read: ", std::strerror(errno)));
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Fail(err, absl::StrCat(path, ": cannot read"));
  absl::StatusOr<optimizer::Problem> problem = optimizer::ParseProblemJson(text.str());
  if (!problem.ok()) return Fail(err, absl::StrCat(path, ": ", std::string(problem.status().message())));

  if (auto lp_path = parsed->Get("write-lp")) {
    std::ofstream lp(*lp_path, std::ios::binary | std::ios::trunc);
    lp << optimizer::WriteLp(*problem);
    lp.close();
    if (!lp) return Fail(err, absl::StrCat(*lp_path, ": cannot write: ", std::strerror(errno)));
  }

  absl::StatusOr<optimizer::SolveResult> result = optimizer::Solve(*problem, options);
  if (!result.ok()) {
    Fail(err, absl::StrCat(path, ": ", std::string(result.status().message())));
    return 1;
  }
  optimizer::ResultJsonSections sections;
  sections.pathways = parsed->Get("top-k").has_value();
  sections.pareto = options.pareto;
  out << optimizer::ResultToJson(*problem, *result, sections);
  return 0;
}

}  // namespace credpath::cli
