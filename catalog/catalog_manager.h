// CatalogManager: the single writer of the catalogue and the publisher of its snapshots.
//
// A write is validated against the current snapshot (catalog/validate.h), applied to a
// copy of the catalogue data (catalog/apply.h), built into a new snapshot (which checks
// the prerequisite DAG), committed to the store in one transaction, and only then
// published. Readers load the published snapshot with one atomic operation and never wait
// for a writer; a rejected write leaves both the store and the snapshot untouched.
// Thread safety: every method may be called from any thread; writes are serialised.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "graph/snapshot.h"
#include "storage/store.h"

namespace credpath::catalog {

class CatalogManager {
 public:
  // Loads the committed catalogue from `store` and publishes it. `store` must outlive the
  // manager.
  static absl::StatusOr<std::unique_ptr<CatalogManager>> Open(storage::Store* store);

  // The current snapshot; hold it for one request only.
  std::shared_ptr<const graph::CatalogSnapshot> snapshot() const {
    return snapshot_.load(std::memory_order_acquire);
  }

  // Validates, commits and publishes one atomic batch; returns the new catalogue version.
  // INVALID_ARGUMENT / NOT_FOUND / FAILED_PRECONDITION as catalog/validate.h says, and
  // FAILED_PRECONDITION naming the cycle when a prerequisite link would close one.
  absl::StatusOr<int64_t> Write(const storage::CatalogWrite& write) ABSL_LOCKS_EXCLUDED(write_mutex_);

  // Validates a learner against the current catalogue, then stores it.
  absl::Status UpsertLearner(const core::Learner& learner);
  absl::Status RecordHeldCredentials(const std::string& learner_id,
                                     const std::vector<core::HeldCredential>& held);

  storage::Store& store() const { return *store_; }

 private:
  CatalogManager(storage::Store* store, std::shared_ptr<const graph::CatalogSnapshot> snapshot);

  storage::Store* const store_;
  absl::Mutex write_mutex_;
  std::atomic<std::shared_ptr<const graph::CatalogSnapshot>> snapshot_;
};

}  // namespace credpath::catalog
