#include "tests/testing/server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"

namespace credpath::testing {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "ServerProcess: " << message << std::endl;
  std::abort();
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "credpath-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ServerProcess::ServerProcess(const std::string& db_path, const std::vector<std::string>& extra_args) {
  const std::string port_file = db_path + ".port";
  log_path_ = db_path + ".log";
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {CREDPATH_BINARY, "serve", "--db", db_path,
                                   "--listen", "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ < 0) Die("fork failed");
  if (pid_ == 0) {
    FILE* log = std::fopen(log_path_.c_str(), "a");
    if (log != nullptr) dup2(fileno(log), STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (port_ == 0) {
    if (std::chrono::steady_clock::now() > deadline) Die("server did not start; see " + log_path_);
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      Die("server exited during start; see " + log_path_);
    }
    std::ifstream in(port_file);
    if (!(in >> port_)) port_ = 0;
    if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  context.set_wait_for_ready(true);
  grpc::Status status = health->Check(&context, request, &response);
  if (!status.ok() || response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    Die("server not healthy: " + status.error_message());
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Terminate();
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  // The server's graceful shutdown waits for open connections; drop ours first.
  channel_.reset();
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace credpath::testing
