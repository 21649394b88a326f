#include "cli/flags.h"

#include <cstdlib>

namespace credpath::cli {

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string>& value_flags,
                                     const std::set<std::string>& switch_flags) {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switch_flags.count(name)) {
      if (value) return absl::InvalidArgumentError("--" + name + " takes no value");
      parsed.switches.insert(name);
    } else if (value_flags.count(name)) {
      if (!value) {
        if (i + 1 >= args.size()) return absl::InvalidArgumentError("--" + name + " needs a value");
        value = args[++i];
      }
      parsed.values[name] = *value;
    } else {
      return absl::InvalidArgumentError("unknown flag --" + name);
    }
  }
  return parsed;
}

std::string FlagOrEnv(const ParsedArgs& args, const std::string& flag, const char* env,
                      const std::string& fallback) {
  if (std::optional<std::string> value = args.Get(flag)) return *value;
  if (const char* from_env = std::getenv(env); from_env != nullptr && *from_env != '\0') {
    return from_env;
  }
  return fallback;
}

}  // namespace credpath::cli
