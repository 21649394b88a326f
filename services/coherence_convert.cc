#include "services/coherence_convert.h"

#include "services/convert.h"

namespace credpath::services {

void ToProto(const coherence::Finding& in, v1::Finding* out) {
  out->Clear();
  out->set_code(static_cast<v1::FindingCode>(in.code));
  out->set_severity(static_cast<v1::Severity>(in.severity));
  for (const std::string& id : in.credential_ids) out->add_credential_ids(id);
  out->set_message(in.message);
  if (in.remedy) out->set_remedy(in.remedy->Text());
}

void ToProto(const coherence::RuleStatus& in, v1::RuleResult* out) {
  out->set_rule(in.rule);
  out->set_satisfied(in.satisfied);
  out->set_detail(in.detail);
}

void ToProto(const coherence::Audit& in, v1::CreditAudit* out) {
  out->Clear();
  out->set_qualification_id(in.qualification_id);
  for (const coherence::AuditItem& item : in.items) {
    v1::AuditItem* o = out->add_items();
    o->set_credential_id(item.credential_id);
    o->set_credit_counted(item.credit_counted);
    o->set_credit_not_counted(item.credit_not_counted);
    for (const std::string& reason : item.reasons) o->add_reasons(reason);
    o->set_held(item.held);
    o->set_credit_carried(item.credit_carried);
    for (const std::string& use : item.counts_toward) o->add_counts_toward(use);
  }
  out->set_credit_total(in.credit_total);
  out->set_credit_required(in.credit_required);
  out->set_credit_missing(in.credit_missing);
  for (const std::string& id : in.core_missing_ids) out->add_core_missing_ids(id);
  for (const coherence::RuleStatus& rule : in.unmet_rules) ToProto(rule, out->add_unmet_rules());
}

void ToProto(const coherence::CheckResult& in, v1::CheckStackResponse* out) {
  out->clear_findings();
  for (const coherence::Finding& finding : in.findings) ToProto(finding, out->add_findings());
  out->set_verdict(static_cast<v1::Verdict>(in.verdict));
  if (in.audit) {
    ToProto(*in.audit, out->mutable_audit());
  } else {
    out->clear_audit();
  }
}

coherence::StackRequest StackRequestFromProto(const v1::CheckStackRequest& in, core::Date today,
                                              core::FieldViolations* violations) {
  coherence::StackRequest out;
  out.credential_ids.assign(in.credential_ids().begin(), in.credential_ids().end());
  if (out.credential_ids.empty()) violations->Add("credential_ids", "must not be empty");
  out.target_qualification_id = in.target_qualification_id();
  out.start_date = StartDate(in.start_date(), today, "start_date", violations);
  return out;
}

}  // namespace credpath::services
