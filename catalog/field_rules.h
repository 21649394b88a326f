// The field rules of catalogue records and learners: checks that need nothing but the
// record itself (references to other records are checked in catalog/validate.cc).
//
// Every rule adds a violation "path.field: reason" with the request path of the field;
// docs/validation.md lists the rules and their exact reasons. Paths are built only when a
// rule fails, since a whole-catalogue import checks a million records.
// Thread safety: the functions are pure; a FieldErrors is not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "core/catalog.h"
#include "core/field_violations.h"

namespace credpath::catalog {

// Kept violations; one bad field in each of a million imported records would otherwise
// make a status message of tens of megabytes.
inline constexpr size_t kMaxFieldViolations = 100;
// Names, titles and other short texts, in bytes.
inline constexpr size_t kMaxTextBytes = 1024;
// Money per record, in minor units: a million records' sum stays exact in int64.
inline constexpr int64_t kMaxMinorUnits = 1'000'000'000'000;
// Effort per credential and any time budget, in hours.
inline constexpr int64_t kMaxHours = 1'000'000;
// Credit points of a link and credit required by a qualification.
inline constexpr int64_t kMaxCredit = 1'000'000;
// Rule trees are walked recursively by every consumer; bound their depth.
inline constexpr int kMaxRuleDepth = 16;

// Violations of one request, keeping the first kMaxFieldViolations and counting the rest.
class FieldErrors {
 public:
  void Add(std::string field, std::string reason);
  bool empty() const { return count_ == 0; }
  size_t count() const { return count_; }
  // OK when empty; else INVALID_ARGUMENT with the kept violations and, when some were
  // dropped, a last one on "request" saying how many.
  absl::Status ToStatus() const;

 private:
  core::FieldViolations kept_;
  size_t count_ = 0;
};

// [A-Za-z0-9._:-]{1,128}: safe in paths, URLs, CSV and log lines.
bool IsValidId(std::string_view id);
// Three upper-case ASCII letters.
bool IsCurrencyCode(std::string_view code);
// A date the catalogue can hold: 1900-01-01 to 9999-12-31.
bool IsDateInRange(core::Date date);

std::string LinkTypeName(core::LinkType type);
std::string RuleKindName(core::RuleKind kind);

// Field rules of one record; `path` is the record's request path ("credentials[3]").
void CheckProvider(const core::Provider& provider, const std::string& path, FieldErrors* errors);
void CheckCredential(const core::Credential& credential, const std::string& path,
                     FieldErrors* errors);
void CheckQualification(const core::Qualification& qualification, const std::string& path,
                        FieldErrors* errors);
void CheckLink(const core::Link& link, const std::string& path, FieldErrors* errors);
// The learner's own fields, held credentials and overrides included.
void CheckLearner(const core::Learner& learner, const std::string& path, FieldErrors* errors);
// `path` names the list ("held", "learner.held").
void CheckHeldCredentials(const std::vector<core::HeldCredential>& held, const std::string& path,
                          FieldErrors* errors);

}  // namespace credpath::catalog
