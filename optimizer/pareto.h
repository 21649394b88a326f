// The Pareto front of objective (up) against fee and hours (down), by epsilon-constraint.
//
// A box (F, H) asks for the best set with fee ≤ F and hours ≤ H; its optimum p is a point
// no set of the box beats on objective. Every other nondominated point of the box has the
// same or lower objective and is cheaper in fee or in hours, so it lies in (p.fee − 1, H)
// or (F, p.hours − 1): solving boxes from (money budget, hours budget) down, and keeping
// the results nobody dominates, yields the whole front. A box inside an already solved box
// that still holds that box's optimum has the same optimum, which spares most solves; the
// boxes form a grid of at most (front size + 1)^2 corners.
//
// Boxes are taken breadth-first so that a front too large to enumerate (more than
// 4 · max_points solves, or the deadline) is still sampled across its whole range. The
// points kept are thinned to max_points by farthest-point selection in normalised
// (objective, fee, hours) space, always keeping the best-objective point.
// Each point is proven when its box's search finished: no set within its own fee and
// hours is worth more. An optimum may tie with a cheaper set of its box; a front cut short
// checks each proven point it keeps for such a tie (a set worth as much within one less
// fee or one less hour) and takes it, so that, unless the deadline stops the checks, what
// it returns is on the front. The checks are outside the budget of boxes: each replaces a
// point by a strictly cheaper one, so they end, and they cost a few percent of a front.
#pragma once

#include <cstdint>
#include <vector>

#include "optimizer/branch_and_bound.h"
#include "optimizer/model.h"
#include "optimizer/search_spec.h"

namespace credpath::optimizer {

struct FrontPoint {
  Candidate set;
  bool proven = false;
};

struct FrontResult {
  std::vector<FrontPoint> points;  // objective descending, then fee, then hours
  bool complete = false;           // every box was solved to optimality
  int64_t nodes = 0;
  int64_t evaluations = 0;
};

FrontResult ParetoFront(const Model& model, BranchAndBound& search, Deadline& deadline,
                        int32_t max_points);

}  // namespace credpath::optimizer
