// The immutable in-memory catalogue snapshot: records in flat arrays sorted by id, id
// indexes, and the prerequisite graph in compressed (CSR) form.
//
// A snapshot is built once from the committed catalogue and never mutated; readers share
// it through std::shared_ptr<const CatalogSnapshot> and hold it for one request only, so a
// reader never blocks a writer and never sees half a batch. Building is O(N log N) in the
// number of records and checks the invariants every snapshot holds:
//   - ids are unique: providers among providers; credentials and qualifications share one
//     namespace (an id may not be both);
//   - every reference resolves (provider, partner, link endpoints, core and rule items);
//   - CREDIT_TOWARD links run from a credential or a qualification (an exit award) to a
//     qualification; every other link joins two credentials; OVERLAPS links are stored
//     once with from < to; no link is untyped;
//   - LEADS_TO and COREQUISITE links form a DAG (else FAILED_PRECONDITION naming a cycle).
// Records come out sorted by id (links by from, to, type, group) whatever order they came
// in, so CredentialIndex order is id order. docs/snapshot.md has the figures for 1M records.
// Thread safety: all const methods are safe from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "graph/digraph.h"
#include "storage/store.h"

namespace credpath::graph {

// Dense index of a credential in CatalogSnapshot::credentials().
using CredentialIndex = int32_t;

class CatalogSnapshot;

// Structural metrics of a curriculum graph as Curricular Analytics defines them
// (Heileman, Abdallah, Slim, Hickman 2018; CurricularAnalytics.jl), over the LEADS_TO and
// COREQUISITE links between credentials, each ordered pair counted once. A source has no
// incoming link, a sink no outgoing one; a long path runs from a source to a sink.
struct StructuralMetrics {
  // Number of credentials reachable from this one. When blocking_capped is set the exact
  // figure was too costly to compute and this is a lower bound (see the options).
  int32_t blocking_factor = 0;
  // Number of credentials on the longest path through this one (1 when isolated).
  int32_t delay_factor = 0;
  // Sum, over the long paths on which this credential is neither the first nor the last
  // vertex, of the number of vertices of the path. Saturates at INT64_MAX.
  int64_t centrality = 0;
  int64_t structural_complexity = 0;  // blocking + delay
  bool blocking_capped = false;
};

struct StructuralMetricsOptions {
  // Exact blocking factors cost (V + E) * ceil(V / 64) word operations per weakly
  // connected component (bit-parallel reachability). Components are taken smallest first
  // while their cost fits in this budget; larger ones get capped counts.
  int64_t exact_blocking_budget = int64_t{1} << 31;
  // Capped counting stops a credential's search at this many reachable credentials.
  int32_t blocking_cap = 1000;
};

class CatalogSnapshot {
 public:
  // Takes the records by value (move them in). Fails with FAILED_PRECONDITION naming the
  // cycle, the duplicate or the dangling reference when an invariant does not hold.
  static absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> Build(storage::CatalogData data);

  int64_t version() const { return data_.version; }
  const std::vector<core::Provider>& providers() const { return data_.providers; }
  const std::vector<core::Credential>& credentials() const { return data_.credentials; }
  const std::vector<core::Qualification>& qualifications() const { return data_.qualifications; }
  const std::vector<core::Link>& links() const { return data_.links; }
  const storage::CatalogData& data() const { return data_; }

  // nullptr when absent.
  const core::Provider* FindProvider(std::string_view id) const;
  const core::Credential* FindCredential(std::string_view id) const;
  const core::Qualification* FindQualification(std::string_view id) const;
  std::optional<CredentialIndex> CredentialIndexOf(std::string_view id) const;

  // Prerequisite groups of a credential: each group is an OR of credential indexes;
  // the groups are ANDed. Built from LEADS_TO links; groups are ordered by group number and
  // members by index. REQUIRES (here and below): 0 <= c < credentials().size(), and
  // group < PrerequisiteGroupCount(c).
  size_t PrerequisiteGroupCount(CredentialIndex c) const;
  std::span<const CredentialIndex> PrerequisiteGroup(CredentialIndex c, size_t group) const;
  // The links leaving `c` (from_id is its id), in links() order.
  std::span<const core::Link> LinksFrom(CredentialIndex c) const;
  // The same as indexes into links(): [first, second).
  std::pair<int32_t, int32_t> LinkIndexRangeFrom(CredentialIndex c) const { return links_from_[c]; }
  // Indexes into links() of the links entering `c` (to_id is its id), ascending.
  std::span<const int32_t> LinkIndexesTo(CredentialIndex c) const {
    return links_to_.Successors(c);
  }
  // The links from `from_id` to `to_id` (credentials or qualifications), every type and
  // group, in links() order: a binary search, since links() is sorted by from_id, to_id.
  std::span<const core::Link> LinksBetween(std::string_view from_id, std::string_view to_id) const;
  // The credential indexes of the ends of links()[i], -1 for an end that is a
  // qualification: resolved once here, so that code walking the links looks up no id.
  struct LinkEnds {
    CredentialIndex from = -1;
    CredentialIndex to = -1;
  };
  const std::vector<LinkEnds>& link_ends() const { return link_ends_; }
  // Credentials that list `c` in one of their prerequisite groups, each once, ascending.
  std::span<const CredentialIndex> Dependents(CredentialIndex c) const;
  // Credentials that must be taken before `c` or in the same term (COREQUISITE links into
  // `c`), ascending.
  std::span<const CredentialIndex> Corequisites(CredentialIndex c) const;

 private:
  friend std::vector<StructuralMetrics> ComputeStructuralMetrics(
      const CatalogSnapshot& snapshot, const StructuralMetricsOptions& options);

  CatalogSnapshot() = default;
  absl::Status Index();
  absl::Status CheckRecordReferences() const;
  absl::Status BuildLinkGraphs();
  // "prerequisite cycle: A -> B -> A", shortened when the cycle is long.
  std::string CycleMessage(const std::vector<int32_t>& cycle) const;

  storage::CatalogData data_;
  // Keys view the ids owned by data_, which never moves once the snapshot exists.
  absl::flat_hash_map<std::string_view, int32_t> provider_index_;
  absl::flat_hash_map<std::string_view, int32_t> credential_index_;
  absl::flat_hash_map<std::string_view, int32_t> qualification_index_;
  // CSR: groups of credential c are group_offsets_[group_start_[c] .. group_start_[c+1]);
  // members of group g are group_members_[group_offsets_[g] .. group_offsets_[g+1]).
  std::vector<int32_t> group_start_;
  std::vector<int32_t> group_offsets_;
  std::vector<CredentialIndex> group_members_;
  // Links of credential c are data_.links[links_from_[c].first .. links_from_[c].second).
  std::vector<std::pair<int32_t, int32_t>> links_from_;
  std::vector<LinkEnds> link_ends_;  // per link
  internal::Csr links_to_;           // credential -> indexes of the links entering it
  internal::Csr dependents_;         // prerequisite -> credentials it is a prerequisite of
  internal::Csr corequisites_;       // credential -> its co-requisites
  internal::Csr requisites_;         // u -> v for LEADS_TO or COREQUISITE u -> v
};

// A directed cycle among the given edges (from, to), as the ids along it with the first
// repeated at the end ("A -> B -> C -> A"), or nullopt for a DAG. O(V + E), iterative.
// Deterministic for a given edge order.
std::optional<std::vector<std::string>> FindCycle(
    const std::vector<std::pair<std::string_view, std::string_view>>& edges);

// One entry per credential, index-aligned with snapshot.credentials(). Delay factor and
// centrality are exact, O(V + E); the blocking factor is exact within the options' budget.
std::vector<StructuralMetrics> ComputeStructuralMetrics(
    const CatalogSnapshot& snapshot, const StructuralMetricsOptions& options = {});

}  // namespace credpath::graph
