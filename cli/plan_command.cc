#include "cli/plan_command.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/client_support.h"
#include "cli/flags.h"
#include "credpath/v1/planner_service.grpc.pb.h"

namespace credpath::cli {
namespace {

constexpr char kPlanUsage[] =
    "usage: credpath plan --learner ID [--target QUALIFICATION] [--k N] [--diversity D]\n"
    "                     [--pareto] [--time-limit-ms N] [--include ID,...] [--exclude ID,...]\n"
    "                     [--no-onsite] [--start YYYY-MM-DD] [--save] [--stream] [--json]\n"
    "  prints each pathway's scheduled steps, totals, progress toward the target and the\n"
    "  solver's proof; --stream shows improving pathways as the search finds them\n"
    "common: --server ADDR (env CREDPATH_SERVER; default 127.0.0.1:50051), --timeout SECONDS\n";

constexpr char kExplainUsage[] =
    "usage: credpath explain CREDENTIAL --learner ID [--target QUALIFICATION] [--json]\n"
    "  prints every benefit score, weight and contribution and every cost term\n"
    "common: --server ADDR (env CREDPATH_SERVER; default 127.0.0.1:50051), --timeout SECONDS\n";

std::string Points(double points) { return absl::StrFormat("%.3f", points); }

void PrintExplanation(const v1::ValueExplanation& e, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {
      {"GROUP", "DIMENSION", "SCORE", "WEIGHT", "POINTS"}};
  for (const v1::DimensionScore& d : e.dimensions()) {
    rows.push_back({d.group(), d.dimension(), absl::StrFormat("%.2f", d.score()),
                    absl::StrFormat("%.2f", d.weight()), Points(d.contribution())});
  }
  PrintTable(rows, out);
  out << "benefit " << Points(e.benefit_points()) << "\n";
  rows = {{"COST", "AMOUNT", "UNIT", "POINTS"}};
  for (const v1::CostTerm& c : e.costs()) {
    rows.push_back({c.name(), std::to_string(c.amount()), c.unit(), Points(c.points())});
  }
  PrintTable(rows, out);
  out << "cost " << Points(e.cost_points()) << "\nvalue " << Points(e.value())
      << (e.overridden() ? " (overridden)" : "") << "\n";
}

void PrintPlan(const v1::PlanPathwaysResponse& response, std::ostream& out) {
  int number = 0;
  for (const v1::Pathway& p : response.pathways()) {
    out << "pathway " << ++number << ": objective " << Points(p.objective()) << ", value "
        << Points(p.totals().value()) << ", fee " << FormatMoney(p.totals().fee()) << ", "
        << p.totals().hours() << " hours, credit " << p.totals().credit()
        << (p.schedule_feasible() ? "" : ", CANNOT FINISH BY THE DEADLINE") << "\n";
    std::vector<std::vector<std::string>> rows = {
        {"#", "WEEKS", "TERM", "CREDENTIAL", "TITLE", "VALUE"}};
    for (const v1::PathwayStep& s : p.steps()) {
      rows.push_back(
          {std::to_string(s.order()),
           s.scheduled() ? absl::StrFormat("%d-%d", s.start_week(), s.end_week()) : "not placed",
           s.term(), s.credential_id(), s.title(), Points(s.explanation().value())});
    }
    PrintTable(rows, out);
    if (p.has_progress()) {
      const v1::TargetProgress& t = p.progress();
      out << "target " << t.qualification_id() << ": "
          << (t.completed() ? "completed" : "not completed") << ", credit " << t.credit_counted()
          << " counted, " << t.credit_missing() << " missing";
      if (!t.core_missing_ids().empty()) {
        out << ", core missing:";
        for (const std::string& id : t.core_missing_ids()) out << " " << id;
      }
      out << "\n";
    }
    for (const v1::Finding& f : p.findings()) {
      out << "  " << v1::Severity_Name(f.severity()) << " " << v1::FindingCode_Name(f.code())
          << ": " << f.message() << (f.remedy().empty() ? "" : " Remedy: " + f.remedy()) << "\n";
    }
    out << "\n";
  }
  const v1::SolverStats& s = response.stats();
  out << v1::SolveOutcome_Name(s.outcome()) << (s.proven_optimal() ? ", proven optimal" : "")
      << ", bound " << Points(s.bound()) << ", gap " << absl::StrFormat("%.4f", s.gap()) << ", "
      << s.candidates() << " candidates, " << s.nodes() << " nodes, " << s.elapsed_ms()
      << " ms, catalogue version " << response.catalog_version() << "\n";
  if (!response.plan_id().empty()) out << "saved as " << response.plan_id() << "\n";
}

std::vector<std::string> Ids(const std::optional<std::string>& list) {
  if (!list.has_value()) return {};
  return absl::StrSplit(*list, ',', absl::SkipEmpty());
}

}  // namespace

int RunPlanCommand(const std::vector<std::string>& raw_args, std::ostream& out, std::ostream& err) {
  int exit_status = 0;
  const std::optional<ParsedArgs> args =
      ParseCommandArgs("plan", kPlanUsage, raw_args,
                       {"server", "timeout", "learner", "target", "k", "diversity", "time-limit-ms",
                        "include", "exclude", "start"},
                       {"json", "pareto", "no-onsite", "save", "stream"}, out, err, &exit_status);
  if (!args.has_value()) return exit_status;
  if (!args->Get("learner").has_value()) {
    err << "credpath plan: --learner is required\n" << kPlanUsage;
    return 2;
  }
  const std::optional<Connection> connection = Connect(*args, "plan", err);
  if (!connection.has_value()) return 2;
  v1::PlanPathwaysRequest request;
  request.set_learner_id(*args->Get("learner"));
  request.set_target_qualification_id(args->Get("target").value_or(""));
  request.set_k(std::atoi(args->Get("k").value_or("1").c_str()));
  request.set_diversity(std::atoi(args->Get("diversity").value_or("0").c_str()));
  request.set_time_limit_ms(std::atoll(args->Get("time-limit-ms").value_or("0").c_str()));
  request.set_pareto(args->Has("pareto"));
  request.set_save(args->Has("save"));
  request.set_start_date(args->Get("start").value_or(""));
  request.mutable_constraints()->set_no_onsite(args->Has("no-onsite"));
  for (const std::string& id : Ids(args->Get("include"))) request.add_include_ids(id);
  for (const std::string& id : Ids(args->Get("exclude"))) request.add_exclude_ids(id);

  auto stub = v1::PlannerService::NewStub(connection->channel);
  auto context = connection->Context();
  v1::PlanPathwaysResponse response;
  if (args->Has("stream")) {
    auto reader = stub->StreamPathways(context.get(), request);
    int improvements = 0;
    while (reader->Read(&response)) {
      if (response.final()) break;
      ++improvements;
      if (!args->Has("json") && response.pathways_size() > 0) {
        err << "improved: objective " << Points(response.pathways(0).objective()) << "\n";
      }
    }
    grpc::Status status = reader->Finish();
    if (!status.ok()) return Report(status, err);
    if (!args->Has("json")) err << improvements << " improvements streamed\n";
  } else {
    grpc::Status status = stub->PlanPathways(context.get(), request, &response);
    if (!status.ok()) return Report(status, err);
  }
  if (args->Has("json")) {
    out << ToJson(response);
  } else {
    PrintPlan(response, out);
  }
  return 0;
}

int RunExplainCommand(const std::vector<std::string>& raw_args, std::ostream& out,
                      std::ostream& err) {
  int exit_status = 0;
  const std::optional<ParsedArgs> args = ParseCommandArgs(
      "explain", kExplainUsage, raw_args, {"server", "timeout", "learner", "target"}, {"json"}, out,
      err, &exit_status);
  if (!args.has_value()) return exit_status;
  if (args->positional.size() != 1 || !args->Get("learner").has_value()) {
    err << "credpath explain: one CREDENTIAL and --learner are required\n" << kExplainUsage;
    return 2;
  }
  const std::optional<Connection> connection = Connect(*args, "explain", err);
  if (!connection.has_value()) return 2;
  v1::ExplainValueRequest request;
  request.set_learner_id(*args->Get("learner"));
  request.set_credential_id(args->positional[0]);
  request.set_target_qualification_id(args->Get("target").value_or(""));
  v1::ValueExplanation response;
  auto context = connection->Context();
  grpc::Status status = v1::PlannerService::NewStub(connection->channel)
                            ->ExplainValue(context.get(), request, &response);
  if (!status.ok()) return Report(status, err);
  if (args->Has("json")) {
    out << ToJson(response);
  } else {
    out << "value of " << response.credential_id() << " for " << request.learner_id() << "\n";
    PrintExplanation(response, out);
  }
  return 0;
}

}  // namespace credpath::cli
