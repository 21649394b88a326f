// List pagination over the snapshot's id-sorted arrays (AIP-158).
//
// A page token is opaque to clients: it encodes the last id returned and a fingerprint of
// the request's filters, so that a token is only accepted with the filters it was issued
// for. Because it names an id rather than an offset, paging stays correct when records
// are added or removed between pages.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace credpath::services {

inline constexpr int32_t kDefaultPageSize = 50;
inline constexpr int32_t kMaxPageSize = 1000;

struct PageRequest {
  int32_t page_size = 0;        // 0: default; > kMaxPageSize: clamped
  std::string page_token;       // empty: first page
  std::string filter_fingerprint;  // any stable text describing the filters
};

struct PageStart {
  std::string after_id;  // empty: from the first record
  int32_t size = kDefaultPageSize;
};

// INVALID_ARGUMENT naming page_size or page_token when they are bad.
absl::StatusOr<PageStart> DecodePageRequest(const PageRequest& request);
std::string EncodePageToken(const std::string& last_id, const std::string& filter_fingerprint);

// Collects up to `start.size` records of `sorted` (ordered by IdOf) after `start.after_id`
// that satisfy `keep`; sets *next_token when more may follow.
template <typename Record, typename IdOf, typename Keep>
std::vector<const Record*> Paginate(const std::vector<Record>& sorted, const PageStart& start,
                                    const std::string& filter_fingerprint, IdOf id_of, Keep keep,
                                    std::string* next_token) {
  auto it = sorted.begin();
  if (!start.after_id.empty()) {
    it = std::upper_bound(sorted.begin(), sorted.end(), start.after_id,
                          [&](const std::string& id, const Record& r) { return id < id_of(r); });
  }
  std::vector<const Record*> page;
  next_token->clear();
  for (; it != sorted.end(); ++it) {
    if (!keep(*it)) continue;
    if (static_cast<int32_t>(page.size()) == start.size) {
      *next_token = EncodePageToken(id_of(*page.back()), filter_fingerprint);
      break;
    }
    page.push_back(&*it);
  }
  return page;
}

}  // namespace credpath::services
