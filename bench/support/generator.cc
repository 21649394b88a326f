#include "bench/support/generator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace credpath::bench {
namespace {

using optimizer::ElectiveRule;
using optimizer::ItemIndex;
using optimizer::Overlap;
using optimizer::Problem;
using optimizer::Target;

// Ranges of the generated catalogue: fees of 20 to 500 in a currency's minor units, 5 to
// 80 hours of effort. The cost index fee / kFeePerHour + hours weighs both resources about
// equally; values are scaled to it.
constexpr int64_t kMinFee = 2000;
constexpr int64_t kMaxFee = 50000;
constexpr int64_t kMinHours = 5;
constexpr int64_t kMaxHours = 80;
constexpr int64_t kFeePerHour = 250;
constexpr int64_t kCostRange = kMaxFee / kFeePerHour + kMaxHours;
// Budgets as a percentage of the candidates' totals: about a third of them fit.
constexpr int64_t kMoneyBudgetPercent = 30;
constexpr int64_t kHoursBudgetPercent = 35;

// std distributions differ between standard libraries; this mapping does not. The modulo
// bias (< 2^-40 for our ranges) does not matter for test instances.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Uniform(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Percent(int64_t percent) { return Uniform(0, 99) < percent; }
  // `count` distinct values of [lo, hi] (fewer when the range is smaller), sorted.
  std::vector<ItemIndex> Distinct(int64_t lo, int64_t hi, int64_t count) {
    std::vector<ItemIndex> chosen;
    count = std::min(count, hi - lo + 1);
    while (static_cast<int64_t>(chosen.size()) < count) {
      const auto candidate = static_cast<ItemIndex>(Uniform(lo, hi));
      if (std::find(chosen.begin(), chosen.end(), candidate) == chosen.end()) {
        chosen.push_back(candidate);
      }
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
  }

 private:
  std::mt19937_64 engine_;
};

int64_t CostIndex(const optimizer::Item& item) { return item.fee / kFeePerHour + item.hours; }

int64_t ValueFor(Family family, const optimizer::Item& item, Rng& rng) {
  const int64_t cost = CostIndex(item);
  switch (family) {
    case Family::kUncorrelated:
    case Family::kOrGroups:
      // A few credentials are worth less than they cost the learner.
      return rng.Percent(5) ? rng.Uniform(-kCostRange / 7, -1) : rng.Uniform(1, kCostRange);
    case Family::kStrongly:
      return cost + kCostRange / 10 + rng.Uniform(-kCostRange / 50, kCostRange / 50);
    case Family::kWeakly:
    case Family::kDense:
    case Family::kTarget:
      return std::max<int64_t>(1, cost + rng.Uniform(-kCostRange / 10, kCostRange / 10));
  }
  return 0;
}

// Each item after the first needs, with some probability, one or two earlier items
// among the 40 before it: short chains, as in most real catalogues.
void SparsePrerequisites(Problem& problem, Rng& rng) {
  const auto total = static_cast<ItemIndex>(problem.items.size());
  for (ItemIndex i = 1; i < total; ++i) {
    const int64_t groups = rng.Percent(30) ? (rng.Percent(30) ? 2 : 1) : 0;
    for (ItemIndex j : rng.Distinct(std::max(0, i - 40), i - 1, groups)) {
      problem.prerequisite_groups[i].push_back({j});
    }
  }
}

// Layers of about n^(2/3) items; an item needs 2-4 items of the layer below, near its own
// position, so closures grow with depth without spanning the whole catalogue.
void LayeredPrerequisites(Problem& problem, Rng& rng) {
  const auto total = static_cast<ItemIndex>(problem.items.size());
  const auto width = std::max<ItemIndex>(
      4, static_cast<ItemIndex>(std::lround(std::pow(static_cast<double>(total), 2.0 / 3.0))));
  constexpr ItemIndex kWindow = 6;
  for (ItemIndex i = width; i < total; ++i) {
    const ItemIndex below = i - width;  // same position, one layer down
    const ItemIndex layer_start = (below / width) * width;
    const ItemIndex lo = std::max(layer_start, below - kWindow);
    const ItemIndex hi = std::min(layer_start + width - 1, below + kWindow);
    for (ItemIndex j : rng.Distinct(lo, hi, rng.Uniform(2, 4))) {
      problem.prerequisite_groups[i].push_back({j});
    }
  }
}

// Half of the items get one or two OR-groups of 2-4 earlier items ("Python or Java").
void OrGroupPrerequisites(Problem& problem, Rng& rng) {
  const auto total = static_cast<ItemIndex>(problem.items.size());
  for (ItemIndex i = 2; i < total; ++i) {
    if (!rng.Percent(50)) continue;
    const int64_t groups = rng.Percent(25) ? 2 : 1;
    for (int64_t g = 0; g < groups; ++g) {
      problem.prerequisite_groups[i].push_back(
          rng.Distinct(std::max(0, i - 60), i - 1, rng.Uniform(2, 4)));
    }
  }
}

// Groups of 2-3 items of which at most one is held: two held members would make every
// plan infeasible, which no catalogue means by "exclusive".
void ExclusiveGroups(Problem& problem, Rng& rng) {
  const auto total = static_cast<int64_t>(problem.items.size());
  const int64_t groups = std::max<int64_t>(1, total / 15);
  for (int64_t g = 0; g < groups; ++g) {
    std::vector<ItemIndex> group = rng.Distinct(0, total - 1, rng.Uniform(2, 3));
    bool seen_held = false;
    std::erase_if(group, [&](ItemIndex i) {
      const bool drop = seen_held && problem.items[i].held;
      seen_held = seen_held || problem.items[i].held;
      return drop;
    });
    if (group.size() >= 2) problem.exclusive_groups.push_back(std::move(group));
  }
}

// Marks `count` items among the first third as held: foundations a learner already has.
void MarkHeld(Problem& problem, int64_t count, Rng& rng) {
  const auto total = static_cast<int64_t>(problem.items.size());
  for (ItemIndex i : rng.Distinct(0, std::max<int64_t>(0, total / 3 - 1), count)) {
    problem.items[i].held = true;
  }
}

void AddTarget(Problem& problem, Rng& rng) {
  const auto total = static_cast<int64_t>(problem.items.size());
  Target target;
  int64_t candidate_credit = 0;
  int64_t candidate_value = 0;
  for (const auto& item : problem.items) {
    if (item.held) continue;
    candidate_credit += item.credit;
    candidate_value += std::max<int64_t>(0, item.value);
  }
  target.credit_threshold = std::max<int64_t>(1, candidate_credit / 4);
  target.credit_cap = target.credit_threshold + target.credit_threshold / 2;
  // Core items sit in the later half, where prerequisites make them expensive to reach.
  target.core = rng.Distinct(total / 2, total - 1, 3);
  for (int r = 0; r < 2; ++r) {
    target.electives.push_back(
        ElectiveRule{absl::StrCat("electives_", r + 1), rng.Distinct(0, total - 1, 10), 3});
  }
  const int64_t overlaps = std::max<int64_t>(1, total / 10);
  for (int64_t k = 0; k < overlaps && total >= 2; ++k) {
    const std::vector<ItemIndex> pair = rng.Distinct(0, total - 1, 2);
    const int64_t shared =
        std::min(problem.items[pair[0]].credit, problem.items[pair[1]].credit) / 2;
    target.overlaps.push_back(Overlap{pair[0], pair[1], shared});
  }
  // Worth about a twentieth of all positive value: enough to reshape the optimal set,
  // not so much that completing the target is always right.
  target.bonus = std::max<int64_t>(1, candidate_value / 20);
  problem.target = std::move(target);
}

}  // namespace

const std::vector<Family>& AllFamilies() {
  static const std::vector<Family> kAll = {Family::kUncorrelated, Family::kWeakly,
                                           Family::kStrongly,     Family::kDense,
                                           Family::kOrGroups,     Family::kTarget};
  return kAll;
}

std::string FamilyName(Family family) {
  switch (family) {
    case Family::kUncorrelated:
      return "uncorrelated";
    case Family::kWeakly:
      return "weakly";
    case Family::kStrongly:
      return "strongly";
    case Family::kDense:
      return "dense";
    case Family::kOrGroups:
      return "or_groups";
    case Family::kTarget:
      return "target";
  }
  return "";
}

absl::StatusOr<Family> ParseFamily(const std::string& name) {
  std::vector<std::string> known;
  for (Family family : AllFamilies()) {
    if (FamilyName(family) == name) return family;
    known.push_back(FamilyName(family));
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown family \"", name,
                                                 "\"; known: ", absl::StrJoin(known, ", ")));
}

Problem Generate(Family family, int32_t n, uint64_t seed) {
  // Mix the family into the seed so that families with one seed are unrelated instances.
  Rng rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(family) + 1);
  const bool has_held = family == Family::kOrGroups || family == Family::kTarget;
  const int64_t held = has_held ? n / 20 : 0;
  const int64_t total = n + held;

  Problem problem;
  problem.items.resize(total);
  problem.prerequisite_groups.resize(total);
  for (int64_t i = 0; i < total; ++i) {
    optimizer::Item& item = problem.items[i];
    item.id = absl::StrCat("C", i + 1);
    item.fee = rng.Uniform(kMinFee, kMaxFee);
    item.hours = rng.Uniform(kMinHours, kMaxHours);
    item.value = ValueFor(family, item, rng);
    // In the target family 30% of credentials carry no credit toward it.
    item.credit = family == Family::kTarget && rng.Percent(30) ? 0 : rng.Uniform(5, 30);
  }
  MarkHeld(problem, held, rng);

  switch (family) {
    case Family::kDense:
      LayeredPrerequisites(problem, rng);
      break;
    case Family::kOrGroups:
      OrGroupPrerequisites(problem, rng);
      ExclusiveGroups(problem, rng);
      break;
    case Family::kUncorrelated:
    case Family::kWeakly:
    case Family::kStrongly:
    case Family::kTarget:
      SparsePrerequisites(problem, rng);
      break;
  }
  if (family == Family::kTarget) AddTarget(problem, rng);

  int64_t fees = 0;
  int64_t hours = 0;
  for (const auto& item : problem.items) {
    if (item.held) continue;
    fees += item.fee;
    hours += item.hours;
  }
  problem.money_budget = fees * kMoneyBudgetPercent / 100;
  problem.hours_budget = hours * kHoursBudgetPercent / 100;
  return problem;
}

}  // namespace credpath::bench
