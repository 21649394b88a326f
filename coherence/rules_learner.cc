// Rules on the learner's circumstances: onsite attendance and budgets. They judge planned
// items only: held ones are done.
#include <algorithm>
#include <functional>
#include <optional>

#include "absl/strings/str_cat.h"
#include "coherence/rules.h"
#include "value/value_model.h"

namespace credpath::coherence::internal {
namespace {

bool Onsite(const core::Credential& c) {
  return c.onsite_days > 0 || c.delivery_mode == core::DeliveryMode::kOnsite ||
         c.delivery_mode == core::DeliveryMode::kMostlyOnsite;
}

// "1234.50 AUD".
std::string FormatMoney(int64_t minor_units, const std::string& currency) {
  return absl::StrCat(minor_units / 100, ".",
                      absl::Dec(std::abs(minor_units % 100), absl::kZeroPad2), " ", currency);
}

}  // namespace

void CheckDeliveryMismatch(const Stack& stack, std::vector<Draft>* out) {
  const core::LearnerProfile& profile = stack.context().learner().profile;
  for (CredentialIndex c : stack.planned()) {
    const core::Credential& credential = stack.context().credential(c);
    if (!Onsite(credential)) continue;
    const int32_t days = credential.onsite_days;
    // A learner's limit, when they can attend at all, is per credential.
    auto fits = [&](CredentialIndex y) {
      const core::Credential& other = stack.context().credential(y);
      return profile.can_attend_onsite ? other.onsite_days <= profile.max_onsite_days
                                       : !Onsite(other);
    };
    if (profile.can_attend_onsite && (profile.max_onsite_days == 0 || fits(c))) continue;
    const std::string message =
        profile.can_attend_onsite
            ? absl::StrCat(credential.id, " needs ", days, " days onsite, more than the ",
                           profile.max_onsite_days, " the learner can attend")
            : absl::StrCat(credential.id, " needs ",
                           days > 0 ? absl::StrCat(days, " days") : "time",
                           " onsite, and the learner cannot attend onsite");
    Draft& draft = AddFinding(stack, FindingCode::kDeliveryMismatch,
                              profile.can_attend_onsite ? Severity::kWarning : Severity::kBlocking,
                              {c}, message, credential.id, out);
    if (!stack.wants_remedies()) continue;
    draft.candidates = Replacements(stack, c, fits, [&](CredentialIndex y) {
      const core::Credential& other = stack.context().credential(y);
      return other.onsite_days == 0
                 ? std::string("which needs no onsite attendance")
                 : absl::StrCat("which needs ", other.onsite_days, " days onsite");
    });
  }
}

namespace {

// One of the learner's budgets and what each planned item takes from it.
struct Budget {
  std::string key;   // the finding's key: "money" or "hours"
  std::string name;  // "budget", "time budget"
  std::string verb;  // "cost", "take"
  int64_t available = 0;
  // What an item takes; nullopt when it cannot be compared (a fee in another currency).
  std::function<std::optional<int64_t>(CredentialIndex)> cost;
  std::function<std::string(int64_t)> format;
};

void CheckOneBudget(const Stack& stack, const Budget& budget, std::vector<Draft>* out) {
  int64_t total = 0;
  std::vector<CredentialIndex> paid;
  for (CredentialIndex c : stack.planned()) {
    const std::optional<int64_t> cost = budget.cost(c);
    if (!cost || *cost <= 0) continue;
    total += *cost;
    paid.push_back(c);
  }
  if (total <= budget.available) return;
  Draft& draft = AddFinding(stack, FindingCode::kBudgetExceeded, Severity::kBlocking, paid,
                            absl::StrCat("the planned credentials ", budget.verb, " ",
                                         budget.format(total), ", more than the learner's ",
                                         budget.name, " of ", budget.format(budget.available)),
                            budget.key, out);
  if (!stack.wants_remedies()) return;
  // The costliest items first: a cheaper replacement, or dropping the item.
  std::vector<CredentialIndex> costliest = paid;
  std::stable_sort(costliest.begin(), costliest.end(), [&](CredentialIndex a, CredentialIndex b) {
    return *budget.cost(a) > *budget.cost(b);
  });
  const int64_t excess = total - budget.available;
  for (CredentialIndex x : costliest) {
    const int64_t cost = *budget.cost(x);
    for (Remedy& r : Replacements(
             stack, x,
             [&](CredentialIndex y) {
               const std::optional<int64_t> other = budget.cost(y);
               return other.has_value() && *other <= cost - excess;
             },
             [&](CredentialIndex y) {
               return absl::StrCat("which ", budget.verb, "s ", budget.format(*budget.cost(y)));
             })) {
      draft.candidates.push_back(std::move(r));
    }
    if (Droppable(stack, x)) {
      Remedy drop;
      drop.kind = Remedy::Kind::kDrop;
      drop.ids = {stack.Id(x)};
      drop.because = absl::StrCat("it ", budget.verb, "s ", budget.format(cost));
      draft.candidates.push_back(std::move(drop));
    }
  }
}

}  // namespace

void CheckBudget(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const core::LearnerProfile& profile = context.learner().profile;
  const std::string& currency = profile.money_budget.currency;
  if (!currency.empty() && profile.money_budget.minor_units > 0) {
    Budget money;
    money.key = "money";
    money.name = "budget";
    money.verb = "cost";
    money.available = value::SpendingBudget(profile).minor_units;
    // Fees in another currency are not comparable without rates and are left out.
    money.cost = [&](CredentialIndex c) -> std::optional<int64_t> {
      const core::Money& fee = context.credential(c).fee;
      if (fee.currency != currency) return std::nullopt;
      return fee.minor_units;
    };
    money.format = [&](int64_t minor_units) { return FormatMoney(minor_units, currency); };
    CheckOneBudget(stack, money, out);
  }
  if (profile.time_budget_hours > 0) {
    Budget hours;
    hours.key = "hours";
    hours.name = "time budget";
    hours.verb = "take";
    hours.available = profile.time_budget_hours;
    hours.cost = [&](CredentialIndex c) -> std::optional<int64_t> {
      return value::LearnerHours(context.credential(c),
                                 context.thresholds().travel_hours_per_onsite_day);
    };
    hours.format = [](int64_t h) { return absl::StrCat(h, " hours"); };
    CheckOneBudget(stack, hours, out);
  }
}

}  // namespace credpath::coherence::internal
