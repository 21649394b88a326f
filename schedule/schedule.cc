#include "schedule/schedule.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace credpath::schedule {
namespace {

using graph::CredentialIndex;

constexpr int32_t kDaysPerWeek = 7;

// REQUIRES: a >= 0, b > 0.
int64_t CeilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

// "1 week", "3 weeks".
std::string Count(int64_t n, const char* unit) {
  return absl::StrCat(n, " ", unit, n == 1 ? "" : "s");
}

// How long a credential runs and what it loads on each of its weeks.
struct Shape {
  int64_t weeks = 1;  // may exceed kHorizonWeeks; such a step is not placed
  int64_t hours_per_week = 0;
};

// The catalogue's duration, or ceil(effort / limit) when it gives none (one week without a
// limit). A duration whose weekly load would break the limit is stretched to
// ceil(effort / limit) weeks, the shortest that fits: the learner studies the same effort
// at the pace they can keep (docs/schedule.md).
Shape ShapeOf(const core::Credential& credential, int64_t limit) {
  const int64_t effort = std::max<int64_t>(0, credential.effort_hours);
  Shape shape;
  if (credential.duration_weeks > 0) {
    shape.weeks = credential.duration_weeks;
  } else if (limit > 0) {
    shape.weeks = std::max<int64_t>(1, CeilDiv(effort, limit));
  }
  if (limit > 0 && CeilDiv(effort, shape.weeks) > limit) shape.weeks = CeilDiv(effort, limit);
  shape.hours_per_week = CeilDiv(effort, shape.weeks);
  return shape;
}

// "3 weeks at 10 hours a week".
std::string Load(const Shape& shape) {
  return absl::StrCat(Count(shape.weeks, "week"), " at ", Count(shape.hours_per_week, "hour"),
                      " a week");
}

// Answers "do `shape`'s weeks from `week` on all end within the horizon and have room for
// its load?" for nondecreasing `week`, reading each week of the load profile at most once:
// a step that fits early costs its own weeks, not the horizon's.
class RoomScan {
 public:
  // `load` must outlive the scan and not change while it is used.
  RoomScan(const std::vector<int64_t>& load, int64_t limit, const Shape& shape)
      : load_(load), limit_(limit), shape_(shape) {}

  // REQUIRES: `week` >= 0 and >= every week asked before.
  bool FitsAt(int64_t week) {
    if (shape_.weeks > kHorizonWeeks - week) return false;
    const int64_t end = week + shape_.weeks;
    // Weeks before `week` cannot matter to this or any later question.
    for (scanned_ = std::max(scanned_, week); scanned_ < end; ++scanned_) {
      if (limit_ > 0 && load_[scanned_] + shape_.hours_per_week > limit_) full_ = scanned_;
    }
    return full_ < week;
  }

 private:
  const std::vector<int64_t>& load_;
  const int64_t limit_;  // 0: no weekly limit
  const Shape shape_;
  int64_t scanned_ = 0;  // weeks before it have been read (or cannot matter)
  int64_t full_ = -1;    // the latest week read that has no room, -1 for none
};

// Greedy list scheduling over a week-indexed load profile of kHorizonWeeks weeks.
class Scheduler {
 public:
  Scheduler(const graph::CatalogSnapshot& snapshot, const ScheduleInput& input)
      : snapshot_(snapshot),
        input_(input),
        held_(input.held.begin(), input.held.end()),
        load_(kHorizonWeeks, 0) {}

  Schedule Run() && {
    schedule_.steps.reserve(input_.pathway.size());
    for (CredentialIndex c : input_.pathway) {
      ScheduledStep step = Place(c);
      if (step.placed) {
        schedule_.total_weeks = std::max(schedule_.total_weeks, step.end_week);
        CheckDeadline(step);
      }
      // A credential listed twice is scheduled twice; dependents rely on its first listing.
      first_step_.try_emplace(c, schedule_.steps.size());
      schedule_.steps.push_back(std::move(step));
    }
    schedule_.feasible = schedule_.problems.empty();
    return std::move(schedule_);
  }

 private:
  const std::string& Id(CredentialIndex c) const { return snapshot_.credentials()[c].id; }
  core::Date DateOfWeek(int64_t week) const {
    return core::Date{input_.start.days_since_epoch + static_cast<int32_t>(week) * kDaysPerWeek};
  }
  std::string FormatWeek(int64_t week) const { return core::FormatDate(DateOfWeek(week)); }
  // The week containing `date`. REQUIRES: date >= input_.start.
  int64_t WeekOf(core::Date date) const {
    return (int64_t{date.days_since_epoch} - input_.start.days_since_epoch) / kDaysPerWeek;
  }

  // The earlier step of `c` in the pathway, or nullptr when it is not listed before.
  const ScheduledStep* Earlier(CredentialIndex c) const {
    auto it = first_step_.find(c);
    return it == first_step_.end() ? nullptr : &schedule_.steps[it->second];
  }

  // The earliest week c's requisites allow: every prerequisite group not satisfied by a
  // held credential waits for its earliest-ending member listed (and placed) before c, and
  // every co-requisite listed before c must have started. Groups with no held member and no
  // earlier member, and co-requisites listed after c, impose nothing here: ordering and
  // completeness are coherence's findings (PREREQUISITE_ORDER, PREREQUISITE_MISSING,
  // COREQUISITE_SPLIT). Sets `blocked` when a requisite c waits for was not placed.
  int32_t ReleaseWeek(CredentialIndex c, std::optional<std::string>& blocked) const {
    int32_t release = 0;
    for (size_t g = 0; g < snapshot_.PrerequisiteGroupCount(c); ++g) {
      std::span<const CredentialIndex> group = snapshot_.PrerequisiteGroup(c, g);
      if (std::any_of(group.begin(), group.end(),
                      [&](CredentialIndex m) { return held_.contains(m); })) {
        continue;
      }
      std::optional<int32_t> end;
      const ScheduledStep* unplaced = nullptr;
      for (CredentialIndex m : group) {
        const ScheduledStep* step = Earlier(m);
        if (step == nullptr) continue;
        if (!step->placed) {
          if (unplaced == nullptr) unplaced = step;
          continue;
        }
        end = std::min(end.value_or(step->end_week), step->end_week);
      }
      if (end.has_value()) {
        release = std::max(release, *end);
      } else if (unplaced != nullptr && !blocked.has_value()) {
        blocked = absl::StrCat(Id(c), " cannot be scheduled because its prerequisite ",
                               Id(unplaced->credential), " could not be");
      }
    }
    for (CredentialIndex q : snapshot_.Corequisites(c)) {
      if (held_.contains(q)) continue;
      const ScheduledStep* step = Earlier(q);
      if (step == nullptr) continue;
      if (step->placed) {
        release = std::max(release, step->start_week);
      } else if (!blocked.has_value()) {
        blocked = absl::StrCat(Id(c), " cannot be scheduled because its co-requisite ", Id(q),
                               " could not be");
      }
    }
    return release;
  }

  ScheduledStep Place(CredentialIndex c) {
    const core::Credential& credential = snapshot_.credentials()[c];
    ScheduledStep step;
    step.credential = c;
    step.start_date = input_.start;
    step.end_date = input_.start;
    step.placed = false;

    std::optional<std::string> blocked;
    const int32_t release = ReleaseWeek(c, blocked);
    if (blocked.has_value()) {
      schedule_.problems.push_back(*std::move(blocked));
      return step;
    }
    if (release >= kHorizonWeeks) {
      schedule_.problems.push_back(
          absl::StrCat(Id(c), " could only start after ", core::FormatDate(LastDayOfHorizon()),
                       ", the end of the ", kHorizonWeeks, "-week planning horizon"));
      return step;
    }
    const Shape shape = ShapeOf(credential, input_.hours_per_week);
    RoomScan room(load_, input_.hours_per_week, shape);

    if (credential.pacing != core::Pacing::kScheduled) {
      int32_t week = release;
      while (week < kHorizonWeeks && !room.FitsAt(week)) ++week;
      if (week == kHorizonWeeks) {
        schedule_.problems.push_back(
            absl::StrCat(Id(c), " (", Load(shape), ") does not fit ", HorizonClause(release)));
        return step;
      }
      step.start_week = week;
      step.start_date = DateOfWeek(week);
    } else {
      // The earliest-starting offering in a week that fits; offerings before the plan's
      // start are gone. Taken in start order (the catalogue's among equal starts), as the
      // scan needs.
      std::vector<const core::Offering*> open;  // within [release, horizon)
      bool any_later = false;
      for (const core::Offering& offering : credential.offerings) {
        if (offering.start < input_.start) continue;
        const int64_t week = WeekOf(offering.start);
        if (week < release) continue;
        if (week >= kHorizonWeeks) {
          any_later = true;
          continue;
        }
        open.push_back(&offering);
      }
      std::stable_sort(
          open.begin(), open.end(),
          [](const core::Offering* a, const core::Offering* b) { return a->start < b->start; });
      const core::Offering* chosen = nullptr;
      for (const core::Offering* offering : open) {
        if (room.FitsAt(WeekOf(offering->start))) {
          chosen = offering;
          break;
        }
      }
      if (chosen == nullptr) {
        schedule_.problems.push_back(
            NoOfferingProblem(c, shape, release, !open.empty(), any_later));
        return step;
      }
      step.start_week = static_cast<int32_t>(WeekOf(chosen->start));
      step.start_date = chosen->start;
      step.term = chosen->term;
    }

    // Fitting includes ending within the horizon.
    step.placed = true;
    step.end_week = step.start_week + static_cast<int32_t>(shape.weeks);
    step.end_date = DateOfWeek(step.end_week);
    for (int32_t w = step.start_week; w < step.end_week; ++w) load_[w] += shape.hours_per_week;
    return step;
  }

  // "between 2027-01-04 and 2036-12-21, ..." for a step that could start from `release`.
  std::string HorizonClause(int32_t release) const {
    std::string clause =
        absl::StrCat("between ", FormatWeek(release), " and ", core::FormatDate(LastDayOfHorizon()),
                     ", the end of the ", kHorizonWeeks, "-week planning horizon");
    if (input_.hours_per_week > 0) {
      absl::StrAppend(&clause, ", within ", Count(input_.hours_per_week, "hour"),
                      " a week next to the steps before it");
    }
    return clause;
  }

  core::Date LastDayOfHorizon() const {
    return core::Date{DateOfWeek(kHorizonWeeks).days_since_epoch - 1};
  }

  std::string NoOfferingProblem(CredentialIndex c, const Shape& shape, int32_t release,
                                bool any_in_window, bool any_later) const {
    const std::string from = FormatWeek(release);
    if (!any_in_window && !any_later) {
      return absl::StrCat(Id(c), " has no offering starting on or after ", from);
    }
    if (!any_in_window) {
      return absl::StrCat(Id(c), " has no offering starting between ", from, " and ",
                          core::FormatDate(LastDayOfHorizon()), ", the end of the ", kHorizonWeeks,
                          "-week planning horizon");
    }
    return absl::StrCat(Id(c), " has no offering with room for its ", Load(shape), " ",
                        HorizonClause(release));
  }

  void CheckDeadline(const ScheduledStep& step) {
    if (!input_.deadline.has_value()) return;
    const core::Date last_day{step.end_date.days_since_epoch - 1};
    if (last_day <= *input_.deadline) return;
    schedule_.problems.push_back(absl::StrCat(Id(step.credential), " ends ",
                                              core::FormatDate(last_day), ", after the deadline ",
                                              core::FormatDate(*input_.deadline)));
  }

  const graph::CatalogSnapshot& snapshot_;
  const ScheduleInput& input_;
  const absl::flat_hash_set<CredentialIndex> held_;
  Schedule schedule_;                                        // built step by step in pathway order
  absl::flat_hash_map<CredentialIndex, size_t> first_step_;  // credential -> first step
  std::vector<int64_t> load_;  // hours booked in each week of the horizon
};

}  // namespace

Schedule MakeSchedule(const graph::CatalogSnapshot& snapshot, const ScheduleInput& input) {
  return Scheduler(snapshot, input).Run();
}

}  // namespace credpath::schedule
