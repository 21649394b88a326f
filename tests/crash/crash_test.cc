// Crash safety: SIGKILL the server while clients send batches, restart it on the same
// file, and check that every acknowledged batch is there and no batch is there in part.
//
// Batch k upserts credentials "b<k>-0" .. "b<k>-9" in one call; after the restart, for
// every k the number present must be 0 or 10, and 10 for every batch the server
// acknowledged. Repeated over several rounds on the same file with a seeded random delay.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "credpath/v1/catalog_service.grpc.pb.h"
#include "tests/testing/records.h"
#include "tests/testing/server_process.h"

namespace credpath {
namespace {

constexpr int kPerBatch = 10;
constexpr int kClients = 4;
constexpr int kRounds = 5;

std::map<std::string, int> CountByBatch(v1::CatalogService::Stub* stub) {
  std::map<std::string, int> counts;
  std::string token;
  do {
    v1::ListCredentialsRequest request;
    request.set_page_size(1000);
    request.set_page_token(token);
    v1::ListCredentialsResponse response;
    grpc::ClientContext context;
    grpc::Status status = stub->ListCredentials(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    for (const auto& c : response.credentials()) {
      ++counts[c.id().substr(0, c.id().find('-'))];
    }
    token = response.next_page_token();
  } while (!token.empty());
  return counts;
}

TEST(CrashTest, AcknowledgedBatchesSurviveSigkillAndNoBatchIsPartial) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  testing::TempDir dir;
  const std::string db = dir.path() + "/crash.db";
  std::set<std::string> acknowledged;
  std::atomic<int> next_batch{0};

  {
    // The provider every batch refers to.
    testing::ServerProcess server(db, {"--quiet"});
    auto stub = v1::CatalogService::NewStub(server.channel());
    v1::UpsertProvidersRequest request;
    *request.add_providers() = testing::MakeProvider("p1");
    v1::UpsertProvidersResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(stub->UpsertProviders(&context, request, &response).ok());
  }

  for (int round = 0; round < kRounds; ++round) {
    testing::ServerProcess server(db, {"--quiet"});
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&] {
        auto stub = v1::CatalogService::NewStub(server.channel());
        while (!stop) {
          const std::string batch = "b" + std::to_string(next_batch++);
          v1::BatchWriteCatalogRequest request;
          for (int i = 0; i < kPerBatch; ++i) {
            *request.add_credentials() =
                testing::MakeCredential(batch + "-" + std::to_string(i), "p1");
          }
          v1::BatchWriteCatalogResponse response;
          grpc::ClientContext context;
          context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
          if (stub->BatchWriteCatalog(&context, request, &response).ok()) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged.insert(batch);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 400));
    server.Kill();
    stop = true;
    for (std::thread& t : clients) t.join();

    testing::ServerProcess restarted(db, {"--quiet"});
    auto stub = v1::CatalogService::NewStub(restarted.channel());
    std::map<std::string, int> counts = CountByBatch(stub.get());
    for (const auto& [batch, count] : counts) {
      EXPECT_EQ(count, kPerBatch) << "partial batch " << batch << " in round " << round;
    }
    for (const std::string& batch : acknowledged) {
      EXPECT_EQ(counts[batch], kPerBatch) << "acknowledged batch " << batch << " lost in round " << round;
    }
  }
  EXPECT_GT(acknowledged.size(), 0u);
}

}  // namespace
}  // namespace credpath
