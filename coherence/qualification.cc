#include "coherence/qualification.h"

#include <optional>

#include "graph/credit.h"

namespace credpath::coherence::internal {
namespace {

// Rule items of one qualification judged on a stack.
class StackRuleItems final : public RuleItems {
 public:
  StackRuleItems(const Stack& stack, const core::Qualification& qualification, int depth)
      : stack_(stack), qualification_(qualification), depth_(depth) {}

  bool Available(std::string_view id) const override {
    return ItemAvailable(stack_, std::string(id), depth_);
  }

  int Order(std::string_view id) const override {
    std::optional<CredentialIndex> c = stack_.context().snapshot().CredentialIndexOf(id);
    const int position = c ? stack_.Position(*c) : -1;
    return position >= 0 ? position : static_cast<int>(stack_.sequence().size());
  }

  int64_t Credit(std::span<const std::string> ids) const override {
    const graph::QualificationCredit* credit = stack_.context().CreditOf(qualification_.id);
    std::vector<CredentialIndex> credentials;
    int64_t awards = 0;
    for (const std::string& id : ids) {
      if (std::optional<CredentialIndex> c = stack_.context().snapshot().CredentialIndexOf(id)) {
        credentials.push_back(*c);
      } else {
        awards += stack_.context().AwardPoints(id, qualification_.id);
      }
    }
    return (credit != nullptr ? graph::CountedCredit(*credit, credentials) : 0) + awards;
  }

  int32_t Level(std::string_view id) const override {
    const graph::CatalogSnapshot& snapshot = stack_.context().snapshot();
    if (const core::Credential* c = snapshot.FindCredential(id)) return c->level.value;
    if (const core::Qualification* q = snapshot.FindQualification(id)) return q->level.value;
    return 0;
  }

  std::vector<std::string> OverrideItems(std::string_view rule) const override {
    std::vector<std::string> items;
    if (rule.empty()) return items;
    for (const core::Override& o : stack_.context().learner().overrides) {
      if (o.kind == core::OverrideKind::kCountTowardRule && o.target == rule) {
        items.push_back(o.credential_id);
      }
    }
    return items;
  }

 private:
  const Stack& stack_;
  const core::Qualification& qualification_;
  const int depth_;
};

}  // namespace

bool ItemAvailable(const Stack& stack, const std::string& id, int depth) {
  const CheckContext& context = stack.context();
  if (std::optional<CredentialIndex> c = context.snapshot().CredentialIndexOf(id)) {
    return stack.Counts(*c);
  }
  if (std::optional<core::Date> earned = context.HeldQualification(id)) {
    if (context.Recent(*earned)) return true;
  }
  const core::Qualification* award = context.snapshot().FindQualification(id);
  if (award == nullptr || depth >= kMaxAwardDepth || context.CreditOf(id) == nullptr ||
      award == context.target()) {
    return false;
  }
  return JudgeQualification(stack, *award, depth + 1).complete;
}

QualificationStatus JudgeQualification(const Stack& stack, const core::Qualification& qualification,
                                       int depth) {
  QualificationStatus status;
  status.qualification = &qualification;
  for (const std::string& id : qualification.core_ids) {
    if (!ItemAvailable(stack, id, depth)) status.core_missing.push_back(id);
  }
  if (qualification.rules) {
    status.rules = EvaluateRules(*qualification.rules, StackRuleItems(stack, qualification, depth));
  }
  if (const graph::QualificationCredit* credit = stack.context().CreditOf(qualification.id)) {
    status.credit = graph::CountedCredit(*credit, stack.counted());
  }
  status.complete = status.core_missing.empty() && status.rules.holds() &&
                    status.credit >= qualification.credit_required;
  return status;
}

}  // namespace credpath::coherence::internal
