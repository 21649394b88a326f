// The SQLite implementation of storage::Store: one database file in WAL mode.
//
// Open() creates or upgrades the schema (schema.h) and refuses a file written by newer,
// incompatible code with FAILED_PRECONDITION, leaving it untouched. Every write is one
// BEGIN IMMEDIATE transaction with synchronous=FULL, so a write that returned OK survives
// a crash of the process or of the machine (docs/storage.md).
//
// Thread safety: every method may be called from any thread. The store holds three
// connections: writes are serialised on one, reads on another (LoadCatalog borrows a third
// to read in two threads); in WAL mode a read never waits for a write and sees only
// committed transactions. Reads wait for one another (a LoadCatalog of a large catalogue
// holds the reading connections for seconds); writes wait only for writes. Other
// processes may open the same file; they serialise on SQLite's locks, waiting up to
// busy_timeout_ms before a call fails with UNAVAILABLE.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "storage/sqlite/connection_settings.h"
#include "storage/sqlite/schema.h"
#include "storage/store.h"

namespace credpath::storage::sqlite {
class Connection;
}  // namespace credpath::storage::sqlite

namespace credpath::storage {

struct SqliteOptions {
  // How long a call waits for another process's lock before UNAVAILABLE.
  int32_t busy_timeout_ms = 5000;
  // Page cache per connection; a large catalogue write touches many index pages.
  int32_t cache_size_kib = 64 * 1024;
  // The schema steps this code knows (tests inject newer ones).
  std::vector<sqlite::Migration> migrations = sqlite::DefaultMigrations();
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if absent) the database at `path`, a file name: ":memory:" and other
  // special names are not supported because the store opens several connections.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           const SqliteOptions& options = {});
  ~SqliteStore() override;

  absl::StatusOr<CatalogData> LoadCatalog() override;
  absl::StatusOr<int64_t> ApplyCatalogWrite(const CatalogWrite& write) override;

  absl::StatusOr<core::Learner> GetLearner(std::string_view id) override;
  absl::Status UpsertLearner(const core::Learner& learner) override;
  absl::Status DeleteLearner(std::string_view id) override;
  absl::Status RecordHeldCredentials(std::string_view learner_id,
                                     const std::vector<core::HeldCredential>& held) override;

  absl::Status SavePlan(const SavedPlan& plan) override;
  absl::StatusOr<SavedPlan> GetPlan(std::string_view id) override;
  absl::StatusOr<std::vector<SavedPlan>> ListPlans(std::string_view learner_id, int32_t limit,
                                                   std::string_view after_id) override;

  // The file's schema versions as of Open().
  const sqlite::SchemaVersions& schema_versions() const { return versions_; }
  // The settings of the writer, the reader and the loader connection, read back from
  // SQLite.
  absl::StatusOr<std::vector<sqlite::ConnectionSettings>> ReadConnectionSettings();

 private:
  SqliteStore(std::unique_ptr<sqlite::Connection> writer,
              std::unique_ptr<sqlite::Connection> reader,
              std::unique_ptr<sqlite::Connection> loader, sqlite::SchemaVersions versions);

  absl::Mutex write_mutex_;
  const std::unique_ptr<sqlite::Connection> writer_ ABSL_PT_GUARDED_BY(write_mutex_);
  absl::Mutex read_mutex_;
  const std::unique_ptr<sqlite::Connection> reader_ ABSL_PT_GUARDED_BY(read_mutex_);
  // LoadCatalog's second reader.
  const std::unique_ptr<sqlite::Connection> loader_ ABSL_PT_GUARDED_BY(read_mutex_);
  const sqlite::SchemaVersions versions_;
};

// The factory the server uses.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                       const SqliteOptions& options = {});

}  // namespace credpath::storage
