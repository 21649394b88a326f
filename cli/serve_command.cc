#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "catalog/catalog_manager.h"
#include "cli/flags.h"
#include "coherence/config.h"
#include "services/catalog_import.h"
#include "services/server.h"
#include "storage/sqlite/sqlite_store.h"
#include "value/value_model.h"

namespace credpath::cli {
namespace {

constexpr char kUsage[] =
    "usage: credpath serve [--db FILE] [--listen ADDR] [--threads N] [--seed CATALOG.json]\n"
    "                      [--port-file FILE] [--max-message-mb N] [--quiet]\n"
    "                      [--value-config FILE] [--coherence-config FILE]\n"
    "                      [--plan-time-limit-ms N]\n"
    "  --db        SQLite file (env CREDPATH_DB; default credpath.db)\n"
    "  --listen    address (env CREDPATH_LISTEN; default 127.0.0.1:50051; port 0 picks one)\n"
    "  --threads   worker threads for writes and planning (default 4)\n"
    "  --seed      native JSON catalogue loaded when the database's catalogue is empty\n"
    "  --port-file write the bound port there once serving\n"
    "  --value-config  JSON weights, cost rates and completion scale (docs/value-model.md)\n"
    "  --coherence-config  JSON thresholds of the coherence rules (docs/coherence.md)\n"
    "  --plan-time-limit-ms  search time limit of a plan that sets none (default 2000)\n";

// A deployment config file parsed by `parse`; errors name the file.
template <typename Parse>
auto ReadConfig(const std::string& path, Parse parse) -> decltype(parse(std::string())) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto config = parse(text.str());
  if (!config.ok())
    return absl::InvalidArgumentError(path + ": " + std::string(config.status().message()));
  return config;
}

int Fail(const std::string& message) {
  std::cerr << "credpath serve: " << message << "\n";
  return 1;
}

absl::StatusOr<int> ParsePositiveInt(const ParsedArgs& args, const std::string& flag,
                                     int fallback) {
  std::optional<std::string> text = args.Get(flag);
  if (!text) return fallback;
  try {
    size_t used = 0;
    int value = std::stoi(*text, &used);
    if (used == text->size() && value > 0) return value;
  } catch (const std::exception&) {
  }
  return absl::InvalidArgumentError("--" + flag + " must be a positive integer, got \"" + *text +
                                    "\"");
}

}  // namespace

int RunServeCommand(const std::vector<std::string>& raw_args) {
  absl::StatusOr<ParsedArgs> args =
      ParseArgs(raw_args,
                {"db", "listen", "threads", "seed", "port-file", "max-message-mb", "value-config",
                 "coherence-config", "plan-time-limit-ms"},
                {"quiet", "help"});
  if (!args.ok()) return Fail(std::string(args.status().message()) + "\n" + kUsage);
  if (args->Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (!args->positional.empty()) return Fail("unexpected argument \"" + args->positional[0] + "\"");

  // Block the shutdown signals before any thread starts, so that every thread inherits the
  // mask and only sigwait below receives them.
  sigset_t shutdown_signals;
  sigemptyset(&shutdown_signals);
  sigaddset(&shutdown_signals, SIGINT);
  sigaddset(&shutdown_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &shutdown_signals, nullptr);

  services::ServerOptions options;
  options.listen_address = FlagOrEnv(*args, "listen", "CREDPATH_LISTEN", options.listen_address);
  absl::StatusOr<int> threads = ParsePositiveInt(*args, "threads", options.worker_threads);
  absl::StatusOr<int> message_mb =
      ParsePositiveInt(*args, "max-message-mb", options.max_receive_message_bytes >> 20);
  if (!threads.ok()) return Fail(std::string(threads.status().message()));
  if (!message_mb.ok()) return Fail(std::string(message_mb.status().message()));
  if (*message_mb > 1024) return Fail("--max-message-mb must be <= 1024");
  options.worker_threads = *threads;
  options.max_receive_message_bytes = options.max_send_message_bytes = *message_mb << 20;
  if (args->Has("quiet")) options.call_log = nullptr;
  absl::StatusOr<int> plan_ms =
      ParsePositiveInt(*args, "plan-time-limit-ms",
                       static_cast<int>(options.planner.default_time_limit_seconds * 1000));
  if (!plan_ms.ok()) return Fail(std::string(plan_ms.status().message()));
  options.planner.default_time_limit_seconds = *plan_ms / 1000.0;
  if (std::optional<std::string> path = args->Get("value-config")) {
    absl::StatusOr<value::ValueConfig> config = ReadConfig(
        *path, [](const std::string& text) { return value::ValueConfig::FromJson(text); });
    if (!config.ok()) return Fail(std::string(config.status().message()));
    options.planner.config.value = *std::move(config);
  }
  if (std::optional<std::string> path = args->Get("coherence-config")) {
    absl::StatusOr<coherence::CoherenceConfig> config = ReadConfig(
        *path, [](const std::string& text) { return coherence::CoherenceConfig::FromJson(text); });
    if (!config.ok()) return Fail(std::string(config.status().message()));
    options.planner.config.coherence = *std::move(config);
  }
  const std::string db = FlagOrEnv(*args, "db", "CREDPATH_DB", "credpath.db");

  absl::StatusOr<std::unique_ptr<storage::Store>> store = storage::OpenSqliteStore(db);
  if (!store.ok()) return Fail(db + ": " + std::string(store.status().message()));
  absl::StatusOr<std::unique_ptr<catalog::CatalogManager>> catalog =
      catalog::CatalogManager::Open(store->get());
  if (!catalog.ok()) return Fail(db + ": " + std::string(catalog.status().message()));

  if (std::optional<std::string> seed = args->Get("seed");
      seed && (*catalog)->snapshot()->version() == 0) {
    std::ifstream in(*seed);
    if (!in) return Fail("cannot read seed catalogue " + *seed);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<services::ImportSummary> imported =
        services::ImportNativeJson(text.str(), /*replace=*/true, catalog->get());
    if (!imported.ok()) return Fail(*seed + ": " + std::string(imported.status().message()));
    std::cerr << "credpath serve: seeded " << *seed << ": " << imported->credentials
              << " credentials, " << imported->qualifications << " qualifications, "
              << imported->learners << " learners\n";
  }

  absl::StatusOr<std::unique_ptr<services::Server>> server =
      services::Server::Start(options, catalog->get());
  if (!server.ok()) return Fail(std::string(server.status().message()));
  const std::string host = options.listen_address.substr(0, options.listen_address.rfind(':'));
  std::cerr << "credpath serve: listening on " << host << ":" << (*server)->port() << " (db " << db
            << ", catalogue version " << (*catalog)->snapshot()->version() << ")\n";
  if (std::optional<std::string> port_file = args->Get("port-file")) {
    // Written to a temporary name and renamed, so a reader never sees a partial number.
    const std::string temporary = *port_file + ".tmp";
    std::ofstream(temporary) << (*server)->port() << "\n";
    std::rename(temporary.c_str(), port_file->c_str());
  }

  int signal_number = 0;
  sigwait(&shutdown_signals, &signal_number);
  std::cerr << "credpath serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ", shutting down\n";
  (*server)->Shutdown(/*grace_seconds=*/5);
  return 0;
}

}  // namespace credpath::cli
