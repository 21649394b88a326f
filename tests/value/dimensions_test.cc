// One test per scoring rule: each sub-dimension's score on crafted credentials.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/test_catalog.h"
#include "tests/value/value_test_support.h"
#include "value/value_model.h"

namespace credpath::value {
namespace {

using ::credpath::graph::testing::MakeCredential;
using ::credpath::graph::testing::MakeLink;
using ::credpath::graph::testing::MakeProvider;
using ::credpath::graph::testing::MakeQualification;
using ::credpath::value::testing::BuildOrDie;
using ::credpath::value::testing::Dimension;
using ::credpath::value::testing::ExplainOne;
using ::credpath::value::testing::ScoreOf;

core::Credential WithBenefits(const core::BenefitFacts& benefits) {
  core::Credential c = MakeCredential("C");
  c.benefits = benefits;
  return c;
}

double Attestation(uint32_t bits) {
  core::BenefitFacts facts;
  facts.attestation = bits;
  return ScoreOf(WithBenefits(facts), "certification.attestation");
}

TEST(DimensionsTest, AttestationTakesTheBestBit) {
  EXPECT_DOUBLE_EQ(Attestation(0), 0.0);
  EXPECT_DOUBLE_EQ(Attestation(core::kPaper), 0.3);
  EXPECT_DOUBLE_EQ(Attestation(core::kBadge), 0.5);
  EXPECT_DOUBLE_EQ(Attestation(core::kDigitalCertificate), 0.7);
  EXPECT_DOUBLE_EQ(Attestation(core::kVerifiableCredential), 1.0);
  EXPECT_DOUBLE_EQ(Attestation(core::kPaper | core::kBadge), 0.5);
  EXPECT_DOUBLE_EQ(Attestation(core::kPaper | core::kVerifiableCredential), 1.0);
}

TEST(DimensionsTest, GradedFactsScoreHighMediumLow) {
  struct Case {
    core::Level3 core::BenefitFacts::*fact;
    const char* key;
  };
  for (const Case& c : {Case{&core::BenefitFacts::employer_recognition, "outcomes.employability"},
                        Case{&core::BenefitFacts::educator_engagement, "engagement.educators"},
                        Case{&core::BenefitFacts::peer_engagement, "engagement.peers"},
                        Case{&core::BenefitFacts::industry_engagement, "engagement.industry"}}) {
    SCOPED_TRACE(c.key);
    core::BenefitFacts facts;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 0.0);
    facts.*c.fact = core::Level3::kLow;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 0.3);
    facts.*c.fact = core::Level3::kMedium;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 0.6);
    facts.*c.fact = core::Level3::kHigh;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 1.0);
  }
}

TEST(DimensionsTest, FlagsScoreOneOrZero) {
  struct Case {
    bool core::BenefitFacts::*fact;
    const char* key;
  };
  for (const Case& c :
       {Case{&core::BenefitFacts::portable, "certification.portability"},
        Case{&core::BenefitFacts::industry_accredited, "quality.industry_accredited"},
        Case{&core::BenefitFacts::identity_verified, "assessment.identity_verification"},
        Case{&core::BenefitFacts::formative_feedback, "assessment.formative_feedback"},
        Case{&core::BenefitFacts::career_advice, "engagement.career_advice"}}) {
    SCOPED_TRACE(c.key);
    core::BenefitFacts facts;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 0.0);
    facts.*c.fact = true;
    EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), c.key), 1.0);
  }
}

TEST(DimensionsTest, SecurityHalvesBetweenTamperProofAndVerifiable) {
  core::BenefitFacts facts;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "certification.security"), 0.0);
  facts.tamper_proof = true;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "certification.security"), 0.5);
  facts.attestation = core::kVerifiableCredential;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "certification.security"), 1.0);
  facts.tamper_proof = false;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "certification.security"), 0.5);
}

TEST(DimensionsTest, KnowledgeSkillsFollowsThePurpose) {
  core::Credential c = MakeCredential("C");
  c.skills = {"sql", "python", "statistics", "excel"};
  core::LearnerProfile learner;
  learner.prior_skills = {"excel", "writing"};
  EXPECT_DOUBLE_EQ(ScoreOf(c, "outcomes.knowledge_skills", learner), 1.0);
  learner.purpose = core::CredentialingPurpose::kNewSkills;
  EXPECT_DOUBLE_EQ(ScoreOf(c, "outcomes.knowledge_skills", learner), 0.75);
  learner.purpose = core::CredentialingPurpose::kPriorSkills;
  EXPECT_DOUBLE_EQ(ScoreOf(c, "outcomes.knowledge_skills", learner), 0.25);
  c.skills.clear();
  EXPECT_DOUBLE_EQ(ScoreOf(c, "outcomes.knowledge_skills", learner), 0.0);
}

TEST(DimensionsTest, StandingIsTheMeanOfGeneralAndIndustryStanding) {
  core::Provider provider = MakeProvider("P");
  provider.standing = 0.8;
  provider.industry_standing = 0.6;
  core::Provider partner = MakeProvider("Q");
  partner.standing = 0.4;
  partner.industry_standing = 0.2;
  core::Credential c = MakeCredential("C");
  EXPECT_DOUBLE_EQ(ScoreOf(c, "signalling.provider_standing", {}, provider), 0.7);
  EXPECT_DOUBLE_EQ(ScoreOf(c, "signalling.partner_standing", {}, provider), 0.0);
  c.partner_provider_id = partner.id;
  EXPECT_DOUBLE_EQ(ScoreOf(c, "signalling.partner_standing", {}, provider, partner), 0.3);
}

TEST(DimensionsTest, ProviderAccreditedIsQualityAssurance) {
  core::Provider provider = MakeProvider("P");
  EXPECT_DOUBLE_EQ(ScoreOf(MakeCredential("C"), "quality.provider_accredited", {}, provider), 0.0);
  provider.quality_assured = true;
  EXPECT_DOUBLE_EQ(ScoreOf(MakeCredential("C"), "quality.provider_accredited", {}, provider), 1.0);
}

TEST(DimensionsTest, LeadsToCountsDependentsAndCredit) {
  storage::CatalogData data = graph::testing::MakeCatalog(
      {"A", "B", "C", "D", "E"}, {{"A", "B"}, {"B", "C"}, {"B", "D"}, {"E", "D"}});
  data.qualifications.push_back(MakeQualification("Q"));
  core::Link credit = MakeLink("E", "Q", core::LinkType::kCreditToward);
  credit.credit_points = 10;
  data.links.push_back(credit);
  const auto snapshot = BuildOrDie(std::move(data));
  auto leads_to = [&](const char* id) {
    return Dimension(ExplainOne(*snapshot, id), "interoperability.leads_to").score;
  };
  EXPECT_DOUBLE_EQ(leads_to("C"), 0.0);   // a dead end
  EXPECT_DOUBLE_EQ(leads_to("A"), 0.25);  // one dependent
  EXPECT_DOUBLE_EQ(leads_to("B"), 0.5);   // two dependents
  EXPECT_DOUBLE_EQ(leads_to("E"), 0.75);  // one dependent and credit
}

TEST(DimensionsTest, MacroCreditIsTheShareOfTheTargetsRequirement) {
  storage::CatalogData data = graph::testing::MakeCatalog({"A", "B", "C"});
  core::Qualification q = MakeQualification("Q");
  q.credit_required = 40;
  data.qualifications.push_back(q);
  core::Link a = MakeLink("A", "Q", core::LinkType::kCreditToward);
  a.credit_points = 10;
  core::Link b = MakeLink("B", "Q", core::LinkType::kCreditToward);
  b.credit_points = 60;
  data.links.push_back(a);
  data.links.push_back(b);
  const auto snapshot = BuildOrDie(std::move(data));
  absl::StatusOr<graph::QualificationCredit> target = graph::CreditToward(*snapshot, "Q");
  ASSERT_TRUE(target.ok()) << target.status();
  ValueRequest request;
  request.target = &*target;
  auto macro = [&](const char* id, const ValueRequest& r) {
    return Dimension(ExplainOne(*snapshot, id, {}, r), "interoperability.macro_credit");
  };
  EXPECT_DOUBLE_EQ(macro("A", request).score, 0.25);
  EXPECT_DOUBLE_EQ(macro("B", request).score, 1.0);  // capped
  EXPECT_DOUBLE_EQ(macro("C", request).score, 0.0);
  EXPECT_DOUBLE_EQ(macro("A", request).weight, 1.5);
  // Without a target the dimension has nothing to be scored against and weighs nothing.
  EXPECT_DOUBLE_EQ(macro("A", {}).score, 0.0);
  EXPECT_DOUBLE_EQ(macro("A", {}).weight, 0.0);
}

TEST(DimensionsTest, MacroCreditOfATargetWithoutRequirementIsAnyCredit) {
  storage::CatalogData data = graph::testing::MakeCatalog({"A", "B"});
  data.qualifications.push_back(MakeQualification("Q"));
  core::Link a = MakeLink("A", "Q", core::LinkType::kCreditToward);
  a.credit_points = 5;
  data.links.push_back(a);
  const auto snapshot = BuildOrDie(std::move(data));
  absl::StatusOr<graph::QualificationCredit> target = graph::CreditToward(*snapshot, "Q");
  ASSERT_TRUE(target.ok()) << target.status();
  ValueRequest request;
  request.target = &*target;
  EXPECT_DOUBLE_EQ(
      Dimension(ExplainOne(*snapshot, "A", {}, request), "interoperability.macro_credit").score,
      1.0);
  EXPECT_DOUBLE_EQ(
      Dimension(ExplainOne(*snapshot, "B", {}, request), "interoperability.macro_credit").score,
      0.0);
}

TEST(DimensionsTest, QuantumIsHalvedWithoutSummativeAssessment) {
  core::BenefitFacts facts;
  facts.assessment_quantum = core::Level3::kHigh;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "assessment.quantum"), 0.5);
  facts.summative_assessment = true;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "assessment.quantum"), 1.0);
  facts.assessment_quantum = core::Level3::kMedium;
  EXPECT_DOUBLE_EQ(ScoreOf(WithBenefits(facts), "assessment.quantum"), 0.6);
}

TEST(DimensionsTest, MainAssessorFollowsThePreference) {
  auto assessor = [](core::Assessor offered, core::Assessor preferred) {
    core::BenefitFacts facts;
    facts.main_assessor = offered;
    core::LearnerProfile learner;
    learner.preferred_assessor = preferred;
    return ScoreOf(WithBenefits(facts), "assessment.main_assessor", learner);
  };
  using core::Assessor;
  EXPECT_DOUBLE_EQ(assessor(Assessor::kUnspecified, Assessor::kUnspecified), 0.0);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kEducators, Assessor::kUnspecified), 1.0);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kPeers, Assessor::kUnspecified), 0.6);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kTechnology, Assessor::kUnspecified), 0.5);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kPeers, Assessor::kPeers), 1.0);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kEducators, Assessor::kPeers), 0.5);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kTechnology, Assessor::kPeers), 0.25);
  EXPECT_DOUBLE_EQ(assessor(Assessor::kUnspecified, Assessor::kPeers), 0.0);
}

TEST(DimensionsTest, PeersFallByDistanceFromThePreferredAmount) {
  auto peers = [](core::Level3 offered, core::Level3 preferred) {
    core::BenefitFacts facts;
    facts.peer_engagement = offered;
    core::LearnerProfile learner;
    learner.preferred_peer_engagement = preferred;
    return ScoreOf(WithBenefits(facts), "engagement.peers", learner);
  };
  using core::Level3;
  EXPECT_DOUBLE_EQ(peers(Level3::kLow, Level3::kLow), 1.0);
  EXPECT_DOUBLE_EQ(peers(Level3::kMedium, Level3::kLow), 0.6);
  EXPECT_NEAR(peers(Level3::kHigh, Level3::kLow), 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(peers(Level3::kMedium, Level3::kHigh), 0.6);
  EXPECT_DOUBLE_EQ(peers(Level3::kUnspecified, Level3::kHigh), 0.0);
}

TEST(DimensionsTest, PacingFollowsThePreference) {
  auto pacing = [](core::Pacing offered, core::Pacing preferred) {
    core::Credential c = MakeCredential("C");
    c.pacing = offered;
    core::LearnerProfile learner;
    learner.preferred_pacing = preferred;
    return ScoreOf(c, "convenience.pacing", learner);
  };
  using core::Pacing;
  EXPECT_DOUBLE_EQ(pacing(Pacing::kUnspecified, Pacing::kUnspecified), 0.0);
  EXPECT_DOUBLE_EQ(pacing(Pacing::kOnDemand, Pacing::kUnspecified), 1.0);
  EXPECT_DOUBLE_EQ(pacing(Pacing::kScheduled, Pacing::kUnspecified), 0.5);
  EXPECT_DOUBLE_EQ(pacing(Pacing::kScheduled, Pacing::kScheduled), 1.0);
  EXPECT_DOUBLE_EQ(pacing(Pacing::kOnDemand, Pacing::kScheduled), 0.5);
  EXPECT_DOUBLE_EQ(pacing(Pacing::kScheduled, Pacing::kOnDemand), 0.25);
}

TEST(DimensionsTest, SynchronousHalvesConvenience) {
  core::Credential c = MakeCredential("C");
  EXPECT_DOUBLE_EQ(ScoreOf(c, "convenience.synchronicity"), 1.0);
  c.synchronous = true;
  EXPECT_DOUBLE_EQ(ScoreOf(c, "convenience.synchronicity"), 0.5);
}

TEST(DimensionsTest, DeliveryFollowsPreferenceAndOnsiteCapacity) {
  auto delivery = [](core::DeliveryMode offered, const core::LearnerProfile& learner) {
    core::Credential c = MakeCredential("C");
    c.delivery_mode = offered;
    return ScoreOf(c, "convenience.delivery", learner);
  };
  using core::DeliveryMode;
  core::LearnerProfile learner;
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kUnspecified, learner), 0.0);
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kOnsite, learner), 1.0);
  learner.preferred_delivery = {DeliveryMode::kOnline, DeliveryMode::kMostlyOnline};
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kMostlyOnline, learner), 1.0);
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kMostlyOnsite, learner), 0.5);
  learner.can_attend_onsite = false;
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kMostlyOnsite, learner), 0.0);
  EXPECT_DOUBLE_EQ(delivery(DeliveryMode::kOnline, learner), 1.0);
}

TEST(DimensionsTest, EveryDimensionIsExplainedInDocumentedOrder) {
  const auto snapshot = BuildOrDie(graph::testing::MakeCatalog({"C"}));
  std::vector<std::string> keys;
  for (const DimensionScore& d : ExplainOne(*snapshot, "C").dimensions) {
    keys.emplace_back(d.key);
  }
  EXPECT_THAT(
      keys,
      ::testing::ElementsAre(
          "outcomes.knowledge_skills", "outcomes.employability", "certification.attestation",
          "certification.portability", "certification.security", "signalling.provider_standing",
          "signalling.partner_standing", "interoperability.leads_to",
          "interoperability.macro_credit", "quality.provider_accredited",
          "quality.industry_accredited", "assessment.quantum", "assessment.identity_verification",
          "assessment.main_assessor", "assessment.formative_feedback", "engagement.educators",
          "engagement.peers", "engagement.industry", "engagement.career_advice",
          "convenience.pacing", "convenience.synchronicity", "convenience.delivery"));
}

}  // namespace
}  // namespace credpath::value
