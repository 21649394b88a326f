// The SQLite schema as an ordered list of migrations, and the code that brings a database
// file up to date when it is opened.
//
// Versioning (after chromium's sql::MetaTable): the `meta` table holds schema_version (the
// last migration applied) and compatible_version (the oldest code version that can still
// read and write the file). Code whose own version (the last step it knows) is below a
// file's compatible_version refuses the file with FAILED_PRECONDITION and leaves it as it
// is; code that is older than the file but still compatible opens it unchanged. A database
// is never razed.
// Contracts: steps are strictly increasing in version, each step's compatible_version is
// at most its version, and all pending steps run in one IMMEDIATE transaction, so a crash
// or a failing step leaves the file at its previous version.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace credpath::storage::sqlite {

class Connection;

struct Migration {
  int32_t version = 0;             // schema_version once this step has run
  int32_t compatible_version = 0;  // compatible_version once this step has run
  std::string sql;                 // one or more statements
};

// The steps this code knows, oldest first. Its schema version is the last step's.
const std::vector<Migration>& DefaultMigrations();

// The meta values of an open database.
struct SchemaVersions {
  int32_t schema_version = 0;
  int32_t compatible_version = 0;
};

// Applies the steps of `migrations` newer than the file's schema_version, in one
// transaction. FAILED_PRECONDITION when the file's compatible_version is newer than the
// last step, or when the file holds tables but no `meta` (not a credpath database).
absl::StatusOr<SchemaVersions> Migrate(Connection* connection,
                                       const std::vector<Migration>& migrations);

}  // namespace credpath::storage::sqlite
