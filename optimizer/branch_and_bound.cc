#include "optimizer/branch_and_bound.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace credpath::optimizer {
namespace {

// Subgradient schedule. The root runs long, to reach near-optimal multipliers once; nodes
// warm-start from them and only need a few steps to follow the fixings.
constexpr int kRootIterations = 300;
constexpr int kNodeIterations = 12;
constexpr double kRootStep = 1.0;
constexpr double kNodeStep = 0.5;
constexpr int kRootPatience = 12;
constexpr int kNodePatience = 3;
constexpr double kSmallestStep = 1e-3;
// Repairing a closure costs a greedy fill; at nodes it pays only now and then.
constexpr int kRootRepairEvery = 4;
constexpr int64_t kNodeRepairEvery = 8;
// Local search moves per search: enough for a few passes on a 1,000-var problem.
constexpr int64_t kLocalSearchMoves = 400;

std::string Key(const std::vector<char>& x) { return std::string(x.begin(), x.end()); }

}  // namespace

void SolutionPool::Add(const Candidate& candidate) {
  if (entries_.size() >= kCapacity && candidate.objective <= entries_.back().objective) return;
  if (!seen_.insert(Key(candidate.x)).second) return;
  auto at = std::upper_bound(entries_.begin(), entries_.end(), candidate.objective,
                             [](int64_t objective, const Candidate& entry) {
                               return objective > entry.objective;
                             });
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
      relaxation_(model),
      state_(model) {}

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
  open_bound_ = kNoSet;
  interrupted_ = false;
  nodes_ = 0;
  evaluations_ = 0;

  for (Candidate& candidate : heuristics_.Construct(spec)) Offer(std::move(candidate));
  for (const Candidate& entry : pool_.entries()) {
    if (entry.fee <= spec.money && entry.hours <= spec.hours && FarFromAvoided(entry.x, spec)) {
      Offer(entry);
      break;
    }
  }
  if (incumbent_.has_value()) {
    Candidate improved = *incumbent_;
    heuristics_.Improve(improved, spec, kLocalSearchMoves, deadline_);
    Offer(std::move(improved));
  }

  relaxation_.BeginSearch(spec);
  for (auto& multipliers : multipliers_) {
    multipliers.resize(relaxation_.MultiplierCount(spec.avoid.size()), 0.0);
  }
  if (model_.target_reachable) SearchTree(true);
  SearchTree(false);

  SearchOutcome outcome;
  outcome.best = incumbent_;
  outcome.complete = !interrupted_;
  const int64_t found = incumbent_.has_value() ? incumbent_->objective : kNoSet;
  outcome.bound = outcome.complete ? found : std::max(found, open_bound_);
  outcome.nodes = nodes_;
  outcome.evaluations = evaluations_;
  return outcome;
}

int64_t BranchAndBound::TrivialBound(bool target_branch) const {
  int64_t bound = target_branch ? model_.bonus : 0;
  for (Var v = 0; v < model_.n; ++v) bound += std::max<int64_t>(0, model_.value[v]);
  return bound;
}

void BranchAndBound::SearchTree(bool target_branch) {
  if (interrupted_) {
    open_bound_ = std::max(open_bound_, TrivialBound(target_branch));
    return;
  }
  state_.Reset(spec_->money, spec_->hours);
  stack_.clear();
  if (target_branch) {
    for (Var c : model_.core) {
      if (!state_.Fix(c, true)) return;
    }
  }
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
  expand(ProcessNode(target_branch, true, TrivialBound(target_branch)));
  while (!stack_.empty() && !interrupted_) {
    if (deadline_.Reached()) {
      interrupted_ = true;
      break;
    }
    const Pending pending = stack_.back();
    stack_.pop_back();
    state_.Undo(pending.mark);
    if (pending.bound < cutoff()) continue;
    if (!state_.Fix(pending.var, pending.one)) continue;
    expand(ProcessNode(target_branch, false, pending.bound));
  }
  if (interrupted_) {
    for (const Pending& pending : stack_) open_bound_ = std::max(open_bound_, pending.bound);
  }
}

bool BranchAndBound::PropagateBudgets() {
  const int64_t money = state_.money() - state_.fixed_fee();
  const int64_t hours = state_.hours() - state_.fixed_hours();
  for (Var v = 0; v < model_.n; ++v) {
    if (state_.free(v) && (model_.fee[v] > money || model_.hours[v] > hours)) {
      if (!state_.Fix(v, false)) return false;
    }
  }
  return true;
}

BranchAndBound::NodeResult BranchAndBound::ProcessNode(bool target_branch, bool root,
                                                       int64_t parent_bound) {
  ++nodes_;
  NodeResult pruned;
  if (!PropagateBudgets() || !relaxation_.Setup(state_, target_branch, *spec_)) return pruned;

  std::vector<double>& multipliers = multipliers_[target_branch ? 1 : 0];
  std::vector<double> best_multipliers = multipliers;
  int64_t best = std::numeric_limits<int64_t>::max();
  bool last_is_best = false;
  double step = root ? kRootStep : kNodeStep;
  const int iterations = root ? kRootIterations : kNodeIterations;
  const int patience = root ? kRootPatience : kNodePatience;
  int stalled = 0;
  for (int it = 0; it < iterations; ++it) {
    if (deadline_.Reached()) {
      return NodeResult{Verdict::kInterrupted, std::min(best, parent_bound), -1, false};
    }
    const int64_t bound = relaxation_.Evaluate(multipliers);
    ++evaluations_;
    last_is_best = bound < best;
    if (last_is_best) {
      best = bound;
      best_multipliers = multipliers;
      stalled = 0;
    } else {
      ++stalled;
    }
    if (best < cutoff()) return pruned;

    const std::vector<char>& x = relaxation_.x();
    const SetEvaluation evaluation = EvaluateSet(model_, x);
    if (evaluation.feasible) {
      Offer(Candidate{x, evaluation.objective, evaluation.fee, evaluation.hours});
    } else if ((root && it % kRootRepairEvery == 0) ||
               (!root && it == 0 && nodes_ % kNodeRepairEvery == 0)) {
      if (auto repaired = heuristics_.Repair(x, &relaxation_.weight(), *spec_)) {
        Offer(std::move(*repaired));
      }
    }
    if (best < cutoff()) return pruned;

    const double norm = relaxation_.SubgradientNormSquared(multipliers);
    if (norm == 0) break;  // the multipliers are optimal for this node
    if (stalled >= patience) {
      step /= 2;
      stalled = 0;
      if (step < kSmallestStep) break;
    }
    const double value = static_cast<double>(relaxation_.scaled_value()) /
                         static_cast<double>(relaxation_.scale());
    const double level = cutoff() != kNoSet ? static_cast<double>(cutoff() - 1)
                                            : value - std::max(1.0, 0.05 * std::abs(value));
    relaxation_.Step(multipliers, step * std::max(value - level, 1e-9) / norm);
  }
  multipliers = best_multipliers;
  if (!last_is_best) relaxation_.Evaluate(multipliers);

  if (cutoff() != kNoSet) {
    for (const auto& [v, one] : relaxation_.PenaltyFixings(cutoff())) {
      if (!state_.Fix(v, one)) return pruned;
    }
  }
  return Branch(best);
}

BranchAndBound::NodeResult BranchAndBound::Branch(int64_t bound) {
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
  if (result.var < 0) {
    for (Var v = 0; v < model_.n; ++v) {
      if (!state_.free(v)) continue;
      if (result.var < 0 || std::abs(weight[v]) < std::abs(weight[result.var])) result.var = v;
    }
    if (result.var < 0) return NodeResult{};  // nothing free: the relaxation decided the node
    result.first = x[result.var] != 0;
  }
  return result;
}

}  // namespace credpath::optimizer
