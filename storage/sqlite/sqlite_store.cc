#include "storage/sqlite/sqlite_store.h"

#include <utility>

#include "core/status_macros.h"
#include "storage/sqlite/catalog_io.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/learner_io.h"

namespace credpath::storage {

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               const SqliteOptions& options) {
  if (path.empty() || path == ":memory:") {
    return absl::InvalidArgumentError("database path: must name a file");
  }
  sqlite::ConnectionOptions connection_options;
  connection_options.busy_timeout_ms = options.busy_timeout_ms;
  connection_options.cache_size_kib = options.cache_size_kib;
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> writer,
                   sqlite::Connection::Open(path, connection_options));
  ASSIGN_OR_RETURN(sqlite::SchemaVersions versions,
                   sqlite::Migrate(writer.get(), options.migrations));
  // The reader is opened after the schema exists and refuses writes, so a bug that wrote
  // through it fails instead of bypassing the writer's serialisation.
  connection_options.query_only = true;
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> reader,
                   sqlite::Connection::Open(path, connection_options));
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Connection> loader,
                   sqlite::Connection::Open(path, connection_options));
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(writer), std::move(reader), std::move(loader), versions));
}

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> writer,
                         std::unique_ptr<sqlite::Connection> reader,
                         std::unique_ptr<sqlite::Connection> loader,
                         sqlite::SchemaVersions versions)
    : writer_(std::move(writer)),
      reader_(std::move(reader)),
      loader_(std::move(loader)),
      versions_(versions) {}

SqliteStore::~SqliteStore() = default;

absl::StatusOr<CatalogData> SqliteStore::LoadCatalog() {
  absl::MutexLock lock(&read_mutex_);
  return sqlite::ReadCatalog(reader_.get(), loader_.get());
}

absl::StatusOr<int64_t> SqliteStore::ApplyCatalogWrite(const CatalogWrite& write) {
  absl::MutexLock lock(&write_mutex_);
  return sqlite::WriteCatalog(writer_.get(), write);
}

absl::StatusOr<core::Learner> SqliteStore::GetLearner(std::string_view id) {
  absl::MutexLock lock(&read_mutex_);
  return sqlite::ReadLearner(reader_.get(), std::string(id));
}

absl::Status SqliteStore::UpsertLearner(const core::Learner& learner) {
  absl::MutexLock lock(&write_mutex_);
  return sqlite::WriteLearner(writer_.get(), learner);
}

absl::Status SqliteStore::DeleteLearner(std::string_view id) {
  absl::MutexLock lock(&write_mutex_);
  return sqlite::RemoveLearner(writer_.get(), std::string(id));
}

absl::Status SqliteStore::RecordHeldCredentials(std::string_view learner_id,
                                                const std::vector<core::HeldCredential>& held) {
  absl::MutexLock lock(&write_mutex_);
  return sqlite::AddHeldCredentials(writer_.get(), std::string(learner_id), held);
}

absl::Status SqliteStore::SavePlan(const SavedPlan& plan) {
  absl::MutexLock lock(&write_mutex_);
  return sqlite::InsertPlan(writer_.get(), plan);
}

absl::StatusOr<SavedPlan> SqliteStore::GetPlan(std::string_view id) {
  absl::MutexLock lock(&read_mutex_);
  return sqlite::ReadPlan(reader_.get(), std::string(id));
}

absl::StatusOr<std::vector<SavedPlan>> SqliteStore::ListPlans(std::string_view learner_id,
                                                              int32_t limit,
                                                              std::string_view after_id) {
  absl::MutexLock lock(&read_mutex_);
  return sqlite::ReadPlans(reader_.get(), std::string(learner_id), limit, std::string(after_id));
}

absl::StatusOr<std::vector<sqlite::ConnectionSettings>> SqliteStore::ReadConnectionSettings() {
  std::vector<sqlite::ConnectionSettings> settings;
  {
    absl::MutexLock lock(&write_mutex_);
    ASSIGN_OR_RETURN(settings.emplace_back(), writer_->ReadSettings());
  }
  absl::MutexLock lock(&read_mutex_);
  ASSIGN_OR_RETURN(settings.emplace_back(), reader_->ReadSettings());
  ASSIGN_OR_RETURN(settings.emplace_back(), loader_->ReadSettings());
  return settings;
}

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                       const SqliteOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store, SqliteStore::Open(path, options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace credpath::storage
