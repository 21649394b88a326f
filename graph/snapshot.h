// The immutable in-memory catalogue snapshot: records in flat arrays sorted by id, id
// indexes, and the prerequisite graph in compressed (CSR) form.
//
// A snapshot is built once from the committed catalogue and never mutated; readers share
// it through std::shared_ptr<const CatalogSnapshot> and hold it for one request only, so a
// reader never blocks a writer and never sees half a batch. Building is O(N log N) in the
// number of records and checks the invariants every snapshot holds:
//   - every reference resolves (provider, partner, link endpoints, core and rule items);
//   - LEADS_TO and COREQUISITE links form a DAG (else FAILED_PRECONDITION naming a cycle).
// Thread safety: all const methods are safe from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "storage/store.h"

namespace credpath::graph {

// Dense index of a credential in CatalogSnapshot::credentials().
using CredentialIndex = int32_t;

class CatalogSnapshot {
 public:
  // Takes the records by value (move them in). Fails with FAILED_PRECONDITION naming the
  // cycle or the dangling reference when an invariant does not hold.
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
  // the groups are ANDed. Built from LEADS_TO links.
  size_t PrerequisiteGroupCount(CredentialIndex c) const;
  std::span<const CredentialIndex> PrerequisiteGroup(CredentialIndex c, size_t group) const;
  // Credentials that list `c` in one of their prerequisite groups.
  std::span<const CredentialIndex> Dependents(CredentialIndex c) const;

 private:
  CatalogSnapshot() = default;
  absl::Status Index();

  storage::CatalogData data_;
  absl::flat_hash_map<std::string_view, int32_t> provider_index_;
  absl::flat_hash_map<std::string_view, int32_t> credential_index_;
  absl::flat_hash_map<std::string_view, int32_t> qualification_index_;
  // CSR: groups of credential c are group_offsets_[group_start_[c] .. group_start_[c+1]);
  // members of group g are group_members_[group_offsets_[g] .. group_offsets_[g+1]).
  std::vector<int32_t> group_start_;
  std::vector<int32_t> group_offsets_;
  std::vector<CredentialIndex> group_members_;
  std::vector<int32_t> dependent_offsets_;
  std::vector<CredentialIndex> dependents_;
};

// A directed cycle among the given edges (from, to), as the ids along it with the first
// repeated at the end ("A -> B -> C -> A"), or nullopt for a DAG. O(V + E), iterative.
std::optional<std::vector<std::string>> FindCycle(
    const std::vector<std::pair<std::string_view, std::string_view>>& edges);

// Structural metrics of a curriculum graph as Curricular Analytics defines them
// (Heileman et al. 2018), over the LEADS_TO and COREQUISITE links between credentials.
struct StructuralMetrics {
  int32_t blocking_factor = 0;  // number of credentials reachable from this one
  int32_t delay_factor = 0;     // vertices on the longest path through this one
  int64_t centrality = 0;       // long paths (source to sink) passing through it
  int64_t structural_complexity = 0;  // blocking + delay
};

// One entry per credential, index-aligned with snapshot.credentials().
std::vector<StructuralMetrics> ComputeStructuralMetrics(const CatalogSnapshot& snapshot);

}  // namespace credpath::graph
