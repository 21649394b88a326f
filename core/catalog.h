// The catalogue's domain model (DESIGN.md section 2): providers, credentials,
// qualifications, typed links and learners, as plain value types.
//
// These structs are the one vocabulary shared by storage, the snapshot, the value model,
// the optimiser's problem builder and the gRPC conversion. They hold facts only; rules
// live in the modules that use them. Money is integer minor units with an ISO 4217 code,
// effort is whole hours, dates are civil dates. Enums mirror credpath.v1 (0 = unspecified).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace credpath::core {

struct Money {
  int64_t minor_units = 0;  // e.g. cents
  std::string currency;     // ISO 4217, three upper-case letters
  friend bool operator==(const Money&, const Money&) = default;
};

enum class LevelFramework : int { kUnspecified = 0, kEqf = 1, kAqf = 2, kNzqf = 3, kRqf = 4, kOther = 5 };
enum class DeliveryMode : int { kUnspecified = 0, kOnline = 1, kMostlyOnline = 2, kMostlyOnsite = 3, kOnsite = 4 };
enum class Pacing : int { kUnspecified = 0, kOnDemand = 1, kScheduled = 2 };
enum class Assessor : int { kUnspecified = 0, kEducators = 1, kPeers = 2, kTechnology = 3 };
enum class CreditSystem : int { kUnspecified = 0, kEcts = 1, kUkCats = 2, kUsSemesterHours = 3, kAqfPoints = 4, kNzqfCredits = 5, kOther = 6 };
enum class LinkType : int { kUnspecified = 0, kLeadsTo = 1, kCorequisite = 2, kRecommendedBefore = 3, kCreditToward = 4, kOverlaps = 5 };
enum class Motivation : int { kUnspecified = 0, kCareerAdvantage = 1, kPersonalInterest = 2 };
enum class CredentialingPurpose : int { kUnspecified = 0, kNewSkills = 1, kPriorSkills = 2 };
enum class LifeStage : int { kUnspecified = 0, kSchoolLeaver = 1, kEarlyCareer = 2, kMidCareer = 3, kLateCareer = 4, kCareerChange = 5, kRetired = 6 };
enum class Level3 : int { kUnspecified = 0, kLow = 1, kMedium = 2, kHigh = 3 };  // for graded facts
enum class OverrideKind : int { kUnspecified = 0, kWaivePrerequisite = 1, kCountTowardRule = 2 };

// Bit sets for facts that combine ("paper and badge").
enum AttestationBits : uint32_t { kPaper = 1u << 0, kDigitalCertificate = 1u << 1, kBadge = 1u << 2, kVerifiableCredential = 1u << 3 };
enum PaymentBits : uint32_t { kUpfront = 1u << 0, kDeferred = 1u << 1, kInstalments = 1u << 2, kScholarship = 1u << 3, kEmployerSponsored = 1u << 4 };

struct Provider {
  std::string id;
  std::string name;
  double standing = 0;            // 0..1, signalling power
  double industry_standing = 0;   // 0..1
  bool quality_assured = false;
  std::string quality_assured_by;  // agency, when quality_assured
  std::vector<std::string> regions;  // ISO 3166 codes or names
  friend bool operator==(const Provider&, const Provider&) = default;
};

struct Level {
  LevelFramework framework = LevelFramework::kUnspecified;
  int32_t value = 0;
  friend bool operator==(const Level&, const Level&) = default;
};

// The benefit facts of DESIGN.md section 1 the value model scores.
struct BenefitFacts {
  // outcomes
  Level3 employer_recognition = Level3::kUnspecified;  // employability signal
  std::vector<std::string> outcomes;                    // career outcomes claimed: "promotion", ...
  // certification
  uint32_t attestation = 0;  // AttestationBits
  bool portable = false;     // recognised in other places and professions
  bool tamper_proof = false;
  // quality and standards
  bool industry_accredited = false;
  std::string industry_accreditor;
  // assessment and feedback
  bool summative_assessment = false;
  Level3 assessment_quantum = Level3::kUnspecified;
  bool identity_verified = false;
  Assessor main_assessor = Assessor::kUnspecified;
  bool formative_feedback = false;
  // engagement
  Level3 educator_engagement = Level3::kUnspecified;
  Level3 peer_engagement = Level3::kUnspecified;
  Level3 industry_engagement = Level3::kUnspecified;
  bool career_advice = false;
  friend bool operator==(const BenefitFacts&, const BenefitFacts&) = default;
};

// When a scheduled credential runs: a named term and its start date.
struct Offering {
  std::string term;  // e.g. "2027-autumn"
  Date start;
  friend bool operator==(const Offering&, const Offering&) = default;
};

struct Credential {
  std::string id;
  std::string title;
  std::string provider_id;
  std::string partner_provider_id;  // empty: none
  Level level;
  std::vector<std::string> fields;  // ISCED-F 2013 codes, e.g. "0613"
  std::vector<std::string> skills;  // ids or URIs (ESCO)
  BenefitFacts benefits;
  Money fee;
  uint32_t payment_options = 0;  // PaymentBits
  int64_t effort_hours = 0;
  DeliveryMode delivery_mode = DeliveryMode::kUnspecified;
  int32_t onsite_days = 0;
  Pacing pacing = Pacing::kUnspecified;
  bool synchronous = false;
  int32_t duration_weeks = 0;
  int32_t validity_months = 0;  // 0: does not expire
  std::string language;          // BCP 47, e.g. "en"
  std::vector<Offering> offerings;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  friend bool operator==(const Credential&, const Credential&) = default;
};

// A qualification's rule tree: every node is satisfied by items (credential or
// qualification ids) and child groups according to its kind.
enum class RuleKind : int {
  kUnspecified = 0,
  kAllOf = 1,             // every item and child
  kAtLeastItems = 2,      // at least `min_items` of items and children
  kAtLeastCredits = 3,    // at least `min_credits` credit from items
  kFromDistinctGroups = 4,// children satisfied in at least `min_groups` distinct children
  kCreditsAtLevel = 5,    // at least `min_credits` credit from items at level >= `min_level`
};

struct RuleNode {
  std::string name;  // for audits: "Electives A"
  RuleKind kind = RuleKind::kUnspecified;
  int32_t min_items = 0;
  int64_t min_credits = 0;
  int32_t min_groups = 0;
  int32_t min_level = 0;
  bool allow_double_counting = false;
  std::vector<std::string> items;
  std::vector<RuleNode> children;
  friend bool operator==(const RuleNode&, const RuleNode&) = default;
};

struct Qualification {
  std::string id;
  std::string title;
  std::string provider_id;
  Level level;
  std::vector<std::string> fields;
  CreditSystem credit_system = CreditSystem::kUnspecified;
  int64_t credit_required = 0;
  int64_t stacked_credit_cap = 0;  // most credit accepted from micro-credentials; 0: no cap
  int32_t recency_months = 0;      // credit older than this does not count; 0: no limit
  std::vector<std::string> core_ids;
  std::optional<RuleNode> rules;
  BenefitFacts benefits;
  friend bool operator==(const Qualification&, const Qualification&) = default;
};

// A typed directed edge. LEADS_TO edges of one target with the same `group` form one
// OR-group (any member satisfies it); distinct groups are ANDed. OVERLAPS is symmetric
// and stored once with from < to.
struct Link {
  std::string from_id;
  std::string to_id;
  LinkType type = LinkType::kUnspecified;
  int32_t group = 0;           // LEADS_TO: prerequisite group number of `to_id`
  int64_t credit_points = 0;   // CREDIT_TOWARD: credit in the qualification's system
  double overlap_fraction = 0; // OVERLAPS: share of content in common, (0, 1]
  friend bool operator==(const Link&, const Link&) = default;
};

struct HeldCredential {
  std::string credential_id;
  Date earned_on;
  std::string grade;  // free text where known
  friend bool operator==(const HeldCredential&, const HeldCredential&) = default;
};

struct Override {
  OverrideKind kind = OverrideKind::kUnspecified;
  std::string credential_id;
  std::string target;  // prerequisite credential waived, or rule name counted toward
  std::string granted_by;
  Date granted_on;
  std::string reason;
  friend bool operator==(const Override&, const Override&) = default;
};

struct LearnerProfile {
  // motivation
  Motivation motivation = Motivation::kUnspecified;
  CredentialingPurpose purpose = CredentialingPurpose::kUnspecified;
  // education
  Level level_reached;
  std::vector<std::string> prior_skills;
  // circumstances
  LifeStage life_stage = LifeStage::kUnspecified;
  Money money_budget;
  Money funding;                    // sponsorship or scholarship available
  uint32_t funding_sources = 0;     // PaymentBits (scholarship, employer) that apply
  int64_t hours_per_week = 0;
  int64_t time_budget_hours = 0;
  std::optional<Date> deadline;
  bool can_attend_onsite = true;
  int32_t max_onsite_days = 0;      // 0: no limit when can_attend_onsite
  int64_t competing_hours_per_week = 0;
  int64_t opportunity_cost_per_hour_minor = 0;  // money value of an hour, minor units
  // preferences
  std::vector<DeliveryMode> preferred_delivery;
  Assessor preferred_assessor = Assessor::kUnspecified;
  Level3 preferred_peer_engagement = Level3::kUnspecified;
  Pacing preferred_pacing = Pacing::kUnspecified;
  std::vector<std::string> languages;
  friend bool operator==(const LearnerProfile&, const LearnerProfile&) = default;
};

struct Learner {
  std::string id;
  std::string display_name;
  LearnerProfile profile;
  std::vector<HeldCredential> held;
  std::string target_qualification_id;  // goal, empty: none
  std::vector<std::string> wanted_skills;
  std::vector<Override> overrides;
  friend bool operator==(const Learner&, const Learner&) = default;
};

}  // namespace credpath::core
