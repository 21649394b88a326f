// Scheduling a pathway into weeks (DESIGN.md section 4, last paragraph): each credential
// starts after its prerequisites (and co-requisites) in the pathway have ended or started
// as the rules say, when it is offered, and within the learner's weekly hours; the
// schedule says whether it finishes by the learner's deadline.
//
// Model. Week 0 starts on the plan's start date. A credential of effort E hours and
// duration D weeks (D >= 1; 0 in the catalogue means ceil(E / hours_per_week)) loads
// ceil(E / D) hours on each of its D weeks. On-demand credentials may start in any week;
// scheduled ones only in the week of one of their offerings' start dates on or after the
// plan's start. Greedy list scheduling in the pathway's order: each credential takes the
// earliest allowed week at which every prerequisite it relies on from the pathway has
// ended, every co-requisite from the pathway has started, and the weekly load stays
// within hours_per_week (0 hours_per_week: no weekly limit). Held credentials are done
// before week 0. docs/schedule.md states the rules and their reasons.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/date.h"
#include "graph/snapshot.h"

namespace credpath::schedule {

// Every placed step ends within this many weeks of the plan's start (ten years). It bounds
// the work and memory of a call whatever the catalogue says; a step that cannot end by
// then is not placed.
inline constexpr int32_t kHorizonWeeks = 520;

struct ScheduledStep {
  graph::CredentialIndex credential = 0;
  int32_t start_week = 0;
  int32_t end_week = 0;   // exclusive
  core::Date start_date;  // plan start + 7 · start_week (or the offering's start date)
  core::Date end_date;    // the day after the last day of its last week
  std::string term;       // the offering's term for scheduled credentials, else empty
  // false: no offering on or after the earliest allowed week, a prerequisite or
  // co-requisite it waits for was not placed, or it cannot end within kHorizonWeeks;
  // the weeks are then 0, both dates the plan's start, and Schedule::problems says why.
  bool placed = true;
};

struct Schedule {
  std::vector<ScheduledStep> steps;  // in the pathway's order
  int32_t total_weeks = 0;           // max end_week
  bool feasible = true;              // every step placed and (with a deadline) ends by it
  // Readable reasons when not feasible, naming the credential ids, e.g.
  // "uom-ds-301 has no offering after 2027-06-01", "ends 2029-02-01, after the deadline".
  std::vector<std::string> problems;
};

struct ScheduleInput {
  // The pathway, in an order that respects prerequisites.
  std::span<const graph::CredentialIndex> pathway;
  // Credentials the learner holds (done before week 0), any order.
  std::span<const graph::CredentialIndex> held;
  core::Date start;                    // the plan's first day
  int64_t hours_per_week = 0;          // 0: no weekly limit
  std::optional<core::Date> deadline;  // none: no deadline
};

// REQUIRES: every index is a credential of `snapshot`. O(n · W) for n steps and
// W = kHorizonWeeks at worst, plus the steps' offerings (sorted) and requisite links; a
// step reads the weeks from the earliest its requisites allow to the end of the first
// window that fits, so a pathway that fits early costs far less than the horizon.
Schedule MakeSchedule(const graph::CatalogSnapshot& snapshot, const ScheduleInput& input);

}  // namespace credpath::schedule
