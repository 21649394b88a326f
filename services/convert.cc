#include "services/convert.h"

#include <cstdint>
#include <optional>
#include <string>

namespace credpath::services {
namespace {

using core::FieldPath;
using core::FieldViolations;
using core::IndexPath;

// The API's enums carry the numbers of core/catalog.h's; converting is a cast once the
// number is known to the API. These pin the mirror so a renumbering fails to compile.
#define CREDPATH_SAME_NUMBER(core_value, proto_value) \
  static_assert(static_cast<int>(core_value) == static_cast<int>(proto_value))
CREDPATH_SAME_NUMBER(core::LevelFramework::kOther, v1::LEVEL_FRAMEWORK_OTHER);
CREDPATH_SAME_NUMBER(core::LevelFramework::kEqf, v1::LEVEL_FRAMEWORK_EQF);
CREDPATH_SAME_NUMBER(core::LevelFramework::kAqf, v1::LEVEL_FRAMEWORK_AQF);
CREDPATH_SAME_NUMBER(core::LevelFramework::kNzqf, v1::LEVEL_FRAMEWORK_NZQF);
CREDPATH_SAME_NUMBER(core::LevelFramework::kRqf, v1::LEVEL_FRAMEWORK_RQF);
CREDPATH_SAME_NUMBER(core::DeliveryMode::kOnline, v1::DELIVERY_MODE_ONLINE);
CREDPATH_SAME_NUMBER(core::DeliveryMode::kMostlyOnline, v1::DELIVERY_MODE_MOSTLY_ONLINE);
CREDPATH_SAME_NUMBER(core::DeliveryMode::kMostlyOnsite, v1::DELIVERY_MODE_MOSTLY_ONSITE);
CREDPATH_SAME_NUMBER(core::DeliveryMode::kOnsite, v1::DELIVERY_MODE_ONSITE);
CREDPATH_SAME_NUMBER(core::Pacing::kOnDemand, v1::PACING_ON_DEMAND);
CREDPATH_SAME_NUMBER(core::Pacing::kScheduled, v1::PACING_SCHEDULED);
CREDPATH_SAME_NUMBER(core::Assessor::kEducators, v1::ASSESSOR_EDUCATORS);
CREDPATH_SAME_NUMBER(core::Assessor::kPeers, v1::ASSESSOR_PEERS);
CREDPATH_SAME_NUMBER(core::Assessor::kTechnology, v1::ASSESSOR_TECHNOLOGY);
CREDPATH_SAME_NUMBER(core::CreditSystem::kEcts, v1::CREDIT_SYSTEM_ECTS);
CREDPATH_SAME_NUMBER(core::CreditSystem::kUkCats, v1::CREDIT_SYSTEM_UK_CATS);
CREDPATH_SAME_NUMBER(core::CreditSystem::kUsSemesterHours, v1::CREDIT_SYSTEM_US_SEMESTER_HOURS);
CREDPATH_SAME_NUMBER(core::CreditSystem::kAqfPoints, v1::CREDIT_SYSTEM_AQF_POINTS);
CREDPATH_SAME_NUMBER(core::CreditSystem::kNzqfCredits, v1::CREDIT_SYSTEM_NZQF_CREDITS);
CREDPATH_SAME_NUMBER(core::CreditSystem::kOther, v1::CREDIT_SYSTEM_OTHER);
CREDPATH_SAME_NUMBER(core::LinkType::kLeadsTo, v1::LINK_TYPE_LEADS_TO);
CREDPATH_SAME_NUMBER(core::LinkType::kCorequisite, v1::LINK_TYPE_COREQUISITE);
CREDPATH_SAME_NUMBER(core::LinkType::kRecommendedBefore, v1::LINK_TYPE_RECOMMENDED_BEFORE);
CREDPATH_SAME_NUMBER(core::LinkType::kCreditToward, v1::LINK_TYPE_CREDIT_TOWARD);
CREDPATH_SAME_NUMBER(core::LinkType::kOverlaps, v1::LINK_TYPE_OVERLAPS);
CREDPATH_SAME_NUMBER(core::Motivation::kCareerAdvantage, v1::MOTIVATION_CAREER_ADVANTAGE);
CREDPATH_SAME_NUMBER(core::Motivation::kPersonalInterest, v1::MOTIVATION_PERSONAL_INTEREST);
CREDPATH_SAME_NUMBER(core::CredentialingPurpose::kNewSkills, v1::CREDENTIALING_PURPOSE_NEW_SKILLS);
CREDPATH_SAME_NUMBER(core::CredentialingPurpose::kPriorSkills,
                     v1::CREDENTIALING_PURPOSE_PRIOR_SKILLS);
CREDPATH_SAME_NUMBER(core::LifeStage::kSchoolLeaver, v1::LIFE_STAGE_SCHOOL_LEAVER);
CREDPATH_SAME_NUMBER(core::LifeStage::kEarlyCareer, v1::LIFE_STAGE_EARLY_CAREER);
CREDPATH_SAME_NUMBER(core::LifeStage::kMidCareer, v1::LIFE_STAGE_MID_CAREER);
CREDPATH_SAME_NUMBER(core::LifeStage::kLateCareer, v1::LIFE_STAGE_LATE_CAREER);
CREDPATH_SAME_NUMBER(core::LifeStage::kCareerChange, v1::LIFE_STAGE_CAREER_CHANGE);
CREDPATH_SAME_NUMBER(core::LifeStage::kRetired, v1::LIFE_STAGE_RETIRED);
CREDPATH_SAME_NUMBER(core::Level3::kLow, v1::DEGREE_LOW);
CREDPATH_SAME_NUMBER(core::Level3::kMedium, v1::DEGREE_MEDIUM);
CREDPATH_SAME_NUMBER(core::Level3::kHigh, v1::DEGREE_HIGH);
CREDPATH_SAME_NUMBER(core::OverrideKind::kWaivePrerequisite, v1::OVERRIDE_KIND_WAIVE_PREREQUISITE);
CREDPATH_SAME_NUMBER(core::OverrideKind::kCountTowardRule, v1::OVERRIDE_KIND_COUNT_TOWARD_RULE);
CREDPATH_SAME_NUMBER(core::RuleKind::kAllOf, v1::RULE_KIND_ALL_OF);
CREDPATH_SAME_NUMBER(core::RuleKind::kAtLeastItems, v1::RULE_KIND_AT_LEAST_ITEMS);
CREDPATH_SAME_NUMBER(core::RuleKind::kAtLeastCredits, v1::RULE_KIND_AT_LEAST_CREDITS);
CREDPATH_SAME_NUMBER(core::RuleKind::kFromDistinctGroups, v1::RULE_KIND_FROM_DISTINCT_GROUPS);
CREDPATH_SAME_NUMBER(core::RuleKind::kCreditsAtLevel, v1::RULE_KIND_CREDITS_AT_LEVEL);
// Bit n - 1 of the domain bit sets is enum value n.
static_assert(core::kPaper == 1u << (v1::ATTESTATION_PAPER - 1));
static_assert(core::kDigitalCertificate == 1u << (v1::ATTESTATION_DIGITAL_CERTIFICATE - 1));
static_assert(core::kBadge == 1u << (v1::ATTESTATION_BADGE - 1));
static_assert(core::kVerifiableCredential == 1u << (v1::ATTESTATION_VERIFIABLE_CREDENTIAL - 1));
static_assert(v1::Attestation_MAX == v1::ATTESTATION_VERIFIABLE_CREDENTIAL);
static_assert(core::kUpfront == 1u << (v1::PAYMENT_OPTION_UPFRONT - 1));
static_assert(core::kDeferred == 1u << (v1::PAYMENT_OPTION_DEFERRED - 1));
static_assert(core::kInstalments == 1u << (v1::PAYMENT_OPTION_INSTALMENTS - 1));
static_assert(core::kScholarship == 1u << (v1::PAYMENT_OPTION_SCHOLARSHIP - 1));
static_assert(core::kEmployerSponsored == 1u << (v1::PAYMENT_OPTION_EMPLOYER_SPONSORED - 1));
static_assert(v1::PaymentOption_MAX == v1::PAYMENT_OPTION_EMPLOYER_SPONSORED);
#undef CREDPATH_SAME_NUMBER

constexpr char kDateReason[] = "must be a date YYYY-MM-DD";
// The same reason the catalog module's validation gives (docs/validation.md), so a field
// reads the same whichever layer caught it.
constexpr char kEnumReason[] = "must be a known value";

// `number` as the domain enum, or kUnspecified with a violation when the API does not
// define it. `is_valid` is the generated X_IsValid of the API enum.
template <typename Domain>
Domain EnumFromProto(int number, bool (*is_valid)(int), const std::string& path,
                     FieldViolations* violations) {
  if (!is_valid(number)) {
    violations->Add(path, kEnumReason);
    return Domain::kUnspecified;
  }
  return static_cast<Domain>(number);
}

template <typename Proto, typename Domain>
Proto EnumToProto(Domain value) {
  return static_cast<Proto>(static_cast<int>(value));
}

// A repeated enum field as a bit set: value n sets bit n - 1.
uint32_t BitsFromProto(const google::protobuf::RepeatedField<int>& values, bool (*is_valid)(int),
                       const std::string& path, FieldViolations* violations) {
  uint32_t bits = 0;
  for (int i = 0; i < values.size(); ++i) {
    const int number = values[i];
    if (number == 0) {
      violations->Add(IndexPath(path, i), "must not be unspecified");
    } else if (!is_valid(number)) {
      violations->Add(IndexPath(path, i), kEnumReason);
    } else {
      bits |= 1u << (number - 1);
    }
  }
  return bits;
}

// The set bits a bit set has that the API defines, as enum values in increasing order.
void BitsToProto(uint32_t bits, int max_value, google::protobuf::RepeatedField<int>* out) {
  out->Clear();
  for (int value = 1; value <= max_value; ++value) {
    if (bits & (1u << (value - 1))) out->Add(value);
  }
}

core::Date RequiredDate(const std::string& text, const std::string& path,
                        FieldViolations* violations) {
  std::optional<core::Date> date = core::ParseDate(text);
  if (!date) {
    violations->Add(path, kDateReason);
    return core::Date{};
  }
  return *date;
}

std::optional<core::Date> OptionalDate(const std::string& text, const std::string& path,
                                       FieldViolations* violations) {
  if (text.empty()) return std::nullopt;
  std::optional<core::Date> date = core::ParseDate(text);
  if (!date) violations->Add(path, kDateReason);
  return date;
}

std::string OptionalDateToProto(const std::optional<core::Date>& date) {
  return date ? core::FormatDate(*date) : std::string();
}

void CopyStrings(const std::vector<std::string>& in,
                 google::protobuf::RepeatedPtrField<std::string>* out) {
  out->Assign(in.begin(), in.end());
}

std::vector<std::string> CopyStrings(const google::protobuf::RepeatedPtrField<std::string>& in) {
  return std::vector<std::string>(in.begin(), in.end());
}

template <typename Domain, typename Proto>
void ListToProto(const std::vector<Domain>& in, google::protobuf::RepeatedPtrField<Proto>* out) {
  out->Clear();
  out->Reserve(static_cast<int>(in.size()));
  for (const Domain& item : in) ToProto(item, out->Add());
}

template <typename Domain, typename Proto>
std::vector<Domain> ListFromProto(const google::protobuf::RepeatedPtrField<Proto>& in,
                                  const std::string& path, FieldViolations* violations) {
  std::vector<Domain> out;
  out.reserve(in.size());
  for (int i = 0; i < in.size(); ++i)
    out.push_back(FromProto(in[i], IndexPath(path, i), violations));
  return out;
}

}  // namespace

// --- small values --------------------------------------------------------------------

void ToProto(const core::Money& in, v1::Money* out) {
  out->set_minor_units(in.minor_units);
  out->set_currency(in.currency);
}

core::Money FromProto(const v1::Money& in, const std::string&, FieldViolations*) {
  return core::Money{.minor_units = in.minor_units(), .currency = in.currency()};
}

void ToProto(const core::Level& in, v1::Level* out) {
  out->set_framework(EnumToProto<v1::LevelFramework>(in.framework));
  out->set_value(in.value);
}

core::Level FromProto(const v1::Level& in, const std::string& path, FieldViolations* violations) {
  core::Level out;
  out.framework = EnumFromProto<core::LevelFramework>(in.framework(), v1::LevelFramework_IsValid,
                                                      FieldPath(path, "framework"), violations);
  out.value = in.value();
  return out;
}

void ToProto(const core::BenefitFacts& in, v1::BenefitFacts* out) {
  out->set_employer_recognition(EnumToProto<v1::Degree>(in.employer_recognition));
  CopyStrings(in.outcomes, out->mutable_outcomes());
  BitsToProto(in.attestation, v1::Attestation_MAX, out->mutable_attestation());
  out->set_portable(in.portable);
  out->set_tamper_proof(in.tamper_proof);
  out->set_industry_accredited(in.industry_accredited);
  out->set_industry_accreditor(in.industry_accreditor);
  out->set_summative_assessment(in.summative_assessment);
  out->set_assessment_quantum(EnumToProto<v1::Degree>(in.assessment_quantum));
  out->set_identity_verified(in.identity_verified);
  out->set_main_assessor(EnumToProto<v1::Assessor>(in.main_assessor));
  out->set_formative_feedback(in.formative_feedback);
  out->set_educator_engagement(EnumToProto<v1::Degree>(in.educator_engagement));
  out->set_peer_engagement(EnumToProto<v1::Degree>(in.peer_engagement));
  out->set_industry_engagement(EnumToProto<v1::Degree>(in.industry_engagement));
  out->set_career_advice(in.career_advice);
}

core::BenefitFacts FromProto(const v1::BenefitFacts& in, const std::string& path,
                             FieldViolations* violations) {
  auto degree = [&](int number, const char* field) {
    return EnumFromProto<core::Level3>(number, v1::Degree_IsValid, FieldPath(path, field),
                                       violations);
  };
  core::BenefitFacts out;
  out.employer_recognition = degree(in.employer_recognition(), "employer_recognition");
  out.outcomes = CopyStrings(in.outcomes());
  out.attestation = BitsFromProto(in.attestation(), v1::Attestation_IsValid,
                                  FieldPath(path, "attestation"), violations);
  out.portable = in.portable();
  out.tamper_proof = in.tamper_proof();
  out.industry_accredited = in.industry_accredited();
  out.industry_accreditor = in.industry_accreditor();
  out.summative_assessment = in.summative_assessment();
  out.assessment_quantum = degree(in.assessment_quantum(), "assessment_quantum");
  out.identity_verified = in.identity_verified();
  out.main_assessor = EnumFromProto<core::Assessor>(in.main_assessor(), v1::Assessor_IsValid,
                                                    FieldPath(path, "main_assessor"), violations);
  out.formative_feedback = in.formative_feedback();
  out.educator_engagement = degree(in.educator_engagement(), "educator_engagement");
  out.peer_engagement = degree(in.peer_engagement(), "peer_engagement");
  out.industry_engagement = degree(in.industry_engagement(), "industry_engagement");
  out.career_advice = in.career_advice();
  return out;
}

void ToProto(const core::Offering& in, v1::Offering* out) {
  out->set_term(in.term);
  out->set_start(core::FormatDate(in.start));
}

core::Offering FromProto(const v1::Offering& in, const std::string& path,
                         FieldViolations* violations) {
  return core::Offering{.term = in.term(),
                        .start = RequiredDate(in.start(), FieldPath(path, "start"), violations)};
}

// --- catalogue records ---------------------------------------------------------------

void ToProto(const core::Provider& in, v1::Provider* out) {
  out->set_id(in.id);
  out->set_name(in.name);
  out->set_standing(in.standing);
  out->set_industry_standing(in.industry_standing);
  out->set_quality_assured(in.quality_assured);
  out->set_quality_assured_by(in.quality_assured_by);
  CopyStrings(in.regions, out->mutable_regions());
}

core::Provider FromProto(const v1::Provider& in, const std::string&, FieldViolations*) {
  core::Provider out;
  out.id = in.id();
  out.name = in.name();
  out.standing = in.standing();
  out.industry_standing = in.industry_standing();
  out.quality_assured = in.quality_assured();
  out.quality_assured_by = in.quality_assured_by();
  out.regions = CopyStrings(in.regions());
  return out;
}

void ToProto(const core::Credential& in, v1::Credential* out) {
  out->set_id(in.id);
  out->set_title(in.title);
  out->set_provider_id(in.provider_id);
  out->set_partner_provider_id(in.partner_provider_id);
  ToProto(in.level, out->mutable_level());
  CopyStrings(in.fields, out->mutable_fields());
  CopyStrings(in.skills, out->mutable_skills());
  ToProto(in.benefits, out->mutable_benefits());
  ToProto(in.fee, out->mutable_fee());
  BitsToProto(in.payment_options, v1::PaymentOption_MAX, out->mutable_payment_options());
  out->set_effort_hours(in.effort_hours);
  out->set_delivery_mode(EnumToProto<v1::DeliveryMode>(in.delivery_mode));
  out->set_onsite_days(in.onsite_days);
  out->set_pacing(EnumToProto<v1::Pacing>(in.pacing));
  out->set_synchronous(in.synchronous);
  out->set_duration_weeks(in.duration_weeks);
  out->set_validity_months(in.validity_months);
  out->set_language(in.language);
  ListToProto(in.offerings, out->mutable_offerings());
  out->set_valid_from(OptionalDateToProto(in.valid_from));
  out->set_valid_to(OptionalDateToProto(in.valid_to));
}

core::Credential FromProto(const v1::Credential& in, const std::string& path,
                           FieldViolations* violations) {
  core::Credential out;
  out.id = in.id();
  out.title = in.title();
  out.provider_id = in.provider_id();
  out.partner_provider_id = in.partner_provider_id();
  out.level = FromProto(in.level(), FieldPath(path, "level"), violations);
  out.fields = CopyStrings(in.fields());
  out.skills = CopyStrings(in.skills());
  out.benefits = FromProto(in.benefits(), FieldPath(path, "benefits"), violations);
  out.fee = FromProto(in.fee(), FieldPath(path, "fee"), violations);
  out.payment_options = BitsFromProto(in.payment_options(), v1::PaymentOption_IsValid,
                                      FieldPath(path, "payment_options"), violations);
  out.effort_hours = in.effort_hours();
  out.delivery_mode = EnumFromProto<core::DeliveryMode>(
      in.delivery_mode(), v1::DeliveryMode_IsValid, FieldPath(path, "delivery_mode"), violations);
  out.onsite_days = in.onsite_days();
  out.pacing = EnumFromProto<core::Pacing>(in.pacing(), v1::Pacing_IsValid,
                                           FieldPath(path, "pacing"), violations);
  out.synchronous = in.synchronous();
  out.duration_weeks = in.duration_weeks();
  out.validity_months = in.validity_months();
  out.language = in.language();
  out.offerings =
      ListFromProto<core::Offering>(in.offerings(), FieldPath(path, "offerings"), violations);
  out.valid_from = OptionalDate(in.valid_from(), FieldPath(path, "valid_from"), violations);
  out.valid_to = OptionalDate(in.valid_to(), FieldPath(path, "valid_to"), violations);
  return out;
}

void ToProto(const core::RuleNode& in, v1::RuleNode* out) {
  out->set_name(in.name);
  out->set_kind(EnumToProto<v1::RuleKind>(in.kind));
  out->set_min_items(in.min_items);
  out->set_min_credits(in.min_credits);
  out->set_min_groups(in.min_groups);
  out->set_min_level(in.min_level);
  out->set_allow_double_counting(in.allow_double_counting);
  CopyStrings(in.items, out->mutable_items());
  ListToProto(in.children, out->mutable_children());
}

core::RuleNode FromProto(const v1::RuleNode& in, const std::string& path,
                         FieldViolations* violations) {
  core::RuleNode out;
  out.name = in.name();
  out.kind = EnumFromProto<core::RuleKind>(in.kind(), v1::RuleKind_IsValid, FieldPath(path, "kind"),
                                           violations);
  out.min_items = in.min_items();
  out.min_credits = in.min_credits();
  out.min_groups = in.min_groups();
  out.min_level = in.min_level();
  out.allow_double_counting = in.allow_double_counting();
  out.items = CopyStrings(in.items());
  out.children =
      ListFromProto<core::RuleNode>(in.children(), FieldPath(path, "children"), violations);
  return out;
}

void ToProto(const core::Qualification& in, v1::Qualification* out) {
  out->set_id(in.id);
  out->set_title(in.title);
  out->set_provider_id(in.provider_id);
  ToProto(in.level, out->mutable_level());
  CopyStrings(in.fields, out->mutable_fields());
  out->set_credit_system(EnumToProto<v1::CreditSystem>(in.credit_system));
  out->set_credit_required(in.credit_required);
  out->set_stacked_credit_cap(in.stacked_credit_cap);
  out->set_recency_months(in.recency_months);
  CopyStrings(in.core_ids, out->mutable_core_ids());
  if (in.rules) {
    ToProto(*in.rules, out->mutable_rules());
  } else {
    out->clear_rules();
  }
  ToProto(in.benefits, out->mutable_benefits());
}

core::Qualification FromProto(const v1::Qualification& in, const std::string& path,
                              FieldViolations* violations) {
  core::Qualification out;
  out.id = in.id();
  out.title = in.title();
  out.provider_id = in.provider_id();
  out.level = FromProto(in.level(), FieldPath(path, "level"), violations);
  out.fields = CopyStrings(in.fields());
  out.credit_system = EnumFromProto<core::CreditSystem>(
      in.credit_system(), v1::CreditSystem_IsValid, FieldPath(path, "credit_system"), violations);
  out.credit_required = in.credit_required();
  out.stacked_credit_cap = in.stacked_credit_cap();
  out.recency_months = in.recency_months();
  out.core_ids = CopyStrings(in.core_ids());
  if (in.has_rules()) out.rules = FromProto(in.rules(), FieldPath(path, "rules"), violations);
  out.benefits = FromProto(in.benefits(), FieldPath(path, "benefits"), violations);
  return out;
}

void ToProto(const core::Link& in, v1::Link* out) {
  out->set_from_id(in.from_id);
  out->set_to_id(in.to_id);
  out->set_type(EnumToProto<v1::LinkType>(in.type));
  out->set_group(in.group);
  out->set_credit_points(in.credit_points);
  out->set_overlap_fraction(in.overlap_fraction);
}

core::Link FromProto(const v1::Link& in, const std::string& path, FieldViolations* violations) {
  core::Link out;
  out.from_id = in.from_id();
  out.to_id = in.to_id();
  out.type = EnumFromProto<core::LinkType>(in.type(), v1::LinkType_IsValid, FieldPath(path, "type"),
                                           violations);
  out.group = in.group();
  out.credit_points = in.credit_points();
  out.overlap_fraction = in.overlap_fraction();
  return out;
}

void ToProto(const storage::LinkKey& in, v1::LinkKey* out) {
  out->set_from_id(in.from_id);
  out->set_to_id(in.to_id);
  out->set_type(EnumToProto<v1::LinkType>(in.type));
  out->set_group(in.group);
}

storage::LinkKey FromProto(const v1::LinkKey& in, const std::string& path,
                           FieldViolations* violations) {
  storage::LinkKey out;
  out.from_id = in.from_id();
  out.to_id = in.to_id();
  out.type = EnumFromProto<core::LinkType>(in.type(), v1::LinkType_IsValid, FieldPath(path, "type"),
                                           violations);
  out.group = in.group();
  return out;
}

// --- learners ------------------------------------------------------------------------

void ToProto(const core::HeldCredential& in, v1::HeldCredential* out) {
  out->set_credential_id(in.credential_id);
  out->set_earned_on(core::FormatDate(in.earned_on));
  out->set_grade(in.grade);
}

core::HeldCredential FromProto(const v1::HeldCredential& in, const std::string& path,
                               FieldViolations* violations) {
  core::HeldCredential out;
  out.credential_id = in.credential_id();
  out.earned_on = RequiredDate(in.earned_on(), FieldPath(path, "earned_on"), violations);
  out.grade = in.grade();
  return out;
}

void ToProto(const core::Override& in, v1::Override* out) {
  out->set_kind(EnumToProto<v1::OverrideKind>(in.kind));
  out->set_credential_id(in.credential_id);
  out->set_target(in.target);
  out->set_granted_by(in.granted_by);
  out->set_granted_on(core::FormatDate(in.granted_on));
  out->set_reason(in.reason);
}

core::Override FromProto(const v1::Override& in, const std::string& path,
                         FieldViolations* violations) {
  core::Override out;
  out.kind = EnumFromProto<core::OverrideKind>(in.kind(), v1::OverrideKind_IsValid,
                                               FieldPath(path, "kind"), violations);
  out.credential_id = in.credential_id();
  out.target = in.target();
  out.granted_by = in.granted_by();
  out.granted_on = RequiredDate(in.granted_on(), FieldPath(path, "granted_on"), violations);
  out.reason = in.reason();
  return out;
}

void ToProto(const core::LearnerProfile& in, v1::LearnerProfile* out) {
  out->set_motivation(EnumToProto<v1::Motivation>(in.motivation));
  out->set_purpose(EnumToProto<v1::CredentialingPurpose>(in.purpose));
  // Optional messages stay unset when empty, so a profile reads back as it was written.
  if (in.level_reached != core::Level{}) ToProto(in.level_reached, out->mutable_level_reached());
  CopyStrings(in.prior_skills, out->mutable_prior_skills());
  out->set_life_stage(EnumToProto<v1::LifeStage>(in.life_stage));
  ToProto(in.money_budget, out->mutable_money_budget());
  if (in.funding != core::Money{}) ToProto(in.funding, out->mutable_funding());
  BitsToProto(in.funding_sources, v1::PaymentOption_MAX, out->mutable_funding_sources());
  out->set_hours_per_week(in.hours_per_week);
  out->set_time_budget_hours(in.time_budget_hours);
  out->set_deadline(OptionalDateToProto(in.deadline));
  out->set_can_attend_onsite(in.can_attend_onsite);
  out->set_max_onsite_days(in.max_onsite_days);
  out->set_competing_hours_per_week(in.competing_hours_per_week);
  out->set_opportunity_cost_per_hour_minor(in.opportunity_cost_per_hour_minor);
  out->clear_preferred_delivery();
  for (core::DeliveryMode mode : in.preferred_delivery) {
    out->add_preferred_delivery(EnumToProto<v1::DeliveryMode>(mode));
  }
  out->set_preferred_assessor(EnumToProto<v1::Assessor>(in.preferred_assessor));
  out->set_preferred_peer_engagement(EnumToProto<v1::Degree>(in.preferred_peer_engagement));
  out->set_preferred_pacing(EnumToProto<v1::Pacing>(in.preferred_pacing));
  CopyStrings(in.languages, out->mutable_languages());
}

core::LearnerProfile FromProto(const v1::LearnerProfile& in, const std::string& path,
                               FieldViolations* violations) {
  core::LearnerProfile out;
  out.motivation = EnumFromProto<core::Motivation>(in.motivation(), v1::Motivation_IsValid,
                                                   FieldPath(path, "motivation"), violations);
  out.purpose = EnumFromProto<core::CredentialingPurpose>(
      in.purpose(), v1::CredentialingPurpose_IsValid, FieldPath(path, "purpose"), violations);
  out.level_reached = FromProto(in.level_reached(), FieldPath(path, "level_reached"), violations);
  out.prior_skills = CopyStrings(in.prior_skills());
  out.life_stage = EnumFromProto<core::LifeStage>(in.life_stage(), v1::LifeStage_IsValid,
                                                  FieldPath(path, "life_stage"), violations);
  out.money_budget = FromProto(in.money_budget(), FieldPath(path, "money_budget"), violations);
  out.funding = FromProto(in.funding(), FieldPath(path, "funding"), violations);
  out.funding_sources = BitsFromProto(in.funding_sources(), v1::PaymentOption_IsValid,
                                      FieldPath(path, "funding_sources"), violations);
  out.hours_per_week = in.hours_per_week();
  out.time_budget_hours = in.time_budget_hours();
  out.deadline = OptionalDate(in.deadline(), FieldPath(path, "deadline"), violations);
  out.can_attend_onsite = in.has_can_attend_onsite() ? in.can_attend_onsite() : true;
  out.max_onsite_days = in.max_onsite_days();
  out.competing_hours_per_week = in.competing_hours_per_week();
  out.opportunity_cost_per_hour_minor = in.opportunity_cost_per_hour_minor();
  // Unspecified entries are representable and pass through (validation rejects them);
  // an undefined one becomes unspecified, so every entry keeps its index.
  const std::string delivery_path = FieldPath(path, "preferred_delivery");
  for (int i = 0; i < in.preferred_delivery_size(); ++i) {
    out.preferred_delivery.push_back(
        EnumFromProto<core::DeliveryMode>(in.preferred_delivery(i), v1::DeliveryMode_IsValid,
                                          IndexPath(delivery_path, i), violations));
  }
  out.preferred_assessor =
      EnumFromProto<core::Assessor>(in.preferred_assessor(), v1::Assessor_IsValid,
                                    FieldPath(path, "preferred_assessor"), violations);
  out.preferred_peer_engagement =
      EnumFromProto<core::Level3>(in.preferred_peer_engagement(), v1::Degree_IsValid,
                                  FieldPath(path, "preferred_peer_engagement"), violations);
  out.preferred_pacing = EnumFromProto<core::Pacing>(
      in.preferred_pacing(), v1::Pacing_IsValid, FieldPath(path, "preferred_pacing"), violations);
  out.languages = CopyStrings(in.languages());
  return out;
}

void ToProto(const core::Learner& in, v1::Learner* out) {
  out->set_id(in.id);
  out->set_display_name(in.display_name);
  ToProto(in.profile, out->mutable_profile());
  ListToProto(in.held, out->mutable_held());
  out->set_target_qualification_id(in.target_qualification_id);
  CopyStrings(in.wanted_skills, out->mutable_wanted_skills());
  ListToProto(in.overrides, out->mutable_overrides());
}

core::Learner FromProto(const v1::Learner& in, const std::string& path,
                        FieldViolations* violations) {
  core::Learner out;
  out.id = in.id();
  out.display_name = in.display_name();
  out.profile = FromProto(in.profile(), FieldPath(path, "profile"), violations);
  out.held = ListFromProto<core::HeldCredential>(in.held(), FieldPath(path, "held"), violations);
  out.target_qualification_id = in.target_qualification_id();
  out.wanted_skills = CopyStrings(in.wanted_skills());
  out.overrides =
      ListFromProto<core::Override>(in.overrides(), FieldPath(path, "overrides"), violations);
  return out;
}

// --- documents -----------------------------------------------------------------------

void ToProto(const storage::CatalogData& catalog, const std::vector<core::Learner>& learners,
             v1::CatalogDocument* out) {
  ListToProto(catalog.providers, out->mutable_providers());
  ListToProto(catalog.credentials, out->mutable_credentials());
  ListToProto(catalog.qualifications, out->mutable_qualifications());
  ListToProto(catalog.links, out->mutable_links());
  ListToProto(learners, out->mutable_learners());
}

CatalogDocumentData FromProto(const v1::CatalogDocument& in, const std::string& path,
                              FieldViolations* violations) {
  CatalogDocumentData out;
  out.catalog.providers =
      ListFromProto<core::Provider>(in.providers(), FieldPath(path, "providers"), violations);
  out.catalog.credentials =
      ListFromProto<core::Credential>(in.credentials(), FieldPath(path, "credentials"), violations);
  out.catalog.qualifications = ListFromProto<core::Qualification>(
      in.qualifications(), FieldPath(path, "qualifications"), violations);
  out.catalog.links = ListFromProto<core::Link>(in.links(), FieldPath(path, "links"), violations);
  out.learners =
      ListFromProto<core::Learner>(in.learners(), FieldPath(path, "learners"), violations);
  return out;
}

core::Date StartDate(const std::string& text, core::Date today, const std::string& path,
                     core::FieldViolations* violations) {
  if (text.empty()) return today;
  std::optional<core::Date> date = core::ParseDate(text);
  if (!date.has_value()) violations->Add(path, "must be a date \"YYYY-MM-DD\"");
  return date.value_or(today);
}

}  // namespace credpath::services
