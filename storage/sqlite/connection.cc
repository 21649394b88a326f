#include "storage/sqlite/connection.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"

namespace credpath::storage::sqlite {
namespace {

// The pragmas, all here. busy_timeout comes first so that the others wait for a lock
// another process holds instead of failing at once.
constexpr char kSetJournalModeWal[] = "PRAGMA journal_mode = WAL";
// FULL, not NORMAL: in WAL mode NORMAL may lose the last acknowledged transactions on power
// loss (docs/storage.md, "Durability").
constexpr char kSetSynchronousFull[] = "PRAGMA synchronous = FULL";
constexpr char kSetForeignKeysOn[] = "PRAGMA foreign_keys = ON";
constexpr char kSetQueryOnly[] = "PRAGMA query_only = ON";

constexpr char kGetJournalMode[] = "PRAGMA journal_mode";
constexpr char kGetSynchronous[] = "PRAGMA synchronous";
constexpr char kGetForeignKeys[] = "PRAGMA foreign_keys";
constexpr char kGetBusyTimeout[] = "PRAGMA busy_timeout";
constexpr char kGetQueryOnly[] = "PRAGMA query_only";

std::string ErrorText(sqlite3* db) { return db == nullptr ? "out of memory" : sqlite3_errmsg(db); }

}  // namespace

absl::Status SqliteStatus(int code, const std::string& context) {
  switch (code & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return absl::OkStatus();
    case SQLITE_CONSTRAINT:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_NOTADB:
      return absl::FailedPreconditionError(context);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(context);
    case SQLITE_CORRUPT:
      return absl::DataLossError(context);
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(context);
    default:
      return absl::InternalError(context);
  }
}

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_), in_use_(other.in_use_) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::BindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Statement::BindText(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

void Statement::BindBlob(int index, const std::string& value) {
  sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

void Statement::BindTextOrNull(int index, const std::string& value) {
  if (value.empty()) {
    sqlite3_bind_null(stmt_, index);
  } else {
    BindText(index, value);
  }
}

void Statement::BindDateOrNull(int index, const std::optional<core::Date>& date) {
  if (date.has_value()) {
    BindDate(index, *date);
  } else {
    sqlite3_bind_null(stmt_, index);
  }
}

absl::StatusOr<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(rc, ErrorText(sqlite3_db_handle(stmt_)));
}

absl::Status Statement::Run() {
  ASSIGN_OR_RETURN(bool row, Step());
  if (row) {
    return absl::InternalError(absl::StrCat("statement returned rows: ", sqlite3_sql(stmt_)));
  }
  return absl::OkStatus();
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string_view Statement::ColumnView(int column) const {
  // Text first, then bytes: sqlite3_column_bytes after sqlite3_column_text gives the
  // length of the text form.
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::ColumnBlob(int column) const {
  // Blob first, then bytes, as SQLite's documentation prescribes.
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return std::string(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

core::Date Statement::ColumnDate(int column) const {
  return core::Date{static_cast<int32_t>(ColumnInt(column))};
}

std::optional<core::Date> Statement::ColumnOptionalDate(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnDate(column);
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                             const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  // NOMUTEX: the owner serialises use of the connection, so SQLite's own mutex is waste.
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteStatus(rc, absl::StrCat("cannot open ", path, ": ", ErrorText(db)));
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);

  ASSIGN_OR_RETURN(std::string mode, connection->QueryText(kSetJournalModeWal));
  if (mode != "wal") {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": cannot use write-ahead logging (journal mode is ", mode, ")"));
  }
  RETURN_IF_ERROR(connection->Execute(kSetSynchronousFull));
  RETURN_IF_ERROR(connection->Execute(kSetForeignKeysOn));
  // Negative: a size in KiB rather than in pages.
  RETURN_IF_ERROR(
      connection->Execute(absl::StrCat("PRAGMA cache_size = -", options.cache_size_kib)));
  if (options.query_only) RETURN_IF_ERROR(connection->Execute(kSetQueryOnly));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close(db_);
}

absl::Status Connection::Execute(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return absl::OkStatus();
  std::string message = error != nullptr ? error : ErrorText(db_);
  sqlite3_free(error);
  return SqliteStatus(rc, message);
}

absl::StatusOr<Statement> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    CachedStatement cached;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &cached.stmt, &tail);
    if (rc != SQLITE_OK) {
      return SqliteStatus(rc, absl::StrCat("cannot prepare \"", sql, "\": ", ErrorText(db_)));
    }
    if (tail != nullptr && *tail != '\0') {
      sqlite3_finalize(cached.stmt);
      return absl::InternalError(absl::StrCat("more than one statement in \"", sql, "\""));
    }
    cached.in_use = std::make_unique<bool>(false);
    it = cache_.emplace(sql, std::move(cached)).first;
  }
  if (*it->second.in_use) {
    return absl::InternalError(absl::StrCat("statement already in use: \"", sql, "\""));
  }
  *it->second.in_use = true;
  return Statement(it->second.stmt, it->second.in_use.get());
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

absl::StatusOr<int64_t> Connection::QueryInt(const char* sql) {
  ASSIGN_OR_RETURN(Statement statement, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return absl::InternalError(absl::StrCat("no result from \"", sql, "\""));
  return statement.ColumnInt(0);
}

absl::StatusOr<std::string> Connection::QueryText(const char* sql) {
  ASSIGN_OR_RETURN(Statement statement, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return absl::InternalError(absl::StrCat("no result from \"", sql, "\""));
  return statement.ColumnText(0);
}

absl::StatusOr<ConnectionSettings> Connection::ReadSettings() {
  ConnectionSettings settings;
  ASSIGN_OR_RETURN(settings.journal_mode, QueryText(kGetJournalMode));
  ASSIGN_OR_RETURN(int64_t synchronous, QueryInt(kGetSynchronous));
  ASSIGN_OR_RETURN(int64_t foreign_keys, QueryInt(kGetForeignKeys));
  ASSIGN_OR_RETURN(int64_t busy_timeout, QueryInt(kGetBusyTimeout));
  ASSIGN_OR_RETURN(int64_t query_only, QueryInt(kGetQueryOnly));
  settings.synchronous = static_cast<int32_t>(synchronous);
  settings.foreign_keys = foreign_keys != 0;
  settings.busy_timeout_ms = static_cast<int32_t>(busy_timeout);
  settings.query_only = query_only != 0;
  return settings;
}

Transaction::~Transaction() {
  // A failed COMMIT may already have ended the transaction (an I/O error); only roll back
  // what is still open.
  if (open_ && connection_->InTransaction()) connection_->Execute("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Begin(Mode mode) {
  RETURN_IF_ERROR(
      connection_->Execute(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
  open_ = true;
  return absl::OkStatus();
}

absl::Status Transaction::Commit() {
  absl::Status status = connection_->Execute("COMMIT");
  if (status.ok()) open_ = false;
  return status;
}

}  // namespace credpath::storage::sqlite
