// The server as a whole: health, reflection, declared-but-later RPCs, seeding, logging,
// graceful shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "credpath/v1/catalog_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/testing/server_process.h"

namespace credpath {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ServerTest, HealthIsServing) {
  testing::TempDir dir;
  testing::ServerProcess server(dir.path() + "/s.db");
  auto health = grpc::health::v1::Health::NewStub(server.channel());
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST(ServerTest, ReflectionListsTheFourServicesAndHealth) {
  testing::TempDir dir;
  testing::ServerProcess server(dir.path() + "/s.db");
  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(server.channel());
  grpc::ClientContext context;
  auto stream = reflection->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> services;
  for (const auto& s : response.list_services_response().service()) services.push_back(s.name());
  EXPECT_THAT(services, IsSupersetOf({"credpath.v1.CatalogService", "credpath.v1.LearnerService",
                                      "credpath.v1.PlannerService", "credpath.v1.CoherenceService",
                                      "grpc.health.v1.Health"}));

  // Each service can be described, so reflection-aware clients can call it.
  for (const std::string& name :
       {std::string("credpath.v1.CatalogService"), std::string("grpc.health.v1.Health")}) {
    grpc::reflection::v1alpha::ServerReflectionRequest describe;
    describe.set_file_containing_symbol(name);
    ASSERT_TRUE(stream->Write(describe));
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_GT(response.file_descriptor_response().file_descriptor_proto_size(), 0) << name;
  }
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

// Formats other than native JSON are declared and not yet built: they say so.
TEST(ServerTest, UnbuiltFormatsAnswerUnimplemented) {
  testing::TempDir dir;
  testing::ServerProcess server(dir.path() + "/s.db");
  auto catalog = v1::CatalogService::NewStub(server.channel());
  v1::ExportCatalogRequest request;
  request.set_format(v1::CATALOG_FORMAT_CTDL_JSONLD);
  v1::ExportCatalogResponse response;
  grpc::ClientContext context;
  EXPECT_EQ(catalog->ExportCatalog(&context, request, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST(ServerTest, SeedsTheDemoCatalogueOnceAndLogsEveryCall) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/demo.db";
  int64_t version = 0;
  {
    testing::ServerProcess server(db, {"--seed", CREDPATH_DEMO_CATALOG});
    auto catalog = v1::CatalogService::NewStub(server.channel());
    v1::GetCatalogStatsResponse stats;
    grpc::ClientContext context;
    ASSERT_TRUE(catalog->GetCatalogStats(&context, {}, &stats).ok());
    EXPECT_GE(stats.credentials(), 80);
    EXPECT_GE(stats.qualifications(), 3);
    EXPECT_GE(stats.providers(), 4);
    version = stats.catalog_version();
    EXPECT_EQ(server.Terminate(), 0);
    std::string log = ReadAll(server.log_path());
    EXPECT_THAT(log, HasSubstr("\"method\":\"/credpath.v1.CatalogService/GetCatalogStats\""));
    EXPECT_THAT(log, HasSubstr("\"status\":\"OK\""));
    EXPECT_THAT(log, HasSubstr("\"latency_ms\""));
  }
  // A restart on the same file keeps the catalogue and does not seed again.
  testing::ServerProcess again(db, {"--seed", CREDPATH_DEMO_CATALOG});
  auto catalog = v1::CatalogService::NewStub(again.channel());
  v1::GetCatalogStatsResponse stats;
  grpc::ClientContext context;
  ASSERT_TRUE(catalog->GetCatalogStats(&context, {}, &stats).ok());
  EXPECT_EQ(stats.catalog_version(), version);
}

TEST(ServerTest, SigtermShutsDownCleanly) {
  testing::TempDir dir;
  testing::ServerProcess server(dir.path() + "/s.db");
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace credpath
