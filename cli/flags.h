// A small parser for subcommand flags: "--name value", "--name=value" and bare boolean
// "--name". Each subcommand declares the flags it accepts, so a typo is an error that
// names the flag instead of being ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace credpath::cli {

struct ParsedArgs {
  std::map<std::string, std::string> values;  // flags with values
  std::set<std::string> switches;             // boolean flags present
  std::vector<std::string> positional;

  std::optional<std::string> Get(const std::string& name) const;
  bool Has(const std::string& name) const { return switches.count(name) > 0; }
};

// `value_flags` take a value; `switch_flags` do not. INVALID_ARGUMENT names an unknown flag
// or a flag without its value.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string>& value_flags,
                                     const std::set<std::string>& switch_flags);

// The flag's value, else the environment variable's, else `fallback`.
std::string FlagOrEnv(const ParsedArgs& args, const std::string& flag, const char* env,
                      const std::string& fallback);

}  // namespace credpath::cli
