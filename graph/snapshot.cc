#include "graph/snapshot.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/group_by_key.h"
#include "core/status_macros.h"

namespace credpath::graph {
namespace {

const char* LinkTypeName(core::LinkType type) {
  switch (type) {
    case core::LinkType::kLeadsTo:
      return "LEADS_TO";
    case core::LinkType::kCorequisite:
      return "COREQUISITE";
    case core::LinkType::kRecommendedBefore:
      return "RECOMMENDED_BEFORE";
    case core::LinkType::kCreditToward:
      return "CREDIT_TOWARD";
    case core::LinkType::kOverlaps:
      return "OVERLAPS";
    case core::LinkType::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

// "link A -> B (LEADS_TO, group 2)": how errors name a link.
std::string DescribeLink(const core::Link& link) {
  std::string text =
      absl::StrCat("link ", link.from_id, " -> ", link.to_id, " (", LinkTypeName(link.type));
  if (link.type == core::LinkType::kLeadsTo) absl::StrAppend(&text, ", group ", link.group);
  text += ")";
  return text;
}

bool LinkLess(const core::Link& a, const core::Link& b) {
  return std::tie(a.from_id, a.to_id, a.type, a.group) <
         std::tie(b.from_id, b.to_id, b.type, b.group);
}

bool SameLinkKey(const core::Link& a, const core::Link& b) {
  return a.from_id == b.from_id && a.to_id == b.to_id && a.type == b.type && a.group == b.group;
}

// An id's first 16 bytes, packed big-endian so that integer order is byte order, plus
// its length capped at 17. Most comparisons then touch only the sort entries, not the
// records scattered across the heap; only ids longer than 16 bytes that tie on their
// first 16 are compared in full.
struct IdKey {
  uint64_t high = 0;
  uint64_t low = 0;
  uint32_t length = 0;

  static constexpr uint32_t kLong = 17;

  explicit IdKey(const std::string& id)
      : length(static_cast<uint32_t>(std::min<size_t>(id.size(), kLong))) {
    for (size_t i = 0; i < 16; ++i) {
      const uint64_t byte = i < id.size() ? static_cast<unsigned char>(id[i]) : 0;
      (i < 8 ? high : low) |= byte << (8 * (7 - i % 8));
    }
  }
};

// Three-way comparison of two ids with their keys, in std::string order.
int CompareIds(const IdKey& a, const std::string& a_id, const IdKey& b, const std::string& b_id) {
  if (a.high != b.high) return a.high < b.high ? -1 : 1;
  if (a.low != b.low) return a.low < b.low ? -1 : 1;
  if (a.length != b.length) return a.length < b.length ? -1 : 1;
  return a.length == IdKey::kLong ? a_id.compare(b_id) : 0;
}

// Sorts small keyed entries, then moves every record straight to its place by following
// the permutation's cycles: records are large (a credential carries dozens of strings),
// and neither swapping them during the sort nor gathering them into a second vector (a
// gigabyte for a million credentials) pays. Storage hands records over sorted already,
// which costs one linear check before any of this.
template <typename T, typename Entry, typename EntryLess>
void PermuteSorted(std::vector<T>& records, std::vector<Entry>& entries, EntryLess less) {
  std::stable_sort(entries.begin(), entries.end(), less);
  // Position k must receive the record now at entries[k].index.
  std::vector<int32_t> source(entries.size());
  for (size_t k = 0; k < entries.size(); ++k) source[k] = entries[k].index;
  entries = {};
  for (size_t start = 0; start < source.size(); ++start) {
    if (source[start] < 0 || static_cast<size_t>(source[start]) == start) continue;
    T held = std::move(records[start]);
    size_t k = start;
    while (static_cast<size_t>(source[k]) != start) {
      const size_t from = static_cast<size_t>(source[k]);
      records[k] = std::move(records[from]);
      source[k] = -1;
      k = from;
    }
    records[k] = std::move(held);
    source[k] = -1;
  }
}

template <typename T>
void SortById(std::vector<T>& records) {
  if (std::is_sorted(records.begin(), records.end(),
                     [](const T& a, const T& b) { return a.id < b.id; })) {
    return;
  }
  struct Entry {
    IdKey key;
    int32_t index;
  };
  std::vector<Entry> entries;
  entries.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    entries.push_back({IdKey(records[i].id), static_cast<int32_t>(i)});
  }
  PermuteSorted(records, entries, [&records](const Entry& a, const Entry& b) {
    return CompareIds(a.key, records[a.index].id, b.key, records[b.index].id) < 0;
  });
}

void SortLinks(std::vector<core::Link>& links) {
  if (std::is_sorted(links.begin(), links.end(), LinkLess)) return;
  struct Entry {
    IdKey from;
    IdKey to;
    core::LinkType type;
    int32_t group;
    int32_t index;
  };
  std::vector<Entry> entries;
  entries.reserve(links.size());
  for (size_t i = 0; i < links.size(); ++i) {
    const core::Link& l = links[i];
    entries.push_back({IdKey(l.from_id), IdKey(l.to_id), l.type, l.group, static_cast<int32_t>(i)});
  }
  PermuteSorted(links, entries, [&links](const Entry& a, const Entry& b) {
    const core::Link& la = links[a.index];
    const core::Link& lb = links[b.index];
    if (int c = CompareIds(a.from, la.from_id, b.from, lb.from_id); c != 0) return c < 0;
    if (int c = CompareIds(a.to, la.to_id, b.to, lb.to_id); c != 0) return c < 0;
    return std::tie(a.type, a.group) < std::tie(b.type, b.group);
  });
}

template <typename T>
absl::Status SortByIdAndCheckUnique(std::vector<T>& records, const char* kind) {
  SortById(records);
  for (size_t i = 1; i < records.size(); ++i) {
    if (records[i].id == records[i - 1].id) {
      return absl::FailedPreconditionError(
          absl::StrCat("duplicate ", kind, " id '", records[i].id, "'"));
    }
  }
  return absl::OkStatus();
}

template <typename T>
absl::flat_hash_map<std::string_view, int32_t> IndexById(const std::vector<T>& records) {
  absl::flat_hash_map<std::string_view, int32_t> index;
  index.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    index.emplace(std::string_view(records[i].id), static_cast<int32_t>(i));
  }
  return index;
}

template <typename T>
const T* Lookup(const absl::flat_hash_map<std::string_view, int32_t>& index,
                const std::vector<T>& records, std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &records[it->second];
}

// A prerequisite link resolved to indexes, sortable into groups.
struct Prerequisite {
  int32_t target;
  int32_t group;
  int32_t member;
};

}  // namespace

std::string CatalogSnapshot::CycleMessage(const std::vector<int32_t>& cycle) const {
  // A cycle through thousands of credentials would make an unreadable error, so a long
  // one is named by its two ends.
  constexpr size_t kNamedInFull = 20;
  constexpr size_t kHead = 10;
  constexpr size_t kTail = 5;
  auto id = [this](int32_t c) { return data_.credentials[c].id; };
  std::vector<std::string> ids;
  if (cycle.size() <= kNamedInFull) {
    for (int32_t c : cycle) ids.push_back(id(c));
    ids.push_back(id(cycle.front()));
    return absl::StrCat("prerequisite cycle: ", absl::StrJoin(ids, " -> "));
  }
  for (size_t i = 0; i < kHead; ++i) ids.push_back(id(cycle[i]));
  ids.push_back("...");
  for (size_t i = cycle.size() - kTail; i < cycle.size(); ++i) ids.push_back(id(cycle[i]));
  ids.push_back(id(cycle.front()));
  return absl::StrCat("prerequisite cycle of ", cycle.size(),
                      " credentials: ", absl::StrJoin(ids, " -> "));
}

absl::StatusOr<std::shared_ptr<const CatalogSnapshot>> CatalogSnapshot::Build(
    storage::CatalogData data) {
  RETURN_IF_ERROR(SortByIdAndCheckUnique(data.providers, "provider"));
  RETURN_IF_ERROR(SortByIdAndCheckUnique(data.credentials, "credential"));
  RETURN_IF_ERROR(SortByIdAndCheckUnique(data.qualifications, "qualification"));
  SortLinks(data.links);
  for (size_t i = 1; i < data.links.size(); ++i) {
    if (SameLinkKey(data.links[i], data.links[i - 1])) {
      return absl::FailedPreconditionError(absl::StrCat("duplicate ", DescribeLink(data.links[i])));
    }
  }

  // The snapshot owns the data before anything indexes it, so the string_view keys point
  // at strings that stay put for the snapshot's life.
  std::shared_ptr<CatalogSnapshot> snapshot(new CatalogSnapshot());
  snapshot->data_ = std::move(data);
  RETURN_IF_ERROR(snapshot->Index());
  RETURN_IF_ERROR(snapshot->CheckRecordReferences());
  RETURN_IF_ERROR(snapshot->BuildLinkGraphs());
  return std::shared_ptr<const CatalogSnapshot>(std::move(snapshot));
}

absl::Status CatalogSnapshot::Index() {
  provider_index_ = IndexById(data_.providers);
  credential_index_ = IndexById(data_.credentials);
  qualification_index_ = IndexById(data_.qualifications);
  for (const core::Qualification& q : data_.qualifications) {
    if (credential_index_.contains(std::string_view(q.id))) {
      return absl::FailedPreconditionError(
          absl::StrCat("id '", q.id, "' is both a credential and a qualification"));
    }
  }
  return absl::OkStatus();
}

absl::Status CatalogSnapshot::CheckRecordReferences() const {
  for (const core::Credential& c : data_.credentials) {
    if (FindProvider(c.provider_id) == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat("credential '", c.id, "' names provider '",
                                                        c.provider_id, "', which does not exist"));
    }
    if (!c.partner_provider_id.empty() && FindProvider(c.partner_provider_id) == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("credential '", c.id, "' names partner provider '", c.partner_provider_id,
                       "', which does not exist"));
    }
  }
  auto is_item = [this](const std::string& id) {
    return credential_index_.contains(std::string_view(id)) ||
           qualification_index_.contains(std::string_view(id));
  };
  for (const core::Qualification& q : data_.qualifications) {
    if (FindProvider(q.provider_id) == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          "qualification '", q.id, "' names provider '", q.provider_id, "', which does not exist"));
    }
    for (const std::string& id : q.core_ids) {
      if (!is_item(id)) {
        return absl::FailedPreconditionError(
            absl::StrCat("qualification '", q.id, "' names core item '", id,
                         "', which is neither a credential nor a qualification"));
      }
    }
    if (!q.rules.has_value()) continue;
    // Rule trees come from callers, so they are walked with an explicit stack.
    std::vector<const core::RuleNode*> pending = {&*q.rules};
    while (!pending.empty()) {
      const core::RuleNode* node = pending.back();
      pending.pop_back();
      for (const std::string& id : node->items) {
        if (!is_item(id)) {
          return absl::FailedPreconditionError(
              absl::StrCat("qualification '", q.id, "' rule '", node->name, "' names item '", id,
                           "', which is neither a credential nor a qualification"));
        }
      }
      for (const core::RuleNode& child : node->children) pending.push_back(&child);
    }
  }
  return absl::OkStatus();
}

absl::Status CatalogSnapshot::BuildLinkGraphs() {
  const int32_t n = static_cast<int32_t>(data_.credentials.size());
  enum class Kind { kMissing, kCredential, kQualification };
  struct Endpoint {
    Kind kind = Kind::kMissing;
    int32_t index = -1;
  };
  auto resolve = [this](const std::string& id) {
    if (auto it = credential_index_.find(std::string_view(id)); it != credential_index_.end()) {
      return Endpoint{Kind::kCredential, it->second};
    }
    if (auto it = qualification_index_.find(std::string_view(id));
        it != qualification_index_.end()) {
      return Endpoint{Kind::kQualification, it->second};
    }
    return Endpoint{};
  };

  std::vector<Prerequisite> prerequisites;
  std::vector<std::pair<int32_t, int32_t>> requisite_edges;
  std::vector<std::pair<int32_t, int32_t>> corequisite_edges;  // (needing, needed)
  // Links arrive sorted by from_id, so runs share a source and one lookup serves a run.
  const std::string* last_from_id = nullptr;
  Endpoint from;
  links_from_.assign(static_cast<size_t>(n), {0, 0});
  link_ends_.assign(data_.links.size(), LinkEnds{});
  for (size_t i = 0; i < data_.links.size(); ++i) {
    const core::Link& link = data_.links[i];
    if (link.type == core::LinkType::kUnspecified) {
      return absl::FailedPreconditionError(absl::StrCat(DescribeLink(link), " has no type"));
    }
    if (last_from_id == nullptr || *last_from_id != link.from_id) {
      from = resolve(link.from_id);
      last_from_id = &link.from_id;
      if (from.kind == Kind::kCredential) links_from_[from.index].first = static_cast<int32_t>(i);
    }
    if (from.kind == Kind::kCredential)
      links_from_[from.index].second = static_cast<int32_t>(i + 1);
    const Endpoint to = resolve(link.to_id);
    if (from.kind == Kind::kCredential) link_ends_[i].from = from.index;
    if (to.kind == Kind::kCredential) link_ends_[i].to = to.index;
    for (const auto& [endpoint, id] :
         {std::pair{from, &link.from_id}, std::pair{to, &link.to_id}}) {
      if (endpoint.kind == Kind::kMissing) {
        return absl::FailedPreconditionError(absl::StrCat(
            DescribeLink(link), ": '", *id, "' is neither a credential nor a qualification"));
      }
    }
    if (link.type == core::LinkType::kCreditToward) {
      if (to.kind != Kind::kQualification) {
        return absl::FailedPreconditionError(
            absl::StrCat(DescribeLink(link), ": credit goes toward a qualification, and '",
                         link.to_id, "' is a credential"));
      }
      continue;
    }
    for (const auto& [endpoint, id] :
         {std::pair{from, &link.from_id}, std::pair{to, &link.to_id}}) {
      if (endpoint.kind != Kind::kCredential) {
        return absl::FailedPreconditionError(absl::StrCat(
            DescribeLink(link), ": only CREDIT_TOWARD links may name a qualification, and '", *id,
            "' is one"));
      }
    }
    switch (link.type) {
      case core::LinkType::kLeadsTo:
        requisite_edges.emplace_back(from.index, to.index);
        prerequisites.push_back({to.index, link.group, from.index});
        break;
      case core::LinkType::kCorequisite:
        requisite_edges.emplace_back(from.index, to.index);
        corequisite_edges.emplace_back(to.index, from.index);
        break;
      case core::LinkType::kOverlaps:
        if (!(link.from_id < link.to_id)) {
          return absl::FailedPreconditionError(
              absl::StrCat(DescribeLink(link), ": an overlap is stored once, with from < to"));
        }
        break;
      case core::LinkType::kRecommendedBefore:
      case core::LinkType::kCreditToward:
      case core::LinkType::kUnspecified:
        break;
    }
  }

  // Links into each credential, ascending: link order is the order they are grouped in.
  core::GroupByKey(
      static_cast<size_t>(n),
      [&](auto&& emit) {
        for (size_t i = 0; i < link_ends_.size(); ++i) {
          if (link_ends_[i].to >= 0) emit(link_ends_[i].to, static_cast<int32_t>(i));
        }
      },
      &links_to_.offsets, &links_to_.targets);
  requisites_ = internal::BuildCsr(n, requisite_edges);
  requisite_edges = {};
  if (std::vector<int32_t> cycle = internal::FindCycleInCsr(requisites_); !cycle.empty()) {
    return absl::FailedPreconditionError(CycleMessage(cycle));
  }
  corequisites_ = internal::BuildCsr(n, corequisite_edges);

  // Prerequisite groups: bucket by target (counting sort), then order each bucket by
  // group number and member; buckets are small, so the sorts are cheap.
  std::vector<int32_t> bucket(static_cast<size_t>(n) + 1, 0);
  for (const Prerequisite& p : prerequisites) ++bucket[p.target + 1];
  for (int32_t c = 0; c < n; ++c) bucket[c + 1] += bucket[c];
  std::vector<Prerequisite> by_target(prerequisites.size());
  {
    std::vector<int32_t> cursor(bucket.begin(), bucket.end() - 1);
    for (const Prerequisite& p : prerequisites) by_target[cursor[p.target]++] = p;
  }
  std::vector<std::pair<int32_t, int32_t>> dependent_edges;
  dependent_edges.reserve(prerequisites.size());
  prerequisites = {};
  group_start_.assign(static_cast<size_t>(n) + 1, 0);
  group_offsets_.assign(1, 0);
  group_members_.clear();
  group_members_.reserve(by_target.size());
  for (int32_t c = 0; c < n; ++c) {
    group_start_[c] = static_cast<int32_t>(group_offsets_.size()) - 1;
    auto begin = by_target.begin() + bucket[c];
    auto end = by_target.begin() + bucket[c + 1];
    std::sort(begin, end, [](const Prerequisite& a, const Prerequisite& b) {
      return std::tie(a.group, a.member) < std::tie(b.group, b.member);
    });
    for (auto it = begin; it != end; ++it) {
      if (it != begin && it->group != (it - 1)->group) {
        group_offsets_.push_back(static_cast<int32_t>(group_members_.size()));
      }
      group_members_.push_back(it->member);
      dependent_edges.emplace_back(it->member, c);
    }
    if (begin != end) group_offsets_.push_back(static_cast<int32_t>(group_members_.size()));
  }
  group_start_[n] = static_cast<int32_t>(group_offsets_.size()) - 1;
  dependents_ = internal::BuildCsr(n, dependent_edges);
  return absl::OkStatus();
}

const core::Provider* CatalogSnapshot::FindProvider(std::string_view id) const {
  return Lookup(provider_index_, data_.providers, id);
}

const core::Credential* CatalogSnapshot::FindCredential(std::string_view id) const {
  return Lookup(credential_index_, data_.credentials, id);
}

const core::Qualification* CatalogSnapshot::FindQualification(std::string_view id) const {
  return Lookup(qualification_index_, data_.qualifications, id);
}

std::optional<CredentialIndex> CatalogSnapshot::CredentialIndexOf(std::string_view id) const {
  auto it = credential_index_.find(id);
  if (it == credential_index_.end()) return std::nullopt;
  return it->second;
}

size_t CatalogSnapshot::PrerequisiteGroupCount(CredentialIndex c) const {
  return static_cast<size_t>(group_start_[c + 1] - group_start_[c]);
}

std::span<const CredentialIndex> CatalogSnapshot::PrerequisiteGroup(CredentialIndex c,
                                                                    size_t group) const {
  const size_t g = static_cast<size_t>(group_start_[c]) + group;
  return {group_members_.data() + group_offsets_[g], group_members_.data() + group_offsets_[g + 1]};
}

std::span<const core::Link> CatalogSnapshot::LinksFrom(CredentialIndex c) const {
  const auto [begin, end] = links_from_[c];
  return {data_.links.data() + begin, data_.links.data() + end};
}

std::span<const core::Link> CatalogSnapshot::LinksBetween(std::string_view from_id,
                                                          std::string_view to_id) const {
  const auto key = [](const core::Link& link) {
    return std::pair<std::string_view, std::string_view>(link.from_id, link.to_id);
  };
  const std::pair<std::string_view, std::string_view> wanted(from_id, to_id);
  const auto begin = std::partition_point(data_.links.begin(), data_.links.end(),
                                          [&](const core::Link& l) { return key(l) < wanted; });
  const auto end = std::partition_point(begin, data_.links.end(),
                                        [&](const core::Link& l) { return key(l) == wanted; });
  return {data_.links.data() + (begin - data_.links.begin()), static_cast<size_t>(end - begin)};
}

std::span<const CredentialIndex> CatalogSnapshot::Dependents(CredentialIndex c) const {
  return dependents_.Successors(c);
}

std::span<const CredentialIndex> CatalogSnapshot::Corequisites(CredentialIndex c) const {
  return corequisites_.Successors(c);
}

}  // namespace credpath::graph
