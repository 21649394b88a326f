#include "core/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_split.h"

namespace credpath::core {

void FieldViolations::Add(std::string field, std::string description) {
  violations_.push_back({std::move(field), std::move(description)});
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message;
  std::string payload;
  for (const FieldViolation& v : violations_) {
    if (!message.empty()) message += "; ";
    message += v.field + ": " + v.description;
    // Tab and newline never occur in field paths; descriptions are sanitised below.
    std::string description = v.description;
    for (char& c : description) {
      if (c == '\n' || c == '\t') c = ' ';
    }
    payload += v.field + "\t" + description + "\n";
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(std::string(kFieldViolationsPayload), absl::Cord(payload));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  FieldViolations violations;
  violations.Add(std::move(field), std::move(description));
  return violations.ToStatus();
}

std::vector<FieldViolation> GetFieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  absl::optional<absl::Cord> payload = status.GetPayload(std::string(kFieldViolationsPayload));
  if (!payload) return out;
  std::string text(*payload);
  for (const std::string& line : std::vector<std::string>(absl::StrSplit(text, '\n', absl::SkipEmpty()))) {
    size_t tab = line.find('\t');
    out.push_back({line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1)});
  }
  return out;
}

std::string IndexPath(std::string_view base, size_t index) {
  return std::string(base) + "[" + std::to_string(index) + "]";
}

std::string FieldPath(std::string_view base, std::string_view field) {
  if (base.empty()) return std::string(field);
  return std::string(base) + "." + std::string(field);
}

}  // namespace credpath::core
