#include "services/convert.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "core/catalog.h"
#include "core/field_violations.h"

namespace credpath::services {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

core::Date D(const char* text) { return *core::ParseDate(text); }

core::BenefitFacts FullBenefits() {
  core::BenefitFacts b;
  b.employer_recognition = core::Level3::kHigh;
  b.outcomes = {"promotion", "salary"};
  b.attestation = core::kBadge | core::kVerifiableCredential;
  b.portable = true;
  b.tamper_proof = true;
  b.industry_accredited = true;
  b.industry_accreditor = "Engineers Australia";
  b.summative_assessment = true;
  b.assessment_quantum = core::Level3::kMedium;
  b.identity_verified = true;
  b.main_assessor = core::Assessor::kPeers;
  b.formative_feedback = true;
  b.educator_engagement = core::Level3::kLow;
  b.peer_engagement = core::Level3::kHigh;
  b.industry_engagement = core::Level3::kMedium;
  b.career_advice = true;
  return b;
}

core::Credential FullCredential() {
  core::Credential c;
  c.id = "C1";
  c.title = "Applied Data Analysis";
  c.provider_id = "P1";
  c.partner_provider_id = "P2";
  c.level = {core::LevelFramework::kAqf, 7};
  c.fields = {"0613", "0542"};
  c.skills = {"http://data.europa.eu/esco/skill/abc", "sql"};
  c.benefits = FullBenefits();
  c.fee = {45050, "AUD"};
  c.payment_options = core::kUpfront | core::kInstalments | core::kEmployerSponsored;
  c.effort_hours = 120;
  c.delivery_mode = core::DeliveryMode::kMostlyOnsite;
  c.onsite_days = 3;
  c.pacing = core::Pacing::kScheduled;
  c.synchronous = true;
  c.duration_weeks = 12;
  c.validity_months = 36;
  c.language = "en-AU";
  c.offerings = {{"2027-S1", D("2027-02-22")}, {"2027-S2", D("2027-07-26")}};
  c.valid_from = D("2026-01-01");
  c.valid_to = D("2028-12-31");
  return c;
}

core::Qualification FullQualification() {
  core::Qualification q;
  q.id = "Q1";
  q.title = "Graduate Certificate in Data Science";
  q.provider_id = "P1";
  q.level = {core::LevelFramework::kAqf, 8};
  q.fields = {"0613"};
  q.credit_system = core::CreditSystem::kAqfPoints;
  q.credit_required = 48;
  q.stacked_credit_cap = 24;
  q.recency_months = 60;
  q.core_ids = {"C1", "C2"};
  core::RuleNode leaf;
  leaf.name = "Electives A";
  leaf.kind = core::RuleKind::kCreditsAtLevel;
  leaf.min_items = 1;
  leaf.min_credits = 12;
  leaf.min_groups = 1;
  leaf.min_level = 7;
  leaf.allow_double_counting = true;
  leaf.items = {"C3", "C4"};
  core::RuleNode root;
  root.name = "Electives";
  root.kind = core::RuleKind::kFromDistinctGroups;
  root.min_groups = 2;
  root.items = {"C5"};
  root.children = {leaf, leaf};
  root.children[1].name = "Electives B";
  root.children[1].kind = core::RuleKind::kAtLeastItems;
  q.rules = root;
  q.benefits = FullBenefits();
  return q;
}

core::Learner FullLearner() {
  core::Learner l;
  l.id = "L1";
  l.display_name = "Ana";
  core::LearnerProfile& p = l.profile;
  p.motivation = core::Motivation::kCareerAdvantage;
  p.purpose = core::CredentialingPurpose::kPriorSkills;
  p.level_reached = {core::LevelFramework::kEqf, 6};
  p.prior_skills = {"python"};
  p.life_stage = core::LifeStage::kCareerChange;
  p.money_budget = {300000, "EUR"};
  p.funding = {50000, "EUR"};
  p.funding_sources = core::kScholarship | core::kEmployerSponsored;
  p.hours_per_week = 8;
  p.time_budget_hours = 400;
  p.deadline = D("2028-06-30");
  p.can_attend_onsite = false;
  p.max_onsite_days = 2;
  p.competing_hours_per_week = 40;
  p.opportunity_cost_per_hour_minor = 2500;
  p.preferred_delivery = {core::DeliveryMode::kOnline, core::DeliveryMode::kMostlyOnline};
  p.preferred_assessor = core::Assessor::kTechnology;
  p.preferred_peer_engagement = core::Level3::kLow;
  p.preferred_pacing = core::Pacing::kOnDemand;
  p.languages = {"pt", "en"};
  l.held = {{"C7", D("2024-11-05"), "HD"}, {"C8", D("2020-02-29"), ""}};
  l.target_qualification_id = "Q1";
  l.wanted_skills = {"machine-learning"};
  l.overrides = {{core::OverrideKind::kWaivePrerequisite, "C3", "C2", "dr.lee", D("2025-03-01"),
                  "equivalent industry experience"}};
  return l;
}

template <typename Proto, typename Domain>
Domain RoundTrip(const Domain& in, const std::string& path) {
  Proto proto;
  ToProto(in, &proto);
  core::FieldViolations violations;
  Domain out = FromProto(proto, path, &violations);
  EXPECT_TRUE(violations.empty()) << violations.ToStatus();
  return out;
}

std::vector<std::string> Fields(const core::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const core::FieldViolation& v : violations.violations()) fields.push_back(v.field);
  return fields;
}

TEST(ConvertTest, CredentialRoundTripsEveryField) {
  const core::Credential c = FullCredential();
  EXPECT_EQ(RoundTrip<v1::Credential>(c, "credentials[0]"), c);
}

TEST(ConvertTest, CredentialBitSetsBecomeEnumListsInIncreasingOrder) {
  v1::Credential proto;
  ToProto(FullCredential(), &proto);
  EXPECT_THAT(proto.benefits().attestation(),
              ElementsAre(v1::ATTESTATION_BADGE, v1::ATTESTATION_VERIFIABLE_CREDENTIAL));
  EXPECT_THAT(proto.payment_options(),
              ElementsAre(v1::PAYMENT_OPTION_UPFRONT, v1::PAYMENT_OPTION_INSTALMENTS,
                          v1::PAYMENT_OPTION_EMPLOYER_SPONSORED));
  EXPECT_EQ(proto.valid_from(), "2026-01-01");
  EXPECT_EQ(proto.offerings(1).start(), "2027-07-26");
}

TEST(ConvertTest, QualificationRoundTripsWithAndWithoutRules) {
  core::Qualification q = FullQualification();
  EXPECT_EQ(RoundTrip<v1::Qualification>(q, "qualifications[0]"), q);
  q.rules.reset();
  EXPECT_EQ(RoundTrip<v1::Qualification>(q, "qualifications[0]"), q);
}

TEST(ConvertTest, ProviderLinkAndLinkKeyRoundTrip) {
  core::Provider p{"P1", "University of Merrivale", 0.86, 0.72, true, "TEQSA", {"AU", "NZ"}};
  EXPECT_EQ(RoundTrip<v1::Provider>(p, "providers[0]"), p);
  core::Link l{"C1", "Q1", core::LinkType::kCreditToward, 2, 12, 0.25};
  EXPECT_EQ(RoundTrip<v1::Link>(l, "links[0]"), l);
  storage::LinkKey k{"C1", "C2", core::LinkType::kLeadsTo, 3};
  EXPECT_EQ(RoundTrip<v1::LinkKey>(k, "delete_links[0]"), k);
}

TEST(ConvertTest, LearnerRoundTripsEveryField) {
  const core::Learner l = FullLearner();
  EXPECT_EQ(RoundTrip<v1::Learner>(l, "learner"), l);
}

TEST(ConvertTest, UnsetCanAttendOnsiteMeansTrue) {
  v1::LearnerProfile proto;
  core::FieldViolations violations;
  EXPECT_TRUE(FromProto(proto, "learner.profile", &violations).can_attend_onsite);
  proto.set_can_attend_onsite(false);
  EXPECT_FALSE(FromProto(proto, "learner.profile", &violations).can_attend_onsite);
  EXPECT_TRUE(violations.empty());
}

TEST(ConvertTest, ToProtoOverwritesAReusedMessage) {
  v1::Qualification proto;
  ToProto(FullQualification(), &proto);
  core::Qualification bare;
  bare.id = "Q2";
  ToProto(bare, &proto);
  EXPECT_FALSE(proto.has_rules());
  EXPECT_THAT(proto.core_ids(), IsEmpty());
  EXPECT_THAT(proto.benefits().attestation(), IsEmpty());
  core::FieldViolations violations;
  EXPECT_EQ(FromProto(proto, "", &violations), bare);
}

TEST(ConvertTest, BadDatesAreReportedAtTheirPaths) {
  v1::Learner learner;
  ToProto(FullLearner(), &learner);
  learner.mutable_held(1)->set_earned_on("2025-02-30");  // no such day
  learner.mutable_overrides(0)->set_granted_on("");      // required
  learner.mutable_profile()->set_deadline("30/06/2028");
  core::FieldViolations violations;
  FromProto(learner, "learner", &violations);
  EXPECT_THAT(Fields(violations),
              ElementsAre("learner.profile.deadline", "learner.held[1].earned_on",
                          "learner.overrides[0].granted_on"));
  for (const core::FieldViolation& v : violations.violations()) {
    EXPECT_EQ(v.description, "must be a date YYYY-MM-DD");
  }
  EXPECT_THAT(violations.ToStatus().message(),
              ::testing::HasSubstr("learner.held[1].earned_on: must be a date YYYY-MM-DD"));

  v1::Credential credential;
  ToProto(FullCredential(), &credential);
  credential.mutable_offerings(0)->set_start("2027-2-22");
  credential.set_valid_to("soon");
  core::FieldViolations credential_violations;
  FromProto(credential, "credentials[3]", &credential_violations);
  EXPECT_THAT(Fields(credential_violations),
              ElementsAre("credentials[3].offerings[0].start", "credentials[3].valid_to"));
}

TEST(ConvertTest, EmptyOptionalDatesAreAbsent) {
  v1::Credential credential;
  core::FieldViolations violations;
  core::Credential c = FromProto(credential, "credentials[0]", &violations);
  EXPECT_FALSE(c.valid_from.has_value());
  EXPECT_FALSE(c.valid_to.has_value());
  EXPECT_TRUE(violations.empty());
}

TEST(ConvertTest, UndefinedEnumNumbersAreReportedAtTheirPaths) {
  v1::Credential credential;
  ToProto(FullCredential(), &credential);
  credential.set_delivery_mode(static_cast<v1::DeliveryMode>(9));
  credential.mutable_level()->set_framework(static_cast<v1::LevelFramework>(-1));
  credential.mutable_benefits()->add_attestation(v1::ATTESTATION_UNSPECIFIED);
  credential.mutable_benefits()->add_attestation(static_cast<v1::Attestation>(17));
  credential.mutable_benefits()->set_main_assessor(static_cast<v1::Assessor>(4));
  core::FieldViolations violations;
  core::Credential c = FromProto(credential, "credentials[2]", &violations);
  EXPECT_THAT(Fields(violations),
              ElementsAre("credentials[2].level.framework", "credentials[2].benefits.attestation[2]",
                          "credentials[2].benefits.attestation[3]",
                          "credentials[2].benefits.main_assessor", "credentials[2].delivery_mode"));
  EXPECT_EQ(violations.violations()[1].description, "must not be unspecified");
  EXPECT_EQ(violations.violations()[4].description, "must be a known value");
  EXPECT_EQ(c.delivery_mode, core::DeliveryMode::kUnspecified);
  // The valid values of the list still convert.
  EXPECT_EQ(c.benefits.attestation, core::kBadge | core::kVerifiableCredential);

  v1::Learner learner;
  learner.mutable_profile()->add_preferred_delivery(v1::DELIVERY_MODE_UNSPECIFIED);
  learner.mutable_profile()->add_preferred_delivery(static_cast<v1::DeliveryMode>(5));
  learner.mutable_profile()->add_preferred_delivery(v1::DELIVERY_MODE_ONLINE);
  v1::Link link;
  link.set_type(static_cast<v1::LinkType>(6));
  v1::RuleNode rule;
  rule.add_children()->set_kind(static_cast<v1::RuleKind>(8));
  core::FieldViolations more;
  core::Learner l = FromProto(learner, "learner", &more);
  FromProto(link, "links[1]", &more);
  FromProto(rule, "qualifications[0].rules", &more);
  EXPECT_THAT(Fields(more), ElementsAre("learner.profile.preferred_delivery[1]", "links[1].type",
                                        "qualifications[0].rules.children[0].kind"));
  // Unspecified is representable and left to validation; every entry keeps its index.
  EXPECT_THAT(l.profile.preferred_delivery,
              ElementsAre(core::DeliveryMode::kUnspecified, core::DeliveryMode::kUnspecified,
                          core::DeliveryMode::kOnline));
}

TEST(ConvertTest, DuplicateBitValuesCountOnce) {
  v1::Credential credential;
  credential.add_payment_options(v1::PAYMENT_OPTION_DEFERRED);
  credential.add_payment_options(v1::PAYMENT_OPTION_DEFERRED);
  core::FieldViolations violations;
  EXPECT_EQ(FromProto(credential, "", &violations).payment_options, core::kDeferred);
  EXPECT_TRUE(violations.empty());
}

TEST(ConvertTest, CatalogDocumentRoundTripsThroughNativeJson) {
  storage::CatalogData catalog;
  catalog.providers = {{"P1", "Merrivale", 0.8, 0.7, true, "TEQSA", {"AU"}},
                       {"P2", "Northgate", 0.5, 0.9, false, "", {}}};
  catalog.credentials = {FullCredential(), FullCredential()};
  catalog.credentials[1].id = "C2";
  catalog.credentials[1].valid_to.reset();
  catalog.qualifications = {FullQualification()};
  catalog.links = {{"C1", "C2", core::LinkType::kLeadsTo, 1, 0, 0},
                   {"C1", "C2", core::LinkType::kOverlaps, 0, 0, 0.5}};
  std::vector<core::Learner> learners = {FullLearner()};

  v1::CatalogDocument document;
  ToProto(catalog, learners, &document);
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(document, &json, print).ok());
  // The native format spells enums by name and fields as in core/catalog.h.
  EXPECT_THAT(json, ::testing::HasSubstr("\"delivery_mode\":\"DELIVERY_MODE_MOSTLY_ONSITE\""));
  EXPECT_THAT(json, ::testing::HasSubstr("\"earned_on\":\"2024-11-05\""));
  v1::CatalogDocument parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());

  core::FieldViolations violations;
  CatalogDocumentData back = FromProto(parsed, "", &violations);
  EXPECT_TRUE(violations.empty()) << violations.ToStatus();
  EXPECT_EQ(back.catalog.version, 0);
  EXPECT_EQ(back.catalog.providers, catalog.providers);
  EXPECT_EQ(back.catalog.credentials, catalog.credentials);
  EXPECT_EQ(back.catalog.qualifications, catalog.qualifications);
  EXPECT_EQ(back.catalog.links, catalog.links);
  EXPECT_EQ(back.learners, learners);
}

TEST(ConvertTest, CatalogDocumentPathsNameTheList) {
  v1::CatalogDocument document;
  document.add_credentials();
  document.add_credentials()->set_valid_from("2026-13-01");
  document.add_learners()->add_held()->set_earned_on("x");
  core::FieldViolations violations;
  FromProto(document, "", &violations);
  EXPECT_THAT(Fields(violations),
              ElementsAre("credentials[1].valid_from", "learners[0].held[0].earned_on"));
}

// Random records over the whole value space of each field, so that a field a converter
// forgets (or maps to the wrong field) shows up as a mismatch.
class RandomRecords {
 public:
  explicit RandomRecords(uint32_t seed) : rng_(seed) {}

  core::Credential Credential() {
    core::Credential c;
    c.id = Text();
    c.title = Text();
    c.provider_id = Text();
    c.partner_provider_id = Text();
    c.level = {Enum<core::LevelFramework>(5), Int32(-5, 12)};
    c.fields = Texts();
    c.skills = Texts();
    c.benefits = Benefits();
    c.fee = {Int(-1000, 10'000'000), Text()};
    c.payment_options = static_cast<uint32_t>(Int(0, 31));
    c.effort_hours = Int(0, 5000);
    c.delivery_mode = Enum<core::DeliveryMode>(4);
    c.onsite_days = Int(0, 40);
    c.pacing = Enum<core::Pacing>(2);
    c.synchronous = Bool();
    c.duration_weeks = Int(0, 100);
    c.validity_months = Int(0, 120);
    c.language = Text();
    for (int i = Int(0, 3); i > 0; --i) c.offerings.push_back({Text(), Date()});
    if (Bool()) c.valid_from = Date();
    if (Bool()) c.valid_to = Date();
    return c;
  }

  core::Qualification Qualification() {
    core::Qualification q;
    q.id = Text();
    q.title = Text();
    q.provider_id = Text();
    q.level = {Enum<core::LevelFramework>(5), Int32(0, 10)};
    q.fields = Texts();
    q.credit_system = Enum<core::CreditSystem>(6);
    q.credit_required = Int(0, 400);
    q.stacked_credit_cap = Int(0, 400);
    q.recency_months = Int(0, 240);
    q.core_ids = Texts();
    if (Bool()) q.rules = Rule(2);
    q.benefits = Benefits();
    return q;
  }

  core::Learner Learner() {
    core::Learner l;
    l.id = Text();
    l.display_name = Text();
    core::LearnerProfile& p = l.profile;
    p.motivation = Enum<core::Motivation>(2);
    p.purpose = Enum<core::CredentialingPurpose>(2);
    p.level_reached = {Enum<core::LevelFramework>(5), Int32(0, 10)};
    p.prior_skills = Texts();
    p.life_stage = Enum<core::LifeStage>(6);
    p.money_budget = {Int(0, 1'000'000), Text()};
    p.funding = {Int(0, 1'000'000), Text()};
    p.funding_sources = static_cast<uint32_t>(Int(0, 31));
    p.hours_per_week = Int(0, 80);
    p.time_budget_hours = Int(0, 4000);
    if (Bool()) p.deadline = Date();
    p.can_attend_onsite = Bool();
    p.max_onsite_days = Int(0, 30);
    p.competing_hours_per_week = Int(0, 60);
    p.opportunity_cost_per_hour_minor = Int(0, 10000);
    for (int i = Int(0, 3); i > 0; --i) {
      p.preferred_delivery.push_back(static_cast<core::DeliveryMode>(Int(1, 4)));
    }
    p.preferred_assessor = Enum<core::Assessor>(3);
    p.preferred_peer_engagement = Enum<core::Level3>(3);
    p.preferred_pacing = Enum<core::Pacing>(2);
    p.languages = Texts();
    for (int i = Int(0, 3); i > 0; --i) l.held.push_back({Text(), Date(), Text()});
    l.target_qualification_id = Text();
    l.wanted_skills = Texts();
    for (int i = Int(0, 2); i > 0; --i) {
      l.overrides.push_back({Enum<core::OverrideKind>(2), Text(), Text(), Text(), Date(), Text()});
    }
    return l;
  }

 private:
  int64_t Int(int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng_);
  }
  int32_t Int32(int32_t low, int32_t high) { return static_cast<int32_t>(Int(low, high)); }
  bool Bool() { return Int(0, 1) == 1; }
  template <typename E>
  E Enum(int max) { return static_cast<E>(Int(0, max)); }
  std::string Text() {
    std::string s;
    for (int n = static_cast<int>(Int(0, 6)); n > 0; --n) s += static_cast<char>('a' + Int(0, 25));
    return s;
  }
  std::vector<std::string> Texts() {
    std::vector<std::string> v;
    for (int n = static_cast<int>(Int(0, 3)); n > 0; --n) v.push_back(Text());
    return v;
  }
  // 0001-01-01 .. 9999-12-31, the years "YYYY" can spell.
  core::Date Date() { return {static_cast<int32_t>(Int(-719162, 2932896))}; }
  core::BenefitFacts Benefits() {
    core::BenefitFacts b;
    b.employer_recognition = Enum<core::Level3>(3);
    b.outcomes = Texts();
    b.attestation = static_cast<uint32_t>(Int(0, 15));
    b.portable = Bool();
    b.tamper_proof = Bool();
    b.industry_accredited = Bool();
    b.industry_accreditor = Text();
    b.summative_assessment = Bool();
    b.assessment_quantum = Enum<core::Level3>(3);
    b.identity_verified = Bool();
    b.main_assessor = Enum<core::Assessor>(3);
    b.formative_feedback = Bool();
    b.educator_engagement = Enum<core::Level3>(3);
    b.peer_engagement = Enum<core::Level3>(3);
    b.industry_engagement = Enum<core::Level3>(3);
    b.career_advice = Bool();
    return b;
  }
  core::RuleNode Rule(int depth) {
    core::RuleNode r;
    r.name = Text();
    r.kind = Enum<core::RuleKind>(5);
    r.min_items = Int(0, 5);
    r.min_credits = Int(0, 100);
    r.min_groups = Int(0, 3);
    r.min_level = Int(0, 10);
    r.allow_double_counting = Bool();
    r.items = Texts();
    if (depth > 0) {
      for (int n = static_cast<int>(Int(0, 2)); n > 0; --n) r.children.push_back(Rule(depth - 1));
    }
    return r;
  }

  std::mt19937 rng_;
};

TEST(ConvertTest, RandomRecordsRoundTrip) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomRecords random(seed);
    const core::Credential c = random.Credential();
    ASSERT_EQ(RoundTrip<v1::Credential>(c, "c"), c);
    const core::Qualification q = random.Qualification();
    ASSERT_EQ(RoundTrip<v1::Qualification>(q, "q"), q);
    const core::Learner l = random.Learner();
    ASSERT_EQ(RoundTrip<v1::Learner>(l, "l"), l);
  }
}

}  // namespace
}  // namespace credpath::services
