// solve_vs_cbc: the optimiser against CBC, as whole processes, on generated instances.
//
// For every family, size and seed it writes the problem file and its LP model, then runs,
// alternately and --reps times each, `credpath solve FILE.json` and `cbc FILE.lp sec T
// solve solu OUT`, checks that both prove optimality and agree on the optimum, and prints
// Markdown tables per family and size (docs/benchmarks.md records them): whole-process
// times, which the design's targets speak of, then each solver's own reported time, with
// the start-up time of both programs measured first, since it is the floor of the former,
// and last each process's peak memory against the size of the problem file:
//
//   solve_vs_cbc --credpath build/cli/credpath [--families strongly,dense]
//                [--sizes 100,1000] [--seeds 3] [--reps 3] [--time-limit 60]
//                [--cbc-time-limit 300] [--work-dir DIR]
//
// Exit status: 0 when every instance agrees and both proved optimality, 1 otherwise, 2 on
// a bad flag or a tool that cannot be run. The time targets are reported, not enforced.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "bench/support/cbc.h"
#include "bench/support/generator.h"
#include "bench/support/process.h"
#include "nlohmann/json.hpp"
#include "optimizer/lp_writer.h"
#include "optimizer/problem_io.h"

namespace credpath::bench {
namespace {

constexpr int kDisagreement = 1;
constexpr int kUsageError = 2;
// DESIGN.md section 8.
constexpr double kTargetSpeedup = 10;
constexpr double kTargetLargestMs = 1000;
constexpr int32_t kLargest = 1000;
constexpr int32_t kSpeedupFromN = 100;
constexpr int kStartupRuns = 15;

struct Flags {
  std::string credpath;
  std::vector<Family> families = AllFamilies();
  std::vector<int32_t> sizes = {20, 50, 100, 200, 500, 1000};
  int seeds = 3;
  int reps = 3;
  double time_limit = 60;
  double cbc_time_limit = 300;
  std::string work_dir;
};

// One whole-process run of `credpath solve`.
struct CredpathRun {
  int64_t objective = 0;
  bool proven_optimal = false;
  int64_t nodes = 0;
  double wall_ms = 0;
  double solver_ms = 0;  // the "elapsed_ms" it reports: the solve without start-up and I/O
};

// The measurements of one family and size, over its seeds and repetitions.
struct Row {
  Family family = Family::kUncorrelated;
  int32_t n = 0;
  int instances = 0;
  std::vector<double> credpath_ms;
  std::vector<double> cbc_ms;
  std::vector<double> credpath_solver_ms;
  std::vector<double> cbc_solver_ms;
  std::vector<int64_t> nodes;  // one per instance
  std::vector<int64_t> problem_bytes;  // one per instance: the problem file
  std::vector<int64_t> credpath_peak_kib;  // one per instance
  std::vector<int64_t> cbc_peak_kib;
  int disagreements = 0;
  int verified = 0;  // instances where both proved optimality and agreed
  int credpath_unproven = 0;  // runs
  int cbc_unproven = 0;       // runs
};

template <typename T>
double Median(std::vector<T> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? static_cast<double>(values[mid])
                                : (static_cast<double>(values[mid - 1]) + values[mid]) / 2;
}

std::string ParseFlags(const std::vector<std::string>& args, Flags& flags) {
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& flag = args[k];
    if (k + 1 == args.size()) return absl::StrCat(flag, ": missing value");
    const std::string& value = args[++k];
    if (flag == "--credpath") {
      flags.credpath = value;
    } else if (flag == "--families") {
      flags.families.clear();
      for (const std::string& name : std::vector<std::string>(absl::StrSplit(value, ','))) {
        absl::StatusOr<Family> family = ParseFamily(name);
        if (!family.ok()) return absl::StrCat("--families: ", family.status().message());
        flags.families.push_back(*family);
      }
    } else if (flag == "--sizes") {
      flags.sizes.clear();
      for (const std::string& size : std::vector<std::string>(absl::StrSplit(value, ','))) {
        int32_t n = 0;
        if (!absl::SimpleAtoi(size, &n) || n < 1) {
          return absl::StrCat("--sizes: \"", size, "\" is not a positive integer");
        }
        flags.sizes.push_back(n);
      }
    } else if (flag == "--seeds" || flag == "--reps") {
      int* target = flag == "--seeds" ? &flags.seeds : &flags.reps;
      if (!absl::SimpleAtoi(value, target) || *target < 1) {
        return absl::StrCat(flag, ": must be a positive integer, got \"", value, "\"");
      }
    } else if (flag == "--time-limit" || flag == "--cbc-time-limit") {
      double* target = flag == "--time-limit" ? &flags.time_limit : &flags.cbc_time_limit;
      if (!absl::SimpleAtod(value, target) || !(*target > 0)) {
        return absl::StrCat(flag, ": must be a positive number of seconds, got \"", value, "\"");
      }
    } else if (flag == "--work-dir") {
      flags.work_dir = value;
    } else {
      return absl::StrCat("unknown flag \"", flag, "\"");
    }
  }
  if (flags.credpath.empty()) return "--credpath: missing (the path of the credpath binary)";
  return "";
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

std::vector<std::string> CredpathCommand(const Flags& flags, const std::string& json_path) {
  return {flags.credpath, "solve", json_path, "--time-limit", absl::StrCat(flags.time_limit)};
}

absl::StatusOr<CredpathRun> RunCredpath(const Flags& flags, const std::string& json_path) {
  const std::string out_path = json_path + ".out";
  const std::string err_path = json_path + ".err";
  absl::StatusOr<ProcessResult> process =
      RunProcess(CredpathCommand(flags, json_path), out_path, err_path);
  if (!process.ok()) return process.status();
  std::ifstream in(out_path);
  std::stringstream text;
  text << in.rdbuf();
  if (process->exit_code != 0) {
    std::ifstream err(err_path);
    std::stringstream message;
    message << err.rdbuf();
    return absl::InternalError(absl::StrCat("credpath solve ", json_path, " exited with ",
                                            process->exit_code, ": ", message.str()));
  }
  const nlohmann::json result = nlohmann::json::parse(text.str(), nullptr, false);
  if (result.is_discarded() || !result.is_object() || !result.contains("objective") ||
      !result["objective"].is_number_integer() || !result.contains("proven_optimal") ||
      !result["proven_optimal"].is_boolean()) {
    return absl::InternalError(
        absl::StrCat("credpath solve ", json_path, " printed no result object: ", text.str()));
  }
  CredpathRun run;
  run.objective = result["objective"].get<int64_t>();
  run.proven_optimal = result["proven_optimal"].get<bool>();
  if (result.contains("nodes") && result["nodes"].is_number_integer()) {
    run.nodes = result["nodes"].get<int64_t>();
  }
  if (result.contains("elapsed_ms") && result["elapsed_ms"].is_number()) {
    run.solver_ms = result["elapsed_ms"].get<double>();
  }
  run.wall_ms = process->wall_ms;
  return run;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return absl::StrCat(one, " ", five, " ", fifteen);
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

// Measures one instance into `row`; returns false on a tool failure (already reported).
bool MeasureInstance(const Flags& flags, const std::string& dir, uint64_t seed, Row& row) {
  const optimizer::Problem problem = Generate(row.family, row.n, seed);
  const std::string base = absl::StrCat(dir, "/", FamilyName(row.family), "_n", row.n, "_s", seed);
  if (!WriteFile(base + ".json", optimizer::ProblemToJson(problem)) ||
      !WriteFile(base + ".lp", optimizer::WriteLp(problem))) {
    std::cerr << "solve_vs_cbc: cannot write " << base << ".{json,lp}\n";
    return false;
  }
  row.problem_bytes.push_back(static_cast<int64_t>(std::filesystem::file_size(base + ".json")));
  std::optional<int64_t> optimum;
  bool agree = true;
  bool ours_proved = false;
  bool cbc_proved = false;
  for (int rep = 0; rep < flags.reps; ++rep) {
    absl::StatusOr<CredpathRun> ours = RunCredpath(flags, base + ".json");
    absl::StatusOr<CbcRun> cbc = RunCbc(base + ".lp", flags.cbc_time_limit);
    if (!ours.ok() || !cbc.ok()) {
      std::cerr << "solve_vs_cbc: " << (ours.ok() ? cbc.status() : ours.status()) << "\n";
      return false;
    }
    row.credpath_ms.push_back(ours->wall_ms);
    row.cbc_ms.push_back(cbc->wall_ms);
    row.credpath_solver_ms.push_back(ours->solver_ms);
    if (cbc->reported_ms.has_value()) row.cbc_solver_ms.push_back(*cbc->reported_ms);
    if (rep == 0) row.nodes.push_back(ours->nodes);
    row.credpath_unproven += ours->proven_optimal ? 0 : 1;
    row.cbc_unproven += cbc->solution.optimal ? 0 : 1;
    // Only proven optima must be equal; an unproven incumbent must not beat a proven one.
    const auto check = [&](int64_t objective, bool proven) {
      if (proven) {
        if (optimum.has_value() && *optimum != objective) agree = false;
        optimum = objective;
      }
    };
    ours_proved = ours_proved || ours->proven_optimal;
    cbc_proved = cbc_proved || cbc->solution.optimal;
    check(ours->objective, ours->proven_optimal);
    check(cbc->solution.objective, cbc->solution.optimal);
    if (optimum.has_value() && (ours->objective > *optimum || cbc->solution.objective > *optimum)) {
      agree = false;
    }
    std::cerr << absl::StrFormat("%-12s n=%-5d seed=%d rep=%d  credpath %8.1f ms %s obj %d  "
                                 "cbc %9.1f ms %s obj %d\n",
                                 FamilyName(row.family), row.n, seed, rep, ours->wall_ms,
                                 ours->proven_optimal ? "opt" : "NOT", ours->objective,
                                 cbc->wall_ms, cbc->solution.optimal ? "opt" : "NOT",
                                 cbc->solution.objective);
  }
  // Memory in a run of its own, under GNU time, which would add its start-up to the times.
  absl::StatusOr<int64_t> ours_kib =
      PeakMemoryKib(CredpathCommand(flags, base + ".json"), base + ".mem.out", base + ".mem.err");
  absl::StatusOr<int64_t> cbc_kib = PeakMemoryKib(CbcCommand(base + ".lp", flags.cbc_time_limit),
                                                  base + ".lp.mem.out", base + ".lp.mem.err");
  if (!ours_kib.ok() || !cbc_kib.ok()) {
    std::cerr << "solve_vs_cbc: " << (ours_kib.ok() ? cbc_kib.status() : ours_kib.status())
              << "\n";
    return false;
  }
  row.credpath_peak_kib.push_back(*ours_kib);
  row.cbc_peak_kib.push_back(*cbc_kib);
  if (!agree) {
    std::cerr << "solve_vs_cbc: DISAGREEMENT on " << base << ".json\n";
    ++row.disagreements;
  } else if (ours_proved && cbc_proved) {
    ++row.verified;
  }
  ++row.instances;
  return true;
}

// "yes" only when both tools proved optimality on every instance and agreed.
std::string SameOptimumCell(const Row& row) {
  if (row.disagreements > 0) return absl::StrCat("NO (", row.disagreements, ")");
  if (row.verified == row.instances) return "yes";
  return absl::StrCat("yes on ", row.verified, " of ", row.instances, " (rest unproven)");
}

// Peak memory per row. Linear memory shows as a steady growth per KiB of problem file from
// one size to the next within a family, however large the problems get.
void PrintMemoryTable(const std::vector<Row>& rows, int64_t credpath_start_kib,
                      int64_t cbc_start_kib) {
  std::cout << absl::StrFormat(
      "\nPeak memory (maximum resident set, under GNU time), medians over the instances; "
      "start-up: `credpath --version` %.1f MiB, `cbc -quit` %.1f MiB. Growth: KiB per KiB "
      "of problem file since the family's previous size:\n\n",
      credpath_start_kib / 1024.0, cbc_start_kib / 1024.0);
  std::cout << "| family | n | problem KiB | credpath MiB | credpath growth | CBC MiB | "
               "CBC growth |\n"
            << "|---|---:|---:|---:|---:|---:|---:|\n";
  double least = std::numeric_limits<double>::infinity();
  double most = -std::numeric_limits<double>::infinity();
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const double problem_kib = Median(row.problem_bytes) / 1024;
    const double ours = Median(row.credpath_peak_kib);
    const double cbc = Median(row.cbc_peak_kib);
    std::string ours_growth = "-";
    std::string cbc_growth = "-";
    if (r > 0 && rows[r - 1].family == row.family) {
      const Row& before = rows[r - 1];
      const double more_kib = problem_kib - Median(before.problem_bytes) / 1024;
      const double growth = (ours - Median(before.credpath_peak_kib)) / more_kib;
      least = std::min(least, growth);
      most = std::max(most, growth);
      ours_growth = absl::StrFormat("%.1f", growth);
      cbc_growth = absl::StrFormat("%.1f", (cbc - Median(before.cbc_peak_kib)) / more_kib);
    }
    std::cout << absl::StrFormat("| %s | %d | %.1f | %.1f | %s | %.1f | %s |\n",
                                 FamilyName(row.family), row.n, problem_kib, ours / 1024,
                                 ours_growth, cbc / 1024, cbc_growth);
  }
  if (least <= most) {  // some row had a previous size to grow from
    std::cout << absl::StrFormat(
        "\ncredpath's growth from one size to the next: %.1f to %.1f KiB per KiB of problem "
        "file.\n",
        least, most);
  }
}

void PrintTable(const Flags& flags, const std::vector<Row>& rows) {
  std::cout << "| family | n | instances | credpath median ms | CBC median ms | CBC / credpath "
               "| credpath max ms | nodes (median) | same optimum | all proven optimal |\n"
            << "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
  for (const Row& row : rows) {
    const double ours = Median(row.credpath_ms);
    const double cbc = Median(row.cbc_ms);
    const double max_ms = *std::max_element(row.credpath_ms.begin(), row.credpath_ms.end());
    std::cout << absl::StrFormat(
        "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %s | %s |\n", FamilyName(row.family),
        row.n, row.instances, ours, cbc, cbc / std::max(ours, 1e-9), max_ms, Median(row.nodes),
        SameOptimumCell(row),
        row.credpath_unproven + row.cbc_unproven == 0
            ? "yes"
            : absl::StrCat("NO (credpath ", row.credpath_unproven, ", CBC ", row.cbc_unproven,
                           " runs)"));
  }
  std::cout << "\nSolver time alone (credpath's elapsed_ms; CBC's own wall-clock total, "
               "10 ms resolution), medians:\n\n"
            << "| family | n | credpath solve ms | CBC solve ms | CBC / credpath |\n"
            << "|---|---:|---:|---:|---:|\n";
  for (const Row& row : rows) {
    const double ours = Median(row.credpath_solver_ms);
    const double cbc = Median(row.cbc_solver_ms);
    std::cout << absl::StrFormat("| %s | %d | %.1f | %.0f | %.1f |\n", FamilyName(row.family),
                                 row.n, ours, cbc, cbc / std::max(ours, 1e-3));
  }
  int disagreements = 0;
  int unverified = 0;
  std::vector<std::string> slow_rows;
  double largest_max_ms = 0;
  bool have_largest = false;
  for (const Row& row : rows) {
    disagreements += row.disagreements;
    unverified += row.instances - row.verified - row.disagreements;
    const double ratio = Median(row.cbc_ms) / std::max(Median(row.credpath_ms), 1e-9);
    if (row.n >= kSpeedupFromN && row.n <= kLargest && ratio < kTargetSpeedup) {
      slow_rows.push_back(absl::StrCat(FamilyName(row.family), " n=", row.n));
    }
    if (row.n == kLargest) {
      have_largest = true;
      largest_max_ms = std::max(
          largest_max_ms, *std::max_element(row.credpath_ms.begin(), row.credpath_ms.end()));
    }
  }
  std::cout << "\nTargets (DESIGN.md section 8):\n"
            << "- same optimum on every instance: "
            << (disagreements > 0 ? absl::StrCat("NOT met (", disagreements, " disagree)")
                : unverified > 0
                    ? absl::StrCat("NOT shown (", unverified, " instance(s) not proven by both)")
                    : "met")
            << "\n- median time <= 1/10 of CBC's for n = " << kSpeedupFromN << ".." << kLargest
            << ": "
            << (slow_rows.empty() ? "met" : absl::StrCat("NOT met for ", absl::StrJoin(slow_rows, ", ")))
            << "\n";
  if (have_largest) {
    std::cout << "- every n = " << kLargest << " run under " << kTargetLargestMs
              << " ms: " << (largest_max_ms < kTargetLargestMs ? "met" : "NOT met")
              << absl::StrFormat(" (slowest %.1f ms)", largest_max_ms) << "\n";
  }
  std::cout << "\nRuns: " << flags.seeds << " seed(s) x " << flags.reps
            << " repetition(s) per family and size; credpath --time-limit " << flags.time_limit
            << " s, CBC sec " << flags.cbc_time_limit << ".\n";
}

int Main(const std::vector<std::string>& args) {
  Flags flags;
  if (const std::string error = ParseFlags(args, flags); !error.empty()) {
    std::cerr << "solve_vs_cbc: " << error << "\n";
    return kUsageError;
  }
  std::string dir = flags.work_dir;
  if (dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "solve_vs_cbc_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::cerr << "solve_vs_cbc: cannot create a work directory\n";
      return kUsageError;
    }
    dir = pattern;
  } else {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
  }
  std::cout << "Machine: " << CpuModel() << ", " << sysconf(_SC_NPROCESSORS_ONLN)
            << " online cores; load average at start " << LoadAverage() << "\n\n";
  // The floor under every whole-process figure: starting each program and doing nothing.
  std::vector<double> credpath_start;
  std::vector<double> cbc_start;
  for (int k = 0; k < kStartupRuns; ++k) {
    absl::StatusOr<ProcessResult> ours =
        RunProcess({flags.credpath, "--version"}, dir + "/startup.out", dir + "/startup.err");
    absl::StatusOr<ProcessResult> cbc =
        RunProcess({"cbc", "-quit"}, dir + "/startup.out", dir + "/startup.err");
    if (!ours.ok() || !cbc.ok()) {
      std::cerr << "solve_vs_cbc: " << (ours.ok() ? cbc.status() : ours.status()) << "\n";
      return kUsageError;
    }
    credpath_start.push_back(ours->wall_ms);
    cbc_start.push_back(cbc->wall_ms);
  }
  std::cout << absl::StrFormat(
      "Process start-up, median of %d: `credpath --version` %.1f ms, `cbc -quit` %.1f ms\n\n",
      kStartupRuns, Median(credpath_start), Median(cbc_start));
  absl::StatusOr<int64_t> credpath_start_kib =
      PeakMemoryKib({flags.credpath, "--version"}, dir + "/startup.out", dir + "/startup.err");
  absl::StatusOr<int64_t> cbc_start_kib =
      PeakMemoryKib({"cbc", "-quit"}, dir + "/startup.out", dir + "/startup.err");
  if (!credpath_start_kib.ok() || !cbc_start_kib.ok()) {
    std::cerr << "solve_vs_cbc: "
              << (credpath_start_kib.ok() ? cbc_start_kib.status() : credpath_start_kib.status())
              << "\n";
    return kUsageError;
  }
  std::vector<Row> rows;
  for (int32_t n : flags.sizes) {
    for (Family family : flags.families) {
      Row row;
      row.family = family;
      row.n = n;
      for (int seed = 1; seed <= flags.seeds; ++seed) {
        if (!MeasureInstance(flags, dir, static_cast<uint64_t>(seed), row)) return kUsageError;
      }
      rows.push_back(std::move(row));
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.family != b.family ? a.family < b.family : a.n < b.n;
  });
  PrintTable(flags, rows);
  PrintMemoryTable(rows, *credpath_start_kib, *cbc_start_kib);
  std::cout << "Load average at end " << LoadAverage() << "; files in " << dir << "\n";
  bool all_good = true;
  for (const Row& row : rows) {
    all_good = all_good && row.disagreements == 0 && row.credpath_unproven == 0 &&
               row.cbc_unproven == 0;
  }
  return all_good ? 0 : kDisagreement;
}

}  // namespace
}  // namespace credpath::bench

int main(int argc, char** argv) {
  return credpath::bench::Main(std::vector<std::string>(argv + 1, argv + argc));
}
