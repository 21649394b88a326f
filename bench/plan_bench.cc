// PlanPathways without the network: what one plan costs in the server's process, split
// into the planner (candidates, value model, search, schedule, coherence findings) and
// the conversion of its answer to the reply message, on the heap and, as the server's unary
// call does it, on an arena (docs/benchmarks.md).
//
//   plan_bench --catalog data/demo-catalog.json --request REQUEST.json [benchmark flags]
//
// REQUEST.json is a PlanPathwaysRequest in the protobuf JSON mapping with an inline
// learner, as plan_load sends it. The catalogue goes through the same import as
// `serve --seed`, into a temporary SQLite file.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "catalog/catalog_manager.h"
#include "core/date.h"
#include "google/protobuf/util/json_util.h"
#include "services/arena_allocator.h"
#include "services/catalog_import.h"
#include "services/learner_source.h"
#include "services/planner_convert.h"
#include "storage/sqlite/sqlite_store.h"

namespace credpath {
namespace {

struct Fixture {
  std::filesystem::path db_path;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<catalog::CatalogManager> catalog;
  std::shared_ptr<const graph::CatalogSnapshot> snapshot;
  planner::PlannerConfig config;
  planner::PlanRequest request;
  std::string currency;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::Status Load(const std::string& catalog_path, const std::string& request_path,
                  Fixture* fixture) {
  fixture->db_path =
      std::filesystem::temp_directory_path() / ("plan_bench-" + std::to_string(::getpid()) + ".db");
  absl::StatusOr<std::unique_ptr<storage::Store>> store =
      storage::OpenSqliteStore(fixture->db_path.string());
  if (!store.ok()) return store.status();
  fixture->store = std::move(*store);
  absl::StatusOr<std::unique_ptr<catalog::CatalogManager>> manager =
      catalog::CatalogManager::Open(fixture->store.get());
  if (!manager.ok()) return manager.status();
  fixture->catalog = std::move(*manager);
  absl::StatusOr<std::string> catalog_json = ReadFile(catalog_path);
  if (!catalog_json.ok()) return catalog_json.status();
  absl::StatusOr<services::ImportSummary> imported =
      services::ImportNativeJson(*catalog_json, /*replace=*/true, fixture->catalog.get());
  if (!imported.ok()) return imported.status();
  fixture->snapshot = fixture->catalog->snapshot();

  absl::StatusOr<std::string> request_json = ReadFile(request_path);
  if (!request_json.ok()) return request_json.status();
  v1::PlanPathwaysRequest request;
  const auto parsed = google::protobuf::util::JsonStringToMessage(*request_json, &request);
  if (!parsed.ok()) return absl::InvalidArgumentError(request_path + ": " + parsed.ToString());
  if (!request.has_learner()) return absl::InvalidArgumentError(request_path + ": needs a learner");
  absl::StatusOr<core::Learner> learner =
      services::ResolveLearner(*fixture->catalog, *fixture->snapshot, "", &request.learner());
  if (!learner.ok()) return learner.status();
  core::FieldViolations violations;
  fixture->request = services::PlanRequestFromProto(request, std::move(*learner), core::Today(),
                                                    /*default_time_limit_seconds=*/2, &violations);
  if (absl::Status status = violations.ToStatus(); !status.ok()) return status;
  fixture->currency = fixture->request.money_budget.currency;
  return absl::OkStatus();
}

Fixture* fixture = nullptr;

// One plan of the fixture's request; on an error, the benchmark is skipped with it.
std::optional<planner::PlanResult> PlanOnce(benchmark::State& state) {
  absl::StatusOr<planner::PlanResult> result =
      planner::Plan(*fixture->snapshot, fixture->config, fixture->request, nullptr);
  if (!result.ok()) {
    state.SkipWithError(result.status().ToString().c_str());
    return std::nullopt;
  }
  return *std::move(result);
}

void BM_Plan(benchmark::State& state) {
  planner::PlanStats stats;
  for (auto _ : state) {
    std::optional<planner::PlanResult> result = PlanOnce(state);
    if (!result.has_value()) return;
    stats = result->stats;
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(stats.nodes);
  state.counters["evaluations"] = static_cast<double>(stats.bound_evaluations);
}
BENCHMARK(BM_Plan)->Unit(benchmark::kMicrosecond);

void BM_ReplyConversion(benchmark::State& state) {
  const std::optional<planner::PlanResult> result = PlanOnce(state);
  if (!result.has_value()) return;
  for (auto _ : state) {
    v1::PlanPathwaysResponse reply;
    services::ToProto(*fixture->snapshot, *result, fixture->currency, &reply);
    std::string wire = reply.SerializeAsString();
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_ReplyConversion)->Unit(benchmark::kMicrosecond);

// As the server's unary call does it: the reply on the call's arena.
void BM_ReplyConversionOnArena(benchmark::State& state) {
  const std::optional<planner::PlanResult> result = PlanOnce(state);
  if (!result.has_value()) return;
  using Allocator =
      services::ArenaMessageAllocator<v1::PlanPathwaysRequest, v1::PlanPathwaysResponse>;
  size_t arena_bytes = 0;
  size_t wire_bytes = 0;
  for (auto _ : state) {
    google::protobuf::Arena arena(Allocator::Options());
    auto* reply = google::protobuf::Arena::CreateMessage<v1::PlanPathwaysResponse>(&arena);
    services::ToProto(*fixture->snapshot, *result, fixture->currency, reply);
    std::string wire = reply->SerializeAsString();
    benchmark::DoNotOptimize(wire);
    arena_bytes = arena.SpaceUsed();
    wire_bytes = wire.size();
  }
  state.counters["arena_bytes"] = static_cast<double>(arena_bytes);
  state.counters["wire_bytes"] = static_cast<double>(wire_bytes);
}
BENCHMARK(BM_ReplyConversionOnArena)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace credpath

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string catalog_path = "data/demo-catalog.json";
  std::string request_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--catalog") {
      catalog_path = argv[i + 1];
    } else if (flag == "--request") {
      request_path = argv[i + 1];
    } else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  if (request_path.empty()) {
    std::fprintf(stderr, "usage: plan_bench [--catalog FILE] --request FILE [benchmark flags]\n");
    return 2;
  }
  credpath::Fixture fixture;
  const absl::Status loaded = credpath::Load(catalog_path, request_path, &fixture);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.ToString().c_str());
    std::filesystem::remove(fixture.db_path);
    return 2;
  }
  credpath::fixture = &fixture;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fixture.catalog.reset();
  fixture.store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(fixture.db_path.string() + suffix);
  }
  return 0;
}
