// What every client subcommand shares: the channel and deadlines to a server, the
// report of a failed call, JSON output, money and table formatting.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
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

// The flags of client command `command` ("credpath COMMAND"): the arguments, or nullopt
// when the command is over, with *exit_status 0 after --help printed `usage` on out, or 2
// after a bad flag was named on err, followed by `usage`. `switch_flags` gets "help".
std::optional<ParsedArgs> ParseCommandArgs(std::string_view command, std::string_view usage,
                                           const std::vector<std::string>& raw_args,
                                           const std::set<std::string>& value_flags,
                                           std::set<std::string> switch_flags, std::ostream& out,
                                           std::ostream& err, int* exit_status);

// From --server / CREDPATH_SERVER and --timeout; nullopt after naming a bad timeout on err.
std::optional<Connection> Connect(const ParsedArgs& args, std::string_view command,
                                  std::ostream& err);

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
