// Runs the real `credpath serve` binary as a child process on a temporary SQLite file and
// a free port, for integration and crash tests. The binary's path comes from the
// CREDPATH_BINARY compile definition (set by CMake).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

namespace credpath::testing {

// A fresh directory, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class ServerProcess {
 public:
  // Starts `credpath serve --db db_path --listen 127.0.0.1:0 ...extra_args` and waits until
  // it is serving (its port file appears and health answers SERVING). Aborts the test
  // process with a message when the server does not come up within 30 s.
  ServerProcess(const std::string& db_path, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();  // SIGTERM, then wait

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Sends SIGKILL and reaps the process: a crash, as far as the server can tell.
  void Kill();
  // Sends SIGTERM and returns the exit status.
  int Terminate();
  const std::string& log_path() const { return log_path_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace credpath::testing
