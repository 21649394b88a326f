// The benefit sub-dimensions of the value model (DESIGN.md section 1): their weight keys,
// their default weights per motivation and the rule that scores each in [0, 1].
//
// The table in dimensions.cc is the one list: explanations, default weights, key
// validation and docs/value-model.md all follow its order. A rule sees the facts of the
// thing scored (a credential, or a qualification for its completion value) and the learner.
// Thread safety: the table is constant; the functions are pure.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/field_violations.h"

namespace credpath::value::internal {

// What a rule scores: a credential, or a qualification (credential == nullptr).
struct Subject {
  const core::BenefitFacts* benefits = nullptr;  // never nullptr
  const core::Provider* provider = nullptr;      // nullptr when unknown
  const core::Provider* partner = nullptr;       // nullptr when there is none
  const core::Credential* credential = nullptr;  // nullptr for a qualification
  size_t dependents = 0;                         // credentials this one is a prerequisite of
  bool carries_credit = false;                   // has a CREDIT_TOWARD link to some qualification
  double target_share = 0;  // credit toward the target / its credit required, <= 1
};

// The learner facts the rules read.
struct LearnerFacts {
  const core::LearnerProfile* profile = nullptr;  // never nullptr
  std::span<const std::string> prior_skills;      // sorted, for binary search
};

struct Dimension {
  std::string_view group;
  std::string_view name;
  std::string_view key;  // "group.name"
  // Default weights by motivation: career advantage, personal interest, unspecified.
  double career_weight = 0;
  double personal_weight = 0;
  double unspecified_weight = 0;
  // False when the facts the rule reads exist only on credentials (skills, delivery, links):
  // a qualification's completion value leaves the dimension out instead of scoring it 0.
  bool applies_to_qualifications = false;
  double (*score)(const Subject&, const LearnerFacts&) = nullptr;
};

// The number of sub-dimensions: per-credential scratch space is sized by it, on the stack.
inline constexpr size_t kDimensionCount = 22;

// Every sub-dimension, in documented order.
std::span<const Dimension, kDimensionCount> Dimensions();

// The position of "group.name" in Dimensions(), or nullopt.
std::optional<size_t> DimensionIndex(std::string_view key);

// The index of interoperability.macro_credit, which counts only when a target is given.
size_t MacroCreditIndex();

// The motivations that key ValueConfig::weights, and the key of each.
inline constexpr core::Motivation kMotivations[] = {core::Motivation::kCareerAdvantage,
                                                    core::Motivation::kPersonalInterest,
                                                    core::Motivation::kUnspecified};
std::string_view MotivationKey(core::Motivation motivation);

// The built-in weights of `motivation`, index-aligned with Dimensions().
std::vector<double> DefaultWeights(core::Motivation motivation);

// The largest weight: weights are relative, and the bound keeps Σ w finite.
inline constexpr double kMaxWeight = 1e6;

// Sets weights[DimensionIndex(key)] = value for every entry of `overlay`; an unknown key or a
// value outside [0, kMaxWeight] is a violation at "<path>[<key>]" instead. Returns whether
// every entry was valid.
bool OverlayWeights(const std::map<std::string, double>& overlay, std::string_view path,
                    std::vector<double>* weights, core::FieldViolations* violations);

// "<base>[<key>]": the path of a map entry.
std::string KeyPath(std::string_view base, std::string_view key);

// A whole-number bound as text without a fraction ("1000000").
std::string FormatBound(double bound);

}  // namespace credpath::value::internal
