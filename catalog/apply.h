// Applying a catalogue batch to the catalogue data, in memory and without validation.
//
// ApplyCatalogWrite is the pure function the catalogue manager uses to build the next
// snapshot's data, and the reference the stores' own application must agree with:
//   - every vector of the result is sorted by id, links by (from_id, to_id, type, group),
//     which is also the identity of a link; the input must be sorted the same way;
//   - an upsert replaces the whole record with the same id (link: the same key);
//   - a delete removes the record; replace_all starts from an empty catalogue;
//   - version = current.version + 1.
// A batch that passed ValidateCatalogWrite has no duplicate ids and never deletes and
// upserts the same id. For any other batch the result is still defined: deletes are
// applied before upserts, the last of several upserts of one id wins, and deletes of
// absent ids are ignored.
// Cost: O(N + B log B) for N records and a batch of B, by sorting the batch and merging;
// nothing is searched per record, since catalogues reach 1,000,000 credentials.
// Thread safety: pure functions of their arguments.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "storage/store.h"

namespace credpath::catalog {

// A link's identity as views into a Link or LinkKey, which must outlive it. Ordered the
// way CatalogData::links is sorted; hashable with absl::Hash.
struct LinkKeyRef {
  std::string_view from_id;
  std::string_view to_id;
  core::LinkType type = core::LinkType::kUnspecified;
  int32_t group = 0;

  friend auto operator<=>(const LinkKeyRef&, const LinkKeyRef&) = default;
  friend bool operator==(const LinkKeyRef&, const LinkKeyRef&) = default;
  template <typename H>
  friend H AbslHashValue(H hash, const LinkKeyRef& key) {
    return H::combine(std::move(hash), key.from_id, key.to_id, key.type, key.group);
  }
};

inline LinkKeyRef KeyOf(const core::Link& link) {
  return {link.from_id, link.to_id, link.type, link.group};
}
inline LinkKeyRef KeyOf(const storage::LinkKey& key) {
  return {key.from_id, key.to_id, key.type, key.group};
}

// The link with `key` in `links` (sorted as CatalogData::links), or nullptr. O(log n).
const core::Link* FindLink(const std::vector<core::Link>& links, LinkKeyRef key);

// The catalogue after `write`; see the file comment for the rules.
storage::CatalogData ApplyCatalogWrite(const storage::CatalogData& current,
                                       const storage::CatalogWrite& write);

}  // namespace credpath::catalog
