#include "catalog/validate.h"

#include <optional>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "catalog/apply.h"
#include "catalog/field_rules.h"

namespace credpath::catalog {
namespace {

using core::LinkType;

// Problems named in one NOT_FOUND or FAILED_PRECONDITION message.
constexpr size_t kMaxProblems = 20;
// Referrers named per kind in one "still referenced by" problem.
constexpr size_t kMaxReferrers = 10;

std::string Quote(std::string_view id) { return absl::StrCat("\"", std::string(id), "\""); }

std::string LinkName(const core::Link& l) {
  std::string name = absl::StrCat(l.from_id, " -> ", l.to_id, " (", LinkTypeName(l.type));
  if (l.type == LinkType::kLeadsTo) absl::StrAppend(&name, ", group ", l.group);
  return name + ")";
}

std::string LinkName(const storage::LinkKey& k) {
  core::Link l;
  l.from_id = k.from_id;
  l.to_id = k.to_id;
  l.type = k.type;
  l.group = k.group;
  return LinkName(l);
}

// "path: text" problems of one status code, the first kMaxProblems of them kept.
class Problems {
 public:
  void Add(const std::string& path, const std::string& text) {
    if (count_++ < kMaxProblems) texts_.push_back(path + ": " + text);
  }
  bool empty() const { return count_ == 0; }
  std::string Message() const {
    std::string message = absl::StrJoin(texts_, "; ");
    if (count_ > texts_.size()) absl::StrAppend(&message, "; and ", count_ - texts_.size(), " more");
    return message;
  }

 private:
  std::vector<std::string> texts_;
  size_t count_ = 0;
};

enum class Kind { kNone, kCredential, kQualification };

// Which kinds a reference accepts.
struct Accepts {
  bool credential = false;
  bool qualification = false;
  bool Has(Kind kind) const {
    return (kind == Kind::kCredential && credential) || (kind == Kind::kQualification && qualification);
  }
  std::string Noun() const {
    if (credential && qualification) return "credential or qualification";
    return credential ? "credential" : "qualification";
  }
};
constexpr Accepts kCredentialOnly{true, false};
constexpr Accepts kQualificationOnly{false, true};
constexpr Accepts kEither{true, true};

// What a link's endpoints must be: prerequisite, ordering and overlap links join
// credentials; credit flows from a credential or a qualification (an exit award) into a
// qualification.
Accepts FromAccepts(LinkType type) { return type == LinkType::kCreditToward ? kEither : kCredentialOnly; }
Accepts ToAccepts(LinkType type) {
  return type == LinkType::kCreditToward ? kQualificationOnly : kCredentialOnly;
}

// Who would still reference one deleted record; names are kept up to kMaxReferrers.
struct Referrers {
  Referrers(std::string path, std::string what) : path(std::move(path)), what(std::move(what)) {}

  std::string path;  // the delete's request path
  std::string what;  // "provider \"p1\""
  std::vector<std::string> names[3];  // credentials, qualifications, links
  size_t counts[3] = {0, 0, 0};
  const void* last = nullptr;  // the last record added, so that one record counts once

  void Add(int list, const void* record, const std::string& name) {
    if (record == last) return;
    last = record;
    if (counts[list]++ < kMaxReferrers) names[list].push_back(name);
  }
  bool empty() const { return counts[0] + counts[1] + counts[2] == 0; }
  std::string Text() const {
    static constexpr const char* kLists[3] = {"credentials", "qualifications", "links"};
    std::vector<std::string> parts;
    for (int i = 0; i < 3; ++i) {
      if (counts[i] == 0) continue;
      std::string part = absl::StrCat(kLists[i], " ", absl::StrJoin(names[i], ", "));
      if (counts[i] > names[i].size()) absl::StrAppend(&part, " and ", counts[i] - names[i].size(), " more");
      parts.push_back(std::move(part));
    }
    return absl::StrCat(what, " is still referenced by ", absl::StrJoin(parts, " and "));
  }
};
enum ReferrerList { kByCredential = 0, kByQualification = 1, kByLink = 2 };

template <typename Record>
absl::flat_hash_map<std::string_view, size_t> FirstIndexById(const std::vector<Record>& records) {
  absl::flat_hash_map<std::string_view, size_t> index;
  index.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, i);
  return index;
}

absl::flat_hash_map<std::string_view, size_t> FirstIndex(const std::vector<std::string>& ids) {
  absl::flat_hash_map<std::string_view, size_t> index;
  index.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) index.emplace(ids[i], i);
  return index;
}

// Calls visit(item, path) for every rule item under `node`; the path is built lazily.
template <typename Visit>
void ForEachRuleItem(const core::RuleNode& node, const std::string& path, const Visit& visit) {
  for (size_t i = 0; i < node.items.size(); ++i) {
    visit(node.items[i], [&] { return core::IndexPath(path + ".items", i); });
  }
  for (size_t i = 0; i < node.children.size(); ++i) {
    ForEachRuleItem(node.children[i], core::IndexPath(path + ".children", i), visit);
  }
}

// Calls visit(id, path) for every id a qualification contains: core ids and rule items.
template <typename Visit>
void ForEachContained(const core::Qualification& q, const std::string& path, const Visit& visit) {
  for (size_t i = 0; i < q.core_ids.size(); ++i) {
    visit(q.core_ids[i], [&] { return core::IndexPath(path + ".core_ids", i); });
  }
  if (q.rules) ForEachRuleItem(*q.rules, path + ".rules", visit);
}

// One batch against the snapshot: what exists after it, and every check.
class WriteValidator {
 public:
  WriteValidator(const storage::CatalogWrite& write, const graph::CatalogSnapshot& current)
      : w_(write),
        s_(current),
        providers_(FirstIndexById(write.upsert_providers)),
        credentials_(FirstIndexById(write.upsert_credentials)),
        qualifications_(FirstIndexById(write.upsert_qualifications)),
        deleted_providers_(FirstIndex(write.delete_providers)),
        deleted_credentials_(FirstIndex(write.delete_credentials)),
        deleted_qualifications_(FirstIndex(write.delete_qualifications)) {
    for (size_t i = 0; i < write.upsert_links.size(); ++i) links_.emplace(KeyOf(write.upsert_links[i]), i);
    for (size_t i = 0; i < write.delete_links.size(); ++i) deleted_links_.emplace(KeyOf(write.delete_links[i]), i);
  }

  absl::Status Run() {
    CheckFields();
    if (!fields_.empty()) return fields_.ToStatus();
    CheckDeletesExist();
    CheckBatchReferences();
    if (!w_.replace_all && (!provider_refs_.empty() || !item_refs_.empty())) CheckSnapshotReferences();
    if (!not_found_.empty()) return absl::NotFoundError(not_found_.Message());
    ReportReferencedDeletes();
    CheckKindClashes();
    CheckNesting();
    if (!preconditions_.empty()) return absl::FailedPreconditionError(preconditions_.Message());
    return absl::OkStatus();
  }

 private:
  // --- what exists after the batch -----------------------------------------------------

  bool InSnapshot() const { return !w_.replace_all; }

  bool ProviderAfter(std::string_view id) const {
    if (providers_.contains(id)) return true;
    return InSnapshot() && !deleted_providers_.contains(id) && s_.FindProvider(id) != nullptr;
  }

  Kind KindAfter(std::string_view id) const {
    if (credentials_.contains(id)) return Kind::kCredential;
    if (qualifications_.contains(id)) return Kind::kQualification;
    if (!InSnapshot()) return Kind::kNone;
    if (!deleted_credentials_.contains(id) && s_.FindCredential(id) != nullptr) return Kind::kCredential;
    if (!deleted_qualifications_.contains(id) && s_.FindQualification(id) != nullptr) {
      return Kind::kQualification;
    }
    return Kind::kNone;
  }

  const core::Qualification* QualificationAfter(std::string_view id) const {
    if (auto it = qualifications_.find(id); it != qualifications_.end()) {
      return &w_.upsert_qualifications[it->second];
    }
    if (!InSnapshot() || deleted_qualifications_.contains(id)) return nullptr;
    return s_.FindQualification(id);
  }

  // --- stage 1: field rules ------------------------------------------------------------

  template <typename Record, typename Check>
  void CheckRecords(const std::vector<Record>& records, const char* list,
                    const absl::flat_hash_map<std::string_view, size_t>& first, Check check) {
    for (size_t i = 0; i < records.size(); ++i) {
      const std::string path = core::IndexPath(list, i);
      check(records[i], path, &fields_);
      auto it = first.find(records[i].id);
      if (!records[i].id.empty() && it != first.end() && it->second != i) {
        fields_.Add(path + ".id", "duplicate in this request");
      }
    }
  }

  // Deletes: non-empty, once each, not also upserted, and none at all with replace_all.
  void CheckDeleteIds(const std::vector<std::string>& ids, const char* list,
                      const absl::flat_hash_map<std::string_view, size_t>& first,
                      const absl::flat_hash_map<std::string_view, size_t>& upserted) {
    if (w_.replace_all && !ids.empty()) fields_.Add(list, "must be empty when replace_all is set");
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].empty()) {
        fields_.Add(core::IndexPath(list, i), "must not be empty");
      } else if (first.at(ids[i]) != i) {
        fields_.Add(core::IndexPath(list, i), "duplicate in this request");
      } else if (upserted.contains(ids[i])) {
        fields_.Add(core::IndexPath(list, i), "also upserted in this request");
      }
    }
  }

  void CheckEndpointKind(std::string_view id, Accepts accepts, const core::Link& link,
                         const std::string& link_path, const char* field) {
    if (id.empty()) return;
    const Kind kind = KindAfter(id);
    if (kind == Kind::kNone || accepts.Has(kind)) return;
    const char* is = kind == Kind::kCredential ? "a credential" : "a qualification";
    const std::string path = link_path + field;
    if (accepts.qualification && !accepts.credential) {
      fields_.Add(path, absl::StrCat(LinkTypeName(link.type), " must target a qualification, and ",
                                     Quote(id), " is ", is));
    } else {
      fields_.Add(path, absl::StrCat(LinkTypeName(link.type), " must join credentials, and ",
                                     Quote(id), " is ", is));
    }
  }

  void CheckFields() {
    CheckRecords(w_.upsert_providers, "providers", providers_, CheckProvider);
    CheckRecords(w_.upsert_credentials, "credentials", credentials_, CheckCredential);
    CheckRecords(w_.upsert_qualifications, "qualifications", qualifications_, CheckQualification);
    for (size_t i = 0; i < w_.upsert_qualifications.size(); ++i) {
      const std::string& id = w_.upsert_qualifications[i].id;
      if (!id.empty() && credentials_.contains(id)) {
        fields_.Add(core::IndexPath("qualifications", i) + ".id", "also given as a credential in this request");
      }
    }
    for (size_t i = 0; i < w_.upsert_links.size(); ++i) {
      const core::Link& link = w_.upsert_links[i];
      const std::string path = core::IndexPath("links", i);
      const size_t errors_before = fields_.count();
      CheckLink(link, path, &fields_);
      if (links_.at(KeyOf(link)) != i) fields_.Add(path, "duplicate in this request");
      if (fields_.count() != errors_before) continue;
      CheckEndpointKind(link.from_id, FromAccepts(link.type), link, path, ".from_id");
      CheckEndpointKind(link.to_id, ToAccepts(link.type), link, path, ".to_id");
    }
    CheckDeleteIds(w_.delete_providers, "delete_provider_ids", deleted_providers_, providers_);
    CheckDeleteIds(w_.delete_credentials, "delete_credential_ids", deleted_credentials_, credentials_);
    CheckDeleteIds(w_.delete_qualifications, "delete_qualification_ids", deleted_qualifications_,
                   qualifications_);
    if (w_.replace_all && !w_.delete_links.empty()) {
      fields_.Add("delete_links", "must be empty when replace_all is set");
    }
    for (size_t i = 0; i < w_.delete_links.size(); ++i) {
      const storage::LinkKey& key = w_.delete_links[i];
      const std::string path = core::IndexPath("delete_links", i);
      if (key.from_id.empty()) fields_.Add(path + ".from_id", "must not be empty");
      if (key.to_id.empty()) fields_.Add(path + ".to_id", "must not be empty");
      if (key.type == LinkType::kUnspecified) {
        fields_.Add(path + ".type", "must be set");
      } else if (static_cast<int>(key.type) < 0 || key.type > LinkType::kOverlaps) {
        fields_.Add(path + ".type", "must be a known value");
      }
      if (deleted_links_.at(KeyOf(key)) != i) {
        fields_.Add(path, "duplicate in this request");
      } else if (links_.contains(KeyOf(key))) {
        fields_.Add(path, "also upserted in this request");
      }
    }
  }

  // --- stage 2 and 3: references -------------------------------------------------------

  void CheckDeletesExist() {
    for (size_t i = 0; i < w_.delete_providers.size(); ++i) {
      const std::string& id = w_.delete_providers[i];
      const std::string path = core::IndexPath("delete_provider_ids", i);
      if (s_.FindProvider(id) == nullptr) {
        not_found_.Add(path, absl::StrCat("provider ", Quote(id), " not found"));
      } else {
        provider_refs_.emplace(id, Referrers(path, absl::StrCat("provider ", Quote(id))));
      }
    }
    auto items = [&](const std::vector<std::string>& ids, const char* list, const char* noun,
                     bool credentials) {
      for (size_t i = 0; i < ids.size(); ++i) {
        const std::string path = core::IndexPath(list, i);
        const bool found = credentials ? s_.FindCredential(ids[i]) != nullptr
                                       : s_.FindQualification(ids[i]) != nullptr;
        if (!found) {
          not_found_.Add(path, absl::StrCat(noun, " ", Quote(ids[i]), " not found"));
        } else {
          item_refs_.emplace(ids[i], Referrers(path, absl::StrCat(noun, " ", Quote(ids[i]))));
        }
      }
    };
    items(w_.delete_credentials, "delete_credential_ids", "credential", true);
    items(w_.delete_qualifications, "delete_qualification_ids", "qualification", false);
    for (size_t i = 0; i < w_.delete_links.size(); ++i) {
      if (FindLink(s_.links(), KeyOf(w_.delete_links[i])) == nullptr) {
        not_found_.Add(core::IndexPath("delete_links", i),
                       absl::StrCat("link ", LinkName(w_.delete_links[i]), " not found"));
      }
    }
  }

  // A batch record's reference to a provider: fine, a deleted provider's referrer, or
  // unknown. Paths and names are built only for problems: imports carry a million records.
  template <typename PathFn, typename NameFn>
  void ProviderReference(std::string_view id, const PathFn& path, int list, const void* record,
                         const NameFn& name) {
    if (id.empty() || ProviderAfter(id)) return;
    if (auto it = provider_refs_.find(id); it != provider_refs_.end()) {
      it->second.Add(list, record, name());
    } else {
      not_found_.Add(path(), absl::StrCat("provider ", Quote(id), " not found"));
    }
  }

  template <typename PathFn, typename NameFn>
  void ItemReference(std::string_view id, Accepts accepts, const PathFn& path, int list,
                     const void* record, const NameFn& name) {
    if (accepts.Has(KindAfter(id))) return;
    if (auto it = item_refs_.find(id); it != item_refs_.end()) {
      it->second.Add(list, record, name());
    } else {
      not_found_.Add(path(), absl::StrCat(accepts.Noun(), " ", Quote(id), " not found"));
    }
  }

  void CheckBatchReferences() {
    for (size_t i = 0; i < w_.upsert_credentials.size(); ++i) {
      const core::Credential& c = w_.upsert_credentials[i];
      auto at = [i](const char* field) {
        return [i, field] { return core::IndexPath("credentials", i) + field; };
      };
      auto name = [&c] { return c.id; };
      ProviderReference(c.provider_id, at(".provider_id"), kByCredential, &c, name);
      ProviderReference(c.partner_provider_id, at(".partner_provider_id"), kByCredential, &c, name);
    }
    for (size_t i = 0; i < w_.upsert_qualifications.size(); ++i) {
      const core::Qualification& q = w_.upsert_qualifications[i];
      const std::string path = core::IndexPath("qualifications", i);
      auto name = [&q] { return q.id; };
      ProviderReference(q.provider_id, [&] { return path + ".provider_id"; }, kByQualification, &q, name);
      ForEachContained(q, path, [&](const std::string& id, const auto& item_path) {
        ItemReference(id, kEither, item_path, kByQualification, &q, name);
      });
    }
    for (size_t i = 0; i < w_.upsert_links.size(); ++i) {
      const core::Link& l = w_.upsert_links[i];
      auto at = [i](const char* field) {
        return [i, field] { return core::IndexPath("links", i) + field; };
      };
      auto name = [&l] { return LinkName(l); };
      ItemReference(l.from_id, FromAccepts(l.type), at(".from_id"), kByLink, &l, name);
      ItemReference(l.to_id, ToAccepts(l.type), at(".to_id"), kByLink, &l, name);
    }
  }

  // Every delete whose record something would still reference, in request order.
  void ReportReferencedDeletes() {
    for (const std::string& id : w_.delete_providers) {
      if (auto it = provider_refs_.find(id); it != provider_refs_.end() && !it->second.empty()) {
        preconditions_.Add(it->second.path, it->second.Text());
      }
    }
    for (const auto* ids : {&w_.delete_credentials, &w_.delete_qualifications}) {
      for (const std::string& id : *ids) {
        if (auto it = item_refs_.find(id); it != item_refs_.end() && !it->second.empty()) {
          preconditions_.Add(it->second.path, it->second.Text());
        }
      }
    }
  }

  // Snapshot records the batch keeps, referring to what it deletes. One pass over the
  // snapshot, run only when the batch deletes something.
  void CheckSnapshotReferences() {
    auto kept = [](const auto& upserted, const auto& deleted, std::string_view id) {
      return !upserted.contains(id) && !deleted.contains(id);
    };
    auto deleted_item = [&](std::string_view id, Accepts accepts) -> Referrers* {
      auto it = item_refs_.find(id);
      if (it == item_refs_.end() || accepts.Has(KindAfter(id))) return nullptr;
      return &it->second;
    };
    if (!provider_refs_.empty()) {
      for (const core::Credential& c : s_.credentials()) {
        if (!kept(credentials_, deleted_credentials_, c.id)) continue;
        for (const std::string* p : {&c.provider_id, &c.partner_provider_id}) {
          if (auto it = provider_refs_.find(*p); it != provider_refs_.end()) {
            it->second.Add(kByCredential, &c, c.id);
          }
        }
      }
      for (const core::Qualification& q : s_.qualifications()) {
        if (!kept(qualifications_, deleted_qualifications_, q.id)) continue;
        if (auto it = provider_refs_.find(q.provider_id); it != provider_refs_.end()) {
          it->second.Add(kByQualification, &q, q.id);
        }
      }
    }
    if (item_refs_.empty()) return;
    for (const core::Qualification& q : s_.qualifications()) {
      if (!kept(qualifications_, deleted_qualifications_, q.id)) continue;
      ForEachContained(q, "", [&](const std::string& id, const auto&) {
        if (Referrers* r = deleted_item(id, kEither)) r->Add(kByQualification, &q, q.id);
      });
    }
    for (const core::Link& l : s_.links()) {
      const LinkKeyRef key = KeyOf(l);
      if (links_.contains(key) || deleted_links_.contains(key)) continue;
      Referrers* from = deleted_item(l.from_id, FromAccepts(l.type));
      Referrers* to = deleted_item(l.to_id, ToAccepts(l.type));
      if (from != nullptr) from->Add(kByLink, &l, LinkName(l));
      if (to != nullptr) to->Add(kByLink, &l, LinkName(l));
    }
  }

  // An upserted id that the snapshot holds as the other kind, which the batch keeps.
  void CheckKindClashes() {
    if (!InSnapshot()) return;
    for (size_t i = 0; i < w_.upsert_credentials.size(); ++i) {
      const std::string& id = w_.upsert_credentials[i].id;
      if (!deleted_qualifications_.contains(id) && s_.FindQualification(id) != nullptr) {
        preconditions_.Add(core::IndexPath("credentials", i) + ".id",
                           absl::StrCat(Quote(id), " is already a qualification"));
      }
    }
    for (size_t i = 0; i < w_.upsert_qualifications.size(); ++i) {
      const std::string& id = w_.upsert_qualifications[i].id;
      if (!deleted_credentials_.contains(id) && s_.FindCredential(id) != nullptr) {
        preconditions_.Add(core::IndexPath("qualifications", i) + ".id",
                           absl::StrCat(Quote(id), " is already a credential"));
      }
    }
  }

  // Qualifications may contain qualifications (exit awards, milestones) but not in a
  // circle. The snapshot before the batch had no such cycle, so any new one passes
  // through an upserted qualification: search only from those.
  void CheckNesting() {
    std::vector<std::pair<std::string_view, std::string_view>> edges;
    absl::flat_hash_set<std::string_view> visited;
    std::vector<std::string_view> stack;
    for (const core::Qualification& q : w_.upsert_qualifications) {
      if (visited.insert(q.id).second) stack.push_back(q.id);
    }
    while (!stack.empty()) {
      const std::string_view id = stack.back();
      stack.pop_back();
      const core::Qualification* q = QualificationAfter(id);
      if (q == nullptr) continue;
      ForEachContained(*q, "", [&](const std::string& item, const auto&) {
        if (KindAfter(item) != Kind::kQualification) return;
        edges.emplace_back(id, item);
        if (visited.insert(item).second) stack.push_back(item);
      });
    }
    std::optional<std::vector<std::string>> cycle = graph::FindCycle(edges);
    if (!cycle) return;
    std::string path = "qualifications";
    for (const std::string& id : *cycle) {
      if (auto it = qualifications_.find(id); it != qualifications_.end()) {
        path = core::IndexPath("qualifications", it->second) + ".rules";
        break;
      }
    }
    preconditions_.Add(path, "qualifications would contain each other: " + absl::StrJoin(*cycle, " -> "));
  }

  const storage::CatalogWrite& w_;
  const graph::CatalogSnapshot& s_;
  // Batch indexes: id (or link key) -> first index in the request.
  const absl::flat_hash_map<std::string_view, size_t> providers_;
  const absl::flat_hash_map<std::string_view, size_t> credentials_;
  const absl::flat_hash_map<std::string_view, size_t> qualifications_;
  const absl::flat_hash_map<std::string_view, size_t> deleted_providers_;
  const absl::flat_hash_map<std::string_view, size_t> deleted_credentials_;
  const absl::flat_hash_map<std::string_view, size_t> deleted_qualifications_;
  absl::flat_hash_map<LinkKeyRef, size_t> links_;
  absl::flat_hash_map<LinkKeyRef, size_t> deleted_links_;

  FieldErrors fields_;
  Problems not_found_;
  Problems preconditions_;
  // Existing records the batch deletes, by id, with who would still reference them.
  absl::flat_hash_map<std::string_view, Referrers> provider_refs_;
  absl::flat_hash_map<std::string_view, Referrers> item_refs_;
};

}  // namespace

absl::Status ValidateCatalogWrite(const storage::CatalogWrite& write,
                                  const graph::CatalogSnapshot& current) {
  return WriteValidator(write, current).Run();
}

absl::Status ValidateHeldCredentials(const std::vector<core::HeldCredential>& held,
                                     const graph::CatalogSnapshot& current,
                                     const std::string& path) {
  FieldErrors fields;
  CheckHeldCredentials(held, path, &fields);
  if (!fields.empty()) return fields.ToStatus();
  Problems not_found;
  for (size_t i = 0; i < held.size(); ++i) {
    const std::string& id = held[i].credential_id;
    if (current.FindCredential(id) == nullptr && current.FindQualification(id) == nullptr) {
      not_found.Add(core::IndexPath(path, i) + ".credential_id",
                    absl::StrCat("credential or qualification ", Quote(id), " not found"));
    }
  }
  if (!not_found.empty()) return absl::NotFoundError(not_found.Message());
  return absl::OkStatus();
}

namespace {

bool HasRuleNamed(const core::RuleNode& node, const std::string& name) {
  if (node.name == name) return true;
  for (const core::RuleNode& child : node.children) {
    if (HasRuleNamed(child, name)) return true;
  }
  return false;
}

}  // namespace

absl::Status ValidateLearner(const core::Learner& learner, const graph::CatalogSnapshot& current,
                             const std::string& path) {
  FieldErrors fields;
  CheckLearner(learner, path, &fields);
  if (!fields.empty()) return fields.ToStatus();
  Problems not_found;
  for (size_t i = 0; i < learner.held.size(); ++i) {
    const std::string& id = learner.held[i].credential_id;
    if (current.FindCredential(id) == nullptr && current.FindQualification(id) == nullptr) {
      not_found.Add(core::IndexPath(core::FieldPath(path, "held"), i) + ".credential_id",
                    absl::StrCat("credential or qualification ", Quote(id), " not found"));
    }
  }
  const core::Qualification* target = nullptr;
  if (!learner.target_qualification_id.empty()) {
    target = current.FindQualification(learner.target_qualification_id);
    if (target == nullptr) {
      not_found.Add(core::FieldPath(path, "target_qualification_id"),
                    absl::StrCat("qualification ", Quote(learner.target_qualification_id), " not found"));
    }
  }
  for (size_t i = 0; i < learner.overrides.size(); ++i) {
    const core::Override& o = learner.overrides[i];
    const std::string at = core::IndexPath(core::FieldPath(path, "overrides"), i);
    if (current.FindCredential(o.credential_id) == nullptr &&
        current.FindQualification(o.credential_id) == nullptr) {
      not_found.Add(at + ".credential_id",
                    absl::StrCat("credential or qualification ", Quote(o.credential_id), " not found"));
    }
    if (o.kind == core::OverrideKind::kWaivePrerequisite && current.FindCredential(o.target) == nullptr) {
      not_found.Add(at + ".target", absl::StrCat("credential ", Quote(o.target), " not found"));
    }
    // A rule name can only be checked against the qualification the learner aims for.
    if (o.kind == core::OverrideKind::kCountTowardRule && target != nullptr &&
        !(target->rules && HasRuleNamed(*target->rules, o.target))) {
      not_found.Add(at + ".target", absl::StrCat("rule ", Quote(o.target), " not found in qualification ",
                                                 Quote(target->id)));
    }
  }
  if (!not_found.empty()) return absl::NotFoundError(not_found.Message());
  return absl::OkStatus();
}

}  // namespace credpath::catalog
