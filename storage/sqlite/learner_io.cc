#include "storage/sqlite/learner_io.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"

namespace credpath::storage::sqlite {
namespace {

constexpr char kLearnerExists[] = "SELECT 1 FROM learner WHERE id = ?";
constexpr char kCredentialExists[] = "SELECT 1 FROM credential WHERE id = ?";

constexpr char kSelectLearner[] =
    "SELECT display_name, target_qualification_id, motivation, purpose, level_framework, "
    "level_value, life_stage, money_budget_minor, money_budget_currency, funding_minor, "
    "funding_currency, funding_sources, hours_per_week, time_budget_hours, deadline, "
    "can_attend_onsite, max_onsite_days, competing_hours_per_week, "
    "opportunity_cost_per_hour_minor, preferred_assessor, preferred_peer_engagement, "
    "preferred_pacing FROM learner WHERE id = ?";
constexpr char kSelectPriorSkills[] =
    "SELECT skill FROM learner_prior_skill WHERE learner_id = ? ORDER BY position";
constexpr char kSelectWantedSkills[] =
    "SELECT skill FROM learner_wanted_skill WHERE learner_id = ? ORDER BY position";
constexpr char kSelectLanguages[] =
    "SELECT language FROM learner_language WHERE learner_id = ? ORDER BY position";
constexpr char kSelectPreferredDelivery[] =
    "SELECT delivery_mode FROM learner_preferred_delivery WHERE learner_id = ? "
    "ORDER BY position";
constexpr char kSelectHeld[] =
    "SELECT credential_id, earned_on, grade FROM held_credential WHERE learner_id = ? "
    "ORDER BY position";
constexpr char kSelectOverrides[] =
    "SELECT kind, credential_id, target, granted_by, granted_on, reason FROM learner_override "
    "WHERE learner_id = ? ORDER BY position";

// An upsert rather than delete and insert: deleting the row would cascade to the
// learner's saved plans.
constexpr char kUpsertLearner[] =
    "INSERT INTO learner (id, display_name, target_qualification_id, motivation, purpose, "
    "level_framework, level_value, life_stage, money_budget_minor, money_budget_currency, "
    "funding_minor, funding_currency, funding_sources, hours_per_week, time_budget_hours, "
    "deadline, can_attend_onsite, max_onsite_days, competing_hours_per_week, "
    "opportunity_cost_per_hour_minor, preferred_assessor, preferred_peer_engagement, "
    "preferred_pacing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?) ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, "
    "target_qualification_id = excluded.target_qualification_id, "
    "motivation = excluded.motivation, purpose = excluded.purpose, "
    "level_framework = excluded.level_framework, level_value = excluded.level_value, "
    "life_stage = excluded.life_stage, money_budget_minor = excluded.money_budget_minor, "
    "money_budget_currency = excluded.money_budget_currency, "
    "funding_minor = excluded.funding_minor, funding_currency = excluded.funding_currency, "
    "funding_sources = excluded.funding_sources, hours_per_week = excluded.hours_per_week, "
    "time_budget_hours = excluded.time_budget_hours, deadline = excluded.deadline, "
    "can_attend_onsite = excluded.can_attend_onsite, "
    "max_onsite_days = excluded.max_onsite_days, "
    "competing_hours_per_week = excluded.competing_hours_per_week, "
    "opportunity_cost_per_hour_minor = excluded.opportunity_cost_per_hour_minor, "
    "preferred_assessor = excluded.preferred_assessor, "
    "preferred_peer_engagement = excluded.preferred_peer_engagement, "
    "preferred_pacing = excluded.preferred_pacing";
constexpr char kDeletePriorSkills[] = "DELETE FROM learner_prior_skill WHERE learner_id = ?";
constexpr char kDeleteWantedSkills[] = "DELETE FROM learner_wanted_skill WHERE learner_id = ?";
constexpr char kDeleteLanguages[] = "DELETE FROM learner_language WHERE learner_id = ?";
constexpr char kDeletePreferredDelivery[] =
    "DELETE FROM learner_preferred_delivery WHERE learner_id = ?";
constexpr char kDeleteHeld[] = "DELETE FROM held_credential WHERE learner_id = ?";
constexpr char kDeleteOverrides[] = "DELETE FROM learner_override WHERE learner_id = ?";
constexpr const char* kDeleteLearnerLists[] = {kDeletePriorSkills, kDeleteWantedSkills,
                                               kDeleteLanguages,   kDeletePreferredDelivery,
                                               kDeleteHeld,        kDeleteOverrides};
constexpr char kInsertPriorSkill[] =
    "INSERT INTO learner_prior_skill (learner_id, position, skill) VALUES (?, ?, ?)";
constexpr char kInsertWantedSkill[] =
    "INSERT INTO learner_wanted_skill (learner_id, position, skill) VALUES (?, ?, ?)";
constexpr char kInsertLanguage[] =
    "INSERT INTO learner_language (learner_id, position, language) VALUES (?, ?, ?)";
constexpr char kInsertPreferredDelivery[] =
    "INSERT INTO learner_preferred_delivery (learner_id, position, delivery_mode) "
    "VALUES (?, ?, ?)";
constexpr char kInsertOverride[] =
    "INSERT INTO learner_override (learner_id, position, kind, credential_id, target, "
    "granted_by, granted_on, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertHeld[] =
    "INSERT INTO held_credential (learner_id, credential_id, position, earned_on, grade) "
    "VALUES (?, ?, ?, ?, ?)";
// A credential recorded again keeps its place; a new one goes last.
constexpr char kUpsertHeld[] =
    "INSERT INTO held_credential (learner_id, credential_id, position, earned_on, grade) "
    "VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM held_credential "
    "WHERE learner_id = ?1), ?3, ?4) ON CONFLICT (learner_id, credential_id) DO UPDATE SET "
    "earned_on = excluded.earned_on, grade = excluded.grade";
constexpr char kDeleteLearner[] = "DELETE FROM learner WHERE id = ?";

constexpr char kPlanExists[] = "SELECT 1 FROM saved_plan WHERE id = ?";
constexpr char kInsertPlan[] =
    "INSERT INTO saved_plan (id, learner_id, created_unix_ms, payload) VALUES (?, ?, ?, ?)";
constexpr char kSelectPlan[] =
    "SELECT learner_id, created_unix_ms, payload FROM saved_plan WHERE id = ?";
constexpr char kSelectPlansFirst[] =
    "SELECT id, created_unix_ms, payload FROM saved_plan WHERE learner_id = ? "
    "ORDER BY created_unix_ms DESC, id DESC LIMIT ?";
constexpr char kSelectPlansAfter[] =
    "SELECT id, created_unix_ms, payload FROM saved_plan "
    "WHERE learner_id = ?1 AND (created_unix_ms, id) < (?2, ?3) "
    "ORDER BY created_unix_ms DESC, id DESC LIMIT ?4";

std::string Quoted(const std::string& id) { return absl::StrCat("\"", id, "\""); }

absl::StatusOr<bool> Exists(Connection* db, const char* sql, const std::string& id) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  s.BindText(1, id);
  return s.Step();
}

absl::Status CheckLearnerExists(Connection* db, const std::string& id) {
  ASSIGN_OR_RETURN(bool exists, Exists(db, kLearnerExists, id));
  if (!exists) return absl::NotFoundError(absl::StrCat("learner ", Quoted(id), " does not exist"));
  return absl::OkStatus();
}

absl::Status CheckHeldCredentialsExist(Connection* db,
                                       const std::vector<core::HeldCredential>& held) {
  for (size_t i = 0; i < held.size(); ++i) {
    ASSIGN_OR_RETURN(bool exists, Exists(db, kCredentialExists, held[i].credential_id));
    if (!exists) {
      return absl::NotFoundError(absl::StrCat("held[", i, "].credential_id: credential ",
                                              Quoted(held[i].credential_id), " does not exist"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ReadStrings(Connection* db, const char* sql,
                                                     const std::string& id) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
  s.BindText(1, id);
  std::vector<std::string> values;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return values;
    values.push_back(s.ColumnText(0));
  }
}

absl::Status ReadLearnerLists(Connection* db, core::Learner* learner) {
  ASSIGN_OR_RETURN(learner->profile.prior_skills, ReadStrings(db, kSelectPriorSkills, learner->id));
  ASSIGN_OR_RETURN(learner->wanted_skills, ReadStrings(db, kSelectWantedSkills, learner->id));
  ASSIGN_OR_RETURN(learner->profile.languages, ReadStrings(db, kSelectLanguages, learner->id));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectPreferredDelivery));
    s.BindText(1, learner->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      learner->profile.preferred_delivery.push_back(
          static_cast<core::DeliveryMode>(s.ColumnInt(0)));
    }
  }
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectHeld));
    s.BindText(1, learner->id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      learner->held.push_back({s.ColumnText(0), s.ColumnDate(1), s.ColumnText(2)});
    }
  }
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectOverrides));
  s.BindText(1, learner->id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    core::Override& o = learner->overrides.emplace_back();
    o.kind = static_cast<core::OverrideKind>(s.ColumnInt(0));
    o.credential_id = s.ColumnText(1);
    o.target = s.ColumnText(2);
    o.granted_by = s.ColumnText(3);
    o.granted_on = s.ColumnDate(4);
    o.reason = s.ColumnText(5);
  }
}

absl::Status InsertStrings(Connection* db, const char* sql, const std::string& owner,
                           const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
    s.BindText(1, owner);
    s.BindInt(2, static_cast<int64_t>(i));
    s.BindText(3, values[i]);
    RETURN_IF_ERROR(s.Run());
  }
  return absl::OkStatus();
}

absl::Status UpsertHeld(Connection* db, const std::string& learner_id,
                        const core::HeldCredential& held) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kUpsertHeld));
  s.BindText(1, learner_id);
  s.BindText(2, held.credential_id);
  s.BindDate(3, held.earned_on);
  s.BindText(4, held.grade);
  return s.Run();
}

absl::Status WriteLearnerRows(Connection* db, const core::Learner& learner) {
  const core::LearnerProfile& p = learner.profile;
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kUpsertLearner));
    int i = 1;
    s.BindText(i++, learner.id);
    s.BindText(i++, learner.display_name);
    s.BindText(i++, learner.target_qualification_id);
    s.BindInt(i++, static_cast<int64_t>(p.motivation));
    s.BindInt(i++, static_cast<int64_t>(p.purpose));
    s.BindInt(i++, static_cast<int64_t>(p.level_reached.framework));
    s.BindInt(i++, p.level_reached.value);
    s.BindInt(i++, static_cast<int64_t>(p.life_stage));
    s.BindInt(i++, p.money_budget.minor_units);
    s.BindText(i++, p.money_budget.currency);
    s.BindInt(i++, p.funding.minor_units);
    s.BindText(i++, p.funding.currency);
    s.BindInt(i++, p.funding_sources);
    s.BindInt(i++, p.hours_per_week);
    s.BindInt(i++, p.time_budget_hours);
    s.BindDateOrNull(i++, p.deadline);
    s.BindBool(i++, p.can_attend_onsite);
    s.BindInt(i++, p.max_onsite_days);
    s.BindInt(i++, p.competing_hours_per_week);
    s.BindInt(i++, p.opportunity_cost_per_hour_minor);
    s.BindInt(i++, static_cast<int64_t>(p.preferred_assessor));
    s.BindInt(i++, static_cast<int64_t>(p.preferred_peer_engagement));
    s.BindInt(i++, static_cast<int64_t>(p.preferred_pacing));
    RETURN_IF_ERROR(s.Run());
  }
  for (const char* sql : kDeleteLearnerLists) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(sql));
    s.BindText(1, learner.id);
    RETURN_IF_ERROR(s.Run());
  }
  RETURN_IF_ERROR(InsertStrings(db, kInsertPriorSkill, learner.id, p.prior_skills));
  RETURN_IF_ERROR(InsertStrings(db, kInsertWantedSkill, learner.id, learner.wanted_skills));
  RETURN_IF_ERROR(InsertStrings(db, kInsertLanguage, learner.id, p.languages));
  for (size_t k = 0; k < p.preferred_delivery.size(); ++k) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertPreferredDelivery));
    s.BindText(1, learner.id);
    s.BindInt(2, static_cast<int64_t>(k));
    s.BindInt(3, static_cast<int64_t>(p.preferred_delivery[k]));
    RETURN_IF_ERROR(s.Run());
  }
  // A plain insert: a credential listed twice is a constraint failure, not a silent merge.
  for (size_t k = 0; k < learner.held.size(); ++k) {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertHeld));
    s.BindText(1, learner.id);
    s.BindText(2, learner.held[k].credential_id);
    s.BindInt(3, static_cast<int64_t>(k));
    s.BindDate(4, learner.held[k].earned_on);
    s.BindText(5, learner.held[k].grade);
    RETURN_IF_ERROR(s.Run());
  }
  for (size_t k = 0; k < learner.overrides.size(); ++k) {
    const core::Override& o = learner.overrides[k];
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertOverride));
    s.BindText(1, learner.id);
    s.BindInt(2, static_cast<int64_t>(k));
    s.BindInt(3, static_cast<int64_t>(o.kind));
    s.BindText(4, o.credential_id);
    s.BindText(5, o.target);
    s.BindText(6, o.granted_by);
    s.BindDate(7, o.granted_on);
    s.BindText(8, o.reason);
    RETURN_IF_ERROR(s.Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<core::Learner> ReadLearner(Connection* db, const std::string& id) {
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kRead));
  core::Learner learner;
  learner.id = id;
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectLearner));
    s.BindText(1, id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::NotFoundError(absl::StrCat("learner ", Quoted(id), " does not exist"));
    core::LearnerProfile& p = learner.profile;
    int i = 0;
    learner.display_name = s.ColumnText(i++);
    learner.target_qualification_id = s.ColumnText(i++);
    p.motivation = static_cast<core::Motivation>(s.ColumnInt(i++));
    p.purpose = static_cast<core::CredentialingPurpose>(s.ColumnInt(i++));
    p.level_reached.framework = static_cast<core::LevelFramework>(s.ColumnInt(i++));
    p.level_reached.value = static_cast<int32_t>(s.ColumnInt(i++));
    p.life_stage = static_cast<core::LifeStage>(s.ColumnInt(i++));
    p.money_budget.minor_units = s.ColumnInt(i++);
    p.money_budget.currency = s.ColumnText(i++);
    p.funding.minor_units = s.ColumnInt(i++);
    p.funding.currency = s.ColumnText(i++);
    p.funding_sources = static_cast<uint32_t>(s.ColumnInt(i++));
    p.hours_per_week = s.ColumnInt(i++);
    p.time_budget_hours = s.ColumnInt(i++);
    p.deadline = s.ColumnOptionalDate(i++);
    p.can_attend_onsite = s.ColumnBool(i++);
    p.max_onsite_days = static_cast<int32_t>(s.ColumnInt(i++));
    p.competing_hours_per_week = s.ColumnInt(i++);
    p.opportunity_cost_per_hour_minor = s.ColumnInt(i++);
    p.preferred_assessor = static_cast<core::Assessor>(s.ColumnInt(i++));
    p.preferred_peer_engagement = static_cast<core::Level3>(s.ColumnInt(i++));
    p.preferred_pacing = static_cast<core::Pacing>(s.ColumnInt(i++));
  }
  RETURN_IF_ERROR(ReadLearnerLists(db, &learner));
  RETURN_IF_ERROR(transaction.Commit());
  return learner;
}

absl::Status WriteLearner(Connection* db, const core::Learner& learner) {
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));
  RETURN_IF_ERROR(CheckHeldCredentialsExist(db, learner.held));
  absl::Status written = WriteLearnerRows(db, learner);
  if (!written.ok()) {
    return absl::Status(written.code(), absl::StrCat("learner ", Quoted(learner.id), ": ",
                                                     std::string(written.message())));
  }
  return transaction.Commit();
}

absl::Status RemoveLearner(Connection* db, const std::string& id) {
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));
  {
    // Cascades to the learner's lists, held credentials, overrides and saved plans.
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kDeleteLearner));
    s.BindText(1, id);
    RETURN_IF_ERROR(s.Run());
  }
  if (db->Changes() == 0) {
    return absl::NotFoundError(absl::StrCat("learner ", Quoted(id), " does not exist"));
  }
  return transaction.Commit();
}

absl::Status AddHeldCredentials(Connection* db, const std::string& learner_id,
                                const std::vector<core::HeldCredential>& held) {
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));
  RETURN_IF_ERROR(CheckLearnerExists(db, learner_id));
  RETURN_IF_ERROR(CheckHeldCredentialsExist(db, held));
  for (const core::HeldCredential& h : held) RETURN_IF_ERROR(UpsertHeld(db, learner_id, h));
  return transaction.Commit();
}

absl::Status InsertPlan(Connection* db, const SavedPlan& plan) {
  if (plan.id.empty()) return absl::InvalidArgumentError("plan id: must not be empty");
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN(bool taken, Exists(db, kPlanExists, plan.id));
  if (taken) return absl::AlreadyExistsError(absl::StrCat("plan ", Quoted(plan.id), " exists"));
  if (!plan.learner_id.empty()) RETURN_IF_ERROR(CheckLearnerExists(db, plan.learner_id));
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(kInsertPlan));
    s.BindText(1, plan.id);
    s.BindTextOrNull(2, plan.learner_id);
    s.BindInt(3, plan.created_unix_ms);
    s.BindBlob(4, plan.payload);
    RETURN_IF_ERROR(s.Run());
  }
  return transaction.Commit();
}

absl::StatusOr<SavedPlan> ReadPlan(Connection* db, const std::string& id) {
  ASSIGN_OR_RETURN(Statement s, db->Prepare(kSelectPlan));
  s.BindText(1, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::NotFoundError(absl::StrCat("plan ", Quoted(id), " does not exist"));
  return SavedPlan{id, s.ColumnText(0), s.ColumnInt(1), s.ColumnBlob(2)};
}

absl::StatusOr<std::vector<SavedPlan>> ReadPlans(Connection* db, const std::string& learner_id,
                                                 int32_t limit, const std::string& after_id) {
  if (learner_id.empty()) return absl::InvalidArgumentError("learner_id: must not be empty");
  if (limit <= 0) return absl::InvalidArgumentError("limit: must be positive");
  Transaction transaction(db);
  RETURN_IF_ERROR(transaction.Begin(Transaction::Mode::kRead));
  RETURN_IF_ERROR(CheckLearnerExists(db, learner_id));
  std::optional<SavedPlan> after;
  if (!after_id.empty()) {
    ASSIGN_OR_RETURN(after, ReadPlan(db, after_id));
    if (after->learner_id != learner_id) {
      return absl::InvalidArgumentError(
          absl::StrCat("after_id: plan ", Quoted(after_id), " belongs to another learner"));
    }
  }
  std::vector<SavedPlan> plans;
  {
    ASSIGN_OR_RETURN(Statement s, db->Prepare(after ? kSelectPlansAfter : kSelectPlansFirst));
    s.BindText(1, learner_id);
    if (after) {
      s.BindInt(2, after->created_unix_ms);
      s.BindText(3, after->id);
      s.BindInt(4, limit);
    } else {
      s.BindInt(2, limit);
    }
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      plans.push_back(SavedPlan{s.ColumnText(0), learner_id, s.ColumnInt(1), s.ColumnBlob(2)});
    }
  }
  RETURN_IF_ERROR(transaction.Commit());
  return plans;
}

}  // namespace credpath::storage::sqlite
