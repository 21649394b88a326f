#include "catalog/catalog_manager.h"

#include <utility>

#include "catalog/apply.h"
#include "catalog/validate.h"
#include "core/status_macros.h"

namespace credpath::catalog {

absl::StatusOr<std::unique_ptr<CatalogManager>> CatalogManager::Open(storage::Store* store) {
  ASSIGN_OR_RETURN(storage::CatalogData data, store->LoadCatalog());
  ASSIGN_OR_RETURN(std::shared_ptr<const graph::CatalogSnapshot> snapshot,
                   graph::CatalogSnapshot::Build(std::move(data)));
  return std::unique_ptr<CatalogManager>(new CatalogManager(store, std::move(snapshot)));
}

CatalogManager::CatalogManager(storage::Store* store,
                               std::shared_ptr<const graph::CatalogSnapshot> snapshot)
    : store_(store), snapshot_(std::move(snapshot)) {}

absl::StatusOr<int64_t> CatalogManager::Write(const storage::CatalogWrite& write) {
  absl::MutexLock lock(&write_mutex_);
  std::shared_ptr<const graph::CatalogSnapshot> current = snapshot();
  RETURN_IF_ERROR(ValidateCatalogWrite(write, *current));
  // Building before committing means a batch that would break an invariant (a cycle) is
  // rejected before anything reaches the store.
  ASSIGN_OR_RETURN(std::shared_ptr<const graph::CatalogSnapshot> next,
                   graph::CatalogSnapshot::Build(ApplyCatalogWrite(current->data(), write)));
  ASSIGN_OR_RETURN(int64_t version, store_->ApplyCatalogWrite(write));
  if (version != next->version()) {
    // Another process wrote to the same database: the snapshot cannot be trusted, so
    // rebuild it from what is committed.
    ASSIGN_OR_RETURN(storage::CatalogData data, store_->LoadCatalog());
    ASSIGN_OR_RETURN(next, graph::CatalogSnapshot::Build(std::move(data)));
  }
  snapshot_.store(std::move(next), std::memory_order_release);
  return version;
}

absl::Status CatalogManager::UpsertLearner(const core::Learner& learner) {
  RETURN_IF_ERROR(ValidateLearner(learner, *snapshot(), "learner"));
  return store_->UpsertLearner(learner);
}

absl::Status CatalogManager::RecordHeldCredentials(const std::string& learner_id,
                                                   const std::vector<core::HeldCredential>& held) {
  RETURN_IF_ERROR(ValidateHeldCredentials(held, *snapshot(), "held"));
  return store_->RecordHeldCredentials(learner_id, held);
}

}  // namespace credpath::catalog
