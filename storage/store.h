// The storage interface: durable catalogue, learners and saved plans.
//
// Implementations (storage/sqlite/, later storage/postgres/) guarantee:
//   - every Apply*/Upsert*/Delete* call is one transaction: all of it or none of it;
//   - a call that returned OK survives a crash of the process or the machine;
//   - reads never observe half of a transaction.
// The catalog module validates writes against the snapshot before they reach the store;
// the store still enforces referential integrity as a backstop and reports references it
// alone can see (learners holding a credential) as FAILED_PRECONDITION naming them.
// Thread safety: all methods may be called from any thread; writes are serialised inside.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/catalog.h"

namespace credpath::storage {

// A link is identified by its endpoints, type and (for LEADS_TO) group.
struct LinkKey {
  std::string from_id;
  std::string to_id;
  core::LinkType type = core::LinkType::kUnspecified;
  int32_t group = 0;
  friend bool operator==(const LinkKey&, const LinkKey&) = default;
};

// The whole catalogue. Each vector is ordered by id (links by from, to, type, group).
struct CatalogData {
  int64_t version = 0;  // increases by one with every committed catalogue write
  std::vector<core::Provider> providers;
  std::vector<core::Credential> credentials;
  std::vector<core::Qualification> qualifications;
  std::vector<core::Link> links;
};

// One atomic catalogue batch. Upserts replace the whole record with the same id.
// Deletes of ids that do not exist are NOT_FOUND. Credential and qualification ids
// share one namespace.
struct CatalogWrite {
  std::vector<core::Provider> upsert_providers;
  std::vector<core::Credential> upsert_credentials;
  std::vector<core::Qualification> upsert_qualifications;
  std::vector<core::Link> upsert_links;
  std::vector<std::string> delete_providers;
  std::vector<std::string> delete_credentials;
  std::vector<std::string> delete_qualifications;
  std::vector<LinkKey> delete_links;
  // Replace the whole catalogue (import): delete everything first.
  bool replace_all = false;
};

struct SavedPlan {
  std::string id;
  std::string learner_id;
  int64_t created_unix_ms = 0;
  std::string payload;  // serialised plan (opaque to storage)
};

class Store {
 public:
  virtual ~Store() = default;

  // The committed catalogue, with its version.
  virtual absl::StatusOr<CatalogData> LoadCatalog() = 0;
  // Applies the batch in one transaction; returns the new catalogue version.
  virtual absl::StatusOr<int64_t> ApplyCatalogWrite(const CatalogWrite& write) = 0;

  // NOT_FOUND when absent.
  virtual absl::StatusOr<core::Learner> GetLearner(std::string_view id) = 0;
  // Replaces the whole learner, held credentials and overrides included.
  virtual absl::Status UpsertLearner(const core::Learner& learner) = 0;
  virtual absl::Status DeleteLearner(std::string_view id) = 0;
  // Adds (or replaces, by credential id) held credentials of an existing learner.
  virtual absl::Status RecordHeldCredentials(std::string_view learner_id,
                                             const std::vector<core::HeldCredential>& held) = 0;

  virtual absl::Status SavePlan(const SavedPlan& plan) = 0;
  virtual absl::StatusOr<SavedPlan> GetPlan(std::string_view id) = 0;
  // Plans of one learner, newest first, at most `limit` after `after_id` (empty: from start).
  virtual absl::StatusOr<std::vector<SavedPlan>> ListPlans(std::string_view learner_id,
                                                           int32_t limit,
                                                           std::string_view after_id) = 0;
};

}  // namespace credpath::storage
