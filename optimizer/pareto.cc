#include "optimizer/pareto.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace credpath::optimizer {
namespace {

struct SolvedBox {
  int64_t money;
  int64_t hours;
  size_t point;  // index into the points found
};

bool Dominates(const Candidate& a, const Candidate& b) {
  return a.objective >= b.objective && a.fee <= b.fee && a.hours <= b.hours &&
         (a.objective > b.objective || a.fee < b.fee || a.hours < b.hours);
}

// Farthest-point thinning in normalised space; keeps points[0] (the best objective).
std::vector<FrontPoint> Thin(std::vector<FrontPoint> points, const Model& model,
                             size_t max_points) {
  if (points.size() <= max_points) return points;
  int64_t lowest = points.back().set.objective;
  const double range =
      std::max<double>(1, static_cast<double>(points.front().set.objective - lowest));
  const double money = static_cast<double>(std::max<int64_t>(1, model.money));
  const double hours = static_cast<double>(std::max<int64_t>(1, model.hours_budget));
  const auto distance = [&](const Candidate& a, const Candidate& b) {
    const double dv = static_cast<double>(a.objective - b.objective) / range;
    const double df = static_cast<double>(a.fee - b.fee) / money;
    const double dh = static_cast<double>(a.hours - b.hours) / hours;
    return dv * dv + df * df + dh * dh;
  };
  std::vector<char> kept(points.size(), 0);
  std::vector<double> nearest(points.size(), std::numeric_limits<double>::infinity());
  size_t last = 0;
  kept[0] = 1;
  for (size_t count = 1; count < max_points; ++count) {
    size_t far = 0;
    double far_distance = -1;
    for (size_t k = 0; k < points.size(); ++k) {
      if (kept[k]) continue;
      nearest[k] = std::min(nearest[k], distance(points[k].set, points[last].set));
      if (nearest[k] > far_distance) {
        far = k;
        far_distance = nearest[k];
      }
    }
    kept[far] = 1;
    last = far;
  }
  std::vector<FrontPoint> thinned;
  for (size_t k = 0; k < points.size(); ++k) {
    if (kept[k]) thinned.push_back(std::move(points[k]));
  }
  return thinned;
}

}  // namespace

FrontResult ParetoFront(const Model& model, BranchAndBound& search, Deadline& deadline,
                        int32_t max_points) {
  FrontResult result;
  result.complete = true;
  std::vector<FrontPoint> found;
  std::vector<SolvedBox> solved;
  std::deque<std::pair<int64_t, int64_t>> boxes;
  absl::flat_hash_set<std::pair<int64_t, int64_t>> seen;
  boxes.emplace_back(model.money, model.hours_budget);
  seen.insert(boxes.front());
  const int64_t max_solves = 4 * static_cast<int64_t>(max_points);
  int64_t solves = 0;
  while (!boxes.empty()) {
    const auto [money, hours] = boxes.front();
    boxes.pop_front();
    size_t point = found.size();
    for (const SolvedBox& box : solved) {
      const Candidate& p = found[box.point].set;
      if (money <= box.money && hours <= box.hours && p.fee <= money && p.hours <= hours) {
        point = box.point;
        break;
      }
    }
    if (point == found.size()) {
      if (solves >= max_solves || deadline.Reached()) {
        result.complete = false;
        break;
      }
      ++solves;
      SearchSpec spec;
      spec.money = money;
      spec.hours = hours;
      SearchOutcome outcome = search.Run(spec);
      result.nodes += outcome.nodes;
      result.evaluations += outcome.evaluations;
      if (!outcome.best.has_value()) {  // only when interrupted before any set was built
        result.complete = false;
        break;
      }
      result.complete = result.complete && outcome.complete;
      found.push_back(FrontPoint{std::move(*outcome.best), outcome.complete});
    }
    solved.push_back(SolvedBox{money, hours, point});
    const Candidate& p = found[point].set;
    for (const auto& box : {std::pair<int64_t, int64_t>{p.fee - 1, hours},
                            std::pair<int64_t, int64_t>{money, p.hours - 1}}) {
      if (box.first >= 0 && box.second >= 0 && seen.insert(box).second) boxes.push_back(box);
    }
  }

  std::vector<char> keep(found.size(), 1);
  for (size_t k = 0; k < found.size(); ++k) {
    for (size_t j = 0; j < found.size() && keep[k]; ++j) {
      const Candidate& a = found[j].set;
      const Candidate& b = found[k].set;
      const bool same = a.objective == b.objective && a.fee == b.fee && a.hours == b.hours;
      keep[k] = !Dominates(a, b) && !(same && j < k);
    }
  }
  for (size_t k = 0; k < found.size(); ++k) {
    if (keep[k]) result.points.push_back(std::move(found[k]));
  }
  std::sort(result.points.begin(), result.points.end(),
            [](const FrontPoint& a, const FrontPoint& b) {
              if (a.set.objective != b.set.objective) return a.set.objective > b.set.objective;
              if (a.set.fee != b.set.fee) return a.set.fee < b.set.fee;
              return a.set.hours < b.set.hours;
            });
  result.points = Thin(std::move(result.points), model, static_cast<size_t>(max_points));
  return result;
}

}  // namespace credpath::optimizer
