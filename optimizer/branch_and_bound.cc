#include "optimizer/branch_and_bound.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "optimizer/dual_master.h"

namespace credpath::optimizer {
namespace {

// Multiplier schedule. The root runs the volume algorithm long (until its step factor
// decays), to reach near-LP multipliers once: measured on the or_groups family, where
// hundreds of OR rows share the step, 300 plain subgradient steps left the root bound 1.7%
// above the LP bound and the volume algorithm closes most of that. Nodes warm-start from
// the last multipliers and take a few plain subgradient steps to follow the fixings.
constexpr int kRootIterations = 1000;
// Effort levels, tried in order until one finishes: root iterations, the work the level
// may spend (0: no limit), counted as the free vars and the closure edges of every bound
// evaluation, which is what an evaluation costs (the weight sweep and the max-flow), the
// most vars a level is tried on (0: any), and whether it is
// the quick level: roots by column generation (MasterBound; when that does not converge,
// the level ends) and one exact pass instead of the objective-targeted ones. The
// second level's budget is what a long root costs on 100 vars, a few milliseconds. It
// settles problems of a few dozen vars (the planner's target request: 36 candidates,
// half the time it takes without the level); from about 40 vars up it settled too few of
// the generated problems to pay for the budget it spent on the others, which took 10%
// longer with it. Figures in docs/optimizer.md, "Effort levels". FlipSearch runs at the
// long level's roots only: on the generated problems the trees of the other levels did
// not change with it, only their time.
struct Effort {
  int root_iterations;
  int64_t work;
  int32_t max_vars;
  bool quick;
  bool flips_at_root;
};
constexpr Effort kEfforts[] = {{100, 5'000, 250, true, false},
                               {100, 100 * kRootIterations, 40, false, false},
                               {kRootIterations, 0, 0, false, true}};
// The quick level's exact pass runs when the roots leave a gap of at most 1/100 of the
// incumbent: small enough for the planner's no-target demo problem, which it proves in two
// nodes, and wider gaps led to trees the exact pass could not finish (docs/optimizer.md).
constexpr int64_t kQuickGapShare = 100;
constexpr int kNodeIterations = 12;
constexpr double kRootStep = 1.0;
constexpr double kNodeStep = 0.5;
constexpr int kRootPatience = 20;
constexpr int kNodePatience = 3;
constexpr double kSmallestStep = 1e-3;
constexpr double kLargestStep = 2.0;
constexpr double kStepGrowth = 1.1;
constexpr double kStepShrink = 0.66;
constexpr double kRootAverageWeight = 0.1;
// Column generation at a root: at most this many evaluations (each adds a column).
constexpr int kMasterEvaluations = 40;
// Reliability branching: how many undecided vars are scored, how many in a row may fail
// to beat the best score before scoring stops, and how many observations of a child's
// bound loss make a var's pseudo-cost trusted instead of probed.
// Measured on the 18 generated n = 300 problems: 16 candidates trusted after 4
// observations took 5.7 s in all, 8 after 2 took 25 s (strongly correlated ones dominate).
constexpr size_t kCandidates = 16;
constexpr int kLookahead = 4;
constexpr int32_t kReliable = 4;
// A node with at most this many free vars is searched by Relaxation::Enumerate instead of
// branching (docs/optimizer.md, "Enumerated nodes").
constexpr size_t kEnumeratedVars = 12;
// Repairing a closure costs a greedy fill; at nodes it pays only now and then.
constexpr int kRootRepairEvery = 4;
constexpr int64_t kNodeRepairEvery = 8;
constexpr int64_t kMaxRepairInterval = 1024;
// Improving local-search moves per call; each pass scans O(|S| · n) exchanges.
constexpr int64_t kLocalSearchPasses = 50;
// Objective-targeted passes: the step down to the next target doubles after a failed
// pass of at most kCheapPass nodes or at most kCostGrowth times the nodes of the failed
// pass before it, and halves otherwise. A failed pass costs little while its target is
// far above the optimum and its cost jumps near it (strongly n = 500 seed 1: 1 node,
// then 867 one unit farther down); a pass whose target lies below the optimum costs more
// the lower it lies (strongly n = 1000 seed 2: 127640 nodes one unit below, against 452
// one unit above), so the step shrinks where the cost jumps. When the incumbent is
// already optimal, as in most boxes of a Pareto front, the cost of the failed passes
// creeps up instead, and the step keeps growing. Measured on the 36 generated problems
// (and the Pareto front of or_groups n = 200 seed 1): this rule 519949 nodes (361824);
// halving after every pass dearer than kCheapPass 520869 (656307); keeping the step
// after those 570890 (298700); doubling after every pass, 1.4 times the nodes of
// keeping on the n = 500 and 1000 problems.
constexpr int64_t kCostGrowth = 3;
constexpr int64_t kCheapPass = 64;
// A cap on that step. Failed passes that end at their restarted roots only say the target
// lies above the roots' bounds; the first pass after them that branches says the optimum
// is near. Past it, the step grows to at most kCapGrowth times the step that led to that
// pass. (Where the very first pass branches, the roots' bounds are not loose: no cap.) On the
// or_groups family the roots lie up to 274 units above the optimum, the passes down to
// it cost 1-11 nodes and the free step doubled to 256, so the first pass below the
// optimum lay far under it, where a poor incumbent climbed a unit or two per
// improvement (n = 1000 seed 2: targets 79,026, then 78,770, optimum 79,006). The cap
// holds only where the incumbent lies more than kCapGapShare caps below the target: a
// jump onto a near incumbent makes the exact pass, which overshoots nothing, and with
// 8 or 16 caps or_groups n = 100-500 grew dearer. Nor does it hold for a search that
// starts from sets pooled by earlier searches of the call (top-K pathways, Pareto boxes):
// those start near their optimum, and capped, Pareto fronts took 1.3-2.0 times the
// nodes. Figures in docs/optimizer.md, "Objective-targeted passes".
constexpr int64_t kCapGrowth = 2;
constexpr int64_t kCapGapShare = 32;
// Crawling passes. Once a pass finds a set worth its target it is the plain search, and
// where the root bound is loose and the incumbent poor it can climb toward the optimum a
// few units at a time, over most of the search's nodes. Such a pass is stopped once it
// has spent kCrawlNodes nodes (or as many as the search before it, if more) and improved
// the incumbent, while a gap of at least 1/kCrawlGapShare of the incumbent is left to the
// ceiling; the next pass aims halfway up that gap. Smaller gaps are left to the pass:
// there, stopping made generated target and dense problems search their last units
// again. Figures in docs/optimizer.md, "Crawling passes".
constexpr int64_t kCrawlNodes = 4000;
constexpr int64_t kCrawlGapShare = 1024;

std::string Key(const std::vector<char>& x) { return std::string(x.begin(), x.end()); }

}  // namespace

void SolutionPool::Add(const Candidate& candidate) {
  if (entries_.size() >= kCapacity && candidate.objective <= entries_.back().objective) return;
  if (!seen_.insert(Key(candidate.x)).second) return;
  auto at = std::upper_bound(
      entries_.begin(), entries_.end(), candidate.objective,
      [](int64_t objective, const Candidate& entry) { return objective > entry.objective; });
  entries_.insert(at, candidate);
  if (entries_.size() > kCapacity) {
    seen_.erase(Key(entries_.back().x));
    entries_.pop_back();
  }
}

BranchAndBound::BranchAndBound(const Model& model, Deadline& deadline, Check check)
    : model_(model),
      deadline_(deadline),
      check_(std::move(check)),
      heuristics_(model),
      flip_search_(model),
      relaxation_(model),
      state_(model) {
  for (Var v = 0; v < model.n; ++v) by_fee_.push_back(v);
  by_hours_ = by_fee_;
  std::stable_sort(by_fee_.begin(), by_fee_.end(),
                   [&](Var a, Var b) { return model.fee[a] > model.fee[b]; });
  std::stable_sort(by_hours_.begin(), by_hours_.end(),
                   [&](Var a, Var b) { return model.hours[a] > model.hours[b]; });
}

void BranchAndBound::Offer(const std::vector<char>& x) {
  const SetEvaluation evaluation = EvaluateSet(model_, x);
  if (!evaluation.feasible) return;
  Offer(Candidate{x, evaluation.objective, evaluation.fee, evaluation.hours});
}

void BranchAndBound::Offer(Candidate candidate) {
  pool_.Add(candidate);
  if (candidate.fee > spec_->money || candidate.hours > spec_->hours ||
      !FarFromAvoided(candidate.x, *spec_)) {
    return;
  }
  if (incumbent_.has_value() && candidate.objective <= incumbent_->objective) return;
  if (check_ && check_status_.ok()) check_status_ = check_(candidate.x);
  incumbent_ = std::move(candidate);
}

SearchOutcome BranchAndBound::Run(const SearchSpec& spec) {
  spec_ = &spec;
  incumbent_.reset();
  nodes_ = 0;
  evaluations_ = 0;
  work_ = 0;
  next_clock_read_ = 0;
  pooled_start_ = !pool_.entries().empty();
  for (Candidate& candidate : heuristics_.Construct(spec)) Offer(std::move(candidate));
  for (const Candidate& entry : pool_.entries()) {
    if (entry.fee <= spec.money && entry.hours <= spec.hours && FarFromAvoided(entry.x, spec)) {
      Offer(entry);
      break;
    }
  }
  relaxation_.BeginSearch(spec);
  for (int d = 0; d < 2; ++d) {
    gain_sum_[d].resize(model_.n, 0.0);
    gain_count_[d].resize(model_.n, 0);
  }
  for (auto& multipliers : multipliers_) {
    multipliers.resize(relaxation_.MultiplierCount(spec.avoid.size()), 0.0);
  }
  // Effort levels: most problems are settled by a short root and a small tree, which a
  // long root would dominate. When the first level runs out of its budget, the next
  // starts where the first did (incumbent, multipliers, pseudo-costs, greedy order,
  // repair schedule), so that a hard problem costs what it did without the first level
  // plus its budget: the depth-first search is chaotic, and what the short level found
  // sent the long one's tree down other paths, several times longer on some generated
  // problems. The result keeps the best set of any level, should the deadline stop the
  // last one early.
  // The start set gets local search before the first level that is not the quick one:
  // the quick level's roots run local search with their prices anyway, so a search the
  // quick level settles (the planner's no-target demo problem does) pays for one round of
  // local search instead of two (docs/optimizer.md, "Primal heuristics").
  std::optional<Candidate> start_incumbent = incumbent_;
  bool start_improved = false;
  std::optional<Candidate> best_seen;
  const std::vector<Var> start_order = heuristics_.order();
  const std::vector<double> start_multipliers[2] = {multipliers_[0], multipliers_[1]};
  const std::vector<double> start_gain_sum[2] = {gain_sum_[0], gain_sum_[1]};
  const std::vector<int32_t> start_gain_count[2] = {gain_count_[0], gain_count_[1]};
  for (const Effort& effort : kEfforts) {
    if (effort.max_vars > 0 && model_.n > effort.max_vars) continue;
    incumbent_ = start_incumbent;
    heuristics_.RestoreOrder(start_order);
    if (!effort.quick && !start_improved && incumbent_.has_value()) {
      start_improved = true;
      Candidate improved = *incumbent_;
      heuristics_.Improve(improved, spec, kLocalSearchPasses, deadline_);
      Offer(std::move(improved));
      start_incumbent = incumbent_;
    }
    ceiling_ = kNoCeiling;
    repair_interval_ = kNodeRepairEvery;
    next_repair_ = nodes_;
    for (int d = 0; d < 2; ++d) {
      multipliers_[d] = start_multipliers[d];
      gain_sum_[d] = start_gain_sum[d];
      gain_count_[d] = start_gain_count[d];
    }
    root_iterations_ = effort.root_iterations;
    quick_ = effort.quick;
    flips_at_root_ = effort.flips_at_root;
    work_limit_ = effort.work > 0 ? work_ + effort.work : std::numeric_limits<int64_t>::max();
    SearchPasses();
    if (best_found() > (best_seen.has_value() ? best_seen->objective : kNoSet)) {
      best_seen = incumbent_;
    }
    if (!interrupted_ || deadline_.Reached()) break;
  }
  incumbent_ = std::move(best_seen);

  SearchOutcome outcome;
  outcome.best = incumbent_;
  outcome.complete = !interrupted_;
  const int64_t found = best_found();
  // Nodes the target pruned may hold sets worth up to target_ - 1.
  const int64_t pruned = target_ != kNoSet ? target_ - 1 : kNoSet;
  outcome.bound =
      outcome.complete ? found : std::min(ceiling_, std::max({found, open_bound_, pruned}));
  if (outcome.complete && found < spec.at_least) outcome.bound = spec.at_least - 1;
  outcome.nodes = nodes_;
  outcome.evaluations = evaluations_;
  outcome.root_bound = root_bound_;
  return outcome;
}

void BranchAndBound::SearchPasses() {
  interrupted_ = false;
  pass_node_limit_ = std::numeric_limits<int64_t>::max();  // the quick level's pass runs out
  pass_stopped_ = false;
  open_bound_ = kNoSet;
  target_ = kNoSet;
  // Both roots first: their bounds order the depth-first searches (the more promising
  // side first) and keep the anytime bound honest when the deadline stops the first.
  std::vector<std::pair<int64_t, bool>> sides;
  for (bool target_branch : {true, false}) {
    if (target_branch && !model_.target_reachable) continue;
    const int64_t bound = RootBound(target_branch);
    if (bound != kNoSet) sides.emplace_back(bound, target_branch);
  }
  std::stable_sort(sides.begin(), sides.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  root_bound_ = interrupted_ ? kNoSet : sides.empty() ? best_found() : sides.front().first;
  // Objective-targeted passes: each searches only for sets worth at least target_,
  // starting from the best root bound. A pass that ends with no set worth target_ - 1
  // proves that none is worth target_, and the next aims lower; a pass whose incumbent
  // reaches target_ - 1 was exact (its cutoff was the incumbent's by the end), and so is
  // any pass whose target falls to the incumbent's cutoff, so the loop ends.
  if (!interrupted_) {
    // A side pruned at its root holds nothing better than the incumbent.
    ceiling_ = best_found();
    for (const auto& side : sides) ceiling_ = std::max(ceiling_, side.first);
    ceiling_ = std::min(ceiling_, spec_->ceiling);
    if (ceiling_ < spec_->at_least) return;  // nothing worth looking for
    if (incumbent_.has_value()) target_ = ceiling_;
  }
  // The quick level's one exact pass: the greedy and local search often find the optimum
  // before the root (the planner's demo problems do), and then the targeted passes would
  // step down from the root bound to it, one failed pass at a time. Only when the roots
  // leave a small gap: a wide one needs a tree, which the next levels grow better.
  if (quick_) {
    if (!interrupted_ && incumbent_.has_value() &&
        ceiling_ - incumbent_->objective <= std::abs(incumbent_->objective) / kQuickGapShare) {
      target_ = spec_->at_least;
      for (const auto& [bound, target_branch] : sides) SearchTree(target_branch, bound);
    } else {
      // Unsearched: should the deadline end the search here, the roots bound it.
      interrupted_ = true;
      for (const auto& side : sides) open_bound_ = std::max(open_bound_, side.first);
    }
    return;
  }
  int64_t step = 1;
  int64_t last_cost = 0;  // nodes of the last failed pass
  int64_t step_cap = std::numeric_limits<int64_t>::max();
  bool cap_settled = pooled_start_;
  bool root_only_pass = false;  // a pass has ended at its restarted roots
  while (true) {
    const int64_t pass_start = nodes_;
    const int64_t restarts_before = restarts_;
    pass_start_best_ = best_found();
    pass_node_limit_ = nodes_ + std::max(kCrawlNodes, nodes_);
    pass_stopped_ = false;
    for (const auto& [bound, target_branch] : sides) SearchTree(target_branch, bound);
    const bool branched = nodes_ - pass_start > restarts_ - restarts_before;
    if (!cap_settled && target_ != kNoSet && branched) {
      cap_settled = true;
      const int64_t cap = kCapGrowth * step;
      if (root_only_pass && target_ - 1 - incumbent_->objective > kCapGapShare * cap) {
        step_cap = cap;
      }
    }
    root_only_pass = root_only_pass || !branched;
    if (pass_stopped_ && !interrupted_) {
      // Nothing is proved: the ceiling stays. Every stop follows an improvement of the
      // incumbent, which the optimum bounds, so the loop still ends.
      const int64_t found = incumbent_->objective;
      target_ = std::max(found + 1 + (ceiling_ - found) / 2, spec_->at_least);
      step = 1;
      last_cost = 0;
      continue;
    }
    if (interrupted_ || target_ == kNoSet || incumbent_->objective + 1 >= target_) break;
    ceiling_ = target_ - 1;
    if (ceiling_ < spec_->at_least) break;  // proved: no set reaches it
    const int64_t cost = nodes_ - pass_start;
    step = cost <= kCheapPass || cost <= kCostGrowth * last_cost ? 2 * step
                                                                 : std::max<int64_t>(1, step / 2);
    step = std::min(step, step_cap);
    last_cost = cost;
    target_ = std::max(target_ - step, spec_->at_least);
  }
}

int64_t BranchAndBound::TrivialBound(bool target_branch) const {
  int64_t bound = target_branch ? model_.bonus : 0;
  for (Var v = 0; v < model_.n; ++v) bound += std::max<int64_t>(0, model_.value[v]);
  return bound;
}

bool BranchAndBound::ResetSide(bool target_branch) {
  state_.Reset(spec_->money, spec_->hours);
  if (target_branch) {
    for (Var c : model_.core) {
      if (!state_.Fix(c, true)) return false;
    }
  }
  return true;
}

int64_t BranchAndBound::RootBound(bool target_branch) {
  if (!ResetSide(target_branch)) return kNoSet;
  const NodeResult result =
      ProcessNode(target_branch, NodeKind::kRoot, TrivialBound(target_branch));
  if (result.verdict == Verdict::kInterrupted) {
    interrupted_ = true;
    open_bound_ = std::max(open_bound_, result.bound);
    return kNoSet;
  }
  return result.bound;
}

void BranchAndBound::SearchTree(bool target_branch, int64_t root_bound) {
  if (pass_stopped_ || root_bound < cutoff()) return;
  if (interrupted_) {
    open_bound_ = std::max(open_bound_, root_bound);
    return;
  }
  stack_.clear();
  if (!ResetSide(target_branch)) return;
  const auto expand = [&](const NodeResult& result) {
    if (result.verdict == Verdict::kInterrupted) {
      interrupted_ = true;
      open_bound_ = std::max(open_bound_, result.bound);
    } else if (result.verdict == Verdict::kBranch) {
      const size_t mark = state_.Mark();
      stack_.push_back(Pending{result.var, !result.first, mark, result.bound});
      stack_.push_back(Pending{result.var, result.first, mark, result.bound});
    }
  };
  // The root again, warm: its first evaluation reproduces the root bound.
  ++restarts_;
  expand(ProcessNode(target_branch, NodeKind::kRestart, root_bound));
  while (!stack_.empty() && !interrupted_) {
    if (Stopped()) {
      interrupted_ = true;
      break;
    }
    if (Crawling()) {
      pass_stopped_ = true;
      return;
    }
    const Pending pending = stack_.back();
    stack_.pop_back();
    state_.Undo(pending.mark);
    if (pending.bound < cutoff()) continue;
    if (!state_.Fix(pending.var, pending.one)) continue;
    const NodeResult result = ProcessNode(target_branch, NodeKind::kChild, pending.bound);
    if (result.verdict != Verdict::kInterrupted && result.bound != kNoSet) {
      RecordGain(pending.var, pending.one, pending.bound - result.bound);
    }
    expand(result);
  }
  if (interrupted_) {
    for (const Pending& pending : stack_) open_bound_ = std::max(open_bound_, pending.bound);
  }
}

bool BranchAndBound::Crawling() const {
  if (nodes_ < pass_node_limit_ || best_found() <= pass_start_best_) return false;
  // An improvement by a repaired closure may lie below the target: the pass still looks
  // for a set worth the target, and is not the plain search yet.
  const int64_t found = incumbent_->objective;
  return found + 1 >= target_ &&
         ceiling_ - found >= std::max<int64_t>(2, std::abs(found) / kCrawlGapShare);
}

bool BranchAndBound::PropagateBudgets() {
  // Fixing to 0 frees no budget, so one pass down each order suffices; it stops at the
  // first var that fits.
  const int64_t money = state_.money() - state_.fixed_fee();
  const int64_t hours = state_.hours() - state_.fixed_hours();
  for (Var v : by_fee_) {
    if (model_.fee[v] <= money) break;
    if (state_.free(v) && !state_.Fix(v, false)) return false;
  }
  for (Var v : by_hours_) {
    if (model_.hours[v] <= hours) break;
    if (state_.free(v) && !state_.Fix(v, false)) return false;
  }
  return true;
}

int64_t BranchAndBound::Bound(bool root, std::vector<double>& multipliers, int max_iterations) {
  // Volume algorithm: trial points step from the best multipliers so far (the centre)
  // along the averaged subgradient; the step factor grows after improvements and shrinks
  // after a run of failures.
  std::vector<double>& trial = trial_;
  trial = multipliers;
  int64_t best = std::numeric_limits<int64_t>::max();
  double centre_value = std::numeric_limits<double>::infinity();
  bool last_is_best = false;
  double factor = root ? kRootStep : kNodeStep;
  const int iterations = max_iterations > 0 ? max_iterations
                         : root             ? root_iterations_
                                            : kNodeIterations;
  const int patience = root ? kRootPatience : kNodePatience;
  int failures = 0;
  relaxation_.SetAverageWeight(root ? kRootAverageWeight : 1.0);
  for (int it = 0; it < iterations; ++it) {
    // One evaluation even past the deadline: a stopped search still reports a bound.
    if (it > 0 && Stopped()) break;
    const int64_t bound = Evaluate(trial);
    const double value = LastValue();
    last_is_best = value < centre_value;
    if (last_is_best) {
      centre_value = value;
      multipliers = trial;
      if (it > 0 && root) factor = std::min(kLargestStep, factor * kStepGrowth);
      failures = 0;
    } else if (++failures >= patience) {
      factor *= root ? kStepShrink : 0.5;
      failures = 0;
      if (factor < kSmallestStep) break;
    }
    best = std::min(best, bound);
    if (best < cutoff()) return best;
    UseClosure(root, it);
    if (best < cutoff()) return best;

    const double norm = relaxation_.DirectionNormSquared(root ? multipliers : trial);
    if (norm == 0) break;
    const double level = cutoff() != kNoSet
                             ? static_cast<double>(cutoff() - 1)
                             : centre_value - std::max(1.0, 0.05 * std::abs(centre_value));
    // The root steps from the centre (volume); nodes step on from the last trial, which
    // follows a moving target better in the few steps they get.
    const double from = root ? centre_value : value;
    if (root) trial = multipliers;
    relaxation_.Step(trial, factor * std::max(from - level, 1e-9) / norm);
  }
  if (!last_is_best && best != std::numeric_limits<int64_t>::max()) {
    relaxation_.Evaluate(multipliers);
  }
  return best;
}

BranchAndBound::MasterResult BranchAndBound::MasterBound(std::vector<double>& multipliers) {
  DualMaster master(static_cast<double>(model_.value_scale));
  std::vector<double> trial = multipliers;
  std::vector<double> best_trial = multipliers;
  int64_t best = std::numeric_limits<int64_t>::max();
  double best_value = std::numeric_limits<double>::infinity();
  for (int it = 0; it < kMasterEvaluations; ++it) {
    if (it > 0 && Stopped()) break;
    best = std::min(best, Evaluate(trial));
    if (LastValue() < best_value) {
      best_value = LastValue();
      best_trial = trial;
    }
    if (best < cutoff()) return {best, true};
    // Feasible closures are offered as they come; repairs wait for the LP optimum's
    // closure (the early ones, far over budget, cost more than they found).
    if (relaxation_.rows_hold()) UseClosure(true, it);
    if (best < cutoff()) return {best, true};
    master.AddColumn(static_cast<double>(relaxation_.free_closure_value()),
                     relaxation_.scaled_slack());
    const std::optional<DualMaster::Answer> answer = master.Solve();
    if (!answer.has_value()) break;
    // The model's minimum meets the best evaluation: that is the LP bound, within a unit.
    if (best_value - (answer->value + relaxation_.constant_part()) < 1) {
      multipliers = best_trial;
      relaxation_.Evaluate(multipliers);  // the node's relaxation at its best point
      UseClosure(true, 0);
      return {best, true};
    }
    for (size_t r = 0; r < relaxation_.row_count(); ++r) {
      trial[relaxation_.row_multiplier(r)] = answer->duals[r];
    }
  }
  return {best, false};
}

int64_t BranchAndBound::Evaluate(const std::vector<double>& multipliers) {
  ++evaluations_;
  work_ += static_cast<int64_t>(state_.free_vars().size() + relaxation_.edge_count());
  return relaxation_.Evaluate(multipliers);
}

double BranchAndBound::LastValue() const {
  return static_cast<double>(relaxation_.scaled_value()) / static_cast<double>(relaxation_.scale());
}

void BranchAndBound::UseClosure(bool root, int iteration) {
  const int64_t before = best_found();
  // The closure is read by var only when it is used: writing it out costs a sweep.
  if (relaxation_.rows_hold()) {
    // A feasible set: worth evaluating only when it might beat the incumbent.
    const int64_t most = relaxation_.closure_value() + (model_.target_reachable ? model_.bonus : 0);
    if (most > before) Offer(relaxation_.x());
  } else if ((root && iteration % kRootRepairEvery == 0) ||
             (!root && iteration == 0 && nodes_ >= next_repair_)) {
    if (auto repaired = heuristics_.Repair(relaxation_.x(), &relaxation_.weight(), *spec_)) {
      Offer(std::move(*repaired));
    }
    // Repairs that keep failing are spaced out, up to a limit; a success resets that.
    repair_interval_ = best_found() > before ? kNodeRepairEvery
                                             : std::min(2 * repair_interval_, kMaxRepairInterval);
    next_repair_ = nodes_ + repair_interval_;
  }
  // A new incumbent from the tree gets local search at once: the tree's closures are
  // near-optimal for the node's prices, not for the whole problem, and a cutoff raised
  // now prunes the rest of the pass (the root's incumbent gets its round in ProcessNode).
  if (!root && best_found() > before) {
    Candidate improved = *incumbent_;
    heuristics_.Improve(improved, *spec_, kLocalSearchPasses, deadline_);
    Offer(std::move(improved));
  }
}

BranchAndBound::NodeResult BranchAndBound::ProcessNode(bool target_branch, NodeKind kind,
                                                       int64_t parent_bound) {
  ++nodes_;
  const int64_t work_at_start = work_;
  const bool root = kind == NodeKind::kRoot;
  target_branch_ = target_branch;
  std::vector<double>& multipliers = multipliers_[target_branch ? 1 : 0];
  NodeResult pruned;
  for (bool first = true;; first = false) {
    if (!PropagateBudgets() || !relaxation_.Setup(state_, target_branch, *spec_)) return pruned;
    int64_t best = kNoSet;
    if (quick_ && root && first) {
      const MasterResult master = MasterBound(multipliers);
      lp_root_[target_branch ? 1 : 0] = master.settled;
      if (master.settled) best = master.bound;
      // Without the LP bound the level cannot settle the search: its exact pass wants a
      // root within 1/100 of the incumbent, which the volume steps left in its budget
      // never gave on the generated problems. The next level starts at once, and should
      // the deadline have passed unnoticed, the answer keeps the bound the master met.
      // (Stopped by the deadline or the budget, the volume steps below report a bound.)
      if (!master.settled && !Stopped()) {
        return NodeResult{Verdict::kInterrupted, std::min(parent_bound, master.bound), -1, false};
      }
    }
    // A restart from the LP-optimal multipliers of column generation: they are within a
    // unit of the lowest bound any step could reach, so one evaluation sets the
    // relaxation up for branching.
    const bool at_lp =
        kind == NodeKind::kRestart && first && quick_ && lp_root_[target_branch ? 1 : 0];
    if (best == kNoSet) best = Bound(root && first, multipliers, at_lp ? 1 : 0);
    if (Stopped()) {
      return NodeResult{Verdict::kInterrupted, std::min(best, parent_bound), -1, false};
    }
    pruned.bound = best;
    if (best < cutoff()) return pruned;
    if (root && first) {
      pruned.bound = best;  // the root reports its bound even when it branches
      // The root multipliers price the budgets: greedy orders follow them from now on,
      // and the incumbent gets another round of local search.
      heuristics_.SetPrices(
          multipliers[0] / static_cast<double>(std::max<int64_t>(1, model_.money)),
          multipliers[1] / static_cast<double>(std::max<int64_t>(1, model_.hours_budget)));
      if (incumbent_.has_value()) {
        Candidate improved = *incumbent_;
        heuristics_.Improve(improved, *spec_, kLocalSearchPasses, deadline_);
        Offer(std::move(improved));
      }
      if (flips_at_root_ && incumbent_.has_value()) {
        const FlipSearch::Closure closure{relaxation_.x(), relaxation_.weight(),
                                          relaxation_.scaled_value(), relaxation_.scale()};
        const FlipSearch::Limits limits{spec_->money, spec_->hours,
                                        target_branch ? model_.bonus : 0, work_ - work_at_start};
        flip_search_.Run(
            closure, state_, limits, best_found(),
            [&](const std::vector<char>& x) {
              Offer(x);
              return best_found();
            },
            deadline_);
      }
      if (best < cutoff()) return pruned;
    }
    // A first root's fixings would not last: its tree starts from the side's unfixed state
    // with a restart of the root, which fixes then.
    if (cutoff() != kNoSet && !root) {
      for (const auto& [v, one] : relaxation_.PenaltyFixings(cutoff(), deadline_)) {
        if (!state_.Fix(v, one)) return pruned;
      }
    }
    if (root) return NodeResult{Verdict::kBranch, best, -1, false};  // the search restarts it
    if (state_.free_vars().size() <= kEnumeratedVars) {
      // Its steps count as work, like the free vars an evaluation sweeps. Every node left
      // with nothing free comes here too: reduced-cost fixing may have fixed its last vars
      // after the evaluation, whose closure is then not the node's.
      work_ += relaxation_.Enumerate(cutoff(), [&](const std::vector<char>& x) {
        Offer(x);
        return cutoff();
      });
      return pruned;  // searched to the end
    }
    bool refixed = false;
    NodeResult result = Branch(best, &refixed);
    if (Stopped()) {
      return NodeResult{Verdict::kInterrupted, std::min(best, parent_bound), -1, false};
    }
    if (!refixed || result.verdict == Verdict::kPruned) return result;
    // Probing fixed vars: bound the smaller node again before branching.
  }
}

int64_t BranchAndBound::Probe(Var v, bool one) {
  const size_t mark = state_.Mark();
  int64_t bound = kNoSet;
  if (state_.Fix(v, one) && PropagateBudgets() &&
      relaxation_.Setup(state_, target_branch_, *spec_)) {
    probe_multipliers_ = multipliers_[target_branch_ ? 1 : 0];
    bound = Bound(false, probe_multipliers_);
  }
  state_.Undo(mark);
  return bound;
}

void BranchAndBound::RecordGain(Var v, bool one, int64_t gain) {
  gain_sum_[one][v] += static_cast<double>(std::max<int64_t>(0, gain));
  ++gain_count_[one][v];
}

BranchAndBound::NodeResult BranchAndBound::Branch(int64_t bound, bool* refixed) {
  const std::vector<char>& x = relaxation_.x();
  const std::vector<int64_t>& weight = relaxation_.weight();
  NodeResult result{Verdict::kBranch, bound, -1, false};
  const auto take_best = [&](const std::vector<Var>& vars) {
    for (Var v : vars) {
      if (state_.free(v) && (result.var < 0 || weight[v] > weight[result.var])) result.var = v;
    }
    result.first = true;
  };
  const Relaxation::Violations violations = relaxation_.FindViolations();
  if (!violations.avoid.empty()) {
    const std::vector<char>& avoided = spec_->avoid[violations.avoid.front()];
    for (Var v = 0; v < model_.n; ++v) {
      if (!state_.free(v) || (x[v] != 0) != (avoided[v] != 0)) continue;
      if (result.var < 0 || std::abs(weight[v]) < std::abs(weight[result.var])) result.var = v;
    }
    if (result.var >= 0) result.first = avoided[result.var] == 0;
  } else if (!violations.or_groups.empty()) {
    take_best(model_.or_groups[violations.or_groups.front()].members);
  } else if (!violations.exclusive.empty()) {
    std::vector<Var> chosen;
    for (Var m : model_.exclusive[violations.exclusive.front()]) {
      if (x[m]) chosen.push_back(m);
    }
    take_best(chosen);
  }
  if (result.var >= 0) return result;

  // Reliability branching: candidates are the most undecided vars (smallest |weight|);
  // a var's score is the product of the bound losses of its two children, from
  // pseudo-costs once they rest on enough observations, else from probing both children
  // with a few bound iterations. A probe that prunes a child fixes the var the other way.
  std::vector<Var>& candidates = candidates_;
  candidates.assign(state_.free_vars().begin(), state_.free_vars().end());
  std::sort(candidates.begin(), candidates.end(), [&](Var a, Var b) {
    const int64_t wa = std::abs(weight[a]);
    const int64_t wb = std::abs(weight[b]);
    return wa != wb ? wa < wb : a < b;
  });
  if (candidates.size() > kCandidates) candidates.resize(kCandidates);
  const bool in_closure_first = x[candidates.front()] != 0;
  double best_score = -1;
  int without_gain = 0;
  for (Var v : candidates) {
    if (!state_.free(v)) continue;  // fixed by an earlier probe's propagation
    double loss[2];
    if (gain_count_[0][v] >= kReliable && gain_count_[1][v] >= kReliable) {
      for (int d = 0; d < 2; ++d) loss[d] = gain_sum_[d][v] / gain_count_[d][v];
    } else {
      const int64_t up = Probe(v, true);
      const int64_t down = Probe(v, false);
      if (Stopped()) return result;
      // A child with no feasible set is dead even while the cutoff is kNoSet (no
      // incumbent and no target yet).
      const bool up_dead = up == kNoSet || up < cutoff();
      const bool down_dead = down == kNoSet || down < cutoff();
      if (up_dead || down_dead) {
        *refixed = true;
        if ((up_dead && down_dead) || !state_.Fix(v, down_dead)) return NodeResult{};
        continue;
      }
      RecordGain(v, true, bound - up);
      RecordGain(v, false, bound - down);
      loss[1] = static_cast<double>(bound - up);
      loss[0] = static_cast<double>(bound - down);
    }
    const double score = (std::max(loss[0], 0.0) + 1) * (std::max(loss[1], 0.0) + 1);
    if (score > best_score) {
      best_score = score;
      result.var = v;
      result.first = loss[1] <= loss[0];
      without_gain = 0;
    } else if (++without_gain >= kLookahead) {
      break;
    }
  }
  if (result.var < 0) {
    // Every candidate was fixed by probing; the caller bounds the node again.
    if (*refixed) return result;
    result.var = candidates.front();
    result.first = in_closure_first;
  }
  return result;
}

}  // namespace credpath::optimizer
