// plan_load: PlanPathways under load, against a running `credpath serve`.
//
// A gRPC client on the callback API that keeps calls going for --warmup then --duration
// seconds and counts every reply by its gRPC status code (a reply is a call that ended,
// whatever its code; the transport's HTTP status is never looked at). It sends one request
// serialized once and leaves the replies unparsed, so that it takes little CPU from a
// server on the same machine:
//
//   plan_load --server 127.0.0.1:50051 (--learner ID | --request FILE.json)
//             [--concurrency N] [--duration S] [--warmup S] [--rate R]
//             [--start-date YYYY-MM-DD] [--deadline-ms MS] [--channels C] [--key KEY]
//             [--server-pid PID] [--json]
//
// Closed loop (default): N calls are outstanding at all times; each reply starts the next
// call. Open loop (--rate R): a call starts every 1/R seconds whatever the replies do,
// at most --concurrency of them outstanding (a start that finds them all busy is counted
// as "skipped", not sent); latency is measured from the scheduled start, so a server
// that falls behind shows in the percentiles instead of slowing the load down
// (coordinated omission).
//
// --request takes the protobuf JSON of credpath.v1.PlanPathwaysRequest; --learner builds
// {learner_id: ID}. Either way --start-date (default 2027-01-04) fills an empty
// start_date, so that every call plans the same problem whatever the day.
//
// Replies and latencies count when the call started after the warm-up and ended before
// the end of the measured window; calls still running at the end are awaited and
// dropped. Before the load, one call is made and its figures printed (candidates,
// pathways, nodes), so that the size of the planned problem is on record with the
// throughput. With --server-pid (a server on this machine), the server's CPU time over the
// measured window is read from /proc and reported per reply, with the client's own: on a
// machine shared with other work that figure, not the throughput, says what dedicated
// cores would sustain (the window's edges make it approximate by a few calls).
// Output: a readable report, or with --json one JSON object on one line.
// Exit status: 0 when every measured reply was OK, 1 otherwise, 2 on bad flags or when
// the first call fails.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "credpath/v1/planner_service.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "services/status_mapping.h"

namespace credpath::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kUsageError = 2;
constexpr int kSomeFailed = 1;

struct Flags {
  std::string server;
  std::string learner;
  std::string request_file;
  int concurrency = 1;
  double duration_s = 20;
  double warmup_s = 2;
  double rate = 0;  // 0: closed loop
  std::string start_date = "2027-01-04";
  int64_t deadline_ms = 10000;
  int channels = 1;
  std::string key;
  int server_pid = 0;  // 0: the server's CPU time is not read
  bool json = false;
};

constexpr char kUsage[] =
    "usage: plan_load --server ADDR (--learner ID | --request FILE.json) [--concurrency N]\n"
    "                 [--duration S] [--warmup S] [--rate R] [--start-date YYYY-MM-DD]\n"
    "                 [--deadline-ms MS] [--channels C] [--key KEY] [--server-pid PID]\n"
    "                 [--json]\n";

std::string ParseFlags(const std::vector<std::string>& args, Flags& flags) {
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& flag = args[k];
    if (flag == "--json") {
      flags.json = true;
      continue;
    }
    if (k + 1 == args.size()) return absl::StrCat(flag, ": missing value");
    const std::string& value = args[++k];
    auto positive_int = [&](int* target) -> std::string {
      if (!absl::SimpleAtoi(value, target) || *target < 1) {
        return absl::StrCat(flag, ": must be a positive integer, got \"", value, "\"");
      }
      return "";
    };
    auto seconds = [&](double* target, bool zero_ok) -> std::string {
      if (!absl::SimpleAtod(value, target) || !std::isfinite(*target) || *target < 0 ||
          (!zero_ok && *target == 0)) {
        return absl::StrCat(flag, ": must be a ", zero_ok ? "non-negative" : "positive",
                            " number, got \"", value, "\"");
      }
      return "";
    };
    std::string error;
    if (flag == "--server") {
      flags.server = value;
    } else if (flag == "--learner") {
      flags.learner = value;
    } else if (flag == "--request") {
      flags.request_file = value;
    } else if (flag == "--concurrency") {
      error = positive_int(&flags.concurrency);
    } else if (flag == "--channels") {
      error = positive_int(&flags.channels);
    } else if (flag == "--duration") {
      error = seconds(&flags.duration_s, false);
    } else if (flag == "--warmup") {
      error = seconds(&flags.warmup_s, true);
    } else if (flag == "--rate") {
      error = seconds(&flags.rate, false);
    } else if (flag == "--start-date") {
      flags.start_date = value;
    } else if (flag == "--deadline-ms") {
      int ms = 0;
      error = positive_int(&ms);
      flags.deadline_ms = ms;
    } else if (flag == "--key") {
      flags.key = value;
    } else if (flag == "--server-pid") {
      error = positive_int(&flags.server_pid);
    } else {
      error = absl::StrCat("unknown flag \"", flag, "\"");
    }
    if (!error.empty()) return error;
  }
  if (flags.server.empty()) return "--server: missing";
  if (flags.learner.empty() == flags.request_file.empty()) {
    return "give exactly one of --learner and --request";
  }
  return "";
}

// The "authorization" metadata value for --key, or empty without one.
std::string Authorization(const Flags& flags) {
  return flags.key.empty() ? "" : "Bearer " + flags.key;
}

// Latencies and codes of the measured window. Thread-safe: replies arrive on gRPC's
// callback threads.
class Recorder {
 public:
  Recorder(Clock::time_point measure_from, Clock::time_point measure_to)
      : from_(measure_from), to_(measure_to) {}

  void Record(Clock::time_point start, Clock::time_point end, grpc::StatusCode code) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (start < from_ || end > to_) {
      ++unmeasured_;
      return;
    }
    ++codes_[code];
    latencies_ms_.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  void Skip() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++skipped_;
  }

  // Call only once the load has stopped.
  std::vector<double> SortedLatencies() const {
    std::vector<double> sorted = latencies_ms_;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }
  const std::map<grpc::StatusCode, int64_t>& codes() const { return codes_; }
  int64_t skipped() const { return skipped_; }
  int64_t unmeasured() const { return unmeasured_; }

 private:
  const Clock::time_point from_;
  const Clock::time_point to_;
  std::mutex mutex_;
  std::vector<double> latencies_ms_;
  std::map<grpc::StatusCode, int64_t> codes_;
  int64_t skipped_ = 0;
  int64_t unmeasured_ = 0;
};

// Keeps the calls going until `stop_at`; Wait() returns once every call has ended.
// The calls go through generic stubs: the request is serialized once and every call sends
// the same bytes, and a reply is counted by its status without being parsed. Parsing and
// freeing a plan with its explanations was most of this client's CPU, which on a shared
// machine the server under test would otherwise have had.
class Load {
 public:
  Load(const Flags& flags, const grpc::ByteBuffer& request,
       std::vector<std::unique_ptr<grpc::GenericStub>>* stubs, Recorder* recorder,
       Clock::time_point stop_at)
      : flags_(flags),
        request_(request),
        stubs_(stubs),
        recorder_(recorder),
        stop_at_(stop_at),
        authorization_(Authorization(flags)) {}

  // Closed loop: `concurrency` chains of calls, each reply starting the next call.
  void RunClosed() {
    for (int i = 0; i < flags_.concurrency; ++i) Start(Clock::now(), /*chain=*/true);
  }

  // Open loop: a call every 1/rate seconds from now until `stop_at`.
  void RunOpen() {
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / flags_.rate));
    const Clock::time_point begin = Clock::now();
    for (int64_t i = 0;; ++i) {
      const Clock::time_point at = begin + i * interval;
      if (at >= stop_at_) break;
      std::this_thread::sleep_until(at);
      if (outstanding_.load() >= flags_.concurrency) {
        recorder_->Skip();
        continue;
      }
      Start(at, /*chain=*/false);
    }
  }

  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return outstanding_.load() == 0; });
  }

 private:
  struct Call {
    grpc::ClientContext context;
    grpc::ByteBuffer response;  // the serialized reply, never parsed
    Clock::time_point start;
  };

  void Start(Clock::time_point scheduled, bool chain) {
    outstanding_.fetch_add(1);
    auto* call = new Call;
    call->start = scheduled;
    call->context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::milliseconds(flags_.deadline_ms));
    if (!authorization_.empty()) call->context.AddMetadata("authorization", authorization_);
    grpc::GenericStub& stub = *(*stubs_)[next_stub_.fetch_add(1) % stubs_->size()];
    stub.UnaryCall(&call->context, kMethod, grpc::StubOptions(), &request_, &call->response,
                   [this, call, chain](grpc::Status status) {
                     const Clock::time_point end = Clock::now();
                     recorder_->Record(call->start, end, status.error_code());
                     delete call;
                     if (chain && end < stop_at_) Start(Clock::now(), true);
                     Finished();
                   });
  }

  void Finished() {
    if (outstanding_.fetch_sub(1) == 1) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }

  // A generic stub names the method it calls by its path.
  static inline const std::string kMethod =
      absl::StrCat("/", v1::PlannerService::service_full_name(), "/PlanPathways");

  const Flags& flags_;
  const grpc::ByteBuffer& request_;
  std::vector<std::unique_ptr<grpc::GenericStub>>* stubs_;
  Recorder* recorder_;
  const Clock::time_point stop_at_;
  const std::string authorization_;  // the metadata value, or empty without a key
  std::atomic<int> outstanding_{0};
  std::atomic<uint64_t> next_stub_{0};
  std::mutex mutex_;
  std::condition_variable done_;
};

// Nearest-rank percentile of sorted values; 0 when empty.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// CPU seconds (user + system) a process has used so far, from /proc/PID/stat; -1 when it
// cannot be read.
double ProcessCpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return -1;
  // The command name (field 2) may hold spaces; the fields after it start past the ')'.
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double OwnCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU used by the server (when its pid is known) and by this client over the measured
// window.
struct CpuSample {
  double server = -1;
  double client = 0;
};

CpuSample SampleCpu(const Flags& flags) {
  CpuSample sample;
  if (flags.server_pid > 0) sample.server = ProcessCpuSeconds(flags.server_pid);
  sample.client = OwnCpuSeconds();
  return sample;
}

int Run(const Flags& flags) {
  v1::PlanPathwaysRequest request;
  if (!flags.request_file.empty()) {
    std::ifstream in(flags.request_file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "plan_load: cannot read " << flags.request_file << "\n";
      return kUsageError;
    }
    auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &request);
    if (!parsed.ok()) {
      std::cerr << "plan_load: " << flags.request_file << ": " << parsed.ToString() << "\n";
      return kUsageError;
    }
  } else {
    request.set_learner_id(flags.learner);
  }
  if (request.start_date().empty()) request.set_start_date(flags.start_date);
  const std::string request_bytes = request.SerializeAsString();
  grpc::Slice request_slice(request_bytes);
  const grpc::ByteBuffer request_buffer(&request_slice, 1);

  // Separate connections per channel: a local subchannel pool keeps channels with equal
  // arguments from sharing one.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  for (int c = 0; c < flags.channels; ++c) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(
        grpc::CreateCustomChannel(flags.server, grpc::InsecureChannelCredentials(), arguments));
    stubs.push_back(std::make_unique<grpc::GenericStub>(channels.back()));
  }

  // The first call: the problem's size, and whether the server answers at all.
  v1::PlanPathwaysResponse first;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context.set_wait_for_ready(true);
    if (const std::string authorization = Authorization(flags); !authorization.empty()) {
      context.AddMetadata("authorization", authorization);
    }
    const grpc::Status status =
        v1::PlannerService::NewStub(channels[0])->PlanPathways(&context, request, &first);
    if (!status.ok()) {
      std::cerr << "plan_load: first call: " << services::StatusCodeName(status.error_code())
                << ": " << status.error_message() << "\n";
      return kUsageError;
    }
  }
  const v1::SolverStats& first_stats = first.stats();
  const double first_objective = first.pathways().empty() ? 0 : first.pathways(0).objective();
  const int first_steps = first.pathways().empty() ? 0 : first.pathways(0).steps_size();
  if (!flags.json) {
    std::cout << absl::StrFormat(
        "first reply: candidates %d, pathways %d, steps %d, objective %.3f, nodes %d, "
        "proven optimal %s, solver %d ms\n",
        first_stats.candidates(), first.pathways_size(), first_steps, first_objective,
        first_stats.nodes(), first_stats.proven_optimal() ? "yes" : "no", first_stats.elapsed_ms());
  }

  const Clock::time_point begin = Clock::now();
  const Clock::time_point measure_from = begin + std::chrono::duration_cast<Clock::duration>(
                                                     std::chrono::duration<double>(flags.warmup_s));
  const Clock::time_point measure_to =
      measure_from +
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(flags.duration_s));
  Recorder recorder(measure_from, measure_to);
  Load load(flags, request_buffer, &stubs, &recorder, measure_to);
  std::thread pacer;
  if (flags.rate > 0) {
    pacer = std::thread([&load] { load.RunOpen(); });
  } else {
    load.RunClosed();
  }
  std::this_thread::sleep_until(measure_from);
  const CpuSample cpu_from = SampleCpu(flags);
  std::this_thread::sleep_until(measure_to);
  const CpuSample cpu_to = SampleCpu(flags);
  if (pacer.joinable()) pacer.join();
  load.Wait();

  const std::vector<double> latencies = recorder.SortedLatencies();
  int64_t replies = 0;
  int64_t failed = 0;
  for (const auto& [code, count] : recorder.codes()) {
    replies += count;
    if (code != grpc::StatusCode::OK) failed += count;
  }
  const double rps = static_cast<double>(replies) / flags.duration_s;
  const double p50 = Percentile(latencies, 50);
  const double p90 = Percentile(latencies, 90);
  const double p99 = Percentile(latencies, 99);
  const double max = latencies.empty() ? 0 : latencies.back();
  const std::string mode = flags.rate > 0 ? "open" : "closed";
  // CPU milliseconds per reply: what the throughput would be on dedicated cores follows
  // from it when other work shares the machine.
  const double per_reply = replies > 0 ? 1000.0 / static_cast<double>(replies) : 0;
  const bool server_cpu_known = cpu_from.server >= 0 && cpu_to.server >= 0;
  const double server_cpu_ms =
      server_cpu_known ? (cpu_to.server - cpu_from.server) * per_reply : -1;
  const double client_cpu_ms = (cpu_to.client - cpu_from.client) * per_reply;

  if (flags.json) {
    nlohmann::json out;
    out["server"] = flags.server;
    out["request"] = flags.learner.empty() ? flags.request_file : flags.learner;
    out["mode"] = mode;
    out["concurrency"] = flags.concurrency;
    out["channels"] = flags.channels;
    if (flags.rate > 0) out["rate"] = flags.rate;
    out["warmup_s"] = flags.warmup_s;
    out["duration_s"] = flags.duration_s;
    out["candidates"] = first_stats.candidates();
    out["replies"] = replies;
    out["requests_per_s"] = rps;
    nlohmann::json codes = nlohmann::json::object();
    for (const auto& [code, count] : recorder.codes())
      codes[services::StatusCodeName(code)] = count;
    out["codes"] = codes;
    out["skipped"] = recorder.skipped();
    out["latency_ms"] = {{"p50", p50}, {"p90", p90}, {"p99", p99}, {"max", max}};
    out["client_cpu_ms_per_reply"] = client_cpu_ms;
    if (server_cpu_known) out["server_cpu_ms_per_reply"] = server_cpu_ms;
    std::cout << out.dump() << "\n";
  } else {
    std::cout << absl::StrFormat(
        "%s loop, concurrency %d, %d channel(s)%s, warm-up %.1f s, measured %.1f s\n", mode,
        flags.concurrency, flags.channels,
        flags.rate > 0 ? absl::StrFormat(", rate %.0f/s", flags.rate) : "", flags.warmup_s,
        flags.duration_s);
    std::cout << absl::StrFormat("requests/s %.1f (%d replies)\n", rps, replies);
    for (const auto& [code, count] : recorder.codes()) {
      std::cout << absl::StrFormat("  %-20s %d\n", services::StatusCodeName(code), count);
    }
    if (recorder.skipped() > 0) {
      std::cout << absl::StrFormat("  %-20s %d (not sent)\n", "skipped", recorder.skipped());
    }
    std::cout << absl::StrFormat("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", p50, p90,
                                 p99, max);
    std::cout << absl::StrFormat("cpu ms per reply: client %.3f", client_cpu_ms);
    if (server_cpu_known) std::cout << absl::StrFormat(", server %.3f", server_cpu_ms);
    std::cout << "\n";
  }
  return failed == 0 && replies > 0 ? 0 : kSomeFailed;
}

}  // namespace
}  // namespace credpath::bench

int main(int argc, char** argv) {
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex that gRPC locks would also
  // update the global deadlock-detection graph: CPU this client would take from the server.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  credpath::bench::Flags flags;
  const std::string error =
      credpath::bench::ParseFlags(std::vector<std::string>(argv + 1, argv + argc), flags);
  if (!error.empty()) {
    std::cerr << "plan_load: " << error << "\n" << credpath::bench::kUsage;
    return credpath::bench::kUsageError;
  }
  return credpath::bench::Run(flags);
}
