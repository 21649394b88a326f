// A fixed pool of threads with a bounded queue, for work that must not run on gRPC's
// callback threads (SQLite commits, imports, planning). A full queue is reported to the
// caller, which answers RESOURCE_EXHAUSTED instead of queueing without limit.
// Thread safety: TrySubmit may be called from any thread. The destructor drains the queue.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace credpath::services {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (and `task` dropped) when max_queued tasks are already waiting.
  bool TrySubmit(std::function<void()> task) ABSL_LOCKS_EXCLUDED(mutex_);

 private:
  void Run();

  const size_t max_queued_;
  absl::Mutex mutex_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace credpath::services
