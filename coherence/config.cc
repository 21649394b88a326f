#include "coherence/config.h"

#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/field_violations.h"

namespace credpath::coherence {
namespace {

using Json = nlohmann::json;

// Reads one key of a Thresholds object into its member, checking type and range.
struct Key {
  const char* name;
  std::function<void(const Json& value, const std::string& path, Thresholds* out,
                     core::FieldViolations* violations)>
      read;
};

template <typename T>
Key Integer(const char* name, T Thresholds::*member, int64_t min, int64_t max) {
  return {name, [=](const Json& value, const std::string& path, Thresholds* out,
                    core::FieldViolations* violations) {
            if (!value.is_number_integer()) return violations->Add(path, "must be an integer");
            const int64_t v = value.get<int64_t>();
            if (v < min || v > max) {
              return violations->Add(
                  path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
            }
            out->*member = static_cast<T>(v);
          }};
}

Key Fraction(const char* name, double Thresholds::*member) {
  return {name, [=](const Json& value, const std::string& path, Thresholds* out,
                    core::FieldViolations* violations) {
            if (!value.is_number()) return violations->Add(path, "must be a number");
            const double v = value.get<double>();
            if (!(v >= 0 && v <= 1)) return violations->Add(path, "must be between 0 and 1");
            out->*member = v;
          }};
}

Key PolicyFlag(const char* name, bool graph::CreditPolicy::*member) {
  return {name, [=](const Json& value, const std::string& path, Thresholds* out,
                    core::FieldViolations* violations) {
            if (!value.is_boolean()) return violations->Add(path, "must be true or false");
            out->credit_policy.*member = value.get<bool>();
          }};
}

const std::vector<Key>& Keys() {
  static const auto* const keys = new std::vector<Key>{
      Integer("max_level_step", &Thresholds::max_level_step, 0, 20),
      Integer("max_levels_below_target", &Thresholds::max_levels_below_target, 0, 20),
      Fraction("overlap_warning_fraction", &Thresholds::overlap_warning_fraction),
      Fraction("min_in_field_share", &Thresholds::min_in_field_share),
      Integer("max_unrelated_fields", &Thresholds::max_unrelated_fields, 0, 100),
      Integer("field_match_digits", &Thresholds::field_match_digits, 1, 4),
      Integer("disconnected_min_items", &Thresholds::disconnected_min_items, 2, 1000),
      Fraction("min_connected_share", &Thresholds::min_connected_share),
      Integer("recency_months", &Thresholds::recency_months, -1, 1200),
      Integer("travel_hours_per_onsite_day", &Thresholds::travel_hours_per_onsite_day, 0, 24),
      PolicyFlag("count_unaccredited_providers",
                 &graph::CreditPolicy::count_unaccredited_providers),
      PolicyFlag("count_weak_assessment", &graph::CreditPolicy::count_weak_assessment),
      {"credit_max_levels_below_target",
       [](const Json& value, const std::string& path, Thresholds* out,
          core::FieldViolations* violations) {
         if (!value.is_number_integer()) return violations->Add(path, "must be an integer");
         const int64_t v = value.get<int64_t>();
         if (v < -1 || v > 20) return violations->Add(path, "must be between -1 and 20");
         out->credit_policy.max_levels_below_target = static_cast<int32_t>(v);
       }},
  };
  return *keys;
}

void Overlay(const Json& object, const std::string& path, Thresholds* out,
             core::FieldViolations* violations) {
  if (!object.is_object()) return violations->Add(path, "must be an object");
  for (const auto& [name, value] : object.items()) {
    const std::string at = core::FieldPath(path, name);
    bool known = false;
    for (const Key& key : Keys()) {
      if (name != key.name) continue;
      key.read(value, at, out, violations);
      known = true;
    }
    if (!known) violations->Add(at, "unknown key");
  }
}

}  // namespace

const Thresholds& CoherenceConfig::For(std::string_view qualification_id) const {
  auto it = qualifications.find(qualification_id);
  return it != qualifications.end() ? it->second : defaults;
}

absl::StatusOr<CoherenceConfig> CoherenceConfig::FromJson(std::string_view json_text) {
  Json document = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return absl::InvalidArgumentError("coherence config: malformed JSON");
  if (!document.is_object()) return core::InvalidField("", "must be a JSON object");
  core::FieldViolations violations;
  CoherenceConfig config;
  for (const auto& [name, value] : document.items()) {
    if (name == "defaults") {
      Overlay(value, "defaults", &config.defaults, &violations);
    } else if (name != "qualifications") {
      violations.Add(name, "unknown key");
    }
  }
  // Qualifications overlay the deployment's defaults, whatever the key order of the file.
  if (auto it = document.find("qualifications"); it != document.end()) {
    if (!it->is_object()) {
      violations.Add("qualifications", "must be an object");
    } else {
      for (const auto& [id, value] : it->items()) {
        Thresholds thresholds = config.defaults;
        Overlay(value, core::FieldPath("qualifications", id), &thresholds, &violations);
        config.qualifications.emplace(id, thresholds);
      }
    }
  }
  if (!violations.empty()) return violations.ToStatus();
  return config;
}

}  // namespace credpath::coherence
