// The thresholds of the coherence rules, with their defaults (docs/coherence.md), for a
// whole deployment and per qualification.
//
// A deployment sets them in a JSON file:
//   {"defaults": {"max_level_step": 1, ...},
//    "qualifications": {"uom-gc-data-science": {"min_in_field_share": 0.6}}}
// Both parts are optional and partial: "defaults" overlays the built-in defaults, and each
// qualification's entry overlays the deployment's defaults for stacks audited toward it.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/catalog.h"
#include "graph/credit.h"

namespace credpath::coherence {

struct Thresholds {
  // LEVEL_JUMP: an item more than this many levels above the highest level reached before
  // it (the learner's level, held credentials, earlier items of the same framework).
  int32_t max_level_step = 1;
  // BELOW_TARGET_LEVEL: a credit-bearing item more than this many levels below the
  // target qualification's level (same framework).
  int32_t max_levels_below_target = 2;
  // CONTENT_OVERLAP: overlaps of at least this fraction are warnings, smaller ones
  // information.
  double overlap_warning_fraction = 0.25;
  // DISCIPLINE_SCATTER: the share of the stack (credit toward the target, or items when
  // nothing carries credit) in the target's fields must be at least this.
  double min_in_field_share = 0.5;
  // DISCIPLINE_SCATTER: at most this many distinct fields outside the target's fields
  // (outside the first item's fields when there is no target).
  int32_t max_unrelated_fields = 2;
  // How many leading digits of two ISCED-F 2013 codes must agree for them to count as the
  // same field: 2 broad field, 3 narrow, 4 detailed.
  int32_t field_match_digits = 2;
  // DISCONNECTED_STACK: stacks of at least this many credentials are judged, and the
  // largest group of linked items must hold at least `min_connected_share` of them.
  int32_t disconnected_min_items = 3;
  double min_connected_share = 0.5;
  // STALE_CREDIT and the audit: months a held credential's credit stays recent; negative:
  // the qualification's own recency window; 0: no limit.
  int32_t recency_months = -1;
  // The recency window that applies toward `target`: recency_months when set, else the
  // qualification's own.
  int32_t RecencyMonthsFor(const core::Qualification& target) const {
    return recency_months >= 0 ? recency_months : target.recency_months;
  }
  // BUDGET_EXCEEDED: travel hours charged per onsite day (value::LearnerHours).
  int64_t travel_hours_per_onsite_day = 2;
  // Which articulated credit counts toward the target (graph/credit.h).
  graph::CreditPolicy credit_policy;
};

struct CoherenceConfig {
  Thresholds defaults;
  std::map<std::string, Thresholds, std::less<>> qualifications;  // by qualification id

  // The thresholds that apply to stacks audited toward `qualification_id` (which may be
  // empty: no target).
  const Thresholds& For(std::string_view qualification_id) const;

  // The built-in defaults overlaid with a JSON document of the shape above.
  // INVALID_ARGUMENT naming the key path ("qualifications.q1.max_level_step") for
  // malformed JSON, unknown keys, wrong types and values out of range.
  static absl::StatusOr<CoherenceConfig> FromJson(std::string_view json_text);
};

}  // namespace credpath::coherence
