#include "optimizer/heuristics.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <utility>

namespace credpath::optimizer {
namespace {

// Value per unit of cost; free items rank first.
double Ratio(double value, double cost) {
  if (cost <= 0) return value >= 0 ? std::numeric_limits<double>::infinity() : value;
  return value / cost;
}

double Ratio(const Model& model, Var v) {
  return Ratio(static_cast<double>(model.value[v]), model.cost[v]);
}

}  // namespace

int32_t Distance(const std::vector<char>& a, const std::vector<char>& b) {
  int32_t distance = 0;
  for (size_t v = 0; v < a.size(); ++v) distance += (a[v] != 0) != (b[v] != 0) ? 1 : 0;
  return distance;
}

bool FarFromAvoided(const std::vector<char>& x, const SearchSpec& spec) {
  return std::all_of(spec.avoid.begin(), spec.avoid.end(),
                     [&](const std::vector<char>& p) { return Distance(x, p) >= spec.distance; });
}

// A set under construction within the spec's budgets, kept closed under prerequisites and
// clash-free in exclusive groups.
class Heuristics::Builder {
 public:
  Builder(const Model& model, const SearchSpec& spec)
      : model_(model),
        spec_(spec),
        x_(model.n, 0),
        mark_(model.n, 0),
        exclusive_taken_(model.exclusive.size(), 0) {}

  const std::vector<char>& x() const { return x_; }
  bool in(Var v) const { return x_[v] != 0; }
  int64_t fee() const { return fee_; }
  int64_t hours() const { return hours_; }

  void Add(Var v) {
    x_[v] = 1;
    fee_ += model_.fee[v];
    hours_ += model_.hours[v];
    for (int32_t e : model_.exclusive_of[v]) ++exclusive_taken_[e];
  }
  void Remove(Var v) {
    x_[v] = 0;
    fee_ -= model_.fee[v];
    hours_ -= model_.hours[v];
    for (int32_t e : model_.exclusive_of[v]) --exclusive_taken_[e];
  }
  bool OverBudget() const { return Breaks(fee_, hours_); }

  // The vars to add so that v is in with everything it needs, OR-groups met by their
  // cheapest member; false when an exclusive group or an unmeetable group blocks it. With
  // `clashes`, members of the set that share an exclusive group with the bundle are
  // listed there instead of blocking it (a swap would remove them).
  bool Bundle(Var v, std::vector<Var>& bundle, std::vector<Var>* clashes = nullptr) {
    return Collect(v, bundle, clashes, /*within_budgets=*/false);
  }
  // Bundle(v) when the set with it fits the budgets, else false (and `bundle` unspecified).
  // Stops collecting as soon as the budgets break: when the set is nearly full most
  // bundles do, and on deep prerequisite chains collecting them whole was most of a
  // repair. A var that alone breaks a budget is turned away before any collecting: refills
  // ask of every var, and the closures repaired at the root are nearly full.
  bool FittingBundle(Var v, std::vector<Var>& bundle) {
    if (!x_[v] && Breaks(fee_ + model_.fee[v], hours_ + model_.hours[v])) return false;
    return Collect(v, bundle, nullptr, /*within_budgets=*/true);
  }

  // What RemoveWithDependents(v) would remove, leaving the set as it is.
  void RemovalSet(Var v, std::vector<Var>& removed) {
    removed.clear();
    RemoveWithDependents(v, &removed);
    for (Var u : removed) Add(u);
  }

  int64_t Value(const std::vector<Var>& bundle) const {
    int64_t value = 0;
    for (Var u : bundle) value += model_.value[u];
    return value;
  }

  double Cost(const std::vector<Var>& bundle) const {
    double cost = 0;
    for (Var u : bundle) cost += model_.cost[u];
    return cost;
  }

  void AddAll(const std::vector<Var>& bundle) {
    for (Var u : bundle) Add(u);
  }

  // Adds positive-value bundles that fit, in the given order; two passes, since an early
  // addition can make a later bundle cheaper.
  void Fill(const std::vector<Var>& order) {
    for (int pass = 0; pass < 2; ++pass) {
      bool added = false;
      for (Var v : order) {
        if (x_[v] || !FittingBundle(v, bundle_) || Value(bundle_) <= 0) continue;
        AddAll(bundle_);
        added = true;
      }
      if (!added) break;
    }
  }

  // Removes v and everything that then misses a prerequisite, listing them in `removed`.
  void RemoveWithDependents(Var v, std::vector<Var>* removed = nullptr) {
    stack_.assign(1, v);
    while (!stack_.empty()) {
      const Var u = stack_.back();
      stack_.pop_back();
      if (!x_[u]) continue;
      Remove(u);
      if (removed != nullptr) removed->push_back(u);
      for (Var d : model_.needed_by[u]) {
        if (x_[d]) stack_.push_back(d);
      }
      for (int32_t g : model_.or_member[u]) {
        const OrGroup& group = model_.or_groups[g];
        if (!x_[group.owner]) continue;
        if (std::none_of(group.members.begin(), group.members.end(),
                         [&](Var m) { return x_[m] != 0; })) {
          stack_.push_back(group.owner);
        }
      }
    }
  }

  // v has no selected var relying on it alone.
  bool IsLeaf(Var v) const {
    for (Var d : model_.needed_by[v]) {
      if (x_[d]) return false;
    }
    for (int32_t g : model_.or_member[v]) {
      const OrGroup& group = model_.or_groups[g];
      if (!x_[group.owner]) continue;
      if (std::count_if(group.members.begin(), group.members.end(),
                        [&](Var m) { return x_[m] != 0; }) == 1) {
        return false;
      }
    }
    return true;
  }

  int64_t Credit() const {
    int64_t credit = 0;
    for (Var v = 0; v < model_.n; ++v) credit += x_[v] ? model_.credit[v] : 0;
    for (const VarOverlap& overlap : model_.overlaps) {
      if (x_[overlap.a] && x_[overlap.b]) credit -= overlap.shared;
    }
    return credit;
  }

  // Credit v would add, net of overlaps with the set.
  int64_t CreditGain(Var v) const {
    int64_t gain = model_.credit[v];
    for (int32_t k : model_.overlaps_of[v]) {
      const VarOverlap& overlap = model_.overlaps[k];
      if (x_[overlap.a == v ? overlap.b : overlap.a]) gain -= overlap.shared;
    }
    return gain;
  }

 private:
  bool Breaks(int64_t fee, int64_t hours) const {
    return fee > spec_.money || hours > spec_.hours;
  }
  // Bundle, or FittingBundle when within_budgets.
  bool Collect(Var v, std::vector<Var>& bundle, std::vector<Var>* clashes, bool within_budgets) {
    if (clashes != nullptr) clashes->clear();
    bundle.clear();
    if (x_[v]) return !within_budgets || !OverBudget();
    if (++stamp_ == 0) {
      std::fill(mark_.begin(), mark_.end(), 0);
      stamp_ = 1;
    }
    stack_.assign(1, v);
    mark_[v] = stamp_;
    int64_t fee = fee_;
    int64_t hours = hours_;
    while (!stack_.empty()) {
      const Var u = stack_.back();
      stack_.pop_back();
      bundle.push_back(u);
      fee += model_.fee[u];
      hours += model_.hours[u];
      if (within_budgets && Breaks(fee, hours)) return false;
      for (Var need : model_.needs[u]) {
        if (!x_[need] && mark_[need] != stamp_) {
          mark_[need] = stamp_;
          stack_.push_back(need);
        }
      }
      for (int32_t g : model_.or_owned[u]) {
        const auto& members = model_.or_groups[g].members;
        if (std::any_of(members.begin(), members.end(),
                        [&](Var m) { return x_[m] || mark_[m] == stamp_; })) {
          continue;
        }
        Var best = -1;
        for (Var m : members) {
          if (Blocked(m)) continue;
          if (best < 0 || model_.cost[m] < model_.cost[best]) best = m;
        }
        if (best < 0) return false;
        mark_[best] = stamp_;
        stack_.push_back(best);
      }
    }
    // Clashes inside the bundle or with the set.
    for (Var u : bundle) {
      for (int32_t e : model_.exclusive_of[u]) {
        int32_t inside = 0;
        for (Var m : model_.exclusive[e]) inside += mark_[m] == stamp_ ? 1 : 0;
        if (inside > 1) return false;
        if (exclusive_taken_[e] == 0) continue;
        if (clashes == nullptr) return false;
        for (Var m : model_.exclusive[e]) {
          if (x_[m]) clashes->push_back(m);
        }
      }
    }
    if (clashes != nullptr) {
      std::sort(clashes->begin(), clashes->end());
      clashes->erase(std::unique(clashes->begin(), clashes->end()), clashes->end());
    }
    return true;
  }

  bool Blocked(Var m) const {
    for (int32_t e : model_.exclusive_of[m]) {
      if (exclusive_taken_[e] > 0) return true;
    }
    return false;
  }

  const Model& model_;
  const SearchSpec& spec_;
  std::vector<char> x_;
  std::vector<uint32_t> mark_;
  uint32_t stamp_ = 0;
  std::vector<int32_t> exclusive_taken_;
  std::vector<Var> stack_;
  std::vector<Var> bundle_;
  int64_t fee_ = 0;
  int64_t hours_ = 0;
};

Heuristics::Heuristics(const Model& model) : model_(model) {
  for (Var v = 0; v < model.n; ++v) {
    if (model.value[v] > 0) by_ratio_.push_back(v);
  }
  std::stable_sort(by_ratio_.begin(), by_ratio_.end(),
                   [&](Var a, Var b) { return Ratio(model, a) > Ratio(model, b); });
}

void Heuristics::SetPrices(double per_fee, double per_hour) {
  if (per_fee <= 0 && per_hour <= 0) return;
  std::vector<double> ratio(model_.n);
  for (Var v = 0; v < model_.n; ++v) {
    ratio[v] = Ratio(static_cast<double>(model_.value[v]),
                     per_fee * static_cast<double>(model_.fee[v]) +
                         per_hour * static_cast<double>(model_.hours[v]));
  }
  std::stable_sort(by_ratio_.begin(), by_ratio_.end(),
                   [&](Var a, Var b) { return ratio[a] > ratio[b]; });
}

std::optional<Candidate> Heuristics::Finish(const std::vector<char>& x,
                                            const SearchSpec& spec) const {
  const SetEvaluation evaluation = EvaluateSet(model_, x);
  if (!evaluation.feasible || evaluation.fee > spec.money || evaluation.hours > spec.hours ||
      !FarFromAvoided(x, spec)) {
    return std::nullopt;
  }
  return Candidate{x, evaluation.objective, evaluation.fee, evaluation.hours};
}

std::vector<Candidate> Heuristics::Construct(const SearchSpec& spec) {
  std::vector<Candidate> built;
  {
    Builder builder(model_, spec);
    builder.Fill(by_ratio_);
    if (auto candidate = Finish(builder.x(), spec)) built.push_back(std::move(*candidate));
  }
  if (model_.target_reachable) {
    Builder builder(model_, spec);
    std::vector<Var> bundle;
    bool ok = true;
    for (Var c : model_.core) {
      ok = ok && builder.FittingBundle(c, bundle);
      if (ok) builder.AddAll(bundle);
    }
    for (const ElectiveNeed& rule : model_.electives) {
      int32_t taken = 0;
      for (Var m : rule.members) taken += builder.in(m) ? 1 : 0;
      while (ok && taken < rule.need) {
        Var best = -1;
        double best_cost = 0;
        std::vector<Var> best_bundle;
        for (Var m : rule.members) {
          if (builder.in(m) || !builder.FittingBundle(m, bundle)) continue;
          const double cost =
              builder.Cost(bundle) - 1e-9 * static_cast<double>(builder.Value(bundle));
          if (best < 0 || cost < best_cost) {
            best = m;
            best_cost = cost;
            best_bundle = bundle;
          }
        }
        ok = best >= 0;
        if (ok) {
          builder.AddAll(best_bundle);
          ++taken;
        }
      }
    }
    while (ok && builder.Credit() < model_.credit_needed) {
      Var best = -1;
      double best_rate = 0;
      std::vector<Var> best_bundle;
      for (Var v = 0; v < model_.n; ++v) {
        if (builder.in(v)) continue;
        const int64_t gain = builder.CreditGain(v);
        if (gain <= 0 || !builder.FittingBundle(v, bundle)) continue;
        const double rate = static_cast<double>(gain) / std::max(1e-9, builder.Cost(bundle));
        if (best < 0 || rate > best_rate) {
          best = v;
          best_rate = rate;
          best_bundle = bundle;
        }
      }
      ok = best >= 0;
      if (ok) builder.AddAll(best_bundle);
    }
    if (ok) {
      builder.Fill(by_ratio_);
      if (auto candidate = Finish(builder.x(), spec)) built.push_back(std::move(*candidate));
    }
  }
  std::stable_sort(built.begin(), built.end(), [](const Candidate& a, const Candidate& b) {
    return a.objective > b.objective;
  });
  return built;
}

std::optional<Candidate> Heuristics::Repair(const std::vector<char>& x,
                                            const std::vector<int64_t>* keep,
                                            const SearchSpec& spec) {
  const auto rank = [&](Var v) {
    return keep != nullptr ? static_cast<double>((*keep)[v]) : Ratio(model_, v);
  };
  // One clash-free member per exclusive group: the best ranked.
  std::vector<char> wanted = x;
  for (const auto& group : model_.exclusive) {
    Var best = -1;
    for (Var m : group) {
      if (wanted[m] && (best < 0 || rank(m) > rank(best))) best = m;
    }
    for (Var m : group) {
      if (m != best) wanted[m] = 0;
    }
  }
  // Forward sweep in topological order: keep what still has its prerequisites.
  Builder builder(model_, spec);
  for (Var v = 0; v < model_.n; ++v) {
    if (!wanted[v]) continue;
    bool ok = std::all_of(model_.needs[v].begin(), model_.needs[v].end(),
                          [&](Var u) { return builder.in(u); });
    for (int32_t g : model_.or_owned[v]) {
      const auto& members = model_.or_groups[g].members;
      ok = ok && std::any_of(members.begin(), members.end(), [&](Var m) { return builder.in(m); });
    }
    if (ok) builder.Add(v);
  }
  // Budgets: drop the weakest leaf (the lowest rank, then the lowest var) until both fit.
  // The leaves wait in a heap and are checked again when they come up: removing a var can
  // make its prerequisites and its OR-groups' members leaves (they are pushed then), or
  // stop another member of a group being one. (A scan of all vars per removal made repairs
  // of root closures far over budget quadratic.)
  using Leaf = std::pair<double, Var>;
  std::priority_queue<Leaf, std::vector<Leaf>, std::greater<Leaf>> leaves;
  if (builder.OverBudget()) {
    for (Var v = 0; v < model_.n; ++v) {
      if (builder.in(v) && builder.IsLeaf(v)) leaves.emplace(rank(v), v);
    }
  }
  // A non-empty closed set always has a leaf, so the heap empties only once the set fits.
  while (builder.OverBudget() && !leaves.empty()) {
    const Var worst = leaves.top().second;
    leaves.pop();
    if (!builder.in(worst) || !builder.IsLeaf(worst)) continue;
    builder.Remove(worst);
    for (Var u : model_.needs[worst]) {
      if (builder.in(u)) leaves.emplace(rank(u), u);
    }
    for (int32_t g : model_.or_owned[worst]) {
      for (Var m : model_.or_groups[g].members) {
        if (builder.in(m)) leaves.emplace(rank(m), m);
      }
    }
  }
  builder.Fill(by_ratio_);
  return Finish(builder.x(), spec);
}

void Heuristics::Improve(Candidate& candidate, const SearchSpec& spec, int64_t max_passes,
                         Deadline& deadline) {
  // A piece's vars and clashes are ranges of two arrays shared by all pieces of a pass (one
  // allocation each instead of two per piece, which dominated a pass's own work).
  struct Piece {
    Var var;
    uint32_t vars_begin = 0;
    uint32_t vars_end = 0;
    uint32_t clashes_begin = 0;
    uint32_t clashes_end = 0;
    int64_t value = 0;
    int64_t fee = 0;
    int64_t hours = 0;
  };
  struct Move {
    int64_t gain;
    int32_t drop;  // index into drops, or -1
    int32_t add;   // index into adds, or -1
    size_t order;  // position in the scan, which breaks ties
  };
  // Value gains can still cost the bonus: the best kVerified moves are checked on the
  // whole objective, best gain first and in scan order among equal gains. Only those are
  // kept, in a heap whose front is the worst of them: there are O(|S| · n) improving
  // exchanges, and holding them all made memory quadratic (docs/optimizer.md, "Primal
  // heuristics").
  constexpr size_t kVerified = 16;
  const auto better = [](const Move& a, const Move& b) {
    return a.gain != b.gain ? a.gain > b.gain : a.order < b.order;
  };
  std::vector<uint32_t> in_drop(model_.n, 0);
  std::vector<Var> piece_vars;
  std::vector<Var> piece_clashes;
  std::vector<Var> vars;
  std::vector<Var> clashes;
  std::vector<Piece> drops;
  std::vector<Piece> adds;
  std::vector<Move> moves;
  size_t scanned = 0;
  const auto offer = [&](int64_t gain, int32_t drop, int32_t add) {
    const Move move{gain, drop, add, scanned++};
    if (moves.size() < kVerified) {
      moves.push_back(move);
      std::push_heap(moves.begin(), moves.end(), better);
    } else if (better(move, moves.front())) {
      std::pop_heap(moves.begin(), moves.end(), better);
      moves.back() = move;
      std::push_heap(moves.begin(), moves.end(), better);
    }
  };
  const auto vars_of = [&](const Piece& piece) {
    return std::span<const Var>(piece_vars.data() + piece.vars_begin,
                                piece.vars_end - piece.vars_begin);
  };
  const auto clashes_of = [&](const Piece& piece) {
    return std::span<const Var>(piece_clashes.data() + piece.clashes_begin,
                                piece.clashes_end - piece.clashes_begin);
  };
  for (int64_t pass = 0; pass < max_passes; ++pass) {
    if (deadline.Reached()) return;
    Builder builder(model_, spec);
    for (Var v = 0; v < model_.n; ++v) {
      if (candidate.x[v]) builder.Add(v);
    }
    piece_vars.clear();
    piece_clashes.clear();
    drops.clear();
    adds.clear();
    for (Var v = 0; v < model_.n; ++v) {
      // A pass builds a bundle per var: on thousands of deep ones, a large part of a second.
      if (deadline.Poll()) return;
      Piece piece{v};
      clashes.clear();
      if (candidate.x[v]) {
        builder.RemovalSet(v, vars);
      } else if (!builder.Bundle(v, vars, &clashes)) {
        continue;
      }
      piece.vars_begin = static_cast<uint32_t>(piece_vars.size());
      piece_vars.insert(piece_vars.end(), vars.begin(), vars.end());
      piece.vars_end = static_cast<uint32_t>(piece_vars.size());
      piece.clashes_begin = static_cast<uint32_t>(piece_clashes.size());
      piece_clashes.insert(piece_clashes.end(), clashes.begin(), clashes.end());
      piece.clashes_end = static_cast<uint32_t>(piece_clashes.size());
      for (Var u : vars) {
        piece.value += model_.value[u];
        piece.fee += model_.fee[u];
        piece.hours += model_.hours[u];
      }
      (candidate.x[v] ? drops : adds).push_back(piece);
    }
    // Best gains first, so that the swap scan below can stop early.
    std::stable_sort(adds.begin(), adds.end(),
                     [](const Piece& a, const Piece& b) { return a.value > b.value; });
    const int64_t fee = builder.fee();
    const int64_t hours = builder.hours();
    moves.clear();
    scanned = 0;
    for (int32_t a = 0; a < static_cast<int32_t>(adds.size()); ++a) {
      const Piece& add = adds[a];
      if (add.value > 0 && add.clashes_begin == add.clashes_end && fee + add.fee <= spec.money &&
          hours + add.hours <= spec.hours) {
        offer(add.value, -1, a);
      }
    }
    for (int32_t d = 0; d < static_cast<int32_t>(drops.size()); ++d) {
      const Piece& drop = drops[d];
      if (drop.value < 0) offer(-drop.value, d, -1);
      const uint32_t stamp = static_cast<uint32_t>(d) + 1;
      for (Var u : vars_of(drop)) in_drop[u] = stamp;
      for (int32_t a = 0; a < static_cast<int32_t>(adds.size()); ++a) {
        const Piece& add = adds[a];
        // Adds come in falling value: once a gain cannot enter the kept moves, none after
        // it can (a tie loses on scan order).
        if (add.value <= drop.value ||
            (moves.size() == kVerified && add.value - drop.value <= moves.front().gain)) {
          break;
        }
        if (fee - drop.fee + add.fee > spec.money || hours - drop.hours + add.hours > spec.hours) {
          continue;
        }
        const auto removed = [&](Var u) { return in_drop[u] == stamp; };
        const std::span<const Var> add_vars = vars_of(add);
        const std::span<const Var> add_clashes = clashes_of(add);
        if (std::any_of(add_vars.begin(), add_vars.end(), removed) ||
            !std::all_of(add_clashes.begin(), add_clashes.end(), removed)) {
          continue;
        }
        offer(add.value - drop.value, d, a);
      }
    }
    std::fill(in_drop.begin(), in_drop.end(), 0);
    std::sort_heap(moves.begin(), moves.end(), better);
    bool improved = false;
    std::vector<Var>& bundle = vars;
    for (size_t k = 0; k < moves.size() && !improved; ++k) {
      if (deadline.Reached()) return;
      Builder trial(model_, spec);
      for (Var v = 0; v < model_.n; ++v) {
        if (candidate.x[v]) trial.Add(v);
      }
      if (moves[k].drop >= 0) trial.RemoveWithDependents(drops[moves[k].drop].var);
      if (moves[k].add >= 0) {
        if (!trial.FittingBundle(adds[moves[k].add].var, bundle)) continue;
        trial.AddAll(bundle);
      }
      trial.Fill(by_ratio_);
      std::optional<Candidate> next = Finish(trial.x(), spec);
      if (next.has_value() && next->objective > candidate.objective) {
        candidate = std::move(*next);
        improved = true;
      }
    }
    if (!improved) return;
  }
}

}  // namespace credpath::optimizer
