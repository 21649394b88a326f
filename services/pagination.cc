#include "services/pagination.h"

#include "absl/strings/escaping.h"
#include "core/field_violations.h"

namespace credpath::services {
namespace {
constexpr char kTokenPrefix[] = "p1\n";
}  // namespace

std::string EncodePageToken(const std::string& last_id, const std::string& filter_fingerprint) {
  // The fingerprint is escaped so that no filter text can contain the separator.
  return absl::WebSafeBase64Escape(std::string(kTokenPrefix) +
                                   absl::WebSafeBase64Escape(filter_fingerprint) + "\n" + last_id);
}

absl::StatusOr<PageStart> DecodePageRequest(const PageRequest& request) {
  PageStart start;
  if (request.page_size < 0) return core::InvalidField("page_size", "must be >= 0");
  if (request.page_size > 0) start.size = std::min(request.page_size, kMaxPageSize);
  if (request.page_token.empty()) return start;
  std::string decoded;
  const std::string prefix = kTokenPrefix;
  if (!absl::WebSafeBase64Unescape(request.page_token, &decoded) ||
      decoded.compare(0, prefix.size(), prefix) != 0) {
    return core::InvalidField("page_token", "is not a token this service issued");
  }
  decoded.erase(0, prefix.size());
  size_t newline = decoded.find('\n');
  if (newline == std::string::npos || decoded.substr(0, newline) != absl::WebSafeBase64Escape(request.filter_fingerprint)) {
    return core::InvalidField("page_token", "was issued for a request with other filters");
  }
  start.after_id = decoded.substr(newline + 1);
  if (start.after_id.empty()) return core::InvalidField("page_token", "is not a token this service issued");
  return start;
}

}  // namespace credpath::services
