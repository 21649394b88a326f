// Checks of a catalogue batch inside its transaction, before and after COMMIT (used by
// catalog_write.cc).
//
// Learners are invisible to the catalog module, so only the store can refuse to delete a
// credential that someone holds; and a deferred foreign key reports only that some
// reference dangles, so these checks find and name the records involved.
// REQUIRES: a write transaction is open on the connection. Not thread-safe.
#pragma once

#include "absl/status/status.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace credpath::storage::sqlite {

// FAILED_PRECONDITION naming the credential and (up to ten of) its learners when the batch
// removed a credential that learners hold: one of `write.delete_credentials` that it did
// not re-create, or, after replace_all, any held credential the new catalogue lacks. Run
// after the batch's upserts, so that deleting and re-creating a credential is allowed.
absl::Status CheckHeldCredentialsRemain(Connection* db, const CatalogWrite& write);

// Called after COMMIT failed on a deferred foreign key, inside the still-open transaction:
// FAILED_PRECONDITION naming (up to ten) records and the references they lack, or
// `commit_status` when no dangling reference is found. Scans whole tables, which is fine
// on a failure path that the catalog module's validation already makes rare.
absl::Status ExplainDanglingReferences(Connection* db, const absl::Status& commit_status);

}  // namespace credpath::storage::sqlite
