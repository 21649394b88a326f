// ValueConfig: the built-in defaults and the JSON overlay a deployment reads at start-up.
#include <string>
#include <string_view>

#include "core/field_violations.h"
#include "nlohmann/json.hpp"
#include "value/cost_rates.h"
#include "value/dimensions.h"
#include "value/settings.h"
#include "value/value_model.h"

namespace credpath::value {
namespace {

using ::nlohmann::json;

// The numbers of a JSON object as a map; a violation at `path` or "<path>[<key>]" for
// anything that is not an object of numbers.
std::map<std::string, double> NumberMap(const json& object, std::string_view path,
                                        core::FieldViolations* violations) {
  std::map<std::string, double> numbers;
  if (!object.is_object()) {
    violations->Add(std::string(path), "must be an object");
    return numbers;
  }
  for (const auto& [key, value] : object.items()) {
    if (value.is_number()) {
      numbers.emplace(key, value.get<double>());
    } else {
      violations->Add(internal::KeyPath(path, key), "must be a number");
    }
  }
  return numbers;
}

// Overlays the "weights" object onto `config`: one object of weights per motivation key.
void OverlayJsonWeights(const json& weights, ValueConfig* config,
                        core::FieldViolations* violations) {
  if (!weights.is_object()) {
    violations->Add("weights", "must be an object");
    return;
  }
  for (const auto& [motivation_key, overlay] : weights.items()) {
    const std::string path = internal::KeyPath("weights", motivation_key);
    const core::Motivation* motivation = nullptr;
    for (const core::Motivation& m : internal::kMotivations) {
      if (internal::MotivationKey(m) == motivation_key) motivation = &m;
    }
    if (motivation == nullptr) {
      violations->Add(path, "unknown motivation key");
      continue;
    }
    const std::map<std::string, double> numbers = NumberMap(overlay, path, violations);
    std::vector<double> resolved = internal::DefaultWeights(*motivation);
    if (!internal::OverlayWeights(numbers, path, &resolved, violations)) continue;
    bool any_positive = false;
    std::map<std::string, double>& configured = config->weights[motivation_key];
    for (size_t i = 0; i < resolved.size(); ++i) {
      configured[std::string(internal::Dimensions()[i].key)] = resolved[i];
      any_positive = any_positive || resolved[i] > 0;
    }
    if (!any_positive) violations->Add(path, "every weight is 0");
  }
}

void OverlayJsonCostRates(const json& rates, ValueConfig* config,
                          core::FieldViolations* violations) {
  const std::map<std::string, double> numbers = NumberMap(rates, "cost_rates", violations);
  internal::CostRates checked = internal::DefaultCostRates();
  internal::OverlayCostRates(numbers, "cost_rates", &checked, violations);
  for (const auto& [key, rate] : numbers) config->cost_rates[key] = rate;
}

void OverlayJsonCompletionScale(const json& scale, ValueConfig* config,
                                core::FieldViolations* violations) {
  if (!scale.is_number()) {
    violations->Add("completion_scale", "must be a number");
    return;
  }
  config->completion_scale = scale.get<double>();
  internal::CheckCompletionScale(config->completion_scale, "completion_scale", violations);
}

}  // namespace

ValueConfig ValueConfig::Defaults() {
  ValueConfig config;
  for (core::Motivation motivation : internal::kMotivations) {
    const std::vector<double> weights = internal::DefaultWeights(motivation);
    std::map<std::string, double>& keyed =
        config.weights[std::string(internal::MotivationKey(motivation))];
    for (size_t i = 0; i < weights.size(); ++i) {
      keyed.emplace(internal::Dimensions()[i].key, weights[i]);
    }
  }
  config.cost_rates = internal::DefaultCostRatesByKey();
  config.completion_scale = internal::kDefaultCompletionScale;
  return config;
}

absl::StatusOr<ValueConfig> ValueConfig::FromJson(const std::string& json_text) {
  const json document = json::parse(json_text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return core::InvalidField("config", "malformed JSON");
  if (!document.is_object()) return core::InvalidField("config", "must be a JSON object");
  ValueConfig config = Defaults();
  core::FieldViolations violations;
  for (const auto& [key, value] : document.items()) {
    if (key == "weights") {
      OverlayJsonWeights(value, &config, &violations);
    } else if (key == "cost_rates") {
      OverlayJsonCostRates(value, &config, &violations);
    } else if (key == "completion_scale") {
      OverlayJsonCompletionScale(value, &config, &violations);
    } else {
      violations.Add(key, "unknown key");
    }
  }
  if (!violations.empty()) return violations.ToStatus();
  return config;
}

}  // namespace credpath::value
