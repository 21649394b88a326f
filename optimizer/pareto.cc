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

// The points no other dominates, one of each (objective, fee, hours), best objective
// first, then least fee, then least hours.
std::vector<FrontPoint> Nondominated(std::vector<FrontPoint> points) {
  std::vector<char> keep(points.size(), 1);
  for (size_t k = 0; k < points.size(); ++k) {
    for (size_t j = 0; j < points.size() && keep[k]; ++j) {
      const Candidate& a = points[j].set;
      const Candidate& b = points[k].set;
      const bool same = a.objective == b.objective && a.fee == b.fee && a.hours == b.hours;
      keep[k] = !Dominates(a, b) && !(same && j < k);
    }
  }
  std::vector<FrontPoint> kept;
  for (size_t k = 0; k < points.size(); ++k) {
    if (keep[k]) kept.push_back(std::move(points[k]));
  }
  std::sort(kept.begin(), kept.end(), [](const FrontPoint& a, const FrontPoint& b) {
    if (a.set.objective != b.set.objective) return a.set.objective > b.set.objective;
    if (a.set.fee != b.set.fee) return a.set.fee < b.set.fee;
    return a.set.hours < b.set.hours;
  });
  return kept;
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

// Replaces p, the proven optimum of a box, by a set worth as much within one less fee or
// one less hour, until there is none (or the deadline comes): then nothing dominates it.
// A set already found answers without a search, and so does a solved box that holds the
// smaller one and whose proven optimum is worth less; otherwise a search asks for a set
// worth p's objective, which nothing in the smaller box exceeds.
void TakeCheapestTie(Candidate& p, const std::vector<FrontPoint>& found,
                     const std::vector<SolvedBox>& solved, BranchAndBound& search,
                     Deadline& deadline, FrontResult& result) {
  bool replaced = true;
  while (replaced && !deadline.Reached()) {
    replaced = false;
    for (const auto& [money, hours] : {std::pair<int64_t, int64_t>{p.fee - 1, p.hours},
                                       std::pair<int64_t, int64_t>{p.fee, p.hours - 1}}) {
      if (money < 0 || hours < 0) continue;
      const auto tie = std::find_if(found.begin(), found.end(), [&](const FrontPoint& f) {
        return f.set.objective == p.objective && f.set.fee <= money && f.set.hours <= hours;
      });
      if (tie != found.end()) {
        p = tie->set;
        replaced = true;
        break;
      }
      const bool none = std::any_of(solved.begin(), solved.end(), [&](const SolvedBox& box) {
        const FrontPoint& optimum = found[box.point];
        return box.money >= money && box.hours >= hours && optimum.proven &&
               optimum.set.objective < p.objective;
      });
      if (none) continue;
      SearchSpec spec;
      spec.money = money;
      spec.hours = hours;
      spec.ceiling = p.objective;
      spec.at_least = p.objective;
      SearchOutcome outcome = search.Run(spec);
      result.nodes += outcome.nodes;
      result.evaluations += outcome.evaluations;
      if (outcome.best.has_value() && outcome.best->objective >= p.objective) {
        p = std::move(*outcome.best);
        replaced = true;
        break;
      }
    }
  }
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

  result.points = Thin(Nondominated(found), model, static_cast<size_t>(max_points));
  if (!result.complete) {
    // A box's optimum may tie with a cheaper set of the box, which dominates it; the
    // enumeration meets that set in a later box, but one cut short may not have.
    for (FrontPoint& point : result.points) {
      if (point.proven) TakeCheapestTie(point.set, found, solved, search, deadline, result);
    }
    result.points = Nondominated(std::move(result.points));
  }
  return result;
}

}  // namespace credpath::optimizer
