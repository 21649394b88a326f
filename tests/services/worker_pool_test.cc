#include "services/worker_pool.h"

#include <atomic>

#include <gtest/gtest.h>

#include "absl/synchronization/notification.h"

namespace credpath::services {
namespace {

TEST(WorkerPoolTest, RunsEveryQueuedTaskBeforeDestruction) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(3, 1000);
    for (int i = 0; i < 500; ++i) ASSERT_TRUE(pool.TrySubmit([&ran] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 500);
}

TEST(WorkerPoolTest, RefusesWhenTheQueueIsFull) {
  absl::Notification release;
  absl::Notification started;
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();  // the only worker is busy; the queue is empty
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.TrySubmit([] {}));
  release.Notify();
}

}  // namespace
}  // namespace credpath::services
