// Rules on the learner's circumstances: onsite attendance and budgets. They judge planned
// items only: held ones are done.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "coherence/rules.h"

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
    draft.candidates = Replacements(stack, c, fits, [&](CredentialIndex y) {
      const core::Credential& other = stack.context().credential(y);
      return other.onsite_days == 0
                 ? std::string("which needs no onsite attendance")
                 : absl::StrCat("which needs ", other.onsite_days, " days onsite");
    });
  }
}

void CheckBudget(const Stack& stack, std::vector<Draft>* out) {
  const CheckContext& context = stack.context();
  const core::LearnerProfile& profile = context.learner().profile;
  const std::string& currency = profile.money_budget.currency;
  if (currency.empty() || profile.money_budget.minor_units <= 0) return;
  const int64_t available =
      profile.money_budget.minor_units +
      (profile.funding.currency == currency ? profile.funding.minor_units : 0);
  // Fees in another currency are not comparable without rates and are left out.
  int64_t fees = 0;
  std::vector<CredentialIndex> paid;
  for (CredentialIndex c : stack.planned()) {
    const core::Money& fee = context.credential(c).fee;
    if (fee.currency != currency || fee.minor_units <= 0) continue;
    fees += fee.minor_units;
    paid.push_back(c);
  }
  if (fees <= available) return;
  Draft& draft = AddFinding(
      stack, FindingCode::kBudgetExceeded, Severity::kBlocking, paid,
      absl::StrCat("the planned credentials cost ", FormatMoney(fees, currency),
                   ", more than the learner's budget of ", FormatMoney(available, currency)),
      "money", out);
  // The dearest items first: a cheaper replacement, or dropping the item.
  std::vector<CredentialIndex> dearest = paid;
  std::stable_sort(dearest.begin(), dearest.end(), [&](CredentialIndex a, CredentialIndex b) {
    return context.credential(a).fee.minor_units > context.credential(b).fee.minor_units;
  });
  for (CredentialIndex x : dearest) {
    const int64_t fee = context.credential(x).fee.minor_units;
    for (Remedy& r : Replacements(
             stack, x,
             [&](CredentialIndex y) {
               const core::Money& other = context.credential(y).fee;
               return other.currency == currency && other.minor_units <= fee - (fees - available);
             },
             [&](CredentialIndex y) {
               return absl::StrCat("which costs ",
                                   FormatMoney(context.credential(y).fee.minor_units, currency));
             })) {
      draft.candidates.push_back(std::move(r));
    }
    if (Droppable(stack, x)) {
      Remedy drop;
      drop.kind = Remedy::Kind::kDrop;
      drop.ids = {stack.Id(x)};
      drop.because = absl::StrCat("it costs ", FormatMoney(fee, currency));
      draft.candidates.push_back(std::move(drop));
    }
  }
}

}  // namespace credpath::coherence::internal
