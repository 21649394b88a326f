#include "storage/sqlite/schema.h"

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "storage/sqlite/connection.h"

namespace credpath::storage::sqlite {
namespace {

// Version 1: the whole domain model of core/catalog.h. Conventions (docs/storage.md):
// every table STRICT; tables keyed by text ids are WITHOUT ROWID so that the primary key
// is the table's order; lists are child tables keyed by (owner, position); dates are
// INTEGER days since 1970-01-01; enums are their credpath.v1 numbers; an empty optional
// reference is NULL. References between records are DEFERRABLE INITIALLY DEFERRED, so a
// batch may write records in any order and is checked as a whole at COMMIT; rows owned by
// a record are deleted with it (ON DELETE CASCADE).
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE meta (
  key TEXT NOT NULL PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO meta (key, value)
  VALUES ('schema_version', 0), ('compatible_version', 0), ('catalog_version', 0);

CREATE TABLE provider (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
  name TEXT NOT NULL,
  standing REAL NOT NULL,
  industry_standing REAL NOT NULL,
  quality_assured INTEGER NOT NULL,
  quality_assured_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE provider_region (
  provider_id TEXT NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  region TEXT NOT NULL,
  PRIMARY KEY (provider_id, position)
) STRICT, WITHOUT ROWID;

-- One namespace for credential and qualification ids: both reference their node row by
-- (id, kind), and links, core items and rule items reference nodes.
CREATE TABLE node (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),  -- 1 credential, 2 qualification
  UNIQUE (id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE credential (
  id TEXT NOT NULL PRIMARY KEY,
  kind INTEGER NOT NULL DEFAULT 1 CHECK (kind = 1),
  title TEXT NOT NULL,
  provider_id TEXT NOT NULL REFERENCES provider (id) DEFERRABLE INITIALLY DEFERRED,
  partner_provider_id TEXT REFERENCES provider (id) DEFERRABLE INITIALLY DEFERRED,
  level_framework INTEGER NOT NULL,
  level_value INTEGER NOT NULL,
  employer_recognition INTEGER NOT NULL,
  attestation INTEGER NOT NULL,
  portable INTEGER NOT NULL,
  tamper_proof INTEGER NOT NULL,
  industry_accredited INTEGER NOT NULL,
  industry_accreditor TEXT NOT NULL,
  summative_assessment INTEGER NOT NULL,
  assessment_quantum INTEGER NOT NULL,
  identity_verified INTEGER NOT NULL,
  main_assessor INTEGER NOT NULL,
  formative_feedback INTEGER NOT NULL,
  educator_engagement INTEGER NOT NULL,
  peer_engagement INTEGER NOT NULL,
  industry_engagement INTEGER NOT NULL,
  career_advice INTEGER NOT NULL,
  fee_minor INTEGER NOT NULL,
  fee_currency TEXT NOT NULL,
  payment_options INTEGER NOT NULL,
  effort_hours INTEGER NOT NULL,
  delivery_mode INTEGER NOT NULL,
  onsite_days INTEGER NOT NULL,
  pacing INTEGER NOT NULL,
  synchronous INTEGER NOT NULL,
  duration_weeks INTEGER NOT NULL,
  validity_months INTEGER NOT NULL,
  language TEXT NOT NULL,
  valid_from INTEGER,
  valid_to INTEGER,
  FOREIGN KEY (id, kind) REFERENCES node (id, kind) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX credential_by_provider ON credential (provider_id);
CREATE INDEX credential_by_partner ON credential (partner_provider_id)
  WHERE partner_provider_id IS NOT NULL;

CREATE TABLE credential_field (
  credential_id TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (credential_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE credential_skill (
  credential_id TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  skill TEXT NOT NULL,
  PRIMARY KEY (credential_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE credential_outcome (
  credential_id TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY (credential_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE credential_offering (
  credential_id TEXT NOT NULL REFERENCES credential (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  PRIMARY KEY (credential_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE qualification (
  id TEXT NOT NULL PRIMARY KEY,
  kind INTEGER NOT NULL DEFAULT 2 CHECK (kind = 2),
  title TEXT NOT NULL,
  provider_id TEXT NOT NULL REFERENCES provider (id) DEFERRABLE INITIALLY DEFERRED,
  level_framework INTEGER NOT NULL,
  level_value INTEGER NOT NULL,
  credit_system INTEGER NOT NULL,
  credit_required INTEGER NOT NULL,
  stacked_credit_cap INTEGER NOT NULL,
  recency_months INTEGER NOT NULL,
  employer_recognition INTEGER NOT NULL,
  attestation INTEGER NOT NULL,
  portable INTEGER NOT NULL,
  tamper_proof INTEGER NOT NULL,
  industry_accredited INTEGER NOT NULL,
  industry_accreditor TEXT NOT NULL,
  summative_assessment INTEGER NOT NULL,
  assessment_quantum INTEGER NOT NULL,
  identity_verified INTEGER NOT NULL,
  main_assessor INTEGER NOT NULL,
  formative_feedback INTEGER NOT NULL,
  educator_engagement INTEGER NOT NULL,
  peer_engagement INTEGER NOT NULL,
  industry_engagement INTEGER NOT NULL,
  career_advice INTEGER NOT NULL,
  FOREIGN KEY (id, kind) REFERENCES node (id, kind) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX qualification_by_provider ON qualification (provider_id);

CREATE TABLE qualification_field (
  qualification_id TEXT NOT NULL REFERENCES qualification (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (qualification_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE qualification_outcome (
  qualification_id TEXT NOT NULL REFERENCES qualification (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY (qualification_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE qualification_core (
  qualification_id TEXT NOT NULL REFERENCES qualification (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL REFERENCES node (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (qualification_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX qualification_core_by_item ON qualification_core (item_id);

-- The rule tree, numbered in pre-order: the root is node 0 and a parent precedes its
-- children, so one ordered scan rebuilds the tree.
CREATE TABLE rule_node (
  qualification_id TEXT NOT NULL REFERENCES qualification (id) ON DELETE CASCADE,
  node_no INTEGER NOT NULL,
  parent_no INTEGER,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  min_items INTEGER NOT NULL,
  min_credits INTEGER NOT NULL,
  min_groups INTEGER NOT NULL,
  min_level INTEGER NOT NULL,
  allow_double_counting INTEGER NOT NULL,
  PRIMARY KEY (qualification_id, node_no),
  CHECK ((node_no = 0 AND parent_no IS NULL) OR (parent_no >= 0 AND parent_no < node_no))
) STRICT, WITHOUT ROWID;

CREATE TABLE rule_item (
  qualification_id TEXT NOT NULL,
  node_no INTEGER NOT NULL,
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL REFERENCES node (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (qualification_id, node_no, position),
  FOREIGN KEY (qualification_id, node_no) REFERENCES rule_node (qualification_id, node_no)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX rule_item_by_item ON rule_item (item_id);

CREATE TABLE link (
  from_id TEXT NOT NULL REFERENCES node (id) DEFERRABLE INITIALLY DEFERRED,
  to_id TEXT NOT NULL REFERENCES node (id) DEFERRABLE INITIALLY DEFERRED,
  type INTEGER NOT NULL,
  link_group INTEGER NOT NULL,
  credit_points INTEGER NOT NULL,
  overlap_fraction REAL NOT NULL,
  PRIMARY KEY (from_id, to_id, type, link_group)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_by_to ON link (to_id);

CREATE TABLE learner (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
  display_name TEXT NOT NULL,
  target_qualification_id TEXT NOT NULL,
  motivation INTEGER NOT NULL,
  purpose INTEGER NOT NULL,
  level_framework INTEGER NOT NULL,
  level_value INTEGER NOT NULL,
  life_stage INTEGER NOT NULL,
  money_budget_minor INTEGER NOT NULL,
  money_budget_currency TEXT NOT NULL,
  funding_minor INTEGER NOT NULL,
  funding_currency TEXT NOT NULL,
  funding_sources INTEGER NOT NULL,
  hours_per_week INTEGER NOT NULL,
  time_budget_hours INTEGER NOT NULL,
  deadline INTEGER,
  can_attend_onsite INTEGER NOT NULL,
  max_onsite_days INTEGER NOT NULL,
  competing_hours_per_week INTEGER NOT NULL,
  opportunity_cost_per_hour_minor INTEGER NOT NULL,
  preferred_assessor INTEGER NOT NULL,
  preferred_peer_engagement INTEGER NOT NULL,
  preferred_pacing INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE learner_prior_skill (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  skill TEXT NOT NULL,
  PRIMARY KEY (learner_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE learner_wanted_skill (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  skill TEXT NOT NULL,
  PRIMARY KEY (learner_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE learner_language (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  language TEXT NOT NULL,
  PRIMARY KEY (learner_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE learner_preferred_delivery (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  delivery_mode INTEGER NOT NULL,
  PRIMARY KEY (learner_id, position)
) STRICT, WITHOUT ROWID;

-- Keyed by credential: a learner holds a credential once. `position` keeps the order in
-- which they were recorded.
CREATE TABLE held_credential (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL REFERENCES credential (id) DEFERRABLE INITIALLY DEFERRED,
  position INTEGER NOT NULL,
  earned_on INTEGER NOT NULL,
  grade TEXT NOT NULL,
  PRIMARY KEY (learner_id, credential_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX held_credential_by_credential ON held_credential (credential_id);

-- An advisor's decision is a record of what was granted, so it names its credential
-- without a foreign key and outlives catalogue changes.
CREATE TABLE learner_override (
  learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  credential_id TEXT NOT NULL,
  target TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_on INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (learner_id, position)
) STRICT, WITHOUT ROWID;

-- Payloads can be large, so this is a rowid table (WITHOUT ROWID suits small rows).
-- learner_id is NULL for a plan made from an inline profile.
CREATE TABLE saved_plan (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
  learner_id TEXT REFERENCES learner (id) ON DELETE CASCADE,
  created_unix_ms INTEGER NOT NULL,
  payload BLOB NOT NULL
) STRICT;
CREATE INDEX saved_plan_by_learner ON saved_plan (learner_id, created_unix_ms DESC, id DESC);
)sql";

constexpr char kCountTables[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'table'";
constexpr char kCountMetaTables[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'";
constexpr char kGetMeta[] = "SELECT value FROM meta WHERE key = ?";
constexpr char kSetMeta[] = "UPDATE meta SET value = ? WHERE key = ?";

absl::Status CheckMigrations(const std::vector<Migration>& migrations) {
  if (migrations.empty()) return absl::InvalidArgumentError("no schema migrations");
  int32_t previous = 0;
  for (const Migration& step : migrations) {
    if (step.version <= previous || step.compatible_version > step.version ||
        step.compatible_version < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("schema migration ", step.version,
                       ": versions must increase and compatible_version must be in [1, version]"));
    }
    previous = step.version;
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> CountOf(Connection* connection, const char* sql) {
  ASSIGN_OR_RETURN(Statement statement, connection->Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return absl::InternalError(absl::StrCat("no result from \"", sql, "\""));
  return statement.ColumnInt(0);
}

absl::StatusOr<int32_t> GetMeta(Connection* connection, const std::string& key) {
  ASSIGN_OR_RETURN(Statement statement, connection->Prepare(kGetMeta));
  statement.BindText(1, key);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return absl::DataLossError(absl::StrCat("meta table has no ", key));
  return static_cast<int32_t>(statement.ColumnInt(0));
}

absl::Status SetMeta(Connection* connection, const std::string& key, int64_t value) {
  ASSIGN_OR_RETURN(Statement statement, connection->Prepare(kSetMeta));
  statement.BindInt(1, value);
  statement.BindText(2, key);
  return statement.Run();
}

}  // namespace

const std::vector<Migration>& DefaultMigrations() {
  static const auto* const kMigrations = new std::vector<Migration>{
      {.version = 1, .compatible_version = 1, .sql = kSchemaV1},
  };
  return *kMigrations;
}

absl::StatusOr<SchemaVersions> Migrate(Connection* connection,
                                       const std::vector<Migration>& migrations) {
  RETURN_IF_ERROR(CheckMigrations(migrations));
  const int32_t code_version = migrations.back().version;
  // IMMEDIATE: two processes opening a new file at once must not both create the schema.
  Transaction transaction(connection);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));

  SchemaVersions versions;
  ASSIGN_OR_RETURN(int64_t meta_tables, CountOf(connection, kCountMetaTables));
  if (meta_tables == 0) {
    ASSIGN_OR_RETURN(int64_t tables, CountOf(connection, kCountTables));
    if (tables > 0) {
      return absl::FailedPreconditionError(
          "not a credpath database: it has tables but no meta table");
    }
  } else {
    ASSIGN_OR_RETURN(versions.schema_version, GetMeta(connection, "schema_version"));
    ASSIGN_OR_RETURN(versions.compatible_version, GetMeta(connection, "compatible_version"));
  }
  if (versions.compatible_version > code_version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database schema version ", versions.schema_version, " needs code of schema version ",
        versions.compatible_version, " or later; this code has schema version ", code_version,
        ": upgrade credpath (the database is left unchanged)"));
  }
  bool migrated = false;
  for (const Migration& step : migrations) {
    if (step.version <= versions.schema_version) continue;
    absl::Status status = connection->Execute(step.sql);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("schema migration to version ", step.version,
                                                      " failed: ", status.message()));
    }
    versions = {step.version, step.compatible_version};
    migrated = true;
  }
  if (!migrated) return versions;  // the read-only path: nothing to commit
  RETURN_IF_ERROR(SetMeta(connection, "schema_version", versions.schema_version));
  RETURN_IF_ERROR(SetMeta(connection, "compatible_version", versions.compatible_version));
  RETURN_IF_ERROR(transaction.Commit());
  return versions;
}

}  // namespace credpath::storage::sqlite
