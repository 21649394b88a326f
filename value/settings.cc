#include "value/settings.h"

#include <cmath>
#include <string>

#include "value/dimensions.h"
#include "value/value_model.h"

namespace credpath::value::internal {

Settings DefaultSettings(core::Motivation motivation) {
  return {DefaultWeights(motivation), DefaultCostRates(), kDefaultCompletionScale};
}

void OverlayConfig(const ValueConfig& config, core::Motivation motivation, std::string_view path,
                   Settings* settings, core::FieldViolations* violations) {
  const std::string_view motivation_key = MotivationKey(motivation);
  const auto weights = config.weights.find(std::string(motivation_key));
  if (weights != config.weights.end()) {
    OverlayWeights(weights->second, KeyPath(core::FieldPath(path, "weights"), motivation_key),
                   &settings->weights, violations);
  }
  OverlayCostRates(config.cost_rates, core::FieldPath(path, "cost_rates"), &settings->rates,
                   violations);
  if (CheckCompletionScale(config.completion_scale, core::FieldPath(path, "completion_scale"),
                           violations)) {
    settings->completion_scale = config.completion_scale;
  }
}

bool CheckCompletionScale(double scale, std::string_view path, core::FieldViolations* violations) {
  if (!std::isfinite(scale)) {
    violations->Add(std::string(path), "must be finite");
  } else if (scale < 0) {
    violations->Add(std::string(path), "must be >= 0");
  } else if (scale > kMaxCompletionScale) {
    violations->Add(std::string(path), "must be <= " + FormatBound(kMaxCompletionScale));
  } else {
    return true;
  }
  return false;
}

}  // namespace credpath::value::internal
