// Rules on the order and structure of the stack: prerequisites, co-requisites, level
// progression and connectedness.
#include <algorithm>
#include <numeric>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "coherence/rules.h"

namespace credpath::coherence::internal {
namespace {

// A prerequisite group of a planned item, judged at the item's place in the sequence.
struct GroupState {
  bool met_before = false;             // a member is held, earlier, or waived
  std::vector<CredentialIndex> later;  // planned members after the item, in sequence order
};

GroupState JudgeGroup(const Stack& stack, CredentialIndex c, size_t group) {
  const int position = stack.Position(c);
  GroupState state;
  for (CredentialIndex p : stack.context().snapshot().PrerequisiteGroup(c, group)) {
    const int at = stack.Position(p);
    if ((at >= 0 && at < position) || stack.IsHeld(p) ||
        Waived(stack.context().learner(), stack.Id(c), stack.Id(p))) {
      state.met_before = true;
    } else if (at > position) {
      state.later.push_back(p);
    }
  }
  std::sort(state.later.begin(), state.later.end(), [&](CredentialIndex a, CredentialIndex b) {
    return stack.Position(a) < stack.Position(b);
  });
  return state;
}

Remedy AddBefore(std::vector<std::string> ids, std::string before) {
  Remedy remedy;
  remedy.kind = Remedy::Kind::kAdd;
  remedy.ids = std::move(ids);
  remedy.before = std::move(before);
  return remedy;
}

Remedy Move(std::string id, std::string before, std::string after) {
  Remedy remedy;
  remedy.kind = Remedy::Kind::kMove;
  remedy.ids = {std::move(id)};
  remedy.before = std::move(before);
  remedy.after = std::move(after);
  return remedy;
}

// Members of a group to add before `c`: those whose own prerequisites the sequence
// before `c` already meets come first, then the rest, each in index order.
std::vector<Remedy> AddOneOf(const Stack& stack, CredentialIndex c,
                             std::span<const CredentialIndex> members) {
  std::vector<CredentialIndex> ready;
  std::vector<CredentialIndex> rest;
  for (CredentialIndex p : members) {
    (PrerequisitesMetBefore(stack, p, stack.Position(c)) ? ready : rest).push_back(p);
  }
  ready.insert(ready.end(), rest.begin(), rest.end());
  std::vector<Remedy> remedies;
  for (CredentialIndex p : ready) remedies.push_back(AddBefore({stack.Id(p)}, stack.Id(c)));
  return remedies;
}

bool SameFramework(const core::Level& a, const core::Level& b) {
  return a.framework == b.framework && a.value > 0 && b.value > 0;
}

}  // namespace

void CheckPrerequisiteMissing(const Stack& stack, std::vector<Draft>* out) {
  const graph::CatalogSnapshot& snapshot = stack.context().snapshot();
  for (CredentialIndex c : stack.planned()) {
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
      const GroupState state = JudgeGroup(stack, c, g);
      if (state.met_before || !state.later.empty()) continue;
      std::span<const CredentialIndex> members = snapshot.PrerequisiteGroup(c, g);
      std::vector<std::string> names;
      for (CredentialIndex p : members) names.push_back(stack.Id(p));
      const std::string message =
          members.size() == 1
              ? absl::StrCat(stack.Id(c), " needs ", names[0],
                             " first, which is neither held nor earlier in the stack")
              : absl::StrCat(stack.Id(c), " needs one of ", JoinIds(names),
                             " first, and none is held or earlier in the stack");
      Draft& draft = AddFinding(stack, FindingCode::kPrerequisiteMissing, Severity::kBlocking, {c},
                                message, absl::StrCat(stack.Id(c), "/group ", g), out);
      if (!stack.wants_remedies()) continue;
      draft.candidates = AddOneOf(stack, c, members);
    }
    // A co-requisite that is not there at all is a missing requirement too.
    for (CredentialIndex u : snapshot.Corequisites(c)) {
      if (stack.Contains(u) || Waived(stack.context().learner(), stack.Id(c), stack.Id(u)))
        continue;
      Draft& draft =
          AddFinding(stack, FindingCode::kPrerequisiteMissing, Severity::kBlocking, {c},
                     absl::StrCat(stack.Id(c), " must be taken with or after its co-requisite ",
                                  stack.Id(u), ", which is neither held nor in the stack"),
                     absl::StrCat(stack.Id(c), "/with ", stack.Id(u)), out);
      if (!stack.wants_remedies()) continue;
      draft.candidates = AddOneOf(stack, c, std::span<const CredentialIndex>(&u, 1));
    }
  }
}

void CheckPrerequisiteOrder(const Stack& stack, std::vector<Draft>* out) {
  const graph::CatalogSnapshot& snapshot = stack.context().snapshot();
  for (CredentialIndex c : stack.planned()) {
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
      const GroupState state = JudgeGroup(stack, c, g);
      if (state.met_before || state.later.empty()) continue;
      const CredentialIndex p = state.later.front();
      Draft& draft = AddFinding(
          stack, FindingCode::kPrerequisiteOrder, Severity::kBlocking, {c, p},
          absl::StrCat(stack.Id(p), " is a prerequisite of ", stack.Id(c), " but comes after it"),
          absl::StrCat(stack.Id(c), "/group ", g), out);
      if (!stack.wants_remedies()) continue;
      draft.candidates = {Move(stack.Id(p), stack.Id(c), ""), Move(stack.Id(c), "", stack.Id(p))};
    }
  }
}

void CheckCorequisiteSplit(const Stack& stack, std::vector<Draft>* out) {
  const graph::CatalogSnapshot& snapshot = stack.context().snapshot();
  for (CredentialIndex c : stack.planned()) {
    for (CredentialIndex u : snapshot.Corequisites(c)) {
      if (!stack.IsPlanned(u) || stack.Position(u) < stack.Position(c)) continue;
      Draft& draft =
          AddFinding(stack, FindingCode::kCorequisiteSplit, Severity::kBlocking, {c, u},
                     absl::StrCat(stack.Id(u), " is a co-requisite of ", stack.Id(c),
                                  ": it must come before it or alongside it, but comes after it"),
                     absl::StrCat(stack.Id(c), "/with ", stack.Id(u)), out);
      if (!stack.wants_remedies()) continue;
      draft.candidates = {Move(stack.Id(u), stack.Id(c), ""), Move(stack.Id(c), "", stack.Id(u))};
    }
  }
}

namespace {

// The highest level of `c`'s framework reached before its place in the sequence: the
// learner's own level and every held or earlier credential. `from` is the credential that
// reached it, or -1 for the learner's level or when nothing is known (level 0).
std::pair<int32_t, CredentialIndex> LevelBefore(const Stack& stack, CredentialIndex c) {
  const CheckContext& context = stack.context();
  const core::Level& level = context.credential(c).level;
  std::pair<int32_t, CredentialIndex> best{0, -1};
  if (SameFramework(context.learner().profile.level_reached, level)) {
    best.first = context.learner().profile.level_reached.value;
  }
  const int position = stack.Position(c);
  for (int i = 0; i < position; ++i) {
    const CredentialIndex p = stack.sequence()[i];
    const core::Level& earlier = context.credential(p).level;
    if (SameFramework(earlier, level) && earlier.value > best.first) best = {earlier.value, p};
  }
  return best;
}

// Credentials of `c`'s framework at a level in [low, high] that lead to `c` or are like
// it, not in the stack, best first: its prerequisites and the credentials recommended
// before it, then its alternatives; those whose prerequisites are met before it first.
std::vector<CredentialIndex> Intermediates(const Stack& stack, CredentialIndex c, int32_t low,
                                           int32_t high) {
  const CheckContext& context = stack.context();
  const core::Level& level = context.credential(c).level;
  std::vector<CredentialIndex> pool;
  for (size_t g = 0; g < context.snapshot().PrerequisiteGroupCount(c); ++g) {
    for (CredentialIndex p : context.snapshot().PrerequisiteGroup(c, g)) pool.push_back(p);
  }
  for (const CredentialLink& l : context.LinksOf(c)) {
    if (l.to == c && l.link->type == core::LinkType::kRecommendedBefore) pool.push_back(l.from);
  }
  for (CredentialIndex y : Alternatives(stack, c)) pool.push_back(y);
  std::vector<CredentialIndex> ready;
  std::vector<CredentialIndex> rest;
  absl::flat_hash_set<CredentialIndex> seen;
  for (CredentialIndex y : pool) {
    const core::Level& l = context.credential(y).level;
    if (stack.Contains(y) || !SameFramework(l, level) || l.value < low || l.value > high ||
        !seen.insert(y).second) {
      continue;
    }
    (PrerequisitesMetBefore(stack, y, stack.Position(c)) ? ready : rest).push_back(y);
  }
  ready.insert(ready.end(), rest.begin(), rest.end());
  return ready;
}

}  // namespace

void CheckLevelJump(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const int32_t step = context.thresholds().max_level_step;
  for (CredentialIndex c : stack.planned()) {
    const int32_t level = context.credential(c).level.value;
    const auto [reached, from] = LevelBefore(stack, c);
    if (reached == 0 || level <= reached + step) continue;
    std::vector<CredentialIndex> ids = {c};
    if (from >= 0) ids.push_back(from);
    const std::string basis = from >= 0 ? absl::StrCat("level ", reached, ", with ", stack.Id(from))
                                        : absl::StrCat("your level ", reached);
    Draft& draft =
        AddFinding(stack, FindingCode::kLevelJump, Severity::kWarning, ids,
                   absl::StrCat(stack.Id(c), " is at level ", level, ", ", level - reached,
                                " levels above the highest level reached before it (", basis,
                                "); more than ", step, " level at a time is a leap"),
                   stack.Id(c), out);
    if (!stack.wants_remedies()) continue;
    // Steps down from c: each at most `step` below the one after it, until the last is
    // within `step` of the level reached. One candidate per first choice of step.
    for (CredentialIndex first : Intermediates(stack, c, level - step, level - 1)) {
      std::vector<std::string> chain = {stack.Id(first)};
      int32_t top = context.credential(first).level.value;
      CredentialIndex below = first;
      while (top > reached + step && chain.size() < 4) {
        std::vector<CredentialIndex> next = Intermediates(stack, below, top - step, top - 1);
        next.erase(std::remove_if(next.begin(), next.end(),
                                  [&](CredentialIndex y) {
                                    return std::find(chain.begin(), chain.end(), stack.Id(y)) !=
                                           chain.end();
                                  }),
                   next.end());
        if (next.empty()) break;
        below = next.front();
        top = context.credential(below).level.value;
        chain.insert(chain.begin(), stack.Id(below));
      }
      Remedy remedy = AddBefore(std::move(chain), stack.Id(c));
      remedy.because = "a step up to it";
      draft.candidates.push_back(std::move(remedy));
      if (draft.candidates.size() >= 6) break;
    }
  }
}

void CheckDisconnectedStack(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const std::vector<CredentialIndex>& sequence = stack.sequence();
  const std::vector<CredentialIndex>& items = stack.items();  // held or planned
  if (static_cast<int>(items.size()) < context.thresholds().disconnected_min_items) return;

  // Components of the sequence under credential-to-credential links; held credentials
  // may connect the stack's items.
  std::vector<int> parent(sequence.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (CredentialIndex s : sequence) {
    for (const CredentialLink& l : context.LinksOf(s)) {
      const int a = stack.Position(l.from);
      const int b = stack.Position(l.to);
      if (a >= 0 && b >= 0) parent[find(a)] = find(b);
    }
  }
  std::vector<int> size(sequence.size(), 0);  // stack items per component root
  for (CredentialIndex c : items) ++size[find(stack.Position(c))];
  int largest = -1;
  for (CredentialIndex c : items) {  // ties go to the component of the earliest item
    const int root = find(stack.Position(c));
    if (largest < 0 || size[root] > size[largest]) largest = root;
  }
  if (size[largest] >=
      context.thresholds().min_connected_share * static_cast<double>(items.size())) {
    return;
  }
  std::vector<CredentialIndex> apart;
  for (CredentialIndex c : items) {
    if (find(stack.Position(c)) != largest) apart.push_back(c);
  }
  Draft& draft = AddFinding(
      stack, FindingCode::kDisconnectedStack, Severity::kWarning, apart,
      absl::StrCat("only ", size[largest], " of the stack's ", items.size(),
                   " credentials are linked by prerequisites, co-requisites, recommendations or "
                   "shared content; the rest stand apart: a pile rather than a progression"),
      "stack", out);
  if (!stack.wants_remedies()) return;
  // Credentials linked to items of several components bridge them; the most bridging first.
  absl::flat_hash_map<CredentialIndex, absl::flat_hash_set<int>> touches;
  absl::flat_hash_map<CredentialIndex, CredentialIndex> leads_to;  // first item it precedes
  for (CredentialIndex s : sequence) {
    for (const CredentialLink& l : context.LinksOf(s)) {
      const bool into_s = l.to == s;
      const CredentialIndex y = into_s ? l.from : l.to;
      if (stack.Contains(y)) continue;
      touches[y].insert(find(stack.Position(s)));
      if (into_s && l.link->type != core::LinkType::kOverlaps && stack.IsPlanned(s) &&
          (!leads_to.contains(y) || stack.Position(s) < stack.Position(leads_to[y]))) {
        leads_to[y] = s;
      }
    }
  }
  std::vector<CredentialIndex> bridges;
  for (const auto& [y, roots] : touches) {
    if (roots.size() >= 2) bridges.push_back(y);
  }
  std::sort(bridges.begin(), bridges.end(), [&](CredentialIndex a, CredentialIndex b) {
    const bool a_main = touches[a].contains(largest);
    const bool b_main = touches[b].contains(largest);
    return std::tuple(-static_cast<int>(touches[a].size()), !a_main, a) <
           std::tuple(-static_cast<int>(touches[b].size()), !b_main, b);
  });
  for (CredentialIndex y : bridges) {
    Remedy remedy = AddBefore({stack.Id(y)}, leads_to.contains(y) ? stack.Id(leads_to[y]) : "");
    remedy.because = "which links the separate parts";
    draft.candidates.push_back(std::move(remedy));
    if (draft.candidates.size() >= 6) break;
  }
}

}  // namespace credpath::coherence::internal
