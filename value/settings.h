// The settings one value model runs with, resolved in layers: built-in defaults, then the
// deployment's ValueConfig, then the request's overrides (each layer names its own paths).
// Thread safety: plain values and pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/field_violations.h"
#include "value/cost_rates.h"

namespace credpath::value {

struct ValueConfig;

namespace internal {

// The built-in completion scale: a qualification attests more than any one of its items and
// pays only when it is completed, so it counts twice the benefit of its own facts.
inline constexpr double kDefaultCompletionScale = 2.0;
inline constexpr double kMaxCompletionScale = 1e6;

struct Settings {
  std::vector<double> weights;  // index-aligned with Dimensions()
  CostRates rates;
  double completion_scale = 0;
};

// The built-in settings of a learner with `motivation`.
Settings DefaultSettings(core::Motivation motivation);

// Overlays `config`'s weights for `motivation`, its cost rates and its completion scale
// onto `settings`; violations name "<path>.weights[<motivation>][<key>]",
// "<path>.cost_rates[<key>]" and "<path>.completion_scale" (no "<path>." when empty).
void OverlayConfig(const ValueConfig& config, core::Motivation motivation, std::string_view path,
                   Settings* settings, core::FieldViolations* violations);

// Whether 0 <= scale <= kMaxCompletionScale; a violation at `path` when not.
bool CheckCompletionScale(double scale, std::string_view path, core::FieldViolations* violations);

}  // namespace internal
}  // namespace credpath::value
