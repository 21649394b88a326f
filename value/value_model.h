// The learner value model (DESIGN.md sections 1 and 3): what one credential is worth to
// one learner, as benefit points minus cost points, with an explanation that adds up.
//
// Units. Every number the model returns is an exact integer of milli-points (1/1000 of a
// value point); the API shows them as points (value / 1000.0). Contributions are
// apportioned by largest remainder so that Σ contribution == benefit exactly, Σ cost term
// points == cost exactly, and value == benefit − cost exactly; the optimiser takes
// `value_millipoints` as the item value, so its objective is exact too.
//
//   benefit = 100 · Σ w·s / Σ w        (each s in [0, 1], w >= 0, Σ w > 0)
//   cost    = fee + effort + travel + opportunity terms (docs/value-model.md)
//   value   = benefit − cost           (or the caller's override)
//
// The scoring rules, default weights per motivation, cost exchange rates and the
// completion value of a qualification are documented in docs/value-model.md; a deployment
// overrides them with a JSON config file (ValueConfig::FromJson) and a request with
// weight and rate maps keyed as the docs list them.
// Thread safety: a ValueModel is immutable after Create() and safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "graph/credit.h"
#include "graph/snapshot.h"
#include "value/dimensions.h"
#include "value/settings.h"

namespace credpath::value {

// Hours a credential takes from the learner: effort plus travel for its onsite days.
// The budget constraint of the planner and the BUDGET_EXCEEDED check both use this.
int64_t LearnerHours(const core::Credential& credential, int64_t travel_hours_per_onsite_day);

// The money a learner can spend on fees: their own budget plus their funding when it is in
// the same currency. The planner's default money budget and BUDGET_EXCEEDED both use it.
core::Money SpendingBudget(const core::LearnerProfile& profile);

// The names point into the static table of value/dimensions.h.
struct DimensionScore {
  std::string_view group;      // "certification"
  std::string_view dimension;  // "attestation"
  std::string_view key;        // "certification.attestation", as weights name it
  double score = 0;            // 0..1
  double weight = 0;
  int64_t contribution_millipoints = 0;
};

struct CostTerm {
  std::string name;  // "fee", "effort", "travel", "opportunity"
  int64_t amount = 0;
  std::string unit;  // a currency code (amount in minor units) or "hours"
  int64_t points_millipoints = 0;
};

struct Explanation {
  std::string credential_id;
  std::vector<DimensionScore> dimensions;  // every sub-dimension, in documented order
  std::vector<CostTerm> costs;             // every cost term, in documented order
  int64_t benefit_millipoints = 0;
  int64_t cost_millipoints = 0;
  int64_t value_millipoints = 0;
};

// Deployment-wide settings: default weights per motivation, cost rates, completion scale.
struct ValueConfig {
  // weights[motivation key]["group.dimension"]; motivation keys "career_advantage",
  // "personal_interest", and "unspecified" (used when the profile says neither).
  std::map<std::string, std::map<std::string, double>> weights;
  std::map<std::string, double> cost_rates;  // documented keys, e.g. "fee_points_per_budget"
  double completion_scale = 0;               // completion value = scale · qualification benefit

  // The built-in defaults (docs/value-model.md).
  static ValueConfig Defaults();
  // Defaults overlaid with a JSON file's content: {"weights": {...}, "cost_rates": {...},
  // "completion_scale": x}. INVALID_ARGUMENT naming the key path for unknown keys,
  // negative weights or rates, or malformed JSON.
  static absl::StatusOr<ValueConfig> FromJson(const std::string& json_text);
};

// Per-request overrides, validated by ValueModel::Create.
struct ValueRequest {
  std::map<std::string, double> weight_overrides;     // "group.dimension" -> weight
  std::map<std::string, double> cost_rate_overrides;  // rate key -> rate
  // The qualification interoperability is scored against, or nullptr; its credit facts.
  const graph::QualificationCredit* target = nullptr;
};

class ValueModel {
 public:
  // INVALID_ARGUMENT naming "weight_overrides[key]" or "cost_rate_overrides[key]" with the
  // reason for an unknown key or a negative or non-finite number, or when every weight is 0.
  // `config`, `profile` and `request.target` are copied or must outlive the model.
  static absl::StatusOr<ValueModel> Create(const ValueConfig& config,
                                           const core::LearnerProfile& profile,
                                           const ValueRequest& request);

  // Every score, weight, contribution and cost term of `credential` for this learner.
  // REQUIRES: `credential` belongs to `snapshot`.
  Explanation Explain(const graph::CatalogSnapshot& snapshot,
                      const core::Credential& credential) const;
  // The same for snapshot.credentials()[c], without looking its id up.
  // REQUIRES: 0 <= c < snapshot.credentials().size().
  Explanation Explain(const graph::CatalogSnapshot& snapshot, graph::CredentialIndex c) const;

  // Explain(snapshot, c).value_millipoints without the explanation's names and parts: a
  // fraction of its cost, for valuing every candidate of a plan.
  // REQUIRES: 0 <= c < snapshot.credentials().size().
  int64_t Value(const graph::CatalogSnapshot& snapshot, graph::CredentialIndex c) const;

  // The completion value of a qualification in milli-points: completion_scale times its
  // own benefit points (scored from its benefit facts with the same rules), >= 0.
  int64_t CompletionValue(const graph::CatalogSnapshot& snapshot,
                          const core::Qualification& qualification) const;

  // The hours `credential` takes from this learner (LearnerHours with this model's rate).
  int64_t Hours(const core::Credential& credential) const;

 private:
  ValueModel() = default;

  // Scores and weights, index-aligned with internal::Dimensions().
  struct Scores {
    std::array<double, internal::kDimensionCount> score{};
    std::array<double, internal::kDimensionCount> weight{};
  };
  struct CostNumbers {
    int64_t amount = 0;
    int64_t points = 0;  // milli-points
  };
  // The cost terms in documented order, without their names and units.
  struct Costs {
    CostNumbers fee, effort, travel, opportunity;
    int64_t Total() const {
      return fee.points + effort.points + travel.points + opportunity.points;
    }
  };

  // Every dimension of `subject` scored and weighted; dimensions that do not apply to a
  // qualification get score and weight 0 when `subject` is one.
  Scores Score(const internal::Subject& subject) const;
  Costs Cost(const core::Credential& credential) const;
  // The facts the rules read about `credential`, at index `c` of `snapshot` when it has one.
  internal::Subject CredentialSubject(const graph::CatalogSnapshot& snapshot,
                                      const core::Credential& credential,
                                      std::optional<graph::CredentialIndex> c) const;
  Explanation ExplainCredential(const graph::CatalogSnapshot& snapshot,
                                const core::Credential& credential,
                                std::optional<graph::CredentialIndex> c) const;

  core::LearnerProfile profile_;
  std::vector<std::string> prior_skills_;  // sorted and unique
  internal::Settings settings_;            // with the request's overrides
  const graph::QualificationCredit* target_ = nullptr;
};

}  // namespace credpath::value
