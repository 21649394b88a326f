// The integrity checks of a catalogue batch that need more than a constraint: naming the
// learners who hold a credential, and naming the records behind a deferred foreign key.
#include "storage/sqlite/catalog_checks.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/status_macros.h"

namespace credpath::storage::sqlite {
namespace {

// How many records a FAILED_PRECONDITION message names before "and more".
constexpr size_t kNamesInMessage = 10;

// LIMIT 11: one more learner than a message names, to know that there are more.
constexpr char kCredentialExists[] = "SELECT 1 FROM credential WHERE id = ?";
constexpr char kLearnersHolding[] =
    "SELECT learner_id FROM held_credential WHERE credential_id = ? ORDER BY learner_id "
    "LIMIT 11";
constexpr char kHeldButMissing[] =
    "SELECT h.credential_id, h.learner_id FROM held_credential AS h "
    "WHERE NOT EXISTS (SELECT 1 FROM credential AS c WHERE c.id = h.credential_id) "
    "ORDER BY h.credential_id, h.learner_id LIMIT 11";

// Each query lists (record, missing reference) pairs, at most kNamesInMessage.
struct DanglingReferenceQuery {
  const char* sql;
  const char* record;     // what column 0 names
  const char* reference;  // what column 1 names
};
constexpr char kCredentialsWithoutProvider[] =
    "SELECT c.id, c.provider_id FROM credential AS c "
    "WHERE NOT EXISTS (SELECT 1 FROM provider AS p WHERE p.id = c.provider_id) "
    "ORDER BY c.id LIMIT 10";
constexpr char kCredentialsWithoutPartner[] =
    "SELECT c.id, c.partner_provider_id FROM credential AS c "
    "WHERE c.partner_provider_id IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM provider AS p WHERE p.id = c.partner_provider_id) "
    "ORDER BY c.id LIMIT 10";
constexpr char kQualificationsWithoutProvider[] =
    "SELECT q.id, q.provider_id FROM qualification AS q "
    "WHERE NOT EXISTS (SELECT 1 FROM provider AS p WHERE p.id = q.provider_id) "
    "ORDER BY q.id LIMIT 10";
constexpr char kMissingCoreItems[] =
    "SELECT k.qualification_id, k.item_id FROM qualification_core AS k "
    "WHERE NOT EXISTS (SELECT 1 FROM node AS n WHERE n.id = k.item_id) "
    "ORDER BY k.qualification_id, k.position LIMIT 10";
constexpr char kMissingRuleItems[] =
    "SELECT r.qualification_id, r.item_id FROM rule_item AS r "
    "WHERE NOT EXISTS (SELECT 1 FROM node AS n WHERE n.id = r.item_id) "
    "ORDER BY r.qualification_id, r.node_no, r.position LIMIT 10";
constexpr char kMissingLinkEnds[] =
    "SELECT l.from_id || ' -> ' || l.to_id AS link, l.from_id AS missing FROM link AS l "
    "WHERE NOT EXISTS (SELECT 1 FROM node AS n WHERE n.id = l.from_id) "
    "UNION ALL "
    "SELECT l.from_id || ' -> ' || l.to_id, l.to_id FROM link AS l "
    "WHERE NOT EXISTS (SELECT 1 FROM node AS n WHERE n.id = l.to_id) "
    "ORDER BY link, missing LIMIT 10";
constexpr DanglingReferenceQuery kDanglingReferenceQueries[] = {
    {kCredentialsWithoutProvider, "credential", "provider"},
    {kCredentialsWithoutPartner, "credential", "partner provider"},
    {kQualificationsWithoutProvider, "qualification", "provider"},
    {kMissingCoreItems, "qualification", "core item"},
    {kMissingRuleItems, "qualification", "rule item"},
    {kMissingLinkEnds, "link", "endpoint"},
};

std::string Quoted(const std::string& id) { return absl::StrCat("\"", id, "\""); }

absl::Status HeldByLearners(const std::string& credential_id,
                            const std::vector<std::string>& learners) {
  std::vector<std::string> names;
  for (size_t i = 0; i < learners.size() && i < kNamesInMessage; ++i) {
    names.push_back(Quoted(learners[i]));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "credential ", Quoted(credential_id), " is held by learner", learners.size() > 1 ? "s " : " ",
      absl::StrJoin(names, ", "), learners.size() > kNamesInMessage ? " and more" : "",
      "; record a replacement for them before deleting it"));
}

}  // namespace

absl::Status CheckHeldCredentialsRemain(Connection* db, const CatalogWrite& write) {
  if (write.replace_all) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kHeldButMissing));
    std::string credential;
    std::vector<std::string> learners;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      if (!credential.empty() && s.ColumnView(0) != credential) break;
      credential = s.ColumnText(0);
      learners.push_back(s.ColumnText(1));
    }
    if (!credential.empty()) return HeldByLearners(credential, learners);
  }
  for (const std::string& id : write.delete_credentials) {
    {
      ASSIGN_OR_RETURN(Statement exists, db->Prepare(kCredentialExists));
      exists.BindText(1, id);
      ASSIGN_OR_RETURN(bool recreated, exists.Step());
      if (recreated) continue;
    }
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kLearnersHolding));
    s.BindText(1, id);
    std::vector<std::string> learners;
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      learners.push_back(s.ColumnText(0));
    }
    if (!learners.empty()) return HeldByLearners(id, learners);
  }
  return absl::OkStatus();
}

absl::Status ExplainDanglingReferences(Connection* db, const absl::Status& commit_status) {
  std::vector<std::string> problems;
  for (const DanglingReferenceQuery& query : kDanglingReferenceQueries) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(query.sql));
    while (problems.size() < kNamesInMessage) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      problems.push_back(absl::StrCat(query.record, " ", Quoted(s.ColumnText(0)), " references ",
                                      query.reference, " ", Quoted(s.ColumnText(1)),
                                      ", which does not exist"));
    }
  }
  if (problems.empty()) return commit_status;
  return absl::FailedPreconditionError(absl::StrJoin(problems, "; "));
}

}  // namespace credpath::storage::sqlite
