#include "cli/client_support.h"

#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "services/status_mapping.h"

namespace credpath::cli {

std::unique_ptr<grpc::ClientContext> Connection::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000)));
  return context;
}

std::optional<ParsedArgs> ParseCommandArgs(std::string_view command, std::string_view usage,
                                           const std::vector<std::string>& raw_args,
                                           const std::set<std::string>& value_flags,
                                           std::set<std::string> switch_flags, std::ostream& out,
                                           std::ostream& err, int* exit_status) {
  switch_flags.insert("help");
  absl::StatusOr<ParsedArgs> args = ParseArgs(raw_args, value_flags, switch_flags);
  if (!args.ok()) {
    err << "credpath " << command << ": " << args.status().message() << "\n" << usage;
    *exit_status = 2;
    return std::nullopt;
  }
  if (args->Has("help")) {
    out << usage;
    *exit_status = 0;
    return std::nullopt;
  }
  return *std::move(args);
}

std::optional<Connection> Connect(const ParsedArgs& args, std::string_view command,
                                  std::ostream& err) {
  Connection connection;
  connection.channel =
      grpc::CreateChannel(FlagOrEnv(args, "server", "CREDPATH_SERVER", "127.0.0.1:50051"),
                          grpc::InsecureChannelCredentials());
  if (auto timeout = args.Get("timeout")) connection.timeout_seconds = std::atof(timeout->c_str());
  if (!(connection.timeout_seconds > 0)) {
    err << "credpath " << command << ": --timeout must be a positive number of seconds\n";
    return std::nullopt;
  }
  return connection;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

int Report(const grpc::Status& status, std::ostream& err) {
  err << "credpath: " << services::StatusCodeName(status.error_code()) << ": "
      << status.error_message() << "\n";
  return 1;
}

std::string FormatMoney(const v1::Money& money) {
  std::ostringstream text;
  text << money.minor_units() / 100 << "." << std::setw(2) << std::setfill('0')
       << std::abs(money.minor_units() % 100) << " " << money.currency();
  return text.str();
}

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out << "\n";
  }
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace credpath::cli
