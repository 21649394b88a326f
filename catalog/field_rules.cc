#include "catalog/field_rules.h"

#include <chrono>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace credpath::catalog {
namespace {

using core::LinkType;
using core::RuleKind;

constexpr int32_t DaysOf(std::chrono::year_month_day ymd) {
  return static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}
constexpr int32_t kMinDay = DaysOf(std::chrono::year{1900} / 1 / 1);
constexpr int32_t kMaxDay = DaysOf(std::chrono::year{9999} / 12 / 31);
constexpr int32_t kMaxMonths = 1200;
constexpr int32_t kMaxWeeks = 520;
constexpr int64_t kHoursPerWeek = 168;
constexpr uint32_t kAllAttestationBits = core::kPaper | core::kDigitalCertificate | core::kBadge |
                                         core::kVerifiableCredential;
constexpr uint32_t kAllPaymentBits = core::kUpfront | core::kDeferred | core::kInstalments |
                                     core::kScholarship | core::kEmployerSponsored;

bool IsAsciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// A BCP 47 tag in the shape catalogues use: a 2-3 letter language and optional subtags
// of 1-8 letters or digits ("en", "pt-BR", "zh-Hant-TW").
bool IsLanguageTag(std::string_view tag) {
  if (tag.size() > 35) return false;
  size_t dash = tag.find('-');
  std::string_view language = tag.substr(0, dash);
  if (language.size() < 2 || language.size() > 3) return false;
  for (char c : language) {
    if (!IsAsciiAlpha(c)) return false;
  }
  while (dash != std::string_view::npos) {
    size_t next = tag.find('-', dash + 1);
    std::string_view subtag = tag.substr(dash + 1, next == std::string_view::npos ? next : next - dash - 1);
    if (subtag.empty() || subtag.size() > 8) return false;
    for (char c : subtag) {
      if (!IsAsciiAlpha(c) && !IsAsciiDigit(c)) return false;
    }
    dash = next;
  }
  return true;
}

// ISCED-F 2013: broad (2 digits), narrow (3) or detailed (4) field.
bool IsIscedCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

std::string FrameworkName(core::LevelFramework framework) {
  switch (framework) {
    case core::LevelFramework::kEqf: return "EQF";
    case core::LevelFramework::kAqf: return "AQF";
    case core::LevelFramework::kNzqf: return "NZQF";
    case core::LevelFramework::kRqf: return "RQF";
    case core::LevelFramework::kOther: return "OTHER";
    case core::LevelFramework::kUnspecified: break;
  }
  return "UNSPECIFIED";
}

// The highest level of a framework; 0 for values outside the enum.
int32_t MaxLevel(core::LevelFramework framework) {
  switch (framework) {
    case core::LevelFramework::kEqf: return 8;
    case core::LevelFramework::kAqf: return 10;
    case core::LevelFramework::kNzqf: return 10;
    case core::LevelFramework::kRqf: return 8;
    case core::LevelFramework::kOther: return 99;
    case core::LevelFramework::kUnspecified: break;
  }
  return 0;
}

template <typename Enum>
bool InRange(Enum value, Enum last) {
  return static_cast<int>(value) >= 0 && static_cast<int>(value) <= static_cast<int>(last);
}

// The indexes of entries whose key equals an earlier entry's key. Lists in records are
// short, and comparing pairs beats building a hash set for each of a million records.
template <typename T, typename KeyFn>
std::vector<size_t> LaterDuplicates(const std::vector<T>& values, KeyFn key) {
  constexpr size_t kPairwiseUpTo = 16;
  std::vector<size_t> out;
  if (values.size() < 2) return out;
  if (values.size() <= kPairwiseUpTo) {
    for (size_t i = 1; i < values.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (key(values[i]) == key(values[j])) {
          out.push_back(i);
          break;
        }
      }
    }
    return out;
  }
  absl::flat_hash_set<decltype(key(values[0]))> seen;
  seen.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!seen.insert(key(values[i])).second) out.push_back(i);
  }
  return out;
}

// Adds violations under one record's path; the full path is built only on failure.
// `base` must outlive the Fields.
class Fields {
 public:
  Fields(const std::string& base, FieldErrors* errors) : base_(base), errors_(errors) {}

  void Add(std::string_view field, std::string reason) {
    errors_->Add(core::FieldPath(base_, field), std::move(reason));
  }
  void AddAt(std::string_view list, size_t index, std::string_view field, std::string reason) {
    std::string path = core::IndexPath(core::FieldPath(base_, list), index);
    if (!field.empty()) path = core::FieldPath(path, field);
    errors_->Add(std::move(path), std::move(reason));
  }

  void Id(std::string_view field, const std::string& value, bool required) {
    if (value.empty()) {
      if (required) Add(field, "must not be empty");
    } else if (!IsValidId(value)) {
      Add(field, "must match [A-Za-z0-9._:-]{1,128}");
    }
  }
  void Text(std::string_view field, const std::string& value, bool required) {
    if (value.empty() && required) Add(field, "must not be empty");
    if (value.size() > kMaxTextBytes) Add(field, absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
  }
  void Between(std::string_view field, int64_t value, int64_t low, int64_t high) {
    if (value < low) {
      Add(field, absl::StrCat("must be >= ", low));
    } else if (value > high) {
      Add(field, absl::StrCat("must be at most ", high));
    }
  }
  void Fraction(std::string_view field, double value) {
    if (!(value >= 0 && value <= 1)) Add(field, "must be in [0, 1]");
  }
  template <typename Enum>
  void Known(std::string_view field, Enum value, Enum last) {
    if (!InRange(value, last)) Add(field, "must be a known value");
  }
  template <typename Enum>
  void Set(std::string_view field, Enum value, Enum last) {
    if (static_cast<int>(value) == 0) {
      Add(field, "must be set");
    } else {
      Known(field, value, last);
    }
  }
  void Bits(std::string_view field, uint32_t value, uint32_t known) {
    if ((value & ~known) != 0) Add(field, "has unknown bits");
  }
  void Date(std::string_view field, core::Date date) {
    if (!IsDateInRange(date)) Add(field, "must be between 1900-01-01 and 9999-12-31");
  }
  // Each entry non-empty, short and passing `valid` (else `rule`), and no entry twice.
  template <typename Valid>
  void List(std::string_view field, const std::vector<std::string>& values, Valid valid,
            std::string_view rule) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].empty()) {
        AddAt(field, i, "", "must not be empty");
      } else if (values[i].size() > kMaxTextBytes) {
        AddAt(field, i, "", absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
      } else if (!valid(values[i])) {
        AddAt(field, i, "", std::string(rule));
      }
    }
    for (size_t i : LaterDuplicates(values, [](const std::string& v) { return std::string_view(v); })) {
      AddAt(field, i, "", "duplicate value");
    }
  }
  void TextList(std::string_view field, const std::vector<std::string>& values) {
    List(field, values, [](std::string_view) { return true; }, "");
  }
  void IdList(std::string_view field, const std::vector<std::string>& values) {
    List(field, values, IsValidId, "must match [A-Za-z0-9._:-]{1,128}");
  }

  void Level(std::string_view field, const core::Level& level) {
    const std::string framework = std::string(field) + ".framework";
    const std::string value = std::string(field) + ".value";
    if (!InRange(level.framework, core::LevelFramework::kOther)) {
      Add(framework, "must be a known value");
    } else if (level.framework == core::LevelFramework::kUnspecified) {
      if (level.value != 0) Add(value, "must be 0 when " + framework + " is unspecified");
    } else if (level.value < 1 || level.value > MaxLevel(level.framework)) {
      Add(value, absl::StrCat("must be between 1 and ", MaxLevel(level.framework), " for ",
                              FrameworkName(level.framework)));
    }
  }
  void Money(std::string_view field, const core::Money& money) {
    Between(std::string(field) + ".minor_units", money.minor_units, 0, kMaxMinorUnits);
    if ((money.minor_units > 0 || !money.currency.empty()) && !IsCurrencyCode(money.currency)) {
      Add(std::string(field) + ".currency", "must be an ISO 4217 code of three upper-case letters");
    }
  }
  void Benefits(const core::BenefitFacts& b) {
    Known("benefits.employer_recognition", b.employer_recognition, core::Level3::kHigh);
    TextList("benefits.outcomes", b.outcomes);
    Bits("benefits.attestation", b.attestation, kAllAttestationBits);
    Text("benefits.industry_accreditor", b.industry_accreditor, false);
    if (!b.industry_accredited && !b.industry_accreditor.empty()) {
      Add("benefits.industry_accreditor", "must be empty when benefits.industry_accredited is false");
    }
    Known("benefits.assessment_quantum", b.assessment_quantum, core::Level3::kHigh);
    Known("benefits.main_assessor", b.main_assessor, core::Assessor::kTechnology);
    Known("benefits.educator_engagement", b.educator_engagement, core::Level3::kHigh);
    Known("benefits.peer_engagement", b.peer_engagement, core::Level3::kHigh);
    Known("benefits.industry_engagement", b.industry_engagement, core::Level3::kHigh);
  }

 private:
  const std::string& base_;
  FieldErrors* const errors_;
};

void CheckRuleNode(const core::RuleNode& node, const std::string& path, int depth,
                   const std::string& self_id, absl::flat_hash_set<std::string_view>* names,
                   FieldErrors* errors) {
  Fields f(path, errors);
  if (depth > kMaxRuleDepth) {
    errors->Add(path, absl::StrCat("must not nest more than ", kMaxRuleDepth, " levels"));
    return;
  }
  f.Text("name", node.name, false);
  if (!node.name.empty() && !names->insert(node.name).second) {
    f.Add("name", "duplicate rule name in this qualification");
  }
  f.IdList("items", node.items);
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (node.items[i] == self_id) f.AddAt("items", i, "", "must not name the qualification itself");
  }
  for (size_t i = 0; i < node.children.size(); ++i) {
    CheckRuleNode(node.children[i], core::IndexPath(path + ".children", i), depth + 1, self_id,
                  names, errors);
  }
  f.Set("kind", node.kind, RuleKind::kCreditsAtLevel);
  // The kind's own rules would only repeat that the kind is wrong.
  if (node.kind == RuleKind::kUnspecified || !InRange(node.kind, RuleKind::kCreditsAtLevel)) return;
  const std::string kind = RuleKindName(node.kind);
  const size_t members = node.items.size() + node.children.size();
  const bool counts_items = node.kind == RuleKind::kAtLeastItems;
  const bool counts_credits =
      node.kind == RuleKind::kAtLeastCredits || node.kind == RuleKind::kCreditsAtLevel;
  const bool counts_groups = node.kind == RuleKind::kFromDistinctGroups;
  const bool needs_level = node.kind == RuleKind::kCreditsAtLevel;
  if ((node.kind == RuleKind::kAllOf || counts_items) && members == 0) {
    errors->Add(path, "must have at least one item or child");
  } else if (counts_items && (node.min_items < 1 || static_cast<size_t>(node.min_items) > members)) {
    f.Add("min_items", absl::StrCat("must be between 1 and ", members, " (the number of items and children)"));
  }
  if (!counts_items && node.min_items != 0) f.Add("min_items", "must be 0 for " + kind);
  if (counts_credits) {
    f.Between("min_credits", node.min_credits, 1, kMaxCredit);
    if (node.items.empty()) f.Add("items", "must not be empty for " + kind);
    if (!node.children.empty()) f.Add("children", "must be empty for " + kind);
  } else if (node.min_credits != 0) {
    f.Add("min_credits", "must be 0 for " + kind);
  }
  if (counts_groups) {
    if (node.min_groups < 1 || static_cast<size_t>(node.min_groups) > node.children.size()) {
      f.Add("min_groups", absl::StrCat("must be between 1 and ", node.children.size(), " (the number of children)"));
    }
    if (!node.items.empty()) f.Add("items", "must be empty for " + kind);
  } else if (node.min_groups != 0) {
    f.Add("min_groups", "must be 0 for " + kind);
  }
  if (needs_level) {
    f.Between("min_level", node.min_level, 1, 99);
  } else if (node.min_level != 0) {
    f.Add("min_level", "must be 0 for " + kind);
  }
}

}  // namespace

void FieldErrors::Add(std::string field, std::string reason) {
  if (count_++ < kMaxFieldViolations) kept_.Add(std::move(field), std::move(reason));
}

absl::Status FieldErrors::ToStatus() const {
  if (count_ <= kMaxFieldViolations) return kept_.ToStatus();
  core::FieldViolations all = kept_;
  all.Add("request", absl::StrCat("and ", count_ - kMaxFieldViolations, " more violations"));
  return all.ToStatus();
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool IsDateInRange(core::Date date) {
  return date.days_since_epoch >= kMinDay && date.days_since_epoch <= kMaxDay;
}

std::string LinkTypeName(LinkType type) {
  switch (type) {
    case LinkType::kLeadsTo: return "LEADS_TO";
    case LinkType::kCorequisite: return "COREQUISITE";
    case LinkType::kRecommendedBefore: return "RECOMMENDED_BEFORE";
    case LinkType::kCreditToward: return "CREDIT_TOWARD";
    case LinkType::kOverlaps: return "OVERLAPS";
    case LinkType::kUnspecified: break;
  }
  return "UNSPECIFIED";
}

std::string RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kAllOf: return "ALL_OF";
    case RuleKind::kAtLeastItems: return "AT_LEAST_ITEMS";
    case RuleKind::kAtLeastCredits: return "AT_LEAST_CREDITS";
    case RuleKind::kFromDistinctGroups: return "FROM_DISTINCT_GROUPS";
    case RuleKind::kCreditsAtLevel: return "CREDITS_AT_LEVEL";
    case RuleKind::kUnspecified: break;
  }
  return "UNSPECIFIED";
}

void CheckProvider(const core::Provider& p, const std::string& path, FieldErrors* errors) {
  Fields f(path, errors);
  f.Id("id", p.id, true);
  f.Text("name", p.name, true);
  f.Fraction("standing", p.standing);
  f.Fraction("industry_standing", p.industry_standing);
  f.Text("quality_assured_by", p.quality_assured_by, false);
  if (!p.quality_assured && !p.quality_assured_by.empty()) {
    f.Add("quality_assured_by", "must be empty when quality_assured is false");
  }
  f.TextList("regions", p.regions);
}

void CheckCredential(const core::Credential& c, const std::string& path, FieldErrors* errors) {
  Fields f(path, errors);
  f.Id("id", c.id, true);
  f.Text("title", c.title, true);
  f.Id("provider_id", c.provider_id, true);
  f.Id("partner_provider_id", c.partner_provider_id, false);
  if (!c.partner_provider_id.empty() && c.partner_provider_id == c.provider_id) {
    f.Add("partner_provider_id", "must differ from provider_id");
  }
  f.Level("level", c.level);
  f.List("fields", c.fields, IsIscedCode, "must be an ISCED-F 2013 code of 2 to 4 digits");
  f.TextList("skills", c.skills);
  f.Benefits(c.benefits);
  f.Money("fee", c.fee);
  f.Bits("payment_options", c.payment_options, kAllPaymentBits);
  f.Between("effort_hours", c.effort_hours, 0, kMaxHours);
  f.Known("delivery_mode", c.delivery_mode, core::DeliveryMode::kOnsite);
  f.Between("duration_weeks", c.duration_weeks, 0, kMaxWeeks);
  if (c.onsite_days < 0) {
    f.Add("onsite_days", "must be >= 0");
  } else if (c.delivery_mode == core::DeliveryMode::kOnline && c.onsite_days != 0) {
    f.Add("onsite_days", "must be 0 for ONLINE delivery");
  } else if (c.duration_weeks > 0 && c.onsite_days > 7 * c.duration_weeks) {
    f.Add("onsite_days", "must be at most 7 x duration_weeks");
  }
  f.Known("pacing", c.pacing, core::Pacing::kScheduled);
  f.Between("validity_months", c.validity_months, 0, kMaxMonths);
  if (!c.language.empty() && !IsLanguageTag(c.language)) {
    f.Add("language", "must be a BCP 47 language tag such as \"en\" or \"pt-BR\"");
  }
  if (c.valid_from) f.Date("valid_from", *c.valid_from);
  if (c.valid_to) f.Date("valid_to", *c.valid_to);
  if (c.valid_from && c.valid_to && *c.valid_to < *c.valid_from) {
    f.Add("valid_to", "must not be before valid_from");
  }
  if (!c.offerings.empty() && c.pacing != core::Pacing::kScheduled) {
    f.Add("offerings", "must be empty unless pacing is SCHEDULED");
  }
  for (size_t i = 0; i < c.offerings.size(); ++i) {
    const core::Offering& o = c.offerings[i];
    if (o.term.empty()) f.AddAt("offerings", i, "term", "must not be empty");
    if (o.term.size() > kMaxTextBytes) {
      f.AddAt("offerings", i, "term", absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
    }
    if (!IsDateInRange(o.start)) {
      f.AddAt("offerings", i, "start", "must be between 1900-01-01 and 9999-12-31");
    } else if (c.valid_from && o.start < *c.valid_from) {
      f.AddAt("offerings", i, "start", "must not be before valid_from");
    } else if (c.valid_to && o.start > *c.valid_to) {
      f.AddAt("offerings", i, "start", "must not be after valid_to");
    }
  }
  for (size_t i : LaterDuplicates(c.offerings, [](const core::Offering& o) {
         return std::pair<std::string_view, int32_t>(o.term, o.start.days_since_epoch);
       })) {
    f.AddAt("offerings", i, "", "duplicate value");
  }
}

void CheckQualification(const core::Qualification& q, const std::string& path, FieldErrors* errors) {
  Fields f(path, errors);
  f.Id("id", q.id, true);
  f.Text("title", q.title, true);
  f.Id("provider_id", q.provider_id, true);
  f.Level("level", q.level);
  f.List("fields", q.fields, IsIscedCode, "must be an ISCED-F 2013 code of 2 to 4 digits");
  f.Known("credit_system", q.credit_system, core::CreditSystem::kOther);
  f.Between("credit_required", q.credit_required, 0, kMaxCredit);
  if (q.credit_required > 0 && q.credit_system == core::CreditSystem::kUnspecified) {
    f.Add("credit_system", "must be set when credit_required > 0");
  }
  f.Between("stacked_credit_cap", q.stacked_credit_cap, 0, kMaxCredit);
  f.Between("recency_months", q.recency_months, 0, kMaxMonths);
  f.IdList("core_ids", q.core_ids);
  for (size_t i = 0; i < q.core_ids.size(); ++i) {
    if (q.core_ids[i] == q.id) f.AddAt("core_ids", i, "", "must not name the qualification itself");
  }
  if (q.rules) {
    absl::flat_hash_set<std::string_view> names;
    CheckRuleNode(*q.rules, path + ".rules", 1, q.id, &names, errors);
  }
  f.Benefits(q.benefits);
}

void CheckLink(const core::Link& l, const std::string& path, FieldErrors* errors) {
  Fields f(path, errors);
  f.Id("from_id", l.from_id, true);
  f.Id("to_id", l.to_id, true);
  if (!l.from_id.empty() && l.from_id == l.to_id) f.Add("to_id", "must differ from from_id");
  f.Set("type", l.type, LinkType::kOverlaps);
  if (l.type == LinkType::kLeadsTo) {
    f.Between("group", l.group, 0, INT32_MAX);
  } else if (l.group != 0) {
    f.Add("group", "must be 0 unless type is LEADS_TO");
  }
  if (l.type == LinkType::kCreditToward) {
    if (l.credit_points <= 0) {
      f.Add("credit_points", "must be > 0 for CREDIT_TOWARD");
    } else if (l.credit_points > kMaxCredit) {
      f.Add("credit_points", absl::StrCat("must be at most ", kMaxCredit));
    }
  } else if (l.credit_points != 0) {
    f.Add("credit_points", "must be 0 unless type is CREDIT_TOWARD");
  }
  if (l.type == LinkType::kOverlaps) {
    if (!(l.overlap_fraction > 0 && l.overlap_fraction <= 1)) f.Add("overlap_fraction", "must be in (0, 1]");
    if (l.to_id < l.from_id) {
      f.Add("to_id", "must sort after from_id for OVERLAPS, which is stored once per pair");
    }
  } else if (l.overlap_fraction != 0) {
    f.Add("overlap_fraction", "must be 0 unless type is OVERLAPS");
  }
}

void CheckHeldCredentials(const std::vector<core::HeldCredential>& held, const std::string& path,
                          FieldErrors* errors) {
  for (size_t i = 0; i < held.size(); ++i) {
    const std::string at = core::IndexPath(path, i);
    Fields f(at, errors);
    f.Id("credential_id", held[i].credential_id, true);
    f.Date("earned_on", held[i].earned_on);
    f.Text("grade", held[i].grade, false);
  }
  for (size_t i : LaterDuplicates(held, [](const core::HeldCredential& h) {
         return std::string_view(h.credential_id);
       })) {
    errors->Add(core::IndexPath(path, i) + ".credential_id", "duplicate value");
  }
}

void CheckLearner(const core::Learner& learner, const std::string& path, FieldErrors* errors) {
  Fields f(path, errors);
  f.Id("id", learner.id, true);
  f.Text("display_name", learner.display_name, false);
  const core::LearnerProfile& p = learner.profile;
  f.Known("profile.motivation", p.motivation, core::Motivation::kPersonalInterest);
  f.Known("profile.purpose", p.purpose, core::CredentialingPurpose::kPriorSkills);
  f.Level("profile.level_reached", p.level_reached);
  f.TextList("profile.prior_skills", p.prior_skills);
  f.Known("profile.life_stage", p.life_stage, core::LifeStage::kRetired);
  f.Money("profile.money_budget", p.money_budget);
  f.Money("profile.funding", p.funding);
  if (!p.funding.currency.empty() && !p.money_budget.currency.empty() &&
      p.funding.currency != p.money_budget.currency) {
    f.Add("profile.funding.currency", "must match profile.money_budget.currency");
  }
  f.Bits("profile.funding_sources", p.funding_sources, kAllPaymentBits);
  f.Between("profile.hours_per_week", p.hours_per_week, 0, kHoursPerWeek);
  f.Between("profile.time_budget_hours", p.time_budget_hours, 0, kMaxHours);
  if (p.deadline) f.Date("profile.deadline", *p.deadline);
  f.Between("profile.max_onsite_days", p.max_onsite_days, 0, 366 * 10);
  if (!p.can_attend_onsite && p.max_onsite_days != 0) {
    f.Add("profile.max_onsite_days", "must be 0 when profile.can_attend_onsite is false");
  }
  f.Between("profile.competing_hours_per_week", p.competing_hours_per_week, 0, kHoursPerWeek);
  f.Between("profile.opportunity_cost_per_hour_minor", p.opportunity_cost_per_hour_minor, 0,
            kMaxMinorUnits);
  for (size_t i = 0; i < p.preferred_delivery.size(); ++i) {
    const core::DeliveryMode mode = p.preferred_delivery[i];
    if (mode == core::DeliveryMode::kUnspecified || !InRange(mode, core::DeliveryMode::kOnsite)) {
      f.AddAt("profile.preferred_delivery", i, "", "must be a known value");
    }
  }
  for (size_t i : LaterDuplicates(p.preferred_delivery, [](core::DeliveryMode m) { return m; })) {
    f.AddAt("profile.preferred_delivery", i, "", "duplicate value");
  }
  f.Known("profile.preferred_assessor", p.preferred_assessor, core::Assessor::kTechnology);
  f.Known("profile.preferred_peer_engagement", p.preferred_peer_engagement, core::Level3::kHigh);
  f.Known("profile.preferred_pacing", p.preferred_pacing, core::Pacing::kScheduled);
  f.List("profile.languages", p.languages, IsLanguageTag,
         "must be a BCP 47 language tag such as \"en\" or \"pt-BR\"");
  CheckHeldCredentials(learner.held, core::FieldPath(path, "held"), errors);
  f.Id("target_qualification_id", learner.target_qualification_id, false);
  f.TextList("wanted_skills", learner.wanted_skills);
  for (size_t i = 0; i < learner.overrides.size(); ++i) {
    const core::Override& o = learner.overrides[i];
    const std::string at = core::IndexPath(core::FieldPath(path, "overrides"), i);
    Fields g(at, errors);
    g.Set("kind", o.kind, core::OverrideKind::kCountTowardRule);
    g.Id("credential_id", o.credential_id, true);
    if (o.kind == core::OverrideKind::kWaivePrerequisite) {
      g.Id("target", o.target, true);
      if (!o.target.empty() && o.target == o.credential_id) g.Add("target", "must differ from credential_id");
    } else {
      g.Text("target", o.target, true);
    }
    g.Text("granted_by", o.granted_by, true);
    g.Date("granted_on", o.granted_on);
    g.Text("reason", o.reason, true);
  }
  for (size_t i : LaterDuplicates(learner.overrides, [](const core::Override& o) {
         return std::tuple<core::OverrideKind, std::string_view, std::string_view>(
             o.kind, o.credential_id, o.target);
       })) {
    f.AddAt("overrides", i, "", "duplicate value");
  }
}

}  // namespace credpath::catalog
