// Reading and writing learners and saved plans in the SQLite schema (schema.cc).
//
// Each function is one transaction (BEGIN IMMEDIATE for writes, a read transaction for
// reads). A learner's row is updated in place and its lists are rewritten, so that
// replacing a learner keeps their saved plans; deleting a learner deletes their plans.
// Held credentials must name existing credentials (NOT_FOUND naming the id otherwise);
// overrides name credentials without a foreign key (docs/storage.md).
//
// REQUIRES: the connection is not inside a transaction. Not thread-safe (the caller
// serialises use of the connection).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace credpath::storage::sqlite {

absl::StatusOr<core::Learner> ReadLearner(Connection* connection, const std::string& id);
absl::Status WriteLearner(Connection* connection, const core::Learner& learner);
absl::Status RemoveLearner(Connection* connection, const std::string& id);
absl::Status AddHeldCredentials(Connection* connection, const std::string& learner_id,
                                const std::vector<core::HeldCredential>& held);

// ALREADY_EXISTS for a plan id in use; NOT_FOUND for a learner that does not exist (an
// empty learner_id is a plan made from an inline profile).
absl::Status InsertPlan(Connection* connection, const SavedPlan& plan);
absl::StatusOr<SavedPlan> ReadPlan(Connection* connection, const std::string& id);
// Newest first (created_unix_ms, then id, descending); after `after_id` when not empty.
absl::StatusOr<std::vector<SavedPlan>> ReadPlans(Connection* connection,
                                                 const std::string& learner_id, int32_t limit,
                                                 const std::string& after_id);

}  // namespace credpath::storage::sqlite
