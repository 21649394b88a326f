// Field-level validation errors as values.
//
// A rejected request yields one INVALID_ARGUMENT status whose message lists every
// violation as "path: reason" and whose payload carries them structured, so that the
// gRPC layer can turn them into google.rpc.BadRequest field violations without parsing
// the message. Paths are dotted request paths: "credentials[3].fee".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace credpath::core {

struct FieldViolation {
  std::string field;        // dotted path, e.g. "credentials[3].fee"
  std::string description;  // the reason, e.g. "must be >= 0"
  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

// The payload type URL under which violations travel inside an absl::Status.
inline constexpr std::string_view kFieldViolationsPayload =
    "type.googleapis.com/credpath.FieldViolations";

// Collects violations while a request is validated. Not thread-safe.
class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // OK when empty, else INVALID_ARGUMENT carrying every violation.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

// INVALID_ARGUMENT for a single field.
absl::Status InvalidField(std::string field, std::string description);

// The violations a status carries (empty when it carries none).
std::vector<FieldViolation> GetFieldViolations(const absl::Status& status);

// "credentials" + 3 + "fee" -> "credentials[3].fee"; helpers to build paths.
std::string IndexPath(std::string_view base, size_t index);
std::string FieldPath(std::string_view base, std::string_view field);

}  // namespace credpath::core
