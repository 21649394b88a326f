#include "catalog/apply.h"

#include <algorithm>
#include <string_view>

namespace credpath::catalog {
namespace {

std::string_view IdOf(const core::Provider& p) { return p.id; }
std::string_view IdOf(const core::Credential& c) { return c.id; }
std::string_view IdOf(const core::Qualification& q) { return q.id; }
LinkKeyRef IdOf(const core::Link& l) { return KeyOf(l); }

// The upserts in key order, each key once: the last upsert of a key wins, as it would if
// the upserts were applied one after another.
template <typename Record>
std::vector<const Record*> SortedUpserts(const std::vector<Record>& upserts) {
  std::vector<const Record*> sorted;
  sorted.reserve(upserts.size());
  for (const Record& r : upserts) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Record* a, const Record* b) { return IdOf(*a) < IdOf(*b); });
  std::vector<const Record*> unique;
  unique.reserve(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i + 1 < sorted.size() && IdOf(*sorted[i]) == IdOf(*sorted[i + 1])) continue;
    unique.push_back(sorted[i]);
  }
  return unique;
}

// One sorted vector of the result: `base` (sorted, unless `start_empty`) minus `deleted`,
// with `upserts` replacing or adding records. One pass over base after sorting the batch.
template <typename Record, typename Key>
std::vector<Record> Merge(const std::vector<Record>& base, bool start_empty,
                          const std::vector<Record>& upserts, std::vector<Key> deleted) {
  std::sort(deleted.begin(), deleted.end());
  std::vector<const Record*> sorted = SortedUpserts(upserts);
  std::vector<Record> out;
  out.reserve((start_empty ? 0 : base.size()) + sorted.size());
  size_t u = 0;
  size_t d = 0;
  if (!start_empty) {
    for (const Record& record : base) {
      const auto key = IdOf(record);
      while (u < sorted.size() && IdOf(*sorted[u]) < key) out.push_back(*sorted[u++]);
      if (u < sorted.size() && IdOf(*sorted[u]) == key) {
        out.push_back(*sorted[u++]);
        continue;
      }
      while (d < deleted.size() && deleted[d] < key) ++d;
      if (d < deleted.size() && deleted[d] == key) continue;
      out.push_back(record);
    }
  }
  while (u < sorted.size()) out.push_back(*sorted[u++]);
  return out;
}

std::vector<std::string_view> Views(const std::vector<std::string>& ids) {
  return std::vector<std::string_view>(ids.begin(), ids.end());
}

}  // namespace

const core::Link* FindLink(const std::vector<core::Link>& links, LinkKeyRef key) {
  auto it = std::lower_bound(links.begin(), links.end(), key,
                             [](const core::Link& l, const LinkKeyRef& k) { return KeyOf(l) < k; });
  if (it == links.end() || KeyOf(*it) != key) return nullptr;
  return &*it;
}

storage::CatalogData ApplyCatalogWrite(const storage::CatalogData& current,
                                       const storage::CatalogWrite& write) {
  const bool empty = write.replace_all;
  std::vector<LinkKeyRef> deleted_links;
  deleted_links.reserve(write.delete_links.size());
  for (const storage::LinkKey& key : write.delete_links) deleted_links.push_back(KeyOf(key));

  storage::CatalogData next;
  next.version = current.version + 1;
  next.providers = Merge(current.providers, empty, write.upsert_providers,
                         Views(write.delete_providers));
  next.credentials = Merge(current.credentials, empty, write.upsert_credentials,
                           Views(write.delete_credentials));
  next.qualifications = Merge(current.qualifications, empty, write.upsert_qualifications,
                              Views(write.delete_qualifications));
  next.links = Merge(current.links, empty, write.upsert_links, std::move(deleted_links));
  return next;
}

}  // namespace credpath::catalog
