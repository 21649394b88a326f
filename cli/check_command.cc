#include "cli/check_command.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/client_support.h"
#include "cli/flags.h"
#include "credpath/v1/coherence_service.grpc.pb.h"

namespace credpath::cli {
namespace {

constexpr char kUsage[] =
    "usage: credpath check CREDENTIAL... (--learner ID | --learner-file LEARNER.json)\n"
    "                      [--target QUALIFICATION] [--start YYYY-MM-DD] [--json]\n"
    "  checks the credentials, in the order given, for coherence: findings with remedies,\n"
    "  a verdict, and the credit audit toward the target (the learner's when not given);\n"
    "  credentials may also be given comma-separated\n"
    "common: --server ADDR (env CREDPATH_SERVER; default 127.0.0.1:50051), --timeout SECONDS\n";

// "NOT_COHERENT" for VERDICT_NOT_COHERENT: the enum value name without its prefix.
std::string Bare(const std::string& name, std::string_view prefix) {
  return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
}

void PrintFindings(const v1::CheckStackResponse& response, std::ostream& out) {
  auto count = [&](v1::Severity severity) {
    return std::count_if(response.findings().begin(), response.findings().end(),
                         [&](const v1::Finding& f) { return f.severity() == severity; });
  };
  out << "verdict: " << Bare(v1::Verdict_Name(response.verdict()), "VERDICT_") << " ("
      << count(v1::SEVERITY_BLOCKING) << " blocking, " << count(v1::SEVERITY_WARNING)
      << " warnings, " << count(v1::SEVERITY_INFO) << " information; catalogue version "
      << response.catalog_version() << ")\n";
  for (const v1::Finding& f : response.findings()) {
    out << "\n"
        << Bare(v1::Severity_Name(f.severity()), "SEVERITY_") << "  "
        << Bare(v1::FindingCode_Name(f.code()), "FINDING_CODE_") << "  "
        << absl::StrJoin(f.credential_ids(), ", ") << "\n  " << f.message() << "\n";
    if (!f.remedy().empty()) out << "  remedy: " << f.remedy() << "\n";
  }
}

void PrintAudit(const v1::CreditAudit& audit, std::ostream& out) {
  out << "\ncredit audit toward " << audit.qualification_id() << ": " << audit.credit_total()
      << " of " << audit.credit_required() << " credits counted, " << audit.credit_missing()
      << " missing\n";
  std::vector<std::vector<std::string>> rows = {
      {"CREDENTIAL", "COUNTED", "NOT COUNTED", "WHY NOT"}};
  for (const v1::AuditItem& item : audit.items()) {
    rows.push_back({item.credential_id(), std::to_string(item.credit_counted()),
                    std::to_string(item.credit_not_counted()),
                    absl::StrJoin(item.reasons(), "; ")});
  }
  PrintTable(rows, out);
  if (!audit.core_missing_ids().empty()) {
    out << "core items missing: " << absl::StrJoin(audit.core_missing_ids(), ", ") << "\n";
  }
  if (!audit.unmet_rules().empty()) out << "rules not met:\n";
  for (const v1::RuleResult& rule : audit.unmet_rules()) {
    out << "  " << rule.rule() << ": " << rule.detail() << "\n";
  }
}

}  // namespace

int RunCheckCommand(const std::vector<std::string>& raw_args, std::ostream& out,
                    std::ostream& err) {
  int exit_status = 0;
  const std::optional<ParsedArgs> args =
      ParseCommandArgs("check", kUsage, raw_args,
                       {"server", "timeout", "learner", "learner-file", "target", "start"},
                       {"json"}, out, err, &exit_status);
  if (!args.has_value()) return exit_status;
  v1::CheckStackRequest request;
  for (const std::string& arg : args->positional) {
    for (absl::string_view id : absl::StrSplit(arg, ',', absl::SkipEmpty())) {
      request.add_credential_ids(std::string(id));
    }
  }
  const std::optional<std::string> learner = args->Get("learner");
  const std::optional<std::string> learner_file = args->Get("learner-file");
  if (request.credential_ids().empty() || learner.has_value() == learner_file.has_value()) {
    err << kUsage;
    return 2;
  }
  if (learner) {
    request.set_learner_id(*learner);
  } else {
    absl::StatusOr<std::string> text = ReadFile(*learner_file);
    if (!text.ok()) {
      err << "credpath check: " << text.status().message() << "\n";
      return 2;
    }
    auto parsed = google::protobuf::util::JsonStringToMessage(*text, request.mutable_learner());
    if (!parsed.ok()) {
      err << "credpath check: " << *learner_file << ": " << parsed.ToString() << "\n";
      return 2;
    }
  }
  request.set_target_qualification_id(args->Get("target").value_or(""));
  request.set_start_date(args->Get("start").value_or(""));

  const std::optional<Connection> connection = Connect(*args, "check", err);
  if (!connection.has_value()) return 2;
  auto stub = v1::CoherenceService::NewStub(connection->channel);
  v1::CheckStackResponse response;
  grpc::Status status = stub->CheckStack(connection->Context().get(), request, &response);
  if (!status.ok()) return Report(status, err);
  if (args->Has("json")) {
    out << ToJson(response);
    return 0;
  }
  PrintFindings(response, out);
  if (response.has_audit()) PrintAudit(response.audit(), out);
  return 0;
}

}  // namespace credpath::cli
