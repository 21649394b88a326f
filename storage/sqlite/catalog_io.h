// Reading and writing the catalogue tables of the SQLite schema (schema.cc).
//
// WriteCatalog applies one CatalogWrite in one BEGIN IMMEDIATE transaction, in this order:
// replace_all (delete every catalogue row), deletes, upserts (providers, credentials,
// qualifications, links), then the catalogue version in `meta` is incremented. Because
// references between records are deferred foreign keys, the order of records inside a
// batch does not matter; the batch is checked as a whole at COMMIT. Failures:
//   - deleting an id that does not exist: NOT_FOUND naming it;
//   - deleting (or replacing away) a credential that learners hold: FAILED_PRECONDITION
//     naming the credential and the learners;
//   - any constraint (a dangling reference, an id used by both a credential and a
//     qualification, a duplicate): FAILED_PRECONDITION naming the records involved.
// On any failure the transaction is rolled back: nothing of the batch is visible.
//
// ReadCatalog reads each table once, in primary-key order, and merges child rows into
// their owners by streaming (no query per record), so that a catalogue of a million
// credentials loads in seconds (docs/storage.md). With a `helper` connection it reads the
// credentials' lists on a second thread while the first reads the records and links;
// the helper's read transaction is used only if it sees the same catalogue version as
// the first connection's, else the first connection reads everything.
//
// REQUIRES: the connection is not inside a transaction. Not thread-safe (the caller
// serialises use of the connection).
#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace credpath::storage::sqlite {

// Returns the new catalogue version.
absl::StatusOr<int64_t> WriteCatalog(Connection* connection, const CatalogWrite& write);

// `helper` may be null; REQUIRES: no other thread uses either connection meanwhile.
absl::StatusOr<CatalogData> ReadCatalog(Connection* connection, Connection* helper);

}  // namespace credpath::storage::sqlite
