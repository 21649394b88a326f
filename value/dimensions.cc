#include "value/dimensions.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace credpath::value::internal {
namespace {

// Graded facts (Level3): HIGH 1, MEDIUM 0.6, LOW 0.3; an unspecified fact earns nothing,
// here and in every rule: the catalogue must state a fact for it to count.
double Grade(core::Level3 grade) {
  switch (grade) {
    case core::Level3::kHigh:
      return 1.0;
    case core::Level3::kMedium:
      return 0.6;
    case core::Level3::kLow:
      return 0.3;
    case core::Level3::kUnspecified:
      break;
  }
  return 0.0;
}

double Flag(bool fact) { return fact ? 1.0 : 0.0; }

// A stated preference scores a match 1 and halves the base score of a mismatch; without a
// preference the base score stands.
double WithPreference(double base, bool preference_stated, bool matches) {
  if (!preference_stated) return base;
  return matches ? 1.0 : base / 2;
}

// A provider's signalling power: the mean of its general and its industry standing.
double Standing(const core::Provider* provider) {
  if (provider == nullptr) return 0.0;
  return std::clamp((provider->standing + provider->industry_standing) / 2, 0.0, 1.0);
}

// Share of the credential's skills the learner wants credentialed: skills new to the learner
// for NEW_SKILLS, skills already held for PRIOR_SKILLS, every skill otherwise.
double KnowledgeSkills(const Subject& s, const LearnerFacts& l) {
  if (s.credential == nullptr || s.credential->skills.empty()) return 0.0;
  const std::vector<std::string>& skills = s.credential->skills;
  const auto known = std::count_if(skills.begin(), skills.end(), [&l](const std::string& skill) {
    return std::binary_search(l.prior_skills.begin(), l.prior_skills.end(), skill);
  });
  const double n = static_cast<double>(skills.size());
  switch (l.profile->purpose) {
    case core::CredentialingPurpose::kNewSkills:
      return (n - static_cast<double>(known)) / n;
    case core::CredentialingPurpose::kPriorSkills:
      return static_cast<double>(known) / n;
    case core::CredentialingPurpose::kUnspecified:
      break;
  }
  return 1.0;
}

double Employability(const Subject& s, const LearnerFacts&) {
  return Grade(s.benefits->employer_recognition);
}

// The best attestation the credential issues.
double Attestation(const Subject& s, const LearnerFacts&) {
  const uint32_t bits = s.benefits->attestation;
  if (bits & core::kVerifiableCredential) return 1.0;
  if (bits & core::kDigitalCertificate) return 0.7;
  if (bits & core::kBadge) return 0.5;
  if (bits & core::kPaper) return 0.3;
  return 0.0;
}

double Portability(const Subject& s, const LearnerFacts&) { return Flag(s.benefits->portable); }

// Half for a tamper-proof credential, half for one a third party can verify.
double Security(const Subject& s, const LearnerFacts&) {
  return 0.5 * Flag(s.benefits->tamper_proof) +
         0.5 * Flag((s.benefits->attestation & core::kVerifiableCredential) != 0);
}

double ProviderStanding(const Subject& s, const LearnerFacts&) { return Standing(s.provider); }

double PartnerStanding(const Subject& s, const LearnerFacts&) { return Standing(s.partner); }

// Two dependents open enough of the catalogue for the full half: most credentials in real
// catalogues lead to none or one, so the score separates gateways from dead ends.
constexpr double kDependentsForFullScore = 2;

// Half for opening further credentials, half for carrying credit toward any qualification.
double LeadsTo(const Subject& s, const LearnerFacts&) {
  const double opened = std::min(1.0, static_cast<double>(s.dependents) / kDependentsForFullScore);
  return 0.5 * opened + 0.5 * Flag(s.carries_credit);
}

double MacroCredit(const Subject& s, const LearnerFacts&) { return s.target_share; }

double ProviderAccredited(const Subject& s, const LearnerFacts&) {
  return Flag(s.provider != nullptr && s.provider->quality_assured);
}

double IndustryAccredited(const Subject& s, const LearnerFacts&) {
  return Flag(s.benefits->industry_accredited);
}

// The graded quantum of assessment, halved when none of it is summative.
double Quantum(const Subject& s, const LearnerFacts&) {
  return Grade(s.benefits->assessment_quantum) * (s.benefits->summative_assessment ? 1.0 : 0.5);
}

double IdentityVerification(const Subject& s, const LearnerFacts&) {
  return Flag(s.benefits->identity_verified);
}

// Educators 1, peers 0.6, technology 0.5 (how much judgement the assessment carries),
// adjusted by the learner's preferred assessor.
double MainAssessor(const Subject& s, const LearnerFacts& l) {
  const core::Assessor assessor = s.benefits->main_assessor;
  double base = 0.0;
  switch (assessor) {
    case core::Assessor::kEducators:
      base = 1.0;
      break;
    case core::Assessor::kPeers:
      base = 0.6;
      break;
    case core::Assessor::kTechnology:
      base = 0.5;
      break;
    case core::Assessor::kUnspecified:
      return 0.0;
  }
  const core::Assessor preferred = l.profile->preferred_assessor;
  return WithPreference(base, preferred != core::Assessor::kUnspecified, assessor == preferred);
}

double FormativeFeedback(const Subject& s, const LearnerFacts&) {
  return Flag(s.benefits->formative_feedback);
}

double Educators(const Subject& s, const LearnerFacts&) {
  return Grade(s.benefits->educator_engagement);
}

// Peer engagement is a taste, not a virtue: with a preferred amount stated the score falls
// 0.4 per grade away from it (1, 0.6, 0.2); without one it is the grade.
double Peers(const Subject& s, const LearnerFacts& l) {
  const core::Level3 offered = s.benefits->peer_engagement;
  const core::Level3 preferred = l.profile->preferred_peer_engagement;
  if (offered == core::Level3::kUnspecified) return 0.0;
  if (preferred == core::Level3::kUnspecified) return Grade(offered);
  const int distance = std::abs(static_cast<int>(offered) - static_cast<int>(preferred));
  return 1.0 - 0.4 * distance;
}

double Industry(const Subject& s, const LearnerFacts&) {
  return Grade(s.benefits->industry_engagement);
}

double CareerAdvice(const Subject& s, const LearnerFacts&) {
  return Flag(s.benefits->career_advice);
}

// On demand 1, scheduled 0.5, adjusted by the learner's preferred pacing.
double Pacing(const Subject& s, const LearnerFacts& l) {
  if (s.credential == nullptr) return 0.0;
  const core::Pacing pacing = s.credential->pacing;
  double base = 0.0;
  switch (pacing) {
    case core::Pacing::kOnDemand:
      base = 1.0;
      break;
    case core::Pacing::kScheduled:
      base = 0.5;
      break;
    case core::Pacing::kUnspecified:
      return 0.0;
  }
  const core::Pacing preferred = l.profile->preferred_pacing;
  return WithPreference(base, preferred != core::Pacing::kUnspecified, pacing == preferred);
}

// Asynchronous 1, synchronous 0.5: fixed class times are the inconvenience.
double Synchronicity(const Subject& s, const LearnerFacts&) {
  if (s.credential == nullptr) return 0.0;
  return s.credential->synchronous ? 0.5 : 1.0;
}

// Any stated mode 1 (the travel it costs is a cost term, not a lost benefit), adjusted by
// the learner's preferred modes; 0 for a mostly or fully onsite credential when the learner
// cannot attend onsite.
double Delivery(const Subject& s, const LearnerFacts& l) {
  if (s.credential == nullptr) return 0.0;
  const core::DeliveryMode mode = s.credential->delivery_mode;
  if (mode == core::DeliveryMode::kUnspecified) return 0.0;
  const bool onsite =
      mode == core::DeliveryMode::kMostlyOnsite || mode == core::DeliveryMode::kOnsite;
  if (onsite && !l.profile->can_attend_onsite) return 0.0;
  const std::vector<core::DeliveryMode>& preferred = l.profile->preferred_delivery;
  return WithPreference(1.0, !preferred.empty(),
                        std::find(preferred.begin(), preferred.end(), mode) != preferred.end());
}

// Career-advantage learners weigh employability, signalling, portability and industry
// accreditation more; personal-interest learners weigh knowledge, feedback, engagement and
// convenience more (Oliver 2021). Unspecified motivation sits between the two.
constexpr std::array kDimensions = {
    //       group, name, key, career, personal, unspecified, qualification, rule
    Dimension{"outcomes", "knowledge_skills", "outcomes.knowledge_skills", 2, 3, 2, false,
              KnowledgeSkills},
    Dimension{"outcomes", "employability", "outcomes.employability", 3, 0.5, 1.5, true,
              Employability},
    Dimension{"certification", "attestation", "certification.attestation", 1, 0.5, 1, true,
              Attestation},
    Dimension{"certification", "portability", "certification.portability", 2, 0.5, 1, true,
              Portability},
    Dimension{"certification", "security", "certification.security", 1, 0.5, 1, true, Security},
    Dimension{"signalling", "provider_standing", "signalling.provider_standing", 2, 0.5, 1, true,
              ProviderStanding},
    Dimension{"signalling", "partner_standing", "signalling.partner_standing", 1.5, 0.25, 0.5,
              false, PartnerStanding},
    Dimension{"interoperability", "leads_to", "interoperability.leads_to", 1, 1, 1, false, LeadsTo},
    Dimension{"interoperability", "macro_credit", "interoperability.macro_credit", 2, 1, 1.5, false,
              MacroCredit},
    Dimension{"quality", "provider_accredited", "quality.provider_accredited", 1, 1, 1, true,
              ProviderAccredited},
    Dimension{"quality", "industry_accredited", "quality.industry_accredited", 2, 0.5, 1, true,
              IndustryAccredited},
    Dimension{"assessment", "quantum", "assessment.quantum", 1, 1, 1, true, Quantum},
    Dimension{"assessment", "identity_verification", "assessment.identity_verification", 1, 0.5, 1,
              true, IdentityVerification},
    Dimension{"assessment", "main_assessor", "assessment.main_assessor", 0.5, 1, 0.5, true,
              MainAssessor},
    Dimension{"assessment", "formative_feedback", "assessment.formative_feedback", 0.5, 2, 1, true,
              FormativeFeedback},
    Dimension{"engagement", "educators", "engagement.educators", 0.5, 2, 1, true, Educators},
    Dimension{"engagement", "peers", "engagement.peers", 0.5, 2, 1, true, Peers},
    Dimension{"engagement", "industry", "engagement.industry", 1.5, 0.5, 1, true, Industry},
    Dimension{"engagement", "career_advice", "engagement.career_advice", 1.5, 0.5, 1, true,
              CareerAdvice},
    Dimension{"convenience", "pacing", "convenience.pacing", 0.5, 2, 1, false, Pacing},
    Dimension{"convenience", "synchronicity", "convenience.synchronicity", 0.5, 2, 1, false,
              Synchronicity},
    Dimension{"convenience", "delivery", "convenience.delivery", 0.5, 1.5, 1, false, Delivery},
};

}  // namespace

std::span<const Dimension, kDimensionCount> Dimensions() { return kDimensions; }

std::optional<size_t> DimensionIndex(std::string_view key) {
  for (size_t i = 0; i < kDimensions.size(); ++i) {
    if (kDimensions[i].key == key) return i;
  }
  return std::nullopt;
}

size_t MacroCreditIndex() {
  static const size_t index = *DimensionIndex("interoperability.macro_credit");
  return index;
}

std::string_view MotivationKey(core::Motivation motivation) {
  switch (motivation) {
    case core::Motivation::kCareerAdvantage:
      return "career_advantage";
    case core::Motivation::kPersonalInterest:
      return "personal_interest";
    case core::Motivation::kUnspecified:
      break;
  }
  return "unspecified";
}

std::vector<double> DefaultWeights(core::Motivation motivation) {
  std::vector<double> weights;
  weights.reserve(kDimensions.size());
  for (const Dimension& d : kDimensions) {
    if (motivation == core::Motivation::kCareerAdvantage) {
      weights.push_back(d.career_weight);
    } else if (motivation == core::Motivation::kPersonalInterest) {
      weights.push_back(d.personal_weight);
    } else {
      weights.push_back(d.unspecified_weight);
    }
  }
  return weights;
}

bool OverlayWeights(const std::map<std::string, double>& overlay, std::string_view path,
                    std::vector<double>* weights, core::FieldViolations* violations) {
  bool valid = true;
  for (const auto& [key, weight] : overlay) {
    const std::optional<size_t> index = DimensionIndex(key);
    std::string reason;
    if (!index.has_value()) {
      reason = "unknown weight key";
    } else if (!std::isfinite(weight)) {
      reason = "must be finite";
    } else if (weight < 0) {
      reason = "must be >= 0";
    } else if (weight > kMaxWeight) {
      reason = "must be <= " + FormatBound(kMaxWeight);
    }
    if (reason.empty()) {
      (*weights)[*index] = weight;
    } else {
      violations->Add(KeyPath(path, key), std::move(reason));
      valid = false;
    }
  }
  return valid;
}

std::string KeyPath(std::string_view base, std::string_view key) {
  std::string path(base);
  path += '[';
  path += key;
  path += ']';
  return path;
}

std::string FormatBound(double bound) { return std::to_string(static_cast<int64_t>(bound)); }

}  // namespace credpath::value::internal
