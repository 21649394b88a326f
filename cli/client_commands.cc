#include "cli/client_commands.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include "cli/client_support.h"
#include "cli/flags.h"
#include "credpath/v1/catalog_service.grpc.pb.h"
#include "credpath/v1/learner_service.grpc.pb.h"

namespace credpath::cli {
namespace {

constexpr char kUsage[] =
    "usage:\n"
    "  credpath catalog list providers|credentials|qualifications|links [--provider ID]\n"
    "                   [--field CODE] [--title TEXT] [--page-size N] [--json]\n"
    "  credpath catalog get provider|credential|qualification ID [--json]\n"
    "  credpath catalog stats [--json]\n"
    "  credpath learner get ID [--json] | learner put LEARNER.json | learner delete ID\n"
    "  credpath import CATALOG.json [--replace]\n"
    "  credpath export [--out FILE]\n"
    "common: --server ADDR (env CREDPATH_SERVER; default 127.0.0.1:50051), --timeout SECONDS\n";

struct Client {
  Connection connection;
  std::unique_ptr<v1::CatalogService::Stub> catalog;
  std::unique_ptr<v1::LearnerService::Stub> learners;

  std::unique_ptr<grpc::ClientContext> Context() const { return connection.Context(); }
};

int List(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  const std::string kind = args.positional.size() > 1 ? args.positional[1] : "";
  const bool json = args.Has("json");
  int32_t page_size = 0;
  if (auto size = args.Get("page-size")) page_size = std::atoi(size->c_str());
  std::vector<std::vector<std::string>> rows;
  std::string token;
  do {
    auto context = client.Context();
    grpc::Status status;
    if (kind == "credentials") {
      v1::ListCredentialsRequest request;
      v1::ListCredentialsResponse response;
      request.set_page_size(page_size);
      request.set_page_token(token);
      request.set_provider_id(args.Get("provider").value_or(""));
      request.set_field(args.Get("field").value_or(""));
      request.set_title_contains(args.Get("title").value_or(""));
      status = client.catalog->ListCredentials(context.get(), request, &response);
      if (!status.ok()) return Report(status, err);
      if (rows.empty()) rows.push_back({"ID", "TITLE", "PROVIDER", "LEVEL", "FEE", "HOURS", "DELIVERY"});
      for (const v1::Credential& c : response.credentials()) {
        if (json) out << ToJson(c);
        rows.push_back({c.id(), c.title(), c.provider_id(), std::to_string(c.level().value()),
                        FormatMoney(c.fee()), std::to_string(c.effort_hours()),
                        v1::DeliveryMode_Name(c.delivery_mode())});
      }
      token = response.next_page_token();
    } else if (kind == "providers") {
      v1::ListProvidersRequest request;
      v1::ListProvidersResponse response;
      request.set_page_size(page_size);
      request.set_page_token(token);
      status = client.catalog->ListProviders(context.get(), request, &response);
      if (!status.ok()) return Report(status, err);
      if (rows.empty()) rows.push_back({"ID", "NAME", "STANDING", "QUALITY ASSURED"});
      for (const v1::Provider& p : response.providers()) {
        if (json) out << ToJson(p);
        std::ostringstream standing;
        standing << std::fixed << std::setprecision(2) << p.standing();
        rows.push_back({p.id(), p.name(), standing.str(),
                        p.quality_assured() ? "yes (" + p.quality_assured_by() + ")" : "no"});
      }
      token = response.next_page_token();
    } else if (kind == "qualifications") {
      v1::ListQualificationsRequest request;
      v1::ListQualificationsResponse response;
      request.set_page_size(page_size);
      request.set_page_token(token);
      status = client.catalog->ListQualifications(context.get(), request, &response);
      if (!status.ok()) return Report(status, err);
      if (rows.empty()) rows.push_back({"ID", "TITLE", "PROVIDER", "LEVEL", "CREDIT REQUIRED", "CAP"});
      for (const v1::Qualification& q : response.qualifications()) {
        if (json) out << ToJson(q);
        rows.push_back({q.id(), q.title(), q.provider_id(), std::to_string(q.level().value()),
                        std::to_string(q.credit_required()), std::to_string(q.stacked_credit_cap())});
      }
      token = response.next_page_token();
    } else if (kind == "links") {
      v1::ListLinksRequest request;
      v1::ListLinksResponse response;
      request.set_page_size(page_size);
      request.set_page_token(token);
      status = client.catalog->ListLinks(context.get(), request, &response);
      if (!status.ok()) return Report(status, err);
      if (rows.empty()) rows.push_back({"FROM", "TO", "TYPE", "GROUP", "CREDIT", "OVERLAP"});
      for (const v1::Link& l : response.links()) {
        if (json) out << ToJson(l);
        rows.push_back({l.from_id(), l.to_id(), v1::LinkType_Name(l.type()), std::to_string(l.group()),
                        std::to_string(l.credit_points()), std::to_string(l.overlap_fraction())});
      }
      token = response.next_page_token();
    } else {
      err << kUsage;
      return 2;
    }
  } while (!token.empty());
  if (!json) PrintTable(rows, out);
  return 0;
}

int Get(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  if (args.positional.size() != 3) {
    err << kUsage;
    return 2;
  }
  const std::string& kind = args.positional[1];
  const std::string& id = args.positional[2];
  auto context = client.Context();
  grpc::Status status;
  std::unique_ptr<google::protobuf::Message> found;
  if (kind == "provider") {
    v1::GetProviderRequest request;
    request.set_id(id);
    auto response = std::make_unique<v1::Provider>();
    status = client.catalog->GetProvider(context.get(), request, response.get());
    found = std::move(response);
  } else if (kind == "credential") {
    v1::GetCredentialRequest request;
    request.set_id(id);
    auto response = std::make_unique<v1::Credential>();
    status = client.catalog->GetCredential(context.get(), request, response.get());
    found = std::move(response);
  } else if (kind == "qualification") {
    v1::GetQualificationRequest request;
    request.set_id(id);
    auto response = std::make_unique<v1::Qualification>();
    status = client.catalog->GetQualification(context.get(), request, response.get());
    found = std::move(response);
  } else {
    err << kUsage;
    return 2;
  }
  if (!status.ok()) return Report(status, err);
  // One record reads well as indented JSON in both modes.
  out << ToJson(*found);
  return 0;
}

int Stats(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  auto context = client.Context();
  v1::GetCatalogStatsResponse response;
  grpc::Status status = client.catalog->GetCatalogStats(context.get(), {}, &response);
  if (!status.ok()) return Report(status, err);
  if (args.Has("json")) {
    out << ToJson(response);
    return 0;
  }
  out << "catalogue version " << response.catalog_version() << ": " << response.providers()
      << " providers, " << response.credentials() << " credentials, " << response.qualifications()
      << " qualifications, " << response.links() << " links\n\n";
  std::vector<v1::CredentialMetrics> metrics(response.credential_metrics().begin(),
                                             response.credential_metrics().end());
  std::sort(metrics.begin(), metrics.end(), [](const auto& a, const auto& b) {
    return a.structural_complexity() > b.structural_complexity() ||
           (a.structural_complexity() == b.structural_complexity() && a.credential_id() < b.credential_id());
  });
  std::vector<std::vector<std::string>> rows = {
      {"CREDENTIAL", "BLOCKING", "DELAY", "CENTRALITY", "COMPLEXITY"}};
  for (size_t i = 0; i < metrics.size() && i < 15; ++i) {
    const auto& m = metrics[i];
    rows.push_back({m.credential_id(), std::to_string(m.blocking_factor()),
                    std::to_string(m.delay_factor()), std::to_string(m.centrality()),
                    std::to_string(m.structural_complexity())});
  }
  out << "most structurally complex credentials (gateways and bottlenecks):\n";
  PrintTable(rows, out);
  return 0;
}

int Learner(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  const std::string verb = args.positional.empty() ? "" : args.positional[0];
  if (args.positional.size() != 2 || (verb != "get" && verb != "put" && verb != "delete")) {
    err << kUsage;
    return 2;
  }
  auto context = client.Context();
  grpc::Status status;
  if (verb == "get") {
    v1::GetLearnerRequest request;
    request.set_id(args.positional[1]);
    v1::Learner learner;
    status = client.learners->GetLearner(context.get(), request, &learner);
    if (status.ok()) out << ToJson(learner);
  } else if (verb == "put") {
    absl::StatusOr<std::string> text = ReadFile(args.positional[1]);
    if (!text.ok()) {
      err << "credpath: " << text.status().message() << "\n";
      return 2;
    }
    v1::UpsertLearnerRequest request;
    auto parsed = google::protobuf::util::JsonStringToMessage(*text, request.mutable_learner());
    if (!parsed.ok()) {
      err << "credpath: " << args.positional[1] << ": " << parsed.ToString() << "\n";
      return 2;
    }
    v1::Learner learner;
    status = client.learners->UpsertLearner(context.get(), request, &learner);
    if (status.ok()) out << "stored learner " << learner.id() << "\n";
  } else {
    v1::DeleteLearnerRequest request;
    request.set_id(args.positional[1]);
    v1::DeleteLearnerResponse response;
    status = client.learners->DeleteLearner(context.get(), request, &response);
    if (status.ok()) out << "deleted learner " << args.positional[1] << "\n";
  }
  return status.ok() ? 0 : Report(status, err);
}

int Import(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  if (args.positional.size() != 1) {
    err << kUsage;
    return 2;
  }
  absl::StatusOr<std::string> text = ReadFile(args.positional[0]);
  if (!text.ok()) {
    err << "credpath: " << text.status().message() << "\n";
    return 2;
  }
  v1::ImportCatalogRequest request;
  request.set_format(v1::CATALOG_FORMAT_NATIVE_JSON);
  request.set_content(*text);
  request.set_replace(args.Has("replace"));
  v1::ImportCatalogResponse response;
  auto context = client.Context();
  grpc::Status status = client.catalog->ImportCatalog(context.get(), request, &response);
  if (!status.ok()) return Report(status, err);
  out << "imported " << response.credentials() << " credentials, " << response.qualifications()
      << " qualifications, " << response.providers() << " providers, " << response.links()
      << " links, " << response.learners() << " learners; catalogue version "
      << response.catalog_version() << "\n";
  return 0;
}

int Export(const Client& client, const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  v1::ExportCatalogRequest request;
  request.set_format(v1::CATALOG_FORMAT_NATIVE_JSON);
  v1::ExportCatalogResponse response;
  auto context = client.Context();
  grpc::Status status = client.catalog->ExportCatalog(context.get(), request, &response);
  if (!status.ok()) return Report(status, err);
  if (auto path = args.Get("out")) {
    std::ofstream file(*path);
    file << response.content();
    if (!file) {
      err << "credpath: cannot write " << *path << "\n";
      return 1;
    }
  } else {
    out << response.content();
  }
  return 0;
}

}  // namespace

int RunClientCommand(const std::string& command, const std::vector<std::string>& raw_args,
                     std::ostream& out, std::ostream& err) {
  int exit_status = 0;
  const std::optional<ParsedArgs> args =
      ParseCommandArgs(command, kUsage, raw_args,
                       {"server", "timeout", "provider", "field", "title", "page-size", "out"},
                       {"json", "replace"}, out, err, &exit_status);
  if (!args.has_value()) return exit_status;
  std::optional<Connection> connection = Connect(*args, command, err);
  if (!connection.has_value()) return 2;
  Client client;
  client.connection = *std::move(connection);
  client.catalog = v1::CatalogService::NewStub(client.connection.channel);
  client.learners = v1::LearnerService::NewStub(client.connection.channel);
  if (command == "import") return Import(client, *args, out, err);
  if (command == "export") return Export(client, *args, out, err);
  if (command == "learner") return Learner(client, *args, out, err);
  const std::string verb = args->positional.empty() ? "" : args->positional[0];
  if (verb == "list") return List(client, *args, out, err);
  if (verb == "get") return Get(client, *args, out, err);
  if (verb == "stats") return Stats(client, *args, out, err);
  err << kUsage;
  return 2;
}

}  // namespace credpath::cli
