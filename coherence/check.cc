#include "coherence/check.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "coherence/rules.h"
#include "coherence/stack.h"
#include "core/field_violations.h"
#include "core/status_macros.h"

namespace credpath::coherence {
namespace {

using internal::Draft;

// Candidates checked per finding; rules list the likeliest first.
constexpr size_t kMaxCandidates = 12;

std::string Quote(std::string_view id) { return absl::StrCat("\"", std::string(id), "\""); }

absl::Status ValidateStack(const graph::CatalogSnapshot& snapshot,
                           const std::vector<std::string>& ids) {
  if (ids.empty()) return core::InvalidField("credential_ids", "must not be empty");
  core::FieldViolations repeated;
  absl::flat_hash_map<std::string_view, size_t> first;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto [it, inserted] = first.emplace(ids[i], i);
    if (!inserted) {
      repeated.Add(core::IndexPath("credential_ids", i),
                   absl::StrCat("repeats ", core::IndexPath("credential_ids", it->second), " (",
                                Quote(ids[i]), ")"));
    }
  }
  RETURN_IF_ERROR(repeated.ToStatus());
  std::vector<std::string> unknown;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (snapshot.FindCredential(ids[i]) == nullptr) {
      unknown.push_back(absl::StrCat(core::IndexPath("credential_ids", i), ": credential ",
                                     Quote(ids[i]), " not found"));
    }
  }
  if (!unknown.empty()) return absl::NotFoundError(absl::StrJoin(unknown, "; "));
  return absl::OkStatus();
}

absl::StatusOr<const core::Qualification*> ResolveTarget(const graph::CatalogSnapshot& snapshot,
                                                         const core::Learner& learner,
                                                         const StackRequest& request) {
  const bool own = request.target_qualification_id.empty();
  const std::string& id = own ? learner.target_qualification_id : request.target_qualification_id;
  if (id.empty()) return nullptr;
  const core::Qualification* target = snapshot.FindQualification(id);
  if (target == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(own ? "learner.target_qualification_id" : "target_qualification_id",
                     ": qualification ", Quote(id), " not found"));
  }
  return target;
}

std::vector<std::string> KeysOf(const std::vector<Draft>& drafts, FindingCode code) {
  std::vector<std::string> keys;
  for (const Draft& d : drafts) {
    if (d.finding.code == code) keys.push_back(d.finding.key);
  }
  return keys;
}

// Blocking findings of a stack, by code and key: those of the blocking rules.
using BlockingKeys = absl::flat_hash_set<std::pair<FindingCode, std::string>>;

bool IsBlockingRule(internal::Rule rule) {
  const std::span<const internal::Rule> blocking = internal::BlockingRules();
  return std::find(blocking.begin(), blocking.end(), rule) != blocking.end();
}

// Whether `drafts` hold a blocking finding not in `blocking`.
bool AnyNewBlocking(const std::vector<Draft>& drafts, const BlockingKeys& blocking) {
  return std::any_of(drafts.begin(), drafts.end(), [&](const Draft& d) {
    return d.finding.severity == Severity::kBlocking &&
           !blocking.contains(std::pair(d.finding.code, d.finding.key));
  });
}

// Whether a blocking rule finds on `stack` a blocking finding not in `blocking`; `rule`'s
// findings on it are `found` already.
bool AddsBlocking(const internal::Stack& stack, internal::Rule rule,
                  const std::vector<Draft>& found, const BlockingKeys& blocking) {
  for (internal::Rule other : internal::BlockingRules()) {
    if (other == rule) {
      if (AnyNewBlocking(found, blocking)) return true;
      continue;
    }
    std::vector<Draft> drafts;
    other(stack, &drafts);
    if (AnyNewBlocking(drafts, blocking)) return true;
  }
  return false;
}

// Whether `remedy` removes `finding` from what `rule` finds on the stack, raises no
// finding of the same code that the stack did not have (`had`: their keys), and adds no
// blocking finding of any code to those the stack had (`blocking`).
bool Fixes(const internal::Stack& stack, internal::Rule rule, const std::vector<std::string>& had,
           const BlockingKeys& blocking, const Finding& finding, const Remedy& remedy) {
  std::vector<std::string> ids = ApplyRemedy(stack.ids(), remedy);
  if (ids.empty() || ids == stack.ids()) return false;
  absl::flat_hash_set<std::string_view> unique(ids.begin(), ids.end());
  if (unique.size() != ids.size()) return false;
  const internal::Stack edited(stack.context(), std::move(ids),
                               internal::Stack::Wants::kFindingsOnly);
  std::vector<Draft> after;
  rule(edited, &after);
  for (const std::string& key : KeysOf(after, finding.code)) {
    if (key == finding.key || std::find(had.begin(), had.end(), key) == had.end()) return false;
  }
  return !AddsBlocking(edited, rule, after, blocking);
}

}  // namespace

absl::StatusOr<CheckResult> CheckStack(const graph::CatalogSnapshot& snapshot,
                                       const core::Learner& learner, const StackRequest& request,
                                       const CoherenceConfig& config) {
  RETURN_IF_ERROR(ValidateStack(snapshot, request.credential_ids));
  ASSIGN_OR_RETURN(const core::Qualification* target, ResolveTarget(snapshot, learner, request));
  const internal::CheckContext context(snapshot, learner, target,
                                       config.For(target != nullptr ? target->id : ""),
                                       request.start_date, request.credential_ids);
  const internal::Stack stack(context, request.credential_ids);

  // Every rule runs once on the stack; remedies are judged against the blocking findings
  // of them all.
  const std::span<const internal::Rule> rules = internal::AllRules();
  std::vector<std::vector<Draft>> found(rules.size());
  BlockingKeys blocking;
  for (size_t r = 0; r < rules.size(); ++r) {
    rules[r](stack, &found[r]);
    if (!IsBlockingRule(rules[r])) continue;
    for (const Draft& d : found[r]) {
      if (d.finding.severity == Severity::kBlocking)
        blocking.emplace(d.finding.code, d.finding.key);
    }
  }
  CheckResult result;
  for (size_t r = 0; r < rules.size(); ++r) {
    const internal::Rule rule = rules[r];
    std::vector<Draft>& drafts = found[r];
    for (Draft& draft : drafts) {
      const std::vector<std::string> had = KeysOf(drafts, draft.finding.code);
      for (size_t i = 0; i < draft.candidates.size() && i < kMaxCandidates; ++i) {
        if (Fixes(stack, rule, had, blocking, draft.finding, draft.candidates[i])) {
          draft.finding.remedy = std::move(draft.candidates[i]);
          break;
        }
      }
    }
    for (Draft& draft : drafts) result.findings.push_back(std::move(draft.finding));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  result.verdict = VerdictOf(result.findings);
  if (target != nullptr) result.audit = internal::MakeAudit(stack);
  return result;
}

}  // namespace credpath::coherence
