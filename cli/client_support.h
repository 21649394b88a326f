// What every client subcommand shares: the channel and deadlines to a server, the
// report of a failed call, JSON output, money and table formatting.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/flags.h"
#include "credpath/v1/resources.pb.h"

namespace credpath::cli {

struct Connection {
  std::shared_ptr<grpc::Channel> channel;
  double timeout_seconds = 30;

  // A context whose deadline is the call timeout from now.
  std::unique_ptr<grpc::ClientContext> Context() const;
};

// From --server / CREDPATH_SERVER and --timeout; INVALID_ARGUMENT for a bad timeout.
absl::StatusOr<Connection> Connect(const ParsedArgs& args);

// The API's JSON of a message (proto field names, indented).
std::string ToJson(const google::protobuf::Message& message);

// Prints "credpath: CODE: message" and returns exit status 1.
int Report(const grpc::Status& status, std::ostream& err);

// "1234.50 AUD".
std::string FormatMoney(const v1::Money& money);

// A table with columns as wide as their widest cell.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace credpath::cli
