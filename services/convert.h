// Conversion between the credpath.v1 API messages and the domain model of core/catalog.h.
//
// ToProto is total: every domain value has a message. It writes every field of the
// message it is given (messages are reused by callers, so nothing stale survives), and
// sets sub-messages even when they hold only defaults.
//
// FromProto reports only what the domain model cannot represent, each as a violation
// at "<path>.<field>" (paths use the proto field names, which equal the core member
// names, so that domain validation and conversion name a field the same way):
//   - a date that is not "YYYY-MM-DD" (or is empty where a date is required);
//   - an enum number the API does not define (proto3 enums are open on the wire):
//     "must be a known value", the reason domain validation gives for the same field;
//   - X_UNSPECIFIED in a list that becomes a bit set (attestation, payment_options,
//     funding_sources), which has no bit for it: "must not be unspecified".
// Everything representable converts as sent, however wrong: ranges, required ids,
// currencies and references are the catalog module's validation. On a violation the
// field gets its default and conversion goes on, so that one call reports every problem.
// `path` is the message's own path ("credentials[3]", "learner"); empty for the root.
//
// Conventions of the mapping: bit sets (core::AttestationBits, core::PaymentBits) are
// repeated enums, value n standing for bit 1 << (n - 1), listed in increasing order by
// ToProto (a value listed twice counts once); optional dates are "" when absent;
// LearnerProfile.can_attend_onsite unset means true, the domain default.
// Thread safety: free functions without shared state.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/field_violations.h"
#include "credpath/v1/resources.pb.h"
#include "storage/store.h"

namespace credpath::services {

void ToProto(const core::Money& in, v1::Money* out);
core::Money FromProto(const v1::Money& in, const std::string& path,
                      core::FieldViolations* violations);

void ToProto(const core::Level& in, v1::Level* out);
core::Level FromProto(const v1::Level& in, const std::string& path,
                      core::FieldViolations* violations);

void ToProto(const core::BenefitFacts& in, v1::BenefitFacts* out);
core::BenefitFacts FromProto(const v1::BenefitFacts& in, const std::string& path,
                             core::FieldViolations* violations);

void ToProto(const core::Offering& in, v1::Offering* out);
core::Offering FromProto(const v1::Offering& in, const std::string& path,
                         core::FieldViolations* violations);

void ToProto(const core::Provider& in, v1::Provider* out);
core::Provider FromProto(const v1::Provider& in, const std::string& path,
                         core::FieldViolations* violations);

void ToProto(const core::Credential& in, v1::Credential* out);
core::Credential FromProto(const v1::Credential& in, const std::string& path,
                           core::FieldViolations* violations);

void ToProto(const core::RuleNode& in, v1::RuleNode* out);
core::RuleNode FromProto(const v1::RuleNode& in, const std::string& path,
                         core::FieldViolations* violations);

void ToProto(const core::Qualification& in, v1::Qualification* out);
core::Qualification FromProto(const v1::Qualification& in, const std::string& path,
                              core::FieldViolations* violations);

void ToProto(const core::Link& in, v1::Link* out);
core::Link FromProto(const v1::Link& in, const std::string& path,
                     core::FieldViolations* violations);

void ToProto(const storage::LinkKey& in, v1::LinkKey* out);
storage::LinkKey FromProto(const v1::LinkKey& in, const std::string& path,
                           core::FieldViolations* violations);

void ToProto(const core::HeldCredential& in, v1::HeldCredential* out);
core::HeldCredential FromProto(const v1::HeldCredential& in, const std::string& path,
                               core::FieldViolations* violations);

void ToProto(const core::Override& in, v1::Override* out);
core::Override FromProto(const v1::Override& in, const std::string& path,
                         core::FieldViolations* violations);

void ToProto(const core::LearnerProfile& in, v1::LearnerProfile* out);
core::LearnerProfile FromProto(const v1::LearnerProfile& in, const std::string& path,
                               core::FieldViolations* violations);

void ToProto(const core::Learner& in, v1::Learner* out);
core::Learner FromProto(const v1::Learner& in, const std::string& path,
                        core::FieldViolations* violations);

// A request's start date: `text` parsed, or `today` when it is empty; a violation at
// `path` when it is not "YYYY-MM-DD".
core::Date StartDate(const std::string& text, core::Date today, const std::string& path,
                     core::FieldViolations* violations);

// A native catalogue document in domain form. The vectors keep the document's order
// (the store orders by id); `catalog.version` is 0, since a document carries none.
struct CatalogDocumentData {
  storage::CatalogData catalog;
  std::vector<core::Learner> learners;
};

// Writes the catalogue and the learners (which may be empty) as one document.
void ToProto(const storage::CatalogData& catalog, const std::vector<core::Learner>& learners,
             v1::CatalogDocument* out);
// Element paths are "providers[0]", ..., "learners[2]" under `path`.
CatalogDocumentData FromProto(const v1::CatalogDocument& in, const std::string& path,
                              core::FieldViolations* violations);

}  // namespace credpath::services
