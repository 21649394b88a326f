// A thin RAII layer over one SQLite connection: open with every pragma set in one place,
// prepared statements cached per connection, typed binding and reading, and a transaction
// that rolls back unless committed.
//
// Internal to storage/sqlite/ (the only code that includes sqlite3.h).
// Contracts:
//   - Connection::Open sets busy_timeout, journal_mode=WAL, synchronous=FULL,
//     foreign_keys=ON and cache_size; it fails rather than run with a weaker setting.
//   - Prepare() returns a handle to the connection's cached statement for that SQL
//     constant (keyed by the constant's address); the handle resets the statement and
//     clears its bindings when it goes away. One handle per statement at a time.
//   - SQLite errors become absl::Status: constraint failures FAILED_PRECONDITION, a busy
//     database UNAVAILABLE, a corrupt file DATA_LOSS, anything else INTERNAL; the message
//     carries SQLite's own text.
// Thread safety: none. The owner serialises all use of a Connection (SqliteStore holds a
// mutex per connection).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/date.h"
#include "storage/sqlite/connection_settings.h"

namespace credpath::storage::sqlite {

// Maps an SQLite result code (extended codes included) to a status with `context` first.
absl::Status SqliteStatus(int code, const std::string& context);

struct ConnectionOptions {
  int32_t busy_timeout_ms = 5000;
  int32_t cache_size_kib = 64 * 1024;
  bool query_only = false;  // a reader connection refuses writes
};

class Connection;

// A cached prepared statement in use. Columns and parameters are 0-based and 1-based as
// in SQLite. Text binding copies the bytes (SQLITE_TRANSIENT), so temporaries are safe.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  void BindInt(int index, int64_t value);
  void BindBool(int index, bool value) { BindInt(index, value ? 1 : 0); }
  void BindDouble(int index, double value);
  void BindText(int index, const std::string& value);
  void BindBlob(int index, const std::string& value);
  // NULL when empty: optional references (a partner provider) are NULL, not "".
  void BindTextOrNull(int index, const std::string& value);
  void BindDate(int index, core::Date date) { BindInt(index, date.days_since_epoch); }
  void BindDateOrNull(int index, const std::optional<core::Date>& date);

  // Advances: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps a statement that returns no rows (an INSERT, UPDATE or DELETE).
  absl::Status Run();

  int64_t ColumnInt(int column) const;
  bool ColumnBool(int column) const { return ColumnInt(column) != 0; }
  double ColumnDouble(int column) const;
  bool ColumnIsNull(int column) const;
  // Valid until the next Step: no copy, for comparisons while merging.
  std::string_view ColumnView(int column) const;
  std::string ColumnText(int column) const { return std::string(ColumnView(column)); }
  std::string ColumnBlob(int column) const;
  core::Date ColumnDate(int column) const;
  std::optional<core::Date> ColumnOptionalDate(int column) const;

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, bool* in_use) : stmt_(stmt), in_use_(in_use) {}
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache entry's flag, cleared on destruction
};

class Connection {
 public:
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path,
                                                          const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results (schema scripts, BEGIN, COMMIT).
  absl::Status Execute(const char* sql);
  absl::Status Execute(const std::string& sql) { return Execute(sql.c_str()); }

  // The cached statement for `sql`, which must be a constant with static storage: the
  // cache is keyed by its address. INTERNAL if the statement is already in use.
  absl::StatusOr<Statement> Prepare(const char* sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  bool InTransaction() const;
  absl::StatusOr<ConnectionSettings> ReadSettings();

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  absl::StatusOr<int64_t> QueryInt(const char* sql);
  absl::StatusOr<std::string> QueryText(const char* sql);

  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    std::unique_ptr<bool> in_use;  // stable address for Statement handles
  };
  sqlite3* db_;
  absl::flat_hash_map<const char*, CachedStatement> cache_;
};

// BEGIN IMMEDIATE (write) or BEGIN DEFERRED (read) on construction via Begin(); rolls back
// on destruction unless Commit() succeeded. After a failed COMMIT (a deferred foreign key)
// the transaction is still open, so the caller can inspect the state before it is rolled
// back.
class Transaction {
 public:
  enum class Mode { kRead, kWrite };
  explicit Transaction(Connection* connection) : connection_(connection) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  absl::Status Begin(Mode mode);
  absl::Status Commit();

 private:
  Connection* connection_;
  bool open_ = false;
};

}  // namespace credpath::storage::sqlite
