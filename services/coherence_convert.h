// Conversion of a coherence check (coherence/check.h) to the credpath.v1 messages of
// CoherenceService, and of a CheckStack request to the domain's. The domain enums mirror
// the API's numbers (FindingCode, Severity, Verdict), so codes convert by value.
// Thread safety: free functions without shared state.
#pragma once

#include "coherence/check.h"
#include "core/date.h"
#include "core/field_violations.h"
#include "credpath/v1/analysis.pb.h"
#include "credpath/v1/coherence_service.pb.h"

namespace credpath::services {

void ToProto(const coherence::Finding& in, v1::Finding* out);
void ToProto(const coherence::RuleStatus& in, v1::RuleResult* out);
void ToProto(const coherence::Audit& in, v1::CreditAudit* out);
// Findings, verdict and audit; catalog_version is the caller's.
void ToProto(const coherence::CheckResult& in, v1::CheckStackResponse* out);

// The stack, target and start date of a request; an empty start_date is `today`. A
// start_date that is not "YYYY-MM-DD" and an empty stack are violations.
coherence::StackRequest StackRequestFromProto(const v1::CheckStackRequest& in, core::Date today,
                                              core::FieldViolations* violations);

}  // namespace credpath::services
