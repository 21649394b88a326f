// Validation of catalogue batches and learners against the current snapshot.
//
// A write is checked in three stages, and the first stage that finds a problem decides
// the status, which then lists every problem of that stage:
//   1. INVALID_ARGUMENT: field rules (catalog/field_rules.h), duplicates within the
//      request, a delete of an id the same request upserts, an id given as both a
//      credential and a qualification, a link whose endpoint is of the wrong kind. The
//      status carries core::FieldViolations with request paths ("credentials[3].fee.currency").
//   2. NOT_FOUND: a reference (provider_id, partner_provider_id, link endpoints, core_ids,
//      rule items) to an id that is neither in the snapshot nor upserted by the batch, and
//      a delete of an id (or link) that does not exist. The message names the path and id.
//   3. FAILED_PRECONDITION: a delete of a record that something would still reference
//      after the batch (records deleted or re-pointed by the same batch do not count),
//      naming the referrers; an upsert whose id belongs to a record of the other kind
//      that the batch keeps; qualifications that would contain each other.
// With replace_all the snapshot is ignored: the batch alone must be a whole catalogue.
// Prerequisite cycles are not checked here: building the next snapshot reports them.
// docs/validation.md lists every rule and its message.
//
// Cost: O(B) hash lookups for a batch of B records, plus one pass over the snapshot's
// records and links when the batch deletes anything (to find the referrers).
// Thread safety: pure functions; the snapshot is only read.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/catalog.h"
#include "graph/snapshot.h"
#include "storage/store.h"

namespace credpath::catalog {

absl::Status ValidateCatalogWrite(const storage::CatalogWrite& write,
                                  const graph::CatalogSnapshot& current);

// A learner to be stored, `path` naming it in the request ("learner"): INVALID_ARGUMENT for
// field rules; else NOT_FOUND for held credentials, the target qualification or override
// credentials that the catalogue does not have. Held ids may name credentials or
// qualifications.
absl::Status ValidateLearner(const core::Learner& learner, const graph::CatalogSnapshot& current,
                             const std::string& path);

// Held credentials to record, `path` naming the list ("held"); codes as ValidateLearner.
absl::Status ValidateHeldCredentials(const std::vector<core::HeldCredential>& held,
                                     const graph::CatalogSnapshot& current,
                                     const std::string& path);

}  // namespace credpath::catalog
