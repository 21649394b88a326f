// The write half of catalog_io.h.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "storage/sqlite/catalog_checks.h"
#include "storage/sqlite/catalog_io.h"

namespace credpath::storage::sqlite {
namespace {

constexpr int64_t kCredentialKind = 1;     // node.kind
constexpr int64_t kQualificationKind = 2;  // node.kind

// Children before parents, so that no cascade has anything left to do.
constexpr char kDeleteWholeCatalog[] = R"sql(
DELETE FROM link;
DELETE FROM rule_item;
DELETE FROM rule_node;
DELETE FROM qualification_core;
DELETE FROM qualification_field;
DELETE FROM qualification_outcome;
DELETE FROM qualification;
DELETE FROM credential_field;
DELETE FROM credential_skill;
DELETE FROM credential_outcome;
DELETE FROM credential_offering;
DELETE FROM credential;
DELETE FROM node;
DELETE FROM provider_region;
DELETE FROM provider;
)sql";

constexpr char kDeleteLink[] =
    "DELETE FROM link WHERE from_id = ? AND to_id = ? AND type = ? AND link_group = ?";
constexpr char kDeleteNode[] = "DELETE FROM node WHERE id = ? AND kind = ?";
constexpr char kDeleteProvider[] = "DELETE FROM provider WHERE id = ?";
constexpr char kDeleteCredential[] = "DELETE FROM credential WHERE id = ?";
constexpr char kDeleteQualification[] = "DELETE FROM qualification WHERE id = ?";

constexpr char kInsertNode[] =
    "INSERT INTO node (id, kind) VALUES (?, ?) ON CONFLICT (id) DO NOTHING";
constexpr char kGetNodeKind[] = "SELECT kind FROM node WHERE id = ?";

constexpr char kInsertProvider[] =
    "INSERT INTO provider (id, name, standing, industry_standing, quality_assured, "
    "quality_assured_by) VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kInsertProviderRegion[] =
    "INSERT INTO provider_region (provider_id, position, region) VALUES (?, ?, ?)";

constexpr char kInsertCredential[] =
    "INSERT INTO credential (id, title, provider_id, partner_provider_id, level_framework, "
    "level_value, employer_recognition, attestation, portable, tamper_proof, "
    "industry_accredited, industry_accreditor, summative_assessment, assessment_quantum, "
    "identity_verified, main_assessor, formative_feedback, educator_engagement, "
    "peer_engagement, industry_engagement, career_advice, fee_minor, fee_currency, "
    "payment_options, effort_hours, delivery_mode, onsite_days, pacing, synchronous, "
    "duration_weeks, validity_months, language, valid_from, valid_to) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertCredentialField[] =
    "INSERT INTO credential_field (credential_id, position, field) VALUES (?, ?, ?)";
constexpr char kInsertCredentialSkill[] =
    "INSERT INTO credential_skill (credential_id, position, skill) VALUES (?, ?, ?)";
constexpr char kInsertCredentialOutcome[] =
    "INSERT INTO credential_outcome (credential_id, position, outcome) VALUES (?, ?, ?)";
constexpr char kInsertCredentialOffering[] =
    "INSERT INTO credential_offering (credential_id, position, term, start_date) "
    "VALUES (?, ?, ?, ?)";

constexpr char kInsertQualification[] =
    "INSERT INTO qualification (id, title, provider_id, level_framework, level_value, "
    "credit_system, credit_required, stacked_credit_cap, recency_months, "
    "employer_recognition, attestation, portable, tamper_proof, industry_accredited, "
    "industry_accreditor, summative_assessment, assessment_quantum, identity_verified, "
    "main_assessor, formative_feedback, educator_engagement, peer_engagement, "
    "industry_engagement, career_advice) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertQualificationField[] =
    "INSERT INTO qualification_field (qualification_id, position, field) VALUES (?, ?, ?)";
constexpr char kInsertQualificationOutcome[] =
    "INSERT INTO qualification_outcome (qualification_id, position, outcome) VALUES (?, ?, ?)";
constexpr char kInsertQualificationCore[] =
    "INSERT INTO qualification_core (qualification_id, position, item_id) VALUES (?, ?, ?)";
constexpr char kInsertRuleNode[] =
    "INSERT INTO rule_node (qualification_id, node_no, parent_no, name, kind, min_items, "
    "min_credits, min_groups, min_level, allow_double_counting) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertRuleItem[] =
    "INSERT INTO rule_item (qualification_id, node_no, position, item_id) VALUES (?, ?, ?, ?)";

constexpr char kUpsertLink[] =
    "INSERT INTO link (from_id, to_id, type, link_group, credit_points, overlap_fraction) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (from_id, to_id, type, link_group) DO UPDATE SET "
    "credit_points = excluded.credit_points, overlap_fraction = excluded.overlap_fraction";

constexpr char kIncrementCatalogVersion[] =
    "UPDATE meta SET value = value + 1 WHERE key = 'catalog_version' RETURNING value";

std::string Quoted(const std::string& id) { return absl::StrCat("\"", id, "\""); }

// Puts the record a statement was writing in front of SQLite's message.
absl::Status InRecord(const absl::Status& status, const std::string& kind, const std::string& id) {
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat(kind, " ", Quoted(id), ": ", std::string(status.message())));
}

absl::Status InsertList(Connection* db, const char* sql, const std::string& owner,
                        const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    ASSIGN_OR_RETURN(Statement insert, db->Prepare(sql));
    insert.BindText(1, owner);
    insert.BindInt(2, static_cast<int64_t>(i));
    insert.BindText(3, values[i]);
    RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

// Binds the 15 benefit columns from `index`; returns the next index.
int BindBenefits(Statement& s, int index, const core::BenefitFacts& b) {
  s.BindInt(index++, static_cast<int64_t>(b.employer_recognition));
  s.BindInt(index++, b.attestation);
  s.BindBool(index++, b.portable);
  s.BindBool(index++, b.tamper_proof);
  s.BindBool(index++, b.industry_accredited);
  s.BindText(index++, b.industry_accreditor);
  s.BindBool(index++, b.summative_assessment);
  s.BindInt(index++, static_cast<int64_t>(b.assessment_quantum));
  s.BindBool(index++, b.identity_verified);
  s.BindInt(index++, static_cast<int64_t>(b.main_assessor));
  s.BindBool(index++, b.formative_feedback);
  s.BindInt(index++, static_cast<int64_t>(b.educator_engagement));
  s.BindInt(index++, static_cast<int64_t>(b.peer_engagement));
  s.BindInt(index++, static_cast<int64_t>(b.industry_engagement));
  s.BindBool(index++, b.career_advice);
  return index;
}

// Claims `id` in the shared credential/qualification namespace. Returns whether the
// record already existed (and so must be replaced); FAILED_PRECONDITION when the id
// belongs to the other kind.
absl::StatusOr<bool> ClaimNode(Connection* db, const std::string& id, int64_t kind) {
  {
    ASSIGN_OR_RETURN(Statement insert, db->Prepare(kInsertNode));
    insert.BindText(1, id);
    insert.BindInt(2, kind);
    RETURN_IF_ERROR(insert.Run());
  }
  if (db->Changes() == 1) return false;
  ASSIGN_OR_RETURN(Statement select, db->Prepare(kGetNodeKind));
  select.BindText(1, id);
  ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return absl::InternalError(absl::StrCat("node ", Quoted(id), " vanished"));
  if (select.ColumnInt(0) != kind) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the id is already used by a ", kind == kCredentialKind ? "qualification" : "credential",
        " (credential and qualification ids share one namespace)"));
  }
  return true;
}

absl::Status DeleteRow(Connection* db, const char* sql, const std::string& id) {
  ASSIGN_OR_RETURN(Statement del, db->Prepare(sql));
  del.BindText(1, id);
  return del.Run();
}

absl::Status UpsertProvider(Connection* db, const core::Provider& p) {
  // Replacing is delete and insert: the regions go with the old row. References to the
  // provider are deferred, so they are satisfied again by the new row before COMMIT.
  RETURN_IF_ERROR(DeleteRow(db, kDeleteProvider, p.id));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertProvider));
    s.BindText(1, p.id);
    s.BindText(2, p.name);
    s.BindDouble(3, p.standing);
    s.BindDouble(4, p.industry_standing);
    s.BindBool(5, p.quality_assured);
    s.BindText(6, p.quality_assured_by);
    RETURN_IF_ERROR(s.Run());
  }
  return InsertList(db, kInsertProviderRegion, p.id, p.regions);
}

absl::Status UpsertCredential(Connection* db, const core::Credential& c) {
  ASSIGN_OR_RETURN(bool existed, ClaimNode(db, c.id, kCredentialKind));
  if (existed) RETURN_IF_ERROR(DeleteRow(db, kDeleteCredential, c.id));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertCredential));
    int i = 1;
    s.BindText(i++, c.id);
    s.BindText(i++, c.title);
    s.BindText(i++, c.provider_id);
    s.BindTextOrNull(i++, c.partner_provider_id);
    s.BindInt(i++, static_cast<int64_t>(c.level.framework));
    s.BindInt(i++, c.level.value);
    i = BindBenefits(s, i, c.benefits);
    s.BindInt(i++, c.fee.minor_units);
    s.BindText(i++, c.fee.currency);
    s.BindInt(i++, c.payment_options);
    s.BindInt(i++, c.effort_hours);
    s.BindInt(i++, static_cast<int64_t>(c.delivery_mode));
    s.BindInt(i++, c.onsite_days);
    s.BindInt(i++, static_cast<int64_t>(c.pacing));
    s.BindBool(i++, c.synchronous);
    s.BindInt(i++, c.duration_weeks);
    s.BindInt(i++, c.validity_months);
    s.BindText(i++, c.language);
    s.BindDateOrNull(i++, c.valid_from);
    s.BindDateOrNull(i++, c.valid_to);
    RETURN_IF_ERROR(s.Run());
  }
  RETURN_IF_ERROR(InsertList(db, kInsertCredentialField, c.id, c.fields));
  RETURN_IF_ERROR(InsertList(db, kInsertCredentialSkill, c.id, c.skills));
  RETURN_IF_ERROR(InsertList(db, kInsertCredentialOutcome, c.id, c.benefits.outcomes));
  for (size_t k = 0; k < c.offerings.size(); ++k) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertCredentialOffering));
    s.BindText(1, c.id);
    s.BindInt(2, static_cast<int64_t>(k));
    s.BindText(3, c.offerings[k].term);
    s.BindDate(4, c.offerings[k].start);
    RETURN_IF_ERROR(s.Run());
  }
  return absl::OkStatus();
}

// Writes `node` and its subtree in pre-order; `next_no` is the next free node number.
absl::Status InsertRuleNode(Connection* db, const std::string& qualification_id,
                            const core::RuleNode& node, int64_t parent_no, int64_t* next_no) {
  const int64_t node_no = (*next_no)++;
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertRuleNode));
    s.BindText(1, qualification_id);
    s.BindInt(2, node_no);
    if (node_no > 0) s.BindInt(3, parent_no);  // the root's parent stays NULL
    s.BindText(4, node.name);
    s.BindInt(5, static_cast<int64_t>(node.kind));
    s.BindInt(6, node.min_items);
    s.BindInt(7, node.min_credits);
    s.BindInt(8, node.min_groups);
    s.BindInt(9, node.min_level);
    s.BindBool(10, node.allow_double_counting);
    RETURN_IF_ERROR(s.Run());
  }
  for (size_t k = 0; k < node.items.size(); ++k) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertRuleItem));
    s.BindText(1, qualification_id);
    s.BindInt(2, node_no);
    s.BindInt(3, static_cast<int64_t>(k));
    s.BindText(4, node.items[k]);
    RETURN_IF_ERROR(s.Run());
  }
  for (const core::RuleNode& child : node.children) {
    RETURN_IF_ERROR(InsertRuleNode(db, qualification_id, child, node_no, next_no));
  }
  return absl::OkStatus();
}

absl::Status UpsertQualification(Connection* db, const core::Qualification& q) {
  ASSIGN_OR_RETURN(bool existed, ClaimNode(db, q.id, kQualificationKind));
  if (existed) RETURN_IF_ERROR(DeleteRow(db, kDeleteQualification, q.id));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertQualification));
    int i = 1;
    s.BindText(i++, q.id);
    s.BindText(i++, q.title);
    s.BindText(i++, q.provider_id);
    s.BindInt(i++, static_cast<int64_t>(q.level.framework));
    s.BindInt(i++, q.level.value);
    s.BindInt(i++, static_cast<int64_t>(q.credit_system));
    s.BindInt(i++, q.credit_required);
    s.BindInt(i++, q.stacked_credit_cap);
    s.BindInt(i++, q.recency_months);
    BindBenefits(s, i, q.benefits);
    RETURN_IF_ERROR(s.Run());
  }
  RETURN_IF_ERROR(InsertList(db, kInsertQualificationField, q.id, q.fields));
  RETURN_IF_ERROR(InsertList(db, kInsertQualificationOutcome, q.id, q.benefits.outcomes));
  RETURN_IF_ERROR(InsertList(db, kInsertQualificationCore, q.id, q.core_ids));
  if (q.rules.has_value()) {
    int64_t next_no = 0;
    RETURN_IF_ERROR(InsertRuleNode(db, q.id, *q.rules, /*parent_no=*/0, &next_no));
  }
  return absl::OkStatus();
}

absl::Status UpsertLink(Connection* db, const core::Link& link) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kUpsertLink));
  s.BindText(1, link.from_id);
  s.BindText(2, link.to_id);
  s.BindInt(3, static_cast<int64_t>(link.type));
  s.BindInt(4, link.group);
  s.BindInt(5, link.credit_points);
  s.BindDouble(6, link.overlap_fraction);
  return s.Run();
}

std::string LinkName(const std::string& from, const std::string& to, core::LinkType type,
                     int32_t group) {
  return absl::StrCat("link ", Quoted(from), " -> ", Quoted(to), " (type ", static_cast<int>(type),
                      ", group ", group, ")");
}

absl::Status DeleteRecords(Connection* db, const CatalogWrite& write) {
  for (const LinkKey& key : write.delete_links) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kDeleteLink));
    s.BindText(1, key.from_id);
    s.BindText(2, key.to_id);
    s.BindInt(3, static_cast<int64_t>(key.type));
    s.BindInt(4, key.group);
    RETURN_IF_ERROR(s.Run());
    if (db->Changes() == 0) {
      return absl::NotFoundError(
          absl::StrCat(LinkName(key.from_id, key.to_id, key.type, key.group), " does not exist"));
    }
  }
  struct NodeDeletes {
    const std::vector<std::string>* ids;
    int64_t kind;
    const char* name;
  };
  for (const NodeDeletes& deletes :
       {NodeDeletes{&write.delete_qualifications, kQualificationKind, "qualification"},
        NodeDeletes{&write.delete_credentials, kCredentialKind, "credential"}}) {
    for (const std::string& id : *deletes.ids) {
      // Deleting the node cascades to the record and every row it owns.
      ASSIGN_OR_RETURN(Statement s, db->Prepare(kDeleteNode));
      s.BindText(1, id);
      s.BindInt(2, deletes.kind);
      RETURN_IF_ERROR(s.Run());
      if (db->Changes() == 0) {
        return absl::NotFoundError(absl::StrCat(deletes.name, " ", Quoted(id), " does not exist"));
      }
    }
  }
  for (const std::string& id : write.delete_providers) {
    RETURN_IF_ERROR(DeleteRow(db, kDeleteProvider, id));
    if (db->Changes() == 0) {
      return absl::NotFoundError(absl::StrCat("provider ", Quoted(id), " does not exist"));
    }
  }
  return absl::OkStatus();
}

// The records in key order. Inserting in key order appends to the B-trees instead of
// splitting pages all over them: a shuffled import of 200,000 credentials took twice the
// CPU of a sorted one. The sort is stable, so of two upserts of one id the later still wins.
template <typename Record, typename Less>
std::vector<const Record*> InKeyOrder(const std::vector<Record>& records, Less less) {
  std::vector<const Record*> ordered;
  ordered.reserve(records.size());
  for (const Record& record : records) ordered.push_back(&record);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const Record* a, const Record* b) { return less(*a, *b); });
  return ordered;
}

constexpr auto kIdLess = [](const auto& a, const auto& b) { return a.id < b.id; };

bool LinkLess(const core::Link& a, const core::Link& b) {
  return std::tie(a.from_id, a.to_id, a.type, a.group) <
         std::tie(b.from_id, b.to_id, b.type, b.group);
}

absl::Status UpsertRecords(Connection* db, const CatalogWrite& write) {
  for (const core::Provider* p : InKeyOrder(write.upsert_providers, kIdLess)) {
    RETURN_IF_ERROR(InRecord(UpsertProvider(db, *p), "provider", p->id));
  }
  for (const core::Credential* c : InKeyOrder(write.upsert_credentials, kIdLess)) {
    RETURN_IF_ERROR(InRecord(UpsertCredential(db, *c), "credential", c->id));
  }
  for (const core::Qualification* q : InKeyOrder(write.upsert_qualifications, kIdLess)) {
    RETURN_IF_ERROR(InRecord(UpsertQualification(db, *q), "qualification", q->id));
  }
  for (const core::Link* link : InKeyOrder(write.upsert_links, LinkLess)) {
    const core::Link& l = *link;
    absl::Status status = UpsertLink(db, l);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat(LinkName(l.from_id, l.to_id, l.type, l.group),
                                                      ": ", std::string(status.message())));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> WriteCatalog(Connection* connection, const CatalogWrite& write) {
  Transaction transaction(connection);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));
  if (write.replace_all) RETURN_IF_ERROR(connection->Execute(kDeleteWholeCatalog));
  RETURN_IF_ERROR(DeleteRecords(connection, write));
  RETURN_IF_ERROR(UpsertRecords(connection, write));
  RETURN_IF_ERROR(CheckHeldCredentialsRemain(connection, write));

  int64_t version = 0;
  {
    ASSIGN_OR_RETURN(Statement s, connection->Prepare(kIncrementCatalogVersion));
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::DataLossError("meta table has no catalog_version");
    version = s.ColumnInt(0);
    RETURN_IF_ERROR(s.Run());
  }
  absl::Status committed = transaction.Commit();
  if (committed.code() == absl::StatusCode::kFailedPrecondition && connection->InTransaction()) {
    return ExplainDanglingReferences(connection, committed);
  }
  RETURN_IF_ERROR(committed);
  return version;
}

}  // namespace credpath::storage::sqlite
