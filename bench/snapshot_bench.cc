// Snapshot build and structural metrics on a synthetic catalogue of a million credentials
// (docs/snapshot.md records the figures).
//
// The catalogue imitates many providers' programmes: 10,000 programmes of 100 credentials,
// each credential needing one or two earlier credentials of its programme (sometimes as an
// OR-group), with co-requisites, overlaps, credit toward the programme's qualification, and
// about 2,500,000 links in all. The "linked" variant adds forward links into the next
// programme (from its last credential and from 1% of the others), which joins everything
// into one component of a million and makes blocking factors take the capped path.
//
//   snapshot_bench --benchmark_filter=Build     (each iteration copies the input untimed)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "graph/snapshot.h"

namespace credpath::graph {
namespace {

constexpr int kProgrammeSize = 100;

std::string CredentialId(int i) {
  char id[16];
  std::snprintf(id, sizeof(id), "C%07d", i);
  return id;
}

std::string QualificationId(int i) {
  char id[16];
  std::snprintf(id, sizeof(id), "Q%05d", i);
  return id;
}

core::Link Link(std::string from, std::string to, core::LinkType type, int32_t group = 0) {
  core::Link link;
  link.from_id = std::move(from);
  link.to_id = std::move(to);
  link.type = type;
  link.group = group;
  return link;
}

storage::CatalogData MakeCatalogue(int credentials, bool linked_programmes) {
  std::mt19937_64 rng(42);
  const int programmes = credentials / kProgrammeSize;
  const int providers = std::max(1, programmes / 5);
  storage::CatalogData data;
  data.version = 1;
  for (int p = 0; p < providers; ++p) {
    core::Provider provider;
    char id[16];
    std::snprintf(id, sizeof(id), "P%05d", p);
    provider.id = id;
    provider.name = "Provider number " + provider.id;
    provider.standing = 0.5;
    data.providers.push_back(std::move(provider));
  }
  data.credentials.reserve(credentials);
  for (int i = 0; i < credentials; ++i) {
    core::Credential c;
    c.id = CredentialId(i);
    c.title = "Micro-credential in applied topic " + c.id;
    c.provider_id = data.providers[(i / kProgrammeSize) % providers].id;
    c.level = {core::LevelFramework::kEqf, 4 + static_cast<int32_t>(i % 4)};
    c.fields = {"0613"};
    c.skills = {"esco:S" + std::to_string(i % 5000), "esco:S" + std::to_string(i % 7919)};
    c.fee = {static_cast<int64_t>(10000 + rng() % 90000), "EUR"};
    c.effort_hours = 10 + static_cast<int64_t>(rng() % 90);
    c.delivery_mode = core::DeliveryMode::kOnline;
    c.pacing = core::Pacing::kOnDemand;
    c.language = "en";
    data.credentials.push_back(std::move(c));
  }
  for (int q = 0; q < programmes; ++q) {
    core::Qualification qualification;
    qualification.id = QualificationId(q);
    qualification.title = "Graduate certificate " + qualification.id;
    qualification.provider_id = data.providers[q % providers].id;
    qualification.credit_required = 60;
    const int first = q * kProgrammeSize;
    qualification.core_ids = {CredentialId(first), CredentialId(first + 1)};
    core::RuleNode electives;
    electives.name = "Electives";
    electives.kind = core::RuleKind::kAtLeastItems;
    electives.min_items = 2;
    for (int k = 2; k < 8; ++k) electives.items.push_back(CredentialId(first + k));
    qualification.rules = electives;
    data.qualifications.push_back(std::move(qualification));
  }
  for (int i = 0; i < credentials; ++i) {
    const int offset = i % kProgrammeSize;
    const std::string id = CredentialId(i);
    auto earlier = [&](int window) {
      return CredentialId(i - 1 - static_cast<int>(rng() % std::min(offset, window)));
    };
    if (offset > 0) {
      data.links.push_back(Link(earlier(10), id, core::LinkType::kLeadsTo, 0));
      if (offset > 1 && rng() % 2 == 0) {
        // An OR-group of two; duplicates of the first link are simply skipped.
        const std::string a = earlier(10), b = earlier(10);
        data.links.push_back(Link(a, id, core::LinkType::kLeadsTo, 1));
        if (b != a) data.links.push_back(Link(b, id, core::LinkType::kLeadsTo, 1));
      }
      if (rng() % 20 == 0) data.links.push_back(Link(earlier(3), id, core::LinkType::kCorequisite));
      if (rng() % 5 == 0) data.links.push_back(Link(earlier(5), id, core::LinkType::kOverlaps));
    }
    if (rng() % 3 == 0) {
      data.links.push_back(
          Link(id, QualificationId(i / kProgrammeSize), core::LinkType::kCreditToward));
    }
    if (linked_programmes && i + kProgrammeSize < credentials &&
        (offset == kProgrammeSize - 1 || rng() % 100 == 0)) {
      data.links.push_back(Link(
          id, CredentialId(i + kProgrammeSize - offset + static_cast<int>(rng() % kProgrammeSize)),
          core::LinkType::kLeadsTo, 5));
    }
  }
  // Storage hands links over sorted; duplicates (same key) cannot occur there.
  std::sort(data.links.begin(), data.links.end(), [](const core::Link& a, const core::Link& b) {
    return std::tie(a.from_id, a.to_id, a.type, a.group) <
           std::tie(b.from_id, b.to_id, b.type, b.group);
  });
  data.links.erase(std::unique(data.links.begin(), data.links.end(),
                               [](const core::Link& a, const core::Link& b) {
                                 return a.from_id == b.from_id && a.to_id == b.to_id &&
                                        a.type == b.type && a.group == b.group;
                               }),
                   data.links.end());
  return data;
}

const storage::CatalogData& Catalogue(int credentials, bool linked) {
  static auto* cache = new std::map<std::pair<int, bool>, storage::CatalogData>();
  auto it = cache->find({credentials, linked});
  if (it == cache->end()) {
    it = cache->emplace(std::pair{credentials, linked}, MakeCatalogue(credentials, linked)).first;
  }
  return it->second;
}

// Args: credentials, shuffled input (0: sorted, as storage delivers it).
void BM_Build(benchmark::State& state) {
  const storage::CatalogData& source = Catalogue(static_cast<int>(state.range(0)), false);
  for (auto _ : state) {
    state.PauseTiming();
    storage::CatalogData copy = source;
    if (state.range(1) != 0) {
      std::mt19937_64 rng(7);
      std::shuffle(copy.credentials.begin(), copy.credentials.end(), rng);
      std::shuffle(copy.links.begin(), copy.links.end(), rng);
    }
    state.ResumeTiming();
    absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> snapshot =
        CatalogSnapshot::Build(std::move(copy));
    if (!snapshot.ok()) {
      state.SkipWithError(std::string(snapshot.status().message()).c_str());
      return;
    }
    state.PauseTiming();
    snapshot->reset();  // freeing a million records is not part of building them
    state.ResumeTiming();
  }
  state.counters["credentials"] = static_cast<double>(source.credentials.size());
  state.counters["links"] = static_cast<double>(source.links.size());
}
BENCHMARK(BM_Build)
    ->Args({100'000, 0})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// Args: credentials, linked programmes (one giant component) or not.
void BM_StructuralMetrics(benchmark::State& state) {
  auto snapshot =
      CatalogSnapshot::Build(Catalogue(static_cast<int>(state.range(0)), state.range(1) != 0));
  if (!snapshot.ok()) {
    state.SkipWithError(std::string(snapshot.status().message()).c_str());
    return;
  }
  int64_t capped = 0;
  for (auto _ : state) {
    const std::vector<StructuralMetrics> metrics = ComputeStructuralMetrics(**snapshot);
    capped = 0;
    for (const StructuralMetrics& m : metrics) capped += m.blocking_capped;
    benchmark::DoNotOptimize(metrics.data());
  }
  state.counters["capped"] = static_cast<double>(capped);
}
BENCHMARK(BM_StructuralMetrics)
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace
}  // namespace credpath::graph

BENCHMARK_MAIN();
