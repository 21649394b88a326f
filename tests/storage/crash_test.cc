// A writer process killed with SIGKILL in the middle of its batches: every batch it had
// acknowledged is in the file, and no part of the batch it was writing is.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_store.h"
#include "tests/storage/store_test_support.h"

namespace credpath::storage {
namespace {

constexpr int kCredentialsPerBatch = 200;

// Batch n gives every credential the title n, so a half-written batch shows as two titles.
CatalogWrite Batch(int64_t n) {
  CatalogWrite write;
  write.upsert_providers = {testing::FullProvider("P")};
  for (int c = 0; c < kCredentialsPerBatch; ++c) {
    core::Credential credential = testing::FullCredential(absl::StrCat("C", c), "P", "");
    credential.title = absl::StrCat(n);
    write.upsert_credentials.push_back(std::move(credential));
  }
  return write;
}

// Runs in the child: writes batches and reports each committed version on `ack`.
[[noreturn]] void WriteUntilKilled(const std::string& path, int ack) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  if (!store.ok()) _exit(2);
  for (int64_t n = 1; n < 100000; ++n) {
    absl::StatusOr<int64_t> version = (*store)->ApplyCatalogWrite(Batch(n));
    if (!version.ok()) _exit(3);
    if (write(ack, &*version, sizeof(int64_t)) != static_cast<ssize_t>(sizeof(int64_t))) _exit(4);
  }
  _exit(0);
}

TEST(StoreCrashTest, KilledWriterLosesNoAcknowledgedBatch) {
  testing::TempDir dir;
  const std::string path = dir.File("crash.db");
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    WriteUntilKilled(path, pipe_fds[1]);
  }
  close(pipe_fds[1]);
  // Wait for a few acknowledged batches, then kill the writer in the middle of the next.
  int64_t acknowledged = 0;
  while (acknowledged < 5) {
    int64_t version = 0;
    if (read(pipe_fds[0], &version, sizeof(version)) != static_cast<ssize_t>(sizeof(version)))
      break;
    acknowledged = version;
  }
  kill(child, SIGKILL);
  int wait_status = 0;
  waitpid(child, &wait_status, 0);
  close(pipe_fds[0]);
  ASSERT_EQ(acknowledged, 5) << "the writer stopped early, exit status " << wait_status;
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "exit status " << wait_status;

  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<CatalogData> data = (*store)->LoadCatalog();
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_GE(data->version, acknowledged);
  ASSERT_EQ(data->credentials.size(), static_cast<size_t>(kCredentialsPerBatch));
  for (const core::Credential& c : data->credentials) {
    ASSERT_EQ(c.title, absl::StrCat(data->version)) << c.id;
  }
}

}  // namespace
}  // namespace credpath::storage
