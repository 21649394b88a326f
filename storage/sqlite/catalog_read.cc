// The read half of catalog_io.h.
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "storage/sqlite/catalog_io.h"

namespace credpath::storage::sqlite {
namespace {

constexpr char kGetCatalogVersion[] = "SELECT value FROM meta WHERE key = 'catalog_version'";

// Counted first so that each vector is allocated once: growing a vector of a million
// records by doubling cost a fifth of the load time.
constexpr char kCountProviders[] = "SELECT count(*) FROM provider";
constexpr char kCountCredentials[] = "SELECT count(*) FROM credential";
constexpr char kCountQualifications[] = "SELECT count(*) FROM qualification";
constexpr char kCountLinks[] = "SELECT count(*) FROM link";

constexpr char kSelectProviders[] =
    "SELECT id, name, standing, industry_standing, quality_assured, quality_assured_by "
    "FROM provider ORDER BY id";
constexpr char kSelectProviderRegions[] =
    "SELECT provider_id, region FROM provider_region ORDER BY provider_id, position";

constexpr char kSelectCredentials[] =
    "SELECT id, title, provider_id, partner_provider_id, level_framework, level_value, "
    "employer_recognition, attestation, portable, tamper_proof, industry_accredited, "
    "industry_accreditor, summative_assessment, assessment_quantum, identity_verified, "
    "main_assessor, formative_feedback, educator_engagement, peer_engagement, "
    "industry_engagement, career_advice, fee_minor, fee_currency, payment_options, "
    "effort_hours, delivery_mode, onsite_days, pacing, synchronous, duration_weeks, "
    "validity_months, language, valid_from, valid_to FROM credential ORDER BY id";
constexpr char kSelectCredentialFields[] =
    "SELECT credential_id, field FROM credential_field ORDER BY credential_id, position";
constexpr char kSelectCredentialSkills[] =
    "SELECT credential_id, skill FROM credential_skill ORDER BY credential_id, position";
constexpr char kSelectCredentialOutcomes[] =
    "SELECT credential_id, outcome FROM credential_outcome ORDER BY credential_id, position";
constexpr char kSelectCredentialOfferings[] =
    "SELECT credential_id, term, start_date FROM credential_offering "
    "ORDER BY credential_id, position";

constexpr char kSelectQualifications[] =
    "SELECT id, title, provider_id, level_framework, level_value, credit_system, "
    "credit_required, stacked_credit_cap, recency_months, employer_recognition, attestation, "
    "portable, tamper_proof, industry_accredited, industry_accreditor, summative_assessment, "
    "assessment_quantum, identity_verified, main_assessor, formative_feedback, "
    "educator_engagement, peer_engagement, industry_engagement, career_advice "
    "FROM qualification ORDER BY id";
constexpr char kSelectQualificationFields[] =
    "SELECT qualification_id, field FROM qualification_field "
    "ORDER BY qualification_id, position";
constexpr char kSelectQualificationOutcomes[] =
    "SELECT qualification_id, outcome FROM qualification_outcome "
    "ORDER BY qualification_id, position";
constexpr char kSelectQualificationCore[] =
    "SELECT qualification_id, item_id FROM qualification_core "
    "ORDER BY qualification_id, position";
constexpr char kSelectRuleNodes[] =
    "SELECT qualification_id, node_no, parent_no, name, kind, min_items, min_credits, "
    "min_groups, min_level, allow_double_counting FROM rule_node "
    "ORDER BY qualification_id, node_no";
constexpr char kSelectRuleItems[] =
    "SELECT qualification_id, node_no, item_id FROM rule_item "
    "ORDER BY qualification_id, node_no, position";

constexpr char kSelectLinks[] =
    "SELECT from_id, to_id, type, link_group, credit_points, overlap_fraction FROM link "
    "ORDER BY from_id, to_id, type, link_group";

absl::Status Reserve(Connection* db, const char* count_sql, auto* records) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(count_sql));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (row) records->reserve(static_cast<size_t>(s.ColumnInt(0)));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> ReadCatalogVersion(Connection* db) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kGetCatalogVersion));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::DataLossError("meta table has no catalog_version");
  return s.ColumnInt(0);
}

absl::Status Orphan(const char* table, std::string_view owner) {
  // Foreign keys make this impossible unless the file was written without them.
  return absl::DataLossError(
      absl::StrCat(table, " has a row for \"", std::string(owner), "\", which does not exist"));
}

// The rows of one child table grouped by owner: owners[k] owns values[k]. Built without
// the owners' records, so that another connection can read it meanwhile.
template <typename Value>
struct Runs {
  std::vector<std::string> owners;
  std::vector<std::vector<Value>> values;
};

// `sql` selects the owner's id first, ordered by owner then position; `read(statement)`
// turns one row into a Value.
template <typename Value, typename Read>
absl::StatusOr<Runs<Value>> ReadRuns(Connection* db, const char* sql, Read read) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  Runs<Value> runs;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return runs;
    const std::string_view owner = s.ColumnView(0);
    if (runs.owners.empty() || runs.owners.back() != owner) {
      runs.owners.emplace_back(owner);
      runs.values.emplace_back();
    }
    runs.values.back().push_back(read(s));
  }
}

std::string ReadText1(const Statement& s) { return s.ColumnText(1); }

// Moves each run into its owner's list; both are ordered by id, so one pass over each.
template <typename Record, typename Value, typename Member>
absl::Status MergeRuns(Runs<Value>&& runs, const char* table, std::vector<Record>& records,
                       Member member) {
  size_t i = 0;
  for (size_t r = 0; r < runs.owners.size(); ++r) {
    const std::string& owner = runs.owners[r];
    while (i < records.size() && records[i].id < owner) ++i;
    if (i == records.size() || records[i].id != owner) return Orphan(table, owner);
    member(records[i]) = std::move(runs.values[r]);
  }
  return absl::OkStatus();
}

template <typename Record, typename Member>
absl::Status ReadStringLists(Connection* db, const char* sql, const char* table,
                             std::vector<Record>& records, Member member) {
  ASSIGN_OR_RETURN(Runs<std::string> runs, ReadRuns<std::string>(db, sql, ReadText1));
  return MergeRuns(std::move(runs), table, records, member);
}

// Streams the rows of `sql` (owner id first, ordered by owner) into records ordered by
// id: `append(index, statement)` consumes one row for records[index].
template <typename Record, typename Append>
absl::Status MergeRows(Connection* db, const char* sql, const char* table,
                       const std::vector<Record>& records, Append append) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  size_t i = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    const std::string_view owner = s.ColumnView(0);
    while (i < records.size() && std::string_view(records[i].id) < owner) ++i;
    if (i == records.size() || records[i].id != owner) return Orphan(table, owner);
    RETURN_IF_ERROR(append(i, s));
  }
}

// Reads the 15 benefit columns from `column`; returns the next column.
int ReadBenefits(const Statement& s, int column, core::BenefitFacts* b) {
  b->employer_recognition = static_cast<core::Level3>(s.ColumnInt(column++));
  b->attestation = static_cast<uint32_t>(s.ColumnInt(column++));
  b->portable = s.ColumnBool(column++);
  b->tamper_proof = s.ColumnBool(column++);
  b->industry_accredited = s.ColumnBool(column++);
  b->industry_accreditor = s.ColumnText(column++);
  b->summative_assessment = s.ColumnBool(column++);
  b->assessment_quantum = static_cast<core::Level3>(s.ColumnInt(column++));
  b->identity_verified = s.ColumnBool(column++);
  b->main_assessor = static_cast<core::Assessor>(s.ColumnInt(column++));
  b->formative_feedback = s.ColumnBool(column++);
  b->educator_engagement = static_cast<core::Level3>(s.ColumnInt(column++));
  b->peer_engagement = static_cast<core::Level3>(s.ColumnInt(column++));
  b->industry_engagement = static_cast<core::Level3>(s.ColumnInt(column++));
  b->career_advice = s.ColumnBool(column++);
  return column;
}

absl::Status ReadProviders(Connection* db, std::vector<core::Provider>* providers) {
  RETURN_IF_ERROR(Reserve(db, kCountProviders, providers));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectProviders));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      core::Provider& p = providers->emplace_back();
      p.id = s.ColumnText(0);
      p.name = s.ColumnText(1);
      p.standing = s.ColumnDouble(2);
      p.industry_standing = s.ColumnDouble(3);
      p.quality_assured = s.ColumnBool(4);
      p.quality_assured_by = s.ColumnText(5);
    }
  }
  return ReadStringLists(db, kSelectProviderRegions, "provider_region", *providers,
                         [](core::Provider& p) -> std::vector<std::string>& { return p.regions; });
}

// The credentials' own rows, without their lists.
absl::Status ReadCredentialRows(Connection* db, std::vector<core::Credential>* credentials) {
  RETURN_IF_ERROR(Reserve(db, kCountCredentials, credentials));
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectCredentials));
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    core::Credential& c = credentials->emplace_back();
    int i = 0;
    c.id = s.ColumnText(i++);
    c.title = s.ColumnText(i++);
    c.provider_id = s.ColumnText(i++);
    c.partner_provider_id = s.ColumnText(i++);  // NULL reads as ""
    c.level.framework = static_cast<core::LevelFramework>(s.ColumnInt(i++));
    c.level.value = static_cast<int32_t>(s.ColumnInt(i++));
    i = ReadBenefits(s, i, &c.benefits);
    c.fee.minor_units = s.ColumnInt(i++);
    c.fee.currency = s.ColumnText(i++);
    c.payment_options = static_cast<uint32_t>(s.ColumnInt(i++));
    c.effort_hours = s.ColumnInt(i++);
    c.delivery_mode = static_cast<core::DeliveryMode>(s.ColumnInt(i++));
    c.onsite_days = static_cast<int32_t>(s.ColumnInt(i++));
    c.pacing = static_cast<core::Pacing>(s.ColumnInt(i++));
    c.synchronous = s.ColumnBool(i++);
    c.duration_weeks = static_cast<int32_t>(s.ColumnInt(i++));
    c.validity_months = static_cast<int32_t>(s.ColumnInt(i++));
    c.language = s.ColumnText(i++);
    c.valid_from = s.ColumnOptionalDate(i++);
    c.valid_to = s.ColumnOptionalDate(i++);
  }
}

// The credentials' lists: the part of a large catalogue a second connection reads while
// the first reads the records and the links. The split is by measurement: on a catalogue
// of 1,000,000 credentials and 2,000,000 links each side is about half of the work.
struct CredentialLists {
  Runs<std::string> fields;
  Runs<std::string> skills;
  Runs<std::string> outcomes;
  Runs<core::Offering> offerings;
};

absl::Status ReadLinks(Connection* db, std::vector<core::Link>* links) {
  RETURN_IF_ERROR(Reserve(db, kCountLinks, links));
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectLinks));
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    core::Link& l = links->emplace_back();
    l.from_id = s.ColumnText(0);
    l.to_id = s.ColumnText(1);
    l.type = static_cast<core::LinkType>(s.ColumnInt(2));
    l.group = static_cast<int32_t>(s.ColumnInt(3));
    l.credit_points = s.ColumnInt(4);
    l.overlap_fraction = s.ColumnDouble(5);
  }
}

absl::StatusOr<CredentialLists> ReadCredentialLists(Connection* db) {
  CredentialLists part;
  ASSIGN_OR_RETURN(part.fields, ReadRuns<std::string>(db, kSelectCredentialFields, ReadText1));
  ASSIGN_OR_RETURN(part.skills, ReadRuns<std::string>(db, kSelectCredentialSkills, ReadText1));
  ASSIGN_OR_RETURN(part.outcomes, ReadRuns<std::string>(db, kSelectCredentialOutcomes, ReadText1));
  ASSIGN_OR_RETURN(part.offerings,
                   ReadRuns<core::Offering>(db, kSelectCredentialOfferings, [](const Statement& s) {
                     return core::Offering{s.ColumnText(1), s.ColumnDate(2)};
                   }));
  return part;
}

absl::Status MergeCredentialLists(CredentialLists&& part, CatalogData* data) {
  using core::Credential;
  std::vector<Credential>& credentials = data->credentials;
  RETURN_IF_ERROR(MergeRuns(std::move(part.fields), "credential_field", credentials,
                            [](Credential& c) -> std::vector<std::string>& { return c.fields; }));
  RETURN_IF_ERROR(MergeRuns(std::move(part.skills), "credential_skill", credentials,
                            [](Credential& c) -> std::vector<std::string>& { return c.skills; }));
  RETURN_IF_ERROR(
      MergeRuns(std::move(part.outcomes), "credential_outcome", credentials,
                [](Credential& c) -> std::vector<std::string>& { return c.benefits.outcomes; }));
  RETURN_IF_ERROR(
      MergeRuns(std::move(part.offerings), "credential_offering", credentials,
                [](Credential& c) -> std::vector<core::Offering>& { return c.offerings; }));
  return absl::OkStatus();
}

// One rule node as stored, before the tree is assembled.
struct FlatRuleNode {
  core::RuleNode node;
  std::vector<size_t> children;  // node numbers, in order
};

core::RuleNode AssembleRuleTree(std::vector<FlatRuleNode>& flat, size_t node_no) {
  core::RuleNode node = std::move(flat[node_no].node);
  node.children.reserve(flat[node_no].children.size());
  for (size_t child : flat[node_no].children)
    node.children.push_back(AssembleRuleTree(flat, child));
  return node;
}

absl::Status ReadRuleTrees(Connection* db, std::vector<core::Qualification>* qualifications) {
  std::vector<std::vector<FlatRuleNode>> flat(qualifications->size());
  RETURN_IF_ERROR(MergeRows(
      db, kSelectRuleNodes, "rule_node", *qualifications,
      [&](size_t q, const Statement& s) -> absl::Status {
        std::vector<FlatRuleNode>& nodes = flat[q];
        const int64_t node_no = s.ColumnInt(1);
        // Pre-order numbering from 0 without gaps; a parent precedes its children (the
        // schema's CHECK), which rules out cycles.
        if (node_no != static_cast<int64_t>(nodes.size())) {
          return absl::DataLossError(absl::StrCat("rule_node of \"", (*qualifications)[q].id,
                                                  "\" skips node ", nodes.size()));
        }
        if (node_no > 0) {
          const int64_t parent = s.ColumnInt(2);
          if (s.ColumnIsNull(2) || parent < 0 || parent >= node_no) {
            return absl::DataLossError(absl::StrCat(
                "rule_node ", node_no, " of \"", (*qualifications)[q].id, "\" has a bad parent"));
          }
          nodes[parent].children.push_back(nodes.size());
        }
        core::RuleNode& n = nodes.emplace_back().node;
        n.name = s.ColumnText(3);
        n.kind = static_cast<core::RuleKind>(s.ColumnInt(4));
        n.min_items = static_cast<int32_t>(s.ColumnInt(5));
        n.min_credits = s.ColumnInt(6);
        n.min_groups = static_cast<int32_t>(s.ColumnInt(7));
        n.min_level = static_cast<int32_t>(s.ColumnInt(8));
        n.allow_double_counting = s.ColumnBool(9);
        return absl::OkStatus();
      }));
  RETURN_IF_ERROR(MergeRows(db, kSelectRuleItems, "rule_item", *qualifications,
                            [&](size_t q, const Statement& s) -> absl::Status {
                              const int64_t node_no = s.ColumnInt(1);
                              if (node_no < 0 || node_no >= static_cast<int64_t>(flat[q].size())) {
                                return absl::DataLossError(
                                    absl::StrCat("rule_item of \"", (*qualifications)[q].id,
                                                 "\" names missing node ", node_no));
                              }
                              flat[q][node_no].node.items.push_back(s.ColumnText(2));
                              return absl::OkStatus();
                            }));
  for (size_t q = 0; q < flat.size(); ++q) {
    if (!flat[q].empty()) (*qualifications)[q].rules = AssembleRuleTree(flat[q], 0);
  }
  return absl::OkStatus();
}

absl::Status ReadQualifications(Connection* db, std::vector<core::Qualification>* qualifications) {
  RETURN_IF_ERROR(Reserve(db, kCountQualifications, qualifications));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectQualifications));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      core::Qualification& q = qualifications->emplace_back();
      int i = 0;
      q.id = s.ColumnText(i++);
      q.title = s.ColumnText(i++);
      q.provider_id = s.ColumnText(i++);
      q.level.framework = static_cast<core::LevelFramework>(s.ColumnInt(i++));
      q.level.value = static_cast<int32_t>(s.ColumnInt(i++));
      q.credit_system = static_cast<core::CreditSystem>(s.ColumnInt(i++));
      q.credit_required = s.ColumnInt(i++);
      q.stacked_credit_cap = s.ColumnInt(i++);
      q.recency_months = static_cast<int32_t>(s.ColumnInt(i++));
      ReadBenefits(s, i, &q.benefits);
    }
  }
  using core::Qualification;
  RETURN_IF_ERROR(
      ReadStringLists(db, kSelectQualificationFields, "qualification_field", *qualifications,
                      [](Qualification& q) -> std::vector<std::string>& { return q.fields; }));
  RETURN_IF_ERROR(ReadStringLists(
      db, kSelectQualificationOutcomes, "qualification_outcome", *qualifications,
      [](Qualification& q) -> std::vector<std::string>& { return q.benefits.outcomes; }));
  RETURN_IF_ERROR(
      ReadStringLists(db, kSelectQualificationCore, "qualification_core", *qualifications,
                      [](Qualification& q) -> std::vector<std::string>& { return q.core_ids; }));
  return ReadRuleTrees(db, qualifications);
}

// Everything but the credentials' lists.
absl::Status ReadRecords(Connection* db, CatalogData* data) {
  RETURN_IF_ERROR(ReadProviders(db, &data->providers));
  RETURN_IF_ERROR(ReadCredentialRows(db, &data->credentials));
  RETURN_IF_ERROR(ReadQualifications(db, &data->qualifications));
  return ReadLinks(db, &data->links);
}

// Starts a read transaction on the helper and keeps it only if it sees `version`: the
// catalogue version changes in every transaction that changes the catalogue, so equal
// versions mean both connections read the same catalogue.
bool JoinSnapshot(Connection* helper, Transaction* transaction, int64_t version) {
  if (!transaction->Begin(Transaction::Mode::kRead).ok()) return false;
  absl::StatusOr<int64_t> helper_version = ReadCatalogVersion(helper);
  return helper_version.ok() && *helper_version == version;
}

}  // namespace

absl::StatusOr<CatalogData> ReadCatalog(Connection* connection, Connection* helper) {
  // A read transaction per connection: every table is read at one committed version.
  Transaction transaction(connection);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kRead));
  CatalogData data;
  ASSIGN_OR_RETURN(data.version, ReadCatalogVersion(connection));

  std::optional<Transaction> helper_transaction;
  std::thread worker;
  absl::StatusOr<CredentialLists> part;
  if (helper != nullptr) {
    helper_transaction.emplace(helper);
    if (JoinSnapshot(helper, &*helper_transaction, data.version)) {
      try {
        worker = std::thread([&part, helper] { part = ReadCredentialLists(helper); });
      } catch (const std::system_error&) {
        // No thread to be had: read it all on this connection instead.
      }
    }
  }
  absl::Status records = ReadRecords(connection, &data);
  if (worker.joinable()) {
    worker.join();
  } else {
    part = ReadCredentialLists(connection);
  }
  RETURN_IF_ERROR(records);
  RETURN_IF_ERROR(part.status());
  RETURN_IF_ERROR(MergeCredentialLists(std::move(*part), &data));
  RETURN_IF_ERROR(transaction.Commit());
  return data;
}

}  // namespace credpath::storage::sqlite
