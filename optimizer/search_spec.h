// What one branch-and-bound search looks for, and when it must stop.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

namespace credpath::optimizer {

// The best feasible set that fits `money` and `hours` (at most the problem's budgets) and
// differs from every set in `avoid` (var membership, one byte per var) in at least
// `distance` vars. Top-K searches add the pathways found so far to `avoid`; Pareto
// searches shrink the budgets. `ceiling` is what the caller knows of the optimum (no set
// of the spec is worth more), and sets worth less than `at_least` do not matter: the search
// may then end with a set below it, which says that none reaches it (Pareto's tie checks
// set both to one value, to ask whether a set worth it exists).
struct SearchSpec {
  int64_t money = 0;
  int64_t hours = 0;
  std::vector<std::vector<char>> avoid;
  int32_t distance = 0;
  int64_t ceiling = std::numeric_limits<int64_t>::max();
  int64_t at_least = std::numeric_limits<int64_t>::min();
};

// The time limit and the caller's stop flag, polled by the search's loops (the
// branch-and-bound reads them once per few thousand units of work, branch_and_bound.h).
// Reached() latches, so that every later poll agrees.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  Deadline(Clock::time_point end, const std::atomic<bool>* stop) : end_(end), stop_(stop) {}

  bool Reached() {
    if (reached_) return true;
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
      reached_ = true;
      cancelled_ = true;
    } else if (Clock::now() >= end_) {
      reached_ = true;
    }
    return reached_;
  }
  // Reached() for loops whose steps can cost less than reading the clock: reads it, and
  // the stop flag, at the first call and every 32nd after.
  bool Poll() { return polls_++ % 32 == 0 ? Reached() : reached_; }
  // Whether an earlier Reached() or Poll() found the deadline or the flag (latched),
  // without reading either again.
  bool latched() const { return reached_; }
  // True when the stop flag, not the clock, ended the search.
  bool cancelled() const { return cancelled_; }

 private:
  Clock::time_point end_;
  const std::atomic<bool>* stop_;
  bool reached_ = false;
  bool cancelled_ = false;
  uint32_t polls_ = 0;
};

}  // namespace credpath::optimizer
