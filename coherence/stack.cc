#include "coherence/stack.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace credpath::coherence::internal {
namespace {

void CollectRuleItems(const core::RuleNode& node, std::vector<std::string>* out) {
  out->insert(out->end(), node.items.begin(), node.items.end());
  for (const core::RuleNode& child : node.children) CollectRuleItems(child, out);
}

// Ids a qualification's core and rules name.
std::vector<std::string> NamedItems(const core::Qualification& q) {
  std::vector<std::string> items = q.core_ids;
  if (q.rules) CollectRuleItems(*q.rules, &items);
  return items;
}

}  // namespace

CheckContext::CheckContext(const graph::CatalogSnapshot& snapshot, const core::Learner& learner,
                           const core::Qualification* target, const Thresholds& thresholds,
                           core::Date start, const std::vector<std::string>& stack_ids)
    : snapshot_(snapshot),
      learner_(learner),
      thresholds_(thresholds),
      start_(start),
      target_(target) {
  absl::flat_hash_set<CredentialIndex> interest;
  for (const core::HeldCredential& h : learner.held) {
    if (std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(h.credential_id)) {
      if (interest.insert(*c).second) held_.push_back({*c, h.earned_on});
    } else if (snapshot.FindQualification(h.credential_id) != nullptr) {
      held_qualifications_.emplace(h.credential_id, h.earned_on);
    }
  }
  for (const std::string& id : stack_ids) {
    if (std::optional<CredentialIndex> c = snapshot.CredentialIndexOf(id)) interest.insert(*c);
  }
  // The links at each credential of interest, leaving or entering it, in links() order:
  // a merge of the two ascending index lists the snapshot keeps, so that gathering them
  // reads only those links.
  const std::vector<core::Link>& links = snapshot.links();
  for (CredentialIndex c : interest) {
    auto [from_index, from_end] = snapshot.LinkIndexRangeFrom(c);
    const std::span<const int32_t> entering = snapshot.LinkIndexesTo(c);
    auto to_it = entering.begin();
    std::vector<CredentialLink>& at = links_[c];
    while (from_index < from_end || to_it != entering.end()) {
      const bool take_from =
          to_it == entering.end() || (from_index < from_end && from_index <= *to_it);
      const int32_t i = take_from ? from_index++ : *to_it++;
      // CREDIT_TOWARD links end at a qualification; the snapshot holds no other link
      // unless both its ends are credentials.
      if (links[i].type == core::LinkType::kCreditToward) continue;
      const auto [from, to] = snapshot.link_ends()[i];
      at.push_back({&links[i], from, to});
    }
  }
  if (target == nullptr) return;
  recency_months_ = thresholds.RecencyMonthsFor(*target);
  // CreditToward cannot fail for a qualification of the snapshot.
  credit_ = *graph::CreditToward(snapshot, target->id, thresholds.credit_policy);
  // Exit awards named by the target's rules, and the awards they name in turn.
  std::vector<std::string> pending = NamedItems(*target);
  while (!pending.empty()) {
    std::string id = std::move(pending.back());
    pending.pop_back();
    const core::Qualification* award = snapshot.FindQualification(id);
    if (award == nullptr || id == target->id || award_credit_.contains(id)) continue;
    award_credit_.emplace(id, *graph::CreditToward(snapshot, id, thresholds.credit_policy));
    for (std::string& item : NamedItems(*award)) pending.push_back(std::move(item));
  }
}

const graph::QualificationCredit* CheckContext::CreditOf(std::string_view qualification_id) const {
  if (target_ != nullptr && qualification_id == target_->id) return credit();
  auto it = award_credit_.find(std::string(qualification_id));
  return it != award_credit_.end() ? &it->second : nullptr;
}

std::optional<core::Date> CheckContext::HeldQualification(std::string_view id) const {
  auto it = held_qualifications_.find(std::string(id));
  if (it == held_qualifications_.end()) return std::nullopt;
  return it->second;
}

bool CheckContext::Recent(core::Date earned_on) const {
  return target_ == nullptr || graph::IsRecentWithin(recency_months_, earned_on, start_);
}

int64_t CheckContext::AwardPoints(std::string_view award, std::string_view qualification) const {
  for (const core::Link& link : snapshot_.LinksBetween(award, qualification)) {
    if (link.type == core::LinkType::kCreditToward) return link.credit_points;
  }
  return 0;
}

const std::vector<CredentialLink>& CheckContext::LinksOf(CredentialIndex c) const {
  static const auto* const kNone = new std::vector<CredentialLink>();
  auto it = links_.find(c);
  return it != links_.end() ? it->second : *kNone;
}

double CheckContext::Overlap(CredentialIndex a, CredentialIndex b) const {
  const std::vector<CredentialLink>& links = LinksOf(a).empty() ? LinksOf(b) : LinksOf(a);
  for (const CredentialLink& l : links) {
    if (l.link->type != core::LinkType::kOverlaps) continue;
    if ((l.from == a && l.to == b) || (l.from == b && l.to == a)) return l.link->overlap_fraction;
  }
  return 0;
}

Stack::Stack(const CheckContext& context, std::vector<std::string> ids, Wants wants)
    : context_(&context), wants_(wants), ids_(std::move(ids)) {
  position_.reserve(context.held().size() + ids_.size());
  held_on_.reserve(context.held().size());
  for (const HeldCredential& h : context.held()) {
    position_.emplace(h.credential, static_cast<int>(sequence_.size()));
    sequence_.push_back(h.credential);
    held_on_.emplace(h.credential, h.earned_on);
    if (context.Recent(h.earned_on)) counted_.push_back(h.credential);
  }
  items_.reserve(ids_.size());
  for (const std::string& id : ids_) {
    const CredentialIndex c = *context.snapshot().CredentialIndexOf(id);
    items_.push_back(c);
    if (position_.contains(c)) continue;
    position_.emplace(c, static_cast<int>(sequence_.size()));
    sequence_.push_back(c);
    planned_.push_back(c);
    counted_.push_back(c);
  }
}

int Stack::Position(CredentialIndex c) const {
  auto it = position_.find(c);
  return it != position_.end() ? it->second : -1;
}

bool Stack::IsHeld(CredentialIndex c) const { return held_on_.contains(c); }

std::optional<core::Date> Stack::HeldOn(CredentialIndex c) const {
  auto it = held_on_.find(c);
  if (it == held_on_.end()) return std::nullopt;
  return it->second;
}

bool Stack::Counts(CredentialIndex c) const {
  std::optional<core::Date> held_on = HeldOn(c);
  return held_on ? context_->Recent(*held_on) : Contains(c);
}

const schedule::Schedule& Stack::schedule() const {
  if (schedule_.has_value()) return *schedule_;
  std::vector<CredentialIndex> held;
  held.reserve(context_->held().size());
  for (const HeldCredential& h : context_->held()) held.push_back(h.credential);
  schedule::ScheduleInput input;
  input.pathway = planned_;
  input.held = held;
  input.start = context_->start();
  input.hours_per_week = context_->learner().profile.hours_per_week;
  input.deadline = context_->learner().profile.deadline;
  return schedule_.emplace(schedule::MakeSchedule(context_->snapshot(), input));
}

std::vector<std::string> Stack::InOrder(std::vector<CredentialIndex> credentials) const {
  // (position, credential), absent ones at INT32_MAX; ties (absent ones) go by id.
  std::vector<std::pair<int, CredentialIndex>> keyed;
  keyed.reserve(credentials.size());
  for (CredentialIndex c : credentials) {
    const int position = Position(c);
    keyed.emplace_back(position < 0 ? INT32_MAX : position, c);
  }
  std::sort(keyed.begin(), keyed.end(), [this](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : Id(a.second) < Id(b.second);
  });
  std::vector<std::string> ids;
  ids.reserve(keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) {
    if (i == 0 || keyed[i].second != keyed[i - 1].second) ids.push_back(Id(keyed[i].second));
  }
  return ids;
}

bool Waived(const core::Learner& learner, std::string_view credential,
            std::string_view prerequisite) {
  return std::any_of(learner.overrides.begin(), learner.overrides.end(),
                     [&](const core::Override& o) {
                       return o.kind == core::OverrideKind::kWaivePrerequisite &&
                              o.credential_id == credential && o.target == prerequisite;
                     });
}

bool PrerequisitesMetBefore(const Stack& stack, CredentialIndex c, int position) {
  const graph::CatalogSnapshot& snapshot = stack.context().snapshot();
  for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(c); ++g) {
    bool met = false;
    for (CredentialIndex p : snapshot.PrerequisiteGroup(c, g)) {
      const int at = stack.Position(p);
      met = met || (at >= 0 && (at < position || stack.IsHeld(p))) ||
            Waived(stack.context().learner(), stack.Id(c), stack.Id(p));
    }
    if (!met) return false;
  }
  return true;
}

bool SameField(std::string_view a, std::string_view b, int digits) {
  const size_t n = static_cast<size_t>(digits);
  return a.size() >= n && b.size() >= n && a.substr(0, n) == b.substr(0, n);
}

namespace {

bool ListsItem(const core::RuleNode& node, std::string_view id) {
  return std::find(node.items.begin(), node.items.end(), id) != node.items.end();
}

// Credentials listed next to `id` in any rule node of `node`'s tree.
void RuleSiblings(const core::RuleNode& node, std::string_view id, const CheckContext& context,
                  std::vector<CredentialIndex>* out) {
  if (ListsItem(node, id)) {
    for (const std::string& item : node.items) {
      if (std::optional<CredentialIndex> c = context.snapshot().CredentialIndexOf(item)) {
        out->push_back(*c);
      }
    }
  }
  for (const core::RuleNode& child : node.children) RuleSiblings(child, id, context, out);
}

}  // namespace

std::vector<CredentialIndex> Alternatives(const Stack& stack, CredentialIndex x, size_t limit) {
  const CheckContext& context = stack.context();
  const graph::CatalogSnapshot& snapshot = context.snapshot();
  const core::Credential& cx = context.credential(x);
  std::vector<CredentialIndex> ranked;
  // Overlapping content first, the largest share first (ties by id, through link order).
  std::vector<std::pair<double, CredentialIndex>> overlapping;
  for (const CredentialLink& l : context.LinksOf(x)) {
    if (l.link->type != core::LinkType::kOverlaps) continue;
    overlapping.emplace_back(-l.link->overlap_fraction, l.from == x ? l.to : l.from);
  }
  std::stable_sort(overlapping.begin(), overlapping.end());
  for (const auto& [fraction, c] : overlapping) ranked.push_back(c);
  // Alternatives to x in the prerequisite groups it satisfies for stack items.
  for (CredentialIndex d : snapshot.Dependents(x)) {
    if (!stack.Contains(d)) continue;
    for (size_t g = 0; g < snapshot.PrerequisiteGroupCount(d); ++g) {
      std::span<const CredentialIndex> group = snapshot.PrerequisiteGroup(d, g);
      if (std::find(group.begin(), group.end(), x) == group.end()) continue;
      ranked.insert(ranked.end(), group.begin(), group.end());
    }
  }
  if (const core::Qualification* target = context.target()) {
    if (target->rules) RuleSiblings(*target->rules, cx.id, context, &ranked);
    for (const graph::CreditSource& source : context.credit()->sources) {
      const core::Credential& c = context.credential(source.credential);
      if (c.level == cx.level && !c.fields.empty() && !cx.fields.empty() &&
          c.fields[0] == cx.fields[0]) {
        ranked.push_back(source.credential);
      }
    }
  }
  std::vector<CredentialIndex> out;
  absl::flat_hash_set<CredentialIndex> seen;
  for (CredentialIndex c : ranked) {
    if (out.size() >= limit) break;
    if (c == x || stack.Contains(c) || !seen.insert(c).second) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace credpath::coherence::internal
