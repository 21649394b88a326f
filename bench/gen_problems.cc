// gen_problems: writes one generated pathway problem (bench/support/generator.h) as a
// problem file (DESIGN.md section 4), and optionally its CPLEX-LP model for a MILP solver.
//
//   gen_problems --family strongly --n 500 --seed 7 --out p.json [--lp p.lp]
//
// Exit status 0 on success, 2 on a bad flag or an unwritable file (one line on stderr).
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/support/generator.h"
#include "optimizer/lp_writer.h"
#include "optimizer/problem_io.h"

namespace credpath::bench {
namespace {

constexpr int kUsageError = 2;
constexpr int32_t kMaxN = 1000000;

struct Flags {
  std::string family;
  int32_t n = 0;
  uint64_t seed = 0;
  std::string out;
  std::string lp;
};

std::string Usage() {
  std::vector<std::string> families;
  for (Family family : AllFamilies()) families.push_back(FamilyName(family));
  return absl::StrCat("usage: gen_problems --family {", absl::StrJoin(families, "|"),
                      "} --n N --seed S --out FILE.json [--lp FILE.lp]");
}

// Returns an error message, or "" when every flag parsed.
std::string ParseFlags(const std::vector<std::string>& args, Flags& flags) {
  bool have_n = false;
  bool have_seed = false;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& flag = args[k];
    if (k + 1 == args.size()) return absl::StrCat(flag, ": missing value");
    const std::string& value = args[++k];
    if (flag == "--family") {
      flags.family = value;
    } else if (flag == "--n") {
      if (!absl::SimpleAtoi(value, &flags.n) || flags.n < 1 || flags.n > kMaxN) {
        return absl::StrCat("--n: must be an integer in [1, ", kMaxN, "], got \"", value, "\"");
      }
      have_n = true;
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(value, &flags.seed)) {
        return absl::StrCat("--seed: must be a non-negative integer, got \"", value, "\"");
      }
      have_seed = true;
    } else if (flag == "--out") {
      flags.out = value;
    } else if (flag == "--lp") {
      flags.lp = value;
    } else {
      return absl::StrCat("unknown flag \"", flag, "\"");
    }
  }
  if (flags.family.empty()) return "--family: missing";
  if (!have_n) return "--n: missing";
  if (!have_seed) return "--seed: missing";
  if (flags.out.empty()) return "--out: missing";
  return "";
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

int Main(const std::vector<std::string>& args) {
  Flags flags;
  if (const std::string error = ParseFlags(args, flags); !error.empty()) {
    std::cerr << "gen_problems: " << error << "\n" << Usage() << "\n";
    return kUsageError;
  }
  absl::StatusOr<Family> family = ParseFamily(flags.family);
  if (!family.ok()) {
    std::cerr << "gen_problems: --family: " << family.status().message() << "\n";
    return kUsageError;
  }
  const optimizer::Problem problem = Generate(*family, flags.n, flags.seed);
  if (!WriteFile(flags.out, optimizer::ProblemToJson(problem))) {
    std::cerr << "gen_problems: cannot write " << flags.out << "\n";
    return kUsageError;
  }
  if (!flags.lp.empty() && !WriteFile(flags.lp, optimizer::WriteLp(problem))) {
    std::cerr << "gen_problems: cannot write " << flags.lp << "\n";
    return kUsageError;
  }
  return 0;
}

}  // namespace
}  // namespace credpath::bench

int main(int argc, char** argv) {
  return credpath::bench::Main(std::vector<std::string>(argv + 1, argv + argc));
}
